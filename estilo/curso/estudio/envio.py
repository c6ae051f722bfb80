"""O envio de imagens ao estúdio: bytes de um arquivo -> imagem, com erros claros em português."""

import io
import re
import warnings

from PIL import Image, UnidentifiedImageError

from estilo.nucleo import dados, imagens
from estilo.nucleo.erros import ErroImagem, ErroParametro
from estilo.nucleo.formatar import formatar
from estilo.curso.estudio.controles import largura_lista
from estilo.curso.estudio.exibicao import falha

LADO_ENVIO = 2048
"""Lado maior com que as imagens enviadas são guardadas (o suficiente para qualquer execução)."""

PREFIXO_ENVIO = "enviada:"
"""Início da chave (valor da opção) de uma imagem enviada; o resto é o nome do arquivo."""


def arquivos_enviados(valor):
    """Normaliza o valor de um FileUpload (ipywidgets 8: tupla de dicts; 7: dict) em [(nome, bytes)]."""
    if not valor:
        return []
    if isinstance(valor, dict):  # ipywidgets 7
        return [(nome, bytes(item.get("content", b""))) for nome, item in valor.items()]
    return [(item.get("name") or "arquivo", bytes(item.get("content") or b"")) for item in valor]


def _grande_demais(nome, erro):
    """ErroImagem em português para uma imagem acima do limite de pixels do PIL (bomba de descompressão)."""
    achado = re.search(r"\((\d+) pixels\)", str(erro))
    tamanho = f"{formatar(int(achado.group(1)) / 1e6, 1)} megapixels; " if achado else ""
    limite = formatar(Image.MAX_IMAGE_PIXELS / 1e6, 1) if Image.MAX_IMAGE_PIXELS else "?"
    return ErroImagem(
        f"A imagem '{nome}' é grande demais ({tamanho}o limite é {limite} megapixels). "
        "Reduza-a num editor de imagens e envie de novo."
    )


def decodificar_envio(conteudo, nome="arquivo"):
    """Bytes de um arquivo enviado -> imagem (1, H, W, 3); ErroImagem em português se não der."""
    if not conteudo:
        raise ErroImagem(f"O arquivo '{nome}' está vazio (0 bytes); escolha outro arquivo.")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)  # o aviso do PIL também recusa
        try:
            pil = _abrir(conteudo, nome)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as erro:
            raise _grande_demais(nome, erro) from None
    return imagens.carregar(pil, lado_maximo=LADO_ENVIO)


def _abrir(conteudo, nome):
    """Abre e decodifica os bytes com o PIL; falhas comuns viram ErroImagem em português."""
    try:
        pil = Image.open(io.BytesIO(bytes(conteudo)))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise
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
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise
    except Exception as exc:  # noqa: BLE001 - truncado, corrompido...
        raise ErroImagem(
            f"O arquivo '{nome}' está corrompido ou incompleto (talvez o envio tenha sido interrompido): "
            f"não consegui decodificá-lo ({exc}). Envie o arquivo de novo."
        ) from None
    return pil


def nome_enviado(chave):
    """O nome do arquivo de uma chave de imagem enviada."""
    return chave[len(PREFIXO_ENVIO):]


class Envios:
    """As imagens enviadas (``_enviadas``: chave -> tensor) e os botões de envio.

    Parte do ``Estudio``: usa ``conteudo``/``estilos`` (os seletores), ``_miniaturas``, ``_receber_mascara``
    (regiões) e ``_avisar``.
    """

    def enviar(self, conteudo, nome="imagem", tipo="conteudo"):
        """Registra uma imagem enviada (bytes do arquivo) como conteúdo, estilo ou máscara; devolve a chave ou None.

        Uma máscara vale para a próxima pintura sem máscara (na ordem da lista) e liga as regiões "enviadas".
        Arquivos que não são imagens aparecem como mensagem de erro no estúdio (nunca como exceção).
        """
        if tipo not in ("conteudo", "estilo", "mascara"):
            raise ErroParametro(f"tipo deve ser 'conteudo', 'estilo' ou 'mascara', não {tipo!r}.")
        try:
            imagem = decodificar_envio(conteudo, nome)
        except Exception as erro:  # noqa: BLE001 - nunca um traceback na interface
            self._avisar("erro", falha(erro, f"Não consegui usar o arquivo '{nome}'"))
            return None
        if tipo == "mascara":
            self._receber_mascara(nome, imagem)
            return f"{PREFIXO_ENVIO}{nome}"
        chave, n = f"{PREFIXO_ENVIO}{nome}", 1
        while chave in self._enviadas:
            n += 1
            chave = f"{PREFIXO_ENVIO}{nome} ({n})"
        self._enviadas[chave] = imagem
        self._miniaturas.pop(chave, None)
        controle = self.conteudo if tipo == "conteudo" else self.estilos
        selecao = controle.value
        controle.options = [(f"📤 {nome_enviado(chave)}", chave), *controle.options]
        if tipo == "estilo":
            controle.layout.width = largura_lista(controle.options)
        controle.value = chave if tipo == "conteudo" else (*selecao, chave)
        altura, largura = int(imagem.shape[1]), int(imagem.shape[2])
        papel = "conteúdo" if tipo == "conteudo" else "estilo"
        self._avisar("ok", f"Imagem '{nome}' ({largura}×{altura} px) pronta para usar como {papel}.")
        return chave

    def _ao_enviar(self, mudanca, tipo):
        """Evento de um FileUpload: registra cada arquivo e junta as mensagens de erro.

        Máscaras: cada envio substitui as anteriores, na ordem dos nomes dos arquivos.
        """
        try:
            arquivos = arquivos_enviados(mudanca.get("new"))
            if tipo == "mascara" and arquivos:
                self._mascaras_enviadas.clear()
                arquivos.sort(key=lambda arquivo: arquivo[0])
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

    def _origem(self, chave):
        """Chave de uma opção -> algo que ``imagens.carregar`` aceita (caminho do catálogo ou tensor enviado)."""
        if chave in self._enviadas:
            return self._enviadas[chave]
        return str(dados.caminho(chave))
