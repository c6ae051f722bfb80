"""O Colab numa versão fixa: uma só fonte para o endereço do repositório, a etiqueta da versão, o comando de
instalação, o selo "Abrir no Colab" e a célula de configuração das lições.

``python -m estilo.curso.colab --aplicar [--registrar-versao]`` reescreve os cadernos (e o selo do README)
a partir daqui; rode-o ao preparar uma versão, depois de mudar ``estilo.__version__``.
"""

import argparse
import json
import re
import subprocess
from pathlib import Path

import estilo
from estilo.nucleo.erros import ErroEstilo, ErroParametro

REPOSITORIO = "estilo-curso/estilo"
"""O repositório no GitHub (dono/nome)."""

PADRAO_CADERNOS = "[0-9][0-9]_*.ipynb"
"""Os arquivos das lições dentro da pasta de cadernos."""

MARCA_CONFIGURACAO = "# Configuração"
"""O começo da célula de configuração (a única célula de código que ``aplicar`` reescreve)."""

IMAGEM_SELO = "https://colab.research.google.com/assets/colab-badge.svg"
_SELO_HTML = re.compile(r'<a href="https://colab\.research\.google\.com/github/[^"]*"[^>]*>.*?</a>', re.S)
_ENDERECO_COLAB = re.compile(r"https://colab\.research\.google\.com/github/[^/\s)\"]+/[^/\s)\"]+/blob/[^/\s)\"]+/")


def versao() -> str:
    """A versão do pacote (``estilo.__version__``)."""
    return estilo.__version__


def etiqueta() -> str:
    """A etiqueta git da versão: ``v<versão>``."""
    return f"v{versao()}"


def endereco_git() -> str:
    """O endereço que o pip instala: o repositório na etiqueta desta versão."""
    return f"git+https://github.com/{REPOSITORIO}.git@{etiqueta()}"


def comando_instalacao() -> str:
    """O ``%pip install`` do Colab, sem extras: lá o Keras baixa os pesos da VGG16 sozinho."""
    return f'%pip install -q "estilo @ {endereco_git()}"'


def endereco_colab(caderno) -> str:
    """O endereço do Colab que abre ``caderno`` (nome ou caminho) na etiqueta desta versão."""
    return f"https://colab.research.google.com/github/{REPOSITORIO}/blob/{etiqueta()}/notebooks/{Path(caderno).name}"


def selo(caderno) -> str:
    """O selo "Abrir no Colab" (HTML) da célula de navegação de ``caderno``."""
    return (
        f'<a href="{endereco_colab(caderno)}" target="_parent">'
        f'<img src="{IMAGEM_SELO}" alt="Abrir no Colab"/></a>'
    )


def selo_markdown(caderno) -> str:
    """O mesmo selo em Markdown (o do README)."""
    return f"[![Abrir no Colab]({IMAGEM_SELO})]({endereco_colab(caderno)})"


def celula_configuracao() -> str:
    """O texto inteiro da célula de configuração, igual em todas as lições."""
    return (
        f"{MARCA_CONFIGURACAO} (igual em todas as lições): no Colab, instala o pacote `estilo` {etiqueta()},\n"
        "# a versão que produziu as saídas salvas; fora dele, usa o instalado.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f"    {comando_instalacao()}"
    )


def celula_navegacao(caderno, navegacao: str) -> str:
    """A célula de navegação: a linha de links (anterior · Sumário · próxima) e o selo do Colab."""
    return f"{navegacao.rstrip()}\n\n{selo(caderno)}"


def _fonte(celula) -> str:
    fonte = celula.get("source", "")
    return "".join(fonte) if isinstance(fonte, list) else fonte


def _linhas(texto: str) -> list:
    """O texto no formato do nbformat: lista de linhas, cada uma com o seu '\\n' (menos a última)."""
    return texto.splitlines(keepends=True)


def commit_atual(pasta=".") -> str | None:
    """O commit (HEAD) do repositório git que contém ``pasta``; None fora de um repositório."""
    try:
        saida = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=pasta, capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if saida.returncode != 0:
        return None
    return saida.stdout.strip() or None


def atualizar_caderno(caderno: dict, nome: str, registro: dict | None = None) -> dict:
    """Reescreve a célula de configuração e o selo do Colab de um caderno (dict do nbformat), no lugar.

    ``registro`` ({"versao", "commit"}), se dado, vai para ``metadata.estilo``. Devolve o próprio caderno.
    """
    celulas = caderno.get("cells", [])
    configuracao = [c for c in celulas if c.get("cell_type") == "code" and _fonte(c).startswith(MARCA_CONFIGURACAO)]
    if len(configuracao) != 1:
        raise ErroEstilo(f"{nome}: esperava uma célula de código começando com '{MARCA_CONFIGURACAO}', "
                         f"achei {len(configuracao)}.")
    configuracao[0]["source"] = _linhas(celula_configuracao())
    navegacao = next((c for c in celulas if c.get("cell_type") == "markdown"), None)
    if navegacao is None:
        raise ErroEstilo(f"{nome}: o caderno não tem a célula de navegação (a primeira de texto).")
    texto = _fonte(navegacao)
    if _SELO_HTML.search(texto):
        texto = _SELO_HTML.sub(lambda _: selo(nome), texto, count=1)
    else:
        texto = celula_navegacao(nome, texto)
    navegacao["source"] = _linhas(texto)
    if registro is not None:
        caderno.setdefault("metadata", {})["estilo"] = dict(registro)
    return caderno


def atualizar_readme(texto: str) -> str:
    """O README com os endereços do Colab apontando para a etiqueta desta versão."""
    return _ENDERECO_COLAB.sub(f"https://colab.research.google.com/github/{REPOSITORIO}/blob/{etiqueta()}/", texto)


def _escrever_se_mudou(caminho: Path, novo: str) -> bool:
    if caminho.read_text(encoding="utf-8") == novo:
        return False
    caminho.write_text(novo, encoding="utf-8")
    return True


def aplicar(pasta_cadernos, readme=None, registrar_versao=False, commit=None) -> list:
    """Reescreve, em cada lição de ``pasta_cadernos``, a célula de configuração e o selo do Colab (e o README).

    Idempotente: rodar de novo não muda nada. Com ``registrar_versao``, grava ``metadata.estilo`` =
    {"versao": ..., "commit": ...} (``commit``: o dado, ou o HEAD do git da pasta). Devolve os arquivos mudados.
    """
    pasta = Path(pasta_cadernos)
    cadernos = sorted(pasta.glob(PADRAO_CADERNOS))
    if not cadernos:
        raise ErroParametro(f"Nenhuma lição ({PADRAO_CADERNOS}) em {pasta}.")
    registro = None
    if registrar_versao:
        registro = {"versao": versao(), "commit": commit or commit_atual(pasta)}
    mudados = []
    for caminho in cadernos:
        caderno = json.loads(caminho.read_text(encoding="utf-8"))
        atualizar_caderno(caderno, caminho.name, registro)
        novo = json.dumps(caderno, sort_keys=True, indent=1, ensure_ascii=False) + "\n"  # o formato do nbformat
        if _escrever_se_mudou(caminho, novo):
            mudados.append(caminho)
    if readme is not None and Path(readme).exists():
        if _escrever_se_mudou(Path(readme), atualizar_readme(Path(readme).read_text(encoding="utf-8"))):
            mudados.append(Path(readme))
    return mudados


def principal(argv=None) -> int:
    """Linha de comando: mostra a versão e os endereços, ou (``--aplicar``) reescreve os cadernos."""
    leitor = argparse.ArgumentParser(
        prog="python -m estilo.curso.colab",
        description="Célula de configuração e selo do Colab das lições, na versão do pacote.",
    )
    leitor.add_argument("--aplicar", action="store_true", help="reescreve os cadernos (e o selo do README)")
    leitor.add_argument("--registrar-versao", action="store_true",
                        help="grava versão e commit em metadata.estilo de cada caderno (depois de reexecutá-los)")
    leitor.add_argument("--pasta", default="notebooks", help="pasta dos cadernos (padrão: notebooks)")
    leitor.add_argument("--readme", default="README.md", help="README com o selo (padrão: README.md)")
    leitor.add_argument("--commit", help="commit a registrar (padrão: o HEAD do git)")
    args = leitor.parse_args(argv)
    if not args.aplicar:
        print(f"versão {versao()} · etiqueta {etiqueta()}\n{comando_instalacao()}\n{endereco_colab('00_sumario.ipynb')}")
        return 0
    try:
        mudados = aplicar(args.pasta, args.readme, args.registrar_versao, args.commit)
    except ErroEstilo as erro:
        print(f"erro: {erro}")
        return 1
    print("\n".join(f"atualizado: {c}" for c in mudados) or "nada a mudar: tudo já está na versão " + etiqueta())
    return 0


if __name__ == "__main__":
    raise SystemExit(principal())
