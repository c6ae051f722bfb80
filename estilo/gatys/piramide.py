"""O pré-condicionador em pirâmide do L-BFGS: passos maiores para as mudanças de baixa frequência."""

import tensorflow as tf


def precondicionar(v, forma, niveis):
    """P·v, P = I + Σₖ 2^(k−1)·Bₖ (simétrica e definida positiva), montada do nível mais grosso ao mais fino.

    Bₖ troca cada pixel pela média do seu bloco 2^k × 2^k (na borda, só dos pixels que existem). As
    somas de cada nível saem das do nível anterior e a correção só volta ao tamanho cheio uma vez.
    """
    if not niveis:
        return v
    _, h, w, _ = forma
    lado = 2**niveis
    preenchimento = [[0, 0], [0, -h % lado], [0, -w % lado], [0, 0]]
    somas = [tf.pad(tf.reshape(v, forma), preenchimento)]
    contagens = [tf.pad(tf.ones((1, h, w, 1)), preenchimento)]
    for _ in range(niveis):
        somas.append(_somar_blocos_2x2(somas[-1]))
        contagens.append(_somar_blocos_2x2(contagens[-1]))
    correcao = 0.0
    for k in range(niveis, 0, -1):
        correcao = 2.0 ** (k - 1) * somas[k] / contagens[k] + correcao
        correcao = _repetir_2x2(correcao)
    return v + tf.reshape(correcao[:, :h, :w, :], (-1,))


def _somar_blocos_2x2(x):
    """(1, H, W, C) com H e W pares -> (1, H/2, W/2, C): soma de cada bloco 2 × 2."""
    _, h, w, c = x.shape
    return tf.reduce_sum(tf.reshape(x, (1, h // 2, 2, w // 2, 2, c)), axis=(2, 4))


def _repetir_2x2(x):
    """(1, H, W, C) -> (1, 2H, 2W, C): cada valor repetido num bloco 2 × 2."""
    _, h, w, c = x.shape
    return tf.reshape(tf.broadcast_to(x[:, :, None, :, None, :], (1, h, 2, w, 2, c)), (1, 2 * h, 2 * w, c))
