"""``estilo estudio``: o estúdio da lição 06 como página web (Voilà), servida neste computador.

Códigos de saída: 0 encerrado com Ctrl-C; 1 erro (Voilà ausente, porta ocupada, Voilà parou); 2 uso inválido.
"""

import signal
import sys
import threading
import webbrowser

from estilo.cli import argumentos as a
from estilo.curso.app import servidor
from estilo.nucleo import validacao
from estilo.nucleo.erros import ErroEstilo

OK, ERRO = 0, 1

_EPILOGO = (
    "Exemplos:\n"
    "  estilo estudio                     # uma porta livre; abra o endereço mostrado\n"
    "  estilo estudio --porta 8899 --abrir\n\n"
    "Ctrl-C encerra o estúdio. Sem o Voilà instalado: pip install 'estilo[app]'.\n"
    "Códigos de saída: 0 encerrado com Ctrl-C, 1 erro, 2 uso inválido."
)


def construir_parser():
    """O parser de ``estilo estudio``, com ajuda em português."""
    parser = a.novo_parser(
        "estilo estudio", "estilo estudio [--porta N] [--abrir] [--ip IP]",
        "Abre o estúdio de transferência de estilo (o da lição 06) como uma página web servida pelo Voilà:\n"
        "sem código, só os controles. Tudo roda neste computador.",
        _EPILOGO,
    )
    g = parser.add_argument_group("opções")
    g.add_argument("--porta", type=validacao.conversor(validacao.inteiro, "a porta", minimo=1, maximo=65535),
                   help="porta do servidor (padrão: uma livre)")
    g.add_argument("--abrir", action="store_true", help="abre a página no navegador padrão")
    g.add_argument("--ip", default=servidor.IP_PADRAO,
                   help="onde escutar (padrão 127.0.0.1: só este computador; 0.0.0.0 mostra o estúdio "
                        "a toda a rede, sem senha)")
    g.add_argument("-h", "--help", "--ajuda", action="help", help="mostra esta ajuda e sai")
    return parser


def _interromper(_sinal, _quadro):
    raise KeyboardInterrupt


def _servir(args):
    with servidor.Servidor(args.porta, args.ip) as s:
        print(f"Estúdio no ar em {s.endereco}", flush=True)
        print("Abra esse endereço no navegador (a primeira abertura leva alguns segundos). Ctrl-C encerra.",
              flush=True)
        if args.abrir and not webbrowser.open(s.endereco):
            print("Não consegui abrir o navegador; abra o endereço acima.", flush=True)
        try:
            codigo = s.esperar()
        except KeyboardInterrupt:
            print("\nEncerrando o estúdio…", flush=True)
            raise
        raise ErroEstilo(f"O Voilà parou sozinho (código {codigo}).{s.ultimas_linhas()}")


def principal(argv=None) -> int:
    """``estilo estudio …`` (argv sem o nome do subcomando)."""
    args = a.analisar(construir_parser(), sys.argv[1:] if argv is None else list(argv))
    if isinstance(args, int):
        return args
    principal_thread = threading.current_thread() is threading.main_thread()
    anterior = signal.signal(signal.SIGTERM, _interromper) if principal_thread else None
    try:
        _servir(args)
    except KeyboardInterrupt:
        print("Estúdio encerrado.", flush=True)
        return OK
    except ErroEstilo as erro:
        print(f"estilo estudio: erro: {erro}", file=sys.stderr, flush=True)
        return ERRO
    finally:
        if principal_thread:
            signal.signal(signal.SIGTERM, anterior)
    return OK


if __name__ == "__main__":
    sys.exit(principal())
