"""Controle espacial (Gatys et al., 2017): Gram guiada, máscaras do usuário, máscaras prontas, ponta a ponta."""

import re
import warnings

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

from estilo.gatys import mascaras, regioes
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.transferencia import transferir
from estilo.nucleo import dados, perdas
from estilo.nucleo.erros import AvisoEstilo, ErroImagem, ErroParametro
from estilo.nucleo.modelos import CAMADAS_ESTILO


def _aleatorias(forma, semente=0):
    return tf.random.stateless_normal(forma, seed=[semente, 1])


def _retangulo(altura, largura, linhas, colunas):
    m = np.zeros((1, altura, largura, 1), np.float32)
    m[:, linhas[0]:linhas[1], colunas[0]:colunas[1]] = 1.0
    return tf.constant(m)


@pytest.fixture(scope="module")
def foto():
    return dados.carregar("ponte_golden_gate", lado_maximo=96)


# ---------------------------------------------------------------------------
# A Gram guiada
# ---------------------------------------------------------------------------


def test_gram_guiada_com_mascara_toda_um_e_a_gram():
    f = _aleatorias((1, 7, 9, 5))
    np.testing.assert_allclose(perdas.matriz_gram_guiada(f, tf.ones((1, 7, 9, 1))), perdas.matriz_gram(f), rtol=1e-5)
    np.testing.assert_allclose(perdas.matriz_gram_guiada(f, tf.ones((7, 9))), perdas.matriz_gram(f), rtol=1e-5)


def test_gram_guiada_de_retangulo_e_a_gram_do_recorte_em_cada_camada():
    # Retângulo alinhado a blocos de 16 px: em toda grade da VGG (÷1 … ÷16) ele continua exato.
    mascara = _retangulo(64, 96, (16, 48), (32, 80))
    for k in range(5):
        h, w = 64 // 2**k, 96 // 2**k
        f = _aleatorias((1, h, w, 6), semente=k)
        na_grade = regioes.mascara_na_grade(mascara, (h, w))
        recorte = f[:, 16 // 2**k: 48 // 2**k, 32 // 2**k: 80 // 2**k]
        np.testing.assert_allclose(perdas.matriz_gram_guiada(f, na_grade), perdas.matriz_gram(recorte),
                                   rtol=1e-4, atol=1e-5)


def test_gram_guiada_de_retangulo_desalinhado_so_erra_na_borda():
    # Região = colunas 0–36 de 96; à direita, outra "textura" (média 3). Nas grades grossas a coluna da
    # borda fica meio coberta e mistura um pouco da vizinha: erro pequeno, só dela.
    mascara = _retangulo(64, 96, (0, 64), (0, 37))
    for k in range(5):
        h, w = 64 // 2**k, 96 // 2**k
        dentro = (tf.range(w, dtype=tf.float32) + 0.5) * 2**k < 37  # centro da célula dentro da região
        f = _aleatorias((1, h, w, 6), semente=10 + k) + 3.0 * tf.cast(~dentro, tf.float32)[None, None, :, None]
        guiada = perdas.matriz_gram_guiada(f, regioes.mascara_na_grade(mascara, (h, w)))
        recorte = perdas.matriz_gram(tf.boolean_mask(f, dentro, axis=2))
        erro = float(tf.norm(guiada - recorte) / tf.norm(recorte))
        erro_sem_mascara = float(tf.norm(perdas.matriz_gram(f) - recorte) / tf.norm(recorte))
        assert erro < 0.2 * erro_sem_mascara
        if k == 0:
            assert erro < 1e-5


def test_gram_guiada_na_vgg_fica_perto_da_do_recorte(foto, extrator):
    metade = mascaras.metade(foto.shape[1:3], "esquerda", borda=0)
    largura = foto.shape[2] // 2
    ativ, ativ_recorte = extrator(foto), extrator(foto[:, :, :largura])
    camada = "block1_conv1"  # campo receptivo de 3 px: só a costura difere
    guiada = perdas.matriz_gram_guiada(ativ[camada], regioes.mascara_na_grade(metade, ativ[camada].shape[1:3]))
    recorte, inteira = perdas.matriz_gram(ativ_recorte[camada]), perdas.matriz_gram(ativ[camada])
    assert float(tf.norm(guiada - recorte)) < 0.5 * float(tf.norm(inteira - recorte))


def test_regiao_pequena_tem_a_mesma_forca_que_uma_grande():
    # Ativações iguais em toda posição: a Gram de qualquer região é v·vᵀ, seja qual for a área
    # (normalizada pela área).
    v = tf.constant([1.0, -2.0, 0.5])
    f = tf.ones((1, 16, 16, 1)) * v
    esperado = np.outer(v, v)
    for mascara in (_retangulo(16, 16, (0, 2), (0, 2)), _retangulo(16, 16, (0, 16), (0, 12)),
                    0.3 * tf.ones((1, 16, 16, 1))):
        np.testing.assert_allclose(perdas.matriz_gram_guiada(f, mascara), esperado, rtol=1e-5)


def test_mascara_na_grade_tem_a_forma_de_cada_camada(extrator):
    imagem = tf.random.stateless_uniform((1, 45, 67, 3), seed=[1, 2])  # lados ímpares
    ativ = extrator(imagem)
    mascara = tf.ones((1, 45, 67, 1))
    for c in CAMADAS_ESTILO:
        grade = regioes.mascara_na_grade(mascara, ativ[c].shape[1:3])
        assert grade.shape[1:3] == ativ[c].shape[1:3]
        np.testing.assert_allclose(grade, 1.0, rtol=1e-6)


# ---------------------------------------------------------------------------
# Máscaras do usuário: formatos, tamanho, erros
# ---------------------------------------------------------------------------


def test_mascara_por_caminho_pil_array_e_tensor_da_o_mesmo(tmp_path):
    arr = np.zeros((30, 40), np.uint8)
    arr[:, :20] = 255
    Image.fromarray(arr).save(tmp_path / "m.png")
    formas = [tmp_path / "m.png", str(tmp_path / "m.png"), Image.fromarray(arr), arr, arr.astype(bool),
              arr.astype(np.float32) / 255, tf.constant(arr[None, :, :, None] / 255, tf.float32)]
    esperado = None
    for origem in formas:
        m = regioes.carregar_mascara(origem, (30, 40))
        assert m.shape == (1, 30, 40, 1)
        esperado = m if esperado is None else esperado
        np.testing.assert_allclose(m, esperado, atol=1e-6)
    assert float(m[0, 5, 5, 0]) == 1.0 and float(m[0, 5, 30, 0]) == 0.0


def test_mascara_e_redimensionada_para_a_foto_e_avisa_se_a_proporcao_muda():
    pequena = mascaras.metade((15, 20), "esquerda", borda=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # mesma proporção: sem aviso
        m = regioes.carregar_mascara(pequena, (60, 80))
    assert m.shape == (1, 60, 80, 1)
    assert float(tf.reduce_mean(m[..., :35, :])) > 0.99 and float(tf.reduce_max(m[..., 45:, :])) < 0.01
    with pytest.warns(AvisoEstilo, match="proporção"):
        m = regioes.carregar_mascara(mascaras.metade((50, 50), "esquerda", borda=0), (60, 80))
    assert m.shape == (1, 60, 80, 1) and 0.45 < float(tf.reduce_mean(m)) < 0.55


@pytest.mark.parametrize(
    "mascaras_dadas, erro, trecho",
    [
        ([tf.ones((1, 8, 8, 1))], ErroParametro, "1 máscara(s) para 2 pintura(s)"),
        ([tf.ones((1, 8, 8, 1))] * 3, ErroParametro, "3 máscara(s) para 2 pintura(s)"),
        ([tf.ones((1, 8, 8, 1)), tf.zeros((1, 8, 8, 1))], ErroParametro, "máscara 2 (da pintura 2) está vazia"),
        ([tf.ones((1, 8, 8, 1)), 3.5], ErroImagem, "máscara 2 (da pintura 2) não é uma imagem"),
        (["nao_existe.png", tf.ones((1, 8, 8, 1))], ErroImagem, "máscara 1 (da pintura 1)"),
        ([{"a": 1}, tf.ones((1, 8, 8, 1))], ErroImagem, "não é uma imagem"),
        ([np.ones((4, 4, 7)), tf.ones((1, 8, 8, 1))], ErroImagem, "máscara 1"),
    ],
)
def test_mascaras_erradas_dao_erro_claro(mascaras_dadas, erro, trecho):
    with pytest.raises(erro, match=re.escape(trecho)):
        regioes.preparar_mascaras(mascaras_dadas, 2, (8, 8))


def test_transferir_confere_as_mascaras_antes_de_otimizar(foto, extrator):
    p = dados.carregar("noite_estrelada", lado_maximo=64)
    with pytest.raises(ErroParametro, match="1 máscara"):
        transferir(foto, [p, p], mascaras=[tf.ones((1, 8, 8, 1))], lado_maximo=96, passos=1, extrator=extrator)


# ---------------------------------------------------------------------------
# Máscaras prontas
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("par", [("cima", "baixo"), ("esquerda", "direita")])
def test_metades_complementares_com_borda_suave(par):
    a, b = (mascaras.metade((40, 60), lado, borda=0.2) for lado in par)
    np.testing.assert_allclose(a + b, 1.0, atol=1e-6)
    eixo = 1 if par[0] == "cima" else 2
    perfil = tf.reduce_mean(a, axis=[i for i in (1, 2) if i != eixo] + [3])[0].numpy()
    n = perfil.size
    assert perfil[0] == 1.0 and perfil[-1] == 0.0 and np.all(np.diff(perfil) <= 1e-6)
    suaves = np.flatnonzero((perfil > 0.01) & (perfil < 0.99))
    assert suaves.size > 0 and abs(suaves.mean() - (n - 1) / 2) < 1 and suaves.size <= 0.2 * n + 2
    dura = mascaras.metade((40, 60), par[0], borda=0)
    assert set(np.unique(dura.numpy())) == {0.0, 1.0}


def test_por_brilho_separa_claro_de_escuro():
    rampa = tf.reshape(tf.linspace(0.0, 1.0, 64), (1, 1, 64, 1)) * tf.ones((1, 32, 64, 3))
    claras = mascaras.por_brilho(rampa, limiar=0.5, raio=0)
    assert float(claras[0, 0, 0, 0]) < 0.01 and float(claras[0, 0, -1, 0]) > 0.99
    np.testing.assert_allclose(mascaras.por_brilho(rampa, claras=False, raio=0), 1.0 - claras, atol=1e-6)


def test_ceu_acha_o_alto_claro_e_azulado_e_recusa_foto_sem_ceu():
    foto = np.zeros((60, 80, 3), np.float32)
    foto[:25] = (0.55, 0.7, 0.95)  # céu azul
    foto[25:] = (0.3, 0.25, 0.2)   # chão escuro
    foto[45:, 20:40] = (0.6, 0.75, 0.95)  # um lago azul e claro embaixo: não é céu (não toca o alto)
    m = mascaras.ceu(foto)[0, ..., 0].numpy()
    assert m[:20].mean() > 0.95 and m[30:].max() < 0.05
    assert 0.02 < m[22:28].mean() < 0.98  # borda suave
    with pytest.raises(ErroParametro, match="céu"):
        mascaras.ceu(np.full((40, 40, 3), 0.2, np.float32))


def test_ceu_numa_foto_de_verdade(foto):
    m = mascaras.ceu(foto)
    assert m.shape[1:3] == foto.shape[1:3]
    alto, baixo = float(tf.reduce_mean(m[:, :10])), float(tf.reduce_mean(m[:, -10:]))
    assert alto > 0.6 and baixo < 0.1


def test_automaticas_por_nome(foto):
    ceu, resto = mascaras.automaticas("auto:ceu", foto)
    np.testing.assert_allclose(ceu + resto, 1.0, atol=1e-6)
    [so_esquerda] = mascaras.automaticas("esquerda_direita", (20, 30), quantidade=1)
    np.testing.assert_allclose(so_esquerda, mascaras.metade((20, 30), "esquerda"))
    with pytest.raises(ErroParametro, match="Você quis dizer 'cima_baixo'"):
        mascaras.automaticas("cima_baxo", foto)
    with pytest.raises(ErroParametro, match="recebi 3"):
        mascaras.automaticas("ceu", foto, quantidade=3)
    vista = mascaras.sobrepor(foto, ceu)
    assert vista.shape == foto.shape and not np.allclose(vista, foto)


# ---------------------------------------------------------------------------
# No objetivo e de ponta a ponta
# ---------------------------------------------------------------------------


def test_objetivo_com_mascara_toda_um_e_o_de_sempre(foto, extrator):
    p = dados.carregar("noite_estrelada", lado_maximo=64)
    imagem = tf.random.stateless_uniform(foto.shape, seed=[3, 4])
    sem = Objetivo(extrator, foto, [p])(imagem)
    com = Objetivo(extrator, foto, [p], mascaras=[np.ones(foto.shape[1:3])])(imagem)
    for termo in ("conteudo", "estilo", "tv", "total"):
        assert float(com[termo]) == pytest.approx(float(sem[termo]), rel=1e-4)


def test_pesos_estilos_pesam_as_regioes(foto, extrator):
    pinturas = [dados.carregar(nome, lado_maximo=96) for nome in ("noite_estrelada", "composicao_vii")]
    lados = [mascaras.metade(foto.shape[1:3], "esquerda"), mascaras.metade(foto.shape[1:3], "direita")]
    imagem = tf.random.stateless_uniform(foto.shape, seed=[5, 6])

    def estilo(pintura_s, mascaras_s, pesos=None):
        return float(Objetivo(extrator, foto, pintura_s, pesos, mascaras=mascaras_s)(imagem)["estilo"])

    so = [estilo([p], [m]) for p, m in zip(pinturas, lados)]
    assert estilo(pinturas, lados) == pytest.approx(so[0] + so[1], rel=1e-4)  # cada região com força cheia
    assert estilo(pinturas, lados, [1, 0]) == pytest.approx(so[0], rel=1e-4)
    assert estilo(pinturas, lados, [4, 1]) == pytest.approx(so[0] + 0.25 * so[1], rel=1e-4)


def test_onde_a_mascara_e_zero_a_foto_fica(foto, extrator):
    p = dados.carregar("noite_estrelada", lado_maximo=96)
    esquerda = mascaras.metade(foto.shape[1:3], "esquerda", borda=0)
    r = transferir(foto, p, mascaras=esquerda, lado_maximo=96, passos=15, extrator=extrator)
    meio = foto.shape[2] // 2
    mudanca = tf.abs(r.imagem - foto)
    longe_da_costura = 8  # o campo receptivo da VGG passa um pouco da costura
    assert float(tf.reduce_mean(mudanca[:, :, meio + longe_da_costura:])) < 0.3 * float(
        tf.reduce_mean(mudanca[:, :, :meio]))
    assert r.configuracao["mascaras"] == 1


def test_esquerda_e_direita_com_duas_pinturas(foto, extrator):
    pinturas = [dados.carregar(nome, lado_maximo=96) for nome in ("noite_estrelada", "composicao_vii")]
    altura, largura = foto.shape[1:3]
    lados = [mascaras.metade((altura, largura), "esquerda"), mascaras.metade((altura, largura), "direita")]
    r = transferir(foto, pinturas, mascaras=lados, lado_maximo=96, passos=20, extrator=extrator)
    alvos = [{c: perdas.matriz_gram(v) for c, v in extrator(p).items() if c in CAMADAS_ESTILO} for p in pinturas]

    def distancia(imagem, alvo):
        """Distância de Gram relativa (média nas camadas), para as camadas pesarem igual."""
        ativ = extrator(imagem)
        return np.mean([float(perdas.custo_estilo_camada(perdas.matriz_gram(ativ[c]), alvo[c])
                              / tf.reduce_mean(tf.square(alvo[c]))) for c in CAMADAS_ESTILO])

    meio = largura // 2
    esquerda, direita = r.imagem[:, :, :meio], r.imagem[:, :, meio:]
    assert distancia(esquerda, alvos[0]) < 0.5 * distancia(esquerda, alvos[1])
    assert distancia(direita, alvos[1]) < 0.5 * distancia(direita, alvos[0])
    # e cada metade chegou mais perto da sua pintura do que a foto estava
    assert distancia(esquerda, alvos[0]) < 0.5 * distancia(foto[:, :, :meio], alvos[0])
    assert distancia(direita, alvos[1]) < 0.5 * distancia(foto[:, :, meio:], alvos[1])
    assert r.configuracao["mascaras"] == 2
