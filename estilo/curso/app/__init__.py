"""O estúdio como página web (Voilà): o caderno ``estudio.ipynb`` e o ``servidor`` que o serve.

Na linha de comando: ``python -m estilo estudio`` (veja ``estilo.cli.estudio``).
"""
