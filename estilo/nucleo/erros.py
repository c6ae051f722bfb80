"""Hierarquia de exceções e avisos do pacote, com mensagens em português."""


class ErroEstilo(Exception):
    """Erro base do pacote: a mensagem diz o que aconteceu e o que fazer."""


class ErroParametro(ErroEstilo, ValueError):
    """Parâmetro inválido (tamanho, passos, pesos, camadas...)."""


class ErroImagem(ErroEstilo):
    """Imagem que não pode ser lida ou usada."""


class ErroDownload(ErroEstilo):
    """Download que falhou ou cujo conteúdo não confere com o sha256 esperado."""


class ErroPesos(ErroEstilo):
    """Pesos da rede indisponíveis ou corrompidos."""


class ErroSaida(ErroEstilo):
    """Arquivo de saída que não pode (ou não deve) ser escrito."""


class AvisoEstilo(UserWarning):
    """Aviso de que o pacote tomou uma decisão por você (redução, conversão, recuo)."""
