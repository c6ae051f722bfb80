"""A trava ``SAIDA.lock`` (filelock): duas execuções nunca gravam na mesma saída ao mesmo tempo.

A trava é um ``flock`` do sistema: se o processo morre, o sistema a solta, e a próxima execução
segue sem perguntar nada. O arquivo ``.lock`` é apagado ao terminar.
"""

import contextlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from estilo.nucleo.erros import ErroSaida


class Trava:
    """Use ``with Trava(saida):`` em volta de tudo o que lê as entradas e grava ``saida``."""

    def __init__(self, saida):
        self.saida = Path(saida)
        self.caminho = self.saida.with_name(self.saida.name + ".lock")
        self._trava = FileLock(str(self.caminho), timeout=0)

    def __enter__(self):
        try:
            self._trava.acquire()
        except Timeout:
            raise ErroSaida(
                f"Já há uma execução gravando em '{self.saida}' (trava '{self.caminho}'). "
                "Espere ela terminar ou escolha outro arquivo de saída."
            ) from None
        except OSError as exc:
            raise ErroSaida(f"Não consegui criar a trava '{self.caminho}' ({exc.strerror or exc}).") from None
        return self

    def __exit__(self, *exc):
        # apagada ainda travada: quem abrir o arquivo antigo depois disso o vê desligado e tenta de novo
        with contextlib.suppress(OSError):
            os.unlink(self.caminho)
        self._trava.release()
        return False
