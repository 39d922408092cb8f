"""What answering needs from the index, kept on local disk beside it so that a library of any size opens in
seconds: the passages (without their vectors, and with their texts in a file of their own, read when asked), the
BM25 index (loaded memory-mapped), how many passages hold each word, which extracts hold each word, every passage's
stored vector (so that a filtered search or a passage's cosine needs no call to Chroma), and what each document
calls its areas.

Everything here is derived from the index, never a second source of truth. A snapshot is named by the versions
of the sources it was made from (their hashes), the respondents table and this module's format, so an ingest
(by this process or another one writing to a shared server) makes it stale and the next load makes a new one from
Chroma. It is written to a temporary folder and renamed into place whole, so a reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import numpy as np

from .abbreviations import Abbreviations
from .relevance import TermWeights, TokenPostings, spoken_words
from .retrieve import LexicalIndex
from .stored_texts import PositionalFile, StoredPassage, StoredTexts
from ..documents.people import same_people_across_documents
from ..documents.respondents import one_spelling_per_group, placed_where_others_are
from ..types import Passage

FORMAT = "23"  # bump when what is stored, or how, changes (23: a report naming the people of another document)
_COMPLETE = "complete"
_ABANDONED_S = 6 * 3600  # a snapshot still being made after this long was abandoned by a process that died
VECTOR_BATCH = 5000  # passages whose vectors are read from the index at a time
# repeated across passages
_INTERNED = ("kind", "source", "section", "code", "area", "group", "document", "context", "person")


@dataclass
class Snapshot:
    folder: Path
    passages: list[Passage]  # every passage readers see, in reading order, each text read from its file when asked
    lexical: LexicalIndex
    weights: TermWeights
    postings: TokenPostings  # over the extracts: the attributed passages, in reading order
    area_names: dict[str, str]  # document -> what it calls its areas

    @cached_property
    def vectors(self) -> "StoredVectors":
        """Every passage's stored vector, memory-mapped: a row is read from disk when first used."""
        return StoredVectors(self.passages, *_mapped(self.folder / "vectors.npy"))


def vector_order(passages: Sequence[Passage]) -> list[int]:
    """The order in which passages' vectors are stored: the extracts first (so that counting who spoke reads one
    block of the file), then the rest, each in reading order."""
    return sorted(range(len(passages)), key=lambda number: not passages[number].is_attributed)


class StoredVectors:
    """The stored (unit) vectors of a library's passages (``vector_order``): a passage's vector, or a filtered
    search, without a call to Chroma (whose filtered search takes about 90 ms at 100,000 passages, against a few
    milliseconds here for a group of 8,500; bench/RESULTS.md)."""

    BLOCK = 2048  # rows scored at a time (3 MB: 8,192 rows held 13 MB at a time for 0.4 ms less over 25,000 rows)
    FEW = 512  # rows this few are read from the file one by one, not through the mapping (see ``_read``)

    def __init__(self, passages: Sequence[Passage], matrix: np.ndarray, mapping: mmap.mmap | None = None,
                 file: "RowFile | None" = None) -> None:
        """``matrix`` holds the vectors in ``vector_order``; when it is a view of ``mapping``, the pages read are
        given back as a search goes (see ``_give_back``), and ``file`` reads a few rows without mapping them."""
        order = vector_order(passages)
        self.stored_row = np.empty(len(passages), dtype=np.int64)  # by reading-order number
        self.stored_row[order] = np.arange(len(passages))
        self.position = {passage.passage_id: number for number, passage in enumerate(passages)}  # its number
        self.matrix = matrix
        self.extracts = matrix[:sum(passage.is_attributed for passage in passages)]
        self._mapping = mapping
        self._file = file

    def vectors(self, passages: Sequence[Passage]) -> tuple[list[str], np.ndarray]:
        """(passage ids, vectors as a matrix) of those of ``passages`` held here, each once."""
        ids, rows = self._rows(passages)
        return ids, self._read(rows)

    def scores(self, embedding: Sequence[float], numbers: np.ndarray) -> np.ndarray:
        """The cosine similarity of ``embedding`` with the passages numbered ``numbers`` in reading order."""
        rows = self.stored_row[numbers]
        if len(rows) <= self.FEW:
            return self._read(rows) @ np.asarray(embedding, dtype=np.float32)
        order = np.argsort(rows, kind="stable")
        scores = np.empty(len(rows), dtype=np.float32)
        scores[order] = self._scored(embedding, _runs(rows[order], self.BLOCK))
        return scores

    def extract_scores(self, embedding: Sequence[float]) -> np.ndarray:
        """The cosine similarity of ``embedding`` with every extract (attributed passage), in reading order."""
        return self._scored(embedding, [slice(first, min(first + self.BLOCK, len(self.extracts)))
                                        for first in range(0, len(self.extracts), self.BLOCK)])

    def _read(self, rows: np.ndarray) -> np.ndarray:
        """The rows ``rows`` as a matrix. A few scattered rows are read from the file itself: through the mapping,
        each would bring its neighbours in with it (the kernel maps 64 KB around a fault), to be given back and
        faulted in again by the next search (40 rows scored: 0.82 ms so, 0.35 ms read)."""
        if self._file is not None and len(rows) <= self.FEW:
            return self._file.rows(rows)
        order = np.argsort(rows, kind="stable")
        vectors = np.empty((len(rows), self.matrix.shape[1]), dtype=np.float32)
        read = []
        for run in _runs(rows[order], self.BLOCK):
            read.append(np.asarray(self.matrix[run], dtype=np.float32))
            self._give_back()
        vectors[order] = np.concatenate(read) if read else vectors[:0]
        return vectors

    def _scored(self, embedding: Sequence[float], blocks: list) -> np.ndarray:
        query = np.asarray(embedding, dtype=np.float32)
        scores = []
        for rows in blocks:
            scores.append(self.matrix[rows] @ query)
            self._give_back()
        return np.concatenate(scores) if scores else np.zeros(0, dtype=np.float32)

    def _give_back(self) -> None:
        """Give back the pages just read: they stay in the page cache, so reading them again costs a minor fault per
        few pages, not a disk read (a count over the 90,000 extracts of a 100,000-passage library: 8.3 ms so, 8.8 ms
        with every page kept; the call itself, 0.07 ms). Kept, they added up to the whole file (157 MB) after a few
        counts, and a row read by itself brings its neighbours in with it (the kernel maps 64 KB around a fault):
        40 questions' words-only hits, 1,406 rows, held 114 MB."""
        if self._mapping is not None:
            self._mapping.madvise(mmap.MADV_DONTNEED)  # another thread reading meanwhile faults its pages back in

    def _rows(self, passages: Sequence[Passage]) -> tuple[list[str], np.ndarray]:
        ids = [passage_id for passage_id in dict.fromkeys(passage.passage_id for passage in passages)
               if passage_id in self.position]
        numbers = np.fromiter((self.position[passage_id] for passage_id in ids), dtype=np.int64, count=len(ids))
        return ids, self.stored_row[numbers]


def _runs(rows: np.ndarray, span: int) -> list[np.ndarray]:
    """Ascending ``rows`` cut into runs whose rows lie fewer than ``span`` rows apart in the file: the pages a run
    brings in are at most ``span`` rows' worth, however scattered the rows (a group's extracts, spread over the
    whole file, brought all of it in before a block of them was given back)."""
    runs, first = [], 0
    while first < len(rows):
        end = int(np.searchsorted(rows, rows[first] + span))
        runs.append(rows[first:end])
        first = end
    return runs


class RowFile(PositionalFile):
    """Rows of a saved matrix read from its file by position."""

    def __init__(self, path: Path, offset: int, shape: tuple[int, int], dtype: np.dtype) -> None:
        super().__init__(path)
        self._offset, self._width, self._dtype = offset, shape[1], np.dtype(dtype)
        self._row_bytes = shape[1] * self._dtype.itemsize

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """The rows numbered ``rows``, in that order, as a float32 matrix."""
        size, start = self._row_bytes, self._offset
        data = b"".join(self.read(size, start + int(row) * size) for row in rows)
        return np.frombuffer(data, dtype=self._dtype).reshape(len(rows), self._width).astype(np.float32)


def _mapped(path: Path) -> tuple[np.ndarray, mmap.mmap, RowFile]:
    """The array saved at ``path``, read-only and memory-mapped, with its mapping and a reader of single rows."""
    with open(path, "rb") as handle:
        version = np.lib.format.read_magic(handle)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(handle)
        offset = handle.tell()
        mapping = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    matrix = np.frombuffer(mapping, dtype=dtype, count=int(np.prod(shape)), offset=offset).reshape(shape)
    return matrix, mapping, RowFile(path, offset, shape, dtype)


def open_snapshot(index, settings) -> Snapshot:
    """The snapshot of ``index`` as it stands, read from disk, or made from the index and stored first."""
    versions = index.stored_hashes()
    index.versions_read = versions  # the versions the snapshot's passages are of (``PassageIndex.vectors``)
    folder = snapshot_folder(index, settings, versions)
    if not (folder / _COMPLETE).is_file():
        _make(index, folder)
    return _read(folder)


def snapshot_folder(index, settings, versions: dict[str, str] | None = None) -> Path:
    """Where the snapshot of ``index`` at ``versions`` (by default, as it stands) is kept: a folder per store (the
    embedded one, or a server's address) and collection, since making one removes the others in its folder."""
    versions = index.stored_hashes() if versions is None else versions
    where = f"{settings.chroma_host}-{settings.chroma_port}" if settings.chroma_host else "embedded"
    key = repr((FORMAT, settings.collection, sorted(versions.items()), index.respondent_table().text))
    return (Path(settings.index_dir) / "snapshots" / where / settings.collection
            / hashlib.sha256(key.encode()).hexdigest()[:20])


def _make(index, folder: Path) -> None:
    read_as_one_library = same_people_across_documents(placed_where_others_are(one_spelling_per_group(
        index.all_passages())))
    passages = [_interned(passage) for passage in read_as_one_library]
    extracts = [passage for passage in passages if passage.is_attributed]
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".making-", dir=folder.parent))
    try:
        with open(work / "passages.pickle", "wb") as handle:
            pickle.dump([StoredPassage.of(passage, number) for number, passage in enumerate(passages)], handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        StoredTexts.save([passage.text for passage in passages], work / "texts.bin")
        LexicalIndex(passages).save(work)
        weights = TermWeights(passages)
        (work / "term-frequency.json").write_text(json.dumps({"size": len(passages), "frequency": weights.frequency,
                                                              "abbreviations": weights.abbreviations.written,
                                                              "unweighted": sorted(weights.unweighted)}),
                                                   encoding="utf-8")
        TokenPostings.from_texts(spoken_words(passage) for passage in extracts).save(work)
        save_vectors(index, [passages[number] for number in vector_order(passages)], work / "vectors.npy")
        (work / "area-names.json").write_text(json.dumps(_area_names(index)), encoding="utf-8")
        (work / _COMPLETE).write_text("")
        try:
            os.rename(work, folder)
        except OSError:  # another process made the same snapshot first: theirs is as good
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    for other in folder.parent.iterdir():  # older snapshots of this collection, and any abandoned half-made
        if other != folder and (not other.name.startswith(".making-") or _age_s(other) > _ABANDONED_S):
            shutil.rmtree(other, ignore_errors=True)


def _read(folder: Path) -> Snapshot:
    with open(folder / "passages.pickle", "rb") as handle:
        passages = pickle.load(handle)
    texts = StoredTexts(folder / "texts.bin")
    for passage in passages:
        passage.read_with(texts)
    counts = json.loads((folder / "term-frequency.json").read_text(encoding="utf-8"))
    return Snapshot(folder, passages, LexicalIndex.load(folder, passages),
                    TermWeights(frequency=counts["frequency"], size=counts["size"],
                                abbreviations=Abbreviations(counts["abbreviations"]), unweighted=counts["unweighted"]),
                    TokenPostings.load(folder),
                    json.loads((folder / "area-names.json").read_text(encoding="utf-8")))


def save_vectors(index, passages: list[Passage], path: Path) -> None:
    """Write the stored vector of each of ``passages`` to ``path`` as rows in their order, a batch at a time, so that
    a large library's vectors are never all in memory."""
    matrix = None
    for first in range(0, len(passages), VECTOR_BATCH):
        batch = aligned_vectors(index, passages[first:first + VECTOR_BATCH])
        if matrix is None:
            matrix = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(len(passages), batch.shape[1]))
        matrix[first:first + len(batch)] = batch
    if matrix is None:
        np.save(path, np.zeros((0, 1), dtype=np.float32))
    else:
        matrix.flush()


def aligned_vectors(index, passages: Sequence[Passage]) -> np.ndarray:
    """The stored vector of each of ``passages``, as rows in their order (zeros for one re-ingested since)."""
    ids, matrix = index.vectors(passages)
    row = {passage_id: number for number, passage_id in enumerate(ids)}
    aligned = np.zeros((len(passages), matrix.shape[1] if ids else 1), dtype=np.float32)
    for number, passage in enumerate(passages):
        if passage.passage_id in row:
            aligned[number] = matrix[row[passage.passage_id]]
    return aligned


def _area_names(index) -> dict[str, str]:
    """What each document calls its areas, as ingest recorded it (documents indexed before it was recorded are
    read again)."""
    from ..documents.attribution import AttributionStyle
    from ..documents.corpus import parse_document

    names = {}
    for source, record in index.source_documents(include_text=False).items():
        name = record.summary.area_name if record.summary else None
        if name is None:
            name = parse_document(index.source_text(source) or "", source, AttributionStyle(record.pattern or None),
                                  record.layout, record.title).area_name
        if name:
            names[source] = name
    return names


def _age_s(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _interned(passage: Passage) -> Passage:
    """The passage with its repeated strings shared, so that a large library's passages take less memory."""
    return replace(passage, **{name: sys.intern(getattr(passage, name)) for name in _INTERNED})
