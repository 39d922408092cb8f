"""Turn a parsed document into index passages: one per extract, and narrative in sentence windows.

A quote is never split from its code: each extract is a passage of its own, carrying its respondent.
Narrative is cut at sentence boundaries into windows of a few sentences, never inside an inline quote,
and is never attributed to a respondent.
"""

from __future__ import annotations

import copy
import hashlib
import threading
from collections.abc import Iterable, Sequence

from .attribution import Attribution
from .corpus import BULLET, PARAGRAPH, SECTION_SEPARATOR, ParsedDocument, split_sentences
from .readers import PAGE_BREAK, page_at
from .respondents import RespondentTable
from ..types import NARRATIVE, QUOTE, Passage

NARRATIVE_WINDOW_CHARS = 600


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
            respondent: Attribution | None = None) -> None:
        text = document.text[start:end]
        occurrence = seen.get((kind, text), 0)
        seen[(kind, text)] = occurrence + 1
        facets: dict[str, str] = dict(respondent.facets) if respondent else {}
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
        add(QUOTE, extract.start, extract.end, extract.section, extract.lead_in, extract.respondent)

    protected = [(extract.start - 1, extract.end + 1) for extract in document.extracts if extract.inline]
    intro = ""
    for block in document.blocks:
        if block.kind not in (PARAGRAPH, BULLET):
            continue
        context = intro if block.kind == BULLET else ""
        for start, end in _windows(document.text, block.start, block.end, window_chars, protected):
            add(NARRATIVE, start, end, block.section, context)
        if block.kind == PARAGRAPH:
            sentences = split_sentences(block.text)
            intro = block.text[sentences[-1][0]:sentences[-1][1]] if sentences else ""
    passages.sort(key=lambda passage: (passage.start, passage.kind != QUOTE))
    return passages


def embedding_text(passage: Passage) -> str:
    """What the embedding model reads: the passage with its place in the report and its lead-in."""
    section = passage.section.split(SECTION_SEPARATOR)[-1] if passage.section else ""
    parts = [section, passage.context, passage.text]
    if passage.kind == QUOTE:
        stands_for_several = dict(passage.facets).get("kind", "").lower() in ("group", "focus group")
        speaker = (passage.group or ("focus group" if stands_for_several else passage.code)) if passage.code \
            else "unattributed"
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


class ReadingOrder:
    """A library's passages in the order each document is read, for what that order says: the extracts a report
    places straight after a passage of its narrative are its own illustration of what that passage states."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages
        self._illustrations: dict[str, tuple[Passage, ...]] | None = None
        self._preceding: dict[str, Passage] = {}
        self._sections: dict[str, dict[str, list[Passage]]] = {}  # source -> section path -> its narrative
        self._excluded: frozenset[str] = frozenset()
        self._reading = threading.Lock()

    def excluding(self, passage_ids: Iterable[str]) -> "ReadingOrder":
        """The same order, with the passages ``passage_ids`` (already shown) left out of everything it returns."""
        self._read()
        view = copy.copy(self)
        view._excluded = self._excluded | frozenset(passage_ids)
        return view

    def _kept(self, passages: Iterable[Passage]) -> list[Passage]:
        return [passage for passage in passages if passage.passage_id not in self._excluded]

    def illustrations(self, passage: Passage) -> tuple[Passage, ...]:
        """The attributed extracts between ``passage`` and the next passage of narrative in its document."""
        self._read()
        return tuple(self._kept(self._illustrations.get(passage.passage_id, ())))

    def preceding(self, passage: Passage) -> Passage | None:
        """The passage of narrative before ``passage`` in its document (what introduces a list item)."""
        self._read()
        before = self._preceding.get(passage.passage_id)
        return before if before is not None and before.passage_id not in self._excluded else None

    def section(self, source: str, path: str) -> list[Passage]:
        """The passages of narrative in the section ``path`` of ``source`` (not in sections under it), in order."""
        self._read()
        return self._kept(self._sections.get(source, {}).get(path, []))

    def subsections(self, source: str, path: str) -> list[str]:
        """The paths of the sections directly under ``path`` in ``source``, in reading order."""
        self._read()
        prefix = f"{path}{SECTION_SEPARATOR}"
        children = (section[len(prefix):].split(SECTION_SEPARATOR)[0] for section in self._sections.get(source, {})
                    if section.startswith(prefix))
        return [f"{prefix}{child}" for child in dict.fromkeys(children)]

    def under(self, source: str, path: str) -> list[Passage]:
        """The passages of narrative in the section ``path`` of ``source`` and in the sections under it."""
        self._read()
        prefix = f"{path}{SECTION_SEPARATOR}"
        return self._kept(passage for section, passages in self._sections.get(source, {}).items()
                          if section == path or section.startswith(prefix) for passage in passages)

    def under_document(self, source: str) -> list[Passage]:
        """Every passage of narrative in ``source``, in reading order."""
        self._read()
        return self._kept(passage for passages in self._sections.get(source, {}).values() for passage in passages)

    def parents(self, source: str) -> list[str]:
        """The paths of the sections of ``source`` that hold sections of their own, in reading order."""
        self._read()
        paths = (section.split(SECTION_SEPARATOR) for section in self._sections.get(source, {}))
        return list(dict.fromkeys(SECTION_SEPARATOR.join(parts[:depth]) for parts in paths
                                  for depth in range(1, len(parts))))

    def _read(self) -> None:
        """Work the order out, once (on first use, or ahead on another thread: ``warm``)."""
        if self._illustrations is not None:
            return
        with self._reading:
            if self._illustrations is None:
                self._read_now()

    def warm(self) -> threading.Thread:
        """Work the order out on a background thread, so that the first question that needs it does not wait."""
        thread = threading.Thread(target=self._read, name="reading-order", daemon=True)
        thread.start()
        return thread

    def _read_now(self) -> None:
        found: dict[str, list[Passage]] = {}
        current: list[Passage] | None = None
        narrative: Passage | None = None
        for passage in sorted(self._passages, key=lambda passage: (passage.source, passage.start)):
            if narrative is not None and narrative.source != passage.source:
                current, narrative = None, None
            if passage.kind == NARRATIVE:
                self._sections.setdefault(passage.source, {}).setdefault(passage.section, []).append(passage)
                if narrative is not None:
                    self._preceding[passage.passage_id] = narrative
                current, narrative = found.setdefault(passage.passage_id, []), passage
            elif current is not None and passage.is_attributed:
                current.append(passage)
        self._illustrations = {passage_id: tuple(extracts) for passage_id, extracts in found.items() if extracts}
