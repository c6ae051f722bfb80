"""Verificações da lição 01: aceitam a resposta certa (medida numa rede de verdade) e recusam as erradas."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import modelos
from estilo.curso.exercicios import licao01
from estilo.nucleo.pesos import CAMADAS_CONV


def _pesos_constantes(rede, valor=None):
    """Pesos sintéticos (sem ImageNet): filtros constantes positivos, ou zeros com valor=0."""
    pesos, entrada = {}, 3
    for nome in CAMADAS_CONV[rede]:
        saida = licao01.CANAIS_POR_BLOCO[int(nome[5])]
        v = 1.0 / (9 * entrada) if valor is None else valor
        pesos[nome] = (np.full((3, 3, entrada, saida), v, np.float32), np.zeros(saida, np.float32))
        entrada = saida
    return pesos


def _campo_medido(rede, camada, lado=160):
    """Lado do campo receptivo medido: região da entrada onde o gradiente de uma ativação central não é zero."""
    modelo = modelos.construir_vgg([camada], rede, pooling="media", pesos=_pesos_constantes(rede))
    x = tf.Variable(tf.ones((1, lado, lado, 3)))
    with tf.GradientTape() as fita:
        a = modelo(x)[camada]
        alvo = tf.reduce_sum(a[0, a.shape[1] // 2, a.shape[2] // 2, :])
    suporte = np.abs(fita.gradient(alvo, x).numpy()[0]).sum(-1) > 0
    linhas, colunas = np.nonzero(suporte)
    assert 0 < linhas.min() and linhas.max() < lado - 1, "o campo encostou na borda; aumente `lado`"
    return linhas.max() - linhas.min() + 1, colunas.max() - colunas.min() + 1


@pytest.mark.parametrize("rede,camada", [("vgg16", "block3_conv3"), ("vgg16", "block5_conv1"), ("vgg19", "block4_conv4")])
def test_campo_receptivo_bate_com_o_gradiente(rede, camada):
    altura, largura = _campo_medido(rede, camada)
    assert altura == largura == licao01.campo_receptivo(camada, rede)


def test_exercicio_1_aceita_o_campo_medido(capsys):
    altura, _ = _campo_medido("vgg19", "block4_conv4")
    assert licao01.verificar_exercicio_1.avaliar(altura) is True
    assert licao01.verificar_exercicio_1.avaliar(np.int64(altura)) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("erro", [-1, 1, 2])
def test_exercicio_1_recusa_vizinhos(erro, capsys):
    certo = licao01.campo_receptivo("block4_conv4", "vgg19")
    assert licao01.verificar_exercicio_1.avaliar(certo + erro) is False
    assert "❌" in capsys.readouterr().out


def test_exercicio_1_explica_os_erros_comuns(capsys):
    sem_pools = 1 + 2 * sum(1 for n in CAMADAS_CONV["vgg19"][: CAMADAS_CONV["vgg19"].index("block4_conv4") + 1])
    assert licao01.verificar_exercicio_1.avaliar(sem_pools) is False
    assert "pools" in capsys.readouterr().out
    assert licao01.verificar_exercicio_1.avaliar(licao01.campo_receptivo("block4_conv3", "vgg16")) is False
    assert "VGG16" in capsys.readouterr().out


@pytest.mark.parametrize("resposta", [None, "muitos", True, [116], float("nan")])
def test_exercicio_1_nao_quebra_com_lixo(resposta, capsys):
    assert licao01.verificar_exercicio_1.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert ("✍️" in saida) if resposta is None else ("❌" in saida)


def test_exercicio_2_aceita_a_forma_da_rede(capsys):
    p = licao01.PERGUNTA_2
    modelo = modelos.construir_vgg([p["camada"]], pesos=_pesos_constantes("vgg16", valor=0.0))
    forma = tuple(modelo(tf.zeros((1, p["altura"], p["largura"], 3)))[p["camada"]].shape)
    assert licao01.verificar_exercicio_2.avaliar(forma) is True
    assert licao01.verificar_exercicio_2.avaliar(list(forma)) is True
    assert licao01.verificar_exercicio_2.avaliar(tf.TensorShape(forma)) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_2_recusa_e_explica(capsys):
    _, h, w, c = licao01.forma_saida(**licao01.PERGUNTA_2)
    assert licao01.verificar_exercicio_2.avaliar((h, w, c)) is False
    assert "lote" in capsys.readouterr().out
    assert licao01.verificar_exercicio_2.avaliar((1, h + 1, w, c)) is False
    assert "para baixo" in capsys.readouterr().out
    assert licao01.verificar_exercicio_2.avaliar((1, h, w, c // 2)) is False
    assert "canais" in capsys.readouterr().out
    assert licao01.verificar_exercicio_2.avaliar((1, 2 * h, 2 * w, c)) is False
    assert licao01.verificar_exercicio_2.avaliar(None) is False
    assert licao01.verificar_exercicio_2.avaliar(512) is False
    assert licao01.verificar_exercicio_2.avaliar(("a", "b")) is False


def _certa(r, g, b):
    return tuple(np.asarray(modelos.preprocessar(tf.constant([[[[r, g, b]]]])))[0, 0, 0])


def _a_mao(r, g, b):
    media_b, media_g, media_r = modelos.MEDIA_BGR
    return [255 * b - media_b, 255 * g - media_g, 255 * r - media_r]


def test_exercicio_3_aceita_as_certas(capsys):
    assert licao01.verificar_exercicio_3.avaliar(_certa) is True
    assert licao01.verificar_exercicio_3.avaliar(_a_mao) is True
    assert capsys.readouterr().out.count("✅") == 2


@pytest.mark.parametrize(
    "funcao,dica",
    [
        (lambda r, g, b: _a_mao(r, g, b)[::-1], "RGB"),
        (lambda r, g, b: (255 * b, 255 * g, 255 * r), "média"),
        (lambda r, g, b: np.array([b, g, r]) - np.array(modelos.MEDIA_BGR), "255"),
        (lambda r, g, b: (255 * b - 123.68, 255 * g - 116.779, 255 * r - 103.939), "BGR"),
        (lambda r, g, b: (255 * r - 103.939, 255 * g - 116.779, 255 * b - 123.68), "Inverta"),
        (lambda r, g, b: 1 / 0, "ZeroDivisionError"),
        (lambda r, g, b: (1.0, 2.0), "três"),
        (lambda r, g, b: _a_mao(r, g, b)[0] + 1.0, "três"),
    ],
)
def test_exercicio_3_recusa_e_explica(funcao, dica, capsys):
    assert licao01.verificar_exercicio_3.avaliar(funcao) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and dica in saida


def test_exercicio_3_pendente_e_nao_funcao(capsys):
    assert licao01.verificar_exercicio_3.avaliar(None) is False
    assert "✍️" in capsys.readouterr().out
    assert licao01.verificar_exercicio_3.avaliar(lambda r, g, b: None) is False
    assert "✍️" in capsys.readouterr().out
    assert licao01.verificar_exercicio_3.avaliar(42) is False
    assert "❌" in capsys.readouterr().out


def test_exercicio_4_aceita_a_contagem_do_keras(capsys):
    p = licao01.PERGUNTA_4
    camada = keras.layers.Conv2D(p["filtros"], p["lado_filtro"])
    camada.build((None, 32, 32, p["canais_entrada"]))
    assert licao01.verificar_exercicio_4.avaliar(camada.count_params()) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_4_recusa_e_explica(capsys):
    p = licao01.PERGUNTA_4
    k, c, n = p["lado_filtro"], p["canais_entrada"], p["filtros"]
    assert licao01.verificar_exercicio_4.avaliar(k * k * c * n) is False
    assert "viés" in capsys.readouterr().out
    assert licao01.verificar_exercicio_4.avaliar(3 * 3 * c * n + n) is False
    assert "3×3" in capsys.readouterr().out
    assert licao01.verificar_exercicio_4.avaliar(k * k * c * n + n + 1) is False
    assert licao01.verificar_exercicio_4.avaliar(None) is False
    assert licao01.verificar_exercicio_4.avaliar("4864?") is False
