"""Um rabisco infantil desenhado por código (céu, sol, morros, casa e árvore), reprodutível pela semente."""

import math
import random

from PIL import Image, ImageDraw

from estilo.nucleo.erros import ErroParametro

FUNDO = (250, 246, 232)
"""Cor do papel."""

CORES = {
    "ceu": (90, 160, 230),
    "sol": (250, 200, 40),
    "nuvem": (255, 255, 255),
    "morro_fundo": (120, 190, 90),
    "morro_frente": (60, 140, 60),
    "parede": (225, 90, 60),
    "telhado": (140, 60, 40),
    "porta": (110, 70, 40),
    "janela": (250, 230, 120),
    "tronco": (120, 80, 40),
    "copa": (40, 110, 50),
    "flor": (230, 60, 140),
}
"""As cores de giz de cera usadas no desenho."""


def _tremido(sorteio, pontos, amplitude):
    """Desloca cada ponto um pouco, como a mão que treme ao desenhar."""
    return [(x + sorteio.uniform(-amplitude, amplitude), y + sorteio.uniform(-amplitude, amplitude)) for x, y in pontos]


def _risco(desenho, sorteio, pontos, cor, espessura, amplitude):
    """Uma linha à mão livre passando pelos pontos."""
    desenho.line(_tremido(sorteio, pontos, amplitude), fill=cor, width=max(1, round(espessura)), joint="curve")


def desenhar(largura=256, altura=192, semente=0):
    """Desenha o rabisco e devolve uma PIL.Image RGB de `largura` × `altura` px.

    A mesma semente dá sempre o mesmo desenho; outra semente mexe nas posições e nos tremidos.
    """
    for nome, valor in (("largura", largura), ("altura", altura)):
        if isinstance(valor, bool) or not isinstance(valor, int) or not 32 <= valor <= 4096:
            raise ErroParametro(f"{nome} deve ser um inteiro entre 32 e 4096 pixels, não {valor!r}.")
    sorteio = random.Random(semente)
    imagem = Image.new("RGB", (largura, altura), FUNDO)
    d = ImageDraw.Draw(imagem)
    u = min(largura, altura) / 100  # unidade de desenho: 1/100 do lado menor
    tremor = 0.8 * u

    # céu: faixas horizontais de giz azul, com falhas como num desenho de criança
    y = 2 * u
    while y < 0.45 * altura:
        inicio = sorteio.uniform(0, 0.08) * largura
        fim = largura - sorteio.uniform(0, 0.08) * largura
        pontos = [(inicio + (fim - inicio) * t / 6, y + sorteio.uniform(-u, u)) for t in range(7)]
        _risco(d, sorteio, pontos, CORES["ceu"], 3 * u, tremor)
        y += sorteio.uniform(4, 6) * u

    # sol com raios, no canto
    cx, cy = sorteio.uniform(0.72, 0.85) * largura, sorteio.uniform(0.14, 0.22) * altura
    r = 10 * u
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=CORES["sol"], outline=(235, 150, 20), width=max(1, round(u)))
    for k in range(10):
        angulo = 2 * math.pi * (k + sorteio.uniform(-0.15, 0.15)) / 10
        p0 = (cx + 1.3 * r * math.cos(angulo), cy + 1.3 * r * math.sin(angulo))
        p1 = (cx + 1.9 * r * math.cos(angulo), cy + 1.9 * r * math.sin(angulo))
        _risco(d, sorteio, [p0, p1], CORES["sol"], 1.6 * u, 0.4 * u)

    # duas nuvens: grupos de círculos brancos com contorno cinza
    for cx_n in (sorteio.uniform(0.12, 0.25) * largura, sorteio.uniform(0.42, 0.55) * largura):
        cy_n = sorteio.uniform(0.12, 0.2) * altura
        for dx, raio in ((-7, 5), (0, 7), (7, 5)):
            x0, raio = cx_n + dx * u, raio * u
            d.ellipse((x0 - raio, cy_n - raio, x0 + raio, cy_n + raio), fill=CORES["nuvem"], outline=(170, 170, 180))

    # morros: dois arcos grandes, o de trás mais claro
    for cor, base, topo in (("morro_fundo", 0.62, 0.42), ("morro_frente", 0.75, 0.55)):
        pico = sorteio.uniform(0.25, 0.75) * largura
        meia = sorteio.uniform(0.55, 0.8) * largura
        d.ellipse((pico - meia, topo * altura, pico + meia, (2 * base - topo) * altura + altura * 0.6), fill=CORES[cor])
        d.rectangle((0, base * altura + altura * 0.1, largura, altura), fill=CORES[cor])

    # casa: parede, telhado, porta e janela
    x0 = sorteio.uniform(0.12, 0.22) * largura
    base = 0.82 * altura
    lado = 28 * u
    d.rectangle((x0, base - lado, x0 + lado, base), fill=CORES["parede"], outline=(90, 30, 20), width=max(1, round(u)))
    d.polygon(
        _tremido(sorteio, [(x0 - 4 * u, base - lado), (x0 + lado / 2, base - lado - 18 * u), (x0 + lado + 4 * u, base - lado)], tremor),
        fill=CORES["telhado"],
    )
    d.rectangle((x0 + 0.58 * lado, base - 0.5 * lado, x0 + 0.82 * lado, base), fill=CORES["porta"])
    d.rectangle((x0 + 0.15 * lado, base - 0.8 * lado, x0 + 0.42 * lado, base - 0.55 * lado), fill=CORES["janela"],
                outline=(90, 30, 20), width=max(1, round(0.6 * u)))

    # árvore: tronco e copa redonda
    tx = sorteio.uniform(0.6, 0.72) * largura
    d.rectangle((tx - 2.5 * u, base - 22 * u, tx + 2.5 * u, base + 2 * u), fill=CORES["tronco"])
    for dx, dy, raio in ((0, -30, 11), (-8, -24, 8), (8, -24, 8)):
        x, y_c, raio = tx + dx * u, base + dy * u, raio * u
        d.ellipse((x - raio, y_c - raio, x + raio, y_c + raio), fill=CORES["copa"])

    # flores: pontinhos coloridos no gramado da frente
    for _ in range(7):
        fx, fy = sorteio.uniform(0.05, 0.95) * largura, sorteio.uniform(0.88, 0.97) * altura
        d.ellipse((fx - 1.8 * u, fy - 1.8 * u, fx + 1.8 * u, fy + 1.8 * u), fill=CORES["flor"])
    return imagem
