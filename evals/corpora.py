"""The evals on the four real documents in other styles (``../shared/corpora``): each in a library of its own,
read in place (a link in a temporary folder, never a copy in the project), with the questions in
``evals/corpora/<folder>.jsonl``. Prints what the ingest found in each, and per document: retrieval, codes cited,
abstention, quotes verbatim and attributed, and for the briefing questions quote precision and theme coverage.

    python -m evals.corpora [--shared ../shared/corpora] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from .dataset import EVALS_DIR, load_items
from .report import fmt

DATASETS = EVALS_DIR / "corpora"
SHARED = EVALS_DIR.parent.parent / "shared" / "corpora"
COLUMNS = ("questions", "hit@5", "codes_all_cited", "abstention_recall", "false_refusal_rate",
           "quote_verbatim_rate", "attribution_accuracy", "quote_precision", "theme_coverage", "correct_rate")


def evaluate_document(dataset: Path, shared: Path = SHARED, embedder=None) -> dict[str, Any]:
    """Ingest one shared document into a library of its own and score its questions; the summary, with what the
    ingest found (``ingest``)."""
    from assistant import Assistant, Settings
    from assistant.search.embedding import Embedder
    from assistant.search.index import PassageIndex
    from assistant.answers.pipeline import sync_corpus

    from .runner import run_suite

    items = load_items(dataset)
    document = items[0].document
    source = shared / dataset.stem / document
    with tempfile.TemporaryDirectory(prefix="corpora-eval-") as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        (corpus / document).symlink_to(source.resolve())
        settings = Settings(corpus_dir=corpus, index_dir=Path(folder) / "index")
        embedder = embedder or Embedder.from_settings(settings)
        index = PassageIndex(settings, embedder)
        report, _ = sync_corpus(index, settings)
        assistant = Assistant.load(settings, index, embedder)
        result = run_suite(assistant, items, baselines=False)
    summary = result.summary
    summary["ingest"] = report.summaries[document].line()
    summary["warnings"] = list(report.summaries[document].warnings)
    summary["failures"], summary["heldout_failing"] = listed_failures(result.records)
    return summary


def listed_failures(records: list[dict]) -> tuple[list[dict], int]:
    """The failing questions to list, and how many held-out ones fail: held-out questions are scored, never read
    while tuning, so they are counted, not listed."""
    failing = [record for record in records if record["failures"]]
    listed = [{"id": record["id"], "question": record["question"], "failures": record["failures"]}
              for record in failing if record["split"] != "heldout"]
    return listed, len(failing) - len(listed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.corpora", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder of the shared documents")
    parser.add_argument("--out", type=Path, default=None, help="write the summaries here as JSON")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"error: no shared corpora at {args.shared}", file=sys.stderr)
        return 1
    summaries = {}
    for dataset in sorted(DATASETS.glob("*.jsonl")):
        summary = evaluate_document(dataset, args.shared)
        summaries[dataset.stem] = summary
        print(f"{dataset.stem}: {summary['ingest']}")
        for warning in summary["warnings"]:
            print(f"  warning: {warning}")
    print()
    print(f"{'document':<34}{'split':>8}" + "".join(f"{c[:12]:>13}" for c in COLUMNS))
    for name, summary in summaries.items():
        for split, values in {"all": summary["overall"], **summary["by_split"]}.items():
            print(f"{name[:33]:<34}{split:>8}" + "".join(f"{fmt(values.get(c)):>13}" for c in COLUMNS))
    if args.out:
        args.out.write_text(json.dumps(summaries, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
