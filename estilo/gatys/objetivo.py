"""A função objetivo de Gatys: alvos calculados uma vez, custos ponderados de uma imagem."""

import difflib

import tensorflow as tf

from estilo.gatys import regioes
from estilo.nucleo import perdas, validacao
from estilo.nucleo.perdas import alvos_estilo  # noqa: F401 - objetivo.alvos_estilo, como nas lições
from estilo.nucleo.erros import ErroParametro


class Objetivo:
    """α·conteúdo + β·estilo + γ·variação total, com alvos fixos.

    `estilos` é uma lista de imagens; `pesos_estilos` as mistura (o alvo de cada camada é a média
    ponderada das matrizes de Gram). `pesos_camadas_estilo`: veja `pesos_por_camada`.
    `mascaras` (uma por pintura, veja `regioes`): cada pintura age só na sua região (Gram guiada), e
    `pesos_estilos` passa a pesar as regiões; `alvos_estilo` fica None e os alvos vão em `guiado.alvos`.
    As perdas devolvidas já vêm multiplicadas pelos pesos.
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
        mascaras=None,
    ):
        self.extrator = extrator
        self.camadas_conteudo = list(camadas_conteudo)
        self.camadas_estilo = list(camadas_estilo)
        faltando = [c for c in self.camadas_conteudo + self.camadas_estilo if c not in extrator.camadas]
        if faltando:
            raise ErroParametro(f"O extrator não devolve as camadas {faltando}.")
        estilos = list(estilos)
        pesos_estilos = perdas.normalizar_pesos(pesos_estilos, len(estilos), "pesos_estilos", "imagens de estilo")
        self.pesos_camadas_estilo = pesos_por_camada(pesos_camadas_estilo, self.camadas_estilo)
        self.peso_conteudo = float(peso_conteudo)
        self.peso_estilo = float(peso_estilo)
        self.peso_tv = float(peso_tv)

        ativ = extrator(conteudo)
        self.alvos_conteudo = {c: tf.constant(ativ[c]) for c in self.camadas_conteudo}
        self.guiado = None
        if mascaras is None:
            self.alvos_estilo = perdas.alvos_estilo(extrator, estilos, pesos_estilos, self.camadas_estilo)
        else:
            self.mascaras = regioes.preparar_mascaras(mascaras, len(estilos), conteudo.shape[1:3])
            self.guiado = regioes.EstiloGuiado(extrator, estilos, self.mascaras, pesos_estilos, self.camadas_estilo,
                                               ativ)
            self.alvos_estilo = None

    def perdas_de(self, ativacoes, imagem) -> dict:
        """Os três termos ponderados e o total, a partir das ativações da imagem."""
        conteudo = tf.add_n(
            [perdas.custo_conteudo(ativacoes[c], self.alvos_conteudo[c]) for c in self.camadas_conteudo]
        ) / len(self.camadas_conteudo)
        if self.guiado is not None:
            estilo = self.guiado(ativacoes, self.pesos_camadas_estilo)
        else:
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


def pesos_por_camada(pesos, camadas) -> dict:
    """{camada: peso} das camadas de estilo; sem pesos, 1/(número de camadas) em cada uma.

    `pesos`: lista (um por camada, na ordem de `camadas`) ou dicionário {camada: peso}, em que as camadas
    fora do dicionário ficam com peso 0. Um nome que não é camada de estilo é erro (com sugestão).
    """
    camadas = list(camadas)
    if pesos is None:
        return {c: 1.0 / len(camadas) for c in camadas}
    if isinstance(pesos, dict):
        for nome in pesos:
            if nome not in camadas:
                parecidas = difflib.get_close_matches(str(nome), camadas, n=1, cutoff=0.6)
                dica = f" Você quis dizer {parecidas[0]!r}?" if parecidas else ""
                raise ErroParametro(
                    f"pesos_camadas_estilo tem a camada {nome!r}, que não está entre as camadas de estilo "
                    f"({', '.join(camadas)}).{dica} Para usar outra camada, inclua-a em camadas_estilo."
                )
        pesos = [pesos.get(c, 0.0) for c in camadas]
    elif isinstance(pesos, (str, bytes)) or not hasattr(pesos, "__len__"):
        raise ErroParametro(
            f"pesos_camadas_estilo deve ser uma lista ou um dicionário {{camada: peso}}, não {pesos!r}."
        )
    if len(pesos) != len(camadas):
        raise ErroParametro(
            f"Recebi {len(pesos)} pesos de camada para {len(camadas)} camadas de estilo ({', '.join(camadas)})."
        )
    return {c: validacao.numero(f"O peso da camada {c}", p, 0, 1e12) for c, p in zip(camadas, pesos)}
