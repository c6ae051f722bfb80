"""O material das lições: figuras (``visualizacao``), o estúdio com widgets (``estudio``) e a sua página
web (``app``), o rabisco desenhado por código (``rabisco``), as verificações dos exercícios
(``exercicios``) e o gabarito (``solucoes``), os slides (``estrutura_slides``, ``slides``), o Colab numa
versão fixa (``colab``) e os números para o leitor (``formatar``)."""
