"""A otimização de Gatys de ponta a ponta: `transferir(...)` -> `Resultado`."""

from estilo.gatys import escalas as grosso_ao_fino
from estilo.gatys import regioes
from estilo.gatys.execucao import TERMOS, Progresso, Resultado, otimizar
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.otimizadores import OTIMIZADORES
from estilo.gatys.preparo import INICIOS, carregar_estilos, e_imagem, imagem_inicial, precisao_padrao, validar_opcoes
from estilo.nucleo import imagens
from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, Extrator

__all__ = ["INICIOS", "TERMOS", "Progresso", "Resultado", "carregar_estilos", "imagem_inicial", "precisao_padrao",
           "transferir"]


def _do_grosso_ao_fino(escalas, conteudo) -> bool:
    """Se `transferir` delega a `escalas.transferir_em_escalas`: escalas dadas, ou None e a regra automática
    de `escalas.planejar_escalas` pede mais de uma escala."""
    if escalas is False:
        return False
    return escalas is not None or len(grosso_ao_fino.planejar_escalas(max(conteudo.shape[1:3]))) > 1


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
    `peso_tv` vale para o tamanho final; a variação total é uma soma que cresce com a área, então o mesmo
    γ alisa mais uma imagem maior (`escalas.peso_tv_equivalente` converte um γ entre tamanhos).
    `ao_progresso(Progresso)` é chamado a cada passo; se devolver False, a execução para.
    Ctrl-C, NaN/Inf ou o callback param a execução e devolvem a melhor imagem até ali.
    """
    op = validar_opcoes(passos=passos, lado_maximo=lado_maximo, escala_estilo=escala_estilo,
                        peso_conteudo=peso_conteudo, peso_estilo=peso_estilo, peso_tv=peso_tv, otimizador=otimizador,
                        precisao=precisao, checkpoint_cada=checkpoint_cada, pasta_checkpoints=pasta_checkpoints)
    passos, escala_estilo, pesos_termos = op["passos"], op["escala_estilo"], op["pesos_termos"]
    conteudo = imagens.carregar(conteudo, lado_maximo=op["lado_maximo"])
    if _do_grosso_ao_fino(escalas, conteudo):
        return grosso_ao_fino.transferir_em_escalas(
            conteudo, estilos, escalas=escalas, lado_maximo=op["lado_maximo"], passos=passos,
            escala_estilo=escala_estilo, pesos_estilos=pesos_estilos, camadas_conteudo=camadas_conteudo,
            camadas_estilo=camadas_estilo, pesos_camadas_estilo=pesos_camadas_estilo, **pesos_termos, inicio=inicio,
            semente=semente, otimizador=otimizador, taxa=taxa, preservar_cores_originais=preservar_cores_originais,
            rede=rede, pooling=pooling, precisao=op["precisao"], pesos=pesos, ao_progresso=ao_progresso,
            checkpoint_cada=op["checkpoint_cada"], pasta_checkpoints=pasta_checkpoints, extrator=extrator,
            mascaras=mascaras,
        )
    estilos = carregar_estilos(estilos, conteudo, escala_estilo)
    if mascaras is not None:
        mascaras = regioes.preparar_mascaras(mascaras, len(estilos), conteudo.shape[1:3])

    if extrator is None:
        extrator = Extrator(list(camadas_conteudo) + list(camadas_estilo), rede, pooling, pesos, op["precisao"])
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
        pooling=extrator.pooling, precisao=extrator.precisao, inicio="imagem" if e_imagem(inicio) else inicio,
        semente=semente,
        camadas_conteudo=list(camadas_conteudo), camadas_estilo=list(camadas_estilo), escala_estilo=escala_estilo,
        pesos_camadas_estilo=dict(objetivo.pesos_camadas_estilo), mascaras=len(mascaras or ()), **pesos_termos,
    )
    return otimizar(otim, passos, ao_progresso, op["checkpoint_cada"], pasta_checkpoints, configuracao,
                    conteudo if preservar_cores_originais else None)


