"""Downloads pelo pooch: limite de bytes, sha256, barra de progresso opcional e erros em português."""

import contextlib
import hashlib
import logging
import socket
import ssl
from pathlib import Path

from estilo.nucleo.erros import ErroDownload

TEMPO_LIMITE = 20
"""Segundos de espera por resposta do servidor em cada download."""

TENTATIVAS_EXTRAS = 1
"""Quantas vezes o pooch tenta de novo depois de uma falha de rede."""

_USER_AGENT = "estilo (curso de transferência de estilo neural)"


def e_url(origem):
    """True quando ``origem`` é um texto que começa com http:// ou https://."""
    return isinstance(origem, str) and origem.strip().lower().startswith(("http://", "https://"))


class _Escritor:
    """Arquivo de saída que conta os bytes, calcula o sha256 e interrompe acima do limite."""

    def __init__(self, arquivo, url, limite_bytes, dica):
        self.arquivo, self.url, self.limite, self.dica = arquivo, url, limite_bytes, dica
        self.total = 0
        self.hash = hashlib.sha256()

    def write(self, bloco):
        self.total += len(bloco)
        if self.limite is not None and self.total > self.limite:
            raise ErroDownload(
                f"O download de {self.url} passou de {self.limite} bytes, mais que o esperado; "
                f"interrompi e descartei o arquivo.{self.dica}"
            )
        self.hash.update(bloco)
        return self.arquivo.write(bloco)

    def flush(self):
        self.arquivo.flush()


class Baixador:
    """Downloader para o pooch (``downloader=``): HTTP com tempo limite, limite de bytes e sha256 próprio."""

    def __init__(self, sha256=None, limite_bytes=None, progresso=False, dica=""):
        self.sha256 = sha256.lower() if sha256 else None
        self.limite_bytes = limite_bytes
        self.progresso = progresso
        self.dica = f" {dica}" if dica else ""

    def _barra(self, url):
        if not self.progresso:
            return False
        from tqdm.auto import tqdm

        nome = Path(url.split("?", 1)[0]).name or url
        return tqdm(total=0, unit="B", unit_scale=True, desc=f"Baixando {nome}", leave=False)

    def __call__(self, url, saida, pooch_obj=None, check_only=False):
        import pooch

        http = pooch.HTTPDownloader(
            progressbar=self._barra(url), timeout=TEMPO_LIMITE, headers={"User-Agent": _USER_AGENT}
        )
        if check_only:
            return http(url, saida, pooch_obj, check_only=True)
        with open(saida, "w+b") as arquivo:
            escritor = _Escritor(arquivo, url, self.limite_bytes, self.dica)
            http(url, escritor, pooch_obj)
        if escritor.total == 0:
            raise ErroDownload(f"O download de {url} veio vazio (0 bytes); tente de novo.{self.dica}")
        recebido = escritor.hash.hexdigest()
        if self.sha256 is not None and recebido != self.sha256:
            raise ErroDownload(
                f"O arquivo baixado de {url} não confere com o sha256 esperado "
                f"(esperado {self.sha256}, recebido {recebido}); descartei o arquivo e nada foi usado. "
                f"Tente de novo; se persistir, a fonte mudou ou a rede está alterando o conteúdo.{self.dica}"
            )
        return None


def _causa(erro):
    """A exceção mais interna (requests → urllib3 → socket), onde está o motivo de verdade."""
    vistos = set()
    while id(erro) not in vistos:
        vistos.add(id(erro))
        proxima = getattr(erro, "reason", None) or erro.__cause__ or erro.__context__
        if proxima is None and erro.args and isinstance(erro.args[0], BaseException):
            proxima = erro.args[0]
        if not isinstance(proxima, BaseException):
            break
        erro = proxima
    return erro


def _motivo(erro):
    """Motivo de uma falha de rede, em português."""
    import requests

    causa = _causa(erro)
    if isinstance(erro, requests.exceptions.Timeout) or isinstance(causa, (TimeoutError, socket.timeout)):
        return f"o servidor não respondeu em {TEMPO_LIMITE} s"
    if isinstance(erro, requests.exceptions.SSLError) or isinstance(causa, ssl.SSLError):
        return "falha na conexão segura (SSL/certificado)"
    if isinstance(causa, socket.gaierror):
        return "não consegui encontrar o servidor (sem internet ou sem DNS?)"
    if isinstance(causa, ConnectionRefusedError):
        return "conexão recusada pelo servidor"
    if isinstance(causa, OSError) and causa.errno in (101, 113):
        return "rede inacessível"
    return str(causa).strip() or type(causa).__name__


@contextlib.contextmanager
def erros_em_portugues(url, pasta, dica=""):
    """Traduz as exceções do pooch/requests/sistema em ErroDownload e cala o log em inglês do pooch."""
    import pooch
    import requests

    sufixo = f" {dica}" if dica else ""
    registro = pooch.get_logger()
    nivel = registro.level
    registro.setLevel(logging.WARNING)
    try:
        yield
    except ErroDownload:
        raise
    except requests.exceptions.HTTPError as erro:
        resposta = erro.response
        codigo = f"{resposta.status_code} ({resposta.reason})" if resposta is not None else str(erro)
        raise ErroDownload(
            f"O servidor respondeu {codigo} ao baixar {url}. Confira o endereço ou tente mais tarde.{sufixo}"
        ) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema):
        raise ErroDownload(f"Endereço inválido: {url!r}.") from None
    except requests.exceptions.RequestException as erro:
        raise ErroDownload(
            f"Não consegui baixar {url} (motivo: {_motivo(erro)}). Verifique sua conexão com a internet.{sufixo}"
        ) from None
    except OSError as erro:
        raise ErroDownload(
            f"Não consegui gravar o download na pasta '{pasta}' ({erro.strerror or erro}). "
            "Confira o espaço em disco e as permissões, ou defina ESTILO_CACHE com outra pasta."
        ) from None
    finally:
        registro.setLevel(nivel)


def baixar(url, destino, sha256=None, limite_bytes=None, dica="", progresso=False):
    """Baixa ``url`` para ``destino`` pelo pooch (atômico, com novas tentativas); com ``sha256``, só fica se conferir.

    Sem ``sha256``, um ``destino`` que já existe é devolvido como está.
    """
    import pooch

    destino = Path(destino)
    baixador = Baixador(sha256, limite_bytes, progresso, dica)
    with erros_em_portugues(url, destino.parent, dica):
        repositorio = pooch.create(
            path=destino.parent,
            base_url="",
            registry={destino.name: f"sha256:{sha256.lower()}" if sha256 else None},
            urls={destino.name: url},
            retry_if_failed=TENTATIVAS_EXTRAS,
        )
        return Path(repositorio.fetch(destino.name, downloader=baixador))
