"""Ask questions of qualitative research findings; every answer cites the respondent or section it rests on.

The packages follow the flow of the findings through it:

- ``documents``: report files read as text (``readers``), their structure and quotes and who said them
  (``corpus``, ``structure``, ``extracts``, ``attribution``, ``transcripts``), sentences (``prose``), passages to
  index, the library folder and its respondents;
- ``search``: embedding, the Chroma index and its writer lease, the local snapshot, documents on demand, hybrid
  retrieval, relevance and coverage;
- ``answers``: the question read, evidence gathered, the answer composed as blocks, citations checked, prevalence,
  follow-ups, the optional LLM answerer (``pipeline.Assistant`` ties them together);
- ``presentation``: blocks as Markdown and HTML, numbered sources, exports, saved chats, progress.

Beside them: ``settings``, ``errors``, ``types`` and ``text`` (shared by every stage) and the ``cli``.
"""

from typing import TYPE_CHECKING

from .errors import (
    AssistantError,
    DocumentError,
    IndexBusyError,
    IndexMissingError,
    LLMUnavailableError,
    ModelUnavailableError,
    QuestionError,
    StoreUnavailableError,
)
from .answers.answer import Answer
from .types import Citation, Filters, Passage

if TYPE_CHECKING:
    from .answers.blocks import NO_ANSWER
    from .answers.pipeline import Assistant
    from .settings import Settings

# Loaded on first use: the pipeline and pydantic-settings cost a quarter of a second that `assistant --help` or an
# import of `assistant.errors` need not pay.
_LAZY = {"Assistant": ".answers.pipeline", "NO_ANSWER": ".answers.blocks", "Settings": ".settings"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "DocumentError",
    "Filters",
    "IndexBusyError",
    "IndexMissingError",
    "LLMUnavailableError",
    "ModelUnavailableError",
    "NO_ANSWER",
    "Passage",
    "QuestionError",
    "Settings",
    "StoreUnavailableError",
]
