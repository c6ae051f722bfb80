"""Quanto custa uma avaliação (objetivo + gradiente) em cada configuração: as alavancas de hardware.

    python -m benchmarks.alavancas                 # 256 px, 2 rodadas de 10 avaliações por configuração
    python -m benchmarks.alavancas --lado 512 --rodadas 3

Cada configuração roda num processo separado (threads e oneDNN só podem ser escolhidos antes de o
TensorFlow começar), em rodadas alternadas para que a carga da máquina pese igual em todas. O
aquecimento (rastreamento e 3 avaliações) fica fora da medida.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from benchmarks import medidas

CONFIGURACOES = {
    "float32 (padrão)": {},
    "bfloat16 misto": {"precisao": "bfloat16"},
    "float16 misto": {"precisao": "float16"},
    "float32 + jit_compile (XLA)": {"jit": True},
    "float32, 1 thread por operação": {"intra": 1},
    "float32, inter_op = 1": {"inter": 1},
    "float32 sem oneDNN (Eigen)": {"ambiente": {"TF_ENABLE_ONEDNN_OPTS": "0"}},
}


def medir(lado, avaliacoes, precisao="float32", jit=False, intra=0, inter=0):
    """Mediana de segundos por avaliação, sem o aquecimento."""
    medidas.preparar_ambiente()
    import tensorflow as tf

    if intra:
        tf.config.threading.set_intra_op_parallelism_threads(intra)
    if inter:
        tf.config.threading.set_inter_op_parallelism_threads(inter)
    from estilo.nucleo import dados, modelos
    from estilo.gatys.objetivo import Objetivo

    conteudo = dados.carregar("ponte_golden_gate", lado_maximo=lado)
    estilo = dados.carregar("noite_estrelada", lado_maximo=lado)
    extrator = modelos.Extrator(list(modelos.CAMADAS_ESTILO) + ["block5_conv2"], precisao=precisao)
    objetivo = Objetivo(extrator, conteudo, [estilo], camadas_conteudo=("block5_conv2",))

    @tf.function(jit_compile=jit)
    def avaliar(x):
        with tf.GradientTape() as fita:
            fita.watch(x)
            perda = objetivo(x)["total"]
        return perda, fita.gradient(perda, x)

    x = tf.identity(conteudo)
    for _ in range(3):
        avaliar(x)[1].numpy()
    tempos = []
    for _ in range(avaliacoes):
        inicio = time.perf_counter()
        avaliar(x)[1].numpy()
        tempos.append(time.perf_counter() - inicio)
    return tempos


def principal(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.alavancas", description=__doc__.split("\n")[0])
    p.add_argument("--lado", type=int, default=256)
    p.add_argument("--avaliacoes", type=int, default=10, help="avaliações medidas por rodada (padrão 10)")
    p.add_argument("--rodadas", type=int, default=2, help="rodadas alternadas (padrão 2)")
    p.add_argument("--so", nargs="*", default=None, help="só estas configurações (números, a partir de 1)")
    p.add_argument("--um", default=None, help=argparse.SUPPRESS)  # uso interno: JSON das opções de uma medida
    args = p.parse_args(argv)
    medidas.preparar_ambiente()
    if args.um:
        print("RESULTADO " + json.dumps(medir(args.lado, args.avaliacoes, **json.loads(args.um))))
        return 0

    nomes = list(CONFIGURACOES)
    if args.so:
        nomes = [nomes[int(i) - 1] for i in args.so]
    tempos = {nome: [] for nome in nomes}
    for rodada in range(1, args.rodadas + 1):
        for nome in nomes:
            opcoes = dict(CONFIGURACOES[nome])
            ambiente = {**os.environ, **opcoes.pop("ambiente", {})}
            comando = [sys.executable, "-m", "benchmarks.alavancas", "--lado", str(args.lado),
                       "--avaliacoes", str(args.avaliacoes), "--um", json.dumps(opcoes)]
            saida = subprocess.run(comando, capture_output=True, text=True, cwd=medidas.RAIZ, env=ambiente, check=False)
            achados = [linha for linha in saida.stdout.splitlines() if linha.startswith("RESULTADO ")]
            if saida.returncode or not achados:
                print(f"{nome}: falhou\n{saida.stderr[-1500:]}", flush=True)
                continue
            tempos[nome] += json.loads(achados[-1][len("RESULTADO "):])
            print(f"rodada {rodada}: {nome} medida", flush=True)

    base = statistics.median(tempos[nomes[0]]) if tempos[nomes[0]] else None
    n = medidas.numero
    print(f"\nSegundos por avaliação a {args.lado} px (mediana de {args.rodadas}×{args.avaliacoes}; "
          f"{medidas.descrever_maquina()})")
    print(f"{'configuração':34}{'s/aval':>9}{'mín':>9}{'relativo':>10}")
    for nome in nomes:
        if not tempos[nome]:
            continue
        mediana = statistics.median(tempos[nome])
        relativo = f"{n(mediana / base, 2)}×" if base else "—"
        print(f"{nome:34}{n(mediana, 3):>9}{n(min(tempos[nome]), 3):>9}{relativo:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
