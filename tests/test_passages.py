from assistant.documents.corpus import parse_document
from assistant.documents.passages import build_passages
from assistant.types import NARRATIVE, QUOTE


def passages_of(text):
    return build_passages(parse_document(text, "r.txt"))


def test_each_extract_is_a_passage_with_its_code(report_text):
    quotes = [p for p in passages_of(report_text) if p.kind == QUOTE]
    assert len(quotes) == 21
    assert {p.code for p in quotes} >= {"A10", "B02", "D02", "FGD", ""}


def test_narrative_is_never_attributed(report_text):
    assert all(p.code == "" and p.group == "" for p in passages_of(report_text) if p.kind == NARRATIVE)


def test_passage_text_is_the_source_at_its_offsets(report_text):
    for passage in passages_of(report_text):
        assert report_text[passage.start:passage.end] == passage.text


def test_inline_quote_stays_whole_in_its_narrative_window(report_text):
    window = next(p for p in passages_of(report_text) if p.kind == NARRATIVE and "not buying in" in p.text)
    assert "\"it's been years" in window.text and "(A10 Fire))" in window.text


def test_ids_are_stable_and_content_derived(report_text):
    first, second = passages_of(report_text), passages_of(report_text)
    assert [p.passage_id for p in first] == [p.passage_id for p in second]
    assert len({p.passage_id for p in first}) == len(first)


def test_editing_one_paragraph_changes_only_its_ids(report_text):
    edited = report_text.replace("Leadership: The interviews highlighted", "Leadership: The interviews showed")
    before = {p.passage_id for p in passages_of(report_text)}
    after = {p.passage_id for p in passages_of(edited)}
    assert 1 <= len(before - after) <= 2  # the edited window, and a quote it leads into
