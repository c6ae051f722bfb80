"""Gabarito da lição 04 (o algoritmo completo)."""

from estilo.curso.exercicios.licao04 import CONFIGURACOES_EXERCICIO_1, DADOS_EXERCICIO_2


def exercicio_1():
    """A menor razão α/β: o que decide o equilíbrio é a razão, não cada peso sozinho.
    A: 10⁶, B: 10⁵, C: 10⁶ (β maior, mas α também), D: 10⁷ — B é a mais parecida com a pintura."""
    return min(CONFIGURACOES_EXERCICIO_1, key=lambda k: CONFIGURACOES_EXERCICIO_1[k]["peso_conteudo"]
               / CONFIGURACOES_EXERCICIO_1[k]["peso_estilo"])


def exercicio_2():
    """(total, dominante): α·L_c = 3 × 10⁴, β·L_e = 2 × 10⁴ e γ·TV = 1,5 × 10⁴; total 6,5 × 10⁴, e quem pesa
    mais é o conteúdo — o estilo cru (2 × 10⁶) engana: o que conta é o termo já multiplicado pelo peso."""
    d = DADOS_EXERCICIO_2
    ponderados = {"conteudo": d["alfa"] * d["L_conteudo"], "estilo": d["beta"] * d["L_estilo"], "tv": d["gama"] * d["TV"]}
    return sum(ponderados.values()), max(ponderados, key=ponderados.get)


def exercicio_3(historicos):
    """O nome do otimizador de menor perda total até o fim da execução mais curta (o mesmo tempo de relógio
    para os dois); depende da máquina, por isso recebe os históricos medidos ({nome: resultado.historico})."""
    limite = min(h["segundos"][-1] for h in historicos.values())

    def melhor(historico):
        return min(v for v, s in zip(historico["total"], historico["segundos"]) if s <= limite)

    return min(historicos, key=lambda nome: melhor(historicos[nome]))


def exercicio_4():
    """O laço de Gatys com Adam, a função que o aluno escreve e que `verificar_exercicio_4` roda.

    A imagem é uma `tf.Variable` (o que a fita acompanha e o otimizador muda); a cada passo: custo dentro
    da `tf.GradientTape`, gradiente do custo em relação à imagem, um passo do Adam (criado uma vez, antes
    do laço, porque guarda as médias dos gradientes) e o recorte para [0, 1]. Devolve a própria função.
    """
    import keras
    import tensorflow as tf

    def meu_laco(custo, imagem_inicial, passos, taxa):
        imagem = tf.Variable(imagem_inicial)
        otimizador = keras.optimizers.Adam(learning_rate=taxa)
        historico = []
        for _ in range(passos):
            with tf.GradientTape() as fita:
                total = custo(imagem)
            gradiente = fita.gradient(total, imagem)
            otimizador.apply_gradients([(gradiente, imagem)])
            imagem.assign(tf.clip_by_value(imagem, 0.0, 1.0))
            historico.append(float(total))
        return imagem, historico

    return meu_laco
