"""Shared fixtures: every test gets its own index folder; one real index of the bundled corpus is built once."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"
REPORT = CORPUS / "police-fire-reform-year3-partnership-innovation-prevention.txt"

# No test may reach a model hub or send telemetry.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"


@pytest.fixture(autouse=True)
def private_index_dir(tmp_path, monkeypatch):
    """Point the index at a fresh folder so no test sees another's data (or the developer's)."""
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    for name in ("ASSISTANT_CHROMA_HOST", "ASSISTANT_CHROMA_PORT", "ASSISTANT_CORPUS_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def embedder():
    from assistant.embedding import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def shared_index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shared-index")


@pytest.fixture(scope="session")
def assistant(shared_index_dir, embedder):
    """The assistant over the bundled corpus, with the real model and an embedded Chroma."""
    from assistant import Assistant, Settings
    from assistant.index import PassageIndex
    from assistant.pipeline import read_corpus

    settings = Settings(index_dir=shared_index_dir)
    index = PassageIndex(settings, embedder)
    index.sync(read_corpus(settings.corpus_dir), remove_missing=True)
    return Assistant.load(settings, index, embedder)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
