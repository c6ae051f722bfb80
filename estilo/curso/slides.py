"""Slides em HTML das lições: um arquivo por lição, com as figuras salvas, que abre sem internet.

``python -m estilo.curso.slides [--saida PASTA] [lições...]`` exporta cada lição com o
``SlidesExporter`` do nbconvert (o mesmo de ``jupyter nbconvert --to slides``). O reveal.js e o
MathJax vêm de cópias locais, copiadas para a pasta de saída: a pasta inteira pode ir num pen drive.
De onde vem o reveal.js, nesta ordem: ``--reveal PASTA`` (ou ``ESTILO_REVEAL``), o cache do
``estilo``, o pacote ``sphinx-revealjs`` (``pip install sphinx-revealjs``) e, por fim, o ``npm``.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from estilo.curso.estrutura_slides import licoes
from estilo.nucleo.erros import ErroEstilo

VERSAO_REVEAL = "4.6.1"
VERSAO_MATHJAX = "3.2.2"
ARQUIVOS_REVEAL = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "dist/theme/fonts/source-sans-pro",
                   "plugin/notes/notes.js", "LICENSE")
ARQUIVOS_MATHJAX = ("es5/tex-svg-full.js", "LICENSE")
LARGURA, ALTURA = 1280, 720  # a tela de um projetor 16:9; o reveal.js escala para a tela real

CSS = """
:root { --jp-content-font-size1: 26px; --jp-ui-font-size1: 22px; --jp-code-font-size: 19px;
        --jp-cell-prompt-width: 0px; }
.reveal { font-size: 26px; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: %(altura)dpx; overflow-x: hidden; overflow-y: auto; scrollbar-width: thin;
                          padding: 0 0.5em; box-sizing: border-box; }
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 { text-transform: none; }  /* α/β não vira A/B */
.reveal .slide-number { font-size: 18px; }
.reveal .jp-RenderedHTMLCommon h1 { font-size: 1.9em; }
.reveal .jp-RenderedHTMLCommon h2 { font-size: 1.5em; }
.reveal .jp-RenderedHTMLCommon h3 { font-size: 1.2em; }
.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon li { line-height: 1.35; }
.reveal .jp-OutputArea-output img { display: block; margin: 0.3em auto; width: 92%%; max-height: %(figura)dpx;
                                     object-fit: contain; }
.reveal .jp-OutputArea-output pre { font-size: 0.75em; }
.reveal .jp-InputArea pre { white-space: pre-wrap; }
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none; }
"""

MODELO = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
{%- if resources.estilo.mathjax -%}
<script>
window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
                        processEscapes: true}, svg: {fontCache: 'global'}};
</script>
<script src="{{ resources.estilo.mathjax }}"></script>
{%- endif -%}
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.estilo.css }}</style>{%- endblock html_head_css -%}
{%- block footer_js -%}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({controls: true, progress: true, history: true, center: false, transition: "none",
                   slideNumber: "c/t", width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
                   plugins: [RevealNotes]});
</script>
{%- endblock footer_js -%}
"""


def _completa(pasta, arquivos) -> bool:
    return pasta is not None and all((Path(pasta) / a).exists() for a in arquivos)


def _pasta_cache(nome: str, versao: str) -> Path:
    from estilo.nucleo.ambiente import pasta_cache

    return pasta_cache() / "slides" / f"{nome}-{versao}"


def _baixar_npm(nome: str, versao: str, destino: Path):
    """``npm pack nome@versao`` e desempacota em ``destino``; None se não houver npm ou falhar."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    print(f"Baixando {nome} {versao} pelo npm (uma vez só; fica em {destino})…", file=sys.stderr)
    with tempfile.TemporaryDirectory() as temporaria:
        feito = subprocess.run([npm, "pack", f"{nome}@{versao}", "--silent"], cwd=temporaria,
                               capture_output=True, text=True, check=False, timeout=300)
        pacotes = list(Path(temporaria).glob("*.tgz"))
        if feito.returncode != 0 or not pacotes:
            print(f"O npm não conseguiu baixar {nome}: {feito.stderr.strip()[-300:]}", file=sys.stderr)
            return None
        with tarfile.open(pacotes[0]) as tar:
            extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(temporaria, **extra)
        if destino.exists():
            shutil.rmtree(destino)
        destino.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(temporaria) / "package"), destino)
    return destino


def achar_reveal(pasta=None) -> Path:
    """A pasta de um reveal.js 4 ou 5 (com ``dist/reveal.js`` e ``plugin/notes``)."""
    pasta = pasta or os.environ.get("ESTILO_REVEAL")
    if pasta:
        if not _completa(pasta, ARQUIVOS_REVEAL):
            raise ErroEstilo(f"{pasta} não parece um reveal.js: faltam arquivos como dist/reveal.js e "
                             "plugin/notes/notes.js (use a pasta do pacote npm reveal.js, versão 4 ou 5).")
        return Path(pasta)
    cache = _pasta_cache("reveal.js", VERSAO_REVEAL)
    if _completa(cache, ARQUIVOS_REVEAL):
        return cache
    try:
        import sphinx_revealjs

        candidata = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
        if _completa(candidata, ARQUIVOS_REVEAL):
            return candidata
    except ImportError:
        pass
    if _completa(_baixar_npm("reveal.js", VERSAO_REVEAL, cache), ARQUIVOS_REVEAL):
        return cache
    raise ErroEstilo(
        "Não achei uma cópia local do reveal.js, de que os slides precisam para abrir sem internet. "
        "Escolha um caminho: (1) pip install sphinx-revealjs (traz o reveal.js 5); "
        f"(2) instale o Node.js e rode de novo (o estilo baixa reveal.js@{VERSAO_REVEAL} pelo npm); "
        f"(3) npm pack reveal.js@{VERSAO_REVEAL}, desempacote e passe --reveal PASTA/package.")


def achar_mathjax():
    """A pasta de um MathJax 3 (cache ou npm); None se não houver: as fórmulas ficam em TeX."""
    cache = _pasta_cache("mathjax", VERSAO_MATHJAX)
    if _completa(cache, ARQUIVOS_MATHJAX) or _completa(_baixar_npm("mathjax", VERSAO_MATHJAX, cache),
                                                       ARQUIVOS_MATHJAX):
        return cache
    print("Aviso: sem MathJax local (instale o Node.js para baixá-lo); as fórmulas aparecem em TeX.",
          file=sys.stderr)
    return None


def _copiar(origem: Path, destino: Path, arquivos) -> None:
    for relativo in arquivos:
        de, para = origem / relativo, destino / relativo
        para.parent.mkdir(parents=True, exist_ok=True)
        if de.is_dir():
            shutil.copytree(de, para, dirs_exist_ok=True)
        else:
            shutil.copyfile(de, para)


def exportador():
    """Um ``SlidesExporter`` em pt-BR, sem nada de CDN, com o tamanho de tela de um projetor."""
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    return SlidesExporter(extra_loaders=[DictLoader({"estilo_slides.html.j2": MODELO})],
                          template_file="estilo_slides.html.j2", reveal_url_prefix="reveal.js",
                          reveal_theme="white", reveal_width=str(LARGURA), reveal_height=str(ALTURA), language_code="pt",
                          exclude_input_prompt=True, exclude_output_prompt=True)


def exportar_licao(caminho, saida, exportador_slides=None, mathjax=True) -> Path:
    """Grava ``saida/NN_nome.html`` a partir das saídas salvas da lição (nada é executado)."""
    import nbformat

    caminho, saida = Path(caminho), Path(saida)
    caderno = nbformat.read(caminho, as_version=4)
    recursos = {"metadata": {"name": caminho.stem},
                "estilo": {"mathjax": "mathjax/es5/tex-svg-full.js" if mathjax else "",
                           "css": CSS % {"altura": ALTURA, "figura": 500}}}
    html, _ = (exportador_slides or exportador()).from_notebook_node(caderno, resources=recursos)
    destino = saida / f"{caminho.stem}.html"
    destino.write_text(html.replace('<html lang="pt">', '<html lang="pt-BR">', 1), encoding="utf-8")
    return destino


def exportar(nomes=None, saida="slides", reveal=None) -> list:
    """Exporta as lições (todas, ou as escolhidas) para ``saida``, com o reveal.js e o MathJax ao lado."""
    caminhos = licoes(nomes)
    origem_reveal, origem_mathjax = achar_reveal(reveal), achar_mathjax()
    saida = Path(saida)
    try:
        saida.mkdir(parents=True, exist_ok=True)
        _copiar(origem_reveal, saida / "reveal.js", ARQUIVOS_REVEAL)
        if origem_mathjax:
            _copiar(origem_mathjax, saida / "mathjax", ARQUIVOS_MATHJAX)
    except OSError as erro:
        raise ErroEstilo(f"não consegui escrever os slides em {saida}: {erro.strerror or erro}") from erro
    exp = exportador()
    return [exportar_licao(c, saida, exp, mathjax=origem_mathjax is not None) for c in caminhos]


def principal(argv=None) -> int:
    """A linha de comando: exporta e diz onde ficaram os slides."""
    analisador = argparse.ArgumentParser(
        prog="python -m estilo.curso.slides",
        description="Exporta as lições como slides HTML (reveal.js) que abrem sem internet.")
    analisador.add_argument("licoes", nargs="*", help="cadernos, nomes ou números (padrão: todas as lições)")
    analisador.add_argument("--saida", default="slides", help="pasta dos slides (padrão: slides)")
    analisador.add_argument("--reveal", default=None, help="pasta de um reveal.js 4 ou 5 já baixado")
    args = analisador.parse_args(argv)
    try:
        feitos = exportar(args.licoes, args.saida, args.reveal)
    except ErroEstilo as erro:
        print(f"erro: {erro}", file=sys.stderr)
        return 2
    for arquivo in feitos:
        print(arquivo)
    print("Abra um dos arquivos no navegador (sem internet). Setas avançam; S abre as notas; F, a tela cheia.")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
