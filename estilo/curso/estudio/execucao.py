"""A execução no estúdio: thread, parar, prévia ao vivo e progresso (ritmo e tempo restante do tqdm)."""

import threading
import warnings

from tqdm import tqdm

from estilo.gatys import transferencia
from estilo.nucleo.formatar import formatar, termos
from estilo.curso.estudio.exibicao import falha, png


def ritmo(passo, total, segundos):
    """Tempo decorrido, restante e passos/s no formato do tqdm (o mesmo das barras da CLI e das lições)."""
    return tqdm.format_meter(passo, total, segundos, unit=" passos", bar_format="{elapsed}<{remaining}, {rate_fmt}")


class Execucao:
    """Roda ``transferir`` com os controles atuais, numa thread (a interface continua viva) ou na própria célula.

    Parte do ``Estudio``: usa ``argumentos()``, os widgets de execução e ``_avisar``.
    """

    def _iniciar_execucao(self):
        self.resultado = None
        self.erro = None
        self.avisos = []
        self.ultimos_argumentos = None
        self._parar = threading.Event()
        self._trava = threading.Lock()
        self._rodando = False
        self._fio = None

    @property
    def rodando(self):
        """True enquanto uma transferência está em andamento."""
        return self._rodando

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
            f"passo {info.passo}/{info.total_passos} · {ritmo(info.passo, info.total_passos, info.segundos)} · "
            f"<b>total {formatar(p['total'])}</b> · {termos({t: p[t] for t in ('conteudo', 'estilo', 'tv')})}"
        )
        cada = self.atualizar_cada or max(1, info.total_passos // 25)
        if info.passo % cada == 0 or info.passo == info.total_passos:
            self.previa.value = png(info.imagem)
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
            self._mostrar_resultado(resultado)
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self.progresso.bar_style = "danger"
            self._avisar("erro", falha(erro, "Erro inesperado durante a transferência"))
        finally:
            self.botao_transferir.disabled = False
            self.botao_parar.disabled = True
            with self._trava:
                self._rodando = False

    def _mostrar_resultado(self, resultado):
        """Prévia, barra e mensagem finais (a melhor imagem, também quando a execução foi interrompida)."""
        self.resultado = resultado
        self.previa.value = png(resultado.imagem)
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
