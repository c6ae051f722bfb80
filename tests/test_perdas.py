"""Custos conferidos com contas feitas à mão em tensores pequenos."""

import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import perdas


def test_gram_a_mao():
    # 2×2 posições, 2 canais: F = [[1, 2], [3, 4], [5, 6], [7, 8]] (M=4, N=2)
    f = np.arange(1, 9, dtype=np.float32).reshape(1, 2, 2, 2)
    esperado = np.array([[1 + 9 + 25 + 49, 2 + 12 + 30 + 56], [2 + 12 + 30 + 56, 4 + 16 + 36 + 64]]) / 4
    np.testing.assert_allclose(perdas.matriz_gram(f), esperado, rtol=1e-6)


def test_gram_guiada_a_mao():
    # mesmas F; máscara m = [1, 0, 0.5, 0] nas 4 posições: (m·F)ᵀ(m·F) / Σm², Σm² = 1.25
    f = np.arange(1, 9, dtype=np.float32).reshape(1, 2, 2, 2)
    m = np.array([[1.0, 0.0], [0.5, 0.0]], np.float32)
    linhas = np.array([[1, 2], [0, 0], [2.5, 3], [0, 0]], np.float32)
    esperado = linhas.T @ linhas / 1.25
    np.testing.assert_allclose(perdas.matriz_gram_guiada(f, m), esperado, rtol=1e-6)
    np.testing.assert_allclose(perdas.matriz_gram_guiada(f, m[None, :, :, None]), esperado, rtol=1e-6)


def test_gram_simetrica_e_semidefinida():
    f = tf.random.stateless_normal((1, 5, 7, 6), seed=[1, 2])
    g = perdas.matriz_gram(f).numpy()
    assert g.shape == (6, 6)
    np.testing.assert_allclose(g, g.T, rtol=1e-6)
    assert np.linalg.eigvalsh(g).min() > -1e-5


def test_gram_ignora_posicoes():
    f = tf.random.stateless_normal((1, 6, 5, 4), seed=[3, 4]).numpy()
    linhas = f.reshape(30, 4)
    embaralhado = linhas[np.random.default_rng(0).permutation(30)].reshape(1, 6, 5, 4)
    assert not np.allclose(f, embaralhado)
    np.testing.assert_allclose(perdas.matriz_gram(f), perdas.matriz_gram(embaralhado), rtol=1e-5)


def test_gram_em_float32_sem_estouro_com_bfloat16():
    grande = tf.cast(tf.fill((1, 64, 64, 8), 300.0), tf.bfloat16)
    g = perdas.matriz_gram(grande)
    assert g.dtype == tf.float32
    np.testing.assert_allclose(g.numpy(), np.full((8, 8), 300.0**2), rtol=1e-2)


def test_perdas_zero_para_entradas_iguais():
    f = tf.random.stateless_normal((1, 4, 4, 3), seed=[5, 6])
    assert float(perdas.custo_conteudo(f, f)) == 0.0
    g = perdas.matriz_gram(f)
    assert float(perdas.custo_estilo({"a": g}, {"a": g})) == 0.0
    assert float(perdas.variacao_total(tf.fill((1, 8, 8, 3), 0.3))) == pytest.approx(0.0)


def test_custo_conteudo_e_a_media_dos_quadrados():
    a = np.array([[[[1.0, 2.0]]]], np.float32)
    b = np.array([[[[0.0, 4.0]]]], np.float32)
    assert float(perdas.custo_conteudo(a, b)) == pytest.approx((1 + 4) / 2)


def test_conversao_para_o_artigo():
    """Tabela do README: conteúdo = 2/(N·M) × ½Σ(F−P)²; estilo = 4 × 1/(4N²M²)Σ(G−A)² (G sem /M)."""
    rng = np.random.default_rng(1)
    h, w, n = 3, 5, 4
    m = h * w
    f, p = rng.normal(size=(1, h, w, n)).astype(np.float32), rng.normal(size=(1, h, w, n)).astype(np.float32)
    artigo_conteudo = 0.5 * np.sum((f - p) ** 2)
    assert float(perdas.custo_conteudo(f, p)) == pytest.approx(2 / (n * m) * artigo_conteudo, rel=1e-5)
    gf, gp = f.reshape(m, n).T @ f.reshape(m, n), p.reshape(m, n).T @ p.reshape(m, n)
    artigo_estilo = np.sum((gf - gp) ** 2) / (4 * n**2 * m**2)
    nosso = perdas.custo_estilo_camada(perdas.matriz_gram(f), perdas.matriz_gram(p))
    assert float(nosso) == pytest.approx(4 * artigo_estilo, rel=1e-5)


def test_custo_estilo_com_pesos_por_camada():
    g1, g2 = tf.eye(2), tf.zeros((2, 2))
    alvo = {"a": g2, "b": g2}
    geradas = {"a": g1, "b": 2 * g1}
    # média((I)^2) = 0.5; média((2I)^2) = 2
    assert float(perdas.custo_estilo(geradas, alvo)) == pytest.approx((0.5 + 2) / 2)
    assert float(perdas.custo_estilo(geradas, alvo, {"a": 1.0, "b": 0.0})) == pytest.approx(0.5)


def test_variacao_total_igual_a_do_tensorflow():
    img = tf.random.stateless_uniform((1, 9, 7, 3), seed=[7, 8])
    np.testing.assert_allclose(perdas.variacao_total(img), tf.image.total_variation(img)[0], rtol=1e-5)
