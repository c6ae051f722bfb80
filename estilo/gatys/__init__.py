"""O método de Gatys, Ecker e Bethge (2015): otimizar os pixels de uma imagem.

Módulos: ``objetivo`` (a função a minimizar), ``otimizadores`` (Adam, L-BFGS), ``cores``
(preservação e casamento de cores) e ``transferencia`` (``transferir()`` → ``Resultado``).
"""
