"""estilo.curso.colab: uma só fonte para versão, endereços, selo e célula de configuração; ``aplicar`` numa cópia."""

import json
from pathlib import Path

import pytest

import estilo
from estilo.curso import colab
from estilo.nucleo.erros import ErroEstilo

RAIZ = Path(__file__).resolve().parent.parent
CADERNOS = sorted((RAIZ / "notebooks").glob(colab.PADRAO_CADERNOS))


def test_versao_e_etiqueta_vem_do_pacote():
    assert colab.versao() == estilo.__version__
    assert colab.etiqueta() == f"v{estilo.__version__}"


def test_comando_instalacao_fixa_a_etiqueta_sem_extras():
    comando = colab.comando_instalacao()
    assert comando == f'%pip install -q "estilo @ git+https://github.com/estilo-curso/estilo.git@v{estilo.__version__}"'
    assert "[" not in comando  # no Colab o Keras baixa os pesos: o extra [offline] só pesaria


def test_endereco_colab_e_selo():
    esperado = f"https://colab.research.google.com/github/estilo-curso/estilo/blob/v{estilo.__version__}/notebooks/06_estudio.ipynb"
    assert colab.endereco_colab("06_estudio.ipynb") == esperado
    assert colab.endereco_colab(Path("/qualquer/notebooks/06_estudio.ipynb")) == esperado
    assert f'href="{esperado}"' in colab.selo("06_estudio.ipynb") and 'alt="Abrir no Colab"' in colab.selo("06_estudio.ipynb")
    assert colab.selo_markdown("06_estudio.ipynb").endswith(f"({esperado})")


def test_celula_configuracao():
    texto = colab.celula_configuracao()
    assert texto.startswith(colab.MARCA_CONFIGURACAO) and colab.etiqueta() in texto.splitlines()[0]
    assert texto.endswith(f'if "google.colab" in sys.modules:\n    {colab.comando_instalacao()}')
    # fora do Colab a célula é Python válido (a linha mágica só roda lá)
    compile(texto.replace(colab.comando_instalacao(), "pass"), "configuracao", "exec")


def test_celula_navegacao():
    texto = colab.celula_navegacao("01_x.ipynb", "[Sumário](00_sumario.ipynb)\n")
    assert texto == f"[Sumário](00_sumario.ipynb)\n\n{colab.selo('01_x.ipynb')}"


def test_atualizar_readme_so_mexe_nos_enderecos_do_colab():
    texto = (
        "[![Abrir no Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        "(https://colab.research.google.com/github/estilo-curso/estilo/blob/main/notebooks/00_sumario.ipynb)\n"
        "Código: https://github.com/estilo-curso/estilo/blob/main/estilo/__init__.py\n"
    )
    novo = colab.atualizar_readme(texto)
    assert colab.selo_markdown("00_sumario.ipynb") in novo
    assert "https://github.com/estilo-curso/estilo/blob/main/estilo/__init__.py" in novo
    assert colab.atualizar_readme(novo) == novo


def test_atualizar_caderno_sem_configuracao_e_erro_claro():
    caderno = {"cells": [{"cell_type": "markdown", "source": "[Sumário](00_sumario.ipynb)"}], "metadata": {}}
    with pytest.raises(ErroEstilo, match="Configuração"):
        colab.atualizar_caderno(caderno, "99_x.ipynb")


def test_atualizar_caderno_acrescenta_o_selo_que_falta():
    caderno = {"cells": [
        {"cell_type": "markdown", "source": ["[Sumário](00_sumario.ipynb)"]},
        {"cell_type": "code", "source": ["# Configuração antiga\n", "import sys"], "outputs": []},
    ], "metadata": {}}
    colab.atualizar_caderno(caderno, "99_x.ipynb", {"versao": "9", "commit": None})
    assert "".join(caderno["cells"][0]["source"]) == colab.celula_navegacao("99_x.ipynb", "[Sumário](00_sumario.ipynb)")
    assert "".join(caderno["cells"][1]["source"]) == colab.celula_configuracao()
    assert caderno["metadata"]["estilo"] == {"versao": "9", "commit": None}


# ------------------------------------------------------------------ aplicar numa cópia das lições
def _como_antes_da_versao(texto):
    """O texto como era antes de fixar a versão (selo em blob/main, instalação sem etiqueta)."""
    return texto.replace(f"/blob/{colab.etiqueta()}/", "/blob/main/").replace(f".git@{colab.etiqueta()}", ".git")


@pytest.fixture
def copia(tmp_path):
    """Uma cópia das lições e do README, no estado anterior a ``aplicar`` (qualquer que seja o do repositório)."""
    pasta = tmp_path / "notebooks"
    pasta.mkdir()
    for caminho in [*CADERNOS, RAIZ / "README.md"]:
        destino = (pasta if caminho.suffix == ".ipynb" else tmp_path) / caminho.name
        destino.write_text(_como_antes_da_versao(caminho.read_text(encoding="utf-8")), encoding="utf-8")
    return pasta


def _ler(caminho):
    return json.loads(caminho.read_text(encoding="utf-8"))


def _fonte(celula):
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def test_aplicar_reescreve_configuracao_e_selo_e_nada_mais(copia):
    assert len(CADERNOS) >= 8
    antes = {c.name: _ler(c) for c in copia.glob("*.ipynb")}
    colab.aplicar(copia, copia.parent / "README.md")
    for nome, original in antes.items():
        novo = _ler(copia / nome)
        assert len(novo["cells"]) == len(original["cells"])
        assert novo["metadata"] == original["metadata"]  # sem --registrar-versao, nada de metadata.estilo
        navegacao = next(i for i, c in enumerate(novo["cells"]) if c["cell_type"] == "markdown")
        for i, (a, b) in enumerate(zip(original["cells"], novo["cells"])):
            if b["cell_type"] == "code" and _fonte(b).startswith(colab.MARCA_CONFIGURACAO):
                assert _fonte(b) == colab.celula_configuracao()
                assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}
            elif i == navegacao:
                texto = _fonte(b)
                assert colab.selo(nome) in texto and texto.count("colab.research.google.com/github") == 1
                assert texto.split("\n\n")[0] == _fonte(a).split("\n\n")[0]  # os links de navegação ficam
            else:
                assert a == b, f"{nome}: a célula {i} mudou"
    readme = (copia.parent / "README.md").read_text(encoding="utf-8")
    assert colab.endereco_colab("00_sumario.ipynb") in readme and "/blob/main/notebooks/" not in readme


def test_aplicar_e_idempotente(copia):
    readme = copia.parent / "README.md"
    colab.aplicar(copia, readme, registrar_versao=True, commit="abc123")
    conteudo = {c: c.read_bytes() for c in [*copia.glob("*.ipynb"), readme]}
    assert colab.aplicar(copia, readme, registrar_versao=True, commit="abc123") == []
    assert colab.aplicar(copia, readme) == []
    assert {c: c.read_bytes() for c in conteudo} == conteudo


def test_aplicar_registra_versao_e_commit(copia):
    mudados = colab.aplicar(copia, registrar_versao=True, commit="abc123")
    assert sorted(m.name for m in mudados) == sorted(c.name for c in CADERNOS)
    for caminho in copia.glob("*.ipynb"):
        metadados = _ler(caminho)["metadata"]
        assert metadados["estilo"] == {"versao": estilo.__version__, "commit": "abc123"}
        assert "kernelspec" in metadados  # o resto dos metadados fica


def test_aplicar_mantem_o_formato_do_nbformat(copia):
    colab.aplicar(copia)
    for caminho in copia.glob("*.ipynb"):
        texto = caminho.read_text(encoding="utf-8")
        assert texto == json.dumps(json.loads(texto), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def test_linha_de_comando(copia, capsys):
    assert colab.principal(["--aplicar", "--pasta", str(copia), "--readme", str(copia.parent / "README.md")]) == 0
    assert "atualizado:" in capsys.readouterr().out
    assert colab.principal(["--aplicar", "--pasta", str(copia), "--readme", str(copia.parent / "README.md")]) == 0
    assert "nada a mudar" in capsys.readouterr().out
    assert colab.principal(["--aplicar", "--pasta", str(copia.parent / "vazia")]) == 1
    assert "erro:" in capsys.readouterr().out
    assert colab.principal([]) == 0
    assert colab.comando_instalacao() in capsys.readouterr().out
