"""Fixtures comuns: um extrator VGG16 real por sessão (construir a rede é o que custa)."""

import pytest

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
