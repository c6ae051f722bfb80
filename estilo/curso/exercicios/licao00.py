"""Verificações do quiz do sumário (lição 00)."""

from estilo.curso.exercicios.comum import certo, errado, pendente, vazia, verificacao

_ALTERNATIVAS_1 = {
    "a": (
        "Os pesos da VGG ficam congelados o tempo todo: ela foi treinada no ImageNet "
        "e aqui só serve de 'olho' para medir conteúdo e estilo."
    ),
    "b": "",
    "c": (
        "A pintura de estilo é só uma referência: medimos as estatísticas dela uma vez "
        "e nunca a mudamos."
    ),
}


@verificacao
def verificar_exercicio_1(resposta):
    """Quiz: o que o algoritmo de Gatys ajusta a cada passo? (a) pesos, (b) pixels, (c) a pintura."""
    if vazia(resposta):
        return pendente("resposta")
    letra = str(resposta).strip().lower().rstrip(").").strip()
    if letra not in _ALTERNATIVAS_1:
        return errado(f"Responda com uma das letras 'a', 'b' ou 'c' (recebi {resposta!r}).")
    if letra == "b":
        return certo(
            "A rede fica parada; o que muda a cada passo são os pixels da imagem gerada, "
            "guiados pelo gradiente do custo em relação à própria imagem."
        )
    return errado(_ALTERNATIVAS_1[letra])


@verificacao
def verificar_exercicio_2(resposta):
    """Quantas obras de estilo há no catálogo? (confere com `dados.listar('estilo')`)."""
    from estilo.nucleo import dados

    if vazia(resposta):
        return pendente("resposta")
    if isinstance(resposta, (list, tuple)):
        return errado("Você passou a lista inteira; a pergunta pede o número de obras (use len(...)).")
    if isinstance(resposta, bool) or not isinstance(resposta, (int, float)) or resposta != int(resposta):
        return errado(f"Responda com um número inteiro (recebi {resposta!r}).")
    estilos = len(dados.listar("estilo"))
    if int(resposta) == estilos:
        return certo(f"São {estilos} pinturas de estilo; na lição 05 você vai usar várias delas.")
    if int(resposta) == len(dados.listar()):
        return errado("Esse é o total do catálogo; conte só as de tipo 'estilo'.")
    if int(resposta) == len(dados.listar("conteudo")):
        return errado("Essas são as fotos de conteúdo; a pergunta é sobre as pinturas (tipo 'estilo').")
    return errado("Não é esse número; experimente len(dados.listar('estilo')).")
