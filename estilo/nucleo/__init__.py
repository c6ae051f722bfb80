"""O núcleo comum, usado por todo o resto; não conhece a otimização de Gatys, a rede rápida, o curso nem a
linha de comando.

- ``ambiente`` (Colab? GPU? modo rápido, pasta de cache), ``erros``, ``validacao`` (números com mensagens
  pt-BR), ``formatar`` (números para o leitor), ``silencio`` (importar o TensorFlow sem o ruído do C++);
- ``dados`` (o catálogo de imagens) e ``download`` (pooch: sha256, cache, espelho);
- ``imagens`` (a convenção única: tensor (1, A, L, 3) em [0, 1]), com ``pixels``, ``leitura``, ``conversao``
  e ``saida``;
- ``pesos`` (de onde vêm os pesos da VGG), ``modelos`` (a VGG como extratora) e ``perdas`` (Gram, custos).
"""
