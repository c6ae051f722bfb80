"""Otimizadores que rodam inteiros dentro do TensorFlow: Adam e L-BFGS (um passo = uma avaliação).

Os dois guardam a melhor imagem já avaliada e a mantêm em [0, 1] (projeção após cada passo).
"""

import tensorflow as tf

from estilo.gatys.piramide import precondicionar
from estilo.nucleo.erros import ErroParametro


class _Base:
    TENTATIVAS = 8
    """Reduções da escala da perda (÷2⁸ cada, refazendo a avaliação) num mesmo passo em float16."""

    def __init__(self, objetivo, imagem_inicial, escala_perda=False):
        self.objetivo = objetivo
        inicial = tf.clip_by_value(tf.convert_to_tensor(imagem_inicial, tf.float32), 0.0, 1.0)
        self.x = tf.Variable(inicial, name="imagem")
        self.melhor_imagem = tf.Variable(inicial, name="melhor_imagem", trainable=False)
        self.melhor_perda = tf.Variable(float("inf"), trainable=False)
        # Escala da perda para float16: evita estouro no gradiente (reduzida quando estoura; veja _avaliar).
        self.escala = tf.Variable(1.0, trainable=False)
        self.escala_perda = escala_perda
        self.passo = tf.function(self._passo)

    def _gradiente(self):
        with tf.GradientTape() as fita:
            termos = self.objetivo(self.x)
            escalada = termos["total"] * self.escala
        return termos, fita.gradient(escalada, self.x) / self.escala

    def _avaliar(self):
        termos, g = self._gradiente()
        if self.escala_perda:
            # float16: enquanto o gradiente estoura (perda finita), a escala cai 2⁸ vezes e a conta é refeita.
            def estourou(i, termos, g):
                return (i < self.TENTATIVAS) & tf.math.is_finite(termos["total"]) & ~tf.reduce_all(tf.math.is_finite(g))

            def reduzir(i, termos, g):
                self.escala.assign(self.escala / 256.0)
                return (i + 1, *self._gradiente())

            _, termos, g = tf.while_loop(estourou, reduzir, (tf.constant(0), termos, g))
        finito = tf.math.is_finite(termos["total"])
        melhorou = finito & (termos["total"] < self.melhor_perda)
        self.melhor_perda.assign(tf.where(melhorou, termos["total"], self.melhor_perda))
        self.melhor_imagem.assign(tf.where(melhorou, self.x, self.melhor_imagem))
        g_ok = tf.reduce_all(tf.math.is_finite(g))
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
    """Adam (fórmula do Keras) com projeção em [0, 1]. Padrões do tutorial do TensorFlow.

    `aquecimento` > 0 sobe a taxa linearmente nos primeiros passos (útil ao partir de uma imagem já
    otimizada, em que os primeiros passos do Adam, do tamanho da taxa em todo pixel, a estragariam).
    """

    def __init__(self, objetivo, imagem_inicial, taxa=0.02, beta_1=0.99, beta_2=0.999, epsilon=0.1, aquecimento=0,
                 **kw):
        if not taxa > 0 or int(aquecimento) < 0:
            raise ErroParametro(f"A taxa de aprendizado deve ser positiva (e o aquecimento ≥ 0), não {taxa}.")
        super().__init__(objetivo, imagem_inicial, **kw)
        self.taxa, self.beta_1, self.beta_2, self.epsilon = float(taxa), float(beta_1), float(beta_2), float(epsilon)
        self.aquecimento = int(aquecimento)
        self.m = tf.Variable(tf.zeros_like(self.x), trainable=False)
        self.v = tf.Variable(tf.zeros_like(self.x), trainable=False)
        self.t = tf.Variable(0.0, trainable=False)

    def _atualizar(self, g):
        self.t.assign_add(1.0)
        self.m.assign(self.beta_1 * self.m + (1 - self.beta_1) * g)
        self.v.assign(self.beta_2 * self.v + (1 - self.beta_2) * tf.square(g))
        taxa = self.taxa
        if self.aquecimento:
            taxa = taxa * tf.minimum(1.0, self.t / self.aquecimento)
        alfa = taxa * tf.sqrt(1 - self.beta_2**self.t) / (1 - self.beta_1**self.t)
        self.x.assign(tf.clip_by_value(self.x - alfa * self.m / (tf.sqrt(self.v) + self.epsilon), 0.0, 1.0))


class LBFGS(_Base):
    """L-BFGS projetado em [0, 1], pré-condicionado por pirâmide, com busca linear de Armijo.

    Cada passo é uma avaliação: se a perda caiu o bastante (Armijo), o passo é aceito e uma nova
    direção é calculada (recursão de duas voltas, memória circular de `memoria` pares); senão, o
    passo é encolhido por interpolação quadrática e tentado de novo. `taxa` é o tamanho do passo
    tentado primeiro em cada direção (1 = passo quase-Newton); `passo_inicial` é o maior
    deslocamento de um pixel no primeiro passo (gradiente puro, antes de haver histórico).
    `piramide` = número de níveis do pré-condicionador (0 desliga): a Hessiana inicial é
    γ·(I + Σₖ 2^(k−1)·Bₖ), com Bₖ = média em blocos de 2^k × 2^k pixels, que dá passos maiores às
    mudanças de baixa frequência (as que a VGG demora a corrigir).
    """

    C1 = 1e-4
    """Constante de Armijo: exige queda de pelo menos C1 × (queda prevista pelo gradiente)."""
    MAX_RECUOS = 10
    """Recuos seguidos após os quais o histórico é descartado e recomeça pelo gradiente."""

    def __init__(self, objetivo, imagem_inicial, taxa=1.0, memoria=10, passo_inicial=0.05, piramide=4, **kw):
        if not taxa > 0 or int(memoria) < 1 or not passo_inicial > 0 or not 0 <= int(piramide) <= 8:
            raise ErroParametro("O L-BFGS precisa de taxa > 0, memória ≥ 1, passo_inicial > 0 e piramide entre 0 e 8.")
        super().__init__(objetivo, imagem_inicial, **kw)
        n = int(tf.size(self.x))
        self.taxa, self.memoria, self.passo_inicial = float(taxa), int(memoria), float(passo_inicial)
        self.piramide = int(piramide)
        self.forma = tuple(self.x.shape)
        zeros = tf.zeros((n,))
        self.S = tf.Variable(tf.zeros((self.memoria, n)), trainable=False)
        self.Y = tf.Variable(tf.zeros((self.memoria, n)), trainable=False)
        self.rho = tf.Variable(tf.zeros((self.memoria,)), trainable=False)
        self.pares = tf.Variable(0, trainable=False)  # quantos pares já foram guardados (o mais novo em (pares-1) % m)
        self.x_ant = tf.Variable(zeros, trainable=False)
        self.g_ant = tf.Variable(zeros, trainable=False)
        self.f_ant = tf.Variable(float("inf"), trainable=False)
        self.d = tf.Variable(zeros, trainable=False)
        self.t = tf.Variable(0.0, trainable=False)
        self.k = tf.Variable(0, trainable=False)
        self.recuos = tf.Variable(0, trainable=False)
        self.recuos_seguidos = tf.Variable(0, trainable=False)

    def _passo(self):
        termos, g, g_ok = self._avaliar()
        f = tf.cast(termos["total"], tf.float32)
        x = tf.reshape(self.x, (-1,))
        g = tf.reshape(g, (-1,))
        s = x - self.x_ant
        queda_prevista = tf.tensordot(self.g_ant, s, 1)
        aceitar = (self.k == 0) | (g_ok & tf.math.is_finite(f) & (f <= self.f_ant + self.C1 * queda_prevista))
        # Sem tf.cond (ele custa caro ao redor da VGG): os dois caminhos são calculados e escolhidos com tf.where.
        self._guardar(s, g - self.g_ant, aceitar & (self.k > 0))
        direcao, com_historia = self._direcao(x, g)
        t_recuo, recomecar = self._recuo(f, queda_prevista)
        self.recuos.assign_add(tf.where(aceitar, 0, 1))
        self.recuos_seguidos.assign(tf.where(aceitar | recomecar, 0, self.recuos_seguidos + 1))
        self.pares.assign(tf.where((aceitar & ~com_historia) | (~aceitar & recomecar), 0, self.pares))
        recomeco = self._escalar_primeiro_passo(-self.g_ant)
        self.d.assign(tf.where(aceitar, direcao, tf.where(recomecar, recomeco, self.d)))
        self.t.assign(tf.where(aceitar, self.taxa, tf.where(recomecar, 0.1 * self.taxa, t_recuo)))
        self.x_ant.assign(tf.where(aceitar, x, self.x_ant))
        self.g_ant.assign(tf.where(aceitar, g, self.g_ant))
        self.f_ant.assign(tf.where(aceitar, f, self.f_ant))
        self.k.assign_add(1)
        self.x.assign(tf.reshape(tf.clip_by_value(self.x_ant + self.t * self.d, 0.0, 1.0), tf.shape(self.x)))
        return termos

    def _guardar(self, s, y, aceito):
        """Guarda o par (s, y) na memória circular se o passo foi aceito e a curvatura sᵀy é positiva."""
        sy = tf.tensordot(s, y, 1)
        guardar = aceito & (sy > 1e-10 * tf.tensordot(y, y, 1))
        i = self.pares % self.memoria
        self.S.scatter_nd_update([[i]], tf.where(guardar, s, self.S[i])[None])
        self.Y.scatter_nd_update([[i]], tf.where(guardar, y, self.Y[i])[None])
        self.rho.scatter_nd_update([[i]], [tf.where(guardar, 1.0 / sy, self.rho[i])])
        self.pares.assign_add(tf.where(guardar, 1, 0))

    def _direcao(self, x, g):
        """Direção L-BFGS a partir de x (ou −P·g, sem histórico útil) e se o histórico deu descida."""
        # Pixels presos na borda com o gradiente empurrando para fora não entram na direção nem se movem
        # (o pré-condicionador e o histórico espalham o gradiente).
        preso = ((x <= 0.0) & (g > 0.0)) | ((x >= 1.0) & (g < 0.0))
        g_livre = tf.where(preso, 0.0, g)
        d = tf.where(preso, 0.0, -self._duas_voltas(g_livre))  # sem pares guardados: d = −P·g
        descida = (self.pares > 0) & (tf.tensordot(d, g_livre, 1) < 0.0)
        sem_pares = tf.where(tf.tensordot(d, g_livre, 1) < 0.0, d, -g_livre)
        direcao = tf.where(descida, d, self._escalar_primeiro_passo(tf.where(self.pares > 0, -g_livre, sem_pares)))
        return direcao, descida

    def _recuo(self, f, queda_prevista):
        """Passo encolhido (mínimo da parábola, limitado a [0,1; 0,5]·t) e se é hora de recomeçar."""
        excesso = f - self.f_ant - queda_prevista
        fator = tf.where(tf.math.is_finite(f) & (excesso > 0.0), -queda_prevista / (2.0 * excesso), 0.5)
        return self.t * tf.clip_by_value(fator, 0.1, 0.5), self.recuos_seguidos + 1 >= self.MAX_RECUOS

    def _precondicionar(self, v):
        """P·v (veja ``piramide.precondicionar``)."""
        return precondicionar(v, self.forma, self.piramide)

    def _duas_voltas(self, q):
        """H·q pela recursão de duas voltas (H0 = γP, γ = sᵀy / yᵀPy do par mais novo).

        Os produtos internos com a memória saem de poucas multiplicações de matrizes (SYᵀ, S·q, Y·r);
        as voltas em si só mexem com m números. Muitas operações pequenas sobre vetores do tamanho da
        imagem custavam mais que as contas (acordar as threads a cada operação).
        """
        m = self.memoria
        usados = tf.minimum(self.pares, m)
        ordem = [(self.pares - 1 - j) % m for j in range(m)]  # posições na memória, do par mais novo ao mais velho
        ativo = [j < usados for j in range(m)]
        sy = tf.matmul(self.S, self.Y, transpose_b=True)  # sy[i, l] = s_iᵀ y_l
        sq = tf.linalg.matvec(self.S, q)
        alfas = []
        for j, i in enumerate(ordem):
            correcao = tf.add_n([alfas[l] * sy[i, ordem[l]] for l in range(j)]) if j else 0.0
            alfas.append(tf.where(ativo[j], self.rho[i] * (sq[i] - correcao), 0.0))
        alfa_memoria = tf.scatter_nd(tf.stack(ordem)[:, None], tf.stack(alfas), (m,))
        q = q - tf.linalg.matvec(self.Y, alfa_memoria, transpose_a=True)
        novo = ordem[0]
        y_novo = self.Y[novo]
        y_p_y = tf.tensordot(y_novo, self._precondicionar(y_novo), 1)
        gama = tf.where(usados > 0, tf.math.divide_no_nan(1.0, self.rho[novo] * y_p_y), 1.0)
        r = gama * self._precondicionar(q)
        yr = tf.linalg.matvec(self.Y, r)
        betas = {}
        for j in reversed(range(m)):
            i = ordem[j]
            mais_velhos = range(j + 1, m)
            correcao = tf.add_n([(alfas[l] - betas[l]) * sy[ordem[l], i] for l in mais_velhos]) if j < m - 1 else 0.0
            betas[j] = tf.where(ativo[j], self.rho[i] * (yr[i] + correcao), 0.0)
        diferenca = tf.scatter_nd(tf.stack(ordem)[:, None], tf.stack([alfas[j] - betas[j] for j in range(m)]), (m,))
        return r + tf.linalg.matvec(self.S, diferenca, transpose_a=True)

    def _escalar_primeiro_passo(self, d):
        """Direção sem histórico escalada para que nenhum pixel ande mais que `passo_inicial`."""
        return d * (self.passo_inicial / tf.maximum(tf.reduce_max(tf.abs(d)), 1e-30))


class LBFGSAdam:
    """L-BFGS enquanto ele desce rápido; quando empaca, Adam a partir da melhor imagem (execuções longas).

    Troca quando a perda melhorou menos de `empacou` (fração) nas últimas `janela` avaliações (e já se
    passaram `minimo` avaliações), ou após `trocar_apos` avaliações, se informado. O Adam usa `taxa`,
    beta_1 = 0,9 e `aquecimento` passos de taxa crescente. Um passo continua sendo uma avaliação.
    """

    def __init__(self, objetivo, imagem_inicial, taxa=0.02, beta_1=0.9, aquecimento=30, trocar_apos=None,
                 janela=25, empacou=0.01, minimo=50, escala_perda=False, **opcoes_lbfgs):
        if trocar_apos is not None and int(trocar_apos) < 1:
            raise ErroParametro(f"trocar_apos deve ser ≥ 1, não {trocar_apos}.")
        self.objetivo = objetivo
        self.lbfgs = LBFGS(objetivo, imagem_inicial, escala_perda=escala_perda, **opcoes_lbfgs)
        self.adam = None
        self._opcoes_adam = {"taxa": taxa, "beta_1": beta_1, "aquecimento": aquecimento, "escala_perda": escala_perda}
        self.trocar_apos, self.janela, self.empacou, self.minimo = trocar_apos, int(janela), float(empacou), int(minimo)
        self.avaliacoes, self.trocou_em = 0, None
        self._melhores = []

    @property
    def _ativo(self):
        return self.adam if self.adam is not None else self.lbfgs

    @property
    def x(self):
        return self._ativo.x

    @property
    def melhor_perda(self):
        return self._ativo.melhor_perda

    @property
    def melhor_imagem(self):
        return self._ativo.melhor_imagem

    def _deve_trocar(self):
        if self.trocar_apos is not None:
            return self.avaliacoes >= int(self.trocar_apos)
        if self.avaliacoes < max(self.minimo, self.janela + 1):
            return False
        antes, agora = self._melhores[-self.janela - 1], self._melhores[-1]
        return agora >= (1.0 - self.empacou) * antes

    def passo(self):
        """Uma avaliação (e atualização) do método da vez."""
        if self.adam is None and self._deve_trocar():
            # O Adam parte da melhor imagem do L-BFGS; a primeira avaliação dele é essa mesma imagem.
            self.adam = Adam(self.objetivo, self.lbfgs.melhor_imagem, **self._opcoes_adam)
            self.trocou_em = self.avaliacoes
            self.lbfgs = None  # libera a memória de pares (2·m vetores do tamanho da imagem)
        termos = self._ativo.passo()
        self.avaliacoes += 1
        self._melhores.append(float(self._ativo.melhor_perda))
        return termos


OTIMIZADORES = {"lbfgs": LBFGS, "adam": Adam, "lbfgs_adam": LBFGSAdam}
