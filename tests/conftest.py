"""Fixtures comuns: um extrator VGG16 real por sessão, cache de pesos vazio e uma rede HTTP falsa."""

import pytest
import requests

from estilo.nucleo import modelos, pesos


@pytest.fixture(scope="session")
def extrator():
    """VGG16 ImageNet (pesos offline ou do Keras) com as camadas padrão de conteúdo e estilo."""
    return modelos.Extrator(list(modelos.CAMADAS_CONTEUDO) + list(modelos.CAMADAS_ESTILO))


@pytest.fixture
def cache_vazio(tmp_path, monkeypatch):
    """Cache de pesos, cache do Keras e memória do processo vazios, sem internet; devolve a pasta dos pesos."""
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("ESTILO_OFFLINE", "1")
    monkeypatch.delenv("ESTILO_PESOS_VGG16", raising=False)
    monkeypatch.setattr(pesos, "_memoria", {})
    return tmp_path / "cache" / "pesos"


class _Resposta:
    """O pedaço de requests.Response que o pooch usa."""

    def __init__(self, url, conteudo, status):
        self.url, self.conteudo, self.status_code = url, conteudo, status
        self.reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}.get(status, "")
        self.headers = {"content-length": str(len(conteudo))}

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.exceptions.HTTPError(f"{self.status_code} {self.reason}", response=self)

    def iter_content(self, chunk_size=1):
        for i in range(0, len(self.conteudo), chunk_size):
            yield self.conteudo[i:i + chunk_size]


class RedeFalsa:
    """Fica no lugar de ``requests.get`` (por onde o pooch baixa): sem rede até ``servir``."""

    def __init__(self):
        self.pedidos = []
        self.timeouts = []
        self.falhar(requests.exceptions.ConnectionError(OSError(101, "Network is unreachable")))

    def servir(self, conteudo, status=200):
        self._resposta, self._erro = (conteudo, status), None

    def falhar(self, erro):
        self._resposta, self._erro = None, erro

    def __call__(self, url, timeout=None, **kwargs):
        self.pedidos.append(url)
        self.timeouts.append(timeout)
        if self._erro is not None:
            raise self._erro
        return _Resposta(url, *self._resposta)


@pytest.fixture
def rede(monkeypatch):
    """Rede HTTP falsa (começa sem internet), sem espera entre as novas tentativas do pooch."""
    falsa = RedeFalsa()
    monkeypatch.setattr(requests, "get", falsa)
    monkeypatch.setattr("pooch.core.time.sleep", lambda s: None)
    return falsa
