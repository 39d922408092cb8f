"""Cold start: process start to first answer, for the CLI (``assistant ask``) and for the app (``streamlit run``
driven by Debian's Chromium through Playwright, as tests/test_browser.py does)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .indexes import CACHE, ensure_index, index_backend, settings_for
from .measure import load_average

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
QUESTION = "What did fire service interviewees say about youth engagement?"
EXPECTED = "[B13 Fire]"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# The imports the query path needed before this work (torch via sentence-transformers, llama-index, chromadb):
# a floor under the old cold start, measured in the same run.
OLD_IMPORTS = "import sentence_transformers, llama_index.core, llama_index.vector_stores.chroma, chromadb"
# The code as it was before the cold-start work, extracted with `git archive` and run the same way.
BEFORE_COMMIT = "067cbef"


def _env(**extra: str) -> dict[str, str]:
    settings = settings_for(0)
    return {**os.environ, "ASSISTANT_INDEX_DIR": str(settings.index_dir), "HF_HUB_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False", **extra}


def _wall(command: list[str], env: dict[str, str], expect: str = "", cwd: Path = PROJECT) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - began
    if done.returncode != 0 or expect not in done.stdout:
        raise RuntimeError(f"{command} failed ({done.returncode}): {done.stderr[-800:]}")
    return elapsed


def _before_env() -> tuple[dict[str, str], Path]:
    """The environment and folder that run the code of ``BEFORE_COMMIT`` (its own tree and index, built on
    first use); commands run inside the tree so that its ``assistant`` package is the one imported."""
    tree = CACHE / f"before-{BEFORE_COMMIT}"
    if not (tree / "assistant").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", BEFORE_COMMIT], cwd=PROJECT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    env = {**_env(), "PYTHONPATH": str(tree), "ASSISTANT_INDEX_DIR": str(tree / ".index"),
           "ASSISTANT_CORPUS_DIR": str(tree / "corpus")}
    _wall([sys.executable, "-m", "assistant.cli", "ingest"], env, cwd=tree)  # builds its index the first time
    return env, tree


def cli(runs: int = 5) -> dict:
    """Median seconds from process start to the printed answer (``assistant ask``) and to the end of an ingest
    with nothing to do: now, with the torch backend, and with the code of ``BEFORE_COMMIT``; and the bare imports
    of the old query path."""
    ensure_index(0)
    ask = [sys.executable, "-m", "assistant.cli", "ask", QUESTION]
    ingest = [sys.executable, "-m", "assistant.cli", "ingest"]
    _wall(ask, _env(), EXPECTED)  # the first run may export the ONNX model; later ones only read it
    before, tree = _before_env()
    result = {"load_before": load_average(), "runs": runs, "before_commit": BEFORE_COMMIT}
    for label, command, env, expect, cwd in (
        ("onnx", ask, _env(), EXPECTED, PROJECT),
        ("torch", ask, _env(ASSISTANT_EMBEDDING_BACKEND="torch"), EXPECTED, PROJECT),
        ("before", ask, before, EXPECTED, tree),
        ("ingest_unchanged", ingest, _env(), "unchanged", PROJECT),
        ("ingest_unchanged_before", ingest, before, "unchanged", tree),
        ("old_imports_only", [sys.executable, "-c", OLD_IMPORTS], _env(), "", PROJECT),
    ):
        samples = [_wall(command, env, expect, cwd) for _ in range(runs)]
        result[label] = {"median_s": round(statistics.median(samples), 2), "min_s": round(min(samples), 2),
                         "max_s": round(max(samples), 2)}
    result["load_after"] = load_average()
    return result


def app_once(log_path: Path, size: int = 0) -> dict:
    """One cold start of the app over the index of ``size`` passages (0 = the report): server start to healthy,
    page load (the chat box usable: the index and its snapshot loaded, the example questions asked), and first
    answer (its first citation button) after the page loads."""
    from playwright.sync_api import expect, sync_playwright

    from tests.processes import free_port, serving, streamlit_command

    port = free_port()
    env = _env() if size == 0 else {**_env(), "ASSISTANT_INDEX_DIR": str(settings_for(size, index_backend(size)).index_dir),
                                    "ASSISTANT_CORPUS_DIR": str(CACHE / "no-corpus-folder"),  # the index as built
                                    "ASSISTANT_EMBEDDING_BACKEND": "onnx"}
    began = time.perf_counter()
    with serving(streamlit_command(port), f"http://127.0.0.1:{port}/_stcore/health", log_path, env=env):
        healthy = time.perf_counter()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                opened = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                box = page.get_by_test_id("stChatInputTextArea")
                expect(box).to_be_editable(timeout=300_000)
                loaded = time.perf_counter()
                box.fill(QUESTION)
                box.press("Enter")
                answer = page.get_by_test_id("stChatMessage").last.get_by_role("button", name="[1]")
                expect(answer).to_be_visible(timeout=120_000)
                answered = time.perf_counter()
            finally:
                browser.close()
    return {"server_healthy_s": round(healthy - began, 2), "page_load_s": round(loaded - opened, 2),
            "first_answer_after_page_load_s": round(answered - loaded, 2),
            "process_start_to_answer_s": round(answered - began, 2)}


def app(runs: int = 3, sizes: tuple[int, ...] = (0, 100_000)) -> dict:
    """Median of ``runs`` app cold starts (each a fresh server process) per index size."""
    if not CHROMIUM.exists():
        return {"skipped": "Chromium is missing: apt-get install -y chromium"}
    result: dict = {"load_before": load_average(), "runs": runs, "sizes": {}}
    for size in sizes:
        manifest = ensure_index(size, index_backend(size))
        log = CACHE / f"streamlit-{size}.log"
        app_once(log, size)  # a first start after an ingest makes the snapshot; the runs measured read it
        samples = [app_once(log, size) for _ in range(runs)]
        figures = {key: round(statistics.median(sample[key] for sample in samples), 2) for key in samples[0]}
        result["sizes"][str(size)] = {**figures, "passages": manifest["passages"], "samples": samples}
    result["load_after"] = load_average()
    return result
