"""The frozen data the assistant passes around; no ML imports here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUOTE = "quote"
NARRATIVE = "narrative"


@dataclass(frozen=True)
class Passage:
    """A unit of the index: one interview extract, or a piece of the authors' narrative.

    ``text`` is verbatim ``source[start:end]``; ``context`` is the narrative that leads into it (used for
    retrieval, never quoted). Respondent fields are empty for narrative and for unattributed quotes.
    """

    passage_id: str
    kind: str  # QUOTE | NARRATIVE
    text: str
    source: str
    section: str
    start: int
    end: int
    code: str = ""
    area: str = ""
    service: str = ""
    respondent_number: int | None = None
    context: str = ""
    document: str = ""  # the title of the report it comes from
    page: int | None = None  # the page it starts on, for paged formats (PDF)

    @property
    def label(self) -> str:
        """How a citation of this passage reads: "B02 Police", "FGD", "unattributed", or "§ Section"."""
        if self.kind == NARRATIVE:
            return f"§ {self.section or self.document or self.source}"
        if not self.code:
            return "unattributed"
        return f"{self.code} {self.service}".strip()

    @property
    def is_attributed(self) -> bool:
        return self.kind == QUOTE and bool(self.code)


@dataclass(frozen=True)
class ScoredPassage:
    """A retrieved passage with its fused score and the evidence behind it."""

    passage: Passage
    score: float
    dense_score: float = 0.0  # cosine similarity to the question, 0 when not ranked densely
    lexical_score: float = 0.0  # BM25 score, 0 when not ranked lexically


@dataclass(frozen=True)
class Citation:
    """A verified citation: ``quote`` is verbatim ``source[start:end]`` and belongs to ``code``."""

    label: str
    code: str
    area: str
    service: str
    quote: str
    source: str
    section: str
    start: int
    end: int
    passage_id: str
    kind: str
    document: str = ""  # the title of the report
    page: int | None = None  # the page the quote starts on, for paged formats (PDF)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Filters:
    """What narrows retrieval; each field is a tuple of allowed values, empty = any."""

    services: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    respondents: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    def merged(self, other: "Filters") -> "Filters":
        """Fields set here win; the rest come from ``other``."""
        mine, theirs = asdict(self), asdict(other)
        return Filters(**{name: mine[name] or theirs[name] for name in mine})

    def matches(self, passage: Passage) -> bool:
        checks = (
            (self.services, passage.service),
            (self.areas, passage.area),
            (self.respondents, passage.code),
            (self.kinds, passage.kind),
            (self.sections, passage.section),
            (self.sources, passage.source),
        )
        return all(not allowed or value in allowed for allowed, value in checks)

    def to_dict(self) -> dict[str, list[str]]:
        return {name: list(values) for name, values in asdict(self).items() if values}


@dataclass(frozen=True)
class Answer:
    """What ``Assistant.ask`` returns."""

    question: str
    answer: str  # markdown
    abstained: bool
    citations: tuple[Citation, ...]
    contexts: tuple[ScoredPassage, ...]
    filters: dict[str, list[str]] = field(default_factory=dict)
    filter_origin: dict[str, str] = field(default_factory=dict)  # field -> "argument" | "question"
    notes: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [citation.to_dict() for citation in self.citations],
            "contexts": [
                {
                    "passage_id": item.passage.passage_id,
                    "text": item.passage.text,
                    "score": round(item.score, 6),
                    "metadata": passage_metadata(item.passage),
                }
                for item in self.contexts
            ],
            "filters": self.filters,
            "filter_origin": self.filter_origin,
            "notes": list(self.notes),
            "timings_ms": self.timings_ms,
        }


def passage_metadata(passage: Passage) -> dict[str, Any]:
    """Flat metadata of a passage (Chroma stores scalars only, so absent values are "" or -1)."""
    return {
        "kind": passage.kind,
        "code": passage.code,
        "label": passage.label,
        "area": passage.area,
        "service": passage.service,
        "respondent_number": -1 if passage.respondent_number is None else passage.respondent_number,
        "section": passage.section,
        "source": passage.source,
        "document": passage.document,
        "start": passage.start,
        "end": passage.end,
        "context": passage.context,
        "page": -1 if passage.page is None else passage.page,
    }


def passage_from_metadata(passage_id: str, text: str, metadata: dict[str, Any]) -> Passage:
    """The inverse of ``passage_metadata``."""
    number = int(metadata.get("respondent_number", -1))
    page = int(metadata.get("page", -1))
    return Passage(
        passage_id=passage_id,
        kind=str(metadata["kind"]),
        text=text,
        source=str(metadata["source"]),
        section=str(metadata.get("section", "")),
        start=int(metadata["start"]),
        end=int(metadata["end"]),
        code=str(metadata.get("code", "")),
        area=str(metadata.get("area", "")),
        service=str(metadata.get("service", "")),
        respondent_number=None if number < 0 else number,
        context=str(metadata.get("context", "")),
        document=str(metadata.get("document", "")),
        page=None if page < 0 else page,
    )
