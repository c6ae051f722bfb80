"""Verificações dos exercícios da lição 02 (o custo de conteúdo)."""

import math

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, numero as _numero, pendente, vazia, verificacao
from estilo.curso.formatar import formatar

PERGUNTA_2 = {"camada": "block3_conv2", "canais": 256, "altura": 128, "largura": 128, "pools": 2}
"""Exercício 2: block3_conv2 (256 canais, depois de 2 pools) com uma imagem 128 × 128."""


def custo_artigo(f, p):
    """Referência: o custo de conteúdo do artigo, ½ Σ (F − P)², em float64."""
    f = np.asarray(f, np.float64)
    p = np.asarray(p, np.float64)
    return 0.5 * float(np.sum((f - p) ** 2))


@verificacao
def verificar_exercicio_1(funcao):
    """`funcao(F, P)` deve devolver o custo de conteúdo do artigo: ½ Σ (F − P)²."""
    if funcao is None:
        return pendente("custo_conteudo_artigo")
    if not callable(funcao):
        return errado("Passe a função em si (sem parênteses): verificar_exercicio_1(custo_conteudo_artigo).")
    gerador = np.random.default_rng(2)
    for forma in [(1, 4, 5, 3), (1, 7, 3, 8), (1, 2, 2, 16)]:
        f = gerador.normal(size=forma).astype(np.float32)
        p = gerador.normal(size=forma).astype(np.float32)
        try:
            saida = funcao(f, p)
        except Exception as erro:  # noqa: BLE001 - resposta errada nunca vira exceção
            return errado(f"A função levantou {type(erro).__name__}: {erro}")
        if saida is None:
            return pendente("custo_conteudo_artigo")
        try:
            valor = float(np.asarray(saida, np.float64).reshape(()))
        except (TypeError, ValueError):
            return errado(f"Devolva um único número (a soma), não {type(saida).__name__} com outra forma.")
        esperado = custo_artigo(f, p)
        if math.isclose(valor, esperado, rel_tol=1e-4):
            continue
        diferenca = (f.astype(np.float64) - p) ** 2
        if math.isclose(valor, 2 * esperado, rel_tol=1e-4):
            return errado("Quase: faltou o ½ na frente da soma.")
        if math.isclose(valor, float(np.mean(diferenca)), rel_tol=1e-4):
            return errado("Isso é a média (a versão do pacote). O artigo usa a soma, com ½ na frente.")
        if math.isclose(valor, 0.5 * float(np.mean(diferenca)), rel_tol=1e-4):
            return errado("Você tirou a média; o artigo soma todos os termos (e multiplica por ½).")
        if math.isclose(valor, 0.5 * float(np.sum(np.abs(f.astype(np.float64) - p))), rel_tol=1e-4):
            return errado("Eleve as diferenças ao quadrado antes de somar.")
        return errado(f"Para F e P de forma {forma} esperava {formatar(esperado, 4)}, mas veio {formatar(valor, 4)}.")
    return certo("½ Σ (F − P)²: é exatamente o custo de conteúdo do artigo (equação 1).")


def fator_conversao(canais, altura, largura, pools):
    """Fator 2 / (N·M) que leva o custo do artigo ao do pacote numa camada."""
    posicoes = (altura // 2**pools) * (largura // 2**pools)
    return 2.0 / (canais * posicoes)


@verificacao
def verificar_exercicio_2(resposta):
    """Fator que multiplica o custo do artigo para dar o do pacote em block3_conv2 (imagem 128 × 128)."""
    if vazia(resposta):
        return pendente("fator")
    valor = _numero(resposta)
    if valor is None:
        return errado(f"Responda com um número (recebi {resposta!r}).")
    q = PERGUNTA_2
    esperado = fator_conversao(q["canais"], q["altura"], q["largura"], q["pools"])
    n = q["canais"]
    m = (q["altura"] // 2 ** q["pools"]) * (q["largura"] // 2 ** q["pools"])
    if math.isclose(valor, esperado, rel_tol=1e-3):
        return certo(f"2 / (N·M) = 2 / ({n} · {m}) ≈ {formatar(esperado)}: N = {n} canais, M = 32 · 32 = {formatar(m)} posições.")
    if math.isclose(valor, 1 / esperado, rel_tol=1e-3):
        return errado("Você inverteu a conta: esse número leva o custo do pacote ao do artigo.")
    if math.isclose(valor, 1.0 / (n * m), rel_tol=1e-3):
        return errado("Quase: lembre do ½ do artigo; média = (1/(N·M)) Σ = (2/(N·M)) · (½ Σ).")
    if math.isclose(valor, 2.0 / (n * q["altura"] * q["largura"]), rel_tol=1e-3):
        return errado("M conta as posições da ativação, não os pixels da imagem: block3_conv2 vem depois de 2 pools.")
    if math.isclose(valor, 2.0 / (n * (q["altura"] // 2) * (q["largura"] // 2)), rel_tol=1e-3):
        return errado("Conte os pools de novo: antes de block3_conv2 há dois (depois de block1 e de block2).")
    return errado("Ainda não. Descubra N (canais) e M (altura × largura da ativação) e calcule 2 / (N·M).")


@verificacao
def verificar_exercicio_3(resposta):
    """(fator do artigo, fator do pacote) quando o lado da imagem dobra e o erro por posição fica igual."""
    if vazia(resposta):
        return pendente("resposta")
    try:
        artigo, pacote = (_numero(x) for x in resposta)
    except (TypeError, ValueError):
        return errado("Responda com dois números: (quanto o custo do artigo muda, quanto o do pacote muda).")
    if artigo is None or pacote is None:
        return errado("Os dois itens precisam ser números, como (2, 3).")
    if math.isclose(artigo, 4) and math.isclose(pacote, 1):
        return certo(
            "(4, 1): dobrando o lado, M fica 4× maior; a soma do artigo cresce junto, a média do pacote não. "
            "Por isso, com a média, os pesos não precisam mudar quando o tamanho da imagem muda."
        )
    if math.isclose(artigo, 2):
        return errado("Dobrar o lado dobra a altura E a largura: o número de posições M fica 4× maior.")
    if math.isclose(artigo, 4) and not math.isclose(pacote, 1):
        return errado("O custo do artigo está certo. E a média? Se cada termo é igual, mais termos não mudam a média.")
    if math.isclose(pacote, 1):
        return errado("O pacote está certo (a média não muda). Quantas vezes mais termos a soma do artigo ganha?")
    return errado("Pense em quantos termos (F − P)² existem antes e depois, e na diferença entre soma e média.")
