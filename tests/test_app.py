"""The Streamlit chat through AppTest: answers, sources, filters, follow-ups, exports, separate sessions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
FIRST = "What drives partnership working?"
YOUTH = "What did fire service interviewees say about youth engagement?"


@pytest.fixture
def app(assistant, shared_index_dir, monkeypatch):
    """A fresh session of the page over the index the session ``assistant`` built (built once, not per test)."""
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(shared_index_dir))
    return AppTest.from_file(str(APP), default_timeout=180).run()


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception
    return app


def last_answer(app: AppTest):
    return app.session_state["turns"][-1]["answer"]


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def test_page_loads_with_chat_input_and_no_error(app):
    assert not app.exception and len(app.chat_input) == 1


def test_answer_renders_with_its_cited_code(app):
    ask(app, YOUTH)
    assert "[B13 Fire]" in markdown_text(app)


def test_sources_show_code_area_service_section_and_file(app):
    ask(app, YOUTH)
    captions = [element.value for element in app.caption]
    assert any(c.startswith("B13 · Fire · area B — section") and "source" in c for c in captions)
    assert any(e.label.startswith("Sources (") for e in app.expander)


def test_applied_filters_are_shown_with_the_answer(app):
    ask(app, YOUTH)
    assert any("group: Fire (read from the question)" in c.value.replace("\\", "") for c in app.caption)


def test_sidebar_filter_changes_the_citations(app):
    unfiltered = {c.label for c in last_answer(ask(app, FIRST)).citations}
    app.sidebar.selectbox(key="group").select("Police").run()
    filtered = last_answer(ask(app, FIRST))
    labels = {c.label for c in filtered.citations}
    assert labels and labels != unfiltered and all(label.endswith("Police") for label in labels)
    assert filtered.filter_origin["groups"] == "argument"


def test_follow_up_is_read_with_the_earlier_topic(app):
    ask(app, FIRST)
    follow = last_answer(ask(app, "and what did fire officers say about that?"))
    assert {c.group for c in follow.citations} == {"Fire"}
    assert "Read as a follow-up" in markdown_text(app) and "partnership working" in markdown_text(app)


def test_more_quotes_like_that_gives_new_extracts(app):
    first = last_answer(ask(app, FIRST))
    more = last_answer(ask(app, "more quotes like that"))
    assert more.citations
    assert not {c.passage_id for c in first.citations} & {c.passage_id for c in more.citations}


def test_exports_contain_quotes_and_codes(app):
    ask(app, YOUTH)
    turn = app.session_state["turns"][-1]
    quotes = [c for c in turn["answer"].citations if c.code]
    assert quotes
    document = "\n".join(p.text for p in Document(io.BytesIO(turn["docx"])).paragraphs)
    for citation in quotes:
        assert citation.quote in turn["markdown"] and f"[{citation.label}]" in turn["markdown"]
        assert f"“{citation.quote}”" in document and f"[{citation.label}]" in document
    assert len(app.get("download_button")) == 4  # this answer twice, the whole conversation twice


def test_small_group_notice_when_a_respondent_is_chosen(app):
    app.sidebar.selectbox(key="respondent").select("D03").run()
    ask(app, "What did they say about partnership working?")
    assert any("Small groups can identify people" in w.value for w in app.warning)


def test_respondents_view_lists_every_code_and_who_said_what(app, assistant):
    codes = {p.code for p in assistant.retriever.passages if p.is_attributed}
    table = app.dataframe[0].value
    assert set(table["Code"]) == codes
    app.text_input(key="theme").input("youth engagement").run()
    assert any(f"of {len(codes)} respondents spoke to" in m.value for m in app.markdown)
    who = app.dataframe[1].value
    assert who.loc[who["Code"] == "B13", "Spoke to it"].item() == "yes"


def test_two_sessions_do_not_share_history(app, assistant, shared_index_dir, monkeypatch):
    ask(app, FIRST)
    other = AppTest.from_file(str(APP), default_timeout=180).run()
    assert len(app.session_state["turns"]) == 1
    assert other.session_state["turns"] == [] and not other.chat_message
