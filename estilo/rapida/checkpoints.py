"""Checkpoints do treino da rede rápida: gravar, ler, restaurar e conferir se são do mesmo treino.

Numa pasta: ``passo_NNNNNN/`` (pesos da rede + estado do Adam) e ``estado.json`` (configuração, passo e
histórico), que só aponta para um checkpoint depois que ele está completo no disco.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from estilo.nucleo.erros import ErroParametro, ErroSaida

ESTADO = "estado.json"
"""Na pasta de checkpoints: configuração, passo e histórico do último checkpoint completo."""


def preparar_pasta(pasta) -> Path:
    """Cria a pasta (se faltar) e confere que dá para escrever nela; ErroSaida em português se não der."""
    pasta = Path(pasta).expanduser()
    try:
        pasta.mkdir(parents=True, exist_ok=True)
        fd, teste = tempfile.mkstemp(dir=pasta)
        os.close(fd)
        os.unlink(teste)
    except OSError as exc:
        raise ErroSaida(f"Não consigo escrever checkpoints em '{pasta}' ({exc.strerror or exc}).") from None
    return pasta


def salvar(pasta, rede, otimizador, passo, historico, configuracao):
    """Grava passo_NNNNNN/ (pesos + estado do Adam) e só então aponta estado.json para ele."""
    pasta = Path(pasta)
    destino = pasta / f"passo_{passo:06d}"
    temporaria = Path(tempfile.mkdtemp(dir=pasta, prefix=".parcial-"))
    try:
        rede.save_weights(temporaria / "rede.weights.h5")
        np.savez(temporaria / "otimizador.npz", *[v.numpy() for v in otimizador.variables])
        if destino.exists():
            shutil.rmtree(destino)
        os.replace(temporaria, destino)
        estado = {"passo": passo, "pasta": destino.name, "configuracao": configuracao, "historico": historico}
        fd, tmp = tempfile.mkstemp(dir=pasta, prefix=".estado-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(estado, f, ensure_ascii=False)
        os.replace(tmp, pasta / ESTADO)
    finally:
        shutil.rmtree(temporaria, ignore_errors=True)
    for antiga in pasta.glob("passo_*"):
        if antiga.name != destino.name:
            shutil.rmtree(antiga, ignore_errors=True)


def ler_estado(pasta) -> dict | None:
    """O estado do último checkpoint completo em ``pasta`` (ou None se não houver)."""
    arquivo = Path(pasta) / ESTADO
    try:
        estado = json.loads(arquivo.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ErroParametro(f"O checkpoint '{arquivo}' está ilegível ({exc}); apague a pasta para recomeçar.") from None
    if not (Path(pasta) / estado.get("pasta", "?") / "rede.weights.h5").is_file():
        raise ErroParametro(f"O checkpoint em '{pasta}' está incompleto; apague a pasta para recomeçar.")
    return estado


def restaurar(pasta, estado, rede, otimizador):
    """Carrega na rede e no otimizador os pesos e o estado do checkpoint descrito por ``estado``."""
    origem = Path(pasta) / estado["pasta"]
    rede.load_weights(origem / "rede.weights.h5")
    otimizador.build(rede.trainable_variables)
    with np.load(origem / "otimizador.npz") as z:
        valores = [z[f"arr_{i}"] for i in range(len(z.files))]
    if len(valores) != len(otimizador.variables):
        raise ErroParametro(f"O estado do otimizador em '{origem}' não corresponde a esta rede.")
    for v, valor in zip(otimizador.variables, valores):
        v.assign(valor)


def mesmo_treino(salva, atual) -> bool:
    """Se a configuração ``salva`` num checkpoint é a do treino ``atual`` (o total de passos pode crescer)."""

    def comparavel(configuracao):  # como ficaria depois de gravada em JSON, sem o total de passos
        return {k: v for k, v in json.loads(json.dumps(configuracao)).items() if k != "passos"}

    return comparavel(salva) == comparavel(atual)
