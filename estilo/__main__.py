"""``python -m estilo``: a linha de comando (veja ``estilo.cli``)."""

import sys

from estilo.cli import principal

if __name__ == "__main__":
    sys.exit(principal())
