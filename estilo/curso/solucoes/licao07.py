"""Gabarito da lição 07 (a rede rápida de Johnson, Alahi e Fei-Fei, 2016)."""

import numpy as np

CAMADAS = [  # (lado do núcleo, canais de entrada, canais de saída, normalizada?) da rede com filtros=32, blocos=5
    (9, 3, 32, True), (3, 32, 64, True), (3, 64, 128, True),  # entrada e duas reduções (passo 2)
    *[(3, 128, 128, True)] * 10,  # 5 blocos residuais, duas convoluções cada
    (3, 128, 64, True), (3, 64, 32, True),  # duas ampliações (vizinho mais próximo + convolução)
    (9, 32, 3, False),  # saída RGB (sigmoide), sem normalização
]
"""As convoluções da rede do artigo, na ordem."""


def exercicio_1():
    """1 679 235: por convolução, k·k·c_e·c_s pesos + c_s vieses, mais γ e β por canal se normalizada.
    Quase 90% estão nas 10 convoluções 128 → 128 dos blocos residuais (147 840 cada)."""
    return sum(k * k * e * s + s + (2 * s if normalizada else 0) for k, e, s, normalizada in CAMADAS)


def exercicio_2():
    """(b): vizinho mais próximo + convolução dá a todas as posições o mesmo número de contribuições;
    a convolução transposta de passo 2 sobrepõe as janelas de modo desigual e desenha o xadrez."""
    return "b"


def normalizar_instancia(x, gama, beta, epsilon=1e-5):
    """Média e variância de cada imagem e canal só nas posições (eixos 1 e 2), ε dentro da raiz, depois · γ + β."""
    x = np.asarray(x, np.float64)
    media = x.mean(axis=(1, 2), keepdims=True)
    variancia = x.var(axis=(1, 2), keepdims=True)
    return (x - media) / np.sqrt(variancia + epsilon) * gama + beta


def exercicio_3():
    """A função do exercício (a normalização de instância em NumPy)."""
    return normalizar_instancia
