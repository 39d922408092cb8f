"""A spreadsheet of responses (.csv, as survey tools and consultation platforms export them): one row per
respondent, a column for who they are ("Respondent type", "Area"), and a column for each open question. Each
free-text answer becomes its respondent's quote, under a heading of the question it answers, attributed the way a
report attributes one ("“…” (Response 1003, Resident, Northgate)"), so the parser reads it as it reads any quote.

A column is free text when its answers run to sentences; it says who answered when its cells are short and repeat
(a type, a place), or name each row once (the respondent's ID). Dates, times, figures and the answers to closed
questions ("Support", "Oppose") say nothing of who answered and are left out. A table with no free-text column is
kept as rows of cells, as other readers keep a table.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from .layout import Layout, TextBuilder
from .tables import SHORT_CELL, QuoteColumns, row_line

FREE_TEXT_WORDS = 5  # a column whose answers average this many words is free text
ANSWER_WORDS = 4  # an answer of fewer words ("Nothing", "N/A", "No change") is no quote
_NOT_WHO = re.compile(r"^[\d\s/:.,%£$€+-]*$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")  # figures, dates and times
_QUESTION = re.compile(r"\?\s*$|^\s*Q\s*\d+\b", re.IGNORECASE)  # "Q2 Overall, do you support …?"
_ID_WORDS = re.compile(r"\s*\b(?:ID|No\.?|Number|Ref(?:erence)?)\b\s*", re.IGNORECASE)


def read_csv(text: str) -> tuple[str, Layout, str]:
    """(text, layout, title) of a spreadsheet's rows: a heading for each free-text column, its answers as quotes."""
    rows = _rows(text)
    header = rows[0] if rows else []
    body = [(row + [""] * len(header))[:len(header)] for row in rows[1:]]
    columns = [[row[number].strip() for row in body] for number in range(len(header))]
    free = [number for number, cells in enumerate(columns) if body and _is_free_text(cells)]
    builder = TextBuilder()
    if not free:  # no one's words: its rows, as other readers keep a table
        for row in rows:
            builder.add(row_line(row))
        return (*builder.build(), "")
    identity = next((number for number, cells in enumerate(columns) if number not in free and _names_each_row(cells)),
                    None)
    who = [number for number, cells in enumerate(columns)
           if number not in free and number != identity and _says_who(header[number], cells)]
    for number in free:
        builder.add(header[number], "heading")
        for row in body:
            answer = row[number].strip()
            if len(answer.split()) < ANSWER_WORDS:
                continue
            said_by = [cell for cell in (_code(header[identity], row[identity]) if identity is not None else "",
                                         *(row[column].strip() for column in who)) if cell]
            builder.add(row_line([*said_by, answer], QuoteColumns(len(said_by), (), len(said_by) + 1)))
    return (*builder.build(), "")


def _rows(text: str) -> list[list[str]]:
    """The spreadsheet's non-empty rows, in whichever of comma, semicolon or tab it is delimited by."""
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]


def _is_free_text(cells: Sequence[str]) -> bool:
    """Whether a column's cells are answers in someone's words: most of its filled cells run to sentences."""
    filled = [cell for cell in cells if cell]
    return bool(filled) and sum(len(cell.split()) for cell in filled) >= FREE_TEXT_WORDS * len(filled)


def _names_each_row(cells: Sequence[str]) -> bool:
    """Whether a column gives each row a short name of its own (the respondent's ID), not a date or time."""
    return all(cells) and len(set(cells)) == len(cells) and all(len(cell.split()) <= 2 for cell in cells) \
        and not any(re.search(r"\d[:/]\d|\d-\d{1,2}-\d", cell) for cell in cells)


def _says_who(heading: str, cells: Sequence[str]) -> bool:
    """Whether a column says who answered: short cells that repeat (a type of respondent, a place), under a heading
    that asks no question, and no figures, dates or times."""
    filled = [cell for cell in cells if cell]
    return bool(filled) and not _QUESTION.search(heading) and len(set(filled)) < len(filled) \
        and all(len(cell) <= SHORT_CELL and not _NOT_WHO.match(cell) for cell in filled)


def _code(heading: str, value: str) -> str:
    """A respondent's code: their ID, named by its column when it is a bare number ("Response 1003" of "1003" under
    "Response ID"; "ID 17" under "ID")."""
    value = value.strip()
    if not value.isdigit():
        return value
    name = _ID_WORDS.sub(" ", heading).strip()
    return f"{name or heading.strip() or 'ID'} {value}"
