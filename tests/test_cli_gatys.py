"""O comando de Gatys além do básico: retomar com --inicio, várias fotos, --historico, --imprimir-cada,
pesos por camada, lbfgs_adam e erros inesperados (um defeito vira mensagem e relatório).

Tudo no mesmo processo (``principal([...])``), em imagens pequenas e poucos passos.
"""

import csv

import pytest

from estilo.cli import progresso
from estilo.gatys import transferencia
from estilo.nucleo import imagens
from estilo.nucleo.formatar import formatar
from apoio import precisa_espelho, rodar as _rodar, imagem_aleatoria as _imagem


def _historico(caminho):
    with open(caminho, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def espiao(monkeypatch):
    """Guarda os argumentos de cada chamada de ``transferir`` (que roda de verdade)."""
    chamadas = []
    original = transferencia.transferir

    def espiar(*args, **kwargs):
        chamadas.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(transferencia, "transferir", espiar)
    return chamadas


# ---------------------------------------------------------------------------
# Retomar: --inicio IMAGEM e a mensagem do Ctrl-C
# ---------------------------------------------------------------------------


@precisa_espelho
def test_inicio_numa_imagem_continua_de_onde_parou(capsys, tmp_path, espiao):
    """O critério da issue 16: 5 passos e depois mais 5 partindo de a.png terminam com perda menor."""
    comum = ["cafe", "noite_estrelada", "--lado", 64, "--passos", 5]
    codigo, _, err = _rodar(capsys, *comum, "-o", tmp_path / "a.png", "--historico", tmp_path / "a.csv")
    assert codigo == 0, err
    codigo, out, err = _rodar(capsys, *comum, "-o", tmp_path / "b.png", "--historico", tmp_path / "b.csv",
                              "--inicio", tmp_path / "a.png")
    assert codigo == 0, err
    primeira = [float(linha["total"]) for linha in _historico(tmp_path / "a.csv")]
    segunda = [float(linha["total"]) for linha in _historico(tmp_path / "b.csv")]
    assert min(segunda) < min(primeira)
    assert segunda[0] < 0.5 * primeira[0]  # já começa perto de onde a primeira parou
    assert espiao[-1]["inicio"] == tmp_path / "a.png"
    assert f"Início: {tmp_path / 'a.png'} (no tamanho da foto, 64×43 px)" in out


def test_inicio_com_imagem_de_outro_tamanho(capsys, tmp_path, espiao):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    inicio = _imagem(tmp_path / "inicio.png", 96, 64, semente=2)  # outra proporção, outro tamanho
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--lado", 48, "--passos", 1,
                              "--inicio", inicio)
    assert codigo == 0, err
    assert espiao[-1]["inicio"] == inicio and f"Início: {inicio} (no tamanho da foto, 48×40 px)" in out
    assert imagens.carregar(tmp_path / "s.png", lado_minimo=None).shape == (1, 40, 48, 3)  # o tamanho da foto


def test_inicio_que_nao_existe_e_erro_claro(capsys, tmp_path):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--inicio", tmp_path / "nada.png")
    assert codigo == 1 and "nada.png" in err and "--inicio" in err and "Traceback" not in err
    assert out == "" and not (tmp_path / "s.png").exists()


# ---------------------------------------------------------------------------
# Várias fotos: pasta de entrada, -o PASTA/, puladas, resumo
# ---------------------------------------------------------------------------


def test_pasta_com_tres_fotos_da_tres_saidas_e_um_resumo(capsys, tmp_path):
    fotos = tmp_path / "fotos"
    fotos.mkdir()
    for i, nome in enumerate(("a.png", "b.jpg", "c.png")):
        _imagem(fotos / nome, 48, 40 + 4 * i, semente=i)
    pintura = _imagem(tmp_path / "pintura.png", semente=9)
    saida = tmp_path / "pintadas"
    comum = [fotos, pintura, "-o", f"{saida}/", "--lado", 48, "--passos", 2]
    codigo, out, err = _rodar(capsys, *comum, "--historico", tmp_path / "h.csv")
    assert codigo == 0, err
    assert sorted(p.name for p in saida.iterdir()) == ["a.png", "b.png", "c.png"]
    assert imagens.carregar(saida / "c.png", lado_minimo=None).shape == (1, 48, 48, 3)
    assert [linha.split(" → ")[0] for linha in out.splitlines() if " → " in linha] == [
        f"[{i}/3] {fotos / n}" for i, n in ((1, "a.png"), (2, "b.jpg"), (3, "c.png"))]
    assert "Pronto: 3 de 3 imagem(ns) feita(s)." in out
    linhas = _historico(tmp_path / "h.csv")
    assert [(linha["foto"], linha["passo"]) for linha in linhas] == [
        (str(fotos / n), p) for n in ("a.png", "b.jpg", "c.png") for p in ("1", "2")]

    # de novo, com uma foto nova e uma ruim: as prontas são puladas, a ruim entra no resumo e no código
    _imagem(fotos / "d.png", semente=4)
    (fotos / "ruim.png").write_bytes(b"isto nao e png")
    codigo, out, err = _rodar(capsys, *comum)
    assert codigo == 1
    assert out.count("já existe, pulei") == 3 and f"[4/5] {fotos / 'd.png'} →" in out
    assert "estilo: erro: 1 de 5 imagem(ns) feita(s); 3 pulada(s)" in err and "1 com erro" in err
    assert "ruim.png" in err and "Traceback" not in err
    assert sorted(p.name for p in saida.iterdir()) == ["a.png", "b.png", "c.png", "d.png"]


def test_ctrl_c_no_lote_para_e_a_parcial_nao_passa_por_pronta(capsys, tmp_path, monkeypatch):
    a, b = _imagem(tmp_path / "a.png"), _imagem(tmp_path / "b.png", semente=1)
    pintura = _imagem(tmp_path / "pintura.png", semente=2)
    saida = tmp_path / "saidas"
    original = progresso.Barra.atualizar

    def ctrl_c_no_passo_2(self, passo, perdas, segundos):
        original(self, passo, perdas, segundos)
        if passo == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(progresso.Barra, "atualizar", ctrl_c_no_passo_2)
    comum = [a, b, pintura, "-o", f"{saida}/", "--lado", 48, "--passos", 3]
    codigo, _, err = _rodar(capsys, *comum)
    assert codigo == 130 and "parei na foto 1 de 2" in err and "Traceback" not in err
    assert sorted(p.name for p in saida.iterdir()) == ["a_interrompida.png"]
    monkeypatch.setattr(progresso.Barra, "atualizar", original)
    codigo, out, err = _rodar(capsys, *comum)
    assert codigo == 0, err
    assert "Pronto: 2 de 2 imagem(ns) feita(s)." in out
    assert {"a.png", "b.png"} <= {p.name for p in saida.iterdir()}


def test_varias_fotos_soltas_e_pintura_por_ultimo(capsys, tmp_path, espiao):
    a, b = _imagem(tmp_path / "a.png"), _imagem(tmp_path / "b.png", semente=1)
    pintura = _imagem(tmp_path / "pintura.png", semente=2)
    saida = tmp_path / "saidas"
    saida.mkdir()  # uma pasta que já existe também vale, sem a barra no fim
    codigo, out, err = _rodar(capsys, a, b, pintura, "-o", saida, "--lado", 48, "--passos", 1)
    assert codigo == 0, err
    assert sorted(p.name for p in saida.iterdir()) == ["a.png", "b.png"]
    assert len(espiao) == 2  # a pintura (a última) não virou foto


def test_pasta_como_foto_com_saida_arquivo_explica_a_sintaxe(capsys, tmp_path):
    (tmp_path / "fotos").mkdir()
    pintura = _imagem(tmp_path / "pintura.png")
    codigo, _, err = _rodar(capsys, tmp_path / "fotos", pintura, "-o", tmp_path / "s.png")
    assert codigo == 1 and "é uma pasta" in err and "-o PASTA/" in err


# ---------------------------------------------------------------------------
# --historico e --imprimir-cada
# ---------------------------------------------------------------------------


def test_historico_tem_uma_linha_por_passo_e_imprimir_cada(capsys, tmp_path):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    historico = tmp_path / "perdas" / "h.csv"
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--lado", 48, "--passos", 4,
                              "--historico", historico, "--imprimir-cada", 2)
    assert codigo == 0, err
    linhas = _historico(historico)
    assert list(linhas[0]) == ["passo", "total", "conteudo", "estilo", "tv", "segundos"]
    assert [int(linha["passo"]) for linha in linhas] == [1, 2, 3, 4]
    for linha in linhas:
        soma = float(linha["conteudo"]) + float(linha["estilo"]) + float(linha["tv"])
        assert float(linha["total"]) == pytest.approx(soma, rel=1e-4)
    segundos = [float(linha["segundos"]) for linha in linhas]
    assert segundos == sorted(segundos) and segundos[0] > 0
    melhor = min(float(linha["total"]) for linha in linhas)
    assert f"total {formatar(melhor)}" in out  # o mesmo número do resumo
    assert [linha.split()[1] for linha in err.splitlines() if linha.startswith("passo ")] == ["2/4", "4/4"]


def test_historico_que_ja_existe_nao_e_sobrescrito(capsys, tmp_path):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    (tmp_path / "h.csv").write_text("meu")
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--historico", tmp_path / "h.csv")
    assert codigo == 1 and "já existe" in err and (tmp_path / "h.csv").read_text() == "meu"
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--historico", tmp_path / "h.txt")
    assert codigo == 1 and ".csv" in err


# ---------------------------------------------------------------------------
# Pesos por camada e lbfgs_adam
# ---------------------------------------------------------------------------


def test_pesos_por_camada_e_lbfgs_adam_chegam_a_transferir(capsys, tmp_path, espiao):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    comum = [foto, pintura, "--lado", 48, "--passos", 2]
    codigo, _, err = _rodar(capsys, *comum, "-o", tmp_path / "a.png", "--pesos-camadas", 1, 0.5, "0,25", 0.1, 0.05,
                            "--otimizador", "lbfgs_adam")
    assert codigo == 0, err
    codigo, _, err = _rodar(capsys, *comum, "-o", tmp_path / "b.png", "--pesos-camadas", "block1_conv1=1",
                            "block3_conv1=0.5")
    assert codigo == 0, err
    primeira, segunda = espiao
    assert primeira["otimizador"] == "lbfgs_adam"
    assert primeira["pesos_camadas_estilo"] == [1.0, 0.5, 0.25, 0.1, 0.05]
    assert primeira["camadas_estilo"] == ["block1_conv1", "block2_conv1", "block3_conv1", "block4_conv1",
                                          "block5_conv1"]
    assert segunda["camadas_estilo"] == ["block1_conv1", "block3_conv1"]
    assert segunda["pesos_camadas_estilo"] == {"block1_conv1": 1.0, "block3_conv1": 0.5}


@pytest.mark.parametrize("opcoes, trecho", [
    (["--pesos-camadas", "1", "2"], "recebi 2 peso(s) para 5 camadas de estilo"),
    (["--pesos-camadas", "1", "block1_conv1=2"], "só números"),
    (["--pesos-camadas", "block9_conv1=1"], "não tem block9_conv1"),
    (["--pesos-camadas", "block1_conv1=-1"], "o peso de block1_conv1"),
    (["--pesos-camadas", "muito"], "cada peso de camada deve ser um número"),
    (["--camadas-estilo", "block1_conv1", "block2_conv1", "--pesos-camadas", "block1_conv1=1"],
     "falta o peso de block2_conv1"),
    (["--camadas-estilo", "block1_conv1", "--pesos-camadas", "block2_conv1=1", "block1_conv1=1"],
     "block2_conv1 não está em --camadas-estilo"),
])
def test_pesos_por_camada_errados_codigo_2(capsys, tmp_path, opcoes, trecho):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", *opcoes)
    assert codigo == 2 and trecho in err and "Traceback" not in err
    assert not (tmp_path / "s.png").exists()


# ---------------------------------------------------------------------------
# Erro inesperado: um defeito vira mensagem em português e relatório
# ---------------------------------------------------------------------------


def _defeito(*args, **kwargs):
    raise RuntimeError("um defeito qualquer")


def test_defeito_vira_mensagem_e_relatorio(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(transferencia, "transferir", _defeito)
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "pintura.png", semente=1)
    codigo, _, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--lado", 48)
    assert codigo == 1
    assert "Traceback" not in err and "defeito do estilo" in err and "--depurar" in err
    (relatorio,) = (tmp_path / "cache" / "logs").iterdir()
    assert f"'{relatorio}'" in err
    texto = relatorio.read_text(encoding="utf-8")
    assert "Traceback" in texto and "RuntimeError: um defeito qualquer" in texto
    assert "comando: estilo " in texto and str(foto) in texto and "TensorFlow " in texto
    assert not (tmp_path / "s.png.lock").exists()

    codigo, _, err = _rodar(capsys, foto, pintura, "-o", tmp_path / "s.png", "--lado", 48, "--depurar")
    assert codigo == 1 and "Traceback" in err and "RuntimeError: um defeito qualquer" in err
    assert "defeito do estilo" in err
