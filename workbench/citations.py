"""An answer's numbered sources under it: each opens in place, the quote marked inside its passage, and from there
the whole document, scrolled to the quote."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant
from assistant.answers.markdown import escape_markdown
from assistant.presentation.render import citation_details, document_html, passage_html
from assistant.presentation.sources import Source


def sources_row(assistant: Assistant, sources: list[Source], turn: int) -> None:
    """One button per source, "[1] B13 Fire", each opening the source beside the answer."""
    opened = st.session_state.get("documents_opened", 0)  # a new key closes every popover when a document opens
    with st.container(horizontal=True, gap="small", key=f"sources-{turn}"):
        for source in sources:
            with st.popover(escape_markdown(source.label), key=f"source-{turn}-{source.number}-{opened}"):
                show_source(assistant, source, turn)


def show_source(assistant: Assistant, source: Source, turn: int) -> None:
    citation = source.citation
    document = assistant.documents.get(citation.source)
    st.html(passage_html(document.text if document else citation.quote, citation))
    st.caption(escape_markdown(citation_details(citation, document.title if document else "", short=True)))
    if document:
        st.button("Open in document", key=f"open-{turn}-{source.number}", icon=":material/description:",
                  on_click=_request, args=(source,))


def _request(source: Source) -> None:
    st.session_state.document_to_open = source
    st.session_state.documents_opened = st.session_state.get("documents_opened", 0) + 1


def open_requested_document(assistant: Assistant) -> None:
    """Show the document a source's "Open in document" asked for, once."""
    source = st.session_state.pop("document_to_open", None)
    if source is not None and source.citation.source in assistant.documents:
        whole_document(assistant, source)


@st.dialog("Source document", width="large")
def whole_document(assistant: Assistant, source: Source) -> None:
    citation = source.citation
    document = assistant.documents[citation.source]
    st.caption(escape_markdown(f"{source.label} · {citation_details(citation, document.title)}"))
    st.iframe(document_html(document.title or citation.source, document.text, citation), height=520,
              alt=f"{document.title or citation.source}, at source {source.number}")
