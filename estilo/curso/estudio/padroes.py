"""Os valores iniciais do estúdio, lidos da API (``transferir``) em vez de repetidos aqui."""

import inspect

from estilo.nucleo import ambiente
from estilo.nucleo.erros import ErroParametro
from estilo.gatys import otimizadores, transferencia

_ROTULOS_OTIMIZADORES = {"lbfgs": "L-BFGS", "adam": "Adam", "lbfgs_adam": "L-BFGS → Adam"}

OTIMIZADORES = tuple((_ROTULOS_OTIMIZADORES.get(valor, valor), valor) for valor in otimizadores.OTIMIZADORES)
"""(rótulo mostrado, valor de ``transferir(otimizador=...)``): todos os otimizadores que ``transferir`` aceita."""
NOMES_OTIMIZADORES = {valor: rotulo for rotulo, valor in OTIMIZADORES}

_ASSINATURA = inspect.signature(transferencia.transferir).parameters

PESOS_PADRAO = {nome: float(_ASSINATURA[nome].default) for nome in ("peso_conteudo", "peso_estilo", "peso_tv")}
"""Os pesos iniciais dos controles: os mesmos padrões de ``transferir``."""

OTIMIZADOR_PADRAO = _ASSINATURA["otimizador"].default
"""O otimizador inicial: o padrão de ``transferir``."""

MINIATURA = 128
"""Lado maior das miniaturas (px)."""


def tamanho_inicial(lado_maximo=None, passos=None):
    """(lado, passos) iniciais: os pedidos ou, sem eles, o que cabe no modo rápido, na GPU ou no CPU."""
    rapido, gpu = ambiente.modo_rapido(), ambiente.tem_gpu()
    lado_maximo = lado_maximo or (64 if rapido else (512 if gpu else 256))
    passos = passos or (3 if rapido else (300 if gpu else 100))
    return int(lado_maximo), int(passos)


def _normalizado(texto):
    return "".join(c for c in str(texto).strip().lower() if c.isalnum())


def valor_otimizador(pedido):
    """O valor de ``transferir`` para um otimizador pedido pelo valor ou pelo rótulo ('L-BFGS', 'lbfgs_adam'...)."""
    for rotulo, valor in OTIMIZADORES:
        if _normalizado(pedido) in (_normalizado(rotulo), _normalizado(valor)):
            return valor
    validos = ", ".join(repr(v) for _, v in OTIMIZADORES)
    raise ErroParametro(f"otimizador deve ser um de {validos}, não {pedido!r}.")
