"""An answer's sources, numbered [1], [2], … in the order the answer first cites them. Citations of the same or
overlapping text in one document share a number, so the list under an answer never repeats a sentence. Pure
logic: no streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..answers.cite import render_label
from ..types import NARRATIVE, Citation


@dataclass(frozen=True)
class Source:
    """One numbered source: the citation shown for it, and the other citations folded into it."""

    number: int
    citation: Citation
    folded: tuple[Citation, ...] = ()

    @property
    def label(self) -> str:
        """ "[1] P07 Nurse", "[2] § Access to care" """
        return f"[{self.number}] {render_label(self.citation).strip('[]')}"


class SourceNumbers:
    """The numbering of one answer's citations."""

    def __init__(self, citations: Iterable[Citation]):
        self.sources: list[Source] = []
        self._number: dict[tuple[str, int, int], int] = {}
        for citation in citations:
            key = _key(citation)
            if key in self._number:
                continue
            same = next((s for s in self.sources if _overlap(s.citation, citation)), None)
            if same is None:
                self.sources.append(Source(len(self.sources) + 1, citation))
                self._number[key] = len(self.sources)
            else:
                self.sources[same.number - 1] = Source(same.number, same.citation, (*same.folded, citation))
                self._number[key] = same.number

    def number(self, citation: Citation) -> int | None:
        return self._number.get(_key(citation))

    def marker(self, citation: Citation, name_document: bool = False) -> str:
        """How the answer cites: "[3]" for the report's narrative, "— P07 Nurse [1]" for a quote (its code stays in
        the text, as a briefing needs); the plain label for a citation not numbered here."""
        number = self.number(citation)
        if number is None:
            return render_label(citation, name_document)
        if citation.kind == NARRATIVE:
            return f"[{number}]"
        return f"— {render_label(citation, name_document).strip('[]')} [{number}]"


def _key(citation: Citation) -> tuple[str, int, int]:
    return citation.source, citation.start, citation.end


def _overlap(a: Citation, b: Citation, share: float = 0.5) -> bool:
    """The same text: one document and speaker, and spans overlapping by at least ``share`` of the shorter."""
    if (a.source, a.kind, a.code) != (b.source, b.kind, b.code):
        return False
    common = min(a.end, b.end) - max(a.start, b.start)
    return common > 0 and common >= share * min(a.end - a.start, b.end - b.start)


def numbered(citations: Sequence[Citation]) -> list[Source]:
    return SourceNumbers(citations).sources
