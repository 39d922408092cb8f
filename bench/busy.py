"""Query latency on a busy machine: full answers with 1 and with 2 embedding threads, first as the machine is,
then while two other processes burn a core each (bounded: they stop by themselves after ``BURN_SECONDS``)."""

from __future__ import annotations

import subprocess
import sys

from .indexes import ensure_index, index_backend, settings_for
from .measure import latencies, load_average
from .query import questions

BURN_SECONDS = 240
_BURNER = f"import time\nend = time.time() + {BURN_SECONDS}\nwhile time.time() < end:\n    pass\n"


def measure(size: int = 0) -> dict:
    from assistant.search.embedding import Embedder
    from assistant.search.index import PassageIndex
    from assistant.answers.pipeline import Assistant

    ensure_index(size, index_backend(size))
    asked = questions()
    assistants = {}
    for threads in (1, 2):
        settings = settings_for(size, index_backend(size), threads)
        embedder = Embedder(threads=threads, cache_dir=settings.model_cache_dir, query_cache=0)
        assistant = Assistant.load(settings, PassageIndex(settings, embedder), embedder)
        assistant.ask(asked[0][0])
        assistants[threads] = assistant
    result: dict = {"size": size, "questions": len(asked)}

    def run(label: str) -> None:
        for threads, assistant in assistants.items():
            result[f"{label}_threads{threads}"] = latencies([lambda q=q: assistant.ask(q) for q, _ in asked])

    result["load_as_is"] = load_average()
    run("as_is")
    burners = [subprocess.Popen([sys.executable, "-c", _BURNER]) for _ in range(2)]
    try:
        run("busy")
        result["load_busy"] = load_average()
    finally:
        for burner in burners:
            burner.terminate()
            burner.wait(timeout=10)
    return result
