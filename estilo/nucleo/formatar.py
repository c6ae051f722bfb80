"""Números e nomes para quem lê em português: vírgula decimal, ponto nos milhares, potências de dez
escritas como "8,397 × 10⁷", e rótulos com acento no lugar dos identificadores ("conteudo" → "conteúdo")."""

import math
import numbers

from estilo.nucleo.erros import ErroParametro

NOMES_TERMOS = {"conteudo": "conteúdo", "estilo": "estilo", "tv": "variação total", "total": "total"}
"""Os termos do custo, como o leitor os vê (as chaves são as do histórico de ``transferir``)."""

ROTULOS = {
    **NOMES_TERMOS,
    "peso_conteudo": "peso do conteúdo (α)",
    "peso_estilo": "peso do estilo (β)",
    "peso_tv": "peso da variação total (γ)",
    "lado_maximo": "lado maior (px)",
    "passos": "passos",
    "segundos": "segundos",
    "otimizador": "otimizador",
    "preservar_cores_originais": "preservar as cores da foto",
    "lbfgs": "L-BFGS",
    "adam": "Adam",
    "lbfgs_adam": "L-BFGS + Adam",
}
"""Identificadores do pacote (sem acento) e o rótulo para o leitor."""

FAIXA_FIXA = (1e-3, 1e6)
"""Valores com módulo nesta faixa [mín, máx) saem sem potência de dez; fora dela, em notação científica."""

MENOS = "−"
_SOBRESCRITOS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _agrupar(inteiro: str, milhar: str) -> str:
    """'1234567' → '1.234.567' (com o separador dado)."""
    return f"{int(inteiro):,}".replace(",", milhar)


def _decimal(texto: str, milhar: str) -> str:
    """'1234.500' → '1.234,5': separa os milhares, troca o ponto pela vírgula e tira os zeros finais."""
    inteiro, _, fracao = texto.partition(".")
    fracao = fracao.rstrip("0")
    return _agrupar(inteiro, milhar) + (f",{fracao}" if fracao else "")


def _numero(x):
    """x como int ou float do Python (aceita NumPy, tensores escalares e arrays de um elemento)."""
    if isinstance(x, bool):
        return x
    if isinstance(x, numbers.Integral):
        return int(x)
    if isinstance(x, numbers.Real):
        return float(x)
    if isinstance(x, (str, bytes)):
        raise ErroParametro(f"formatar espera um número, não o texto {x!r}.")
    try:
        return float(x)
    except (TypeError, ValueError):
        raise ErroParametro(f"formatar espera um número, não {type(x).__name__} ({x!r}).") from None


def formatar(x, casas: int = 3, milhar: str = ".") -> str:
    """Um número para leitores em pt-BR.

    Inteiros: com separador de milhar (``1.679.235``; ``milhar="\\u202f"`` dá o espaço fino).
    Reais com módulo em ``FAIXA_FIXA``: até ``casas`` casas decimais (abaixo de 1, ``casas`` algarismos
    significativos), sem zeros no fim (``12,5``, ``0,812``, ``0,00123``).
    Fora dela: notação científica com ``casas`` casas na mantissa (``8,397 × 10⁷``, ``1,5 × 10⁻⁶``).
    """
    if isinstance(casas, bool) or not isinstance(casas, int) or casas < 0:
        raise ErroParametro(f"casas deve ser um inteiro ≥ 0, não {casas!r}.")
    x = _numero(x)
    if isinstance(x, bool):
        return "sim" if x else "não"
    sinal = MENOS if x < 0 else ""
    if isinstance(x, int):
        return sinal + _agrupar(str(abs(x)), milhar)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return f"{sinal}∞"
    x = abs(x)
    if x == 0:
        return "0"
    decimais = casas if x >= 1 else casas - 1 - math.floor(math.log10(x))  # abaixo de 1: `casas` algarismos
    fixo = f"{x:.{decimais}f}"
    if FAIXA_FIXA[0] <= x < FAIXA_FIXA[1] and float(fixo) < FAIXA_FIXA[1]:
        return sinal + _decimal(fixo, milhar)
    mantissa, _, expoente = f"{x:.{casas}e}".partition("e")
    mantissa = _decimal(mantissa, milhar)
    potencia = str(int(expoente)).translate(_SOBRESCRITOS)
    return f"{sinal}{mantissa} × 10{potencia}"


def rotulo(termo: str) -> str:
    """O nome para o leitor de um identificador do pacote ('conteudo' → 'conteúdo', 'tv' → 'variação total')."""
    return ROTULOS.get(termo, termo)


def termos(valores: dict, casas: int = 3) -> str:
    """Os termos de um custo numa linha: 'conteúdo 8,397 × 10⁷ · estilo 1,2 × 10⁷ · variação total 350'."""
    return " · ".join(f"{rotulo(nome)} {formatar(valor, casas)}" for nome, valor in valores.items())
