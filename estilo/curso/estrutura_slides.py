"""A estrutura de apresentação das lições: ``metadata.slideshow.slide_type`` em toda célula.

``python -m estilo.curso.estrutura_slides [cadernos...]`` reescreve os metadados de slide de todas as
lições (ou só das indicadas). É idempotente: rodar de novo não muda nada. Regras:

- ``slide``: o título (``# ``) e cada seção ``## ``; ``subslide``: cada ``### ``, cada exercício e as
  partes que não cabem numa tela; ``fragment``: a figura que aparece depois da explicação;
- ``skip``: a navegação e o código antes da primeira seção (configuração, imports, parâmetros);
- ``notes``: as notas do apresentador (células markdown com ``metadata.estilo_notas = true``).

Uma célula markdown com um título ``##``/``###`` no meio é dividida em duas (o texto não muda),
para que cada seção comece um slide.
"""

import argparse
import base64
import copy
import math
import re
import struct
import sys
from pathlib import Path

PASTA_LICOES = Path(__file__).resolve().parents[2] / "notebooks"
CHAVE_NOTAS = "estilo_notas"
LINHAS_POR_TELA = 22  # linhas de texto (24 px) que cabem num slide de 1280 × 720 com título
PIXELS_POR_LINHA = 32
ALTURA_MAXIMA_FIGURA = 520  # px, a mesma do CSS dos slides (slides.py)
LARGURA_SLIDE = 1200
_TITULO_INTERNO = re.compile(r"^#{2,3} \S")


def fonte(celula) -> str:
    """O texto de uma célula (o nbformat guarda como lista de linhas ou como texto)."""
    texto = celula.get("source", "")
    return "".join(texto) if isinstance(texto, list) else texto


def eh_notas(celula) -> bool:
    """True para uma célula de notas do apresentador."""
    return celula.get("cell_type") == "markdown" and bool(celula.get("metadata", {}).get(CHAVE_NOTAS))


def _linhas_fora_de_codigo(texto):
    """(índice, linha, dentro_de_bloco_de_código) para cada linha do markdown."""
    dentro = False
    for i, linha in enumerate(texto.split("\n")):
        if linha.lstrip().startswith("```"):
            dentro = not dentro
            yield i, linha, True
        else:
            yield i, linha, dentro


def separar_titulos(celulas: list) -> list:
    """Divide as células markdown que têm um título ``##``/``###`` depois da primeira linha."""
    saida = []
    for celula in celulas:
        if celula.get("cell_type") != "markdown" or eh_notas(celula):
            saida.append(celula)
            continue
        texto = fonte(celula)
        linhas = texto.split("\n")
        cortes = [i for i, linha, codigo in _linhas_fora_de_codigo(texto)
                  if i > 0 and not codigo and _TITULO_INTERNO.match(linha)]
        inicios = [0, *cortes]
        for k, (inicio, fim) in enumerate(zip(inicios, [*cortes, len(linhas)])):
            pedaco = "\n".join(linhas[inicio:fim])
            pedaco = pedaco.rstrip("\n") if fim < len(linhas) else pedaco
            nova = copy.deepcopy(celula)
            nova["source"] = pedaco.splitlines(keepends=True)
            if k and "id" in celula:
                nova["id"] = f"{celula['id'][:60]}-{k + 1}"
            saida.append(nova)
    return saida


def _linhas_markdown(texto: str) -> float:
    total = 0.0
    for linha in texto.split("\n"):
        if linha.startswith("#"):
            total += 2
        elif "$$" in linha or "![" in linha:
            total += 3 if "$$" in linha else 10
        else:
            total += max(1, math.ceil(len(linha) / 85))
    return total


def _altura_figura(dados: dict) -> float:
    """Linhas ocupadas por uma figura PNG, já reduzida ao tamanho máximo dos slides."""
    largura, altura = 800, 400
    png = dados.get("image/png")
    if png:
        cabecalho = base64.b64decode("".join(png)[:44])
        if cabecalho[:8] == b"\x89PNG\r\n\x1a\n":
            largura, altura = struct.unpack(">II", cabecalho[16:24])
    escala = min(1.0, LARGURA_SLIDE / max(largura, 1), ALTURA_MAXIMA_FIGURA / max(altura, 1))
    return max(4.0, altura * escala / PIXELS_POR_LINHA)


def tem_figura(celula) -> bool:
    """True quando alguma saída da célula é uma imagem."""
    return any(k.startswith("image/") for o in celula.get("outputs", []) for k in o.get("data", {}))


def altura(celula) -> float:
    """Uma estimativa, em linhas de texto, da altura da célula num slide."""
    if celula.get("cell_type") != "code":
        return _linhas_markdown(fonte(celula))
    total = 0.75 * len(fonte(celula).split("\n"))  # o código usa uma fonte menor
    for saida in celula.get("outputs", []):
        dados = saida.get("data", {})
        if any(k.startswith("image/") for k in dados):
            total += _altura_figura(dados)
        elif "text/html" in dados:
            total += min(12, "".join(dados["text/html"]).count("<tr"))
        else:
            texto = "".join(saida.get("text", dados.get("text/plain", "")))
            total += 0.75 * min(8, texto.count("\n") + 1)
    return total


def _eh_navegacao(celulas, i) -> bool:
    texto = fonte(celulas[i]).lstrip()
    return (celulas[i]["cell_type"] == "markdown" and texto[:1] in ("[", "-") and "00_sumario.ipynb)" in texto
            and i in (0, len(celulas) - 1))


def _bloco(celulas, i) -> tuple:
    """Altura e número de figuras de uma explicação mais o código que vem logo depois dela."""
    total, figuras = altura(celulas[i]), 0
    for celula in celulas[i + 1:]:
        if celula["cell_type"] != "code":
            break
        total += altura(celula)
        figuras += tem_figura(celula)
    return total, figuras


def tipos_de_slide(celulas: list) -> list:
    """O ``slide_type`` de cada célula, na ordem."""
    tipos, ocupado, com_figura, antes_das_secoes, anterior = [], 0.0, False, True, None
    for i, celula in enumerate(celulas):
        texto, codigo = fonte(celula), celula["cell_type"] == "code"
        depois_de_texto, novo = codigo and anterior == "markdown", None
        if eh_notas(celula):
            tipos.append("notes")
            continue
        anterior = celula["cell_type"]
        if _eh_navegacao(celulas, i) or (codigo and antes_das_secoes):
            tipos.append("skip")  # navegação; configuração, imports e parâmetros
            continue
        if not codigo and re.match(r"#{1,2} ", texto):
            novo, antes_das_secoes = "slide", antes_das_secoes and texto.startswith("# ")
        elif not codigo and (texto.startswith("### ") or texto.startswith("**Exercício")):
            novo = "subslide"
        elif not codigo:
            bloco, figuras = _bloco(celulas, i)
            if ocupado and (ocupado + bloco > LINHAS_POR_TELA or (com_figura and figuras)):
                novo = "subslide"
        elif ocupado and (com_figura and tem_figura(celula)
                          or not depois_de_texto and ocupado + altura(celula) > LINHAS_POR_TELA):
            novo = "subslide"  # o código logo depois de uma explicação já foi medido com ela (_bloco)
        if novo:
            tipos.append(novo)
            ocupado, com_figura = altura(celula), tem_figura(celula)
        else:
            tipos.append("fragment" if codigo and tem_figura(celula) else "-")
            ocupado += altura(celula)
            com_figura = com_figura or tem_figura(celula)
    return tipos


def marcar(caderno) -> None:
    """Divide os títulos internos e escreve o tipo de slide em todas as células do caderno."""
    caderno["cells"] = separar_titulos(caderno["cells"])
    for celula, tipo in zip(caderno["cells"], tipos_de_slide(caderno["cells"])):
        celula.setdefault("metadata", {})["slideshow"] = {"slide_type": tipo}


def licoes(nomes=None) -> list:
    """Os caminhos das lições (``NN_nome.ipynb``); ``nomes`` filtra por caminho, nome ou número."""
    todas = sorted(PASTA_LICOES.glob("[0-9][0-9]_*.ipynb"))
    if not nomes:
        return todas
    escolhidas = []
    for nome in nomes:
        caminho = Path(nome)
        achadas = [caminho] if caminho.suffix == ".ipynb" else [c for c in todas if c.stem.startswith(nome)]
        if not achadas or not achadas[0].exists():
            from estilo.nucleo.erros import ErroParametro

            raise ErroParametro(f"lição não encontrada: {nome!r} (use um caminho .ipynb, um nome ou um número como 04)")
        escolhidas.extend(achadas)
    return escolhidas


def principal(argv=None) -> int:
    """Reescreve os metadados de slide; diz quais cadernos mudaram."""
    import nbformat

    from estilo.nucleo.erros import ErroEstilo

    analisador = argparse.ArgumentParser(prog="python -m estilo.curso.estrutura_slides",
                                         description="Escreve os tipos de slide em todas as células das lições.")
    analisador.add_argument("licoes", nargs="*", help="cadernos, nomes ou números (padrão: todas as lições)")
    args = analisador.parse_args(argv)
    try:
        caminhos = licoes(args.licoes)
    except ErroEstilo as erro:
        print(f"erro: {erro}", file=sys.stderr)
        return 2
    for caminho in caminhos:
        antes = caminho.read_text(encoding="utf-8")
        caderno = nbformat.reads(antes, as_version=nbformat.NO_CONVERT)
        marcar(caderno)
        nbformat.validate(caderno)
        depois = nbformat.writes(caderno) + "\n"
        if depois != antes:
            caminho.write_text(depois, encoding="utf-8")
        print(f"{caminho.name}: {'atualizado' if depois != antes else 'sem mudanças'}")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
