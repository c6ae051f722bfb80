"""Configuração comum dos testes: modo rápido e espelho local das imagens, quando houver."""

import os
from pathlib import Path

RAIZ = Path(__file__).resolve().parent


def pytest_configure(config):
    # setdefault: um instrutor pode rodar os cadernos em tamanho real com ESTILO_MODO_RAPIDO=0.
    os.environ.setdefault("ESTILO_MODO_RAPIDO", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    espelho = RAIZ.parent / "shared" / "imagens"
    if "ESTILO_IMAGENS" not in os.environ and espelho.is_dir():
        os.environ["ESTILO_IMAGENS"] = str(espelho)
