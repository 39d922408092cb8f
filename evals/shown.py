"""What an answer shows, read from its structure (``Answer.to_dict()["blocks"]``), never from its Markdown: the
quotes with their citations, and the claims with the citations they rest on. And the sources, searchable, to
check any of it against. Pure logic: no ML.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.documents.corpus import ParsedDocument
from assistant.text import fold, fold_with_offsets


@dataclass(frozen=True)
class ShownQuote:
    """A quote as shown: its verbatim span (``text``), where the citation says it is, and who it is credited to."""

    text: str
    code: str
    label: str
    source: str
    start: int
    end: int
    kind: str = "quote"


@dataclass(frozen=True)
class Claim:
    """A sentence the answer asserts, the citations it rests on, and whether it is the report's own words."""

    text: str
    citations: tuple[dict[str, Any], ...]
    verbatim: bool

    @property
    def label(self) -> str:
        return " ".join(citation.get("label", "") for citation in self.citations)


def _quote(citation: dict[str, Any]) -> ShownQuote:
    return ShownQuote(citation["quote"], citation.get("code", ""), citation.get("label", ""), citation["source"],
                      int(citation["start"]), int(citation["end"]), citation.get("kind", "quote"))


def _claims(block: dict[str, Any]) -> Iterator[dict[str, Any]]:
    kind = block.get("type")
    if kind == "lead":
        yield from block["claims"]
    elif kind == "bullets":
        yield from block["items"]
    elif kind == "themes":
        yield from (theme["heading"] for theme in block["themes"] if theme["heading"])
    elif kind == "comparison":
        yield from (claim for side in block["sides"] for claim in side["claims"])
    elif kind == "prose":
        yield from (claim for paragraph in block["paragraphs"] for claim in paragraph)


def _quotes(block: dict[str, Any]) -> Iterator[dict[str, Any]]:
    kind = block.get("type")
    if kind == "quotes":
        yield from block["quotes"]
    elif kind == "themes":
        yield from (quote for theme in block["themes"] for quote in theme["quotes"])
    elif kind == "comparison":
        yield from (quote for side in block["sides"] for quote in side["quotes"])
    elif kind == "prevalence":
        yield from block["examples"]


def shown_quotes(answer: dict[str, Any]) -> list[ShownQuote]:
    """Every interview extract the answer shows (weaker matches folded away are not shown), and every span a
    written sentence quotes."""
    quotes = [_quote(item["citation"]) for block in answer.get("blocks", []) for item in _quotes(block)]
    for block in answer.get("blocks", []):
        for claim in _claims(block):
            quotes.extend(_quote(citation) for citation in claim.get("quotes", []))
    return quotes


def answer_claims(answer: dict[str, Any]) -> list[Claim]:
    """Every claim of the answer with its citations."""
    return [Claim(claim["text"], tuple(claim.get("citations", [])), bool(claim.get("verbatim", True)))
            for block in answer.get("blocks", []) for claim in _claims(block)]


def cited(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """Every citation the answer shows."""
    return list(answer.get("citations", []))


@dataclass(frozen=True)
class Located:
    """Where a span was found: source name and character offsets."""

    source: str
    start: int
    end: int


class SourceText:
    """The parsed library, searchable with whitespace folded (a gold span may cross a line break)."""

    def __init__(self, documents: Mapping[str, ParsedDocument]) -> None:
        self.documents = dict(documents)
        self._folded: dict[str, tuple[str, list[int]]] = {}
        for source, document in self.documents.items():
            self._folded[source] = fold_with_offsets(document.text, case_and_marks=False)

    def locate(self, span: str, source: str | None = None) -> list[Located]:
        """Every place ``span`` occurs verbatim (whitespace runs folded), in source order; only in ``source``
        when given."""
        needle = fold(span, case_and_marks=False)
        found: list[Located] = []
        if not needle:
            return found
        for name, (folded, offsets) in self._folded.items():
            if source and name != source:
                continue
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                found.append(Located(name, offsets[start], offsets[end - 1] + 1))
                start = folded.find(needle, start + 1)
        return found

    def text_at(self, source: str, start: int, end: int) -> str | None:
        document = self.documents.get(source)
        return None if document is None else document.text[start:end]

    def extract_code_at(self, source: str, start: int, end: int) -> str | None:
        """The respondent code of the extract holding ``[start, end)``: "" when unattributed, None when the
        span is not inside an interview extract."""
        for extract in self.documents[source].extracts:
            if extract.start <= start and end <= extract.end:
                return extract.respondent.code if extract.respondent else ""
        return None

    def block_span(self, source: str, position: int) -> tuple[int, int] | None:
        """The offsets of the block (paragraph, bullet or quote) that holds ``position``."""
        blocks = self.documents[source].blocks
        starts = [block.start for block in blocks]
        index = bisect_right(starts, position) - 1
        if index >= 0 and blocks[index].start <= position < blocks[index].end:
            return blocks[index].start, blocks[index].end
        return None
