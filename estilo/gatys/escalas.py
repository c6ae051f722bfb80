"""Do grosso ao fino (Gatys et al., 2017): otimizar pequeno, ampliar e refinar em escalas maiores.

Em imagens grandes, a otimização direta gasta centenas de avaliações caras acertando o que é de baixa
frequência (manchas de cor, a composição). Numa escala pequena isso sai barato; cada escala seguinte
parte da anterior ampliada e só refina os detalhes, com menos passos.
"""

import math
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import tensorflow as tf

from estilo.gatys.cores import preservar_cores
from estilo.gatys.execucao import TERMOS, Progresso, Resultado, otimizar
from estilo.gatys.objetivo import Objetivo
from estilo.gatys.otimizadores import OTIMIZADORES
from estilo.gatys import regioes
from estilo.gatys.preparo import e_imagem, imagem_inicial, lado_do_estilo, validar_opcoes
from estilo.nucleo import ambiente, imagens, validacao
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroParametro
from estilo.nucleo.memoria import bytes_do_passo, gb, lado_que_cabe, memoria_livre
from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO, Extrator

LADO_AUTOMATICO = 512
"""Com ``escalas=None``, imagens com o lado maior acima disso são feitas do grosso ao fino."""
LADO_GROSSO_MINIMO = 200
"""Escalas automáticas: o lado final é dividido por 2 enquanto a metade tiver pelo menos isso (200–400 px)."""


@dataclass
class ProgressoEscala(Progresso):
    """O `Progresso` de um passo, com a escala: `escala` (1, 2, …) de `total_escalas`, de `lado` px.

    `passo` e `total_passos` contam dentro da escala; `passo_geral` e `total_geral`, em todas (para uma
    barra só). A imagem é a da escala (não a do tamanho final).
    """

    escala: int = 1
    total_escalas: int = 1
    lado: int = 0
    passo_geral: int = 0
    total_geral: int = 0


def planejar_escalas(lado_final, escalas=None) -> list:
    """Os lados (px) das escalas, do menor até ``lado_final`` (sempre a última).

    ``None``: automático — acima de 512 px, o lado final dividido por 2 enquanto a metade tiver ≥ 200 px
    (1024 → [256, 512, 1024]; 2048 → [256, 512, 1024, 2048]; 768 → [384, 768]); até 512 px, uma escala só.
    ``False``: uma escala só (a otimização direta). Lista: esses lados, ordenados; o final é acrescentado.
    """
    lado_final = validacao.inteiro("O lado final", lado_final, 32, 8192)
    if escalas is False or (escalas is None and lado_final <= LADO_AUTOMATICO):
        return [lado_final]
    if escalas is None:
        niveis = int(math.log2(lado_final / LADO_GROSSO_MINIMO))
        return [round(lado_final / 2**k) for k in range(niveis, 0, -1)] + [lado_final]
    if isinstance(escalas, (str, bytes)) or not hasattr(escalas, "__iter__"):
        raise ErroParametro(f"escalas deve ser uma lista de lados em pixels (ex.: [256, 512, 1024]), não {escalas!r}.")
    lados = {validacao.inteiro("Cada escala", e, 32, 8192) for e in escalas}
    maiores = sorted(e for e in lados if e > lado_final)
    if maiores:
        raise ErroParametro(
            f"A escala de {maiores[-1]} px é maior que o lado final da imagem ({lado_final} px): as escalas vão "
            "do menor tamanho até o da saída. Aumente o lado máximo ou tire essa escala."
        )
    return sorted(lados | {lado_final})


def peso_tv_equivalente(peso_tv, lado_de, lado_para) -> float:
    """O γ que, numa imagem de ``lado_para`` px, pesa o mesmo que ``peso_tv`` numa de ``lado_de`` px.

    Os custos de conteúdo e de estilo são médias e não mudam com o tamanho; a variação total é uma soma
    sobre os pixels e, numa imagem pintada (pinceladas de alguns pixels), cresce com a área: medido na
    ponte pintada, 4,4× de 256 para 512 px e 4,7× de 512 para 1024. Então γ × (lado_de / lado_para)²:
    o γ = 300 de uma lição feita a 256 px vira 18,75 a 1024 px (com 300, pesaria 16× mais).
    """
    peso_tv = validacao.numero("peso_tv", peso_tv, 0)
    lado_de = validacao.inteiro("lado_de", lado_de, 1, 100_000)
    lado_para = validacao.inteiro("lado_para", lado_para, 1, 100_000)
    return peso_tv * (lado_de / lado_para) ** 2


def passos_por_escala(quantidade, passos=300, fator_passos=0.5, passos_minimo=20) -> list:
    """Passos de cada escala: ``passos`` na mais grossa, × ``fator_passos`` a cada escala, nunca menos que
    ``passos_minimo`` (300 → 300, 150, 75, 38). ``passos`` também pode ser uma lista, um número por escala."""
    if isinstance(passos, (list, tuple)):
        if len(passos) != quantidade:
            raise ErroParametro(f"Recebi {len(passos)} números de passos para {quantidade} escalas: informe um por escala.")
        return [validacao.inteiro("Os passos de cada escala", p, 1, 100_000) for p in passos]
    passos = validacao.inteiro("passos", passos, 1, 100_000)
    fator_passos = validacao.numero("fator_passos", fator_passos, 0, 1, aberto_em_minimo=True)
    minimo = min(passos, validacao.inteiro("passos_minimo", passos_minimo, 1, 100_000))
    return [max(minimo, round(passos * fator_passos**k)) for k in range(quantidade)]


def _limitar_escala(lado, altura, largura, memoria, feitas):
    """(lado a usar, se é a última) dentro da memória; avisa (AvisoEstilo) ou recusa (ErroEstilo)."""
    if memoria is None:
        return lado, False
    cabe = lado_que_cabe(altura, largura, memoria)
    if cabe >= lado:
        return lado, False
    fator = lado / max(altura, largura)
    falta = (f"A escala de {lado} px precisaria de uns {gb(bytes_do_passo(altura * fator, largura * fator))} "
             f"e há {gb(memoria)} livres")
    if cabe < 32:
        raise ErroEstilo(f"{falta}: não cabe nem uma imagem de 32 px. Feche outros programas e tente de novo.")
    anterior = feitas[-1] if feitas else 0
    if cabe <= anterior:
        warnings.warn(f"{falta}; cabe no máximo {cabe} px. Parei na escala de {anterior} px: o resultado fica "
                      f"com esse tamanho. Peça um lado de até {cabe} px para escolher o tamanho.", AvisoEstilo,
                      stacklevel=3)
        return None, True
    warnings.warn(f"{falta}; cabe no máximo {cabe} px. Fiz a última escala com {cabe} px (o resultado fica com "
                  f"esse tamanho). Peça um lado de até {cabe} px para escolher o tamanho.", AvisoEstilo, stacklevel=3)
    return cabe, True


def ampliar(imagem, foto_de, foto_para):
    """A imagem de uma escala levada à seguinte: a foto da escala nova + o que a otimização mudou, ampliado.

    Ampliar só a diferença para a foto (bicúbica) mantém os detalhes finos da foto na escala nova; ampliar
    a imagem inteira os borraria, e a perda de estilo das camadas finas (block1, block2) voltaria quase à
    da foto (medido a 384 px: 3,7 × 10⁹ em vez de 5,1 × 10⁹, e 4 % menos perda após 30 passos).
    """
    tamanho = tuple(int(d) for d in foto_para.shape[1:3])
    diferenca = imagens.redimensionar((imagem - foto_de + 1.0) / 2.0, tamanho=tamanho) * 2.0 - 1.0
    return tf.clip_by_value(foto_para + diferenca, 0.0, 1.0)


def preparar_escala(conteudo, estilos, lado, escala_estilo=1.0):
    """(foto, pinturas) numa escala: a foto com lado maior ``lado`` e cada pintura com ``lado_do_estilo``."""
    lado_estilo = lado_do_estilo(lado, escala_estilo)
    return (imagens.redimensionar(conteudo, lado_maximo=lado),
            [imagens.redimensionar(e, lado_maximo=lado_estilo) for e in estilos])


def transferir_em_escalas(
    conteudo, estilos, *, escalas=None, lado_maximo=1024, passos=300, fator_passos=0.5, passos_minimo=20,
    escala_estilo=1.0, pesos_estilos=None, camadas_conteudo=CAMADAS_CONTEUDO, camadas_estilo=CAMADAS_ESTILO,
    pesos_camadas_estilo=None, peso_conteudo=1e4, peso_estilo=1.0, peso_tv=30.0, inicio="conteudo", semente=0,
    otimizador="lbfgs", taxa=None, preservar_cores_originais=False, rede="vgg16", pooling="max", precisao=None,
    pesos=None, ao_progresso=None, checkpoint_cada=0, pasta_checkpoints=None, extrator=None, mascaras=None,
    memoria=None,
) -> Resultado:
    """`transferir` do grosso ao fino: otimiza em ``escalas`` (veja `planejar_escalas`), do menor lado ao final.

    Cada escala parte da melhor imagem da anterior, ampliada (veja `ampliar`), com os passos de
    `passos_por_escala`; a pintura é redimensionada em cada escala para ``escala_estilo`` × o lado da
    saída (a mesma razão em todas as escalas; pinturas menores que isso são ampliadas), e ``peso_tv`` vale
    para o tamanho final: cada escala usa `peso_tv_equivalente` (mais forte nas pequenas), para que todas
    otimizem o mesmo equilíbrio entre os termos. Os demais parâmetros são os de `transferir`. ``ao_progresso`` recebe um `ProgressoEscala`; devolver False,
    Ctrl-C ou NaN param tudo e devolvem a melhor imagem até ali, ampliada ao tamanho final se a parada
    veio numa escala menor. Checkpoints (a cada ``checkpoint_cada`` passos e no fim de cada escala) são
    salvos no tamanho final, como ``passo_000040_escala1_256px.png`` (o passo contado em todas as escalas). ``memoria``: bytes livres (None: a memória livre do sistema; na GPU, sem
    limite); se uma escala não cabe, a última vira a maior que cabe, com AvisoEstilo.
    O `Resultado` traz o histórico de todas as escalas em sequência (``historico["escala"]`` diz de qual
    é cada passo) e ``configuracao["etapas"]``, uma entrada por escala; ``melhor_perda`` é a da última.
    """
    op = validar_opcoes(passos=None, lado_maximo=lado_maximo,  # passos: em passos_por_escala
                        escala_estilo=escala_estilo, peso_conteudo=peso_conteudo, peso_estilo=peso_estilo,
                        peso_tv=peso_tv, otimizador=otimizador, precisao=precisao, checkpoint_cada=checkpoint_cada,
                        pasta_checkpoints=pasta_checkpoints)
    lado_maximo, escala_estilo, pesos_termos = op["lado_maximo"], op["escala_estilo"], op["pesos_termos"]
    checkpoint_cada, precisao = op["checkpoint_cada"], op["precisao"]
    conteudo = imagens.carregar(conteudo, lado_maximo=lado_maximo)
    altura, largura = int(conteudo.shape[1]), int(conteudo.shape[2])
    lados = planejar_escalas(max(altura, largura), escalas)
    plano = passos_por_escala(len(lados), passos, fator_passos, passos_minimo)
    estilos = list(estilos) if isinstance(estilos, (list, tuple)) else [estilos]
    estilos = [imagens.carregar(e, lado_maximo=lado_do_estilo(lados[-1], escala_estilo)) for e in estilos]
    if mascaras is not None:  # conferidas uma vez, no tamanho final; cada escala as reduz
        mascaras = regioes.preparar_mascaras(mascaras, len(estilos), (altura, largura))
    if extrator is None:
        extrator = Extrator(list(camadas_conteudo) + list(camadas_estilo), rede, pooling, pesos, precisao)
    if memoria is None and not ambiente.tem_gpu():
        memoria = memoria_livre
    opcoes = {} if taxa is None else {"taxa": taxa}

    def ao_tamanho_final(img):
        if tuple(img.shape[1:3]) == (altura, largura):
            return img
        return ampliar(img, imagens.redimensionar(conteudo, lado_maximo=max(img.shape[1:3])), conteudo)

    def checkpoint(img, nome):
        imagens.salvar(ao_tamanho_final(img), Path(pasta_checkpoints) / nome, sobrescrever=True)

    def receber(i, lado):
        antes = len(historico["total"])

        def receber_passo(p):
            if checkpoint_cada and p.passo % checkpoint_cada == 0:
                checkpoint(p.melhor_imagem, f"passo_{antes + p.passo:06d}_escala{i}_{lado}px.png")
            if ao_progresso is not None:
                return ao_progresso(ProgressoEscala(**vars(p), escala=i, total_escalas=len(lados), lado=lado,
                                                    passo_geral=antes + p.passo, total_geral=sum(plano)))
            return True
        return receber_passo

    historico = {t: [] for t in (*TERMOS, "segundos", "escala")}
    etapas, imagem, anterior, ultimo, base = [], None, None, None, 0  # anterior: a foto da escala de antes
    interrompido, motivo = False, "concluído"
    relogio = time.perf_counter()
    try:
        for i, (lado, n) in enumerate(zip(lados, plano), 1):
            livre = memoria() if callable(memoria) else memoria
            lado, ultima = _limitar_escala(lado, altura, largura, livre, [e["lado"] for e in etapas])
            if lado is None:
                break
            foto, pinturas = preparar_escala(conteudo, estilos, lado, escala_estilo)
            regioes_escala = None if mascaras is None else regioes.preparar_mascaras(
                mascaras, len(pinturas), foto.shape[1:3])  # as máscaras, reduzidas a cada escala
            termos = {**pesos_termos,  # a variação total com o mesmo peso relativo do tamanho final
                      "peso_tv": peso_tv_equivalente(pesos_termos["peso_tv"], max(altura, largura), lado)}
            objetivo = Objetivo(extrator, foto, pinturas, pesos_estilos, camadas_conteudo, camadas_estilo,
                                pesos_camadas_estilo, **termos, mascaras=regioes_escala)
            tamanho = tuple(int(d) for d in foto.shape[1:3])
            x0 = imagem_inicial(foto, inicio, semente, pinturas) if imagem is None else ampliar(imagem, anterior, foto)
            otim = OTIMIZADORES[otimizador](objetivo, x0, escala_perda=extrator.precisao == "float16", **opcoes)
            decorrido = time.perf_counter() - relogio
            ultimo, base = otimizar(otim, n, receber(i, lado), 0, None, {}, None), len(historico["total"])
            del otim, objetivo
            for t in TERMOS:
                historico[t] += ultimo.historico[t]
            historico["segundos"] += [decorrido + s for s in ultimo.historico["segundos"]]
            historico["escala"] += [i] * ultimo.passos
            imagem, anterior = ultimo.imagem, foto
            etapas.append(dict(escala=i, lado=lado, tamanho=tamanho, lado_estilo=lado_do_estilo(lado, escala_estilo),
                               peso_tv=termos["peso_tv"], passos=n, feitos=ultimo.passos, segundos=ultimo.segundos,
                               melhor_perda=ultimo.melhor_perda))
            if ultimo.interrompido:
                interrompido, motivo = True, f"escala {i} de {len(lados)} ({lado} px): {ultimo.motivo}"
                break
            if checkpoint_cada and i < len(lados):
                checkpoint(imagem, f"passo_{len(historico['total']):06d}_escala{i}_{lado}px_fim.png")
            if ultima:
                motivo = f"concluído na escala de {lado} px, a maior que coube na memória"
                break
    except KeyboardInterrupt:
        interrompido = True
        motivo = f"interrompido (Ctrl-C) entre as escalas, depois de {len(etapas)} de {len(lados)}; devolvi a melhor imagem até ali"
    if imagem is None:
        imagem = conteudo
    elif interrompido:
        imagem = ao_tamanho_final(imagem)
    if preservar_cores_originais:
        imagem = preservar_cores(imagem, conteudo)
    configuracao = dict(
        otimizador=otimizador, passos=sum(plano), lado=tuple(int(d) for d in imagem.shape[1:3]), rede=extrator.rede,
        pooling=extrator.pooling, precisao=extrator.precisao, inicio="imagem" if e_imagem(inicio) else inicio,
        semente=semente, mascaras=len(mascaras or ()),
        camadas_conteudo=list(camadas_conteudo), camadas_estilo=list(camadas_estilo), escala_estilo=escala_estilo,
        escalas=lados, passos_por_escala=plano, etapas=etapas, **pesos_termos,
    )
    return Resultado(
        imagem=imagem, historico=historico, passos=len(historico["total"]), segundos=time.perf_counter() - relogio,
        melhor_passo=base + ultimo.melhor_passo if ultimo is not None and ultimo.passos else 0,
        melhor_perda=ultimo.melhor_perda if ultimo is not None else math.inf,
        interrompido=interrompido, motivo=motivo, configuracao=configuracao,
    )
