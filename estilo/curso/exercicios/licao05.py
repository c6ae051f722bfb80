"""Verificações dos exercícios da lição 05 (vários estilos, colagem × mistura, preservação de cores)."""

import math

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao

PERGUNTA_1 = {"a": (600, 400), "b": (150, 200)}
"""Exercício 1: (largura, altura) das pinturas A e B coladas com `imagens.lado_a_lado([a, b])`."""

ALTERNATIVAS_3 = {
    "a": "praticamente a mesma matriz de Gram de x",
    "b": "o dobro da matriz de Gram de x",
    "c": "a metade da matriz de Gram de x",
    "d": "uma matriz com o dobro de linhas e colunas",
}
"""Exercício 3: o que acontece com a Gram de `lado_a_lado([x, x])`."""


def pesos_da_colagem(tamanhos):
    """Frações de área de cada imagem (largura, altura) depois de `lado_a_lado` igualar as alturas."""
    altura = min(h for _, h in tamanhos)
    areas = [w * altura / h * altura for w, h in tamanhos]
    return [a / sum(areas) for a in areas]


def _dois_pesos(resposta):
    """A resposta como dois floats finitos ≥ 0 com soma positiva, normalizados; None se não der."""
    try:
        valores = [float(v) for v in resposta]
    except (TypeError, ValueError):
        return None
    if len(valores) != 2 or not all(math.isfinite(v) and v >= 0 for v in valores) or sum(valores) <= 0:
        return None
    return [v / sum(valores) for v in valores]


@verificacao
def verificar_exercicio_1(resposta):
    """Os `pesos_estilos=[p_a, p_b]` que imitam a colagem lado a lado de A (600×400) e B (150×200)."""
    if vazia(resposta):
        return pendente("pesos_equivalentes")
    pesos = _dois_pesos(resposta)
    if pesos is None:
        return errado(f"Responda com uma lista de dois números ≥ 0, como [0.3, 0.7] (recebi {resposta!r}).")
    esperado = pesos_da_colagem([PERGUNTA_1["a"], PERGUNTA_1["b"]])
    if np.allclose(pesos, esperado, atol=0.01):
        return certo(
            f"A vira 300×200 e B fica 150×200: A ocupa {esperado[0]:.0%} das posições, então pesa "
            f"{esperado[0]:.0%} na Gram da colagem (e [2, 1] vale o mesmo: os pesos são normalizados)."
        )
    originais = pesos_da_colagem([(w, 1) for w, _ in (PERGUNTA_1["a"], PERGUNTA_1["b"])])
    areas_brutas = [w * h for w, h in (PERGUNTA_1["a"], PERGUNTA_1["b"])]
    if np.allclose(pesos, [a / sum(areas_brutas) for a in areas_brutas], atol=0.01):
        return errado("Você usou as áreas originais; mas lado_a_lado reduz A para a altura de B (200 px) antes de colar.")
    if np.allclose(pesos, [0.5, 0.5], atol=0.01):
        return errado("Meio a meio só vale se as duas ocuparem a mesma área na colagem. Quem é mais larga depois de igualar as alturas?")
    if np.allclose(pesos, esperado[::-1], atol=0.01):
        return errado("Quase: você trocou a ordem. O primeiro peso é o de A.")
    if np.allclose(pesos, originais, atol=0.01):
        return errado("Você comparou só as larguras originais; iguale as alturas primeiro (A encolhe pela metade).")
    return errado(
        "Ainda não bate. Calcule o tamanho de cada pintura depois que lado_a_lado iguala as alturas "
        "(à menor delas) e use a fração da área total que cada uma ocupa."
    )


def _referencia_preservar(estilizada, original):
    """Brilho (Y) de `estilizada` com as cores (I, Q) de `original`, em numpy."""
    from estilo.gatys import cores  # import tardio: só esta verificação precisa do TensorFlow

    return np.asarray(cores.preservar_cores(estilizada[None], original[None]))[0]


@verificacao
def verificar_exercicio_2(funcao):
    """`funcao(estilizada, original)` em numpy (H, W, 3) -> (H, W, 3): a preservação de cores em YIQ.

    Uma função que ainda devolve None conta como resposta não preenchida.
    """
    if funcao is None:
        return pendente("preservar_cores_a_mao")
    if not callable(funcao):
        return errado(f"Passe a função (sem chamá-la), não {type(funcao).__name__}.")
    sorteio = np.random.default_rng(5)
    estilizada = sorteio.uniform(0, 1, (12, 16, 3)).astype(np.float32)
    original = sorteio.uniform(0, 1, (12, 16, 3)).astype(np.float32)
    try:
        obtida = funcao(estilizada.copy(), original.copy())
        if obtida is None:
            return pendente("preservar_cores_a_mao")
        obtida = np.asarray(obtida, dtype=np.float64)
    except Exception as erro:  # noqa: BLE001 — o aluno precisa ver o erro, não um traceback
        return errado(f"A função levantou {type(erro).__name__}: {erro}")
    if obtida.shape == (1, 12, 16, 3):
        obtida = obtida[0]
    if obtida.shape != (12, 16, 3):
        return errado(f"A saída deveria ter a forma (12, 16, 3), como as entradas, mas tem {obtida.shape}.")
    esperado = _referencia_preservar(estilizada, original)
    if np.allclose(obtida, esperado, atol=2e-3):
        return certo("Brilho da estilizada, cores da foto: é exatamente o que preservar_cores_originais=True faz.")
    trocada = _referencia_preservar(original, estilizada)
    if np.allclose(obtida, trocada, atol=2e-3):
        return errado("Você trocou os papéis: o Y (brilho) vem da estilizada; I e Q (cores) vêm da original.")
    if np.allclose(np.clip(obtida, 0, 1), esperado, atol=2e-3):
        return errado("Falta só cortar o resultado para [0, 1] (np.clip): a volta do YIQ pode sair um pouco do intervalo.")
    return errado(
        "Ainda não bate. Converta as duas para YIQ (multiplique pela transposta da matriz), junte o canal 0 da "
        "estilizada com os canais 1 e 2 da original, volte com a matriz inversa e corte para [0, 1]."
    )


@verificacao
def verificar_exercicio_3(resposta):
    """Letra da alternativa: a Gram de `lado_a_lado([x, x])` comparada com a de x."""
    if vazia(resposta):
        return pendente("resposta_3")
    letra = str(resposta).strip().lower().rstrip(")")
    if letra not in ALTERNATIVAS_3:
        return errado(f"Responda com uma letra entre {', '.join(ALTERNATIVAS_3)} (recebi {resposta!r}).")
    if letra == "a":
        return certo(
            "A Gram é uma média sobre as posições (FᵀF dividido por H·W): dobrar as posições dobra a soma "
            "e o divisor. Só a costura no meio muda um pouquinho as camadas fundas."
        )
    dicas = {
        "b": "A soma FᵀF dobra, sim; mas a Gram do curso divide pelo número de posições, que também dobra.",
        "c": "Nada diminui: a colagem tem as mesmas texturas, só que repetidas.",
        "d": "O tamanho da Gram é canais × canais; colar imagens muda as posições, não os canais.",
    }
    return errado(dicas[letra])
