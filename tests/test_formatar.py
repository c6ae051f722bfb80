"""formatar: números para leitores em pt-BR; rotulo: identificadores do pacote com acento."""

import numpy as np
import pytest

from estilo.nucleo.formatar import NOMES_TERMOS, formatar, rotulo, termos
from estilo.nucleo.erros import ErroParametro


@pytest.mark.parametrize("valor, texto", [
    (8.397e7, "8,397 × 10⁷"),          # o "conteudo 8.397e+07" das lições
    (1.5e-6, "1,5 × 10⁻⁶"),
    (1e6, "1 × 10⁶"),
    (999999.9999, "1 × 10⁶"),          # o arredondamento sai da faixa fixa: vira potência
    (7.62939453125e-06, "7,629 × 10⁻⁶"),
    (1.99996e8, "2 × 10⁸"),            # mantissa arredondada para 10 sobe o expoente
    (0.8123, "0,812"),
    (0.0012345, "0,00123"),            # abaixo de 1: três algarismos significativos
    (0.001, "0,001"),
    (0.00099999, "1 × 10⁻³"),
    (2.5, "2,5"),                      # sem zeros no fim
    (3.0, "3"),
    (123.4567, "123,457"),
    (12345.6789, "12.345,679"),        # ponto nos milhares, vírgula nos decimais
    (65000.0, "65.000"),
    (0.0, "0"),
    (-2.5, "−2,5"),
    (-8.397e7, "−8,397 × 10⁷"),
])
def test_reais(valor, texto):
    assert formatar(valor) == texto


@pytest.mark.parametrize("valor, texto", [
    (1679235, "1.679.235"), (0, "0"), (999, "999"), (1000, "1.000"), (-4864, "−4.864"),
    (np.int64(65536), "65.536"), (10**12, "1.000.000.000.000"),
])
def test_inteiros_com_milhar(valor, texto):
    assert formatar(valor) == texto


def test_separador_fino_e_casas():
    assert formatar(1679235, milhar="\u202f") == "1\u202f679\u202f235"
    assert formatar(12345.6789, milhar="\u202f") == "12\u202f345,679"
    assert formatar(8.397e7, casas=1) == "8,4 × 10⁷"
    assert formatar(8.397e7, casas=0) == "8 × 10⁷"
    assert formatar(3.14159, casas=5) == "3,14159"
    assert formatar(0.8123, casas=1) == "0,8"


def test_numpy_tensores_e_especiais():
    tf = pytest.importorskip("tensorflow")
    assert formatar(np.float32(3.14159)) == "3,142"
    assert formatar(np.array(2.5)) == "2,5"
    assert formatar(tf.constant(8.397e7)) == "8,397 × 10⁷"
    assert formatar(float("nan")) == "NaN"
    assert formatar(float("inf")) == "∞" and formatar(float("-inf")) == "−∞"
    assert formatar(True) == "sim" and formatar(False) == "não"


@pytest.mark.parametrize("valor", ["8e7", None, [1, 2], object()])
def test_nao_numero_e_erro_claro(valor):
    with pytest.raises(ErroParametro, match="número"):
        formatar(valor)


@pytest.mark.parametrize("casas", [-1, 1.5, True])
def test_casas_invalidas(casas):
    with pytest.raises(ErroParametro, match="casas"):
        formatar(1.0, casas=casas)


def test_rotulos():
    assert rotulo("conteudo") == "conteúdo"
    assert rotulo("tv") == "variação total"
    assert rotulo("peso_estilo") == "peso do estilo (β)"
    assert rotulo("lbfgs") == "L-BFGS"
    assert rotulo("desconhecido") == "desconhecido"
    assert all(rotulo(t) == nome for t, nome in NOMES_TERMOS.items())


def test_termos_numa_linha():
    linha = termos({"conteudo": 8.397e7, "estilo": 1.2e7, "tv": 350.0, "total": 9.6e7})
    assert linha == "conteúdo 8,397 × 10⁷ · estilo 1,2 × 10⁷ · variação total 350 · total 9,6 × 10⁷"
