"""The Reports panel: what was found in each document (quotes attributed, respondents, groups, warnings), remove a
document, re-index, add reports. Each upload's result stays, errors included, until dismissed."""

from __future__ import annotations

import time

import streamlit as st

from assistant import Assistant, AssistantError
from assistant.documents.library import add_files, remove_file
from assistant.answers.pipeline import sync_corpus
from assistant.presentation.progress import eta_text
from assistant.documents.readers import SUPPORTED_SUFFIXES
from assistant.answers.markdown import escape_markdown
from workbench.shared import library_changed

UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES]
LISTED_DOCUMENTS = 30  # more than this, and the panel shows the one document picked rather than every one


def sidebar(assistant: Assistant) -> None:
    with st.sidebar:
        st.header("Reports")
        show_upload_results()
        sources = sorted(assistant.documents)
        if len(sources) > LISTED_DOCUMENTS:  # a team's library: one panel, for the document picked
            chosen = st.selectbox("Document", sources, index=None, key="report-picked",
                                  placeholder=f"{len(sources):,} documents: type to find one",
                                  format_func=lambda source: document_name(assistant, source))
            sources = [chosen] if chosen else []
        for source in sources:
            show_document(assistant, source)
        for problem in assistant.corpus_problems.values():
            st.warning(escape_markdown(problem), icon="⚠️")
        with st.expander("Add reports", icon=":material/upload_file:"):
            uploads = st.file_uploader(f"Reports ({' '.join('.' + kind for kind in UPLOAD_TYPES)})",
                                       type=UPLOAD_TYPES, accept_multiple_files=True,
                                       key=f"uploads-{st.session_state.get('upload_round', 0)}")
            if uploads and st.button("Add to the findings", key="add-reports", type="primary"):
                add_uploads(assistant, uploads)
        if st.button("Re-index the library", icon=":material/sync:", help="Read every report file again and "
                     "index what changed; files removed from the folder leave the index."):
            reindex(assistant)


def document_name(assistant: Assistant, source: str) -> str:
    """A document's title, with its file name when another document has the same title (or it has none)."""
    title = assistant.documents.title(source)
    return source if not title else f"{title} ({source})" if assistant.documents.shares_title(source) else title


def show_document(assistant: Assistant, source: str) -> None:
    summary = assistant.summaries.get(source)
    with st.expander(escape_markdown(document_name(assistant, source))):
        st.caption(escape_markdown(source))
        if summary:
            st.markdown(escape_markdown(summary.line()))
            for warning in summary.warnings:
                st.warning(escape_markdown(warning), icon="⚠️")
        with st.popover("Remove…", icon=":material/delete:"):
            st.markdown(escape_markdown(f"Remove {source} from the library? The file leaves the corpus folder and "
                                        "its passages leave the index."))
            if st.button("Remove", key=f"remove-{source}", type="primary"):
                remove(assistant, source)


def show_upload_results() -> None:
    results: dict[str, tuple[bool, str]] = st.session_state.setdefault("upload_results", {})
    for name, (ok, message) in list(results.items()):
        with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
            (st.success if ok else st.error)(escape_markdown(message),
                                             icon=":material/check_circle:" if ok else ":material/error:")
            st.button("", key=f"dismiss-{name}", icon=":material/close:", help="Dismiss", type="tertiary",
                      on_click=results.pop, args=(name, None))


def add_uploads(assistant: Assistant, uploads) -> None:
    """Copy uploads into the corpus folder and index them; every file's result is kept to show."""
    results = st.session_state.setdefault("upload_results", {})
    added = add_files(assistant.settings, [(upload.name, upload.getvalue()) for upload in uploads])
    for name, problem in added.refused.items():
        results[name] = (False, problem)
    if added.added:
        report = synchronise(assistant)
        if report is not None:
            counts = {**report.added, **report.updated}
            for name in (document.source for document in added.added):
                results[name] = (True, f"Added {name}: {counts[name]} passages." if name in counts
                                 else f"{name} was already indexed.")
    st.session_state.upload_round = st.session_state.get("upload_round", 0) + 1  # an empty uploader next time
    st.rerun()


def remove(assistant: Assistant, source: str) -> None:
    try:
        remove_file(assistant.settings, source)
    except AssistantError as error:
        st.session_state.upload_results[source] = (False, str(error))
        st.rerun()
    if synchronise(assistant) is not None:
        st.session_state.upload_results[source] = (True, f"Removed {source}.")
    st.rerun()


def reindex(assistant: Assistant) -> None:
    report = synchronise(assistant)
    if report is not None:
        changed = len(report.added) + len(report.updated) + len(report.removed)
        st.session_state.upload_results["re-index"] = (
            True, f"Re-indexed: {changed} report(s) changed, {len(report.unchanged)} unchanged.")
    st.rerun()


def synchronise(assistant: Assistant):
    """Bring the index in step with the corpus folder, with a progress bar; the ``SyncReport``, or None (and the
    error kept to show) when it failed."""
    bar = st.progress(0.0, text="Reading the reports…")
    began = time.monotonic()

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=escape_markdown(
            f"{stage}: {done}/{total} passages stored{eta_text(began, done, total)}"))

    try:
        report, _ = sync_corpus(assistant.index, assistant.settings, progress)
    except AssistantError as error:
        st.session_state.upload_results["re-index"] = (False, str(error))
        return None
    finally:
        bar.empty()
    library_changed()
    return report
