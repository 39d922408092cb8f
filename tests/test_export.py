"""Briefing exports: Markdown and Word keep the question, the answer and every citation intact."""

import io
from datetime import datetime, timezone

from docx import Document

from assistant.answers.blocks import Claim, GroupCount, Lead, Quote, Quotes, Theme, Themes
from assistant.answers.markdown import render_blocks
from assistant.presentation.export import (
    answer_docx, answer_markdown, conversation_docx, conversation_markdown, export_filename,
)
from assistant.answers.answer import Answer
from assistant.types import NARRATIVE, QUOTE, Citation

QUOTE_TEXT = "We're all trying to do more wi' less.\n\nSo we're all subject to austerity."
QUOTE_CITATION = Citation("B02 Police", "B02", "B", "Police", QUOTE_TEXT, "report.txt", "Budgets", 120, 192,
                          "p-b02", QUOTE)
NARRATIVE_CITATION = Citation("§ Budgets", "", "", "", "Budgets were tight.", "report.txt", "Context › Budgets",
                              10, 29, "p-n", NARRATIVE)
BLOCKS = (Lead((Claim("Budgets were tight.", (NARRATIVE_CITATION,)),)),
          Quotes((Quote(QUOTE_CITATION),), "What interviewees said:"))
ANSWER = Answer(
    question="What about austerity?", answer=render_blocks(BLOCKS),
    abstained=False, citations=(NARRATIVE_CITATION, QUOTE_CITATION), contexts=(),
    filters={"groups": ["Police"]}, filter_origin={"groups": "argument"}, blocks=BLOCKS,
)
NOW = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)


def test_markdown_has_question_and_answer():
    text = answer_markdown(ANSWER)
    assert text.startswith("## What about austerity?\n\n") and ANSWER.answer in text


def test_markdown_keeps_every_quote_verbatim_with_label_and_offsets():
    text = answer_markdown(ANSWER)
    assert "[B02 Police] B02 · Police · area B — section: Budgets — source: report.txt (characters 120–192)" in text
    assert "> “We're all trying to do more wi' less.\n>\n> So we're all subject to austerity.”" in text


def test_markdown_cites_narrative_by_section():
    assert "[§ Budgets] Report narrative — section: Context › Budgets" in answer_markdown(ANSWER)


def test_markdown_shows_filters_and_notice():
    text = answer_markdown(ANSWER, "Small groups can identify people.")
    assert "group: Police (sidebar)" in text and "**Note:** Small groups can identify people." in text


def test_conversation_markdown_has_each_question():
    other = Answer("And fire?", "The findings don't cover this.", True, (), ())
    text = conversation_markdown([ANSWER, other], now=NOW)
    assert "Exported 2026-01-02 03:04 UTC; 2 question(s)." in text
    assert "## What about austerity?" in text and "## And fire?" in text


def test_docx_has_question_quotes_codes_and_sources():
    text = docx_text(answer_docx(ANSWER, now=NOW))
    assert "What about austerity?" in text
    assert f"“{QUOTE_TEXT}”" in text
    assert "1. [§ Budgets] Report narrative" in text
    assert "2. [B02 Police] B02 · Police · area B — section: Budgets — source: report.txt (characters 120–192)" in text


def test_docx_renders_answer_blocks_without_markdown_marks():
    text = docx_text(answer_docx(ANSWER, now=NOW))
    assert "“We're all trying to do more wi' less. So we're all subject to austerity.” [B02 Police]" in text
    assert "> “" not in text


def test_docx_themes_are_bold_statements_with_their_counts_in_italics_and_no_markdown_marks():
    theme = Theme(Claim("Budgets were tight.", (NARRATIVE_CITATION,)), (Quote(QUOTE_CITATION),), 1, 15,
                  (GroupCount("Police", 1, 8),))
    blocks = (Themes((theme,)),)
    answer = Answer("What are the themes?", render_blocks(blocks), False, (NARRATIVE_CITATION, QUOTE_CITATION), (),
                    blocks=blocks)
    paragraphs = Document(io.BytesIO(answer_docx(answer))).paragraphs
    heading = next(p for p in paragraphs if p.text.startswith("1. Budgets were tight."))
    assert heading.text == "1. Budgets were tight. [§ Budgets]" and heading.runs[0].bold and not heading.runs[1].bold
    counts = next(p for p in paragraphs if p.text.startswith("1 of 15 respondents"))
    assert counts.runs[0].italic and "*" not in "".join(p.text for p in paragraphs) and "_1 of" not in counts.text


def test_a_theme_no_respondent_spoke_to_has_no_count_line():
    """A point of the report's own (a recommendation) heads a theme no quoted respondent spoke to: "0 of 15
    respondents" under it qualified nothing a reader could use."""
    theme = Theme(Claim("Review the pilot after six months.", (NARRATIVE_CITATION,)), (), 0, 15,
                  (GroupCount("Police", 0, 8),))
    rendered = render_blocks((Themes((theme,)),))
    assert "1. Review the pilot after six months." in rendered and "0 of 15" not in rendered


def test_docx_quotes_use_the_quote_style():
    styles = {p.style.name for p in Document(io.BytesIO(answer_docx(ANSWER))).paragraphs if p.text.startswith("“")}
    assert styles == {"Quote"}


def test_conversation_docx_has_every_question_and_notice():
    other = Answer("And fire?", "The findings don't cover this.", True, (), ())
    text = docx_text(conversation_docx([ANSWER, other], ["Check before sharing.", ""], now=NOW))
    assert "And fire?" in text and "Note: Check before sharing." in text


def test_export_filename_is_a_slug():
    assert export_filename("What did D03 say about 'austerity'?", "md") == "briefing-what-did-d03-say-about-austerity.md"


def test_markdown_export_disarms_an_image_typed_into_the_question():
    answer = Answer("about ![t](http://x/y.png)?", "_Read as a follow-up: “about ![t](http://x/y.png)”._", True, (), ())
    assert "![t](" not in answer_markdown(answer)


def test_export_filename_is_cut_between_words():
    name = export_filename("How did respondents describe the use of data in a briefing for ministers and officials?", "docx")
    assert name == "briefing-how-did-respondents-describe-the-use-of-data-in-a-briefing.docx"


def test_docx_properties_name_the_question_the_time_and_the_author_or_nobody():
    made = datetime(2026, 12, 3, 10, 30, tzinfo=timezone.utc)
    properties = Document(io.BytesIO(answer_docx(ANSWER, now=made))).core_properties
    assert properties.title == ANSWER.question and properties.author == "" and "python-docx" not in properties.comments
    assert properties.created == made
    assert Document(io.BytesIO(answer_docx(ANSWER, author="Policy team"))).core_properties.author == "Policy team"


def test_a_note_with_the_users_words_reads_as_typed_in_word_and_literally_in_markdown():
    from dataclasses import replace

    from assistant.answers.blocks import Notes

    note = "Read as a follow-up: “more like that — What about *austerity* in P01_F_34's area?”."
    blocks = (Notes((note,)), *BLOCKS)
    answer = replace(ANSWER, blocks=blocks, answer=render_blocks(blocks))
    assert note in docx_text(answer_docx(answer, now=NOW))
    assert r"\*austerity\* in P01\_F\_34's area?”._" in answer.answer  # no emphasis, and the italics stay whole


def test_a_hard_wrapped_reports_quote_is_one_block_quote_line():
    """A plain-text report wrapped at 78 columns: its quote's line breaks and indents ended the Markdown block
    quote after its first line, and the rest read as narrative."""
    wrapped = "I sleep in the living room now. The bedroom smells like a cellar and\n    all my clothes went green."
    citation = Citation("FG3 tenant", "FG3", "", "tenant", wrapped, "damp.txt", "Health", 5, 5 + len(wrapped), "p",
                        QUOTE)
    rendered = render_blocks((Quotes((Quote(citation),)),))
    assert rendered.count("\n") == 0 and "cellar and all my clothes went green." in rendered, rendered
