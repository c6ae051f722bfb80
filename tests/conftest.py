"""Fixtures comuns: um extrator VGG16 real por sessão (construir a rede é o que custa)."""

import pytest

from estilo import modelos


@pytest.fixture(scope="session")
def extrator():
    """VGG16 ImageNet (pesos offline ou do Keras) com as camadas padrão de conteúdo e estilo."""
    return modelos.Extrator(list(modelos.CAMADAS_CONTEUDO) + list(modelos.CAMADAS_ESTILO))
