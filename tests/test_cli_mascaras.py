"""A linha de comando com --mascaras (Gatys et al., 2017): um estilo por região, de arquivos ou automáticas.

Tudo no mesmo processo (``principal([...])``), em imagens pequenas e poucos passos.
"""


import numpy as np
import pytest
from PIL import Image

from estilo.cli import transferir_arquivos, transferir_opcoes
from estilo.gatys import mascaras, transferencia
from estilo.nucleo import dados, imagens, modelos, perdas
from apoio import precisa_espelho, rodar as _rodar, imagem_aleatoria as _imagem


def _metade(caminho, lado, largura=96, altura=64):
    """Máscara branca na metade ``lado`` ('esquerda' ou 'direita'), preta na outra."""
    arr = np.zeros((altura, largura), np.uint8)
    arr[:, : largura // 2] = 255
    Image.fromarray(arr if lado == "esquerda" else 255 - arr).save(caminho)
    return caminho


@pytest.fixture
def espiao(monkeypatch):
    """Guarda os argumentos de cada chamada de ``transferir`` (que roda de verdade)."""
    chamadas = []
    original = transferencia.transferir

    def espiar(*args, **kwargs):
        chamadas.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(transferencia, "transferir", espiar)
    return chamadas


def test_automaticas_da_ajuda_sao_as_do_pacote():
    assert transferir_arquivos.AUTOMATICAS == mascaras.AUTOMATICAS
    ajuda = " ".join(transferir_opcoes.construir_parser().format_help().split())
    for nome, descricao in mascaras.AUTOMATICAS.items():
        assert f"auto:{nome}, {descricao}" in ajuda


@precisa_espelho
def test_esquerda_e_direita_com_duas_pinturas(capsys, tmp_path):
    """O critério da issue 13, menor: metade esquerda com A Noite Estrelada, direita com Composição VII."""
    esquerda, direita = _metade(tmp_path / "esquerda.png", "esquerda"), _metade(tmp_path / "direita.png", "direita")
    saida = tmp_path / "saida.png"
    codigo, out, err = _rodar(capsys, "cafe", "noite_estrelada", "composicao_vii", "--mascaras", esquerda, direita,
                              "-o", saida, "--lado", 64, "--passos", 15)
    assert codigo == 0, err
    assert f"Máscaras: {esquerda}, {direita} (uma por pintura)" in out and "Traceback" not in err
    resultado = imagens.carregar(saida, lado_minimo=None)
    foto = imagens.carregar(dados.caminho("cafe"), lado_maximo=64)
    assert resultado.shape == foto.shape
    extrator = modelos.Extrator(["block1_conv1", "block2_conv1", "block3_conv1"])
    alvos = [extrator(dados.carregar(nome, lado_maximo=64)) for nome in ("noite_estrelada", "composicao_vii")]

    def distancias(imagem):
        ativ = extrator(imagem)
        return [float(perdas.distancia_estilo(ativ, alvo)) for alvo in alvos]

    meio = int(resultado.shape[2]) // 2
    da_esquerda, da_direita = distancias(resultado[:, :, :meio]), distancias(resultado[:, :, meio:])
    assert da_esquerda[0] < 0.5 * da_esquerda[1]  # a esquerda com a 1ª pintura
    assert da_direita[1] < 0.5 * da_direita[0]  # a direita com a 2ª
    assert da_esquerda[0] < 0.5 * distancias(foto[:, :, :meio])[0]  # e a pintura chegou mesmo
    assert da_direita[1] < 0.5 * distancias(foto[:, :, meio:])[1]


def test_automatica_e_feita_da_foto_no_tamanho_da_execucao(capsys, tmp_path, espiao):
    foto, a, b = (_imagem(tmp_path / n, semente=i) for i, n in enumerate(("foto.png", "a.png", "b.png")))
    codigo, out, err = _rodar(capsys, foto, a, b, "--mascaras", "AUTO:esquerda_direita", "-o", tmp_path / "s.png",
                              "--lado", 32, "--passos", 1)
    assert codigo == 0, err
    ((args, kw),) = espiao
    esperadas = mascaras.automaticas("esquerda_direita", args[0], 2)
    assert args[0].shape[1:3] == (27, 32) and len(kw["mascaras"]) == 2
    for feita, esperada in zip(kw["mascaras"], esperadas):
        np.testing.assert_allclose(feita, esperada)
    assert f"Máscaras: auto:esquerda_direita, {mascaras.AUTOMATICAS['esquerda_direita']}" in out


def test_ceu_numa_foto_sem_ceu_e_mensagem_clara(capsys, tmp_path):
    foto = tmp_path / "escura.png"
    Image.new("RGB", (48, 40), (20, 60, 20)).save(foto)
    pintura = _imagem(tmp_path / "p.png")
    codigo, out, err = _rodar(capsys, foto, pintura, "--mascaras", "auto:ceu", "-o", tmp_path / "s.png",
                              "--lado", 48, "--passos", 1)
    assert codigo == 2 and "Não encontrei céu nesta foto" in err and "esquerda_direita" in err
    assert "Traceback" not in err and not (tmp_path / "s.png").exists()


@pytest.mark.parametrize("opcoes, trecho", [
    (["--mascaras", "M1"], "Recebi 1 máscara(s) em --mascaras para 2 pintura(s)"),
    (["--mascaras", "M1", "M1", "M1"], "Recebi 3 máscara(s) em --mascaras para 2 pintura(s)"),
    (["--mascaras", "auto:ceuu"], "Você quis dizer auto:ceu?"),
    (["--mascaras", "auto:ceu", "M1"], "não misture com outras máscaras"),
    (["--mascaras", "M1", "M1", "--lado-a-lado"], "não combina com --lado-a-lado"),
    (["--mascaras", "VAZIA", "M1"], "A máscara 1 (da pintura 1) está vazia (toda preta)"),
])
def test_mascaras_erradas_codigo_2(capsys, tmp_path, opcoes, trecho):
    foto, a, b = (_imagem(tmp_path / n, semente=i) for i, n in enumerate(("foto.png", "a.png", "b.png")))
    m1 = _metade(tmp_path / "m1.png", "esquerda")
    Image.new("L", (48, 40)).save(tmp_path / "vazia.png")
    opcoes = [{"M1": m1, "VAZIA": tmp_path / "vazia.png"}.get(o, o) for o in opcoes]
    codigo, out, err = _rodar(capsys, foto, a, b, "-o", tmp_path / "s.png", "--lado", 48, "--passos", 1, *opcoes)
    assert codigo == 2, err
    assert trecho in err and "Traceback" not in err and not (tmp_path / "s.png").exists()


def test_mascara_que_nao_e_imagem_ou_nao_existe_codigo_1(capsys, tmp_path):
    foto, pintura = _imagem(tmp_path / "foto.png"), _imagem(tmp_path / "p.png", semente=1)
    (tmp_path / "texto.png").write_text("isto não é uma imagem")
    for mascara, trecho in ((tmp_path / "texto.png", "não pôde ser usada como imagem"),
                            (tmp_path / "nada.png", "Arquivo não encontrado")):
        codigo, _, err = _rodar(capsys, foto, pintura, "--mascaras", mascara, "-o", tmp_path / "s.png",
                                "--lado", 48, "--passos", 1)
        assert codigo == 1 and trecho in err and "Traceback" not in err
        assert not (tmp_path / "s.png").exists()
