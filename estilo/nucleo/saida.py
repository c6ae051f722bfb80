"""Saída de imagens: extensões aceitas, nome livre, verificação antecipada e gravação atômica."""

import contextlib
import os
import tempfile
from pathlib import Path

from estilo.nucleo.conversao import para_pil
from estilo.nucleo.erros import ErroSaida
from estilo.nucleo.validacao import inteiro

EXTENSOES_SAIDA = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def _formato_saida(caminho):
    """Formato do PIL para a extensão de ``caminho`` ou ErroSaida."""
    ext = caminho.suffix.lower()
    if ext not in EXTENSOES_SAIDA:
        aceitas = ", ".join(EXTENSOES_SAIDA)
        recebida = f"'{ext}'" if ext else "nenhuma"
        raise ErroSaida(
            f"Não sei salvar '{caminho.name}': extensão {recebida} não suportada. "
            f"Use uma destas: {aceitas}."
        )
    return EXTENSOES_SAIDA[ext]


def caminho_livre(caminho):
    """Devolve ``caminho`` se ele não existe; senão ``nome_1.ext``, ``nome_2.ext``... (o primeiro livre)."""
    caminho = Path(caminho).expanduser()
    if not caminho.exists():
        return caminho
    n = 1
    while True:
        candidato = caminho.with_name(f"{caminho.stem}_{n}{caminho.suffix}")
        if not candidato.exists():
            return candidato
        n += 1


def verificar_saida(caminho, sobrescrever=False):
    """Confere, antes de um processamento longo, que a imagem poderá ser salva em ``caminho``."""
    if not isinstance(caminho, (str, os.PathLike)) or not str(caminho).strip():
        raise ErroSaida(f"O caminho de saída deve ser um nome de arquivo, mas recebi {caminho!r}.")
    caminho = Path(caminho).expanduser()
    _formato_saida(caminho)
    if caminho.is_dir():
        raise ErroSaida(
            f"'{caminho}' é uma pasta; inclua o nome do arquivo (por exemplo '{caminho / 'resultado.png'}')."
        )
    if caminho.exists() and not sobrescrever:
        raise ErroSaida(
            f"O arquivo '{caminho}' já existe e não vou sobrescrevê-lo. Passe sobrescrever=True "
            f"para substituí-lo ou escolha outro nome (por exemplo '{caminho_livre(caminho).name}')."
        )
    pasta = caminho.parent
    try:
        pasta.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ErroSaida(
            f"Não consegui criar a pasta '{pasta}' para salvar a imagem ({exc.strerror or exc}). "
            "Escolha outra pasta."
        ) from None
    try:
        fd, teste = tempfile.mkstemp(dir=pasta, prefix=".estilo-teste-")
        os.close(fd)
        os.unlink(teste)
    except OSError as exc:
        raise ErroSaida(
            f"A pasta '{pasta}' não aceita escrita ({exc.strerror or exc}). "
            "Escolha outra pasta ou confira as permissões."
        ) from None
    return caminho


def _permissao_de_arquivo_novo():
    """Permissão de um arquivo criado normalmente (0666 menos a umask do processo)."""
    mascara = os.umask(0o022)
    os.umask(mascara)
    return 0o666 & ~mascara


def salvar(imagem, caminho, sobrescrever=False, qualidade=95):
    """Salva a imagem em PNG ou JPEG (pela extensão), de forma atômica; devolve o caminho."""
    qualidade = inteiro("qualidade", qualidade, 1, 100)
    caminho = verificar_saida(caminho, sobrescrever=sobrescrever)
    formato = _formato_saida(caminho)
    pil = para_pil(imagem)
    opcoes = {"quality": qualidade, "subsampling": 0 if qualidade >= 90 else 2} if formato == "JPEG" else {}
    temporario = None
    try:
        fd, temporario = tempfile.mkstemp(dir=caminho.parent, prefix=f".{caminho.stem}-", suffix=".parcial")
        with os.fdopen(fd, "wb") as f:
            pil.save(f, format=formato, **opcoes)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporario, _permissao_de_arquivo_novo())  # mkstemp cria com 0600
        os.replace(temporario, caminho)
        temporario = None
    except OSError as exc:
        raise ErroSaida(
            f"Não consegui salvar a imagem em '{caminho}' ({exc.strerror or exc}). "
            "Confira o espaço em disco e as permissões da pasta."
        ) from None
    finally:
        if temporario is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporario)
    return caminho
