"""Saved conversations: every question, its answer or its error, in a local SQLite file, so a reload or a restart
loses nothing. One file per library (next to the index unless the settings name a folder); no streamlit here.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..answers.answer import Answer
from ..errors import AssistantError

TITLE_CHARS = 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT,
    error TEXT NOT NULL DEFAULT '',
    asked TEXT NOT NULL,
    PRIMARY KEY (chat_id, position)
);
"""


class SavedChatsError(AssistantError):
    """The conversations file cannot be read or written."""


@dataclass(frozen=True)
class ChatSummary:
    chat_id: str
    title: str
    updated: str  # ISO 8601, UTC
    questions: int


@dataclass(frozen=True)
class SavedTurn:
    """A question with its answer, or with the error that refused it (``answer`` is None then)."""

    question: str
    answer: Answer | None
    error: str = ""


class SavedChats:
    """The conversations in one SQLite file. Each call opens its own connection: safe across the threads of a
    Streamlit server and across processes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._schema_made = False

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as error:
            raise SavedChatsError(f"Saved conversations are unavailable ({self.path}): {error}.") from error
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            if not self._schema_made:  # once per store: a conversation's every save opens a connection
                connection.executescript(_SCHEMA)
                self._schema_made = True
            with connection:
                yield connection
        except sqlite3.Error as error:
            raise SavedChatsError(f"Saved conversations are unavailable ({self.path}): {error}.") from error
        finally:
            connection.close()

    def create(self, title: str = "") -> str:
        """A new, empty conversation; its id."""
        chat_id, now = uuid.uuid4().hex[:12], _now()
        with self._connection() as db:
            db.execute("INSERT INTO chats VALUES (?, ?, ?, ?)", (chat_id, title, now, now))
        return chat_id

    def exists(self, chat_id: str) -> bool:
        with self._connection() as db:
            return db.execute("SELECT 1 FROM chats WHERE id = ?", (chat_id,)).fetchone() is not None

    def chats(self) -> list[ChatSummary]:
        """Every conversation with at least one question, the latest first."""
        with self._connection() as db:
            rows = db.execute(
                "SELECT c.id, c.title, c.updated, COUNT(t.position) FROM chats c JOIN turns t ON t.chat_id = c.id "
                "GROUP BY c.id ORDER BY c.updated DESC").fetchall()
        return [ChatSummary(*row) for row in rows]

    def title(self, chat_id: str) -> str:
        with self._connection() as db:
            row = db.execute("SELECT title FROM chats WHERE id = ?", (chat_id,)).fetchone()
        return row[0] if row else ""

    def turns(self, chat_id: str) -> list[SavedTurn]:
        with self._connection() as db:
            rows = db.execute("SELECT question, answer, error FROM turns WHERE chat_id = ? ORDER BY position",
                              (chat_id,)).fetchall()
        return [SavedTurn(question, _answer(answer), error) for question, answer, error in rows]

    def add(self, chat_id: str, question: str, answer: Answer | None = None, error: str = "") -> None:
        """Append a turn; the first question names the conversation until it is renamed."""
        stored = json.dumps(_without_contexts(answer), ensure_ascii=False) if answer is not None else None
        now = _now()
        with self._connection() as db:
            db.execute("INSERT OR IGNORE INTO chats VALUES (?, '', ?, ?)", (chat_id, now, now))
            position = db.execute("SELECT COUNT(*) FROM turns WHERE chat_id = ?", (chat_id,)).fetchone()[0]
            db.execute("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?)", (chat_id, position, question, stored, error, now))
            db.execute("UPDATE chats SET updated = ?, title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?",
                       (now, short_title(question), chat_id))

    def rename(self, chat_id: str, title: str) -> None:
        with self._connection() as db:
            db.execute("UPDATE chats SET title = ? WHERE id = ?", (title.strip()[:200], chat_id))

    def delete(self, chat_id: str) -> None:
        with self._connection() as db:
            db.execute("DELETE FROM chats WHERE id = ?", (chat_id,))


def short_title(question: str) -> str:
    """The question cut at a word boundary to ``TITLE_CHARS``, "…" when cut."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _without_contexts(answer: Answer) -> dict:
    """What a saved answer needs: the retrieved contexts are for evals and debugging, not for showing again."""
    data = answer.to_dict()
    data["contexts"] = []
    return data


def _answer(stored: str | None) -> Answer | None:
    return Answer.from_dict(json.loads(stored)) if stored else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
