"""``python -m estilo`` e o script ``estilo``: a linha de comando (veja ``estilo.cli``)."""

import sys

from estilo.cli.principal import principal

__all__ = ["principal"]

if __name__ == "__main__":
    sys.exit(principal())
