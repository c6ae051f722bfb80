"""Catálogo de imagens de exemplo (obras de estilo e fotos de conteúdo), à moda do ``skimage.data``.

As imagens não vêm no pacote: ``caminho(nome)`` procura, nesta ordem, na pasta
da variável de ambiente ``ESTILO_IMAGENS``, no cache (``pasta_cache()/imagens``)
e, por fim, baixa do endereço registrado, sempre conferindo o sha256.
"""

import difflib
import functools
import hashlib
import json
import os
import unicodedata
import warnings
from importlib import resources
from pathlib import Path

from estilo.nucleo import download
from estilo.nucleo.ambiente import pasta_cache
from estilo.nucleo.erros import AvisoEstilo, ErroImagem, ErroParametro

TIPOS = ("estilo", "conteudo")
_HASHES = {}
"""Cache, por processo, de sha256 já calculados: (caminho, mtime_ns, tamanho) -> hexdigest."""


# ---------------------------------------------------------------------------
# Catálogo
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _catalogo():
    """Catálogo como dict nome -> entrada, na ordem do arquivo catalogo.json."""
    texto = resources.files("estilo.nucleo").joinpath("catalogo.json").read_text(encoding="utf-8")
    return {entrada["nome"]: entrada for entrada in json.loads(texto)}


def _sem_acentos(texto):
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


def listar(tipo=None):
    """Nomes das imagens do catálogo (todas, ou só ``tipo='estilo'`` ou ``tipo='conteudo'``)."""
    if tipo is None:
        return list(_catalogo())
    if not isinstance(tipo, str) or _sem_acentos(tipo).strip().lower() not in TIPOS:
        raise ErroParametro(f"tipo={tipo!r} não existe; use 'estilo', 'conteudo' ou None (todas).")
    tipo = _sem_acentos(tipo).strip().lower()
    return [nome for nome, entrada in _catalogo().items() if entrada["tipo"] == tipo]


def _entrada(nome):
    """Entrada do catálogo para ``nome`` (aceita também o nome do arquivo, com extensão)."""
    catalogo = _catalogo()
    if not isinstance(nome, str):
        raise ErroParametro(f"O nome da imagem deve ser um texto, mas recebi {nome!r}.")
    chave = nome.strip()
    if chave not in catalogo:
        chave = Path(chave).stem if Path(chave).suffix else chave
    if chave in catalogo:
        return catalogo[chave]
    parecidos = difflib.get_close_matches(_sem_acentos(nome.strip().lower()), list(catalogo), n=3, cutoff=0.5)
    sugestao = f" Você quis dizer {' ou '.join(repr(p) for p in parecidos)}?" if parecidos else ""
    raise ErroParametro(
        f"A imagem {nome!r} não está no catálogo.{sugestao} "
        f"Nomes válidos: {', '.join(catalogo)}."
    )


def info(nome):
    """Metadados de uma imagem do catálogo (título, autor, ano, licença, fonte, sha256...)."""
    return dict(_entrada(nome))


def _licenca_resumida(licenca):
    """'Domínio público: ...' -> 'Domínio público'; 'CC0 1.0 declarada pela fonte: ...' -> 'CC0 1.0'."""
    resumo = licenca.split(":", 1)[0].strip()
    for sufixo in (" declarada pela fonte",):
        if resumo.endswith(sufixo):
            resumo = resumo[: -len(sufixo)]
    return resumo


def creditos(nome):
    """Linha de créditos em português: 'Título — Autor, ano. Licença. Fonte: repo@commit/caminho'."""
    e = _entrada(nome)
    autor = e["autor"]
    if autor.startswith("não informado"):
        autor = "autor " + autor
    ano = e["ano"]
    if ano.startswith("não informado"):
        ano = "ano " + ano
    return (
        f"{e['titulo']} — {autor}, {ano}. {_licenca_resumida(e['licenca'])}. "
        f"Fonte: {e['repositorio']}@{e['commit'][:7]}/{e['caminho']}"
    )


# ---------------------------------------------------------------------------
# Verificação e download
# ---------------------------------------------------------------------------


def _sha256(caminho):
    """sha256 de um arquivo, memorizado por processo (caminho + mtime + tamanho)."""
    caminho = Path(caminho)
    estado = caminho.stat()
    chave = (str(caminho.resolve()), estado.st_mtime_ns, estado.st_size)
    if chave not in _HASHES:
        h = hashlib.sha256()
        with open(caminho, "rb") as f:
            for bloco in iter(lambda: f.read(1 << 20), b""):
                h.update(bloco)
        _HASHES[chave] = h.hexdigest()
    return _HASHES[chave]


def _confere(caminho, sha256):
    """True quando ``caminho`` é um arquivo legível cujo sha256 é ``sha256``."""
    try:
        return caminho.is_file() and _sha256(caminho) == sha256.lower()
    except OSError:
        return False


def caminho(nome, progresso=False):
    """Caminho local da imagem ``nome``: espelho ESTILO_IMAGENS, cache ou download (sempre conferindo o sha256).

    ``progresso=True`` mostra a barra do tqdm durante um download.
    """
    e = _entrada(nome)
    arquivo, sha256 = e["arquivo"], e["sha256"]

    espelho = os.environ.get("ESTILO_IMAGENS", "").strip()
    if espelho:
        pasta = Path(espelho).expanduser()
        candidato = pasta / arquivo
        if not pasta.is_dir():
            warnings.warn(
                f"ESTILO_IMAGENS aponta para '{pasta}', que não é uma pasta; vou usar o cache ou baixar.",
                AvisoEstilo,
                stacklevel=2,
            )
        elif candidato.is_file():
            if _confere(candidato, sha256):
                return candidato
            warnings.warn(
                f"'{candidato}' (em ESTILO_IMAGENS) não confere com o sha256 do catálogo; "
                "ignorei esse arquivo e vou usar o cache ou baixar.",
                AvisoEstilo,
                stacklevel=2,
            )

    em_cache = pasta_cache() / "imagens" / arquivo
    if em_cache.exists():
        if _confere(em_cache, sha256):
            return em_cache
        warnings.warn(
            f"A cópia em cache '{em_cache}' está corrompida (sha256 não confere); vou baixá-la de novo.",
            AvisoEstilo,
            stacklevel=2,
        )
        try:
            em_cache.unlink()
        except OSError:
            pass

    dica = (
        "Conecte-se à internet ou defina a variável de ambiente ESTILO_IMAGENS com a pasta que "
        "contém as imagens do curso (por exemplo os.environ['ESTILO_IMAGENS'] = '/caminho/imagens')."
    )
    return download.baixar(e["url"], em_cache, sha256, limite_bytes=e["bytes"], dica=dica, progresso=progresso)


def resolver(origem, dica="Veja os nomes válidos com estilo.dados.listar()."):
    """Nome do catálogo, caminho ou URL -> o que ``imagens.carregar`` lê (URL em texto ou Path).

    Um caminho existente vence um nome do catálogo; sem nenhum dos dois, ErroImagem com
    nomes parecidos do catálogo e ``dica`` (a linha de comando passa a sua).
    """
    if not isinstance(origem, (str, os.PathLike)):
        raise ErroImagem(f"Esperava um nome do catálogo, um caminho ou uma URL, mas recebi {type(origem).__name__}.")
    texto = str(origem).strip() if isinstance(origem, str) else os.fspath(origem)
    if download.e_url(texto):
        return texto
    arquivo = Path(texto).expanduser()
    if texto and arquivo.exists():
        return arquivo
    if texto and isinstance(origem, str):
        try:
            _entrada(texto)
        except ErroParametro:
            pass
        else:
            return caminho(texto)
    chave = _sem_acentos(Path(texto).stem.lower())
    parecidos = difflib.get_close_matches(chave, listar(), n=3, cutoff=0.6)
    sugestao = f" Você quis dizer {' ou '.join(parecidos)}?" if parecidos else ""
    raise ErroImagem(
        f"Arquivo não encontrado: '{texto}' (a pasta atual é '{Path.cwd()}'), e esse também não é um nome "
        f"do catálogo.{sugestao} {dica}".rstrip()
    )


def carregar(nome, lado_maximo=None):
    """Carrega a imagem ``nome`` do catálogo como tensor (1, H, W, 3) float32 em [0, 1]."""
    from estilo.nucleo import imagens  # import tardio: mantém ``estilo.nucleo.dados`` leve (sem TensorFlow)

    return imagens.carregar(caminho(nome), lado_maximo=lado_maximo)
