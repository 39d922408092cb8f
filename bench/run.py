"""The benchmark: ``python -m bench.run`` (or ``make bench``) measures, prints each figure, and writes
``bench/RESULTS.md``.

Each part runs in a process of its own (so peak memory is that part's alone) and leaves its figures in
``bench/.cache/results/``; the report is drawn from every part's latest figures, so one part can be rerun alone:
``python -m bench.run --parts query --sizes 10000``. Indexes are built once and cached (see indexes.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from .indexes import CACHE
from .coldstart import OLD_IMPORTS
from .measure import load_average, machine

PARTS = ("ingest", "query", "shared", "cold", "app", "busy", "quality")
SIZED = ("query", "shared")  # parts measured once per library size
RESULTS = CACHE / "results"
REPORT = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_SIZES = (0, 1000, 10000, 100000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, from {', '.join(PARTS)}")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="corpus sizes in passages for the query and shared parts (0 = the real report)")
    parser.add_argument("--report-only", action="store_true", help="redraw RESULTS.md from stored figures")
    parser.add_argument("--partial", action="store_true",
                        help="measure an index whose build has not finished as it stands, rather than finish it")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_work(args.worker, args.size, args.partial)))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
        for part in [p.strip() for p in args.parts.split(",") if p.strip()]:
            if part not in PARTS:
                parser.error(f"unknown part {part!r}: use {', '.join(PARTS)}")
            sizes = [int(s) for s in args.sizes.split(",")] if part in SIZED else [0]
            for size in sizes:
                figures = _spawn(part, size, args.partial)
                figures["command"] = command.strip()
                name = f"{part}-{size}" if part in SIZED else part
                (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2))
                print(f"\n== {name}\n{_headline(part, figures)}", flush=True)
    REPORT.write_text(render(), encoding="utf-8")
    print(f"\nwrote {REPORT}")
    return 0


def _spawn(part: str, size: int, partial: bool = False) -> dict:
    began = time.time()
    print(f"-- {part}{f' at {size} passages' if part in SIZED else ''} (load {load_average()})", flush=True)
    done = subprocess.run([sys.executable, "-m", "bench.run", "--worker", part, "--size", str(size),
                           *(["--partial"] if partial else [])],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0:
        raise SystemExit(f"{part} failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["date"] = datetime.fromtimestamp(began, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    figures["seconds"] = round(time.time() - began, 1)
    return figures


def _work(part: str, size: int, partial: bool = False) -> dict:
    if part == "ingest":
        from .ingest import measure
        return measure()
    if part == "query":
        from .query import measure
        return measure(size, partial=partial)
    if part == "shared":
        from .shared import measure
        return measure(size, partial=partial)
    if part == "cold":
        from .coldstart import cli
        return cli()
    if part == "app":
        from .coldstart import app
        return app()
    if part == "busy":
        from .busy import measure
        return measure()
    if part == "quality":
        from .quality import measure
        return measure()
    raise ValueError(part)


def _headline(part: str, f: dict) -> str:
    if part == "ingest":
        return (f"sync {f['sync_per_s']}/s vs raw embedder {f['raw_embedder_per_s']}/s "
                f"({f['sync_vs_raw_embedder']:.0%}); raw sentence-transformers {f['raw_sentence_transformers_per_s']}/s")
    if part in SIZED:
        served = f" (Chroma server's peak {f['server_peak_rss_mb']} MB)" if "server_peak_rss_mb" in f else ""
        return (f"{f['passages']} passages{served}: load {f['load_s']} s, peak RSS {f['peak_rss_mb']} MB; retrieve p50 "
                f"{f['retrieve']['p50']} / p95 {f['retrieve']['p95']} ms (llama-index p50 {f['llama_retrieve']['p50']} ms); "
                f"answer p95 {f['answer']['p95']} ms, ×8 {f['answer_x8']['p95']} ms; prevalence p95 "
                f"{f['prevalence']['p95']} ms; index {f['index_mb']} MB")
    if part == "cold":
        return (f"CLI first answer {f['onnx']['median_s']} s (torch backend {f['torch']['median_s']} s, before "
                f"{f.get('before', {}).get('median_s')} s); ingest with nothing to do "
                f"{f.get('ingest_unchanged', {}).get('median_s')} s (before {f.get('ingest_unchanged_before', {}).get('median_s')} s)")
    if part == "app":
        if "skipped" in f:
            return f["skipped"]
        return "; ".join(f"{figures['passages']} passages: server healthy {figures['server_healthy_s']} s, page load "
                         f"{figures['page_load_s']} s, first answer {figures['first_answer_after_page_load_s']} s after"
                         for figures in f["sizes"].values())
    if part == "quality":
        return " ".join(f"{b}: hit@5 {f[b]['hit@5']}, codes {f[b]['codes_all_cited']}, p50 {f[b]['latency_p50_ms']} ms;"
                        for b in ("onnx", "onnx-int8", "torch"))
    if part == "busy":
        return " ".join(f"{k}: p50 {v['p50']} p95 {v['p95']} ms;" for k, v in f.items() if isinstance(v, dict))
    return json.dumps(f)


def _load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def _pair(figures: dict | None) -> str:
    return f"{figures['p50']} / {figures['p95']}" if figures else "–"


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "–"


def _vs_llama(q: dict) -> str:
    """Our retrieval p50 against llama-index's (figures of earlier runs: the mean of ours before and after it)."""
    ours_p50 = (q["retrieve"]["p50"] + q.get("retrieve_again", q["retrieve"])["p50"]) / 2
    return _ratio(ours_p50, q["llama_retrieve"]["p50"])


def render() -> str:
    """RESULTS.md from the stored figures of every part."""
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        "Drawn by `python -m bench.run` (`make bench`) from the figures in `bench/.cache/results/`; every figure is",
        "printed by the benchmark. Latencies are medians (p50) and 95th percentiles over the eval questions that",
        "stand alone, each question embedded anew (no query cache). A ratio compares us with the baseline run in the",
        "same process on the same index: below 1× we are faster (latency) — above 1× we are faster (throughput).",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores (`nproc`), {info['memory_gib']} GiB RAM, Python {info['python']}, "
        f"commit {info['commit']}. Versions: " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()) + ".",
        "The machine is shared with other engineers' test runs: the load average (1, 5, 15 min) is given per part.",
        "",
    ]
    ingest = _load("ingest")
    if ingest:
        lines += [
            "## Ingest",
            "",
            f"{ingest['date']} · `{ingest['command']}` · load {ingest['load_before']} → {ingest['load_after']}",
            "",
            "| what | passages/s | vs raw embedder |",
            "|---|---:|---:|",
            f"| `PassageIndex.sync` ({ingest['passages']} passages: parse, embed, write to Chroma) | "
            f"{ingest['sync_per_s']} | {ingest['sync_vs_raw_embedder']:.0%} |",
            f"| raw `Embedder.embed_texts` ({ingest['backend']}, {ingest['threads']} threads; median of runs "
            f"{ingest['raw_embedder_runs']}, alternated with sync runs {ingest.get('sync_runs')}) "
            f"| {ingest['raw_embedder_per_s']} | 100% |",
            f"| raw `SentenceTransformer.encode` (torch, same texts) | {ingest['raw_sentence_transformers_per_s']} | "
            f"{ingest['raw_sentence_transformers_per_s'] / ingest['raw_embedder_per_s']:.0%} |",
            "",
            f"Target ≥ 90% of raw: sync/raw embedder {ingest['sync_vs_raw_embedder']:.0%}, "
            f"sync/raw sentence-transformers {ingest['sync_vs_raw_sentence_transformers']:.0%}.",
            "",
        ]
    queries = [q for size in DEFAULT_SIZES if (q := _load(f"query-{size}"))]
    if queries:
        lines += [
            "## Loading, memory and query latency by library size",
            "",
            "Ours = `HybridRetriever.retrieve` (BM25 + dense, fused) and `Assistant.ask` (retrieval, composed answer,",
            "citation check). Baseline = llama-index's `VectorStoreIndex.from_vector_store(ChromaVectorStore(...))",
            ".as_retriever()` with its defaults (top 2) and the same embedder, over the same collection, in the same",
            "process: every question through both first, then the two timed in turn, question by question, three times",
            "over. ×8 = eight threads asking at once (each latency is one call's). Load = a fresh process opening the",
            "index and its local snapshot (imports included, the model not); the snapshot is made once after an ingest",
            "changed the index (\"made\", in its own process). Peak RSS is ours: taken before llama-index is imported.",
            "Prevalence = \"How many respondents mentioned <a section heading>?\", counted over every extract.",
            "",
            "| passages | load s | snapshot made s | peak RSS MB | retrieve p50 / p95 ms | llama-index p50 / p95 ms "
            "| retrieve vs llama p50 | answer p50 / p95 ms | ×8 answer p50 / p95 | ×8 retrieve p50 / p95 "
            "| ×8 llama p50 / p95 | prevalence p50 / p95 ms (first) | index MB | load avg |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for q in queries:
            lines.append(
                f"| {q['passages']:,}{' (report)' if q['size'] == 0 else ''}{' (partial build)' if q.get('partial') else ''} "
                f"| {q['load_s']} | {q.get('snapshot_made_s') or '–'} | {q['peak_rss_mb']} "
                f"| {_pair(q['retrieve'])} | {_pair(q['llama_retrieve'])} | {_vs_llama(q)} "
                f"| {_pair(q['answer'])} | {_pair(q['answer_x8'])} | {_pair(q['retrieve_x8'])} "
                f"| {_pair(q['llama_retrieve_x8'])} | {_pair(q['prevalence'])} ({q['prevalence_first_s'] * 1000:.0f}) "
                f"| {q['index_mb']} | {q['load_before']} |"
            )
        lines += [
            "",
            "Chroma alone (question already embedded), 40 hits: no filter, with `where group = <the largest group>`, "
            "and the 200 unfiltered hits that retrieval filters itself instead of `where`.",
            "",
            "| passages | embed question p50 ms | Chroma 40 hits p50 / p95 | Chroma `where` 40 hits p50 / p95 "
            "| Chroma 200 hits p50 / p95 | answer with a group filter p50 / p95 | RSS after load MB "
            "| index embedded with | built in s | date |",
            "|---:|---:|---:|---:|---:|---:|---:|---|---:|---|",
        ]
        for q in queries:
            lines.append(
                f"| {q['passages']:,} | {q['embed_query']['p50']} | {_pair(q['dense_no_filter'])} "
                f"| {_pair(q['dense_where_filter'])} | {_pair(q.get('dense_overfetch_200'))} "
                f"| {_pair(q['answer_group_filter'])} | {q['rss_after_load_mb']} "
                f"| {q.get('index_backend', q['backend'])} | {q['build_seconds']} | {q['date']} |"
            )
        lines += ["", "Targets at 100,000 passages: load ≤ 3 s; peak RSS ≤ 600 MB; retrieval p50 ≤ 1.0× the baseline "
                  "and p95 ≤ 30 ms; answer p95 ≤ 150 ms alone and ≤ 250 ms with 8 at once; a prevalence answer ≤ 300 ms.",
                  ""]
    shared = [q for size in DEFAULT_SIZES if (q := _load(f"shared-{size}"))]
    if shared:
        lines += [
            "## A team's library on a Chroma server",
            "",
            "The same index served by a real `chroma run` over its folder (`python -m bench.run --parts shared`), as a",
            "team keeps a shared library: the assistant reaches it over HTTP, and Chroma's vector index (HNSW) lives in",
            "the server's memory, not the app's. Questions are embedded with the model the library was built with, as",
            "the app set up for it does (the int8 model at 100,000 passages). Peak RSS is the app's (before llama-index",
            "is imported); the server's is beside it. Columns as above.",
            "",
            "| passages | load s | peak RSS MB | server peak RSS MB | retrieve p50 / p95 ms | llama-index p50 / p95 ms "
            "| retrieve vs llama p50 | answer p50 / p95 ms | ×8 answer p50 / p95 | prevalence p50 / p95 ms | load avg "
            "| date |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        ]
        for q in shared:
            lines.append(
                f"| {q['passages']:,}{' (report)' if q['size'] == 0 else ''} | {q['load_s']} | {q['peak_rss_mb']} "
                f"| {q['server_peak_rss_mb']} | {_pair(q['retrieve'])} | {_pair(q['llama_retrieve'])} "
                f"| {_vs_llama(q)} | {_pair(q['answer'])} | {_pair(q['answer_x8'])} "
                f"| {_pair(q['prevalence'])} | {q['load_before']} | {q['date']} |"
            )
        lines.append("")
    cold = _load("cold")
    if cold:
        before = cold.get("before_commit", "before")

        def row(label: str, key: str, baseline: str) -> str:
            if key not in cold:
                return ""
            ratio = _ratio(cold[key]["median_s"], cold[baseline]["median_s"]) if baseline in cold else "–"
            return f"| {label} | {cold[key]['median_s']} | {ratio} |"

        lines += [
            "## Cold start",
            "",
            f"{cold['date']} · `{cold['command']}` · load {cold['load_before']} → {cold['load_after']}. Median of "
            f"{cold['runs']} fresh processes each; \"before\" is the code at commit {before} (`git archive`, its own "
            "index) run the same way in the same run.",
            "",
            "| process start → … | s | vs before |",
            "|---|---:|---:|",
            *[line for line in (
                row("answer printed, `assistant ask` (ONNX embedder; no torch or llama-index imported)", "onnx", "before"),
                row("answer printed, `ASSISTANT_EMBEDDING_BACKEND=torch`", "torch", "before"),
                row(f"answer printed, code at {before}", "before", "before"),
                row("`assistant ingest` done, nothing changed (what `make run` does first)", "ingest_unchanged",
                    "ingest_unchanged_before"),
                row(f"`assistant ingest` done, nothing changed, code at {before}", "ingest_unchanged_before",
                    "ingest_unchanged_before"),
            ) if line],
            f"| only importing what the old query path imported (`{OLD_IMPORTS}`) | "
            f"{cold['old_imports_only']['median_s']} | – |",
            "",
        ]
    app = _load("app")
    if app and "skipped" not in app and "sizes" in app:
        lines += [
            f"App (`streamlit run`, Debian Chromium via Playwright, median of {app['runs']} fresh servers per index, "
            f"after one start that made the index's snapshot; {app['date']}, load {app['load_before']} → "
            f"{app['load_after']}). Page load = until the chat box is usable (index loaded, example questions asked).",
            "",
            "| passages | server start → healthy s | page load s | first answer after the page loads s "
            "| process start → answer s (with Chromium) |",
            "|---:|---:|---:|---:|---:|",
            *[f"| {figures['passages']:,} | {figures['server_healthy_s']} | {figures['page_load_s']} "
              f"| {figures['first_answer_after_page_load_s']} | {figures['process_start_to_answer_s']} |"
              for figures in app["sizes"].values()],
            "",
            "Target at 100,000 passages: app start to a usable page ≤ 5 s (server start → healthy + page load).",
            "",
        ]
    busy = _load("busy")
    if busy:
        rows = [(k, v) for k, v in busy.items() if isinstance(v, dict)]
        lines += [
            "## Busy machine",
            "",
            f"Full answers over the report (`Assistant.ask`, {busy['questions']} questions), with the embedder on 1 or 2 "
            f"threads, as the machine was (load {busy['load_as_is']}) and while two processes each burn a core "
            f"(started just before; the 1-minute load average, {busy.get('load_busy')}, lags behind them). "
            f"{busy['date']}.",
            "",
            "| condition | p50 ms | p95 ms |",
            "|---|---:|---:|",
            *[f"| {k.replace('_', ' ')} | {v['p50']} | {v['p95']} |" for k, v in rows],
            "",
        ]
    quality = _load("quality")
    if quality:
        from .quality import BACKENDS, METRICS

        lines += [
            "## Quality cost of the embedding levers",
            "",
            f"`assistant eval` on all questions, once per backend, each over an index embedded with that backend "
            f"({quality['date']}, load {quality['load_before']} → {quality['load_after']}).",
            "",
            "| backend | " + " | ".join(METRICS) + " |",
            "|---|" + "---:|" * len(METRICS),
            *[f"| {b} | " + " | ".join(str(quality[b][m]) for m in METRICS) + " |" for b in BACKENDS],
            "",
        ]
    extra = Path(__file__).with_name("NOTES.md")
    if extra.is_file():
        lines += [extra.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
