"""Entradas (imagens e máscaras), memória e saídas do comando de Gatys: ler, caber na memória, salvar tudo."""

import contextlib
import csv
import difflib
import os
import tempfile
import warnings
from pathlib import Path

from estilo.cli.sessao import px
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroImagem, ErroParametro, ErroSaida
from estilo.nucleo.memoria import bytes_do_passo, cabe, gb, lado_que_cabe, memoria_livre

SAIDA_EXEMPLO = Path("saidas") / "exemplo.png"

LADO_MENOR_MINIMO = 16
"""Abaixo disso a 4ª redução (pooling) da VGG zera a imagem antes de block5_conv1."""

COLUNAS_HISTORICO = ("passo", "total", "conteudo", "estilo", "tv", "segundos")

AUTOMATICAS = {
    "ceu": "o céu (região clara e azulada ligada ao alto da foto) e o resto",
    "cima_baixo": "a metade de cima e a de baixo",
    "esquerda_direita": "a metade esquerda e a direita",
    "claro_escuro": "as regiões claras e as escuras",
}
"""As máscaras ``--mascaras auto:NOME``: cópia de ``estilo.gatys.mascaras.AUTOMATICAS`` para a ajuda e a
validação sem importar o TensorFlow (tests/test_cli_mascaras.py confere que são iguais)."""


def tamanho_original(origem):
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


def carregar(entrada, origem, rotulo, lado, sessao):
    """Lê a imagem com lado maior ≤ ``lado`` e diz o tamanho original e o usado."""
    from estilo.nucleo import imagens

    t = imagens.carregar(origem, lado_maximo=lado)
    original = tamanho_original(origem) if isinstance(origem, Path) else None
    tamanho = px(t)
    if original and original != (int(t.shape[2]), int(t.shape[1])):
        tamanho = f"{original[0]}×{original[1]} px → {tamanho}"
    nome = str(origem) if str(origem) == str(entrada) else f"{entrada} ({origem})"
    sessao.info(f"{rotulo}: {nome}, {tamanho}")
    return t


def ler_mascaras(args, estilos):
    """--mascaras: None, 'auto:NOME' (nome conferido) ou [(texto, origem)], uma por pintura."""
    if args.mascaras is None:
        return None
    if args.lado_a_lado:
        raise ErroParametro("--mascaras não combina com --lado-a-lado (que cola as pinturas numa só): cada "
                            "máscara diz onde age uma pintura.")
    autos = [m for m in args.mascaras if m.strip().lower().startswith("auto:")]
    if autos:
        nome = autos[0].strip().lower()[len("auto:"):].replace("é", "e")
        if len(args.mascaras) > 1:
            raise ErroParametro(f"--mascaras {autos[0]} já faz as máscaras de todas as pinturas: não misture com "
                                "outras máscaras.")
        if nome not in AUTOMATICAS:
            parecida = difflib.get_close_matches(nome, list(AUTOMATICAS), n=1)
            dica = f" Você quis dizer auto:{parecida[0]}?" if parecida else ""
            raise ErroParametro(f"--mascaras: não conheço a máscara automática '{autos[0]}'. Use uma de "
                                f"{', '.join('auto:' + n for n in AUTOMATICAS)}.{dica}")
        return f"auto:{nome}"
    if len(args.mascaras) != len(estilos):
        raise ErroParametro(
            f"Recebi {len(args.mascaras)} máscara(s) em --mascaras para {len(estilos)} pintura(s): passe uma "
            "máscara por ESTILO, na mesma ordem, ou uma automática (auto:" + ", auto:".join(AUTOMATICAS) + ")."
        )
    from estilo.nucleo import dados

    return [(m, dados.resolver(m, dica="Em --mascaras, dê o caminho de uma imagem (branca onde o estilo age).")
             ) for m in args.mascaras]


def mascaras_da_foto(mascaras, conteudo, quantidade, sessao):
    """As máscaras de uma foto para ``transferir``: as automáticas, feitas da foto no tamanho da execução, ou
    os arquivos de --mascaras (lidos e conferidos por ``transferir``); None sem --mascaras."""
    if mascaras is None:
        return None
    if isinstance(mascaras, str):
        from estilo.gatys import mascaras as prontas

        feitas = prontas.automaticas(mascaras, conteudo, quantidade)
        sessao.info(f"Máscaras: {mascaras}, {AUTOMATICAS[mascaras[len('auto:'):]]}")
        return feitas
    sessao.info("Máscaras: " + ", ".join(str(origem) for _, origem in mascaras) + " (uma por pintura)")
    return [origem for _, origem in mascaras]


def conferir_lado_menor(rotulo, t):
    """Recusa imagens estreitas demais para as cinco reduções da VGG."""
    if min(int(t.shape[1]), int(t.shape[2])) < LADO_MENOR_MINIMO:
        raise ErroImagem(
            f"{rotulo} ficou com {px(t)}: estreita demais para a VGG (o lado menor precisa de pelo menos "
            f"{LADO_MENOR_MINIMO} px). Use um --lado maior ou recorte a imagem."
        )


def limitar_memoria(conteudo):
    """Reduz a foto, avisando, quando um passo não caberia na memória livre (só na CPU)."""
    from estilo.nucleo import ambiente, imagens

    memoria = memoria_livre()
    if memoria is None or ambiente.tem_gpu():
        return conteudo
    altura, largura = int(conteudo.shape[1]), int(conteudo.shape[2])
    if cabe(altura, largura, memoria):
        return conteudo
    novo = lado_que_cabe(altura, largura, memoria)
    if novo < 32:
        raise ErroEstilo(f"Há só {gb(memoria)} de memória livre: não cabe nem uma imagem de 32 px.")
    reduzida = imagens.redimensionar(conteudo, lado_maximo=novo)
    warnings.warn(
        f"Com {largura}×{altura} px, cada passo precisaria de uns {gb(bytes_do_passo(altura, largura))} "
        f"de memória e há {gb(memoria)} livres; reduzi a foto para {px(reduzida)}. "
        f"Use --lado {novo} ou menos para escolher o tamanho.",
        AvisoEstilo,
        stacklevel=2,
    )
    return reduzida


def preparar_saida(saida, sobrescrever, checkpoints, sessao):
    """Confere a saída (e a pasta de checkpoints) antes de qualquer trabalho pesado; devolve (saida, pasta)."""
    from estilo.nucleo import imagens

    if saida is not None:
        saida = Path(saida).expanduser()
        if saida.is_file() and not sobrescrever:
            raise ErroSaida(
                f"O arquivo '{saida}' já existe e não vou sobrescrevê-lo: use --sobrescrever para substituí-lo "
                f"ou escolha outro nome (por exemplo '{imagens.caminho_livre(saida).name}')."
            )
        saida = imagens.verificar_saida(saida, sobrescrever=sobrescrever)
    else:
        saida = imagens.caminho_livre(SAIDA_EXEMPLO)
        if saida != SAIDA_EXEMPLO:
            sessao.aviso(f"'{SAIDA_EXEMPLO}' já existe; para não sobrescrevê-la, vou salvar em '{saida}'.")
        saida = imagens.verificar_saida(saida)
    pasta = None
    if checkpoints:
        pasta = saida.with_name(f"{saida.stem}_checkpoints")
        if pasta.is_dir() and any(pasta.glob("passo_*.png")) and not sobrescrever:
            raise ErroSaida(
                f"A pasta de checkpoints '{pasta}' já tem imagens de outra execução; "
                "apague-a, escolha outra saída ou use --sobrescrever."
            )
        imagens.verificar_saida(pasta / "passo_000000.png", sobrescrever=True)
    return saida, pasta


def salvar_com_recuo(resultado, saida, sobrescrever, sessao):
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


def conferir_historico(caminho, sobrescrever):
    """O caminho de --historico, conferido antes de começar (extensão .csv, não sobrescreve sem pedir)."""
    if caminho is None:
        return None
    caminho = Path(caminho).expanduser()
    if caminho.suffix.lower() != ".csv":
        raise ErroSaida(f"--historico grava um CSV: o nome deve terminar em .csv, não '{caminho.name}'.")
    if caminho.exists() and not sobrescrever:
        raise ErroSaida(f"O arquivo '{caminho}' já existe e não vou sobrescrevê-lo: use --sobrescrever ou "
                        "outro nome.")
    if caminho.is_dir() or not caminho.parent.is_dir() and caminho.parent.exists():
        raise ErroSaida(f"Não consigo gravar o histórico em '{caminho}'.")
    caminho.parent.mkdir(parents=True, exist_ok=True)
    return caminho


def gravar_historico(caminho, historicos):
    """Uma linha por passo (passo, total, conteudo, estilo, tv, segundos); com várias fotos, a coluna foto antes."""
    varias = len(historicos) > 1
    with open(caminho, "w", newline="", encoding="utf-8") as f:
        escritor = csv.writer(f)
        escritor.writerow((("foto",) if varias else ()) + COLUNAS_HISTORICO)
        for foto, historico in historicos:
            for i, total in enumerate(historico["total"]):
                linha = [i + 1, total] + [historico[t][i] for t in ("conteudo", "estilo", "tv")]
                linha.append(round(historico["segundos"][i], 4))
                escritor.writerow(([foto] if varias else []) + linha)
    return caminho
