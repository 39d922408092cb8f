"""Plain text as it is, but for the headings it underlines ("1. SUMMARY" over "----------", a title over "====="):
the underline is no text, and the line above it is a heading the layout marks. Other headings are still guessed by
the parser (the layout marks only these)."""

from __future__ import annotations

import re

from .layout import Layout

_UNDERLINE = re.compile(r"[ \t]*(?:={3,}|-{3,})[ \t]*")
HEADING_CHARS = 100  # a line longer than this over a rule is a paragraph's last line, not a heading


def read_plain(text: str) -> tuple[str, Layout]:
    """(text without its underlines, layout marking the headings they underlined)."""
    lines = text.split("\n")
    kept: list[str] = []
    headings: list[tuple[int, int, int]] = []
    offset = 0
    for number, line in enumerate(lines):
        above = _heading_above(lines, number)
        if above:  # (a title may take two lines: "LIVING WITH DAMP" / "Tenant and staff focus groups on …")
            start = offset - len(above) - 1 + (len(above) - len(above.lstrip()))
            headings.append((start, start + len(above.strip()), 1 if "=" in line else 2))
            continue
        kept.append(line)
        offset += len(line) + 1
    return "\n".join(kept), Layout(headings=tuple(headings))


def _heading_above(lines: list[str], number: int) -> str:
    """The one or two lines (as they stand, joined by a line break) that the rule at ``number`` underlines, after a
    blank line or the start; "" when ``number`` is no underline."""
    if not number or not _UNDERLINE.fullmatch(lines[number]):
        return ""
    for first in (number - 1, number - 2):
        block = lines[first:number]
        if first < 0 or not all(line.strip() and not _UNDERLINE.fullmatch(line) for line in block):
            return ""
        if (first == 0 or not lines[first - 1].strip()) and len(" ".join(block).strip()) <= HEADING_CHARS * len(block):
            return "\n".join(block)
    return ""
