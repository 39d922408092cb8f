"""The library's documents, parsed when something needs one rather than all at start: a citation opened in its
document, a quote verified against its source, a phrase traced to its speaker."""

from __future__ import annotations

import functools
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping

from ..documents.attribution import AttributionStyle
from ..documents.corpus import ParsedDocument, parse_document

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
