"""Estúdio interativo (ipywidgets): escolha imagens, ajuste os pesos e veja o estilo aparecer.

Uso num caderno::

    from estilo.curso import estudio
    app = estudio.abrir()          # monta e mostra o estúdio

Tudo fica guardado no objeto ``Estudio``: os controles são atributos públicos
(``app.peso_estilo.value = 1.0``), ``app.configurar(...)`` ajusta vários de uma
vez e ``app.executar(sincrono=True)`` roda a transferência na própria célula
(útil para testes). Sem ``sincrono``, a otimização roda numa thread e os botões
continuam respondendo — é assim que o botão "Parar" funciona.
"""

import html
import inspect
import io
import math
import threading
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from estilo.nucleo import ambiente, dados, imagens
from estilo.gatys import transferencia
from estilo.nucleo.erros import ErroEstilo, ErroImagem, ErroParametro

OTIMIZADORES = (("L-BFGS", "lbfgs"), ("Adam", "adam"))
"""Rótulo mostrado e valor passado a ``transferir(otimizador=...)``."""
NOMES_OTIMIZADORES = {valor: rotulo for rotulo, valor in OTIMIZADORES}

PESOS_PADRAO = {
    nome: float(inspect.signature(transferencia.transferir).parameters[nome].default)
    for nome in ("peso_conteudo", "peso_estilo", "peso_tv")
}
"""Os pesos iniciais dos controles: os mesmos padrões de ``transferir``."""

LADO_ENVIO = 2048
"""Lado maior com que as imagens enviadas são guardadas (o suficiente para qualquer execução)."""

MINIATURA = 128
"""Lado maior das miniaturas (px)."""

_CORES = {"info": "#1f4e79", "ok": "#1b6e20", "aviso": "#8a5a00", "erro": "#a61b1b"}
_ICONES = {"info": "ℹ️", "ok": "✅", "aviso": "⚠️", "erro": "❌"}
_PREFIXO_ENVIO = "enviada:"


def _widgets():
    """Importa o ipywidgets só quando o estúdio é usado, com mensagem clara se faltar."""
    try:
        import ipywidgets
    except ImportError:
        raise ErroEstilo(
            "O estúdio precisa do pacote ipywidgets. Instale com `pip install ipywidgets` "
            "e reinicie o kernel do Jupyter."
        ) from None
    return ipywidgets


def _png(imagem):
    """Imagem na convenção do pacote -> bytes PNG (8 bits por canal)."""
    saida = io.BytesIO()
    imagens.para_pil(imagem).save(saida, format="PNG", compress_level=1)
    return saida.getvalue()


def _rotulo_catalogo(nome):
    """Rótulo curto de uma imagem do catálogo: título sem o original entre parênteses (e o autor, se houver)."""
    info = dados.info(nome)
    titulo = info["titulo"].split(" (")[0]
    autor = info["autor"].split(" (")[0]
    if info["tipo"] == "estilo" and not autor.startswith("não informado"):
        return f"{titulo} — {autor}"
    return titulo


def _arquivos_enviados(valor):
    """Normaliza o valor de um FileUpload (ipywidgets 8: tupla de dicts; 7: dict) em [(nome, bytes)]."""
    if not valor:
        return []
    if isinstance(valor, dict):  # ipywidgets 7
        return [(nome, bytes(item.get("content", b""))) for nome, item in valor.items()]
    return [(item.get("name") or "arquivo", bytes(item.get("content") or b"")) for item in valor]


def decodificar_envio(conteudo, nome="arquivo"):
    """Bytes de um arquivo enviado -> imagem (1, H, W, 3); ErroImagem em português se não der."""
    if not conteudo:
        raise ErroImagem(f"O arquivo '{nome}' está vazio (0 bytes); escolha outro arquivo.")
    try:
        pil = Image.open(io.BytesIO(bytes(conteudo)))
    except UnidentifiedImageError:
        dica = ""
        try:
            bytes(conteudo[:512]).decode("utf-8")
            dica = " Parece um arquivo de texto."
        except UnicodeDecodeError:
            pass
        raise ErroImagem(
            f"O arquivo '{nome}' não é uma imagem que eu consiga ler "
            f"(use JPEG, PNG, GIF, BMP, WebP ou TIFF).{dica}"
        ) from None
    except Exception as exc:  # noqa: BLE001 - qualquer falha do PIL vira mensagem
        raise ErroImagem(f"Não consegui abrir o arquivo '{nome}' como imagem ({exc}).") from None
    try:
        pil.load()
    except Exception as exc:  # noqa: BLE001 - truncado, corrompido, bomba de descompressão...
        raise ErroImagem(
            f"O arquivo '{nome}' está corrompido ou incompleto (talvez o envio tenha sido interrompido): "
            f"não consegui decodificá-lo ({exc}). Envie o arquivo de novo."
        ) from None
    return imagens.carregar(pil, lado_maximo=LADO_ENVIO)


class Estudio:
    """O estúdio: controles, prévia ao vivo, progresso, botões Transferir/Parar/Salvar.

    ``extrator``: um ``modelos.Extrator`` já construído (reaproveitado em todas as
    execuções; sem ele, o estúdio constrói um na primeira execução).
    ``atualizar_cada``: a prévia é redesenhada a cada tantos passos (padrão: ~25 vezes por execução).
    """

    def __init__(
        self,
        conteudo="gata_chelsea",
        estilos=("noite_estrelada",),
        *,
        lado_maximo=None,
        passos=None,
        otimizador="lbfgs",
        extrator=None,
        atualizar_cada=None,
        caminho_saida="resultado_estilo.png",
    ):
        w = _widgets()
        if lado_maximo is None or passos is None:
            rapido, gpu = ambiente.modo_rapido(), ambiente.tem_gpu()
            lado_maximo = lado_maximo or (64 if rapido else (512 if gpu else 256))
            passos = passos or (3 if rapido else (300 if gpu else 100))
        self.extrator = extrator
        self.atualizar_cada = atualizar_cada
        self.resultado = None
        self.erro = None
        self.avisos = []
        self.ultimos_argumentos = None
        self._enviadas = {}
        self._miniaturas = {}
        self._texto_mensagem = ""
        self._parar = threading.Event()
        self._trava = threading.Lock()
        self._rodando = False
        self._fio = None

        largura = {"description_width": "initial"}
        # --- imagens ---------------------------------------------------------------
        self.conteudo = w.Dropdown(
            options=[(_rotulo_catalogo(n), n) for n in dados.listar("conteudo")],
            description="Conteúdo:", style=largura, layout=w.Layout(width="340px"),
        )
        self.estilos = w.SelectMultiple(
            options=[(_rotulo_catalogo(n), n) for n in dados.listar("estilo")],
            description="Estilo(s):", rows=6, style=largura, layout=w.Layout(width="420px"),
        )
        self.envio_conteudo = w.FileUpload(accept="image/*", multiple=False, description="Enviar foto")
        self.envio_estilo = w.FileUpload(accept="image/*", multiple=True, description="Enviar pintura(s)")
        self.miniatura_conteudo = w.Image(format="png", layout=w.Layout(max_width="200px"))
        self.miniaturas_estilo = w.HBox()
        self.creditos = w.HTML()
        # --- parâmetros --------------------------------------------------------------
        logaritmico = {"base": 10, "step": 0.1, "readout_format": ".3g", "style": largura}
        self.peso_conteudo = w.FloatLogSlider(
            value=PESOS_PADRAO["peso_conteudo"], min=0, max=8, description="peso do conteúdo (α)", **logaritmico
        )
        self.peso_estilo = w.FloatLogSlider(
            value=PESOS_PADRAO["peso_estilo"], min=-6, max=4, description="peso do estilo (β)", **logaritmico
        )
        self.peso_tv = w.FloatLogSlider(
            value=PESOS_PADRAO["peso_tv"], min=-2, max=4, description="peso da variação total (γ)", **logaritmico
        )
        self.lado = w.IntSlider(
            value=32, min=32, max=max(1024, int(lado_maximo)), step=16, description="lado maior (px)",
            style=largura,
        )
        self.passos = w.IntSlider(
            value=1, min=1, max=max(2000, int(passos)), step=1, description="passos", style=largura,
        )
        self.otimizador = w.ToggleButtons(options=list(OTIMIZADORES), description="otimizador:", style=largura)
        self.preservar_cores = w.Checkbox(value=False, description="preservar as cores da foto", indent=False)
        # --- execução --------------------------------------------------------------------
        self.botao_transferir = w.Button(description="Transferir", button_style="primary", icon="paint-brush")
        self.botao_parar = w.Button(description="Parar", button_style="warning", icon="stop", disabled=True)
        self.progresso = w.IntProgress(value=0, min=0, max=1, description="progresso:", style=largura)
        self.perdas = w.HTML(value="<i>perdas aparecem aqui durante a execução</i>")
        self.previa = w.Image(format="png", width="320")
        self.caminho = w.Text(value=str(caminho_saida), description="salvar em:", style=largura,
                              layout=w.Layout(width="420px"))
        self.botao_salvar = w.Button(description="Salvar", icon="save")
        self.mensagem = w.HTML()

        self.envio_conteudo.observe(lambda m: self._ao_enviar(m, "conteudo"), names="value")
        self.envio_estilo.observe(lambda m: self._ao_enviar(m, "estilo"), names="value")
        self.botao_transferir.on_click(lambda _: self.executar())
        self.botao_parar.on_click(lambda _: self.parar())
        self.botao_salvar.on_click(lambda _: self.salvar())

        self.interface = w.VBox([
            w.HTML("<h3 style='margin:4px 0'>🎨 Estúdio de transferência de estilo</h3>"),
            w.HBox([
                w.VBox([self.conteudo, self.envio_conteudo, self.miniatura_conteudo]),
                w.VBox([self.estilos, self.envio_estilo, self.miniaturas_estilo]),
            ]),
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
        self.configurar(
            conteudo=conteudo, estilos=estilos, lado_maximo=lado_maximo, passos=passos, otimizador=otimizador,
        )
        self._ao_mudar_conteudo()
        self._ao_mudar_estilos()
        self.conteudo.observe(self._ao_mudar_conteudo, names="value")
        self.estilos.observe(self._ao_mudar_estilos, names="value")
        if not self._texto_mensagem:
            self._avisar("info", "Escolha as imagens, ajuste os controles e clique em Transferir.")

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
        return (
            f"Estudio(conteúdo={c['conteudo']!r}, estilos={c['estilos']!r}, lado {c['lado_maximo']} px, "
            f"{c['passos']} passos, {NOMES_OTIMIZADORES[c['otimizador']]})"
        )

    @property
    def texto_mensagem(self):
        """A última mensagem mostrada na área de mensagens, em texto puro."""
        return self._texto_mensagem

    @property
    def rodando(self):
        """True enquanto uma transferência está em andamento."""
        return self._rodando

    def _avisar(self, tipo, texto):
        """Mostra ``texto`` na área de mensagens (tipo: 'info', 'ok', 'aviso' ou 'erro')."""
        self._texto_mensagem = texto
        if tipo == "erro":
            self.erro = texto
        corpo = html.escape(texto).replace("\n", "<br>")
        self.mensagem.value = f"<div style='color:{_CORES[tipo]}'>{_ICONES[tipo]} {corpo}</div>"

    # -------------------------------------------------------------- configuração
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
        }

    def configurar(self, **valores):
        """Ajusta vários controles de uma vez, com os nomes de ``configuracao()`` (nomes de ``transferir``)."""
        controles = {
            "peso_conteudo": self.peso_conteudo, "peso_estilo": self.peso_estilo, "peso_tv": self.peso_tv,
            "lado_maximo": self.lado, "passos": self.passos,
        }
        conhecidos = set(controles) | {"conteudo", "estilos", "otimizador", "preservar_cores_originais"}
        desconhecidos = sorted(set(valores) - conhecidos)
        if desconhecidos:
            raise ErroParametro(
                f"O estúdio não tem o controle {', '.join(desconhecidos)}. Use: {', '.join(sorted(conhecidos))}."
            )
        if "conteudo" in valores:
            self.conteudo.value = self._opcao(self.conteudo, valores["conteudo"], "conteudo")
        if "estilos" in valores:
            estilos = valores["estilos"]
            estilos = [estilos] if isinstance(estilos, str) else list(estilos)
            if not estilos:
                raise ErroParametro("Escolha pelo menos um estilo.")
            self.estilos.value = tuple(self._opcao(self.estilos, e, "estilo") for e in estilos)
        for nome, controle in controles.items():
            if nome in valores:
                self._ajustar_numero(controle, nome, valores[nome])
        if "otimizador" in valores:
            pedido = str(valores["otimizador"]).strip().lower().replace("-", "")
            if pedido not in {v for _, v in OTIMIZADORES}:
                raise ErroParametro(f"otimizador deve ser 'lbfgs' ou 'adam', não {valores['otimizador']!r}.")
            self.otimizador.value = pedido
        if "preservar_cores_originais" in valores:
            self.preservar_cores.value = bool(valores["preservar_cores_originais"])

    @staticmethod
    def _opcao(controle, valor, tipo):
        validos = [v for _, v in controle.options]
        if valor not in validos:
            raise ErroParametro(
                f"{valor!r} não é uma opção de {tipo}; opções: {', '.join(map(repr, validos))}."
            )
        return valor

    @staticmethod
    def _ajustar_numero(controle, nome, valor):
        if isinstance(valor, bool):
            raise ErroParametro(f"{nome} deve ser um número, não {valor!r}.")
        try:
            numero = float(valor)
        except (TypeError, ValueError):
            raise ErroParametro(f"{nome} deve ser um número, não {valor!r}.") from None
        if not math.isfinite(numero):
            raise ErroParametro(f"{nome} deve ser um número finito, não {valor!r}.")
        if hasattr(controle, "base"):
            minimo, maximo = controle.base ** controle.min, controle.base ** controle.max
        else:
            minimo, maximo = controle.min, controle.max
            if numero != int(numero):
                raise ErroParametro(f"{nome} deve ser um número inteiro, não {valor!r}.")
            numero = int(numero)
        if not minimo * (1 - 1e-9) <= numero <= maximo * (1 + 1e-9):
            raise ErroParametro(f"{nome} deve estar entre {minimo:.3g} e {maximo:.3g}, não {valor!r}.")
        controle.value = numero

    def argumentos(self):
        """Os argumentos de ``transferir`` montados a partir dos controles (sem callback e extrator)."""
        c = self.configuracao()
        if not c["estilos"]:
            raise ErroParametro("Escolha pelo menos um estilo (ou envie uma pintura) antes de transferir.")
        c["conteudo"] = self._origem(c["conteudo"])
        c["estilos"] = [self._origem(e) for e in c["estilos"]]
        return c

    def _origem(self, chave):
        """Chave de uma opção -> algo que ``imagens.carregar`` aceita (caminho do catálogo ou tensor enviado)."""
        if chave in self._enviadas:
            return self._enviadas[chave]
        return str(dados.caminho(chave))

    # ------------------------------------------------------------------ imagens
    def _miniatura(self, chave):
        if chave not in self._miniaturas:
            if chave in self._enviadas:
                imagem = imagens.redimensionar(self._enviadas[chave], lado_maximo=MINIATURA)
            else:
                imagem = dados.carregar(chave, lado_maximo=MINIATURA)
            self._miniaturas[chave] = _png(imagem)
        return self._miniaturas[chave]

    def _ao_mudar_conteudo(self, _mudanca=None):
        try:
            self.miniatura_conteudo.value = self._miniatura(self.conteudo.value)
        except ErroEstilo as erro:
            self._avisar("erro", str(erro))
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self._avisar("erro", f"Não consegui mostrar a miniatura do conteúdo ({type(erro).__name__}: {erro}).")
        self._atualizar_creditos()

    def _ao_mudar_estilos(self, _mudanca=None):
        w = _widgets()
        figuras = []
        for chave in self.estilos.value:
            try:
                figuras.append(w.Image(value=self._miniatura(chave), format="png", layout=w.Layout(max_width="140px")))
            except ErroEstilo as erro:
                self._avisar("erro", str(erro))
            except Exception as erro:  # noqa: BLE001
                self._avisar("erro", f"Não consegui mostrar a miniatura de {chave!r} ({type(erro).__name__}: {erro}).")
        self.miniaturas_estilo.children = figuras
        self._atualizar_creditos()

    def _atualizar_creditos(self):
        linhas = []
        for chave in [self.conteudo.value, *self.estilos.value]:
            if chave in self._enviadas:
                linhas.append(f"{chave[len(_PREFIXO_ENVIO):]} — enviada por você")
            elif chave is not None:
                linhas.append(dados.creditos(chave))
        itens = "".join(f"<li>{html.escape(linha)}</li>" for linha in linhas)
        self.creditos.value = (
            f"<details><summary>créditos das imagens</summary><ul style='font-size:small'>{itens}</ul></details>"
        )

    def enviar(self, conteudo, nome="imagem", tipo="conteudo"):
        """Registra uma imagem enviada (bytes do arquivo) como conteúdo ou estilo; devolve a chave ou None.

        Arquivos que não são imagens aparecem como mensagem de erro no estúdio (nunca como exceção).
        """
        if tipo not in ("conteudo", "estilo"):
            raise ErroParametro(f"tipo deve ser 'conteudo' ou 'estilo', não {tipo!r}.")
        try:
            imagem = decodificar_envio(conteudo, nome)
        except ErroEstilo as erro:
            self._avisar("erro", str(erro))
            return None
        except Exception as erro:  # noqa: BLE001
            self._avisar("erro", f"Não consegui usar o arquivo '{nome}' ({type(erro).__name__}: {erro}).")
            return None
        chave, n = f"{_PREFIXO_ENVIO}{nome}", 1
        while chave in self._enviadas:
            n += 1
            chave = f"{_PREFIXO_ENVIO}{nome} ({n})"
        self._enviadas[chave] = imagem
        self._miniaturas.pop(chave, None)
        rotulo = f"📤 {chave[len(_PREFIXO_ENVIO):]}"
        controle = self.conteudo if tipo == "conteudo" else self.estilos
        selecao = controle.value
        controle.options = [(rotulo, chave), *controle.options]
        if tipo == "conteudo":
            controle.value = chave
        else:
            controle.value = (*selecao, chave)
        altura, largura = int(imagem.shape[1]), int(imagem.shape[2])
        papel = "conteúdo" if tipo == "conteudo" else "estilo"
        self._avisar("ok", f"Imagem '{nome}' ({largura}×{altura} px) pronta para usar como {papel}.")
        return chave

    def _ao_enviar(self, mudanca, tipo):
        try:
            arquivos = _arquivos_enviados(mudanca.get("new"))
            recusados = []
            for nome, conteudo in arquivos:
                if self.enviar(conteudo, nome, tipo) is None:
                    recusados.append(self.texto_mensagem)
            if recusados and len(arquivos) > 1:  # um envio bom depois de um ruim não esconde o erro
                self._avisar("erro", "\n".join(recusados))
            if arquivos and isinstance(mudanca.get("new"), tuple):
                mudanca["owner"].value = ()  # ipywidgets 8: esvazia para aceitar o mesmo arquivo de novo
        except Exception as erro:  # noqa: BLE001
            self._avisar("erro", f"Não consegui receber o arquivo ({type(erro).__name__}: {erro}).")

    # ------------------------------------------------------------------ execução
    def executar(self, sincrono=False):
        """Roda a transferência com os controles atuais.

        ``sincrono=True``: roda aqui mesmo e devolve o ``Resultado`` (ou None, se deu erro).
        Senão, roda numa thread (a interface continua viva) e devolve a thread.
        Se já houver uma execução em andamento, não começa outra e devolve None.
        """
        with self._trava:
            if self._rodando:
                self._avisar("aviso", "Já há uma transferência em andamento; espere terminar ou clique em Parar.")
                return None
            self._rodando = True
        self._parar.clear()
        self.erro = None
        self.avisos = []
        self.botao_transferir.disabled = True
        self.botao_parar.disabled = False
        self.progresso.bar_style = ""
        self.progresso.value = 0
        self.progresso.max = int(self.passos.value)
        self._avisar("info", "Preparando a transferência…")
        if sincrono:
            self._rodar()
            return self.resultado if self.erro is None else None
        self._fio = threading.Thread(target=self._rodar, name="estilo-estudio", daemon=True)
        self._fio.start()
        return self._fio

    def aguardar(self, tempo_limite=None):
        """Espera a execução em segundo plano terminar; devolve o ``Resultado`` (None se deu erro)."""
        if self._fio is not None:
            self._fio.join(tempo_limite)
        return self.resultado if self.erro is None else None

    def parar(self):
        """Pede para a execução em andamento parar no fim do passo atual (a melhor imagem é mantida)."""
        if not self._rodando:
            self._avisar("info", "Não há transferência em andamento para parar.")
            return False
        self._parar.set()
        self._avisar("aviso", "Parando no fim do passo atual…")
        return True

    def _obter_extrator(self):
        if self.extrator is None:
            from estilo.nucleo import modelos, pesos

            self._avisar("info", "Montando a VGG16 (só na primeira execução; leva alguns segundos)…")
            origem = pesos.carregar_pesos("vgg16", verboso=False).origem
            self.extrator = modelos.Extrator(list(modelos.CAMADAS_CONTEUDO) + list(modelos.CAMADAS_ESTILO))
            self.avisos.append(f"Pesos VGG16: {origem}")
        return self.extrator

    def _ao_progresso(self, info):
        """Callback de ``transferir``: atualiza barra, perdas e prévia; devolve False para parar."""
        self.progresso.value = info.passo
        p = info.perdas
        self.perdas.value = (
            f"passo {info.passo}/{info.total_passos} · {info.segundos:.1f} s · "
            f"<b>total {p['total']:.4g}</b> · conteúdo {p['conteudo']:.4g} · "
            f"estilo {p['estilo']:.4g} · variação total {p['tv']:.4g}"
        )
        cada = self.atualizar_cada or max(1, info.total_passos // 25)
        if info.passo % cada == 0 or info.passo == info.total_passos:
            self.previa.value = _png(info.imagem)
        return not self._parar.is_set()

    def _rodar(self):
        """Corpo da execução (na thread ou não): nunca deixa escapar uma exceção."""
        try:
            with warnings.catch_warnings(record=True) as capturados:
                warnings.simplefilter("always")
                argumentos = self.argumentos()
                self.ultimos_argumentos = dict(argumentos)
                extrator = self._obter_extrator()
                lado = int(argumentos["lado_maximo"])
                self.previa.width = str(max(256, min(lado, 512)))
                self._avisar("info", f"Transferindo: {argumentos['passos']} passos, lado {lado} px…")
                resultado = transferencia.transferir(
                    **argumentos, ao_progresso=self._ao_progresso, extrator=extrator,
                )
            self.avisos += [str(a.message) for a in capturados]
            self.resultado = resultado
            self.previa.value = _png(resultado.imagem)
            self.progresso.value = min(resultado.passos, self.progresso.max)
            extra = "".join(f"\n⚠️ {a}" for a in self.avisos if not a.startswith("Pesos "))
            if resultado.interrompido:
                self.progresso.bar_style = "warning"
                self._avisar(
                    "aviso",
                    f"Execução interrompida: {resultado.motivo}. A prévia mostra a melhor imagem até ali; "
                    f"você pode salvá-la.{extra}",
                )
            else:
                self.progresso.bar_style = "success"
                self._avisar("ok", f"Pronto! {resultado.resumo()}{extra}")
        except ErroEstilo as erro:
            self.progresso.bar_style = "danger"
            self._avisar("erro", str(erro))
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self.progresso.bar_style = "danger"
            self._avisar("erro", f"Erro inesperado durante a transferência ({type(erro).__name__}: {erro}).")
        finally:
            self.botao_transferir.disabled = False
            self.botao_parar.disabled = True
            with self._trava:
                self._rodando = False

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
        except ErroEstilo as erro:
            self._avisar("erro", str(erro))
            return None
        except Exception as erro:  # noqa: BLE001
            self._avisar("erro", f"Não consegui salvar em '{pedido}' ({type(erro).__name__}: {erro}).")
            return None
        if Path(destino) != Path(pedido).expanduser():
            self._avisar("ok", f"'{pedido}' já existia; salvei como '{salvo}' (nada foi sobrescrito).")
        else:
            self._avisar("ok", f"Imagem salva em '{salvo}'.")
        return salvo


def abrir(**opcoes):
    """Monta um ``Estudio`` (mesmos argumentos), mostra-o no caderno e o devolve."""
    from IPython.display import display

    app = Estudio(**opcoes)
    display(app)
    return app
