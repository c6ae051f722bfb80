"""Testes de estilo.nucleo.dados: catálogo, créditos, espelho, cache e download conferido por sha256."""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
import requests
from PIL import Image

from estilo.nucleo import dados, download
from estilo.nucleo.erros import AvisoEstilo, ErroDownload, ErroImagem, ErroParametro
from apoio import ESPELHO, RAIZ, precisa_espelho

CAMPOS = {
    "nome", "arquivo", "titulo", "autor", "ano", "licenca", "repositorio", "caminho",
    "commit", "sha256", "bytes", "largura", "altura", "tipo", "url",
}


@pytest.fixture(autouse=True)
def isolar(monkeypatch, tmp_path, rede):
    """Cache isolado, sem espelho e sem internet (a rede falsa falha até alguém chamar ``rede.servir``)."""
    monkeypatch.setenv("ESTILO_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ESTILO_IMAGENS", raising=False)


@pytest.fixture
def catalogo_falso(monkeypatch):
    """Troca o catálogo por uma imagem pequena gerada aqui; devolve (nome, bytes)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(buffer, format="PNG")
    conteudo = buffer.getvalue()
    entrada = {
        "nome": "teste", "arquivo": "teste.png", "titulo": "Teste", "autor": "Ninguém", "ano": "2024",
        "licenca": "CC0 1.0: gerada no teste.", "repositorio": "exemplo/repo", "caminho": "img/teste.png",
        "commit": "0123456789abcdef0123456789abcdef01234567",
        "sha256": hashlib.sha256(conteudo).hexdigest(), "bytes": len(conteudo), "largura": 64, "altura": 48,
        "tipo": "conteudo", "url": "https://exemplo.org/img/teste.png",
    }
    monkeypatch.setattr(dados, "_catalogo", lambda: {"teste": entrada})
    return "teste", conteudo


def _arquivos(pasta):
    pasta = Path(pasta)
    return sorted(p.name for p in pasta.rglob("*") if p.is_file()) if pasta.exists() else []


# ---------------------------------------------------------------------------
# Catálogo
# ---------------------------------------------------------------------------


def test_listar():
    todos = dados.listar()
    assert len(todos) == 17 and len(set(todos)) == 17
    estilos, conteudos = dados.listar("estilo"), dados.listar("conteudo")
    assert len(estilos) == 10 and len(conteudos) == 7
    assert set(estilos) | set(conteudos) == set(todos)
    assert "noite_estrelada" in estilos and "gata_chelsea" in conteudos
    assert dados.listar("conteúdo") == conteudos
    with pytest.raises(ErroParametro, match="'estilo', 'conteudo'"):
        dados.listar("pintura")


def test_catalogo_completo_e_coerente():
    for nome in dados.listar():
        e = dados.info(nome)
        assert set(e) == CAMPOS
        assert e["nome"] == Path(e["arquivo"]).stem
        assert len(e["sha256"]) == 64 and len(e["commit"]) == 40
        assert e["url"].startswith("https://raw.githubusercontent.com/" + e["repositorio"] + "/" + e["commit"])
        assert e["url"].endswith(e["caminho"])
        assert e["tipo"] in ("estilo", "conteudo")
        assert e["bytes"] > 0 and e["largura"] > 0 and e["altura"] > 0


@pytest.mark.skipif(not (ESPELHO / "catalogo.json").is_file(), reason="catálogo de origem indisponível")
def test_catalogo_confere_com_a_origem():
    origem = {e["arquivo"]: e for e in json.loads((ESPELHO / "catalogo.json").read_text(encoding="utf-8"))}
    assert {dados.info(n)["arquivo"] for n in dados.listar()} == set(origem)
    for nome in dados.listar():
        e = dados.info(nome)
        assert {k: v for k, v in e.items() if k != "nome"} == {k: origem[e["arquivo"]][k] for k in CAMPOS - {"nome"}}


def test_info_devolve_copia():
    e = dados.info("noite_estrelada")
    assert e["autor"].startswith("Vincent van Gogh") and e["tipo"] == "estilo"
    e["autor"] = "outro"
    assert dados.info("noite_estrelada")["autor"].startswith("Vincent van Gogh")
    assert dados.info("noite_estrelada.jpg")["nome"] == "noite_estrelada"


def test_nome_desconhecido_sugere_parecidos():
    with pytest.raises(ErroParametro, match="não está no catálogo") as exc:
        dados.info("noite_estrelda")
    mensagem = str(exc.value)
    assert "Você quis dizer 'noite_estrelada'" in mensagem
    assert "gata_chelsea" in mensagem  # lista os nomes válidos
    with pytest.raises(ErroParametro):
        dados.caminho("xyz_inexistente")
    with pytest.raises(ErroParametro):
        dados.info(42)


def test_creditos():
    linha = dados.creditos("noite_estrelada")
    assert linha == (
        "A Noite Estrelada (De sterrennacht / The Starry Night) — Vincent van Gogh (1853–1890), 1889. "
        "Domínio público. Fonte: jcjohnson/neural-style@07c4b82/examples/inputs/starry_night.jpg"
    )
    assert "CC0 1.0. Fonte: scikit-image/scikit-image@cd0a3d2/" in dados.creditos("cafe")
    assert "ano não informado" in dados.creditos("cafe")
    for nome in dados.listar():
        assert "\n" not in dados.creditos(nome)


def test_arquivo_de_creditos_lista_todas_as_imagens():
    texto = (RAIZ / "imagens" / "CREDITOS.md").read_text(encoding="utf-8")
    for nome in dados.listar():
        e = dados.info(nome)
        assert e["sha256"] in texto and e["url"] in texto and e["arquivo"] in texto
    assert "ESTILO_IMAGENS" in texto


# ---------------------------------------------------------------------------
# Espelho ESTILO_IMAGENS
# ---------------------------------------------------------------------------


@precisa_espelho
def test_caminho_pelo_espelho(monkeypatch, tmp_path):
    monkeypatch.setenv("ESTILO_IMAGENS", str(ESPELHO))
    caminho = dados.caminho("noite_estrelada")
    assert caminho == ESPELHO / "noite_estrelada.jpg"
    assert _arquivos(tmp_path / "cache") == []  # nada foi copiado nem baixado
    # a verificação é memorizada por processo: a segunda chamada não relê o arquivo
    monkeypatch.setattr(dados.hashlib, "sha256", lambda *a: pytest.fail("sha256 recalculado"))
    assert dados.caminho("noite_estrelada") == caminho


@precisa_espelho
def test_carregar_pelo_espelho(monkeypatch):
    monkeypatch.setenv("ESTILO_IMAGENS", str(ESPELHO))
    t = dados.carregar("noite_estrelada", lado_maximo=128)
    assert tuple(t.shape) == (1, 80, 128, 3)


@precisa_espelho
def test_espelho_corrompido_nao_e_usado(monkeypatch, tmp_path, rede):
    espelho = tmp_path / "espelho"
    espelho.mkdir()
    original = ESPELHO / "gata_chelsea.png"
    copia = espelho / "gata_chelsea.png"
    shutil.copyfile(original, copia)
    conteudo = bytearray(copia.read_bytes())
    conteudo[1000] ^= 0xFF
    copia.write_bytes(bytes(conteudo))
    monkeypatch.setenv("ESTILO_IMAGENS", str(espelho))
    rede.servir(original.read_bytes())
    with pytest.warns(AvisoEstilo, match="não confere"):
        caminho = dados.caminho("gata_chelsea")
    assert caminho != copia
    assert caminho == tmp_path / "cache" / "imagens" / "gata_chelsea.png"
    assert caminho.read_bytes() == original.read_bytes()
    assert len(rede.pedidos) == 1


def test_espelho_inexistente_avisa(monkeypatch, tmp_path, catalogo_falso, rede):
    nome, conteudo = catalogo_falso
    monkeypatch.setenv("ESTILO_IMAGENS", str(tmp_path / "nao_existe"))
    rede.servir(conteudo)
    with pytest.warns(AvisoEstilo, match="ESTILO_IMAGENS"):
        assert dados.caminho(nome).read_bytes() == conteudo


def test_espelho_usado_quando_confere(monkeypatch, tmp_path, catalogo_falso):
    nome, conteudo = catalogo_falso
    (tmp_path / "espelho").mkdir()
    (tmp_path / "espelho" / "teste.png").write_bytes(conteudo)
    monkeypatch.setenv("ESTILO_IMAGENS", str(tmp_path / "espelho"))
    assert dados.caminho(nome) == tmp_path / "espelho" / "teste.png"


# ---------------------------------------------------------------------------
# Download e cache
# ---------------------------------------------------------------------------


def test_sem_internet(tmp_path, catalogo_falso, rede):
    nome, _ = catalogo_falso
    with pytest.raises(ErroDownload) as exc:
        dados.caminho(nome)
    mensagem = str(exc.value)
    assert "conexão com a internet" in mensagem and "ESTILO_IMAGENS" in mensagem
    assert "https://exemplo.org/img/teste.png" in mensagem and "rede inacessível" in mensagem
    assert exc.value.__cause__ is None and exc.value.__suppress_context__  # sem traceback do requests
    assert rede.pedidos == ["https://exemplo.org/img/teste.png"] * 2  # o pooch tentou de novo uma vez
    assert _arquivos(tmp_path / "cache") == []


def test_sem_internet_imagem_real(tmp_path):
    with pytest.raises(ErroDownload, match="ESTILO_IMAGENS"):
        dados.caminho("noite_estrelada")
    assert _arquivos(tmp_path / "cache") == []


def test_falha_passageira_e_superada_pela_nova_tentativa(tmp_path, catalogo_falso, rede, monkeypatch):
    nome, conteudo = catalogo_falso
    chamadas = []

    def instavel(url, timeout=None, **kwargs):
        chamadas.append(url)
        if len(chamadas) == 1:
            raise requests.exceptions.ConnectionError("conexão caiu")
        rede.servir(conteudo)
        return rede(url, timeout=timeout)

    monkeypatch.setattr(requests, "get", instavel)
    assert dados.caminho(nome).read_bytes() == conteudo
    assert len(chamadas) == 2


def test_tempo_esgotado(tmp_path, catalogo_falso, rede):
    nome, _ = catalogo_falso
    rede.falhar(requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(ErroDownload, match="não respondeu em 20 s"):
        dados.caminho(nome)
    assert _arquivos(tmp_path / "cache") == []


def test_erro_http(tmp_path, catalogo_falso, rede):
    nome, _ = catalogo_falso
    rede.servir(b"", status=404)
    with pytest.raises(ErroDownload, match=r"respondeu 404 \(Not Found\)"):
        dados.caminho(nome)
    assert _arquivos(tmp_path / "cache") == []


def test_download_vazio(tmp_path, catalogo_falso, rede):
    nome, _ = catalogo_falso
    rede.servir(b"")
    with pytest.raises(ErroDownload, match="vazio"):
        dados.caminho(nome)
    assert _arquivos(tmp_path / "cache") == []


def test_download_com_sha256_errado_e_descartado(tmp_path, catalogo_falso, rede):
    nome, conteudo = catalogo_falso
    adulterado = bytearray(conteudo)
    adulterado[-20] ^= 0xFF
    rede.servir(bytes(adulterado))
    with pytest.raises(ErroDownload, match="sha256") as exc:
        dados.caminho(nome)
    assert "descartei" in str(exc.value)
    assert _arquivos(tmp_path / "cache") == []  # nem o arquivo final nem o temporário


def test_download_maior_que_o_esperado_e_interrompido(tmp_path, catalogo_falso, rede):
    nome, conteudo = catalogo_falso
    rede.servir(conteudo + b"\0" * 200_000)
    with pytest.raises(ErroDownload, match="mais que o esperado"):
        dados.caminho(nome)
    assert _arquivos(tmp_path / "cache") == []


def test_download_bom_vai_para_o_cache_e_e_reusado(tmp_path, catalogo_falso, rede):
    nome, conteudo = catalogo_falso
    rede.servir(conteudo)
    caminho = dados.caminho(nome)
    assert caminho == tmp_path / "cache" / "imagens" / "teste.png"
    assert caminho.read_bytes() == conteudo
    assert rede.pedidos == ["https://exemplo.org/img/teste.png"]
    assert rede.timeouts == [20]
    assert _arquivos(tmp_path / "cache") == ["teste.png"]
    assert dados.caminho(nome) == caminho
    assert len(rede.pedidos) == 1  # reusado do cache, sem novo download
    t = dados.carregar(nome)
    assert tuple(t.shape) == (1, 48, 64, 3)


def test_download_com_barra_de_progresso(tmp_path, catalogo_falso, rede, capsys):
    nome, conteudo = catalogo_falso
    rede.servir(conteudo)
    assert dados.caminho(nome, progresso=True).read_bytes() == conteudo
    assert "Baixando teste.png" in capsys.readouterr().err


def test_cache_corrompido_e_baixado_de_novo(tmp_path, catalogo_falso, rede):
    nome, conteudo = catalogo_falso
    em_cache = tmp_path / "cache" / "imagens" / "teste.png"
    em_cache.parent.mkdir(parents=True)
    em_cache.write_bytes(b"lixo")
    rede.servir(conteudo)
    with pytest.warns(AvisoEstilo, match="corrompida"):
        assert dados.caminho(nome) == em_cache
    assert em_cache.read_bytes() == conteudo and len(rede.pedidos) == 1


@precisa_espelho
def test_download_simulado_com_bytes_reais(tmp_path, rede):
    real = (ESPELHO / "cafe.png").read_bytes()
    rede.servir(real)
    caminho = dados.caminho("cafe")
    assert caminho == tmp_path / "cache" / "imagens" / "cafe.png"
    assert hashlib.sha256(caminho.read_bytes()).hexdigest() == dados.info("cafe")["sha256"]
    assert rede.pedidos == [dados.info("cafe")["url"]]
    rede.falhar(AssertionError("baixou de novo"))
    assert dados.caminho("cafe") == caminho


def test_baixar_sem_sha256(tmp_path, rede):
    rede.servir(b"conteudo qualquer")
    destino = download.baixar("https://exemplo.org/x.bin", tmp_path / "sub" / "x.bin")
    assert destino == tmp_path / "sub" / "x.bin"
    assert destino.read_bytes() == b"conteudo qualquer"
    assert _arquivos(tmp_path / "sub") == ["x.bin"]


def test_baixar_pasta_impossivel(tmp_path, rede):
    (tmp_path / "arquivo.txt").write_text("x")
    rede.servir(b"abc")
    with pytest.raises(ErroDownload, match="gravar"):
        download.baixar("https://exemplo.org/x.bin", tmp_path / "arquivo.txt" / "x.bin")


def test_baixar_endereco_invalido(tmp_path, monkeypatch):
    monkeypatch.setattr(requests, "get", requests.api.get)  # o requests recusa antes de ir à rede
    with pytest.raises(ErroDownload, match="Endereço inválido"):
        download.baixar("https://", tmp_path / "x.bin")


def test_pooch_nao_escreve_em_ingles(tmp_path, rede):
    import logging

    import pooch

    registros = []
    coletor = logging.Handler()
    coletor.emit = registros.append
    pooch.get_logger().addHandler(coletor)
    try:
        rede.servir(b"abc")
        download.baixar("https://exemplo.org/x.bin", tmp_path / "x.bin")
    finally:
        pooch.get_logger().removeHandler(coletor)
    assert [r.getMessage() for r in registros] == []  # nada de "Downloading file ..." no terminal


# ---------------------------------------------------------------------------
# Resolver: nome do catálogo, caminho ou URL
# ---------------------------------------------------------------------------


def test_resolver_url_caminho_e_nome(monkeypatch, tmp_path, catalogo_falso):
    nome, conteudo = catalogo_falso
    assert dados.resolver(" https://exemplo.org/a.png ") == "https://exemplo.org/a.png"
    arquivo = tmp_path / "teste"  # um caminho existente vence o nome do catálogo
    arquivo.write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    assert dados.resolver("teste") == Path("teste")
    assert dados.resolver(arquivo) == arquivo
    arquivo.unlink()
    (tmp_path / "espelho").mkdir()
    (tmp_path / "espelho" / "teste.png").write_bytes(conteudo)
    monkeypatch.setenv("ESTILO_IMAGENS", str(tmp_path / "espelho"))
    assert dados.resolver("teste") == tmp_path / "espelho" / "teste.png"


def test_resolver_nome_errado_sugere_e_usa_a_dica():
    with pytest.raises(ErroImagem, match="Arquivo não encontrado: 'noite_estrelda.jpg'") as exc:
        dados.resolver("noite_estrelda.jpg", dica="Use --listar.")
    assert "Você quis dizer noite_estrelada?" in str(exc.value)
    assert str(exc.value).endswith("Use --listar.")
    with pytest.raises(ErroImagem, match="dados.listar"):
        dados.resolver("")
    with pytest.raises(ErroImagem, match="int"):
        dados.resolver(3)
