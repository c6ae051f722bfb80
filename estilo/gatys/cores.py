"""Cores: preservar as da foto (luminância da estilizada, crominância da original, YIQ) ou casar com as da pintura."""

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


def _raiz_simetrica(c, inversa=False):
    valores, vetores = tf.linalg.eigh(c)
    valores = tf.maximum(valores, 1e-8) ** (-0.5 if inversa else 0.5)
    return vetores @ tf.linalg.diag(valores) @ tf.transpose(vetores)


def casar_cores(imagem, referencia):
    """Transformação afim das cores de ``imagem`` com a média e a covariância RGB de ``referencia``.

    x' = C_r^½ · C_i^−½ · (x − μ_i) + μ_r (raízes simétricas), cortado em [0, 1]. ``referencia`` pode
    ser uma imagem ou uma lista delas (os pixels de todas contam juntos).
    """
    referencias = referencia if isinstance(referencia, (list, tuple)) else [referencia]
    x = tf.reshape(tf.cast(imagem, tf.float64), (-1, 3))
    r = tf.concat([tf.reshape(tf.cast(ref, tf.float64), (-1, 3)) for ref in referencias], 0)
    media_x, media_r = tf.reduce_mean(x, 0), tf.reduce_mean(r, 0)
    identidade = tf.eye(3, dtype=tf.float64) * 1e-5
    cov_x = tf.transpose(x - media_x) @ (x - media_x) / tf.cast(tf.shape(x)[0], tf.float64) + identidade
    cov_r = tf.transpose(r - media_r) @ (r - media_r) / tf.cast(tf.shape(r)[0], tf.float64) + identidade
    a = _raiz_simetrica(cov_r) @ _raiz_simetrica(cov_x, inversa=True)
    casada = (x - media_x) @ tf.transpose(a) + media_r
    return tf.clip_by_value(tf.cast(tf.reshape(casada, tf.shape(imagem)), tf.float32), 0.0, 1.0)
