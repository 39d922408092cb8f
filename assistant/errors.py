"""Errors the assistant raises, each with a message that tells the user what to do next.

    AssistantError
    ├── QuestionError          the question is empty, too long or unusable
    ├── DocumentError          a file could not be read or parsed; nothing already indexed is touched
    ├── IndexMissingError      no index yet where one is needed (run `assistant ingest`)
    ├── IndexBusyError         another process is writing the embedded index
    ├── StoreUnavailableError  the Chroma server cannot be reached
    └── ModelUnavailableError  the embedding model is not installed

The CLI and the app catch `AssistantError` at the edge and show its message; nothing else is caught there.
"""


class AssistantError(Exception):
    """Base class: the message is written for the user."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long, no readable text)."""


class DocumentError(AssistantError):
    """A document could not be read or parsed."""


class IndexMissingError(AssistantError):
    """There is no index where one was expected."""


class IndexBusyError(AssistantError):
    """Another process holds the write lock on the embedded index."""


class StoreUnavailableError(AssistantError):
    """The Chroma server did not answer."""


class ModelUnavailableError(AssistantError):
    """The embedding model could not be loaded from the installed package."""
