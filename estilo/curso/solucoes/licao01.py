"""Gabarito da lição 01 (imagens como tensores e a VGG)."""

MEDIA_BGR = (103.939, 116.779, 123.68)
"""A média ImageNet por canal, na ordem BGR (a mesma de ``modelos.MEDIA_BGR``)."""


def exercicio_1():
    """116 px. Percorrendo as convoluções da VGG19 até block4_conv4: cada conv 3×3 soma 2·salto ao lado;
    cada pool 2×2 (na troca de bloco) soma 1·salto e dobra o salto. Blocos 1 e 2 têm 2 convs, 3 e 4 têm 4.
    """
    from estilo.nucleo import modelos

    lado, salto, bloco = 1, 1, 1
    for camada in modelos.camadas_disponiveis("vgg19"):
        if int(camada[5]) != bloco:  # "blockN_convM": mudou o bloco, passou por um pool
            lado, salto, bloco = lado + salto, salto * 2, int(camada[5])
        lado += 2 * salto
        if camada == "block4_conv4":
            return lado
    raise AssertionError("block4_conv4 não encontrada")


def exercicio_2():
    """(1, 37, 50, 512): três pools antes de block4_conv1 (300 → 150 → 75 → 37, arredondando para baixo;
    400 → 200 → 100 → 50) e 512 filtros nas convoluções do bloco 4."""
    altura, largura = 300, 400
    for _ in range(3):
        altura, largura = altura // 2, largura // 2
    return (1, altura, largura, 512)


def preprocessar_pixel(r, g, b):
    """A VGG (de origem Caffe) recebe BGR em [0, 255] menos a média ImageNet de cada canal."""
    return (b * 255.0 - MEDIA_BGR[0], g * 255.0 - MEDIA_BGR[1], r * 255.0 - MEDIA_BGR[2])


def exercicio_3():
    """A função do exercício: inverte para BGR, multiplica por 255 e subtrai a média (como ``modelos.preprocessar``)."""
    return preprocessar_pixel


def exercicio_4():
    """4864: 64 filtros de 5×5×3 = 75 pesos cada (4800), mais um viés por filtro (64)."""
    return 5 * 5 * 3 * 64 + 64
