"""Verificações dos exercícios da lição 04 (o algoritmo completo)."""

import math

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao

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
    """Qual otimizador de `historicos` ({nome: histórico}) chegou à menor perda total no mesmo tempo."""
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
    texto = "; ".join(f"{n}: {v:.3g}" for n, v in melhores.items())
    if escolhido == vencedor:
        return certo(f"Nos primeiros {limite:.1f} s, a menor perda total foi a de {vencedor} ({texto}).")
    return errado(f"Olhe as curvas contra o tempo: até {limite:.1f} s, as melhores perdas foram {texto}.")
