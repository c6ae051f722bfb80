"""Gabarito da lição 08 (controle espacial: a Gram guiada por uma máscara)."""

import numpy as np


def gram_guiada(ativacoes, mascara):
    """(m·F)ᵀ(m·F) / Σ m²: F achatada para (H·W, C), a máscara para (H·W, 1), multiplicadas posição a posição."""
    f = np.asarray(ativacoes, dtype=np.float64).reshape(-1, np.shape(ativacoes)[-1])
    m = np.asarray(mascara, dtype=np.float64).reshape(-1, 1)
    fm = f * m
    return fm.T @ fm / np.sum(m**2)


def exercicio_1():
    """A função do exercício: a Gram guiada em NumPy (a máscara entra no produto e no divisor, ao quadrado)."""
    return gram_guiada


def exercicio_2():
    """1: com as mesmas ativações em todo lugar, G = Σ m² F Fᵀ / Σ m² = F Fᵀ, a Gram de sempre; a área da
    região se cancela (sem a normalização pela área, dividindo por H·W, daria 0,5)."""
    return 1.0
