"""``estilo estilizar``: pinta fotos com uma rede rápida treinada, numa passada por foto.

Códigos de saída: 0 sucesso; 1 erro (alguma imagem falhou); 2 uso; 130 interrompido.
"""

import time
from pathlib import Path

from estilo.cli import argumentos as a, lote
from estilo.cli.sessao import INTERROMPIDO, executar_protegido, px
from estilo.nucleo.silencio import importar_tensorflow, preparar_ambiente
from estilo.nucleo.erros import ErroEstilo, ErroParametro, ErroSaida

DICA = "Use `estilo --listar` para ver os nomes do catálogo."


def construir_parser():
    """Parser de ``estilo estilizar``."""
    p = a.novo_parser(
        "estilo estilizar", "%(prog)s REDE.keras ENTRADA [ENTRADA ...] -o SAIDA [opções]",
        "Pinta fotos com uma rede treinada por `estilo treinar`, numa passada por foto. ENTRADA pode ser\n"
        "um arquivo, uma pasta (todas as imagens dela), uma URL ou um nome do catálogo. Com uma só foto,\n"
        "SAIDA pode ser um arquivo .png/.jpg; senão, é uma pasta (criada se preciso), e cada foto vira\n"
        "SAIDA/NOME.png. Imagens que já existem na saída são puladas (use --sobrescrever para refazê-las).",
        "exemplos:\n"
        "  python -m estilo estilizar noite.keras foto.jpg -o foto_pintada.png\n"
        "  python -m estilo estilizar noite.keras fotos/ -o pintadas/ --lado 1024\n\n"
        "Códigos de saída: 0 sucesso, 1 erro (alguma imagem falhou), 2 uso, 130 interrompido.",
    )
    g = p.add_argument_group("entradas e saída")
    g.add_argument("rede", nargs="?", metavar="REDE.keras", help="rede treinada (formato Keras)")
    g.add_argument("entradas", nargs="*", metavar="ENTRADA", help="fotos, pastas, URLs ou nomes do catálogo")
    g.add_argument("-o", "--saida", metavar="SAIDA", help="arquivo (uma foto) ou pasta de saída")
    g.add_argument("--lado", type=a.inteiro(32, 8192), metavar="PX",
                   help="lado maior das imagens geradas (padrão: o da foto, até 4096)")
    g.add_argument("--formato", choices=("png", "jpg"), default="png",
                   help="formato numa pasta de saída (padrão: png)")
    g.add_argument("--sobrescrever", action="store_true", help="refaz imagens que já existem na saída")
    a.grupo_outros(p)
    return p


def _planejar(args):
    """(itens, destinos, um_arquivo): o que pintar e onde salvar cada uma."""
    if not args.rede or not args.entradas:
        raise ErroParametro("Informe a rede e pelo menos uma foto: estilo estilizar REDE.keras FOTO [...] -o SAIDA")
    if not args.saida:
        raise ErroParametro("Informe a saída com -o (um arquivo .png/.jpg para uma foto, ou uma pasta).")
    rede = a.caminho_keras(args.rede)
    if not rede.is_file():
        raise ErroParametro(f"Rede não encontrada: '{rede}'. Treine uma com `python -m estilo treinar`.")
    importar_tensorflow()  # antes de expandir, que lista as pastas com estilo.rapida.fotos
    itens = lote.expandir(args.entradas, dica=DICA)
    if not itens:
        raise ErroParametro("Nenhuma imagem para estilizar nas entradas dadas.")
    saida = Path(args.saida).expanduser()
    um_arquivo = saida.suffix.lower() in lote.EXTENSOES_SAIDA and not lote.e_pasta_de_saida(args.saida)
    if um_arquivo and len(itens) > 1:
        raise ErroParametro(f"São {len(itens)} imagens: -o precisa ser uma pasta, não o arquivo '{saida}'.")
    return rede, itens, [saida] if um_arquivo else lote.destinos(itens, saida, args.formato), um_arquivo


def executar(args, sessao):
    """Pinta cada entrada; pula as que já existem; resume no fim."""
    caminho_rede, itens, destinos, um_arquivo = _planejar(args)
    from estilo.nucleo import imagens
    from estilo.rapida.rede import carregar_rede, estilizar

    rede = carregar_rede(caminho_rede)
    resumo = lote.Resumo(len(itens))
    for i, ((rotulo, origem), destino) in enumerate(zip(itens, destinos), 1):
        prefixo = f"[{i}/{len(itens)}] {rotulo}"
        if destino.exists() and not args.sobrescrever:
            if um_arquivo:
                raise ErroSaida(f"O arquivo '{destino}' já existe e não vou sobrescrevê-lo: use --sobrescrever.")
            sessao.info(f"{prefixo}: '{destino}' já existe, pulei")
            resumo.puladas += 1
            continue
        try:
            inicio = time.perf_counter()
            pintada = estilizar(rede, origem, lado_maximo=args.lado)
            segundos = time.perf_counter() - inicio
            imagens.salvar(pintada, destino, sobrescrever=args.sobrescrever)
        except KeyboardInterrupt:
            sessao.erro(f"interrompido na imagem {i} de {len(itens)}; {resumo.feitas} já estão salvas. "
                        "Repita o comando para continuar: as prontas são puladas.")
            return INTERROMPIDO
        except ErroEstilo as erro:
            if um_arquivo:
                raise
            sessao.aviso(f"{prefixo}: {erro}")
            resumo.falhas.append(rotulo)
            continue
        resumo.feitas += 1
        sessao.info(f"{prefixo} → {destino} ({px(pintada)}, {segundos:.2f} s)")
    return resumo.concluir(sessao)


def principal(argv) -> int:
    """``estilo estilizar …`` (argv sem o nome do subcomando)."""
    preparar_ambiente()
    args = a.analisar(construir_parser(), argv)
    if isinstance(args, int):
        return args
    return executar_protegido(executar, args, ["estilizar", *argv])
