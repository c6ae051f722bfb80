"""Preservação de cores: luminância da imagem estilizada, crominância da original (YIQ)."""

import tensorflow as tf

_RGB_PARA_YIQ = tf.constant(
    [[0.299, 0.587, 0.114], [0.595716, -0.274453, -0.321263], [0.211456, -0.522591, 0.311135]], tf.float32
)


def rgb_para_yiq(imagem):
    """(…, 3) RGB -> (…, 3) YIQ."""
    return tf.tensordot(tf.cast(imagem, tf.float32), tf.transpose(_RGB_PARA_YIQ), 1)


def yiq_para_rgb(imagem):
    """(…, 3) YIQ -> (…, 3) RGB."""
    return tf.tensordot(imagem, tf.transpose(tf.linalg.inv(_RGB_PARA_YIQ)), 1)


def preservar_cores(estilizada, original):
    """Combina o brilho (Y) da estilizada com as cores (I, Q) da original; resultado em [0, 1]."""
    original = tf.image.resize(original, tf.shape(estilizada)[1:3], antialias=True)
    y = rgb_para_yiq(estilizada)[..., :1]
    iq = rgb_para_yiq(original)[..., 1:]
    return tf.clip_by_value(yiq_para_rgb(tf.concat([y, iq], -1)), 0.0, 1.0)
