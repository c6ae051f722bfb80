"""O estúdio (ipywidgets): controles, execução síncrona e em thread, envios ruins, salvar e parar."""

import datetime
import inspect
import io
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

from estilo.nucleo import dados, imagens
from estilo.curso import estudio
from estilo.gatys import transferencia
from estilo.nucleo.erros import ErroEstilo, ErroParametro

PASTA_ESTUDIO = Path(estudio.__file__).resolve().parent
PASTA_ESTILO = PASTA_ESTUDIO.parents[1]
PARAMETROS_TRANSFERIR = set(inspect.signature(transferencia.transferir).parameters)


def _app(extrator, **opcoes):
    base = {"conteudo": "astronauta_eileen_collins", "estilos": ["o_grito"], "lado_maximo": 48, "passos": 3,
                "otimizador": "adam", "extrator": extrator}
    base.update(opcoes)
    return estudio.Estudio(**base)


def _resultado_falso(interrompido=False, motivo="concluído"):
    imagem = tf.random.stateless_uniform((1, 40, 48, 3), seed=[1, 2])
    historico = {"conteudo": [0.0, 2.0], "estilo": [8.0, 3.0], "tv": [1.0, 1.0], "total": [9.0, 6.0],
                 "segundos": [0.1, 0.2]}
    return transferencia.Resultado(imagem=imagem, historico=historico, passos=2, segundos=0.2, melhor_passo=1,
                                   melhor_perda=6.0, interrompido=interrompido, motivo=motivo)


def _png_em_array(dados_png):
    return np.asarray(Image.open(io.BytesIO(dados_png)).convert("RGB"))


def _envio(nome, conteudo):
    """O valor que o FileUpload do ipywidgets 8 recebe do navegador (``conteudo``: bytes ou array em [0, 1])."""
    if isinstance(conteudo, np.ndarray):
        Image.fromarray((conteudo * 255).astype(np.uint8)).save(saida := io.BytesIO(), format="PNG")
        conteudo = saida.getvalue()
    return ({"name": nome, "type": "image/png", "size": len(conteudo), "content": memoryview(conteudo),
             "last_modified": datetime.datetime.now(datetime.timezone.utc)},)


@pytest.fixture
def espiao(monkeypatch):
    """Troca ``transferir`` por um espião; devolve os argumentos da última chamada."""
    recebidos = {}
    monkeypatch.setattr(transferencia, "transferir", lambda **kw: recebidos.update(kw) or _resultado_falso())
    return recebidos


def test_so_o_estudio_importa_ipywidgets():
    assert PASTA_ESTUDIO.name == "estudio" and (PASTA_ESTUDIO / "exibicao.py").is_file()
    fora = [p.relative_to(PASTA_ESTILO) for p in PASTA_ESTILO.rglob("*.py")
            if PASTA_ESTUDIO not in p.parents and "import ipywidgets" in p.read_text(encoding="utf-8")]
    assert fora == []
    dentro = [p.name for p in PASTA_ESTUDIO.glob("*.py") if "import ipywidgets" in p.read_text(encoding="utf-8")]
    assert dentro == ["exibicao.py"]  # um só lugar, e só quando o estúdio é montado


def test_sem_ipywidgets_a_mensagem_explica_como_instalar(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ErroEstilo, match="pip install ipywidgets"):
        estudio.Estudio()


def test_monta_com_o_catalogo_e_miniaturas(extrator):
    app = _app(extrator, estilos=["o_grito", "o_beijo"])
    assert [v for _, v in app.conteudo.options] == dados.listar("conteudo")
    assert [v for _, v in app.estilos.options] == dados.listar("estilo")
    miniatura = _png_em_array(app.miniatura_conteudo.value)
    assert max(miniatura.shape[:2]) == estudio.MINIATURA
    assert len(app.miniaturas_estilo.children) == 2
    app.estilos.value = ("noite_estrelada",)
    assert len(app.miniaturas_estilo.children) == 1
    assert "Munch" not in app.creditos.value and "Gogh" in app.creditos.value
    # a lista das pinturas cabe o rótulo mais longo (~7 px por caractere) e a descrição: sem rolagem lateral
    assert int(app.estilos.layout.width[:-2]) >= 7 * max(len(r) for r, _ in app.estilos.options) + 70
    pacote = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in pacote
    assert "astronauta_eileen_collins" in pacote["text/plain"]


def test_cabecalho_para_o_caderno_e_para_uma_pagina(extrator):
    caderno = _app(extrator).interface.children
    assert "Estúdio de transferência de estilo" in caderno[0].value
    pagina = _app(extrator, titulo="", instrucoes="Envie uma foto <sua>.").interface.children
    assert "Estúdio" not in pagina[0].value and "Envie uma foto &lt;sua&gt;." in pagina[0].value
    assert len(pagina) == len(caderno)  # sem título, com instruções: o resto da interface é o mesmo
    sem_nada = _app(extrator, titulo=" ").interface.children
    assert len(sem_nada) == len(caderno) - 1 and not any("<h3" in str(getattr(c, "value", "")) for c in sem_nada)


def test_controles_viram_parametros_de_transferir(extrator, espiao):
    recebidos = espiao
    app = _app(extrator)
    app.conteudo.value = "cafe"
    app.estilos.value = ("o_beijo", "a_grande_onda")
    app.peso_conteudo.value = 100.0
    app.peso_estilo.value = 2.5
    app.peso_tv.value = 0.5
    app.lado.value = 96
    app.passos.value = 7
    app.otimizador.value = "lbfgs"
    app.preservar_cores.value = True
    assert app.executar(sincrono=True) is not None

    assert set(recebidos) <= PARAMETROS_TRANSFERIR
    assert recebidos["conteudo"] == str(dados.caminho("cafe"))
    assert recebidos["estilos"] == [str(dados.caminho("o_beijo")), str(dados.caminho("a_grande_onda"))]
    esperado = {"peso_conteudo": 100.0, "peso_estilo": 2.5, "peso_tv": 0.5, "lado_maximo": 96, "passos": 7,
                    "otimizador": "lbfgs", "preservar_cores_originais": True}
    assert {k: recebidos[k] for k in esperado} == esperado
    assert recebidos["extrator"] is extrator and callable(recebidos["ao_progresso"])


def test_valores_iniciais_sao_os_padroes_de_transferir(extrator):
    assinatura = inspect.signature(transferencia.transferir).parameters
    app = _app(extrator, otimizador=assinatura["otimizador"].default)
    c = app.configuracao()
    for nome in ("peso_conteudo", "peso_estilo", "peso_tv"):
        assert c[nome] == pytest.approx(assinatura[nome].default), nome
    assert c["peso_estilo"] == pytest.approx(1.0)  # β de transferir, não o 1e-2 de antes
    assert c["otimizador"] == assinatura["otimizador"].default


def test_todos_os_otimizadores_de_transferir_inclusive_lbfgs_adam(extrator, espiao):
    from estilo.gatys import otimizadores

    recebidos, app = espiao, _app(extrator)
    assert [v for _, v in app.otimizador.options] == list(otimizadores.OTIMIZADORES)
    for pedido in ("lbfgs_adam", "L-BFGS → Adam", "LBFGS-Adam"):
        app.configurar(otimizador="adam")
        app.configurar(otimizador=pedido)
        assert app.otimizador.value == "lbfgs_adam", pedido
    assert app.executar(sincrono=True) is not None and recebidos["otimizador"] == "lbfgs_adam"
    assert "L-BFGS → Adam" in repr(app)
    with pytest.raises(ErroParametro, match="lbfgs_adam"):
        app.configurar(otimizador="sgd")


def test_configurar_ajusta_e_valida(extrator):
    app = _app(extrator)
    app.configurar(otimizador="L-BFGS", peso_estilo=1e3, lado_maximo=128, estilos="composicao_vii")
    c = app.configuracao()
    assert c["otimizador"] == "lbfgs" and c["estilos"] == ["composicao_vii"]
    assert app.peso_estilo.value == pytest.approx(1e3) and app.lado.value == 128
    with pytest.raises(ErroParametro, match="entre"):
        app.configurar(lado_maximo=8)
    with pytest.raises(ErroParametro, match="não tem o controle"):
        app.configurar(brilho=3)
    with pytest.raises(ErroParametro, match="opção"):
        app.configurar(conteudo="mona_lisa")
    for ruim in (2.5, float("nan"), "muitos", True):
        with pytest.raises(ErroParametro):
            app.configurar(passos=ruim)
    with pytest.raises(ErroParametro, match="finito"):
        app.configurar(peso_estilo=float("inf"))
    assert app.passos.value == 3 and app.peso_estilo.value == pytest.approx(1e3)


def test_execucao_real_atualiza_progresso_e_previa(extrator):
    app = _app(extrator)
    previas = []
    app.previa.observe(lambda m: previas.append(m["new"]), names="value")
    assert app.previa.layout.display == "none"  # sem imagem, nada de ícone de imagem quebrada
    resultado = app.executar(sincrono=True)
    assert app.previa.layout.display != "none"

    assert resultado is not None and resultado.passos == 3 and not resultado.interrompido
    assert app.progresso.value == app.progresso.max == 3 and app.progresso.bar_style == "success"
    assert len(previas) >= 3  # durante os passos e no fim
    np.testing.assert_array_equal(_png_em_array(app.previa.value), imagens.para_numpy(resultado.imagem))
    assert "passo 3/3" in app.perdas.value and "passos/s" in app.perdas.value  # ritmo no formato do tqdm
    assert app.texto_mensagem.startswith("Pronto!") and app.erro is None
    assert not app.rodando and not app.botao_transferir.disabled and app.botao_parar.disabled


def test_parar_interrompe_a_execucao_em_segundo_plano(extrator):
    app = _app(extrator, passos=50)
    fio = app.executar()
    assert isinstance(fio, threading.Thread) and app.rodando and app.botao_transferir.disabled
    assert app.executar() is None  # a mesma execução pedida duas vezes não começa outra
    assert "em andamento" in app.texto_mensagem
    app.botao_parar.click()
    resultado = app.aguardar(120)

    assert not fio.is_alive() and not app.rodando
    assert resultado.interrompido and resultado.passos == 1
    assert "interrompida" in app.texto_mensagem and app.progresso.bar_style == "warning"
    assert app.previa.value  # a melhor imagem até ali aparece e pode ser salva


def test_parar_sem_execucao_so_avisa(extrator):
    app = _app(extrator)
    assert app.parar() is False and "Não há transferência" in app.texto_mensagem


@pytest.mark.parametrize(
    "nome, conteudo, trecho",
    [
        ("notas.txt", "isto não é uma imagem\n".encode(), "não é uma imagem"),
        ("vazio.png", b"", "vazio"),
        ("cortada.png", None, "corrompido ou incompleto"),
    ],
    ids=["texto", "vazio", "truncado"],
)
def test_envio_ruim_mostra_mensagem_sem_excecao(extrator, nome, conteudo, trecho):
    if conteudo is None:
        inteiro = dados.caminho("cafe").read_bytes()
        conteudo = inteiro[: len(inteiro) // 2]
    app = _app(extrator)
    opcoes = app.conteudo.options
    app.envio_conteudo.value = _envio(nome, conteudo)
    assert trecho in app.texto_mensagem and "❌" in app.mensagem.value and "Traceback" not in app.mensagem.value
    assert app.conteudo.options == opcoes and app.conteudo.value == "astronauta_eileen_collins"


def test_varios_envios_de_uma_vez_nao_escondem_o_erro(extrator):
    app = _app(extrator)
    bom = dados.caminho("cafe").read_bytes()
    app.envio_estilo.value = _envio("notas.txt", b"texto qualquer") + _envio("boa.png", bom)
    assert "notas.txt" in app.texto_mensagem and "não é uma imagem" in app.texto_mensagem
    assert app.estilos.value == ("o_grito", "enviada:boa.png")


def test_envio_bom_vira_opcao_selecionada(extrator):
    app = _app(extrator)
    app.envio_estilo.value = _envio("minha_pintura.png", dados.caminho("cafe").read_bytes())
    chave = app.estilos.value[-1]
    assert app.estilos.value == ("o_grito", chave) and "minha_pintura.png" in chave
    assert len(app.miniaturas_estilo.children) == 2
    argumentos = app.argumentos()
    assert tf.is_tensor(argumentos["estilos"][1]) and tuple(argumentos["estilos"][1].shape) == (1, 400, 600, 3)
    # o mesmo nome enviado de novo ganha outra chave, sem apagar o primeiro
    assert app.enviar(dados.caminho("cafe").read_bytes(), "minha_pintura.png", "estilo") != chave
    app.enviar(dados.caminho("cafe").read_bytes(), "p" * 90 + ".png", "estilo")  # a lista alarga para o nome longo
    assert int(app.estilos.layout.width[:-2]) >= 7 * 96 + 70


def test_salvar_escreve_e_nunca_sobrescreve(extrator, tmp_path):
    app = _app(extrator)
    assert app.salvar(tmp_path / "x.png") is None and "Ainda não há resultado" in app.texto_mensagem
    app.resultado = _resultado_falso()
    destino = tmp_path / "quadro.png"
    destino.write_bytes(b"original")
    app.caminho.value = str(destino)
    app.botao_salvar.click()
    assert destino.read_bytes() == b"original"
    salvo = tmp_path / "quadro_1.png"
    np.testing.assert_array_equal(np.asarray(Image.open(salvo)), imagens.para_numpy(app.resultado.imagem))
    assert "quadro_1.png" in app.texto_mensagem and "sobrescrito" in app.texto_mensagem
    assert app.salvar(tmp_path / "quadro.bmp") is None and "extensão" in app.texto_mensagem
    assert not (tmp_path / "quadro.bmp").exists()


@pytest.mark.parametrize(
    "erro, trecho",
    [(ErroParametro("passos deve ser um inteiro entre 1 e 100000, não 0."), "passos deve ser"),
     (RuntimeError("falhou a GPU"), "Erro inesperado")],
    ids=["erro_estilo", "erro_inesperado"],
)
def test_erro_na_execucao_aparece_no_estudio(extrator, monkeypatch, erro, trecho):
    def transferir_falso(**kw):
        raise erro

    monkeypatch.setattr(transferencia, "transferir", transferir_falso)
    app = _app(extrator)
    assert app.executar(sincrono=True) is None
    assert trecho in app.texto_mensagem and app.erro == app.texto_mensagem
    assert app.progresso.bar_style == "danger" and not app.rodando and not app.botao_transferir.disabled


def test_resultado_com_nan_aparece_e_pode_ser_salvo(extrator, monkeypatch, tmp_path):
    motivo = "a perda virou nan no passo 2; parei e devolvi a melhor imagem"
    monkeypatch.setattr(transferencia, "transferir", lambda **kw: _resultado_falso(True, motivo))
    app = _app(extrator)
    resultado = app.executar(sincrono=True)
    assert resultado.interrompido and motivo in app.texto_mensagem
    np.testing.assert_array_equal(_png_em_array(app.previa.value), imagens.para_numpy(resultado.imagem))
    assert app.salvar(tmp_path / "nan.png").is_file()


@pytest.mark.parametrize("limite", [3000, 1000], ids=["aviso_do_pil", "erro_do_pil"])  # 64 × 64 = 4096 px
def test_imagem_grande_demais_vira_mensagem(extrator, monkeypatch, limite):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limite)
    app = _app(extrator)
    app.envio_conteudo.value = _envio("enorme.png", np.ones((64, 64, 3)))
    assert "A imagem 'enorme.png' é grande demais (0,004 megapixels; o limite é" in app.texto_mensagem
    assert "bomb" not in app.texto_mensagem and app.conteudo.value == "astronauta_eileen_collins"


def test_regioes_esquerda_direita_passam_duas_mascaras_complementares(extrator, espiao):
    app = _app(extrator, estilos=["o_grito", "o_beijo"])
    assert app.executar(sincrono=True) and "mascaras" not in espiao  # padrão: 'nenhuma', sem máscaras
    app.configurar(regioes="auto:esquerda_direita")
    assert app.executar(sincrono=True) and set(espiao) <= PARAMETROS_TRANSFERIR
    esquerda, direita = (np.asarray(m)[0, ..., 0] for m in espiao["mascaras"])
    foto = imagens.carregar(dados.caminho("astronauta_eileen_collins"), lado_maximo=48)
    assert esquerda.shape == tuple(foto.shape[1:3]) and esquerda[:, :4].min() > 0.99 > 0.01 > esquerda[:, -4:].max()
    np.testing.assert_allclose(esquerda + direita, 1.0, atol=1e-6)
    with pytest.raises(ErroParametro, match="regioes deve ser"):
        app.configurar(regioes="nuvens")


def test_previa_das_regioes_aparece_e_muda(extrator):
    app = _app(extrator, estilos=["o_grito", "o_beijo"], regioes="esquerda_direita")
    figura = _png_em_array(app.miniatura_regioes.value).astype(float)
    assert app.miniatura_regioes.layout.display != "none" and "vermelho" in app.legenda_regioes.value
    assert figura[:, :8, 0].mean() > figura[:, :8, 2].mean() + 40  # pintura 1 em vermelho, à esquerda
    assert figura[:, -8:, 2].mean() > figura[:, -8:, 0].mean() + 40  # pintura 2 em azul, à direita
    vistas = [app.miniatura_regioes.value]
    for mudanca in ({"regioes": "cima_baixo"}, {"conteudo": "cafe"}, {"estilos": ["o_grito"]}):
        app.configurar(**mudanca)
        assert app.miniatura_regioes.value not in vistas, mudanca
        vistas.append(app.miniatura_regioes.value)
    app.estilos.value = ()  # no meio da escolha das pinturas: sem prévia e sem mensagem de erro
    assert app.miniatura_regioes.layout.display == "none" and "❌" not in app.mensagem.value
    app.regioes.value = "nenhuma"
    assert app.miniatura_regioes.layout.display == "none" and app.legenda_regioes.value == ""


def test_foto_sem_ceu_e_mascaras_erradas_viram_mensagem(extrator, monkeypatch):
    monkeypatch.setattr(transferencia, "transferir", lambda **kw: pytest.fail("não devia transferir"))
    app = _app(extrator, estilos=["o_grito", "o_beijo"], regioes="ceu")  # a astronauta não tem céu
    assert "Não encontrei céu" in app.texto_mensagem and "❌" in app.mensagem.value
    assert app.executar(sincrono=True) is None and "Não encontrei céu" in app.erro
    metade = np.zeros((48, 64))
    metade[:, :32] = 1.0
    app.envio_mascara.value = _envio("b.png", 1 - metade) + _envio("a.png", metade)  # vão na ordem dos nomes
    legenda = app.legenda_regioes.value
    assert app.regioes.value == "enviadas" and legenda.index("a.png") < legenda.index("b.png") and "❌" not in app.mensagem.value
    app.estilos.value = ("o_grito",)
    assert "2 máscara(s) enviada(s) para 1 pintura(s)" in app.legenda_regioes.value
    assert app.executar(sincrono=True) is None and "uma máscara por pintura" in app.erro
    app.envio_mascara.value = _envio("preta.png", np.zeros((48, 64)))
    assert "vazia" in app.texto_mensagem and "❌" in app.mensagem.value
