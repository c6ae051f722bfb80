"""Testes de estilo.curso.rabisco: o desenho é reprodutível, tem o tamanho pedido e as cores do giz."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from estilo.curso import rabisco
from estilo.nucleo.erros import ErroParametro

ARQUIVO = Path(__file__).resolve().parent.parent / "imagens" / "rabisco.png"


def _arr(imagem):
    return np.asarray(imagem, dtype=np.int16)


def test_tamanho_e_modo():
    imagem = rabisco.desenhar(200, 120, semente=3)
    assert imagem.mode == "RGB"
    assert imagem.size == (200, 120)


def test_mesma_semente_mesmo_desenho():
    np.testing.assert_array_equal(_arr(rabisco.desenhar(160, 120, 7)), _arr(rabisco.desenhar(160, 120, 7)))


def test_outra_semente_outro_desenho():
    a, b = _arr(rabisco.desenhar(160, 120, 0)), _arr(rabisco.desenhar(160, 120, 1))
    assert (a != b).any(axis=-1).mean() > 0.05


def _fracao_perto(arr, cor, tolerancia=30):
    return (np.abs(arr - np.array(cor)).max(axis=-1) <= tolerancia).mean()


def test_tem_ceu_sol_morro_e_casa_nos_lugares_certos():
    arr = _arr(rabisco.desenhar(256, 192, 0))
    topo, baixo = arr[: 192 // 3], arr[2 * 192 // 3 :]
    assert _fracao_perto(topo, rabisco.CORES["ceu"]) > 0.2, "o céu azul fica em cima"
    assert _fracao_perto(topo, rabisco.CORES["sol"]) > 0.01, "o sol amarelo fica em cima"
    assert _fracao_perto(baixo, rabisco.CORES["morro_frente"]) > 0.3, "o gramado fica embaixo"
    assert _fracao_perto(arr, rabisco.CORES["parede"]) > 0.02, "tem uma casa vermelha"
    assert _fracao_perto(baixo, rabisco.CORES["ceu"]) < 0.01, "nada de céu no chão"


def test_desenho_escala_com_o_tamanho():
    pequeno = Image.fromarray(np.uint8(_arr(rabisco.desenhar(128, 96, 0))))
    grande = rabisco.desenhar(512, 384, 0).resize((128, 96), Image.Resampling.BOX)
    diferenca = np.abs(_arr(pequeno) - _arr(grande)).mean()
    assert diferenca < 25, "o mesmo desenho, só que maior"


@pytest.mark.parametrize("largura, altura", [(10, 100), (100, 5000), (100.0, 100), (True, 100)])
def test_tamanho_invalido(largura, altura):
    with pytest.raises(ErroParametro):
        rabisco.desenhar(largura, altura)


def test_arquivo_do_repositorio_sai_deste_codigo():
    """imagens/rabisco.png é desenhar(256, 192, semente=0), salvo em PNG."""
    salvo = _arr(Image.open(ARQUIVO).convert("RGB"))
    novo = _arr(rabisco.desenhar(256, 192, 0))
    assert salvo.shape == novo.shape
    # tolerância pequena para versões do Pillow que rasterizam curvas um tiquinho diferente
    assert (salvo != novo).any(axis=-1).mean() < 0.02
