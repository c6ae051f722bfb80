"""A rede de transformação de Johnson, Alahi e Fei-Fei (2016): estiliza uma foto numa só passada.

Arquitetura: três convoluções (a 2ª e a 3ª reduzem pela metade), blocos residuais, duas ampliações
(vizinho mais próximo + convolução, que evita o xadrez da convolução transposta) e uma convolução
final com sigmoide, que devolve RGB em [0, 1]. Normalização de instância (``GroupNormalization`` com
um grupo por canal) e preenchimento por reflexão em todas as convoluções.
"""

import json
import os
import tempfile
import zipfile
from pathlib import Path

import keras
import tensorflow as tf

from estilo.nucleo import imagens
from estilo.nucleo.erros import ErroParametro, ErroSaida

MULTIPLO = 4
"""O lado da entrada é completado (por reflexão) até um múltiplo disto: duas reduções por 2."""

INFO_ZIP = "estilo_info.json"
"""Arquivo extra, dentro do .keras, com o que a rede aprendeu (pintura, tamanho, passos...)."""


class PreenchimentoReflexivo(keras.layers.Layer):
    """Completa as bordas espelhando a imagem (``tf.pad`` com ``mode='REFLECT'``)."""

    def __init__(self, margem=1, **kwargs):
        super().__init__(**kwargs)
        self.margem = int(margem)

    def call(self, x):
        m = self.margem
        return tf.pad(x, [[0, 0], [m, m], [m, m], [0, 0]], mode="REFLECT")

    def compute_output_shape(self, forma):
        m = 2 * self.margem
        return (forma[0], None if forma[1] is None else forma[1] + m, None if forma[2] is None else forma[2] + m,
                forma[3])

    def get_config(self):
        return {**super().get_config(), "margem": self.margem}


OBJETOS = {"PreenchimentoReflexivo": PreenchimentoReflexivo}
"""Camadas próprias, para ``keras.models.load_model(..., custom_objects=OBJETOS)``."""


def _conv(x, filtros, tamanho, passo, nome, normalizar=True, ativacao="relu"):
    x = PreenchimentoReflexivo(tamanho // 2, name=f"{nome}_reflexo")(x)
    x = keras.layers.Conv2D(filtros, tamanho, strides=passo, padding="valid", name=f"{nome}_conv")(x)
    if normalizar:
        x = keras.layers.GroupNormalization(groups=-1, epsilon=1e-5, name=f"{nome}_norm")(x)
    if ativacao:
        x = keras.layers.Activation(ativacao, name=f"{nome}_{ativacao}")(x)
    return x


def construir_rede(filtros=32, blocos=5, nome="rede_rapida") -> keras.Model:
    """Rede de transformação: (B, H, W, 3) em [0, 1] -> (B, H, W, 3) em [0, 1], H e W múltiplos de 4.

    ``filtros`` é a largura da 1ª camada (o artigo usa 32; as seguintes têm 2× e 4×) e ``blocos`` o
    número de blocos residuais (o artigo usa 5). Use ``estilizar`` para imagens de qualquer tamanho.
    """
    for rotulo, valor, maximo in (("filtros", filtros, 256), ("blocos", blocos, 16)):
        if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= maximo:
            raise ErroParametro(f"{rotulo} deve ser um inteiro entre 1 e {maximo}, não {valor!r}.")
    entrada = keras.Input((None, None, 3), name="foto")
    x = keras.layers.Rescaling(2.0, offset=-1.0, name="para_menos1_1")(entrada)
    x = _conv(x, filtros, 9, 1, "entrada")
    x = _conv(x, 2 * filtros, 3, 2, "reduz1")
    x = _conv(x, 4 * filtros, 3, 2, "reduz2")
    for b in range(1, blocos + 1):
        y = _conv(x, 4 * filtros, 3, 1, f"residuo{b}a")
        y = _conv(y, 4 * filtros, 3, 1, f"residuo{b}b", ativacao=None)
        x = keras.layers.Add(name=f"residuo{b}_soma")([x, y])
    for i, largura in ((1, 2 * filtros), (2, filtros)):
        x = keras.layers.UpSampling2D(2, interpolation="nearest", name=f"amplia{i}_vizinho")(x)
        x = _conv(x, largura, 3, 1, f"amplia{i}")
    x = _conv(x, 3, 9, 1, "saida", normalizar=False, ativacao="sigmoid")
    return keras.Model(entrada, x, name=nome)


def _completar(imagem):
    """Reflete as bordas até H e W múltiplos de MULTIPLO; devolve (imagem, altura, largura) originais."""
    altura, largura = int(imagem.shape[1]), int(imagem.shape[2])
    falta_h, falta_w = -altura % MULTIPLO, -largura % MULTIPLO
    if falta_h or falta_w:
        imagem = tf.pad(imagem, [[0, 0], [0, falta_h], [0, falta_w], [0, 0]], mode="REFLECT")
    return imagem, altura, largura


def estilizar(rede, imagem, lado_maximo=None) -> tf.Tensor:
    """Estiliza uma imagem (caminho, URL, PIL, numpy ou tensor) numa passada; devolve (1, H, W, 3) em [0, 1].

    Qualquer tamanho serve: as bordas são completadas por reflexão e cortadas de volta.
    """
    if not isinstance(rede, keras.Model):
        raise ErroParametro(f"rede deve ser um keras.Model (veja construir_rede ou carregar_rede), não {type(rede).__name__}.")
    t = imagens.carregar(imagem, lado_maximo=lado_maximo)
    completa, altura, largura = _completar(t)
    saida = rede(completa, training=False)
    return tf.clip_by_value(tf.cast(saida[:, :altura, :largura, :], tf.float32), 0.0, 1.0)


def _conferir_caminho(caminho):
    caminho = Path(caminho).expanduser()
    if caminho.suffix.lower() != ".keras":
        raise ErroParametro(f"A rede é salva no formato do Keras: use um nome terminado em .keras, não '{caminho.name}'.")
    return caminho


def salvar_rede(rede, caminho, info=None, sobrescrever=False) -> Path:
    """Salva a rede em ``caminho`` (.keras), com ``info`` (um dict) dentro do arquivo; escrita atômica."""
    caminho = _conferir_caminho(caminho)
    if caminho.exists() and not sobrescrever:
        raise ErroSaida(f"O arquivo '{caminho}' já existe e não vou sobrescrevê-lo: escolha outro nome ou use sobrescrever.")
    try:
        caminho.parent.mkdir(parents=True, exist_ok=True)
        fd, temporario = tempfile.mkstemp(dir=caminho.parent, prefix=f".{caminho.stem}-", suffix=".keras")
        os.close(fd)
    except OSError as exc:
        raise ErroSaida(f"Não consegui escrever na pasta '{caminho.parent}' ({exc.strerror or exc}).") from None
    try:
        rede.save(temporario)
        with zipfile.ZipFile(temporario, "a") as z:
            z.writestr(INFO_ZIP, json.dumps(info or {}, ensure_ascii=False, indent=1))
        os.replace(temporario, caminho)
    except OSError as exc:
        raise ErroSaida(f"Não consegui salvar a rede em '{caminho}' ({exc.strerror or exc}).") from None
    finally:
        if os.path.exists(temporario):
            os.unlink(temporario)
    return caminho


def info_rede(caminho) -> dict:
    """O dict gravado por ``salvar_rede`` (vazio se o arquivo não tiver)."""
    try:
        with zipfile.ZipFile(caminho) as z:
            if INFO_ZIP in z.namelist():
                return json.loads(z.read(INFO_ZIP).decode("utf-8"))
    except (OSError, zipfile.BadZipFile, ValueError):
        pass
    return {}


def carregar_rede(caminho) -> keras.Model:
    """Lê uma rede salva por ``salvar_rede`` (ou ``rede.save``), com erros claros em português."""
    caminho = _conferir_caminho(caminho)
    if not caminho.is_file():
        raise ErroParametro(f"Rede não encontrada: '{caminho}'. Treine uma com `python -m estilo treinar`.")
    if not zipfile.is_zipfile(caminho):
        raise ErroParametro(f"'{caminho}' não é um arquivo .keras válido (devia ser um zip salvo pelo Keras).")
    try:
        rede = keras.models.load_model(caminho, custom_objects=OBJETOS, compile=False)
    except Exception as exc:  # noqa: BLE001 - o Keras lança tipos variados para arquivos estranhos
        raise ErroParametro(f"Não consegui ler a rede em '{caminho}': {exc}") from None
    formas = (tuple(rede.input_shape), tuple(rede.output_shape)) if hasattr(rede, "input_shape") else None
    if formas is None or formas[0][-1] != 3 or formas[1][-1] != 3:
        raise ErroParametro(f"'{caminho}' é um modelo Keras, mas não uma rede de estilo (imagem RGB -> imagem RGB).")
    return rede
