"""Ajuda comum dos testes da linha de comando: o espelho das imagens, rodar no mesmo processo, uma imagem
aleatória pequena. (Os testes importam daqui: ``from apoio import ...``; o pytest põe tests/ no caminho.)"""

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from estilo.__main__ import principal

RAIZ = Path(__file__).resolve().parents[1]
# o espelho como o conftest.py da raiz o acha: ESTILO_IMAGENS, ou a pasta shared/imagens ao lado do clone
ESPELHO = Path(os.environ.get("ESTILO_IMAGENS") or RAIZ.parent / "shared" / "imagens").expanduser()
precisa_espelho = pytest.mark.skipif(
    not (ESPELHO / "noite_estrelada.jpg").is_file(), reason="espelho local das imagens indisponível"
)


def rodar(capsys, *argv):
    """``python -m estilo ARGV`` no mesmo processo: (código de saída, stdout, stderr)."""
    codigo = principal([str(a) for a in argv])
    capturado = capsys.readouterr()
    return codigo, capturado.out, capturado.err


def imagem_aleatoria(caminho, largura=48, altura=40, semente=0):
    """Grava um PNG de ruído colorido (largura × altura) em ``caminho`` e o devolve."""
    arr = np.random.default_rng(semente).integers(0, 256, (altura, largura, 3), dtype=np.uint8)
    Image.fromarray(arr).save(caminho)
    return caminho
