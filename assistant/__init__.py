"""Ask questions of qualitative research findings; every answer cites the respondent or section it rests on."""

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
from .types import Answer, Citation, Filters, Passage

if TYPE_CHECKING:
    from .blocks import NO_ANSWER
    from .pipeline import Assistant
    from .settings import Settings

# Loaded on first use: the pipeline and pydantic-settings cost a quarter of a second that `assistant --help` or an
# import of `assistant.errors` need not pay.
_LAZY = {"Assistant": ".pipeline", "NO_ANSWER": ".blocks", "Settings": ".settings"}


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
