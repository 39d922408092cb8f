"""Query latency over one index: our retrieval and full answers against llama-index's default retriever
(``VectorStoreIndex.from_vector_store(...).as_retriever()``) over the same Chroma collection, in one process,
single and 8 concurrent; plus load time, index size and peak memory. Run once per corpus size, in its own process
(``python -m bench.query SIZE``) so that peak memory is that size's alone."""

from __future__ import annotations

import json
import sys
import time

from .indexes import ensure_index, index_backend, settings_for
from .measure import dir_size_mb, latencies, load_average, peak_rss_mb, summary_ms, timed

CONCURRENCY = 8
RETRIEVAL_ROUNDS = 3  # passes over the questions, ours and llama-index's in turn


def questions(limit: int = 40) -> list[tuple[str, dict]]:
    """Eval questions that stand alone (no conversation history), with their filters; a fixed, varied set."""
    from evals.dataset import load_items

    items = [item for item in load_items() if not item.history]
    step = max(1, len(items) // limit)
    return [(item.question, dict(item.filters)) for item in items[::step]][:limit]


def prevalence_questions(assistant, limit: int = 20) -> list[str]:
    """"How many respondents mentioned …?" for topics the library's own section headings name (the same for any
    corpus: nothing here is tuned to a question)."""
    from assistant.documents.prose import section_name

    headings = dict.fromkeys(section_name(p.section) for p in assistant.retriever.passages[:5000] if p.section)
    topics = [heading.lower() for heading in headings if 2 <= len(heading.split()) <= 6][:limit]
    return [f"How many respondents mentioned {topic}?" for topic in topics]


def make_snapshot(size: int, partial: bool = False, chroma_port: int | None = None) -> float | None:
    """Build the index if needed and make its local snapshot, in a process of its own, so that the load measured
    after starts from disk like any later start; the seconds the snapshot took, or None when it was there already.
    With ``chroma_port``, the snapshot is read through the server (the index must be built already)."""
    import subprocess

    code = ("import sys, time; from bench.indexes import settings_for, index_backend; "
            "from assistant.search.embedding import Embedder; from assistant.search.index import PassageIndex; "
            "from assistant.search.snapshot import open_snapshot, snapshot_folder; "
            f"from bench.indexes import ensure_index; ensure_index({size}, index_backend({size}), partial={partial}); "
            f"s = settings_for({size}, index_backend({size}), chroma_port={chroma_port}); "
            # recorded here too for an index cached before libraries recorded which vectors they hold
            "i = PassageIndex(s, Embedder.from_settings(s)); i.record_vector_space(); "
            "there = (snapshot_folder(i, s) / 'complete').is_file(); t = time.perf_counter(); open_snapshot(i, s); "
            "print('there' if there else round(time.perf_counter() - t, 1))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    last = done.stdout.strip().splitlines()[-1]
    return None if last == "there" else float(last)


def measure(size: int, backend: str = "onnx", threads: int = 1, rounds: int = 1, partial: bool = False,
            chroma_port: int | None = None) -> dict:
    """Every query figure for the index of ``size`` passages (0 = the real corpus); ``partial`` measures an
    unfinished index as it stands (see ``ensure_index``); ``chroma_port``, through a `chroma run` serving it there.
    Ours are measured first and our peak memory is taken before llama-index is imported for the baseline."""
    manifest = ensure_index(size, index_backend(size), partial=partial)  # built embedded, if not cached yet
    snapshot_s = make_snapshot(size, partial, chroma_port)
    settings = settings_for(size, index_backend(size), threads, chroma_port)
    result: dict = {"size": size, "passages": manifest["passages"], "backend": backend, "threads": threads,
                    "index_backend": manifest["backend"], "partial": bool(manifest.get("partial")),
                    "load_before": load_average(), "index_mb": dir_size_mb(settings.index_dir),
                    "build_seconds": manifest["build_seconds"], "snapshot_made_s": snapshot_s}
    began = time.perf_counter()
    from assistant.search.embedding import Embedder
    from assistant.search.index import PassageIndex
    from assistant.answers.pipeline import Assistant
    from assistant.answers.query import parse_question

    embedder = Embedder(settings.embedding_model, threads=threads, backend=backend,
                        cache_dir=settings.model_cache_dir, query_cache=0)  # every question is embedded anew
    index = PassageIndex(settings, embedder)
    assistant = Assistant.load(settings, index, embedder)
    result["load_s"] = round(time.perf_counter() - began, 3)  # imports, opening Chroma, the snapshot: not the model
    embedder.load()
    result["rss_after_load_mb"] = peak_rss_mb()

    asked = questions() * rounds
    parsed = [parse_question(question).filters for question, _ in asked]
    top_k = settings.top_k

    def ours_retrieve(i: int):
        return lambda: assistant.retriever.retrieve(asked[i][0], parsed[i], 2 * top_k)

    def ours_answer(i: int):
        question, filters = asked[i]
        return lambda: assistant.ask(question, group=filters.get("group"), area=filters.get("area"),
                                     respondent=filters.get("respondent"))

    for warm in range(3):  # first calls pay for lazy set-up
        ours_answer(warm)()
    indices = range(len(asked))
    result["answer"] = latencies([ours_answer(i) for i in indices])
    result[f"answer_x{CONCURRENCY}"] = latencies([ours_answer(i) for i in indices] * 2, threads=CONCURRENCY)
    counted = prevalence_questions(assistant)
    first = time.perf_counter()
    assistant.ask(counted[0])  # the first reads the extracts' vectors (memory-mapped) from disk
    result["prevalence_first_s"] = round(time.perf_counter() - first, 3)
    result["prevalence"] = latencies([lambda q=q: assistant.ask(q) for q in counted])
    result["prevalence_questions"] = len(counted)
    result["embed_query"] = latencies([lambda q=q: embedder.embed_query(q) for q, _ in asked])
    group = assistant.directory.groups()[0] if assistant.directory.groups() else None
    filtered = [(q, {"group": group}) for q, _ in asked[:20]]
    result["answer_group_filter"] = latencies([lambda q=q: assistant.ask(q, group=group) for q, _ in filtered])
    vectors = [embedder.embed_query(q) for q, _ in filtered]  # Chroma alone: the question is embedded already
    result["dense_where_filter"] = latencies(
        [lambda v=v: index.nearest(v, 40, {"group": {"$in": [group]}}) for v in vectors])
    result["dense_no_filter"] = latencies([lambda v=v: index.nearest(v, 40) for v in vectors])
    result["dense_overfetch_200"] = latencies([lambda v=v: index.nearest(v, 200) for v in vectors])
    result["peak_rss_mb"] = peak_rss_mb()  # ours alone: llama-index is not imported yet

    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    baseline = VectorStoreIndex.from_vector_store(
        ChromaVectorStore(chroma_collection=index.passages), embed_model=embedder.model
    ).as_retriever()
    def llama_retrieve(i: int):
        return lambda: baseline.retrieve(asked[i][0])

    # Every question through both first, so that neither side's timing pays for the first reads of the index's files
    # that the other then finds in the page cache; then the two in turn, question by question, so that a change in
    # the machine's load falls on both alike.
    for i in indices:
        ours_retrieve(i)()
        llama_retrieve(i)()
    ours, theirs = [], []
    for _ in range(RETRIEVAL_ROUNDS):
        for i in indices:
            ours.append(timed(ours_retrieve(i)))
            theirs.append(timed(llama_retrieve(i)))
    result["retrieve"], result["llama_retrieve"] = summary_ms(ours), summary_ms(theirs)
    for label, make in (("retrieve", ours_retrieve), ("llama_retrieve", llama_retrieve)):
        result[f"{label}_x{CONCURRENCY}"] = latencies([make(i) for i in indices] * 2, threads=CONCURRENCY)
    result["questions"] = len(asked)
    result["peak_rss_with_baseline_mb"] = peak_rss_mb()
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
