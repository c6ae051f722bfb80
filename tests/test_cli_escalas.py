"""Do grosso ao fino na linha de comando (--escalas, --sem-escalas) e o gancho ``transferir(..., escalas=...)``.

Imagens pequenas (96 px, escalas 48 e 96) e poucos passos.
"""

import pytest
import tensorflow as tf

from estilo.cli import transferir as cli_transferir, transferir_opcoes
from estilo.gatys import escalas, mascaras, transferencia
from estilo.gatys.transferencia import transferir
from estilo.nucleo import dados, imagens
from apoio import rodar as _rodar

LADO = 96


@pytest.fixture(scope="module")
def foto():
    return dados.carregar("cafe", lado_maximo=LADO)  # 96 × 64


@pytest.fixture(scope="module")
def pintura():
    return dados.carregar("noite_estrelada", lado_maximo=LADO)


@pytest.fixture
def espiao(monkeypatch):
    """Guarda os argumentos de cada chamada de ``transferir`` (que roda de verdade)."""
    chamadas = []
    original = transferencia.transferir
    monkeypatch.setattr(transferencia, "transferir", lambda *a, **k: chamadas.append(k) or original(*a, **k))
    return chamadas


# ---------------------------------------------------------------------------
# O gancho em transferir
# ---------------------------------------------------------------------------


def test_transferir_com_escalas_delega_e_registra(foto, pintura, extrator):
    r = transferir(foto, pintura, escalas=[48, 96], lado_maximo=LADO, passos=4, extrator=extrator)
    assert r.imagem.shape == foto.shape and r.passos == 8  # 4 em cada (o mínimo por escala passa da metade)
    assert r.configuracao["escalas"] == [48, 96] and r.configuracao["passos_por_escala"] == [4, 4]
    assert r.historico["escala"] == [1] * 4 + [2] * 4
    direto = transferir(foto, pintura, lado_maximo=LADO, passos=2, extrator=extrator)  # 96 px: automático = direto
    assert "escalas" not in direto.configuracao and direto.passos == 2


def test_automatico_segue_a_regra_de_escalas_e_false_desliga(foto, pintura, extrator, monkeypatch):
    monkeypatch.setattr(escalas, "LADO_AUTOMATICO", 64)  # a regra de planejar_escalas, com números pequenos
    monkeypatch.setattr(escalas, "LADO_GROSSO_MINIMO", 40)
    r = transferir(foto, pintura, lado_maximo=LADO, passos=2, extrator=extrator)
    assert r.configuracao["escalas"] == [48, 96] and r.imagem.shape == foto.shape
    assert "escalas" not in transferir(foto, pintura, escalas=False, lado_maximo=LADO, passos=1,
                                      extrator=extrator).configuracao
    metades = mascaras.automaticas("esquerda_direita", foto, 2)
    r = transferir(foto, [pintura, pintura], mascaras=metades, lado_maximo=LADO, passos=2, extrator=extrator)
    assert r.configuracao["mascaras"] == 2 and r.configuracao["escalas"] == [48, 96]  # máscaras em cada escala


# ---------------------------------------------------------------------------
# A linha de comando
# ---------------------------------------------------------------------------


def test_escalas_na_linha_de_comando(capsys, tmp_path, espiao):
    saida = tmp_path / "s.png"
    codigo, out, err = _rodar(capsys, "cafe", "noite_estrelada", "-o", saida, "--lado", LADO, "--escalas", 48, 96,
                              "--passos", 4, "--imprimir-cada", 1)
    assert codigo == 0, err
    assert espiao[-1]["escalas"] == [48, 96]
    assert imagens.carregar(saida, lado_minimo=None).shape == (1, 64, 96, 3)  # o tamanho final
    assert "Otimizando 96×64 px do grosso ao fino, em 2 escalas (48, 96 px): 4 + 4 passos de LBFGS" in out
    assert "Escalas: 48 px (4 passos) → 96 px (4 passos)" in out
    # a barra (sem terminal: linhas) conta os passos de todas as escalas e diz a escala de cada um
    linhas = [linha.split(" · passo ")[0:2] for linha in err.splitlines() if " · passo " in linha]
    vistos = [(escala, resto.split()[0]) for escala, resto in linhas]
    assert vistos == [("escala 1/2 (48 px)", f"{p}/8") for p in range(1, 5)] + [
        ("escala 2/2 (96 px)", f"{p}/8") for p in range(5, 9)]


def test_barra_das_escalas_pesa_cada_passo_pelos_pixels():
    """256 → 512 → 1024 px com 8 + 4 + 2 passos: um passo de 1024 px vale 16 de 256 px (trabalho 0,5 + 1 + 2)."""
    import io

    fluxo = io.StringIO()
    barra = cli_transferir.BarraEscalas([8, 4, 2], [256, 512, 1024], fluxo=fluxo, terminal=False, cada=1)

    def passo(escala, no_passo, geral, segundos):
        barra(escalas.ProgressoEscala(no_passo, [8, 4, 2][escala - 1], {"total": 1.0}, segundos, 1.0, escala=escala,
                                      total_escalas=3, lado=[256, 512, 1024][escala - 1], passo_geral=geral,
                                      total_geral=14))
        return fluxo.getvalue().splitlines()[-1]

    assert barra.trabalho == pytest.approx(8 / 16 + 4 / 4 + 2)
    fim_da_primeira = passo(1, 8, 8, 0.0)
    assert fim_da_primeira.startswith("escala 1/3 (256 px) · passo 8/14 ·  14% [")  # 8 de 14 passos, 1/7 do trabalho
    assert passo(2, 4, 12, 0.0).startswith("escala 2/3 (512 px) · passo 12/14 ·  43% [")
    # o tempo que falta: a escala final (2 de 3,5 unidades de trabalho) ainda vem pela frente
    linha = barra.linha(12, {"total": 1.0}, 30.0)
    assert "[00:30<00:40, custo 1" in linha  # 1,5 unidades em 30 s → 2 unidades em 40 s (contando passos: 5 s)


def test_ctrl_c_entre_escalas_salva_no_tamanho_final(capsys, tmp_path, monkeypatch):
    original, chamadas = escalas.Objetivo, []

    def interromper_na_segunda(*a, **kw):
        chamadas.append(1)
        if len(chamadas) == 2:
            raise KeyboardInterrupt
        return original(*a, **kw)

    monkeypatch.setattr(escalas, "Objetivo", interromper_na_segunda)
    saida = tmp_path / "s.png"
    codigo, out, err = _rodar(capsys, "cafe", "noite_estrelada", "-o", saida, "--lado", LADO, "--escalas", 48,
                              "--passos", 4)
    assert codigo == 130 and len(chamadas) == 2
    assert "interrompido no passo 4" in err and f"salva em '{saida}'" in err and "Traceback" not in err
    salva = imagens.carregar(saida, lado_minimo=None)
    foto = dados.carregar("cafe", lado_maximo=LADO)
    assert salva.shape == foto.shape  # a imagem da 1ª escala, ampliada ao tamanho final
    assert float(tf.reduce_mean(tf.abs(salva - foto))) > 0.01  # e não a foto
    assert "Escalas: 48 px (4 passos)" in out


def test_plano_da_linha_de_comando_segue_transferir():
    grande = tf.zeros((1, 576, 1024, 3))
    assert cli_transferir._plano_escalas(None, grande, 300) == ([256, 512, 1024], [300, 150, 75])
    assert cli_transferir._plano_escalas(False, grande, 300) == ([1024], [300])
    assert cli_transferir._plano_escalas([512], grande, 100) == ([512, 1024], [100, 50])


@pytest.mark.parametrize("opcoes, esperado", [
    ([], None), (["--sem-escalas"], False), (["--escalas", "256", "128"], [256, 128]),
])
def test_opcoes_de_escalas(opcoes, esperado):
    args = transferir_opcoes.construir_parser().parse_intermixed_args(["f.jpg", "p.jpg", "-o", "s.png", *opcoes])
    assert transferir_opcoes.opcoes(args).valores["escalas"] == esperado


@pytest.mark.parametrize("opcoes, trecho", [
    (["--escalas", "128"], "--escalas: 128 px passa do lado final (--lado 96)"),
    (["--escalas", "48", "--sem-escalas"], "não pode ser usado junto com --escalas"),
    (["--escalas", "16"], "--escalas"),
])
def test_escalas_erradas_codigo_2(capsys, tmp_path, opcoes, trecho):
    codigo, out, err = _rodar(capsys, "cafe", "noite_estrelada", "-o", tmp_path / "s.png", "--lado", LADO, *opcoes)
    assert codigo == 2 and trecho in err and "Traceback" not in err
    assert not (tmp_path / "s.png").exists()
