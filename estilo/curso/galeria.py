"""Refaz as imagens da galeria do README em alta resolução, do grosso ao fino (API pública).

Mesmas fotos, pinturas e pesos das lições de onde vêm (04: grade α/β; 05: Van Gogh, Goya, rabisco); só o
peso da variação total é levado do lado da lição ao da galeria (``gatys.escalas.peso_tv_equivalente``).
Uso: ``python -m estilo.curso.galeria [--lado 1024] [--so NOME] [--passos 150] [--pasta imagens/galeria]``.
"""

import argparse
import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PASTA_PADRAO = Path("imagens/galeria")
KB_MAXIMO = 400
"""Cada JPEG fica com no máximo isso (a qualidade cai de 85 em passos de 5 até caber, nunca abaixo de 60)."""

LICAO_05 = {"peso_conteudo": 1e4, "peso_estilo": 1.0, "peso_tv": 300.0}  # ALFA, BETA, GAMA da lição 05
LICAO_04 = {"peso_conteudo": 1e4, "peso_tv": 30.0}  # ALFA e GAMA da lição 04 (β varia na grade)
LADO_05, LADO_04 = 256, 128  # os lados (px) em que as lições usam esses pesos na CPU (LADO e LADO_GRADE)
BETAS_GRADE = (1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0)  # os da lição 04 (α/β de 10⁷ a 10²)


@dataclass(frozen=True)
class Trabalho:
    """Uma imagem da galeria: foto (nome do catálogo ou ``"rabisco"``), pintura e pesos da lição.

    ``lado_licao``: o lado em que a lição usa esses pesos; o γ é levado dele ao lado da galeria (`opcoes_em`).
    """

    nome: str
    conteudo: str
    estilo: str
    opcoes: dict = field(default_factory=dict)
    licao: str = ""
    legenda: str = ""
    lado_licao: int = LADO_05

    def opcoes_em(self, lado) -> dict:
        """Os pesos para uma imagem de ``lado`` px: os da lição, com o γ equivalente a esse lado."""
        from estilo.gatys.escalas import peso_tv_equivalente

        return {**self.opcoes, "peso_tv": peso_tv_equivalente(self.opcoes["peso_tv"], self.lado_licao, lado)}


def trabalhos() -> list:
    """Os trabalhos da galeria, na ordem em que são refeitos (``dois_estilos`` fica de fora: é da lição 05).

    A Goya usa a pintura com metade do lado da saída (``escala_estilo=0.5``): com o lado inteiro, as
    pinceladas de *Saturno* ficam largas e lisas a 1024 px (em ``block3_conv1``, a distância de estilo entre a
    foto e a pintura cai 7× de 256 para 1024 px) e o retrato sai quase uma foto; com a metade, sai pintado.
    """
    return [
        Trabalho("van_gogh", "ponte_golden_gate", "noite_estrelada", dict(LICAO_05), "05",
                 "A ponte Golden Gate no estilo de *A Noite Estrelada*, de Van Gogh"),
        Trabalho("rabisco_pintado", "rabisco", "composicao_vii", dict(LICAO_05), "05",
                 "Um rabisco desenhado por código (`estilo.curso.rabisco`) pintado como a *Composição VII*, "
                 "de Kandinsky"),
        Trabalho("terror_goya", "astronauta_eileen_collins", "saturno_devorando_um_filho",
                 {**LICAO_05, "peso_estilo": 30.0, "escala_estilo": 0.5}, "05",
                 "A astronauta Eileen Collins à maneira de *Saturno devorando um filho*, de Goya"),
        Trabalho("grade_alfa_beta", "gata_chelsea", "noite_estrelada", dict(LICAO_04), "04",
                 "A mesma gata com seis razões α/β, de 10⁷ (quase a foto) a 10² (quase só a pintura)", LADO_04),
    ]


def _conteudo(trabalho, lado, falar=print):
    """A foto do catálogo com ``lado`` px no lado maior, ou o rabisco desenhado já nesse tamanho (4:3).

    Foto menor que ``lado`` (a astronauta tem 512 px) é ampliada (Lanczos) antes: a pintura cria os detalhes
    finos na escala final; sem isso, o resultado sairia do tamanho da foto.
    """
    from PIL import Image

    if trabalho.conteudo == "rabisco":
        from estilo.curso import rabisco

        return rabisco.desenhar(lado, lado * 3 // 4, semente=0)
    from estilo.nucleo import dados

    caminho = dados.caminho(trabalho.conteudo)
    foto = Image.open(caminho).convert("RGB")
    if max(foto.size) >= lado:
        return caminho  # transferir reduz a foto para lado_maximo
    falar(f"  a foto tem {foto.size[0]}×{foto.size[1]} px: ampliada para {lado} px no lado maior")
    escala = lado / max(foto.size)
    return foto.resize((round(foto.size[0] * escala), round(foto.size[1] * escala)), Image.LANCZOS)


def salvar_jpeg(imagem, caminho, kb_maximo=KB_MAXIMO):
    """Salva uma PIL.Image em JPEG qualidade 85 (ou menos, até caber em ``kb_maximo``); devolve a qualidade."""
    caminho = Path(caminho)
    caminho.parent.mkdir(parents=True, exist_ok=True)
    for qualidade in range(85, 55, -5):
        imagem.save(caminho, "JPEG", quality=qualidade, optimize=True, progressive=True)
        if caminho.stat().st_size <= kb_maximo * 1024:
            break
    return qualidade


def _pil(tensor):
    from estilo.nucleo import conversao

    return conversao.para_pil(tensor)


def _avisar_escalas(falar):
    """Callback de progresso que avisa uma vez o começo de cada escala (e o tempo até ali)."""
    inicio, vista = time.perf_counter(), set()

    def ao_progresso(p):
        escala = getattr(p, "escala", 1)
        if escala not in vista:
            vista.add(escala)
            lado = getattr(p, "lado", 0) or max(p.imagem.shape[1:3])
            falar(f"  escala {escala}/{getattr(p, 'total_escalas', 1)}: {lado} px, "
                  f"{p.total_passos} passos ({time.perf_counter() - inicio:.0f} s até aqui)")

    return ao_progresso


def _pintar(conteudo, estilo, lado, passos, extrator, falar, **opcoes):
    from estilo import transferir

    return transferir(conteudo, [estilo], lado_maximo=lado, passos=passos, extrator=extrator,
                      ao_progresso=_avisar_escalas(falar), **opcoes)


def _grade(trabalho, lado, passos, extrator, falar):
    """Seis quadros (lado/2 px cada, do grosso ao fino) em 3 colunas × 2 linhas, com α/β escrito em cada um."""
    from PIL import Image, ImageDraw, ImageFont

    from estilo.nucleo import dados

    quadro = max(32, lado // 2)
    escalas = [quadro // 2, quadro] if quadro // 2 >= 32 else [quadro]
    foto = _conteudo(trabalho, quadro, falar)
    pintura = dados.caminho(trabalho.estilo)
    quadros = []
    for beta in BETAS_GRADE:
        falar(f"  β = {beta:g}")
        r = _pintar(foto, pintura, quadro, passos, extrator, falar, peso_estilo=beta, escalas=escalas,
                    **trabalho.opcoes_em(quadro))
        quadros.append(_pil(r.imagem))
    largura, altura = quadros[0].size
    figura = Image.new("RGB", (3 * largura, 2 * altura), "white")
    desenho = ImageDraw.Draw(figura)
    try:
        fonte = ImageFont.truetype("DejaVuSans.ttf", max(10, altura // 14))
    except OSError:
        fonte = ImageFont.load_default()
    for i, (beta, img) in enumerate(zip(BETAS_GRADE, quadros)):
        x, y = (i % 3) * largura, (i // 3) * altura
        figura.paste(img, (x, y))
        expoente = round(math.log10(trabalho.opcoes["peso_conteudo"] / beta))
        texto = f"α/β = 10^{expoente}"
        caixa = desenho.textbbox((x + 8, y + 6), texto, font=fonte)
        desenho.rectangle((caixa[0] - 4, caixa[1] - 3, caixa[2] + 4, caixa[3] + 3), fill="black")
        desenho.text((x + 8, y + 6), texto, fill="white", font=fonte)
    return figura


def fazer(trabalho, lado=1024, passos=150, pasta=PASTA_PADRAO, extrator=None, falar=print) -> Path:
    """Refaz a imagem de ``trabalho`` com ``lado`` px no lado maior e salva ``pasta/NOME.jpg``; devolve o caminho.

    ``passos`` é o da escala mais grossa (as seguintes fazem metade cada; veja ``gatys.escalas``).
    """
    from estilo.nucleo import dados

    inicio = time.perf_counter()
    if trabalho.nome == "grade_alfa_beta":
        figura = _grade(trabalho, lado, passos, extrator, falar)
    else:
        r = _pintar(_conteudo(trabalho, lado, falar), dados.caminho(trabalho.estilo), lado, passos, extrator,
                    falar, **trabalho.opcoes_em(lado))
        figura = _pil(r.imagem)
    destino = Path(pasta) / f"{trabalho.nome}.jpg"
    qualidade = salvar_jpeg(figura, destino)
    segundos = time.perf_counter() - inicio
    falar(f"{destino}: {figura.size[0]}×{figura.size[1]} px, {destino.stat().st_size / 1024:.0f} KB "
          f"(JPEG {qualidade}), {segundos / 60:.1f} min")
    return destino


def main(argv=None) -> int:
    """Linha de comando: refaz a galeria inteira ou só um trabalho (``--so``)."""
    nomes = [t.nome for t in trabalhos()]
    parser = argparse.ArgumentParser(prog="python -m estilo.curso.galeria",
                                     description="Refaz as imagens da galeria do README do grosso ao fino.")
    parser.add_argument("--lado", type=int, default=1024, help="lado maior de cada imagem, em px (padrão: 1024)")
    parser.add_argument("--so", choices=nomes, help="refaz só esta imagem")
    parser.add_argument("--passos", type=int, default=150, help="passos na escala mais grossa (padrão: 150)")
    parser.add_argument("--pasta", type=Path, default=PASTA_PADRAO, help="onde salvar (padrão: imagens/galeria)")
    args = parser.parse_args(argv)
    from estilo.nucleo.erros import ErroEstilo
    from estilo.nucleo.silencio import importar_tensorflow, preparar_ambiente

    preparar_ambiente()
    importar_tensorflow()  # sem as linhas de log do C++ do TensorFlow

    try:
        for trabalho in trabalhos():
            if args.so in (None, trabalho.nome):
                print(f"{trabalho.nome} (lição {trabalho.licao}): {trabalho.conteudo} + {trabalho.estilo}")
                fazer(trabalho, lado=args.lado, passos=args.passos, pasta=args.pasta)
    except ErroEstilo as erro:
        print(f"erro: {erro}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
