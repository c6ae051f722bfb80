"""Gabarito da lição 00 (o quiz do sumário)."""


def exercicio_1():
    """(b) os pixels: a VGG fica congelada e a pintura é só a referência; o gradiente do custo é em relação à imagem."""
    return "b"


def exercicio_2():
    """O catálogo separa fotos de conteúdo e pinturas de estilo pelo tipo: basta contar as de tipo 'estilo'."""
    from estilo.nucleo import dados

    return len(dados.listar("estilo"))
