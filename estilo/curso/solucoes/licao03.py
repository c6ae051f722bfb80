"""Gabarito da lição 03 (a matriz de Gram e o custo de estilo)."""

import numpy as np


def gram(ativacoes):
    """G = FᵀF / M, com F (M, C): as M = H·W posições nas linhas e os C canais nas colunas."""
    a = np.asarray(ativacoes, np.float64)
    f = a.reshape(-1, a.shape[-1])
    return f.T @ f / f.shape[0]


def exercicio_1():
    """A função do exercício (a Gram normalizada como no pacote)."""
    return gram


def embaralhar_posicoes(ativacoes, semente):
    """Permuta as linhas de F (as posições), cada uma com o seu vetor de canais inteiro: a Gram não muda."""
    a = np.asarray(ativacoes)
    f = a.reshape(-1, a.shape[-1])
    ordem = np.random.default_rng(semente).permutation(f.shape[0])
    return f[ordem].reshape(a.shape)


def exercicio_2():
    """A função do exercício (as posições embaralhadas)."""
    return embaralhar_posicoes


def exercicio_3():
    """(65536, False): block3_conv1 tem 256 canais e a Gram é C × C; o tamanho da imagem só muda o M da média."""
    return (256 * 256, False)
