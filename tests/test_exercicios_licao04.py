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


# ------------------------------------------------------------------ exercício 4: o laço do aluno
def _laco(recortar=True, sinal=1.0, taxa_fixa=None, historico_curto=False):
    """Um laço de Adam como o do aluno, com defeitos opcionais."""
    import keras
    import tensorflow as tf

    def meu_laco(custo, imagem_inicial, passos, taxa):
        imagem = tf.Variable(imagem_inicial)
        otimizador = keras.optimizers.Adam(learning_rate=taxa_fixa or taxa)
        historico = []
        for _ in range(passos):
            with tf.GradientTape() as fita:
                total = custo(imagem)
            otimizador.apply_gradients([(sinal * fita.gradient(total, imagem), imagem)])
            if recortar:
                imagem.assign(tf.clip_by_value(imagem, 0.0, 1.0))
            historico.append(float(total))
        return imagem, historico[:-1] if historico_curto else historico

    return meu_laco


def test_exercicio_4_aceita_o_laco_com_adam_e_recorte(capsys):
    assert licao04.verificar_exercicio_4.avaliar(_laco()) is True
    saida = capsys.readouterr().out
    assert "✅" in saida and "[0, 1]" in saida


def test_exercicio_4_o_problema_sai_de_0_1_sem_recorte():
    # O alvo de pixels passa de [0, 1]: é isso que faz o laço sem recorte falhar.
    import numpy as np

    imagem, _ = _laco(recortar=False)(*licao04.problema_exercicio_4(), licao04.PASSOS_EXERCICIO_4,
                                     licao04.TAXA_EXERCICIO_4)
    assert np.asarray(imagem).max() > 1.0 or np.asarray(imagem).min() < 0.0


def test_exercicio_4_recusa_o_laco_sem_recorte(capsys):
    assert licao04.verificar_exercicio_4.avaliar(_laco(recortar=False)) is False
    saida = capsys.readouterr().out
    assert "❌" in saida and "clip_by_value" in saida


def test_exercicio_4_recusa_o_laco_que_sobe(capsys):
    assert licao04.verificar_exercicio_4.avaliar(_laco(sinal=-1.0)) is False
    assert "não caiu" in capsys.readouterr().out


def test_exercicio_4_recusa_o_laco_que_quase_nao_desce(capsys):
    assert licao04.verificar_exercicio_4.avaliar(_laco(taxa_fixa=1e-4)) is False
    assert "caiu pouco" in capsys.readouterr().out


def test_exercicio_4_recusa_saidas_malformadas(capsys):
    assert licao04.verificar_exercicio_4.avaliar(_laco(historico_curto=True)) is False
    assert "histórico" in capsys.readouterr().out
    assert licao04.verificar_exercicio_4.avaliar(lambda custo, imagem, passos, taxa: imagem) is False
    assert "return imagem, historico" in capsys.readouterr().out
    assert licao04.verificar_exercicio_4.avaliar(lambda *args: 1 / 0) is False
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert licao04.verificar_exercicio_4.avaliar("meu_laco") is False


def test_exercicio_4_pendente_e_neutro(capsys):
    assert licao04.verificar_exercicio_4(None) is None
    saida = capsys.readouterr().out
    assert "✍️" in saida and "❌" not in saida
