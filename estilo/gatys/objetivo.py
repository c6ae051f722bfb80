"""A função objetivo de Gatys: alvos calculados uma vez, custos ponderados de uma imagem."""

import tensorflow as tf

from estilo.nucleo import perdas
from estilo.nucleo.erros import ErroParametro


class Objetivo:
    """α·conteúdo + β·estilo + γ·variação total, com alvos fixos.

    `estilos` é uma lista de imagens; `pesos_estilos` as mistura (o alvo de cada camada é a média
    ponderada das matrizes de Gram). As perdas devolvidas já vêm multiplicadas pelos pesos.
    """

    def __init__(
        self,
        extrator,
        conteudo,
        estilos,
        pesos_estilos=None,
        camadas_conteudo=("block4_conv2",),
        camadas_estilo=("block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1", "block5_conv1"),
        pesos_camadas_estilo=None,
        peso_conteudo=1e4,
        peso_estilo=1e-2,
        peso_tv=30.0,
    ):
        self.extrator = extrator
        self.camadas_conteudo = list(camadas_conteudo)
        self.camadas_estilo = list(camadas_estilo)
        faltando = [c for c in self.camadas_conteudo + self.camadas_estilo if c not in extrator.camadas]
        if faltando:
            raise ErroParametro(f"O extrator não devolve as camadas {faltando}.")
        estilos = list(estilos)
        pesos_estilos = _normalizar(pesos_estilos, len(estilos), "pesos_estilos", "imagens de estilo")
        if pesos_camadas_estilo is None:
            pesos_camadas_estilo = [1.0 / len(self.camadas_estilo)] * len(self.camadas_estilo)
        elif isinstance(pesos_camadas_estilo, dict):
            pesos_camadas_estilo = [pesos_camadas_estilo.get(c, 0.0) for c in self.camadas_estilo]
        if len(pesos_camadas_estilo) != len(self.camadas_estilo):
            raise ErroParametro(
                f"Recebi {len(pesos_camadas_estilo)} pesos de camada para {len(self.camadas_estilo)} camadas de estilo."
            )
        self.pesos_camadas_estilo = dict(zip(self.camadas_estilo, map(float, pesos_camadas_estilo)))
        self.peso_conteudo = float(peso_conteudo)
        self.peso_estilo = float(peso_estilo)
        self.peso_tv = float(peso_tv)

        ativ = extrator(conteudo)
        self.alvos_conteudo = {c: tf.constant(ativ[c]) for c in self.camadas_conteudo}
        self.alvos_estilo = alvos_estilo(extrator, estilos, pesos_estilos, self.camadas_estilo)

    def perdas_de(self, ativacoes, imagem) -> dict:
        """Os três termos ponderados e o total, a partir das ativações da imagem."""
        conteudo = tf.add_n(
            [perdas.custo_conteudo(ativacoes[c], self.alvos_conteudo[c]) for c in self.camadas_conteudo]
        ) / len(self.camadas_conteudo)
        grams = {c: perdas.matriz_gram(ativacoes[c]) for c in self.camadas_estilo}
        estilo = perdas.custo_estilo(grams, self.alvos_estilo, self.pesos_camadas_estilo)
        tv = perdas.variacao_total(imagem)
        termos = {
            "conteudo": self.peso_conteudo * conteudo,
            "estilo": self.peso_estilo * estilo,
            "tv": self.peso_tv * tv,
        }
        termos["total"] = termos["conteudo"] + termos["estilo"] + termos["tv"]
        return termos

    def __call__(self, imagem) -> dict:
        return self.perdas_de(self.extrator(imagem), imagem)


def alvos_estilo(extrator, estilos, pesos_estilos, camadas_estilo) -> dict:
    """{camada: Gram alvo}: a média das matrizes de Gram das pinturas, ponderada por ``pesos_estilos``."""
    estilos = list(estilos)
    pesos_estilos = _normalizar(pesos_estilos, len(estilos), "pesos_estilos", "imagens de estilo")
    alvos = {}
    for estilo, peso in zip(estilos, pesos_estilos):
        ativ = extrator(estilo)
        for c in camadas_estilo:
            g = peso * perdas.matriz_gram(ativ[c])
            alvos[c] = g if c not in alvos else alvos[c] + g
    return alvos


def _normalizar(pesos, quantidade, nome, o_que):
    if quantidade == 0:
        raise ErroParametro("Informe pelo menos uma imagem de estilo.")
    if pesos is None:
        return [1.0 / quantidade] * quantidade
    pesos = [float(p) for p in pesos]
    if len(pesos) != quantidade:
        raise ErroParametro(f"Recebi {len(pesos)} {nome} para {quantidade} {o_que}: informe um peso para cada uma.")
    if any(not (p >= 0) or p == float("inf") for p in pesos) or sum(pesos) <= 0:
        raise ErroParametro(f"Os {nome} devem ser números finitos ≥ 0, com soma positiva: {pesos}.")
    soma = sum(pesos)
    return [p / soma for p in pesos]
