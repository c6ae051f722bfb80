"""A linha de comando ``python -m estilo``: um ponto de entrada (``principal``) que despacha para um
módulo por subcomando (``transferir``, ``treinar``, ``estilizar``), todos sobre a mesma camada comum:
``argumentos`` (argparse em português), ``sessao`` (mensagens, erros e códigos de saída), ``progresso``
(tqdm), ``trava`` (filelock), ``silencio`` (TensorFlow sem ruído) e ``lote`` (várias fotos).
"""
