"""Chat over the findings: answers with numbered citations that open their sources, saved conversations, errors
that keep the question, and a first screen that says what the library holds. Rendering only: the logic is in
``assistant``."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant, AssistantError
from assistant.settings import load_settings
from assistant.answers.conversation import ask_in_conversation, stream_in_conversation
from assistant.presentation.export import DOCX_MIME, MARKDOWN_MIME, answer_docx, answer_markdown, export_filename
from assistant.answers.markdown import escape_markdown, neutralise_markdown, render_blocks
from assistant.presentation.privacy import filters_from_dict, small_group_notice
from assistant.presentation.render import filters_summary
from assistant.presentation.sources import SourceNumbers
from workbench import conversations, filters, reports
from workbench.citations import open_requested_document, sources_row
from workbench.shared import load_assistant, load_examples

FIRST_SCREEN_DOCUMENTS = 12  # documents listed by name on the first screen; Reports lists them all


def answer_markdown_numbered(assistant: Assistant, answer, numbers: SourceNumbers) -> str:
    """The answer as the chat shows it: its citations numbered like the sources under it."""
    if not answer.blocks:
        return neutralise_markdown(answer.answer)
    several = answer.names_documents
    return neutralise_markdown(render_blocks(answer.blocks, several, label=lambda c: numbers.marker(c, several)))


def export_notice(assistant: Assistant, answer) -> str:
    """The small-group reminder an export of ``answer`` carries: for its filters, or the few it quotes."""
    return small_group_notice(assistant.directory, filters_from_dict(answer.filters),
                              [citation.respondent for citation in answer.citations])


def show_answer(assistant: Assistant, number: int, answer) -> str:
    """Draw an answer, its sources and its downloads; its export notice ("" when none)."""
    numbers = SourceNumbers(answer.citations)
    st.markdown(answer_markdown_numbered(assistant, answer, numbers))
    summary = filters_summary(answer.filters, answer.filter_origin, name_documents=len(assistant.documents) > 1)
    if summary:
        st.caption(escape_markdown(summary))
    notice = small_group_notice(assistant.directory, filters_from_dict(answer.filters))
    if notice:
        st.warning(escape_markdown(notice), icon="🔒")
    if numbers.sources:
        sources_row(assistant, numbers.sources, number)
    exported = export_notice(assistant, answer)
    if answer.abstained:
        return exported
    author = assistant.settings.export_author
    with st.container(horizontal=True, gap="small"):
        st.download_button("Download for briefing (Markdown)", lambda: answer_markdown(answer, exported),
                           export_filename(answer.question, "md"), mime=MARKDOWN_MIME, key=f"markdown-{number}",
                           on_click="ignore", icon=":material/download:")
        st.download_button("Download for briefing (Word)", lambda: answer_docx(answer, exported, author=author),
                           export_filename(answer.question, "docx"), mime=DOCX_MIME, key=f"docx-{number}",
                           on_click="ignore", icon=":material/download:")
    if exported and not notice:
        st.caption(escape_markdown("🔒 Export: " + exported))
    return exported


def show_error(number: int, turn: dict, limit: int) -> None:
    """The error stays, with the question ready to edit and ask again."""
    st.error(escape_markdown(turn["error"]))
    with st.form(f"retry-{number}", border=False):
        st.text_area("Edit the question and ask again", value=turn["question"][:limit], max_chars=limit,
                     key=f"retry-text-{number}")
        st.form_submit_button("Ask again", icon=":material/refresh:", on_click=lambda: ask_next(
            st.session_state[f"retry-text-{number}"]))


def ask_next(question: str) -> None:
    """Ask ``question`` on the next run, as if typed (an example clicked, a question edited after an error)."""
    st.session_state.pending_question = question


def show_turn(assistant: Assistant, number: int, turn: dict) -> str | None:
    """Draw one question and its answer (or error); the answer's export notice, None without an answer."""
    with st.chat_message("user"):
        st.markdown(escape_markdown(turn["question"]))
    with st.chat_message("assistant"):
        if turn["answer"] is not None:
            return show_answer(assistant, number, turn["answer"])
        show_error(number, turn, assistant.settings.max_question_chars)
        return None


def first_screen(assistant: Assistant) -> None:
    """What the library holds, and questions to start with (drawn from the library, each answerable)."""
    directory = assistant.directory
    st.subheader("What the library holds")
    sources = sorted(assistant.documents)
    for source in sources[:FIRST_SCREEN_DOCUMENTS]:
        summary = assistant.summaries.get(source)
        found = f" — {summary.line()}" if summary else ""
        st.markdown(f"**{escape_markdown(reports.document_name(assistant, source))}**{escape_markdown(found)}")
    if len(sources) > FIRST_SCREEN_DOCUMENTS:
        st.caption(f"… and {len(sources) - FIRST_SCREEN_DOCUMENTS:,} more documents (all are listed under Reports).")
    groups = [(name, len(directory.matching([name]))) for name in directory.groups()]
    if groups:
        st.caption(escape_markdown("Respondents by group: " + " · ".join(f"{name} {count}" for name, count in groups)))
    examples = load_examples(assistant)
    if examples:
        st.subheader("Try asking")
        for index, question in enumerate(examples):
            st.button(escape_markdown(question), key=f"example-{index}", icon=":material/chat_bubble:",
                      on_click=ask_next, args=(question,))


def answer_question(assistant: Assistant, question: str, turns: list[dict], chosen: filters.Chosen) -> dict:
    """Ask, streaming the LLM's sentences when one writes the answer; an error becomes a turn of its own."""
    earlier = [turn["answer"] for turn in turns if turn["answer"] is not None]
    options = dict(group=chosen.group, area=chosen.area, respondent=chosen.respondent, kind=chosen.kind,
                   document=chosen.document)
    try:
        if assistant.llm_answerer is not None:
            answer = streamed_answer(assistant, question, earlier, options)
        else:
            with st.spinner("Searching the findings…"):
                answer = ask_in_conversation(assistant, question, earlier, **options)
    except AssistantError as error:
        return {"question": question, "answer": None, "error": str(error)}
    return {"question": question, "answer": answer, "error": ""}


def streamed_answer(assistant: Assistant, question: str, earlier: list, options: dict):
    """Show the LLM's verified sentences as they are written, then clear them for the full rendering."""
    final = []

    def pieces():
        for part in stream_in_conversation(assistant, question, earlier, **options):
            if isinstance(part, str):
                yield neutralise_markdown(part)
            else:
                final.append(part)

    placeholder = st.empty()
    try:
        with placeholder.container():
            with st.chat_message("user"):
                st.markdown(escape_markdown(question))
            with st.chat_message("assistant"):
                st.write_stream(pieces())
    finally:
        placeholder.empty()
    return final[-1]


def main() -> None:
    st.title("Findings assistant")
    st.caption("Answers come only from the findings: every quote is verbatim and cited to its respondent.")
    # The box first: a large library takes seconds to open, and the question can be typed meanwhile.
    question = st.chat_input("Ask about the findings", max_chars=load_settings().max_question_chars)
    assistant = load_assistant()
    turns = conversations.open_turns()
    chosen = filters.chosen()
    if not turns and not question and "pending_question" not in st.session_state:
        first_screen(assistant)
    question = question or st.session_state.pop("pending_question", None)
    notices = [show_turn(assistant, number, turn) for number, turn in enumerate(turns)]
    if question:
        turn = answer_question(assistant, question, turns, chosen)
        turns.append(turn)
        conversations.save_turn(turn)
        notices.append(show_turn(assistant, len(turns) - 1, turn))
    answers = [turn["answer"] for turn in turns if turn["answer"] is not None]
    conversations.sidebar(answers, [notice for notice in notices if notice is not None],
                          assistant.settings.export_author)
    reports.sidebar(assistant)
    open_requested_document(assistant)


main()
