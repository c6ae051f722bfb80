"""Conversões em memória entre a convenção do pacote (tf.Tensor (1, H, W, 3) float32 em [0, 1]), NumPy e PIL."""

import numpy as np
import tensorflow as tf
from PIL import Image

from estilo.nucleo.erros import ErroImagem, ErroParametro
from estilo.nucleo.leitura import _pil_em_array
from estilo.nucleo.pixels import _array_para_float, _array_para_hw3

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
