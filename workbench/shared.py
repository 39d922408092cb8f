"""What every page shares: the one assistant per server process, and what is worked out once per library."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant
from assistant.presentation.saved_chats import SavedChats
from assistant.settings import load_settings
from assistant.answers.suggestions import example_questions


@st.cache_resource(show_spinner="Loading the model and the findings index (once per server)…")
def load_assistant() -> Assistant:
    assistant = Assistant.from_settings()
    assistant.retriever.embedder.load()  # now, while the page draws, rather than on the first question
    return assistant


@st.cache_resource(show_spinner="Choosing example questions from the library…")
def load_examples(_assistant: Assistant) -> list[str]:
    return example_questions(_assistant)


def saved_chats() -> SavedChats:
    """The saved conversations the settings name (read each time: cheap, and never a stale folder)."""
    return SavedChats(load_settings().conversations_path)


def library_changed() -> None:
    """Forget what was worked out for the old library: the next run loads the new one."""
    load_assistant.clear()
    load_examples.clear()
