"""A galeria do README: os trabalhos certos, uma execução minúscula e o JPEG dentro do limite."""

import numpy as np
import pytest
from PIL import Image

from estilo.curso import galeria
from estilo.nucleo import dados


def test_trabalhos_sao_os_da_galeria_com_os_pesos_das_licoes():
    por_nome = {t.nome: t for t in galeria.trabalhos()}
    assert list(por_nome) == ["van_gogh", "rabisco_pintado", "terror_goya", "grade_alfa_beta"]
    assert (por_nome["van_gogh"].conteudo, por_nome["van_gogh"].estilo) == ("ponte_golden_gate", "noite_estrelada")
    assert por_nome["terror_goya"].opcoes["peso_estilo"] == 30.0  # BETA_TERROR da lição 05
    assert por_nome["terror_goya"].opcoes["escala_estilo"] == 0.5  # Saturno com metade do lado: pinceladas visíveis
    assert por_nome["van_gogh"].opcoes == {"peso_conteudo": 1e4, "peso_estilo": 1.0, "peso_tv": 300.0}
    assert por_nome["grade_alfa_beta"].opcoes == {"peso_conteudo": 1e4, "peso_tv": 30.0}
    # o γ da lição (feita a 256 px; a grade, a 128) levado ao lado da galeria: a variação total cresce com a área
    assert por_nome["van_gogh"].opcoes_em(256)["peso_tv"] == 300.0
    assert por_nome["van_gogh"].opcoes_em(1024) == {"peso_conteudo": 1e4, "peso_estilo": 1.0, "peso_tv": 18.75}
    assert por_nome["grade_alfa_beta"].opcoes_em(512)["peso_tv"] == pytest.approx(30.0 / 16)
    catalogo = set(dados.listar())
    for t in por_nome.values():
        assert t.estilo in catalogo and (t.conteudo in catalogo or t.conteudo == "rabisco")


def test_rabisco_e_desenhado_no_tamanho_final():
    (rabisco,) = [t for t in galeria.trabalhos() if t.conteudo == "rabisco"]
    assert galeria._conteudo(rabisco, 1024).size == (1024, 768)


def test_foto_pequena_e_ampliada_ate_o_lado_pedido():
    (terror,) = [t for t in galeria.trabalhos() if t.nome == "terror_goya"]  # a astronauta tem 512 px
    assert max(galeria._conteudo(terror, 1024, falar=lambda _: None).size) == 1024


def test_uma_imagem_minuscula_sai_em_jpeg_com_o_lado_pedido(tmp_path, extrator):
    (van_gogh,) = [t for t in galeria.trabalhos() if t.nome == "van_gogh"]
    caminho = galeria.fazer(van_gogh, lado=80, passos=2, pasta=tmp_path, extrator=extrator, falar=lambda _: None)
    assert caminho == tmp_path / "van_gogh.jpg"
    with Image.open(caminho) as img:
        assert img.format == "JPEG" and max(img.size) == 80


def test_salvar_jpeg_baixa_a_qualidade_ate_caber(tmp_path):
    ruido = Image.fromarray(np.random.default_rng(0).integers(0, 256, (512, 512, 3), dtype=np.uint8))
    qualidade = galeria.salvar_jpeg(ruido, tmp_path / "r.jpg", kb_maximo=150)  # 178 KB em qualidade 85
    assert qualidade < 85 and (tmp_path / "r.jpg").stat().st_size <= 150 * 1024
    assert galeria.salvar_jpeg(Image.new("RGB", (64, 64), "red"), tmp_path / "v.jpg") == 85


def test_nome_desconhecido_e_recusado_pela_linha_de_comando(capsys):
    with pytest.raises(SystemExit) as saida:
        galeria.main(["--so", "dois_estilos"])
    assert saida.value.code == 2
    assert "van_gogh" in capsys.readouterr().err
