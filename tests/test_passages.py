import pytest

from assistant.documents.corpus import parse_document, parse_read
from assistant.documents.passages import build_passages
from assistant.documents.reading_order import ReadingOrder
from assistant.documents.readers import read_bytes
from assistant.documents.readers.layout import Layout
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


SPEECH_TAGS = """# Repairs pilot

## Barriers

Officers often learnt of a missed visit only after it. "Half the time I hear about it from the tenant, not the
contractor," said one (O3, repairs officer). Tenants felt the same. "Nobody rang to say they weren't coming," one
tenant explained (T4, tenant). "It was fine in the end," said one, and a neighbour agreed that it was (T5, tenant).

## Contractors

Contractors mentioned the scheduling system only in passing.
"""


def test_a_quote_with_a_speech_tag_before_its_attribution_is_that_respondents():
    """'"…," said one (O3, repairs officer)': the words between the quote and the bracket say who spoke; the quote
    ends at its closing mark (without the comma the sentence goes on after). A tag with more to it ("said one, and a
    neighbour agreed that it was") is the report's sentence, not a speech tag."""
    quotes = {p.code: p.text for p in passages_of(SPEECH_TAGS) if p.kind == QUOTE}
    assert quotes == {"O3": "Half the time I hear about it from the tenant, not the\ncontractor",
                      "T4": "Nobody rang to say they weren't coming"}


def test_ids_are_stable_and_content_derived(report_text):
    first, second = passages_of(report_text), passages_of(report_text)
    assert [p.passage_id for p in first] == [p.passage_id for p in second]
    assert len({p.passage_id for p in first}) == len(first)


def test_editing_one_paragraph_changes_only_its_ids(report_text):
    edited = report_text.replace("Leadership: The interviews highlighted", "Leadership: The interviews showed")
    before = {p.passage_id for p in passages_of(report_text)}
    after = {p.passage_id for p in passages_of(edited)}
    assert 1 <= len(before - after) <= 2  # the edited window, and a quote it leads into


WARD = """Ward review

Barriers

Staff named several barriers:

Rota gaps

Gaps appear when sickness is not backfilled.

"The rota comes out ten days before it starts." (P11 Nurse)

"Nobody covers a Sunday." (P12 Nurse)

Agency staff did not know the routines.

Handover

Handover was rushed.
"""


def test_reading_order_knows_what_each_statement_is_illustrated_by_and_where_it_sits():
    headings = [(WARD.index(name), WARD.index(name) + len(name), level)
                for name, level in (("Ward review", 1), ("Barriers", 2), ("Rota gaps", 3), ("Handover", 3))]
    passages = build_passages(parse_document(WARD, "ward.md", layout=Layout(headings=tuple(headings), marked=True),
                                             title="Ward review"))
    order = ReadingOrder(list(reversed(passages)))  # the order it is given in does not matter
    gaps, agency = [p for p in passages if p.kind == NARRATIVE and p.section == "Barriers › Rota gaps"]
    assert [p.code for p in order.illustrations(gaps)] == ["P11", "P12"] and order.illustrations(agency) == ()
    assert order.preceding(agency) is gaps and order.preceding(gaps).text == "Staff named several barriers:"
    assert order.parents("ward.md") == ["Barriers"]
    assert order.subsections("ward.md", "Barriers") == ["Barriers › Rota gaps", "Barriers › Handover"]
    assert order.section("ward.md", "Barriers › Rota gaps") == [gaps, agency]
    assert len(order.under("ward.md", "Barriers")) == 4


def test_reading_order_leaves_out_what_was_already_shown():
    passages = build_passages(parse_document(WARD, "ward.md"))
    order = ReadingOrder(passages)
    shown = [p for p in passages if p.code == "P11"]
    statement = next(p for p in passages if p.text.startswith("Gaps appear"))
    assert [p.code for p in order.excluding(p.passage_id for p in shown).illustrations(statement)] == ["P12"]
    assert [p.code for p in order.illustrations(statement)] == ["P11", "P12"]



def test_what_stands_before_a_documents_first_heading_is_its_front_matter():
    text = "Ward review\n\nFindings from a study of rotas on three wards.\n\nRotas\n\nRotas changed twice in a year.\n"
    headings = ((0, len("Ward review"), 1), (text.index("Rotas\n"), text.index("Rotas\n") + len("Rotas"), 2))
    passages = build_passages(parse_document(text, "ward.md", layout=Layout(headings=headings, marked=True),
                                             title="Ward review"))
    order = ReadingOrder(passages)
    cover, finding = passages
    assert order.is_front_matter(cover) and not order.is_front_matter(finding)
    plain = build_passages(parse_document("Rotas changed twice in a year.\n", "memo.txt"))
    assert not ReadingOrder(plain).is_front_matter(plain[0])  # a document without headings is all findings
    from types import SimpleNamespace

    from assistant.answers.evidence import lead_sentences
    from assistant.search.relevance import TermWeights
    from assistant.types import ScoredPassage

    evidence = SimpleNamespace(weights=TermWeights(passages), topic=("rota",), reading=order)
    claims = lead_sentences(evidence, [ScoredPassage(p, 0.5, 0.5) for p in passages], 2, standalone=True)
    assert [claim.text for claim in claims] == ["Rotas changed twice in a year."]


def test_a_list_whose_long_items_are_cut_into_passages_has_one_point_per_item():
    from assistant.documents.reading_order import list_points

    long_item = " ".join(f"Sentence {n} of the second item says a little more about how the wards share staff."
                         for n in range(12))
    text = ("The review found three kinds of rota:\n\n"
            "  • Fixed rotas: Set a month ahead by the ward manager.\n"
            f"  • Self-rostering: Staff choose their shifts. {long_item}\n"
            "  • Agency cover: Filled at a day's notice.\n")
    passages = build_passages(parse_document(text, "r.txt"))
    order = ReadingOrder(passages)
    listed = order.points("r.txt", "The review found three kinds of rota:")
    assert len(listed) == 2 and listed[1].text.startswith("Sentence")  # the second item is cut in two
    points = [passage.text[start:end] for passage, start, end in list_points(listed)]
    assert points == ["Fixed rotas: Set a month ahead by the ward manager.", "Self-rostering: Staff choose their shifts.",
                      "Agency cover: Filled at a day's notice."]
    reaching = [passage.text[start:end] for passage, start, end in list_points(listed, reach=140)]
    assert reaching[1] == ("Self-rostering: Staff choose their shifts. Sentence 0 of the second item says a little "
                           "more about how the wards share staff.")  # the item's next sentences, as far as they reach
    assert reaching[0] == points[0] and reaching[2] == points[2]  # never into the next item


@pytest.mark.parametrize("heading", ["## **References**", "## 7. References", "# Bibliography"])
def test_a_list_of_references_is_not_narrative(heading):
    text = (f"# Findings\n\nResidents trusted the health workers who visited them, and asked for more visits.\n\n"
            f"> They come every week and they listen to us. (P1 Resident)\n\n{heading}\n\n"
            "1. Nxumalo N, Goudge J. Community health workers and trust in South Africa. AIDS Care. "
            "2016;28:61-71.\n\n2. Mhlongo EM, Lutge E. Perceptions of community health workers: a scoping review. "
            "Glob Health Action. 2020;13:1806526.\n")
    passages = build_passages(parse_read(read_bytes("study.md", text.encode())))
    assert [p.text for p in passages if p.kind == NARRATIVE] == \
        ["Residents trusted the health workers who visited them, and asked for more visits."]
    assert [p.code for p in passages if p.kind == QUOTE] == ["P1"]


def test_a_list_straight_under_a_heading_is_led_into_by_the_heading_not_the_section_before():
    """The numbered recommendations under "Recommendations" had the last sentence of the conclusions as their
    lead-in: searched, and read, as though that sentence introduced them."""
    text = ("# Review\n\n## Conclusions\n\nCarers face financial pressures.\n\n## Recommendations\n\n"
            "1. Practices should ask patients whether they care for someone.\n2. The council should fund respite.\n\n"
            "## Method\n\nWe asked:\n\n- how carers cope;\n- what helps.\n")
    points = [p for p in build_passages(parse_read(read_bytes("a.md", text.encode()))) if p.kind == NARRATIVE
              and "Carers" not in p.text and "We asked" not in p.text]
    assert [p.context for p in points] == ["Recommendations", "Recommendations", "We asked:", "We asked:"]
