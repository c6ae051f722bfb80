"""Verificações dos exercícios da lição 07 (a rede rápida de Johnson, Alahi e Fei-Fei, 2016)."""

import numpy as np

from estilo.curso.exercicios.comum import certo, errado, numero, pendente, vazia, verificacao

PERGUNTA_1 = {"filtros": 32, "blocos": 5}
"""Exercício 1: a rede do artigo, ``rede_rapida.construir_rede(filtros=32, blocos=5)``."""

ALTERNATIVAS_2 = {
    "a": "a convolução transposta com passo 2 (Conv2DTranspose), que aprende a ampliar",
    "b": "a ampliação por vizinho mais próximo (UpSampling2D) seguida de uma convolução comum",
    "c": "a normalização de instância (GroupNormalization com um grupo por canal)",
    "d": "o preenchimento por reflexão (PreenchimentoReflexivo) antes de cada convolução",
}
"""Exercício 2: qual escolha da arquitetura evita o padrão de xadrez nas imagens geradas."""

EPSILON = 1e-5
"""O epsilon das normalizações da rede (``GroupNormalization(groups=-1, epsilon=1e-5)``)."""


def parametros_rede(filtros, blocos, normalizacao=True, vieses=True):
    """Número de parâmetros de ``construir_rede(filtros, blocos)``, só com aritmética.

    Cada convolução k×k de ``c_e`` para ``c_s`` canais tem k·k·c_e·c_s pesos e c_s vieses; cada
    normalização de instância tem γ e β por canal (2·c). A última convolução não é normalizada.
    ``normalizacao`` e ``vieses`` desligam essas parcelas (para reconhecer as respostas que as esquecem).
    """

    def conv(k, entrada, saida, normalizada=True):
        total = k * k * entrada * saida + (saida if vieses else 0)
        return total + (2 * saida if normalizacao and normalizada else 0)

    f = int(filtros)
    total = conv(9, 3, f) + conv(3, f, 2 * f) + conv(3, 2 * f, 4 * f)  # entrada e duas reduções
    total += int(blocos) * 2 * conv(3, 4 * f, 4 * f)  # cada bloco residual tem duas convoluções
    total += conv(3, 4 * f, 2 * f) + conv(3, 2 * f, f)  # duas ampliações (vizinho + convolução)
    total += conv(9, f, 3, normalizada=False)  # saída RGB com sigmoide, sem normalização
    return total


@verificacao
def verificar_exercicio_1(resposta):
    """O número de parâmetros da rede do artigo (PERGUNTA_1), contado à mão."""
    if vazia(resposta):
        return pendente("parametros_do_artigo")
    valor = numero(resposta)
    if valor is None:
        return errado(f"Responda com um número inteiro de parâmetros (recebi {resposta!r}).")
    f, b = PERGUNTA_1["filtros"], PERGUNTA_1["blocos"]
    esperado = parametros_rede(f, b)
    if valor == esperado:
        milhares = f"{esperado:,}".replace(",", ".")
        return certo(
            f"{milhares} parâmetros (cerca de 1,7 milhão, o número do artigo). Quase 90% deles moram nas "
            f"{2 * b} convoluções dos blocos residuais, com 4·{f} = {4 * f} canais de entrada e de saída."
        )
    dicas = [
        (parametros_rede(f, b, normalizacao=False, vieses=False),
         "Você contou só os pesos dos núcleos: faltam os vieses (um por canal de saída) e o γ e o β de cada normalização."),
        (parametros_rede(f, b, normalizacao=False),
         "Faltam os parâmetros das normalizações de instância: um γ e um β por canal (a saída não é normalizada)."),
        (parametros_rede(f, b, vieses=False), "Faltam os vieses das convoluções: um por canal de saída."),
        (parametros_rede(f, b) + 2 * 3, "Quase: a última convolução (a da saída RGB) não tem normalização."),
        (parametros_rede(f, b) - b * (9 * 16 * f * f + 4 * f + 8 * f),
         "Cada bloco residual tem DUAS convoluções 3×3 (cada uma com normalização), não uma."),
    ]
    for valor_errado, dica in dicas:
        if valor == valor_errado:
            return errado(dica)
    if abs(valor - esperado) <= 0.01 * esperado:
        return errado("Está perto (menos de 1% de diferença): confira as convoluções 9×9 da entrada e da saída.")
    return errado(
        "Ainda não bate. Some, camada por camada: k·k·(canais de entrada)·(canais de saída) pesos, mais um viés "
        "por canal de saída, mais γ e β por canal em cada normalização. As larguras são 32, 64, 128, 128 (blocos), "
        "64 e 32; a entrada e a saída têm 3 canais."
    )


@verificacao
def verificar_exercicio_2(resposta):
    """Letra da alternativa (ALTERNATIVAS_2) que evita o padrão de xadrez."""
    if vazia(resposta):
        return pendente("resposta_2")
    letra = str(resposta).strip().lower().rstrip(")")
    if letra not in ALTERNATIVAS_2:
        return errado(f"Responda com uma letra entre {', '.join(ALTERNATIVAS_2)} (recebi {resposta!r}).")
    if letra == "b":
        return certo(
            "Ampliar repetindo cada pixel (vizinho mais próximo) e depois convoluir faz toda posição de saída "
            "receber a mesma quantidade de contribuições: não há linhas e colunas privilegiadas, e o xadrez some."
        )
    dicas = {
        "a": "A convolução transposta é justamente a que CAUSA o xadrez: com núcleo 3 e passo 2, as janelas se "
             "sobrepõem de modo desigual, e uns pixels de saída somam mais contribuições que os vizinhos.",
        "c": "A normalização de instância tira a média e o contraste de cada foto (e deixa cada foto do lote "
             "independente das outras); ela não muda como a rede amplia a imagem.",
        "d": "A reflexão evita artefatos nas BORDAS (o preenchimento com zeros escurece as margens); o xadrez "
             "aparece no meio da imagem, onde a rede amplia.",
    }
    return errado(dicas[letra])


def normalizacao_instancia(x, gama, beta, epsilon=EPSILON):
    """A referência: (x − μ) / √(σ² + ε) · γ + β, com μ e σ² de cada imagem e canal (média em H e W)."""
    x = np.asarray(x, dtype=np.float64)
    media = x.mean(axis=(1, 2), keepdims=True)
    variancia = x.var(axis=(1, 2), keepdims=True)
    return (x - media) / np.sqrt(variancia + epsilon) * np.asarray(gama) + np.asarray(beta)


def _dados_exercicio_3():
    """Um lote (2, 6, 5, 4) com escalas bem diferentes por imagem e canal, e um canal quase constante."""
    sorteio = np.random.default_rng(7)
    x = sorteio.normal(0.0, 1.0, (2, 6, 5, 4))
    x *= np.array([[0.5, 3.0, 1.0, 1e-3], [2.0, 0.2, 4.0, 1e-3]])[:, None, None, :]
    x += np.array([[1.0, -2.0, 0.5, 0.01], [-1.0, 4.0, 0.0, -0.01]])[:, None, None, :]
    gama = np.array([1.5, 0.5, 2.0, 1.0])
    beta = np.array([0.1, -0.3, 0.0, 0.7])
    return x.astype(np.float32), gama.astype(np.float32), beta.astype(np.float32)


def _variante(x, gama, beta, eixos=(1, 2), epsilon="dentro"):
    """Os erros comuns: média e variância nos eixos errados, ε fora da raiz ou esquecido."""
    x = np.asarray(x, dtype=np.float64)
    centrado = x - x.mean(axis=eixos, keepdims=True)
    desvio = x.std(axis=eixos, keepdims=True)
    if epsilon == "dentro":
        desvio = np.sqrt(desvio**2 + EPSILON)
    elif epsilon == "fora":
        desvio = desvio + EPSILON
    return centrado / desvio * gama + beta


@verificacao
def verificar_exercicio_3(funcao):
    """``funcao(x, gama, beta)`` em NumPy: x (B, H, W, C), gama e beta (C,) -> (B, H, W, C), com ε = 1e-5.

    Uma função que ainda devolve None conta como resposta não preenchida.
    """
    if funcao is None:
        return pendente("normalizar_instancia")
    if not callable(funcao):
        return errado(f"Passe a função (sem chamá-la), não {type(funcao).__name__}.")
    x, gama, beta = _dados_exercicio_3()
    try:
        obtida = funcao(x.copy(), gama.copy(), beta.copy())
        if obtida is None:
            return pendente("normalizar_instancia")
        obtida = np.asarray(obtida, dtype=np.float64)
    except Exception as erro:  # noqa: BLE001 — o aluno precisa ver o erro, não um traceback
        return errado(f"A função levantou {type(erro).__name__}: {erro}")
    if obtida.shape != x.shape:
        return errado(f"A saída deveria ter a mesma forma da entrada, {x.shape}, mas tem {obtida.shape}.")
    esperado = normalizacao_instancia(x, gama, beta)
    if np.allclose(obtida, esperado, rtol=1e-4, atol=1e-4):
        return certo(
            "Média e variância de cada imagem e de cada canal, só nas posições (eixos 1 e 2): é o que "
            "GroupNormalization(groups=-1) faz, e nenhuma foto do lote interfere nas outras."
        )
    suspeitas = [
        (lambda: _variante(x, gama, beta, eixos=(0, 1, 2)),
         ("Essa é a normalização de LOTE: a média e a variância incluem o eixo 0, e uma foto passa a depender "
          "das outras. Use axis=(1, 2).")),
        (lambda: _variante(x, gama, beta, eixos=(1, 2, 3)),
         ("Essa é a normalização de CAMADA: a média junta todos os canais. Cada canal tem a sua média e a "
          "sua variância: use axis=(1, 2).")),
        (lambda: _variante(x, gama, beta, epsilon="sem"),
         "Falta o ε dentro da raiz: √(σ² + ε). Sem ele, um canal quase constante explode (aqui há um)."),
        (lambda: _variante(x, gama, beta, epsilon="fora"),
         "O ε vai DENTRO da raiz, somado à variância: √(σ² + ε), não σ + ε."),
        (lambda: normalizacao_instancia(x, np.ones_like(gama), np.zeros_like(beta)),
         "A normalização está certa, mas faltou aplicar a escala e o deslocamento aprendidos: · γ + β."),
        (lambda: normalizacao_instancia(x, beta, gama), "Você trocou γ e β: multiplique por γ (gama) e some β (beta)."),
    ]
    for calcular, dica in suspeitas:
        if np.allclose(obtida, calcular(), rtol=1e-4, atol=1e-4):
            return errado(dica)
    return errado(
        "Ainda não bate. Para cada imagem b e canal c: μ = média de x[b, :, :, c], σ² = variância (np.var, sem "
        "correção), saída = (x − μ) / √(σ² + ε) · γ[c] + β[c]. Com keepdims=True, o NumPy alinha os eixos sozinho."
    )
