"""A linha de comando ``python -m estilo``: um ponto de entrada que despacha para um módulo por subcomando."""
