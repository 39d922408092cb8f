"""What a speed lever costs in answer quality: ``assistant eval`` (all questions) once per embedding backend,
each over an index embedded with that backend, in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .measure import load_average

PROJECT = Path(__file__).resolve().parent.parent
BACKENDS = ("onnx", "onnx-int8", "torch")
METRICS = ("hit@1", "hit@5", "mrr", "gold_in_answer", "codes_all_cited", "correct_rate", "false_refusal_rate",
           "latency_p50_ms", "latency_p95_ms")


def measure() -> dict:
    result: dict = {"load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as folder:
        for backend in BACKENDS:
            out = Path(folder) / f"reports-{backend}"
            env = {**os.environ, "ASSISTANT_EMBEDDING_BACKEND": backend,
                   "ASSISTANT_INDEX_DIR": str(Path(folder) / f"index-{backend}")}
            done = subprocess.run([str(Path(sys.executable).parent / "assistant"), "eval", "--out", str(out)],
                                  env=env, cwd=PROJECT, capture_output=True, text=True, timeout=1800)
            summaries = list(out.rglob("summary.json"))
            if not summaries:  # a failed gate exits 1 and still writes its reports; no report is a failure
                raise RuntimeError(f"eval with {backend} wrote no report: {done.stderr[-2000:]}")
            overall = json.loads(summaries[0].read_text())["overall"]
            result[backend] = {name: overall.get(name) for name in METRICS}
    result["load_after"] = load_average()
    return result
