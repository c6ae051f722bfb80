"""As verificações da lição 06 aceitam respostas certas e recusam as erradas, sem exceções."""

from types import SimpleNamespace

import pytest

from estilo.curso.exercicios import licao06


class EstudioFalso:
    """Imita o que as verificações leem de um ``Estudio``: configuracao() e resultado."""

    def __init__(self, resultado=None, **configuracao):
        self._configuracao = {
            "conteudo": "gata_chelsea", "estilos": ["noite_estrelada"], "peso_conteudo": 1e4,
            "peso_estilo": 1e-2, "peso_tv": 30.0, "lado_maximo": 192, "passos": 80, "otimizador": "lbfgs",
            "preservar_cores_originais": False,
        }
        self._configuracao.update(configuracao)
        self.resultado = resultado

    def configuracao(self):
        return dict(self._configuracao)


def _resultado(conteudo=(0.0, 4e6, 3e6), estilo=(9e7, 2e7, 1.2e7), tv=(1e4, 2e4, 2e4), alfa=1e4, beta=1e-2):
    total = [c + e + t for c, e, t in zip(conteudo, estilo, tv)]
    historico = {"conteudo": list(conteudo), "estilo": list(estilo), "tv": list(tv), "total": total}
    return SimpleNamespace(historico=historico, melhor_passo=total.index(min(total)),
                           configuracao={"peso_conteudo": alfa, "peso_estilo": beta, "peso_tv": 30.0})


# ------------------------------------------------------------------ exercício 1
def test_ex1_aceita_a_configuracao_pedida(capsys):
    app = EstudioFalso(**{**licao06.ALVO_EXERCICIO_1, "estilos": ["composicao_vii", "o_grito"]})
    assert licao06.verificar_exercicio_1.avaliar(app) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize(
    "mudanca, trecho",
    [({"passos": 49}, "número de passos"), ({"estilos": ["o_grito"]}, "pinturas"),
     ({"otimizador": "lbfgs"}, "otimizador"), ({"peso_tv": 30.0}, "variação total"),
     ({"preservar_cores_originais": False}, "preservar")],
)
def test_ex1_aponta_o_que_falta(capsys, mudanca, trecho):
    app = EstudioFalso(**{**licao06.ALVO_EXERCICIO_1, **mudanca})
    assert licao06.verificar_exercicio_1.avaliar(app) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and trecho in saida


def test_ex1_nunca_levanta(capsys):
    assert licao06.verificar_exercicio_1.avaliar(None) is False
    assert "Preencha" in capsys.readouterr().out
    assert licao06.verificar_exercicio_1.avaliar("estúdio") is False
    assert "❌" in capsys.readouterr().out


def test_ex1_estudio_intocado_e_neutro(capsys):
    # a configuração inicial não tem nada do pedido: ainda não respondido, sem ❌
    assert licao06.verificar_exercicio_1.avaliar(EstudioFalso()) is False
    saida = capsys.readouterr().out
    assert "✍️" in saida and "Ajuste os controles" in saida and "❌" not in saida
    assert licao06.verificar_exercicio_1.avaliar(EstudioFalso(passos=50)) is False  # um acerto: já é resposta
    assert "❌" in capsys.readouterr().out


# ------------------------------------------------------------------ exercício 2
def test_ex2_aceita_a_fracao_do_estilo(capsys):
    app = EstudioFalso(_resultado())
    h, i = app.resultado.historico, app.resultado.melhor_passo
    assert licao06.verificar_exercicio_2.avaliar(app, h["estilo"][i] / h["total"][i]) is True
    assert "✅" in capsys.readouterr().out


def test_ex2_recusa_respostas_erradas(capsys):
    app = EstudioFalso(_resultado())
    h, i = app.resultado.historico, app.resultado.melhor_passo
    fracao = h["estilo"][i] / h["total"][i]
    assert licao06.verificar_exercicio_2.avaliar(app, 1 - fracao) is False
    assert "complemento" in capsys.readouterr().out
    assert licao06.verificar_exercicio_2.avaliar(app, h["estilo"][0] / h["total"][0]) is False  # passo errado
    assert licao06.verificar_exercicio_2.avaliar(app, h["estilo"][i] / h["conteudo"][i]) is False  # não é fração
    assert licao06.verificar_exercicio_2.avaliar(app, "0.8") is False
    assert licao06.verificar_exercicio_2.avaliar(app, None) is False
    assert licao06.verificar_exercicio_2.avaliar(EstudioFalso(), 0.5) is False  # sem resultado
    assert "rode as células" in capsys.readouterr().out


# ------------------------------------------------------------------ exercício 3
def test_ex3_aceita_pesos_em_que_o_estilo_domina(capsys):
    r = _resultado()  # no melhor passo: conteúdo ponderado 3e6, estilo ponderado 1.2e7 (4 vezes)
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=1e-2 * 2.5)) is True  # 10 vezes
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_conteudo=1e3)) is True  # α dez vezes menor
    assert "✅" in capsys.readouterr().out


def test_ex3_recusa_pesos_em_que_o_estilo_nao_domina(capsys):
    r = _resultado()
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r)) is False  # os pesos da demonstração: só 4 vezes
    assert "Mude os pesos" in capsys.readouterr().out  # pesos ainda não mexidos: neutro
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=1e-2 * 2.4)) is False  # 9,6 vezes
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_conteudo=1e5)) is False  # o contrário
    assert "Aumente β" in capsys.readouterr().out
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_conteudo=0.0)) is False


def test_ex3_usa_os_termos_brutos_da_execucao(capsys):
    # mesma história ponderada, mas medida com β = 1: o estilo bruto é 100 vezes menor
    r = _resultado(beta=1.0)
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=1e-2 * 2.5)) is False
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=2.5)) is True


def test_ex3_nunca_levanta(capsys):
    assert licao06.verificar_exercicio_3.avaliar(None) is False
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso()) is False
    parado_cedo = _resultado(conteudo=(0.0,), estilo=(9e7,), tv=(1e4,))
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(parado_cedo, peso_estilo=1.0)) is False
    assert "mais passos" in capsys.readouterr().out


def test_ex3_exige_pesos_que_favorecam_o_estilo_mais_que_antes(capsys):
    # execução curta: o estilo ponderado já vale 40 vezes o conteúdo com os pesos usados
    r = _resultado(conteudo=(0.0, 3e5), estilo=(9e7, 1.2e7), tv=(1e4, 1e4))
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r)) is False
    saida = capsys.readouterr().out
    assert "✍️" in saida and "❌" not in saida  # os mesmos pesos: ainda não respondido
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=5e-3)) is False
    assert "já era" in capsys.readouterr().out
    assert licao06.verificar_exercicio_3.avaliar(EstudioFalso(r, peso_estilo=2e-2)) is True
