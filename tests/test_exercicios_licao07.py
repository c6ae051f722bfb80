"""Verificações da lição 07: aceitam as respostas certas e recusam as erradas, sem exceção."""

import keras
import numpy as np
import pytest

from estilo.rapida import rede as rede_rapida
from estilo.curso.exercicios import licao07

# ---- exercício 1: parâmetros da rede contados à mão ----


@pytest.mark.parametrize("filtros, blocos", [(4, 1), (8, 2), (16, 3), (32, 5)])
def test_conta_a_mao_bate_com_o_keras(filtros, blocos):
    rede = rede_rapida.construir_rede(filtros, blocos)
    assert licao07.parametros_rede(filtros, blocos) == rede.count_params()


@pytest.mark.parametrize("resposta", [1_679_235, 1679235.0, np.int64(1_679_235), np.array([1_679_235])])
def test_exercicio_1_aceita(resposta, capsys):
    assert licao07.verificar_exercicio_1.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_1_pergunta_e_a_rede_do_artigo():
    assert licao07.PERGUNTA_1 == {"filtros": 32, "blocos": 5}
    assert licao07.parametros_rede(32, 5) == 1_679_235


@pytest.mark.parametrize(
    "resposta, dica",
    [
        (licao07.parametros_rede(32, 5, normalizacao=False, vieses=False), "só os pesos"),
        (licao07.parametros_rede(32, 5, normalizacao=False), "normalizações"),
        (licao07.parametros_rede(32, 5, vieses=False), "vieses"),
        (licao07.parametros_rede(32, 5) + 6, "saída"),
        (licao07.parametros_rede(32, 5) - 5 * (9 * 128 * 128 + 128 + 256), "DUAS convoluções"),
        (licao07.parametros_rede(32, 5) + 1000, "perto"),
        (1_000_000, "Ainda não bate"),
        ("1,7 milhão", "número inteiro"),
        (True, "número inteiro"),
        (float("nan"), "número inteiro"),
    ],
)
def test_exercicio_1_recusa(resposta, dica, capsys):
    assert licao07.verificar_exercicio_1.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida


# ---- exercício 2: o que evita o xadrez ----


def test_exercicio_2_a_resposta_certa_e_verdade():
    """Numa imagem constante, vizinho + convolução dá saída constante; a convolução transposta, um xadrez."""
    constante = np.ones((1, 8, 8, 1), dtype=np.float32)
    transposta = keras.layers.Conv2DTranspose(1, 3, strides=2, padding="same", kernel_initializer="ones",
                                              use_bias=False)
    xadrez = np.asarray(transposta(constante))[0, 2:-2, 2:-2, 0]
    assert xadrez.std() > 0.5  # valores alternados 1, 2, 4 num padrão de tabuleiro
    ampliada = keras.layers.UpSampling2D(2, interpolation="nearest")(constante)
    conv = keras.layers.Conv2D(1, 3, padding="valid", kernel_initializer="ones", use_bias=False)
    liso = np.asarray(conv(ampliada))[0, ..., 0]
    np.testing.assert_allclose(liso, 9.0, rtol=1e-6)


@pytest.mark.parametrize("resposta", ["b", "B", " b) "])
def test_exercicio_2_aceita(resposta, capsys):
    assert licao07.verificar_exercicio_2.avaliar(resposta) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("resposta, dica", [("a", "CAUSA"), ("c", "contraste"), ("d", "BORDAS"), ("e", "letra"),
                                            (2, "letra")])
def test_exercicio_2_recusa(resposta, dica, capsys):
    assert licao07.verificar_exercicio_2.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida


# ---- exercício 3: normalização de instância à mão ----


def test_referencia_e_a_camada_da_rede():
    """A referência NumPy é a GroupNormalization(groups=-1) com o epsilon que construir_rede usa."""
    rede = rede_rapida.construir_rede(4, 1)
    camada = rede.get_layer("entrada_norm")
    assert camada.groups == camada.input.shape[-1] == 4  # groups=-1 vira "um grupo por canal"
    assert camada.epsilon == licao07.EPSILON
    x, gama, beta = licao07._dados_exercicio_3()
    norm = keras.layers.GroupNormalization(groups=-1, epsilon=licao07.EPSILON)
    norm.build(x.shape)
    norm.set_weights([gama, beta])
    np.testing.assert_allclose(np.asarray(norm(x)), licao07.normalizacao_instancia(x, gama, beta), rtol=1e-4,
                               atol=1e-4)


def _certa(x, gama, beta):
    media = x.mean(axis=(1, 2), keepdims=True)
    variancia = x.var(axis=(1, 2), keepdims=True)
    return (x - media) / np.sqrt(variancia + 1e-5) * gama + beta


def test_exercicio_3_aceita(capsys):
    assert licao07.verificar_exercicio_3.avaliar(_certa) is True
    assert licao07.verificar_exercicio_3.avaliar(lambda x, g, b: _certa(x.astype(np.float64), g, b).tolist()) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "funcao, dica",
    [
        (lambda x, g, b: (x - x.mean((0, 1, 2), keepdims=True)) / np.sqrt(x.var((0, 1, 2), keepdims=True) + 1e-5)
         * g + b, "LOTE"),
        (lambda x, g, b: (x - x.mean((1, 2, 3), keepdims=True)) / np.sqrt(x.var((1, 2, 3), keepdims=True) + 1e-5)
         * g + b, "CAMADA"),
        (lambda x, g, b: (x - x.mean((1, 2), keepdims=True)) / np.sqrt(x.var((1, 2), keepdims=True)) * g + b,
         "ε dentro da raiz"),
        (lambda x, g, b: (x - x.mean((1, 2), keepdims=True)) / (x.std((1, 2), keepdims=True) + 1e-5) * g + b,
         "DENTRO da raiz"),
        (lambda x, g, b: _certa(x, 1.0, 0.0), "γ + β"),
        (lambda x, g, b: _certa(x, b, g), "trocou γ e β"),
        (lambda x, g, b: x, "Ainda não bate"),
        (lambda x, g, b: _certa(x, g, b)[0], "mesma forma"),
        (lambda x, g, b: 1 / 0, "ZeroDivisionError"),
        (42, "sem chamá-la"),
    ],
)
def test_exercicio_3_recusa(funcao, dica, capsys):
    assert licao07.verificar_exercicio_3.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida


def test_pendentes_nao_levantam(capsys):
    assert licao07.verificar_exercicio_1.avaliar(None) is False
    assert licao07.verificar_exercicio_2.avaliar(None) is False
    assert licao07.verificar_exercicio_3.avaliar(None) is False
    assert licao07.verificar_exercicio_3.avaliar(lambda x, g, b: None) is False  # o esboço do caderno
    assert capsys.readouterr().out.count("✍️") == 4
