"""O ponto de entrada da linha de comando: ``estilo …`` e ``python -m estilo …``.

``treinar`` e ``estilizar`` (a rede rápida) e ``estudio`` (a página do estúdio) vão para os seus
módulos; o resto é o comando de Gatys.
"""

import importlib
import sys

SUBCOMANDOS = {"treinar": "estilo.cli.treinar", "estilizar": "estilo.cli.estilizar", "estudio": "estilo.cli.estudio"}


def principal(argv=None) -> int:
    """Despacha para o subcomando e devolve o código de saída."""
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    if argv and argv[0] in SUBCOMANDOS:
        return importlib.import_module(SUBCOMANDOS[argv[0]]).principal(argv[1:])
    return importlib.import_module("estilo.cli.transferir").principal(argv)
