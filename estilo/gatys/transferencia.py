"""A otimização de Gatys de ponta a ponta: `transferir(...)` -> `Resultado`."""

import numbers
import warnings
from pathlib import Path

import tensorflow as tf

from estilo.gatys import regioes
from estilo.gatys.cores import casar_cores
from estilo.gatys.execucao import TERMOS, Progresso, Resultado, otimizar
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.otimizadores import OTIMIZADORES
from estilo.nucleo import imagens, validacao
from estilo.nucleo.erros import AvisoEstilo, ErroParametro
from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, PRECISOES, Extrator

__all__ = ["INICIOS", "TERMOS", "Progresso", "Resultado", "carregar_estilos", "imagem_inicial", "precisao_padrao", "transferir"]


def precisao_padrao() -> str:
    """float32 (exata). Medido em CPU com AVX-512 BF16/FP16 e sem AMX: bfloat16 e float16 mistos ficaram
    1,46× mais lentos por avaliação; em GPU não foi medido (veja docs/desempenho.md)."""
    return "float32"


INICIOS = ("conteudo", "ruido", "cores")
"""Os pontos de partida por nome; além deles, um número t em [0, 1] ou uma imagem."""


def _e_imagem(inicio) -> bool:
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
    if _e_imagem(inicio):
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
    lado_estilo = max(32, round(max(conteudo.shape[1:3]) * escala_estilo))
    return [imagens.carregar(e, lado_maximo=lado_estilo) for e in estilos]


def _do_grosso_ao_fino(escalas, conteudo, mascaras) -> bool:
    """Se `transferir` delega a `escalas.transferir_em_escalas`: escalas dadas, ou None e a regra automática
    de `escalas.planejar_escalas` pede mais de uma escala. Com máscaras, ainda não (só a otimização direta)."""
    if escalas is False:
        return False
    from estilo.gatys import escalas as grosso_ao_fino

    if escalas is None and len(grosso_ao_fino.planejar_escalas(max(conteudo.shape[1:3]))) == 1:
        return False
    if mascaras is None:
        return True
    if escalas is not None:
        raise ErroParametro("As máscaras ainda não funcionam do grosso ao fino: use escalas=False (na linha de "
                            "comando, tire --escalas) para otimizar direto no lado final.")
    warnings.warn("Com máscaras, otimizo direto no lado final: o grosso ao fino ainda não usa máscaras "
                  "(em imagens grandes, isso é mais lento).", AvisoEstilo, stacklevel=3)
    return False


def transferir(
    conteudo,
    estilos,
    *,
    pesos_estilos=None,
    lado_maximo=512,
    escala_estilo=1.0,
    camadas_conteudo=CAMADAS_CONTEUDO,
    camadas_estilo=CAMADAS_ESTILO,
    pesos_camadas_estilo=None,
    peso_conteudo=1e4,
    peso_estilo=1.0,
    peso_tv=30.0,
    inicio="conteudo",
    semente=0,
    otimizador="lbfgs",
    passos=300,
    taxa=None,
    preservar_cores_originais=False,
    rede="vgg16",
    pooling="max",
    precisao=None,
    pesos=None,
    ao_progresso=None,
    checkpoint_cada=0,
    pasta_checkpoints=None,
    extrator=None,
    mascaras=None,
    escalas=None,
) -> Resultado:
    """Transfere o estilo de uma ou mais pinturas para a foto `conteudo` (Gatys et al., 2015).

    `conteudo` e cada estilo: caminho, URL, PIL, numpy ou tensor (veja `imagens.carregar`).
    `mascaras`: uma por estilo, na mesma ordem (caminho, PIL, array ou tensor; branco = onde o estilo age;
    qualquer tamanho, redimensionada para a foto). Onde se sobrepõem, os estilos se misturam; onde todas
    são pretas, a foto fica. Máscaras prontas: `estilo.gatys.mascaras` (Gatys et al., 2017).
    `otimizador`: 'lbfgs' (padrão), 'adam' ou 'lbfgs_adam' (L-BFGS e, quando ele empaca, Adam: melhor em
    execuções longas, ≥ 500 passos). Cada passo é uma avaliação da rede (veja docs/desempenho.md).
    `escalas`: do grosso ao fino (`estilo.gatys.escalas.transferir_em_escalas`): uma lista de lados
    (ex.: [256, 512, 1024]) ou None, automático para imagens grandes (acima de `escalas.LADO_AUTOMATICO`
    px); False otimiza direto no lado final. O `Resultado` registra as escalas em `configuracao`.
    `ao_progresso(Progresso)` é chamado a cada passo; se devolver False, a execução para.
    Ctrl-C, NaN/Inf ou o callback param a execução e devolvem a melhor imagem até ali.
    """
    passos = validacao.inteiro("passos", passos, 1, 100_000)
    lado_maximo = validacao.inteiro("lado_maximo", lado_maximo, 32, 8192)
    escala_estilo = validacao.numero("escala_estilo", escala_estilo, 0.05, 4)
    pesos_termos = {n: validacao.numero(n, v, 0, 1e12)
                    for n, v in [("peso_conteudo", peso_conteudo), ("peso_estilo", peso_estilo), ("peso_tv", peso_tv)]}
    if otimizador not in OTIMIZADORES:
        raise ErroParametro(f"otimizador deve ser um de {', '.join(OTIMIZADORES)}, não {otimizador!r}.")
    precisao = precisao or precisao_padrao()
    if precisao not in PRECISOES:
        raise ErroParametro(f"precisao deve ser uma de {', '.join(PRECISOES)}, não {precisao!r}.")
    checkpoint_cada = validacao.inteiro("checkpoint_cada", checkpoint_cada or 0, 0)
    if checkpoint_cada and not pasta_checkpoints:
        raise ErroParametro("Para salvar checkpoints, informe pasta_checkpoints.")

    conteudo = imagens.carregar(conteudo, lado_maximo=lado_maximo)
    if _do_grosso_ao_fino(escalas, conteudo, mascaras):
        from estilo.gatys import escalas as grosso_ao_fino  # escalas importa este módulo: aqui, sem ciclo

        return grosso_ao_fino.transferir_em_escalas(
            conteudo, estilos, escalas=escalas, lado_maximo=lado_maximo, passos=passos, escala_estilo=escala_estilo,
            pesos_estilos=pesos_estilos, camadas_conteudo=camadas_conteudo, camadas_estilo=camadas_estilo,
            pesos_camadas_estilo=pesos_camadas_estilo, **pesos_termos, inicio=inicio, semente=semente,
            otimizador=otimizador, taxa=taxa, preservar_cores_originais=preservar_cores_originais, rede=rede,
            pooling=pooling, precisao=precisao, pesos=pesos, ao_progresso=ao_progresso,
            checkpoint_cada=checkpoint_cada, pasta_checkpoints=pasta_checkpoints, extrator=extrator,
        )
    estilos = carregar_estilos(estilos, conteudo, escala_estilo)
    if mascaras is not None:
        mascaras = regioes.preparar_mascaras(mascaras, len(estilos), conteudo.shape[1:3])

    if extrator is None:
        extrator = Extrator(list(camadas_conteudo) + list(camadas_estilo), rede, pooling, pesos, precisao)
    objetivo = Objetivo(
        extrator, conteudo, estilos, pesos_estilos, camadas_conteudo, camadas_estilo, pesos_camadas_estilo,
        **pesos_termos, mascaras=mascaras,
    )
    opcoes = {} if taxa is None else {"taxa": taxa}
    otim = OTIMIZADORES[otimizador](
        objetivo, imagem_inicial(conteudo, inicio, semente, estilos), escala_perda=extrator.precisao == "float16",
        **opcoes,
    )
    configuracao = dict(
        otimizador=otimizador, passos=passos, lado=tuple(conteudo.shape[1:3]), rede=extrator.rede,
        pooling=extrator.pooling, precisao=extrator.precisao, inicio="imagem" if _e_imagem(inicio) else inicio,
        semente=semente,
        camadas_conteudo=list(camadas_conteudo), camadas_estilo=list(camadas_estilo), escala_estilo=escala_estilo,
        pesos_camadas_estilo=dict(objetivo.pesos_camadas_estilo), mascaras=len(mascaras or ()), **pesos_termos,
    )
    return otimizar(otim, passos, ao_progresso, checkpoint_cada, pasta_checkpoints, configuracao,
                    conteudo if preservar_cores_originais else None)


