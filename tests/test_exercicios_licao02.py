"""As verificações da lição 02 aceitam respostas certas e recusam as erradas, sem levantar exceções."""

import numpy as np
import pytest

from estilo.curso.exercicios import licao02


def _custo_certo(f, p):
    return 0.5 * np.sum((np.asarray(f) - np.asarray(p)) ** 2)


def test_custo_de_referencia_bate_com_o_pacote():
    tf = pytest.importorskip("tensorflow")
    from estilo.nucleo import perdas

    gerador = np.random.default_rng(0)
    f = gerador.normal(size=(1, 3, 4, 5)).astype(np.float32)
    p = gerador.normal(size=(1, 3, 4, 5)).astype(np.float32)
    pacote = float(perdas.custo_conteudo(tf.constant(f), tf.constant(p)))
    np.testing.assert_allclose(pacote, 2 / (5 * 12) * licao02.custo_artigo(f, p), rtol=1e-5)


def test_exercicio_1_aceita_a_formula_do_artigo(capsys):
    assert licao02.verificar_exercicio_1.avaliar(_custo_certo) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_1_aceita_tensor_do_tensorflow():
    tf = pytest.importorskip("tensorflow")
    assert licao02.verificar_exercicio_1.avaliar(lambda f, p: 0.5 * tf.reduce_sum(tf.square(f - p))) is True


@pytest.mark.parametrize(
    "funcao, trecho",
    [
        (lambda f, p: np.sum((f - p) ** 2), "½"),
        (lambda f, p: np.mean((f - p) ** 2), "média"),
        (lambda f, p: 0.5 * np.sum(np.abs(f - p)), "quadrado"),
        (lambda f, p: 1.0, "esperava"),
        (lambda f, p: np.zeros(3), "único número"),
        (lambda f, p: 1 / 0, "ZeroDivisionError"),
        (42, "sem parênteses"),
    ],
)
def test_exercicio_1_recusa_respostas_erradas(funcao, trecho, capsys):
    assert licao02.verificar_exercicio_1.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and trecho in saida


def test_exercicio_1_pendente(capsys):
    assert licao02.verificar_exercicio_1.avaliar(None) is False
    assert licao02.verificar_exercicio_1.avaliar(lambda f, p: None) is False
    assert "Preencha" in capsys.readouterr().out


def test_exercicio_2_aceita_o_fator(capsys):
    # block3_conv2: 256 canais; 128 px / 2 / 2 = 32 → M = 1024 posições.
    assert licao02.verificar_exercicio_2.avaliar(2 / (256 * 32 * 32)) is True
    assert licao02.verificar_exercicio_2.avaliar(np.float32(2 / (256 * 1024))) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "resposta, trecho",
    [
        (256 * 1024 / 2, "inverteu"),
        (1 / (256 * 1024), "½"),
        (2 / (256 * 128 * 128), "pools"),
        (2 / (256 * 64 * 64), "dois"),
        (0.5, "Ainda não"),
        ("2/(N*M)", "número"),
        (True, "número"),
    ],
)
def test_exercicio_2_recusa_respostas_erradas(resposta, trecho, capsys):
    assert licao02.verificar_exercicio_2.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and trecho in saida


def test_exercicio_3(capsys):
    assert licao02.verificar_exercicio_3.avaliar((4, 1)) is True
    assert licao02.verificar_exercicio_3.avaliar([4.0, 1.0]) is True
    for errada in [(2, 1), (4, 4), (1, 1), (1, 4), (16, 0.25)]:
        assert licao02.verificar_exercicio_3.avaliar(errada) is False
    for invalida in [4, "41", (4, "um"), (1, 2, 3)]:
        assert licao02.verificar_exercicio_3.avaliar(invalida) is False
    assert licao02.verificar_exercicio_3.avaliar(None) is False
    saida = capsys.readouterr().out
    assert saida.count("✅") == 2 and "Preencha" in saida
