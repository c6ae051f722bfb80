"""Máscaras prontas para ``transferir(..., mascaras=...)``, feitas da própria foto, sem outro modelo.

Todas devolvem um tensor (1, H, W, 1) em [0, 1] do tamanho da foto (branco = 1 = "aqui vai o estilo"),
com a borda suave (``borda``, fração do lado) para a emenda entre dois estilos não aparecer.
``foto`` pode ser uma imagem (caminho, PIL, array, tensor) ou só o tamanho (altura, largura), onde basta.
"""

import difflib
import numbers

import tensorflow as tf

from estilo.nucleo import imagens
from estilo.nucleo.erros import ErroParametro

LADOS = ("cima", "baixo", "esquerda", "direita")

AUTOMATICAS = {
    "ceu": "o céu (região clara e azulada ligada ao alto da foto) e o resto",
    "cima_baixo": "a metade de cima e a de baixo",
    "esquerda_direita": "a metade esquerda e a direita",
    "claro_escuro": "as regiões claras e as escuras",
}
"""Nomes aceitos por ``automaticas`` (e por ``--mascaras auto:NOME``): o que cada par de máscaras cobre."""


def _foto(foto):
    return imagens.carregar(foto, lado_minimo=1)


def _tamanho(foto):
    if isinstance(foto, tf.TensorShape):
        foto = tuple(foto)
    if isinstance(foto, (tuple, list)) and len(foto) == 2 and all(isinstance(x, numbers.Integral) for x in foto):
        return int(foto[0]), int(foto[1])
    return tuple(int(x) for x in _foto(foto).shape[1:3])


def _degrau(x):
    """0 abaixo de 0, 1 acima de 1 e a curva suave 3x² − 2x³ entre eles."""
    x = tf.clip_by_value(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def _rampa(valor, corte, largura):
    """1 onde ``valor`` < ``corte``, 0 onde é maior, com transição suave de ``largura`` em volta do corte."""
    if largura <= 0:
        return tf.cast(valor < corte, tf.float32)
    return _degrau(0.5 + (corte - valor) / largura)


def metade(foto, lado="cima", borda=0.05):
    """A metade ``lado`` ('cima', 'baixo', 'esquerda' ou 'direita') da foto; as opostas somam 1."""
    if lado not in LADOS:
        raise ErroParametro(f"lado deve ser um de {', '.join(LADOS)}, não {lado!r}.")
    altura, largura = _tamanho(foto)
    vertical = lado in ("cima", "baixo")
    n = altura if vertical else largura
    t = (tf.range(n, dtype=tf.float32) + 0.5) / n
    m = _rampa(t, 0.5, float(borda))
    if lado in ("baixo", "direita"):
        m = 1.0 - m
    m = m[:, None] * tf.ones((1, largura)) if vertical else tf.ones((altura, 1)) * m[None, :]
    return m[None, :, :, None]


def suavizar(mascara, raio):
    """Desfoque quase gaussiano (três médias em caixa) de ``raio`` px; a borda da foto não escurece."""
    m = tf.convert_to_tensor(mascara, tf.float32)
    lado = 2 * max(0, int(round(raio))) + 1
    if lado == 1:
        return m
    for _ in range(3):
        m = tf.nn.avg_pool2d(m, lado, 1, "SAME")  # SAME não conta o preenchimento na média
    return tf.clip_by_value(m, 0.0, 1.0)


def _luminancia(rgb):
    return tf.reduce_sum(rgb * tf.constant([0.299, 0.587, 0.114]), axis=-1, keepdims=True)


def por_brilho(foto, limiar=0.5, claras=True, borda=0.1, raio=0.01):
    """As regiões claras (``claras=True``) ou escuras da foto: luminância acima de ``limiar``, com transição
    suave de ``borda`` (em luminância) e desfoque de ``raio`` (fração do lado maior)."""
    rgb = _foto(foto)
    lum = suavizar(_luminancia(rgb), raio * max(rgb.shape[1:3]))
    m = 1.0 - _rampa(lum, float(limiar), float(borda))
    return m if claras else 1.0 - m


def ceu(foto, borda=0.03, limiar=0.45):
    """O céu: pixels claros (luminância > ``limiar``) e azulados ou cinza-claros, ligados ao alto da foto
    (coluna a coluna, de cima para baixo), com borda suave. Sem céu na foto: ErroParametro."""
    rgb = _foto(foto)
    lado = max(rgb.shape[1:3])
    liso = suavizar(rgb, 0.01 * lado)
    r, g, b = liso[..., 0:1], liso[..., 1:2], liso[..., 2:3]
    parece = (_luminancia(liso) > limiar) & (b >= r - 0.02) & (b >= g - 0.08)
    # Só conta o que está ligado à primeira linha: a água ou uma parede clara lá embaixo não é céu.
    ligado = tf.math.cumprod(tf.cast(parece, tf.float32), axis=1)
    if float(tf.reduce_mean(ligado)) < 0.01:
        raise ErroParametro(
            "Não encontrei céu nesta foto (uma região clara e azulada no alto). Use máscaras próprias ou "
            "outra automática: " + ", ".join(AUTOMATICAS) + "."
        )
    return suavizar(ligado, borda * lado)


def automaticas(nome, foto, quantidade=2):
    """Máscaras complementares (somam 1) para ``quantidade`` pinturas (1 ou 2), pelo nome ('ceu', ...).

    Com uma pintura, só a primeira região (por ex. só o céu); com duas, a região e o resto.
    Aceita o prefixo da linha de comando ('auto:ceu').
    """
    nome = str(nome).strip().lower()
    nome = nome[len("auto:"):] if nome.startswith("auto:") else nome
    nome = {"céu": "ceu"}.get(nome, nome)
    if nome not in AUTOMATICAS:
        parecidas = difflib.get_close_matches(nome, list(AUTOMATICAS), n=1)
        dica = f" Você quis dizer {parecidas[0]!r}?" if parecidas else ""
        raise ErroParametro(f"Máscara automática desconhecida: {nome!r}. Use uma de {', '.join(AUTOMATICAS)}.{dica}")
    if quantidade not in (1, 2):
        raise ErroParametro(
            f"As máscaras automáticas dividem a foto em duas regiões, para 1 ou 2 pinturas; recebi {quantidade}. "
            "Para mais pinturas, passe uma máscara por pintura."
        )
    if nome == "ceu":
        primeira = ceu(foto)
    elif nome == "claro_escuro":
        primeira = por_brilho(foto)
    else:
        primeira = metade(foto, "cima" if nome == "cima_baixo" else "esquerda")
    return [primeira, 1.0 - primeira][:quantidade]


def sobrepor(foto, mascara, cor=(1.0, 0.25, 0.2), opacidade=0.5):
    """A foto com a máscara pintada por cima em ``cor`` (para ver a região): tensor (1, H, W, 3)."""
    rgb = _foto(foto)
    m = tf.convert_to_tensor(mascara, tf.float32)
    if m.shape[1:3] != rgb.shape[1:3]:
        m = tf.image.resize(m, rgb.shape[1:3], method="bilinear")
    camada = tf.constant(cor, tf.float32)[None, None, None, :]
    return tf.clip_by_value(rgb * (1.0 - opacidade * m) + camada * opacidade * m, 0.0, 1.0)
