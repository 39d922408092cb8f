"""Errors the assistant raises, each with a message that tells the user what to do next.

    AssistantError
    ├── SettingsError          an ASSISTANT_* setting has a value that cannot work
    ├── QuestionError          the question is empty, too long or unusable
    ├── DocumentError          a file could not be read or parsed; nothing already indexed is touched
    ├── IndexMissingError      no index yet where one is needed (run `assistant ingest`)
    ├── IndexBusyError         another process is writing the index (holds its lock or lease)
    ├── StoreUnavailableError  the Chroma server cannot be reached
    ├── ModelUnavailableError  the embedding model is not installed
    └── LLMUnavailableError    answerer 'llm' is set but its model cannot be used (package, file or setting missing)

The CLI and the app catch `AssistantError` at the edge and show its message; nothing else is caught there.
"""


class AssistantError(Exception):
    """Base class: the message is written for the user."""


class SettingsError(AssistantError):
    """A setting is invalid; the message names it and says why."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long, no readable text)."""


class DocumentError(AssistantError):
    """A document could not be read or parsed."""


class IndexMissingError(AssistantError):
    """There is no index where one was expected."""


class IndexBusyError(AssistantError):
    """Another process holds the write lock on the embedded index, or the writer lease on a shared one."""


class StoreUnavailableError(AssistantError):
    """The Chroma server did not answer."""


class ModelUnavailableError(AssistantError):
    """The embedding model could not be loaded from the installed package."""


class LLMUnavailableError(AssistantError):
    """The configured language model cannot be built: an extra not installed, a file or a setting missing.

    Failures while it answers (refused connection, error, timeout) are not raised: the extractive answer is
    shown instead, with a note.
    """
