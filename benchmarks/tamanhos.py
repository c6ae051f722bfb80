"""Tempo e memória do método padrão do estilo contra o tamanho da imagem.

    python -m benchmarks.tamanhos                       # 128, 256, 512 e 1024 px, 12 avaliações cada
    python -m benchmarks.tamanhos --lados 128 256 --avaliacoes 20

Cada tamanho roda num processo separado (o pico de memória de um não contamina o outro). Mede segundos por
avaliação (mediana, sem a primeira, que inclui o rastreamento) e o pico de memória residente; estima o
tempo de uma execução completa do padrão (`passos` de `transferir`) multiplicando os dois.
"""

import argparse
import inspect
import json
import subprocess
import sys

from benchmarks import medidas


def medir_um(lado, avaliacoes, conteudo, estilo, precisao):
    """Roda `transferir` com os padrões por `avaliacoes` passos e devolve as medidas (dicionário)."""
    medidas.preparar_ambiente()
    from estilo.nucleo import dados
    from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, Extrator
    from estilo.gatys.transferencia import precisao_padrao, transferir

    foto = dados.carregar(conteudo, lado_maximo=lado)
    pintura = dados.carregar(estilo, lado_maximo=lado)
    extrator = Extrator(list(CAMADAS_CONTEUDO) + list(CAMADAS_ESTILO), precisao=precisao or precisao_padrao())
    base = medidas.memoria_atual_mb()
    medidas.zerar_pico_memoria()
    r = transferir(foto, pintura, lado_maximo=lado, passos=avaliacoes, extrator=extrator)
    pico = medidas.pico_memoria_mb()
    tempos = r.historico["segundos"]
    altura, largura = foto.shape[1:3]
    return {
        "lado": lado, "largura": largura, "altura": altura, "avaliacoes": len(tempos),
        "s_por_avaliacao": medidas.mediana_intervalos(tempos), "primeira_s": tempos[0],
        "pico_mib": pico, "base_mib": base,
        "gflop": medidas.gflop_por_avaliacao(extrator.modelo, altura, largura),
        "precisao": r.configuracao["precisao"], "otimizador": r.configuracao["otimizador"],
    }


def principal(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.tamanhos", description=__doc__.split("\n")[0])
    p.add_argument("--lados", type=int, nargs="+", default=[128, 256, 512, 1024])
    p.add_argument("--avaliacoes", type=int, default=12, help="avaliações medidas por tamanho (padrão 12)")
    p.add_argument("--conteudo", default="ponte_golden_gate")
    p.add_argument("--estilo", default="noite_estrelada")
    p.add_argument("--precisao", default=None)
    p.add_argument("--um", type=int, default=None, help=argparse.SUPPRESS)  # uso interno: mede um tamanho só
    args = p.parse_args(argv)
    if args.um:
        print("RESULTADO " + json.dumps(medir_um(args.um, args.avaliacoes, args.conteudo, args.estilo, args.precisao)))
        return 0

    medidas.preparar_ambiente()
    from estilo.gatys.transferencia import transferir

    passos_padrao = inspect.signature(transferir).parameters["passos"].default
    print(f"Método padrão do estilo contra o tamanho ({args.avaliacoes} avaliações por tamanho; "
          f"execução completa = {passos_padrao} passos)", flush=True)
    print(f"{'lado':>6} {'tamanho':>11} {'s/aval':>8} {'GFLOP/s':>8} {'pico MiB':>9} {'acima da base':>14} "
          f"{'execução completa':>18}")
    n = medidas.numero
    linhas = []
    for lado in args.lados:
        comando = [sys.executable, "-m", "benchmarks.tamanhos", "--um", str(lado), "--avaliacoes",
                   str(args.avaliacoes), "--conteudo", args.conteudo, "--estilo", args.estilo]
        if args.precisao:
            comando += ["--precisao", args.precisao]
        saida = subprocess.run(comando, capture_output=True, text=True, cwd=medidas.RAIZ, check=False)
        achados = [linha for linha in saida.stdout.splitlines() if linha.startswith("RESULTADO ")]
        if saida.returncode or not achados:
            print(f"{lado:>6} falhou:\n{saida.stderr[-2000:]}")
            continue
        m = json.loads(achados[-1][len("RESULTADO "):])
        linhas.append(m)
        estimado = m["s_por_avaliacao"] * passos_padrao
        print(f"{lado:>6} {m['largura']:>5}×{m['altura']:<5} {n(m['s_por_avaliacao'], 3):>8} "
              f"{n(m['gflop'] / m['s_por_avaliacao'], 1):>8} {n(m['pico_mib'], 0):>9} "
              f"{n(m['pico_mib'] - m['base_mib'] if m['base_mib'] else None, 0):>14} "
              f"{'~' + n(estimado / 60, 1) + ' min':>18}", flush=True)
    if linhas:
        print(f"(precisão {linhas[0]['precisao']}, otimizador {linhas[0]['otimizador']}; pico = memória residente "
              f"máxima do processo, com o TensorFlow e a VGG carregados; base = antes de otimizar; execução completa "
              f"= estimativa, s/aval × {passos_padrao})")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
