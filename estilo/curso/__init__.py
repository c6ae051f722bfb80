"""O material das lições: figuras (``visualizacao``), o estúdio com widgets (``estudio``),
o rabisco desenhado por código (``rabisco``) e as verificações dos exercícios (``exercicios``)."""
