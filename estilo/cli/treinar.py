"""``estilo treinar``: treina a rede rápida (Johnson et al., 2016) para uma pintura ou mistura de pinturas.

Códigos de saída: 0 sucesso; 1 erro; 2 uso; 130 interrompido (o checkpoint fica salvo e repetir o
comando continua o treino).
"""

from pathlib import Path

from estilo.cli import argumentos as a
from estilo.cli.progresso import Barra
from estilo.cli.sessao import INTERROMPIDO, OK, executar_protegido
from estilo.nucleo.silencio import calar_stdout, importar_tensorflow, preparar_ambiente
from estilo.cli.trava import Trava
from estilo.nucleo import dados
from estilo.nucleo.erros import ErroParametro, ErroSaida

PADROES = {"lado": 256, "passos": 2000, "lote": 4, "filtros": 32, "blocos": 5, "taxa": 1e-3,
           "peso_conteudo": 1e5, "peso_estilo": 1.0, "peso_tv": 30.0, "escala_estilo": 1.0}
"""Padrões de ``estilo treinar``: os mesmos de ``rapida.treino.treinar`` (conferido nos testes)."""

DICA = "Use `estilo --listar` para ver os nomes do catálogo."


def construir_parser():
    """Parser de ``estilo treinar``."""
    p = a.novo_parser(
        "estilo treinar", "%(prog)s ESTILO [ESTILO ...] -o REDE.keras [opções]",
        "Treina uma rede de transformação (Johnson, Alahi e Fei-Fei, 2016) que pinta qualquer foto com o\n"
        "estilo de ESTILO numa só passada. As fotos de treino são as do catálogo (e/ou as de --fotos),\n"
        "em recortes sorteados e espelhados. Um checkpoint é salvo a cada --checkpoint-cada passos na\n"
        "pasta REDE_checkpoints: se o treino for interrompido, repita o mesmo comando para continuar.",
        "exemplos:\n"
        "  python -m estilo treinar noite_estrelada -o noite.keras --lado 128 --passos 300 --filtros 16 --blocos 3\n"
        "  python -m estilo treinar o_grito -o grito.keras --fotos minhas_fotos/ --passos 4000\n"
        "  python -m estilo estilizar noite.keras fotos/ -o pintadas/\n\n"
        "Códigos de saída: 0 sucesso, 1 erro, 2 uso ou parâmetro inválido, 130 interrompido (Ctrl-C;\n"
        "o checkpoint fica salvo).",
    )
    g = p.add_argument_group("imagens")
    g.add_argument("estilos", nargs="*", metavar="ESTILO", help="pintura(s): caminho, URL ou nome do catálogo")
    g.add_argument("-o", "--saida", metavar="REDE.keras", help="arquivo da rede treinada (formato Keras)")
    g.add_argument("--fotos", metavar="PASTA", help="pasta com fotos suas para o treino (somadas às do catálogo)")
    g.add_argument("--sem-catalogo", action="store_true", help="treina só com as fotos de --fotos")
    g.add_argument("--pesos-estilos", type=a.numero(0.0, 1e12, nome="cada peso"), nargs="+", metavar="W",
                   help="mistura das pinturas: um peso por ESTILO (padrão: iguais)")
    g.add_argument("--sobrescrever", action="store_true", help="substitui REDE.keras se ela já existir")

    g = p.add_argument_group("treino")
    inteiros = [("--lado", 32, 2048, "PX", "lado dos recortes de treino"),
                ("--passos", 1, 10_000_000, "N", "passos do Adam, um lote por passo"),
                ("--lote", 1, 256, "B", "fotos por lote"),
                ("--filtros", 1, 256, "F", "largura da rede: filtros da 1ª camada (como no artigo)"),
                ("--blocos", 1, 16, "N", "blocos residuais (como no artigo)")]
    for opcao, minimo, maximo, meta, ajuda in inteiros:
        padrao = PADROES[opcao[2:]]
        g.add_argument(opcao, type=a.inteiro(minimo, maximo), default=padrao, metavar=meta,
                       help=f"{ajuda} (padrão: {padrao})")
    numeros = [("--taxa", 1e-8, 1.0, "T", "taxa de aprendizado do Adam"),
               ("--peso-conteudo", 0.0, 1e12, "A", "peso do custo de conteúdo"),
               ("--peso-estilo", 0.0, 1e12, "B", "peso do custo de estilo"),
               ("--peso-tv", 0.0, 1e12, "G", "peso da variação total"),
               ("--escala-estilo", 0.05, 4.0, "S", "tamanho da pintura relativo aos recortes")]
    for opcao, minimo, maximo, meta, ajuda in numeros:
        padrao = PADROES[opcao[2:].replace("-", "_")]
        g.add_argument(opcao, type=a.numero(minimo, maximo), default=padrao, metavar=meta,
                       help=f"{ajuda} (padrão: {padrao:g})")
    g.add_argument("--semente", type=a.inteiro(0, 2**31 - 1), default=0, metavar="N", help="semente (padrão: 0)")
    g.add_argument("--checkpoint-cada", type=a.inteiro(1, 10_000_000), default=100, metavar="N",
                   help="salva um checkpoint a cada N passos (padrão: 100)")
    g.add_argument("--recomecar", action="store_true",
                   help="ignora o checkpoint de um treino anterior e começa do zero")
    g.add_argument("--pesos", metavar="ARQUIVO", help="arquivo de pesos Keras da VGG16 (sem o topo)")
    a.grupo_outros(p)
    return p


def _estilo(entrada):
    """Nome do catálogo fica nome (o treino guarda e compara nomes); o resto vira caminho ou URL."""
    origem = dados.resolver(entrada, dica=DICA)
    eh_nome = isinstance(origem, Path) and not Path(entrada).expanduser().exists()
    return entrada if eh_nome else str(origem)


def _validar(args):
    if not args.estilos:
        raise ErroParametro("Faltou a pintura (ESTILO). Exemplo: "
                            "python -m estilo treinar noite_estrelada -o noite.keras")
    if not args.saida:
        raise ErroParametro("Informe o arquivo da rede com -o REDE.keras (por exemplo -o noite.keras).")
    if args.pesos_estilos is not None and len(args.pesos_estilos) != len(args.estilos):
        raise ErroParametro(f"Recebi {len(args.pesos_estilos)} peso(s) em --pesos-estilos para "
                            f"{len(args.estilos)} pintura(s): informe um peso para cada ESTILO.")
    if args.sem_catalogo and not args.fotos:
        raise ErroParametro("--sem-catalogo precisa de --fotos PASTA (senão não sobra nenhuma foto de treino).")
    saida = a.caminho_keras(args.saida)
    if saida.exists() and not args.sobrescrever:
        raise ErroSaida(f"O arquivo '{saida}' já existe e não vou sobrescrevê-lo: use --sobrescrever ou outro nome.")
    if args.fotos and not Path(args.fotos).expanduser().is_dir():
        raise ErroParametro(f"--fotos: a pasta '{args.fotos}' não existe.")
    return saida


def executar(args, sessao):
    """Treina (ou continua o treino do checkpoint) e salva a rede."""
    saida = _validar(args)
    estilos = [_estilo(e) for e in args.estilos]
    pasta = saida.with_name(f"{saida.stem}_checkpoints")

    importar_tensorflow()
    from estilo.rapida.treino import ler_estado, treinar

    saida.parent.mkdir(parents=True, exist_ok=True)
    with Trava(saida):
        estado = None if args.recomecar else ler_estado(pasta) if pasta.is_dir() else None
        if estado is not None:
            sessao.info(f"Retomando o treino do passo {estado['passo']} (checkpoint em '{pasta}').")
        sessao.barra = None if args.silencioso else Barra(args.passos)
        with calar_stdout(args.silencioso):
            resultado = treinar(
                estilos, pasta_fotos=args.fotos, catalogo=not args.sem_catalogo, pesos_estilos=args.pesos_estilos,
                lado=args.lado, passos=args.passos, lote=args.lote, filtros=args.filtros, blocos=args.blocos,
                taxa=args.taxa, peso_conteudo=args.peso_conteudo, peso_estilo=args.peso_estilo, peso_tv=args.peso_tv,
                escala_estilo=args.escala_estilo, semente=args.semente, pasta_checkpoints=pasta,
                checkpoint_cada=args.checkpoint_cada, retomar=not args.recomecar, ao_progresso=sessao.barra,
                pesos=args.pesos,
            )
        if sessao.barra is not None:
            sessao.barra.fechar()
            sessao.barra = None
        sessao.info(f"Treino: {resultado.resumo()}")
        if resultado.interrompido:
            sessao.erro(f"{resultado.motivo}. A rede ainda não foi salva em '{saida}'; repita o mesmo comando "
                        "para continuar do checkpoint.")
            return INTERROMPIDO
        salvo = resultado.salvar(saida, sobrescrever=args.sobrescrever)
        sessao.info(f"Rede salva em: {salvo}. Para usar: python -m estilo estilizar {salvo} FOTO -o SAIDA.png")
        return OK


def principal(argv) -> int:
    """``estilo treinar …`` (argv sem o nome do subcomando)."""
    preparar_ambiente()
    args = a.analisar(construir_parser(), argv)
    if isinstance(args, int):
        return args
    return executar_protegido(executar, args, ["treinar", *argv])
