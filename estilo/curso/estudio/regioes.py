"""Regiões no estúdio (Gatys et al., 2017): cada pintura numa parte da foto, com máscaras automáticas ou enviadas."""

import html
import warnings

from estilo.nucleo import imagens
from estilo.nucleo.erros import ErroParametro
from estilo.gatys import mascaras, regioes
from estilo.curso.estudio.exibicao import falha, mensagem_html, png

NENHUMA = "nenhuma"
ENVIADAS = "enviadas"
OPCOES_REGIOES = (
    ("nenhuma: cada pintura na foto toda", NENHUMA),
    *((f"automática: {descricao}", nome) for nome, descricao in mascaras.AUTOMATICAS.items()),
    ("enviadas: uma máscara sua por pintura", ENVIADAS),
)
"""(rótulo, valor) do controle "regiões": sem máscaras, uma das ``mascaras.AUTOMATICAS`` ou as enviadas."""

CORES = (
    ("vermelho", (1.0, 0.2, 0.15)), ("azul", (0.1, 0.4, 1.0)), ("verde", (0.1, 0.8, 0.2)),
    ("amarelo", (1.0, 0.85, 0.0)), ("roxo", (0.65, 0.2, 0.9)), ("ciano", (0.0, 0.85, 0.85)),
)
"""A cor de cada pintura na pré-visualização das regiões (a 7.ª repete a 1.ª)."""


def valor_regioes(pedido):
    """O valor do controle para um pedido ('nenhuma', 'ceu', 'auto:ceu', 'céu', 'enviadas'...)."""
    texto = str(pedido).strip().lower()
    texto = texto[len("auto:"):] if texto.startswith("auto:") else texto
    texto = {"céu": "ceu", "nenhum": NENHUMA, "": NENHUMA}.get(texto, texto)
    validos = [valor for _, valor in OPCOES_REGIOES]
    if texto not in validos:
        raise ErroParametro(f"regioes deve ser uma de {', '.join(map(repr, validos))}, não {pedido!r}.")
    return texto


class Regioes:
    """O controle "regiões", as máscaras enviadas (``_mascaras_enviadas``: [(nome, tensor)]) e a pré-visualização.

    Parte do ``Estudio``: usa os seletores, ``_imagem_pequena`` (miniaturas) e ``_avisar``.
    """

    def _falta_mascara(self, quantidade):
        """Texto do problema com as máscaras enviadas para ``quantidade`` pinturas, ou None se estão certas."""
        enviadas = len(self._mascaras_enviadas)
        if enviadas == quantidade:
            return None
        if not enviadas:
            return (f"Envie uma máscara por pintura ({quantidade}), de uma vez, com o botão 'Enviar máscara(s)': "
                    "branco onde a pintura age, preto onde não age; vão para as pinturas na ordem dos nomes.")
        return (f"Há {enviadas} máscara(s) enviada(s) para {quantidade} pintura(s): envie de novo, de uma vez, "
                "uma máscara por pintura (vão para as pinturas na ordem dos nomes dos arquivos).")

    def _mascaras_para(self, foto, quantidade, conferir=False):
        """As máscaras da escolha atual para ``foto`` (tensor) e ``quantidade`` pinturas; None sem regiões.

        Enviadas: os tensores como chegaram (``conferir=True`` os põe no tamanho da foto, como ``transferir``).
        """
        escolha = self.regioes.value
        if escolha == NENHUMA:
            return None
        if escolha != ENVIADAS:
            return mascaras.automaticas(escolha, foto, quantidade)
        problema = self._falta_mascara(quantidade)
        if problema:
            raise ErroParametro(problema)
        if not conferir:
            return [m for _, m in self._mascaras_enviadas]
        return [regioes.carregar_mascara(m, foto.shape[1:3], f"A máscara '{nome}' (da pintura {i})")
                for i, (nome, m) in enumerate(self._mascaras_enviadas, 1)]

    def _mascaras_da_execucao(self, conteudo, quantidade, lado):
        """O ``mascaras=`` de ``transferir`` (None sem regiões), feito da foto no tamanho da execução."""
        if self.regioes.value == NENHUMA:
            return None
        if self.regioes.value == ENVIADAS:
            return self._mascaras_para(None, quantidade)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # os avisos da foto vêm de transferir, uma vez só
            foto = imagens.carregar(conteudo, lado_maximo=lado)
        return self._mascaras_para(foto, quantidade)

    def _receber_mascara(self, nome, imagem):
        """Guarda uma máscara enviada (a próxima pintura sem máscara) e passa a usar as enviadas."""
        self._mascaras_enviadas.append((nome, imagem))
        self._avisar("ok", f"Máscara '{nome}' pronta: vale para a pintura {len(self._mascaras_enviadas)} da lista.")
        if self.regioes.value == ENVIADAS:
            self._ao_mudar_regioes()  # uma máscara vazia aparece aqui, como erro
        else:
            self.regioes.value = ENVIADAS

    def _ao_mudar_regioes(self, _mudanca=None):
        """Redesenha a pré-visualização das regiões (foto, pinturas ou escolha mudaram)."""
        escolha = self.regioes.value
        self.envio_mascara.layout.display = "" if escolha == ENVIADAS else "none"
        self.miniatura_regioes.layout.display = "none"
        pinturas = list(self.estilos.value)
        if escolha == NENHUMA or not pinturas:  # sem pinturas marcadas ainda: nada a mostrar, nem erro
            self.legenda_regioes.value = ""
            return
        if escolha == ENVIADAS and self._falta_mascara(len(pinturas)):
            self.legenda_regioes.value = mensagem_html("aviso", self._falta_mascara(len(pinturas)))
            return
        try:
            foto = self._imagem_pequena(self.conteudo.value)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # proporção diferente: o aviso vem na execução
                lista = self._mascaras_para(foto, len(pinturas), conferir=True)
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            texto = falha(erro, "Não consegui montar as regiões")
            self.legenda_regioes.value = mensagem_html("erro", texto)
            self._avisar("erro", texto)
            return
        figura = foto
        for i, mascara in enumerate(lista):
            figura = mascaras.sobrepor(figura, mascara, CORES[i % len(CORES)][1], opacidade=0.55)
        self.miniatura_regioes.value = png(figura)
        self.miniatura_regioes.layout.display = ""
        self.legenda_regioes.value = self._legenda(pinturas, escolha)

    def _legenda(self, pinturas, escolha):
        rotulos = dict((valor, rotulo) for rotulo, valor in self.estilos.options)
        itens = []
        for i, chave in enumerate(pinturas):
            nome, cor = CORES[i % len(CORES)]
            r, g, b = (int(255 * c) for c in cor)
            origem = f" — máscara '{self._mascaras_enviadas[i][0]}'" if escolha == ENVIADAS else ""
            itens.append(f"<li><span style='color:rgb({r},{g},{b})'>■</span> {nome}: "
                         f"{html.escape(rotulos.get(chave, chave) + origem)}</li>")
        resto = ("<div style='font-size:small'>Fora da região colorida, a foto fica como está.</div>"
                 if escolha != ENVIADAS and len(pinturas) == 1 else "")
        return f"<ul style='margin:2px 0;padding-left:18px'>{''.join(itens)}</ul>{resto}"
