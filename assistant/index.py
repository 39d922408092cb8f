"""The findings in Chroma: passages with their embeddings and metadata, kept in step with the source files.

This is the only module that imports chromadb. Two collections: ``<name>`` holds passages (embedded through
llama-index), ``<name>__sources`` holds each source file's text and hash, written last so that an
interrupted ingest is redone on the next run rather than left half-done.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IndexBusyError, StoreUnavailableError
from .passages import build_passages, embedding_text
from .respondents import DEFAULT_STYLE, AttributionStyle
from .settings import Settings
from .types import Passage, passage_from_metadata, passage_metadata

# Chroma's product telemetry stays off, whatever the client; our logs stay quiet about it too.
os.environ["ANONYMIZED_TELEMETRY"] = "False"
logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_BATCH = 256


@dataclass
class SyncReport:
    """What an ingest changed, by source file."""

    added: dict[str, int] = field(default_factory=dict)  # source -> passages embedded
    updated: dict[str, int] = field(default_factory=dict)  # source -> passages whose metadata moved
    removed: dict[str, int] = field(default_factory=dict)  # source -> passages deleted
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class SourceDocument:
    """A source file as stored with the index: its name, text and title."""

    source: str
    text: str
    title: str
    sha256: str


def source_hash(text: str, style: AttributionStyle = DEFAULT_STYLE) -> str:
    """The hash that tells whether a source, or the way its quotes are attributed, changed since it was indexed."""
    return hashlib.sha256(f"{style.pattern}\x1f{text}".encode()).hexdigest()


def open_client(settings: Settings):
    """A Chroma client: embedded ``PersistentClient`` by default, ``HttpClient`` when a host is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
        except Exception as error:  # chromadb raises several kinds for a server that is not there
            raise StoreUnavailableError(
                f"Cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({type(error).__name__}). "
                "Start it with `chroma run --path … --host 127.0.0.1 --port …`, or unset ASSISTANT_CHROMA_HOST "
                "to use the embedded index."
            ) from error
        return client
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


class PassageIndex:
    """Passages in a Chroma collection, and the source texts they were cut from."""

    def __init__(self, settings: Settings, embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = open_client(settings)
        self.passages = self.client.get_or_create_collection(
            settings.collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        self.sources = self.client.get_or_create_collection(
            f"{settings.collection}__sources", embedding_function=None
        )

    # -- reading ---------------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.passages.count()

    def stored_hashes(self) -> dict[str, str]:
        records = self.sources.get(include=["metadatas"])
        return {source: meta["sha256"] for source, meta in zip(records["ids"], records["metadatas"])}

    def source_documents(self) -> dict[str, SourceDocument]:
        records = self.sources.get(include=["metadatas", "documents"])
        return {
            source: SourceDocument(source, text, meta.get("title", ""), meta["sha256"])
            for source, text, meta in zip(records["ids"], records["documents"], records["metadatas"])
        }

    def all_passages(self) -> list[Passage]:
        passages: list[Passage] = []
        total = self.passages.count()
        for offset in range(0, total, 5000):
            records = self.passages.get(include=["metadatas", "documents"], limit=5000, offset=offset)
            passages.extend(
                passage_from_metadata(pid, text, meta)
                for pid, text, meta in zip(records["ids"], records["documents"], records["metadatas"])
            )
        passages.sort(key=lambda passage: (passage.source, passage.start, passage.kind))
        return passages

    def vector_store(self):
        """The passages collection as a llama-index vector store."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.passages)

    def nearest(self, embedding: list[float], top_k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of the ``top_k`` passages nearest ``embedding``, best first.

        Straight to the collection rather than through llama-index: same ranking, without importing
        llama-index (about 2 s) or building nodes for every hit of every question.
        """
        if top_k <= 0:
            return []
        records = self.passages.query(query_embeddings=[embedding], n_results=top_k, where=where,
                                      include=["distances"])
        return [(pid, 1.0 - distance) for pid, distance in zip(records["ids"][0], records["distances"][0])]

    # -- writing ---------------------------------------------------------------------------------------------
    def sync(self, documents: Iterable[tuple[str, str]], remove_missing: bool = False,
             progress: Progress | None = None) -> SyncReport:
        """Bring the index in step with ``documents`` (source name, text).

        Unchanged sources are skipped; a changed one has only its own passages replaced; with
        ``remove_missing``, sources not given are removed. Ids come from content, so redoing work is harmless.
        """
        from .corpus import parse_document

        report = SyncReport()
        documents = list(documents)
        with self.write_lock():
            stored = self.stored_hashes()
            for source, text in documents:
                digest = source_hash(text, self.settings.attribution_style)
                if stored.get(source) == digest:
                    report.unchanged.append(source)
                    continue
                parsed = parse_document(text, source, self.settings.attribution_style)
                self._replace_source(source, build_passages(parsed), report, progress)
                self.sources.upsert(
                    ids=[source], documents=[text], embeddings=[[1.0]],
                    metadatas=[{"sha256": digest, "title": parsed.title or source}],
                )
            if remove_missing:
                for source in set(stored) - {source for source, _ in documents}:
                    self.remove_source(source, report)
        return report

    def remove_source(self, source: str, report: SyncReport | None = None) -> None:
        existing = self.passages.get(where={"source": source}, include=[])["ids"]
        for batch in _batches(existing, 5000):
            self.passages.delete(ids=batch)
        self.sources.delete(ids=[source])
        if report is not None:
            report.removed[source] = len(existing)

    def _replace_source(self, source: str, passages: list[Passage], report: SyncReport,
                        progress: Progress | None) -> None:
        existing = set(self.passages.get(where={"source": source}, include=[])["ids"])
        wanted = {passage.passage_id: passage for passage in passages}
        stale = sorted(existing - set(wanted))
        for batch in _batches(stale, 5000):
            self.passages.delete(ids=batch)
        kept = [passage for pid, passage in wanted.items() if pid in existing]
        for batch in _batches(kept, _BATCH):  # same content, maybe moved: new offsets, the old embedding
            records = self.passages.get(ids=[p.passage_id for p in batch], include=["embeddings"])
            vectors = dict(zip(records["ids"], records["embeddings"]))
            self._add(batch, [list(vectors[p.passage_id]) for p in batch])
        if kept:
            report.updated[source] = len(kept)
        new = [passage for pid, passage in wanted.items() if pid not in existing]
        for done, batch in enumerate(_batches(new, _BATCH)):
            self._add(batch)
            if progress:
                progress(source, min((done + 1) * _BATCH, len(new)), len(new))
        if new:
            report.added[source] = len(new)
        if stale:
            report.removed[source] = len(stale)

    def _add(self, passages: list[Passage], embeddings: list[list[float]] | None = None) -> None:
        from llama_index.core.schema import TextNode

        if embeddings is None:
            embeddings = self.embedder.embed_texts([embedding_text(passage) for passage in passages])
        nodes = [
            TextNode(id_=passage.passage_id, text=passage.text, metadata=passage_metadata(passage), embedding=vector)
            for passage, vector in zip(passages, embeddings)
        ]
        # Through llama-index's Chroma store; upsert semantics come from deleting first, so a rerun never fails.
        self.passages.delete(ids=[node.node_id for node in nodes])
        self.vector_store().add(nodes)

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """One writer at a time on an embedded index; a second gets IndexBusyError at once."""
        if self.settings.chroma_host:
            yield
            return
        path = Path(self.settings.index_dir) / ".write.lock"
        with open(path, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as error:
                raise IndexBusyError(
                    f"The index at {self.settings.index_dir} is busy: another ingest is writing to it. "
                    "Try again when it has finished."
                ) from error
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
