"""A linha de comando: ajuda em português, erros de uso, barra de progresso e a transferência de ponta a ponta.

As execuções de verdade rodam no mesmo processo (`principal([...])`, o mesmo ponto de entrada do script
`estilo`), em imagens pequenas e poucos passos; só a ajuda e dois erros rodam num subprocesso, como o
usuário os veria.
"""

import io
import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf

from estilo.__main__ import principal
from estilo.cli import progresso, transferir_opcoes as opcoes
from estilo.nucleo import dados, imagens, perdas
from estilo.gatys import transferencia
from apoio import RAIZ, precisa_espelho, rodar as _rodar


def _subprocesso(*argv, cwd=None):
    ambiente = dict(os.environ, PYTHONPATH=str(RAIZ))
    ambiente.pop("TF_CPP_MIN_LOG_LEVEL", None)  # a própria linha de comando o define
    return subprocess.run(
        [sys.executable, "-m", "estilo", *map(str, argv)], capture_output=True, text=True, cwd=cwd,
        env=ambiente, timeout=120, check=False,
    )


# ---------------------------------------------------------------------------
# Ajuda, versão, catálogo e erros de uso (sem TensorFlow)
# ---------------------------------------------------------------------------


def test_ajuda_em_portugues_no_subprocesso():
    r = _subprocesso("--help")
    assert r.returncode == 0, r.stderr
    ajuda = r.stdout
    assert ajuda.startswith("uso: estilo CONTEUDO ESTILO")
    for opcao in ("--lado", "--passos", "--otimizador", "--peso-conteudo", "--peso-estilo", "--peso-tv",
                  "--pesos-estilos", "--lado-a-lado", "--escala-estilo", "--inicio", "--semente",
                  "--preservar-cores", "--rede", "--pooling", "--precisao", "--pesos", "--camadas-conteudo",
                  "--camadas-estilo", "--checkpoint-cada", "--sobrescrever", "--silencioso", "--listar",
                  "--exemplo"):
        assert opcao in ajuda, opcao
    for ingles in ("usage:", "options:", "positional arguments", "show this help"):
        assert ingles not in ajuda
    assert "mostra esta ajuda e sai" in ajuda


def test_ajuda_e_listar_nao_importam_o_tensorflow():
    codigo = (
        "import sys, contextlib, io\n"
        "from estilo.__main__ import principal\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert principal(['--help']) == 0 and principal(['--listar']) == 0\n"
        "print('tensorflow' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(RAIZ)), timeout=60, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_erro_do_usuario_no_subprocesso_sem_traceback(tmp_path):
    # um nome errado é recusado antes de importar o TensorFlow (resposta imediata)
    r = _subprocesso("foto_que_nao_existe.jpg", "noite_estrelada", "-o", "x.png", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.startswith("estilo: erro: Arquivo não encontrado: 'foto_que_nao_existe.jpg'")
    assert "Traceback" not in r.stderr and "--listar" in r.stderr
    assert not (tmp_path / "x.png").exists()


def test_erro_depois_de_importar_o_tensorflow_sem_ruido_do_c(tmp_path):
    """Saída que já existe: o TensorFlow foi importado, mas o log do C++ (absl/oneDNN) não aparece."""
    (tmp_path / "foto.png").write_bytes(b"")
    existente = tmp_path / "saida.png"
    existente.write_bytes(b"nao mexa")
    r = _subprocesso(tmp_path / "foto.png", tmp_path / "foto.png", "-o", existente)
    assert r.returncode == 1
    assert "já existe" in r.stderr and "--sobrescrever" in r.stderr
    for ruido in ("Traceback", "absl::InitializeLog", "oneDNN", "I0000"):
        assert ruido not in r.stderr, r.stderr
    assert existente.read_bytes() == b"nao mexa"


def test_versao_e_listar(capsys):
    codigo, out, _ = _rodar(capsys, "--versao")
    assert codigo == 0 and out.strip().startswith("estilo ")
    codigo, out, err = _rodar(capsys, "--listar")
    assert codigo == 0 and err == ""
    for nome in dados.listar():
        assert f"  {nome} " in out
    assert out.index("Fotos (conteúdo)") < out.index("astronauta_eileen_collins") < out.index("Pinturas (estilo)")


@pytest.mark.parametrize(
    "argv, trecho",
    [
        ([], "Faltou a foto (CONTEUDO)"),
        (["foto.jpg"], "pelo menos uma pintura"),
        (["foto.jpg", "pintura.jpg"], "-o SAIDA"),
        (["a", "b", "-o", "x.png", "--nao-existe"], "argumentos não reconhecidos: --nao-existe"),
        (["a", "b", "-o", "x.png", "--otimizador", "sgd"], "argumento --otimizador: opção inválida: 'sgd'"),
        (["a", "b", "-o", "x.png", "--rede", "resnet"], "escolha entre 'vgg16', 'vgg19'"),
        (["a", "b", "-o", "x.png", "--lado"], "argumento --lado: esperava um valor"),
        (["a", "b", "-o", "x.png", "--pesos-estilos"], "esperava pelo menos um valor"),
        (["a", "b", "-o", "x.png", "--lado", "grande"], "deve ser um número inteiro, não 'grande'"),
        (["--exemplo", "foto.jpg"], "--exemplo não aceita imagens"),
        (["a", "b", "-o", "x.png", "--camadas-estilo", "block6_conv1"], "não tem block6_conv1"),
        (["a", "b", "-o", "x.png", "--rede", "vgg16", "--camadas-conteudo", "block3_conv4"], "Camadas disponíveis"),
    ],
)
def test_erros_de_uso_em_portugues_codigo_2(capsys, tmp_path, monkeypatch, argv, trecho):
    monkeypatch.chdir(tmp_path)
    codigo, out, err = _rodar(capsys, *argv)
    assert codigo == 2
    assert trecho in err
    assert err.rstrip().splitlines()[-1].startswith("estilo: erro: ")
    for ingles in ("usage:", "error:", "invalid choice", "expected one", "unrecognized", "Traceback"):
        assert ingles not in err
    assert out == "" and list(tmp_path.iterdir()) == []


def test_camadas_da_vgg19_valem_com_rede_vgg19(capsys, tmp_path):
    """As camadas que só a VGG19 tem (conferidas na arquitetura do Keras) rodam com --rede vgg19 e são
    recusadas com vgg16. Pesos aleatórios num arquivo (--pesos): nada é baixado."""
    import keras

    def convolucoes(construtor):
        return {c.name for c in construtor(weights=None, include_top=False).layers if "conv" in c.name}

    so_da_vgg19 = sorted(convolucoes(keras.applications.VGG19) - convolucoes(keras.applications.VGG16))
    assert so_da_vgg19 == ["block3_conv4", "block4_conv4", "block5_conv4"]
    pesos = tmp_path / "vgg19_aleatoria.weights.h5"
    keras.applications.VGG19(weights=None, include_top=False).save_weights(pesos)
    foto = tmp_path / "foto.png"
    imagens.salvar(tf.random.stateless_uniform((1, 40, 48, 3), seed=[1, 2]), foto)
    argv = [foto, foto, "--lado", 48, "--passos", 1, "--pesos", pesos, "--camadas-conteudo", "block4_conv4",
            "--camadas-estilo", *so_da_vgg19]
    codigo, out, err = _rodar(capsys, *argv, "-o", tmp_path / "vgg16.png", "--rede", "vgg16")
    assert codigo == 2 and "a VGG16 não tem block4_conv4" in err
    codigo, out, err = _rodar(capsys, *argv, "-o", tmp_path / "vgg19.png", "--rede", "vgg19")
    assert codigo == 0, err
    assert "Resultado: 1 passos" in out and f"Pesos VGG19: arquivo {pesos}" in out
    assert imagens.carregar(tmp_path / "vgg19.png", lado_minimo=None).shape == (1, 40, 48, 3)


def test_tf_cpp_min_log_level(monkeypatch, capsys):
    monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
    assert principal(["--versao"]) == 0
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "2"
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "0")  # a escolha do usuário é respeitada
    assert principal(["--versao"]) == 0
    assert os.environ["TF_CPP_MIN_LOG_LEVEL"] == "0"
    capsys.readouterr()


def test_nome_parecido_do_catalogo_e_sugerido(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    codigo, _, err = _rodar(capsys, "noite_estreladaa", "o_grito", "-o", "x.png")
    assert codigo == 1 and "Você quis dizer noite_estrelada?" in err


# ---------------------------------------------------------------------------
# Barra de progresso
# ---------------------------------------------------------------------------


PERDAS = {"conteudo": 1.0, "estilo": 2.5e6, "tv": 3.0, "total": 2.500004e6}


def test_barra_sem_terminal_escreve_linhas_periodicas():
    fluxo = io.StringIO()
    barra = progresso.Barra(40, fluxo=fluxo, terminal=False)
    for passo in range(1, 41):
        barra.atualizar(passo, PERDAS, 5.0 + 0.5 * (passo - 1))
    barra.fechar()
    linhas = fluxo.getvalue().splitlines()
    assert "\r" not in fluxo.getvalue()  # nada de barra redesenhada num log
    assert [linha.split()[1] for linha in linhas] == [f"{n}/40" for n in (1, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40)]
    meio = linhas[5]  # passo 20, aos 14,5 s: 20 passos feitos, 20 faltando no mesmo ritmo
    assert meio.startswith("passo 20/40  50% [00:14<00:14,")
    assert "custo 2,5 × 10⁶ (conteúdo 1 · estilo 2,5 × 10⁶ · variação total 3)" in meio
    assert "100%" in linhas[-1] and "<00:00" in linhas[-1]


def test_barra_sem_terminal_mostra_sinal_de_vida_em_execucoes_lentas():
    fluxo = io.StringIO()
    barra = progresso.Barra(100, fluxo=fluxo, terminal=False, intervalo_s=0.0)
    for passo in range(1, 21):
        barra.atualizar(passo, PERDAS, float(passo))
    passos = [int(linha.split()[1].split("/")[0]) for linha in fluxo.getvalue().splitlines()]
    # com intervalo 0, uma linha por passo, menos logo antes de cada marca de 10% (que vem em seguida)
    assert passos == [1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 20]


def test_imprimir_cada_escolhe_as_linhas():
    fluxo = io.StringIO()
    barra = progresso.Barra(100, fluxo=fluxo, terminal=False, cada=25)
    for passo in range(1, 101):
        barra.atualizar(passo, PERDAS, float(passo))
    assert [int(linha.split()[1].split("/")[0]) for linha in fluxo.getvalue().splitlines()] == [25, 50, 75, 100]
    calado = io.StringIO()
    barra = progresso.Barra(100, fluxo=calado, terminal=False, cada=0)
    for passo in range(1, 101):
        barra.atualizar(passo, PERDAS, float(passo))
    assert calado.getvalue() == ""


def test_barra_no_terminal_e_a_do_tqdm_com_as_perdas():
    fluxo = io.StringIO()
    barra = progresso.Barra(300, fluxo=fluxo, terminal=True, cada=150)
    barra.atualizar(1, {"total": 123456789.0, "conteudo": 1, "estilo": 2, "tv": 3}, 2.0)
    barra.atualizar(150, PERDAS, 2.0 + 149 * 0.2)
    barra.escrever("uma mensagem no meio", fluxo)
    barra.fechar()
    texto = fluxo.getvalue()
    assert "\r" in texto  # a barra se redesenha na mesma linha
    assert "150/300" in texto
    assert "custo 2,5 × 10⁶ (conteúdo 1 · estilo 2,5 × 10⁶ · variação total 3)" in texto
    assert "passo 150/300  50%" in texto  # --imprimir-cada 150: uma linha acima da barra
    assert "uma mensagem no meio\n" in texto and texto.endswith("\n")


# ---------------------------------------------------------------------------
# Transferência de ponta a ponta
# ---------------------------------------------------------------------------


@precisa_espelho
def test_foto_e_pintura_viram_imagem_com_o_estilo_da_pintura(capsys, tmp_path, extrator):
    """O critério da issue: distância de estilo (Gram) bem menor que a da foto, conteúdo reconhecível,
    tempo e perdas impressos. Igual a `python -m estilo foto pintura -o saida.png --lado 256`, só que menor."""
    foto, pintura = dados.caminho("cafe"), dados.caminho("noite_estrelada")
    saida = tmp_path / "saida.png"
    codigo, out, err = _rodar(capsys, foto, pintura, "-o", saida, "--lado", 96, "--passos", 60)
    assert codigo == 0, err
    assert "Traceback" not in err

    resultado = imagens.carregar(saida, lado_minimo=None)
    foto_t = imagens.carregar(foto, lado_maximo=96)
    assert resultado.shape == foto_t.shape
    camadas = [c for c in extrator.camadas if c != "block4_conv2"]
    alvo = {c: v for c, v in extrator(imagens.carregar(pintura, lado_maximo=96)).items() if c in camadas}

    def distancia(img):
        return float(perdas.distancia_estilo({c: v for c, v in extrator(img).items() if c in camadas}, alvo))

    assert distancia(resultado) < 0.2 * distancia(foto_t)
    cinza = [tf.image.rgb_to_grayscale(t).numpy().ravel() for t in (resultado, foto_t)]
    assert np.corrcoef(*cinza)[0, 1] > 0.5

    assert "Resultado: 60 passos em " in out and "s/passo" in out
    for termo in ("conteúdo ", "estilo ", "variação total ", "total "):
        assert termo in out.split("Resultado:")[1]
    assert f"Imagem salva em: {saida}" in out
    assert "passo 60/60" in err  # a barra (linhas periódicas, pois o stderr aqui não é terminal)
    assert not saida.with_name("saida.png.lock").exists()


@precisa_espelho
def test_exemplo_sem_argumentos_nunca_sobrescreve(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # só os passos reduzidos para o teste; o resto (foto, pintura, 512 px do grosso ao fino) vem do --exemplo
    codigo, out, err = _rodar(capsys, "--exemplo", "--passos", 2)
    assert codigo == 0, err
    primeiro = tmp_path / "saidas" / "exemplo.png"
    assert primeiro.is_file() and "Imagem salva em: saidas/exemplo.png" in out
    assert dados.info(opcoes.EXEMPLO["conteudo"])["arquivo"] in out and "noite_estrelada.jpg" in out
    assert f"Otimizando {opcoes.EXEMPLO['lado']}×" in out and "2 + 2 passos de LBFGS" in out
    assert "em 2 escalas (256, 512 px)" in out and "cerca de um minuto numa CPU de 2 núcleos" in out
    assert max(imagens.carregar(primeiro, lado_minimo=None).shape[1:3]) == opcoes.EXEMPLO["lado"]
    bytes_antes = primeiro.read_bytes()

    codigo, out, err = _rodar(capsys, "--exemplo", "--lado", 48, "--passos", 1, "--silencioso")
    assert codigo == 0, err
    assert out == ""  # silencioso: nem barra, nem resumo, nem a origem dos pesos
    assert "aviso: 'saidas/exemplo.png' já existe" in err and "saidas/exemplo_1.png" in err
    assert primeiro.read_bytes() == bytes_antes
    assert max(imagens.carregar(tmp_path / "saidas" / "exemplo_1.png", lado_minimo=None).shape[1:3]) == 48


@precisa_espelho
def test_opcoes_chegam_a_transferir(capsys, tmp_path, monkeypatch):
    """Várias opções numa execução só: cada uma chega a `transferir` com o valor pedido."""
    chamadas = []
    original = transferencia.transferir

    def espiao(*args, **kwargs):
        chamadas.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(transferencia, "transferir", espiao)
    saida = tmp_path / "o.jpg"
    saida.write_bytes(b"antigo")
    codigo, out, err = _rodar(
        capsys, "cafe", "noite_estrelada", "-o", saida, "--sobrescrever", "--lado", 64,
        "--passos", 3, "--otimizador", "adam", "--taxa", "0,05", "--peso-conteudo", 2e3, "--peso-estilo", 5,
        "--peso-tv", 0, "--escala-estilo", 0.5, "--inicio", 0.25, "--semente", 7,
        "--preservar-cores", "--pooling", "media", "--camadas-conteudo", "block3_conv2",
        "--camadas-estilo", "block1_conv1", "block2_conv1", "--checkpoint-cada", 2,
    )
    assert codigo == 0, err
    (kw,) = chamadas
    assert kw["otimizador"] == "adam" and kw["taxa"] == pytest.approx(0.05) and kw["passos"] == 3
    assert (kw["peso_conteudo"], kw["peso_estilo"], kw["peso_tv"]) == (2e3, 5.0, 0.0)
    assert kw["escala_estilo"] == 0.5 and kw["inicio"] == 0.25 and kw["semente"] == 7
    assert kw["preservar_cores_originais"] is True and kw["extrator"].pooling == "media"
    assert kw["camadas_conteudo"] == ["block3_conv2"] and kw["camadas_estilo"] == ["block1_conv1", "block2_conv1"]
    assert imagens.carregar(saida).shape[1:3] == imagens.carregar(dados.caminho("cafe"), lado_maximo=64).shape[1:3]
    pasta = tmp_path / "o_checkpoints"
    assert sorted(p.name for p in pasta.iterdir()) == ["passo_000002.png"]
    assert f"Checkpoints em: {pasta}" in out


@precisa_espelho
def test_mistura_com_pesos_e_lado_a_lado(capsys, tmp_path, monkeypatch):
    pedidos = []
    original = transferencia.transferir
    monkeypatch.setattr(transferencia, "transferir", lambda *a, **k: pedidos.append((a, k)) or original(*a, **k))
    comum = ["cafe", "o_grito", "a_grande_onda", "--lado", 64, "--passos", 1]
    codigo, _, err = _rodar(capsys, *comum, "-o", tmp_path / "m.png", "--pesos-estilos", 0.7, 0.3)
    assert codigo == 0, err
    codigo, out, err = _rodar(capsys, *comum, "-o", tmp_path / "l.png", "--lado-a-lado")
    assert codigo == 0, err
    (a_mistura, k_mistura), (a_colado, k_colado) = pedidos
    assert len(a_mistura[1]) == 2 and k_mistura["pesos_estilos"] == [0.7, 0.3]
    (colado,) = a_colado[1]
    larguras = [int(e.shape[2]) for e in a_mistura[1]]
    alturas = [int(e.shape[1]) for e in a_mistura[1]]
    # as duas pinturas na mesma altura (a menor), uma ao lado da outra, sem encolher a colagem
    assert int(colado.shape[1]) == min(alturas)
    assert int(colado.shape[2]) == pytest.approx(sum(w * min(alturas) / h for w, h in zip(larguras, alturas)), abs=2)
    assert "as 2 pinturas lado a lado" in out and k_colado["pesos_estilos"] is None
    assert round(max(a_colado[0].shape[1:3]) * k_colado["escala_estilo"]) >= int(colado.shape[2])


def test_padroes_da_linha_de_comando_sao_os_da_api():
    import inspect

    from estilo.gatys.transferencia import transferir

    assinatura = inspect.signature(transferir).parameters
    for nome, valor in opcoes.PADROES.items():
        api = {"lado": "lado_maximo"}.get(nome, nome)
        assert api in assinatura, f"transferir não tem mais o parâmetro {api!r} (padrão da CLI: {nome})"
        assert assinatura[api].default == valor, nome


def test_inicio_aceita_cores():
    args = opcoes.construir_parser().parse_intermixed_args(["foto.jpg", "pintura.jpg", "-o", "x.png", "--inicio",
                                                            "Cores"])
    assert args.inicio == "cores"
