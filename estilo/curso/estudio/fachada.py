"""A fachada ``Estudio``: junta controles, envio, miniaturas e execução numa interface; ``abrir`` a mostra.

É a mesma para o caderno (lição 06) e para uma página (Voilà): ``titulo`` e ``instrucoes`` mudam o cabeçalho.
"""

import html
from pathlib import Path

from estilo.nucleo import imagens
from estilo.nucleo.erros import ErroParametro
from estilo.curso.estudio.padroes import NOMES_OTIMIZADORES, OTIMIZADOR_PADRAO, tamanho_inicial
from estilo.curso.estudio.controles import Controles
from estilo.curso.estudio.envio import Envios
from estilo.curso.estudio.execucao import Execucao
from estilo.curso.estudio.exibicao import falha, mensagem_html, widgets
from estilo.curso.estudio.miniaturas import Miniaturas
from estilo.curso.estudio.regioes import Regioes

TITULO = "🎨 Estúdio de transferência de estilo"


class Estudio(Controles, Envios, Miniaturas, Regioes, Execucao):
    """O estúdio: controles, regiões, prévia ao vivo, progresso, botões Transferir/Parar/Salvar.

    ``extrator``: um ``modelos.Extrator`` já construído (reaproveitado em todas as
    execuções; sem ele, o estúdio constrói um na primeira execução).
    ``atualizar_cada``: a prévia é redesenhada a cada tantos passos (padrão: ~25 vezes por execução).
    ``titulo`` e ``instrucoes`` (texto): o cabeçalho (``titulo=''`` o omite, para uma página que já tem o seu).
    ``regioes``: 'nenhuma' (padrão), uma de ``mascaras.AUTOMATICAS`` ou 'enviadas' (veja ``configurar``).
    """

    def __init__(
        self,
        conteudo="gata_chelsea",
        estilos=("noite_estrelada",),
        *,
        lado_maximo=None,
        passos=None,
        otimizador=OTIMIZADOR_PADRAO,
        extrator=None,
        atualizar_cada=None,
        caminho_saida="resultado_estilo.png",
        titulo=TITULO,
        instrucoes=None,
        regioes="nenhuma",
    ):
        w = widgets()
        lado_maximo, passos = tamanho_inicial(lado_maximo, passos)
        self.extrator = extrator
        self.atualizar_cada = atualizar_cada
        self._enviadas = {}
        self._miniaturas = {}
        self._pequenas = {}
        self._mascaras_enviadas = []
        self._texto_mensagem = ""
        self._iniciar_execucao()
        self._montar_controles(w, lado_maximo, passos, caminho_saida)

        self.envio_conteudo.observe(lambda m: self._ao_enviar(m, "conteudo"), names="value")
        self.envio_estilo.observe(lambda m: self._ao_enviar(m, "estilo"), names="value")
        self.envio_mascara.observe(lambda m: self._ao_enviar(m, "mascara"), names="value")
        self.previa.observe(self._mostrar_previa, names="value")
        self.botao_transferir.on_click(lambda _: self.executar())
        self.botao_parar.on_click(lambda _: self.parar())
        self.botao_salvar.on_click(lambda _: self.salvar())
        self.interface = self._montar_interface(w, titulo, instrucoes)

        self.configurar(
            conteudo=conteudo, estilos=estilos, lado_maximo=lado_maximo, passos=passos, otimizador=otimizador,
            regioes=regioes,
        )
        self._ao_mudar_conteudo()
        self._ao_mudar_estilos()
        self._ao_mudar_regioes()
        self.conteudo.observe(self._ao_mudar_conteudo, names="value")
        self.estilos.observe(self._ao_mudar_estilos, names="value")
        for controle in (self.conteudo, self.estilos, self.regioes):
            controle.observe(self._ao_mudar_regioes, names="value")
        if not self._texto_mensagem:
            self._avisar("info", "Escolha as imagens, ajuste os controles e clique em Transferir.")

    def _montar_interface(self, w, titulo, instrucoes):
        titulo = str(titulo or "").strip()
        cabecalho = [w.HTML(f"<h3 style='margin:4px 0'>{html.escape(titulo)}</h3>")] if titulo else []
        if instrucoes:
            cabecalho.append(w.HTML(mensagem_html("info", instrucoes)))
        return w.VBox([
            *cabecalho,
            w.HBox([
                w.VBox([self.conteudo, self.envio_conteudo, self.miniatura_conteudo]),
                w.VBox([self.estilos, self.envio_estilo, self.miniaturas_estilo]),
            ]),
            w.HBox([w.VBox([self.regioes, self.envio_mascara, self.legenda_regioes]), self.miniatura_regioes]),
            self.creditos,
            w.HBox([
                w.VBox([self.peso_conteudo, self.peso_estilo, self.peso_tv]),
                w.VBox([self.lado, self.passos, self.otimizador, self.preservar_cores]),
            ]),
            w.HBox([self.botao_transferir, self.botao_parar, self.progresso]),
            self.perdas,
            self.previa,
            w.HBox([self.caminho, self.botao_salvar]),
            self.mensagem,
        ])

    def _mostrar_previa(self, mudanca):
        """A prévia só aparece quando tem imagem (vazia, o navegador mostraria uma imagem quebrada)."""
        self.previa.layout.display = "" if mudanca["new"] else "none"

    # ------------------------------------------------------------------ exibição
    def _repr_mimebundle_(self, **_opcoes):
        """Mostra a interface (ipywidgets 7 ou 8) com um resumo em texto onde widgets não aparecem."""
        return {
            "text/plain": repr(self),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2, "version_minor": 0, "model_id": self.interface.model_id,
            },
        }

    def __repr__(self):
        c = self.configuracao()
        regioes = "" if c["regioes"] == "nenhuma" else f", regiões {c['regioes']!r}"
        return (
            f"Estudio(conteúdo={c['conteudo']!r}, estilos={c['estilos']!r}, lado {c['lado_maximo']} px, "
            f"{c['passos']} passos, {NOMES_OTIMIZADORES[c['otimizador']]}{regioes})"
        )

    @property
    def texto_mensagem(self):
        """A última mensagem mostrada na área de mensagens, em texto puro."""
        return self._texto_mensagem

    def _avisar(self, tipo, texto):
        """Mostra ``texto`` na área de mensagens (tipo: 'info', 'ok', 'aviso' ou 'erro')."""
        self._texto_mensagem = texto
        if tipo == "erro":
            self.erro = texto
        self.mensagem.value = mensagem_html(tipo, texto)

    # -------------------------------------------------------------------- saída
    def salvar(self, caminho=None):
        """Salva o último resultado em ``caminho`` (ou no da caixa de texto), sem nunca sobrescrever.

        Se o arquivo já existe, usa o primeiro nome livre (``nome_1.png``...). Devolve o caminho ou None.
        """
        if caminho is not None:
            self.caminho.value = str(caminho)
        if self.resultado is None:
            self._avisar("aviso", "Ainda não há resultado para salvar: clique em Transferir primeiro.")
            return None
        pedido = self.caminho.value.strip()
        try:
            if not pedido:
                raise ErroParametro("Escreva na caixa 'salvar em' o nome do arquivo (por exemplo resultado.png).")
            destino = imagens.caminho_livre(pedido)
            salvo = imagens.salvar(self.resultado.imagem, destino)
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self._avisar("erro", falha(erro, f"Não consegui salvar em '{pedido}'"))
            return None
        if Path(destino) != Path(pedido).expanduser():
            self._avisar("ok", f"'{pedido}' já existia; salvei como '{salvo}' (nada foi sobrescrito).")
        else:
            self._avisar("ok", f"Imagem salva em '{salvo}'.")
        return salvo


def abrir(**opcoes):
    """Monta um ``Estudio`` (mesmos argumentos), mostra-o (caderno ou página Voilà) e o devolve."""
    from IPython.display import display

    app = Estudio(**opcoes)
    display(app)
    return app
