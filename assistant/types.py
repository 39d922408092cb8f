"""The frozen data the assistant passes around; no ML imports here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

QUOTE = "quote"
NARRATIVE = "narrative"
UNATTRIBUTED = "unattributed"  # how a quote with no respondent code and no speaker named is cited


@dataclass(frozen=True, slots=True)  # slots: a library holds a hundred thousand of these
class Passage:
    """A unit of the index: one interview extract, or a piece of the authors' narrative.

    ``text`` is verbatim ``source[start:end]``; ``context`` is the narrative (or interviewer question) that leads
    into it (used for retrieval, never quoted). Respondent fields are empty for narrative and unattributed quotes;
    ``group`` and ``area`` are the report's own words, ``facets`` any other parts of the attribution.
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
    group: str = ""
    facets: tuple[tuple[str, str], ...] = ()
    context: str = ""
    document: str = ""  # the title of the report it comes from
    page: int | None = None  # the page it starts on, for paged formats (PDF)
    person: str = ""  # whom another document quotes too (their key there: ``people``), when the library joins them

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, name) for name in _PASSAGE_FIELDS)

    def __setstate__(self, state: tuple) -> None:
        # what pickle calls for each of a large library's passages in its snapshot: the dataclass default looks
        # the fields up again for every object (1.7 s for 100,000 passages, against 0.3 s here)
        for name, value in zip(_PASSAGE_FIELDS, state):
            object.__setattr__(self, name, value)

    @property
    def label(self) -> str:
        """How a citation of this passage reads: "P07 Nurse", "P20", "unattributed" (or who the report says spoke,
        without a code: "Survey respondent"), or "§ Section"."""
        if self.kind == NARRATIVE:
            return f"§ {self.section or self.document or self.source}"
        if not self.code:
            return dict(self.facets).get("speaker") or UNATTRIBUTED
        return respondent_label(self.code, self.group, self.facets, self.area)

    @property
    def is_attributed(self) -> bool:
        return self.kind == QUOTE and bool(self.code)

    @property
    def respondent(self) -> str:
        """The respondent's key (document and code), "" when none: codes are unique only within a document, unless
        the library's documents are of one study and name one person alike (``documents.people``)."""
        if not self.is_attributed:
            return ""
        return self.person or f"{self.source}::{self.code}"


_PASSAGE_FIELDS = tuple(Passage.__dataclass_fields__)


def texts_of(passages: Sequence[Passage]) -> Iterator[str]:
    """The texts of ``passages``, in order: read together when their class keeps its texts on disk and says how
    (a ``texts_of`` of its own, as ``search.stored_texts.StoredPassage`` has), else one by one."""
    read_together = getattr(type(passages[0]), "texts_of", None) if passages else None
    return read_together(passages) if read_together else (passage.text for passage in passages)


def respondent_label(code: str, group: str = "", facets: tuple[tuple[str, str], ...] = (), area: str = "") -> str:
    """ "P07 Nurse", "P20", "Response 112 individual, Westby", "Site H · Consultant 3": the code, its group unless
    the code holds it, the place they are when it is named (not a letter or number the code holds), the speaker."""
    label = f"{code} {group}".strip() if group and group.lower() not in code.lower() else code
    if is_place_name(area) and area.lower() not in label.lower():
        label = f"{label}, {area}"
    speaker = dict(facets).get("speaker", "")
    return f"{label} · {speaker}" if speaker and speaker != code else label


def is_place_name(area: str) -> bool:
    """Whether an area is called by a name ("Hillview", "North Ward"), not by a letter or number ("B", "3") that reads
    only after the document's word for its areas ("Area B")."""
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z'’ -]{2,}", area))


def place_in_details(facets: tuple[tuple[str, str], ...], areas: set[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The one place of ``areas`` that an attribution's detail names, and its facets without it: "Redwick" of "aged
    12, Redwick" (the detail left "aged 12"), or of "Redwick hub" and "Castlemere secondary school" (left whole: where
    there the speaker is); ("", facets) when none does."""
    for number, (kind, value) in enumerate(facets):
        if kind != "detail":
            continue
        parts = [part.strip() for part in value.split(",")]
        named = [part for part in parts if part in areas]
        if len(named) == 1:
            rest = ", ".join(part for part in parts if part != named[0])
            return named[0], facets[:number] + ((("detail", rest),) if rest else ()) + facets[number + 1:]
        leading = [area for area in areas  # (a prefix test: a library's thousands of details, at its snapshot)
                   if value.startswith(f"{area} ") and value[len(area) + 1:len(area) + 2].islower()]
        if len(leading) == 1:
            return leading[0], facets
    return "", facets


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
    group: str
    quote: str
    source: str
    section: str
    start: int
    end: int
    passage_id: str
    kind: str
    document: str = ""  # the title of the report
    page: int | None = None  # the page the quote starts on, for paged formats (PDF)
    facets: tuple[tuple[str, str], ...] = ()
    person: str = ""  # whom another document quotes too (``Passage.person``): one voice, whichever document quotes them

    @property
    def respondent(self) -> str:
        """The cited respondent's key (document and code; the person's, when another document quotes them too), ""
        for narrative and unattributed quotes."""
        return (self.person or f"{self.source}::{self.code}") if self.code else ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["facets"] = dict(self.facets)
        data["respondent"] = self.respondent
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Citation":
        fields = {name: data[name] for name in cls.__dataclass_fields__ if name in data and name != "facets"}
        return cls(**fields, facets=tuple(dict(data.get("facets") or {}).items()))


@dataclass(frozen=True)
class Filters:
    """What narrows retrieval; each field is a tuple of allowed values, empty = any. ``respondents`` holds
    respondent keys (``Passage.respondent``), ``sources`` file names."""

    groups: tuple[str, ...] = ()
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
            (self.groups, passage.group),
            (self.areas, passage.area),
            (self.respondents, passage.respondent),
            (self.kinds, passage.kind),
            (self.sections, passage.section),
            (self.sources, passage.source),
        )
        return all(not allowed or value in allowed for allowed, value in checks)

    def to_dict(self) -> dict[str, list[str]]:
        return {name: list(values) for name, values in asdict(self).items() if values}


def passage_metadata(passage: Passage) -> dict[str, Any]:
    """Flat metadata of a passage (Chroma stores scalars only, so absent values are "" or -1)."""
    return {
        "kind": passage.kind,
        "code": passage.code,
        "label": passage.label,
        "area": passage.area,
        "group": passage.group,
        "facets": json.dumps(dict(passage.facets), ensure_ascii=False) if passage.facets else "",
        "respondent": passage.respondent,
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
    page = int(metadata.get("page", -1))
    facets = metadata.get("facets") or ""
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
        group=str(metadata.get("group", "")),
        facets=tuple(json.loads(facets).items()) if facets else (),
        context=str(metadata.get("context", "")),
        document=str(metadata.get("document", "")),
        page=None if page < 0 else page,
    )
