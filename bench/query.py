"""Query latency over one index: our retrieval and full answers against llama-index's default retriever
(``VectorStoreIndex.from_vector_store(...).as_retriever()``) over the same Chroma collection, in one process,
single and 8 concurrent; plus load time, index size and peak memory. Run once per corpus size, in its own process
(``python -m bench.query SIZE``) so that peak memory is that size's alone."""

from __future__ import annotations

import json
import sys
import time

from .indexes import ensure_index, index_backend, settings_for
from .measure import dir_size_mb, latencies, load_average, peak_rss_mb

CONCURRENCY = 8


def questions(limit: int = 40) -> list[tuple[str, dict]]:
    """Eval questions that stand alone (no conversation history), with their filters; a fixed, varied set."""
    from evals.dataset import load_items

    items = [item for item in load_items() if not item.history]
    step = max(1, len(items) // limit)
    return [(item.question, dict(item.filters)) for item in items[::step]][:limit]


def measure(size: int, backend: str = "onnx", threads: int = 1, rounds: int = 1, partial: bool = False) -> dict:
    """Every query figure for the index of ``size`` passages (0 = the real corpus); ``partial`` measures an
    unfinished index as it stands (see ``ensure_index``)."""
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.embedding import Embedder
    from assistant.index import PassageIndex
    from assistant.pipeline import Assistant
    from assistant.query import parse_question

    manifest = ensure_index(size, index_backend(size), partial=partial)
    settings = settings_for(size, index_backend(size), threads)
    result: dict = {"size": size, "passages": manifest["passages"], "backend": backend, "threads": threads,
                    "index_backend": manifest["backend"], "partial": bool(manifest.get("partial")),
                    "load_before": load_average(), "index_mb": dir_size_mb(settings.index_dir),
                    "build_seconds": manifest["build_seconds"]}
    embedder = Embedder(settings.embedding_model, threads=threads, backend=backend,
                        cache_dir=settings.model_cache_dir, query_cache=0)  # every question is embedded anew
    embedder.load()
    began = time.perf_counter()
    index = PassageIndex(settings, embedder)
    passages = index.all_passages()
    result["load_passages_s"] = round(time.perf_counter() - began, 3)  # PassageIndex.all_passages
    began = time.perf_counter()
    assistant = Assistant.load(settings, index, embedder)
    result["load_assistant_s"] = round(time.perf_counter() - began, 3)
    result["rss_after_load_mb"] = peak_rss_mb()
    del passages

    baseline = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=index.passages), embed_model=embedder.model
    ).as_retriever()
    asked = questions() * rounds
    parsed = [parse_question(question).filters for question, _ in asked]
    top_k = settings.top_k

    def ours_retrieve(i: int):
        return lambda: assistant.retriever.retrieve(asked[i][0], parsed[i], 2 * top_k)

    def ours_answer(i: int):
        question, filters = asked[i]
        return lambda: assistant.ask(question, group=filters.get("group"), area=filters.get("area"),
                                     respondent=filters.get("respondent"))

    def llama_retrieve(i: int):
        return lambda: baseline.retrieve(asked[i][0])

    for warm in range(3):  # first calls pay for lazy set-up on every side
        ours_answer(warm)(), llama_retrieve(warm)()
    indices = range(len(asked))
    for label, make in (("retrieve", ours_retrieve), ("answer", ours_answer), ("llama_retrieve", llama_retrieve)):
        result[label] = latencies([make(i) for i in indices])
        result[f"{label}_x{CONCURRENCY}"] = latencies([make(i) for i in indices] * 2, threads=CONCURRENCY)
    result["embed_query"] = latencies([lambda q=q: embedder.embed_query(q) for q, _ in asked])
    filtered = [(q, {"group": "Fire"}) for q, _ in asked[:20]]
    result["answer_service_filter"] = latencies(
        [lambda q=q: assistant.ask(q, group="Fire") for q, _ in filtered])
    vectors = [embedder.embed_query(q) for q, _ in filtered]  # Chroma alone: the question is embedded already
    result["dense_where_filter"] = latencies(
        [lambda v=v: index.nearest(v, 40, {"group": {"$in": ["Fire"]}}) for v in vectors])
    result["dense_no_filter"] = latencies([lambda v=v: index.nearest(v, 40) for v in vectors])
    result["dense_overfetch_200"] = latencies([lambda v=v: index.nearest(v, 200) for v in vectors])
    result["questions"] = len(asked)
    result["peak_rss_mb"] = peak_rss_mb()
    result["load_after"] = load_average()
    return result


if __name__ == "__main__":  # python -m bench.query SIZE [--backend onnx] [--threads 1]: one JSON line
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int)
    parser.add_argument("--backend", default="onnx")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(measure(args.size, args.backend, args.threads)))
