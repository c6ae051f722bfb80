"""Validadores numéricos do pacote, com mensagens em português (ErroParametro).

Uma só regra para a API, o estúdio e a linha de comando: bool não conta como
número, NaN e infinito são recusados e os limites entram na mensagem.
"""

import argparse
import math
import numbers

from estilo.nucleo.erros import ErroParametro


def _texto(x):
    """Número em texto curto: 1e+12 -> 1e12, 0.05 -> 0.05, 100000 -> 100000."""
    if isinstance(x, numbers.Integral):
        return str(int(x))
    return f"{x:g}".replace("e+", "e")


def _faixa(minimo, maximo, aberto_em_minimo=False):
    """'entre 1 e 10', 'pelo menos 0', 'maior que 0 e no máximo 1000', 'no máximo 5' ou ''."""
    if minimo is not None and maximo is not None and not aberto_em_minimo:
        return f"entre {_texto(minimo)} e {_texto(maximo)}"
    partes = []
    if minimo is not None:
        partes.append(f"{'maior que' if aberto_em_minimo else 'pelo menos'} {_texto(minimo)}")
    if maximo is not None:
        partes.append(f"no máximo {_texto(maximo)}")
    return " e ".join(partes)


def inteiro(nome, valor, minimo=1, maximo=None, dica=""):
    """``valor`` como int em [minimo, maximo] (aceita 3.0, recusa 2.5, True e '3'); senão ErroParametro."""
    recusa = isinstance(valor, (bool, str, bytes))
    if not recusa and not isinstance(valor, numbers.Integral):
        recusa = not isinstance(valor, numbers.Real) or not math.isfinite(valor) or valor != int(valor)
    if recusa:
        raise ErroParametro(f"{nome} deve ser um número inteiro, não {valor!r}.")
    valor = int(valor)
    if (minimo is not None and valor < minimo) or (maximo is not None and valor > maximo):
        sufixo = f" {dica}" if dica else ""
        raise ErroParametro(f"{nome} deve ser um inteiro {_faixa(minimo, maximo)}, não {valor}.{sufixo}")
    return valor


def numero(nome, valor, minimo=None, maximo=None, aberto_em_minimo=False):
    """``valor`` como float finito dentro dos limites (texto como '0,5' ou '1e3' também vale); senão ErroParametro."""
    if isinstance(valor, (bool, bytes)):
        raise ErroParametro(f"{nome} deve ser um número, não {valor!r}.")
    try:
        convertido = float(valor.strip().replace(",", ".") if isinstance(valor, str) else valor)
    except (TypeError, ValueError):
        raise ErroParametro(f"{nome} deve ser um número, não {valor!r}.") from None
    abaixo = minimo is not None and (convertido <= minimo if aberto_em_minimo else convertido < minimo)
    acima = maximo is not None and convertido > maximo
    if not math.isfinite(convertido) or abaixo or acima:
        faixa = _faixa(minimo, maximo, aberto_em_minimo)
        raise ErroParametro(f"{nome} deve ser um número finito{' ' + faixa if faixa else ''}, não {valor!r}.")
    return convertido


def conversor(validador, nome="o valor", **limites):
    """Tipo para o argparse: lê o texto (vírgula decimal aceita) e aplica ``inteiro`` ou ``numero``.

    Exemplo: ``add_argument("--lado", type=conversor(inteiro, minimo=32, maximo=8192))``.
    """

    def converter(texto):
        bruto = str(texto).strip()
        try:
            valor = int(bruto) if validador is inteiro else float(bruto.replace(",", "."))
        except ValueError:
            valor = str(texto)  # o validador recusa o texto com a mensagem certa
        try:
            return validador(nome, valor, **limites)
        except ErroParametro as erro:
            raise argparse.ArgumentTypeError(str(erro).rstrip(".")) from None

    return converter
