"""Quanto cabe na memória: uma estimativa medida do custo de um passo por pixel (VGG16 + L-BFGS, float32)."""

import contextlib
import os

BYTES_POR_PIXEL = 3000
"""Memória de um passo por pixel da imagem: ~2,7 kB medidos numa CPU (veja docs/desempenho.md)."""

FRACAO_MEMORIA = 0.6
"""Fração da memória livre que um passo pode ocupar."""


def memoria_livre():
    """Bytes de memória disponível (MemAvailable no Linux); None quando não dá para saber."""
    with contextlib.suppress(OSError, ValueError), open("/proc/meminfo", encoding="ascii") as arquivo:
        for linha in arquivo:
            if linha.startswith("MemAvailable:"):
                return int(linha.split()[1]) * 1024
    with contextlib.suppress(AttributeError, OSError, ValueError):
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return None


def bytes_do_passo(altura, largura) -> float:
    """Memória estimada de um passo numa imagem de altura × largura px."""
    return altura * largura * BYTES_POR_PIXEL


def lado_que_cabe(altura, largura, memoria) -> int:
    """Maior lado (proporção de altura × largura) cujo passo cabe em FRACAO_MEMORIA de ``memoria`` bytes."""
    return int(max(altura, largura) * (FRACAO_MEMORIA * memoria / bytes_do_passo(altura, largura)) ** 0.5)


def cabe(altura, largura, memoria) -> bool:
    """True quando um passo em altura × largura px cabe em FRACAO_MEMORIA de ``memoria`` bytes."""
    return bytes_do_passo(altura, largura) <= FRACAO_MEMORIA * memoria


def gb(n) -> str:
    """Bytes em GB, para o leitor pt-BR ('3,2 GB')."""
    return f"{n / 2**30:.1f} GB".replace(".", ",")
