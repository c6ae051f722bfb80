"""`estilo treinar` e `estilo estilizar` pela linha de comando: sucesso, retomada, pastas e erros."""

import numpy as np
import pytest
from PIL import Image

from estilo.cli import progresso, sessao as cli, treinar as cli_treinar
from estilo.rapida import rede as rede_rapida, treino as treino_rapido
from estilo.__main__ import principal

RAPIDO = ["--lado", "32", "--passos", "3", "--lote", "1", "--filtros", "4", "--blocos", "1", "--checkpoint-cada", "2"]


def _foto(caminho, largura=70, altura=50, semente=0):
    arr = np.random.default_rng(semente).integers(0, 255, (altura, largura, 3), dtype=np.uint8)
    Image.fromarray(arr).save(caminho)
    return caminho


@pytest.fixture
def fotos(tmp_path):
    pasta = tmp_path / "fotos"
    pasta.mkdir()
    _foto(pasta / "a.jpg", semente=1)
    _foto(pasta / "b.png", 40, 64, semente=2)
    return pasta


@pytest.fixture
def rede(tmp_path, fotos):
    saida = tmp_path / "noite.keras"
    assert principal(["treinar", "noite_estrelada", "-o", str(saida), "--fotos", str(fotos), "--sem-catalogo",
                      "--escala-estilo", "2", "--silencioso", *RAPIDO]) == cli.OK
    return saida


def test_padroes_da_cli_sao_os_de_treinar():
    assert cli_treinar.PADROES == treino_rapido.PADROES


def test_treinar_salva_rede_com_informacao(rede, capsys):
    info = rede_rapida.info_rede(rede)
    assert info["estilos"] == ["noite_estrelada"] and info["passos_treinados"] == 3 and info["fotos"] == 2
    assert not rede.with_name("noite.keras.lock").exists()
    assert principal(["treinar", "noite_estrelada", "-o", str(rede), *RAPIDO]) == cli.ERRO
    assert "já existe" in capsys.readouterr().err


def test_treino_interrompido_retoma_com_o_mesmo_comando(tmp_path, fotos, monkeypatch, capsys):
    saida = tmp_path / "r.keras"
    comando = ["treinar", "noite_estrelada", "-o", str(saida), "--fotos", str(fotos), "--sem-catalogo",
               "--escala-estilo", "2", *RAPIDO]
    original = progresso.Barra.__call__

    def ctrl_c_no_passo_2(self, progresso):
        if progresso.passo == 2:
            raise KeyboardInterrupt
        return original(self, progresso)

    monkeypatch.setattr(progresso.Barra, "__call__", ctrl_c_no_passo_2)
    assert principal(comando) == cli.INTERROMPIDO
    erro = capsys.readouterr().err
    assert "Ctrl-C" in erro and "ainda não foi salva" in erro and "Traceback" not in erro
    assert not saida.exists() and treino_rapido.ler_estado(tmp_path / "r_checkpoints")["passo"] == 2

    monkeypatch.setattr(progresso.Barra, "__call__", original)
    assert principal(comando) == cli.OK
    assert "Retomando o treino do passo 2" in capsys.readouterr().out
    assert rede_rapida.info_rede(saida)["passos_treinados"] == 3


def test_estilizar_pasta_pula_as_prontas_e_relata_as_ruins(rede, fotos, tmp_path, capsys):
    (fotos / "ruim.png").write_bytes(b"isto nao e png")
    saida = tmp_path / "pintadas"
    assert principal(["estilizar", str(rede), str(fotos), "-o", str(saida)]) == cli.ERRO
    saida_texto = capsys.readouterr()
    assert "ruim.png" in saida_texto.err and "Traceback" not in saida_texto.err
    feitas = sorted(p.name for p in saida.iterdir())
    assert feitas == ["a.png", "b.png"]
    with Image.open(saida / "b.png") as img:
        assert img.size == (40, 64), "mesmo tamanho da foto"
    (fotos / "ruim.png").unlink()
    assert principal(["estilizar", str(rede), str(fotos), "-o", str(saida)]) == cli.OK
    assert capsys.readouterr().out.count("já existe, pulei") == 2


def test_estilizar_uma_foto_num_arquivo_com_lado(rede, fotos, tmp_path):
    destino = tmp_path / "uma.jpg"
    assert principal(["estilizar", str(rede), str(fotos / "a.jpg"), "-o", str(destino), "--lado", "35"]) == cli.OK
    with Image.open(destino) as img:
        assert img.size == (35, 25)
    assert principal(["estilizar", str(rede), str(fotos / "a.jpg"), "-o", str(destino)]) == cli.ERRO


@pytest.mark.parametrize("argumentos,codigo,trecho", [
    (["treinar", "-o", "x.keras"], cli.ERRO_USO, "Faltou a pintura"),
    (["treinar", "noite_estrelada"], cli.ERRO_USO, "-o REDE.keras"),
    (["treinar", "noite_estrelada", "-o", "x.h5"], cli.ERRO_USO, ".keras"),
    (["treinar", "noite_estreada", "-o", "x.keras"], cli.ERRO, "Você quis dizer noite_estrelada"),
    (["treinar", "noite_estrelada", "-o", "x.keras", "--sem-catalogo"], cli.ERRO_USO, "--fotos"),
    (["treinar", "noite_estrelada", "-o", "x.keras", "--lado", "8"], cli.ERRO_USO, "entre 32 e 2048"),
    (["treinar", "noite_estrelada", "o_grito", "-o", "x.keras", "--pesos-estilos", "1"], cli.ERRO_USO, "um peso"),
    (["estilizar", "nada.keras", "foto.jpg", "-o", "s.png"], cli.ERRO_USO, "Rede não encontrada"),
    (["estilizar", "r.keras"], cli.ERRO_USO, "pelo menos uma foto"),
])
def test_erros_de_uso_em_portugues(argumentos, codigo, trecho, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert principal(argumentos) == codigo
    erro = capsys.readouterr().err
    assert trecho in erro and "Traceback" not in erro


def test_estilizar_varias_fotos_exige_pasta(rede, fotos, tmp_path, capsys):
    assert principal(["estilizar", str(rede), str(fotos / "a.jpg"), str(fotos / "b.png"), "-o",
                      str(tmp_path / "x.png")]) == cli.ERRO_USO
    assert "precisa ser uma pasta" in capsys.readouterr().err


def test_rede_que_nao_e_de_estilo(tmp_path, fotos, capsys):
    falsa = tmp_path / "falsa.keras"
    falsa.write_text("oi")
    assert principal(["estilizar", str(falsa), str(fotos), "-o", str(tmp_path / "s")]) == cli.ERRO_USO
    assert "não é um arquivo .keras válido" in capsys.readouterr().err


def test_ajuda_em_portugues(capsys):
    assert principal(["treinar", "--help"]) == cli.OK
    texto = capsys.readouterr().out
    assert "Johnson" in texto and "checkpoint" in texto
    assert principal(["estilizar", "--ajuda"]) == cli.OK
    assert "pasta" in capsys.readouterr().out
    assert principal(["--help"]) == cli.OK
    assert "estilo treinar" in capsys.readouterr().out


def test_processo_de_verdade_sem_ruido_do_tensorflow(rede, fotos, tmp_path):
    import os
    import subprocess
    import sys

    ambiente = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    feito = subprocess.run([sys.executable, "-m", "estilo", "estilizar", str(rede), str(fotos / "a.jpg"), "-o",
                            str(tmp_path / "s.png")], check=False, capture_output=True, text=True, env=ambiente,
                           timeout=300)
    assert feito.returncode == cli.OK, feito.stderr
    assert "Pronto: 1 de 1 imagem" in feito.stdout
    for ruido in ("oneDNN", "absl", "cpu_feature_guard", "Traceback"):
        assert ruido not in feito.stderr
