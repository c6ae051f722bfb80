"""Testes de estilo.nucleo.imagens: leitura robusta, conversões, redimensionamento e saída."""

import io
import struct
import warnings
import zlib

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

from estilo.nucleo import imagens
from estilo.nucleo.erros import AvisoEstilo, ErroDownload, ErroImagem, ErroParametro, ErroSaida


def _checar_convencao(t, altura=None, largura=None):
    assert isinstance(t, tf.Tensor)
    assert t.dtype == tf.float32
    assert t.shape.rank == 4 and t.shape[0] == 1 and t.shape[-1] == 3
    if altura is not None:
        assert t.shape[1] == altura
    if largura is not None:
        assert t.shape[2] == largura
    arr = t.numpy()
    assert arr.min() >= 0.0 and arr.max() <= 1.0
    return arr[0]


@pytest.fixture
def sem_avisos():
    """Transforma qualquer AvisoEstilo em erro dentro do bloco."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", AvisoEstilo)
        yield


def _png_rgb(caminho, largura=60, altura=40, cor=(10, 128, 250)):
    Image.new("RGB", (largura, altura), cor).save(caminho)
    return caminho


# ---------------------------------------------------------------------------
# Formatos e modos de cor
# ---------------------------------------------------------------------------


def test_png_rgb_forma_tipo_e_valores(tmp_path, sem_avisos):
    caminho = _png_rgb(tmp_path / "a.png")
    arr = _checar_convencao(imagens.carregar(caminho), 40, 60)
    np.testing.assert_allclose(arr[5, 5], np.array([10, 128, 250]) / 255, atol=1e-6)


def test_aceita_str_e_path(tmp_path, sem_avisos):
    caminho = _png_rgb(tmp_path / "a.png")
    a = imagens.carregar(str(caminho))
    b = imagens.carregar(caminho)
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_jpeg_rgb(tmp_path, sem_avisos):
    caminho = tmp_path / "a.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(caminho, quality=95)
    arr = _checar_convencao(imagens.carregar(caminho), 48, 64)
    np.testing.assert_allclose(arr[20, 20], np.array([200, 30, 30]) / 255, atol=0.03)


def test_tons_de_cinza_vira_tres_canais_iguais(tmp_path, sem_avisos):
    caminho = tmp_path / "cinza.png"
    Image.new("L", (40, 40), 128).save(caminho)
    arr = _checar_convencao(imagens.carregar(caminho), 40, 40)
    np.testing.assert_allclose(arr, 128 / 255, atol=1e-6)


def test_la_transparente_vira_branco(tmp_path, sem_avisos):
    caminho = tmp_path / "la.png"
    img = Image.new("LA", (40, 40), (0, 255))
    img.paste((0, 0), (0, 0, 20, 40))  # metade esquerda transparente
    img.save(caminho)
    arr = _checar_convencao(imagens.carregar(caminho))
    np.testing.assert_allclose(arr[10, 5], 1.0, atol=1e-6)  # transparente -> branco
    np.testing.assert_allclose(arr[10, 35], 0.0, atol=1e-6)  # opaco -> preto


def test_rgba_composto_sobre_branco(tmp_path, sem_avisos):
    caminho = tmp_path / "rgba.png"
    img = Image.new("RGBA", (40, 40), (255, 0, 0, 255))
    img.paste((255, 0, 0, 0), (0, 0, 20, 20))  # vermelho totalmente transparente
    img.paste((0, 0, 0, 128), (20, 20, 40, 40))  # preto meio transparente
    img.save(caminho)
    arr = _checar_convencao(imagens.carregar(caminho))
    np.testing.assert_allclose(arr[5, 5], [1, 1, 1], atol=1e-6)
    np.testing.assert_allclose(arr[5, 35], [1, 0, 0], atol=1e-6)
    np.testing.assert_allclose(arr[35, 35], [127 / 255] * 3, atol=1 / 255)


def test_paleta_sem_transparencia(tmp_path, sem_avisos):
    caminho = tmp_path / "p.png"
    img = Image.new("P", (40, 40), 0)
    img.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    img.paste(1, (20, 0, 40, 40))
    img.save(caminho)
    arr = _checar_convencao(imagens.carregar(caminho))
    np.testing.assert_allclose(arr[5, 5], [1, 0, 0])
    np.testing.assert_allclose(arr[5, 35], [0, 0, 1])


def test_paleta_com_transparencia_vira_branco(tmp_path, sem_avisos):
    caminho = tmp_path / "p_transp.png"
    img = Image.new("P", (40, 40), 0)
    img.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    img.paste(1, (20, 0, 40, 40))
    img.save(caminho, transparency=0)
    arr = _checar_convencao(imagens.carregar(caminho))
    np.testing.assert_allclose(arr[5, 5], [1, 1, 1])  # índice transparente -> branco
    np.testing.assert_allclose(arr[5, 35], [0, 0, 1])


def test_cmyk_jpeg_vira_rgb(tmp_path, sem_avisos):
    caminho = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(caminho, quality=95)
    with Image.open(caminho) as conferencia:
        assert conferencia.mode == "CMYK"
    arr = _checar_convencao(imagens.carregar(caminho), 40, 40)
    assert arr[20, 20, 0] > 0.9 and arr[20, 20, 1] < 0.1 and arr[20, 20, 2] < 0.1


def test_png_16_bits_escala_correta(tmp_path, sem_avisos):
    caminho = tmp_path / "16bits.png"
    dados = np.zeros((40, 40), dtype=np.uint16)
    dados[:, :10] = 65535
    dados[:, 10:20] = 32768
    dados[:, 20:30] = 1000  # em 8 bits seria cortado para 255 (branco) por engano
    Image.fromarray(dados).save(caminho)
    with Image.open(caminho) as conferencia:
        assert conferencia.mode.startswith("I")
    arr = _checar_convencao(imagens.carregar(caminho), 40, 40)
    np.testing.assert_allclose(arr[5, 5], 1.0, atol=1e-6)
    np.testing.assert_allclose(arr[5, 15], 32768 / 65535, atol=1e-4)
    np.testing.assert_allclose(arr[5, 25], 1000 / 65535, atol=1e-4)
    np.testing.assert_allclose(arr[5, 35], 0.0, atol=1e-6)


def test_png_16_bits_reduzido_mantem_escala(tmp_path, sem_avisos):
    caminho = tmp_path / "16bits_grande.png"
    Image.fromarray(np.full((200, 100), 32768, dtype=np.uint16)).save(caminho)
    arr = _checar_convencao(imagens.carregar(caminho, lado_maximo=50, lado_minimo=8), 50, 25)
    np.testing.assert_allclose(arr, 32768 / 65535, atol=1e-3)


def test_pil_modo_i_e_f_em_memoria(sem_avisos):
    modo_i = Image.fromarray(np.full((40, 40), 65535, dtype=np.int32))
    assert modo_i.mode == "I"
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(modo_i)), 1.0, atol=1e-6)
    modo_f = Image.fromarray(np.full((40, 40), 0.25, dtype=np.float32))
    assert modo_f.mode == "F"
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(modo_f)), 0.25, atol=1e-6)


def test_gif_animado_usa_primeiro_quadro_e_avisa(tmp_path):
    caminho = tmp_path / "anim.gif"
    vermelho = Image.new("RGB", (40, 40), (255, 0, 0))
    verde = Image.new("RGB", (40, 40), (0, 255, 0))
    vermelho.save(caminho, save_all=True, append_images=[verde], duration=100, loop=0)
    with pytest.warns(AvisoEstilo, match="quadros"):
        arr = _checar_convencao(imagens.carregar(caminho), 40, 40)
    assert arr[20, 20, 0] > 0.9 and arr[20, 20, 1] < 0.1


def test_orientacao_exif_gira_a_imagem(tmp_path, sem_avisos):
    caminho = tmp_path / "girada.jpg"
    img = Image.new("RGB", (20, 10), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 10, 5))  # quadrante superior esquerdo vermelho
    exif = Image.Exif()
    exif[0x0112] = 6  # "gire 90° no sentido horário para exibir"
    img.save(caminho, exif=exif, quality=100)
    arr = _checar_convencao(imagens.carregar(caminho, lado_minimo=1), altura=20, largura=10)
    # após girar 90° no sentido horário, o canto superior esquerdo vai para o superior direito
    assert arr[2, 8, 0] > 0.7 and arr[2, 8, 2] < 0.3
    assert arr[2, 1, 2] > 0.7 and arr[2, 1, 0] < 0.3
    assert arr[17, 8, 2] > 0.7


# ---------------------------------------------------------------------------
# Tamanhos
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("lado", [1, 16])
def test_imagem_minuscula_e_ampliada_com_aviso(tmp_path, lado):
    caminho = _png_rgb(tmp_path / "mini.png", lado, lado, (50, 100, 150))
    with pytest.warns(AvisoEstilo, match="pequena"):
        arr = _checar_convencao(imagens.carregar(caminho), 32, 32)
    np.testing.assert_allclose(arr[16, 16], np.array([50, 100, 150]) / 255, atol=0.01)


def test_imagem_pequena_retangular_mantem_proporcao(tmp_path):
    caminho = _png_rgb(tmp_path / "ret.png", 16, 8)
    with pytest.warns(AvisoEstilo):
        _checar_convencao(imagens.carregar(caminho), 32, 64)


def test_lado_minimo_configuravel(tmp_path, sem_avisos):
    caminho = _png_rgb(tmp_path / "mini.png", 16, 16)
    _checar_convencao(imagens.carregar(caminho, lado_minimo=8), 16, 16)
    _checar_convencao(imagens.carregar(caminho, lado_minimo=None), 16, 16)


def test_lado_maximo_reduz_mantendo_proporcao(tmp_path, sem_avisos):
    caminho = _png_rgb(tmp_path / "a.png", 200, 100)
    _checar_convencao(imagens.carregar(caminho, lado_maximo=50, lado_minimo=8), 25, 50)
    # não amplia imagens menores que lado_maximo
    _checar_convencao(imagens.carregar(caminho, lado_maximo=1000), 100, 200)


def test_jpeg_enorme_reduzido_com_aviso(tmp_path):
    caminho = tmp_path / "enorme.jpg"
    Image.new("RGB", (12000, 12000), (200, 100, 50)).save(caminho, quality=50)
    with pytest.warns(AvisoEstilo, match="12000×12000"):
        t = imagens.carregar(caminho)
    assert tuple(t.shape) == (1, imagens.LADO_MAXIMO_SEGURO, imagens.LADO_MAXIMO_SEGURO, 3)
    assert t.dtype == tf.float32
    np.testing.assert_allclose(t[0, 100, 100].numpy(), np.array([200, 100, 50]) / 255, atol=0.03)
    del t
    with warnings.catch_warnings():
        warnings.simplefilter("error", AvisoEstilo)
        pequena = imagens.carregar(caminho, lado_maximo=256)
    _checar_convencao(pequena, 256, 256)
    assert Image.MAX_IMAGE_PIXELS is not None  # o limite global do PIL foi restaurado


def _png_so_cabecalho(caminho, largura, altura):
    """PNG com cabeçalho de imagem gigante e quase nenhum dado (não é decodificado)."""

    def bloco(tipo, dados):
        return struct.pack(">I", len(dados)) + tipo + dados + struct.pack(">I", zlib.crc32(tipo + dados))

    ihdr = struct.pack(">IIBBBBB", largura, altura, 8, 2, 0, 0, 0)
    caminho.write_bytes(
        b"\x89PNG\r\n\x1a\n" + bloco(b"IHDR", ihdr) + bloco(b"IDAT", zlib.compress(b"")) + bloco(b"IEND", b"")
    )
    return caminho


def test_imagem_acima_do_limite_de_pixels_e_recusada(tmp_path):
    caminho = _png_so_cabecalho(tmp_path / "bomba.png", 30000, 30000)
    with pytest.raises(ErroImagem, match="grande demais"):
        imagens.carregar(caminho)


@pytest.mark.parametrize("valor", [0, -5, 10**6, 3.5, True, "512", float("nan")])
def test_lado_maximo_invalido(tmp_path, valor):
    caminho = _png_rgb(tmp_path / "a.png")
    with pytest.raises(ErroParametro, match="lado_maximo"):
        imagens.carregar(caminho, lado_maximo=valor)


def test_lado_minimo_maior_que_lado_maximo(tmp_path):
    caminho = _png_rgb(tmp_path / "a.png")
    with pytest.raises(ErroParametro, match="lado_minimo"):
        imagens.carregar(caminho, lado_maximo=64, lado_minimo=128)


def test_proporcao_extrema_respeita_lado_maximo_e_avisa(tmp_path):
    caminho = _png_rgb(tmp_path / "fita.png", 2000, 2)
    with pytest.warns(AvisoEstilo, match="lado_minimo=32") as registro:
        _checar_convencao(imagens.carregar(caminho, lado_maximo=512), 1, 512)
    assert "2000×2" in str(registro[0].message)


def test_imagem_larga_com_lado_maximo_pequeno(tmp_path):
    # caso do modo rápido: lado_maximo=64 numa foto 2:1 deixa o lado menor abaixo de 32
    caminho = _png_rgb(tmp_path / "larga.png", 128, 60)
    with pytest.warns(AvisoEstilo, match="estreita"):
        _checar_convencao(imagens.carregar(caminho, lado_maximo=64), 30, 64)
    # e uma foto pequena e larga é ampliada só até onde lado_maximo deixa
    caminho = _png_rgb(tmp_path / "pequena_larga.png", 60, 20)
    with pytest.warns(AvisoEstilo, match="estreita"):
        _checar_convencao(imagens.carregar(caminho, lado_maximo=64), 21, 64)


def test_imagem_fina_ampliada_ate_lado_minimo(tmp_path):
    with pytest.warns(AvisoEstilo, match="pequena"):
        _checar_convencao(imagens.carregar(_png_rgb(tmp_path / "b.png", 100, 10)), 32, 320)


# ---------------------------------------------------------------------------
# Arquivos ruins
# ---------------------------------------------------------------------------


def _sem_traceback_do_pil(exc_info):
    assert not isinstance(exc_info.value, OSError)
    assert exc_info.value.__cause__ is None


def test_arquivo_inexistente(tmp_path):
    with pytest.raises(ErroImagem, match="não encontrado") as exc:
        imagens.carregar(tmp_path / "nao_existe.jpg")
    assert "nao_existe.jpg" in str(exc.value)


def test_pasta_no_lugar_de_arquivo(tmp_path):
    with pytest.raises(ErroImagem, match="pasta"):
        imagens.carregar(tmp_path)


def test_arquivo_vazio(tmp_path):
    caminho = tmp_path / "vazio.jpg"
    caminho.write_bytes(b"")
    with pytest.raises(ErroImagem, match="vazio") as exc:
        imagens.carregar(caminho)
    assert "vazio.jpg" in str(exc.value)


def test_texto_com_nome_de_jpg(tmp_path):
    caminho = tmp_path / "falso.jpg"
    caminho.write_text("isto não é uma imagem\n", encoding="utf-8")
    with pytest.raises(ErroImagem, match="não é uma imagem") as exc:
        imagens.carregar(caminho)
    assert "falso.jpg" in str(exc.value) and "texto" in str(exc.value)
    _sem_traceback_do_pil(exc)


def test_html_com_nome_de_jpg(tmp_path):
    caminho = tmp_path / "pagina.jpg"
    caminho.write_text("<!DOCTYPE html><html><body>404</body></html>", encoding="utf-8")
    with pytest.raises(ErroImagem, match="HTML"):
        imagens.carregar(caminho)


def test_jpeg_truncado(tmp_path):
    inteiro = io.BytesIO()
    ruido = np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8)
    Image.fromarray(ruido).save(inteiro, format="JPEG", quality=90)
    caminho = tmp_path / "truncado.jpg"
    caminho.write_bytes(inteiro.getvalue()[: len(inteiro.getvalue()) // 2])
    with pytest.raises(ErroImagem, match="corrompido ou incompleto") as exc:
        imagens.carregar(caminho)
    assert "truncado.jpg" in str(exc.value)
    _sem_traceback_do_pil(exc)


def test_caminho_vazio(tmp_path):
    with pytest.raises(ErroImagem, match="vazio"):
        imagens.carregar("   ")


def test_tipo_desconhecido():
    with pytest.raises(ErroImagem, match="dict"):
        imagens.carregar({"a": 1})


# ---------------------------------------------------------------------------
# Entradas em memória
# ---------------------------------------------------------------------------


def test_numpy_uint8_formas(sem_avisos):
    cinza = np.full((40, 50), 255, dtype=np.uint8)
    _checar_convencao(imagens.carregar(cinza), 40, 50)
    rgb = np.zeros((40, 50, 3), dtype=np.uint8)
    rgb[..., 1] = 51
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(rgb))[0, 0], [0, 0.2, 0], atol=1e-6)
    lote = np.zeros((1, 40, 50, 3), dtype=np.float64)
    _checar_convencao(imagens.carregar(lote), 40, 50)
    um_canal = np.zeros((40, 50, 1), dtype=np.uint8)
    _checar_convencao(imagens.carregar(um_canal), 40, 50)


def test_numpy_rgba_sobre_branco(sem_avisos):
    rgba = np.zeros((40, 40, 4), dtype=np.uint8)  # preto totalmente transparente
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(rgba)), 1.0)


def test_numpy_uint16(sem_avisos):
    arr = np.full((40, 40, 3), 32768, dtype=np.uint16)
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(arr)), 32768 / 65535, atol=1e-6)


def test_numpy_float_nan_ou_inf():
    for ruim in (np.nan, np.inf):
        arr = np.full((40, 40, 3), 0.5, dtype=np.float32)
        arr[0, 0, 0] = ruim
        with pytest.raises(ErroImagem, match="NaN"):
            imagens.carregar(arr)


def test_numpy_float_fora_da_faixa_corta_e_avisa():
    arr = np.full((40, 40, 3), 200.0, dtype=np.float32)
    with pytest.warns(AvisoEstilo, match="255"):
        t = imagens.carregar(arr)
    np.testing.assert_allclose(_checar_convencao(t), 1.0)


def test_numpy_formas_invalidas():
    with pytest.raises(ErroImagem, match="forma"):
        imagens.carregar(np.zeros((40, 40, 5), dtype=np.uint8))
    with pytest.raises(ErroImagem, match="lote"):
        imagens.carregar(np.zeros((2, 40, 40, 3), dtype=np.float32))
    with pytest.raises(ErroImagem, match="vazia"):
        imagens.carregar(np.zeros((0, 40, 3), dtype=np.uint8))


def test_tensor_na_convencao(sem_avisos):
    t = tf.random.uniform((1, 40, 30, 3), dtype=tf.float64)
    r = imagens.carregar(t, lado_minimo=8)
    _checar_convencao(r, 40, 30)
    np.testing.assert_allclose(r.numpy(), t.numpy(), atol=1e-6)
    reduzido = imagens.carregar(t, lado_maximo=20, lado_minimo=8)
    _checar_convencao(reduzido, 20, 15)
    uint8 = tf.fill((1, 40, 40, 3), tf.constant(255, tf.uint8))
    np.testing.assert_allclose(_checar_convencao(imagens.carregar(uint8)), 1.0)


def test_pil_em_memoria(sem_avisos):
    img = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    arr = _checar_convencao(imagens.carregar(img), 40, 50)
    np.testing.assert_allclose(arr, 1.0)


def test_como_tensor_e_de_numpy(sem_avisos):
    arr = np.zeros((10, 12, 3), dtype=np.uint8)
    _checar_convencao(imagens.como_tensor(arr), 10, 12)  # sem ampliar: só converte
    _checar_convencao(imagens.de_numpy(arr), 10, 12)
    with pytest.raises(ErroParametro):
        imagens.de_numpy([1, 2, 3])


# ---------------------------------------------------------------------------
# URL
# ---------------------------------------------------------------------------


def test_carregar_url(rede, sem_avisos):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (0, 255, 0)).save(buffer, format="PNG")
    rede.servir(buffer.getvalue())
    arr = _checar_convencao(imagens.carregar("https://exemplo.org/foto.png?x=1"), 40, 60)
    np.testing.assert_allclose(arr[0, 0], [0, 1, 0])
    assert rede.pedidos == ["https://exemplo.org/foto.png?x=1"]
    assert rede.timeouts[0] is not None and rede.timeouts[0] <= 60


def test_carregar_url_sem_internet(rede):
    with pytest.raises(ErroDownload, match="conexão com a internet"):
        imagens.carregar("https://exemplo.org/foto.png")


def test_carregar_url_grande_demais(rede, monkeypatch):
    monkeypatch.setattr(imagens, "LIMITE_BYTES_URL", 100)
    rede.servir(b"\0" * 101)
    with pytest.raises(ErroDownload, match="passou de 100 bytes"):
        imagens.carregar("https://exemplo.org/foto.png")


def test_carregar_url_que_nao_e_imagem(rede):
    rede.servir(b"<html>nada</html>")
    with pytest.raises(ErroImagem, match="exemplo.org"):
        imagens.carregar("https://exemplo.org/foto.jpg")


# ---------------------------------------------------------------------------
# Redimensionar e conversões de saída
# ---------------------------------------------------------------------------


def test_redimensionar_tamanho_exato():
    t = tf.random.uniform((1, 40, 60, 3))
    r = imagens.redimensionar(t, tamanho=(10, 33))
    _checar_convencao(r, 10, 33)
    r = imagens.redimensionar(t, tamanho=(80, 120))  # ampliar (bicúbico) continua em [0, 1]
    _checar_convencao(r, 80, 120)


def test_redimensionar_lado_maximo_mantem_proporcao():
    t = tf.random.uniform((1, 40, 60, 3))
    _checar_convencao(imagens.redimensionar(t, lado_maximo=30), 20, 30)
    _checar_convencao(imagens.redimensionar(t, lado_maximo=120), 80, 120)
    np.testing.assert_allclose(imagens.redimensionar(t, lado_maximo=60).numpy(), t.numpy())


def test_redimensionar_parametros_invalidos():
    t = tf.zeros((1, 10, 10, 3))
    with pytest.raises(ErroParametro):
        imagens.redimensionar(t)
    with pytest.raises(ErroParametro):
        imagens.redimensionar(t, lado_maximo=5, tamanho=(5, 5))
    with pytest.raises(ErroParametro):
        imagens.redimensionar(t, tamanho=(0, 5))
    with pytest.raises(ErroParametro):
        imagens.redimensionar(t, tamanho=7)


def test_para_numpy_e_para_pil():
    t = tf.constant([[[[0.0, 0.5, 1.0]] * 4] * 3], dtype=tf.float32)
    arr = imagens.para_numpy(t)
    assert arr.dtype == np.uint8 and arr.shape == (3, 4, 3)
    np.testing.assert_array_equal(arr[0, 0], [0, 128, 255])
    pil = imagens.para_pil(t)
    assert pil.mode == "RGB" and pil.size == (4, 3)


# ---------------------------------------------------------------------------
# Salvar, verificar_saida, caminho_livre
# ---------------------------------------------------------------------------


def _imagem_teste():
    rng = np.random.default_rng(1)
    return tf.constant(rng.integers(0, 256, (1, 20, 30, 3)).astype(np.float32) / 255.0)


def test_salvar_png_ida_e_volta_exata(tmp_path, sem_avisos):
    t = _imagem_teste()
    destino = imagens.salvar(t, tmp_path / "sub" / "pasta" / "saida.png")
    assert destino == tmp_path / "sub" / "pasta" / "saida.png" and destino.is_file()
    np.testing.assert_array_equal(imagens.para_numpy(imagens.carregar(destino, lado_minimo=1)), imagens.para_numpy(t))
    assert list(destino.parent.iterdir()) == [destino]  # nenhum temporário sobrando


def test_salvar_jpeg(tmp_path):
    t = tf.fill((1, 32, 32, 3), 0.5)
    destino = imagens.salvar(t, tmp_path / "saida.JPEG", qualidade=90)
    with Image.open(destino) as img:
        assert img.format == "JPEG"
    np.testing.assert_allclose(imagens.carregar(destino).numpy(), 0.5, atol=0.02)


def test_salvar_recusa_sobrescrever(tmp_path):
    destino = tmp_path / "saida.png"
    imagens.salvar(_imagem_teste(), destino)
    antes = destino.read_bytes()
    with pytest.raises(ErroSaida, match="sobrescrever=True") as exc:
        imagens.salvar(tf.zeros((1, 20, 30, 3)), destino)
    assert "saida_1.png" in str(exc.value)
    assert destino.read_bytes() == antes
    imagens.salvar(tf.zeros((1, 20, 30, 3)), destino, sobrescrever=True)
    assert destino.read_bytes() != antes


def test_salvar_e_atomico(tmp_path, monkeypatch):
    destino = tmp_path / "saida.png"
    imagens.salvar(_imagem_teste(), destino)
    antes = destino.read_bytes()

    def falha_no_meio(self, fp, *args, **kwargs):
        fp.write(b"\x89PNG meio arquivo")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", falha_no_meio)
    with pytest.raises(ErroSaida, match="Não consegui salvar"):
        imagens.salvar(tf.zeros((1, 20, 30, 3)), destino, sobrescrever=True)
    assert destino.read_bytes() == antes  # o arquivo antigo continua intacto
    assert list(tmp_path.iterdir()) == [destino]  # e o temporário foi apagado


def test_salvar_em_local_impossivel(tmp_path):
    arquivo = tmp_path / "arquivo.txt"
    arquivo.write_text("x")
    with pytest.raises(ErroSaida, match="pasta"):
        imagens.salvar(_imagem_teste(), arquivo / "saida.png")


def test_salvar_extensao_invalida(tmp_path):
    with pytest.raises(ErroSaida, match=r"\.png") as exc:
        imagens.salvar(_imagem_teste(), tmp_path / "saida.bmp")
    assert ".jpg" in str(exc.value) and "'.bmp'" in str(exc.value)
    with pytest.raises(ErroSaida, match="nenhuma"):
        imagens.salvar(_imagem_teste(), tmp_path / "sem_extensao")
    assert list(tmp_path.iterdir()) == []


def test_salvar_qualidade_invalida(tmp_path):
    with pytest.raises(ErroParametro, match="qualidade"):
        imagens.salvar(_imagem_teste(), tmp_path / "a.jpg", qualidade=0)


def test_verificar_saida(tmp_path):
    destino = tmp_path / "nova" / "saida.png"
    assert imagens.verificar_saida(destino) == destino
    assert not destino.exists()
    assert list(destino.parent.iterdir()) == []  # o arquivo de teste foi apagado
    destino.write_bytes(b"x")
    with pytest.raises(ErroSaida, match="já existe"):
        imagens.verificar_saida(destino)
    assert imagens.verificar_saida(destino, sobrescrever=True) == destino
    with pytest.raises(ErroSaida, match="extensão"):
        imagens.verificar_saida(tmp_path / "x.gif")
    with pytest.raises(ErroSaida):
        imagens.verificar_saida(destino / "dentro_de_arquivo.png")
    pasta = tmp_path / "pasta.png"
    pasta.mkdir()
    with pytest.raises(ErroSaida, match="é uma pasta"):
        imagens.verificar_saida(pasta, sobrescrever=True)


def test_caminho_livre(tmp_path):
    foto = tmp_path / "foto.png"
    assert imagens.caminho_livre(foto) == foto
    foto.write_bytes(b"x")
    assert imagens.caminho_livre(foto) == tmp_path / "foto_1.png"
    (tmp_path / "foto_1.png").write_bytes(b"x")
    assert imagens.caminho_livre(str(foto)) == tmp_path / "foto_2.png"


# ---------------------------------------------------------------------------
# lado_a_lado
# ---------------------------------------------------------------------------


def test_lado_a_lado_altura_padrao_e_a_menor(tmp_path):
    a = tf.fill((1, 40, 60, 3), 0.0)
    b = tf.fill((1, 80, 40, 3), 1.0)
    r = imagens.lado_a_lado([a, b])
    arr = _checar_convencao(r, 40, 60 + 20)
    np.testing.assert_allclose(arr[:, :60], 0.0)
    np.testing.assert_allclose(arr[:, 60:], 1.0, atol=1e-6)


def test_lado_a_lado_altura_explicita_e_caminhos(tmp_path):
    caminho = _png_rgb(tmp_path / "a.png", 50, 100)
    r = imagens.lado_a_lado([caminho, np.zeros((10, 10, 3), dtype=np.uint8)], altura=20)
    _checar_convencao(r, 20, 10 + 20)


def test_lado_a_lado_vazio():
    with pytest.raises(ErroParametro):
        imagens.lado_a_lado([])
