"""Treino da rede rápida: a perda cai, o estilo chega, checkpoints retomam exatamente, erros claros."""

import numpy as np
import pytest
import tensorflow as tf

from estilo.nucleo import dados, modelos, perdas
from estilo.rapida import rede as rede_rapida, treino as treino_rapido
from estilo.rapida.fotos import FotosTreino
from estilo.nucleo.erros import ErroParametro

FOTOS = ["gata_chelsea", "ponte_golden_gate"]
PEQUENO = {"catalogo": False, "lado": 48, "lote": 2, "filtros": 8, "blocos": 1, "taxa": 1e-2, "escala_estilo": 1.5}


@pytest.fixture(scope="module")
def treinada(extrator):
    return treino_rapido.treinar("noite_estrelada", FOTOS, passos=40, extrator=extrator, **PEQUENO)


def _distancia_estilo(extrator, a, b):
    ativ_a, ativ_b = extrator(a), extrator(b)
    return float(perdas.distancia_estilo({c: ativ_a[c] for c in modelos.CAMADAS_ESTILO},
                                         {c: ativ_b[c] for c in modelos.CAMADAS_ESTILO}))


def test_perda_cai_e_a_foto_ganha_o_estilo(treinada, extrator):
    total = treinada.historico["total"]
    assert treinada.passos == len(total) == 40 and not treinada.interrompido
    assert np.mean(total[-10:]) < 0.85 * np.mean(total[:10])
    pintura = dados.carregar("noite_estrelada", 64)
    foto = dados.carregar("colunata", 64)  # uma foto que a rede não viu no treino
    saida = rede_rapida.estilizar(treinada.rede, foto)
    assert _distancia_estilo(extrator, saida, pintura) < 0.85 * _distancia_estilo(extrator, foto, pintura)


def test_perdas_do_passo_conferem_com_a_conta_por_imagem(treinada, extrator):
    from estilo.nucleo.perdas import alvos_estilo

    alvos = alvos_estilo(extrator, [dados.carregar("noite_estrelada", 80)], None, modelos.CAMADAS_ESTILO)
    pesos = {"peso_conteudo": 2.0, "peso_estilo": 3.0, "peso_tv": 5.0}
    passo = treino_rapido._Passo(treinada.rede, extrator, alvos, modelos.CAMADAS_CONTEUDO, pesos, None)
    fotos = np.stack([dados.carregar(n, 80)[0, :32, :32].numpy() for n in FOTOS])
    saida = treinada.rede(fotos)
    termos = {k: float(v) for k, v in passo.perdas_de(fotos, saida).items()}
    estilo = conteudo = tv = 0.0
    for i in range(2):  # uma imagem de cada vez, com as funções de uma imagem
        s, f = saida[i : i + 1], fotos[i : i + 1]
        a_s, a_f = extrator(s), extrator(f)
        conteudo += float(perdas.custo_conteudo(a_s["block4_conv2"], a_f["block4_conv2"])) / 2
        grams = {c: perdas.matriz_gram(a_s[c]) for c in modelos.CAMADAS_ESTILO}
        estilo += float(perdas.custo_estilo(grams, alvos)) / 2
        tv += float(perdas.variacao_total(s)) / 2
    np.testing.assert_allclose([termos["conteudo"], termos["estilo"], termos["tv"]],
                               [2 * conteudo, 3 * estilo, 5 * tv], rtol=2e-4)
    assert termos["total"] == pytest.approx(termos["conteudo"] + termos["estilo"] + termos["tv"], rel=1e-6)


class _LoteFixo(FotosTreino):
    """Fotos de treino que dão sempre o mesmo lote (a perda de um passo pode ser refeita à mão)."""

    def __init__(self, lote):
        self.nomes, self._lote = ["lote fixo"], tf.constant(lote)

    def __len__(self):
        return 1

    def lote(self, tamanho, rng):
        return self._lote


def test_varios_estilos_a_perda_de_estilo_e_contra_a_mistura_dos_alvos(extrator, tmp_path):
    estilos, pesos_estilos = ["noite_estrelada", "o_grito"], [3.0, 1.0]
    fotos = np.stack([dados.carregar(n, 80)[0, :32, :32].numpy() for n in FOTOS])
    # taxa ínfima: a rede treinada é, na prática, a do primeiro passo
    r = treino_rapido.treinar(estilos, _LoteFixo(fotos), pesos_estilos=pesos_estilos, extrator=extrator,
                              **{**PEQUENO, "passos": 2, "taxa": 1e-8})
    assert r.configuracao["estilos"] == estilos and r.configuracao["pesos_estilos"] == pesos_estilos
    info = rede_rapida.info_rede(r.salvar(tmp_path / "duas.keras"))  # e é o que vai para o arquivo da rede
    assert info["estilos"] == estilos and info["pesos_estilos"] == pesos_estilos

    lado_estilo = round(PEQUENO["lado"] * PEQUENO["escala_estilo"])
    grams = {}
    for nome in estilos:
        ativ = extrator(dados.carregar(nome, lado_estilo))
        grams[nome] = {c: perdas.matriz_gram(ativ[c]) for c in modelos.CAMADAS_ESTILO}
    mistura = {c: 0.75 * grams[estilos[0]][c] + 0.25 * grams[estilos[1]][c] for c in modelos.CAMADAS_ESTILO}
    saida = r.rede(fotos)
    ativ_saida = [extrator(saida[i : i + 1]) for i in range(len(fotos))]

    def estilo_contra(alvos):  # média no lote, uma imagem de cada vez, vezes o peso do estilo
        custos = [float(perdas.custo_estilo({c: perdas.matriz_gram(a[c]) for c in alvos}, alvos)) for a in ativ_saida]
        return r.configuracao["peso_estilo"] * float(np.mean(custos))

    registrado = r.historico["estilo"][0]
    assert registrado == pytest.approx(estilo_contra(mistura), rel=1e-3)
    for nome in estilos:  # com uma pintura só, a perda seria outra
        assert estilo_contra(grams[nome]) != pytest.approx(registrado, rel=0.05), nome


def test_checkpoint_retoma_exatamente_de_onde_parou(extrator, tmp_path):
    opcoes = {"passos": 6, "extrator": extrator, "semente": 7, **PEQUENO}
    direto = treino_rapido.treinar("noite_estrelada", FOTOS, **opcoes)

    pasta = tmp_path / "ck"
    parado = treino_rapido.treinar("noite_estrelada", FOTOS, pasta_checkpoints=pasta, checkpoint_cada=2,
                                   ao_progresso=lambda p: p.passo < 3, **opcoes)
    assert parado.interrompido and parado.passos == 3 and "continuar" in parado.motivo
    estado = treino_rapido.ler_estado(pasta)
    assert estado["passo"] == 3 and len(estado["historico"]["total"]) == 3
    assert [p.name for p in pasta.glob("passo_*")] == ["passo_000003"], "só o último checkpoint fica"

    retomado = treino_rapido.treinar("noite_estrelada", FOTOS, pasta_checkpoints=pasta, checkpoint_cada=2, **opcoes)
    assert retomado.passos == 6 and retomado.passo_inicial == 3 and not retomado.interrompido
    assert retomado.resumo().startswith("3 passos em") and "retomado do passo 3" in retomado.resumo()
    np.testing.assert_allclose(retomado.historico["total"], direto.historico["total"], rtol=1e-4)
    for a, b in zip(retomado.rede.get_weights(), direto.rede.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-5)


def test_ctrl_c_salva_checkpoint_e_devolve_a_rede(extrator, tmp_path):
    def ctrl_c(progresso):
        if progresso.passo == 2:
            raise KeyboardInterrupt

    r = treino_rapido.treinar("noite_estrelada", FOTOS, passos=5, extrator=extrator, pasta_checkpoints=tmp_path,
                              checkpoint_cada=100, ao_progresso=ctrl_c, **PEQUENO)
    assert r.interrompido and "Ctrl-C" in r.motivo and r.passos == 2
    assert treino_rapido.ler_estado(tmp_path)["passo"] == 2


def test_checkpoint_de_outra_configuracao_nao_e_misturado(extrator, tmp_path):
    treino_rapido.treinar("noite_estrelada", FOTOS, passos=1, extrator=extrator, pasta_checkpoints=tmp_path,
                          **PEQUENO)
    with pytest.raises(ErroParametro, match="outra configuração"):
        treino_rapido.treinar("o_grito", FOTOS, passos=2, extrator=extrator, pasta_checkpoints=tmp_path, **PEQUENO)
    r = treino_rapido.treinar("o_grito", FOTOS, passos=1, extrator=extrator, pasta_checkpoints=tmp_path,
                              retomar=False, **PEQUENO)
    assert r.passos == 1 and treino_rapido.ler_estado(tmp_path)["configuracao"]["estilos"] == ["o_grito"]


def test_checkpoint_estragado_da_erro_claro(tmp_path):
    (tmp_path / treino_rapido.ESTADO).write_text("{ quebrado")
    with pytest.raises(ErroParametro, match="ilegível"):
        treino_rapido.ler_estado(tmp_path)
    (tmp_path / treino_rapido.ESTADO).write_text('{"passo": 3, "pasta": "passo_000003"}')
    with pytest.raises(ErroParametro, match="incompleto"):
        treino_rapido.ler_estado(tmp_path)


def test_resultado_salva_rede_com_a_configuracao(treinada, tmp_path):
    caminho = treinada.salvar(tmp_path / "noite.keras")
    info = rede_rapida.info_rede(caminho)
    assert info["estilos"] == ["noite_estrelada"] and info["passos_treinados"] == 40 and info["lado"] == 48
    assert treinada.resumo().startswith("40 passos em")


@pytest.mark.parametrize("opcao,valor", [("lado", 16), ("passos", 0), ("lote", 1.5), ("taxa", float("nan")),
                                         ("peso_estilo", -1), ("escala_estilo", 9)])
def test_parametros_invalidos(opcao, valor):
    with pytest.raises(ErroParametro, match=opcao):
        treino_rapido.treinar("noite_estrelada", FOTOS, **{**PEQUENO, opcao: valor})


def test_lote_com_nan_e_pulado_sem_estragar_a_rede(extrator):
    import keras
    import tensorflow as tf

    from estilo.nucleo.perdas import alvos_estilo

    rede = rede_rapida.construir_rede(filtros=4, blocos=1)
    alvos = alvos_estilo(extrator, [dados.carregar("noite_estrelada", 64)], None, modelos.CAMADAS_ESTILO)
    otimizador = keras.optimizers.Adam(1e-2)
    otimizador.build(rede.trainable_variables)
    passo = treino_rapido._Passo(rede, extrator, alvos, modelos.CAMADAS_CONTEUDO, treino_rapido.PADROES, otimizador)
    antes = [w.copy() for w in rede.get_weights()]
    fotos = tf.concat([tf.fill((1, 32, 32, 3), float("nan")), tf.fill((1, 32, 32, 3), 0.5)], 0)
    termos = passo(fotos)
    assert not np.isfinite(float(termos["total"]))
    for a, b in zip(antes, rede.get_weights()):
        np.testing.assert_array_equal(a, b)
    passo(tf.fill((2, 32, 32, 3), 0.5))  # um lote bom depois muda a rede
    assert any(not np.array_equal(a, b) for a, b in zip(antes, rede.get_weights()))


def test_treinar_nao_mexe_nas_sementes_globais_de_quem_chama(extrator):
    import random

    random.seed(123)
    np.random.seed(123)
    esperado = (random.random(), np.random.rand())
    random.seed(123)
    np.random.seed(123)
    treino_rapido.treinar("noite_estrelada", FOTOS, passos=1, extrator=extrator, **PEQUENO)
    assert (random.random(), np.random.rand()) == esperado
