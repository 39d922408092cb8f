"""``assistant eval`` (and ``python -m evals``): the eval suite's command, added to the assistant's command line
through the ``assistant.commands`` entry point, so that the core never imports the evals."""

from __future__ import annotations

import argparse
from pathlib import Path



def add_command(commands) -> None:
    """Add ``eval`` to the subcommands of an ``argparse`` parser."""
    add_arguments(commands.add_parser("eval", help="run the answer-quality evals"))


def add_arguments(evaluate: argparse.ArgumentParser) -> None:
    evaluate.add_argument("--dataset", type=Path, default=None)
    evaluate.add_argument("--split", default=None, help="dev, heldout, or all (default)")
    evaluate.add_argument("--compare", type=Path, default=None, help="an earlier report folder or summary.json")
    evaluate.add_argument("--out", type=Path, default=None,
                          help="folder for reports (default ASSISTANT_EVAL_REPORTS_DIR, evals/reports)")
    evaluate.add_argument("--answerer", choices=["extractive", "llm"], default=None,
                          help="answerer to score (default: ASSISTANT_ANSWERER); llm is scored beside extractive")
    evaluate.add_argument("--limit", type=int, default=None, help="score only the first N questions (a smoke run)")
    evaluate.add_argument("--update-baseline", action="store_true",
                          help="store this run's figures as the floor later runs may not fall below "
                               "(evals/baseline.json; all questions only)")
    evaluate.add_argument("--no-baselines", action="store_true",
                          help="score the assistant only (not BM25 and llama-index's defaults beside it): faster")
    evaluate.add_argument("--self-check", action="store_true",
                          help="no dataset needed: ask who said each attributed quote's key phrase, and what its "
                               "respondent said about its key words; report retrieval and attribution per document")
    evaluate.set_defaults(run=_run)


def _run(args) -> int:
    from .runner import run_from_cli  # imported when asked for: building the parser must stay cheap

    return run_from_cli(args)


def main(argv: list[str] | None = None) -> int:
    from assistant.cli import run

    parser = argparse.ArgumentParser(prog="python -m evals", description="Run the answer-quality evals.")
    add_arguments(parser)
    return run(parser, argv)
