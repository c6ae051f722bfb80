"""Importar o TensorFlow sem o ruído do C++ (absl, oneDNN, CUDA) que ignora TF_CPP_MIN_LOG_LEVEL."""

import contextlib
import importlib
import io
import os
import re
import sys
import tempfile

_RUIDO_DO_TF = re.compile(
    r"All log messages before absl::InitializeLog|oneDNN custom operations are on|"
    r"Unable to register cu(DNN|FFT|BLAS) factory|computation placer already registered|"
    r"Could not find cuda drivers|failed call to cuInit|TF-TRT Warning|"
    r"This TensorFlow binary is optimized|rebuild TensorFlow with the appropriate compiler flags"
)


def preparar_ambiente():
    """TF_CPP_MIN_LOG_LEVEL=2 antes de importar o TensorFlow (a escolha do usuário é respeitada)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def importar_tensorflow():
    """Importa o TensorFlow escondendo as linhas que ignoram TF_CPP_MIN_LOG_LEVEL (log do absl, TF ≥ 2.17).

    O stderr do processo vai para um arquivo durante o import; o que não for esse ruído é repassado.
    """
    if "tensorflow" in sys.modules or os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0").strip() in ("", "0"):
        importlib.import_module("tensorflow")
        return
    try:
        sys.stderr.flush()
        copia = os.dup(2)
    except (OSError, ValueError):
        importlib.import_module("tensorflow")
        return
    with tempfile.TemporaryFile() as capturado:
        os.dup2(capturado.fileno(), 2)
        try:
            tf = importlib.import_module("tensorflow")
            tf.config.list_physical_devices("GPU")  # a procura por CUDA também escreve no stderr
        finally:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.flush()
            os.dup2(copia, 2)
            os.close(copia)
            capturado.seek(0)
            for linha in capturado.read().decode("utf-8", "replace").splitlines(keepends=True):
                if not _RUIDO_DO_TF.search(linha):
                    sys.stderr.write(linha)


def calar_stdout(calar):
    """Contexto que engole o stdout quando ``calar`` (para o --silencioso)."""
    return contextlib.redirect_stdout(io.StringIO()) if calar else contextlib.nullcontext()
