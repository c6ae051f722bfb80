"""Figuras do curso: imagens, grades, curvas de perda, mapas de ativação e matrizes de Gram.

Cada função desenha e mostra a figura (nada é devolvido, para o Jupyter não a desenhar duas vezes).
"""

import matplotlib.pyplot as plt
import numpy as np

from estilo.nucleo import imagens as _imagens
from estilo.nucleo.formatar import rotulo


def _para_exibir(imagem):
    if isinstance(imagem, np.ndarray) and imagem.ndim == 2:
        return imagem
    return _imagens.para_numpy(imagem)


def mostrar(imagem, titulo=None, tamanho=5):
    """Mostra uma imagem (tensor da convenção, numpy ou PIL) sem eixos."""
    figura, eixo = plt.subplots(figsize=(tamanho, tamanho))
    eixo.imshow(_para_exibir(imagem))
    eixo.set_axis_off()
    if titulo:
        eixo.set_title(titulo)
    plt.show()


def grade(imagens, titulos=None, colunas=None, tamanho=3.2, titulo=None):
    """Mostra várias imagens lado a lado (em linhas de `colunas`)."""
    imagens = list(imagens)
    colunas = colunas or len(imagens)
    linhas = -(-len(imagens) // colunas)
    figura, eixos = plt.subplots(linhas, colunas, figsize=(tamanho * colunas, tamanho * linhas), squeeze=False)
    for i, eixo in enumerate(eixos.flat):
        eixo.set_axis_off()
        if i < len(imagens):
            eixo.imshow(_para_exibir(imagens[i]), cmap="gray" if np.ndim(imagens[i]) == 2 else None)
            if titulos:
                eixo.set_title(titulos[i], fontsize=10)
    if titulo:
        figura.suptitle(titulo)
    figura.tight_layout()
    plt.show()


def curvas(historicos, termos=("conteudo", "estilo", "tv", "total"), eixo_x="passo", titulo=None):
    """Curvas do custo (escala log). `historicos`: um histórico ou {rótulo: histórico}."""
    if "total" in historicos:
        historicos = {"": historicos}
    figura, eixos = plt.subplots(1, len(termos), figsize=(4 * len(termos), 3.2), squeeze=False)
    for eixo, termo in zip(eixos.flat, termos):
        for legenda, h in historicos.items():
            x = h["segundos"] if eixo_x == "segundos" else np.arange(1, len(h[termo]) + 1)
            eixo.plot(x, h[termo], label=legenda or None)
        eixo.set_yscale("log")
        eixo.set_title(rotulo(termo))
        eixo.set_xlabel("segundos" if eixo_x == "segundos" else "passo")
        eixo.grid(alpha=0.3)
        if any(historicos):
            eixo.legend(fontsize=8)
    if titulo:
        figura.suptitle(titulo)
    figura.tight_layout()
    plt.show()


def mapas_ativacao(ativacoes, quantidade=16, colunas=8, titulo=None, tamanho=1.6):
    """Desenha os `quantidade` canais mais ativos de um tensor (1, H, W, C) como imagens."""
    a = np.asarray(ativacoes)[0]
    canais = np.argsort(a.mean(axis=(0, 1)))[::-1][:quantidade]
    linhas = -(-len(canais) // colunas)
    figura, eixos = plt.subplots(linhas, colunas, figsize=(tamanho * colunas, tamanho * linhas), squeeze=False)
    for eixo in eixos.flat:
        eixo.set_axis_off()
    for eixo, c in zip(eixos.flat, canais):
        eixo.imshow(a[..., c], cmap="viridis")
        eixo.set_title(f"canal {c}", fontsize=7)
    if titulo:
        figura.suptitle(titulo)
    figura.tight_layout()
    plt.show()


def mapa_gram(gram, titulo=None, canais=64):
    """Mapa de calor dos primeiros `canais` × `canais` de uma matriz de Gram."""
    g = np.asarray(gram)[:canais, :canais]
    figura, eixo = plt.subplots(figsize=(4.2, 3.6))
    im = eixo.imshow(g, cmap="magma")
    figura.colorbar(im, ax=eixo)
    eixo.set_xlabel("canal")
    eixo.set_ylabel("canal")
    if titulo:
        eixo.set_title(titulo)
    figura.tight_layout()
    plt.show()
