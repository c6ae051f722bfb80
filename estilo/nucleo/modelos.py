"""A VGG como extratora de características: arquitetura, pesos, pré-processamento."""

import keras
import numpy as np
import tensorflow as tf

from estilo.nucleo.erros import ErroParametro
from estilo.nucleo.pesos import CAMADAS_CONV, carregar_pesos, validar_rede

MEDIA_BGR = (103.939, 116.779, 123.68)
"""Média ImageNet (B, G, R) em [0, 255], subtraída pela VGG original (Caffe)."""

CAMADAS_CONTEUDO = ("block4_conv2",)
"""Camada de conteúdo do artigo (conv4_2)."""

CAMADAS_ESTILO = ("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1")
"""Camadas de estilo do artigo (conv1_1 … conv5_1)."""

PRECISOES = ("float32", "bfloat16", "float16")


def camadas_disponiveis(rede: str = "vgg16") -> list:
    """Nomes das camadas convolucionais da rede, na ordem."""
    return list(CAMADAS_CONV[validar_rede(rede)])


def preprocessar(imagem):
    """Imagem (1, H, W, 3) RGB em [0, 1] -> entrada da VGG: BGR em [0, 255] menos a média ImageNet."""
    imagem = tf.convert_to_tensor(imagem, tf.float32)
    return imagem[..., ::-1] * 255.0 - tf.constant(MEDIA_BGR, tf.float32)


def desprocessar(x):
    """Inverso de `preprocessar`: volta para RGB em [0, 1] (sem cortar)."""
    x = tf.convert_to_tensor(x, tf.float32)
    return ((x + tf.constant(MEDIA_BGR, tf.float32)) / 255.0)[..., ::-1]


def _politica(precisao):
    if precisao not in PRECISOES:
        raise ErroParametro(f"Precisão desconhecida: {precisao!r}. Use uma de {', '.join(PRECISOES)}.")
    return {"float32": "float32", "bfloat16": "mixed_bfloat16", "float16": "mixed_float16"}[precisao]


def construir_vgg(camadas, rede="vgg16", pooling="max", pesos=None, precisao="float32") -> keras.Model:
    """VGG congelada, cortada na camada mais funda pedida, com saídas {camada: ativação}."""
    rede = validar_rede(rede)
    ordem = CAMADAS_CONV[rede]
    camadas = list(dict.fromkeys(camadas))
    desconhecidas = [c for c in camadas if c not in ordem]
    if not camadas or desconhecidas:
        raise ErroParametro(
            f"Camadas inválidas para a {rede.upper()}: {desconhecidas or 'nenhuma'}. "
            f"Disponíveis: {', '.join(ordem)}."
        )
    if pooling not in ("max", "media"):
        raise ErroParametro(f"pooling deve ser 'max' ou 'media', não {pooling!r}.")
    if not isinstance(pesos, dict):
        pesos = carregar_pesos(rede, caminho=pesos).tensores
    politica = _politica(precisao)
    ultima = max(ordem.index(c) for c in camadas)

    entrada = keras.Input((None, None, 3), name="entrada")
    x, saidas, bloco = entrada, {}, 1
    for nome in ordem[: ultima + 1]:
        b = int(nome[5])
        if b != bloco:
            Pool = keras.layers.MaxPooling2D if pooling == "max" else keras.layers.AveragePooling2D
            x = Pool(2, name=f"block{bloco}_pool", dtype=politica)(x)
            bloco = b
        kernel, bias = pesos[nome]
        conv = keras.layers.Conv2D(kernel.shape[-1], 3, padding="same", activation="relu", name=nome, dtype=politica)
        x = conv(x)
        conv.set_weights([kernel, bias])
        if nome in camadas:
            saidas[nome] = x
    modelo = keras.Model(entrada, saidas, name=f"{rede}_{pooling}")
    modelo.trainable = False
    return modelo


class Extrator:
    """Chame com uma imagem (1, H, W, 3) RGB [0, 1]; devolve {camada: ativação float32}."""

    def __init__(self, camadas, rede="vgg16", pooling="max", pesos=None, precisao="float32"):
        self.camadas = list(dict.fromkeys(camadas))
        self.rede = validar_rede(rede)
        self.pooling = pooling
        self.precisao = precisao
        self.modelo = construir_vgg(self.camadas, self.rede, pooling, pesos, precisao)

    def __call__(self, imagem) -> dict:
        saidas = self.modelo(preprocessar(imagem), training=False)
        return {nome: tf.cast(saidas[nome], tf.float32) for nome in self.camadas}

    def __repr__(self):
        return f"Extrator({self.rede}, pooling={self.pooling}, precisão={self.precisao}, camadas={self.camadas})"


def contar_parametros(modelo) -> int:
    """Número de parâmetros de um modelo Keras."""
    return int(sum(np.prod(v.shape) for v in modelo.weights))
