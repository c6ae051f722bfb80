"""Como o estúdio mostra as coisas: ipywidgets (importado só quando usado), PNGs e mensagens em HTML."""

import html
import io

from estilo.nucleo import imagens
from estilo.nucleo.erros import ErroEstilo

_CORES = {"info": "#1f4e79", "ok": "#1b6e20", "aviso": "#8a5a00", "erro": "#a61b1b"}
_ICONES = {"info": "ℹ️", "ok": "✅", "aviso": "⚠️", "erro": "❌"}


def widgets():
    """Importa o ipywidgets só quando o estúdio é usado, com mensagem clara se faltar."""
    try:
        import ipywidgets
    except ImportError:
        raise ErroEstilo(
            "O estúdio precisa do pacote ipywidgets. Instale com `pip install ipywidgets` "
            "e reinicie o kernel do Jupyter."
        ) from None
    return ipywidgets


def png(imagem):
    """Imagem na convenção do pacote -> bytes PNG (8 bits por canal)."""
    saida = io.BytesIO()
    imagens.para_pil(imagem).save(saida, format="PNG", compress_level=1)
    return saida.getvalue()


def mensagem_html(tipo, texto):
    """A mensagem ``texto`` em HTML, com a cor e o ícone do ``tipo`` ('info', 'ok', 'aviso' ou 'erro')."""
    corpo = html.escape(texto).replace("\n", "<br>")
    return f"<div style='color:{_CORES[tipo]}'>{_ICONES[tipo]} {corpo}</div>"


def falha(erro, contexto):
    """Texto em português de uma exceção: a mensagem de um ErroEstilo ou ``contexto`` (tipo: detalhe)."""
    if isinstance(erro, ErroEstilo):
        return str(erro)
    return f"{contexto} ({type(erro).__name__}: {erro})."
