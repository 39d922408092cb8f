"""The vectorised parts of retrieval: filter masks, the top-k without a full sort, and Chroma where clauses."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieve import _chroma_where, _FilterColumns, _top_positions
from assistant.types import Filters, Passage


def passage(i: int, kind: str = "quote", code: str = "", service: str = "", area: str = "") -> Passage:
    return Passage(f"p{i}", kind, f"text {i}", "r.txt", "Section", i * 10, i * 10 + 5, code, area, service)


PASSAGES = [
    passage(0, code="B02", service="Police", area="B"),
    passage(1, kind="narrative"),
    passage(2, code="B13", service="Fire", area="B"),
    passage(3, code="D03", service="Police", area="D"),
    passage(4, code="A10", service="Fire", area="A"),
]


@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(services=("Fire",)),
    Filters(services=("Police",), areas=("D",)),
    Filters(respondents=("B13", "A10")),
    Filters(kinds=("narrative",)),
    Filters(services=("Partner",)),  # a value no passage has
    Filters(sources=("r.txt",), respondents=("ZZ9",)),
])
def test_the_mask_agrees_with_filters_matches(filters):
    expected = [filters.matches(p) for p in PASSAGES]
    assert _FilterColumns(PASSAGES).mask(filters).tolist() == expected


@pytest.mark.parametrize("k", [1, 3, 5, 8])
def test_top_positions_equal_a_stable_full_sort(k):
    scores = np.array([0.5, 2.0, 0.5, 3.0, 0.5, 0.0, 2.0, 0.5], dtype=np.float32)
    expected = [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
    assert _top_positions(scores, k) == expected


def test_where_clause_for_no_one_some_and_several_fields():
    assert _chroma_where(Filters()) is None
    assert _chroma_where(Filters(services=("Fire",))) == {"service": {"$in": ["Fire"]}}
    assert _chroma_where(Filters(services=("Fire",), areas=("B", "C"))) == {
        "$and": [{"service": {"$in": ["Fire"]}}, {"area": {"$in": ["B", "C"]}}]
    }
