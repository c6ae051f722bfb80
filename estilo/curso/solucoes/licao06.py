"""Gabarito da lição 06 (o estúdio): cada solução recebe o estúdio (``app``) do caderno."""


def exercicio_1(app):
    """Os nomes são os de ``app.configuracao()`` (os argumentos de ``transferir``); configura e devolve o app."""
    app.configurar(
        conteudo="colunata", estilos=["o_grito", "composicao_vii"], lado_maximo=128, passos=50,
        otimizador="adam", preservar_cores_originais=True, peso_tv=10.0,
    )
    return app


def _brutos(resultado):
    """(C, E, α usado, β usado): os termos sem peso no melhor passo da última execução."""
    i = resultado.melhor_passo
    alfa, beta = resultado.configuracao["peso_conteudo"], resultado.configuracao["peso_estilo"]
    return resultado.historico["conteudo"][i] / alfa, resultado.historico["estilo"][i] / beta, alfa, beta


def exercicio_2(app):
    """Estilo ÷ total no índice melhor_passo: o histórico já guarda os termos multiplicados pelos pesos."""
    historico, i = app.resultado.historico, app.resultado.melhor_passo
    return historico["estilo"][i] / historico["total"][i]


def exercicio_3(app):
    """β·E ≥ 10·α·C é o mesmo que β/α ≥ 10·C/E: escolhe β/α com folga de 2× sobre esse limite e sobre a razão
    da última execução, mantém α (ou o reduz, se β passaria do máximo do controle, 10⁴); configura e devolve."""
    conteudo, estilo, alfa_usado, beta_usado = _brutos(app.resultado)
    razao = 2 * max(10 * conteudo / estilo, beta_usado / alfa_usado)
    alfa = min(app.configuracao()["peso_conteudo"], 1e4 / razao)
    app.configurar(peso_conteudo=alfa, peso_estilo=razao * alfa)
    return app
