"""As fotos de treino da rede rápida: recortes, espelhamentos, pastas e erros."""

import warnings

import numpy as np
import pytest
from PIL import Image

from estilo.nucleo import dados
from estilo.rapida import fotos as fotos_treino
from estilo.nucleo.erros import AvisoEstilo, ErroImagem, ErroParametro


def _foto(caminho, largura, altura, cor=(200, 30, 30)):
    arr = np.zeros((altura, largura, 3), np.uint8)
    arr[..., :] = cor
    arr[:, : largura // 2, 1] = 255  # metade esquerda mais verde: mostra o espelhamento
    Image.fromarray(arr).save(caminho)
    return caminho


def test_lote_tem_a_forma_certa_e_e_reprodutivel(tmp_path):
    fotos = fotos_treino.FotosTreino([_foto(tmp_path / "a.png", 120, 90)], catalogo=False, lado=48)
    a = fotos.lote(5, np.random.default_rng(3)).numpy()
    b = fotos.lote(5, np.random.default_rng(3)).numpy()
    assert a.shape == (5, 48, 48, 3) and a.dtype == np.float32
    assert a.min() >= 0 and a.max() <= 1
    np.testing.assert_array_equal(a, b)
    verde_a_esquerda = [float(x[:, :8, 1].mean() > x[:, -8:, 1].mean()) for x in fotos.lote(40, np.random.default_rng(0)).numpy()]
    assert 0.2 < np.mean(verde_a_esquerda) < 0.8, "metade dos recortes deve vir espelhada"


def test_foto_pequena_e_ampliada_ate_caber_um_recorte(tmp_path):
    fotos = fotos_treino.FotosTreino([_foto(tmp_path / "p.png", 40, 30)], catalogo=False, lado=64)
    assert fotos.lote(2, np.random.default_rng(0)).shape == (2, 64, 64, 3)


def test_catalogo_e_pasta_se_somam_e_arquivos_ruins_sao_pulados(tmp_path):
    pasta = tmp_path / "minhas"
    pasta.mkdir()
    _foto(pasta / "boa.jpg", 80, 60)
    (pasta / "quebrada.png").write_bytes(b"nada de png aqui")
    (pasta / "leia.txt").write_text("não é imagem")
    with pytest.warns(AvisoEstilo, match="quebrada.png"):
        fotos = fotos_treino.FotosTreino(pasta=pasta, catalogo=True, lado=32)
    catalogo = dados.listar("conteudo")  # contado à parte: as fotos de conteúdo do catálogo
    assert len(catalogo) >= 2
    assert len(fotos) == len(catalogo) + 1  # + a única foto legível da pasta
    assert fotos.nomes == [*catalogo, "boa.jpg"]
    # a foto da pasta entra nos lotes: recortes de vermelho uniforme (R=200, B=30; só o verde muda),
    # como nenhuma foto do catálogo (a tolerância cobre os artefatos do JPEG)
    lote = fotos.lote(64, np.random.default_rng(0)).numpy() * 255
    da_pasta = [abs(np.median(r[..., 0]) - 200) < 5 and abs(np.median(r[..., 2]) - 30) < 5 and r[..., 0].std() < 10
                for r in lote]
    assert 0 < sum(da_pasta) < len(lote), "os lotes devem misturar a foto da pasta e as do catálogo"


def test_erros_claros(tmp_path):
    with pytest.raises(ErroImagem, match="não existe"):
        fotos_treino.FotosTreino(pasta=tmp_path / "nada", catalogo=False)
    vazia = tmp_path / "vazia"
    vazia.mkdir()
    with pytest.raises(ErroImagem, match="Nenhuma foto de treino"):
        fotos_treino.FotosTreino(pasta=vazia, catalogo=False)
    with pytest.raises(ErroParametro, match="lado"):
        fotos_treino.FotosTreino(catalogo=True, lado=8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ErroImagem):
            fotos_treino.FotosTreino([tmp_path / "sumiu.jpg"], catalogo=False)
