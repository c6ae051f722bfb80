"""O script que escreve os tipos de slide: regras, títulos no meio da célula e idempotência."""

import copy
import json

import pytest

from estilo.curso import estrutura_slides as es


def _md(texto, **metadata):
    return {"cell_type": "markdown", "id": f"m{abs(hash(texto)) % 10**8}", "metadata": dict(metadata),
            "source": texto.splitlines(keepends=True)}


def _codigo(texto, figura=False):
    saidas = [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "", "text/plain": "<Figure>"}}]
    return {"cell_type": "code", "id": f"c{abs(hash(texto)) % 10**8}", "metadata": {}, "execution_count": 1,
            "source": texto.splitlines(keepends=True), "outputs": saidas if figura else []}


def _caderno():
    return {"cells": [
        _md("[Sumário](00_sumario.ipynb) · [próxima](01_x.ipynb)"),
        _md("# Título\n\n> subtítulo"),
        _codigo("# Configuração\nimport estilo"),
        _codigo("LADO = 64"),
        _md("## 1. Seção\n\nTexto.\n\n## 2. Outra seção\n\nMais texto.\n\n```bash\n## não é título\n```"),
        _md("Notas!", estilo_notas=True),
        _codigo("figura()", figura=True),
        _md("### Sub-parte"),
        _md("**Exercício 1.** Faça."),
        _codigo("resposta = None"),
        _md("[← anterior](00_sumario.ipynb) · [Sumário](00_sumario.ipynb)"),
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_tipos_pelas_regras():
    caderno = _caderno()
    es.marcar(caderno)
    tipos = [(es.fonte(c).splitlines()[0], c["metadata"]["slideshow"]["slide_type"]) for c in caderno["cells"]]
    assert tipos == [
        ("[Sumário](00_sumario.ipynb) · [próxima](01_x.ipynb)", "skip"),
        ("# Título", "slide"),
        ("# Configuração", "skip"),
        ("LADO = 64", "skip"),
        ("## 1. Seção", "slide"),
        ("## 2. Outra seção", "slide"),
        ("Notas!", "notes"),
        ("figura()", "fragment"),
        ("### Sub-parte", "subslide"),
        ("**Exercício 1.** Faça.", "subslide"),
        ("resposta = None", "-"),
        ("[← anterior](00_sumario.ipynb) · [Sumário](00_sumario.ipynb)", "skip"),
    ]


def test_divide_titulo_no_meio_sem_perder_texto():
    original = _caderno()
    caderno = copy.deepcopy(original)
    es.marcar(caderno)
    antes = "".join(es.fonte(c) for c in original["cells"])
    depois = "".join(es.fonte(c) for c in caderno["cells"])
    assert depois.replace("\n", "") == antes.replace("\n", "")
    secao = [c for c in caderno["cells"] if es.fonte(c).startswith("## 2.")][0]
    assert "## não é título" in es.fonte(secao), "o '##' dentro de um bloco de código não divide a célula"
    assert len({c["id"] for c in caderno["cells"]}) == len(caderno["cells"]), "ids repetidos"


def test_idempotente():
    caderno = _caderno()
    es.marcar(caderno)
    uma_vez = json.dumps(caderno, sort_keys=True)
    es.marcar(caderno)
    assert json.dumps(caderno, sort_keys=True) == uma_vez


def test_parte_longa_vira_subslide():
    longo = "\n".join(f"linha {i}" for i in range(30))
    caderno = {"cells": [_md("# T"), _md("## S\n\n" + longo), _md("Mais uma explicação."),
                         _codigo("a = 1")]}
    assert es.tipos_de_slide(caderno["cells"]) == ["slide", "slide", "subslide", "-"]


def test_licoes_do_repositorio_nao_mudam(tmp_path):
    """Rodar o script nas lições salvas não muda nada: os metadados estão em dia."""
    nbformat = pytest.importorskip("nbformat")
    for caminho in es.licoes():
        texto = caminho.read_text(encoding="utf-8")
        caderno = nbformat.reads(texto, as_version=nbformat.NO_CONVERT)
        es.marcar(caderno)
        assert nbformat.writes(caderno) + "\n" == texto, f"{caminho.name}: rode python -m estilo.curso.estrutura_slides"


def test_licao_inexistente_da_erro_claro(capsys):
    assert es.principal(["99"]) == 2
    assert "lição não encontrada" in capsys.readouterr().err
