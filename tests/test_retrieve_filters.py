"""The vectorised parts of retrieval: filter masks, the top-k without a full sort, and Chroma where clauses."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.search.retrieve import _chroma_where, _FilterColumns, _top_positions
from assistant.types import Filters, Passage

from conftest import REPORT


def passage(i: int, kind: str = "quote", code: str = "", group: str = "", area: str = "") -> Passage:
    return Passage(f"p{i}", kind, f"text {i}", "r.txt", "Section", i * 10, i * 10 + 5, code, area, group)


PASSAGES = [
    passage(0, code="B02", group="Police", area="B"),
    passage(1, kind="narrative"),
    passage(2, code="B13", group="Fire", area="B"),
    passage(3, code="D03", group="Police", area="D"),
    passage(4, code="A10", group="Fire", area="A"),
]


@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(groups=("Fire",)),
    Filters(groups=("Police",), areas=("D",)),
    Filters(respondents=("r.txt::B13", "r.txt::A10")),
    Filters(kinds=("narrative",)),
    Filters(groups=("Partner",)),  # a value no passage has
    Filters(sources=("r.txt",), respondents=("r.txt::ZZ9",)),
])
def test_the_mask_agrees_with_filters_matches(filters):
    expected = [filters.matches(p) for p in PASSAGES]
    assert _FilterColumns(PASSAGES).mask(filters).tolist() == expected


@pytest.mark.parametrize("k", [0, 1, 3, 5, 8])
def test_top_positions_equal_a_stable_full_sort(k):
    scores = np.array([0.5, 2.0, 0.5, 3.0, 0.5, 0.0, 2.0, 0.5], dtype=np.float32)
    expected = [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
    assert _top_positions(scores, k) == expected


def test_where_clause_for_no_one_some_and_several_fields():
    assert _chroma_where(Filters()) is None
    assert _chroma_where(Filters(groups=("Fire",))) == {"group": {"$in": ["Fire"]}}
    assert _chroma_where(Filters(groups=("Fire",), areas=("B", "C"))) == {
        "$and": [{"group": {"$in": ["Fire"]}}, {"area": {"$in": ["B", "C"]}}]
    }


@pytest.mark.parametrize("filters", [
    Filters(kinds=("quote",)),
    Filters(groups=("Fire",)),
    Filters(respondents=(f"{REPORT.name}::B13",)),
    Filters(kinds=("quote",), areas=("B",)),
    Filters(kinds=("narrative",)),
])
@pytest.mark.parametrize("path", ["over-fetch", "local vectors", "vectors read from Chroma"])
def test_filtering_dense_hits_here_finds_what_chromas_where_finds(assistant, monkeypatch, filters, path):
    import assistant.search.retrieve as retrieve

    retriever = assistant.retriever
    assert retriever.vectors is not None  # the snapshot's copy of the stored vectors
    question = "youth engagement and partnership working with the fire service"
    monkeypatch.setattr(retrieve, "OVERFETCH_LIMIT", 1000 if path == "over-fetch" else 0)
    monkeypatch.setattr(retrieve, "EXACT_LIMIT", 500 if path == "vectors read from Chroma" else 0)
    if path != "local vectors":
        monkeypatch.setattr(retriever, "vectors", None)
    here = retriever.dense_scores(question, filters)
    monkeypatch.setattr(retrieve, "OVERFETCH_LIMIT", 0)  # always Chroma's where
    monkeypatch.setattr(retrieve, "EXACT_LIMIT", 0)
    monkeypatch.setattr(retriever, "vectors", None)
    there = retriever.dense_scores(question, filters)
    assert here and set(here) == set(there)
    assert all(filters.matches(retriever.passages[position]) for position in here)
    assert all(here[p] == pytest.approx(there[p], abs=1e-5) for p in here)


class RankingStore:
    """A store that ranks passages in a fixed order and records how it was asked."""

    def __init__(self, order: list[str]) -> None:
        self.order = order
        self.calls: list[tuple[int, dict | None]] = []

    def nearest(self, embedding, top_k: int, where: dict | None = None):
        self.calls.append((top_k, where))
        allowed = where["group"]["$in"] if where else None
        ranked = [pid for pid in self.order if allowed is None or BY_ID[pid].group in allowed]
        return [(pid, 1.0 - rank / 100) for rank, pid in enumerate(ranked[:top_k])]

    def nearest_each(self, embeddings, top_k: int, where: dict | None = None):
        return [self.nearest(embedding, top_k, where) for embedding in embeddings]

    def similarities(self, embedding, passages):
        self.calls.append((len(passages), "exact"))
        return [(p.passage_id, 1.0 - self.order.index(p.passage_id) / 100) for p in passages]


class NoEmbedder:
    def embed_query(self, text: str) -> list[float]:
        return [0.0]


MANY = [passage(i, group="Fire" if i >= 14 else "Police", code=f"B{i:02d}") for i in range(20)]
BY_ID = {p.passage_id: p for p in MANY}


def test_too_few_filtered_hits_ask_for_more_before_chromas_where():
    from assistant.search.retrieve import HybridRetriever

    store = RankingStore([p.passage_id for p in MANY])  # the six Fire passages rank last
    retriever = HybridRetriever(MANY, store, NoEmbedder(), candidates=1)
    hits = retriever.dense_scores("q", Filters(groups=("Fire",)))
    assert store.calls == [(5, None), (20, None)]  # four times as many, unfiltered: no `where`
    assert [MANY[position].group for position in hits] == ["Fire"]


def test_too_few_filtered_hits_even_then_fall_back_to_chromas_where(monkeypatch):
    import assistant.search.retrieve as retrieve
    from assistant.search.retrieve import HybridRetriever

    monkeypatch.setattr(retrieve, "OVERFETCH_LIMIT", 10)  # the wider ask stops at the limit, short of Fire
    monkeypatch.setattr(retrieve, "EXACT_LIMIT", 5)  # and Fire's six passages are too many to read one by one
    store = RankingStore([p.passage_id for p in MANY])
    retriever = HybridRetriever(MANY, store, NoEmbedder(), candidates=1)
    hits = retriever.dense_scores("q", Filters(groups=("Fire",)))
    assert store.calls == [(5, None), (10, None), (1, {"group": {"$in": ["Fire"]}})]
    assert [MANY[position].group for position in hits] == ["Fire"]


def test_too_few_filtered_hits_are_scored_exactly_from_a_local_copy_of_the_vectors(monkeypatch):
    import numpy as np

    import assistant.search.retrieve as retrieve
    from assistant.search.retrieve import HybridRetriever
    from assistant.search.snapshot import StoredVectors

    monkeypatch.setattr(retrieve, "OVERFETCH_LIMIT", 10)
    store = RankingStore([p.passage_id for p in MANY])
    matrix = np.full((len(MANY), 2), 0.01, dtype=np.float32)
    matrix[17] = [0.2, 0.9]  # the Fire passage nearest the question, though the store ranks it among the last

    class Upward:
        def embed_query(self, text: str) -> list[float]:
            return [0.0, 1.0]

    retriever = HybridRetriever(MANY, store, Upward(), candidates=2, vectors=StoredVectors(MANY, matrix))
    hits = retriever.dense_scores("q", Filters(groups=("Fire",)))
    assert store.calls == [(10, None)]  # no `where`, no vectors read from the store
    assert len(hits) == 2 and max(hits, key=hits.get) == 17 and hits[17] == pytest.approx(0.9)
    assert all(MANY[position].group == "Fire" for position in hits)


def test_a_narrow_filter_is_scored_exactly_from_stored_vectors(monkeypatch):
    import assistant.search.retrieve as retrieve
    from assistant.search.retrieve import HybridRetriever

    monkeypatch.setattr(retrieve, "OVERFETCH_LIMIT", 10)  # as on a large corpus: too many hits to over-fetch
    store = RankingStore([p.passage_id for p in MANY])
    retriever = HybridRetriever(MANY, store, NoEmbedder(), candidates=2)
    hits = retriever.dense_scores("q", Filters(respondents=("r.txt::B03", "r.txt::B15")))
    assert store.calls == [(2, "exact")]
    assert sorted(hits) == [3, 15] and hits[3] > hits[15]


def test_enough_filtered_hits_need_no_where():
    from assistant.search.retrieve import HybridRetriever

    store = RankingStore([p.passage_id for p in reversed(MANY)])  # Fire first
    retriever = HybridRetriever(MANY, store, NoEmbedder(), candidates=2)
    hits = retriever.dense_scores("q", Filters(groups=("Fire",)))
    assert store.calls == [(10, None)]
    assert sorted(hits) == [18, 19]


def test_a_phrase_of_common_words_is_found_in_every_passage_that_holds_it_and_no_other(assistant):
    retriever = assistant.retriever
    holding = retriever.with_phrase("can do")
    expected = [p for p in retriever.passages
                if re.search(r"(?<![a-z0-9])can[^a-z0-9]+do(?![a-z0-9])", p.text, re.IGNORECASE)]
    assert holding and [p.passage_id for p in holding] == [p.passage_id for p in expected]


@pytest.mark.parametrize("with_snapshot_vectors", [True, False])
def test_every_passage_retrieved_carries_its_cosine_even_when_found_by_its_words_alone(assistant, with_snapshot_vectors):
    """Fused as if it meant nothing, a passage just outside the dense hit list loses to weaker ones. Few candidates
    each way, so that the two lists differ; the cosines come from the snapshot's vectors or, without them, Chroma."""
    from assistant.search.retrieve import HybridRetriever

    retriever = HybridRetriever(assistant.retriever.passages, assistant.index, assistant.retriever.embedder,
                                fusion=assistant.settings.fusion, candidates=4,
                                vectors=assistant.retriever.vectors if with_snapshot_vectors else None)
    found = retriever.retrieve("What did interviewees say about traffic wardens and budgets?", Filters(), 8)
    assert len(found) > 4  # four nearest in meaning at most: the others were found by their words alone
    assert all(item.dense_score != 0.0 for item in found)


def test_recent_results_are_kept_by_vector_and_the_oldest_goes_first():
    from assistant.search.recent import RecentByVector

    recent: RecentByVector[str] = RecentByVector(2)
    first, second, third = (RecentByVector.key([value, 0.5]) for value in (0.1, 0.2, 0.3))
    assert RecentByVector.key(np.asarray([0.1, 0.5], dtype=np.float64)) == first  # the same vector, however given
    recent.put(first, "a")
    recent.put(second, "b")
    recent.put(first, "a, wider")  # in place of what was kept: now the newest
    recent.put(third, "c")  # full: the oldest (second) goes
    assert (recent.get(first), recent.get(second), recent.get(third)) == ("a, wider", None, "c")
