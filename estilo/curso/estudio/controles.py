"""Os controles do estúdio: construção dos widgets e leitura/escrita da configuração (nomes de ``transferir``)."""

from estilo.nucleo import dados
from estilo.nucleo.erros import ErroParametro
from estilo.nucleo.validacao import inteiro, numero
from estilo.curso.estudio.padroes import OTIMIZADOR_PADRAO, OTIMIZADORES, PESOS_PADRAO, valor_otimizador
from estilo.curso.estudio.regioes import NENHUMA, OPCOES_REGIOES, valor_regioes

_OUTROS = ("conteudo", "estilos", "otimizador", "preservar_cores_originais", "regioes")


def largura_lista(opcoes, minimo=420):
    """Largura (CSS) de uma lista que mostra o rótulo mais longo das ``opcoes`` sem barra de rolagem lateral.

    ~7 px por caractere a 13 px (medido no Chromium), com folga, mais a descrição (~70 px) e a barra vertical.
    """
    maior = max((len(rotulo) for rotulo, _ in opcoes), default=0)
    return f"{max(minimo, round(7.5 * maior) + 100)}px"


def rotulo_catalogo(nome):
    """Rótulo curto de uma imagem do catálogo: título sem o original entre parênteses (e o autor, se houver)."""
    info = dados.info(nome)
    titulo = info["titulo"].split(" (")[0]
    autor = info["autor"].split(" (")[0]
    if info["tipo"] == "estilo" and not autor.startswith("não informado"):
        return f"{titulo} — {autor}"
    return titulo


class Controles:
    """Os widgets de entrada (atributos públicos) e ``configuracao``/``configurar``/``argumentos``.

    Parte do ``Estudio``: ``_origem`` vem do envio (imagens enviadas ou do catálogo).
    """

    def _montar_controles(self, w, lado_maximo, passos, caminho_saida):
        """Cria os widgets de imagens, parâmetros, execução e saída (sem ligar os eventos)."""
        largura = {"description_width": "initial"}
        # --- imagens ---------------------------------------------------------------
        self.conteudo = w.Dropdown(
            options=[(rotulo_catalogo(n), n) for n in dados.listar("conteudo")],
            description="Conteúdo:", style=largura, layout=w.Layout(width="340px"),
        )
        pinturas = [(rotulo_catalogo(n), n) for n in dados.listar("estilo")]
        self.estilos = w.SelectMultiple(
            options=pinturas, description="Estilo(s):", rows=6, style=largura,
            layout=w.Layout(width=largura_lista(pinturas)),
        )
        self.envio_conteudo = w.FileUpload(accept="image/*", multiple=False, description="Enviar foto")
        self.envio_estilo = w.FileUpload(accept="image/*", multiple=True, description="Enviar pintura(s)")
        self.miniatura_conteudo = w.Image(format="png", layout=w.Layout(max_width="200px"))
        self.miniaturas_estilo = w.HBox()
        self.creditos = w.HTML()
        # --- regiões (Gatys et al., 2017): cada pintura numa parte da foto ------------
        self.regioes = w.Dropdown(options=list(OPCOES_REGIOES), value=NENHUMA, description="regiões:",
                                  style=largura, layout=w.Layout(width="420px"))
        self.envio_mascara = w.FileUpload(
            accept="image/*", multiple=True, description="Enviar máscara(s)", layout=w.Layout(display="none"),
            tooltip="uma por pintura, de uma vez (branco = onde a pintura age); na ordem dos nomes dos arquivos",
        )
        self.miniatura_regioes = w.Image(format="png", layout=w.Layout(max_width="200px", display="none"))
        self.legenda_regioes = w.HTML()
        # --- parâmetros (valores iniciais: os padrões de transferir) -----------------
        logaritmico = {"base": 10, "step": 0.1, "readout_format": ".3g", "style": largura}
        faixas = {"peso_conteudo": (0, 8, "peso do conteúdo (α)"), "peso_estilo": (-6, 4, "peso do estilo (β)"),
                  "peso_tv": (-2, 4, "peso da variação total (γ)")}
        for nome, (minimo, maximo, rotulo) in faixas.items():
            padrao = PESOS_PADRAO[nome]
            setattr(self, nome, w.FloatLogSlider(
                value=padrao, min=minimo, max=maximo, description=rotulo,
                tooltip=f"padrão de transferir: {padrao:g}", **logaritmico,
            ))
        self.lado = w.IntSlider(
            value=32, min=32, max=max(1024, int(lado_maximo)), step=16, description="lado maior (px)",
            style=largura,
        )
        self.passos = w.IntSlider(
            value=1, min=1, max=max(2000, int(passos)), step=1, description="passos", style=largura,
        )
        self.otimizador = w.ToggleButtons(
            options=list(OTIMIZADORES), value=OTIMIZADOR_PADRAO, description="otimizador:",
            style=largura,
        )
        self.preservar_cores = w.Checkbox(value=False, description="preservar as cores da foto", indent=False)
        # --- execução e saída ----------------------------------------------------------
        self.botao_transferir = w.Button(description="Transferir", button_style="primary", icon="paint-brush")
        self.botao_parar = w.Button(description="Parar", button_style="warning", icon="stop", disabled=True)
        self.progresso = w.IntProgress(value=0, min=0, max=1, description="progresso:", style=largura)
        self.perdas = w.HTML(value="<i>os custos aparecem aqui durante a execução</i>")
        self.previa = w.Image(format="png", width="320", layout=w.Layout(display="none"))  # até haver imagem
        self.caminho = w.Text(value=str(caminho_saida), description="salvar em:", style=largura,
                              layout=w.Layout(width="420px"))
        self.botao_salvar = w.Button(description="Salvar", icon="save")
        self.mensagem = w.HTML()

    def _controles_numericos(self):
        return {
            "peso_conteudo": self.peso_conteudo, "peso_estilo": self.peso_estilo, "peso_tv": self.peso_tv,
            "lado_maximo": self.lado, "passos": self.passos,
        }

    def configuracao(self):
        """Os valores atuais dos controles, com os nomes dos parâmetros de ``transferir``."""
        return {
            "conteudo": self.conteudo.value,
            "estilos": list(self.estilos.value),
            "peso_conteudo": float(self.peso_conteudo.value),
            "peso_estilo": float(self.peso_estilo.value),
            "peso_tv": float(self.peso_tv.value),
            "lado_maximo": int(self.lado.value),
            "passos": int(self.passos.value),
            "otimizador": self.otimizador.value,
            "preservar_cores_originais": bool(self.preservar_cores.value),
            "regioes": self.regioes.value,
        }

    def configurar(self, **valores):
        """Ajusta vários controles de uma vez, com os nomes de ``configuracao()`` (nomes de ``transferir``)."""
        numericos = self._controles_numericos()
        conhecidos = set(numericos) | set(_OUTROS)
        desconhecidos = sorted(set(valores) - conhecidos)
        if desconhecidos:
            raise ErroParametro(
                f"O estúdio não tem o controle {', '.join(desconhecidos)}. Use: {', '.join(sorted(conhecidos))}."
            )
        if "conteudo" in valores:
            self.conteudo.value = _opcao(self.conteudo, valores["conteudo"], "conteudo")
        if "estilos" in valores:
            estilos = valores["estilos"]
            estilos = [estilos] if isinstance(estilos, str) else list(estilos)
            if not estilos:
                raise ErroParametro("Escolha pelo menos um estilo.")
            self.estilos.value = tuple(_opcao(self.estilos, e, "estilo") for e in estilos)
        for nome, controle in numericos.items():
            if nome in valores:
                _ajustar_numero(controle, nome, valores[nome])
        if "otimizador" in valores:
            self.otimizador.value = valor_otimizador(valores["otimizador"])
        if "preservar_cores_originais" in valores:
            self.preservar_cores.value = bool(valores["preservar_cores_originais"])
        if "regioes" in valores:
            self.regioes.value = valor_regioes(valores["regioes"])

    def argumentos(self):
        """Os argumentos de ``transferir`` montados a partir dos controles (sem callback e extrator).

        Com regiões, inclui ``mascaras`` (uma por pintura, na ordem das pinturas).
        """
        c = self.configuracao()
        del c["regioes"]
        if not c["estilos"]:
            raise ErroParametro("Escolha pelo menos um estilo (ou envie uma pintura) antes de transferir.")
        c["conteudo"] = self._origem(c["conteudo"])
        c["estilos"] = [self._origem(e) for e in c["estilos"]]
        mascaras = self._mascaras_da_execucao(c["conteudo"], len(c["estilos"]), c["lado_maximo"])
        if mascaras is not None:
            c["mascaras"] = mascaras
        return c


def _opcao(controle, valor, tipo):
    validos = [v for _, v in controle.options]
    if valor not in validos:
        raise ErroParametro(f"{valor!r} não é uma opção de {tipo}; opções: {', '.join(map(repr, validos))}.")
    return valor


def _ajustar_numero(controle, nome, valor):
    """Põe ``valor`` no controle numérico, com os validadores do pacote e a faixa do próprio controle."""
    if hasattr(controle, "base"):  # FloatLogSlider: min e max são expoentes; tolera o arredondamento de base**x
        minimo, maximo = controle.base ** controle.min, controle.base ** controle.max
        controle.value = numero(nome, valor, minimo * (1 - 1e-9), maximo * (1 + 1e-9))
    else:
        controle.value = inteiro(nome, valor, controle.min, controle.max)
