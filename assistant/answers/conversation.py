"""A conversation with the assistant: earlier questions feed follow-ups, and "more quotes like that" leaves out
the extracts already shown. Pure logic over ``Assistant.ask``; no streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .query import MORE_OF_THE_SAME
from .answer import Answer

_WANTS_MORE = re.compile(
    r"\b(?:more|other|further|another|else|different|new)\b.{0,30}?"
    rf"\b(?:quotes?|quotations?|extracts?|examples?|views?|like\s+(?:that|this|those|these))\b|{MORE_OF_THE_SAME}",
    re.IGNORECASE,
)


def wants_more(question: str) -> bool:
    """Whether a question asks for further extracts rather than the same ones again."""
    return bool(_WANTS_MORE.search(question))


def shown_passages(answers: Sequence[Answer]) -> list[str]:
    """Passage ids already cited in the conversation, first shown first, without repeats."""
    return list(dict.fromkeys(c.passage_id for answer in answers for c in answer.citations))


def ask_in_conversation(assistant, question: str, earlier: Sequence[Answer], **filters) -> Answer:
    """Ask ``question`` with the earlier answers as context: their questions as history, and, when the
    question asks for more, the passages they cited excluded. ``filters`` go to ``Assistant.ask``."""
    return assistant.ask(question, **_context(question, earlier), **filters)


def stream_in_conversation(assistant, question: str, earlier: Sequence[Answer], **filters) -> Iterator[str | Answer]:
    """``ask_in_conversation`` through ``Assistant.ask_stream``: pieces of markdown, then the ``Answer``."""
    return assistant.ask_stream(question, **_context(question, earlier), **filters)


def _context(question: str, earlier: Sequence[Answer]) -> dict[str, list[str]]:
    history = [answer.question for answer in earlier]
    exclude = shown_passages(earlier) if wants_more(question) else []
    return {"history": history, "exclude": exclude}


def last_topic(answers: Sequence[Answer]) -> str:
    """What the conversation is about now: the last question, read with its earlier topic when it is a
    follow-up ("and what did the nurses say about that?"); "" before the first question."""
    from .query import resolve_follow_up

    if not answers:
        return ""
    return resolve_follow_up(answers[-1].question, [answer.question for answer in answers[:-1]])
