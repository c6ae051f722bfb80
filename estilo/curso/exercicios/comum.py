"""Mensagens padronizadas das verificações de exercícios, o decorador `verificacao` e a leitura das respostas."""

import functools
import math

import numpy as np


def certo(mensagem: str) -> bool:
    """Imprime um acerto e devolve True."""
    print(f"✅ Certo! {mensagem}")
    return True


def errado(mensagem: str) -> bool:
    """Imprime o que falta e devolve False (sem exceção: o caderno continua rodando)."""
    print(f"❌ Ainda não. {mensagem}")
    return False


def pendente(nome: str, instrucao: str | None = None) -> bool:
    """Mensagem neutra para quando a resposta ainda não foi preenchida; devolve False."""
    print(f"✍️  {instrucao or f'Preencha a sua resposta em `{nome}`'} e rode esta célula de novo.")
    return False


def vazia(resposta) -> bool:
    """True se a resposta ainda não foi dada: None, texto em branco ou coleção vazia."""
    if resposta is None:
        return True
    if isinstance(resposta, str):
        return not resposta.strip()
    if isinstance(resposta, (list, tuple, dict, set)):
        return len(resposta) == 0
    return False


def verificacao(avaliar):
    """Decorador: a chamada simples imprime o veredito e devolve None (nada de `False` solto no caderno).

    O veredito (True/False) continua disponível em ``.avaliar(...)``, que também imprime a mensagem.
    """

    @functools.wraps(avaliar)
    def verificar(*args, **kwargs):
        avaliar(*args, **kwargs)

    verificar.avaliar = avaliar
    return verificar


def numero(resposta):
    """Converte a resposta num float finito; None se não for um número (bool não conta)."""
    if isinstance(resposta, bool):
        return None
    if isinstance(resposta, np.ndarray) and resposta.size == 1:
        resposta = resposta.item()
    if isinstance(resposta, (int, float, np.integer, np.floating)) and math.isfinite(float(resposta)):
        return float(resposta)
    return None
