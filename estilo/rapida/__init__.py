"""A rede rápida de Johnson, Alahi e Fei-Fei (2016): uma rede que pinta numa só passada.

Módulos: ``rede`` (arquitetura, estilizar, salvar e carregar), ``fotos`` (fotos de treino),
``treino`` (``treinar()`` → ``ResultadoTreino``, com retomada) e ``checkpoints`` (gravar, ler e
restaurar o estado de um treino).
"""
