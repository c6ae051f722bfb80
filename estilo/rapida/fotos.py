"""Fotos de treino da rede rápida: catálogo e/ou uma pasta sua, sorteadas em recortes e espelhamentos."""

import warnings
from pathlib import Path

import numpy as np
import tensorflow as tf

from estilo.nucleo import dados, imagens
from estilo.nucleo.erros import AvisoEstilo, ErroEstilo, ErroImagem
from estilo.nucleo.imagens import arquivos_de_imagem
from estilo.nucleo.validacao import inteiro

class FotosTreino:
    """Fotos guardadas em uint8 (lado menor ≥ ``lado``), das quais ``lote`` sorteia recortes quadrados.

    ``fotos``: lista de caminhos, nomes do catálogo, PIL, arrays ou tensores; ``pasta``: uma pasta de
    fotos suas; ``catalogo=True`` junta as fotos de conteúdo do catálogo. Arquivos ilegíveis de uma
    pasta são pulados com aviso.
    """

    def __init__(self, fotos=None, pasta=None, catalogo=True, lado=256):
        self.lado = inteiro("lado", lado, 32, 2048)
        self.nomes, self._fotos = [], []
        origens = [(dados.caminho(n), n) for n in dados.listar("conteudo")] if catalogo else []
        origens += [(f, f if isinstance(f, (str, Path)) else f"foto {i + 1}") for i, f in enumerate(fotos or [])]
        # lado_minimo=16: fotos estreitas não geram aviso aqui, porque _adicionar já as amplia até caber um recorte
        for origem, nome in origens:
            if isinstance(origem, (str, Path)):
                origem = dados.resolver(origem)
            self._adicionar(imagens.carregar(origem, lado_maximo=2 * lado, lado_minimo=16), str(nome))
        if pasta is not None:
            for arquivo in arquivos_de_imagem(pasta):
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", AvisoEstilo)
                        t = imagens.carregar(arquivo, lado_maximo=2 * lado, lado_minimo=16)
                except ErroEstilo as erro:
                    warnings.warn(f"Pulei '{arquivo.name}': {erro}", AvisoEstilo, stacklevel=2)
                    continue
                self._adicionar(t, arquivo.name)
        if not self._fotos:
            onde = f" na pasta '{pasta}'" if pasta is not None else ""
            raise ErroImagem(f"Nenhuma foto de treino{onde}: passe fotos, uma pasta com imagens ou catalogo=True.")

    def _adicionar(self, t, nome):
        menor = min(int(t.shape[1]), int(t.shape[2]))
        if menor < self.lado:  # amplia até o lado menor caber num recorte
            escala = self.lado / menor
            t = imagens.redimensionar(t, tamanho=(max(self.lado, round(t.shape[1] * escala)),
                                                  max(self.lado, round(t.shape[2] * escala))))
        self._fotos.append(np.asarray(tf.round(t[0] * 255.0), dtype=np.uint8))
        self.nomes.append(nome)

    def __len__(self):
        return len(self._fotos)

    def lote(self, tamanho, rng) -> tf.Tensor:
        """``tamanho`` recortes (lado × lado) sorteados com ``rng`` (np.random.Generator): (B, lado, lado, 3)."""
        recortes = []
        for _ in range(int(tamanho)):
            foto = self._fotos[rng.integers(len(self._fotos))]
            altura, largura = foto.shape[:2]
            c = int(rng.integers(self.lado, min(altura, largura, 2 * self.lado) + 1))
            y, x = int(rng.integers(altura - c + 1)), int(rng.integers(largura - c + 1))
            recorte = foto[y:y + c, x:x + c]
            if rng.random() < 0.5:
                recorte = recorte[:, ::-1]
            recortes.append(np.ascontiguousarray(recorte))
        lote = [tf.image.resize(r.astype(np.float32) / 255.0, (self.lado, self.lado), antialias=True) for r in recortes]
        return tf.clip_by_value(tf.stack(lote), 0.0, 1.0)
