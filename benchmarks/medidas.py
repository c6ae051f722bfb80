"""Medidas comuns aos benchmarks: memória de pico, FLOPs da VGG, ambiente e imagens."""

import itertools
import math
import os
import platform
import resource
import statistics
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PASTA_RESULTADOS = Path(__file__).resolve().parent / "resultados"


def preparar_ambiente():
    """Silencia o log do TensorFlow e aponta o espelho local das imagens, se existir (antes de importar o TF)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    espelho = RAIZ.parent / "shared" / "imagens"
    if "ESTILO_IMAGENS" not in os.environ and espelho.is_dir():
        os.environ["ESTILO_IMAGENS"] = str(espelho)


def zerar_pico_memoria():
    """Zera o pico de memória residente do processo (Linux: /proc/self/clear_refs); False se não der."""
    try:
        with open("/proc/self/clear_refs", "w") as arquivo:
            arquivo.write("5")
        return True
    except OSError:
        return False


def _status(chave):
    try:
        with open("/proc/self/status") as arquivo:
            for linha in arquivo:
                if linha.startswith(chave + ":"):
                    return int(linha.split()[1]) / 1024
    except OSError:
        pass
    return None


def pico_memoria_mb():
    """Pico de memória residente (MiB) desde o último `zerar_pico_memoria`."""
    pico = _status("VmHWM")
    if pico is None:  # fora do Linux: pico desde o início do processo
        pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pico


def memoria_atual_mb():
    """Memória residente agora (MiB), ou None fora do Linux."""
    return _status("VmRSS")


def gflop_por_avaliacao(modelo, altura, largura):
    """GFLOP estimados de uma avaliação: ida pela VGG + volta até a imagem (≈ 2 × a ida nas convoluções).

    Os pesos estão congelados, então a volta só calcula o gradiente da entrada (um custo igual ao da ida
    por convolução); ReLU, pooling e as matrizes de Gram são desprezíveis perto das convoluções.
    """
    import keras

    h, w, flops = altura, largura, 0
    for camada in modelo.layers:
        if isinstance(camada, keras.layers.Conv2D):
            kh, kw, entrada, saida = camada.kernel.shape
            flops += 2 * h * w * kh * kw * entrada * saida
        elif isinstance(camada, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
            h, w = h // 2, w // 2
    return 2 * flops / 1e9


def mediana_intervalos(tempos):
    """Mediana dos intervalos entre avaliações, sem a primeira (que inclui o rastreamento do tf.function)."""
    intervalos = [b - a for a, b in itertools.pairwise(tempos)]
    return statistics.median(intervalos) if intervalos else float("nan")


def descrever_maquina():
    """Uma linha com CPU, núcleos e versões."""
    import tensorflow as tf

    modelo = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as arquivo:
            for linha in arquivo:
                if linha.startswith("model name"):
                    modelo = linha.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{modelo}, {os.cpu_count()} núcleos, TensorFlow {tf.__version__}"


def numero(valor, casas=2):
    """Número no formato brasileiro (vírgula decimal)."""
    if valor is None or math.isnan(valor):
        return "—"
    return f"{valor:,.{casas}f}".replace(",", "X").replace(".", ",").replace("X", ".")
