"""O gabarito (estilo.curso.solucoes): cada solução passa na verificação do próprio exercício."""

import importlib
from types import SimpleNamespace

import pytest

LICOES = [f"licao0{n}" for n in range(9)]


def _modulos(licao):
    return (importlib.import_module(f"estilo.curso.exercicios.{licao}"),
            importlib.import_module(f"estilo.curso.solucoes.{licao}"))


@pytest.mark.parametrize("licao", LICOES)
def test_todo_exercicio_tem_solucao(licao):
    exercicios, solucoes = _modulos(licao)
    numeros = {n.rsplit("_", 1)[1] for n in vars(exercicios) if n.startswith("verificar_exercicio_")}
    assert numeros
    faltando = sorted(n for n in numeros if not callable(getattr(solucoes, f"exercicio_{n}", None)))
    assert not faltando, f"{licao}: sem solução para os exercícios {faltando}"
    for n in numeros:
        assert getattr(solucoes, f"exercicio_{n}").__doc__, f"{licao}.exercicio_{n} sem explicação"


SEM_CONTEXTO = [  # (lição, exercício): a solução é o argumento único da verificação
    ("licao00", 1), ("licao00", 2),
    ("licao01", 1), ("licao01", 2), ("licao01", 3), ("licao01", 4),
    ("licao02", 1), ("licao02", 2), ("licao02", 3),
    ("licao03", 1), ("licao03", 2), ("licao03", 3),
    ("licao04", 1), ("licao04", 4),
    ("licao05", 1), ("licao05", 2), ("licao05", 3),
    ("licao07", 1), ("licao07", 2), ("licao07", 3),
    ("licao08", 1), ("licao08", 2),
]


@pytest.mark.parametrize("licao, n", SEM_CONTEXTO, ids=[f"{lic}-{n}" for lic, n in SEM_CONTEXTO])
def test_solucao_passa_na_verificacao(licao, n, capsys):
    exercicios, solucoes = _modulos(licao)
    verificar = getattr(exercicios, f"verificar_exercicio_{n}")
    resposta = getattr(solucoes, f"exercicio_{n}")()
    assert verificar.avaliar(resposta) is True
    assert verificar(resposta) is None  # no caderno: só o ✅ impresso
    assert capsys.readouterr().out.count("✅") == 2


def test_valores_do_gabarito():
    """Os números que as docstrings anunciam (a conta foi feita de outro jeito na solução)."""
    from estilo.curso.solucoes import licao01, licao02, licao03, licao04, licao07

    assert licao01.exercicio_1() == 116 and licao01.exercicio_2() == (1, 37, 50, 512)
    assert licao01.exercicio_4() == 4864 and licao02.exercicio_2() == pytest.approx(7.62939e-6)
    assert licao03.exercicio_3() == (65536, False)
    assert licao04.exercicio_1() == "B" and licao04.exercicio_2() == (65000.0, "conteudo")
    assert licao07.exercicio_1() == 1_679_235


def test_licao04_exercicio_2_recebe_total_e_dominante(capsys):
    from estilo.curso.exercicios import licao04
    from estilo.curso.solucoes import licao04 as solucao

    assert licao04.verificar_exercicio_2.avaliar(*solucao.exercicio_2()) is True


@pytest.mark.parametrize("adam_no_meio, vencedor", [(60.0, "lbfgs"), (2.0, "adam")])
def test_licao04_exercicio_3_le_os_historicos_medidos(adam_no_meio, vencedor, capsys):
    from estilo.curso.exercicios import licao04
    from estilo.curso.solucoes import licao04 as solucao

    historicos = {  # o adam só passa à frente depois do fim do lbfgs, a não ser no 2º cenário
        "lbfgs": {"total": [100.0, 40.0, 10.0, 5.0], "segundos": [1.0, 2.0, 3.0, 4.0]},
        "adam": {"total": [100.0, 80.0, adam_no_meio, 50.0, 1.0], "segundos": [1.0, 2.0, 3.0, 4.0, 9.0]},
    }
    resposta = solucao.exercicio_3(historicos)
    assert resposta == vencedor
    assert licao04.verificar_exercicio_3.avaliar(resposta, historicos) is True


# ------------------------------------------------------------------ lição 06: o estúdio de verdade
@pytest.fixture
def app():
    from estilo.curso import estudio

    return estudio.Estudio("gata_chelsea", ["noite_estrelada"], lado_maximo=64, passos=4)


def _ultima_execucao(app, conteudo, estilo, alfa, beta):
    """Simula a última execução do estúdio (só o que as verificações leem do Resultado)."""
    historico = {"conteudo": [0.0, conteudo], "estilo": [9e7, estilo], "tv": [1e3, 1e3]}
    historico["total"] = [sum(v) for v in zip(*historico.values())]
    app.resultado = SimpleNamespace(historico=historico, melhor_passo=1,
                                    configuracao={"peso_conteudo": alfa, "peso_estilo": beta})


def test_licao06_exercicio_1_configura_o_estudio(app, capsys):
    from estilo.curso.exercicios import licao06
    from estilo.curso.solucoes import licao06 as solucao

    assert licao06.verificar_exercicio_1.avaliar(app) is False
    assert licao06.verificar_exercicio_1.avaliar(solucao.exercicio_1(app)) is True


def test_licao06_exercicio_2_fracao_do_estilo(app, capsys):
    from estilo.curso.exercicios import licao06
    from estilo.curso.solucoes import licao06 as solucao

    _ultima_execucao(app, conteudo=3e6, estilo=1.2e7, alfa=1e4, beta=1.0)
    assert solucao.exercicio_2(app) == pytest.approx(1.2e7 / (3e6 + 1.2e7 + 1e3))
    assert licao06.verificar_exercicio_2.avaliar(app, solucao.exercicio_2(app)) is True


@pytest.mark.parametrize("conteudo, estilo", [(3e6, 1.2e7), (3e5, 1.2e7), (1e7, 1e3)])
def test_licao06_exercicio_3_faz_o_estilo_dominar(app, conteudo, estilo, capsys):
    from estilo.curso.exercicios import licao06
    from estilo.curso.solucoes import licao06 as solucao

    alfa, beta = app.configuracao()["peso_conteudo"], app.configuracao()["peso_estilo"]
    _ultima_execucao(app, conteudo=conteudo, estilo=estilo, alfa=alfa, beta=beta)
    assert licao06.verificar_exercicio_3.avaliar(app) is False  # pesos ainda não mexidos
    assert licao06.verificar_exercicio_3.avaliar(solucao.exercicio_3(app)) is True
