"""A transferência de ponta a ponta, em imagens pequenas e poucos passos."""

import math
import re

import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import dados, imagens, perdas
from estilo.nucleo.erros import AvisoEstilo, ErroParametro
from estilo.gatys import transferencia
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.transferencia import carregar_estilos, imagem_inicial, transferir
from estilo.nucleo.modelos import CAMADAS_ESTILO

LADO = 96


@pytest.fixture(scope="module")
def foto():
    return dados.carregar("cafe", lado_maximo=LADO)


@pytest.fixture(scope="module")
def pintura():
    return dados.carregar("noite_estrelada", lado_maximo=LADO)


@pytest.fixture(scope="module")
def resultado(foto, pintura, extrator):
    return transferir(foto, pintura, lado_maximo=LADO, passos=60, peso_estilo=1.0, extrator=extrator)


def _cinza(img):
    return tf.image.rgb_to_grayscale(img).numpy().ravel()


def test_estilo_cai_muito_e_conteudo_continua_reconhecivel(foto, pintura, extrator, resultado):
    camadas = list(resultado.configuracao["camadas_estilo"])
    ativ_pintura = {c: v for c, v in extrator(pintura).items() if c in camadas}

    def distancia(img):
        return float(perdas.distancia_estilo({c: v for c, v in extrator(img).items() if c in camadas}, ativ_pintura))

    assert distancia(resultado.imagem) < 0.2 * distancia(foto)
    # o conteúdo continua lá: a estrutura em tons de cinza segue a da foto
    correlacao = np.corrcoef(_cinza(resultado.imagem), _cinza(foto))[0, 1]
    assert correlacao > 0.5
    assert resultado.imagem.shape == foto.shape
    assert float(tf.reduce_min(resultado.imagem)) >= 0 and float(tf.reduce_max(resultado.imagem)) <= 1


def test_historico_e_melhor_imagem(resultado):
    h = resultado.historico
    assert resultado.passos == 60 == len(h["total"]) == len(h["segundos"])
    assert h["estilo"][-1] < 0.2 * h["estilo"][0]
    np.testing.assert_allclose(np.array(h["conteudo"]) + h["estilo"] + h["tv"], h["total"], rtol=1e-4)
    assert resultado.melhor_perda == pytest.approx(min(h["total"]), rel=1e-6)
    assert h["total"][resultado.melhor_passo] == min(h["total"])
    assert all(b >= a for a, b in zip(h["segundos"], h["segundos"][1:]))
    assert not resultado.interrompido and "passos" in resultado.resumo()


def test_devolve_a_melhor_imagem_e_nao_a_ultima(foto, pintura, extrator):
    # Adam com taxa absurda piora depois dos primeiros passos: o resultado é a melhor avaliada
    r = transferir(foto, pintura, lado_maximo=LADO, passos=8, otimizador="adam", taxa=2.0, extrator=extrator)
    assert r.historico["total"][-1] > min(r.historico["total"])
    cfg = r.configuracao
    objetivo = Objetivo(extrator, foto, [pintura], camadas_conteudo=cfg["camadas_conteudo"],
                        camadas_estilo=cfg["camadas_estilo"], peso_conteudo=cfg["peso_conteudo"],
                        peso_estilo=cfg["peso_estilo"], peso_tv=cfg["peso_tv"])
    assert float(objetivo(r.imagem)["total"]) == pytest.approx(r.melhor_perda, rel=1e-3)


def test_lbfgs_ganha_do_adam_no_mesmo_numero_de_avaliacoes(foto, pintura, extrator):
    comum = dict(lado_maximo=LADO, passos=25, peso_estilo=1.0, extrator=extrator)
    lbfgs = transferir(foto, pintura, otimizador="lbfgs", **comum)
    adam = transferir(foto, pintura, otimizador="adam", **comum)
    assert lbfgs.melhor_perda < adam.melhor_perda


def test_ctrl_c_devolve_a_melhor_ate_ali(foto, pintura, extrator):
    def interromper(progresso):
        if progresso.passo == 4:
            raise KeyboardInterrupt

    r = transferir(foto, pintura, lado_maximo=LADO, passos=50, ao_progresso=interromper, extrator=extrator)
    assert r.interrompido and "Ctrl-C" in r.motivo
    assert r.passos == 4
    assert r.melhor_perda == pytest.approx(min(r.historico["total"]))


def test_callback_pode_parar(foto, pintura, extrator):
    vistos = []

    def parar(progresso):
        vistos.append((progresso.passo, progresso.imagem.shape))
        return progresso.passo < 3

    r = transferir(foto, pintura, lado_maximo=LADO, passos=50, ao_progresso=parar, extrator=extrator)
    assert r.passos == 3 and r.interrompido and "parado" in r.motivo
    assert vistos[-1] == (3, foto.shape)


def test_nan_para_e_explica(foto, pintura, extrator, monkeypatch):
    original = Objetivo.perdas_de
    chamadas = {"n": 0}

    def com_nan(self, ativacoes, imagem):
        termos = original(self, ativacoes, imagem)
        termos["total"] = termos["total"] + tf.cast(self._nan, tf.float32)
        return termos

    monkeypatch.setattr(Objetivo, "perdas_de", com_nan)
    monkeypatch.setattr(Objetivo, "_nan", tf.Variable(0.0), raising=False)

    def envenenar(progresso):
        chamadas["n"] += 1
        if progresso.passo == 3:
            Objetivo._nan.assign(float("nan"))

    with pytest.warns(AvisoEstilo, match="NaN|nan"):
        r = transferir(foto, pintura, lado_maximo=LADO, passos=20, ao_progresso=envenenar, extrator=extrator)
    assert r.interrompido and r.passos == 4
    assert math.isfinite(r.melhor_perda)
    assert bool(tf.reduce_all(tf.math.is_finite(r.imagem)))


def test_checkpoints(foto, pintura, extrator, tmp_path):
    transferir(foto, pintura, lado_maximo=LADO, passos=6, checkpoint_cada=3, pasta_checkpoints=tmp_path,
               extrator=extrator)
    salvos = sorted(p.name for p in tmp_path.glob("*.png"))
    assert salvos == ["passo_000003.png", "passo_000006.png"]
    assert imagens.carregar(tmp_path / salvos[-1]).shape == foto.shape


def test_varios_estilos_mistura_e_lado_a_lado(foto, extrator, monkeypatch):
    a = dados.carregar("noite_estrelada", lado_maximo=LADO)
    b = dados.carregar("a_grande_onda", lado_maximo=LADO)
    misturado = Objetivo(extrator, foto, [a, b], pesos_estilos=[3, 1])
    so_a = Objetivo(extrator, foto, [a])
    so_b = Objetivo(extrator, foto, [b])
    for c in misturado.alvos_estilo:
        np.testing.assert_allclose(
            misturado.alvos_estilo[c], 0.75 * so_a.alvos_estilo[c] + 0.25 * so_b.alvos_estilo[c], rtol=1e-4, atol=1e-2
        )
    # A colagem é a pintura de verdade: o alvo que transferir usa é a Gram da colagem inteira (escala 2: a
    # colagem, larga, fica com 128 px de largura), e ela não é a de uma das pinturas nem a da mistura.
    usados = []

    class Espiao(Objetivo):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            usados.append(self)

    monkeypatch.setattr(transferencia, "Objetivo", Espiao)
    colado = imagens.lado_a_lado([a, b])
    r = transferir(foto, colado, lado_maximo=64, escala_estilo=2.0, passos=3, extrator=extrator)
    foto64 = imagens.carregar(foto, lado_maximo=64)
    assert r.imagem.shape[1:3] == foto64.shape[1:3]
    [colado_usado] = carregar_estilos(colado, foto64, 2.0)
    assert colado_usado.shape[2] == 128
    gram_colagem = perdas.matriz_gram(extrator(colado_usado)["block5_conv1"])
    [objetivo] = usados
    np.testing.assert_allclose(objetivo.alvos_estilo["block5_conv1"], gram_colagem, rtol=1e-4, atol=1e-2)
    a_usado, b_usado = carregar_estilos([a, b], foto64, 2.0)
    for outros in ([a_usado], [b_usado], [a_usado, b_usado]):
        alvo = Objetivo(extrator, foto64, outros).alvos_estilo["block5_conv1"]
        assert float(tf.norm(alvo - gram_colagem) / tf.norm(gram_colagem)) > 0.1


def _custos_por_camada(extrator, imagem, pintura):
    ativ, alvo = extrator(imagem), extrator(pintura)
    return {c: float(perdas.custo_estilo_camada(perdas.matriz_gram(ativ[c]), perdas.matriz_gram(alvo[c])))
            for c in CAMADAS_ESTILO}


def test_pesos_por_camada_passam_por_transferir(foto, pintura, extrator):
    foto64 = imagens.carregar(foto, lado_maximo=64)
    [pintura64] = carregar_estilos(pintura, foto64)
    custos = _custos_por_camada(extrator, foto64, pintura64)
    # O primeiro passo avalia a imagem inicial (a foto): estilo = peso_estilo × Σ w_l · custo_l.
    pesos = {"block1_conv1": 0.5, "block5_conv1": 2.0}
    r = transferir(foto, pintura, lado_maximo=64, passos=1, peso_estilo=3.0, pesos_camadas_estilo=pesos,
                   extrator=extrator)
    esperado = 3.0 * (0.5 * custos["block1_conv1"] + 2.0 * custos["block5_conv1"])
    assert r.historico["estilo"][0] == pytest.approx(esperado, rel=1e-4)
    assert r.configuracao["pesos_camadas_estilo"] == {c: pesos.get(c, 0.0) for c in CAMADAS_ESTILO}
    lista = [0.0, 0.0, 1.0, 0.0, 0.0]
    r = transferir(foto, pintura, lado_maximo=64, passos=1, pesos_camadas_estilo=lista, extrator=extrator)
    assert r.historico["estilo"][0] == pytest.approx(custos["block3_conv1"], rel=1e-4)
    # E o resultado segue os pesos: só block1 aproxima mais a block1; só block5, a block5.
    so = {c: transferir(foto, pintura, lado_maximo=64, passos=15, pesos_camadas_estilo={c: 1.0}, extrator=extrator)
          for c in ("block1_conv1", "block5_conv1")}
    finais = {c: _custos_por_camada(extrator, so[c].imagem, pintura64) for c in so}
    assert finais["block1_conv1"]["block1_conv1"] < 0.95 * finais["block5_conv1"]["block1_conv1"]
    assert finais["block5_conv1"]["block5_conv1"] < 0.8 * finais["block1_conv1"]["block5_conv1"]


@pytest.mark.parametrize(
    "pesos, trecho",
    [
        ({"block3_conv": 1.0}, "Você quis dizer 'block3_conv1'"),
        ({"blok5_conv1": 1.0, "block1_conv1": 1.0}, "Você quis dizer 'block5_conv1'"),
        ({"block4_conv2": 1.0}, "inclua-a em camadas_estilo"),
        ({"block1_conv1": -1.0}, "block1_conv1"),
        ([1.0, 2.0], "2 pesos de camada para 5"),
    ],
)
def test_peso_de_camada_errado_e_erro_e_nao_zero(foto, pintura, extrator, pesos, trecho):
    with pytest.raises(ErroParametro, match=re.escape(trecho)):
        transferir(foto, pintura, lado_maximo=64, passos=1, pesos_camadas_estilo=pesos, extrator=extrator)


def test_escala_estilo_muda_a_escala_da_textura(foto, extrator):
    pintura = dados.carregar("noite_estrelada", lado_maximo=256)
    camadas = ("block1_conv1", "block5_conv1")
    grams, primeiros = {}, {}
    escalas = (0.7, 1.4)
    for escala in escalas:
        r = transferir(foto, pintura, lado_maximo=LADO, passos=1, escala_estilo=escala, extrator=extrator)
        [usada] = carregar_estilos(pintura, foto, escala)
        assert max(usada.shape[1:3]) == round(LADO * escala)
        # o alvo que transferir usou é o da pintura nessa escala
        esperado = sum(_custos_por_camada(extrator, foto, usada).values()) / len(CAMADAS_ESTILO)
        assert r.historico["estilo"][0] == pytest.approx(esperado, rel=1e-4)
        ativ = extrator(usada)
        grams[escala] = {c: perdas.matriz_gram(ativ[c]) for c in camadas}
        primeiros[escala] = r.historico["estilo"][0]
    assert primeiros[0.7] != pytest.approx(primeiros[1.4], rel=0.05)

    def mudanca(c):
        return float(tf.norm(grams[0.7][c] - grams[1.4][c]) / tf.norm(grams[1.4][c]))

    # Mudar a escala mexe pouco nas cores e bordas (block1) e muito nas formas grandes (block5).
    assert mudanca("block5_conv1") > 0.3
    assert mudanca("block5_conv1") > 2 * mudanca("block1_conv1")


def test_progresso_melhor_imagem_e_a_melhor_ate_ali(foto, pintura, extrator):
    vistos = []

    def guardar(p):
        vistos.append((p.passo, p.perdas["total"], p.melhor_perda, p.melhor_imagem, p.imagem))

    # Adam com taxa absurda piora depois dos primeiros passos: a melhor deixa de ser a atual.
    r = transferir(foto, pintura, lado_maximo=64, passos=8, otimizador="adam", taxa=2.0, ao_progresso=guardar,
                   extrator=extrator)
    foto64 = imagens.carregar(foto, lado_maximo=64)
    objetivo = Objetivo(extrator, foto64, carregar_estilos(pintura, foto64), peso_estilo=1.0)
    totais = [total for _, total, *_ in vistos]
    for passo, _, melhor, melhor_imagem, _ in vistos:
        assert melhor == pytest.approx(min(totais[:passo]), rel=1e-6)
        assert float(objetivo(melhor_imagem)["total"]) == pytest.approx(melhor, rel=1e-3)
    assert min(totais) < totais[-1]
    assert not np.allclose(vistos[-1][3], vistos[-1][4])
    np.testing.assert_array_equal(vistos[-1][3], r.imagem)


def test_preservar_cores_mantem_a_crominancia(foto, pintura, extrator):
    r = transferir(foto, pintura, lado_maximo=LADO, passos=10, peso_estilo=1.0, preservar_cores_originais=True,
                   extrator=extrator)
    yuv_r, yuv_f = tf.image.rgb_to_yuv(r.imagem), tf.image.rgb_to_yuv(foto)
    sem = transferir(foto, pintura, lado_maximo=LADO, passos=10, peso_estilo=1.0, extrator=extrator)
    erro_com = float(tf.reduce_mean(tf.abs(yuv_r[..., 1:] - yuv_f[..., 1:])))
    erro_sem = float(tf.reduce_mean(tf.abs(tf.image.rgb_to_yuv(sem.imagem)[..., 1:] - yuv_f[..., 1:])))
    assert erro_com < 0.5 * erro_sem


def test_inicio_ruido_e_mistura_reprodutiveis(foto):
    ruido1 = imagem_inicial(foto, "ruido", semente=1)
    assert not np.allclose(ruido1, foto)
    np.testing.assert_array_equal(ruido1, imagem_inicial(foto, "ruido", semente=1))
    assert not np.allclose(ruido1, imagem_inicial(foto, "ruido", semente=2))
    np.testing.assert_allclose(imagem_inicial(foto, 0.25, semente=1), 0.75 * foto + 0.25 * ruido1, atol=1e-6)
    np.testing.assert_array_equal(imagem_inicial(foto, "conteudo"), foto)


def test_inicio_cores_casa_media_e_covariancia_com_a_pintura(foto, pintura, extrator):
    from estilo.gatys import cores

    # imagens sintéticas longe das bordas de [0, 1], para o corte não atrapalhar a conta
    gerador = np.random.default_rng(0)
    a = tf.constant(0.5 + 0.08 * gerador.standard_normal((1, 40, 30, 3)) @ np.array([[1, .5, 0], [0, 1, .3], [0, 0, 1]]),
                    tf.float32)
    b = tf.constant(0.4 + 0.1 * gerador.standard_normal((1, 20, 50, 3)) @ np.array([[1, 0, 0], [.8, .6, 0], [0, .2, 1]]),
                    tf.float32)
    casada = cores.casar_cores(a, b).numpy().reshape(-1, 3)
    alvo = b.numpy().reshape(-1, 3)
    np.testing.assert_allclose(casada.mean(0), alvo.mean(0), atol=2e-3)
    np.testing.assert_allclose(np.cov(casada.T), np.cov(alvo.T), atol=2e-4)

    inicio = imagem_inicial(foto, "cores", estilos=[pintura])
    assert inicio.shape == foto.shape and 0 <= float(tf.reduce_min(inicio)) and float(tf.reduce_max(inicio)) <= 1
    assert np.corrcoef(_cinza(inicio), _cinza(foto))[0, 1] > 0.9, "a foto continua lá, só com outras cores"
    dist = [np.abs(tf.reduce_mean(x, [1, 2]) - tf.reduce_mean(pintura, [1, 2])).sum() for x in (foto, inicio)]
    assert dist[1] < 0.2 * dist[0]
    with pytest.raises(ErroParametro, match="cores"):
        imagem_inicial(foto, "cores")
    r = transferir(foto, pintura, lado_maximo=LADO, passos=2, inicio="cores", extrator=extrator)
    assert r.configuracao["inicio"] == "cores" and r.passos == 2


def test_inicio_numa_imagem_continua_de_onde_parou(foto, pintura, extrator, resultado, tmp_path):
    """Partir da saída de uma execução (tensor ou arquivo salvo) continua dela: o 1º custo é o dela."""
    melhor = min(resultado.historico["total"])
    r = transferir(foto, pintura, lado_maximo=LADO, passos=3, inicio=resultado.imagem, extrator=extrator)
    assert r.historico["total"][0] == pytest.approx(melhor, rel=1e-3)
    assert min(r.historico["total"]) <= melhor and r.configuracao["inicio"] == "imagem"
    # do disco, em outro tamanho: redimensionada para a foto (o PNG de 8 bits custa um pouco de precisão)
    arquivo = resultado.salvar(tmp_path / "a.png")
    x0 = imagem_inicial(foto, str(arquivo))
    assert x0.shape == foto.shape
    np.testing.assert_allclose(x0.numpy(), resultado.imagem.numpy(), atol=1 / 255 + 1e-6)
    grande = imagens.redimensionar(resultado.imagem, lado_maximo=2 * LADO)
    assert imagem_inicial(foto, grande).shape == foto.shape


@pytest.mark.parametrize(
    "kwargs, trecho",
    [
        ({"passos": 0}, "passos"),
        ({"passos": -5}, "passos"),
        ({"passos": 10**9}, "passos"),
        ({"passos": 2.5}, "passos"),
        ({"lado_maximo": 0}, "lado_maximo"),
        ({"lado_maximo": 10}, "lado_maximo"),
        ({"lado_maximo": 10**6}, "lado_maximo"),
        ({"peso_estilo": -1}, "peso_estilo"),
        ({"peso_conteudo": float("nan")}, "peso_conteudo"),
        ({"peso_tv": float("inf")}, "peso_tv"),
        ({"peso_estilo": "muito"}, "peso_estilo"),
        ({"escala_estilo": 0}, "escala_estilo"),
        ({"otimizador": "sgd"}, "otimizador"),
        ({"inicio": "aleatorio"}, "inicio"),
        ({"inicio": "nao_existe.png"}, "um arquivo que exista"),
        ({"inicio": 1.5}, "início"),
        ({"pesos_estilos": [1, 2]}, "pesos_estilos"),
        ({"pesos_estilos": [-1]}, "pesos_estilos"),
        ({"precisao": "float8"}, "precisao"),
        ({"checkpoint_cada": 2}, "pasta_checkpoints"),
    ],
)
def test_parametros_invalidos_dao_erro_claro(foto, pintura, extrator, kwargs, trecho):
    with pytest.raises(ErroParametro, match=trecho):
        transferir(foto, pintura, **{"passos": 2, "lado_maximo": 64, "extrator": extrator, **kwargs})
