"""Verificações da lição 08: aceitam as respostas certas, recusam as erradas com a dica certa, sem exceção."""

import numpy as np
import pytest
import tensorflow as tf

from estilo.curso.exercicios import licao08
from estilo.curso.solucoes import licao08 as solucoes
from estilo.nucleo import perdas


def _achatar(f, m):
    return f.reshape(-1, f.shape[-1]).astype(np.float64), m.reshape(-1, 1).astype(np.float64)


def _certa(f, m):
    f, m = _achatar(f, m)
    return (f * m).T @ (f * m) / (m**2).sum()


# ---- exercício 1: a Gram guiada à mão ----


@pytest.mark.parametrize("funcao", [
    _certa,
    solucoes.exercicio_1(),
    lambda f, m: _certa(f, m)[None],  # com o eixo do lote também vale
    lambda f, m: perdas.matriz_gram_guiada(f[None], m).numpy(),  # um tensor/array do próprio TensorFlow
])
def test_exercicio_1_aceita(funcao, capsys):
    assert licao08.verificar_exercicio_1.avaliar(funcao) is True
    assert "✅" in capsys.readouterr().out


def test_a_referencia_e_o_pacote():
    """O verificador compara com perdas.matriz_gram_guiada; a máscara toda 1 dá a Gram de sempre."""
    for _, f, m in licao08._casos_exercicio_1():
        np.testing.assert_allclose(licao08._referencia(f, m), _certa(f, m), rtol=1e-5, atol=1e-6)
    _, f, m = licao08._casos_exercicio_1()[1]
    np.testing.assert_allclose(licao08._referencia(f, m), perdas.matriz_gram(tf.constant(f[None])), rtol=1e-5)


@pytest.mark.parametrize("funcao, dica", [
    (lambda f, m: (lambda a, b: (a * b).T @ (a * b) / len(a))(*_achatar(f, m)), "H·W"),
    (lambda f, m: (lambda a, b: (a * b).T @ (a * b) / b.sum())(*_achatar(f, m)), "não Σ m"),
    (lambda f, m: (lambda a, b: (a * b).T @ a / b.sum())(*_achatar(f, m)), "só de um lado"),
    (lambda f, m: (lambda a, b: (a * b).T @ (a * b))(*_achatar(f, m)), "Falta dividir"),
    (lambda f, m: (lambda a, b: (a * b) @ (a * b).T / (b**2).sum())(*_achatar(f, m)), "forma"),
    (lambda f, m: (lambda a, b: a.T @ a / len(a))(*_achatar(f, m)), "Ainda não bate"),  # ignora a máscara
    (lambda f, m: 1 / 0, "ZeroDivisionError"),
    (42, "sem chamá-la"),
])
def test_exercicio_1_recusa(funcao, dica, capsys):
    assert licao08.verificar_exercicio_1.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida, saida


def test_exercicio_1_pega_erro_que_so_aparece_na_mascara_meia_meia(capsys):
    """Uma função certa na máscara suave e na toda 1 mas errada na meia-meia é recusada, dizendo qual caso."""
    def trapaca(f, m):
        return _certa(f, m) if (m > 0).all() else np.zeros((f.shape[-1],) * 2)

    assert licao08.verificar_exercicio_1.avaliar(trapaca) is False
    assert "meia-meia" in capsys.readouterr().out


# ---- exercício 2: a Gram guiada de meia imagem uniforme ----


def test_exercicio_2_a_resposta_certa_e_verdade():
    """Ativações iguais em todo lugar: a Gram guiada de metade da imagem (0/1) é a Gram da imagem inteira."""
    f = tf.ones((1, 6, 8, 1)) * tf.constant([0.5, -1.0, 2.0])
    meia = tf.concat([tf.ones((1, 6, 4, 1)), tf.zeros((1, 6, 4, 1))], axis=2)
    razao = perdas.matriz_gram_guiada(f, meia) / perdas.matriz_gram(f)
    np.testing.assert_allclose(razao, np.full((3, 3), solucoes.exercicio_2()), rtol=1e-6)


@pytest.mark.parametrize("resposta", [1, 1.0, 0.999, np.float32(1.0), np.array([1.0])])
def test_exercicio_2_aceita(resposta, capsys):
    assert licao08.verificar_exercicio_2.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("resposta, dica", [
    (0.5, "H·W"), (0.25, "cancelam"), (2, "nada dobra"), (0, "toda preta"), (3, "Ainda não"),
    ("metade", "um número"), (True, "um número"), (float("nan"), "um número"),
])
def test_exercicio_2_recusa(resposta, dica, capsys):
    assert licao08.verificar_exercicio_2.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida, saida


# ---- estado não respondido e gabarito ----


def test_pendentes_nao_levantam(capsys):
    assert licao08.verificar_exercicio_1.avaliar(None) is False
    assert licao08.verificar_exercicio_1.avaliar(lambda f, m: None) is False  # o esboço do caderno
    assert licao08.verificar_exercicio_2.avaliar(None) is False
    assert licao08.verificar_exercicio_2(None) is None  # no caderno: nada de False solto
    assert capsys.readouterr().out.count("✍️") == 4


@pytest.mark.parametrize("n", [1, 2])
def test_solucao_passa_na_verificacao(n, capsys):
    verificar = getattr(licao08, f"verificar_exercicio_{n}")
    assert getattr(solucoes, f"exercicio_{n}").__doc__
    assert verificar.avaliar(getattr(solucoes, f"exercicio_{n}")()) is True
    assert verificar(getattr(solucoes, f"exercicio_{n}")()) is None
    assert capsys.readouterr().out.count("✅") == 2
