"""A ratchet on answer quality: the figures of the last accepted run, per split, that a run may not fall below.

The gates in ``gates.toml`` are targets; the ratchet is a floor that moves only up, on purpose:
``assistant eval --update-baseline`` stores a run's figures in ``baseline.json`` (commit it with the change that
earned them). A run of the bundled dataset that falls below the stored figure on any metric, by more than one
question's worth, fails — in ``assistant eval`` and in the test suite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .dataset import EVALS_DIR

BASELINE_PATH = EVALS_DIR / "baseline.json"
HIGHER_IS_BETTER = ("hit@5", "gold_in_answer", "codes_all_cited", "correct_rate", "abstention_recall",
                    "quote_precision", "theme_coverage", "comparison_balance", "prevalence_accuracy",
                    "quote_verbatim_rate", "attribution_accuracy", "claim_support_rate")
LOWER_IS_BETTER = ("false_decline_rate", "answer_words_median")
WORDS_SLACK = 0.1  # answer length may grow by a tenth before it counts as padding


def baseline_figures(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What the ratchet keeps of a run's summary: the ratcheted metrics and the question count, per split."""
    splits = {"all": summary["overall"], **summary["by_split"]}
    return {split: {"questions": values["questions"],
                    **{key: values.get(key) for key in (*HIGHER_IS_BETTER, *LOWER_IS_BETTER)}}
            for split, values in splits.items()}


def load_baseline(path: Path | None = None) -> dict[str, dict[str, Any]] | None:
    path = path or BASELINE_PATH
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def store_baseline(summary: dict[str, Any], path: Path | None = None) -> Path:
    path = path or BASELINE_PATH
    path.write_text(json.dumps(baseline_figures(summary), indent=2) + "\n", encoding="utf-8")
    return path


def regressions(summary: dict[str, Any], baseline: dict[str, dict[str, Any]]) -> list[str]:
    """Each metric of each split that fell below the baseline by more than one question's worth."""
    found = []
    current = baseline_figures(summary)
    for split, before in baseline.items():
        now = current.get(split)
        if now is None:
            continue
        slack = 1.0 / max(int(before.get("questions") or 1), 1)
        for key in HIGHER_IS_BETTER:
            if before.get(key) is not None and now.get(key) is not None and now[key] < before[key] - slack:
                found.append(f"{split} {key}: {now[key]} < {before[key]} (baseline)")
        for key in LOWER_IS_BETTER:
            allowed = before.get(key)
            if allowed is None or now.get(key) is None:
                continue
            allowed = allowed * (1 + WORDS_SLACK) if key == "answer_words_median" else allowed + slack
            if now[key] > allowed:
                found.append(f"{split} {key}: {now[key]} > {before[key]} (baseline)")
    return found
