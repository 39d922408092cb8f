"""Saved conversations on the page: the open one follows the URL (``?chat=<id>``), so a reload or a restart
reopens it; the sidebar starts a new chat, lists past ones, renames, deletes and exports."""

from __future__ import annotations

import streamlit as st

from assistant.errors import AssistantError
from assistant.presentation.export import DOCX_MIME, MARKDOWN_MIME, conversation_docx, conversation_markdown, export_filename
from assistant.answers.markdown import escape_markdown
from assistant.presentation.saved_chats import SavedChats
from assistant.answers.answer import Answer
from workbench.shared import saved_chats

PAST_CHATS_SHOWN = 30


def open_turns() -> list[dict]:
    """The turns of the conversation the URL names, loaded once per session (and again when it names another)."""
    wanted = st.query_params.get("chat")
    if "turns" not in st.session_state or st.session_state.get("chat_id") != wanted:
        st.session_state.chat_id, st.session_state.turns = None, []
        if wanted:
            try:
                store = saved_chats()
                if store.exists(wanted):
                    st.session_state.chat_id = wanted
                    st.session_state.turns = [
                        {"question": t.question, "answer": t.answer, "error": t.error} for t in store.turns(wanted)]
                else:
                    st.query_params.pop("chat", None)
            except AssistantError as error:
                st.warning(escape_markdown(str(error)), icon="⚠️")
    return st.session_state.turns


def save_turn(turn: dict) -> None:
    """Store a turn in the open conversation, starting one (and putting it in the URL) at the first question."""
    try:
        store = saved_chats()
        if st.session_state.get("chat_id") is None:
            st.session_state.chat_id = store.create()
            st.query_params["chat"] = st.session_state.chat_id
        store.add(st.session_state.chat_id, turn["question"], turn["answer"], turn["error"])
    except AssistantError as error:
        st.warning(escape_markdown(f"This conversation is not being saved: {error}"), icon="⚠️")


def _switch(chat_id: str | None) -> None:
    if chat_id:
        st.query_params["chat"] = chat_id
    else:
        st.query_params.pop("chat", None)


def _delete(store: SavedChats, chat_id: str) -> None:
    store.delete(chat_id)
    _switch(None)


def sidebar(answers: list[Answer], export_notices: list[str], author: str = "") -> None:
    """New chat, the open chat's rename / delete / export, and the past chats."""
    try:
        store = saved_chats()
        past = store.chats()
    except AssistantError as error:
        st.sidebar.warning(escape_markdown(str(error)), icon="⚠️")
        return
    current = st.session_state.get("chat_id")
    with st.sidebar:
        st.header("Conversations")
        st.button("New chat", on_click=_switch, args=(None,), icon=":material/add_comment:", disabled=current is None)
        if current:
            title = store.title(current)
            with st.popover(f"This chat: {escape_markdown(title)}", width="stretch"):
                renamed = st.text_input("Name", value=title, key=f"rename-{current}", max_chars=200)
                if renamed.strip() and renamed != title:
                    store.rename(current, renamed)
                    st.rerun()
                name = export_filename(title, "md").removesuffix(".md")
                st.download_button("Download for briefing (Markdown)",
                                   lambda: conversation_markdown(answers, export_notices), f"{name}.md",
                                   mime=MARKDOWN_MIME, on_click="ignore", disabled=not answers)
                st.download_button("Download for briefing (Word)",
                                   lambda: conversation_docx(answers, export_notices, title=title,
                                                             author=author),
                                   f"{name}.docx", mime=DOCX_MIME, on_click="ignore", disabled=not answers)
                st.button("Delete this chat", on_click=_delete, args=(store, current), type="primary",
                          icon=":material/delete:")
        others = [chat for chat in past if chat.chat_id != current][:PAST_CHATS_SHOWN]
        if others:
            st.caption("Past chats")
            for chat in others:
                st.button(escape_markdown(chat.title or "Untitled"), key=f"chat-{chat.chat_id}", on_click=_switch,
                          args=(chat.chat_id,), type="tertiary", help=f"{chat.questions} question(s), {chat.updated}")

