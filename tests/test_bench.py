"""The benchmark's own logic (no timings): synthetic corpora that parse like the report, and percentiles."""

from __future__ import annotations

import pytest

from assistant.documents.corpus import parse_read
from assistant.documents.passages import build_passages
from bench.measure import percentile
from bench.synthetic import synthetic_documents


def test_synthetic_documents_parse_into_attributed_quotes_and_narrative():
    documents = synthetic_documents(3)
    passages = [build_passages(parse_read(document)) for document in documents]
    for items in passages:
        attributed = [p for p in items if p.is_attributed and p.group in ("Police", "Fire", "Partner")]
        assert 60 <= len(items) <= 100 and len(attributed) >= 15
        assert len({p.code for p in attributed}) >= 15  # fresh codes, not the report's few
    texts = [{p.text for p in items} for items in passages]
    assert len(texts[0] & texts[1]) < len(texts[0]) / 2  # documents are recombined, not copied


def test_synthetic_corpora_are_reproducible_and_named_apart():
    first, again = synthetic_documents(4, seed=7), synthetic_documents(4, seed=7)
    assert first == again
    assert len({document.source for document in first}) == 4
    assert synthetic_documents(1, seed=8)[0].text != first[0].text


@pytest.mark.parametrize("q, expected", [(0, 1.0), (50, 2.5), (100, 4.0), (95, 3.85)])
def test_percentile_interpolates(q, expected):
    assert percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)
