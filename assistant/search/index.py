"""The findings in Chroma: passages with their embeddings and metadata, kept in step with the source files.

This is the only module that imports chromadb. Two collections: ``<name>`` holds passages (embedded through
llama-index), ``<name>__sources`` holds each source file's text and hash.

A source's passages are stored per version: each record carries the hash of the source text it was cut from,
and its Chroma id is the passage id plus that hash. Readers see only the passages of the version recorded in
``__sources``, and a new version's record is written after all its passages, so the switch from the old
version to the new one is that single write. An ingest killed part-way leaves the old version whole and the
new one invisible; the next ingest resumes it (passages already written are kept) and then deletes the
other versions.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import logging
import os
import re
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.attribution import AUTO_STYLE, AttributionStyle
from ..documents.document_summary import DocumentSummary, summarise
from ..errors import IndexBusyError, StoreUnavailableError
from ..memory import limit_malloc_arenas
from ..documents.passages import build_passages, embedding_text
from ..documents.readers import DocumentText
from ..documents.readers.layout import Layout
from ..documents.respondents import RespondentTable
from ..settings import Settings
from ..types import Passage, passage_from_metadata, passage_metadata

# Chroma's product telemetry stays off, whatever the client; our logs stay quiet about it too.
os.environ["ANONYMIZED_TELEMETRY"] = "False"
logging.getLogger("chromadb.telemetry").setLevel(logging.CRITICAL)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_BATCH = 256
SOURCE_PAGE = 100  # sources records read at a time (see ``PassageIndex._source_records``)
# Passage records read at a time: reading 102,324 in pages of 5,000 took 69 s and left Chroma's buffers 439 MB
# larger; in pages of 500, 25 s and 30 MB.
PASSAGE_PAGE = 500
_CONNECT_TIMEOUT_S = 5.0  # a Chroma server that does not accept a connection in this long is reported down
# Metadata of each passage record, beside the passage's own (types.passage_metadata):
_PASSAGE_ID = "passage_id"
_SOURCE_HASH = "source_sha256"  # the hash of the source text the passage was cut from
# A sources record of this layout has passages that carry _SOURCE_HASH. An older record reads as out of date,
# so the next ingest rewrites its passages (reusing their embeddings where their text is the same).
_LAYOUT = 3
_LIBRARY_RECORD = "::library"  # the sources record that holds the library's respondents table
_VECTOR_SPACE = "vector_space"  # the sources collection's note of the vectors it holds (Embedder.vector_space)
_CALIBRATION_RECORD = "::calibration"  # the sources record that holds the calibration (``relevance``)
_RECORDS = (_LIBRARY_RECORD, _CALIBRATION_RECORD)


@dataclass
class SyncReport:
    """What an ingest changed, by source file."""

    added: dict[str, int] = field(default_factory=dict)  # source -> passages new in this version
    updated: dict[str, int] = field(default_factory=dict)  # source -> passages carried over (offsets may move)
    removed: dict[str, int] = field(default_factory=dict)  # source -> passages gone with the old version
    unchanged: list[str] = field(default_factory=list)
    summaries: dict[str, DocumentSummary] = field(default_factory=dict)  # source -> what was found, when (re)read

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class SourceDocument:
    """A source file as stored with the index: its name, text, title, the structure its format marked, its
    attribution pattern ("" when learned) and what the parser found in it."""

    source: str
    text: str
    title: str
    sha256: str
    layout: Layout = Layout()
    pattern: str = ""
    summary: DocumentSummary | None = None
    given_title: str = ""  # the title the file's format states, if any (``DocumentText.title``)


READING_VERSION = "82"  # bump when the parser reads the same file differently (sections, sentences), to read it again


def source_hash(document: DocumentText, style: AttributionStyle = AUTO_STYLE,
                table: RespondentTable = RespondentTable()) -> str:
    """The hash that tells whether a source, or the way it is read (its layout, title, attribution style, or what
    the respondents table says of it), changed since it was indexed."""
    key = "\x1f".join((READING_VERSION, style.key, document.layout.to_json(), document.title,
                       table.version(document.source), document.text))
    return hashlib.sha256(key.encode()).hexdigest()


def open_client(settings: Settings):
    """A Chroma client: embedded ``PersistentClient`` by default, ``HttpClient`` when a host is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    limit_malloc_arenas()  # before Chroma starts the threads that will search it
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        try:
            # A connection with a deadline first: the HTTP client has no timeout, so a host that drops packets
            # would otherwise hang the question instead of producing this message.
            socket.create_connection((settings.chroma_host, settings.chroma_port), timeout=_CONNECT_TIMEOUT_S).close()
            headers = {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, ssl=settings.chroma_ssl,
                                         headers=headers, settings=chroma_settings)
            client.heartbeat()
        except Exception as error:  # chromadb raises several kinds for a server that is not there
            if _is_refusal(error):
                raise _refused(settings) from error
            raise _unreachable(settings, error) from error
        return client
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


def _unreachable(settings: Settings, error: Exception) -> StoreUnavailableError:
    host, port = settings.chroma_host, settings.chroma_port
    return StoreUnavailableError(
        f"Cannot reach the Chroma server at {host}:{port} ({str(error) or type(error).__name__}). "
        f"Start it with `chroma run --path … --host {host} --port {port}`, or unset ASSISTANT_CHROMA_HOST "
        "to use the embedded index."
    )


_REFUSAL = re.compile(r"(?<![:\d])\b40[13]\b(?![:\d])|Unauthorized|Forbidden")


def _is_refusal(error: Exception) -> bool:
    """Whether the server (its token-checking proxy) said no: HTTP 401 or 403."""
    status = getattr(getattr(error, "response", None), "status_code", None)
    if status is not None:
        return status in (401, 403)
    # An HTTP status in the message, never a port that holds those digits ("127.0.0.1:40387 … refused").
    return bool(_REFUSAL.search(str(error))) or type(error).__name__ in ("AuthorizationError", "ChromaAuthError")


def _refused(settings: Settings) -> StoreUnavailableError:
    given = "was refused" if settings.chroma_token else "is required"
    return StoreUnavailableError(
        f"The Chroma server at {settings.chroma_host}:{settings.chroma_port} did not accept this client: the team's "
        f"token {given}. Set ASSISTANT_CHROMA_TOKEN to the token your team was given."
    )


def _reports_server_down(method):
    """A Chroma server that stops answering mid-session raises StoreUnavailableError naming it, not an
    httpx error from deep inside chromadb."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            import httpx

            if self.settings.chroma_host and isinstance(error, (httpx.TransportError, OSError)):
                raise _unreachable(self.settings, error) from error
            if self.settings.chroma_host and _is_refusal(error):
                raise _refused(self.settings) from error
            raise
    return wrapper


class PassageIndex:
    """Passages in a Chroma collection, and the source texts they were cut from."""

    @_reports_server_down
    def __init__(self, settings: Settings, embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.versions_read: dict[str, str] = {}  # source -> the version whose passages this reader holds
        self._lease = None  # the writer lease on a shared server, while this index writes
        self.client = open_client(settings)
        self.passages = self.client.get_or_create_collection(
            settings.collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        self.sources = self.client.get_or_create_collection(
            f"{settings.collection}__sources", embedding_function=None
        )
        recorded = (self.sources.metadata or {}).get(_VECTOR_SPACE)
        if recorded and embedder is not None:
            embedder.adopt(recorded)  # questions are embedded as the library's passages were

    @property
    def vector_space(self) -> str:
        """The space of the vectors this index is searched with (``Embedder.vector_space``)."""
        return self.embedder.vector_space

    # -- reading ---------------------------------------------------------------------------------------------
    def _source_records(self, include: list[str]) -> dict[str, list]:
        """Every record of the sources collection, read a page at a time: one read of a large library's records
        leaves Chroma's buffers about 90 MB larger for the life of the process, a page of 100 about 8 MB."""
        records: dict[str, list] = {"ids": [], **{name: [] for name in include}}
        for offset in range(0, self.sources.count(), SOURCE_PAGE):
            page = self.sources.get(include=include, limit=SOURCE_PAGE, offset=offset)
            for name in records:
                records[name].extend(page[name])
        return records

    @_reports_server_down
    def count(self) -> int:
        """Passages readers see (those of each source's recorded version), from the sources' records."""
        records = self._source_records(["metadatas"])["metadatas"]
        return sum(int(meta.get("passages", 0)) for meta in records if meta.get("layout") == _LAYOUT)

    @_reports_server_down
    def stored_hashes(self) -> dict[str, str]:
        """The recorded hash of each indexed source ("" for a record of an older layout: out of date)."""
        records = self._source_records(["metadatas"])
        return {
            source: meta["sha256"] if meta.get("layout") == _LAYOUT else ""
            for source, meta in zip(records["ids"], records["metadatas"]) if source not in _RECORDS
        }

    @_reports_server_down
    def source_documents(self, include_text: bool = True) -> dict[str, SourceDocument]:
        """Every indexed source; without ``include_text`` their texts are left "" (``source_text`` reads one)."""
        records = self._source_records(["metadatas", "documents"] if include_text else ["metadatas"])
        texts = records["documents"] if include_text else [""] * len(records["ids"])
        return {
            source: SourceDocument(source, text, meta.get("title", ""), meta["sha256"],
                                   Layout.from_json(meta.get("structure")), meta.get("pattern", ""),
                                   DocumentSummary.from_json(meta.get("summary"), source), meta.get("given_title", ""))
            for source, text, meta in zip(records["ids"], texts, records["metadatas"])
            if source not in _RECORDS
        }

    @_reports_server_down
    def source_text(self, source: str) -> str | None:
        """The stored text of one source (None when it is not indexed)."""
        records = self.sources.get(ids=[source], include=["documents"])
        return records["documents"][0] if records["ids"] and source not in _RECORDS else None

    @_reports_server_down
    def calibration(self, key: str):
        """The stored calibration, if it was made for ``key`` (this version of the index), else None."""
        from .relevance import Calibration

        records = self.sources.get(ids=[_CALIBRATION_RECORD], include=["documents"])
        made = Calibration.from_json(records["documents"][0]) if records["ids"] else None
        return made if made is not None and made.key == key else None

    @_reports_server_down
    def store_calibration(self, calibration) -> None:
        self.sources.upsert(ids=[_CALIBRATION_RECORD], documents=[calibration.to_json()], embeddings=[[1.0]],
                            metadatas=[{"record": "calibration"}])

    @_reports_server_down
    def respondent_table(self) -> RespondentTable:
        """The library's respondents table as the last ingest stored it (empty when there is none)."""
        records = self.sources.get(ids=[_LIBRARY_RECORD], include=["documents"])
        text = records["documents"][0] if records["ids"] else ""
        return RespondentTable.parse(text) if text else RespondentTable()

    @_reports_server_down
    def all_passages(self) -> list[Passage]:
        """Every passage of the recorded version of each source, in reading order.

        Records of any other version (an ingest under way, or one killed part-way) are left out, so a reader
        never sees a source half-replaced, nor passages whose offsets point into a text it does not have.
        """
        self.versions_read = self.stored_hashes()  # the versions these passages are of (see ``vectors``)
        is_visible = self._visibility(self.versions_read)
        passages: list[Passage] = []
        total = self.passages.count()
        for offset in range(0, total, PASSAGE_PAGE):
            records = self.passages.get(include=["metadatas", "documents"], limit=PASSAGE_PAGE, offset=offset)
            passages.extend(
                passage_from_metadata(meta[_PASSAGE_ID], text, meta)
                for text, meta in zip(records["documents"], records["metadatas"]) if is_visible(meta)
            )
        passages.sort(key=lambda passage: (passage.source, passage.start, passage.kind))
        return passages

    def _visibility(self, recorded: dict[str, str] | None = None) -> Callable[[dict], bool]:
        """Whether a passage record (by its metadata) belongs to the recorded version of its source."""
        recorded = self.stored_hashes() if recorded is None else recorded
        return lambda meta: bool(meta.get(_SOURCE_HASH)) and meta.get(_SOURCE_HASH) == recorded.get(meta.get("source"))

    def vector_store(self):
        """The passages collection as a llama-index vector store."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.passages)

    @_reports_server_down
    def nearest(self, embedding: list[float], top_k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of the ``top_k`` passages nearest ``embedding``, best first.

        A hit may belong to a version of its source that readers do not see (see ``all_passages``): callers
        keep only the passage ids they know.

        Straight to the collection rather than through llama-index: same ranking, without importing
        llama-index (about 2 s) or building nodes for every hit of every question.
        """
        return self.nearest_each([embedding], top_k, where)[0]

    @_reports_server_down
    def nearest_each(self, embeddings: Sequence[list[float]], top_k: int, where: dict | None = None
                     ) -> list[list[tuple[str, float]]]:
        """``nearest`` for each of ``embeddings``, in one search of the collection (a question and its topic:
        1.25 ms at 100,000 passages, against 2.1 ms asked apart)."""
        if top_k <= 0 or not embeddings:
            return [[] for _ in embeddings]
        # Distances only: the passage id is in the record id, and fetching metadata for 40 hits costs more than
        # the search itself (0.7 ms against 10 ms at 1,000 passages; see bench/RESULTS.md).
        records = self.passages.query(query_embeddings=list(embeddings), n_results=top_k, where=where,
                                      include=["distances"])
        return [[(_passage_id(record_id), 1.0 - distance) for record_id, distance in zip(ids, distances)]
                for ids, distances in zip(records["ids"], records["distances"])]

    @_reports_server_down
    def similarities(self, embedding: list[float], passages: Sequence[Passage]) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of ``embedding`` with each of ``passages`` (as ``all_passages`` read
        them), from their stored vectors. Exact, and for a few hundred passages much quicker than Chroma's filtered
        search (5 ms against 88 ms at 100,000 passages; bench/RESULTS.md). Passages since re-ingested are left out.
        """
        import numpy as np

        ids, vectors = self.vectors(passages)
        if not ids:
            return []
        scores = vectors @ np.asarray(embedding, dtype=np.float32)
        return [(passage_id, float(score)) for passage_id, score in zip(ids, scores)]

    @_reports_server_down
    def vectors(self, passages: Sequence[Passage]):
        """(passage ids, unit vectors as a matrix) of ``passages``, from the stored embeddings; passages since
        re-ingested are left out."""
        import numpy as np

        read = self.versions_read or self.stored_hashes()
        ids = list(dict.fromkeys(_record_id(passage.passage_id, read.get(passage.source, "")) for passage in passages))
        found_ids: list[str] = []
        found: list = []
        for batch in _batches(ids, 5000):
            records = self.passages.get(ids=batch, include=["embeddings"])
            found_ids.extend(records["ids"])
            found.extend(records["embeddings"])
        if not found_ids:
            return [], np.zeros((0, 1), dtype=np.float32)
        matrix = np.asarray(found, dtype=np.float32)
        matrix /= np.clip(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12, None)
        return [_passage_id(record_id) for record_id in found_ids], matrix

    # -- writing ---------------------------------------------------------------------------------------------
    @_reports_server_down
    def sync(self, documents: Iterable[DocumentText], config=None, remove_missing: bool = False,
             progress: Progress | None = None) -> SyncReport:
        """Bring the index in step with ``documents``, read as ``config`` (a ``library.LibraryConfig``: each
        document's attribution style and the respondents table; by default, the library folder's) says.

        Unchanged sources are skipped; a changed one gets a new version (passages whose content did not change
        keep their embeddings) that replaces the old one at once; with ``remove_missing``, sources not given
        are removed. Ids come from content, so redoing work after an interruption is harmless.
        """
        from ..documents.corpus import parse_read
        from ..documents.library import LibraryConfig

        config = config or LibraryConfig.load(self.settings)
        report = SyncReport()
        documents = list(documents)
        with self.write_lock():
            stored = self.stored_hashes()
            self._store_table(config.table)
            changed = []  # (document, digest, style, parsed, passages): read first, so progress covers the library
            for document in documents:
                style = config.style_for(document.source)
                digest = source_hash(document, style, config.table)
                if stored.get(document.source) == digest:
                    report.unchanged.append(document.source)
                    continue
                parsed = parse_read(document, style)
                changed.append((document, digest, style, parsed, build_passages(parsed, config.table)))
            if changed:
                self.record_vector_space()
            meter = _Meter(sum(len(passages) for *_, passages in changed), progress)
            with _Writer() as writer:
                for document, digest, style, parsed, passages in changed:
                    source = document.source
                    summary = summarise(parsed, passages, style, document.notes)
                    report.summaries[source] = summary
                    self._write_version(source, digest, stored.get(source), passages, report, meter, writer)
                    writer.wait()  # every passage of this version is stored before the commit below
                    # The commit: from this write on, readers see the new version instead of the old one.
                    self._check_lease()
                    self.sources.upsert(
                        ids=[source], documents=[document.text], embeddings=[[1.0]],
                        metadatas=[{"sha256": digest, "title": parsed.title or source, "layout": _LAYOUT,
                                    "passages": len(passages), "structure": document.layout.to_json(),
                                    "pattern": style.pattern or "", "summary": summary.to_json(),
                                    "given_title": document.title}],
                    )
                    self._delete_records(source, keep_hash=digest)
            if remove_missing:
                for source in set(stored) - {document.source for document in documents}:
                    self.remove_source(source, report)
            if self.passages.count() > self.count():  # records no reader sees: an earlier run was interrupted
                self._delete_hidden()
        return report

    def record_vector_space(self) -> None:
        """Record which vectors this library holds (done before its first are written), so that whoever opens it
        later embeds questions and new documents the same way. A library made before this was recorded is taken
        to hold the vectors of the settings that next write to it."""
        metadata = self.sources.metadata or {}
        if _VECTOR_SPACE not in metadata:
            self.sources.modify(metadata={**metadata, _VECTOR_SPACE: self.embedder.vector_space})

    def _store_table(self, table: RespondentTable) -> None:
        if table.text:
            self.sources.upsert(ids=[_LIBRARY_RECORD], documents=[table.text], embeddings=[[1.0]],
                                metadatas=[{"record": "library"}])
        elif self.sources.get(ids=[_LIBRARY_RECORD])["ids"]:
            self.sources.delete(ids=[_LIBRARY_RECORD])

    @_reports_server_down
    def remove_source(self, source: str, report: SyncReport | None = None) -> None:
        """Remove a source: its record first (readers stop seeing it at once), then its passages."""
        recorded = self.stored_hashes().get(source)
        visible = len(self._versions(source).get(recorded or None, [])) if recorded is not None else 0
        self.sources.delete(ids=[source])
        self._delete_records(source)
        if report is not None:
            report.removed[source] = visible

    def _versions(self, source: str) -> dict[str | None, list[tuple[str, str]]]:
        """The passage records stored for ``source``, grouped by source hash: (record id, passage id)."""
        records = self.passages.get(where={"source": source}, include=["metadatas"])
        versions: dict[str | None, list[tuple[str, str]]] = {}
        for record_id, meta in zip(records["ids"], records["metadatas"]):
            versions.setdefault(meta.get(_SOURCE_HASH), []).append((record_id, meta.get(_PASSAGE_ID, record_id)))
        return versions

    def _write_version(self, source: str, digest: str, recorded: str | None, passages: list[Passage],
                       report: SyncReport, meter: "_Meter", writer: "_Writer") -> None:
        """Store every passage of ``source`` at version ``digest``, beside the version readers still see.

        Records of this version already stored (an earlier run was interrupted) are kept; a passage whose
        content is stored under another version is copied with its embedding; only the rest is embedded, each
        batch while ``writer`` stores the one before.
        """
        versions = self._versions(source)
        written = {record_id for record_id, _ in versions.get(digest, [])}
        earlier = {passage_id: record_id for version, records in versions.items() if version != digest
                   for record_id, passage_id in records}
        wanted = [passage for passage in passages if _record_id(passage.passage_id, digest) not in written]
        carried = [passage for passage in wanted if passage.passage_id in earlier]
        new = [passage for passage in wanted if passage.passage_id not in earlier]
        meter.advance(source, len(passages) - len(wanted))  # stored by an earlier run
        for batch in _batches(carried, _BATCH):
            records = self.passages.get(ids=[earlier[p.passage_id] for p in batch], include=["embeddings"])
            vectors = dict(zip(records["ids"], records["embeddings"]))
            writer.submit(self._add, batch, digest, [list(vectors[earlier[p.passage_id]]) for p in batch],
                          stored=functools.partial(meter.advance, source, len(batch)))
        for batch in _batches(new, _BATCH):
            vectors = self.embedder.embed_texts([embedding_text(passage) for passage in batch])
            writer.submit(self._add, batch, digest, vectors,
                          stored=functools.partial(meter.advance, source, len(batch)))
        before = {passage_id for _, passage_id in versions.get(recorded or None, [])} if recorded is not None else set()
        after = {passage.passage_id for passage in passages}
        for name, count in (("added", len(after - before)), ("updated", len(after & before)),
                            ("removed", len(before - after))):
            if count:
                getattr(report, name)[source] = count

    def _delete_records(self, source: str, keep_hash: str | None = None) -> None:
        """Delete the passage records of ``source``, except those of version ``keep_hash``."""
        stale = [record_id for version, records in self._versions(source).items() if version != keep_hash
                 for record_id, _ in records]
        for batch in _batches(stale, 5000):
            self.passages.delete(ids=batch)

    def _delete_hidden(self) -> None:
        """Delete every record no reader sees: versions left by an interrupted ingest of a source that was not
        ingested again (a resumed source has already lost its other versions)."""
        is_visible = self._visibility()
        hidden: list[str] = []
        for offset in range(0, self.passages.count(), PASSAGE_PAGE):
            records = self.passages.get(include=["metadatas"], limit=PASSAGE_PAGE, offset=offset)
            hidden.extend(rid for rid, meta in zip(records["ids"], records["metadatas"]) if not is_visible(meta))
        for batch in _batches(hidden, 5000):
            self.passages.delete(ids=batch)

    def _add(self, passages: list[Passage], digest: str, embeddings: list[list[float]]) -> None:
        from llama_index.core.schema import TextNode

        self._check_lease()
        nodes = [
            TextNode(
                id_=_record_id(passage.passage_id, digest), text=passage.text, embedding=vector,
                metadata={**passage_metadata(passage), _PASSAGE_ID: passage.passage_id, _SOURCE_HASH: digest},
            )
            for passage, vector in zip(passages, embeddings)
        ]
        # Through llama-index's Chroma store; upsert semantics come from deleting first, so a rerun never fails.
        self.passages.delete(ids=[node.node_id for node in nodes])
        self.vector_store().add(nodes)

    def _check_lease(self) -> None:
        """A writer that lost its lease on a shared server stops before writing again."""
        if self._lease is not None:
            self._lease.check()

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """One writer at a time; a second gets IndexBusyError at once. On a shared server this is the writer lease
        (``lease``), which holds across machines; on an embedded index, a lock on a file in its folder."""
        if self.settings.chroma_host:
            from .lease import WriterLease, default_writer_name

            leases = self.client.get_or_create_collection(f"{self.settings.collection}__lease", embedding_function=None)
            with WriterLease(leases, self.settings.writer_name or default_writer_name(),
                             self.settings.lease_seconds) as lease:
                self._lease = lease
                try:
                    yield
                finally:
                    self._lease = None
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


class _Meter:
    """Progress over a whole sync: passages stored of the passages of every changed source."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def advance(self, source: str, count: int) -> None:
        self.done += count
        if self.progress and self.total and count:
            self.progress(source, min(self.done, self.total), self.total)


class _Writer:
    """Writes to Chroma on one background thread, one batch at a time, so the next batch is embedded meanwhile
    (the embedder and Chroma's client both release the interpreter while they work). A failed write is raised
    by the next ``submit`` or ``wait``."""

    def __enter__(self) -> "_Writer":
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-writer")
        self._pending = None
        return self

    def submit(self, write: Callable, *args, stored: Callable[[], None] | None = None) -> None:
        """Start ``write(*args)`` once the write before it has finished; ``stored`` is called (on this thread) when
        it has."""
        self.wait()
        self._pending = (self._pool.submit(write, *args), stored)

    def wait(self) -> None:
        if self._pending is not None:
            (pending, stored), self._pending = self._pending, None
            pending.result()
            if stored is not None:
                stored()

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                self.wait()
        finally:
            self._pool.shutdown(wait=True)


def _record_id(passage_id: str, digest: str) -> str:
    """The Chroma id of a passage in one version of its source, so that two versions can be stored at once."""
    return f"{passage_id}@{digest[:16]}"


def _passage_id(record_id: str) -> str:
    """The passage id inside a record id (the inverse of ``_record_id``; a record of an older layout is its id)."""
    return record_id.split("@", 1)[0]


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]
