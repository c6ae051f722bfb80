"""As figuras do curso desenham o que prometem (backend Agg, sem tela)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from estilo.curso import visualizacao  # noqa: E402


@pytest.fixture(autouse=True)
def _fechar():
    plt.close("all")
    yield
    plt.close("all")


def _ultima_figura():
    return plt.figure(plt.get_fignums()[-1])


def test_grade_com_titulos():
    imgs = [tf.fill((1, 8, 8, 3), v) for v in (0.0, 0.5, 1.0)]
    assert visualizacao.grade(imgs, titulos=["a", "b", "c"], colunas=2) is None
    eixos = _ultima_figura().axes
    assert len(eixos) == 4
    assert [e.get_title() for e in eixos[:3]] == ["a", "b", "c"]
    np.testing.assert_allclose(eixos[1].images[0].get_array()[0, 0], [127.5] * 3, atol=1)


def test_curvas_uma_linha_por_historico_em_escala_log():
    h = {"conteudo": [3, 2], "estilo": [5, 1], "tv": [1, 1], "total": [9, 4], "segundos": [0.1, 0.2]}
    visualizacao.curvas({"L-BFGS": h, "Adam": h}, eixo_x="segundos")
    eixos = _ultima_figura().axes
    assert len(eixos) == 4 and all(e.get_yscale() == "log" for e in eixos)
    assert len(eixos[3].lines) == 2
    np.testing.assert_allclose(eixos[3].lines[0].get_xdata(), [0.1, 0.2])


def test_mapas_ativacao_mostra_os_canais_mais_ativos():
    a = np.zeros((1, 4, 4, 5), np.float32)
    a[..., 3] = 9.0
    a[..., 1] = 5.0
    visualizacao.mapas_ativacao(a, quantidade=2, colunas=2)
    titulos = [e.get_title() for e in _ultima_figura().axes]
    assert titulos[:2] == ["canal 3", "canal 1"]


def test_mapa_gram_e_mostrar():
    visualizacao.mapa_gram(np.eye(70), canais=64, titulo="G")
    assert _ultima_figura().axes[0].images[0].get_array().shape == (64, 64)
    visualizacao.mostrar(tf.zeros((1, 5, 6, 3)), titulo="x")
    assert _ultima_figura().axes[0].get_title() == "x"
