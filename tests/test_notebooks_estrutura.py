"""A anatomia de cada lição (navegação, Colab, configuração, parâmetros, resumo, exercícios)."""

import json
import re
from pathlib import Path

import pytest

from estilo.curso import colab

PASTA = Path(__file__).resolve().parent.parent / "notebooks"
CADERNOS = sorted(PASTA.glob("[0-9][0-9]_*.ipynb"))
NOMES_ESPERADOS = [
    "00_sumario", "01_imagens_e_cnn", "02_custo_conteudo", "03_gram_e_estilo",
    "04_algoritmo_completo", "05_resultados_do_artigo", "06_estudio", "07_rede_rapida", "08_controle_espacial",
]
LIMITE_BYTES = 4 * 1024 * 1024


def _ler(caminho):
    return json.loads(caminho.read_text(encoding="utf-8"))


def _fonte(celula):
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def _configuracao(caderno):
    return [c for c in caderno["cells"] if c["cell_type"] == "code" and _fonte(c).startswith("# Configuração")]


def test_todas_as_licoes_existem():
    assert [c.stem for c in CADERNOS][: len(NOMES_ESPERADOS)] == NOMES_ESPERADOS


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_anatomia(caminho):
    caderno = _ler(caminho)
    celulas = caderno["cells"]
    md = [_fonte(c) for c in celulas if c["cell_type"] == "markdown"]
    codigo = [c for c in celulas if c["cell_type"] == "code"]

    # 1. navegação com o selo do Colab, no começo e no fim
    assert colab.endereco_colab(caminho.name) in md[0], "a primeira célula deve ter o selo 'Abrir no Colab' deste caderno"
    assert "Sumário" in md[0] and "Sumário" in md[-1], "navegação (Sumário) no começo e no fim"
    # 2. título, subtítulo e objetivos
    assert any(re.match(r"# \S", m) for m in md[:3]), "falta o título '# ...'"
    titulo = next(m for m in md[:3] if re.match(r"# \S", m))
    assert titulo.startswith(f"# {caminho.stem[:2]} · "), "o título começa com o número da lição: '# NN · …'"
    assert any("\n> " in m or m.startswith("> ") for m in md[:3]), "falta o subtítulo '> ...'"
    # 3. uma única célula de configuração, idêntica em todas as lições
    assert len(_configuracao(caderno)) == 1, "deve haver exatamente uma célula '# Configuração'"
    # 5. célula de parâmetros com a tag e o modo rápido
    parametros = [c for c in codigo if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parametros) == 1, "deve haver uma célula com a tag 'parameters'"
    assert "modo_rapido()" in _fonte(parametros[0]), "os parâmetros devem encolher no modo rápido"
    # 8. resumo e exercícios verificados automaticamente
    assert any(m.startswith("## Resumo") for m in md), "falta '## Resumo'"
    assert any(m.startswith("## Exercícios") for m in md), "falta '## Exercícios'"
    if caminho.stem != "00_sumario":
        chamadas = {n for c in codigo for n in re.findall(r"\b(verificar_\w+)\(", _fonte(c))}
        assert len(chamadas) >= 2, "pelo menos dois exercícios com verificar_...()"
        por_dentro = [c for c in codigo if "assert_allclose" in _fonte(c)]
        assert por_dentro, "falta um 'por dentro' conferido com np.testing.assert_allclose"
    # sem imports com estrela; o caderno foi executado e salvo com saídas
    assert not any(re.search(r"^\s*from \S+ import \*", _fonte(c), re.M) for c in codigo)
    assert any(c.get("outputs") for c in codigo), "salve o caderno com as saídas de uma execução real"
    assert all(not any(o.get("output_type") == "error" for o in c.get("outputs", [])) for c in codigo), (
        "o caderno foi salvo com um erro numa célula"
    )
    assert caminho.stat().st_size < LIMITE_BYTES, "caderno grande demais para ler no GitHub"


def test_configuracao_identica_em_todas():
    fontes = {_fonte(_configuracao(_ler(c))[0]) for c in CADERNOS if _configuracao(_ler(c))}
    assert len(fontes) == 1, "a célula de configuração deve ser idêntica em todas as lições"


TIPOS_DE_SLIDE = {"slide", "subslide", "fragment", "-", "skip", "notes"}


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_slides(caminho):
    """Modo instrutor: toda célula tem um tipo de slide e cada seção '## ' começa um slide."""
    celulas = _ler(caminho)["cells"]
    tipos = [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in celulas]
    sem_tipo = [i for i, t in enumerate(tipos) if t not in TIPOS_DE_SLIDE]
    assert not sem_tipo, f"células sem tipo de slide válido: {sem_tipo} (rode python -m estilo.curso.estrutura_slides)"
    for i, celula in enumerate(celulas):
        texto = _fonte(celula)
        if celula["cell_type"] == "markdown" and texto.startswith("## "):
            assert tipos[i] == "slide", f"a seção {texto.splitlines()[0]!r} deve começar um slide"
        if celula["cell_type"] == "markdown" and not celula["metadata"].get("estilo_notas"):
            titulos = re.findall(r"^##{1,2} .*", re.sub(r"```.*?```", "", texto, flags=re.S), re.M)
            assert all(texto.startswith(t) for t in titulos), f"célula {i}: título no meio da célula {titulos}"
    assert tipos[[i for i, c in enumerate(celulas) if _fonte(c).startswith("# ")][0]] == "slide", "o título abre a apresentação"
    for celula in _configuracao({"cells": celulas}) + [c for c in celulas if "parameters" in c["metadata"].get("tags", [])]:
        assert celula["metadata"]["slideshow"]["slide_type"] == "skip", "configuração e parâmetros ficam fora dos slides"
    notas = [c for c in celulas if c["metadata"].get("estilo_notas")]
    assert len(notas) >= 3, "pelo menos três notas do apresentador por lição"
    assert all(c["metadata"]["slideshow"]["slide_type"] == "notes" for c in notas)
    assert any(re.search(r"CPU.*medido", _fonte(c)) and "GPU" in _fonte(c) for c in notas), (
        "alguma nota deve dizer quanto tempo leva na CPU (medido) e na GPU"
    )
