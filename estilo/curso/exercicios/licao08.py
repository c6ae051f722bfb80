"""Verificações dos exercícios da lição 08 (controle espacial: a Gram guiada por uma máscara)."""

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, numero, pendente, verificacao

PERGUNTA_2 = {"fracao_da_imagem": 0.5, "ativacoes": "as mesmas em todas as posições", "mascara": "0 ou 1"}
"""Exercício 2: uma região 0/1 com metade da imagem, numa imagem de ativações iguais em todo lugar."""


def _referencia(ativacoes, mascara):
    """A Gram guiada do pacote (``perdas.matriz_gram_guiada``) em NumPy, (C, C)."""
    from estilo.nucleo import perdas  # import tardio: só esta verificação precisa do TensorFlow

    return np.asarray(perdas.matriz_gram_guiada(ativacoes[None], mascara[None, :, :, None]), dtype=np.float64)


def _casos_exercicio_1():
    """(nome, F (H, W, C), m (H, W)): máscara suave aleatória, toda 1 e meia-meia (esquerda 1, direita 0)."""
    sorteio = np.random.default_rng(8)
    f = sorteio.normal(0.0, 1.0, (6, 8, 5)).astype(np.float32) + np.linspace(0, 2, 5, dtype=np.float32)
    meia = np.zeros((6, 8), np.float32)
    meia[:, :4] = 1.0
    return [
        ("máscara suave aleatória", f, sorteio.uniform(0.0, 1.0, (6, 8)).astype(np.float32)),
        ("máscara toda 1", f, np.ones((6, 8), np.float32)),
        ("máscara meia-meia", f, meia),
    ]


def _variantes(f, m):
    """Os erros comuns, cada um com a sua dica."""
    f2 = f.reshape(-1, f.shape[-1]).astype(np.float64)
    w = m.reshape(-1, 1).astype(np.float64)
    fm = f2 * w
    return [
        (fm.T @ fm / f2.shape[0],
         "Você dividiu pelo número de posições (H·W). Divida pela área da região, Σ m²: assim uma região "
         "pequena tem a mesma força que uma grande."),
        (fm.T @ fm / w.sum(),
         "Quase: o divisor é Σ m² (a máscara entra duas vezes no produto), não Σ m. Com máscara 0/1 dá o mesmo; "
         "com máscara suave, não."),
        (fm.T @ f2 / w.sum(),
         "Você aplicou a máscara só de um lado. Multiplique F pela máscara e faça (m·F)ᵀ(m·F), dividindo por Σ m²."),
        (fm.T @ fm, "Falta dividir pela área da região, Σ m²."),
        (fm @ fm.T / (w**2).sum(),
         "A Gram é canais × canais: (m·F)ᵀ(m·F), com F de forma (posições, canais). Você fez posições × posições."),
    ]


@verificacao
def verificar_exercicio_1(funcao):
    """``funcao(F, m)`` em NumPy: F (H, W, C) e m (H, W) -> a Gram guiada (C, C), comparada com o pacote.

    Uma função que ainda devolve None conta como resposta não preenchida.
    """
    if funcao is None:
        return pendente("gram_guiada")
    if not callable(funcao):
        return errado(f"Passe a função (sem chamá-la), não {type(funcao).__name__}.")
    for nome, f, m in _casos_exercicio_1():
        try:
            obtida = funcao(f.copy(), m.copy())
            if obtida is None:
                return pendente("gram_guiada")
            obtida = np.asarray(obtida, dtype=np.float64)
        except Exception as erro:  # noqa: BLE001 — o aluno precisa ver o erro, não um traceback
            return errado(f"A função levantou {type(erro).__name__}: {erro}")
        obtida = obtida[0] if obtida.shape == (1, f.shape[-1], f.shape[-1]) else obtida
        esperado = _referencia(f, m)
        if obtida.shape != esperado.shape:
            return errado(f"A saída deveria ser canais × canais, {esperado.shape}, mas tem a forma {obtida.shape}.")
        if np.allclose(obtida, esperado, rtol=1e-4, atol=1e-5):
            continue
        for calculada, dica in _variantes(f, m):
            if calculada.shape == obtida.shape and np.allclose(obtida, calculada, rtol=1e-4, atol=1e-5):
                return errado(dica)
        return errado(
            f"Ainda não bate (com a {nome}). Achate F para (H·W, C) e m para (H·W, 1), multiplique, e faça "
            "(m·F)ᵀ(m·F) / Σ m²."
        )
    return certo(
        "Confere com perdas.matriz_gram_guiada numa máscara suave, na toda 1 (que dá a Gram de sempre) e na "
        "meia-meia (que dá a Gram só da metade esquerda)."
    )


@verificacao
def verificar_exercicio_2(resposta):
    """A Gram guiada da região de PERGUNTA_2 é quantas vezes a Gram normal da imagem inteira (um número)."""
    if resposta is None or (isinstance(resposta, str) and not resposta.strip()):
        return pendente("razao")
    valor = numero(resposta)
    if valor is None:
        return errado(f"Responda com um número, como 0.5 ou 2 (recebi {resposta!r}).")
    if abs(valor - 1.0) < 0.01:
        return certo(
            "A Gram guiada é uma MÉDIA sobre a região: com as mesmas ativações em todo lugar, a média da metade "
            "é a média do todo. É a normalização pela área (Σ m²) que faz uma região pequena pesar o mesmo que "
            "uma grande. (E uma máscara toda 0,5 também dá a Gram de sempre: a escala da máscara se cancela.)"
        )
    dicas = {
        0.5: "Isso seria sem a normalização pela área (dividindo por H·W, todas as posições). Divida por Σ m², "
             "a área da própria região.",
        0.25: "A máscara entra duas vezes no produto, mas também duas vezes no divisor (Σ m²): os quadrados se "
              "cancelam.",
        2.0: "A região tem metade das posições, mas o divisor (Σ m²) também é a metade: nada dobra.",
        0.0: "Zero só se a máscara fosse toda preta (aí a região não existe). Aqui ela cobre metade da imagem.",
    }
    for alvo, dica in dicas.items():
        if abs(valor - alvo) < 0.01:
            return errado(dica)
    return errado("Ainda não. Escreva G = Σ_k m_k² F_k F_kᵀ / Σ_k m_k² com F_k igual em todo k: o que sobra?")
