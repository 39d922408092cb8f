"""A table's rows as lines of text, as every reader writes them ("Waiting times | 8": a row says something only
whole), and a table of quotes as quotes attributed the way a report attributes one in its prose: "“…” (KW4, Key
worker, East)". A report lays out its illustrative quotes so: one row each, with who said it, and often the theme
it illustrates ("| Theme | Participant | Quote |")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .layout import as_attribution

# A column heading that says its cells are someone's own words ("Quote", "Illustrative quotation", "Verbatim
# comment"), or what the words illustrate ("Theme", "Sub-theme", "Topic"); any other column says who said them
# ("Participant", "Group", "Site", "Age")
_WORDS_COLUMN = re.compile(r"\b(?:quot(?:e|es|ation|ations)|extracts?|excerpts?|verbatim|comments?)\b", re.IGNORECASE)
_ABOUT_COLUMN = re.compile(r"\b(?:(?:sub-?)?themes?|topics?|categor(?:y|ies)|issues?|domains?|findings?|subjects?)\b",
                           re.IGNORECASE)
_MARKS = "\"“”"
SHORT_CELL = 40  # a cell saying who spoke is no longer than this
QUOTED_WORDS = 4  # a quoted cell of fewer words is a term, not someone's words


@dataclass(frozen=True)
class QuoteColumns:
    """Which of a table's columns holds someone's words, which say what they illustrate, and how many there are:
    the others say who said them."""

    words: int
    about: tuple[int, ...]
    count: int

    def who(self, cells: Sequence[str]) -> list[str]:
        return [cell for number, cell in enumerate(cells) if cell and number != self.words and number not in self.about]


def quote_columns(header: Sequence[str]) -> QuoteColumns | None:
    """The columns of a table's ``header`` row: one of someone's words, and at least one other not of what they
    illustrate, to say who said them; None when it names no such columns."""
    words = [number for number, cell in enumerate(header) if _WORDS_COLUMN.search(cell)]
    about = tuple(number for number, cell in enumerate(header) if _ABOUT_COLUMN.search(cell) and number not in words)
    if len(words) != 1 or len(header) - 1 - len(about) < 1:
        return None
    return QuoteColumns(words[0], about, len(header))


def row_line(cells: Sequence[str], columns: QuoteColumns | None = None) -> str:
    """A table's row as a line of text, its cells between bars; a row of a table of quotes (``columns``) as its
    quote, marked, attributed by the cells saying who said it, after what its other cells say it illustrates
    ("Care navigation. “…” (Int 11, receptionist, Northfield)"); without such a header, a row that quotes someone
    in marks, its other cells short, attributed by them all ("| KW4 | Key worker, East | "I spend …" |")."""
    if columns is not None and len(cells) == columns.count:
        words, who = cells[columns.words].strip(), columns.who(cells)
        if len(words.split()) >= QUOTED_WORDS and who and all(len(cell) <= SHORT_CELL for cell in who):
            marked = words if words[:1] in _MARKS and words[-1:] in _MARKS else f"“{words}”"
            about = [cells[number].rstrip(".") for number in columns.about if cells[number]]
            return " ".join([f"{'; '.join(about)}." if about else "", marked, as_attribution(", ".join(who))]).strip()
    cells = [cell for cell in cells if cell]
    quoted = [cell for cell in cells if cell[:1] in "\"“" and cell[-1:] in "\"”" and len(cell.split()) >= QUOTED_WORDS]
    who = [cell for cell in cells if cell not in quoted]
    if len(quoted) == 1 and who and all(len(cell) <= SHORT_CELL and cell[0] not in "\"“" for cell in who):
        return f"{quoted[0]} {as_attribution(', '.join(who))}"
    return " | ".join(cells)
