"""Do grosso ao fino: agenda de escalas, a pintura em cada escala, Ctrl-C, memória e a perda (imagens pequenas)."""

import pytest

from estilo.gatys import escalas
from estilo.gatys.escalas import (
    ampliar, lado_do_estilo, passos_por_escala, peso_tv_equivalente, planejar_escalas, preparar_escala,
    transferir_em_escalas,
)
from estilo.gatys.objetivo import Objetivo
from estilo.nucleo import dados, imagens
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroParametro

LADO = 96


@pytest.fixture(scope="module")
def foto():
    return dados.carregar("cafe", lado_maximo=LADO)  # 96 × 64


@pytest.fixture(scope="module")
def pintura():
    return dados.carregar("noite_estrelada", lado_maximo=200)


def test_escalas_automaticas_dobram_a_partir_de_200_a_400_px():
    assert planejar_escalas(1024) == [256, 512, 1024]
    assert planejar_escalas(2048) == [256, 512, 1024, 2048]
    assert planejar_escalas(768) == [384, 768]
    assert planejar_escalas(1000) == [250, 500, 1000]
    assert planejar_escalas(512) == [512]  # até 512 px, uma escala só
    assert planejar_escalas(1024, False) == [1024]


def test_escalas_explicitas_ordenadas_e_com_o_lado_final():
    assert planejar_escalas(1024, [512, 256, 256]) == [256, 512, 1024]
    assert planejar_escalas(1024, [256, 512, 1024]) == [256, 512, 1024]
    assert planejar_escalas(300, [100]) == [100, 300]
    with pytest.raises(ErroParametro, match="2048 px é maior que o lado final"):
        planejar_escalas(1024, [256, 2048])
    with pytest.raises(ErroParametro):
        planejar_escalas(1024, [16, 512])
    with pytest.raises(ErroParametro, match="lista de lados"):
        planejar_escalas(1024, "256 512")


def test_passos_caem_pela_metade_ate_o_minimo():
    assert passos_por_escala(3) == [300, 150, 75]
    assert passos_por_escala(4, 100, 0.5, 20) == [100, 50, 25, 20]
    assert passos_por_escala(3, 90, 1 / 3, 5) == [90, 30, 10]
    assert passos_por_escala(2, 10, 0.5, 20) == [10, 10]  # o mínimo nunca passa dos passos pedidos
    assert passos_por_escala(3, [40, 20, 5]) == [40, 20, 5]
    with pytest.raises(ErroParametro, match="2 números de passos para 3 escalas"):
        passos_por_escala(3, [40, 20])
    with pytest.raises(ErroParametro):
        passos_por_escala(2, 100, 0)


def test_peso_tv_equivalente_mantem_a_parte_da_variacao_total_numa_pintura_maior():
    from estilo.nucleo import perdas

    assert peso_tv_equivalente(300, 256, 1024) == pytest.approx(18.75)
    assert peso_tv_equivalente(30, 512, 256) == pytest.approx(120)
    with pytest.raises(ErroParametro):
        peso_tv_equivalente(-1, 256, 512)
    # numa pintura (pinceladas de poucos pixels), a variação total cresce com a área, não com o lado
    pequena, grande = (dados.carregar("noite_estrelada", lado_maximo=lado) for lado in (128, 256))
    tv_pequena, tv_grande = (float(perdas.variacao_total(x)) for x in (pequena, grande))
    assert tv_grande > 3 * tv_pequena  # o mesmo γ pesaria mais de 3× mais na grande
    razao = peso_tv_equivalente(1.0, 128, 256) * tv_grande / tv_pequena
    assert 0.75 < razao < 1.35  # o γ equivalente devolve o mesmo peso


def test_pintura_e_variacao_total_na_mesma_razao_em_cada_escala(foto, extrator, monkeypatch):
    pequena = dados.carregar("noite_estrelada", lado_maximo=52)  # menor que o pedido na última escala: ampliada
    vistos = []
    original = escalas.Objetivo

    def espiao(extrator, conteudo, estilos, *a, **kw):
        vistos.append((max(conteudo.shape[1:3]), [max(e.shape[1:3]) for e in estilos]))
        tvs.append(kw["peso_tv"])
        return original(extrator, conteudo, estilos, *a, **kw)

    tvs = []
    monkeypatch.setattr(escalas, "Objetivo", espiao)
    r = transferir_em_escalas(foto, [pequena, pequena], escalas=[32, 48], lado_maximo=LADO, passos=1,
                              escala_estilo=0.75, extrator=extrator, peso_tv=90.0)
    assert vistos == [(32, [32, 32]), (48, [36, 36]), (96, [72, 72])]
    assert [e["lado_estilo"] for e in r.configuracao["etapas"]] == [32, 36, 72]
    # a variação total, com o peso do tamanho final levado a cada escala: 90 × (96/32)², 90 × (96/48)², 90
    assert tvs == pytest.approx([810.0, 360.0, 90.0])
    assert [e["peso_tv"] for e in r.configuracao["etapas"]] == pytest.approx(tvs)
    assert r.configuracao["peso_tv"] == 90.0
    assert lado_do_estilo(1024, 0.5) == 512 and lado_do_estilo(40, 0.5) == 32
    foto_48, pinturas_48 = preparar_escala(foto, [pequena], 48, 2.0)
    assert foto_48.shape[1:3] == (32, 48) and max(pinturas_48[0].shape[1:3]) == 96


def test_mascaras_valem_em_cada_escala_no_tamanho_dela(foto, pintura, extrator, monkeypatch):
    from estilo.gatys import mascaras

    vistas = []
    original = escalas.Objetivo

    def espiao(extrator, conteudo, estilos, *a, mascaras=None, **kw):
        vistas.append((tuple(conteudo.shape[1:3]), [tuple(m.shape[1:3]) for m in mascaras],
                       [float(m.numpy().mean()) for m in mascaras]))
        return original(extrator, conteudo, estilos, *a, mascaras=mascaras, **kw)

    monkeypatch.setattr(escalas, "Objetivo", espiao)
    metades = mascaras.automaticas("esquerda_direita", foto, 2)
    r = transferir_em_escalas(foto, [pintura, pintura], mascaras=metades, escalas=[48, 96], lado_maximo=LADO,
                              passos=1, extrator=extrator)
    assert [v[0] for v in vistas] == [(32, 48), (64, 96)] and r.configuracao["mascaras"] == 2
    for tamanho, formas, medias in vistas:
        assert formas == [tamanho, tamanho]
        assert medias == pytest.approx([0.5, 0.5], abs=0.05)  # as metades continuam metades em cada escala


def test_ampliar_mantem_os_detalhes_da_foto(foto):
    pequena = imagens.redimensionar(foto, lado_maximo=48)
    # sem nada otimizado, a imagem ampliada é a própria foto na escala nova (não a foto borrada)
    assert float(abs(ampliar(pequena, pequena, foto) - foto).numpy().max()) < 1e-5
    borrada = imagens.redimensionar(pequena, tamanho=(64, 96))
    assert float(abs(borrada - foto).numpy().mean()) > 0.01


def test_grosso_ao_fino_baixa_a_perda_no_lado_final(foto, pintura, extrator):
    vistos = []
    r = transferir_em_escalas(foto, pintura, escalas=[48, 96], lado_maximo=LADO, passos=[20, 10], extrator=extrator,
                              ao_progresso=lambda p: vistos.append((p.escala, p.total_escalas, p.lado, p.passo,
                                                                     p.passo_geral, p.total_geral)))
    foto_final, pinturas = preparar_escala(foto, [pintura], LADO)
    objetivo = Objetivo(extrator, foto_final, pinturas, peso_estilo=1.0)
    perda_final = float(objetivo(r.imagem)["total"])
    assert perda_final < 0.5 * float(objetivo(foto_final)["total"])
    assert perda_final == pytest.approx(r.melhor_perda, rel=1e-4)
    assert r.imagem.shape == foto.shape and not r.interrompido
    assert r.passos == 30 == len(r.historico["total"]) and r.historico["escala"] == [1] * 20 + [2] * 10
    assert vistos[0] == (1, 2, 48, 1, 1, 30) and vistos[-1] == (2, 2, 96, 10, 30, 30)
    assert r.historico["total"][r.melhor_passo] == min(r.historico["total"][20:])
    assert all(b >= a for a, b in zip(r.historico["segundos"], r.historico["segundos"][1:]))
    assert r.configuracao["escalas"] == [48, 96] and r.configuracao["passos_por_escala"] == [20, 10]


def test_ctrl_c_na_segunda_escala_devolve_a_melhor_no_tamanho_final(foto, pintura, extrator, tmp_path):
    capturada = {}

    def ao_progresso(p):
        if p.escala == 2 and p.passo == 3:
            capturada["imagem"] = p.melhor_imagem
            raise KeyboardInterrupt

    r = transferir_em_escalas(foto, pintura, escalas=[32, 48], lado_maximo=LADO, passos=[12, 8, 4],
                              extrator=extrator, ao_progresso=ao_progresso, checkpoint_cada=4,
                              pasta_checkpoints=tmp_path)
    assert r.interrompido and "Ctrl-C" in r.motivo and "escala 2 de 3" in r.motivo
    assert r.historico["escala"] == [1] * 12 + [2] * 3  # a 3ª escala não começou; a 1ª continua no histórico
    # a melhor imagem da 2ª escala (48 px), ampliada ao tamanho final, sem perder nada
    assert r.imagem.shape == foto.shape
    foto_48 = imagens.redimensionar(foto, lado_maximo=48)
    esperada = ampliar(capturada["imagem"], foto_48, foto)
    assert float(abs(r.imagem - esperada).numpy().max()) < 1e-5
    assert float(abs(r.imagem - foto).numpy().mean()) > 0.01
    salvos = sorted(p.name for p in tmp_path.iterdir())
    assert salvos == ["passo_000004_escala1_32px.png", "passo_000008_escala1_32px.png",
                      "passo_000012_escala1_32px.png", "passo_000012_escala1_32px_fim.png"]
    assert all(imagens.carregar(tmp_path / s).shape == foto.shape for s in salvos)  # no tamanho final


def test_ctrl_c_entre_escalas_amplia_a_escala_anterior(foto, pintura, extrator, monkeypatch):
    original, chamadas = escalas.Objetivo, []

    def interromper_na_segunda(*a, **kw):
        chamadas.append(1)
        if len(chamadas) == 2:
            raise KeyboardInterrupt
        return original(*a, **kw)

    monkeypatch.setattr(escalas, "Objetivo", interromper_na_segunda)
    r = transferir_em_escalas(foto, pintura, escalas=[48, 96], lado_maximo=LADO, passos=[10, 5], extrator=extrator)
    assert r.interrompido and "entre as escalas" in r.motivo
    assert r.imagem.shape == foto.shape and r.passos == 10
    assert float(abs(r.imagem - foto).numpy().mean()) > 0.01  # a imagem da 1ª escala, não a foto


def test_sem_memoria_para_a_ultima_escala_para_na_que_cabe(foto, pintura, extrator):
    # 96 × 64 px pedem 6144 × 3000 B ≈ 18 MB; com 12 MB livres (60 % = 7,2 MB) cabem 60 px
    with pytest.warns(AvisoEstilo, match="cabe no máximo 60 px"):
        r = transferir_em_escalas(foto, pintura, escalas=[48, 96], lado_maximo=LADO, passos=[3, 2],
                                  extrator=extrator, memoria=12e6)
    assert [e["lado"] for e in r.configuracao["etapas"]] == [48, 60]
    assert max(r.imagem.shape[1:3]) == 60 and "memória" in r.motivo
    with pytest.raises(ErroEstilo, match="nem uma imagem de 32 px"):
        transferir_em_escalas(foto, pintura, escalas=[48, 96], lado_maximo=LADO, passos=1, extrator=extrator,
                              memoria=1e5)
