"""The snapshot's stored vectors, memory-mapped: scores as a plain product gives them, and a process that has read
the whole file (a count over every extract, a broad filtered search) does not keep holding it."""

from pathlib import Path

import numpy as np
import pytest

from assistant.search.snapshot import StoredVectors, _mapped, vector_order
from assistant.types import NARRATIVE, QUOTE, Passage

ROWS, WIDTH = 30_000, 384  # 46 MB of vectors: far more than the few blocks a search may hold at once


def resident_mb(path: Path) -> float:
    """How much of the file at ``path`` this process holds in memory (its mappings' Rss, from /proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if not line[:1].isupper() or ":" not in line.split()[0]:  # a mapping's header line
            inside = line.rstrip().endswith(str(path))
        elif inside and line.startswith("Rss:"):
            total += int(line.split()[1])
    return total / 1024


@pytest.fixture
def library(tmp_path):
    # Every fifth passage is narrative; the rest are extracts, whose rows the file holds first (``vector_order``).
    passages = [Passage(f"p{n}", NARRATIVE if n % 5 == 0 else QUOTE, "text", "a.txt", "", n, n + 1,
                        code="" if n % 5 == 0 else f"R{n}") for n in range(ROWS)]
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((ROWS, WIDTH)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    path = tmp_path / "vectors.npy"
    np.save(path, matrix[vector_order(passages)])  # as a snapshot stores them
    return passages, matrix, path  # the vectors by reading order


def test_a_count_over_every_extract_scores_them_all_and_gives_the_file_back(library):
    passages, matrix, path = library
    stored = StoredVectors(passages, *_mapped(path))
    query = matrix[3]
    extracts = [n for n, passage in enumerate(passages) if passage.is_attributed]

    scores = stored.extract_scores(query)

    assert scores == pytest.approx(matrix[extracts] @ query, abs=1e-5)
    block_mb = StoredVectors.BLOCK * WIDTH * 4 / 2**20
    assert resident_mb(path) <= block_mb + 1, "the pages of the rows read stay with the process"


def test_searches_broad_and_narrow_give_the_file_back(library):
    passages, matrix, path = library
    stored = StoredVectors(passages, *_mapped(path))
    query = matrix[1]
    narrative = np.array([n for n, passage in enumerate(passages) if not passage.is_attributed])

    assert stored.scores(query, narrative) == pytest.approx(matrix[narrative] @ query, abs=1e-5)
    assert resident_mb(path) <= StoredVectors.BLOCK * WIDTH * 4 / 2**20 + 1

    few = narrative[::60]  # a question's words-only hits, scattered over the file
    assert stored.scores(query, few) == pytest.approx(matrix[few] @ query, abs=1e-5)
    ids, vectors = stored.vectors([passages[n] for n in few])
    assert ids == [passages[n].passage_id for n in few] and np.allclose(vectors, matrix[few])
    assert resident_mb(path) < 1  # a row read brings its neighbours in with it: 64 KB a row


def test_a_few_rows_are_read_without_mapping_any_page(library, monkeypatch):
    # Read through the mapping, each row would bring 64 KB of its neighbours in, to be given back and faulted in
    # again by the next search; read from the file, none is mapped, whatever is given back.
    passages, matrix, path = library
    stored = StoredVectors(passages, *_mapped(path))
    monkeypatch.setattr(stored, "_give_back", lambda: None)
    few = np.arange(0, ROWS, 97)[: StoredVectors.FEW]

    assert stored.scores(matrix[2], few) == pytest.approx(matrix[few] @ matrix[2], abs=1e-5)
    ids, vectors = stored.vectors([passages[n] for n in few])
    assert ids == [passages[n].passage_id for n in few] and np.allclose(vectors, matrix[few])
    assert resident_mb(path) < 0.1


def test_a_scattered_group_never_holds_more_than_a_block_of_the_file(library, monkeypatch):
    # A group's extracts are spread over the whole file: scored a block of them at a time, a block of rows could
    # bring in every page of the file before it was given back.
    passages, matrix, path = library
    stored = StoredVectors(passages, *_mapped(path))
    held = []  # how much of the file the process holds each time it gives the file back
    give_back = stored._give_back
    monkeypatch.setattr(stored, "_give_back", lambda: (held.append(resident_mb(path)), give_back()))
    group = np.array([n for n, passage in enumerate(passages) if passage.is_attributed and n % 3 == 0])[::-1]

    assert stored.scores(matrix[4], group) == pytest.approx(matrix[group] @ matrix[4], abs=1e-5)
    ids, vectors = stored.vectors([passages[n] for n in group])
    assert ids == [passages[n].passage_id for n in group] and np.allclose(vectors, matrix[group])
    assert max(held) <= StoredVectors.BLOCK * WIDTH * 4 / 2**20 + 4  # a run's ends may share a 2 MB page
