"""Treino da rede rápida (Johnson et al., 2016) com as perdas perceptuais do pacote.

A cada passo, um lote de recortes de fotos passa pela rede; a saída é comparada, na VGG, com a
própria foto (conteúdo) e com a pintura (Gram, estilo), mais a variação total. Checkpoints numa
pasta permitem retomar um treino interrompido exatamente de onde parou.
"""

import math
import os
import random
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from estilo.nucleo import dados, imagens, perdas
from estilo.nucleo.erros import AvisoEstilo, ErroParametro
from estilo.nucleo.formatar import formatar, termos
from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, Extrator
from estilo.nucleo.validacao import inteiro, numero
from estilo.rapida import checkpoints
from estilo.rapida.checkpoints import ESTADO, ler_estado
from estilo.rapida.fotos import FotosTreino
from estilo.rapida.rede import construir_rede, salvar_rede

__all__ = ["ESTADO", "PADROES", "TERMOS", "ProgressoTreino", "ResultadoTreino", "ler_estado", "treinar"]

TERMOS = ("conteudo", "estilo", "tv", "total")

PADROES = {"lado": 256, "passos": 2000, "lote": 4, "filtros": 32, "blocos": 5, "taxa": 1e-3,
           "peso_conteudo": 1e5, "peso_estilo": 1.0, "peso_tv": 30.0, "escala_estilo": 1.0}
"""Padrões de ``treinar`` (e de ``python -m estilo treinar``)."""


@dataclass
class ProgressoTreino:
    """O que ``ao_progresso`` recebe a cada passo (os mesmos campos do ``Progresso`` de ``transferir``)."""

    passo: int
    total_passos: int
    perdas: dict
    segundos: float


@dataclass
class ResultadoTreino:
    """A rede treinada, o histórico das perdas (por passo) e como o treino terminou."""

    rede: keras.Model
    historico: dict
    passos: int
    segundos: float
    interrompido: bool = False
    motivo: str = "concluído"
    configuracao: dict = field(default_factory=dict)
    passo_inicial: int = 0
    """Passo de onde esta execução partiu (> 0 quando retomou um checkpoint); ``segundos`` conta só ela."""

    def salvar(self, caminho, sobrescrever=False) -> Path:
        """Salva a rede (.keras) com a configuração do treino dentro do arquivo."""
        info = {**self.configuracao, "passos_treinados": self.passos}
        return salvar_rede(self.rede, caminho, info=info, sobrescrever=sobrescrever)

    def resumo(self) -> str:
        """Uma linha em português: passos, tempo e perdas médias dos últimos passos."""
        ultimos = {t: float(np.mean(self.historico[t][-20:])) for t in TERMOS} if self.historico["total"] else {}
        feitos = self.passos - self.passo_inicial
        ritmo = self.segundos / max(feitos, 1)
        retomado = f" (retomado do passo {self.passo_inicial})" if self.passo_inicial else ""
        return (f"{feitos} passos em {formatar(round(self.segundos, 1))} s ({formatar(ritmo)} s/passo){retomado}, "
                f"{self.passos} no total; custos recentes: {termos(ultimos)}; {self.motivo}")


class _Passo:
    """O passo de treino compilado (tf.function): perdas perceptuais e um passo do Adam."""

    def __init__(self, rede, extrator, alvos, camadas_conteudo, pesos, otimizador):
        self.rede, self.extrator, self.otimizador = rede, extrator, otimizador
        self.alvos = alvos
        self.camadas_conteudo = list(camadas_conteudo)
        self.pesos = pesos
        self.funcao = tf.function(self._passo, reduce_retracing=True)

    def perdas_de(self, fotos, saida):
        """Termos ponderados (médias no lote) da saída da rede para um lote de fotos."""
        ativ = self.extrator(saida)
        ativ_fotos = self.extrator(fotos)
        conteudo = tf.add_n([perdas.custo_conteudo(ativ[c], tf.stop_gradient(ativ_fotos[c]))
                             for c in self.camadas_conteudo]) / len(self.camadas_conteudo)
        # média((G − A)²) com G de forma (B, C, C): a média no lote das perdas de cada imagem
        estilo = perdas.custo_estilo({c: perdas.matriz_gram_lote(ativ[c]) for c in self.alvos}, self.alvos)
        tv = perdas.variacao_total(saida) / tf.cast(tf.shape(saida)[0], tf.float32)
        termos = {"conteudo": self.pesos["peso_conteudo"] * conteudo, "estilo": self.pesos["peso_estilo"] * estilo,
                  "tv": self.pesos["peso_tv"] * tv}
        termos["total"] = termos["conteudo"] + termos["estilo"] + termos["tv"]
        return termos

    def _passo(self, fotos):
        variaveis = self.rede.trainable_variables
        with tf.GradientTape() as fita:
            termos = self.perdas_de(fotos, self.rede(fotos, training=True))
        gradientes = fita.gradient(termos["total"], variaveis)
        finito = tf.reduce_all([tf.reduce_all(tf.math.is_finite(g)) for g in gradientes])
        if finito:  # um lote com NaN não estraga a rede: o passo é pulado
            self.otimizador.apply_gradients(zip(gradientes, variaveis))
        return termos

    def __call__(self, fotos):
        return self.funcao(fotos)


# ---------------------------------------------------------------------------
# treinar
# ---------------------------------------------------------------------------


def treinar(
    estilos,
    fotos=None,
    *,
    pasta_fotos=None,
    catalogo=True,
    pesos_estilos=None,
    lado=PADROES["lado"],
    passos=PADROES["passos"],
    lote=PADROES["lote"],
    filtros=PADROES["filtros"],
    blocos=PADROES["blocos"],
    taxa=PADROES["taxa"],
    peso_conteudo=PADROES["peso_conteudo"],
    peso_estilo=PADROES["peso_estilo"],
    peso_tv=PADROES["peso_tv"],
    escala_estilo=PADROES["escala_estilo"],
    camadas_conteudo=CAMADAS_CONTEUDO,
    camadas_estilo=CAMADAS_ESTILO,
    semente=0,
    pasta_checkpoints=None,
    checkpoint_cada=100,
    retomar=True,
    ao_progresso=None,
    extrator=None,
    pesos=None,
) -> ResultadoTreino:
    """Treina uma rede de transformação para a pintura (ou mistura de pinturas) ``estilos``.

    Fotos: as do catálogo (``catalogo=True``), mais ``fotos`` (lista) e as de ``pasta_fotos``, em
    recortes sorteados de ``lado`` px, espelhados ao acaso. Com ``pasta_checkpoints``, salva a cada
    ``checkpoint_cada`` passos e, com ``retomar=True``, continua de onde um treino igual parou.
    ``ao_progresso(ProgressoTreino)`` é chamado a cada passo; se devolver False, o treino para.
    Ctrl-C também para (salvando um checkpoint) e devolve a rede como estava.
    O conteúdo pesa 10× mais que em ``transferir`` (1e5): uma rede não se ajusta a cada foto como a
    otimização, e com 1e4 o estilo apagava a foto. ``extrator`` permite outra VGG (``pesos``: arquivo da VGG16).
    """
    lado = inteiro("lado", lado, 32, 2048)
    passos = inteiro("passos", passos, 1, 10_000_000)
    lote = inteiro("lote", lote, 1, 256)
    checkpoint_cada = inteiro("checkpoint_cada", checkpoint_cada, 0, 10_000_000)
    taxa = numero("taxa", taxa, 1e-8, 1.0)
    pesos_termos = {n: numero(n, v, 0.0, 1e12) for n, v in
                    (("peso_conteudo", peso_conteudo), ("peso_estilo", peso_estilo), ("peso_tv", peso_tv))}
    escala_estilo = numero("escala_estilo", escala_estilo, 0.05, 4.0)
    if not isinstance(estilos, (list, tuple)):
        estilos = [estilos]
    nomes_estilos = [str(e) if isinstance(e, (str, os.PathLike)) else "imagem" for e in estilos]
    lado_estilo = max(32, round(lado * escala_estilo))
    estilos = [imagens.carregar(dados.resolver(e) if isinstance(e, (str, os.PathLike)) else e,
                                lado_maximo=lado_estilo) for e in estilos]
    conjunto = fotos if isinstance(fotos, FotosTreino) else FotosTreino(fotos, pasta_fotos, catalogo, lado)

    configuracao = {
        "estilos": nomes_estilos, "pesos_estilos": pesos_estilos, "lado": lado, "lote": lote, "filtros": filtros,
        "blocos": blocos, "taxa": taxa, **pesos_termos, "escala_estilo": escala_estilo,
        "camadas_conteudo": list(camadas_conteudo), "camadas_estilo": list(camadas_estilo), "semente": int(semente),
        "fotos": len(conjunto), "passos": passos,
    }
    modelo = _construir_com_semente(filtros, blocos, int(semente))
    if extrator is None:
        extrator = Extrator(list(camadas_conteudo) + list(camadas_estilo), "vgg16", "max", pesos)
    alvos = perdas.alvos_estilo(extrator, estilos, pesos_estilos, list(camadas_estilo))
    otimizador = keras.optimizers.Adam(learning_rate=taxa)
    passo_treino = _Passo(modelo, extrator, alvos, camadas_conteudo, pesos_termos, otimizador)

    historico = {t: [] for t in TERMOS}
    inicio_passo = 0
    if pasta_checkpoints is not None:
        pasta_checkpoints = checkpoints.preparar_pasta(pasta_checkpoints)
        estado = ler_estado(pasta_checkpoints)
        if estado is not None and retomar:
            if not checkpoints.mesmo_treino(estado["configuracao"], configuracao):
                raise ErroParametro(
                    f"A pasta de checkpoints '{pasta_checkpoints}' é de um treino com outra configuração; "
                    "use outra pasta, retomar=False (recomeça do zero) ou os mesmos parâmetros."
                )
            checkpoints.restaurar(pasta_checkpoints, estado, modelo, otimizador)
            inicio_passo = int(estado["passo"])
            historico = {t: list(estado["historico"][t]) for t in TERMOS}
    return _laco(passo_treino, conjunto, lote, int(semente), inicio_passo, passos, historico, ao_progresso,
                 pasta_checkpoints, checkpoint_cada, configuracao)


def _construir_com_semente(filtros, blocos, semente):
    """A rede com pesos iniciais reprodutíveis, sem mexer nas sementes globais de quem chamou."""
    estado_python, estado_numpy = random.getstate(), np.random.get_state()
    try:
        keras.utils.set_random_seed(semente)
        return construir_rede(filtros, blocos)
    finally:
        random.setstate(estado_python)
        np.random.set_state(estado_numpy)


def _laco(passo_treino, conjunto, lote, semente, inicio_passo, passos, historico, ao_progresso, pasta,
          checkpoint_cada, configuracao):
    modelo, otimizador = passo_treino.rede, passo_treino.otimizador
    interrompido, motivo = False, "concluído"
    passo = inicio_passo
    inicio = time.perf_counter()

    salvo = inicio_passo  # o checkpoint de onde partimos (ou nenhum, com 0) já está no disco

    def checkpoint():
        nonlocal salvo
        if pasta is not None and passo != salvo:
            checkpoints.salvar(pasta, modelo, otimizador, passo, historico, configuracao)
            salvo = passo

    try:
        while passo < passos:
            fotos = conjunto.lote(lote, np.random.default_rng((semente, passo)))
            termos = {t: float(v) for t, v in passo_treino(fotos).items()}
            passo += 1
            for t in TERMOS:
                historico[t].append(termos[t])
            if not math.isfinite(termos["total"]):
                warnings.warn(f"A perda virou {termos['total']} no passo {passo}; esse lote foi pulado.", AvisoEstilo,
                              stacklevel=2)
            if checkpoint_cada and passo % checkpoint_cada == 0:
                checkpoint()
            if ao_progresso is not None and ao_progresso(
                    ProgressoTreino(passo, passos, termos, time.perf_counter() - inicio)) is False:
                interrompido, motivo = True, f"parado a pedido no passo {passo}"
                break
    except KeyboardInterrupt:
        interrompido, motivo = True, f"interrompido (Ctrl-C) no passo {passo}"
    checkpoint()
    if interrompido and pasta is not None:
        motivo += f"; checkpoint em '{pasta}': rode de novo com a mesma pasta para continuar"
    return ResultadoTreino(modelo, historico, passo, time.perf_counter() - inicio, interrompido, motivo, configuracao,
                           inicio_passo)
