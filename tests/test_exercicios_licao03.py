"""As verificações da lição 03 aceitam respostas certas e recusam as erradas, sem levantar exceções."""

import numpy as np
import pytest

from estilo.curso.exercicios import licao03


def _gram_certa(ativacoes):
    f = np.asarray(ativacoes).reshape(-1, np.shape(ativacoes)[-1])
    return f.T @ f / f.shape[0]


def _embaralhar_certo(ativacoes, semente):
    a = np.asarray(ativacoes)
    f = a.reshape(-1, a.shape[-1])
    return f[np.random.default_rng(semente).permutation(len(f))].reshape(a.shape)


def test_gram_de_referencia_bate_com_o_pacote():
    pytest.importorskip("tensorflow")
    from estilo.nucleo import perdas

    a = np.random.default_rng(1).random((1, 5, 6, 7)).astype(np.float32)
    np.testing.assert_allclose(np.asarray(perdas.matriz_gram(a)), licao03.gram_referencia(a), rtol=1e-5)


def test_exercicio_1_aceita_a_gram(capsys):
    assert licao03.verificar_exercicio_1.avaliar(_gram_certa) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_1_aceita_o_pacote():
    pytest.importorskip("tensorflow")
    from estilo.nucleo import perdas

    assert licao03.verificar_exercicio_1.avaliar(perdas.matriz_gram) is True


def _sem_normalizar(a):
    f = np.asarray(a).reshape(-1, np.shape(a)[-1])
    return f.T @ f


def _transposta_trocada(a):
    f = np.asarray(a).reshape(-1, np.shape(a)[-1])
    return f @ f.T / f.shape[0]


def _dividida_por_tudo(a):
    return _sem_normalizar(a) / np.asarray(a).size


@pytest.mark.parametrize(
    "funcao, trecho",
    [
        (_sem_normalizar, "divida por M"),
        (_transposta_trocada, "M × M"),
        (_dividida_por_tudo, "H·W·C"),
        (lambda a: np.eye(np.shape(a)[-1]), "não batem"),
        (lambda a: np.zeros((2, 2)), "forma"),
        (lambda a: a.nao_existe, "AttributeError"),
        ("gram", "sem parênteses"),
    ],
)
def test_exercicio_1_recusa_respostas_erradas(funcao, trecho, capsys):
    assert licao03.verificar_exercicio_1.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and trecho in saida


def test_exercicio_2_aceita_embaralhamento(capsys):
    assert licao03.verificar_exercicio_2.avaliar(_embaralhar_certo) is True
    assert "✅" in capsys.readouterr().out


def _embaralhar_canais(a, semente):
    a = np.asarray(a)
    return a[..., np.random.default_rng(semente).permutation(a.shape[-1])]


def _embaralhar_valores(a, semente):
    a = np.asarray(a)
    return np.random.default_rng(semente).permutation(a.reshape(-1)).reshape(a.shape)


@pytest.mark.parametrize(
    "funcao, trecho",
    [
        (lambda a, s: a, "nenhuma posição"),
        (_embaralhar_canais, "vetor de canais"),
        (_embaralhar_valores, "vetor de canais"),
        (lambda a, s: np.asarray(a).reshape(-1, np.shape(a)[-1]), "mesma forma"),
        (lambda a, s: 1 / 0, "ZeroDivisionError"),
    ],
)
def test_exercicio_2_recusa_respostas_erradas(funcao, trecho, capsys):
    assert licao03.verificar_exercicio_2.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and trecho in saida


def test_exercicio_2_pendente(capsys):
    assert licao03.verificar_exercicio_2.avaliar(None) is False
    assert licao03.verificar_exercicio_2.avaliar(lambda a, s: None) is False
    assert "Preencha" in capsys.readouterr().out


def test_exercicio_3(capsys):
    assert licao03.verificar_exercicio_3.avaliar((256 * 256, False)) is True
    for errada in [(256 * 256, True), (256, False), (512 * 512, False), (65536, "não"), ("65536", False), 65536]:
        assert licao03.verificar_exercicio_3.avaliar(errada) is False
    assert licao03.verificar_exercicio_3.avaliar(None) is False
    saida = capsys.readouterr().out
    assert saida.count("✅") == 1 and "Preencha" in saida
