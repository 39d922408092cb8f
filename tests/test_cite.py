"""Citation verification: only verbatim quotes at their offsets, attributed as the source attributes them."""

import dataclasses

import pytest

from assistant.answers.cite import citation_for, render_label, verify_citation
from assistant.search.retrieve import passages_with_phrase
from assistant.documents.corpus import parse_document
from assistant.documents.passages import build_passages
from assistant.types import NARRATIVE, QUOTE


@pytest.fixture(scope="module")
def documents(report_text):
    return {"r.txt": parse_document(report_text, "r.txt")}


@pytest.fixture(scope="module")
def passages(documents):
    return build_passages(documents["r.txt"])


def quote_by(passages, code):
    return next(p for p in passages if p.kind == QUOTE and p.code == code)


def test_a_true_citation_passes(documents, passages):
    assert verify_citation(citation_for(quote_by(passages, "B03")), documents)


def test_a_span_inside_a_quote_passes(documents, passages):
    passage = quote_by(passages, "B03")
    assert verify_citation(citation_for(passage, passage.start + 2, passage.start + 30), documents)


def test_paraphrased_quote_fails(documents, passages):
    citation = citation_for(quote_by(passages, "B03"))
    assert not verify_citation(dataclasses.replace(citation, quote=citation.quote.replace("initiative", "ideas")), documents)


def test_right_words_wrong_code_fail(documents, passages):
    citation = citation_for(quote_by(passages, "B03"))
    assert not verify_citation(dataclasses.replace(citation, code="A04", label="A04 Police"), documents)


def test_unattributed_quote_cannot_be_given_a_code(documents, passages):
    passage = next(p for p in passages if p.kind == QUOTE and not p.code)
    citation = citation_for(passage)
    assert verify_citation(citation, documents)
    assert not verify_citation(dataclasses.replace(citation, code="D03", label="D03 Police"), documents)


def test_narrative_cited_as_a_quote_fails(documents, passages):
    narrative = next(p for p in passages if p.kind == NARRATIVE)
    citation = citation_for(narrative)
    assert verify_citation(citation, documents)
    assert not verify_citation(dataclasses.replace(citation, kind=QUOTE, code="B02", label="B02 Police"), documents)


def test_unknown_source_fails(documents, passages):
    assert not verify_citation(dataclasses.replace(citation_for(quote_by(passages, "B03")), source="x.txt"), documents)


def test_shifted_offsets_fail(documents, passages):
    citation = citation_for(quote_by(passages, "B03"))
    assert not verify_citation(dataclasses.replace(citation, start=citation.start + 1, end=citation.end + 1), documents)


def test_a_phrase_is_found_whatever_its_case_and_punctuation(passages):
    found = passages_with_phrase("live eat and breathe PARTNERSHIP working", passages)
    assert [(passage.kind, passage.code) for passage in found] == [(QUOTE, "D03")]


def test_render_labels(passages):
    assert render_label(citation_for(quote_by(passages, "D02"))) == "[D02 Police]"
    narrative = next(p for p in passages if p.kind == NARRATIVE and "›" in p.section)
    assert render_label(citation_for(narrative)) == f"[§ {narrative.section.split(' › ')[-1]}]"
