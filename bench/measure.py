"""Small measuring helpers: percentiles, the machine, load, memory and disk."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation; NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean in milliseconds, and how many samples."""
    ms = [value * 1000 for value in seconds]
    return {"p50": round(percentile(ms, 50), 2), "p95": round(percentile(ms, 95), 2),
            "mean": round(statistics.fmean(ms), 2) if ms else float("nan"), "n": len(ms)}


def timed(call: Callable[[], object]) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def latencies(calls: Sequence[Callable[[], object]], threads: int = 1) -> dict[str, float]:
    """Run ``calls`` on ``threads`` threads; per-call latency summary and throughput (calls per second)."""
    began = time.perf_counter()
    if threads == 1:
        samples = [timed(call) for call in calls]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            samples = list(pool.map(timed, calls))
    wall = time.perf_counter() - began
    return summary_ms(samples) | {"per_second": round(len(calls) / wall, 1), "threads": threads}


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20, 1)


def machine() -> dict[str, object]:
    """CPU model, cores, memory, Python and the versions that matter to the figures."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = {}
    for name in ("chromadb", "onnxruntime", "llama_index.core", "bm25s", "numpy", "streamlit"):
        try:
            module = __import__(name, fromlist=["__version__"])
            versions[name] = getattr(module, "__version__", "?")
        except ImportError:
            versions[name] = "missing"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent).stdout.strip()
    return {"cpu": model or platform.processor(), "cores": os.cpu_count(), "memory_gib": round(memory, 1),
            "python": platform.python_version(), "commit": commit, "versions": versions}
