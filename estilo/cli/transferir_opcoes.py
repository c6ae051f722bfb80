"""As opções do comando de Gatys (``python -m estilo``): o parser com ajuda em português e a validação."""

import argparse
from dataclasses import dataclass
from pathlib import Path

from estilo.cli import argumentos as a
from estilo.cli.lote import e_pasta_de_saida
from estilo.cli.transferir_arquivos import AUTOMATICAS, ler_mascaras
from estilo.nucleo import dados, validacao
from estilo.nucleo.erros import ErroImagem, ErroParametro, ErroPesos

PADROES = {
    "lado": 512, "passos": 300, "otimizador": "lbfgs", "peso_conteudo": 1e4, "peso_estilo": 1.0, "peso_tv": 30.0,
    "escala_estilo": 1.0, "inicio": "conteudo", "semente": 0, "rede": "vgg16", "pooling": "max",
    "checkpoint_cada": 0,
}
"""Padrões da linha de comando: os mesmos de ``transferir`` (conferido em tests/test_cli.py)."""

EXEMPLO = {"conteudo": "cidade_praia_entardecer", "estilo": "noite_estrelada", "lado": 512, "passos": 100,
           "escalas": [256, 512]}
"""O --exemplo: 512 px do grosso ao fino (100 passos a 256 px, 50 a 512 px), cerca de um minuto numa CPU de 2
núcleos (o mesmo tempo dos 150 passos diretos a 256 px de antes)."""
"""``--exemplo``: foto do catálogo com A Noite Estrelada, pequeno o bastante para uma CPU (~1 min)."""

DICA = "Use --listar para ver os nomes do catálogo."
DICA_INICIO = ("Em --inicio, use conteudo, ruido, cores, um número entre 0 e 1 ou uma imagem "
               "(por exemplo a saída de uma execução interrompida, para continuar dela).")
INICIOS = ("conteudo", "ruido", "cores")


def _inicio(texto):
    chave = str(texto).strip().lower().replace("ú", "u").replace("í", "i")
    if chave in INICIOS:
        return chave
    try:
        valor = float(chave.replace(",", "."))
    except ValueError:
        return str(texto)  # uma imagem: conferida (e resolvida) em `opcoes`
    if not 0.0 <= valor <= 1.0:
        raise argparse.ArgumentTypeError(
            f"use 'conteudo', 'ruido', 'cores', um número entre 0 e 1 ou uma imagem, não {texto!r}"
        )
    return valor


def construir_parser() -> argparse.ArgumentParser:
    """O parser da linha de comando, com ajuda em português."""
    p = a.novo_parser(
        "estilo",
        "%(prog)s CONTEUDO ESTILO [ESTILO ...] -o SAIDA [opções]\n"
        "       %(prog)s FOTO|PASTA [FOTO|PASTA ...] ESTILO -o PASTA/ [opções]   (várias fotos)\n"
        "       %(prog)s --exemplo [-o SAIDA] [opções]\n"
        "       %(prog)s --listar\n"
        "       %(prog)s treinar ESTILO -o REDE.keras [opções]     (rede rápida; veja treinar --help)\n"
        "       %(prog)s estilizar REDE.keras FOTO|PASTA -o SAIDA  (usa a rede rápida)\n"
        "       %(prog)s estudio [--porta N] [--abrir]             (o estúdio da lição 06 no navegador)",
        "Transferência de estilo neural (Gatys, Ecker e Bethge, 2015): pinta a foto CONTEUDO\n"
        "com o estilo de uma ou mais pinturas. Imagens podem ser caminhos, URLs ou nomes do\n"
        "catálogo de exemplos (veja --listar), como noite_estrelada.\n\n"
        "Várias fotos: quando -o é uma pasta (que já existe ou termina em /), todos os argumentos\n"
        "menos o último são fotos ou pastas de fotos e o último é a pintura; cada foto vira\n"
        "PASTA/NOME.png, as que já existem são puladas e um resumo aparece no fim.",
        "exemplos:\n"
        "  python -m estilo --exemplo\n"
        "  python -m estilo foto.jpg noite_estrelada -o saida.png --lado 256\n"
        "  python -m estilo foto.jpg o_grito a_grande_onda --pesos-estilos 0.7 0.3 -o mistura.png\n"
        "  python -m estilo minhas_fotos/ noite_estrelada -o pintadas/ --lado 256\n"
        "  python -m estilo foto.jpg noite_estrelada -o mais.png --inicio saida.png   (continua de saida.png)\n"
        "  python -m estilo foto.jpg noite_estrelada composicao_vii --mascaras esquerda.png direita.png -o duas.png\n"
        "  python -m estilo foto.jpg noite_estrelada composicao_vii --mascaras auto:ceu -o ceu.png\n"
        "  python -m estilo foto.jpg noite_estrelada -o grande.png --lado 1024   (do grosso ao fino: 256, 512, 1024 px)"
        "\n\n"
        "Códigos de saída: 0 sucesso, 1 erro, 2 uso ou parâmetro inválido, 130 interrompido (Ctrl-C;\n"
        "a melhor imagem até ali é salva e --inicio continua dela).",
    )
    g = p.add_argument_group("imagens")
    g.add_argument("imagens", nargs="*", metavar="CONTEUDO ESTILO",
                   help="a foto e depois uma ou mais pinturas: caminho, URL ou nome do catálogo")
    g.add_argument("-o", "--saida", metavar="SAIDA",
                   help="arquivo de saída .png ou .jpg, ou uma PASTA/ para várias fotos "
                        "(com --exemplo: saidas/exemplo.png)")
    g.add_argument("--sobrescrever", action="store_true", help="substitui SAIDA se ela já existir")
    g.add_argument("--exemplo", action="store_true",
                   help=f"estiliza a foto {EXEMPLO['conteudo']} com {EXEMPLO['estilo']}, sem mais argumentos "
                        f"({EXEMPLO['lado']} px do grosso ao fino, escalas {' → '.join(map(str, EXEMPLO['escalas']))}; "
                        "cerca de um minuto numa CPU de 2 núcleos)")
    g.add_argument("--listar", action="store_true", help="lista as imagens do catálogo e sai")

    g = p.add_argument_group("otimização")
    g.add_argument("--lado", type=a.inteiro(32, 8192), metavar="PX",
                   help=f"lado maior da imagem gerada, em pixels (padrão: {PADROES['lado']})")
    g.add_argument("--passos", type=a.inteiro(1, 100_000), metavar="N",
                   help=f"número de passos (avaliações) da otimização (padrão: {PADROES['passos']})")
    g.add_argument("--otimizador", choices=("lbfgs", "adam", "lbfgs_adam"),
                   help="lbfgs (padrão), adam ou lbfgs_adam (L-BFGS e, quando ele empaca, Adam; para ≥ 500 passos)")
    g.add_argument("--taxa", type=a.numero(0.0, 1e3, aberto_em_minimo=True), metavar="T",
                   help="taxa de aprendizado (padrão: a do otimizador)")
    g.add_argument("--inicio", type=_inicio, metavar="{conteudo,ruido,cores,T,IMAGEM}",
                   help="imagem inicial: a foto (padrão), ruído, a foto com as cores da pintura, a mistura T "
                        "em [0, 1] de foto e ruído, ou uma IMAGEM (redimensionada ao tamanho da foto), como a "
                        "saída de uma execução anterior para continuar dela")
    g.add_argument("--semente", type=a.inteiro(0, 2**31 - 1), metavar="N",
                   help="semente do ruído inicial (padrão: 0)")
    g.add_argument("--checkpoint-cada", type=a.inteiro(0, 100_000), metavar="N",
                   help="salva a melhor imagem a cada N passos numa pasta SAIDA_checkpoints ao lado da saída")
    e = g.add_mutually_exclusive_group()
    e.add_argument("--escalas", type=a.inteiro(32, 8192), nargs="+", metavar="PX",
                   help="do grosso ao fino: otimiza nesses lados, do menor ao --lado, cada escala partindo da "
                        "anterior ampliada, com metade dos passos da anterior (padrão: automático acima de 512 px, "
                        "por exemplo 256 512 1024 para --lado 1024)")
    e.add_argument("--sem-escalas", action="store_true",
                   help="otimiza direto no --lado, mesmo acima de 512 px (mais lento)")
    g.add_argument("--historico", metavar="ARQ.csv",
                   help="grava as perdas de cada passo num CSV (passo, total, conteudo, estilo, tv, segundos)")
    g.add_argument("--imprimir-cada", type=a.inteiro(0, 100_000), metavar="N",
                   help="escreve uma linha com as perdas a cada N passos (padrão: a cada 10%%; 0: nenhuma)")

    g = p.add_argument_group("pesos da função objetivo")
    g.add_argument("--peso-conteudo", type=a.numero(0.0, 1e12), metavar="A",
                   help=f"peso α do custo de conteúdo (padrão: {PADROES['peso_conteudo']:g})")
    g.add_argument("--peso-estilo", type=a.numero(0.0, 1e12), metavar="B",
                   help=f"peso β do custo de estilo (padrão: {PADROES['peso_estilo']:g})")
    g.add_argument("--peso-tv", type=a.numero(0.0, 1e12), metavar="G",
                   help=f"peso da variação total no --lado pedido (padrão: {PADROES['peso_tv']:g}); é uma soma "
                        "sobre os pixels, então o mesmo G alisa mais uma imagem maior: dobrando o lado, divida G "
                        "por 4 para o mesmo efeito (as escalas do grosso ao fino já fazem essa conta)")
    g.add_argument("--pesos-estilos", type=a.numero(0.0, 1e12, nome="cada peso"), nargs="+",
                   metavar="W", help="mistura das pinturas: um peso por ESTILO (padrão: iguais)")
    g.add_argument("--pesos-camadas", nargs="+", metavar="W|CAMADA=W",
                   help="peso de cada camada de estilo, na ordem de --camadas-estilo (padrão: 1/N cada), ou "
                        "pares camada=peso (só essas camadas entram no estilo)")
    g.add_argument("--lado-a-lado", action="store_true",
                   help="cola as pinturas lado a lado numa só imagem de estilo em vez de misturá-las")
    g.add_argument("--escala-estilo", type=a.numero(0.05, 4.0), metavar="S",
                   help="tamanho da pintura relativo à foto (padrão: 1)")
    g.add_argument("--preservar-cores", action="store_true",
                   help="mantém as cores da foto (transfere só a luminância)")

    g = p.add_argument_group("regiões (Gatys et al., 2017)")
    g.add_argument("--mascaras", nargs="+", metavar="MASCARA",
                   help="um estilo por região: uma máscara por ESTILO, na mesma ordem (imagem branca onde aquela "
                        "pintura age, preta onde não; redimensionada para a foto; onde todas são pretas, a foto "
                        "fica), ou auto:NOME, feita da própria foto para 1 ou 2 pinturas: "
                        + "; ".join(f"auto:{n}, {d}" for n, d in AUTOMATICAS.items()))

    g = p.add_argument_group("rede")
    g.add_argument("--rede", choices=("vgg16", "vgg19"), help="vgg16 (padrão) ou vgg19")
    g.add_argument("--pooling", choices=("max", "media"), help="max (padrão) ou media")
    g.add_argument("--precisao", choices=("float32", "bfloat16", "float16"), help="precisão dos cálculos")
    g.add_argument("--pesos", metavar="ARQUIVO", help="arquivo de pesos Keras da rede (sem o topo)")
    g.add_argument("--camadas-conteudo", nargs="+", metavar="CAMADA",
                   help="camadas de conteúdo (padrão: block4_conv2)")
    g.add_argument("--camadas-estilo", nargs="+", metavar="CAMADA",
                   help="camadas de estilo (padrão: block1_conv1 … block5_conv1)")
    a.grupo_outros(p, versao=True)
    return p


@dataclass
class Plano:
    """O que a execução vai fazer: fotos, pinturas, opções resolvidas e se é um lote (-o PASTA/)."""

    fotos: list
    estilos: list
    valores: dict
    lote: bool = False
    camadas_conteudo: list = None
    camadas_estilo: list = None
    pesos_camadas: object = None
    mascaras: object = None
    """None, 'auto:NOME' ou [(texto, origem)] (uma por pintura)."""


def _entradas(args, valores):
    entradas = list(args.imagens)
    if args.exemplo:
        if entradas:
            raise ErroParametro("--exemplo não aceita imagens: ele usa uma foto e uma pintura do catálogo.")
        if valores["lado"] is None and not args.escalas and not args.sem_escalas:
            args.escalas = EXEMPLO["escalas"]  # as escalas do exemplo valem para o lado do exemplo
        for k in ("lado", "passos"):
            if valores[k] is None:
                valores[k] = EXEMPLO[k]
        return [EXEMPLO["conteudo"]], [EXEMPLO["estilo"]], bool(args.saida) and e_pasta_de_saida(args.saida)
    if len(entradas) < 2:
        falta = "a foto (CONTEUDO) e pelo menos uma pintura (ESTILO)" if not entradas else \
            "pelo menos uma pintura (ESTILO) depois da foto"
        raise ErroParametro(f"Faltou {falta}. Veja --help, ou experimente --exemplo.")
    if not args.saida:
        raise ErroParametro("Informe o arquivo de saída com -o SAIDA (por exemplo -o resultado.png).")
    if e_pasta_de_saida(args.saida):
        return entradas[:-1], entradas[-1:], True
    if Path(entradas[0]).expanduser().is_dir():
        raise ErroImagem(
            f"'{entradas[0]}' é uma pasta. Para pintar todas as fotos dela, dê uma pasta de saída "
            f"(-o PASTA/, terminada em / ou já existente) e a pintura por último."
        )
    return entradas[:1], entradas[1:], False



def _ler_pesos_camadas(textos):
    """Lista de números (na ordem das camadas de estilo) ou {camada: peso}; None sem a opção."""
    if textos is None:
        return None
    pares = [t.partition("=") for t in textos]
    if all(sep for _, sep, _ in pares):
        return {c.strip(): validacao.numero(f"--pesos-camadas: o peso de {c.strip()}", p.strip().replace(",", "."),
                                            minimo=0, maximo=1e12) for c, _, p in pares}
    if any(sep for _, sep, _ in pares):
        raise ErroParametro("--pesos-camadas: use só números (na ordem de --camadas-estilo) ou só pares "
                            "camada=peso.")
    numeros = []
    for t in textos:
        try:
            numeros.append(a.numero(0.0, 1e12, nome="cada peso de camada")(t))
        except argparse.ArgumentTypeError as erro:
            raise ErroParametro(f"--pesos-camadas: {erro}.") from None
    return numeros


def _ler_escalas(args, lado):
    """--escalas → lista; --sem-escalas → False; nada → None (automático em transferir)."""
    if args.sem_escalas:
        return False
    if args.escalas and max(args.escalas) > lado:
        raise ErroParametro(f"--escalas: {max(args.escalas)} px passa do lado final (--lado {lado}): as escalas vão "
                            "do menor tamanho até o da saída.")
    return args.escalas


def completar_camadas(plano, camadas_conteudo, camadas_estilo):
    """Preenche as camadas padrão (de ``modelos``, já com o TensorFlow) e confere --pesos-camadas contra elas."""
    plano.camadas_conteudo = plano.camadas_conteudo or list(camadas_conteudo)
    pesos = plano.pesos_camadas
    if isinstance(pesos, dict):
        if plano.camadas_estilo is None:
            plano.camadas_estilo = list(pesos)  # os pares escolhem as camadas de estilo
        fora = [c for c in pesos if c not in plano.camadas_estilo]
        faltam = [c for c in plano.camadas_estilo if c not in pesos]
        if fora:
            raise ErroParametro(f"--pesos-camadas: {', '.join(fora)} não está em --camadas-estilo "
                                f"({', '.join(plano.camadas_estilo)}).")
        if faltam:
            raise ErroParametro(f"--pesos-camadas: falta o peso de {', '.join(faltam)} (de --camadas-estilo).")
    plano.camadas_estilo = plano.camadas_estilo or list(camadas_estilo)
    if isinstance(pesos, list) and len(pesos) != len(plano.camadas_estilo):
        raise ErroParametro(
            f"--pesos-camadas: recebi {len(pesos)} peso(s) para {len(plano.camadas_estilo)} camadas de estilo "
            f"({', '.join(plano.camadas_estilo)}): um peso por camada, na mesma ordem."
        )
    return plano


def opcoes(args) -> Plano:
    """Valida combinações e resolve padrões (e os do --exemplo), antes de qualquer trabalho pesado.

    Não importa o TensorFlow (um erro de uso sai na hora): as camadas padrão entram em ``completar_camadas``.
    """
    from estilo.nucleo.pesos import CAMADAS_CONV

    valores = {k: getattr(args, k) for k in PADROES}
    fotos, estilos, em_lote = _entradas(args, valores)
    valores = {k: PADROES[k] if v is None else v for k, v in valores.items()}
    if args.pesos_estilos is not None:
        if args.lado_a_lado:
            raise ErroParametro("--pesos-estilos não combina com --lado-a-lado (que cola as pinturas numa só).")
        if len(args.pesos_estilos) != len(estilos):
            raise ErroParametro(
                f"Recebi {len(args.pesos_estilos)} {'valor' if len(args.pesos_estilos) == 1 else 'valores'} em "
                f"--pesos-estilos para {len(estilos)} pintura(s): informe um peso para cada ESTILO, na mesma ordem."
            )
        if sum(args.pesos_estilos) <= 0:
            raise ErroParametro("--pesos-estilos precisa de pelo menos um peso positivo.")
    pesos_camadas = _ler_pesos_camadas(args.pesos_camadas)
    disponiveis = CAMADAS_CONV[valores["rede"]]
    for opcao, camadas in (("--camadas-conteudo", args.camadas_conteudo), ("--camadas-estilo", args.camadas_estilo),
                           ("--pesos-camadas", pesos_camadas if isinstance(pesos_camadas, dict) else None)):
        erradas = [c for c in camadas or () if c not in disponiveis]
        if erradas:
            raise ErroParametro(
                f"{opcao}: a {valores['rede'].upper()} não tem {', '.join(erradas)}. "
                f"Camadas disponíveis: {', '.join(disponiveis)}."
            )
    if args.pesos and not Path(args.pesos).expanduser().is_file():
        raise ErroPesos(f"Arquivo de pesos não encontrado: '{args.pesos}' (--pesos).")
    if not isinstance(valores["inicio"], float) and valores["inicio"] not in INICIOS:
        valores["inicio"] = dados.resolver(valores["inicio"], dica=DICA_INICIO)
    valores["escalas"] = _ler_escalas(args, valores["lado"])
    return Plano(fotos, estilos, valores, em_lote, args.camadas_conteudo, args.camadas_estilo, pesos_camadas,
                 ler_mascaras(args, estilos))
