"""Verificações dos exercícios da lição 06 (o estúdio)."""

import math

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao

ALVO_EXERCICIO_1 = {
    "conteudo": "colunata",
    "estilos": ["o_grito", "composicao_vii"],
    "lado_maximo": 128,
    "passos": 50,
    "otimizador": "adam",
    "preservar_cores_originais": True,
    "peso_tv": 10.0,
}
"""A configuração pedida no exercício 1."""

DOMINANCIA_MINIMA = 10.0
"""No exercício 3, o termo de estilo ponderado deve valer pelo menos isto vezes o de conteúdo."""

_ROTULOS = {
    "conteudo": "a foto de conteúdo",
    "estilos": "as pinturas de estilo",
    "lado_maximo": "o lado maior",
    "passos": "o número de passos",
    "otimizador": "o otimizador",
    "preservar_cores_originais": "a caixa 'preservar as cores da foto'",
    "peso_tv": "o peso da variação total",
}


def _configuracao(app):
    """A configuração do estúdio, ou None se ``app`` não parece um estúdio."""
    try:
        configuracao = app.configuracao()
    except Exception:  # noqa: BLE001 - resposta errada nunca vira exceção
        return None
    return configuracao if isinstance(configuracao, dict) else None


@verificacao
def verificar_exercicio_1(app):
    """Confere se os controles do estúdio estão na configuração pedida (ALVO_EXERCICIO_1)."""
    if app is None:
        return pendente("app")
    atual = _configuracao(app)
    if atual is None:
        return errado("Passe o estúdio (o objeto criado com estudio.Estudio(...)) para a verificação.")
    diferencas, acertos = [], 0
    for chave, esperado in ALVO_EXERCICIO_1.items():
        valor = atual.get(chave)
        if chave == "estilos":
            igual = isinstance(valor, (list, tuple)) and sorted(valor) == sorted(esperado)
        elif isinstance(esperado, float):
            igual = isinstance(valor, (int, float)) and math.isclose(valor, esperado, rel_tol=0.01)
        else:
            igual = valor == esperado
        if igual:
            acertos += 1
        else:
            diferencas.append(f"{_ROTULOS[chave]}: {valor!r} (o pedido é {esperado!r})")
    if not acertos:
        return pendente(
            "app", "Ajuste os controles do estúdio para a configuração pedida (lá em cima, ou com app.configurar(...))"
        )
    if diferencas:
        return errado("Quase lá: " + "; ".join(diferencas) + ".")
    return certo("O estúdio está exatamente na configuração pedida.")


def _igual(a, b):
    """Dois pesos iguais (a menos de arredondamento); False se algum não for número."""
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _termos_do_melhor_passo(resultado):
    """(historico no melhor passo, configuração) de um Resultado, ou None."""
    try:
        i = int(resultado.melhor_passo)
        termos = {t: float(resultado.historico[t][i]) for t in ("conteudo", "estilo", "tv", "total")}
        return termos, dict(resultado.configuracao)
    except Exception:  # noqa: BLE001
        return None


@verificacao
def verificar_exercicio_2(app, resposta):
    """Confere a fração do custo total que vem do estilo no melhor passo da última execução do estúdio."""
    if vazia(resposta):
        return pendente("resposta")
    dados = _termos_do_melhor_passo(getattr(app, "resultado", None))
    if dados is None:
        return errado("O estúdio ainda não tem resultado: rode as células de demonstração acima primeiro.")
    termos, _ = dados
    if isinstance(resposta, bool) or not isinstance(resposta, (int, float)) or not math.isfinite(resposta):
        return errado(f"A resposta deve ser um número entre 0 e 1, não {resposta!r}.")
    fracao = termos["estilo"] / termos["total"]
    if not 0 <= resposta <= 1:
        return errado(f"Uma fração fica entre 0 e 1; você respondeu {resposta:.4g}. Dividiu pelo total?")
    if math.isclose(resposta, fracao, rel_tol=1e-3, abs_tol=1e-4):
        return certo(f"{fracao:.1%} do custo total do melhor passo vem do termo de estilo.")
    if math.isclose(resposta, 1 - fracao, rel_tol=1e-3, abs_tol=1e-4):
        return errado("Esse é o complemento: a fração que NÃO vem do estilo. Use o termo 'estilo' no numerador.")
    return errado(
        "O valor não confere. Use resultado.historico['estilo'] e ['total'] no índice resultado.melhor_passo "
        "(o histórico guarda os custos já multiplicados pelos pesos)."
    )


@verificacao
def verificar_exercicio_3(app):
    """Confere se os novos pesos fazem o estilo dominar: β·E ≥ 10·α·C (termos brutos da última execução).

    Os pesos também precisam favorecer o estilo mais do que na última execução (β/α maior).
    """
    if app is None:
        return pendente("app")
    atual = _configuracao(app)
    if atual is None:
        return errado("Passe o estúdio (o objeto criado com estudio.Estudio(...)) para a verificação.")
    dados = _termos_do_melhor_passo(getattr(app, "resultado", None))
    if dados is None:
        return errado("O estúdio ainda não tem resultado: rode as células de demonstração acima primeiro.")
    termos, configuracao = dados
    if all(_igual(atual.get(p), configuracao.get(p)) for p in ("peso_conteudo", "peso_estilo")):
        return pendente("app", "Mude os pesos α e β (lá em cima, ou com app.configurar(...))")
    try:
        bruto_c = termos["conteudo"] / configuracao["peso_conteudo"]
        bruto_e = termos["estilo"] / configuracao["peso_estilo"]
        alfa, beta = float(atual["peso_conteudo"]), float(atual["peso_estilo"])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return errado("Não consegui ler os pesos da última execução; rode a demonstração de novo.")
    if not (bruto_c > 0 and math.isfinite(bruto_c) and math.isfinite(bruto_e)):
        return errado("A última execução parou cedo demais (conteúdo ainda intacto); rode-a com mais passos.")
    if alfa <= 0:
        return errado("Com peso de conteúdo zero a foto some por completo; o exercício pede só que o estilo domine.")
    dominancia = beta * bruto_e / (alfa * bruto_c)
    razao_usada = configuracao["peso_estilo"] / configuracao["peso_conteudo"]
    if beta / alfa <= razao_usada * (1 + 1e-6):
        return errado(
            f"Na última execução a razão β/α já era {razao_usada:.3g}; para o estilo dominar mais, "
            "aumente β ou diminua α em relação a ela."
        )
    if dominancia >= DOMINANCIA_MINIMA:
        return certo(
            f"Com α = {alfa:.3g} e β = {beta:.3g}, o estilo ponderado vale {dominancia:.3g} vezes o conteúdo "
            "ponderado: o otimizador vai priorizar a textura da pintura. Clique em Transferir para ver!"
        )
    return errado(
        f"Com α = {alfa:.3g} e β = {beta:.3g}, o estilo ponderado vale só {dominancia:.3g} vezes o conteúdo "
        f"(precisa de pelo menos {DOMINANCIA_MINIMA:g}). Aumente β ou diminua α."
    )
