"""Run the suite: every question through the assistant and the baselines, scored, gated, compared with an
earlier run, and written to ``<reports folder>/<timestamp>/`` (``settings.eval_reports_dir``). ``run_from_cli`` is
what ``assistant eval`` calls; the Evals page calls the same functions.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.answers.llm_answer import llm_outcome

from .claims import calibrate, configured_checker
from .dataset import EVALS_DIR, EvalItem, load_claim_pairs, load_items
from .history import load_run
from .metrics import aggregate, score_answer
from .results import STAMP, SuiteResult
from .shown import SourceText

GATES_PATH = EVALS_DIR / "gates.toml"
BUNDLED_DATASET = "evals/dataset.jsonl"
SELF_CHECK_DATASET = "self-check (generated from the library's attributed quotes)"
Progress = Callable[[int, int, str], None]  # (done, total, what)


def ask_item(assistant, item: EvalItem) -> dict[str, Any]:
    """The assistant's answer dict for one eval item, with its filters and history."""
    answer = assistant.ask(item.question, group=item.filters.get("group"), area=item.filters.get("area"),
                           respondent=item.filters.get("respondent"), history=list(item.history),
                           document=item.filters.get("document"))
    return answer.to_dict()


def summarise(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall, per split, per kind, and per document when the questions are about several."""
    summary = {
        "overall": aggregate(records),
        "by_split": {split: aggregate([r for r in records if r["split"] == split])
                     for split in sorted({r["split"] for r in records})},
        "by_kind": {kind: aggregate([r for r in records if r["kind"] == kind])
                    for kind in sorted({r["kind"] for r in records})},
    }
    documents = sorted({r.get("document") or "" for r in records})
    if len(documents) > 1 or documents and documents[0]:
        summary["by_document"] = {document or "(any)": aggregate([r for r in records if (r.get("document") or "") == document])
                                  for document in documents}
    return summary


def load_gates(path: Path | None = None) -> dict[str, dict[str, Any]]:
    with open(path or GATES_PATH, "rb") as handle:
        return tomllib.load(handle)["gates"]


def evaluate_gates(overall: dict[str, Any], gates: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each gate with its value and verdict; a metric with nothing to count (None) fails unless it is a
    rate over shown quotes, which holds vacuously when none is shown."""
    results = []
    for name, gate in gates.items():
        value = overall.get(gate["metric"])
        vacuous = value is None and gate["metric"] in ("quote_verbatim_rate", "attribution_accuracy")
        passed = vacuous or (value is not None and value >= gate["min"])
        results.append({"name": name, "metric": gate["metric"], "min": gate["min"], "value": value,
                        "hard": bool(gate.get("hard", False)), "passed": passed,
                        "description": gate.get("description", "")})
    return results


def run_suite(assistant, items: Sequence[EvalItem], progress: Progress | None = None, baselines: bool = True,
              gates_path: Path | None = None) -> SuiteResult:
    """Score every item through ``assistant`` (and the baselines), calibrate the claim checker, apply gates.

    An assistant with the LLM answerer is the system "llm" (gated), with its extractive answerer beside it as
    "hybrid", on the same index.
    """
    from .baselines import BM25Baseline, LlamaIndexDenseBaseline

    source = SourceText(assistant.documents)
    checker = configured_checker(assistant.retriever.embedder.embed_texts)
    checker_report = calibrate(checker, load_claim_pairs())
    main = "llm" if assistant.llm_answerer is not None else "hybrid"
    systems: dict[str, Callable[[EvalItem], dict[str, Any]]] = {main: lambda item: ask_item(assistant, item)}
    if main == "llm":
        extractive = extractive_twin(assistant)
        systems["hybrid"] = lambda item: ask_item(extractive, item)
    if baselines:
        bm25 = BM25Baseline(assistant.retriever.passages)
        corpus = [(name, document.text) for name, document in assistant.documents.items()]
        dense = LlamaIndexDenseBaseline(corpus, assistant.retriever.embedder.model)
        systems |= {bm25.name: lambda item: bm25.ask(item.question), dense.name: lambda item: dense.ask(item.question)}
    all_records: dict[str, list[dict[str, Any]]] = {name: [] for name in systems}
    total, done = len(items) * len(systems), 0
    for name, ask in systems.items():
        for item in items:
            began = time.perf_counter()
            answer = ask(item)
            record = score_answer(item, answer, source, checker)
            if name == "llm":
                record["llm_outcome"] = llm_outcome(answer.get("notes", []))
            record["latency_ms"] = record["latency_ms"] or round((time.perf_counter() - began) * 1000, 2)
            all_records[name].append(record)
            done += 1
            if progress:
                progress(done, total, f"{name}: {item.id}")
    records = all_records.pop(main)
    summary = summarise(records)
    summary["systems"] = {main: summary["overall"]} | {n: aggregate(r) for n, r in all_records.items()}
    if main == "llm":  # how many answers kept the model's text, and why the others did not
        outcomes = [record["llm_outcome"] for record in records]
        summary["llm_outcomes"] = {outcome: outcomes.count(outcome) for outcome in sorted(set(outcomes))}
    summary["claim_checker"] = checker_report
    result = SuiteResult(records, all_records, summary)
    result.gates = evaluate_gates(summary["overall"], load_gates(gates_path))
    summary["gates"] = result.gates
    return result


def extractive_twin(assistant):
    """The same assistant (index, retriever, settings) answering extractively."""
    settings = assistant.settings.model_copy(update={"answerer": "extractive"})
    return type(assistant)(settings, assistant.index, assistant.retriever, assistant.documents)


def label_run(result: SuiteResult, assistant, dataset: str, split: str, generated: bool = False) -> None:
    """Record in the summary what was run (dataset, split, questions, answerer). A generated set (the self-check)
    has no hand-set targets, so only its hard gates hold."""
    if generated:
        result.gates = [gate for gate in result.gates if gate["hard"]]
        result.summary["gates"] = result.gates
    result.summary["run"] = {"split": split, "dataset": dataset, "questions": len(result.records),
                             "answerer": assistant.settings.answerer}
    if assistant.llm_answerer is not None:
        result.summary["run"]["llm"] = assistant.llm_answerer.model


def compare(before: SuiteResult, after: SuiteResult) -> dict[str, Any]:
    """What got better or worse from ``before`` (a stored run) to ``after``: the overall metrics that changed,
    and question by question (matched by id)."""
    earlier = {record["id"]: record for record in before.records}
    changes, shared = [], 0
    for record in after.records:
        old = earlier.get(record["id"])
        if old is None:
            continue
        shared += 1
        fixed = sorted(set(old["failures"]) - set(record["failures"]))
        broken = sorted(set(record["failures"]) - set(old["failures"]))
        if fixed or broken or old["correct"] != record["correct"]:
            status = "better" if (record["correct"] and not old["correct"]) or (fixed and not broken) else \
                "worse" if (old["correct"] and not record["correct"]) or (broken and not fixed) else "changed"
            changes.append({"id": record["id"], "question": record["question"], "status": status,
                            "fixed": fixed, "broken": broken})
    deltas = {}
    for key, value in after.summary["overall"].items():
        old_value = before.summary.get("overall", {}).get(key)
        if isinstance(value, (int, float)) and isinstance(old_value, (int, float)) and value != old_value:
            deltas[key] = {"before": old_value, "after": value, "delta": round(value - old_value, 4)}
    return {"previous": str(before.out_dir), "shared_questions": shared, "metric_deltas": deltas,
            "questions": changes}


def write_reports(result: SuiteResult, out_root: Path) -> Path:
    """questions.jsonl, summary.json, report.md and report.html in a new folder of ``out_root`` named by the time
    (UTC); a second run in the same second gets "-2"."""
    from .report import render_html, render_markdown

    stamp = datetime.now(timezone.utc).strftime(STAMP)
    names = itertools.chain([stamp], (f"{stamp}-{copy}" for copy in itertools.count(2)))
    out_dir = next(Path(out_root) / name for name in names if not (Path(out_root) / name).exists())
    out_dir.mkdir(parents=True)
    with open(out_dir / "questions.jsonl", "w", encoding="utf-8") as handle:
        for record in result.records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    for name, records in result.baseline_records.items():
        with open(out_dir / f"baseline-{name}.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    summary = result.summary | ({"comparison": result.comparison} if result.comparison else {})
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(result), encoding="utf-8")
    (out_dir / "report.html").write_text(render_html(result), encoding="utf-8")
    result.out_dir = out_dir
    return out_dir


def run_from_cli(args) -> int:
    """``assistant eval``: run, write the reports, print the headline; 1 when a gate fails."""
    from assistant import Assistant
    from assistant.settings import load_settings

    from assistant.errors import AssistantError

    answerer = getattr(args, "answerer", None)
    settings = load_settings(**({"answerer": answerer} if answerer else {}))
    assistant = Assistant.from_settings(settings)
    self_check = getattr(args, "self_check", False)
    if self_check:
        from .self_check import self_check_items

        items = self_check_items(assistant.retriever.passages)
        dataset = SELF_CHECK_DATASET
    else:
        try:
            items = load_items(args.dataset, args.split)
        except FileNotFoundError as error:
            raise AssistantError(f"No eval dataset at {args.dataset}.") from error
        except ValueError as error:
            raise AssistantError(str(error)) from error
        dataset = str(args.dataset or BUNDLED_DATASET)
    previous = None
    if args.compare:  # read before the run, so a wrong folder fails at once
        try:
            previous = load_run(Path(args.compare))
        except ValueError as error:
            raise AssistantError(f"Cannot compare: {error}.") from error
    items = items[: getattr(args, "limit", None)]
    if not items:
        raise AssistantError("There are no questions to score: the dataset is empty, or the library has no "
                             "attributed quotes to make them from.")
    print(f"eval: {len(items)} questions (split: {args.split or 'all'}, answerer: {settings.answerer})",
          file=sys.stderr)

    def progress(done: int, total: int, what: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} {what:<40}", end="\n" if done == total else "", file=sys.stderr)
        elif done % 50 == 0 or done == total:
            print(f"{done}/{total} answered and scored", file=sys.stderr)

    result = run_suite(assistant, items, progress=progress,
                       baselines=not self_check and not getattr(args, "no_baselines", False))
    label_run(result, assistant, dataset, args.split or "all", generated=self_check)
    if previous is not None:
        result.comparison = compare(previous, result)
    from .ratchet import load_baseline, regressions, store_baseline

    bundled = not self_check and args.dataset is None and (args.split in (None, "", "all")) and not args.limit
    fallen: list[str] = []
    if bundled and getattr(args, "update_baseline", False):
        print(f"baseline updated: {store_baseline(result.summary)}", file=sys.stderr)
    elif bundled and (baseline := load_baseline()) is not None:
        fallen = regressions(result.summary, baseline)
        result.summary["ratchet"] = fallen
    out_dir = write_reports(result, args.out or settings.eval_reports_dir)
    from .report import headline

    print(headline(result))
    for line in fallen:
        print(f"ratchet FAIL {line}")
    if "llm_outcomes" in result.summary:
        print("llm answers: " + ", ".join(f"{k} {v}" for k, v in result.summary["llm_outcomes"].items()))
    print(f"reports: {out_dir}")
    return 1 if result.failed_gates or fallen else 0
