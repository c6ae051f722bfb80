"""Otimizadores que rodam inteiros dentro do TensorFlow: Adam e L-BFGS (um passo = uma avaliação).

Os dois guardam a melhor imagem já avaliada e a mantêm em [0, 1] (projeção após cada passo).
"""

import tensorflow as tf

from estilo.erros import ErroParametro


class _Base:
    def __init__(self, objetivo, imagem_inicial, escala_perda=False):
        self.objetivo = objetivo
        inicial = tf.clip_by_value(tf.convert_to_tensor(imagem_inicial, tf.float32), 0.0, 1.0)
        self.x = tf.Variable(inicial, name="imagem")
        self.melhor_imagem = tf.Variable(inicial, name="melhor_imagem", trainable=False)
        self.melhor_perda = tf.Variable(float("inf"), trainable=False)
        # Escala dinâmica da perda para float16: evita estouro no gradiente (reduzida quando estoura).
        self.escala = tf.Variable(1.0, trainable=False)
        self.escala_perda = escala_perda
        self.passo = tf.function(self._passo)

    def _avaliar(self):
        with tf.GradientTape() as fita:
            termos = self.objetivo(self.x)
            escalada = termos["total"] * self.escala
        g = fita.gradient(escalada, self.x) / self.escala
        finito = tf.math.is_finite(termos["total"])
        melhorou = finito & (termos["total"] < self.melhor_perda)
        self.melhor_perda.assign(tf.where(melhorou, termos["total"], self.melhor_perda))
        self.melhor_imagem.assign(tf.where(melhorou, self.x, self.melhor_imagem))
        g_ok = tf.reduce_all(tf.math.is_finite(g))
        if self.escala_perda:
            self.escala.assign(tf.where(g_ok, self.escala, self.escala / 2.0))
        g = tf.where(g_ok, g, tf.zeros_like(g))
        return termos, g, g_ok

    def _passo(self):
        termos, g, g_ok = self._avaliar()
        if self.escala_perda:
            tf.cond(g_ok, lambda: self._atualizar(g), lambda: None)
        else:
            self._atualizar(g)
        return termos


class Adam(_Base):
    """Adam (fórmula do Keras) com projeção em [0, 1]. Padrões do tutorial do TensorFlow."""

    def __init__(self, objetivo, imagem_inicial, taxa=0.02, beta_1=0.99, beta_2=0.999, epsilon=0.1, **kw):
        if not taxa > 0:
            raise ErroParametro(f"A taxa de aprendizado deve ser positiva, não {taxa}.")
        super().__init__(objetivo, imagem_inicial, **kw)
        self.taxa, self.beta_1, self.beta_2, self.epsilon = float(taxa), float(beta_1), float(beta_2), float(epsilon)
        self.m = tf.Variable(tf.zeros_like(self.x), trainable=False)
        self.v = tf.Variable(tf.zeros_like(self.x), trainable=False)
        self.t = tf.Variable(0.0, trainable=False)

    def _atualizar(self, g):
        self.t.assign_add(1.0)
        self.m.assign(self.beta_1 * self.m + (1 - self.beta_1) * g)
        self.v.assign(self.beta_2 * self.v + (1 - self.beta_2) * tf.square(g))
        alfa = self.taxa * tf.sqrt(1 - self.beta_2**self.t) / (1 - self.beta_1**self.t)
        self.x.assign(tf.clip_by_value(self.x - alfa * self.m / (tf.sqrt(self.v) + self.epsilon), 0.0, 1.0))


class LBFGS(_Base):
    """L-BFGS de memória `memoria`, passo fixo `taxa` (como o do Torch sem busca linear)."""

    def __init__(self, objetivo, imagem_inicial, taxa=1.0, memoria=10, **kw):
        if not taxa > 0 or int(memoria) < 1:
            raise ErroParametro("O L-BFGS precisa de taxa > 0 e memória ≥ 1.")
        super().__init__(objetivo, imagem_inicial, **kw)
        n = int(tf.size(self.x))
        self.taxa, self.memoria = float(taxa), int(memoria)
        self.S = tf.Variable(tf.zeros((self.memoria, n)), trainable=False)
        self.Y = tf.Variable(tf.zeros((self.memoria, n)), trainable=False)
        self.rho = tf.Variable(tf.zeros((self.memoria,)), trainable=False)
        self.x_ant = tf.Variable(tf.zeros((n,)), trainable=False)
        self.g_ant = tf.Variable(tf.zeros((n,)), trainable=False)
        self.k = tf.Variable(0, trainable=False)

    def _atualizar(self, g):
        x = tf.reshape(self.x, (-1,))
        g = tf.reshape(g, (-1,))
        s, y = x - self.x_ant, g - self.g_ant
        sy = tf.tensordot(s, y, 1)
        aceitar = (self.k > 0) & (sy > 1e-10)
        self.S.assign(tf.where(aceitar, tf.concat([self.S[1:], s[None]], 0), self.S))
        self.Y.assign(tf.where(aceitar, tf.concat([self.Y[1:], y[None]], 0), self.Y))
        self.rho.assign(tf.where(aceitar, tf.concat([self.rho[1:], [1.0 / tf.maximum(sy, 1e-30)]], 0), self.rho))

        q, alfas = g, []
        for i in reversed(range(self.memoria)):
            a = self.rho[i] * tf.tensordot(self.S[i], q, 1)
            q -= a * self.Y[i]
            alfas.append(a)
        yy = tf.tensordot(self.Y[-1], self.Y[-1], 1)
        tem_historia = self.rho[-1] > 0
        gama = tf.where(tem_historia, tf.math.divide_no_nan(1.0, self.rho[-1] * yy), 1.0)
        r = gama * q
        for i in range(self.memoria):
            b = self.rho[i] * tf.tensordot(self.Y[i], r, 1)
            r += self.S[i] * (alfas[self.memoria - 1 - i] - b)
        d = -r

        descida = tf.tensordot(d, g, 1) < 0
        reiniciar = ~descida | ~tem_historia
        d = tf.where(descida, d, -g)
        passo_inicial = tf.minimum(1.0, tf.math.divide_no_nan(1.0, tf.reduce_sum(tf.abs(g)))) * self.taxa
        t = tf.where(reiniciar, passo_inicial, self.taxa)
        self.rho.assign(tf.where(descida, self.rho, tf.zeros_like(self.rho)))
        self.x_ant.assign(x)
        self.g_ant.assign(g)
        self.k.assign_add(1)
        self.x.assign(tf.clip_by_value(tf.reshape(x + t * d, tf.shape(self.x)), 0.0, 1.0))


OTIMIZADORES = {"lbfgs": LBFGS, "adam": Adam}
