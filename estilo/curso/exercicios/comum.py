"""Mensagens padronizadas das verificações de exercícios e leitura das respostas."""

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


def pendente(nome: str) -> bool:
    """Mensagem para quando a resposta ainda não foi preenchida."""
    print(f"✍️  Preencha a sua resposta em `{nome}` e rode esta célula de novo.")
    return False


def numero(resposta):
    """Converte a resposta num float finito; None se não for um número (bool não conta)."""
    if isinstance(resposta, bool):
        return None
    if isinstance(resposta, np.ndarray) and resposta.size == 1:
        resposta = resposta.item()
    if isinstance(resposta, (int, float, np.integer, np.floating)) and math.isfinite(float(resposta)):
        return float(resposta)
    return None
