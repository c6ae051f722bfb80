"""A linha de comando ``python -m estilo``: um ponto de entrada (``principal``) que despacha para um
módulo por subcomando (``transferir``, o comando de Gatys; ``treinar`` e ``estilizar``, a rede rápida;
``estudio``), todos sobre a mesma camada comum: ``argumentos`` (argparse em português), ``sessao``
(mensagens, erros, relatório de defeito e códigos de saída), ``progresso`` (tqdm), ``trava`` (filelock)
e ``lote`` (várias fotos). Nenhum subcomando importa outro; o TensorFlow sem ruído vem de ``nucleo.silencio``.
"""
