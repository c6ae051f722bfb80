"""Mensagens padronizadas das verificações de exercícios."""


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
