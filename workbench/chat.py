"""Chat over the findings. Session state and rendering only: all logic lives in ``assistant``."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant, AssistantError, Filters
from assistant.cite import render_label
from assistant.conversation import ask_in_conversation, last_topic, stream_in_conversation
from assistant.export import (
    DOCX_MIME, MARKDOWN_MIME, answer_docx, answer_markdown, conversation_docx, conversation_markdown,
    export_filename,
)
from assistant.privacy import filters_from_dict, small_group_notice
from assistant.render import (
    citation_caption, escape_markdown, filters_summary, highlight_in_source, neutralise_markdown,
)
from assistant.library import add_files
from assistant.pipeline import sync_corpus
from assistant.readers import SUPPORTED_SUFFIXES
from assistant.who_said import ThemeScorer, respondents

ANY = "Any"
UPLOAD_TYPES = tuple(suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES)
KINDS = {"Quotes and narrative": None, "Quotes only": "quote", "Narrative only": "narrative"}

st.set_page_config(page_title="Findings assistant", page_icon="🔎")


@st.cache_resource(show_spinner="Loading the model and the findings index (once per server)…")
def load_assistant() -> Assistant:
    assistant = Assistant.from_settings()
    assistant.retriever.embedder.load()  # now, while the page draws, rather than on the first question
    return assistant


@st.cache_resource(show_spinner="Reading every extract for “who said what” (once per server)…")
def load_theme_scorer(_assistant: Assistant) -> ThemeScorer:
    return ThemeScorer.for_assistant(_assistant)


def chosen(value: str) -> str | None:
    return None if value == ANY else value


def make_turn(assistant: Assistant, answer) -> dict:
    """An answer with what the page shows beside it, computed once: notices and both exports."""
    filters = filters_from_dict(answer.filters)
    cited = [citation.respondent for citation in answer.citations]
    export_notice = small_group_notice(assistant.directory, filters, cited)
    return {
        "answer": answer,
        "notice": small_group_notice(assistant.directory, filters),
        "export_notice": export_notice,
        "markdown": answer_markdown(answer, export_notice),
        "docx": answer_docx(answer, export_notice),
    }


def streamed_answer(assistant: Assistant, question: str, earlier: list, **filters):
    """Show the LLM's verified sentences as they are written, then clear them for the full rendering."""
    final = []

    def pieces():
        for part in stream_in_conversation(assistant, question, earlier, **filters):
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


def show_sources(assistant: Assistant, answer, expanded: bool) -> None:
    with st.expander(f"Sources ({len(answer.citations)})", expanded=expanded):
        for citation in answer.citations:
            document = assistant.documents.get(citation.source)
            st.markdown(f"**{escape_markdown(render_label(citation))}**")
            st.markdown(highlight_in_source(document.text, citation) if document else escape_markdown(citation.quote))
            st.caption(escape_markdown(citation_caption(citation)))


def show_turn(assistant: Assistant, number: int, turn: dict, latest: bool) -> None:
    answer = turn["answer"]
    with st.chat_message("user"):
        st.markdown(escape_markdown(answer.question))
    with st.chat_message("assistant"):
        st.markdown(neutralise_markdown(answer.answer))
        summary = filters_summary(answer.filters, answer.filter_origin)
        if summary:
            st.caption(escape_markdown(summary))
        if turn["notice"]:
            st.warning(escape_markdown(turn["notice"]), icon="🔒")
        if answer.citations:
            show_sources(assistant, answer, expanded=latest)
        markdown_column, word_column = st.columns(2)
        markdown_column.download_button(
            "Copy for briefing (Markdown)", turn["markdown"], export_filename(answer.question, "md"),
            mime=MARKDOWN_MIME, key=f"markdown-{number}", on_click="ignore",
        )
        word_column.download_button(
            "Copy for briefing (Word)", turn["docx"], export_filename(answer.question, "docx"),
            mime=DOCX_MIME, key=f"docx-{number}", on_click="ignore",
        )
        if turn["export_notice"] and not turn["notice"]:
            st.caption(escape_markdown("🔒 Export: " + turn["export_notice"]))


def show_respondents(assistant: Assistant, filters: Filters, turns: list[dict]) -> None:
    passages = assistant.retriever.passages
    people = respondents(passages, filters)
    st.caption("Uses the sidebar's group, area and respondent filters.")
    notice = small_group_notice(assistant.directory, filters)
    if notice:
        st.warning(escape_markdown(notice), icon="🔒")
    st.dataframe(
        [{"Code": p.code, "Group": p.group, "Area": p.area, "Document": p.document, "Extracts": len(p.extracts)}
         for p in people],
        hide_index=True, width="stretch",
    )
    for person in people:
        with st.expander(f"{person.code} — {person.group}, area {person.area or '–'} ({len(person.extracts)})"):
            for extract in person.extracts:
                st.markdown(escape_markdown(f"“{extract.text}”"))
                st.caption(escape_markdown(f"section: {extract.section} — source: {extract.source}"))

    st.subheader("Who said what")
    last = last_topic([t["answer"] for t in turns])
    theme = st.text_input("Theme or question", key="theme", placeholder=last or "e.g. youth engagement")
    theme = theme.strip() or last
    if not theme:
        st.caption("Type a theme, or ask a question in the chat, to see which respondents spoke to it.")
        return
    result = load_theme_scorer(assistant).who_said(theme, filters)
    st.markdown(escape_markdown(result.summary()))
    st.dataframe(
        [{"Group": m.respondent.group, "Code": m.respondent.code, "Area": m.respondent.area,
          "Spoke to it": "yes" if m.spoke else "no", "Score": m.score, "Closest extract": m.best.text}
         for m in result.mentions],
        hide_index=True, width="stretch",
    )


def show_library(assistant: Assistant) -> None:
    """The reports in the index, files that could not be read, and an upload that adds more."""
    st.header("Reports")
    for source, parsed in sorted(assistant.documents.items()):
        st.caption(escape_markdown(f"{source} — {parsed.title or 'untitled'}"))
    for name, problem in assistant.corpus_problems.items():
        st.warning(escape_markdown(problem), icon="⚠️")
    with st.expander("Add reports"):
        uploads = st.file_uploader("Reports (.txt .md .pdf .docx .html)", type=list(UPLOAD_TYPES),
                                   accept_multiple_files=True, key="uploads")
        if uploads and st.button("Add to the findings", key="add-reports"):
            add_uploads(assistant, uploads)


def add_uploads(assistant: Assistant, uploads) -> None:
    """Copy uploads into the corpus folder, index them with a progress bar, then reload the assistant."""
    added = add_files(assistant.settings, [(upload.name, upload.getvalue()) for upload in uploads])
    for name, problem in added.refused.items():
        st.error(escape_markdown(problem))
    if not added.added:
        return
    bar = st.progress(0.0, text="Reading the reports…")

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=escape_markdown(f"{stage}: {done}/{total} passages embedded"))

    try:
        report, _ = sync_corpus(assistant.index, assistant.settings, progress)
    except AssistantError as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state.library_news = [
        f"Added {source}: {count} passages." for source, count in {**report.added, **report.updated}.items()
    ] or ["Those reports were already indexed."]
    load_assistant.clear()
    load_theme_scorer.clear()
    st.rerun()


st.title("Findings assistant")
st.caption("Answers come only from the report: every quote is verbatim and cited to its respondent.")
question = st.chat_input("Ask about the findings")  # drawn before the load so it is usable at once

with st.sidebar:
    st.header("Filters")
    group_slot, area_slot, respondent_slot, document_slot = st.empty(), st.empty(), st.empty(), st.empty()
    kind = KINDS[st.radio("Show", list(KINDS), key="kind")]

try:
    assistant = load_assistant()
except AssistantError as error:
    st.error(str(error))
    st.stop()

directory = assistant.directory
group = chosen(group_slot.selectbox("Group", [ANY, *directory.groups()], key="group"))
area = chosen(area_slot.selectbox("Area", [ANY, *directory.areas()], key="area")) if directory.areas() else None
people = directory.matching([group] if group else (), [area] if area else ())
respondent = chosen(respondent_slot.selectbox(
    "Respondent", [ANY, *[p.key for p in people]], key="respondent",
    format_func=lambda key: key if key == ANY else directory.respondents[key].code
    + (f" ({directory.respondents[key].document})" if len(directory.documents()) > 1 else "")))
document = chosen(document_slot.selectbox("Document", [ANY, *sorted(assistant.documents)], key="document")) \
    if len(assistant.documents) > 1 else None
with st.sidebar:
    show_library(assistant)
    for news in st.session_state.pop("library_news", []):
        st.success(escape_markdown(news))
if "turns" not in st.session_state:
    st.session_state.turns = []
turns: list[dict] = st.session_state.turns

chat_tab, people_tab = st.tabs(["Chat", "Respondents"])
with chat_tab:
    for number, turn in enumerate(turns):
        show_turn(assistant, number, turn, latest=number == len(turns) - 1 and not question)
    if question:
        try:
            if assistant.llm_answerer is not None:
                answer = streamed_answer(assistant, question, [t["answer"] for t in turns],
                                         group=group, area=area, respondent=respondent, kind=kind,
                                         document=document)
            else:
                with st.spinner("Searching the findings…"):
                    answer = ask_in_conversation(assistant, question, [t["answer"] for t in turns],
                                                 group=group, area=area, respondent=respondent, kind=kind,
                                                 document=document)
        except AssistantError as error:
            with st.chat_message("user"):
                st.markdown(escape_markdown(question))
            with st.chat_message("assistant"):
                st.error(escape_markdown(str(error)))
        else:
            turns.append(make_turn(assistant, answer))
            show_turn(assistant, len(turns) - 1, turns[-1], latest=True)

with people_tab:
    show_respondents(assistant, Filters(
        groups=(group,) if group else (), areas=(area,) if area else (),
        respondents=(respondent,) if respondent else (),
    ), turns)

if turns:
    with st.sidebar:
        st.header("Whole conversation")
        answers = [t["answer"] for t in turns]
        notices = [t["export_notice"] for t in turns]
        st.download_button("Conversation as Markdown", conversation_markdown(answers, notices),
                           "briefing-conversation.md", mime=MARKDOWN_MIME, key="conversation-markdown",
                           on_click="ignore")
        st.download_button("Conversation as Word", conversation_docx(answers, notices),
                           "briefing-conversation.docx", mime=DOCX_MIME, key="conversation-docx",
                           on_click="ignore")
