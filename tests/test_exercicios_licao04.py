"""As verificações da lição 04 aceitam respostas certas e recusam as erradas, sem exceções."""

import pytest

from estilo.curso.exercicios import licao04


def _menor_razao():
    configs = licao04.CONFIGURACOES_EXERCICIO_1
    return min(configs, key=lambda k: configs[k]["peso_conteudo"] / configs[k]["peso_estilo"])


def test_exercicio_1_aceita_a_menor_razao(capsys):
    assert licao04.verificar_exercicio_1.avaliar(_menor_razao()) is True
    assert licao04.verificar_exercicio_1.avaliar(_menor_razao().lower()) is True
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("resposta", ["A", "C", "D", "Z", 3])
def test_exercicio_1_recusa_as_outras(resposta, capsys):
    if resposta == _menor_razao():
        pytest.skip("é a resposta certa")
    assert licao04.verificar_exercicio_1.avaliar(resposta) is False
    assert "❌" in capsys.readouterr().out


def test_exercicio_1_dica_para_beta_grande_com_mesma_razao(capsys):
    # C aumenta β, mas também α: mesma razão de A; a mensagem deve falar da razão.
    assert licao04.verificar_exercicio_1.avaliar("C") is False
    assert "razão" in capsys.readouterr().out


@pytest.mark.parametrize("resposta", [None, "", "  "])
def test_exercicio_1_pendente(resposta, capsys):
    assert licao04.verificar_exercicio_1.avaliar(resposta) is False
    saida = capsys.readouterr().out
    assert "Preencha" in saida and "❌" not in saida


def _total_e_dominante():
    d = licao04.DADOS_EXERCICIO_2
    termos = {"conteudo": d["alfa"] * d["L_conteudo"], "estilo": d["beta"] * d["L_estilo"], "tv": d["gama"] * d["TV"]}
    return sum(termos.values()), max(termos, key=termos.get)


def test_exercicio_2_aceita_o_total_ponderado(capsys):
    total, dominante = _total_e_dominante()
    assert licao04.verificar_exercicio_2.avaliar(total, dominante) is True
    assert licao04.verificar_exercicio_2.avaliar(total * (1 + 1e-5), dominante.upper()) is True
    assert "✅" in capsys.readouterr().out


def test_exercicio_2_diagnostica_erros_comuns(capsys):
    d = licao04.DADOS_EXERCICIO_2
    total, dominante = _total_e_dominante()
    assert licao04.verificar_exercicio_2.avaliar(d["L_conteudo"] + d["L_estilo"] + d["TV"], dominante) is False
    assert "sem os pesos" in capsys.readouterr().out
    assert licao04.verificar_exercicio_2.avaliar(total - d["gama"] * d["TV"], dominante) is False
    assert "variação total" in capsys.readouterr().out
    assert licao04.verificar_exercicio_2.avaliar(total * 1.1, dominante) is False
    assert licao04.verificar_exercicio_2.avaliar("muito", dominante) is False


def test_exercicio_2_recusa_termo_dominante_errado(capsys):
    total, dominante = _total_e_dominante()
    for outro in {"conteudo", "estilo", "tv"} - {dominante}:
        assert licao04.verificar_exercicio_2.avaliar(total, outro) is False
    assert licao04.verificar_exercicio_2.avaliar(total, "cor") is False
    assert licao04.verificar_exercicio_2.avaliar(None, dominante) is False
    assert licao04.verificar_exercicio_2.avaliar(total, None) is False


def _historicos():
    # 'rapido' chega mais baixo dentro do tempo comum; 'lento' só passa à frente depois do limite.
    return {
        "lbfgs": {"total": [100.0, 40.0, 10.0, 5.0], "segundos": [1.0, 2.0, 3.0, 4.0]},
        "adam": {"total": [100.0, 80.0, 60.0, 50.0, 1.0], "segundos": [1.0, 2.0, 3.0, 4.0, 9.0]},
    }


def test_exercicio_3_usa_os_dados_medidos_no_mesmo_tempo(capsys):
    h = _historicos()
    assert licao04.verificar_exercicio_3.avaliar("L-BFGS", h) is True
    assert licao04.verificar_exercicio_3.avaliar("adam", h) is False
    # Com outros dados, a resposta certa muda: nada está fixo no código.
    h["adam"]["total"][2] = 2.0
    assert licao04.verificar_exercicio_3.avaliar("adam", h) is True
    assert licao04.verificar_exercicio_3.avaliar("lbfgs", h) is False


def test_exercicio_3_respostas_invalidas_nao_levantam(capsys):
    h = _historicos()
    assert licao04.verificar_exercicio_3.avaliar(None, h) is False
    assert licao04.verificar_exercicio_3.avaliar("sgd", h) is False
    assert licao04.verificar_exercicio_3.avaliar("adam", None) is False
    assert licao04.verificar_exercicio_3.avaliar("adam", {"adam": {}}) is False
