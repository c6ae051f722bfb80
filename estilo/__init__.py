"""estilo — transferência de estilo neural (Gatys, Ecker e Bethge, 2015) em TensorFlow/Keras.

Importe os módulos de que precisa: `from estilo import imagens, perdas, transferencia`.
Atalhos: `estilo.transferir(...)`, `estilo.carregar(...)`, `estilo.salvar(...)`.
"""

import importlib

__version__ = "0.1.0"

_ATALHOS = {
    "transferir": ("estilo.transferencia", "transferir"),
    "Resultado": ("estilo.transferencia", "Resultado"),
    "carregar": ("estilo.imagens", "carregar"),
    "salvar": ("estilo.imagens", "salvar"),
    "Extrator": ("estilo.modelos", "Extrator"),
    "matriz_gram": ("estilo.perdas", "matriz_gram"),
}


def __getattr__(nome):
    """Importa sob demanda (importar `estilo` não carrega o TensorFlow)."""
    if nome in _ATALHOS:
        modulo, atributo = _ATALHOS[nome]
        return getattr(importlib.import_module(modulo), atributo)
    try:
        return importlib.import_module(f"estilo.{nome}")
    except ModuleNotFoundError:
        raise AttributeError(f"módulo 'estilo' não tem o atributo {nome!r}") from None
