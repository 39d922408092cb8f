"""Read an answer's markdown back into what it shows (quotes, cited claims, uncited text) and find shown
text in the source. Pure text logic: the checks in ``metrics.py`` run on what a reader sees, not only on
the citation records, so a quote shown but not cited is still checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.answer import NO_ANSWER
from assistant.cite import ELLIPSIS
from assistant.corpus import ParsedDocument
from assistant.text import fold_with_offsets

LABEL = re.compile(r"\[(§ [^\]]+|[A-D]\d{2} (?:Police|Fire|Partner)|[A-D]\d{2}|FGD|unattributed)\]")
QUOTED = re.compile(r"“(?P<quote>.+?)”\s*(?:\[(?P<label>[^\]]+)\])?", re.DOTALL)
INLINE_QUOTED = re.compile(r"“([^”]+)”")
CODE_IN_LABEL = re.compile(r"^(?:([A-D]\d{2})\b|(FGD)$)")
BOILERPLATE = re.compile(r"^(?:_.*_|\*\*[^*]+\*\*|What interviewees said:|The findings include these extracts:)$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ShownQuote:
    """A quote as the reader sees it: the text between “ ” on a ``>`` line, and the label after it."""

    text: str
    label: str

    @property
    def fragments(self) -> list[str]:
        """The kept spans: the text cut at each "…", each of which must be verbatim in the source."""
        return [part.strip() for part in self.text.split(ELLIPSIS) if part.strip(" .,;:")]

    @property
    def code(self) -> str:
        return label_code(self.label)


@dataclass(frozen=True)
class Claim:
    """A piece of the answer and the label attached to it ("" when nothing cites it)."""

    text: str
    label: str
    is_quote: bool


def label_code(label: str) -> str:
    """The respondent code a label names: "B02 Police" -> "B02", "FGD" -> "FGD", others -> ""."""
    match = CODE_IN_LABEL.match(label.strip())
    return (match.group(1) or match.group(2)) if match else ""


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def shown_quotes(markdown: str) -> list[ShownQuote]:
    """Every quote shown in the answer: any text inside “ ” on a line starting with ">", and, in running text
    (as the LLM answerer writes), text inside “ ” followed by a respondent's label. Words in quote marks before
    a section label are the report's narrative, not a quote."""
    quotes = []
    for line in markdown.splitlines():
        if line.lstrip().startswith(">"):
            for match in QUOTED.finditer(line):
                quotes.append(ShownQuote(match.group("quote"), (match.group("label") or "").strip()))
            continue
        for match in INLINE_QUOTED.finditer(line):
            label = LABEL.match(line, match.end() + len(line[match.end():]) - len(line[match.end():].lstrip()))
            if label and not label.group(1).startswith("§"):
                quotes.append(ShownQuote(match.group(1), label.group(1)))
    return quotes


def answer_claims(markdown: str) -> list[Claim]:
    """The answer cut into claims, each with the label that follows it; text with no label is uncited."""
    claims: list[Claim] = []
    if markdown.strip().startswith(NO_ANSWER):
        return claims
    for paragraph in re.split(r"\n\s*\n", markdown):
        paragraph = paragraph.strip()
        if not paragraph or BOILERPLATE.match(paragraph):
            continue
        is_quote = paragraph.startswith(">")
        body = paragraph.lstrip("> ").strip()
        position = 0
        for match in LABEL.finditer(body):
            text = _claim_text(body[position:match.start()])
            if text:
                claims.append(Claim(text, match.group(1), is_quote))
            position = match.end()
        rest = _claim_text(body[position:])
        if rest and re.search(r"[A-Za-z]{3}", rest):
            claims.append(Claim(rest, "", is_quote))
    return claims


def _claim_text(text: str) -> str:
    return normalise_space(text.strip().strip("“”").strip())


@dataclass(frozen=True)
class Located:
    """Where a span was found: source name and character offsets."""

    source: str
    start: int
    end: int


class SourceText:
    """The parsed corpus, searchable with whitespace folded (an answer joins paragraphs of a quote)."""

    def __init__(self, documents: Mapping[str, ParsedDocument]) -> None:
        self.documents = dict(documents)
        self._folded: dict[str, tuple[str, list[int]]] = {}
        for source, document in self.documents.items():
            self._folded[source] = fold_with_offsets(document.text)

    def locate(self, span: str) -> list[Located]:
        """Every place ``span`` occurs verbatim (whitespace runs folded), in source order."""
        needle = normalise_space(span)
        found: list[Located] = []
        if not needle:
            return found
        for source, (folded, offsets) in self._folded.items():
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                found.append(Located(source, offsets[start], offsets[end - 1] + 1))
                start = folded.find(needle, start + 1)
        return found

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
