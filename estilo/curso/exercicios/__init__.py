"""Verificações automáticas dos exercícios do curso: um módulo por lição (licao01, licao02, ...).

Cada `verificar_...` imprime em português o que está certo ou errado e devolve True/False.
"""

from estilo.curso.exercicios.comum import certo, errado, pendente

__all__ = ["certo", "errado", "pendente"]
