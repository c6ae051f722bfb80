"""Arrays e PIL.Image em qualquer formato comum -> float32 (H, W, 3) RGB em [0, 1].

Tons de cinza, RGBA (sobre fundo branco), paleta, 16 e 32 bits; redimensionamento
em float. Sem TensorFlow.
"""

import os
import sys
import warnings

import numpy as np
from PIL import Image

from estilo.nucleo.erros import AvisoEstilo, ErroImagem

_FORMAS_ACEITAS = "(H, W), (H, W, 1), (H, W, 3), (H, W, 4), (1, H, W, 3) ou (1, H, W, 4)"


def _avisar(mensagem):
    """Emite AvisoEstilo apontando para a primeira linha fora do pacote (o código do usuário)."""
    pasta = os.path.dirname(os.path.abspath(__file__))
    nivel, quadro = 2, sys._getframe(1)
    while quadro is not None and os.path.dirname(os.path.abspath(quadro.f_code.co_filename)) == pasta:
        quadro = quadro.f_back
        nivel += 1
    warnings.warn(mensagem, AvisoEstilo, stacklevel=nivel)


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
