"""What the parser found in a document — quotes attributed, respondents, groups, unattributed quotes — and
warnings when attribution looks wrong: quotes but no attributions (with the shapes seen after the quotes and the
setting to use), or a pattern that leaves attributions of another shape unread. Shown by ``assistant ingest`` and
the app's Reports panel, and stored with the document in the index. Pure logic.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from .attribution import AUTO_STYLE, AttributionStyle, is_closing_mark
from .corpus import ParsedDocument
from ..types import UNATTRIBUTED, Passage

PATTERN_HINT = ("set a pattern for it: `assistant ingest FILE --pattern REGEX`, or ASSISTANT_ATTRIBUTION_PATTERN "
                "for every report, with a named group `code`")


@dataclass(frozen=True)
class DocumentSummary:
    """One document's attributions, counted."""

    source: str
    title: str = ""
    quotes: int = 0  # extracts (quotes) found
    attributed: int = 0  # of which attributed to a respondent
    respondents: tuple[str, ...] = ()  # codes
    groups: tuple[str, ...] = ()
    transcript: bool = False
    pattern: str = ""  # the document's own attribution pattern, "" when learned
    warnings: tuple[str, ...] = field(default=())
    area_name: str | None = None  # what it calls the site letter of its codes ("" none; None: not recorded)
    described: int = 0  # unattributed quotes whose label says who spoke without a code…
    speakers: tuple[str, ...] = ()  # …as it says it: "Survey respondent"

    @property
    def unattributed(self) -> int:
        return self.quotes - self.attributed

    def line(self) -> str:
        """One line for the terminal: "12 quotes attributed to 5 respondents (groups: Nurse, Doctor); 1 not"."""
        groups = f" (groups: {', '.join(self.groups)})" if self.groups else ""
        kind = "transcript: " if self.transcript else ""
        described = f" ({self.described} credited to {', '.join(self.speakers)} without a code)" if self.described \
            else ""
        return (f"{kind}{self.attributed} quote(s) attributed to {len(self.respondents)} respondent(s){groups}; "
                f"{self.unattributed} unattributed{described}")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | None, source: str = "") -> "DocumentSummary":
        if not data:
            return cls(source)
        raw = json.loads(data)
        return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()})


def summarise(document: ParsedDocument, passages: Sequence[Passage], style: AttributionStyle = AUTO_STYLE,
              notes: Sequence[str] = ()) -> DocumentSummary:
    """Count what ``document`` attributes, and warn about what it seems to leave unattributed, after what its
    reader noted (``notes``: read as Windows-1252, little of a page read)."""
    quotes = [p for p in passages if p.kind == "quote"]
    attributed = [p for p in quotes if p.code]
    codes = tuple(dict.fromkeys(p.code for p in attributed))
    groups = Counter(p.group for p in attributed if p.group)
    warnings = list(notes)
    seen = document.candidates
    if not attributed and (seen.unattributed >= 3 or len(quotes) >= 3):
        shapes = _shapes(seen.shapes)
        warnings.append(
            f"{document.source}: {max(seen.unattributed, len(quotes))} quote(s) but no attribution was recognised"
            + (f"; after the quotes come {shapes}" if shapes else "")
            + f". If those name respondents, {PATTERN_HINT}."
        )
    elif attributed and seen.unattributed >= max(3, len(attributed)):
        shapes = _shapes(seen.shapes)
        warnings.append(
            f"{document.source}: {seen.unattributed} quote(s) have no attribution the parser recognised"
            + (f" (after them: {shapes})" if shapes else "") + f"; if they should, {PATTERN_HINT}."
        )
    if style.pattern:
        missed = _learned_but_unmatched(document, attributed)
        if missed:
            warnings.append(
                f"{document.source}: the attribution pattern does not match "
                + ", ".join(f"{written} (×{count})" for written, count in missed.most_common(5))
                + ", which follow quotes: widen it, or remove it to let the shapes be learned."
            )
    described = [p.label for p in quotes if not p.code and p.label != UNATTRIBUTED]
    return DocumentSummary(document.source, document.title, len(quotes), len(attributed), codes,
                           tuple(name for name, _ in groups.most_common()), document.transcript,
                           style.pattern or "", tuple(warnings), document.area_name, len(described),
                           tuple(dict.fromkeys(described)))


def _shapes(shapes: dict[str, list[str]]) -> str:
    ranked = sorted(shapes.items(), key=lambda item: -len(item[1]))[:3]
    return "; ".join(", ".join(examples) for _, examples in ranked)


def _learned_but_unmatched(document: ParsedDocument, attributed: Sequence[Passage]) -> Counter:
    """Attributions of a learned shape right after a closing quote mark that no extract ends at."""
    ends = {p.end for p in attributed}
    missed: Counter = Counter()
    text = document.text
    for site in AUTO_STYLE.sites(text):
        cursor = site.start - 1
        while cursor > 0 and (text[cursor].isspace() or text[cursor] in "*_.,;:"):
            cursor -= 1
        if cursor > 0 and is_closing_mark(text, cursor) and not any(cursor - 2 <= end <= cursor + 1 for end in ends):
            missed[site.attribution.as_written] += 1
    return missed
