"""Verificações dos exercícios da lição 01 (imagens como tensores e a VGG)."""

import math

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, numero as _numero, pendente, vazia, verificacao
from estilo.curso.formatar import formatar
from estilo.nucleo.pesos import CAMADAS_CONV

CANAIS_POR_BLOCO = {1: 64, 2: 128, 3: 256, 4: 512, 5: 512}
"""Número de filtros das convoluções de cada bloco da VGG (igual na VGG16 e na VGG19)."""

PERGUNTA_2 = {"camada": "block4_conv1", "altura": 300, "largura": 400}
"""Exercício 2: a forma da saída desta camada para uma imagem (1, 300, 400, 3)."""

PERGUNTA_4 = {"lado_filtro": 5, "canais_entrada": 3, "filtros": 64}
"""Exercício 4: parâmetros de uma convolução 5×5 de 3 para 64 canais (com viés)."""


def _operacoes(camada, rede):
    """Sequência de operações ('conv' ou 'pool') da entrada até `camada`, inclusive."""
    ops, bloco = [], 1
    for nome in CAMADAS_CONV[rede]:
        b = int(nome[5])
        if b != bloco:
            ops.append("pool")
            bloco = b
        ops.append("conv")
        if nome == camada:
            return ops
    raise ValueError(f"camada desconhecida: {camada}")


def campo_receptivo(camada, rede="vgg16", contar_pools=True):
    """Lado, em pixels, do campo receptivo de `camada` (convs 3×3 passo 1, pools 2×2 passo 2)."""
    lado, salto = 1, 1
    for op in _operacoes(camada, rede):
        if op == "conv":
            lado += 2 * salto
        elif contar_pools:
            lado += salto
            salto *= 2
    return lado


def forma_saida(camada, altura, largura, rede="vgg16"):
    """Forma (1, H, W, C) da saída de `camada` da VGG para uma entrada (1, altura, largura, 3)."""
    for op in _operacoes(camada, rede):
        if op == "pool":
            altura, largura = altura // 2, largura // 2
    return (1, altura, largura, CANAIS_POR_BLOCO[int(camada[5])])


@verificacao
def verificar_exercicio_1(resposta):
    """Campo receptivo de block4_conv4 da VGG19, em pixels."""
    if vazia(resposta):
        return pendente("campo_block4_conv4")
    valor = _numero(resposta)
    if valor is None:
        return errado(f"Responda com um número de pixels (recebi {resposta!r}).")
    esperado = campo_receptivo("block4_conv4", "vgg19")
    if valor == esperado:
        return certo(f"{esperado} pixels: cada pool dobra o 'salto', e cada conv 3×3 soma 2 saltos ao lado.")
    if valor == campo_receptivo("block4_conv4", "vgg19", contar_pools=False):
        return errado("Parece que você somou 2 pixels por conv, mas esqueceu os pools: cada pool dobra o salto.")
    if valor == campo_receptivo("block4_conv3", "vgg16"):
        return errado("Esse é o campo de block4_conv3 da VGG16; na VGG19 os blocos 3, 4 e 5 têm uma conv a mais.")
    return errado(
        "A conta não bate. Percorra camadas_disponiveis('vgg19') até block4_conv4: "
        "conv 3×3 → lado += 2·salto; pool 2×2 → lado += salto e salto *= 2."
    )


def _forma(resposta):
    """Converte a resposta numa tupla de inteiros; None se não der."""
    try:
        forma = tuple(resposta)
    except TypeError:
        return None
    if not forma or not all(_numero(d) is not None and float(d) == int(d) for d in forma):
        return None
    return tuple(int(d) for d in forma)


@verificacao
def verificar_exercicio_2(resposta):
    """Forma da saída de block4_conv1 para uma imagem (1, 300, 400, 3)."""
    if vazia(resposta):
        return pendente("forma_block4_conv1")
    forma = _forma(resposta)
    if forma is None:
        return errado(f"Responda com uma tupla de inteiros, como (1, H, W, C) (recebi {resposta!r}).")
    esperada = forma_saida(**PERGUNTA_2)
    if forma == esperada:
        return certo(f"{esperada}: os três pools dividem altura e largura por 2, três vezes, arredondando para baixo.")
    if forma == esperada[1:]:
        return errado("Os números estão certos, mas falta a dimensão do lote na frente: (1, H, W, C).")
    if len(forma) != 4:
        return errado("A forma tem 4 números: (lote, altura, largura, canais).")
    dicas = []
    if forma[0] != 1:
        dicas.append("o lote é 1 (uma imagem)")
    altura, largura = PERGUNTA_2["altura"], PERGUNTA_2["largura"]
    if forma[1:3] == (math.ceil(altura / 8), math.ceil(largura / 8)) and forma[1:3] != esperada[1:3]:
        dicas.append("o max pooling 2×2 arredonda para baixo (por exemplo, 75 // 2 = 37)")
    elif forma[1:3] != esperada[1:3]:
        dicas.append("altura e largura: conte quantos pools vêm antes de block4_conv1 (cada um divide por 2)")
    if forma[3] != esperada[3]:
        dicas.append("os canais são o número de filtros da conv (veja a tabela da arquitetura)")
    return errado("Confira: " + "; ".join(dicas) + ".")


def _preprocessado(r, g, b):
    """O pixel (r, g, b) passado por `modelos.preprocessar` (a referência do exercício 3)."""
    from estilo.nucleo.modelos import preprocessar

    return np.asarray(preprocessar(np.array([[[[r, g, b]]]], np.float32)), np.float64)[0, 0, 0]


def _lista(valores):
    """Números como o leitor lê: '0,5; 0,25; 1' (vírgula decimal, ponto e vírgula entre eles)."""
    return "; ".join(formatar(float(x)) for x in np.ravel(valores))


@verificacao
def verificar_exercicio_3(funcao):
    """`funcao(r, g, b)` (valores em [0, 1]) deve devolver (B, G, R) como a VGG espera."""
    if funcao is None:
        return pendente("preprocessar_pixel")
    if not callable(funcao):
        return errado("Passe a função em si (sem parênteses), por exemplo verificar_exercicio_3(preprocessar_pixel).")
    from estilo.nucleo.modelos import MEDIA_BGR

    media = np.array(MEDIA_BGR, np.float64)
    pixels = [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0), (0.2, 0.5, 0.9), (0.9, 0.1, 0.35)]
    for r, g, b in pixels:
        try:
            saida = funcao(r, g, b)
        except Exception as erro:  # noqa: BLE001 - resposta errada nunca vira exceção
            return errado(f"A função levantou {type(erro).__name__}: {erro}")
        if saida is None:
            return pendente("preprocessar_pixel")
        try:
            saida = np.asarray(saida, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            return errado(f"Devolva três números (B, G, R); recebi {saida!r}.")
        if saida.shape != (3,):
            return errado(f"Devolva exatamente três números (B, G, R); recebi {saida.size}.")
        esperado = _preprocessado(r, g, b)
        if np.allclose(saida, esperado, atol=1e-2):
            continue
        bgr = np.array([b, g, r])
        suspeitos = [
            (esperado[::-1], "Os valores estão na ordem RGB; a VGG (de origem Caffe) espera BGR."),
            (bgr * 255.0, "Faltou subtrair a média ImageNet de cada canal (modelos.MEDIA_BGR)."),
            (bgr - media, "Faltou levar os valores de [0, 1] para [0, 255] (multiplique por 255)."),
            (bgr * 255.0 - media[::-1], "A média também está na ordem BGR: B − 103,939, G − 116,779, R − 123,68."),
            (np.array([r, g, b]) * 255.0 - media, "Inverta a ordem dos canais antes de subtrair a média (RGB → BGR)."),
        ]
        for valor, dica in suspeitos:
            if np.allclose(saida, valor, atol=1e-2):
                return errado(dica)
        return errado(f"Para o pixel (r, g, b) = ({_lista((r, g, b))}) esperava ({_lista(esperado)}), recebi ({_lista(saida)}).")
    return certo("Inverter para BGR, multiplicar por 255 e subtrair a média: é exatamente o que modelos.preprocessar faz.")


@verificacao
def verificar_exercicio_4(resposta):
    """Parâmetros de uma convolução 5×5 de 3 para 64 canais, com viés."""
    if vazia(resposta):
        return pendente("parametros_conv5x5")
    valor = _numero(resposta)
    if valor is None:
        return errado(f"Responda com um número (recebi {resposta!r}).")
    k, c, n = PERGUNTA_4["lado_filtro"], PERGUNTA_4["canais_entrada"], PERGUNTA_4["filtros"]
    esperado = k * k * c * n + n
    if valor == esperado:
        return certo(f"{formatar(esperado)}: {n} filtros de {k}×{k}×{c} pesos, mais um viés por filtro.")
    if valor == k * k * c * n:
        return errado("Quase: cada filtro tem também um viés (bias); some um parâmetro por filtro.")
    if valor == 3 * 3 * c * n + n:
        return errado("Esse é o número da block1_conv1 original, com filtros 3×3; aqui os filtros são 5×5.")
    if valor == k * k * n + n:
        return errado("Cada filtro enxerga os 3 canais de entrada ao mesmo tempo: são k×k×3 pesos por filtro.")
    return errado("Conte: filtros × (altura × largura × canais de entrada) pesos, mais um viés por filtro.")
