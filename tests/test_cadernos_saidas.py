"""As saídas salvas das lições (issue 15): sem caminhos de máquina, sem `False` solto, sem erros antigos no
estado dos widgets, cadernos leves, a versão que as produziu registrada, e o Colab na versão do pacote."""

import json
import re
from pathlib import Path

import pytest

import estilo
from estilo.curso import colab

RAIZ = Path(__file__).resolve().parent.parent
CADERNOS = sorted((RAIZ / "notebooks").glob(colab.PADRAO_CADERNOS))
LIMITE_BYTES = int(1.5 * 1024 * 1024)
"""1,5 MiB por lição: imagens em JPEG, em tamanhos razoáveis."""

CAMINHOS_DE_MAQUINA = re.compile(r"/home/|/root/|/tmp/|/work/|~/\.cache|shared/imagens|site-packages")
SOLTOS = {"False", "True", "None"}
ESTADO_WIDGETS = "application/vnd.jupyter.widget-state+json"


def _ler(caminho):
    return json.loads(caminho.read_text(encoding="utf-8"))


def _texto(valor):
    return "".join(valor) if isinstance(valor, list) else str(valor)


def _fonte(celula):
    return _texto(celula.get("source", ""))


def _textos_das_saidas(caderno):
    """(índice da célula, texto) de cada saída de texto salva (as imagens ficam de fora)."""
    for i, celula in enumerate(caderno["cells"]):
        for saida in celula.get("outputs", []):
            if "text" in saida:
                yield i, _texto(saida["text"])
            for tipo, valor in saida.get("data", {}).items():
                if not tipo.startswith("image/"):
                    yield i, _texto(valor) if isinstance(valor, (str, list)) else json.dumps(valor, ensure_ascii=False)
            if "traceback" in saida:
                yield i, "\n".join(saida["traceback"])


def _textos_do_estado(valor):
    """Todos os textos do estado dos widgets (os buffers binários, em base64, ficam de fora)."""
    if isinstance(valor, str):
        yield valor
    elif isinstance(valor, list):
        for item in valor:
            yield from _textos_do_estado(item)
    elif isinstance(valor, dict):
        for chave, item in valor.items():
            if chave != "buffers":
                yield from _textos_do_estado(item)


def _estado_widgets(caderno):
    return caderno.get("metadata", {}).get("widgets", {}).get(ESTADO_WIDGETS, {})


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_saidas_sem_caminhos_de_maquina(caminho):
    caderno = _ler(caminho)
    achados = [f"célula {i}: {m.group(0)!r} em …{t[max(0, m.start() - 40):m.end() + 40]!r}…"
               for i, t in _textos_das_saidas(caderno) for m in [CAMINHOS_DE_MAQUINA.search(t)] if m]
    achados += [f"estado dos widgets: …{t[:120]!r}…"
                for t in _textos_do_estado(_estado_widgets(caderno)) if CAMINHOS_DE_MAQUINA.search(t)]
    assert not achados, "caminhos da máquina que rodou o caderno nas saídas:\n" + "\n".join(achados)


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_saidas_sem_log_do_tensorflow(caminho):
    """As linhas do C++ do TensorFlow (absl, oneDNN, CUDA) são ruído para o aluno: a lição as evita."""
    from estilo.nucleo.silencio import _RUIDO_DO_TF

    achados = [f"célula {i}: {m.group(0)!r}" for i, t in _textos_das_saidas(_ler(caminho))
               for m in [_RUIDO_DO_TF.search(t)] if m]
    assert not achados, "log do TensorFlow nas saídas salvas:\n" + "\n".join(achados)


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_sem_resultado_solto(caminho):
    soltos = [
        (i, _texto(s["data"]["text/plain"]).strip())
        for i, c in enumerate(_ler(caminho)["cells"]) for s in c.get("outputs", [])
        if s.get("output_type") == "execute_result" and _texto(s.get("data", {}).get("text/plain", "")).strip() in SOLTOS
    ]
    assert not soltos, f"células que mostram só True/False/None (termine com ';' ou devolva None): {soltos}"


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_exercicios_salvos_sem_resposta_e_neutros(caminho):
    ruins = []
    for i, celula in enumerate(_ler(caminho)["cells"]):
        if celula["cell_type"] != "code" or not re.search(r"\bverificar_exercicio_\w*\(", _fonte(celula)):
            continue
        texto = "".join(t for j, t in _textos_das_saidas({"cells": [celula]}))
        if "✍️" not in texto or "❌" in texto or "✅" in texto:
            linhas = [linha for linha in texto.splitlines() if linha.startswith(("✍️", "❌", "✅"))] or ["(sem veredito)"]
            ruins.append((i, linhas[0][:100]))
    assert not ruins, f"exercícios salvos devem mostrar só o convite neutro (✍️ Preencha…): {ruins}"


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_estado_dos_widgets_sem_erros_antigos(caminho):
    ruins = [t[:160] for t in _textos_do_estado(_estado_widgets(_ler(caminho))) if "❌" in t or "Erro" in t]
    assert not ruins, f"o estado salvo dos widgets mostra erros ou exercícios errados: {ruins}"


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_caderno_leve(caminho):
    tamanho = caminho.stat().st_size
    assert tamanho <= LIMITE_BYTES, f"{tamanho / 2**20:.2f} MiB; o limite é {LIMITE_BYTES / 2**20:.1f} MiB"


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_versao_registrada_e_a_do_pacote(caminho):
    registro = _ler(caminho).get("metadata", {}).get("estilo", {})
    assert registro.get("versao") == estilo.__version__, (
        f"as saídas foram produzidas pela versão {registro.get('versao')!r}, o pacote é {estilo.__version__}: "
        "reexecute a lição e rode `python -m estilo.curso.colab --aplicar --registrar-versao`"
    )


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_configuracao_e_selo_na_versao_do_pacote(caminho):
    caderno = _ler(caminho)
    configuracao = [_fonte(c) for c in caderno["cells"]
                    if c["cell_type"] == "code" and _fonte(c).startswith(colab.MARCA_CONFIGURACAO)]
    assert configuracao == [colab.celula_configuracao()], "rode `python -m estilo.curso.colab --aplicar`"
    navegacao = next(_fonte(c) for c in caderno["cells"] if c["cell_type"] == "markdown")
    assert colab.selo(caminho.name) in navegacao, "o selo do Colab não aponta para a etiqueta desta versão"
    enderecos = {e for c in caderno["cells"] for e in re.findall(r"colab\.research\.google\.com/github/\S+?\.ipynb",
                                                                  _fonte(c))}
    assert enderecos == {colab.endereco_colab(caminho.name).removeprefix("https://")}, enderecos


def test_selo_do_readme_na_versao_do_pacote():
    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    assert colab.selo_markdown("00_sumario.ipynb") in readme
    outros = set(re.findall(r"colab\.research\.google\.com/github/\S+?/blob/([^/]+)/", readme)) - {colab.etiqueta()}
    assert not outros, f"o README aponta o Colab para {outros}"
