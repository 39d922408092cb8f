"""Ingest throughput: passages per second through ``PassageIndex.sync`` (parse, cut passages, embed, write to
Chroma through llama-index, the next batch embedded while one is written) against the raw throughput of the same model on the same texts in the same process:
our ``Embedder.embed_texts`` and sentence-transformers' ``SentenceTransformer.encode`` on torch."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from .measure import load_average, peak_rss_mb
from .synthetic import synthetic_documents


def measure(documents: int = 6, threads: int | None = None, backend: str = "onnx", rounds: int = 2) -> dict:
    """Figures for ``documents`` synthetic documents (about 81 passages each), on ``threads`` threads (every core
    by default, as `assistant ingest` embeds)."""
    import os

    threads = threads or os.cpu_count() or 1
    import torch
    from sentence_transformers import SentenceTransformer

    from assistant.documents.corpus import parse_read
    from assistant.search.embedding import Embedder
    from assistant.search.index import PassageIndex
    from assistant.documents.passages import build_passages, embedding_text
    from assistant.settings import Settings

    corpus = synthetic_documents(documents, seed=1)
    texts = [embedding_text(p) for document in corpus for p in build_passages(parse_read(document))]
    result: dict = {"passages": len(texts), "documents": documents, "threads": threads, "backend": backend,
                    "load_before": load_average()}
    embedder = Embedder(threads=threads, backend=backend)
    embedder.embed_texts(texts[:8])  # load (and export on a first run) outside the timing
    torch.set_num_threads(threads)
    model = SentenceTransformer(str(embedder.model_path), device="cpu")
    model.encode(texts[:8])
    import llama_index.core.schema, llama_index.vector_stores.chroma  # noqa: E401,F401  a one-off 2 s per process,
    # paid by any ingest but not a per-passage cost: imported here so it does not sit in the first timed sync

    def rate(call) -> float:
        began = time.perf_counter()
        call()
        return round(len(texts) / (time.perf_counter() - began), 1)

    raw_ours, synced = [], []
    result["raw_sentence_transformers_per_s"] = rate(
        lambda: model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False))
    for _ in range(rounds):  # alternated, so that a change in the machine's load falls on both sides
        raw_ours.append(rate(lambda: embedder.embed_texts(texts)))
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
            index = PassageIndex(Settings(index_dir=Path(folder) / "index"), embedder)
            synced.append(rate(lambda: index.sync(corpus)))
            if index.count() != len(texts):
                raise RuntimeError(f"sync stored {index.count()} passages, expected {len(texts)}")
    result["raw_embedder_per_s"] = round(statistics.median(raw_ours), 1)
    result["sync_per_s"] = round(statistics.median(synced), 1)
    result["raw_embedder_runs"], result["sync_runs"] = raw_ours, synced
    result["sync_vs_raw_embedder"] = round(result["sync_per_s"] / result["raw_embedder_per_s"], 3)
    result["sync_vs_raw_sentence_transformers"] = round(
        result["sync_per_s"] / result["raw_sentence_transformers_per_s"], 3)
    result["peak_rss_mb"] = peak_rss_mb()
    result["load_after"] = load_average()
    return result
