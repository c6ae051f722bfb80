"""A execução de uma otimização: o laço de passos, o que o callback recebe e o `Resultado`."""

import math
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import tensorflow as tf

from estilo.gatys.cores import preservar_cores
from estilo.nucleo import imagens
from estilo.nucleo.erros import AvisoEstilo
from estilo.nucleo.formatar import formatar, termos

TERMOS = ("conteudo", "estilo", "tv", "total")


@dataclass
class Progresso:
    """O que o callback `ao_progresso` recebe a cada passo."""

    passo: int
    total_passos: int
    perdas: dict
    segundos: float
    melhor_perda: float
    _otimizador: object = field(repr=False, default=None)

    @property
    def imagem(self):
        """A imagem atual (1, H, W, 3) em [0, 1]."""
        return tf.identity(self._otimizador.x)

    @property
    def melhor_imagem(self):
        """A melhor imagem avaliada até aqui."""
        return tf.identity(self._otimizador.melhor_imagem)


@dataclass
class Resultado:
    """Imagem final (a melhor avaliada), histórico das perdas ponderadas e dados da execução."""

    imagem: tf.Tensor
    historico: dict
    passos: int
    segundos: float
    melhor_passo: int
    melhor_perda: float
    interrompido: bool = False
    motivo: str = "concluído"
    configuracao: dict = field(default_factory=dict)

    def salvar(self, caminho, sobrescrever=False):
        """Salva a imagem (PNG ou JPEG)."""
        return imagens.salvar(self.imagem, caminho, sobrescrever=sobrescrever)

    def resumo(self) -> str:
        """Uma linha em português com tempo, passos e custos da melhor imagem."""
        finais = {t: self.historico[t][self.melhor_passo] for t in TERMOS} if self.historico["total"] else {}
        return (
            f"{self.passos} passos em {formatar(round(self.segundos, 1))} s "
            f"({formatar(self.segundos / max(self.passos, 1))} s/passo); "
            f"melhor no passo {self.melhor_passo + 1}: {termos(finais)}; {self.motivo}"
        )



def otimizar(otim, passos, ao_progresso, checkpoint_cada, pasta_checkpoints, configuracao, cores_de):
    historico = {t: [] for t in TERMOS}
    historico["segundos"] = []
    interrompido, motivo = False, "concluído"
    inicio = time.perf_counter()
    passo = 0
    try:
        for passo in range(1, passos + 1):
            termos = {t: float(v) for t, v in otim.passo().items()}
            decorrido = time.perf_counter() - inicio
            for t in TERMOS:
                historico[t].append(termos[t])
            historico["segundos"].append(decorrido)
            if not math.isfinite(termos["total"]):
                interrompido = True
                motivo = (
                    f"a perda virou {termos['total']} no passo {passo}; parei e devolvi a melhor imagem. "
                    "Tente pesos menores, uma taxa menor ou precisao='float32'."
                )
                warnings.warn(motivo, AvisoEstilo)
                break
            if checkpoint_cada and passo % checkpoint_cada == 0:
                _checkpoint(otim, pasta_checkpoints, passo)
            if ao_progresso is not None:
                info = Progresso(passo, passos, termos, decorrido, float(otim.melhor_perda), otim)
                if ao_progresso(info) is False:
                    interrompido, motivo = True, f"parado a pedido no passo {passo}"
                    break
    except KeyboardInterrupt:
        interrompido, motivo = True, f"interrompido (Ctrl-C) no passo {passo}; devolvi a melhor imagem até ali"
    imagem = tf.identity(otim.melhor_imagem)
    if not historico["total"] or not math.isfinite(float(otim.melhor_perda)):
        imagem = tf.identity(otim.x)
    melhor_passo = _indice_melhor(historico["total"])
    if cores_de is not None:
        imagem = preservar_cores(imagem, cores_de)
    return Resultado(
        imagem=imagem,
        historico=historico,
        passos=len(historico["total"]),
        segundos=time.perf_counter() - inicio,
        melhor_passo=melhor_passo,
        melhor_perda=float(otim.melhor_perda),
        interrompido=interrompido,
        motivo=motivo,
        configuracao=configuracao,
    )


def _indice_melhor(totais):
    finitos = [(v, i) for i, v in enumerate(totais) if math.isfinite(v)]
    return min(finitos)[1] if finitos else 0


def _checkpoint(otim, pasta, passo):
    pasta = Path(pasta)
    imagens.salvar(otim.melhor_imagem, pasta / f"passo_{passo:06d}.png", sobrescrever=True)
