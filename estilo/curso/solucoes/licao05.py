"""Gabarito da lição 05 (vários estilos, colagem × mistura, preservação de cores)."""

import numpy as np

RGB_PARA_YIQ = np.array([[0.299, 0.587, 0.114], [0.595716, -0.274453, -0.321263], [0.211456, -0.522591, 0.311135]])
"""A matriz RGB → YIQ do enunciado (a mesma da célula do caderno)."""


def exercicio_1():
    """[2/3, 1/3]: lado_a_lado leva as duas à menor altura (200 px); A (600×400) vira 300×200 = 60 000
    posições e B fica 150×200 = 30 000. A Gram da colagem é a média das posições, então A pesa o dobro de B."""
    area_a, area_b = (600 * 200 / 400) * 200, 150 * 200
    return [area_a / (area_a + area_b), area_b / (area_a + area_b)]


def preservar_cores_a_mao(estilizada, original):
    """Y (brilho) da estilizada com I e Q (cores) da original, de volta a RGB e cortado para [0, 1]."""
    yiq_estilizada = np.asarray(estilizada) @ RGB_PARA_YIQ.T
    yiq_original = np.asarray(original) @ RGB_PARA_YIQ.T
    yiq = np.concatenate([yiq_estilizada[..., :1], yiq_original[..., 1:]], axis=-1)
    return np.clip(yiq @ np.linalg.inv(RGB_PARA_YIQ).T, 0.0, 1.0)


def exercicio_2():
    """A função do exercício (a preservação de cores em YIQ)."""
    return preservar_cores_a_mao


def exercicio_3():
    """(a): a Gram é FᵀF dividido pelo número de posições; colar x com x dobra a soma e o divisor."""
    return "a"
