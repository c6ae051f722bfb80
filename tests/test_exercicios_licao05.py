"""Verificações da lição 05: aceitam as respostas certas e recusam as erradas, sem exceção."""

import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import imagens, perdas
from estilo.curso.exercicios import licao05

RGB_PARA_YIQ = np.array(
    [[0.299, 0.587, 0.114], [0.595716, -0.274453, -0.321263], [0.211456, -0.522591, 0.311135]]
)


def _preservar_certo(estilizada, original):
    y = estilizada @ RGB_PARA_YIQ.T
    iq = original @ RGB_PARA_YIQ.T
    yiq = np.concatenate([y[..., :1], iq[..., 1:]], axis=-1)
    return np.clip(yiq @ np.linalg.inv(RGB_PARA_YIQ).T, 0, 1)


# ---- exercício 1: pesos equivalentes à colagem ----


def test_pesos_da_colagem_batem_com_lado_a_lado():
    """A fração calculada é a fração de pixels que cada imagem ocupa na colagem de verdade."""
    (wa, ha), (wb, hb) = licao05.PERGUNTA_1["a"], licao05.PERGUNTA_1["b"]
    a, b = tf.zeros((1, ha, wa, 3)), tf.ones((1, hb, wb, 3))
    colagem = imagens.lado_a_lado([a, b]).numpy()
    fracao_a = (colagem[0, ..., 0] < 0.5).mean()
    np.testing.assert_allclose(licao05.pesos_da_colagem([(wa, ha), (wb, hb)]), [fracao_a, 1 - fracao_a], atol=0.01)


@pytest.mark.parametrize("resposta", [[2 / 3, 1 / 3], [2, 1], (0.667, 0.333), np.array([4.0, 2.0])])
def test_exercicio_1_aceita(resposta, capsys):
    assert licao05.verificar_exercicio_1.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "resposta, dica",
    [
        ([0.5, 0.5], "mesma área"),
        ([1 / 3, 2 / 3], "trocou a ordem"),
        ([8 / 9, 1 / 9], "áreas originais"),
        ([0.8, 0.2], "larguras originais"),
        ([0.95, 0.05], "Ainda não bate"),
        ([1, 2, 3], "dois números"),
        ("meio a meio", "dois números"),
        ([-1, 2], "dois números"),
        ([0, 0], "dois números"),
    ],
)
def test_exercicio_1_recusa(resposta, dica, capsys):
    assert licao05.verificar_exercicio_1.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida


# ---- exercício 2: preservação de cores à mão ----


def test_exercicio_2_aceita(capsys):
    assert licao05.verificar_exercicio_2.avaliar(_preservar_certo) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_2_aceita_saida_com_lote(capsys):
    assert licao05.verificar_exercicio_2.avaliar(lambda e, o: _preservar_certo(e, o)[None]) is True


@pytest.mark.parametrize(
    "funcao, dica",
    [
        (lambda e, o: _preservar_certo(o, e), "trocou os papéis"),
        (lambda e, o: np.clip(_preservar_certo(e, o), 0, 1) * 1.0 + 0.0 * e, None),  # controle: certo
        (lambda e, o: e, "Ainda não bate"),
        (lambda e, o: e[..., 0], "forma"),
        (lambda e, o: 1 / 0, "ZeroDivisionError"),
        (42, "sem chamá-la"),
    ],
)
def test_exercicio_2_recusa(funcao, dica, capsys):
    resultado = licao05.verificar_exercicio_2.avaliar(funcao)
    saida = capsys.readouterr().out
    if dica is None:
        assert resultado is True
    else:
        assert resultado is False and "❌" in saida and dica in saida


def test_exercicio_2_aponta_falta_de_corte(capsys):
    def sem_corte(e, o):
        y = e @ RGB_PARA_YIQ.T
        iq = o @ RGB_PARA_YIQ.T
        return np.concatenate([y[..., :1], iq[..., 1:]], -1) @ np.linalg.inv(RGB_PARA_YIQ).T

    # o teste só faz sentido se os dados aleatórios saírem de [0, 1] sem o corte
    assert licao05.verificar_exercicio_2.avaliar(sem_corte) is False
    assert "np.clip" in capsys.readouterr().out


def test_pendentes_nao_levantam(capsys):
    assert licao05.verificar_exercicio_1.avaliar(None) is False
    assert licao05.verificar_exercicio_2.avaliar(None) is False
    assert licao05.verificar_exercicio_3.avaliar(None) is False
    assert licao05.verificar_exercicio_2.avaliar(lambda e, o: None) is False  # o esboço do caderno
    assert capsys.readouterr().out.count("✍️") == 4


# ---- exercício 3: Gram de uma imagem colada consigo mesma ----


def test_exercicio_3_a_resposta_certa_e_verdade():
    """A Gram de [x, x] é a de x (exata nos pixels; sem costura porque não há rede aqui)."""
    x = tf.random.stateless_uniform((1, 8, 10, 4), seed=[1, 2])
    dupla = tf.concat([x, x], axis=2)
    np.testing.assert_allclose(perdas.matriz_gram(dupla), perdas.matriz_gram(x), rtol=1e-5)


@pytest.mark.parametrize("resposta", ["a", "A", " a) "])
def test_exercicio_3_aceita(resposta, capsys):
    assert licao05.verificar_exercicio_3.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("resposta", ["b", "c", "d", "e", 3])
def test_exercicio_3_recusa(resposta, capsys):
    assert licao05.verificar_exercicio_3.avaliar(resposta) is False
    assert "❌" in capsys.readouterr().out
