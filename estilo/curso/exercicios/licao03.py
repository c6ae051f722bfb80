"""Verificações dos exercícios da lição 03 (a matriz de Gram e o custo de estilo)."""

import math

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao

PERGUNTA_3 = {"camada": "block3_conv1", "canais": 256}
"""Exercício 3: a matriz de Gram de block3_conv1 (256 canais)."""


def gram_referencia(ativacoes):
    """Referência: Gram de (1, H, W, C) ou (H, W, C) como FᵀF / M, com F de forma (M, C), em float64."""
    a = np.asarray(ativacoes, np.float64)
    f = a.reshape(-1, a.shape[-1])
    return f.T @ f / f.shape[0]


def _chamar(funcao, *args):
    """Chama a função do aluno; devolve (saida, mensagem de erro ou None)."""
    try:
        return funcao(*args), None
    except Exception as erro:  # noqa: BLE001 - resposta errada nunca vira exceção
        return None, f"A função levantou {type(erro).__name__}: {erro}"


@verificacao
def verificar_exercicio_1(funcao):
    """`funcao(ativacoes)` (1, H, W, C) deve devolver a Gram (C, C) = FᵀF / M."""
    if funcao is None:
        return pendente("gram")
    if not callable(funcao):
        return errado("Passe a função em si (sem parênteses): verificar_exercicio_1(gram).")
    gerador = np.random.default_rng(3)
    for forma in [(1, 6, 5, 4), (1, 3, 9, 7)]:
        a = np.maximum(gerador.normal(size=forma), 0).astype(np.float32)
        saida, problema = _chamar(funcao, a)
        if problema:
            return errado(problema)
        if saida is None:
            return pendente("gram")
        try:
            g = np.asarray(saida, np.float64)
        except (TypeError, ValueError):
            return errado(f"Devolva uma matriz (numpy ou tensor), não {type(saida).__name__}.")
        esperada = gram_referencia(a)
        canais, posicoes = forma[-1], forma[1] * forma[2]
        if g.shape != esperada.shape:
            if g.shape == (posicoes, posicoes):
                return errado("Sua matriz é M × M (posições × posições): a Gram é FᵀF (canais × canais), não FFᵀ.")
            return errado(f"A Gram tem forma (C, C) = ({canais}, {canais}); a sua veio {g.shape}.")
        if np.allclose(g, esperada, rtol=1e-4, atol=1e-6):
            continue
        if np.allclose(g, esperada * posicoes, rtol=1e-4, atol=1e-5):
            return errado("Essa é a Gram do artigo, sem normalizar: divida por M = H·W (o número de posições).")
        if np.allclose(g, esperada * posicoes / (posicoes * canais), rtol=1e-4, atol=1e-6):
            return errado("Divida só por M = H·W (as posições), não por H·W·C.")
        return errado("Os valores não batem. Passos: F = ativacoes.reshape(-1, C); G = F.T @ F / F.shape[0].")
    return certo("G = FᵀF / M: cada entrada é a média, sobre as posições, do produto de dois canais.")


@verificacao
def verificar_exercicio_2(funcao):
    """`funcao(ativacoes, semente)` deve embaralhar as posições (mesma forma, Gram igual, valores trocados)."""
    if funcao is None:
        return pendente("embaralhar_posicoes")
    if not callable(funcao):
        return errado("Passe a função em si (sem parênteses): verificar_exercicio_2(embaralhar_posicoes).")
    gerador = np.random.default_rng(4)
    a = np.maximum(gerador.normal(size=(1, 6, 7, 5)), 0).astype(np.float32)
    saida, problema = _chamar(funcao, a.copy(), 0)
    if problema:
        return errado(problema)
    if saida is None:
        return pendente("embaralhar_posicoes")
    try:
        b = np.asarray(saida, np.float64)
    except (TypeError, ValueError):
        return errado(f"Devolva um array (numpy ou tensor), não {type(saida).__name__}.")
    if b.shape != a.shape:
        return errado(f"A saída deve ter a mesma forma da entrada, {a.shape}; veio {b.shape}.")
    vetores_a = sorted(map(tuple, a.reshape(-1, a.shape[-1]).astype(np.float64)))
    vetores_b = sorted(map(tuple, b.reshape(-1, b.shape[-1])))
    if not np.allclose(vetores_a, vetores_b):
        return errado(
            "Cada posição deve continuar com o seu vetor de canais inteiro: troque as linhas de F (posições), "
            "não os canais nem valores soltos."
        )
    if np.allclose(a, b):
        return errado("A saída é igual à entrada: nenhuma posição mudou de lugar.")
    if not np.allclose(gram_referencia(a), gram_referencia(b), rtol=1e-5, atol=1e-6):
        return errado("A Gram mudou; confira se você embaralhou posições inteiras.")
    return certo("Posições trocadas, Gram idêntica: a matriz de Gram não sabe ONDE cada coisa estava.")


@verificacao
def verificar_exercicio_3(resposta):
    """(número de entradas da Gram de block3_conv1, se esse número depende do tamanho da imagem)."""
    if vazia(resposta):
        return pendente("resposta")
    try:
        numero, depende = resposta
    except (TypeError, ValueError):
        return errado("Responda com dois itens: (número de entradas, True ou False).")
    if isinstance(numero, bool) or not isinstance(numero, (int, float, np.integer, np.floating)):
        return errado("O primeiro item deve ser um número.")
    if not isinstance(depende, (bool, np.bool_)):
        return errado("O segundo item deve ser True ou False.")
    canais = PERGUNTA_3["canais"]
    numero_certo = math.isclose(float(numero), canais * canais)
    if numero_certo and not depende:
        return certo(
            f"{canais} × {canais} = {canais * canais} números, qualquer que seja o tamanho da imagem: "
            "é por isso que estilo e conteúdo podem ter tamanhos diferentes."
        )
    if numero_certo:
        return errado("O número está certo. Mas a Gram é C × C: o tamanho da imagem só muda o M que some na soma.")
    if math.isclose(float(numero), canais):
        return errado(f"A Gram não é um vetor: é uma matriz {canais} × {canais}.")
    return errado(f"block3_conv1 tem {canais} canais; a Gram compara cada canal com cada canal.")
