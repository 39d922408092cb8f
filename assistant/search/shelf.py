"""The library's documents on demand rather than all at start: parsed when something needs one (a citation opened in
its document), or, to verify a citation, only its text with the spans the index's passages say hold quotes and
narrative (``IndexedSources``: nothing parsed or read on the question path)."""

from __future__ import annotations

import functools
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..documents.attribution import AttributionStyle
from ..documents.corpus import ParsedDocument, parse_document
from ..types import NARRATIVE, QUOTE, Passage

KEPT = 16  # parsed documents held at once; the rest are read again from the index when next needed


class DocumentShelf(Mapping[str, ParsedDocument]):
    """Source name -> parsed document, for the sources in ``records`` (``index.SourceDocument``s, texts not
    needed); ``read_text(source)`` fetches a source's stored text."""

    def __init__(self, records: Mapping, read_text: Callable[[str], str | None]) -> None:
        self.records = dict(records)
        self._read_text = read_text
        self._parsed: OrderedDict[str, ParsedDocument] = OrderedDict()

    def __getitem__(self, source: str) -> ParsedDocument:
        if source in self._parsed:
            self._parsed.move_to_end(source)
            return self._parsed[source]
        record = self.records[source]  # KeyError for a source the library does not hold, as a dict would
        text = record.text or self._read_text(source)
        if text is None:  # removed since this shelf was made
            raise KeyError(source)
        parsed = parse_document(text, source, AttributionStyle(record.pattern or None), record.layout, record.title)
        self._parsed[source] = parsed
        if len(self._parsed) > KEPT:
            self._parsed.popitem(last=False)
        return parsed

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def title(self, source: str) -> str:
        """The document's title, without parsing it."""
        return self.records[source].title

    @functools.cached_property
    def _titles(self) -> Counter:
        return Counter(record.title for record in self.records.values())

    def shares_title(self, source: str) -> bool:
        """Whether another document of the library has this one's title."""
        return self._titles[self.title(source)] > 1


@dataclass(frozen=True)
class IndexedSource:
    """A source as citation checks need it (``answers.cite.Source``): where its passages lie, what they say (each
    passage's text is the source's text at its offsets, cut at ingest), and who speaks in each quote."""

    quotes: tuple[Passage, ...]
    narrative: tuple[Passage, ...]

    def span(self, start: int, end: int) -> str | None:
        """The source's text at ``[start, end)``, when one passage holds all of it."""
        holder = next((p for p in (*self.quotes, *self.narrative) if p.start <= start and end <= p.end), None)
        return holder.text[start - holder.start:end - holder.start] if holder else None

    def speaker_at(self, start: int, end: int) -> str | None:
        return next((p.code for p in self.quotes if p.start <= start and end <= p.end), None)

    def narrative_covers(self, start: int, end: int) -> bool:
        return any(p.start <= start and end <= p.end for p in self.narrative)


class IndexedSources(Mapping[str, IndexedSource]):
    """Source name -> ``IndexedSource``, from the index's passages: checking a citation reads nothing from disk."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages

    @functools.cached_property
    def _by_source(self) -> dict[str, IndexedSource]:
        spans: dict[str, tuple[list, list]] = {}
        for passage in self._passages:
            quotes, narrative = spans.setdefault(passage.source, ([], []))
            if passage.kind == QUOTE:
                quotes.append(passage)
            elif passage.kind == NARRATIVE:
                narrative.append(passage)
        return {source: IndexedSource(tuple(quotes), tuple(narrative)) for source, (quotes, narrative) in spans.items()}

    def __getitem__(self, source: str) -> IndexedSource:
        return self._by_source[source]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_source)

    def __len__(self) -> int:
        return len(self._by_source)
