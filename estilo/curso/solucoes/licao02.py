"""Gabarito da lição 02 (o custo de conteúdo)."""

import numpy as np


def custo_conteudo_artigo(F, P):  # noqa: N803 - os nomes do artigo
    """½ Σ (F − P)²: a equação 1 do artigo soma (não tira a média) e tem o ½ na frente."""
    diferenca = np.asarray(F, np.float64) - np.asarray(P, np.float64)
    return 0.5 * float(np.sum(diferenca**2))


def exercicio_1():
    """A função do exercício (o custo do artigo)."""
    return custo_conteudo_artigo


def exercicio_2():
    """2 / (N·M) ≈ 7,63 × 10⁻⁶: N = 256 canais; dois pools antes do bloco 3 deixam 32 × 32 = 1024 posições.
    A média do pacote é (1/(N·M)) Σ = (2/(N·M)) · (½ Σ)."""
    canais, posicoes = 256, (128 // 4) * (128 // 4)
    return 2.0 / (canais * posicoes)


def exercicio_3():
    """(4, 1): dobrar o lado multiplica as posições por 4; a soma do artigo cresce junto, a média do pacote não."""
    return (4, 1)
