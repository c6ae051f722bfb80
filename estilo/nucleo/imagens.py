"""Imagens do pacote: carregar, redimensionar, colar lado a lado, converter e salvar.

Convenção única do pacote: um ``tf.Tensor`` float32 de forma (1, H, W, 3),
RGB em [0, 1]. A leitura fica em ``leitura``/``pixels``, as conversões em
``conversao`` e a gravação em ``saida``; os nomes públicos moram aqui.
"""

import os
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf
from PIL import Image

from estilo.nucleo import download
from estilo.nucleo.conversao import _para_tensor, como_tensor, de_numpy, para_numpy, para_pil
from estilo.nucleo.erros import ErroImagem, ErroParametro
from estilo.nucleo.leitura import (
    EXTENSOES,
    LADO_MAXIMO_ABSOLUTO,
    LADO_MAXIMO_SEGURO,
    LIMITE_PIXELS,
    _abrir_arquivo,
    _pil_em_array,
    _planejar_tamanho,
    _sem_limite_do_pil,  # noqa: F401 - a linha de comando o usa
    _validar_lados,
    arquivos_de_imagem,
)
from estilo.nucleo.saida import EXTENSOES_SAIDA, caminho_livre, salvar, verificar_saida
from estilo.nucleo.validacao import inteiro

__all__ = [
    "EXTENSOES", "EXTENSOES_SAIDA", "LADO_MAXIMO_ABSOLUTO", "LADO_MAXIMO_SEGURO", "LIMITE_BYTES_URL", "LIMITE_PIXELS",
    "arquivos_de_imagem", "caminho_livre", "carregar", "como_tensor", "de_numpy", "lado_a_lado", "para_numpy", "para_pil",
    "redimensionar", "salvar", "verificar_saida",
]

LIMITE_BYTES_URL = 256 * 1024 * 1024
"""Tamanho máximo de um download feito por ``carregar(url)``."""


def _carregar_url(url, lado_maximo, lado_minimo):
    """Baixa a imagem de uma URL para um arquivo temporário e a lê."""
    url = url.strip()
    nome = Path(url.split("?", 1)[0]).name or "imagem"
    with tempfile.TemporaryDirectory(prefix="estilo-url-") as pasta:
        destino = Path(pasta) / nome
        download.baixar(url, destino, sha256=None, limite_bytes=LIMITE_BYTES_URL)
        return _abrir_arquivo(destino, lado_maximo, lado_minimo, rotulo=url)


def carregar(origem, lado_maximo=None, lado_minimo=32):
    """Carrega uma imagem (caminho, URL, PIL, numpy ou tensor) como tensor (1, H, W, 3) float32 em [0, 1].

    O lado maior fica com no máximo ``lado_maximo`` px (proporção mantida); sem
    ``lado_maximo``, imagens maiores que ``LADO_MAXIMO_SEGURO`` são reduzidas com
    aviso. Imagens cujo lado menor é menor que ``lado_minimo`` são ampliadas com aviso.
    """
    lado_maximo, lado_minimo = _validar_lados(lado_maximo, lado_minimo)
    if download.e_url(origem):
        arr = _carregar_url(origem, lado_maximo, lado_minimo)
    elif isinstance(origem, (str, os.PathLike)):
        if isinstance(origem, str) and not origem.strip():
            raise ErroImagem("O caminho da imagem está vazio; passe o nome de um arquivo ou uma URL.")
        arr = _abrir_arquivo(origem, lado_maximo, lado_minimo)
    elif isinstance(origem, (bytes, bytearray)):
        raise ErroImagem(
            "Recebi bytes em vez de uma imagem; abra-os com PIL.Image.open(io.BytesIO(dados)) "
            "e passe a imagem."
        )
    elif isinstance(origem, Image.Image):
        arr = _pil_em_array(origem, "A imagem PIL", lado_maximo, lado_minimo, reduzir=True)
    else:
        t = como_tensor(origem)
        _, altura, largura, _ = t.shape
        nova = _planejar_tamanho(largura, altura, lado_maximo, lado_minimo, "A imagem")
        if nova != (largura, altura):
            t = redimensionar(t, tamanho=(nova[1], nova[0]))
        return t
    return _para_tensor(arr)


def redimensionar(imagem, lado_maximo=None, tamanho=None):
    """Redimensiona um tensor para ``tamanho=(altura, largura)`` exato ou para lado maior = ``lado_maximo``.

    Com ``lado_maximo`` a proporção é mantida (reduz ou amplia); o resultado fica em [0, 1].
    """
    if (lado_maximo is None) == (tamanho is None):
        raise ErroParametro("Passe exatamente um entre lado_maximo e tamanho=(altura, largura).")
    t = como_tensor(imagem)
    altura, largura = int(t.shape[1]), int(t.shape[2])
    if tamanho is not None:
        if not isinstance(tamanho, (tuple, list)) or len(tamanho) != 2:
            raise ErroParametro(f"tamanho deve ser (altura, largura), mas recebi {tamanho!r}.")
        nova_altura = inteiro("a altura em tamanho", tamanho[0], 1, LADO_MAXIMO_ABSOLUTO)
        nova_largura = inteiro("a largura em tamanho", tamanho[1], 1, LADO_MAXIMO_ABSOLUTO)
    else:
        lado = inteiro("lado_maximo", lado_maximo, 1, LADO_MAXIMO_ABSOLUTO)
        escala = lado / max(altura, largura)
        nova_altura = max(1, round(altura * escala))
        nova_largura = max(1, round(largura * escala))
    if (nova_altura, nova_largura) == (altura, largura):
        return t
    reduz = nova_altura <= altura and nova_largura <= largura
    metodo = "bilinear" if reduz else "bicubic"
    t = tf.image.resize(t, (nova_altura, nova_largura), method=metodo, antialias=reduz)
    return tf.clip_by_value(tf.cast(t, tf.float32), 0.0, 1.0)


def lado_a_lado(imagens, altura=None):
    """Cola imagens lado a lado (na horizontal) numa só, todas com a mesma altura (padrão: a menor)."""
    if isinstance(imagens, (str, os.PathLike, np.ndarray, Image.Image)) or tf.is_tensor(imagens):
        imagens = [imagens]
    imagens = list(imagens)
    if not imagens:
        raise ErroParametro("lado_a_lado precisa de pelo menos uma imagem.")
    tensores = [carregar(x) if isinstance(x, (str, os.PathLike)) else como_tensor(x) for x in imagens]
    if altura is None:
        altura = min(int(t.shape[1]) for t in tensores)
    else:
        altura = inteiro("altura", altura, 1, LADO_MAXIMO_ABSOLUTO)
    ajustadas = []
    for t in tensores:
        h, w = int(t.shape[1]), int(t.shape[2])
        largura = max(1, round(w * altura / h))
        ajustadas.append(redimensionar(t, tamanho=(altura, largura)))
    return tf.concat(ajustadas, axis=2)
