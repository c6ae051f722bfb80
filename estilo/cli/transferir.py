"""O comando de Gatys: ``python -m estilo CONTEUDO ESTILO [ESTILO ...] -o SAIDA`` (ou várias fotos, ou --exemplo).

Códigos de saída: 0 sucesso; 1 erro (imagem, download, pesos, saída, NaN, alguma foto do lote);
2 uso ou parâmetro inválido; 130 interrompido com Ctrl-C (a melhor imagem até ali é salva).
"""

import math
import time
import warnings
from pathlib import Path

from tqdm.auto import tqdm

from estilo.cli import lote, transferir_arquivos as arq
from estilo.cli.argumentos import analisar
from estilo.cli.transferir_opcoes import DICA, INICIOS, construir_parser, completar_camadas, opcoes
from estilo.cli.progresso import Barra, texto_perdas
from estilo.cli.sessao import ERRO, INTERROMPIDO, OK, Sessao, executar_protegido, px
from estilo.nucleo.silencio import calar_stdout, importar_tensorflow, preparar_ambiente
from estilo.cli.trava import Trava
from estilo.nucleo import dados
from estilo.nucleo.formatar import formatar
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo

_EXTRATORES = {}
"""Extratores já montados neste processo (chamadas repetidas de ``principal`` não remontam a VGG)."""


def _extrator(camadas, rede, pooling, pesos, precisao):
    from estilo.nucleo.modelos import Extrator

    chave = (tuple(camadas), rede, pooling, str(pesos), precisao)
    if chave not in _EXTRATORES:
        _EXTRATORES[chave] = Extrator(list(camadas), rede, pooling, pesos, precisao)
    return _EXTRATORES[chave]


class BarraEscalas(Barra):
    """A barra do grosso ao fino: a escala atual ('escala 2/3 (512 px)') e o passo contado em todas as escalas.

    A porcentagem e o tempo que falta pesam cada passo pelos pixels da sua escala (um passo de 1024 px
    custa o de 16 passos de 256 px): contando passos, a barra prometeria acabar bem antes da escala final.
    """

    FORMATO = "{percentage:3.0f}% [{elapsed}<{remaining}{postfix}]"

    def __init__(self, passos, lados, descricao=None, **opcoes):
        self.passos, self.custos = list(passos), [(lado / lados[-1]) ** 2 for lado in lados]
        self.trabalho = sum(n * c for n, c in zip(self.passos, self.custos))
        super().__init__(sum(passos), descricao=descricao, trabalho=self.trabalho,
                         formato="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}{postfix}]", **opcoes)
        self.prefixo, self.escala, self.inicio, self.feito = descricao, "", time.monotonic(), 0.0

    def __call__(self, progresso):
        escala = f"escala {progresso.escala}/{progresso.total_escalas} ({progresso.lado} px)"
        anteriores = zip(self.passos[: progresso.escala - 1], self.custos)
        self.feito = sum(n * c for n, c in anteriores) + progresso.passo * self.custos[progresso.escala - 1]
        passo, segundos = progresso.passo_geral, time.monotonic() - self.inicio
        nova = escala != self.escala
        self.escala = escala
        self._tqdm.set_description_str(" ".join(filter(None, (self.prefixo, escala, f"· passo {passo}/{self.total}"))),
                                       refresh=False)
        if not nova or self.terminal or not self.cada:
            return self.atualizar(passo, progresso.perdas, segundos)
        self.fluxo.write(self.linha(passo, progresso.perdas, segundos) + "\n")  # sem terminal: uma linha por escala
        self.fluxo.flush()
        return None

    def _avancar(self, passo):
        self._tqdm.update(self.feito - self._tqdm.n)

    def linha(self, passo, perdas, segundos):
        medidor = tqdm.format_meter(self.feito, self.trabalho, segundos, bar_format=self.FORMATO,
                                    postfix=texto_perdas(perdas))
        return f"{self.escala} · passo {passo}/{self.total} · {medidor}"


def _plano_escalas(escalas, conteudo, passos):
    """(lados, passos de cada escala) como ``transferir`` vai fazer."""
    from estilo.gatys import escalas as grosso_ao_fino

    lados = grosso_ao_fino.planejar_escalas(max(conteudo.shape[1:3]), escalas)
    return lados, grosso_ao_fino.passos_por_escala(len(lados), passos)


def _listar():
    for tipo, titulo in (("conteudo", "Fotos (conteúdo)"), ("estilo", "Pinturas (estilo)")):
        print(f"{titulo}:")
        for nome in dados.listar(tipo):
            e = dados.info(nome)
            ano = "" if e["ano"].startswith("não informado") else f", {e['ano']}"
            print(f"  {nome:<32} {e['titulo']} — {e['autor']}{ano}")
        print()
    print("Use o nome no lugar de um caminho, por exemplo: python -m estilo ponte_golden_gate noite_estrelada "
          "-o ponte.png")


def _transferir(plano, args, sessao, foto, estilos, pasta_checkpoints, descricao=None):
    """Lê a foto e as pinturas, monta a VGG e otimiza; devolve o ``Resultado``."""
    from estilo.gatys import transferencia
    from estilo.gatys.preparo import lado_do_estilo
    from estilo.nucleo import imagens

    op = plano.valores
    conteudo = arq.limitar_memoria(arq.carregar(*foto, "Conteúdo", op["lado"], sessao))
    lado_estilo = lado_do_estilo(max(conteudo.shape[1:3]), op["escala_estilo"])
    pinturas = [arq.carregar(e, o, "Estilo", lado_estilo, sessao) for e, o in estilos]
    escala_estilo = op["escala_estilo"]
    if args.lado_a_lado and len(pinturas) > 1:
        pinturas = [imagens.lado_a_lado(pinturas)]
        sessao.info(f"Estilo: as {len(estilos)} pinturas lado a lado ({px(pinturas[0])})")
        # a escala passa a valer para cada pintura, não para a colagem inteira (até o limite de 4)
        escala_estilo = min(4.0, max(pinturas[0].shape[1:3]) / max(conteudo.shape[1:3]) + 1e-6)
    for rotulo, t in [(f"A foto ({foto[0]})", conteudo)] + [("A imagem de estilo", e) for e in pinturas]:
        arq.conferir_lado_menor(rotulo, t)
    mascaras = arq.mascaras_da_foto(plano.mascaras, conteudo, len(pinturas), sessao)
    lados, passos = _plano_escalas(op["escalas"], conteudo, op["passos"])
    inicio = op["inicio"]
    if not isinstance(inicio, float) and inicio not in INICIOS:  # uma imagem: transferir a põe no tamanho da foto
        sessao.info(f"Início: {inicio} (no tamanho da foto, {px(conteudo)})")
    with calar_stdout(args.silencioso):  # a linha da origem dos pesos vem de estilo.nucleo.pesos
        extrator = _extrator(plano.camadas_conteudo + plano.camadas_estilo, op["rede"], op["pooling"], args.pesos,
                             args.precisao or transferencia.precisao_padrao())
    em_escalas = f" do grosso ao fino, em {len(lados)} escalas ({', '.join(map(str, lados))} px)" \
        if len(lados) > 1 else ""
    sessao.info(
        f"Otimizando {px(conteudo)}{em_escalas}: {' + '.join(map(str, passos))} passos de "
        f"{op['otimizador'].upper()}, pesos conteúdo {op['peso_conteudo']:g}, estilo {op['peso_estilo']:g}, "
        f"tv {op['peso_tv']:g}."
    )
    if args.exemplo and len(lados) > 1:
        sessao.info(f"O exemplo sai com {max(lados)} px em cerca de um minuto numa CPU de 2 núcleos (segundos numa "
                    "GPU): do grosso ao fino, a escala pequena faz o grosso do trabalho.")

    def barra(**opcoes):
        return BarraEscalas(passos, lados, **opcoes) if len(lados) > 1 else Barra(sum(passos), **opcoes)

    if args.silencioso:
        sessao.barra = None
    elif descricao is None:
        sessao.barra = barra(cada=args.imprimir_cada)
    else:  # no lote: a barra só num terminal (e as linhas de --imprimir-cada); a linha da foto vem depois
        sessao.barra = barra(cada=args.imprimir_cada or 0, descricao=descricao, manter=False)
    try:
        with warnings.catch_warnings():
            # as imagens já vêm no tamanho certo; avisos de tamanho aqui repetiriam os da leitura
            warnings.filterwarnings("ignore", message=r"A imagem[ (]", category=AvisoEstilo)
            return transferencia.transferir(
                conteudo, pinturas, pesos_estilos=args.pesos_estilos, lado_maximo=max(conteudo.shape[1:3]),
                escala_estilo=escala_estilo, camadas_conteudo=plano.camadas_conteudo,
                camadas_estilo=plano.camadas_estilo, pesos_camadas_estilo=plano.pesos_camadas,
                peso_conteudo=op["peso_conteudo"], peso_estilo=op["peso_estilo"], peso_tv=op["peso_tv"],
                inicio=inicio, semente=op["semente"], otimizador=op["otimizador"], passos=op["passos"],
                taxa=args.taxa, preservar_cores_originais=args.preservar_cores, ao_progresso=sessao.barra,
                checkpoint_cada=op["checkpoint_cada"], pasta_checkpoints=pasta_checkpoints, extrator=extrator,
                mascaras=mascaras, escalas=op["escalas"],
            )
    finally:
        if sessao.barra is not None:
            sessao.barra.fechar()
            sessao.barra = None


def _concluir(resultado, saida, pasta_checkpoints, args, sessao, dica_inicio=True):
    """Salva a melhor imagem e escolhe o código de saída (NaN e Ctrl-C também salvam)."""
    nan = bool(resultado.historico["total"]) and not math.isfinite(resultado.historico["total"][-1])
    if resultado.passos == 0 or not math.isfinite(resultado.melhor_perda):
        causa = "interrompido antes do primeiro passo" if resultado.passos == 0 else resultado.motivo
        sessao.erro(f"{causa}; nenhuma imagem foi salva.")
        return INTERROMPIDO if resultado.passos == 0 else ERRO
    salvo = arq.salvar_com_recuo(resultado, saida, args.sobrescrever, sessao)
    sessao.info(f"Resultado: {resultado.resumo()}")
    etapas = resultado.configuracao.get("etapas")
    if etapas:
        sessao.info("Escalas: " + " → ".join(f"{e['lado']} px ({e['feitos']} passos)" for e in etapas))
    sessao.info(f"Imagem salva em: {salvo} ({px(resultado.imagem)})")
    if pasta_checkpoints is not None:
        sessao.info(f"Checkpoints em: {pasta_checkpoints}")
    if nan:
        sessao.erro(f"a perda deixou de ser finita no passo {resultado.passos} (veja o aviso acima); "
                    f"a melhor imagem até ali foi salva em '{salvo}'.")
        return ERRO
    if resultado.interrompido:
        dica = (f" Para continuar dela, repita o comando com --inicio {salvo} e outra saída (ou --sobrescrever)."
                if dica_inicio else "")
        sessao.erro(f"interrompido no passo {resultado.passos}; a melhor imagem até ali foi salva em '{salvo}'.{dica}")
        return INTERROMPIDO
    return OK


def _uma_foto(plano, args, sessao, foto, estilos, historico):
    """Uma foto → um arquivo (o uso comum)."""
    saida, pasta_checkpoints = arq.preparar_saida(args.saida, args.sobrescrever, plano.valores["checkpoint_cada"],
                                                  sessao)
    with Trava(saida):
        resultado = _transferir(plano, args, sessao, foto, estilos, pasta_checkpoints)
        if historico is not None and resultado.passos:
            arq.gravar_historico(historico, [(foto[0], resultado.historico)])
        return _concluir(resultado, saida, pasta_checkpoints, args, sessao)


def _pintar_uma_do_lote(plano, args, sessao, item, destino, estilos, descricao):
    """Uma foto do lote, com as mensagens de detalhe caladas; devolve (código, Resultado)."""
    calada = Sessao(silencioso=True)
    saida, pasta_checkpoints = arq.preparar_saida(destino, args.sobrescrever, plano.valores["checkpoint_cada"],
                                                  calada)
    with Trava(saida):
        resultado = _transferir(plano, args, calada, item, estilos, pasta_checkpoints, descricao)
        if resultado.interrompido and resultado.passos and math.isfinite(resultado.historico["total"][-1]):
            # a parcial não fica no lugar da pronta (senão a próxima execução a pularia)
            saida = saida.with_name(f"{saida.stem}_interrompida{saida.suffix}")
        return _concluir(resultado, saida, pasta_checkpoints, args, calada, dica_inicio=False), resultado


def _varias_fotos(plano, args, sessao, estilos, historico):
    """Fotos e pastas → PASTA/NOME.png cada; pula as prontas, uma linha por foto e um resumo no fim."""
    itens = lote.expandir(plano.fotos, dica=DICA)
    if not itens:
        raise ErroEstilo("Nenhuma foto para pintar nas entradas dadas.")
    resumo, historicos = lote.Resumo(len(itens)), []
    try:
        for i, (item, destino) in enumerate(zip(itens, lote.destinos(itens, Path(args.saida).expanduser())), 1):
            prefixo = f"[{i}/{len(itens)}] {item[0]}"
            if destino.exists() and not args.sobrescrever:
                sessao.info(f"{prefixo}: '{destino}' já existe, pulei")
                resumo.puladas += 1
                continue
            try:
                codigo, resultado = _pintar_uma_do_lote(plano, args, sessao, item, destino, estilos,
                                                        f"[{i}/{len(itens)}]")
            except ErroEstilo as erro:
                sessao.aviso(f"{prefixo}: {erro}")
                resumo.falhas.append(item[0])
                continue
            except KeyboardInterrupt:
                codigo, resultado = INTERROMPIDO, None
            if resultado is not None and resultado.passos:
                historicos.append((item[0], resultado.historico))
            if codigo == INTERROMPIDO:
                sessao.erro(f"parei na foto {i} de {len(itens)} ({resumo.texto()}). Repita o comando para "
                            "continuar: as prontas são puladas e esta recomeça.")
                return INTERROMPIDO
            if codigo != OK:
                resumo.falhas.append(item[0])
                continue
            resumo.feitas += 1
            custo, segundos = formatar(resultado.melhor_perda), formatar(round(resultado.segundos, 1))
            sessao.info(f"{prefixo} → {destino} ({resultado.passos} passos, custo {custo}, {segundos} s)")
    finally:
        if historico is not None and historicos:
            arq.gravar_historico(historico, historicos)
    return resumo.concluir(sessao)


def executar(args, sessao):
    """Valida, resolve as imagens (antes do TensorFlow: um nome errado falha na hora) e otimiza."""
    if args.listar:
        _listar()
        return OK
    plano = opcoes(args)
    foto = None if plano.lote else (plano.fotos[0], dados.resolver(plano.fotos[0], dica=DICA))
    estilos = [(e, dados.resolver(e, dica=DICA)) for e in plano.estilos]
    historico = arq.conferir_historico(args.historico, args.sobrescrever)

    importar_tensorflow()
    from estilo.nucleo.modelos import CAMADAS_CONTEUDO, CAMADAS_ESTILO

    completar_camadas(plano, CAMADAS_CONTEUDO, CAMADAS_ESTILO)
    if plano.lote:
        return _varias_fotos(plano, args, sessao, estilos, historico)
    return _uma_foto(plano, args, sessao, foto, estilos, historico)


def principal(argv=None) -> int:
    """O comando de Gatys (argv sem subcomando); devolve o código de saída."""
    preparar_ambiente()
    argv = list(argv or [])
    args = analisar(construir_parser(), argv)
    if isinstance(args, int):
        return args
    return executar_protegido(executar, args, argv)
