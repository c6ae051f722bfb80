"""O que `transferir` e `transferir_em_escalas` preparam igual: opções validadas, pinturas no tamanho
certo e a imagem de partida."""

import numbers
from pathlib import Path

import tensorflow as tf

from estilo.gatys.cores import casar_cores
from estilo.gatys.otimizadores import OTIMIZADORES
from estilo.nucleo import imagens, validacao
from estilo.nucleo.erros import ErroParametro
from estilo.nucleo.modelos import PRECISOES


def validar_opcoes(*, passos, lado_maximo, escala_estilo, peso_conteudo, peso_estilo, peso_tv, otimizador, precisao,
                   checkpoint_cada, pasta_checkpoints) -> dict:
    """As opções numéricas e de nome de `transferir`, conferidas (ErroParametro em pt-BR) e normalizadas
    (``passos=None``: quem chama confere os passos, como o grosso ao fino, que aceita um número por escala)."""
    if otimizador not in OTIMIZADORES:
        raise ErroParametro(f"otimizador deve ser um de {', '.join(OTIMIZADORES)}, não {otimizador!r}.")
    precisao = precisao or precisao_padrao()
    if precisao not in PRECISOES:
        raise ErroParametro(f"precisao deve ser uma de {', '.join(PRECISOES)}, não {precisao!r}.")
    checkpoint_cada = validacao.inteiro("checkpoint_cada", checkpoint_cada or 0, 0)
    if checkpoint_cada and not pasta_checkpoints:
        raise ErroParametro("Para salvar checkpoints, informe pasta_checkpoints.")
    return dict(
        passos=None if passos is None else validacao.inteiro("passos", passos, 1, 100_000),
        lado_maximo=validacao.inteiro("lado_maximo", lado_maximo, 32, 8192),
        escala_estilo=validacao.numero("escala_estilo", escala_estilo, 0.05, 4),
        pesos_termos={n: validacao.numero(n, v, 0, 1e12) for n, v in
                      [("peso_conteudo", peso_conteudo), ("peso_estilo", peso_estilo), ("peso_tv", peso_tv)]},
        otimizador=otimizador, precisao=precisao, checkpoint_cada=checkpoint_cada,
    )


def lado_do_estilo(lado_saida, escala_estilo=1.0) -> int:
    """Lado maior da pintura: ``escala_estilo`` × o lado maior da saída (a mesma razão em todas as escalas)."""
    return max(32, round(lado_saida * escala_estilo))


def precisao_padrao() -> str:
    """float32 (exata). Medido em CPU com AVX-512 BF16/FP16 e sem AMX: bfloat16 e float16 mistos ficaram
    1,46× mais lentos por avaliação; em GPU não foi medido (veja docs/desempenho.md)."""
    return "float32"


INICIOS = ("conteudo", "ruido", "cores")
"""Os pontos de partida por nome; além deles, um número t em [0, 1] ou uma imagem."""


def e_imagem(inicio) -> bool:
    """True quando ``inicio`` é uma imagem (tensor, array, PIL, caminho ou URL), não um nome nem um número."""
    if isinstance(inicio, (bool, numbers.Number)):
        return False
    if isinstance(inicio, str):
        texto = inicio.strip()
        if texto in INICIOS:
            return False
        try:
            float(texto.replace(",", "."))
        except ValueError:
            pass
        else:
            return False
        if texto.lower().startswith(("http://", "https://")) or Path(texto).expanduser().is_file():
            return True
        raise ErroParametro(
            f"inicio deve ser 'conteudo', 'ruido', 'cores', um número em [0, 1] ou uma imagem (um arquivo que "
            f"exista, uma URL, PIL, array ou tensor), não {inicio!r}."
        )
    return not isinstance(inicio, numbers.Number)


def imagem_inicial(conteudo, inicio="conteudo", semente=0, estilos=None):
    """'conteudo', 'ruido', 'cores', um número t em [0, 1] ((1 − t)·conteúdo + t·ruído) ou uma imagem.

    'cores' é a foto com a média e a covariância de cores das pinturas ``estilos`` (``cores.casar_cores``).
    Uma imagem (caminho, URL, PIL, array ou tensor, por exemplo a saída de uma execução anterior) é
    redimensionada ao tamanho da foto: é assim que se continua uma execução interrompida.
    """
    if e_imagem(inicio):
        imagem = imagens.carregar(inicio, lado_minimo=1)
        return imagens.redimensionar(imagem, tamanho=tuple(conteudo.shape[1:3]))
    if inicio == "cores":
        if not estilos:
            raise ErroParametro("inicio='cores' precisa das pinturas (estilos) para casar as cores.")
        return casar_cores(conteudo, list(estilos))
    if inicio == "conteudo":
        t = 0.0
    elif inicio == "ruido":
        t = 1.0
    else:
        t = validacao.numero("A mistura de início (inicio)", inicio, 0.0, 1.0)
    ruido = tf.random.stateless_uniform(tf.shape(conteudo), seed=[int(semente), 0])
    return (1.0 - t) * conteudo + t * ruido


def carregar_estilos(estilos, conteudo, escala_estilo=1.0) -> list:
    """As pinturas no tamanho usado por `transferir`: lado maior = escala_estilo × lado maior do conteúdo.

    Com escala_estilo maior, as pinceladas ficam maiores em pixels (a textura cresce na imagem final).
    """
    if not isinstance(estilos, (list, tuple)):
        estilos = [estilos]
    lado_estilo = lado_do_estilo(max(conteudo.shape[1:3]), escala_estilo)
    return [imagens.carregar(e, lado_maximo=lado_estilo) for e in estilos]
