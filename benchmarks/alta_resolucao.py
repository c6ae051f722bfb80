"""Alta resolução: otimização direta no lado final × do grosso ao fino, numa só execução.

    python -m benchmarks.alta_resolucao --rapido        # 384 px, escalas [192, 384] (~3 minutos)
    python -m benchmarks.alta_resolucao --lado 1024     # escalas [256, 512, 1024] (~15 minutos em 2 núcleos)

Mesmas imagens (a foto e a pintura carregadas uma vez), mesma VGG16, mesmo objetivo (o padrão de
`transferir`, pintura com o lado da saída). Primeiro (b) `transferir_em_escalas`; a perda da imagem
final dele é medida no lado final (float32, fora do relógio). Depois (a) a otimização direta no lado
final (L-BFGS padrão) roda até alcançar essa perda ou até o teto de tempo. Os dois relógios contam tudo
a partir da chamada (montar os objetivos, rastrear o tf.function a cada tamanho, otimizar).
"""

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks import medidas


def ler_argumentos(argv=None):
    p = argparse.ArgumentParser(prog="python -m benchmarks.alta_resolucao",
                                description="Direta × do grosso ao fino: tempo até a mesma perda no lado final.")
    p.add_argument("--lado", type=int, default=None, help="lado maior da saída em pixels (padrão 1024)")
    p.add_argument("--rapido", action="store_true", help="versão rápida: 384 px, escalas [192, 384], 60 passos")
    p.add_argument("--escalas", type=int, nargs="+", default=None,
                   help="lados das escalas de (b) (padrão: as automáticas; até 512 px, [lado/2, lado])")
    p.add_argument("--passos", type=int, default=None,
                   help="passos de (b) na escala mais grossa; metade a cada escala, mínimo 20 (padrão 150)")
    p.add_argument("--teto", type=float, default=None,
                   help="segundos máximos de (a), a direta (padrão: 600; 150 com --rapido)")
    p.add_argument("--so-escalas", action="store_true", help="só (b): tempo e memória, sem a direta")
    p.add_argument("--conteudo", default="ponte_golden_gate", help="foto do catálogo (padrão ponte_golden_gate)")
    p.add_argument("--estilo", default="noite_estrelada", help="pintura do catálogo (padrão noite_estrelada)")
    p.add_argument("--saida", default=str(medidas.PASTA_RESULTADOS), help="pasta do PNG e do JSON")
    args = p.parse_args(argv)
    args.lado = args.lado or (384 if args.rapido else 1024)
    args.passos = args.passos or (60 if args.rapido else 150)
    args.teto = args.teto or (150.0 if args.rapido else 600.0)
    if args.lado < 64 or args.passos < 1 or args.teto <= 0:
        p.error("use --lado ≥ 64, --passos ≥ 1 e --teto > 0")
    return args


def _escalas(lado, pedidas):
    from estilo.gatys.escalas import planejar_escalas

    if pedidas:
        return planejar_escalas(lado, pedidas)
    automaticas = planejar_escalas(lado)
    return automaticas if len(automaticas) > 1 else [lado // 2, lado]


def rodar_escalas(foto, pintura, lado, escalas, passos, extrator, relatar):
    """(b): do grosso ao fino; devolve (Resultado, segundos de relógio)."""
    from estilo.gatys.escalas import transferir_em_escalas

    def ao_progresso(p):
        if p.passo == 1 or p.passo == p.total_passos:
            relatar(f"  (b) escala {p.escala}/{p.total_escalas} ({p.lado} px), passo {p.passo}/{p.total_passos}: "
                    f"perda {p.perdas['total']:.4g}")

    inicio = time.perf_counter()
    r = transferir_em_escalas(foto, pintura, escalas=escalas, lado_maximo=lado, passos=passos, extrator=extrator,
                              ao_progresso=ao_progresso)
    return r, time.perf_counter() - inicio


def rodar_direta(foto, pintura, lado, alvo, teto, extrator, relatar):
    """(a): direto no lado final até a melhor perda chegar a ``alvo`` ou ``teto`` segundos."""
    from estilo.gatys.escalas import transferir_em_escalas

    estado = {"alcancou": None, "curva": []}
    inicio = time.perf_counter()

    def ao_progresso(p):
        agora = time.perf_counter() - inicio
        estado["curva"].append((agora, p.melhor_perda))
        if p.passo % 10 == 0:
            relatar(f"  (a) avaliação {p.passo}: melhor perda {p.melhor_perda:.4g}, {agora:.0f} s")
        if p.melhor_perda <= alvo:
            estado["alcancou"] = (p.passo, agora)
            return False
        return agora < teto

    r = transferir_em_escalas(foto, pintura, escalas=False, lado_maximo=lado, passos=100_000, extrator=extrator,
                              ao_progresso=ao_progresso)
    return r, time.perf_counter() - inicio, estado


def avaliacoes_equivalentes(etapas, pixels_final):
    """Custo de (b) em avaliações do lado final: cada passo pesa (pixels da escala) / (pixels finais)."""
    return sum(e["feitos"] * e["tamanho"][0] * e["tamanho"][1] / pixels_final for e in etapas)


def termos_por_camada(objetivo, img):
    """Os termos ponderados da perda de ``img``, com o estilo separado por camada (para ver onde cada método perde)."""
    from estilo.nucleo import perdas

    ativacoes = objetivo.extrator(img)
    termos = {t: float(v) for t, v in objetivo.perdas_de(ativacoes, img).items()}
    for c in objetivo.camadas_estilo:
        gram = perdas.matriz_gram(ativacoes[c])
        termos[c] = float(objetivo.peso_estilo * objetivo.pesos_camadas_estilo[c]
                          * perdas.custo_estilo_camada(gram, objetivo.alvos_estilo[c]))
    return termos


def perdas_nas_escalas(foto, pintura, escalas, extrator, resultados):
    """{lado: {rótulo: perda}}: cada imagem reduzida a cada escala e medida pelo objetivo padrão de `transferir`
    naquele lado (o mesmo γ em todos: é a perda que a otimização direta naquele lado usaria).

    A perda no lado final só vê texturas do tamanho dos campos receptivos naquele lado; reduzida a 256 px,
    a mesma imagem mostra se a composição (os redemoinhos grandes, as manchas de cor) também é da pintura.
    """
    from estilo.gatys.escalas import preparar_escala
    from estilo.gatys.objetivo import Objetivo
    from estilo.nucleo import imagens

    tabela = {}
    for lado in escalas:
        foto_k, pinturas_k = preparar_escala(foto, [pintura], lado)
        objetivo = Objetivo(extrator, foto_k, pinturas_k, peso_estilo=1.0)
        tamanho = tuple(int(d) for d in foto_k.shape[1:3])
        tabela[lado] = {rotulo: float(objetivo(imagens.redimensionar(img, tamanho=tamanho))["total"])
                        for rotulo, img in resultados.items()}
    return tabela


def principal(argv=None):
    args = ler_argumentos(argv)
    medidas.preparar_ambiente()
    from estilo.gatys.escalas import lado_do_estilo, preparar_escala
    from estilo.gatys.objetivo import Objetivo
    from estilo.nucleo import dados, imagens, modelos

    def relatar(texto):
        print(texto, flush=True)

    n = medidas.numero
    foto = dados.carregar(args.conteudo, lado_maximo=args.lado)
    if max(foto.shape[1:3]) < args.lado:  # o catálogo não chega lá: a foto é ampliada (dito na saída)
        relatar(f"A foto tem só {max(foto.shape[1:3])} px de lado maior: ampliada para {args.lado} px.")
        foto = imagens.redimensionar(foto, lado_maximo=args.lado)
    pintura = dados.carregar(args.estilo, lado_maximo=lado_do_estilo(args.lado))
    altura, largura = (int(d) for d in foto.shape[1:3])
    escalas = _escalas(args.lado, args.escalas)
    extrator = modelos.Extrator(list(modelos.CAMADAS_CONTEUDO) + list(modelos.CAMADAS_ESTILO))
    foto_final, pinturas_finais = preparar_escala(foto, [pintura], args.lado)
    objetivo = Objetivo(extrator, foto_final, pinturas_finais, peso_estilo=1.0)  # o objetivo padrão de transferir

    def exata(img):
        return float(objetivo(img)["total"])

    relatar("Benchmark: alta resolução, direta × do grosso ao fino")
    relatar(f"Máquina: {medidas.descrever_maquina()}")
    relatar(f"Imagens: {args.conteudo} ({largura}×{altura} px) + {args.estilo} ({int(pintura.shape[2])}×"
            f"{int(pintura.shape[1])} px); objetivo padrão de transferir; L-BFGS padrão nos dois")

    relatar(f"\n(b) Do grosso ao fino: escalas {escalas}, {args.passos} passos na mais grossa")
    medidas.zerar_pico_memoria()
    base_b = medidas.memoria_atual_mb()
    r_b, tempo_b = rodar_escalas(foto, pintura, args.lado, escalas, args.passos, extrator, relatar)
    pico_b = medidas.pico_memoria_mb()
    alvo = exata(r_b.imagem)
    equivalentes = avaliacoes_equivalentes(r_b.configuracao["etapas"], altura * largura)
    for e in r_b.configuracao["etapas"]:
        relatar(f"  escala {e['lado']} px ({e['tamanho'][1]}×{e['tamanho'][0]}): {e['feitos']} passos em "
                f"{n(e['segundos'], 1)} s ({n(e['segundos'] / max(e['feitos'], 1), 3)} s/passo)")
    relatar(f"  total {n(tempo_b, 1)} s; custo ≈ {n(equivalentes, 1)} avaliações de {args.lado} px; "
            f"perda exata no lado final: {alvo:.6g}; pico de memória {n(pico_b, 0)} MiB")
    dados_json = {"lado": args.lado, "tamanho": [largura, altura], "escalas": escalas, "maquina":
                  medidas.descrever_maquina(), "b": {"segundos": tempo_b, "perda": alvo, "pico_mib": pico_b,
                  "base_mib": base_b, "avaliacoes_equivalentes": equivalentes, "etapas": r_b.configuracao["etapas"]}}
    lado_a_lado = [r_b.imagem]

    if not args.so_escalas:
        relatar(f"\n(a) Direta em {args.lado} px: até a perda {alvo:.6g} ou {n(args.teto, 0)} s")
        medidas.zerar_pico_memoria()
        base_a = medidas.memoria_atual_mb()
        r_a, tempo_a, estado = rodar_direta(foto, pintura, args.lado, alvo, args.teto, extrator, relatar)
        pico_a = medidas.pico_memoria_mb()
        final_a = exata(r_a.imagem)
        no_mesmo_tempo = min((p for t, p in estado["curva"] if t <= tempo_b), default=float("nan"))
        relatar(f"  {r_a.passos} avaliações em {n(tempo_a, 1)} s; melhor perda exata {final_a:.6g}; "
                f"no tempo total de (b) ({n(tempo_b, 1)} s) estava em {no_mesmo_tempo:.6g}; pico {n(pico_a, 0)} MiB")
        dados_json["a"] = {"segundos": tempo_a, "avaliacoes": r_a.passos, "perda": final_a, "pico_mib": pico_a,
                           "base_mib": base_a, "alcancou": estado["alcancou"], "perda_no_tempo_de_b": no_mesmo_tempo}
        lado_a_lado.insert(0, r_a.imagem)
        relatar("")
        relatar(f"{'':38}{'(a) direta':>14}{'(b) escalas':>14}")
        relatar(f"{'tempo (s)':38}{n(tempo_a, 1):>14}{n(tempo_b, 1):>14}")
        relatar(f"{'avaliações (equivalentes no lado final)':38}{r_a.passos:>14}{n(equivalentes, 1):>14}")
        relatar(f"{'perda exata no lado final':38}{final_a:>14.5g}{alvo:>14.5g}")
        relatar(f"{'pico de memória do processo (MiB)':38}{n(pico_a, 0):>14}{n(pico_b, 0):>14}")
        relatar(f"{'  acima do início da fase (MiB)':38}{n(pico_a - base_a, 0):>14}{n(pico_b - base_b, 0):>14}")
        relatar("(o pico de (a) inclui a memória que (b) deixou com o processo: para o de (a) sozinho, veja "
                "python -m benchmarks.tamanhos)")
        razao = tempo_a / tempo_b
        sinal = "" if estado["alcancou"] else "≥ "
        if not estado["alcancou"]:
            relatar(f"(a) NÃO alcançou a perda de (b) em {n(tempo_a, 0)} s (o teto): a razão é um limite inferior.")
        relatar(f"Em avaliações: {sinal}{n(r_a.passos / equivalentes, 1)}× (sem o ruído da carga da máquina)")
        relatar(f"Razão de tempo (direta)/(escalas): {sinal}{n(razao, 1)}×")
        por_camada = {"foto": termos_por_camada(objetivo, foto_final), "a": termos_por_camada(objetivo, r_a.imagem),
                      "b": termos_por_camada(objetivo, r_b.imagem)}
        relatar(f"\nOnde fica a perda no lado final (termos ponderados):\n{'':22}{'foto':>12}{'(a) direta':>12}"
                f"{'(b) escalas':>12}")
        for termo in ["conteudo", "tv", *objetivo.camadas_estilo, "total"]:
            relatar(f"{termo:22}" + "".join(f"{por_camada[k][termo]:>12.4g}" for k in ("foto", "a", "b")))
        dados_json["por_camada"] = por_camada
        nas_escalas = perdas_nas_escalas(foto, pintura, escalas, extrator,
                                         {"foto": foto_final, "a": r_a.imagem, "b": r_b.imagem})
        relatar(f"\nA perda de cada imagem reduzida a cada escala (o objetivo padrão naquele lado):\n{'':22}{'foto':>12}"
                f"{'(a) direta':>12}{'(b) escalas':>12}{'(a)/(b)':>10}")
        for lado, perdas_lado in nas_escalas.items():
            relatar(f"{f'{lado} px':22}" + "".join(f"{perdas_lado[k]:>12.4g}" for k in ("foto", "a", "b"))
                    + f"{n(perdas_lado['a'] / perdas_lado['b'], 1) + '×':>10}")
        dados_json["perdas_nas_escalas"] = nas_escalas
        dados_json["razao_tempo"], dados_json["razao_avaliacoes"] = razao, r_a.passos / equivalentes

    pasta = Path(args.saida)
    pasta.mkdir(parents=True, exist_ok=True)
    nome = f"alta_resolucao_{args.lado}px"
    png = imagens.salvar(imagens.lado_a_lado(lado_a_lado), pasta / f"{nome}.png", sobrescrever=True)
    for rotulo, img in zip(["direta", "escalas"][-len(lado_a_lado):], lado_a_lado):
        imagens.salvar(img, pasta / f"{nome}_{rotulo}.png", sobrescrever=True)
    with open(pasta / f"{nome}.json", "w") as arquivo:
        json.dump(dados_json, arquivo, default=str)
    relatar(f"\nImagens ({'(a) direta | (b) escalas' if len(lado_a_lado) == 2 else '(b) escalas'}): {png}")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
