"""A rede de transformação: formas, reflexão, normalização de instância, salvar e carregar."""

import zipfile

import keras
import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import perdas
from estilo.rapida import rede as rede_rapida
from estilo.nucleo.erros import ErroParametro, ErroSaida


@pytest.fixture(scope="module")
def rede():
    keras.utils.set_random_seed(1)
    return rede_rapida.construir_rede(filtros=4, blocos=1)


def _aleatoria(altura, largura, lote=1, semente=0):
    return tf.random.stateless_uniform((lote, altura, largura, 3), seed=[semente, 1])


def test_arquitetura_do_artigo_com_32_filtros_e_5_blocos():
    r = rede_rapida.construir_rede()
    convs = [c for c in r.layers if isinstance(c, keras.layers.Conv2D)]
    assert [c.filters for c in convs] == [32, 64, 128] + [128] * 10 + [64, 32, 3]
    assert [c.kernel_size[0] for c in convs] == [9, 3, 3] + [3] * 10 + [3, 3, 9]
    assert [c.strides[0] for c in convs] == [1, 2, 2] + [1] * 13
    assert all(c.padding == "valid" for c in convs), "o preenchimento vem das camadas de reflexão"
    normas = [c for c in r.layers if isinstance(c, keras.layers.GroupNormalization)]
    assert len(normas) == len(convs) - 1 and all(n.groups == n.input.shape[-1] for n in normas)  # um grupo por canal
    assert not any(isinstance(c, keras.layers.Conv2DTranspose) for c in r.layers)
    # parâmetros contados à mão: conv k×k cin→cout tem k·k·cin·cout + cout; norma, 2·cout
    esperado = sum(c.kernel_size[0] ** 2 * c.input.shape[-1] * c.filters + c.filters for c in convs)
    esperado += sum(2 * n.input.shape[-1] for n in normas)
    assert r.count_params() == esperado


@pytest.mark.parametrize("altura,largura", [(32, 48), (37, 50), (33, 33)])
def test_estilizar_qualquer_tamanho_devolve_o_mesmo_tamanho_em_0_1(rede, altura, largura):
    y = rede_rapida.estilizar(rede, _aleatoria(altura, largura))
    assert y.shape == (1, altura, largura, 3) and y.dtype == tf.float32
    assert float(tf.reduce_min(y)) >= 0.0 and float(tf.reduce_max(y)) <= 1.0


def test_reflexao_espelha_as_bordas_sem_repetir_a_borda():
    x = tf.reshape(tf.range(1 * 4 * 5 * 3, dtype=tf.float32), (1, 4, 5, 3))
    y = rede_rapida.PreenchimentoReflexivo(2)(x).numpy()
    assert y.shape == (1, 8, 9, 3)
    np.testing.assert_array_equal(y[0, 2:6, 2:7], x[0].numpy())
    np.testing.assert_array_equal(y[0, 2:6, 0], x[0, :, 2].numpy())  # coluna 2, espelhada sobre a 0
    np.testing.assert_array_equal(y[0, 0, 2:7], x[0, 2].numpy())


def test_normalizacao_de_instancia_nao_mistura_as_fotos_do_lote(rede):
    a, b = _aleatoria(32, 32, semente=1), _aleatoria(32, 32, semente=2) * 0.2
    sozinha = rede(a, training=True)
    junto = rede(tf.concat([a, b], 0), training=True)[:1]
    np.testing.assert_allclose(sozinha.numpy(), junto.numpy(), atol=1e-5)


def test_normalizacao_de_instancia_confere_com_a_conta_a_mao():
    x = _aleatoria(6, 5, lote=2) * 7 + 3
    camada = keras.layers.GroupNormalization(groups=-1, epsilon=1e-5)
    y = camada(x).numpy()
    xn = x.numpy()
    media = xn.mean(axis=(1, 2), keepdims=True)
    variancia = xn.var(axis=(1, 2), keepdims=True)
    np.testing.assert_allclose(y, (xn - media) / np.sqrt(variancia + 1e-5), atol=1e-4)


def test_gram_em_lote_e_a_gram_de_cada_imagem():
    f = _aleatoria(7, 9, lote=3) * 5
    lote = perdas.matriz_gram_lote(f).numpy()
    assert lote.shape == (3, 3, 3)
    for i in range(3):
        np.testing.assert_allclose(lote[i], perdas.matriz_gram(f[i : i + 1]).numpy(), rtol=1e-5)
        m = f[i].numpy().reshape(-1, 3)
        np.testing.assert_allclose(lote[i], m.T @ m / m.shape[0], rtol=1e-5)


def test_salvar_e_carregar_devolve_a_mesma_rede_e_a_informacao(rede, tmp_path):
    caminho = rede_rapida.salvar_rede(rede, tmp_path / "sub" / "r.keras", info={"estilos": ["noite_estrelada"]})
    assert caminho.is_file() and list(tmp_path.joinpath("sub").iterdir()) == [caminho], "sem restos temporários"
    lida = rede_rapida.carregar_rede(caminho)
    x = _aleatoria(36, 40)
    np.testing.assert_allclose(rede_rapida.estilizar(lida, x).numpy(), rede_rapida.estilizar(rede, x).numpy(),
                               atol=1e-6)
    assert rede_rapida.info_rede(caminho) == {"estilos": ["noite_estrelada"]}
    with pytest.raises(ErroSaida, match="já existe"):
        rede_rapida.salvar_rede(rede, caminho)
    rede_rapida.salvar_rede(rede, caminho, sobrescrever=True)


def test_erros_claros_ao_carregar(rede, tmp_path):
    with pytest.raises(ErroParametro, match=r"\.keras"):
        rede_rapida.carregar_rede(tmp_path / "rede.h5")
    with pytest.raises(ErroParametro, match="não encontrada"):
        rede_rapida.carregar_rede(tmp_path / "nada.keras")
    falso = tmp_path / "falso.keras"
    falso.write_text("isto não é um zip")
    with pytest.raises(ErroParametro, match="não é um arquivo .keras válido"):
        rede_rapida.carregar_rede(falso)
    quebrado = tmp_path / "quebrado.keras"
    with zipfile.ZipFile(quebrado, "w") as z:
        z.writestr("config.json", "{}")
    with pytest.raises(ErroParametro, match="Não consegui ler"):
        rede_rapida.carregar_rede(quebrado)
    outro = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    outro.save(tmp_path / "outro.keras")
    with pytest.raises(ErroParametro, match="não uma rede de estilo"):
        rede_rapida.carregar_rede(tmp_path / "outro.keras")


def test_parametros_invalidos():
    with pytest.raises(ErroParametro, match="filtros"):
        rede_rapida.construir_rede(filtros=0)
    with pytest.raises(ErroParametro, match="blocos"):
        rede_rapida.construir_rede(blocos=2.5)
    with pytest.raises(ErroParametro, match="keras.Model"):
        rede_rapida.estilizar("rede.keras", _aleatoria(32, 32))
