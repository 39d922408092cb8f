"""The structure a file format marks explicitly — headings and block quotes — as spans of the text a reader
makes, so the parser need not guess what the format already says.

Plain text and PDF mark nothing, and their structure is inferred by the parser; Markdown, HTML, Word, LaTeX and
captions mark it. The layout is stored with the text in the index, so a document parses the same way at ingest
and at load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """Spans of a document's text: ``headings`` are (start, end, level), ``quotes`` are (start, end)."""

    headings: tuple[tuple[int, int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()
    marked: bool = False  # the format marks its headings: the parser takes these and guesses none
    transcript: bool = False  # the format is a transcript (captions): every ``Name:`` paragraph is a turn

    def to_json(self) -> str:
        return json.dumps({"headings": self.headings, "quotes": self.quotes, "marked": self.marked,
                           "transcript": self.transcript})

    @classmethod
    def from_json(cls, data: str | None) -> "Layout":
        if not data:
            return cls()
        raw = json.loads(data)
        return cls(tuple(tuple(span) for span in raw.get("headings", ())),
                   tuple(tuple(span) for span in raw.get("quotes", ())), bool(raw.get("marked")),
                   bool(raw.get("transcript")))

    def heading_level(self, start: int) -> int | None:
        """The level of the heading that starts at ``start``, or None."""
        for low, _, level in self.headings:
            if low == start:
                return level
        return None

    def in_quote(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a block quote the format marks."""
        return any(low <= start and end <= high for low, high in self.quotes)


class TextBuilder:
    """Builds a document's text one block at a time (blank lines between blocks), noting headings and quotes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.headings: list[tuple[int, int, int]] = []
        self.quotes: list[tuple[int, int]] = []

    def add(self, text: str, kind: str = "paragraph", level: int = 1) -> None:
        """Append a block: ``kind`` is "paragraph", "heading" or "quote"."""
        text = text.strip()
        if not text:
            return
        if self.parts:
            self._append("\n\n")
        start = self.length
        self._append(text)
        if kind == "heading":
            self.headings.append((start, self.length, level))
        elif kind == "quote":
            self.quotes.append((start, self.length))

    def build(self) -> tuple[str, Layout]:
        return "".join(self.parts), Layout(tuple(self.headings), tuple(self.quotes), marked=bool(self.headings))

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
