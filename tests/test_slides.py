"""Os slides em HTML: exportados das saídas salvas, sem nada da internet, abertos num Chromium de verdade."""

import base64
import io
import json
import re
import shutil
import tempfile
import time

import pytest

from estilo.curso import slides
from estilo.curso.estrutura_slides import licoes

LICAO = licoes(["00"])[0]
FLAGS_CHROMIUM = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--disable-quic", "--window-size=1280,800")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """A lição 00 exportada (o reveal.js vem do cache, do sphinx-revealjs ou do npm)."""
    saida = tmp_path_factory.mktemp("slides")
    (arquivo,) = slides.exportar(["00"], saida)
    return arquivo


def _esperados(caminho):
    """Quantos slides o reveal.js deve mostrar: um por célula 'slide' ou 'subslide'."""
    celulas = json.loads(caminho.read_text(encoding="utf-8"))["cells"]
    return sum(c["metadata"]["slideshow"]["slide_type"] in ("slide", "subslide") for c in celulas)


def test_html_autocontido(deck):
    html = deck.read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in html
    externos = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]*)"', html)
    assert not externos, f"o deck pede arquivos da internet: {externos}"
    assert re.search(r'src="reveal\.js/dist/reveal\.js"', html)
    assert (deck.parent / "reveal.js" / "dist" / "reveal.js").is_file(), "o reveal.js foi copiado ao lado"
    figuras = len(re.findall(r'src="data:image/(?:png|jpeg);base64,', html))
    assert figuras >= 3, "as figuras salvas (PNG ou JPEG) vão embutidas no HTML"
    assert '<aside class="notes">' in html and "Notas para quem apresenta" in html
    assert "Configuração (igual em todas as lições)" not in html, "a célula de configuração fica fora (skip)"


def test_reveal_invalido_da_erro_claro(tmp_path, capsys):
    assert slides.principal(["00", "--saida", str(tmp_path / "s"), "--reveal", str(tmp_path)]) == 2
    erro = capsys.readouterr().err
    assert "não parece um reveal.js" in erro and "Traceback" not in erro


def _navegador():
    webdriver = pytest.importorskip("selenium.webdriver", reason="sem o selenium (pip install -e '.[testes]')")
    binario = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not binario or not driver:
        pytest.skip("sem navegador: instale o Chromium do Debian (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    opcoes = webdriver.ChromeOptions()
    opcoes.binary_location = binario
    for flag in FLAGS_CHROMIUM:
        opcoes.add_argument(flag)
    opcoes.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='estilo-chromium-')}")
    return webdriver.Chrome(service=Service(driver), options=opcoes)


def _esperar(navegador, script, segundos=10):
    fim = time.monotonic() + segundos
    while time.monotonic() < fim:
        valor = navegador.execute_script(script)
        if valor:
            return valor
        time.sleep(0.1)
    return navegador.execute_script(script)


def test_deck_abre_num_navegador_de_verdade(deck):
    from PIL import Image, ImageStat

    navegador = _navegador()
    try:
        navegador.get(deck.as_uri())
        assert _esperar(navegador, "return window.Reveal && Reveal.isReady()"), "o reveal.js não iniciou"
        assert navegador.execute_script("return Reveal.getTotalSlides()") == _esperados(LICAO)
        assert navegador.execute_script("return Reveal.getIndices().h") == 0
        titulo = "return getComputedStyle(document.querySelector('.slides h1')).textTransform"
        assert navegador.execute_script(titulo) == "none", "o tema não pode pôr os títulos em maiúsculas (α/β vira A/B)"
        navegador.execute_script("Reveal.next()")
        assert navegador.execute_script("return Reveal.getIndices().h") == 1
        # nada vem da internet: todo script, estilo e imagem é um arquivo local ou um data URI
        recursos = navegador.execute_script(
            "return [...document.querySelectorAll('script[src], link[href], img[src]')].map(e => e.src || e.href)")
        assert recursos and all(r.startswith(("file:", "data:")) for r in recursos), recursos
        if (deck.parent / "mathjax").is_dir():
            assert _esperar(navegador, "return document.querySelectorAll('mjx-container').length"), "fórmulas"
        # vai ao primeiro slide com uma figura e mostra os fragmentos dele
        navegador.execute_script("""
            const alvo = [...document.querySelectorAll('.slides section > section')].find(s => s.querySelector('img'));
            const i = Reveal.getIndices(alvo); Reveal.slide(i.h, i.v, 99);""")
        retangulo = _esperar(navegador, """
            const img = Reveal.getCurrentSlide().querySelector('img');
            const r = img.getBoundingClientRect(), frag = img.closest('.fragment');
            const visivel = img.complete && img.naturalWidth > 0 && r.width > 50 && r.height > 20
                && (!frag || getComputedStyle(frag).opacity === '1');
            return visivel && [r.left, r.top, r.right, r.bottom, window.devicePixelRatio];""")
        assert retangulo, "a figura do slide não ficou visível"
        tela = Image.open(io.BytesIO(base64.b64decode(navegador.get_screenshot_as_base64()))).convert("L")
        esquerda, topo, direita, baixo, escala = retangulo
        figura = tela.crop(tuple(round(v * escala) for v in (esquerda, topo, direita, min(baixo, tela.height))))
        assert ImageStat.Stat(figura).stddev[0] > 20, "a figura aparece em branco na captura de tela"
    finally:
        navegador.quit()


def test_sem_reveal_explica_como_obter(tmp_path, monkeypatch):
    """Sem cache, sem sphinx-revealjs e sem npm: erro em português com os caminhos para obter o reveal.js."""
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path))
    monkeypatch.delenv("ESTILO_REVEAL", raising=False)
    monkeypatch.setitem(__import__("sys").modules, "sphinx_revealjs", None)
    monkeypatch.setattr(slides.shutil, "which", lambda nome: None)
    with pytest.raises(slides.ErroEstilo, match="pip install sphinx-revealjs") as erro:
        slides.achar_reveal()
    assert f"reveal.js@{slides.VERSAO_REVEAL}" in str(erro.value) and "--reveal" in str(erro.value)
