"""O estúdio como página web: acha o caderno da página, monta o comando do Voilà e cuida do processo.

Uso::

    from estilo.curso.app import servidor

    with servidor.Servidor(porta=8899) as s:   # inicia o Voilà e espera a porta responder
        print(s.endereco)
        s.esperar()                            # até o Voilà parar (ou Ctrl-C em quem chamou)

O Voilà roda num processo (e numa sessão) à parte, sem mostrar código nem *tracebacks*; os registros dele
vão para um arquivo temporário, mostrado só se ele falhar.
"""

import errno
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from estilo.nucleo.erros import ErroEstilo, ErroParametro

PAGINA = Path(__file__).resolve().parent / "estudio.ipynb"
"""O caderno da página: título, instruções e uma célula que chama ``estudio.abrir()``."""

VARIAVEL_PASTA = "ESTILO_ESTUDIO_PASTA"
"""Variável de ambiente com a pasta onde o botão Salvar grava (a pasta de onde o estúdio foi aberto)."""

IP_PADRAO = "127.0.0.1"

LIMITE_MENSAGEM = 64 * 1024 * 1024
"""Maior mensagem do navegador ao kernel (bytes): uma foto enviada vai inteira numa só (o tornado aceita 10 MiB)."""


def voila_instalado():
    """True se o Voilà pode ser importado neste Python."""
    return importlib.util.find_spec("voila") is not None


def caminho_pagina():
    """O caderno da página do estúdio (empacotado com o ``estilo``)."""
    if not PAGINA.is_file():
        raise ErroEstilo(f"Não achei a página do estúdio em '{PAGINA}'; reinstale o pacote estilo.")
    return PAGINA


def porta_livre(ip=IP_PADRAO):
    """Uma porta TCP livre em ``ip`` (o sistema escolhe); ErroParametro se não dá para escutar em ``ip``."""
    with socket.socket(_familia(ip), socket.SOCK_STREAM) as s:
        _escutar(s, ip, 0)
        return s.getsockname()[1]


def porta_em_uso(porta, ip=IP_PADRAO):
    """True se outro programa já escuta em ``ip:porta``; ErroParametro se não dá para escutar em ``ip``."""
    with socket.socket(_familia(ip), socket.SOCK_STREAM) as s:
        if os.name == "posix":  # como o tornado: uma conexão recém-fechada (TIME_WAIT) não ocupa a porta
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            _escutar(s, ip, porta)
        except ErroParametro as erro:
            if isinstance(erro.__cause__, OSError) and erro.__cause__.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def _escutar(s, ip, porta):
    try:
        s.bind((ip, porta))
    except OSError as erro:
        motivo = "a porta já está em uso" if erro.errno == errno.EADDRINUSE else (
            "não é um endereço desta máquina" if isinstance(erro, socket.gaierror)
            or erro.errno == errno.EADDRNOTAVAIL else erro.strerror or str(erro))
        onde = f"{ip}:{porta}" if porta else ip
        raise ErroParametro(f"Não consigo escutar em {onde}: {motivo}.") from erro


def _familia(ip):
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def comando(porta, ip=IP_PADRAO):
    """A linha de comando do Voilà para servir a página (sem abrir navegador, sem código, sem tracebacks)."""
    return [
        sys.executable, "-m", "voila", str(caminho_pagina()),
        f"--port={int(porta)}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        f'--Voila.tornado_settings={{"websocket_max_message_size": {LIMITE_MENSAGEM}}}',
    ]


def endereco(porta, ip=IP_PADRAO):
    """O endereço para abrir no navegador (com o nome da máquina quando escuta em todas as interfaces)."""
    if ip in ("", "0.0.0.0", "::"):
        ip = socket.gethostname()
    elif ":" in ip:
        ip = f"[{ip}]"
    return f"http://{ip}:{int(porta)}/"


class Servidor:
    """O processo do Voilà servindo a página do estúdio; ``with`` garante que ele para."""

    def __init__(self, porta=None, ip=IP_PADRAO, pasta=None):
        if porta is not None and not 1 <= int(porta) <= 65535:
            raise ErroParametro(f"A porta deve estar entre 1 e 65535, não {porta}.")
        self.ip = ip
        self.porta = None if porta is None else int(porta)
        self.pasta = Path(pasta or os.getcwd()).resolve()
        self.processo = None
        self._registro = None

    @property
    def endereco(self):
        return endereco(self.porta, self.ip)

    def iniciar(self, tempo_limite=60.0):
        """Inicia o Voilà e espera a porta aceitar conexões; ErroEstilo em português se não der."""
        if not voila_instalado():
            raise ErroEstilo(
                "O estúdio como página precisa do Voilà, que não está instalado. "
                "Instale com: pip install 'estilo[app]'"
            )
        if self.porta is None:
            self.porta = porta_livre(self.ip)
        elif porta_em_uso(self.porta, self.ip):
            raise ErroEstilo(
                f"A porta {self.porta} já está em uso. Escolha outra com --porta, ou omita --porta para usar uma livre."
            )
        ambiente = dict(os.environ, **{VARIAVEL_PASTA: str(self.pasta)})
        self._registro = tempfile.NamedTemporaryFile(prefix="estilo-estudio-", suffix=".log", delete=False)
        separado = {"start_new_session": True} if os.name == "posix" else {
            "creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        # Sessão à parte: o Ctrl-C do terminal chega só a quem chamou, que então para o Voilà com calma.
        self.processo = subprocess.Popen(
            comando(self.porta, self.ip), stdin=subprocess.DEVNULL, stdout=self._registro,
            stderr=subprocess.STDOUT, env=ambiente, cwd=str(self.pasta), **separado,
        )
        try:
            self._esperar_porta(tempo_limite)
        except BaseException as erro:  # inclusive Ctrl-C enquanto espera: o Voilà não fica rodando sozinho
            self.parar()
            self._fechar_registro(manter=isinstance(erro, ErroEstilo))  # a mensagem do erro cita o registro
            raise
        return self

    def _esperar_porta(self, tempo_limite):
        limite = time.monotonic() + tempo_limite
        while not self._respondendo():
            if self.processo.poll() is not None:
                raise ErroEstilo(f"O Voilà terminou antes de servir a página.{self.ultimas_linhas()}")
            if time.monotonic() > limite:
                raise ErroEstilo(f"O Voilà não respondeu em {tempo_limite:.0f} s.{self.ultimas_linhas()}")
            time.sleep(0.2)

    def _respondendo(self):
        ip = "127.0.0.1" if self.ip in ("", "0.0.0.0") else ("::1" if self.ip == "::" else self.ip)
        try:
            with socket.create_connection((ip, self.porta), timeout=1):
                return True
        except OSError:
            return False

    def ultimas_linhas(self, n=15):
        """O fim do registro do Voilà (texto pronto para anexar a uma mensagem), ou ''."""
        if self._registro is None:
            return ""
        try:
            linhas = Path(self._registro.name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        fim = "\n".join(linhas[-n:])
        return f"\nÚltimas linhas do registro do Voilà ({self._registro.name}):\n{fim}" if fim else ""

    def esperar(self):
        """Espera o Voilà terminar; devolve o código de saída dele."""
        return self.processo.wait()

    def parar(self, tempo_limite=15.0):
        """Pede ao Voilà para parar (ele encerra os kernels); se não parar a tempo, mata o processo."""
        if self.processo is None or self.processo.poll() is not None:
            return
        self.processo.send_signal(signal.SIGTERM if os.name == "posix" else signal.CTRL_BREAK_EVENT)
        try:
            self.processo.wait(tempo_limite)
        except subprocess.TimeoutExpired:
            self.processo.kill()
            self.processo.wait()

    def __enter__(self):
        return self.iniciar()

    def __exit__(self, *_excecao):
        self.parar()
        self._fechar_registro(manter=self.processo.returncode not in (0, -signal.SIGTERM))

    def _fechar_registro(self, manter):
        """Fecha o arquivo de registro do Voilà e o apaga, a menos que ``manter`` (houve falha)."""
        if self._registro is not None:
            self._registro.close()
            if not manter:
                Path(self._registro.name).unlink(missing_ok=True)
