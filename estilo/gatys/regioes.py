"""Controle espacial (Gatys et al., 2017): um estilo por região, com Grams guiadas por máscaras.

Cada pintura tem uma máscara do tamanho da foto (branco = 1 = "aqui vai este estilo"). Em cada camada,
a máscara é reduzida à grade das ativações (média em blocos 2 × 2, como os poolings da VGG) e a Gram da
região (``perdas.matriz_gram_guiada``) é comparada com a Gram da pintura inteira. Onde as máscaras se
sobrepõem, os estilos se misturam; onde todas são zero, nenhum estilo age e o conteúdo fica.
"""

import math
import os
import warnings

import tensorflow as tf

from estilo.nucleo import imagens, perdas
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroImagem, ErroParametro

AREA_MINIMA = 1e-3
"""Uma camada em que a região some (Σ m² abaixo disso, na grade da camada) fica fora do custo daquela pintura."""


def carregar_mascara(origem, tamanho, rotulo="A máscara"):
    """Uma máscara (caminho, URL, PIL, array ou tensor; branco = 1) como tensor (1, H, W, 1) em [0, 1].

    ``tamanho`` = (altura, largura) da foto: a máscara é redimensionada para ele (proporção diferente:
    aviso). Cores viram tons de cinza (média dos canais). Máscara toda preta é erro.
    """
    altura, largura = int(tamanho[0]), int(tamanho[1])
    if isinstance(origem, (int, float, bool, type(None), dict)):
        raise ErroImagem(f"{rotulo} não é uma imagem (recebi {type(origem).__name__}); passe um caminho, "
                         "uma PIL.Image, um array ou um tensor, branco onde o estilo deve agir.")
    try:
        rgb = imagens.carregar(origem, lado_minimo=1)
    except ErroEstilo as erro:
        raise ErroImagem(f"{rotulo} não pôde ser usada como imagem: {erro}") from None
    mascara = tf.reduce_mean(rgb, axis=-1, keepdims=True)
    h, w = int(mascara.shape[1]), int(mascara.shape[2])
    if abs(math.log((w / h) / (largura / altura))) > 0.02:
        _avisar(
            f"{rotulo} tem proporção diferente da foto ({w}×{h} px contra {largura}×{altura} px); "
            "estiquei-a para o tamanho da foto. Para não deformar a região, faça a máscara com a proporção "
            "da foto."
        )
    if (h, w) != (altura, largura):
        mascara = tf.image.resize(mascara, (altura, largura), method="bilinear", antialias=True)
        mascara = tf.clip_by_value(mascara, 0.0, 1.0)
    if float(tf.reduce_max(mascara)) < 1.0 / 255.0:
        raise ErroParametro(
            f"{rotulo} está vazia (toda preta): nenhuma parte da foto receberia esse estilo. "
            "Pinte de branco a região em que o estilo deve agir."
        )
    return mascara


def preparar_mascaras(mascaras, quantidade, tamanho) -> list:
    """Uma máscara por pintura, na mesma ordem, cada uma como em ``carregar_mascara``."""
    if isinstance(mascaras, (str, os.PathLike)) or not isinstance(mascaras, (list, tuple)):
        mascaras = [mascaras]
    if len(mascaras) != quantidade:
        raise ErroParametro(
            f"Recebi {len(mascaras)} máscara(s) para {quantidade} pintura(s): passe uma máscara por pintura, "
            "na mesma ordem."
        )
    return [carregar_mascara(m, tamanho, f"A máscara {i} (da pintura {i})") for i, m in enumerate(mascaras, 1)]


def mascara_na_grade(mascara, grade):
    """A máscara (1, H, W, 1) reduzida à grade (h, w) de uma camada: médias em blocos 2 × 2, como os
    poolings da VGG (que descartam a última linha/coluna ímpar), e ``area`` se ainda faltar acertar."""
    m = tf.convert_to_tensor(mascara, tf.float32)
    h, w = int(grade[0]), int(grade[1])
    while m.shape[1] >= 2 * h and m.shape[2] >= 2 * w:
        m = tf.nn.avg_pool2d(m, 2, 2, "VALID")
    if (m.shape[1], m.shape[2]) != (h, w):
        m = tf.image.resize(m, (h, w), method="area")
    return m


class EstiloGuiado:
    """O termo de estilo por regiões: Σ_pinturas p_i · Σ_camadas w_l · média((G_guiada − A_i)²).

    ``pesos_estilos`` viram p_i relativos ao maior (p_max = 1): sem pesos, cada região tem a força que a
    foto inteira teria com uma pintura só (com uma máscara toda 1, o custo é o de sempre).
    """

    def __init__(self, extrator, estilos, mascaras, pesos_estilos, camadas, ativacoes_conteudo):
        """``mascaras``: já do tamanho da foto (``preparar_mascaras``); ``ativacoes_conteudo`` dá as grades."""
        self.camadas = list(camadas)
        self.termos = []
        for estilo, mascara, peso in zip(estilos, mascaras, pesos_estilos):
            ativ = extrator(estilo)
            alvos = {c: perdas.matriz_gram(ativ[c]) for c in self.camadas}
            grades = {c: mascara_na_grade(mascara, ativacoes_conteudo[c].shape[1:3]) for c in self.camadas}
            ativas = {c: float(tf.reduce_sum(tf.square(grades[c]))) >= AREA_MINIMA for c in self.camadas}
            self.termos.append((peso / max(pesos_estilos), alvos, grades, ativas))

    @property
    def alvos(self) -> list:
        """[{camada: Gram da pintura}] na ordem das pinturas."""
        return [alvos for _, alvos, _, _ in self.termos]

    def __call__(self, ativacoes, pesos_camadas):
        custos = []
        for peso, alvos, grades, ativas in self.termos:
            grams = {c: perdas.matriz_gram_guiada(ativacoes[c], grades[c]) for c in self.camadas}
            pesos = {c: pesos_camadas[c] if ativas[c] else 0.0 for c in self.camadas}
            custos.append(peso * perdas.custo_estilo(grams, alvos, pesos))
        return tf.add_n(custos)


def _avisar(mensagem):
    warnings.warn(mensagem, AvisoEstilo, stacklevel=4)
