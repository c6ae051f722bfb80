"""As miniaturas e os créditos das imagens escolhidas no estúdio."""

import html

from estilo.nucleo import dados, imagens
from estilo.curso.estudio.envio import nome_enviado
from estilo.curso.estudio.exibicao import falha, png, widgets
from estilo.curso.estudio.padroes import MINIATURA


class Miniaturas:
    """Redesenha miniaturas e créditos quando a escolha muda (``_miniaturas``: chave -> PNG, em cache).

    Parte do ``Estudio``: usa os seletores, ``_enviadas`` e ``_avisar``.
    """

    def _imagem_pequena(self, chave):
        """A imagem de uma opção (catálogo ou enviada) com lado maior ``MINIATURA``, como tensor (em cache)."""
        if chave not in self._pequenas:
            if chave in self._enviadas:
                self._pequenas[chave] = imagens.redimensionar(self._enviadas[chave], lado_maximo=MINIATURA)
            else:
                self._pequenas[chave] = dados.carregar(chave, lado_maximo=MINIATURA)
        return self._pequenas[chave]

    def _miniatura(self, chave):
        if chave not in self._miniaturas:
            self._miniaturas[chave] = png(self._imagem_pequena(chave))
        return self._miniaturas[chave]

    def _ao_mudar_conteudo(self, _mudanca=None):
        try:
            self.miniatura_conteudo.value = self._miniatura(self.conteudo.value)
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self._avisar("erro", falha(erro, "Não consegui mostrar a miniatura do conteúdo"))
        self._atualizar_creditos()

    def _ao_mudar_estilos(self, _mudanca=None):
        w = widgets()
        figuras = []
        for chave in self.estilos.value:
            try:
                figuras.append(w.Image(value=self._miniatura(chave), format="png", layout=w.Layout(max_width="140px")))
            except Exception as erro:  # noqa: BLE001
                self._avisar("erro", falha(erro, f"Não consegui mostrar a miniatura de {chave!r}"))
        self.miniaturas_estilo.children = figuras
        self._atualizar_creditos()

    def _atualizar_creditos(self):
        linhas = []
        for chave in [self.conteudo.value, *self.estilos.value]:
            if chave in self._enviadas:
                linhas.append(f"{nome_enviado(chave)} — enviada por você")
            elif chave is not None:
                linhas.append(dados.creditos(chave))
        itens = "".join(f"<li>{html.escape(linha)}</li>" for linha in linhas)
        self.creditos.value = (
            f"<details><summary>créditos das imagens</summary><ul style='font-size:small'>{itens}</ul></details>"
        )
