"""estilo — transferência de estilo neural (Gatys, Ecker e Bethge, 2015) em TensorFlow/Keras.

O pacote tem quatro partes, de baixo para cima (os imports só descem):

- ``estilo.nucleo``: o que todos usam — ambiente, erros, validação, catálogo de imagens, pixels,
  pesos e modelo VGG, perdas puras;
- ``estilo.gatys``: a otimização de Gatys et al. (objetivo, otimizadores, cores, ``transferir``);
- ``estilo.rapida``: a rede rápida de Johnson et al. (rede, fotos de treino, treino);
- ``estilo.curso``: o material das lições (figuras, estúdio, rabisco, exercícios);
- ``estilo.cli``: a linha de comando ``python -m estilo``.

Atalhos usados nas lições: ``from estilo import transferir, dados, imagens, perdas, modelos``.
Nada aqui carrega o TensorFlow antes de ser usado.
"""

import importlib

__version__ = "0.2.0"

_ATALHOS = {
    "transferir": ("estilo.gatys.transferencia", "transferir"),
    "Resultado": ("estilo.gatys.transferencia", "Resultado"),
    "carregar": ("estilo.nucleo.imagens", "carregar"),
    "salvar": ("estilo.nucleo.imagens", "salvar"),
    "Extrator": ("estilo.nucleo.modelos", "Extrator"),
    "matriz_gram": ("estilo.nucleo.perdas", "matriz_gram"),
}
_MODULOS = {
    "ambiente": "estilo.nucleo.ambiente",
    "dados": "estilo.nucleo.dados",
    "erros": "estilo.nucleo.erros",
    "imagens": "estilo.nucleo.imagens",
    "modelos": "estilo.nucleo.modelos",
    "perdas": "estilo.nucleo.perdas",
    "transferencia": "estilo.gatys.transferencia",
}
_SUBPACOTES = ("nucleo", "gatys", "rapida", "curso", "cli")

__all__ = sorted([*_ATALHOS, *_MODULOS, *_SUBPACOTES])


def __getattr__(nome):
    """Importa sob demanda (importar ``estilo`` não carrega o TensorFlow)."""
    if nome in _ATALHOS:
        modulo, atributo = _ATALHOS[nome]
        return getattr(importlib.import_module(modulo), atributo)
    if nome in _MODULOS:
        return importlib.import_module(_MODULOS[nome])
    if nome in _SUBPACOTES:
        return importlib.import_module(f"estilo.{nome}")
    raise AttributeError(f"módulo 'estilo' não tem o atributo {nome!r}")


def __dir__():
    return __all__
