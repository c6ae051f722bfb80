"""Entrada e saída de pixels: carregar, redimensionar, converter e salvar imagens.

Convenção única do pacote: um ``tf.Tensor`` float32 de forma (1, H, W, 3),
RGB em [0, 1].
"""

import contextlib
import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import tensorflow as tf
from PIL import Image, ImageOps, UnidentifiedImageError

from estilo.nucleo import download
from estilo.nucleo.erros import AvisoEstilo, ErroImagem, ErroParametro, ErroSaida
from estilo.nucleo.validacao import inteiro

LADO_MAXIMO_SEGURO = 4096
"""Lado maior usado quando ``lado_maximo`` não é dado e a imagem é maior que isso."""

LADO_MAXIMO_ABSOLUTO = 16384
"""Maior valor aceito para ``lado_maximo``."""

LIMITE_PIXELS = 400_000_000
"""Imagens com mais pixels que isso (400 megapixels) são recusadas."""

LIMITE_BYTES_URL = 256 * 1024 * 1024
"""Tamanho máximo de um download feito por ``carregar(url)``."""

EXTENSOES_SAIDA = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}

_FORMAS_ACEITAS = "(H, W), (H, W, 1), (H, W, 3), (H, W, 4), (1, H, W, 3) ou (1, H, W, 4)"


def _avisar(mensagem):
    """Emite AvisoEstilo apontando para a primeira linha fora do pacote (o código do usuário)."""
    pasta = os.path.dirname(os.path.abspath(__file__))
    nivel, quadro = 2, sys._getframe(1)
    while quadro is not None and os.path.dirname(os.path.abspath(quadro.f_code.co_filename)) == pasta:
        quadro = quadro.f_back
        nivel += 1
    warnings.warn(mensagem, AvisoEstilo, stacklevel=nivel)


def _validar_lados(lado_maximo, lado_minimo):
    """Valida ``lado_maximo`` e ``lado_minimo`` de ``carregar``."""
    if lado_maximo is not None:
        lado_maximo = inteiro("lado_maximo", lado_maximo, 1, LADO_MAXIMO_ABSOLUTO)
    if lado_minimo is not None:
        lado_minimo = inteiro("lado_minimo", lado_minimo, 1, LADO_MAXIMO_ABSOLUTO)
    limite = lado_maximo if lado_maximo is not None else LADO_MAXIMO_SEGURO
    if lado_minimo is not None and lado_minimo > limite:
        raise ErroParametro(
            f"lado_minimo={lado_minimo} é maior que lado_maximo={limite}. "
            "Escolha lado_minimo menor ou igual a lado_maximo."
        )
    return lado_maximo, lado_minimo


def _planejar_tamanho(largura, altura, lado_maximo, lado_minimo, descricao):
    """Decide o tamanho final (largura, altura), avisando quando reduz ou amplia por conta própria.

    O lado maior nunca passa de ``lado_maximo`` (ou de ``LADO_MAXIMO_SEGURO``); quando
    a proporção impede o lado menor de chegar a ``lado_minimo``, vale ``lado_maximo``.
    """
    maior, menor = max(largura, altura), min(largura, altura)
    limite = lado_maximo if lado_maximo is not None else LADO_MAXIMO_SEGURO
    escala = limite / maior if maior > limite else 1.0
    conflito = False
    if lado_minimo is not None and round(menor * escala) < lado_minimo:
        if maior * lado_minimo <= limite * menor:
            escala = lado_minimo / menor
        else:
            conflito = True
            escala = limite / maior
    if escala == 1.0:
        nova = (largura, altura)
    else:
        nova = (max(1, round(largura * escala)), max(1, round(altura * escala)))
    if conflito:
        _avisar(
            f"{descricao} ({largura}×{altura} px) é estreita demais para os limites: com o lado maior em "
            f"{limite} px, o lado menor fica com {min(nova)} px, abaixo de lado_minimo={lado_minimo}. "
            f"Usei {nova[0]}×{nova[1]} px; recorte a imagem ou ajuste lado_maximo/lado_minimo."
        )
    elif escala > 1.0:
        _avisar(
            f"{descricao} é muito pequena ({largura}×{altura} px); ampliei para "
            f"{nova[0]}×{nova[1]} px para que o lado menor tenha {lado_minimo} px "
            "(a rede precisa de um tamanho mínimo). Use uma imagem maior para um resultado melhor."
        )
    elif escala < 1.0 and lado_maximo is None:
        _avisar(
            f"{descricao} é muito grande ({largura}×{altura} px); reduzi para "
            f"{nova[0]}×{nova[1]} px (lado maior {LADO_MAXIMO_SEGURO}, o LADO_MAXIMO_SEGURO). "
            "Passe lado_maximo=... para escolher outro tamanho."
        )
    return nova


# ---------------------------------------------------------------------------
# Conversões em memória
# ---------------------------------------------------------------------------


def _array_para_float(arr, descricao="a imagem"):
    """Converte um array numpy em float32 no intervalo [0, 1] conforme o dtype."""
    if arr.size == 0:
        raise ErroImagem(f"{descricao} está vazia (forma {arr.shape}).")
    if arr.dtype == np.bool_:
        return arr.astype(np.float32)
    if arr.dtype == np.uint8:
        return arr.astype(np.float32) / 255.0
    if arr.dtype == np.uint16:
        return arr.astype(np.float32) / 65535.0
    if np.issubdtype(arr.dtype, np.integer):
        minimo, maximo = int(arr.min()), int(arr.max())
        if minimo < 0 or maximo > 65535:
            raise ErroImagem(
                f"{descricao} tem inteiros fora de [0, 65535] (de {minimo} a {maximo}); "
                "converta para uint8 (0–255) ou para float em [0, 1]."
            )
        escala = 255.0 if maximo <= 255 else 65535.0
        return arr.astype(np.float32) / escala
    if np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float32)
        if not np.all(np.isfinite(arr)):
            raise ErroImagem(
                f"{descricao} contém NaN ou infinito; confira o cálculo que a gerou "
                "(valores válidos são floats em [0, 1])."
            )
        minimo, maximo = float(arr.min()), float(arr.max())
        if minimo < -0.01 or maximo > 1.01:
            dica = " Parece estar em [0, 255]: divida por 255." if maximo > 1.5 else ""
            _avisar(
                f"{descricao} tem valores fora de [0, 1] (de {minimo:.3g} a {maximo:.3g}); "
                f"cortei para [0, 1].{dica}"
            )
        return np.clip(arr, 0.0, 1.0)
    raise ErroImagem(
        f"{descricao} tem tipo de dado {arr.dtype} que não sei interpretar; "
        "use uint8 (0–255), uint16 (0–65535) ou float em [0, 1]."
    )


def _compor_sobre_branco(arr):
    """(H, W, 4) ou (H, W, 2) em [0, 1] -> cores compostas sobre fundo branco."""
    cor, alfa = arr[..., :-1], arr[..., -1:]
    return cor * alfa + (1.0 - alfa)


def _array_para_hw3(arr, descricao="a imagem"):
    """Converte um array float em [0, 1] de forma aceita em (H, W, 3)."""
    if arr.ndim == 4:
        if arr.shape[0] != 1:
            raise ErroImagem(
                f"{descricao} é um lote de {arr.shape[0]} imagens; passe uma de cada vez "
                f"(forma esperada {_FORMAS_ACEITAS})."
            )
        arr = arr[0]
    if arr.ndim == 2:
        arr = arr[..., None]
    if arr.ndim != 3 or arr.shape[-1] not in (1, 2, 3, 4) or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ErroImagem(
            f"{descricao} tem forma {tuple(arr.shape)}, que não é de imagem; "
            f"formas aceitas: {_FORMAS_ACEITAS}."
        )
    canais = arr.shape[-1]
    if canais in (2, 4):
        arr = _compor_sobre_branco(arr)
    if arr.shape[-1] == 1:
        arr = np.repeat(arr, 3, axis=-1)
    return arr


def _pil_para_array(img, descricao="a imagem"):
    """Converte uma PIL.Image já carregada (qualquer modo) em float32 (H, W, 3) em [0, 1]."""
    modo = img.mode
    if modo == "RGB":
        return np.asarray(img, dtype=np.float32) / 255.0
    if modo in ("I;16", "I;16L", "I;16B", "I;16N"):
        arr = np.asarray(img).astype(np.float32) / 65535.0
        return np.repeat(arr[..., None], 3, axis=-1)
    if modo == "I":
        bruto = np.asarray(img).astype(np.int64)
        minimo, maximo = int(bruto.min()), int(bruto.max())
        if minimo < 0:
            raise ErroImagem(f"{descricao} tem pixels negativos; não sei interpretá-los.")
        if img.format == "PNG" or 255 < maximo <= 65535:
            escala = 65535.0
        elif maximo <= 255:
            escala = 255.0
        else:
            escala = float(maximo)
            _avisar(f"{descricao} tem inteiros de 32 bits (até {maximo}); normalizei pelo máximo.")
        arr = np.clip(bruto.astype(np.float32) / escala, 0.0, 1.0)
        return np.repeat(arr[..., None], 3, axis=-1)
    if modo == "F":
        arr = np.asarray(img, dtype=np.float32)
        if not np.all(np.isfinite(arr)):
            raise ErroImagem(f"{descricao} contém NaN ou infinito.")
        maximo = float(arr.max()) if arr.size else 0.0
        escala = 1.0 if maximo <= 1.0 else 255.0 if maximo <= 255.0 else 65535.0
        arr = np.clip(arr / escala, 0.0, 1.0)
        return np.repeat(arr[..., None], 3, axis=-1)
    if modo == "P" and ("transparency" in img.info or img.palette and img.palette.mode == "RGBA"):
        img = img.convert("RGBA")
    elif modo in ("LA", "La", "PA", "RGBa"):
        img = img.convert("RGBA")
    if img.mode == "RGBA":
        fundo = Image.new("RGBA", img.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(fundo, img).convert("RGB"), dtype=np.float32) / 255.0
    try:
        return np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0
    except (ValueError, OSError) as exc:
        raise ErroImagem(
            f"{descricao} está no modo de cor '{modo}', que não consigo converter para RGB "
            f"({exc}). Converta-a para RGB num editor de imagens."
        ) from None


def _redimensionar_array(arr, largura, altura):
    """Redimensiona um float32 (H, W, 3) com o filtro Lanczos do PIL, canal a canal."""
    if arr.shape[1] == largura and arr.shape[0] == altura:
        return arr
    filtro = Image.LANCZOS if largura < arr.shape[1] else Image.BICUBIC
    canais = [
        np.asarray(Image.fromarray(np.ascontiguousarray(arr[..., c])).resize((largura, altura), filtro))
        for c in range(arr.shape[-1])
    ]
    return np.clip(np.stack(canais, axis=-1), 0.0, 1.0).astype(np.float32)


def _redimensionar_pil(img, largura, altura):
    """Redimensiona uma PIL.Image RGB (Lanczos + reducing_gap ao reduzir, bicúbico ao ampliar)."""
    if img.size == (largura, altura):
        return img
    if largura < img.width:
        return img.resize((largura, altura), Image.LANCZOS, reducing_gap=3.0)
    return img.resize((largura, altura), Image.BICUBIC)


def _para_tensor(arr):
    """float32 (H, W, 3) -> tf.Tensor (1, H, W, 3)."""
    return tf.convert_to_tensor(np.ascontiguousarray(arr[None, ...], dtype=np.float32))


def _tensor_na_convencao(x):
    """Valida um tf.Tensor (1, H, W, 3) float e devolve float32 cortado em [0, 1], sem passar pelo NumPy."""
    x = tf.cast(x, tf.float32)
    if tf.executing_eagerly() and not bool(tf.reduce_all(tf.math.is_finite(x))):
        raise ErroImagem(
            "O tensor contém NaN ou infinito; confira o cálculo que o gerou "
            "(valores válidos são floats em [0, 1])."
        )
    return tf.clip_by_value(x, 0.0, 1.0)


def como_tensor(x):
    """Converte uma imagem em memória (PIL, numpy ou tf.Tensor) para a convenção (1, H, W, 3) float32 em [0, 1]."""
    if isinstance(x, Image.Image):
        return _para_tensor(_pil_em_array(x, "A imagem PIL"))
    if tf.is_tensor(x) or isinstance(x, tf.Variable):
        forma = tuple(x.shape)
        if (
            x.dtype.is_floating
            and len(forma) == 4
            and forma[0] == 1
            and forma[-1] == 3
        ):
            return _tensor_na_convencao(x)
        x = x.numpy()
    if isinstance(x, (list, tuple)):
        x = np.asarray(x)
    if isinstance(x, np.ndarray):
        arr = _array_para_float(x, "O array")
        return _para_tensor(_array_para_hw3(arr, "O array"))
    raise ErroImagem(
        f"Não sei usar um objeto do tipo {type(x).__name__} como imagem. "
        "Passe um caminho, uma URL, uma PIL.Image, um array NumPy ou um tf.Tensor (1, H, W, 3)."
    )


def de_numpy(arr):
    """Converte um array NumPy (uint8, uint16 ou float em [0, 1]) em tensor na convenção."""
    if not isinstance(arr, np.ndarray):
        raise ErroParametro(f"de_numpy espera um numpy.ndarray, mas recebi {type(arr).__name__}.")
    return como_tensor(arr)


def para_numpy(imagem):
    """Converte uma imagem na convenção em array uint8 (H, W, 3)."""
    t = como_tensor(imagem)
    arr = np.asarray(t)[0]
    return np.round(np.clip(arr, 0.0, 1.0) * 255.0).astype(np.uint8)


def para_pil(imagem):
    """Converte uma imagem na convenção em PIL.Image RGB."""
    return Image.fromarray(para_numpy(imagem))


# ---------------------------------------------------------------------------
# Leitura de arquivos
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def _sem_limite_do_pil():
    """Desliga o DecompressionBombError do PIL só durante a nossa leitura (o limite é nosso)."""
    anterior = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = anterior


def _orientacao_exif(img):
    """Valor da tag EXIF Orientation (1 quando ausente ou ilegível)."""
    try:
        return int(img.getexif().get(0x0112, 1) or 1)
    except Exception:  # EXIF malformado não deve impedir a leitura
        return 1


def _primeiro_quadro(img, descricao):
    """Posiciona no primeiro quadro de uma animação, avisando (MPO de câmera não conta)."""
    quadros = getattr(img, "n_frames", 1) or 1
    if quadros > 1:
        if getattr(img, "format", None) != "MPO":
            _avisar(f"{descricao} tem {quadros} quadros (animação ou várias páginas); usei só o primeiro.")
        img.seek(0)


def _checar_pixels(largura, altura, descricao):
    """Recusa imagens gigantes antes de decodificá-las."""
    if largura * altura > LIMITE_PIXELS:
        raise ErroImagem(
            f"{descricao} é grande demais ({largura}×{altura} px, "
            f"{largura * altura / 1e6:.0f} megapixels; o limite é {LIMITE_PIXELS / 1e6:.0f}). "
            "Reduza-a num editor de imagens antes de usar."
        )


def _pil_em_array(img, descricao, lado_maximo=None, lado_minimo=None, reduzir=False):
    """Leva uma PIL.Image (aberta ou já carregada) ao array final (H, W, 3), com tamanho ajustado."""
    with _sem_limite_do_pil():
        _primeiro_quadro(img, descricao)
        largura, altura = img.size
        orientacao = _orientacao_exif(img)
        if orientacao in (5, 6, 7, 8):
            largura, altura = altura, largura
        _checar_pixels(largura, altura, descricao)
        if reduzir:
            nova = _planejar_tamanho(largura, altura, lado_maximo, lado_minimo, descricao)
        else:
            nova = (largura, altura)
        if nova[0] < largura and getattr(img, "format", None) in ("JPEG", "MPO"):
            # decodifica o JPEG já reduzido (1/2, 1/4, 1/8): poupa memória em fotos enormes
            alvo = (nova[0], nova[1]) if (largura, altura) == img.size else (nova[1], nova[0])
            img.draft(None, alvo)
        img.load()
        if orientacao != 1:
            try:
                img = ImageOps.exif_transpose(img)
            except Exception:  # EXIF malformado: segue sem girar
                _avisar(f"Não consegui aplicar a orientação EXIF de {descricao}; usei a imagem como está.")
        if img.mode in ("RGB", "L"):
            # redimensiona no modo original (mais barato) e só depois converte
            img = _redimensionar_pil(img, *nova).convert("RGB")
        elif img.mode in ("RGBA", "P", "LA", "PA", "CMYK", "YCbCr", "1", "La", "RGBa"):
            arr = _pil_para_array(img, descricao)
            img = _redimensionar_pil(Image.fromarray(np.round(arr * 255.0).astype(np.uint8)), *nova)
        else:  # 16 e 32 bits: mantém a precisão em float
            return _redimensionar_array(_pil_para_array(img, descricao), *nova)
        arr = np.asarray(img, dtype=np.float32)
        arr *= 1.0 / 255.0
        return arr


def _descrever_conteudo(caminho):
    """Palpite sobre o que é um arquivo que não é imagem (texto, HTML...)."""
    try:
        with open(caminho, "rb") as f:
            inicio = f.read(512)
    except OSError:
        return ""
    if inicio.lstrip().lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return " Parece uma página HTML ou XML (talvez um download que falhou)."
    try:
        inicio.decode("utf-8")
        return " Parece um arquivo de texto."
    except UnicodeDecodeError:
        return ""


def _abrir_arquivo(caminho, lado_maximo, lado_minimo, rotulo=None):
    """Lê um arquivo de imagem do disco, com mensagens claras para cada falha."""
    caminho = Path(caminho).expanduser()
    descricao = f"A imagem '{rotulo or caminho}'"
    if not caminho.exists():
        raise ErroImagem(
            f"Arquivo não encontrado: '{caminho}'. Confira o nome e a pasta "
            f"(a pasta atual é '{Path.cwd()}')."
        )
    if caminho.is_dir():
        raise ErroImagem(f"'{caminho}' é uma pasta, não um arquivo de imagem; passe o caminho de um arquivo.")
    if caminho.stat().st_size == 0:
        raise ErroImagem(f"O arquivo '{rotulo or caminho}' está vazio (0 bytes); baixe ou copie a imagem de novo.")
    with _sem_limite_do_pil():
        try:
            img = Image.open(caminho)
        except UnidentifiedImageError:
            raise ErroImagem(
                f"O arquivo '{rotulo or caminho}' não é uma imagem que eu consiga ler "
                f"(formatos comuns: JPEG, PNG, GIF, BMP, WebP, TIFF).{_descrever_conteudo(caminho)}"
            ) from None
        except PermissionError:
            raise ErroImagem(f"Sem permissão para ler '{caminho}'; confira as permissões do arquivo.") from None
        except OSError as exc:
            raise ErroImagem(f"Não consegui abrir '{rotulo or caminho}': {exc}.") from None
        with img:
            try:
                return _pil_em_array(img, descricao, lado_maximo, lado_minimo, reduzir=True)
            except (ErroImagem, ErroParametro):
                raise
            except MemoryError:
                raise ErroImagem(
                    f"Memória insuficiente para ler {descricao}; passe um lado_maximo menor (por exemplo 1024)."
                ) from None
            except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError) as exc:
                raise ErroImagem(
                    f"O arquivo '{rotulo or caminho}' está corrompido ou incompleto (talvez truncado "
                    f"durante o download): não consegui decodificá-lo ({exc}). Baixe ou copie a imagem de novo."
                ) from None


def _e_url(origem):
    return isinstance(origem, str) and origem.strip().lower().startswith(("http://", "https://"))


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
    if _e_url(origem):
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


# ---------------------------------------------------------------------------
# Saída
# ---------------------------------------------------------------------------


def _formato_saida(caminho):
    """Formato do PIL para a extensão de ``caminho`` ou ErroSaida."""
    ext = caminho.suffix.lower()
    if ext not in EXTENSOES_SAIDA:
        aceitas = ", ".join(EXTENSOES_SAIDA)
        recebida = f"'{ext}'" if ext else "nenhuma"
        raise ErroSaida(
            f"Não sei salvar '{caminho.name}': extensão {recebida} não suportada. "
            f"Use uma destas: {aceitas}."
        )
    return EXTENSOES_SAIDA[ext]


def caminho_livre(caminho):
    """Devolve ``caminho`` se ele não existe; senão ``nome_1.ext``, ``nome_2.ext``... (o primeiro livre)."""
    caminho = Path(caminho).expanduser()
    if not caminho.exists():
        return caminho
    n = 1
    while True:
        candidato = caminho.with_name(f"{caminho.stem}_{n}{caminho.suffix}")
        if not candidato.exists():
            return candidato
        n += 1


def verificar_saida(caminho, sobrescrever=False):
    """Confere, antes de um processamento longo, que a imagem poderá ser salva em ``caminho``."""
    if not isinstance(caminho, (str, os.PathLike)) or not str(caminho).strip():
        raise ErroSaida(f"O caminho de saída deve ser um nome de arquivo, mas recebi {caminho!r}.")
    caminho = Path(caminho).expanduser()
    _formato_saida(caminho)
    if caminho.is_dir():
        raise ErroSaida(
            f"'{caminho}' é uma pasta; inclua o nome do arquivo (por exemplo '{caminho / 'resultado.png'}')."
        )
    if caminho.exists() and not sobrescrever:
        raise ErroSaida(
            f"O arquivo '{caminho}' já existe e não vou sobrescrevê-lo. Passe sobrescrever=True "
            f"para substituí-lo ou escolha outro nome (por exemplo '{caminho_livre(caminho).name}')."
        )
    pasta = caminho.parent
    try:
        pasta.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ErroSaida(
            f"Não consegui criar a pasta '{pasta}' para salvar a imagem ({exc.strerror or exc}). "
            "Escolha outra pasta."
        ) from None
    try:
        fd, teste = tempfile.mkstemp(dir=pasta, prefix=".estilo-teste-")
        os.close(fd)
        os.unlink(teste)
    except OSError as exc:
        raise ErroSaida(
            f"A pasta '{pasta}' não aceita escrita ({exc.strerror or exc}). "
            "Escolha outra pasta ou confira as permissões."
        ) from None
    return caminho


def _permissao_de_arquivo_novo():
    """Permissão de um arquivo criado normalmente (0666 menos a umask do processo)."""
    mascara = os.umask(0o022)
    os.umask(mascara)
    return 0o666 & ~mascara


def salvar(imagem, caminho, sobrescrever=False, qualidade=95):
    """Salva a imagem em PNG ou JPEG (pela extensão), de forma atômica; devolve o caminho."""
    qualidade = inteiro("qualidade", qualidade, 1, 100)
    caminho = verificar_saida(caminho, sobrescrever=sobrescrever)
    formato = _formato_saida(caminho)
    pil = para_pil(imagem)
    opcoes = {"quality": qualidade, "subsampling": 0 if qualidade >= 90 else 2} if formato == "JPEG" else {}
    temporario = None
    try:
        fd, temporario = tempfile.mkstemp(dir=caminho.parent, prefix=f".{caminho.stem}-", suffix=".parcial")
        with os.fdopen(fd, "wb") as f:
            pil.save(f, format=formato, **opcoes)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporario, _permissao_de_arquivo_novo())  # mkstemp cria com 0600
        os.replace(temporario, caminho)
        temporario = None
    except OSError as exc:
        raise ErroSaida(
            f"Não consegui salvar a imagem em '{caminho}' ({exc.strerror or exc}). "
            "Confira o espaço em disco e as permissões da pasta."
        ) from None
    finally:
        if temporario is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporario)
    return caminho
