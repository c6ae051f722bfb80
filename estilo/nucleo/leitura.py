"""Leitura de imagens do disco e de PIL.Image: limites de tamanho, EXIF, animações e mensagens claras."""

import contextlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from estilo.nucleo.erros import ErroImagem, ErroParametro
from estilo.nucleo.pixels import _avisar, _pil_para_array, _redimensionar_array, _redimensionar_pil
from estilo.nucleo.validacao import inteiro

LADO_MAXIMO_SEGURO = 4096
"""Lado maior usado quando ``lado_maximo`` não é dado e a imagem é maior que isso."""


LADO_MAXIMO_ABSOLUTO = 16384
"""Maior valor aceito para ``lado_maximo``."""


LIMITE_PIXELS = 400_000_000
"""Imagens com mais pixels que isso (400 megapixels) são recusadas."""

EXTENSOES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif")
"""Extensões lidas numa pasta de imagens (as outras são ignoradas)."""


def arquivos_de_imagem(pasta) -> list:
    """Arquivos de imagem de ``pasta`` (sem subpastas), em ordem alfabética."""
    pasta = Path(pasta).expanduser()
    if not pasta.is_dir():
        raise ErroImagem(f"A pasta '{pasta}' não existe (ou não é uma pasta).")
    return sorted(p for p in pasta.iterdir() if p.is_file() and p.suffix.lower() in EXTENSOES)


def _validar_lados(lado_maximo, lado_minimo):
    """Valida ``lado_maximo`` e ``lado_minimo`` de ``carregar``."""
    if lado_maximo is not None:
        lado_maximo = inteiro("lado_maximo", lado_maximo, 1, LADO_MAXIMO_ABSOLUTO)
    if lado_minimo is not None:
        lado_minimo = inteiro("lado_minimo", lado_minimo, 1, LADO_MAXIMO_ABSOLUTO)
    limite = lado_maximo if lado_maximo is not None else LADO_MAXIMO_SEGURO
    if lado_minimo is not None and lado_minimo > limite:
        raise ErroParametro(
            f"lado_minimo={lado_minimo} é maior que lado_maximo={limite}. "
            "Escolha lado_minimo menor ou igual a lado_maximo."
        )
    return lado_maximo, lado_minimo


def _planejar_tamanho(largura, altura, lado_maximo, lado_minimo, descricao):
    """Decide o tamanho final (largura, altura), avisando quando reduz ou amplia por conta própria.

    O lado maior nunca passa de ``lado_maximo`` (ou de ``LADO_MAXIMO_SEGURO``); quando
    a proporção impede o lado menor de chegar a ``lado_minimo``, vale ``lado_maximo``.
    """
    maior, menor = max(largura, altura), min(largura, altura)
    limite = lado_maximo if lado_maximo is not None else LADO_MAXIMO_SEGURO
    escala = limite / maior if maior > limite else 1.0
    conflito = False
    if lado_minimo is not None and round(menor * escala) < lado_minimo:
        if maior * lado_minimo <= limite * menor:
            escala = lado_minimo / menor
        else:
            conflito = True
            escala = limite / maior
    if escala == 1.0:
        nova = (largura, altura)
    else:
        nova = (max(1, round(largura * escala)), max(1, round(altura * escala)))
    if conflito:
        _avisar(
            f"{descricao} ({largura}×{altura} px) é estreita demais para os limites: com o lado maior em "
            f"{limite} px, o lado menor fica com {min(nova)} px, abaixo de lado_minimo={lado_minimo}. "
            f"Usei {nova[0]}×{nova[1]} px; recorte a imagem ou ajuste lado_maximo/lado_minimo."
        )
    elif escala > 1.0:
        _avisar(
            f"{descricao} é muito pequena ({largura}×{altura} px); ampliei para "
            f"{nova[0]}×{nova[1]} px para que o lado menor tenha {lado_minimo} px "
            "(a rede precisa de um tamanho mínimo). Use uma imagem maior para um resultado melhor."
        )
    elif escala < 1.0 and lado_maximo is None:
        _avisar(
            f"{descricao} é muito grande ({largura}×{altura} px); reduzi para "
            f"{nova[0]}×{nova[1]} px (lado maior {LADO_MAXIMO_SEGURO}, o LADO_MAXIMO_SEGURO). "
            "Passe lado_maximo=... para escolher outro tamanho."
        )
    return nova


@contextlib.contextmanager
def _sem_limite_do_pil():
    """Desliga o DecompressionBombError do PIL só durante a nossa leitura (o limite é nosso)."""
    anterior = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = anterior


def _orientacao_exif(img):
    """Valor da tag EXIF Orientation (1 quando ausente ou ilegível)."""
    try:
        return int(img.getexif().get(0x0112, 1) or 1)
    except Exception:  # EXIF malformado não deve impedir a leitura
        return 1


def _primeiro_quadro(img, descricao):
    """Posiciona no primeiro quadro de uma animação, avisando (MPO de câmera não conta)."""
    quadros = getattr(img, "n_frames", 1) or 1
    if quadros > 1:
        if getattr(img, "format", None) != "MPO":
            _avisar(f"{descricao} tem {quadros} quadros (animação ou várias páginas); usei só o primeiro.")
        img.seek(0)


def _checar_pixels(largura, altura, descricao):
    """Recusa imagens gigantes antes de decodificá-las."""
    if largura * altura > LIMITE_PIXELS:
        raise ErroImagem(
            f"{descricao} é grande demais ({largura}×{altura} px, "
            f"{largura * altura / 1e6:.0f} megapixels; o limite é {LIMITE_PIXELS / 1e6:.0f}). "
            "Reduza-a num editor de imagens antes de usar."
        )


def _pil_em_array(img, descricao, lado_maximo=None, lado_minimo=None, reduzir=False):
    """Leva uma PIL.Image (aberta ou já carregada) ao array final (H, W, 3), com tamanho ajustado."""
    with _sem_limite_do_pil():
        _primeiro_quadro(img, descricao)
        largura, altura = img.size
        orientacao = _orientacao_exif(img)
        if orientacao in (5, 6, 7, 8):
            largura, altura = altura, largura
        _checar_pixels(largura, altura, descricao)
        if reduzir:
            nova = _planejar_tamanho(largura, altura, lado_maximo, lado_minimo, descricao)
        else:
            nova = (largura, altura)
        if nova[0] < largura and getattr(img, "format", None) in ("JPEG", "MPO"):
            # decodifica o JPEG já reduzido (1/2, 1/4, 1/8): poupa memória em fotos enormes
            alvo = (nova[0], nova[1]) if (largura, altura) == img.size else (nova[1], nova[0])
            img.draft(None, alvo)
        img.load()
        if orientacao != 1:
            try:
                img = ImageOps.exif_transpose(img)
            except Exception:  # EXIF malformado: segue sem girar
                _avisar(f"Não consegui aplicar a orientação EXIF de {descricao}; usei a imagem como está.")
        if img.mode in ("RGB", "L"):
            # redimensiona no modo original (mais barato) e só depois converte
            img = _redimensionar_pil(img, *nova).convert("RGB")
        elif img.mode in ("RGBA", "P", "LA", "PA", "CMYK", "YCbCr", "1", "La", "RGBa"):
            arr = _pil_para_array(img, descricao)
            img = _redimensionar_pil(Image.fromarray(np.round(arr * 255.0).astype(np.uint8)), *nova)
        else:  # 16 e 32 bits: mantém a precisão em float
            return _redimensionar_array(_pil_para_array(img, descricao), *nova)
        arr = np.asarray(img, dtype=np.float32)
        arr *= 1.0 / 255.0
        return arr


def _descrever_conteudo(caminho):
    """Palpite sobre o que é um arquivo que não é imagem (texto, HTML...)."""
    try:
        with open(caminho, "rb") as f:
            inicio = f.read(512)
    except OSError:
        return ""
    if inicio.lstrip().lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return " Parece uma página HTML ou XML (talvez um download que falhou)."
    try:
        inicio.decode("utf-8")
        return " Parece um arquivo de texto."
    except UnicodeDecodeError:
        return ""


def _abrir_arquivo(caminho, lado_maximo, lado_minimo, rotulo=None):
    """Lê um arquivo de imagem do disco, com mensagens claras para cada falha."""
    caminho = Path(caminho).expanduser()
    descricao = f"A imagem '{rotulo or caminho}'"
    if not caminho.exists():
        raise ErroImagem(
            f"Arquivo não encontrado: '{caminho}'. Confira o nome e a pasta "
            f"(a pasta atual é '{Path.cwd()}')."
        )
    if caminho.is_dir():
        raise ErroImagem(f"'{caminho}' é uma pasta, não um arquivo de imagem; passe o caminho de um arquivo.")
    if caminho.stat().st_size == 0:
        raise ErroImagem(f"O arquivo '{rotulo or caminho}' está vazio (0 bytes); baixe ou copie a imagem de novo.")
    with _sem_limite_do_pil():
        try:
            img = Image.open(caminho)
        except UnidentifiedImageError:
            raise ErroImagem(
                f"O arquivo '{rotulo or caminho}' não é uma imagem que eu consiga ler "
                f"(formatos comuns: JPEG, PNG, GIF, BMP, WebP, TIFF).{_descrever_conteudo(caminho)}"
            ) from None
        except PermissionError:
            raise ErroImagem(f"Sem permissão para ler '{caminho}'; confira as permissões do arquivo.") from None
        except OSError as exc:
            raise ErroImagem(f"Não consegui abrir '{rotulo or caminho}': {exc}.") from None
        with img:
            try:
                return _pil_em_array(img, descricao, lado_maximo, lado_minimo, reduzir=True)
            except (ErroImagem, ErroParametro):
                raise
            except MemoryError:
                raise ErroImagem(
                    f"Memória insuficiente para ler {descricao}; passe um lado_maximo menor (por exemplo 1024)."
                ) from None
            except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError) as exc:
                raise ErroImagem(
                    f"O arquivo '{rotulo or caminho}' está corrompido ou incompleto (talvez truncado "
                    f"durante o download): não consegui decodificá-lo ({exc}). Baixe ou copie a imagem de novo."
                ) from None
