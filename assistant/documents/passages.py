"""Turn a parsed document into index passages: one per extract, and narrative in sentence windows.

A quote is never split from its code: each extract is a passage of its own, carrying its respondent.
Narrative is cut at sentence boundaries into windows of a few sentences, never inside an inline quote,
and is never attributed to a respondent. A list of references is not the report's narrative: the titles of the
works it cites read like findings ("… perceptions of community health workers …") and were summarised as them.
"""

from __future__ import annotations

import hashlib
import re

from .attribution import Attribution
from .corpus import ParsedDocument
from .prose import SECTION_SEPARATOR, section_name, split_sentences
from .structure import BULLET, PARAGRAPH
from .readers import PAGE_BREAK, page_at
from .respondents import RespondentTable
from ..types import NARRATIVE, QUOTE, Passage

NARRATIVE_WINDOW_CHARS = 600
_WORDS = re.compile(r"[a-z]+")
# The names a document gives its list of the works it cites (the heading's words, whatever its numbering or marks).
REFERENCE_LISTS = frozenset({"references", "reference list", "bibliography", "works cited", "literature cited",
                             "cited literature", "sources cited"})


def passage_id(source: str, kind: str, text: str, occurrence: int = 0, section: str = "", context: str = "",
               speaker: str = "") -> str:
    """A stable id from the source and everything that is embedded: unchanged text keeps its id."""
    key = "\x1f".join((source, kind, section, context, text, str(occurrence), speaker))
    digest = hashlib.sha256(key.encode()).hexdigest()
    return digest[:24]


def build_passages(document: ParsedDocument, table: RespondentTable = RespondentTable(),
                   window_chars: int = NARRATIVE_WINDOW_CHARS) -> list[Passage]:
    """All passages of a document, in reading order (extracts first within their place in the text); the
    respondents ``table`` adds to or corrects what each attribution says of its respondent."""
    passages: list[Passage] = []
    seen: dict[tuple[str, str], int] = {}
    paged = PAGE_BREAK in document.text

    def add(kind: str, start: int, end: int, section: str, context: str = "",
            respondent: Attribution | None = None, speaker: str = "") -> None:
        text = document.text[start:end]
        occurrence = seen.get((kind, text), 0)
        seen[(kind, text)] = occurrence + 1
        facets: dict[str, str] = dict(respondent.facets) if respondent else {"speaker": speaker} if speaker else {}
        group, area = (respondent.group, respondent.area) if respondent else ("", "")
        if respondent is not None:
            corrections = table.facets_for(document.source, respondent.code)
            group = corrections.pop("group", "") or group
            area = corrections.pop("area", "") or area
            facets.update(corrections)
        passages.append(Passage(
            passage_id=passage_id(document.source, kind, text, occurrence, section, context, group or ""),
            kind=kind, text=text, source=document.source, section=section, start=start, end=end,
            code=respondent.code if respondent else "", area=area, group=group, facets=tuple(sorted(facets.items())),
            context=context, document=document.title,
            page=page_at(document.text, start) if paged else None,
        ))

    for extract in document.extracts:
        add(QUOTE, extract.start, extract.end, extract.section, extract.lead_in, extract.respondent, extract.speaker)

    protected = [(extract.start - 1, extract.end + 1) for extract in document.extracts if extract.inline]
    intro, intro_section = "", ""
    for block in document.blocks:
        if block.kind not in (PARAGRAPH, BULLET) or lists_references(block.section):
            continue
        # a list's lead-in is the paragraph before it in its own section; one straight under a heading is led into by
        # the heading ("Recommendations"), not by the last sentence of the section before
        context = (intro if intro_section == block.section else section_name(block.section)) \
            if block.kind == BULLET else ""
        for start, end in _windows(document.text, block.start, block.end, window_chars, protected):
            add(NARRATIVE, start, end, block.section, context)
        if block.kind == PARAGRAPH:
            sentences = split_sentences(block.text)
            intro = block.text[sentences[-1][0]:sentences[-1][1]] if sentences else ""
            intro_section = block.section
    passages.sort(key=lambda passage: (passage.start, passage.kind != QUOTE))
    return passages


def lists_references(section: str) -> bool:
    """Whether the section (a path: "References › Web sources") is, or is in, the document's list of references."""
    return any(" ".join(_WORDS.findall(part.lower())) in REFERENCE_LISTS for part in section.split(SECTION_SEPARATOR))


def embedding_text(passage: Passage) -> str:
    """What the embedding model reads: the passage with its place in the report and its lead-in."""
    section = section_name(passage.section)
    parts = [section, passage.context if passage.context != section else "", passage.text]  # (a list's heading once)
    if passage.kind == QUOTE:
        stands_for_several = dict(passage.facets).get("kind", "").lower() in ("group", "focus group")
        speaker = (passage.group or ("focus group" if stands_for_several else passage.code)) if passage.code \
            else passage.label
        parts.insert(2, f"Interviewee ({speaker}):")
    return "\n".join(part for part in parts if part)


def _windows(text: str, start: int, end: int, limit: int, protected: list[tuple[int, int]]):
    """Group sentences of ``text[start:end]`` into windows of at most ``limit`` characters.

    A boundary that falls inside a protected span (an inline quote and its code) is not a boundary.
    """
    boundaries = [start + s for s, _ in split_sentences(text[start:end])][1:]
    boundaries = [b for b in boundaries if not any(low < b < high for low, high in protected)]
    cuts = [start, *boundaries, end]
    window_start = start
    for previous, cut in zip(cuts, cuts[1:]):
        if cut - window_start > limit and previous > window_start:
            yield window_start, _rstrip(text, window_start, previous)
            window_start = previous
    yield window_start, _rstrip(text, window_start, end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
