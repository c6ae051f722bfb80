"""O núcleo comum: ambiente, erros, validação, catálogo de imagens, pixels, pesos e modelo VGG, perdas.

Não conhece a otimização de Gatys, a rede rápida, o curso nem a linha de comando.
Módulos: ``ambiente``, ``erros``, ``validacao``, ``dados``, ``imagens``, ``pesos``, ``modelos``, ``perdas``.
"""
