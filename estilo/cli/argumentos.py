"""O argparse em português: parser, tradução das mensagens, conversores numéricos e ``analisar``."""

import argparse
import re
import sys
from pathlib import Path

from estilo.cli.sessao import ERRO_USO, OK
from estilo.nucleo import validacao
from estilo.nucleo.erros import ErroParametro


class ErroUso(Exception):
    """Erro de uso detectado pelo argparse (já traduzido)."""


_TRADUCOES = [
    (r"the following arguments are required: (.*)", r"faltam os argumentos obrigatórios: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos não reconhecidos: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"opção inválida: \1 (escolha entre \2)"),
    (r"invalid \S+ value: (.*)", r"valor inválido: \1"),
    (r"expected one argument", "esperava um valor"),
    (r"expected at least one argument", "esperava pelo menos um valor"),
    (r"expected at most one argument", "esperava no máximo um valor"),
    (r"expected (\d+) arguments?", r"esperava \1 valores"),
    (r"not allowed with argument (.*)", r"não pode ser usado junto com \1"),
    (r"ambiguous option: (.*) could match (.*)", r"opção ambígua: \1 pode ser \2"),
    (r"one of the arguments (.*) is required", r"um dos argumentos \1 é obrigatório"),
    (r"ignored explicit argument (.*)", r"valor ignorado: \1"),
    (r"^argument (.*?): ", r"argumento \1: "),
]


def traduzir(mensagem):
    """Traduz as mensagens de erro do próprio argparse (as nossas já vêm em português)."""
    for padrao, troca in _TRADUCOES:
        mensagem = re.sub(padrao, troca, mensagem)
    return mensagem


class Formatador(argparse.RawDescriptionHelpFormatter):
    """Ajuda com "uso:" no lugar de "usage:"."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """ArgumentParser que levanta ``ErroUso`` (traduzido) em vez de sair."""

    def error(self, message):
        raise ErroUso(traduzir(message))


def novo_parser(prog, uso, descricao, epilogo):
    """Um ``Parser`` com ajuda em português (o -h/--ajuda entra em ``grupo_outros``)."""
    return Parser(prog=prog, usage=uso, description=descricao, epilog=epilogo, formatter_class=Formatador,
                  add_help=False)


def grupo_outros(parser, versao=False):
    """--silencioso, --depurar, -h/--help/--ajuda (e --versao, se pedido)."""
    g = parser.add_argument_group("outros")
    g.add_argument("--silencioso", action="store_true", help="só mostra erros e avisos")
    g.add_argument("--depurar", action="store_true",
                   help="num erro inesperado (um defeito do estilo), mostra o traceback completo")
    g.add_argument("-h", "--help", "--ajuda", action="help", help="mostra esta ajuda e sai")
    if versao:
        from estilo import __version__

        g.add_argument("--versao", action="version", version=f"estilo {__version__}", help="mostra a versão e sai")
    return g


def inteiro(minimo, maximo, nome="o valor"):
    """Tipo do argparse: inteiro em [minimo, maximo] (``validacao.inteiro``)."""
    return validacao.conversor(validacao.inteiro, nome, minimo=minimo, maximo=maximo)


def numero(minimo, maximo, aberto_em_minimo=False, nome="o valor"):
    """Tipo do argparse: número finito em [minimo, maximo] (``validacao.numero``; vírgula decimal aceita)."""
    return validacao.conversor(validacao.numero, nome, minimo=minimo, maximo=maximo,
                               aberto_em_minimo=aberto_em_minimo)


def caminho_keras(texto):
    """O caminho de uma rede rápida: tem de terminar em .keras (o formato do Keras)."""
    caminho = Path(texto).expanduser()
    if caminho.suffix.lower() != ".keras":
        raise ErroParametro(f"A rede usa o formato do Keras: o nome deve terminar em .keras, não '{caminho.name}'.")
    return caminho


def analisar(parser, argv):
    """Os argumentos lidos por ``parser``, ou o código de saída (erro de uso, --help, --versao)."""
    try:
        return parser.parse_intermixed_args(argv)
    except ErroUso as erro:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: erro: {erro}", file=sys.stderr)
        return ERRO_USO
    except SystemExit as saida:  # --help e --versao
        return saida.code if isinstance(saida.code, int) else OK
