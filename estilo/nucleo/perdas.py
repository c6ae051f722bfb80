"""Matemática pura dos custos: Gram, conteúdo, estilo, variação total e os alvos de estilo (nenhuma rede
aqui: ``alvos_estilo`` recebe o extrator pronto).

Normalização usada (a tabela completa, com a do artigo, está no README):
- Gram: G = FᵀF / M, com F de forma (M, N): M = H·W posições, N canais.
- conteúdo: média de (F − P)²  = (2 / (N·M)) × custo do artigo (½ Σ (F − P)²).
- estilo, por camada: média de (G − A)²  = 4 × custo do artigo (1/(4N²M²) Σ (G − A)², G sem /M).
"""

import tensorflow as tf

from estilo.nucleo.erros import ErroParametro


def matriz_gram(ativacoes):
    """Matriz de Gram de ativações (1, H, W, C) ou (H, W, C): (C, C) = FᵀF / (H·W), em float32."""
    f = tf.cast(ativacoes, tf.float32)
    canais = tf.shape(f)[-1]
    f = tf.reshape(f, (-1, canais))
    posicoes = tf.cast(tf.shape(f)[0], tf.float32)
    return tf.matmul(f, f, transpose_a=True) / posicoes


def matriz_gram_guiada(ativacoes, mascara):
    """Gram de uma região (Gatys et al., 2017): (m·F)ᵀ(m·F) / Σ m², em float32.

    ``mascara`` (valores em [0, 1]) tem as posições de ``ativacoes``: (1, H, W, 1), (H, W) ou (1, H, W).
    Dividir por Σ m² (a área da região) faz a Gram ser uma média: máscara toda 1 dá ``matriz_gram``,
    máscara 0/1 dá a Gram só das posições da região, e uma região pequena pesa tanto quanto uma grande.
    """
    f = tf.cast(ativacoes, tf.float32)
    f = tf.reshape(f, (-1, tf.shape(f)[-1]))
    m = tf.reshape(tf.cast(mascara, tf.float32), (-1, 1))
    fm = f * m
    return tf.matmul(fm, fm, transpose_a=True) / tf.maximum(tf.reduce_sum(tf.square(m)), 1e-12)


def matriz_gram_lote(ativacoes):
    """Uma matriz de Gram por imagem de um lote (B, H, W, C): (B, C, C), cada uma FᵀF / (H·W), em float32."""
    f = tf.cast(ativacoes, tf.float32)
    posicoes = tf.cast(tf.shape(f)[1] * tf.shape(f)[2], tf.float32)
    return tf.einsum("bhwc,bhwd->bcd", f, f) / posicoes


def custo_conteudo(gerada, alvo):
    """Erro quadrático médio entre ativações (float32)."""
    return tf.reduce_mean(tf.square(tf.cast(gerada, tf.float32) - tf.cast(alvo, tf.float32)))


def custo_estilo_camada(gram_gerada, gram_alvo):
    """Erro quadrático médio entre duas matrizes de Gram."""
    return tf.reduce_mean(tf.square(gram_gerada - gram_alvo))


def custo_estilo(grams_geradas: dict, grams_alvo: dict, pesos_camadas: dict | None = None):
    """Σ_l w_l · média((G_l − A_l)²); sem pesos, w_l = 1 / (número de camadas)."""
    nomes = list(grams_alvo)
    if pesos_camadas is None:
        pesos_camadas = {nome: 1.0 / len(nomes) for nome in nomes}
    return tf.add_n([pesos_camadas[n] * custo_estilo_camada(grams_geradas[n], grams_alvo[n]) for n in nomes])


def variacao_total(imagem):
    """Soma dos valores absolutos das diferenças entre vizinhos (como tf.image.total_variation)."""
    imagem = tf.cast(imagem, tf.float32)
    dy = imagem[:, 1:, :, :] - imagem[:, :-1, :, :]
    dx = imagem[:, :, 1:, :] - imagem[:, :, :-1, :]
    return tf.reduce_sum(tf.abs(dy)) + tf.reduce_sum(tf.abs(dx))


def distancia_estilo(ativacoes_a: dict, ativacoes_b: dict):
    """Distância de estilo entre dois conjuntos de ativações: média, nas camadas, de média((Ga − Gb)²)."""
    nomes = list(ativacoes_a)
    return tf.add_n([custo_estilo_camada(matriz_gram(ativacoes_a[n]), matriz_gram(ativacoes_b[n])) for n in nomes]) / len(
        nomes
    )


def alvos_estilo(extrator, estilos, pesos_estilos, camadas_estilo) -> dict:
    """{camada: Gram alvo}: a média das matrizes de Gram das pinturas, ponderada por ``pesos_estilos``."""
    estilos = list(estilos)
    pesos_estilos = normalizar_pesos(pesos_estilos, len(estilos), "pesos_estilos", "imagens de estilo")
    alvos = {}
    for estilo, peso in zip(estilos, pesos_estilos):
        ativ = extrator(estilo)
        for c in camadas_estilo:
            g = peso * matriz_gram(ativ[c])
            alvos[c] = g if c not in alvos else alvos[c] + g
    return alvos


def normalizar_pesos(pesos, quantidade, nome, o_que):
    """Pesos ≥ 0 que somam 1 (um por imagem); sem pesos, iguais. ErroParametro em pt-BR se não servem."""
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
