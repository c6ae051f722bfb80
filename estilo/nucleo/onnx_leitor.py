"""Leitor mínimo dos tensores iniciais (initializers) de um arquivo ONNX, sem dependências.

O formato ONNX é um protobuf: ModelProto.graph (campo 7) -> GraphProto.initializer (campo 5)
-> TensorProto {dims (1), data_type (2), float_data (4), name (8), raw_data (9)}.
"""


import numpy as np

_TIPOS = {1: np.float32, 6: np.int32, 7: np.int64, 10: np.float16, 11: np.float64}


def _varint(dados, pos):
    resultado = deslocamento = 0
    while True:
        byte = dados[pos]
        pos += 1
        resultado |= (byte & 0x7F) << deslocamento
        if not byte & 0x80:
            return resultado, pos
        deslocamento += 7


def _campos(dados, inicio=0, fim=None):
    """Percorre (numero_do_campo, tipo, valor) de uma mensagem protobuf."""
    pos, fim = inicio, len(dados) if fim is None else fim
    while pos < fim:
        chave, pos = _varint(dados, pos)
        numero, tipo = chave >> 3, chave & 7
        if tipo == 0:
            valor, pos = _varint(dados, pos)
        elif tipo == 1:
            valor, pos = dados[pos : pos + 8], pos + 8
        elif tipo == 2:
            tamanho, pos = _varint(dados, pos)
            valor, pos = dados[pos : pos + tamanho], pos + tamanho
        elif tipo == 5:
            valor, pos = dados[pos : pos + 4], pos + 4
        else:
            raise ValueError(f"tipo de campo protobuf não suportado: {tipo}")
        yield numero, tipo, valor


def _tensor(mensagem):
    dims, tipo_dado, nome, bruto, floats = [], 1, "", None, None
    for numero, tipo, valor in _campos(mensagem):
        if numero == 1:
            if tipo == 2:  # dimensões empacotadas
                p = 0
                while p < len(valor):
                    d, p = _varint(valor, p)
                    dims.append(d)
            else:
                dims.append(valor)
        elif numero == 2:
            tipo_dado = valor
        elif numero == 4 and tipo == 2:
            floats = valor
        elif numero == 8:
            nome = bytes(valor).decode("utf-8")
        elif numero == 9:
            bruto = valor
    dtype = _TIPOS.get(tipo_dado)
    if dtype is None:
        return nome, None
    if bruto is not None:
        matriz = np.frombuffer(bruto, dtype=np.dtype(dtype).newbyteorder("<"))
    elif floats is not None:
        matriz = np.frombuffer(floats, dtype="<f4")
    else:
        matriz = np.zeros(0, dtype)
    return nome, matriz.astype(dtype).reshape(dims)


def ler_iniciais(caminho, filtro=None) -> dict:
    """Lê os initializers de um arquivo ONNX: {nome: np.ndarray}; `filtro(nome)` escolhe quais."""
    with open(caminho, "rb") as arquivo:
        dados = memoryview(arquivo.read())
    resultado = {}
    for numero, _, grafo in _campos(dados):
        if numero != 7:
            continue
        for numero_g, _, mensagem in _campos(grafo):
            if numero_g != 5:
                continue
            nome, matriz = _tensor(mensagem)
            if matriz is not None and (filtro is None or filtro(nome)):
                resultado[nome] = matriz
    return resultado


