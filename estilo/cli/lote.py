"""Várias fotos de uma vez (``estilizar`` e o comando de Gatys): entradas, destinos e o resumo final."""

import warnings
from pathlib import Path

from estilo.cli.sessao import ERRO, OK
from estilo.nucleo import dados
from estilo.nucleo.erros import AvisoEstilo

EXTENSOES_SAIDA = (".png", ".jpg", ".jpeg")


def e_pasta_de_saida(texto):
    """True quando ``-o`` nomeia uma pasta: um caminho terminado em '/' ou uma pasta que já existe
    (menos uma com nome de imagem, como 'x.png/', que é recusada como saída)."""
    caminho = Path(texto).expanduser()
    return str(texto).endswith(("/", "\\")) or (caminho.is_dir() and caminho.suffix.lower() not in EXTENSOES_SAIDA)


def expandir(entradas, dica=""):
    """[(rótulo, origem)]: pastas viram as imagens dentro delas; o resto passa por ``dados.resolver``."""
    from estilo.nucleo.imagens import EXTENSOES, arquivos_de_imagem  # a lista única de extensões (com TensorFlow)

    itens = []
    for entrada in entradas:
        caminho = Path(entrada).expanduser()
        if caminho.is_dir():
            achadas = arquivos_de_imagem(caminho)
            if not achadas:
                warnings.warn(f"A pasta '{caminho}' não tem imagens ({', '.join(EXTENSOES)}).", AvisoEstilo,
                              stacklevel=2)
            itens += [(str(p), p) for p in achadas]
        else:
            itens.append((entrada, dados.resolver(entrada, dica=dica)))
    return itens


def _nome(rotulo, origem):
    if isinstance(origem, Path):
        return origem.stem
    return Path(str(rotulo).split("?")[0].rstrip("/")).stem or "imagem"


def destinos(itens, pasta, formato="png"):
    """Um destino ``pasta/NOME.formato`` por item, sem repetir nomes (NOME_2, NOME_3…)."""
    usados, saidas = set(), []
    for rotulo, origem in itens:
        nome = _nome(rotulo, origem)
        destino, n = pasta / f"{nome}.{formato}", 2
        while destino in usados:
            destino, n = pasta / f"{nome}_{n}.{formato}", n + 1
        usados.add(destino)
        saidas.append(destino)
    return saidas


class Resumo:
    """Conta as feitas, as puladas e as que falharam; diz o resumo e o código de saída."""

    def __init__(self, total):
        self.total = total
        self.feitas, self.puladas, self.falhas = 0, 0, []

    def texto(self):
        partes = [f"{self.feitas} de {self.total} imagem(ns) feita(s)"]
        if self.puladas:
            partes.append(f"{self.puladas} pulada(s) (já existiam; use --sobrescrever para refazê-las)")
        if self.falhas:
            partes.append(f"{len(self.falhas)} com erro: {', '.join(self.falhas)}")
        return "; ".join(partes)

    def concluir(self, sessao):
        """Mostra o resumo (como erro se alguma falhou) e devolve o código de saída."""
        if self.falhas:
            sessao.erro(f"{self.texto()}.")
            return ERRO
        sessao.info(f"Pronto: {self.texto()}.")
        return OK
