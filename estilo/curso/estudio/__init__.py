"""Estúdio interativo (ipywidgets): escolha imagens, ajuste os pesos e veja o estilo aparecer.

Uso num caderno (ou numa página Voilà)::

    from estilo.curso import estudio
    app = estudio.abrir()          # monta e mostra o estúdio

Tudo fica guardado no objeto ``Estudio``: os controles são atributos públicos
(``app.peso_estilo.value = 1.0``), ``app.configurar(...)`` ajusta vários de uma
vez e ``app.executar(sincrono=True)`` roda a transferência na própria célula
(útil para testes). Sem ``sincrono``, a otimização roda numa thread e os botões
continuam respondendo — é assim que o botão "Parar" funciona.

Módulos: ``padroes`` (valores iniciais, lidos de ``transferir``), ``controles`` (widgets e
configuração), ``envio`` (arquivos enviados), ``miniaturas``, ``regioes`` (um estilo por região, com
máscaras), ``execucao`` (thread, parar, prévia, progresso), ``exibicao`` (ipywidgets, PNG, mensagens) e ``fachada`` (``Estudio``, ``abrir``).
"""

from estilo.curso.estudio.envio import LADO_ENVIO, decodificar_envio
from estilo.curso.estudio.fachada import Estudio, abrir
from estilo.curso.estudio.padroes import MINIATURA, NOMES_OTIMIZADORES, OTIMIZADORES, PESOS_PADRAO

__all__ = [
    "LADO_ENVIO", "MINIATURA", "NOMES_OTIMIZADORES", "OTIMIZADORES", "PESOS_PADRAO", "Estudio", "abrir",
    "decodificar_envio",
]
