"""The query figures with the library on a Chroma server, as a team keeps a shared one: a real `chroma run` serves
the folder of the index of a given size, and the assistant (in this process) reaches it over HTTP. The server holds
Chroma's vector index (HNSW) in its own memory, so ours is the app's alone; the server's peak is given beside it.
Run once per size, in its own process: ``python -m bench.run --parts shared --sizes 100000``."""

from __future__ import annotations

import sys
from pathlib import Path

from .indexes import CACHE, ensure_index, index_backend, settings_for

# Fixed, not any free port: the local snapshot of a served library is keyed by the server's address, so a new port
# each run would make it again (80 s at 100,000 passages) instead of reading it like any later start.
SERVER_PORT = 18765
CHROMA = Path(sys.executable).parent / "chroma"


def measure(size: int, partial: bool = False) -> dict:
    from tests.processes import serving

    from . import query

    ensure_index(size, index_backend(size), partial=partial)  # built embedded, before the server holds the folder
    folder = settings_for(size, index_backend(size)).index_dir
    command = [str(CHROMA), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(SERVER_PORT)]
    with serving(command, f"http://127.0.0.1:{SERVER_PORT}/api/v2/heartbeat", CACHE / f"chroma-{size}.log",
                 env={"ANONYMIZED_TELEMETRY": "False"}, timeout=120) as server:
        # Questions are embedded with the model the library was built with, as the app set up for it does (one
        # setting, ``embedding_backend``, serves both): the int8 model at 100,000 passages (see indexes.py).
        figures = query.measure(size, index_backend(size), partial=partial, chroma_port=SERVER_PORT)
        figures["server_peak_rss_mb"] = peak_rss_of(server.pid)
    return figures


def peak_rss_of(pid: int) -> float:
    """Peak resident memory of process ``pid`` so far, in MB (Linux's VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")
