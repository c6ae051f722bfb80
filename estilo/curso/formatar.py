"""Números e rótulos para o leitor das lições (o código mora em ``estilo.nucleo.formatar``, que o
``Resultado.resumo`` também usa; as lições importam por aqui, junto do resto do material do curso)."""

from estilo.nucleo.formatar import NOMES_TERMOS, ROTULOS, formatar, rotulo, termos

__all__ = ["NOMES_TERMOS", "ROTULOS", "formatar", "rotulo", "termos"]
