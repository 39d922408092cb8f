"""Shared fixtures: every test gets its own index folder; one real index of the bundled corpus is built once;
no test can reach anything but this machine's loopback."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"
REPORT = CORPUS / "police-fire-reform-year3-partnership-innovation-prevention.txt"

# No test may reach a model hub or send telemetry.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"


class NetworkDisabled(ConnectionError):
    """Raised in tests for any connection or name lookup beyond the loopback."""


LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
SOCKET_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg"}  # args: (socket, address)
LOOKUP_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}


def is_loopback_host(host) -> bool:
    """Whether a host name or address stays on this machine without a lookup."""
    if host in (None, "", b""):
        return True  # getaddrinfo(None, …): the local host
    host = (host.decode() if isinstance(host, bytes) else str(host)).strip("[]").split("%")[0].lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # any other name needs a lookup
    address = getattr(address, "ipv4_mapped", None) or address  # ::ffff:127.0.0.1 is 127.0.0.1
    return address.is_loopback or address.is_unspecified


def outbound_destination(event: str, args: tuple):
    """The remote host an audit event reaches for, or None when it stays on this machine."""
    if event in SOCKET_EVENTS:
        address = args[1]
        if not isinstance(address, tuple) or not address or not isinstance(address[0], (str, bytes)):
            return None  # Unix and netlink sockets, or a send on an already connected socket
        host = address[0]
    elif event in LOOKUP_EVENTS:
        host = args[0][0] if event == "socket.getnameinfo" else args[0]
    else:
        return None
    return None if is_loopback_host(host) else host


def _refuse_non_loopback(event: str, args: tuple) -> None:
    if event.startswith("socket.") and (host := outbound_destination(event, args)) is not None:
        raise NetworkDisabled(f"network disabled in tests: {event} {host!r}")


@pytest.fixture(scope="session", autouse=True)
def no_network():
    """The whole suite runs with the network unavailable: connections and lookups beyond the loopback fail.

    A Python audit hook, so it covers every library that uses Python sockets (httpx, urllib, huggingface_hub);
    once added it stays for the life of the process. Asking and ingesting in processes of their own, native code
    (Chroma's Rust core) included, are checked at the OS level by tests/test_no_network.py.
    """
    sys.addaudithook(_refuse_non_loopback)


@pytest.fixture(autouse=True)
def private_index_dir(tmp_path, monkeypatch):
    """Point the index, saved conversations and eval reports at fresh folders, so no test sees another's data (or
    the developer's) or writes into the project."""
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("ASSISTANT_CONVERSATIONS_DIR", str(tmp_path / "conversations"))
    monkeypatch.setenv("ASSISTANT_EVAL_REPORTS_DIR", str(tmp_path / "eval-reports"))
    for name in ("ASSISTANT_CHROMA_HOST", "ASSISTANT_CHROMA_PORT", "ASSISTANT_CORPUS_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def embedder():
    from assistant.search.embedding import Embedder

    return Embedder()


def assistant_for(folder: Path, embedder, **settings):
    """The assistant over the documents in ``folder / "corpus"``, indexed into ``folder / "index"`` (real model,
    embedded Chroma); ``settings`` are any others (an attribution pattern)."""
    from assistant import Assistant, Settings
    from assistant.search.index import PassageIndex
    from assistant.answers.pipeline import sync_corpus

    settings = Settings(corpus_dir=folder / "corpus", index_dir=folder / "index", **settings)
    index = PassageIndex(settings, embedder)
    sync_corpus(index, settings)
    return Assistant.load(settings, index, embedder)


def assistant_over(folder: Path, embedder, name: str, text: str, **settings):
    """``assistant_for`` a library of one document, ``name``, holding ``text``."""
    return assistant_over_documents(folder, embedder, {name: text}, **settings)


def assistant_over_documents(folder: Path, embedder, documents: dict[str, str], **settings):
    """``assistant_for`` a library of ``documents`` (name: text), a set of interviews one file each."""
    (folder / "corpus").mkdir()
    for name, text in documents.items():
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    return assistant_for(folder, embedder, **settings)


@pytest.fixture(scope="session")
def shared_index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("shared-index")


@pytest.fixture(scope="session")
def assistant(shared_index_dir, embedder):
    """The assistant over the bundled corpus, with the real model and an embedded Chroma."""
    from assistant import Assistant, Settings
    from assistant.search.index import PassageIndex
    from assistant.documents.library import LibraryConfig
    from assistant.answers.pipeline import read_corpus

    settings = Settings(index_dir=shared_index_dir)
    index = PassageIndex(settings, embedder)
    index.sync(read_corpus(settings.corpus_dir), LibraryConfig.load(settings), remove_missing=True)
    return Assistant.load(settings, index, embedder)


