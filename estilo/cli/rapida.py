"""Subcomandos da rede rápida (Johnson et al., 2016): ``python -m estilo treinar`` e ``python -m estilo estilizar``.

Mesmos códigos de saída da linha de comando principal: 0 sucesso; 1 erro; 2 uso ou parâmetro
inválido; 130 interrompido (o treino deixa um checkpoint; basta repetir o comando para continuar).
"""

import contextlib
import io
import os
import time
import warnings
from pathlib import Path

from estilo.cli import transferir as cli
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroParametro, ErroSaida

SUBCOMANDOS = ("treinar", "estilizar")
PADROES = {"lado": 256, "passos": 2000, "lote": 4, "filtros": 32, "blocos": 5, "taxa": 1e-3,
           "peso_conteudo": 1e5, "peso_estilo": 1.0, "peso_tv": 30.0, "escala_estilo": 1.0}
"""Padrões de ``estilo treinar``: os mesmos de ``treino_rapido.treinar`` (conferido nos testes)."""


def _parser(prog, uso, descricao, exemplos):
    return cli._Parser(prog=prog, usage=uso, description=descricao, epilog=exemplos,
                       formatter_class=cli._Formatador, add_help=False)


def _outros(p):
    g = p.add_argument_group("outros")
    g.add_argument("--silencioso", action="store_true", help="só mostra erros e avisos")
    g.add_argument("-h", "--help", "--ajuda", action="help", help="mostra esta ajuda e sai")


def parser_treinar():
    """Parser de ``estilo treinar``."""
    p = _parser(
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
    g.add_argument("--pesos-estilos", type=cli._numero(0.0, 1e12, nome="cada peso"), nargs="+", metavar="W",
                   help="mistura das pinturas: um peso por ESTILO (padrão: iguais)")
    g.add_argument("--sobrescrever", action="store_true", help="substitui REDE.keras se ela já existir")

    g = p.add_argument_group("treino")
    g.add_argument("--lado", type=cli._inteiro(32, 2048), default=PADROES["lado"], metavar="PX",
                   help=f"lado dos recortes de treino (padrão: {PADROES['lado']})")
    g.add_argument("--passos", type=cli._inteiro(1, 10_000_000), default=PADROES["passos"], metavar="N",
                   help=f"passos do Adam, um lote por passo (padrão: {PADROES['passos']})")
    g.add_argument("--lote", type=cli._inteiro(1, 256), default=PADROES["lote"], metavar="B",
                   help=f"fotos por lote (padrão: {PADROES['lote']})")
    g.add_argument("--filtros", type=cli._inteiro(1, 256), default=PADROES["filtros"], metavar="F",
                   help=f"largura da rede: filtros da 1ª camada (padrão: {PADROES['filtros']}, como no artigo)")
    g.add_argument("--blocos", type=cli._inteiro(1, 16), default=PADROES["blocos"], metavar="N",
                   help=f"blocos residuais (padrão: {PADROES['blocos']}, como no artigo)")
    g.add_argument("--taxa", type=cli._numero(1e-8, 1.0), default=PADROES["taxa"], metavar="T",
                   help=f"taxa de aprendizado do Adam (padrão: {PADROES['taxa']:g})")
    g.add_argument("--peso-conteudo", type=cli._numero(0.0, 1e12), default=PADROES["peso_conteudo"], metavar="A",
                   help=f"peso do custo de conteúdo (padrão: {PADROES['peso_conteudo']:g})")
    g.add_argument("--peso-estilo", type=cli._numero(0.0, 1e12), default=PADROES["peso_estilo"], metavar="B",
                   help=f"peso do custo de estilo (padrão: {PADROES['peso_estilo']:g})")
    g.add_argument("--peso-tv", type=cli._numero(0.0, 1e12), default=PADROES["peso_tv"], metavar="G",
                   help=f"peso da variação total (padrão: {PADROES['peso_tv']:g})")
    g.add_argument("--escala-estilo", type=cli._numero(0.05, 4.0), default=PADROES["escala_estilo"], metavar="S",
                   help="tamanho da pintura relativo aos recortes (padrão: 1)")
    g.add_argument("--semente", type=cli._inteiro(0, 2**31 - 1), default=0, metavar="N", help="semente (padrão: 0)")
    g.add_argument("--checkpoint-cada", type=cli._inteiro(1, 10_000_000), default=100, metavar="N",
                   help="salva um checkpoint a cada N passos (padrão: 100)")
    g.add_argument("--recomecar", action="store_true",
                   help="ignora o checkpoint de um treino anterior e começa do zero")
    g.add_argument("--pesos", metavar="ARQUIVO", help="arquivo de pesos Keras da VGG16 (sem o topo)")
    _outros(p)
    return p


def parser_estilizar():
    """Parser de ``estilo estilizar``."""
    p = _parser(
        "estilo estilizar", "%(prog)s REDE.keras ENTRADA [ENTRADA ...] -o SAIDA [opções]",
        "Pinta fotos com uma rede treinada por `estilo treinar`, numa passada por foto. ENTRADA pode ser\n"
        "um arquivo, uma pasta (todas as imagens dela), uma URL ou um nome do catálogo. Com uma só foto,\n"
        "SAIDA pode ser um arquivo .png/.jpg; senão, é uma pasta (criada se preciso), e cada foto vira\n"
        "SAIDA/NOME.png. Imagens que já existem na saída são puladas (use --sobrescrever para refazê-las).",
        "exemplos:\n"
        "  python -m estilo estilizar noite.keras foto.jpg -o foto_pintada.png\n"
        "  python -m estilo estilizar noite.keras fotos/ -o pintadas/ --lado 1024\n\n"
        "Códigos de saída: 0 sucesso, 1 erro (alguma imagem falhou), 2 uso, 130 interrompido.",
    )
    g = p.add_argument_group("entradas e saída")
    g.add_argument("rede", nargs="?", metavar="REDE.keras", help="rede treinada (formato Keras)")
    g.add_argument("entradas", nargs="*", metavar="ENTRADA", help="fotos, pastas, URLs ou nomes do catálogo")
    g.add_argument("-o", "--saida", metavar="SAIDA", help="arquivo (uma foto) ou pasta de saída")
    g.add_argument("--lado", type=cli._inteiro(32, 8192), metavar="PX",
                   help="lado maior das imagens geradas (padrão: o da foto, até 4096)")
    g.add_argument("--formato", choices=("png", "jpg"), default="png", help="formato numa pasta de saída (padrão: png)")
    g.add_argument("--sobrescrever", action="store_true", help="refaz imagens que já existem na saída")
    _outros(p)
    return p


# ---------------------------------------------------------------------------
# treinar
# ---------------------------------------------------------------------------


def _caminho_keras(texto):
    caminho = Path(texto).expanduser()
    if caminho.suffix.lower() != ".keras":
        raise ErroParametro(f"A rede usa o formato do Keras: o nome deve terminar em .keras, não '{caminho.name}'.")
    return caminho


def _origem_estilo(entrada):
    """Nome do catálogo fica nome (o treino guarda e compara nomes); o resto vira caminho ou URL."""
    from estilo.nucleo import dados

    origem = cli.resolver_origem(entrada)
    if isinstance(origem, Path) and not Path(entrada).exists() and entrada in dados.listar():
        return entrada
    return str(origem) if isinstance(origem, Path) else origem


def _executar_treinar(args, sessao):
    if not args.estilos:
        raise ErroParametro("Faltou a pintura (ESTILO). Exemplo: python -m estilo treinar noite_estrelada -o noite.keras")
    if not args.saida:
        raise ErroParametro("Informe o arquivo da rede com -o REDE.keras (por exemplo -o noite.keras).")
    if args.pesos_estilos is not None and len(args.pesos_estilos) != len(args.estilos):
        raise ErroParametro(f"Recebi {len(args.pesos_estilos)} peso(s) em --pesos-estilos para "
                            f"{len(args.estilos)} pintura(s): informe um peso para cada ESTILO.")
    if args.sem_catalogo and not args.fotos:
        raise ErroParametro("--sem-catalogo precisa de --fotos PASTA (senão não sobra nenhuma foto de treino).")
    saida = _caminho_keras(args.saida)
    if saida.exists() and not args.sobrescrever:
        raise ErroSaida(f"O arquivo '{saida}' já existe e não vou sobrescrevê-lo: use --sobrescrever ou outro nome.")
    estilos = [_origem_estilo(e) for e in args.estilos]
    if args.fotos and not Path(args.fotos).expanduser().is_dir():
        raise ErroParametro(f"--fotos: a pasta '{args.fotos}' não existe.")
    pasta = saida.with_name(f"{saida.stem}_checkpoints")

    cli._importar_tensorflow()
    from estilo.rapida.treino import ler_estado, treinar

    saida.parent.mkdir(parents=True, exist_ok=True)
    with cli.Trava(saida):
        estado = None if args.recomecar else ler_estado(pasta) if pasta.is_dir() else None
        if estado is not None:
            sessao.info(f"Retomando o treino do passo {estado['passo']} (checkpoint em '{pasta}').")
        silenciar = contextlib.redirect_stdout(io.StringIO()) if args.silencioso else contextlib.nullcontext()
        barra = None if args.silencioso else cli.BarraProgresso(args.passos)
        sessao.barra = barra
        with silenciar:
            resultado = treinar(
                estilos, pasta_fotos=args.fotos, catalogo=not args.sem_catalogo, pesos_estilos=args.pesos_estilos,
                lado=args.lado, passos=args.passos, lote=args.lote, filtros=args.filtros, blocos=args.blocos,
                taxa=args.taxa, peso_conteudo=args.peso_conteudo, peso_estilo=args.peso_estilo, peso_tv=args.peso_tv,
                escala_estilo=args.escala_estilo, semente=args.semente, pasta_checkpoints=pasta,
                checkpoint_cada=args.checkpoint_cada, retomar=not args.recomecar, ao_progresso=barra, pesos=args.pesos,
            )
        if barra is not None:
            barra.fechar()
        sessao.barra = None
        sessao.info(f"Treino: {resultado.resumo()}")
        if resultado.interrompido:
            cli._erro(sessao, f"{resultado.motivo}. A rede ainda não foi salva em '{saida}'.")
            return cli.INTERROMPIDO
        salvo = resultado.salvar(saida, sobrescrever=args.sobrescrever)
        sessao.info(f"Rede salva em: {salvo}. Para usar: python -m estilo estilizar {salvo} FOTO -o SAIDA.png")
        return cli.OK


# ---------------------------------------------------------------------------
# estilizar
# ---------------------------------------------------------------------------


def _expandir(entradas):
    """[(rótulo, origem)]: pastas viram as imagens dentro delas; nomes do catálogo, caminhos."""
    from estilo.rapida.fotos import EXTENSOES, arquivos_de_imagem

    itens = []
    for entrada in entradas:
        caminho = Path(entrada).expanduser()
        if caminho.is_dir():
            achadas = arquivos_de_imagem(caminho)
            if not achadas:
                warnings.warn(f"A pasta '{caminho}' não tem imagens ({', '.join(EXTENSOES)}).", AvisoEstilo,
                              stacklevel=2)
            itens += [(str(p), p) for p in achadas]
        else:
            itens.append((entrada, cli.resolver_origem(entrada)))
    return itens


def _nome_saida(rotulo, origem):
    if isinstance(origem, Path):
        return origem.stem
    return Path(str(rotulo).split("?")[0].rstrip("/")).stem or "imagem"


def _executar_estilizar(args, sessao):
    if not args.rede or not args.entradas:
        raise ErroParametro("Informe a rede e pelo menos uma foto: estilo estilizar REDE.keras FOTO [...] -o SAIDA")
    if not args.saida:
        raise ErroParametro("Informe a saída com -o (um arquivo .png/.jpg para uma foto, ou uma pasta).")
    rede_caminho = _caminho_keras(args.rede)
    if not rede_caminho.is_file():
        raise ErroParametro(f"Rede não encontrada: '{rede_caminho}'. Treine uma com `python -m estilo treinar`.")
    cli._importar_tensorflow()  # antes de _expandir, que lista as pastas com estilo.rapida.fotos
    itens = _expandir(args.entradas)
    if not itens:
        raise ErroParametro("Nenhuma imagem para estilizar nas entradas dadas.")
    saida = Path(args.saida).expanduser()
    um_arquivo = saida.suffix.lower() in (".png", ".jpg", ".jpeg") and not saida.is_dir()
    if um_arquivo and len(itens) > 1:
        raise ErroParametro(f"São {len(itens)} imagens: -o precisa ser uma pasta, não o arquivo '{saida}'.")

    from estilo.nucleo import imagens
    from estilo.rapida.rede import carregar_rede, estilizar

    rede = carregar_rede(rede_caminho)
    destinos = [saida] if um_arquivo else []
    if not um_arquivo:
        usados = set()
        for rotulo, origem in itens:
            nome = _nome_saida(rotulo, origem)
            destino = saida / f"{nome}.{args.formato}"
            n = 2
            while destino in usados:
                destino, n = saida / f"{nome}_{n}.{args.formato}", n + 1
            usados.add(destino)
            destinos.append(destino)
    feitas, puladas, falhas = 0, 0, []
    for i, ((rotulo, origem), destino) in enumerate(zip(itens, destinos), 1):
        prefixo = f"[{i}/{len(itens)}] {rotulo}"
        if destino.exists() and not args.sobrescrever:
            if um_arquivo:
                raise ErroSaida(f"O arquivo '{destino}' já existe e não vou sobrescrevê-lo: use --sobrescrever.")
            sessao.info(f"{prefixo}: '{destino}' já existe, pulei")
            puladas += 1
            continue
        try:
            inicio = time.perf_counter()
            pintada = estilizar(rede, origem, lado_maximo=args.lado)
            segundos = time.perf_counter() - inicio
            imagens.salvar(pintada, destino, sobrescrever=args.sobrescrever)
        except KeyboardInterrupt:
            cli._erro(sessao, f"interrompido na imagem {i} de {len(itens)}; {feitas} já estão salvas em '{saida}'.")
            return cli.INTERROMPIDO
        except ErroEstilo as erro:
            if um_arquivo:
                raise
            sessao.aviso(f"{prefixo}: {erro}")
            falhas.append(rotulo)
            continue
        feitas += 1
        sessao.info(f"{prefixo} → {destino} ({cli._px(pintada)}, {segundos:.2f} s)")
    resumo = f"{feitas} imagem(ns) estilizada(s)" + (f", {puladas} pulada(s) (já existiam)" if puladas else "")
    if falhas:
        cli._erro(sessao, f"{resumo}; {len(falhas)} falharam: {', '.join(falhas)}.")
        return cli.ERRO
    sessao.info(f"Pronto: {resumo}.")
    return cli.OK


def principal(argv) -> int:
    """``estilo treinar …`` ou ``estilo estilizar …`` (argv começa pelo subcomando)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # antes de importar o TensorFlow
    subcomando, resto = argv[0], list(argv[1:])
    parser, executar = {"treinar": (parser_treinar, _executar_treinar),
                        "estilizar": (parser_estilizar, _executar_estilizar)}[subcomando]
    args = cli.analisar(parser(), resto)
    if isinstance(args, int):
        return args
    return cli.executar_protegido(executar, args)
