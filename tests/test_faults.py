"""Faults while writing the embedded index: a second writer, and `kill -9` in the middle of an ingest.

Every ingest here is a real `assistant ingest` process, and every check reads the index from a fresh process,
as the next run of the assistant would (Chroma's in-process client caches what it has read).
"""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BIG = "big.txt"  # several varied copies of the report: enough passages that embedding it takes a few seconds
PROGRESS = re.compile(rf"{re.escape(BIG)}: (\d+)/(\d+)")

# What the next reader sees: each recorded source with its hash, the passages `Assistant.load` would get
# (`all_passages`), the passages a complete index of each recorded text has, and the raw record count.
READER = """
import json
from assistant.documents.attribution import AttributionStyle
from assistant.documents.corpus import parse_document
from assistant.search.index import PassageIndex
from assistant.documents.passages import build_passages
from assistant.settings import Settings

settings = Settings()
index = PassageIndex(settings, None)
table = index.respondent_table()
documents = index.source_documents()
passages = index.all_passages()
visible = {}
for passage in passages:
    visible.setdefault(passage.source, []).append(passage.passage_id)
complete = {
    source: [p.passage_id for p in build_passages(parse_document(
        document.text, source, AttributionStyle(document.pattern or None), document.layout, document.given_title),
        table)]
    for source, document in documents.items()
}
verbatim = all(p.source in documents and documents[p.source].text[p.start:p.end] == p.text for p in passages)
print(json.dumps({
    "hashes": {source: document.sha256 for source, document in documents.items()},
    "visible": {source: sorted(ids) for source, ids in visible.items()},
    "complete": {source: sorted(ids) for source, ids in complete.items()},
    "verbatim": verbatim,
    "records": index.passages.count(),
    "count": index.count(),
}))
"""

HOLD_LOCK = """
import sys
from assistant.search.index import PassageIndex
from assistant.settings import Settings

with PassageIndex(Settings(), None).write_lock():
    print("locked", flush=True)
    sys.stdin.read()
"""


def variant(text: str, number: int) -> str:
    """The report with its commonest word swapped: different passages, same structure and codes."""
    words = ["the", "this", "that", "each", "our", "their", "every", "any", "one", "such"]
    return re.sub(r"\bthe\b", words[number % len(words)], text)


def big_report(text: str, numbers: range) -> str:
    return "\n\n".join(variant(text, number) for number in numbers)


@pytest.fixture
def workspace(tmp_path, report_text):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(report_text, encoding="utf-8")
    env = {
        **os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path / "index"), "ASSISTANT_CORPUS_DIR": str(corpus),
        "PYTHONUNBUFFERED": "1",  # progress lines end in "\r", not "\n": unbuffered, so they arrive as written
    }
    return corpus, env


def ingest(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, capture_output=True,
                          text=True, timeout=600)


def read_index(env: dict) -> dict:
    result = subprocess.run([sys.executable, "-c", READER], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_whole(state: dict) -> None:
    """Every recorded source is visible complete and verbatim; nothing of an unrecorded source is visible."""
    assert set(state["visible"]) == set(state["hashes"])
    assert state["visible"] == state["complete"]
    assert state["verbatim"]
    assert state["count"] == sum(len(ids) for ids in state["visible"].values())


def kill_mid_ingest(env: dict) -> str:
    """Start an ingest, SIGKILL it once it has written part of BIG, and return what it printed."""
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    printed = b""
    waiting = selectors.DefaultSelector()  # not select(): a long test run may hold more than 1,024 descriptors
    waiting.register(process.stderr, selectors.EVENT_READ)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if waiting.select(1.0):
                chunk = os.read(process.stderr.fileno(), 4096)
                if not chunk:
                    break
                printed += chunk
                progress = PROGRESS.findall(printed.decode(errors="replace"))
                if progress and int(progress[-1][0]) < int(progress[-1][1]):
                    process.send_signal(signal.SIGKILL)
                    break
        assert process.wait(timeout=60) == -signal.SIGKILL, printed.decode(errors="replace")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        waiting.close()
        process.stderr.close()
    return printed.decode(errors="replace")


def test_kill_9_mid_ingest_leaves_the_old_or_the_new_index_and_the_next_run_completes(workspace, report_text):
    corpus, env = workspace
    assert ingest(env).returncode == 0
    before = read_index(env)
    assert_whole(before)

    # A new file, killed part-way: readers see the index as it was, although part of the file is stored.
    (corpus / BIG).write_text(big_report(report_text, range(1, 5)), encoding="utf-8")
    kill_mid_ingest(env)
    after_kill = read_index(env)
    assert after_kill["records"] > before["records"]  # the kill landed mid-file: some of it was written
    assert {key: after_kill[key] for key in ("hashes", "visible")} == {key: before[key] for key in ("hashes", "visible")}
    assert_whole(after_kill)

    # The next run completes the file; ingesting again adds nothing.
    finished = ingest(env)
    assert finished.returncode == 0, finished.stderr
    complete = read_index(env)
    assert_whole(complete)
    assert set(complete["hashes"]) == {"report.txt", BIG}
    assert complete["records"] == complete["count"]
    again = ingest(env)
    assert again.returncode == 0 and "added:" not in again.stdout and f"unchanged: {BIG}" in again.stdout
    assert read_index(env) == complete

    # A changed file, killed part-way: readers still see the old version whole, never a mix of the two.
    (corpus / BIG).write_text(big_report(report_text, range(5, 9)), encoding="utf-8")
    kill_mid_ingest(env)
    mid_update = read_index(env)
    assert mid_update["records"] > complete["records"]
    assert {key: mid_update[key] for key in ("hashes", "visible")} == {key: complete[key] for key in ("hashes", "visible")}
    assert_whole(mid_update)

    finished = ingest(env)
    assert finished.returncode == 0, finished.stderr
    updated = read_index(env)
    assert_whole(updated)
    assert updated["hashes"][BIG] != complete["hashes"][BIG] and updated["visible"]["report.txt"] == complete["visible"]["report.txt"]
    assert updated["records"] == updated["count"]  # the abandoned version is gone from storage too


def test_a_second_writer_is_told_at_once_that_the_index_is_busy(workspace):
    corpus, env = workspace
    assert ingest(env).returncode == 0
    before = read_index(env)
    (corpus / "notes.txt").write_text("Notes\n\nA short note about budgets and partnership working.\n")

    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        second = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, capture_output=True,
                                text=True, timeout=120)  # a writer that waited for the lock would time out here
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert second.returncode == 1
    assert second.stderr.strip().count("\n") == 0 and "Traceback" not in second.stderr
    assert "busy" in second.stderr and str(Path(env["ASSISTANT_INDEX_DIR"])) in second.stderr
    assert read_index(env) == before  # nothing was written by the refused writer

    # Once the first writer is done, the same command succeeds.
    assert ingest(env).returncode == 0
    after = read_index(env)
    assert_whole(after)
    assert set(after["hashes"]) == {"report.txt", "notes.txt"}
