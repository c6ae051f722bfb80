"""Quiz do sumário: aceita a resposta certa e recusa as erradas, sem nunca levantar exceção."""

import pytest

from estilo.nucleo import dados
from estilo.curso.exercicios import licao00


@pytest.mark.parametrize("resposta", ["b", "B", " b) ", "b."])
def test_quiz_aceita_os_pixels(resposta, capsys):
    assert licao00.verificar_exercicio_1.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("resposta", ["a", "c", "d", 3, "pixels da pintura"])
def test_quiz_recusa_as_outras(resposta, capsys):
    assert licao00.verificar_exercicio_1.avaliar(resposta) is False
    assert "❌" in capsys.readouterr().out


def test_quiz_pendente(capsys):
    assert licao00.verificar_exercicio_1.avaliar(None) is False
    assert licao00.verificar_exercicio_2.avaliar(None) is False
    assert capsys.readouterr().out.count("✍️") == 2


def test_contagem_de_estilos(capsys):
    estilos = dados.listar("estilo")
    assert licao00.verificar_exercicio_2.avaliar(len(estilos)) is True
    assert "✅" in capsys.readouterr().out


def test_contagem_recusa_e_explica(capsys):
    assert licao00.verificar_exercicio_2.avaliar(len(dados.listar())) is False
    assert "total" in capsys.readouterr().out
    assert licao00.verificar_exercicio_2.avaliar(len(dados.listar("conteudo"))) is False
    assert "fotos" in capsys.readouterr().out
    assert licao00.verificar_exercicio_2.avaliar(dados.listar("estilo")) is False
    assert "len" in capsys.readouterr().out
    for lixo in (len(dados.listar("estilo")) + 1, "dez", True, 2.5):
        assert licao00.verificar_exercicio_2.avaliar(lixo) is False
