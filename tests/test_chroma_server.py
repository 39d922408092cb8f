"""Chroma server mode: a real `chroma run` on a free loopback port, and what a user sees when it is not there."""

from __future__ import annotations

from assistant.documents.readers import DocumentText

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, Settings, StoreUnavailableError
from assistant.search.index import PassageIndex
from processes import free_port, refusing_port
from processes import serving, stop

CHROMA = Path(sys.executable).parent / "chroma"
QUESTIONS = [
    "What did D03 say?",
    "What drives partnership working?",
    "What did fire service interviewees say about youth engagement?",
    "Give me a quote about austerity",
]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def chroma_server(tmp_path):
    """A `chroma run` over a fresh folder; yields (port, process) and is gone afterwards, pass or fail."""
    port = free_port()
    command = [str(CHROMA), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)]
    with serving(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log",
                 env={"ANONYMIZED_TELEMETRY": "False"}, timeout=60) as process:
        yield port, process
    assert process.returncode is not None and not port_open(port)


def server_env(port: int) -> dict:
    return {**os.environ, "ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(port)}


@pytest.mark.slow
def test_ingest_and_ask_through_a_chroma_server(chroma_server, assistant, embedder, tmp_path):
    port, _ = chroma_server
    env = server_env(port)
    ingested = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest"], env=env, capture_output=True,
                              text=True, timeout=600)
    assert ingested.returncode == 0, ingested.stderr
    assert not (tmp_path / "index").exists()  # nothing went to the embedded store

    asked = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "What did D03 say?", "--json"], env=env,
                           capture_output=True, text=True, timeout=600)
    assert asked.returncode == 0, asked.stderr
    assert {c["code"] for c in json.loads(asked.stdout)["citations"]} == {"D03"}

    # Through the Python API: the same answers as the embedded index built from the same corpus.
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port)
    served = Assistant.load(settings, PassageIndex(settings, embedder), embedder)
    assert len(served.retriever.passages) == len(assistant.retriever.passages)
    for question in QUESTIONS:
        expected = [c.label for c in assistant.ask(question).citations]
        assert expected and [c.label for c in served.ask(question).citations] == expected, question


@pytest.mark.slow
def test_a_server_that_stops_mid_session_is_reported_by_name(chroma_server, embedder, report_text):
    port, process = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port)
    index = PassageIndex(settings, embedder)
    index.sync([DocumentText("report.txt", report_text)])
    served = Assistant.load(settings, index, embedder)
    assert served.ask("What did D03 say?").citations
    stop(process)
    with pytest.raises(StoreUnavailableError, match=f"127.0.0.1:{port}"):
        served.ask("What drives partnership working?")


@pytest.mark.slow
def test_one_persons_corpus_folder_does_not_overwrite_the_shared_index(chroma_server, embedder, report_text, tmp_path):
    port, _ = chroma_server
    settings = Settings(chroma_host="127.0.0.1", chroma_port=port)
    PassageIndex(settings, embedder).sync([DocumentText("report.txt", report_text),
                                           DocumentText("notes.txt", "Notes\n\nA colleague's note about budgets.\n")])
    folder = tmp_path / "my-corpus"  # a teammate whose folder holds only the report
    folder.mkdir()
    (folder / "report.txt").write_text(report_text, encoding="utf-8")
    opened = Assistant.from_settings(Settings(chroma_host="127.0.0.1", chroma_port=port, corpus_dir=folder))
    assert set(opened.documents) == {"report.txt", "notes.txt"}


@pytest.mark.parametrize("host", ["127.0.0.1", "chroma.invalid"])
def test_an_unreachable_server_is_named_in_the_error(host):
    with refusing_port() as port, pytest.raises(StoreUnavailableError, match=f"{host}:{port}") as error:
        Assistant.from_settings(Settings(chroma_host=host, chroma_port=port))
    assert "chroma run" in str(error.value) and "ASSISTANT_CHROMA_HOST" in str(error.value)


def test_the_cli_reports_an_unreachable_server_in_one_line(tmp_path):
    with refusing_port() as port:
        result = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "What did D03 say?"],
                                env=server_env(port), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and not result.stdout
    assert result.stderr.startswith("error: Cannot reach the Chroma server at 127.0.0.1:") and f":{port}" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_a_port_that_holds_401_or_403_is_not_read_as_a_refusal():
    """CI once told a user their token was required because the unreachable port was 40395."""
    from assistant.search.index import _is_refusal

    assert not _is_refusal(ConnectionError("Could not connect to 127.0.0.1:40395: Connection refused"))
    assert not _is_refusal(ConnectionError("[Errno 111] Connection refused (127.0.0.1:403)"))
    assert _is_refusal(ValueError("Client error '401 Unauthorized' for url 'http://127.0.0.1:8000/api/v2/heartbeat'"))
    assert _is_refusal(ValueError("403 Forbidden"))
