"""Todas as verificações: a chamada simples devolve None (nada de `False` solto no caderno) e a resposta
ainda não preenchida recebe a mensagem neutra (✍️), nunca o ❌."""

import importlib
import inspect

import pytest

from estilo.curso.exercicios import comum

LICOES = [f"licao0{n}" for n in range(9)]


def _verificacoes():
    casos = []
    for licao in LICOES:
        modulo = importlib.import_module(f"estilo.curso.exercicios.{licao}")
        nomes = sorted(n for n in vars(modulo) if n.startswith("verificar_exercicio_"))
        assert nomes, f"{licao} sem verificações"
        for nome in nomes:
            casos.append(pytest.param(getattr(modulo, nome), id=f"{licao}.{nome}"))
    return casos


def _sem_resposta(verificar):
    """Os argumentos de uma célula ainda não respondida: None em cada parâmetro obrigatório."""
    parametros = inspect.signature(verificar).parameters.values()
    return [None for p in parametros if p.default is inspect.Parameter.empty]


@pytest.mark.parametrize("verificar", _verificacoes())
def test_chamada_simples_devolve_none_e_e_neutra(verificar, capsys):
    assert verificar(*_sem_resposta(verificar)) is None
    saida = capsys.readouterr().out
    assert saida.startswith("✍️") and "❌" not in saida


@pytest.mark.parametrize("verificar", _verificacoes())
def test_avaliar_devolve_o_veredito_e_imprime_o_mesmo(verificar, capsys):
    assert verificar.avaliar(*_sem_resposta(verificar)) is False
    assert capsys.readouterr().out.startswith("✍️")
    assert verificar.__doc__ == verificar.avaliar.__doc__  # a ajuda do caderno mostra o enunciado


def test_decorador_separa_impressao_e_veredito(capsys):
    @comum.verificacao
    def verificar(x):
        """Aceita 1."""
        return comum.certo("um") if x == 1 else comum.errado("não é um")

    assert verificar(1) is None and verificar(2) is None
    assert capsys.readouterr().out == "✅ Certo! um\n❌ Ainda não. não é um\n"
    assert verificar.avaliar(1) is True and verificar.avaliar(2) is False
    assert capsys.readouterr().out.count("\n") == 2


@pytest.mark.parametrize("resposta, vazia", [
    (None, True), ("", True), ("  ", True), ([], True), ((), True), ({}, True),
    (0, False), ("a", False), ([0], False), (False, False), (0.0, False),
])
def test_vazia(resposta, vazia):
    assert comum.vazia(resposta) is vazia


def test_pendente_com_instrucao(capsys):
    assert comum.pendente("x") is False
    assert comum.pendente("x", "Mude os pesos") is False
    assert capsys.readouterr().out.splitlines() == [
        "✍️  Preencha a sua resposta em `x` e rode esta célula de novo.",
        "✍️  Mude os pesos e rode esta célula de novo.",
    ]
