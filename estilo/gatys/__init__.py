"""O método de Gatys, Ecker e Bethge (2015): otimizar os pixels de uma imagem.

Módulos: ``objetivo`` (a função a minimizar), ``otimizadores`` (Adam, L-BFGS; ``piramide``, o
pré-condicionador do L-BFGS), ``cores`` (preservação e casamento de cores), ``execucao`` (o laço de
passos, ``Progresso`` e ``Resultado``), ``transferencia`` (``transferir()`` → ``Resultado``),
``escalas`` (do grosso ao fino, para imagens grandes), ``regioes`` (um estilo por região: Grams
guiadas por máscaras, Gatys et al., 2017) e ``mascaras`` (máscaras prontas feitas da foto).
"""
