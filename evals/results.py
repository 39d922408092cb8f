"""What one eval run produced (``SuiteResult``) and how its report folder is named (``STAMP``): what the runner
writes and the history of past runs reads back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAMP = "%Y%m%d-%H%M%S"  # a report folder's name: when the run was written, in UTC


@dataclass
class SuiteResult:
    """Everything one run produced: per-question records (ours and each baseline's) and the summary."""

    records: list[dict[str, Any]]
    baseline_records: dict[str, list[dict[str, Any]]]
    summary: dict[str, Any]
    comparison: dict[str, Any] | None = None
    out_dir: Path | None = None
    gates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed_gates(self) -> list[dict[str, Any]]:
        return [gate for gate in self.gates if not gate["passed"]]

    @property
    def failures(self) -> list[dict[str, Any]]:
        return [record for record in self.records if record["failures"]]
