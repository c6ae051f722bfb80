"""Testes de estilo.nucleo.validacao: os validadores numéricos comuns e o conversor do argparse."""

import argparse

import numpy as np
import pytest

from estilo.nucleo.erros import ErroParametro
from estilo.nucleo.validacao import conversor, inteiro, numero


def test_inteiro_aceita_e_converte():
    assert inteiro("passos", 5) == 5
    assert inteiro("passos", 3.0) == 3 and isinstance(inteiro("passos", 3.0), int)
    assert inteiro("passos", np.int64(7)) == 7 and type(inteiro("passos", np.int64(7))) is int
    assert inteiro("semente", 0, minimo=0) == 0
    assert inteiro("lado", 10**9, maximo=None) == 10**9


@pytest.mark.parametrize("ruim", [True, False, 2.5, float("nan"), float("inf"), "3", None, [1]])
def test_inteiro_recusa_o_que_nao_e_inteiro(ruim):
    with pytest.raises(ErroParametro, match=r"^passos deve ser um número inteiro, não "):
        inteiro("passos", ruim)


def test_inteiro_fora_dos_limites():
    with pytest.raises(ErroParametro, match=r"^lado deve ser um inteiro entre 32 e 8192, não 16\.$"):
        inteiro("lado", 16, 32, 8192)
    with pytest.raises(ErroParametro, match=r"entre 32 e 8192, não 9000\. Use menos\.$"):
        inteiro("lado", 9000, 32, 8192, dica="Use menos.")
    with pytest.raises(ErroParametro, match=r"^lote deve ser um inteiro pelo menos 1, não 0\.$"):
        inteiro("lote", 0)
    with pytest.raises(ErroParametro, match="no máximo 5"):
        inteiro("n", 6, minimo=None, maximo=5)


def test_numero_aceita_e_converte():
    assert numero("peso", 2) == 2.0 and isinstance(numero("peso", 2), float)
    assert numero("peso", np.float32(0.5), 0.0, 1.0) == 0.5
    assert numero("taxa", 1e-3, 0.0, 1.0, aberto_em_minimo=True) == 1e-3
    assert numero("peso", 0.0, 0.0, 1e12) == 0.0
    assert numero("peso", " 1e3 ") == 1000.0 and numero("peso", "0,5") == 0.5  # texto numérico, como antes


@pytest.mark.parametrize("ruim", [True, "muito", "", None, object()])
def test_numero_recusa_o_que_nao_e_numero(ruim):
    with pytest.raises(ErroParametro, match=r"^peso deve ser um número, não "):
        numero("peso", ruim)


def test_numero_recusa_nao_finitos_e_fora_dos_limites():
    with pytest.raises(ErroParametro, match=r"^peso deve ser um número finito entre 0 e 1e12, não nan\.$"):
        numero("peso", float("nan"), 0.0, 1e12)
    with pytest.raises(ErroParametro, match="finito"):
        numero("peso", float("inf"))
    with pytest.raises(ErroParametro, match=r"entre 0 e 1e12, não -1"):
        numero("peso", -1, 0.0, 1e12)
    with pytest.raises(ErroParametro, match=r"maior que 0 e no máximo 1000, não 0\.0"):
        numero("taxa", 0.0, 0.0, 1000.0, aberto_em_minimo=True)
    with pytest.raises(ErroParametro, match=r"pelo menos 0\.05, não 0\.01"):
        numero("escala", 0.01, minimo=0.05)


def test_conversor_para_argparse():
    lado = conversor(inteiro, minimo=32, maximo=8192)
    assert lado(" 512 ") == 512
    with pytest.raises(argparse.ArgumentTypeError, match=r"^o valor deve ser um número inteiro, não 'grande'$"):
        lado("grande")
    with pytest.raises(argparse.ArgumentTypeError, match="entre 32 e 8192, não 10$"):
        lado("10")
    taxa = conversor(numero, "a taxa", minimo=0.0, maximo=1e3, aberto_em_minimo=True)
    assert taxa("0,5") == 0.5
    with pytest.raises(argparse.ArgumentTypeError, match="^a taxa deve ser um número, não 'x'$"):
        taxa("x")
    with pytest.raises(argparse.ArgumentTypeError, match="maior que 0"):
        taxa("0")
    parser = argparse.ArgumentParser()
    parser.add_argument("--lado", type=lado)
    assert parser.parse_args(["--lado", "64"]).lado == 64
