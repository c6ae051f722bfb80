"""Imagens por segundo da rede rápida (Johnson et al., 2016) contra a otimização, no mesmo processo.

    python -m benchmarks.rede_rapida                      # 256 e 512 px, rede do artigo (32 filtros, 5 blocos)
    python -m benchmarks.rede_rapida --rede noite.keras --lados 256 512 1024

Para cada tamanho: estiliza `--repeticoes` vezes a mesma foto (a 1ª, que monta o grafo, fica de fora) e
mede imagens/s; como linha de base, mede no mesmo processo o segundo por avaliação do `transferir`
padrão (L-BFGS) e multiplica pelos passos padrão (300): o tempo de uma foto pela otimização. Imprime a
razão entre os dois. Os pesos da rede não mudam o custo: sem `--rede`, usa a arquitetura do artigo com
pesos aleatórios.
"""

import argparse
import statistics
import time

from benchmarks import medidas


def medir(lados, repeticoes, avaliacoes, caminho_rede, conteudo, estilo):
    medidas.preparar_ambiente()
    import inspect

    from estilo.nucleo import dados, imagens
    from estilo.rapida import rede as rede_rapida
    from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, Extrator
    from estilo.gatys.transferencia import transferir

    rede = rede_rapida.carregar_rede(caminho_rede) if caminho_rede else rede_rapida.construir_rede()
    passos_padrao = inspect.signature(transferir).parameters["passos"].default
    extrator = Extrator(list(CAMADAS_CONTEUDO) + list(CAMADAS_ESTILO))
    linhas = []
    for lado in lados:
        foto = imagens.redimensionar(dados.carregar(conteudo, lado_maximo=2 * lado), tamanho=(lado, lado))
        pintura = dados.carregar(estilo, lado_maximo=lado)
        tempos = []
        medidas.zerar_pico_memoria()
        for _ in range(repeticoes + 1):
            inicio = time.perf_counter()
            rede_rapida.estilizar(rede, foto).numpy()
            tempos.append(time.perf_counter() - inicio)
        s_imagem = statistics.median(tempos[1:])
        pico = medidas.pico_memoria_mb()
        r = transferir(foto, pintura, lado_maximo=lado, passos=avaliacoes, extrator=extrator)
        s_avaliacao = medidas.mediana_intervalos(r.historico["segundos"])
        otimizacao = s_avaliacao * passos_padrao
        linhas.append({"lado": lado, "px": f"{foto.shape[2]}×{foto.shape[1]}", "s_imagem": s_imagem,
                       "imagens_s": 1 / s_imagem, "pico_mib": pico, "s_avaliacao": s_avaliacao, "otimizacao_s": otimizacao,
                       "razao": otimizacao / s_imagem})
    return linhas, passos_padrao, rede.count_params()


def principal(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.rede_rapida", description=__doc__.split("\n")[0])
    p.add_argument("--lados", type=int, nargs="+", default=[256, 512])
    p.add_argument("--repeticoes", type=int, default=5, help="estilizações medidas por tamanho (padrão 5)")
    p.add_argument("--avaliacoes", type=int, default=6, help="avaliações da otimização medidas (padrão 6)")
    p.add_argument("--rede", default=None, help="rede treinada (.keras); sem ela, a arquitetura do artigo")
    p.add_argument("--conteudo", default="ponte_golden_gate")
    p.add_argument("--estilo", default="noite_estrelada")
    args = p.parse_args(argv)
    linhas, passos, parametros = medir(args.lados, args.repeticoes, args.avaliacoes, args.rede, args.conteudo,
                                       args.estilo)
    print(f"# Rede rápida contra otimização — {medidas.descrever_maquina()}")
    print(f"# rede: {args.rede or 'arquitetura do artigo (32 filtros, 5 blocos)'}, "
          f"{medidas.numero(parametros, 0)} parâmetros; imagens quadradas ({args.conteudo} redimensionada)")
    print(f"| lado | rede: s/imagem | rede: imagens/s | pico de memória (MiB) | otimização: s/avaliação "
          f"| otimização: s/imagem ({passos} passos) | razão |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for li in linhas:
        print(f"| {li['px']} | {medidas.numero(li['s_imagem'], 3)} | {medidas.numero(li['imagens_s'])} "
              f"| {medidas.numero(li['pico_mib'], 0)} "
              f"| {medidas.numero(li['s_avaliacao'], 3)} | {medidas.numero(li['otimizacao_s'], 0)} "
              f"| {medidas.numero(li['razao'], 0)}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(principal())
