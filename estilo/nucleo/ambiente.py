"""Onde estamos rodando: Colab, GPU, modo rápido e pasta de cache."""

import os
import sys
from pathlib import Path


def em_colab() -> bool:
    """True quando o código roda no Google Colab."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def tem_gpu() -> bool:
    """True quando o TensorFlow enxerga pelo menos uma GPU."""
    import tensorflow as tf

    return bool(tf.config.list_physical_devices("GPU"))


def modo_rapido() -> bool:
    """True quando ESTILO_MODO_RAPIDO=1 (usado pelos testes para encolher tamanhos e passos)."""
    return os.environ.get("ESTILO_MODO_RAPIDO", "").strip().lower() in {"1", "true", "sim", "yes"}


def pasta_cache() -> Path:
    """Pasta de cache do estilo (ESTILO_CACHE, ou ~/.cache/estilo); criada sob demanda."""
    base = os.environ.get("ESTILO_CACHE")
    if base:
        pasta = Path(base).expanduser()
    else:
        raiz = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        pasta = Path(raiz) / "estilo"
    pasta.mkdir(parents=True, exist_ok=True)
    return pasta
