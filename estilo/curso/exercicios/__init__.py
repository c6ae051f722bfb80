"""Verificações automáticas dos exercícios do curso: um módulo por lição (licao00, licao01, ...).

Cada `verificar_exercicio_N(...)` imprime em português o veredito (✅ certo, ❌ o que falta, ✍️ ainda sem
resposta) e devolve None, para não deixar um `False` solto no caderno; `verificar_exercicio_N.avaliar(...)`
imprime o mesmo e devolve o veredito (True/False), para os testes e o gabarito.
"""

from estilo.curso.exercicios.comum import certo, errado, pendente, verificacao

__all__ = ["certo", "errado", "pendente", "verificacao"]
