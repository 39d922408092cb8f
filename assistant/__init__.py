"""Ask questions of qualitative research findings; every answer cites the respondent or section it rests on."""

from .answer import NO_ANSWER
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
from .pipeline import Assistant
from .settings import Settings
from .types import Answer, Citation, Filters, Passage

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
