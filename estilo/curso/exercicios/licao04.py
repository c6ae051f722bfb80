"""Verificações dos exercícios da lição 04 (o algoritmo completo)."""

import math

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao
from estilo.curso.formatar import formatar, rotulo

CONFIGURACOES_EXERCICIO_1 = {
    "A": {"peso_conteudo": 1e4, "peso_estilo": 1e-2},
    "B": {"peso_conteudo": 1e3, "peso_estilo": 1e-2},
    "C": {"peso_conteudo": 1e5, "peso_estilo": 1e-1},
    "D": {"peso_conteudo": 1e4, "peso_estilo": 1e-3},
}
"""As configurações do exercício 1 (mesma foto, mesma pintura, mesmos passos)."""

DADOS_EXERCICIO_2 = {"L_conteudo": 3.0, "L_estilo": 2.0e6, "TV": 500.0, "alfa": 1e4, "beta": 1e-2, "gama": 30.0}
"""Os termos SEM peso e os pesos do exercício 2."""

TERMOS = ("conteudo", "estilo", "tv")


def _razao(configuracao):
    return configuracao["peso_conteudo"] / configuracao["peso_estilo"]


@verificacao
def verificar_exercicio_1(resposta):
    """A letra da configuração de CONFIGURACOES_EXERCICIO_1 que dá a imagem mais parecida com a pintura."""
    if vazia(resposta):
        return pendente("resposta")
    letra = str(resposta).strip().upper()
    if letra not in CONFIGURACOES_EXERCICIO_1:
        return errado(f"Responda com uma das letras {', '.join(CONFIGURACOES_EXERCICIO_1)}, não {resposta!r}.")
    correta = min(CONFIGURACOES_EXERCICIO_1, key=lambda k: _razao(CONFIGURACOES_EXERCICIO_1[k]))
    if letra == correta:
        return certo(
            f"{correta} tem a menor razão α/β ({_razao(CONFIGURACOES_EXERCICIO_1[correta]):.0e}): "
            "o conteúdo pesa menos em relação ao estilo, então a pintura domina."
        )
    escolhida = CONFIGURACOES_EXERCICIO_1[letra]
    dica = (
        " Repare que β ficou maior, mas α cresceu na mesma proporção: o que importa é a razão α/β."
        if escolhida["peso_estilo"] > CONFIGURACOES_EXERCICIO_1["A"]["peso_estilo"]
        else ""
    )
    return errado(f"A razão α/β de {letra} é {_razao(escolhida):.0e}; procure a menor razão.{dica}")


def _proximo(a, b):
    return math.isclose(a, b, rel_tol=1e-3)


@verificacao
def verificar_exercicio_2(total, dominante):
    """O total α·L_conteúdo + β·L_estilo + γ·TV de DADOS_EXERCICIO_2 e o termo ponderado que mais pesa."""
    if vazia(total) or vazia(dominante):
        return pendente("total" if vazia(total) else "dominante")
    d = DADOS_EXERCICIO_2
    ponderados = {"conteudo": d["alfa"] * d["L_conteudo"], "estilo": d["beta"] * d["L_estilo"], "tv": d["gama"] * d["TV"]}
    esperado = sum(ponderados.values())
    try:
        total = float(total)
    except (TypeError, ValueError):
        return errado(f"`total` deve ser um número, não {total!r}.")
    ok_total = _proximo(total, esperado)
    if not ok_total:
        if _proximo(total, d["L_conteudo"] + d["L_estilo"] + d["TV"]):
            return errado("Você somou os termos sem os pesos: multiplique cada um pelo seu α, β ou γ.")
        if _proximo(total, ponderados["conteudo"] + ponderados["estilo"]):
            return errado("Faltou o termo de variação total, γ·TV.")
        return errado(f"O total não confere ({total:.6g}). Calcule α·L_conteúdo, β·L_estilo e γ·TV e some.")
    correto = max(ponderados, key=ponderados.get)
    normalizado = str(dominante).strip().lower().replace("ú", "u")
    if normalizado not in TERMOS:
        return errado(f"`dominante` deve ser 'conteudo', 'estilo' ou 'tv', não {dominante!r}.")
    if normalizado != correto:
        return errado(
            f"O total está certo ({esperado:.6g}), mas compare os termos JÁ multiplicados pelos pesos: "
            + ", ".join(f"{t} = {v:.3g}" for t, v in ponderados.items())
            + "."
        )
    return certo(
        f"Total {esperado:.6g}, e quem mais pesa é '{correto}' ({ponderados[correto]:.3g}). "
        "O número cru de cada termo engana: o que a otimização enxerga é o termo ponderado."
    )


def _melhor_ate(historico, limite):
    valores = [v for v, s in zip(historico["total"], historico["segundos"]) if s <= limite and math.isfinite(v)]
    return min(valores) if valores else math.inf


def _normalizar_nome(nome):
    return str(nome).strip().lower().replace("-", "").replace(" ", "").replace("_", "")


@verificacao
def verificar_exercicio_3(resposta, historicos):
    """Qual otimizador de `historicos` ({nome: histórico}) chegou ao menor custo total no mesmo tempo."""
    if vazia(resposta):
        return pendente("resposta")
    try:
        nomes = {_normalizar_nome(n): n for n in historicos}
        limite = min(h["segundos"][-1] for h in historicos.values())
        melhores = {n: _melhor_ate(h, limite) for n, h in historicos.items()}
    except Exception:  # noqa: BLE001 - dados estranhos viram mensagem, não exceção
        return errado("Passe os históricos medidos acima, no formato {nome: resultado.historico}.")
    escolhido = nomes.get(_normalizar_nome(resposta))
    if escolhido is None:
        return errado(f"Responda com um destes nomes: {', '.join(map(repr, historicos))}.")
    vencedor = min(melhores, key=melhores.get)
    texto = "; ".join(f"{rotulo(n)}: {formatar(v)}" for n, v in melhores.items())
    if escolhido == vencedor:
        return certo(
            f"Nos primeiros {formatar(limite, 1)} s, o menor custo total foi o do {rotulo(vencedor)} ({texto})."
        )
    return errado(f"Olhe as curvas contra o tempo: até {formatar(limite, 1)} s, os menores custos foram {texto}.")


PASSOS_EXERCICIO_4, TAXA_EXERCICIO_4, LADO_EXERCICIO_4 = 40, 0.05, 12
"""O laço do aluno roda 40 passos com taxa 0,05 numa imagem de 12 × 12 px."""

FRACAO_EXERCICIO_4 = 0.5
"""Depois dos passos, o custo deve ficar abaixo desta fração do custo da imagem inicial."""


def problema_exercicio_4():
    """(custo, imagem_inicial): um problema de Gatys em miniatura e sem VGG (roda em segundos).

    As "camadas" são uma convolução fixa; o custo soma conteúdo, Gram, um alvo de pixels que passa de
    [0, 1] (sem o recorte, a imagem sai da faixa) e variação total. Começa de uma imagem cinza.
    """
    import tensorflow as tf

    from estilo.nucleo import perdas

    forma = (1, LADO_EXERCICIO_4, LADO_EXERCICIO_4, 3)
    filtros = 0.5 * tf.random.stateless_normal((3, 3, 3, 8), seed=[4, 0])
    foto = tf.random.stateless_uniform(forma, seed=[4, 1])
    pintura = tf.random.stateless_uniform(forma, seed=[4, 2]) ** 2

    def camadas(imagem):
        return tf.nn.relu(tf.nn.conv2d(imagem, filtros, 1, "SAME"))

    alvo_conteudo, alvo_gram, alvo_pixels = camadas(foto), perdas.matriz_gram(camadas(pintura)), 1.6 * foto - 0.3

    def custo(imagem):
        ativacoes = camadas(imagem)
        return (
            tf.reduce_mean(tf.square(ativacoes - alvo_conteudo))
            + tf.reduce_mean(tf.square(perdas.matriz_gram(ativacoes) - alvo_gram))
            + 4.0 * tf.reduce_mean(tf.square(imagem - alvo_pixels))
            + 1e-3 * tf.reduce_sum(tf.image.total_variation(imagem))
        )

    return custo, tf.fill(forma, 0.5)


@verificacao
def verificar_exercicio_4(meu_laco):
    """Roda `meu_laco(custo, imagem_inicial, passos, taxa) -> (imagem, historico)` no problema em miniatura."""
    if meu_laco is None:
        return pendente("meu_laco", "Escreva a sua função `meu_laco`, faça `resposta = meu_laco`")
    if not callable(meu_laco):
        return errado(
            f"Passe a própria função, sem parênteses: `verificar_exercicio_4(meu_laco)`, não {meu_laco!r}."
        )
    import numpy as np
    import tensorflow as tf


    custo, inicial = problema_exercicio_4()
    passos = PASSOS_EXERCICIO_4
    try:
        saida = meu_laco(custo, tf.identity(inicial), passos, TAXA_EXERCICIO_4)
    except Exception as erro:  # noqa: BLE001 - o erro do aluno vira mensagem, não traceback
        return errado(f"O seu laço levantou {type(erro).__name__}: {erro}")
    if not isinstance(saida, (tuple, list)) or len(saida) != 2:
        return errado("`meu_laco` deve devolver duas coisas: `return imagem, historico`.")
    imagem, historico = saida
    try:
        imagem = np.asarray(tf.convert_to_tensor(imagem), dtype=np.float32)
        historico = [float(v) for v in historico]
    except (TypeError, ValueError):
        return errado("Devolva a imagem (tensor ou tf.Variable) e o histórico como uma lista de números.")
    if imagem.shape != tuple(inicial.shape):
        return errado(f"A imagem devolvida tem forma {imagem.shape}; a inicial tinha {tuple(inicial.shape)}.")
    if len(historico) != passos:
        return errado(f"O histórico tem {len(historico)} valores para {passos} passos: guarde o custo de cada passo.")
    if not np.all(np.isfinite(imagem)) or not all(np.isfinite(historico)):
        return errado("Apareceu NaN ou infinito: confira a conta do gradiente e a taxa.")
    if imagem.min() < -1e-6 or imagem.max() > 1 + 1e-6:
        return errado(
            f"A imagem saiu de [0, 1] (de {formatar(float(imagem.min()))} a {formatar(float(imagem.max()))}): "
            "depois de cada passo, recorte com `imagem.assign(tf.clip_by_value(imagem, 0.0, 1.0))`."
        )
    antes, depois = float(custo(inicial)), float(custo(tf.constant(imagem)))
    if not depois < antes:
        return errado(
            f"O custo não caiu ({formatar(antes)} → {formatar(depois)}). O passo deve ir CONTRA o gradiente: "
            "`otimizador.apply_gradients([(gradiente, imagem)])` já faz isso (não troque o sinal), "
            "e o gradiente deve ser o do custo em relação à imagem."
        )
    if depois > FRACAO_EXERCICIO_4 * antes:
        return errado(
            f"O custo caiu pouco ({formatar(antes)} → {formatar(depois)}, "
            f"{formatar(100 * depois / antes, 1)}% do inicial; "
            f"o esperado é menos de {formatar(100 * FRACAO_EXERCICIO_4, 0)}%). "
            "Use `keras.optimizers.Adam(learning_rate=taxa)`, criado uma vez antes do laço, e dê um passo por volta."
        )
    return certo(
        f"Em {passos} passos o custo foi de {formatar(antes)} a {formatar(depois)} "
        f"({formatar(100 * depois / antes, 1)}% do inicial), e a imagem ficou em [0, 1]."
    )
