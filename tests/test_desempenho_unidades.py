"""As peças de desempenho: objetivo = tutorial do TensorFlow, L-BFGS, precisão mista (sem medir tempo)."""

import itertools
import math

import keras
import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import dados, modelos, perdas
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.otimizadores import LBFGS, Adam, LBFGSAdam
from estilo.gatys.transferencia import imagem_inicial, transferir

CAMADAS_TUTORIAL = list(modelos.CAMADAS_ESTILO) + ["block5_conv2"]


@pytest.fixture(scope="module")
def extrator_tutorial():
    return modelos.Extrator(CAMADAS_TUTORIAL)


@pytest.fixture(scope="module")
def par():
    return dados.carregar("cafe", lado_maximo=56), dados.carregar("noite_estrelada", lado_maximo=56)


# ---------------------------------------------------------------------------
# O objetivo do estilo é exatamente o do tutorial do TensorFlow
# ---------------------------------------------------------------------------


def test_objetivo_e_a_formula_do_tutorial(extrator_tutorial, par):
    conteudo, estilo = par
    imagem = imagem_inicial(conteudo, 0.3, semente=1)  # longe do conteúdo: os três termos contam
    objetivo = Objetivo(extrator_tutorial, conteudo, [estilo], camadas_conteudo=("block5_conv2",))
    termos = {k: float(v) for k, v in objetivo(imagem).items()}

    # A receita do tutorial, refeita à mão: preprocess_input do Keras, Gram por einsum / (H·W), médias.
    def saidas(img):
        return extrator_tutorial.modelo(keras.applications.vgg16.preprocess_input(img * 255.0))

    def gram(f):
        return tf.linalg.einsum("bijc,bijd->bcd", f, f) / tf.cast(f.shape[1] * f.shape[2], tf.float32)

    estilo_alvo, conteudo_alvo, gerada = saidas(estilo), saidas(conteudo), saidas(imagem)
    camadas_estilo = list(modelos.CAMADAS_ESTILO)
    perda_estilo = tf.add_n(
        [tf.reduce_mean((gram(gerada[c]) - gram(estilo_alvo[c])) ** 2) for c in camadas_estilo]
    ) * (1e-2 / len(camadas_estilo))
    perda_conteudo = tf.reduce_mean((gerada["block5_conv2"] - conteudo_alvo["block5_conv2"]) ** 2) * 1e4
    perda_tv = 30 * tf.image.total_variation(imagem)[0]

    np.testing.assert_allclose(termos["estilo"], float(perda_estilo), rtol=1e-4)
    np.testing.assert_allclose(termos["conteudo"], float(perda_conteudo), rtol=1e-4)
    np.testing.assert_allclose(termos["tv"], float(perda_tv), rtol=1e-5)
    np.testing.assert_allclose(termos["total"], float(perda_estilo + perda_conteudo + perda_tv), rtol=1e-4)
    assert min(termos["estilo"], termos["conteudo"], termos["tv"]) > 0


# ---------------------------------------------------------------------------
# L-BFGS em funções conhecidas (sem rede)
# ---------------------------------------------------------------------------


class _Quadratica:
    """f(x) = ½ Σ a·(x − c)², com curvaturas `a` espalhadas (mal condicionada)."""

    def __init__(self, centro, condicionamento=1000.0, semente=0):
        rng = np.random.default_rng(semente)
        self.c = tf.constant(centro, tf.float32)
        a = np.exp(rng.uniform(0, np.log(condicionamento), size=centro.shape))
        self.a = tf.constant(a, tf.float32)

    def __call__(self, x):
        return {"total": 0.5 * tf.reduce_sum(self.a * tf.square(x - self.c))}


def _descida_de_gradiente(objetivo, x, passos):
    """Gradiente puro com o maior passo estável (1 / maior curvatura), projetado em [0, 1]."""
    x = tf.Variable(x)
    taxa = 1.0 / float(tf.reduce_max(objetivo.a))
    melhor = float("inf")
    for _ in range(passos):
        with tf.GradientTape() as fita:
            f = objetivo(x)["total"]
        melhor = min(melhor, float(f))
        x.assign(tf.clip_by_value(x - taxa * fita.gradient(f, x), 0.0, 1.0))
    return melhor


@pytest.mark.parametrize("memoria", [3, 10])
def test_lbfgs_ganha_da_descida_de_gradiente_numa_quadratica(memoria):
    rng = np.random.default_rng(1)
    centro = rng.uniform(0.2, 0.8, size=(1, 8, 8, 3))
    objetivo = _Quadratica(centro)
    inicio = np.full(centro.shape, 0.5, np.float32)
    otim = LBFGS(objetivo, inicio, memoria=memoria, piramide=0)  # curvaturas sem estrutura espacial
    for _ in range(60):
        otim.passo()
    gradiente = _descida_de_gradiente(objetivo, inicio, 60)
    assert float(otim.melhor_perda) < 0.01 * gradiente
    assert int(otim.pares) > memoria  # a memória circular deu a volta


def test_piramide_acelera_quando_as_baixas_frequencias_demoram():
    # Só diferenças entre vizinhos pesam: corrigir a imagem "em bloco" (baixa frequência) quase não muda
    # o gradiente, como na VGG. O pré-condicionador por pirâmide dá passos maiores justamente aí.
    h, w = 32, 48
    yy, xx = np.mgrid[0:h, 0:w]
    centro = tf.constant((0.5 + 0.3 * np.sin(xx / 7.0) * np.cos(yy / 9.0))[None, ..., None] * np.ones(3), tf.float32)

    def suave(x):
        d = x - centro
        dy, dx = d[:, 1:] - d[:, :-1], d[:, :, 1:] - d[:, :, :-1]
        return {"total": tf.reduce_sum(dy**2) + tf.reduce_sum(dx**2) + 1e-3 * tf.reduce_sum(d**2)}

    finais = {}
    for piramide in (0, 4):
        otim = LBFGS(suave, np.full((1, h, w, 3), 0.5, np.float32), piramide=piramide)
        for _ in range(30):
            otim.passo()
        finais[piramide] = float(otim.melhor_perda)
    assert finais[4] < 0.01 * finais[0]


def test_lbfgs_respeita_a_caixa_e_para_na_projecao():
    rng = np.random.default_rng(2)
    centro = rng.uniform(-0.5, 1.5, size=(1, 6, 6, 3))  # boa parte do ótimo fica fora de [0, 1]
    otim = LBFGS(_Quadratica(centro, condicionamento=50.0), np.full(centro.shape, 0.5, np.float32))
    for _ in range(60):
        otim.passo()
        x = otim.x.numpy()
        assert x.min() >= 0.0 and x.max() <= 1.0
    np.testing.assert_allclose(otim.melhor_imagem.numpy(), np.clip(centro, 0, 1), atol=2e-3)


def test_lbfgs_recua_quando_o_passo_sobe_e_nunca_aceita_piora():
    # Quártica: o primeiro passo de uma direção (taxa=20) passa longe do mínimo e precisa recuar.
    centro = tf.constant(np.random.default_rng(3).uniform(0.3, 0.7, size=(1, 4, 4, 3)), tf.float32)

    def quartica(x):
        return {"total": tf.reduce_sum((x - centro) ** 4) + 0.1 * tf.reduce_sum((x - centro) ** 2)}

    otim = LBFGS(quartica, np.full((1, 4, 4, 3), 0.5, np.float32), taxa=20.0)
    aceitas = []
    for _ in range(40):
        otim.passo()
        aceitas.append(float(otim.f_ant))
    assert int(otim.recuos) > 0
    assert all(b <= a for a, b in itertools.pairwise(aceitas))  # perdas dos pontos aceitos nunca sobem
    assert float(otim.melhor_perda) < 1e-3 * float(quartica(tf.fill((1, 4, 4, 3), 0.5))["total"])


def test_lbfgs_devolve_a_mesma_perda_que_o_objetivo(extrator_tutorial, par):
    conteudo, estilo = par
    objetivo = Objetivo(extrator_tutorial, conteudo, [estilo], camadas_conteudo=("block5_conv2",))
    otim = LBFGS(objetivo, conteudo)
    perdas_passos = [float(otim.passo()["total"]) for _ in range(12)]
    assert min(perdas_passos) < 0.5 * perdas_passos[0]
    np.testing.assert_allclose(float(objetivo(otim.melhor_imagem)["total"]), float(otim.melhor_perda), rtol=1e-4)


def test_adam_com_aquecimento_comeca_devagar():
    centro = tf.fill((1, 4, 4, 3), 0.9)

    def quadratica(x):
        return {"total": tf.reduce_sum((x - centro) ** 2)}

    inicio = np.full((1, 4, 4, 3), 0.5, np.float32)
    sem = Adam(quadratica, inicio, taxa=0.1, epsilon=1e-7)
    com = Adam(quadratica, inicio, taxa=0.1, epsilon=1e-7, aquecimento=10)
    sem.passo()
    com.passo()
    # O primeiro passo do Adam anda ~taxa em todo pixel; com aquecimento, ~taxa/10.
    assert np.abs(sem.x.numpy() - inicio).max() == pytest.approx(0.1, rel=0.05)
    assert np.abs(com.x.numpy() - inicio).max() == pytest.approx(0.01, rel=0.05)


def test_lbfgs_adam_troca_na_hora_marcada_e_segue_descendo():
    centro = tf.constant(np.random.default_rng(6).uniform(0.3, 0.7, size=(1, 6, 6, 3)), tf.float32)

    def quartica(x):
        return {"total": tf.reduce_sum((x - centro) ** 4) + 0.1 * tf.reduce_sum((x - centro) ** 2)}

    otim = LBFGSAdam(quartica, np.full((1, 6, 6, 3), 0.05, np.float32), trocar_apos=4, taxa=0.01)
    for _ in range(4):
        otim.passo()
    na_troca = float(otim.melhor_perda)
    assert otim.adam is None
    for _ in range(60):
        otim.passo()
    assert otim.trocou_em == 4 and otim.adam is not None and otim.x is otim.adam.x
    assert float(otim.melhor_perda) < 0.5 * na_troca


def test_lbfgs_adam_troca_sozinho_quando_o_lbfgs_empaca_e_vai_mais_fundo():
    # Em |x − c| (não suave, como ReLU e variação total) o L-BFGS empaca; o Adam continua descendo.
    centro = tf.constant(np.random.default_rng(7).uniform(0.2, 0.8, size=(1, 4, 4, 3)), tf.float32)

    def l1(x):
        return {"total": tf.reduce_sum(tf.abs(x - centro))}

    inicio = np.full((1, 4, 4, 3), 0.5, np.float32)
    so_lbfgs, hibrido = LBFGS(l1, inicio), LBFGSAdam(l1, inicio, taxa=0.01, empacou=0.2)
    for k in range(150):
        so_lbfgs.passo()
        hibrido.passo()
        if k < 49:
            assert hibrido.adam is None  # nunca antes do mínimo de avaliações
    assert hibrido.trocou_em is not None and hibrido.trocou_em >= 50
    assert float(hibrido.melhor_perda) < 0.5 * float(so_lbfgs.melhor_perda)


def test_transferir_aceita_lbfgs_adam(extrator_tutorial, par):
    conteudo, estilo = par
    r = transferir(conteudo, estilo, lado_maximo=56, passos=6, otimizador="lbfgs_adam", extrator=extrator_tutorial,
                   camadas_conteudo=("block5_conv2",))
    assert r.passos == 6 and r.configuracao["otimizador"] == "lbfgs_adam"
    assert r.imagem.shape == conteudo.shape and r.melhor_perda < r.historico["total"][0]


# ---------------------------------------------------------------------------
# Precisão mista: perto do float32 e sem estouro
# ---------------------------------------------------------------------------


def _erro_relativo(a, b):
    return float(tf.norm(a - b) / tf.norm(b))


@pytest.mark.parametrize("precisao", ["bfloat16", "float16"])
def test_extrator_de_precisao_mista_perto_do_float32(extrator_tutorial, precisao):
    foto = dados.carregar("ponte_golden_gate", lado_maximo=128)
    pintura = dados.carregar("noite_estrelada", lado_maximo=128)
    misto = modelos.Extrator(CAMADAS_TUTORIAL, precisao=precisao)
    exato_ativ, misto_ativ = extrator_tutorial(pintura), misto(pintura)
    for camada in CAMADAS_TUTORIAL:
        assert misto_ativ[camada].dtype == tf.float32
        assert bool(tf.reduce_all(tf.math.is_finite(misto_ativ[camada])))  # sem estouro (float16 vai até 65504)
        assert _erro_relativo(misto_ativ[camada], exato_ativ[camada]) < 0.03
        gram_misto = perdas.matriz_gram(misto_ativ[camada])
        assert gram_misto.dtype == tf.float32
        assert _erro_relativo(gram_misto, perdas.matriz_gram(exato_ativ[camada])) < 0.03
    # O objetivo inteiro (perdas em float32) fica a poucos por cento do exato.
    exato = Objetivo(extrator_tutorial, foto, [pintura], camadas_conteudo=("block5_conv2",))
    aproximado = Objetivo(misto, foto, [pintura], camadas_conteudo=("block5_conv2",))
    imagem = imagem_inicial(foto, 0.2, semente=4)
    np.testing.assert_allclose(float(aproximado(imagem)["total"]), float(exato(imagem)["total"]), rtol=0.03)


def test_transferir_em_float16_com_escala_de_perda(par):
    """Uma execução de verdade em float16: o gradiente estoura na escala 1, a escala cai e a perda desce."""
    conteudo, estilo = par
    escalas = []
    r = transferir(conteudo, estilo, lado_maximo=56, passos=6, precisao="float16",
                   ao_progresso=lambda p: escalas.append(float(p._otimizador.escala)))
    assert r.configuracao["precisao"] == "float16" and r.passos == 6 and not r.interrompido
    assert escalas[0] < 1.0, "a escala da perda foi reduzida (sem ela o gradiente em float16 estoura)"
    totais = r.historico["total"]
    assert all(math.isfinite(t) for t in totais)
    assert r.melhor_perda < 0.5 * totais[0]
    assert bool(tf.reduce_all(tf.math.is_finite(r.imagem)))
    assert 0.0 <= float(tf.reduce_min(r.imagem)) and float(tf.reduce_max(r.imagem)) <= 1.0
    # a mesma descida do float32, a poucos por cento
    exato = transferir(conteudo, estilo, lado_maximo=56, passos=6, precisao="float32")
    assert r.melhor_perda == pytest.approx(exato.melhor_perda, rel=0.1)
