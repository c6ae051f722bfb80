"""Gabarito dos exercícios do curso, para instrutores: um módulo por lição (licao00, licao01, ...).

Em cada módulo, ``exercicio_N(...)`` devolve o que o aluno escreve na célula do exercício N (um valor ou a
função pedida); quando a verificação precisa de algo medido no caderno (os históricos da lição 04, o estúdio
da lição 06), ``exercicio_N`` o recebe. As docstrings explicam o porquê. Veja docs/solucoes.md.
"""
