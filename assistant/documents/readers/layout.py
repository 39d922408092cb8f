"""The structure a file format marks explicitly — headings and block quotes — as spans of the text a reader
makes, so the parser need not guess what the format already says.

Plain text and PDF mark nothing, and their structure is inferred by the parser; Markdown, HTML, Word, LaTeX and
captions mark it. The layout is stored with the text in the index, so a document parses the same way at ingest
and at load.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """Spans of a document's text: ``headings`` are (start, end, level), ``quotes`` are (start, end), ``notes`` are
    (offset, words) of each footnote a reference marks: where the reference stood, and what the note says."""

    headings: tuple[tuple[int, int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    marked: bool = False  # the format marks its headings: the parser takes these and guesses none
    transcript: bool = False  # the format is a transcript (captions): every ``Name:`` paragraph is a turn

    def to_json(self) -> str:
        return json.dumps({"headings": self.headings, "quotes": self.quotes, "marked": self.marked,
                           "transcript": self.transcript, "notes": self.notes})

    @classmethod
    def from_json(cls, data: str | None) -> "Layout":
        if not data:
            return cls()
        raw = json.loads(data)
        return cls(tuple(tuple(span) for span in raw.get("headings", ())),
                   tuple(tuple(span) for span in raw.get("quotes", ())),
                   tuple(tuple(note) for note in raw.get("notes", ())), bool(raw.get("marked")),
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


_BRACKETED_DETAIL = re.compile(r" ?[(]([^()]*)[)]")


def as_attribution(who: str) -> str:
    """Who a quote is by, as a report attributes one after it in brackets: "(KW4, Employer, retail)" of "KW4 |
    Employer (retail)" cells or a "<cite>" (``flattened``)."""
    return f"({flattened(who)})"


def flattened(who: str) -> str:
    """An attribution's words with a detail in brackets as one more part ("employer (care home)" → "employer, care
    home"): brackets do not nest in an attribution in brackets."""
    return _BRACKETED_DETAIL.sub(r", \1", who)


NOTE_MARK = re.compile("\ue000([^\ue001]*)\ue001")  # where a footnote's reference stands, as a reader marks it


def note_mark(label: str) -> str:
    """The mark a reader puts in a block where the reference to footnote ``label`` stands."""
    return f"\ue000{label}\ue001"


class TextBuilder:
    """Builds a document's text one block at a time (blank lines between blocks), noting headings and quotes, and
    where each footnote reference (``note_mark``) stood."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.headings: list[tuple[int, int, int]] = []
        self.quotes: list[tuple[int, int]] = []
        self.references: list[tuple[int, str]] = []  # (offset, footnote label)

    def add(self, text: str, kind: str = "paragraph", level: int = 1) -> None:
        """Append a block: ``kind`` is "paragraph", "heading" or "quote"."""
        text = text.strip()
        if not NOTE_MARK.sub("", text).strip():
            return
        if self.parts:
            self._append("\n\n")
        start = self.length
        while (mark := NOTE_MARK.search(text)) is not None:
            text = text[:mark.start()] + text[mark.end():]
            self.references.append((start + min(mark.start(), len(text.rstrip())), mark.group(1)))
        self._append(text.rstrip())
        if kind == "heading":
            self.headings.append((start, self.length, level))
        elif kind == "quote":
            self.quotes.append((start, self.length))

    def build(self, notes: dict[str, str] | None = None) -> tuple[str, Layout]:
        """The text and its layout; ``notes`` are the footnotes' words by label."""
        noted = tuple((offset, notes[label]) for offset, label in self.references if label in (notes or {}))
        return "".join(self.parts), Layout(tuple(self.headings), tuple(self.quotes), noted, marked=bool(self.headings))

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
