"""A barra de progresso da linha de comando, feita com ``tqdm.auto``.

Num terminal (ou caderno) é a barra do tqdm, com as perdas ao lado; num fluxo que não é terminal
(um log, um pipe), nada de ``\\r``: uma linha por marca de 10% (ou a cada ``--imprimir-cada`` passos)
e, nas execuções lentas, um sinal de vida a cada ``intervalo_s`` segundos.
"""

import math
import sys
import time

from tqdm.auto import tqdm

from estilo.nucleo.formatar import formatar, termos

FORMATO_LINHA = "{n_fmt}/{total_fmt} {percentage:3.0f}% [{elapsed}<{remaining}, {rate_fmt}{postfix}]"


def texto_perdas(perdas):
    """'custo 2,5 × 10⁶ (conteúdo 1 · estilo 2,5 × 10⁶ · variação total 3)'; vazio sem o total."""
    perdas = perdas or {}
    if "total" not in perdas:
        return ""
    parciais = {k: perdas[k] for k in ("conteudo", "estilo", "tv") if k in perdas}
    return f"custo {formatar(perdas['total'])} ({termos(parciais)})"


class Barra:
    """Use como ``ao_progresso`` (recebe um ``Progresso`` por passo) ou chame ``atualizar``.

    ``cada``: uma linha a cada N passos (0: nenhuma; None: a cada 10%, e num terminal só a barra);
    num terminal, as linhas pedidas aparecem acima da barra. ``manter=False`` apaga a barra ao fechar.
    ``trabalho`` e ``formato``: o total e o ``bar_format`` da barra do tqdm, se não forem os passos.
    """

    def __init__(self, total, fluxo=None, terminal=None, cada=None, intervalo_s=30.0, descricao=None, manter=True,
                 trabalho=None, formato=None):
        self.total = int(total)
        self.fluxo = fluxo if fluxo is not None else sys.stderr
        if terminal is None:
            terminal = bool(getattr(self.fluxo, "isatty", lambda: False)())
        self.terminal = terminal
        self._explicito = cada is not None
        self.cada = max(1, math.ceil(self.total / 10)) if cada is None else int(cada)
        self.intervalo_s = intervalo_s
        self._ultima_linha = time.monotonic()
        self._tqdm = tqdm(total=trabalho or self.total, file=self.fluxo, unit="passo", desc=descricao,
                          dynamic_ncols=True, disable=not terminal, leave=manter, bar_format=formato)

    def __call__(self, progresso):
        self.atualizar(progresso.passo, progresso.perdas, progresso.segundos)

    def linha(self, passo, perdas, segundos):
        """O texto de uma linha de progresso: passo, porcentagem, tempo, ritmo e perdas."""
        postfix = texto_perdas(perdas)
        return "passo " + tqdm.format_meter(passo, self.total, segundos, unit="passo", bar_format=FORMATO_LINHA,
                                            postfix=postfix)

    def atualizar(self, passo, perdas, segundos):
        """Mostra o passo `passo` de `total`, com as perdas e o tempo decorrido em segundos."""
        if self.terminal:
            self._tqdm.set_postfix_str(texto_perdas(perdas), refresh=False)
            self._avancar(passo)
            if self._explicito and self.cada and passo % self.cada == 0:
                self._tqdm.write(self.linha(passo, perdas, segundos), file=self.fluxo)
            return
        if not self.cada:
            return
        agora = time.monotonic()
        marca = passo % self.cada == 0 or passo == self.total or (passo == 1 and not self._explicito)
        # entre as marcas, uma linha a cada intervalo_s (menos quando a próxima marca está perto)
        perto = self.cada - passo % self.cada <= self.cada // 4
        if marca or (agora - self._ultima_linha >= self.intervalo_s and not perto):
            self.fluxo.write(self.linha(passo, perdas, segundos) + "\n")
            self.fluxo.flush()
            self._ultima_linha = agora

    def _avancar(self, passo):
        """Leva a barra do terminal até ``passo``."""
        self._tqdm.update(passo - self._tqdm.n)

    def escrever(self, texto, fluxo):
        """Escreve uma mensagem sem estragar a barra (num terminal, acima dela)."""
        if self.terminal:
            self._tqdm.write(texto, file=fluxo)
        else:
            print(texto, file=fluxo, flush=True)

    def fechar(self):
        """Fecha a barra (a linha do terminal termina)."""
        self._tqdm.close()
