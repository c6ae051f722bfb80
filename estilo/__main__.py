"""``python -m estilo``: a linha de comando (veja ``estilo.cli.transferir`` e, para a rede rápida, ``estilo.cli.rapida``)."""

import sys

from estilo.cli import transferir as cli, rapida as cli_rapida


def principal(argv=None) -> int:
    """``estilo treinar …`` e ``estilo estilizar …`` vão para a rede rápida; o resto, para a otimização."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in cli_rapida.SUBCOMANDOS:
        return cli_rapida.principal(argv)
    return cli.principal(argv)


if __name__ == "__main__":
    sys.exit(principal())
