"""Linha de comando: ``python -m estilo CONTEUDO ESTILO [ESTILO ...] -o SAIDA`` (ou ``--exemplo``).

Códigos de saída: 0 sucesso; 1 erro (imagem, download, pesos, saída, NaN); 2 uso ou parâmetro
inválido; 130 interrompido com Ctrl-C (a melhor imagem até ali é salva).
"""

import argparse
import contextlib
import difflib
import importlib
import io
import math
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import warnings
from pathlib import Path

from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroImagem, ErroParametro, ErroPesos, ErroSaida

OK, ERRO, ERRO_USO, INTERROMPIDO = 0, 1, 2, 130

PADROES = {
    "lado": 512, "passos": 300, "otimizador": "lbfgs", "peso_conteudo": 1e4, "peso_estilo": 1.0, "peso_tv": 30.0,
    "escala_estilo": 1.0, "inicio": "conteudo", "semente": 0, "rede": "vgg16", "pooling": "max",
    "checkpoint_cada": 0,
}
"""Padrões da linha de comando: os mesmos de ``transferir`` (conferido em tests/test_cli.py)."""

EXEMPLO = {"conteudo": "cidade_praia_entardecer", "estilo": "noite_estrelada", "lado": 256, "passos": 150}
"""``--exemplo``: foto do catálogo com A Noite Estrelada, pequeno o bastante para uma CPU (~1 min)."""

SAIDA_EXEMPLO = Path("saidas") / "exemplo.png"

BYTES_POR_PIXEL = 3000
"""Memória de um passo (VGG16 + L-BFGS, float32) por pixel da imagem: ~2,7 kB medidos numa CPU."""

FRACAO_MEMORIA = 0.6
"""Fração da memória livre que uma execução pode ocupar antes de a foto ser reduzida."""


# ---------------------------------------------------------------------------
# argparse em português
# ---------------------------------------------------------------------------


class _ErroUso(Exception):
    """Erro de uso detectado pelo argparse (já traduzido)."""


_TRADUCOES = [
    (r"the following arguments are required: (.*)", r"faltam os argumentos obrigatórios: \1"),
    (r"unrecognized arguments: (.*)", r"argumentos não reconhecidos: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"opção inválida: \1 (escolha entre \2)"),
    (r"invalid \S+ value: (.*)", r"valor inválido: \1"),
    (r"expected one argument", "esperava um valor"),
    (r"expected at least one argument", "esperava pelo menos um valor"),
    (r"expected at most one argument", "esperava no máximo um valor"),
    (r"expected (\d+) arguments?", r"esperava \1 valores"),
    (r"not allowed with argument (.*)", r"não pode ser usado junto com \1"),
    (r"ambiguous option: (.*) could match (.*)", r"opção ambígua: \1 pode ser \2"),
    (r"one of the arguments (.*) is required", r"um dos argumentos \1 é obrigatório"),
    (r"ignored explicit argument (.*)", r"valor ignorado: \1"),
    (r"^argument (.*?): ", r"argumento \1: "),
]


def _traduzir(mensagem):
    """Traduz as mensagens de erro do próprio argparse (as nossas já vêm em português)."""
    for padrao, troca in _TRADUCOES:
        mensagem = re.sub(padrao, troca, mensagem)
    return mensagem


class _Formatador(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _ErroUso(_traduzir(message))


def _inteiro(minimo, maximo, nome="o valor"):
    def converter(texto):
        try:
            valor = int(str(texto).strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{nome} deve ser um número inteiro, não {texto!r}") from None
        if not minimo <= valor <= maximo:
            raise argparse.ArgumentTypeError(f"{nome} deve ser um inteiro entre {minimo} e {maximo}, não {valor}")
        return valor

    return converter


def _numero(minimo, maximo, aberto_em_minimo=False, nome="o valor"):
    def converter(texto):
        try:
            valor = float(str(texto).strip().replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{nome} deve ser um número, não {texto!r}") from None
        abaixo = valor <= minimo if aberto_em_minimo else valor < minimo
        if not math.isfinite(valor) or abaixo or valor > maximo:
            faixa = f"maior que {minimo:g}" if aberto_em_minimo else f"pelo menos {minimo:g}"
            raise argparse.ArgumentTypeError(
                f"{nome} deve ser um número finito, {faixa} e no máximo {maximo:g}, não {texto!r}".replace("e+", "e")
            )
        return valor

    return converter


def _inicio(texto):
    chave = str(texto).strip().lower().replace("ú", "u").replace("í", "i")
    if chave in ("conteudo", "ruido", "cores"):
        return chave
    try:
        valor = float(chave.replace(",", "."))
    except ValueError:
        valor = float("nan")
    if not 0.0 <= valor <= 1.0:
        raise argparse.ArgumentTypeError(
            f"use 'conteudo', 'ruido', 'cores' ou um número entre 0 e 1, não {texto!r}"
        )
    return valor


def construir_parser() -> argparse.ArgumentParser:
    """O parser da linha de comando, com ajuda em português."""
    p = _Parser(
        prog="estilo",
        usage=(
            "%(prog)s CONTEUDO ESTILO [ESTILO ...] -o SAIDA [opções]\n"
            "       %(prog)s --exemplo [-o SAIDA] [opções]\n"
            "       %(prog)s --listar\n"
            "       %(prog)s treinar ESTILO -o REDE.keras [opções]     (rede rápida; veja treinar --help)\n"
            "       %(prog)s estilizar REDE.keras FOTO|PASTA -o SAIDA  (usa a rede rápida)"
        ),
        description=(
            "Transferência de estilo neural (Gatys, Ecker e Bethge, 2015): pinta a foto CONTEUDO\n"
            "com o estilo de uma ou mais pinturas. Imagens podem ser caminhos, URLs ou nomes do\n"
            "catálogo de exemplos (veja --listar), como noite_estrelada."
        ),
        epilog=(
            "exemplos:\n"
            "  python -m estilo --exemplo\n"
            "  python -m estilo foto.jpg noite_estrelada -o saida.png --lado 256\n"
            "  python -m estilo foto.jpg o_grito a_grande_onda --pesos-estilos 0.7 0.3 -o mistura.png\n\n"
            "Códigos de saída: 0 sucesso, 1 erro, 2 uso ou parâmetro inválido, 130 interrompido (Ctrl-C;\n"
            "a melhor imagem até ali é salva)."
        ),
        formatter_class=_Formatador,
        add_help=False,
    )
    g = p.add_argument_group("imagens")
    g.add_argument("imagens", nargs="*", metavar="CONTEUDO ESTILO",
                   help="a foto e depois uma ou mais pinturas: caminho, URL ou nome do catálogo")
    g.add_argument("-o", "--saida", metavar="SAIDA",
                   help="arquivo de saída .png ou .jpg (com --exemplo: saidas/exemplo.png)")
    g.add_argument("--sobrescrever", action="store_true", help="substitui SAIDA se ela já existir")
    g.add_argument("--exemplo", action="store_true",
                   help=f"estiliza a foto {EXEMPLO['conteudo']} com {EXEMPLO['estilo']}, sem mais argumentos "
                        f"({EXEMPLO['lado']} px, {EXEMPLO['passos']} passos)")
    g.add_argument("--listar", action="store_true", help="lista as imagens do catálogo e sai")

    g = p.add_argument_group("otimização")
    g.add_argument("--lado", type=_inteiro(32, 8192), metavar="PX",
                   help=f"lado maior da imagem gerada, em pixels (padrão: {PADROES['lado']})")
    g.add_argument("--passos", type=_inteiro(1, 100_000), metavar="N",
                   help=f"número de passos (avaliações) da otimização (padrão: {PADROES['passos']})")
    g.add_argument("--otimizador", choices=("lbfgs", "adam"), help="lbfgs (padrão) ou adam")
    g.add_argument("--taxa", type=_numero(0.0, 1e3, aberto_em_minimo=True), metavar="T",
                   help="taxa de aprendizado (padrão: a do otimizador)")
    g.add_argument("--inicio", type=_inicio, metavar="{conteudo,ruido,cores,T}",
                   help="imagem inicial: a foto (padrão), ruído, a foto com as cores da pintura, ou a mistura T "
                        "em [0, 1] de foto e ruído")
    g.add_argument("--semente", type=_inteiro(0, 2**31 - 1), metavar="N",
                   help="semente do ruído inicial (padrão: 0)")
    g.add_argument("--checkpoint-cada", type=_inteiro(0, 100_000), metavar="N",
                   help="salva a melhor imagem a cada N passos numa pasta SAIDA_checkpoints ao lado da saída")

    g = p.add_argument_group("pesos da função objetivo")
    g.add_argument("--peso-conteudo", type=_numero(0.0, 1e12), metavar="A",
                   help=f"peso α do custo de conteúdo (padrão: {PADROES['peso_conteudo']:g})")
    g.add_argument("--peso-estilo", type=_numero(0.0, 1e12), metavar="B",
                   help=f"peso β do custo de estilo (padrão: {PADROES['peso_estilo']:g})")
    g.add_argument("--peso-tv", type=_numero(0.0, 1e12), metavar="G",
                   help=f"peso da variação total (padrão: {PADROES['peso_tv']:g})")
    g.add_argument("--pesos-estilos", type=_numero(0.0, 1e12, nome="cada peso"), nargs="+",
                   metavar="W", help="mistura das pinturas: um peso por ESTILO (padrão: iguais)")
    g.add_argument("--lado-a-lado", action="store_true",
                   help="cola as pinturas lado a lado numa só imagem de estilo em vez de misturá-las")
    g.add_argument("--escala-estilo", type=_numero(0.05, 4.0), metavar="S",
                   help="tamanho da pintura relativo à foto (padrão: 1)")
    g.add_argument("--preservar-cores", action="store_true",
                   help="mantém as cores da foto (transfere só a luminância)")

    g = p.add_argument_group("rede")
    g.add_argument("--rede", choices=("vgg16", "vgg19"), help="vgg16 (padrão) ou vgg19")
    g.add_argument("--pooling", choices=("max", "media"), help="max (padrão) ou media")
    g.add_argument("--precisao", choices=("float32", "bfloat16", "float16"), help="precisão dos cálculos")
    g.add_argument("--pesos", metavar="ARQUIVO", help="arquivo de pesos Keras da rede (sem o topo)")
    g.add_argument("--camadas-conteudo", nargs="+", metavar="CAMADA",
                   help="camadas de conteúdo (padrão: block4_conv2)")
    g.add_argument("--camadas-estilo", nargs="+", metavar="CAMADA",
                   help="camadas de estilo (padrão: block1_conv1 … block5_conv1)")

    g = p.add_argument_group("outros")
    g.add_argument("--silencioso", action="store_true", help="só mostra erros e avisos")
    g.add_argument("-h", "--help", "--ajuda", action="help", help="mostra esta ajuda e sai")
    from estilo import __version__

    g.add_argument("--versao", action="version", version=f"estilo {__version__}", help="mostra a versão e sai")
    return p


# ---------------------------------------------------------------------------
# Progresso
# ---------------------------------------------------------------------------


def _duracao(segundos):
    segundos = max(0, round(segundos))
    if segundos < 60:
        return f"{segundos} s"
    if segundos < 3600:
        return f"{segundos // 60} min {segundos % 60:02d} s"
    return f"{segundos // 3600} h {segundos % 3600 // 60:02d} min"


class BarraProgresso:
    """Barra de texto no stderr (com \\r num terminal; linhas periódicas quando não é um terminal).

    Use como ``ao_progresso`` de ``transferir``: recebe um ``Progresso`` por passo.
    """

    def __init__(self, total, fluxo=None, terminal=None, largura=20, intervalo_s=30.0):
        self.total = int(total)
        self.fluxo = fluxo if fluxo is not None else sys.stderr
        if terminal is None:
            terminal = bool(getattr(self.fluxo, "isatty", lambda: False)())
        self.terminal = terminal
        self.largura = largura
        self.intervalo_s = intervalo_s
        self.cada = max(1, math.ceil(self.total / 10))
        self._linha_aberta = 0
        self._ultima_linha = -math.inf
        self._t1 = None

    def __call__(self, progresso):
        self.atualizar(progresso.passo, progresso.perdas, progresso.segundos)

    def _texto(self, passo, perdas, segundos):
        if passo == 1 or self._t1 is None:
            self._t1 = (passo, segundos)
        p1, s1 = self._t1
        if passo > p1:  # o 1º passo inclui a montagem do grafo: o ritmo é medido depois dele
            ritmo = (segundos - s1) / (passo - p1)
            tempo = f"{ritmo:.2f} s/passo | faltam {_duracao(ritmo * (self.total - passo))}"
        else:
            tempo = f"1º passo em {segundos:.1f} s (com a montagem do grafo)"
        perdas = perdas or {}
        termos = ", ".join(f"{n} {perdas[k]:.3g}" for k, n in
                           (("conteudo", "conteúdo"), ("estilo", "estilo"), ("tv", "tv")) if k in perdas)
        total = f" | perda {perdas['total']:.4g} ({termos})" if "total" in perdas else ""
        return f"{passo}/{self.total} {passo / self.total:4.0%} | {tempo}{total}"

    def atualizar(self, passo, perdas, segundos):
        """Mostra o passo `passo` de `total`, com as perdas e o tempo decorrido em segundos."""
        texto = self._texto(passo, perdas, segundos)
        if self.terminal:
            cheios = round(passo / self.total * self.largura)
            linha = f"[{'#' * cheios}{'.' * (self.largura - cheios)}] {texto}"
            linha = linha[: max(20, shutil.get_terminal_size((120, 24)).columns - 1)]  # sem quebrar a linha
            sobra = max(0, self._linha_aberta - len(linha))
            self.fluxo.write("\r" + linha + " " * sobra)
            self._linha_aberta = len(linha)
        else:
            agora = time.monotonic()
            marca = passo in (1, self.total) or passo % self.cada == 0
            # entre as marcas de 10%, uma linha a cada intervalo_s (menos quando a próxima marca está perto)
            demorou = agora - self._ultima_linha >= self.intervalo_s and self.cada - passo % self.cada > self.cada // 4
            if marca or demorou:
                self.fluxo.write(f"passo {texto}\n")
                self._ultima_linha = agora
        self.fluxo.flush()

    def interromper_linha(self):
        """Termina a linha da barra (antes de outra mensagem no mesmo terminal)."""
        if self._linha_aberta:
            self.fluxo.write("\n")
            self.fluxo.flush()
            self._linha_aberta = 0

    fechar = interromper_linha


# ---------------------------------------------------------------------------
# Trava contra duas execuções na mesma saída
# ---------------------------------------------------------------------------


def _processo_vivo(pid):
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # sem permissão para sinalizar: existe
        return True
    return True


class Trava:
    """Arquivo ``SAIDA.lock`` criado com O_EXCL enquanto a execução roda; travas de processos mortos são limpas."""

    def __init__(self, saida):
        self.caminho = Path(saida).with_name(Path(saida).name + ".lock")
        self._minha = False

    def _abandonada(self):
        try:
            texto = self.caminho.read_text(encoding="utf-8", errors="replace").split()
            idade = time.time() - self.caminho.stat().st_mtime
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if len(texto) >= 2 and texto[0].isdigit():
            if texto[1] != socket.gethostname():
                return False  # de outra máquina: não dá para saber
            return not _processo_vivo(int(texto[0]))
        return idade > 10  # ilegível: só é abandonada se não estiver sendo escrita agora

    def __enter__(self):
        for tentativa in range(2):
            try:
                fd = os.open(self.caminho, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if tentativa == 0 and self._abandonada():
                    with contextlib.suppress(FileNotFoundError):
                        self.caminho.unlink()
                    warnings.warn(f"Removi a trava abandonada '{self.caminho}' (o processo dela já terminou).",
                                  AvisoEstilo, stacklevel=2)
                    continue
                raise ErroSaida(
                    f"Já há uma execução gravando em '{self.caminho.with_suffix('')}' (trava '{self.caminho}'). "
                    "Espere ela terminar ou escolha outro arquivo de saída; se tiver certeza de que nenhuma "
                    "está rodando, apague o arquivo de trava."
                ) from None
            except OSError as exc:
                raise ErroSaida(f"Não consegui criar a trava '{self.caminho}' ({exc.strerror or exc}).") from None
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"{os.getpid()}\n{socket.gethostname()}\n")
            self._minha = True
            return self
        raise ErroSaida(f"Não consegui criar a trava '{self.caminho}'.")  # pragma: no cover

    def __exit__(self, *exc):
        if self._minha:
            with contextlib.suppress(OSError):
                self.caminho.unlink()
            self._minha = False
        return False


# ---------------------------------------------------------------------------
# Entradas, memória e saída
# ---------------------------------------------------------------------------


def resolver_origem(origem):
    """Caminho existente, URL ou nome do catálogo -> algo que ``imagens.carregar`` lê."""
    from estilo.nucleo import dados  # sem TensorFlow: um nome errado falha na hora

    texto = str(origem).strip()
    if texto.lower().startswith(("http://", "https://")):
        return texto
    caminho = Path(texto).expanduser()
    if texto and caminho.exists():
        return caminho
    if texto:
        try:
            dados.info(texto)
        except ErroParametro:
            pass
        else:
            return dados.caminho(texto)
    parecidos = difflib.get_close_matches(Path(texto).stem.lower(), dados.listar(), n=3, cutoff=0.6)
    dica = f" Você quis dizer {' ou '.join(parecidos)}?" if parecidos else ""
    raise ErroImagem(
        f"Arquivo não encontrado: '{texto}' (a pasta atual é '{Path.cwd()}'), e esse também não é um nome "
        f"do catálogo.{dica} Use --listar para ver os nomes do catálogo."
    )


def _tamanho_original(origem):
    """(largura, altura) como a imagem aparece (EXIF aplicado), lido só do cabeçalho; None se não der."""
    from PIL import Image

    from estilo.nucleo.imagens import _sem_limite_do_pil  # o limite de tamanho é o do pacote, conferido na leitura

    try:
        with _sem_limite_do_pil(), Image.open(origem) as img:
            largura, altura = img.size
            if img.getexif().get(0x0112, 1) in (5, 6, 7, 8):
                largura, altura = altura, largura
            return largura, altura
    except Exception:  # noqa: BLE001 - só para a mensagem; a leitura de verdade dá o erro certo
        return None


def _memoria_livre():
    """Bytes de memória disponível (MemAvailable no Linux); None quando não dá para saber."""
    with contextlib.suppress(OSError, ValueError), open("/proc/meminfo", encoding="ascii") as f:
        for linha in f:
            if linha.startswith("MemAvailable:"):
                return int(linha.split()[1]) * 1024
    with contextlib.suppress(AttributeError, OSError, ValueError):
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return None


def lado_que_cabe(altura, largura, memoria):
    """Maior lado (proporção mantida) cujo passo cabe em FRACAO_MEMORIA de ``memoria``; None se já cabe."""
    limite = FRACAO_MEMORIA * memoria
    if altura * largura * BYTES_POR_PIXEL <= limite:
        return None
    fator = math.sqrt(limite / (altura * largura * BYTES_POR_PIXEL))
    return int(max(altura, largura) * fator)


_RUIDO_DO_TF = re.compile(
    r"All log messages before absl::InitializeLog|oneDNN custom operations are on|"
    r"Unable to register cu(DNN|FFT|BLAS) factory|computation placer already registered|"
    r"Could not find cuda drivers|failed call to cuInit|TF-TRT Warning|"
    r"This TensorFlow binary is optimized|rebuild TensorFlow with the appropriate compiler flags"
)


def _importar_tensorflow():
    """Importa o TensorFlow escondendo as linhas que ignoram TF_CPP_MIN_LOG_LEVEL (log do absl, TF ≥ 2.17).

    O stderr do processo vai para um arquivo durante o import; o que não for esse ruído é repassado.
    """
    if "tensorflow" in sys.modules or os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0").strip() in ("", "0"):
        importlib.import_module("tensorflow")
        return
    try:
        sys.stderr.flush()
        copia = os.dup(2)
    except (OSError, ValueError):
        importlib.import_module("tensorflow")
        return
    with tempfile.TemporaryFile() as capturado:
        os.dup2(capturado.fileno(), 2)
        try:
            tf = importlib.import_module("tensorflow")
            tf.config.list_physical_devices("GPU")  # a procura por CUDA também escreve no stderr
        finally:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.flush()
            os.dup2(copia, 2)
            os.close(copia)
            capturado.seek(0)
            for linha in capturado.read().decode("utf-8", "replace").splitlines(keepends=True):
                if not _RUIDO_DO_TF.search(linha):
                    sys.stderr.write(linha)


def _px(t):
    return f"{int(t.shape[2])}×{int(t.shape[1])} px"


def _gb(n):
    return f"{n / 2**30:.1f} GB"


# ---------------------------------------------------------------------------
# Execução
# ---------------------------------------------------------------------------


class _Sessao:
    """Estado de uma chamada: para onde vão as mensagens e a barra ativa."""

    def __init__(self, silencioso):
        self.silencioso = silencioso
        self.barra = None

    def info(self, texto):
        if not self.silencioso:
            if self.barra is not None:
                self.barra.interromper_linha()
            print(texto, flush=True)

    def aviso(self, texto):
        if self.barra is not None:
            self.barra.interromper_linha()
        print(f"aviso: {texto}", file=sys.stderr, flush=True)


def _opcoes(args):
    """Valida combinações e resolve padrões (e os do --exemplo); devolve (imagens, opções)."""
    entradas = list(args.imagens)
    valores = {k: getattr(args, k) for k in PADROES}
    if args.exemplo:
        if entradas:
            raise ErroParametro("--exemplo não aceita imagens: ele usa uma foto e uma pintura do catálogo.")
        entradas = [EXEMPLO["conteudo"], EXEMPLO["estilo"]]
        for k in ("lado", "passos"):
            if valores[k] is None:
                valores[k] = EXEMPLO[k]
    else:
        if len(entradas) < 2:
            falta = "a foto (CONTEUDO) e pelo menos uma pintura (ESTILO)" if not entradas else \
                "pelo menos uma pintura (ESTILO) depois da foto"
            raise ErroParametro(f"Faltou {falta}. Veja --help, ou experimente --exemplo.")
        if not args.saida:
            raise ErroParametro("Informe o arquivo de saída com -o SAIDA (por exemplo -o resultado.png).")
    valores = {k: PADROES[k] if v is None else v for k, v in valores.items()}
    estilos = entradas[1:]
    if args.pesos_estilos is not None:
        if args.lado_a_lado:
            raise ErroParametro("--pesos-estilos não combina com --lado-a-lado (que cola as pinturas numa só).")
        if len(args.pesos_estilos) != len(estilos):
            raise ErroParametro(
                f"Recebi {len(args.pesos_estilos)} {'valor' if len(args.pesos_estilos) == 1 else 'valores'} em "
                f"--pesos-estilos para {len(estilos)} pintura(s): informe um peso para cada ESTILO, na mesma ordem."
            )
        if sum(args.pesos_estilos) <= 0:
            raise ErroParametro("--pesos-estilos precisa de pelo menos um peso positivo.")
    from estilo.nucleo.pesos import CAMADAS_CONV

    disponiveis = CAMADAS_CONV[valores["rede"]]
    for opcao, camadas in (("--camadas-conteudo", args.camadas_conteudo), ("--camadas-estilo", args.camadas_estilo)):
        erradas = [c for c in camadas or () if c not in disponiveis]
        if erradas:
            raise ErroParametro(
                f"{opcao}: a {valores['rede'].upper()} não tem {', '.join(erradas)}. "
                f"Camadas disponíveis: {', '.join(disponiveis)}."
            )
    if args.pesos and not Path(args.pesos).expanduser().is_file():
        raise ErroPesos(f"Arquivo de pesos não encontrado: '{args.pesos}' (--pesos).")
    return entradas, valores


def _listar():
    from estilo.nucleo import dados

    for tipo, titulo in (("conteudo", "Fotos (conteúdo)"), ("estilo", "Pinturas (estilo)")):
        print(f"{titulo}:")
        for nome in dados.listar(tipo):
            e = dados.info(nome)
            ano = "" if e["ano"].startswith("não informado") else f", {e['ano']}"
            print(f"  {nome:<32} {e['titulo']} — {e['autor']}{ano}")
        print()
    print("Use o nome no lugar de um caminho, por exemplo: python -m estilo ponte_golden_gate noite_estrelada "
          "-o ponte.png")


def _carregar(entrada, origem, rotulo, lado, sessao):
    """Lê a imagem com lado maior ≤ ``lado`` e diz o tamanho original e o usado."""
    from estilo.nucleo import imagens

    t = imagens.carregar(origem, lado_maximo=lado)
    original = _tamanho_original(origem) if isinstance(origem, Path) else None
    if original and original != (int(t.shape[2]), int(t.shape[1])):
        tamanho = f"{original[0]}×{original[1]} px → {_px(t)}"
    else:
        tamanho = _px(t)
    nome = str(origem) if str(origem) == str(entrada) else f"{entrada} ({origem})"
    sessao.info(f"{rotulo}: {nome}, {tamanho}")
    return t


LADO_MENOR_MINIMO = 16
"""Abaixo disso a 4ª redução (pooling) da VGG zera a imagem antes de block5_conv1."""


def _conferir_lado_menor(rotulo, t):
    if min(int(t.shape[1]), int(t.shape[2])) < LADO_MENOR_MINIMO:
        raise ErroImagem(
            f"{rotulo} ficou com {_px(t)}: estreita demais para a VGG (o lado menor precisa de pelo menos "
            f"{LADO_MENOR_MINIMO} px). Use um --lado maior ou recorte a imagem."
        )


def _limitar_memoria(conteudo, sessao):
    """Reduz a foto, avisando, quando um passo não caberia na memória livre (só na CPU)."""
    from estilo.nucleo import ambiente, imagens

    memoria = _memoria_livre()
    if memoria is None or ambiente.tem_gpu():
        return conteudo
    altura, largura = int(conteudo.shape[1]), int(conteudo.shape[2])
    novo = lado_que_cabe(altura, largura, memoria)
    if novo is None:
        return conteudo
    if novo < 32:
        raise ErroEstilo(f"Há só {_gb(memoria)} de memória livre: não cabe nem uma imagem de 32 px.")
    reduzida = imagens.redimensionar(conteudo, lado_maximo=novo)
    warnings.warn(
        f"Com {largura}×{altura} px, cada passo precisaria de uns {_gb(altura * largura * BYTES_POR_PIXEL)} "
        f"de memória e há {_gb(memoria)} livres; reduzi a foto para {_px(reduzida)}. "
        f"Use --lado {novo} ou menos para escolher o tamanho.",
        AvisoEstilo,
        stacklevel=2,
    )
    return reduzida


def _salvar_com_recuo(resultado, saida, sobrescrever, sessao):
    """Salva; se a saída falhar no fim, salva ao lado (ou na pasta temporária) em vez de perder o trabalho."""
    from estilo.nucleo import imagens

    try:
        return resultado.salvar(saida, sobrescrever=sobrescrever)
    except ErroSaida as erro:
        primeiro = erro
    if saida.exists() and not sobrescrever:
        motivo = f"'{saida}' passou a existir durante a execução (outro programa a criou) e não vou sobrescrevê-la."
    else:
        motivo = f"Não consegui salvar em '{saida}': {primeiro}"
    for alternativa in (imagens.caminho_livre(saida),
                        Path(tempfile.gettempdir()) / f"estilo-{saida.stem}-{os.getpid()}{saida.suffix}"):
        with contextlib.suppress(ErroSaida):
            salvo = resultado.salvar(alternativa)
            sessao.aviso(f"{motivo} Para não perder o resultado, salvei em '{salvo}'.")
            return salvo
    raise primeiro


_EXTRATORES = {}
"""Extratores já montados neste processo (chamadas repetidas de ``principal`` não remontam a VGG)."""


def _extrator(camadas, rede, pooling, pesos, precisao):
    from estilo.nucleo.modelos import Extrator

    chave = (tuple(camadas), rede, pooling, str(pesos), precisao)
    if chave not in _EXTRATORES:
        _EXTRATORES[chave] = Extrator(list(camadas), rede, pooling, pesos, precisao)
    return _EXTRATORES[chave]


def _preparar_saida(args, sessao, passos_checkpoint):
    """Confere a saída (e a pasta de checkpoints) antes de qualquer trabalho pesado."""
    from estilo.nucleo import imagens

    if args.saida:
        saida = Path(args.saida).expanduser()
        if saida.is_file() and not args.sobrescrever:
            raise ErroSaida(
                f"O arquivo '{saida}' já existe e não vou sobrescrevê-lo: use --sobrescrever para substituí-lo "
                f"ou escolha outro nome (por exemplo '{imagens.caminho_livre(saida).name}')."
            )
        saida = imagens.verificar_saida(saida, sobrescrever=args.sobrescrever)
    else:
        saida = imagens.caminho_livre(SAIDA_EXEMPLO)
        if saida != SAIDA_EXEMPLO:
            sessao.aviso(f"'{SAIDA_EXEMPLO}' já existe; para não sobrescrevê-la, vou salvar em '{saida}'.")
        saida = imagens.verificar_saida(saida)
    pasta = None
    if passos_checkpoint:
        pasta = saida.with_name(f"{saida.stem}_checkpoints")
        if pasta.is_dir() and any(pasta.glob("passo_*.png")) and not args.sobrescrever:
            raise ErroSaida(
                f"A pasta de checkpoints '{pasta}' já tem imagens de outra execução; "
                "apague-a, escolha outra saída ou use --sobrescrever."
            )
        imagens.verificar_saida(pasta / "passo_000000.png", sobrescrever=True)
    return saida, pasta


def _executar(args, sessao):
    if args.listar:
        _listar()
        return OK
    entradas, op = _opcoes(args)
    origens = [resolver_origem(e) for e in entradas]

    _importar_tensorflow()
    from estilo.nucleo import imagens
    from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO
    from estilo.gatys.transferencia import precisao_padrao, transferir

    saida, pasta_checkpoints = _preparar_saida(args, sessao, op["checkpoint_cada"])
    with Trava(saida):
        conteudo = _carregar(entradas[0], origens[0], "Conteúdo", op["lado"], sessao)
        conteudo = _limitar_memoria(conteudo, sessao)
        lado_estilo = max(32, round(max(conteudo.shape[1:3]) * op["escala_estilo"]))
        estilos = [_carregar(e, o, "Estilo", lado_estilo, sessao) for e, o in zip(entradas[1:], origens[1:])]
        escala_estilo = op["escala_estilo"]
        if args.lado_a_lado and len(estilos) > 1:
            estilos = [imagens.lado_a_lado(estilos)]
            sessao.info(f"Estilo: as {len(origens) - 1} pinturas lado a lado ({_px(estilos[0])})")
            # a escala passa a valer para cada pintura, não para a colagem inteira (até o limite de 4)
            escala_estilo = min(4.0, max(estilos[0].shape[1:3]) / max(conteudo.shape[1:3]) + 1e-6)
        for rotulo, t in [(f"A foto ({entradas[0]})", conteudo)] + [("A imagem de estilo", e) for e in estilos]:
            _conferir_lado_menor(rotulo, t)

        camadas_conteudo = args.camadas_conteudo or list(CAMADAS_CONTEUDO)
        camadas_estilo = args.camadas_estilo or list(CAMADAS_ESTILO)
        silenciar = contextlib.redirect_stdout(io.StringIO()) if args.silencioso else contextlib.nullcontext()
        with silenciar:  # a linha da origem dos pesos vem de estilo.nucleo.pesos
            extrator = _extrator(camadas_conteudo + camadas_estilo, op["rede"], op["pooling"], args.pesos,
                                 args.precisao or precisao_padrao())
        sessao.info(
            f"Otimizando {_px(conteudo)}: {op['passos']} passos de {op['otimizador'].upper()}, "
            f"pesos conteúdo {op['peso_conteudo']:g}, estilo {op['peso_estilo']:g}, tv {op['peso_tv']:g}."
        )
        barra = None if args.silencioso else BarraProgresso(op["passos"])
        sessao.barra = barra
        with warnings.catch_warnings():
            # as imagens já vêm no tamanho certo; avisos de tamanho aqui repetiriam os da leitura
            warnings.filterwarnings("ignore", message=r"A imagem[ (]", category=AvisoEstilo)
            resultado = transferir(
                conteudo, estilos, pesos_estilos=args.pesos_estilos, lado_maximo=max(conteudo.shape[1:3]),
                escala_estilo=escala_estilo, camadas_conteudo=camadas_conteudo, camadas_estilo=camadas_estilo,
                peso_conteudo=op["peso_conteudo"], peso_estilo=op["peso_estilo"], peso_tv=op["peso_tv"],
                inicio=op["inicio"], semente=op["semente"], otimizador=op["otimizador"], passos=op["passos"],
                taxa=args.taxa, preservar_cores_originais=args.preservar_cores, ao_progresso=barra,
                checkpoint_cada=op["checkpoint_cada"], pasta_checkpoints=pasta_checkpoints, extrator=extrator,
            )
        if barra is not None:
            barra.fechar()
        sessao.barra = None
        return _concluir(resultado, saida, pasta_checkpoints, args, sessao)


def _concluir(resultado, saida, pasta_checkpoints, args, sessao):
    """Salva a melhor imagem e escolhe o código de saída (NaN e Ctrl-C também salvam)."""
    nan = bool(resultado.historico["total"]) and not math.isfinite(resultado.historico["total"][-1])
    if resultado.passos == 0 or not math.isfinite(resultado.melhor_perda):
        causa = "interrompido antes do primeiro passo" if resultado.passos == 0 else resultado.motivo
        _erro(sessao, f"{causa}; nenhuma imagem foi salva.")
        return INTERROMPIDO if resultado.passos == 0 else ERRO
    salvo = _salvar_com_recuo(resultado, saida, args.sobrescrever, sessao)
    sessao.info(f"Resultado: {resultado.resumo()}")
    sessao.info(f"Imagem salva em: {salvo} ({_px(resultado.imagem)})")
    if pasta_checkpoints is not None:
        sessao.info(f"Checkpoints em: {pasta_checkpoints}")
    if nan:
        _erro(sessao, f"a perda deixou de ser finita no passo {resultado.passos} (veja o aviso acima); "
                      f"a melhor imagem até ali foi salva em '{salvo}'.")
        return ERRO
    if resultado.interrompido:
        print(f"estilo: interrompido no passo {resultado.passos}; a melhor imagem até ali foi salva em '{salvo}'.",
              file=sys.stderr, flush=True)
        return INTERROMPIDO
    return OK


def _descrever_oserror(exc):
    alvo = f" ('{exc.filename}')" if getattr(exc, "filename", None) else ""
    return f"{exc.strerror or exc}{alvo}. Confira o caminho, as permissões e o espaço em disco."


def principal(argv=None) -> int:
    """Ponto de entrada de ``estilo`` e ``python -m estilo``; devolve o código de saída."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # antes de importar o TensorFlow
    args = analisar(construir_parser(), argv)
    if isinstance(args, int):
        return args
    return executar_protegido(_executar, args)


def analisar(parser, argv):
    """Os argumentos lidos por ``parser``, ou o código de saída (erro de uso, --help, --versao)."""
    try:
        return parser.parse_intermixed_args(argv)
    except _ErroUso as erro:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: erro: {erro}", file=sys.stderr)
        return ERRO_USO
    except SystemExit as saida:  # --help e --versao
        return saida.code if isinstance(saida.code, int) else OK


def executar_protegido(executar, args) -> int:
    """Roda ``executar(args, sessao)``: avisos como 'aviso: …', erros em português e o código de saída."""
    sessao = _Sessao(args.silencioso)
    with warnings.catch_warnings():
        warnings.simplefilter("always", AvisoEstilo)
        mostrar_original = warnings.showwarning

        def mostrar(mensagem, categoria, arquivo, linha, file=None, line=None):
            if issubclass(categoria, AvisoEstilo):
                sessao.aviso(str(mensagem))
            else:
                mostrar_original(mensagem, categoria, arquivo, linha, file, line)

        warnings.showwarning = mostrar
        try:
            return executar(args, sessao)
        except ErroParametro as erro:
            _erro(sessao, erro)
            return ERRO_USO
        except ErroEstilo as erro:
            _erro(sessao, erro)
            return ERRO
        except KeyboardInterrupt:
            _erro(sessao, "interrompido (Ctrl-C) antes de a otimização começar ou ao salvar; nada foi salvo.")
            return INTERROMPIDO
        except MemoryError:
            _erro(sessao, "memória insuficiente; tente um --lado menor.")
            return ERRO
        except BrokenPipeError:  # `estilo --listar | head`: quem lia a saída já foi embora
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return ERRO
        except OSError as erro:
            _erro(sessao, _descrever_oserror(erro))
            return ERRO
        except Exception as erro:
            tf = sys.modules.get("tensorflow")
            if tf is not None and isinstance(erro, tf.errors.ResourceExhaustedError):
                _erro(sessao, "memória insuficiente para esse tamanho; tente um --lado menor.")
                return ERRO
            raise


def _erro(sessao, mensagem):
    if sessao.barra is not None:
        sessao.barra.interromper_linha()
    print(f"estilo: erro: {mensagem}", file=sys.stderr, flush=True)
