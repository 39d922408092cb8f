"""Escaping, neutralising and highlighting for the chat page (pure text)."""

from assistant.render import (
    citation_caption, escape_markdown, filters_summary, highlight_in_passage, highlight_in_source, neutralise_markdown,
)
from assistant.types import NARRATIVE, QUOTE, Citation, Passage


def quote_passage(text="We do more wi' less. It *matters* [really].", start=100):
    return Passage("p1", QUOTE, text, "report.txt", "Budgets", start, start + len(text), code="B02", area="B",
                   group="Police")


def citation_of(passage, offset=0, length=None):
    length = len(passage.text) - offset if length is None else length
    return Citation(passage.label, passage.code, passage.area, passage.group,
                    passage.text[offset:offset + length], passage.source, passage.section,
                    passage.start + offset, passage.start + offset + length, passage.passage_id, passage.kind)


def test_escape_markdown_escapes_emphasis():
    assert escape_markdown("*a* _b_") == r"\*a\* \_b\_"


def test_escape_markdown_escapes_html():
    assert "\\<script\\>" in escape_markdown("<script>alert(1)</script>")


def test_escape_markdown_escapes_image_syntax():
    assert escape_markdown("![x](http://e.com/t.png)") == r"\!\[x\]\(http\:\/\/e\.com\/t\.png\)"


def test_escape_markdown_escapes_streamlit_directive_and_maths():
    assert escape_markdown(":red[x] $y$") == r"\:red\[x\] \$y\$"


def test_escape_markdown_keeps_paragraphs_and_joins_lines():
    assert escape_markdown("a\nb\n\nc") == "a b\n\nc"


def test_neutralise_keeps_block_quotes_and_citations():
    text = "> “We do it.” [B02 Police]\n\n**Police**"
    assert neutralise_markdown(text) == text


def test_neutralise_disarms_image_in_a_note():
    assert neutralise_markdown("_Read as: “![t](http://x/y.png)”_") == "_Read as: “\\![t\\](http://x/y.png)”_"


def test_neutralise_disarms_html_and_maths():
    assert neutralise_markdown("<b>x</b> $1") == "\\<b>x\\</b> \\$1"


def test_neutralise_disarms_directive():
    assert neutralise_markdown("see :red[this]") == "see \\:red[this]"


def test_highlight_bolds_the_quote_inside_its_passage():
    passage = quote_passage()
    assert highlight_in_passage(passage, citation_of(passage, 21, 22)) == \
        r"We do more wi\' less\. **It \*matters\* \[really\]\.**"


def test_highlight_whole_passage():
    passage = quote_passage("All of it.")
    assert highlight_in_passage(passage, citation_of(passage)) == r"**All of it\.**"


def test_highlight_span_outside_passage_shows_quote_alone():
    passage = quote_passage()
    other = citation_of(quote_passage("Elsewhere.", start=900))
    assert highlight_in_passage(passage, other) == r"**Elsewhere\.**"


def test_highlight_bolds_each_paragraph_of_a_two_paragraph_quote():
    passage = quote_passage("First.\n\nSecond.")
    assert highlight_in_passage(passage, citation_of(passage)) == "**First\\.**\n\n**Second\\.**"


def test_caption_of_a_quote_names_code_group_area_section_source():
    assert citation_caption(citation_of(quote_passage())) == \
        "B02 · Police · area B — section: Budgets — source: report.txt"


def test_caption_of_narrative_names_section():
    passage = Passage("n1", NARRATIVE, "Text.", "report.txt", "Leadership", 0, 5)
    assert citation_caption(citation_of(passage)).startswith("Report narrative — section: Leadership")


def test_filters_summary_says_where_each_filter_came_from():
    summary = filters_summary({"groups": ["Fire"], "kinds": ["quote"]}, {"groups": "argument", "kinds": "question"})
    assert summary == "Filters applied — group: Fire (sidebar); kind: quote (read from the question)"


def test_filters_summary_empty_without_filters():
    assert filters_summary({}, {}) == ""


SOURCE = ("Intro sentence far away. Budgets were discussed by everyone at length here.\n\n"
          "One officer said:\n\n“We do more wi' less.” (B02 Police)\n\nThe next paragraph goes on. And on.")


def source_citation(quote: str) -> Citation:
    start = SOURCE.index(quote)
    return Citation("B02 Police", "B02", "B", "Police", quote, "r.txt", "S", start, start + len(quote), "p", QUOTE)


def test_highlight_in_source_shows_lead_in_and_attribution():
    shown = highlight_in_source(SOURCE, source_citation("We do more wi' less."), reach=40)
    assert shown == "One officer said\\:\n\n“**We do more wi\\' less\\.**” \\(B02 Police\\)"


def test_highlight_in_source_cuts_at_sentence_boundaries():
    shown = highlight_in_source(SOURCE, source_citation("We do more wi' less."), reach=80)
    assert shown.startswith("Budgets were") and shown.endswith("The next paragraph goes on\\. And on\\.")


def test_highlight_in_source_falls_back_to_the_quote_when_offsets_are_wrong():
    wrong = Citation("B02 Police", "B02", "B", "Police", "Not there.", "r.txt", "S", 0, 10, "p", QUOTE)
    assert highlight_in_source(SOURCE, wrong) == "**Not there\\.**"
