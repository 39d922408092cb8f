"""Past runs in the reports folder: list them newest first, and load one back as it was when it ran."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .results import STAMP, SuiteResult

RECORD_FIELDS = {"id", "question", "kind", "failures", "correct", "answer", "latency_ms"}  # what the page reads
GATE_FIELDS = {"name", "value", "min", "hard", "passed"}


@dataclass(frozen=True)
class PastRun:
    """One report folder, read from its summary.json: enough to list it and to choose it."""

    folder: Path
    written: datetime  # UTC
    summary: dict[str, Any]

    @property
    def facts(self) -> dict[str, Any]:
        """What was run: dataset, split, questions, answerer (runs from before these were recorded lack some)."""
        return {"questions": self.summary["overall"].get("questions")} | self.summary.get("run", {})

    @property
    def label(self) -> str:
        facts = self.facts
        return (f"{self.written:%Y-%m-%d %H:%M:%S} · {facts.get('dataset', 'dataset not recorded')} · "
                f"{facts.get('split', 'all')} · {facts['questions']} questions")

    def row(self) -> dict[str, Any]:
        """The run as a line of the history table."""
        overall, gates, facts = self.summary["overall"], self.summary.get("gates", []), self.facts
        return {"written (UTC)": self.written.strftime("%Y-%m-%d %H:%M:%S"), "dataset": facts.get("dataset"),
                "split": facts.get("split"), "questions": facts["questions"], "answerer": facts.get("answerer"),
                "correct_rate": overall.get("correct_rate"), "hit@5": overall.get("hit@5"),
                "gates passed": f"{sum(g['passed'] for g in gates)}/{len(gates)}", "folder": self.folder.name}


def list_runs(root: Path) -> tuple[list[PastRun], list[str]]:
    """The runs in ``root``, newest first, and a note for each folder that could not be read (skipped)."""
    runs, skipped = [], []
    try:
        folders = sorted(path for path in Path(root).iterdir() if path.is_dir()) if Path(root).is_dir() else []
    except OSError as error:
        return [], [f"The reports folder cannot be read ({error})."]
    for folder in folders:
        try:
            runs.append(_past_run(folder))
        except ValueError as error:
            skipped.append(f"Skipped {error}.")
    return sorted(runs, key=lambda run: (run.written, run.folder.name), reverse=True), skipped


def _past_run(folder: Path) -> PastRun:
    """The run in ``folder`` for the history list; a ValueError says why it cannot be read."""
    if not (folder / "questions.jsonl").is_file():
        raise ValueError(f"{folder.name}: no questions.jsonl")
    summary = _read_summary(folder)
    try:
        written = datetime.strptime(folder.name[:15], STAMP).replace(tzinfo=timezone.utc)
    except ValueError:  # a folder renamed by hand: when it was last written
        written = datetime.fromtimestamp((folder / "summary.json").stat().st_mtime, timezone.utc)
    return PastRun(folder, written, summary)


def load_run(folder: Path) -> SuiteResult:
    """A stored run (its folder, or the folder's summary.json) as the suite returned it, to show or compare."""
    folder = folder.parent if folder.suffix == ".json" else folder
    summary = _read_summary(folder)
    try:
        records = _read_jsonl(folder / "questions.jsonl")
        baselines = {path.stem.removeprefix("baseline-"): _read_jsonl(path)
                     for path in sorted(folder.glob("baseline-*.jsonl"))}
    except (OSError, ValueError) as error:
        raise ValueError(f"{folder.name}: its questions cannot be read ({error})") from error
    if not all(isinstance(record, dict) and RECORD_FIELDS <= record.keys() for record in records):
        raise ValueError(f"{folder.name}: questions.jsonl does not hold scored questions")
    comparison = summary.pop("comparison", None)
    return SuiteResult(records, baselines, summary, comparison, folder, summary.get("gates", []))


def _read_summary(folder: Path) -> dict[str, Any]:
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{folder.name}: no summary.json") from None
    except (OSError, ValueError) as error:
        raise ValueError(f"{folder.name}: summary.json cannot be read ({error})") from error
    required = ("overall", "by_kind", "systems")
    if not isinstance(summary, dict) or not all(isinstance(summary.get(key), dict) for key in required) \
            or not all(isinstance(gate, dict) and GATE_FIELDS <= gate.keys() for gate in summary.get("gates", [])):
        raise ValueError(f"{folder.name}: summary.json is not a run's summary")
    return summary


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
