"""Numbered sources: first cited, first numbered; the same text cited twice is one source."""

from assistant.presentation.sources import SourceNumbers
from assistant.types import NARRATIVE, QUOTE, Citation


def cite(start, end, code="B13", kind=QUOTE, source="r.txt"):
    return Citation(f"{code} Fire" if code else "§ S", code, "B", "Fire" if code else "", "x" * (end - start), source,
                    "Findings › Youth", start, end, f"p{start}", kind)


def test_numbers_follow_the_order_of_first_citation():
    numbers = SourceNumbers([cite(50, 90), cite(0, 40, code="", kind=NARRATIVE), cite(50, 90)])
    assert [(s.number, s.citation.start) for s in numbers.sources] == [(1, 50), (2, 0)]


def test_overlapping_spans_of_one_speaker_share_a_number():
    numbers = SourceNumbers([cite(0, 100), cite(20, 110), cite(200, 240)])
    assert len(numbers.sources) == 2 and numbers.number(cite(20, 110)) == 1 and numbers.sources[0].folded


def test_overlapping_spans_of_different_speakers_or_documents_stay_apart():
    numbers = SourceNumbers([cite(0, 100), cite(20, 110, code="B14"), cite(0, 100, source="other.txt")])
    assert len(numbers.sources) == 3


def test_markers_keep_the_code_for_quotes_and_only_the_number_for_narrative():
    quote, narrative = cite(0, 40), cite(100, 140, code="", kind=NARRATIVE)
    numbers = SourceNumbers([quote, narrative])
    assert numbers.marker(quote) == "— B13 Fire [1]" and numbers.marker(narrative) == "[2]"
    assert numbers.sources[0].label == "[1] B13 Fire" and numbers.sources[1].label == "[2] § Youth"
    assert numbers.marker(cite(500, 540)) == "[B13 Fire]"  # not numbered here: the plain label
