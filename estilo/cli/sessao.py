"""Uma execução da linha de comando: mensagens, avisos, erros em português e os códigos de saída.

Códigos: 0 sucesso; 1 erro (do usuário ou do ambiente); 2 uso ou parâmetro inválido; 130 Ctrl-C.
Um erro inesperado (um defeito do estilo) vira uma mensagem em português e um relatório gravado num
arquivo; ``--depurar`` mostra o traceback.
"""

import contextlib
import os
import platform
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroParametro

OK, ERRO, ERRO_USO, INTERROMPIDO = 0, 1, 2, 130


class Sessao:
    """Para onde vão as mensagens; com uma barra ativa, elas passam por ela (sem quebrar a linha)."""

    def __init__(self, silencioso=False):
        self.silencioso = silencioso
        self.barra = None

    def _escrever(self, texto, fluxo):
        if self.barra is not None:
            self.barra.escrever(texto, fluxo)
        else:
            print(texto, file=fluxo, flush=True)

    def info(self, texto):
        """Mensagem comum (stdout), calada por --silencioso."""
        if not self.silencioso:
            self._escrever(texto, sys.stdout)

    def aviso(self, texto):
        """'aviso: …' no stderr, mesmo em --silencioso."""
        self._escrever(f"aviso: {texto}", sys.stderr)

    def erro(self, texto):
        """'estilo: erro: …' no stderr."""
        self._escrever(f"estilo: erro: {texto}", sys.stderr)


def descrever_oserror(exc):
    """Um OSError (disco, permissão, caminho) em português, com o arquivo envolvido."""
    alvo = f" ('{exc.filename}')" if getattr(exc, "filename", None) else ""
    return f"{exc.strerror or exc}{alvo}. Confira o caminho, as permissões e o espaço em disco."


def _pasta_de_logs():
    with contextlib.suppress(OSError):
        from estilo.nucleo.ambiente import pasta_cache

        pasta = pasta_cache() / "logs"
        pasta.mkdir(parents=True, exist_ok=True)
        return pasta
    return Path(tempfile.gettempdir())


def gravar_relatorio(argv):
    """Grava o traceback da exceção em tratamento, com versões e comando; devolve o caminho (ou None)."""
    from estilo import __version__

    tf = sys.modules.get("tensorflow")
    linhas = [
        f"estilo {__version__}; Python {platform.python_version()}; {platform.platform()}",
        f"TensorFlow {getattr(tf, '__version__', 'não importado')}",
        f"comando: estilo {' '.join(argv or [])}",
        "",
        traceback.format_exc(),
    ]
    nome = f"erro-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for pasta in (_pasta_de_logs(), Path(tempfile.gettempdir())):
        with contextlib.suppress(OSError):
            caminho = pasta / nome
            caminho.write_text("\n".join(linhas), encoding="utf-8")
            return caminho
    return None


def _defeito(sessao, erro, argv, depurar):
    """Mensagem de um erro inesperado: é um defeito, onde está o relatório e o que mandar num relato."""
    if depurar:
        traceback.print_exc()
    caminho = gravar_relatorio(argv)
    onde = f"O relatório completo foi gravado em '{caminho}'." if caminho else "Não consegui gravar o relatório."
    sessao.erro(
        f"erro inesperado ({type(erro).__name__}: {erro}). Isto é um defeito do estilo, não algo que você fez "
        f"de errado. {onde} Ao relatar o defeito (uma issue no repositório do curso), inclua o comando que "
        "você rodou, esse arquivo e a saída de `estilo --versao`"
        + ("." if depurar else "; para ver o traceback aqui, repita o comando com --depurar.")
    )
    return ERRO


def executar_protegido(executar, args, argv=None) -> int:
    """Roda ``executar(args, sessao)``: avisos como 'aviso: …', erros em português e o código de saída."""
    sessao = Sessao(getattr(args, "silencioso", False))
    with warnings.catch_warnings():
        warnings.simplefilter("always", AvisoEstilo)
        mostrar_original = warnings.showwarning

        def mostrar(mensagem, categoria, arquivo, linha, file=None, line=None):
            if issubclass(categoria, AvisoEstilo):
                sessao.aviso(str(mensagem))
            else:
                mostrar_original(mensagem, categoria, arquivo, linha, file, line)

        warnings.showwarning = mostrar
        try:
            return executar(args, sessao)
        except ErroParametro as erro:
            sessao.erro(erro)
            return ERRO_USO
        except ErroEstilo as erro:
            sessao.erro(erro)
            return ERRO
        except KeyboardInterrupt:
            sessao.erro("interrompido (Ctrl-C) antes de a otimização começar ou ao salvar; nada foi salvo.")
            return INTERROMPIDO
        except MemoryError:
            sessao.erro("memória insuficiente; tente um --lado menor.")
            return ERRO
        except BrokenPipeError:  # `estilo --listar | head`: quem lia a saída já foi embora
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return ERRO
        except OSError as erro:
            sessao.erro(descrever_oserror(erro))
            return ERRO
        except Exception as erro:  # noqa: BLE001 - a última rede: um defeito vira mensagem e relatório
            tf = sys.modules.get("tensorflow")
            if tf is not None and isinstance(erro, tf.errors.ResourceExhaustedError):
                sessao.erro("memória insuficiente para esse tamanho; tente um --lado menor.")
                return ERRO
            return _defeito(sessao, erro, argv, getattr(args, "depurar", False))
        finally:
            if sessao.barra is not None:
                sessao.barra.fechar()
                sessao.barra = None


def px(t):
    """'L×A px' de um tensor (1, A, L, 3), para as mensagens."""
    return f"{int(t.shape[2])}×{int(t.shape[1])} px"
