"""The workbench through AppTest: answers with numbered sources, filters that narrow each other, saved
conversations, errors that keep the question, exports, and the Respondents page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.presentation.saved_chats import SavedChats
from assistant.settings import load_settings

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


def test_first_screen_says_what_the_library_holds_and_offers_questions_that_answer(app, assistant):
    assert not app.exception and len(app.chat_input) == 1
    assert "What the library holds" in [h.value for h in app.subheader]
    examples = [b for b in app.button if b.key and b.key.startswith("example-")]
    assert 4 <= len(examples) <= 6
    examples[0].click().run()
    answer = last_answer(app)
    assert not answer.abstained and answer.citations
    assert "What the library holds" not in [h.value for h in app.subheader]


def test_answer_cites_with_numbers_and_codes(app):
    ask(app, YOUTH)
    shown = markdown_text(app).replace("\\", "")
    assert "— B13 Fire [1]" in shown


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


def test_each_filter_list_is_narrowed_by_the_others_and_clears_in_one_click(app, assistant):
    app.sidebar.selectbox(key="group").select("Fire").run()
    app.sidebar.selectbox(key="area").select("B").run()
    offered = set(app.sidebar.selectbox(key="respondent").options) - {"Any"}
    expected = {p.code for p in assistant.directory.matching(["Fire"], ["B"])}
    assert offered == expected and len(offered) < len(assistant.directory.respondents)
    assert set(app.sidebar.selectbox(key="area").options) == {"Any"} | {  # as the report calls them
        f"Area {p.area}" for p in assistant.directory.matching(["Fire"])}
    app.sidebar.button[[b.label for b in app.sidebar.button].index("Clear filters")].click().run()
    assert [app.sidebar.selectbox(key=k).value for k in ("group", "area", "respondent")] == ["Any"] * 3


def test_a_library_with_too_many_respondents_to_list_asks_for_a_narrower_choice_first(app, assistant, monkeypatch):
    import workbench.filters

    monkeypatch.setattr(workbench.filters, "RESPONDENTS_LISTED", 3)
    app.run()
    box = app.sidebar.selectbox(key="respondent")
    assert box.disabled and box.options == ["Any"] and f"{len(assistant.directory.respondents)} respondents" in box.help
    app.sidebar.selectbox(key="group").select("Fire").run()
    app.sidebar.selectbox(key="area").select("B").run()
    box = app.sidebar.selectbox(key="respondent")
    assert not box.disabled and set(box.options) - {"Any"} == {p.code for p in assistant.directory.matching(["Fire"], ["B"])}


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


def test_downloads_for_briefing_under_answers_but_not_declines(app):
    ask(app, YOUTH)
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Download for briefing (Markdown)" in labels and "Download for briefing (Word)" in labels
    before = len(app.get("download_button"))
    ask(app, "What did respondents say about the price of bitcoin?")
    assert last_answer(app).abstained
    assert len(app.get("download_button")) == before  # the decline adds none


def test_conversation_is_saved_and_reopens_in_a_new_session(app, assistant, shared_index_dir):
    ask(app, FIRST)
    ask(app, YOUTH)
    chat_id = app.session_state["chat_id"]
    assert app.query_params["chat"] in (chat_id, [chat_id])
    store = SavedChats(load_settings().conversations_path)
    assert [turn.question for turn in store.turns(chat_id)] == [FIRST, YOUTH]
    reopened = AppTest.from_file(str(APP), default_timeout=180)
    reopened.query_params["chat"] = chat_id
    reopened.run()
    assert [turn["question"] for turn in reopened.session_state["turns"]] == [FIRST, YOUTH]
    assert reopened.session_state["turns"][1]["answer"].citations == last_answer(app).citations


def test_an_error_stays_with_the_question_ready_to_edit(app, assistant):
    long_question = "why " * (assistant.settings.max_question_chars // 4 + 10)
    app.session_state["pending_question"] = long_question
    app.run()
    assert app.error and "too long" in app.error[0].value.lower() or "characters" in app.error[0].value
    ask(app, FIRST)
    assert app.error, "the error is still shown after the next question"
    retry = app.text_area(key="retry-text-0")
    assert retry.value.strip() == long_question[: assistant.settings.max_question_chars].strip()
    retry.input("What drives partnership working in local areas?")
    app.button(key="FormSubmitter:retry-0-Ask again").click().run()
    assert app.session_state["turns"][-1]["question"] == "What drives partnership working in local areas?"
    assert app.session_state["turns"][-1]["answer"] is not None


def test_small_group_notice_when_a_respondent_is_chosen(app):
    app.sidebar.selectbox(key="respondent").select("D03").run()
    ask(app, "What did they say about partnership working?")
    assert any("Small groups can identify people" in w.value for w in app.warning)


def test_respondents_page_lists_every_code_and_who_spoke_with_the_chats_engine(app, assistant):
    app.switch_page("workbench/respondents.py").run()
    assert not app.exception
    codes = {p.code for p in assistant.retriever.passages if p.is_attributed}
    assert set(app.dataframe[0].value["Code"]) == codes
    app.text_input(key="topic").input("youth engagement").run()
    who = assistant.who_spoke("youth engagement")
    assert any(m.value.replace("\\", "") == who.summary() for m in app.markdown)
    table = app.dataframe[1].value
    assert table.loc[table["Code"] == "B13", "Spoke to it"].item() == "yes"


def test_the_respondents_page_lays_out_the_extracts_of_the_first_respondents_and_says_so(app, assistant, monkeypatch):
    import workbench.filters

    monkeypatch.setattr(workbench.filters, "RESPONDENTS_LISTED", 2)
    app.switch_page("workbench/respondents.py").run()
    assert not app.exception and len(app.expander) == 2
    assert any(f"first 2 of {len(app.dataframe[0].value)} respondents" in c.value for c in app.caption)


def test_a_filter_holds_from_page_to_page(app):
    app.sidebar.selectbox(key="group").select("Fire").run()
    app.switch_page("workbench/respondents.py").run()
    assert app.sidebar.selectbox(key="group").value == "Fire"
    assert set(app.dataframe[0].value["Group"]) == {"Fire"}


def test_two_sessions_do_not_share_history(app, assistant, shared_index_dir):
    ask(app, FIRST)
    other = AppTest.from_file(str(APP), default_timeout=180).run()
    assert len(app.session_state["turns"]) == 1
    assert other.session_state["turns"] == [] and not other.chat_message
