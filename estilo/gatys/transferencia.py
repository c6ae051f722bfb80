"""A otimização de Gatys de ponta a ponta: `transferir(...)` -> `Resultado`."""

import math
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import tensorflow as tf

from estilo.nucleo import imagens
from estilo.gatys.cores import casar_cores, preservar_cores
from estilo.nucleo.erros import AvisoEstilo, ErroParametro
from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, PRECISOES, Extrator
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.otimizadores import OTIMIZADORES

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
        """Uma linha em português com tempo, passos e perdas finais."""
        finais = {t: self.historico[t][self.melhor_passo] for t in TERMOS} if self.historico["total"] else {}
        perdas = ", ".join(f"{t} {v:.4g}" for t, v in finais.items())
        return (
            f"{self.passos} passos em {self.segundos:.1f} s ({self.segundos / max(self.passos, 1):.3f} s/passo); "
            f"melhor no passo {self.melhor_passo + 1}: {perdas}; {self.motivo}"
        )


def _positivo_inteiro(nome, valor, maximo):
    if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= maximo:
        raise ErroParametro(f"{nome} deve ser um inteiro entre 1 e {maximo}, não {valor!r}.")
    return valor


def _peso(nome, valor):
    try:
        valor = float(valor)
    except (TypeError, ValueError):
        raise ErroParametro(f"{nome} deve ser um número, não {valor!r}.") from None
    if not math.isfinite(valor) or valor < 0 or valor > 1e12:
        raise ErroParametro(f"{nome} deve ser um número finito entre 0 e 1e12, não {valor!r}.")
    return valor


def precisao_padrao() -> str:
    """float32 (exata). Medido em CPU com AVX-512 BF16/FP16 e sem AMX: bfloat16 e float16 mistos ficaram
    1,46× mais lentos por avaliação; em GPU não foi medido (veja docs/desempenho.md)."""
    return "float32"


def imagem_inicial(conteudo, inicio="conteudo", semente=0, estilos=None):
    """'conteudo', 'ruido', 'cores' ou um número t em [0, 1]: (1 − t)·conteúdo + t·ruído.

    'cores' é a foto com a média e a covariância de cores das pinturas ``estilos`` (``cores.casar_cores``).
    """
    if inicio == "cores":
        if not estilos:
            raise ErroParametro("inicio='cores' precisa das pinturas (estilos) para casar as cores.")
        return casar_cores(conteudo, list(estilos))
    if inicio == "conteudo":
        t = 0.0
    elif inicio == "ruido":
        t = 1.0
    else:
        try:
            t = float(inicio)
        except (TypeError, ValueError):
            raise ErroParametro(
                f"inicio deve ser 'conteudo', 'ruido', 'cores' ou um número em [0, 1], não {inicio!r}."
            ) from None
        if not 0.0 <= t <= 1.0:
            raise ErroParametro(f"A mistura de início deve estar em [0, 1], não {t}.")
    ruido = tf.random.stateless_uniform(tf.shape(conteudo), seed=[int(semente), 0])
    return (1.0 - t) * conteudo + t * ruido


def transferir(
    conteudo,
    estilos,
    *,
    pesos_estilos=None,
    lado_maximo=512,
    escala_estilo=1.0,
    camadas_conteudo=CAMADAS_CONTEUDO,
    camadas_estilo=CAMADAS_ESTILO,
    pesos_camadas_estilo=None,
    peso_conteudo=1e4,
    peso_estilo=1.0,
    peso_tv=30.0,
    inicio="conteudo",
    semente=0,
    otimizador="lbfgs",
    passos=300,
    taxa=None,
    preservar_cores_originais=False,
    rede="vgg16",
    pooling="max",
    precisao=None,
    pesos=None,
    ao_progresso=None,
    checkpoint_cada=0,
    pasta_checkpoints=None,
    extrator=None,
) -> Resultado:
    """Transfere o estilo de uma ou mais pinturas para a foto `conteudo` (Gatys et al., 2015).

    `conteudo` e cada estilo: caminho, URL, PIL, numpy ou tensor (veja `imagens.carregar`).
    `otimizador`: 'lbfgs' (padrão), 'adam' ou 'lbfgs_adam' (L-BFGS e, quando ele empaca, Adam: melhor em
    execuções longas, ≥ 500 passos). Cada passo é uma avaliação da rede (veja docs/desempenho.md).
    `ao_progresso(Progresso)` é chamado a cada passo; se devolver False, a execução para.
    Ctrl-C, NaN/Inf ou o callback param a execução e devolvem a melhor imagem até ali.
    """
    passos = _positivo_inteiro("passos", passos, 100_000)
    lado_maximo = _positivo_inteiro("lado_maximo", lado_maximo, 8192)
    if lado_maximo < 32:
        raise ErroParametro(f"lado_maximo deve ser pelo menos 32 pixels, não {lado_maximo}.")
    escala_estilo = _peso("escala_estilo", escala_estilo)
    if not 0.05 <= escala_estilo <= 4:
        raise ErroParametro(f"escala_estilo deve estar entre 0.05 e 4, não {escala_estilo}.")
    pesos_termos = {n: _peso(n, v) for n, v in [("peso_conteudo", peso_conteudo), ("peso_estilo", peso_estilo), ("peso_tv", peso_tv)]}
    if otimizador not in OTIMIZADORES:
        raise ErroParametro(f"otimizador deve ser um de {', '.join(OTIMIZADORES)}, não {otimizador!r}.")
    precisao = precisao or precisao_padrao()
    if precisao not in PRECISOES:
        raise ErroParametro(f"precisao deve ser uma de {', '.join(PRECISOES)}, não {precisao!r}.")
    checkpoint_cada = int(checkpoint_cada or 0)
    if checkpoint_cada < 0:
        raise ErroParametro("checkpoint_cada deve ser ≥ 0.")
    if checkpoint_cada and not pasta_checkpoints:
        raise ErroParametro("Para salvar checkpoints, informe pasta_checkpoints.")

    if not isinstance(estilos, (list, tuple)):
        estilos = [estilos]
    conteudo = imagens.carregar(conteudo, lado_maximo=lado_maximo)
    lado_estilo = max(32, round(max(conteudo.shape[1:3]) * escala_estilo))
    estilos = [imagens.carregar(e, lado_maximo=lado_estilo) for e in estilos]

    if extrator is None:
        extrator = Extrator(list(camadas_conteudo) + list(camadas_estilo), rede, pooling, pesos, precisao)
    objetivo = Objetivo(
        extrator, conteudo, estilos, pesos_estilos, camadas_conteudo, camadas_estilo, pesos_camadas_estilo,
        **pesos_termos,
    )
    opcoes = {} if taxa is None else {"taxa": taxa}
    otim = OTIMIZADORES[otimizador](
        objetivo, imagem_inicial(conteudo, inicio, semente, estilos), escala_perda=extrator.precisao == "float16",
        **opcoes,
    )
    configuracao = dict(
        otimizador=otimizador, passos=passos, lado=tuple(conteudo.shape[1:3]), rede=extrator.rede,
        pooling=extrator.pooling, precisao=extrator.precisao, inicio=inicio, semente=semente,
        camadas_conteudo=list(camadas_conteudo), camadas_estilo=list(camadas_estilo), **pesos_termos,
    )
    return _otimizar(otim, passos, ao_progresso, checkpoint_cada, pasta_checkpoints, configuracao,
                     conteudo if preservar_cores_originais else None)


def _otimizar(otim, passos, ao_progresso, checkpoint_cada, pasta_checkpoints, configuracao, cores_de):
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
