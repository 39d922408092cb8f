"""An answer as a structured document: blocks of cited evidence, laid out once as styled lines (``lines``) and
written by one renderer per surface (chat and Markdown in ``markdown``, Word in ``presentation.export``, JSON
here). Exports and evals read the blocks; nothing parses rendered text back. Pure data: no ML.

    Lead        sentences of the report's narrative that answer the question, each cited
    Quotes      interview extracts on the question, best first; weaker matches kept apart
    Themes      2–6 themes, each headed by the report's sentence that states it, with its quotes and counts
    Comparison  one column per group (or area): what each said, and a plain note when a side has nothing
    Prevalence  who spoke to a topic: n of N respondents, by group, the codes, and a caveat
    Bullets     a summary: the report's own summary sentences, as many as asked for
    Prose       sentences written by a language model, each checked against its cited passages
    Notes       what the user should know: how the question was read, corrections
    Decline     the findings don't cover the question, and why
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from ..types import Citation

NO_ANSWER = "The findings don't cover this."  # how every decline begins, in code, prompts and tests


@dataclass(frozen=True)
class Quote:
    """A verbatim span shown as a quote; ``before``/``after`` are "…" when the span is cut from a longer extract."""

    citation: Citation
    before: str = ""
    after: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"citation": self.citation.to_dict(), "trimmed_before": bool(self.before),
                "trimmed_after": bool(self.after)}


@dataclass(frozen=True)
class Claim:
    """A sentence of the answer with the citations it rests on. ``verbatim``: the text is its single citation's
    quote (the report's own words); otherwise it was written (by a language model) and checked."""

    text: str
    citations: tuple[Citation, ...]
    verbatim: bool = True
    flagged: bool = False  # shown marked as not supported by its citations (the LLM 'flag' policy)
    quotes: tuple[Citation, ...] = ()  # spans quoted inside a written sentence, verified verbatim

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_dict() for c in self.citations], "verbatim": self.verbatim,
                "flagged": self.flagged, "quotes": [c.to_dict() for c in self.quotes]}


NO_GROUP = "(no group)"  # how respondents the library groups by nothing are counted…
NO_AREA = "(no area)"  # …and those of no area, when a count is by area


@dataclass(frozen=True)
class GroupCount:
    """How many respondents of a group spoke to a topic, of how many in scope."""

    group: str
    spoke: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "spoke": self.spoke, "total": self.total}


@dataclass(frozen=True)
class Lead:
    claims: tuple[Claim, ...]
    kind: str = "lead"


@dataclass(frozen=True)
class Quotes:
    quotes: tuple[Quote, ...]
    title: str = ""
    weaker: tuple[Quote, ...] = ()  # matches below the relevance cut-off: counted, not shown by default
    by_document: bool | None = None  # headed by document (separate studies), else by group; None: as the quotes say
    listed: bool = False  # asked for as points ("in three bullet points"): one each
    ranked: bool = True  # best first, the rest weaker matches; else in order, the rest more of the same ("What did …")
    kind: str = "quotes"


@dataclass(frozen=True)
class Theme:
    heading: Claim | None  # the report's own sentence that best states the theme; None for a code (its label)
    quotes: tuple[Quote, ...]
    respondents: int  # who spoke to it (n) …
    total: int  # … of N respondents in scope
    by_group: tuple[GroupCount, ...] = ()
    label: str = ""  # a short name, when one is known (a section)
    support: tuple[Claim, ...] = ()  # the report's next sentence on it, when no extract is shown for it


@dataclass(frozen=True)
class Themes:
    themes: tuple[Theme, ...]
    kind: str = "themes"


@dataclass(frozen=True)
class Side:
    """One column of a comparison."""

    name: str  # the group or area, in the report's words, or the respondent's code
    facet: str  # "group" | "area" | "respondent" | "source" (a document)
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    respondents: int
    total: int
    note: str = ""  # e.g. "No extract from Pharmacist speaks to this."
    label: str = ""  # how it is headed, when not by its name alone ("Area B")

    @property
    def heading(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Comparison:
    sides: tuple[Side, ...]
    topic: str = ""
    kind: str = "comparison"


@dataclass(frozen=True)
class Respondent:
    key: str
    code: str
    group: str
    document: str


@dataclass(frozen=True)
class Prevalence:
    topic: str
    count: int
    total: int
    by_group: tuple[GroupCount, ...]
    respondents: tuple[Respondent, ...]
    examples: tuple[Quote, ...] = ()
    caveat: str = ""
    beside_figure: bool = False  # after the report's own count of the people: what its quotes add, not the answer
    kind: str = "prevalence"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Claim, ...]
    title: str = ""
    kind: str = "bullets"


@dataclass(frozen=True)
class Prose:
    paragraphs: tuple[tuple[Claim, ...], ...]
    kind: str = "prose"


@dataclass(frozen=True)
class Notes:
    texts: tuple[str, ...]
    kind: str = "notes"


@dataclass(frozen=True)
class Decline:
    """The answer is ``NO_ANSWER``, for the ``reasons`` given (no respondent Z77; a filter that excludes the group
    asked about; nothing on the topic, with the nearest topics that are covered)."""

    reasons: tuple[str, ...] = ()
    kind: str = "decline"


Block = Union[Lead, Quotes, Themes, Comparison, Prevalence, Bullets, Prose, Notes, Decline]


def claims_of(block: Block) -> list[Claim]:
    """The sentences a block asserts (quotes assert only themselves and are not claims)."""
    if isinstance(block, Lead):
        return list(block.claims)
    if isinstance(block, Bullets):
        return list(block.items)
    if isinstance(block, Themes):
        return [claim for theme in block.themes
                for claim in ((theme.heading,) if theme.heading else ()) + theme.support]
    if isinstance(block, Comparison):
        return [claim for side in block.sides for claim in side.claims]
    if isinstance(block, Prose):
        return [claim for paragraph in block.paragraphs for claim in paragraph]
    return []


def quotes_of(block: Block, weaker: bool = False) -> list[Quote]:
    """The interview extracts a block shows (with ``weaker``, also those it keeps folded away)."""
    if isinstance(block, Quotes):
        return list(block.quotes) + (list(block.weaker) if weaker else [])
    if isinstance(block, Themes):
        return [quote for theme in block.themes for quote in theme.quotes]
    if isinstance(block, Comparison):
        return [quote for side in block.sides for quote in side.quotes]
    if isinstance(block, Prevalence):
        return list(block.examples)
    return []


def citations_of(blocks: tuple[Block, ...] | list[Block]) -> list[Citation]:
    """Every citation the blocks show, in reading order, each span once."""
    seen: dict[tuple[str, int, int], Citation] = {}
    for block in blocks:
        for claim in claims_of(block):
            for citation in (*claim.citations, *claim.quotes):
                seen.setdefault((citation.source, citation.start, citation.end), citation)
        for quote in quotes_of(block):
            seen.setdefault((quote.citation.source, quote.citation.start, quote.citation.end), quote.citation)
    return list(seen.values())


def block_from_dict(data: dict[str, Any]) -> Block:
    """The inverse of ``block_to_dict``."""
    def citation(item) -> Citation:
        return Citation.from_dict(item)

    def quote(item) -> Quote:
        return Quote(citation(item["citation"]), "…" if item.get("trimmed_before") else "",
                     "…" if item.get("trimmed_after") else "")

    def claim(item) -> Claim:
        return Claim(item["text"], tuple(map(citation, item.get("citations", []))), bool(item.get("verbatim", True)),
                     bool(item.get("flagged", False)), tuple(map(citation, item.get("quotes", []))))

    def counts(items) -> tuple[GroupCount, ...]:
        return tuple(GroupCount(c["group"], c["spoke"], c["total"]) for c in items)

    kind = data.get("type")
    if kind == "lead":
        return Lead(tuple(map(claim, data["claims"])))
    if kind == "quotes":
        return Quotes(tuple(map(quote, data["quotes"])), data.get("title", ""),
                      tuple(map(quote, data.get("weaker", []))), data.get("by_document"), bool(data.get("listed")),
                      bool(data.get("ranked", True)))
    if kind == "themes":
        return Themes(tuple(Theme(claim(t["heading"]) if t.get("heading") else None, tuple(map(quote, t["quotes"])),
                                  t["respondents"], t["total"],
                                  counts(t.get("by_group", [])), t.get("label", ""),
                                  tuple(map(claim, t.get("support", [])))) for t in data["themes"]))
    if kind == "comparison":
        return Comparison(tuple(Side(s["name"], s["facet"], tuple(map(claim, s["claims"])), tuple(map(quote, s["quotes"])),
                                     s["respondents"], s["total"], s.get("note", ""), s.get("label", ""))
                               for s in data["sides"]),
                          data.get("topic", ""))
    if kind == "prevalence":
        return Prevalence(data["topic"], data["count"], data["total"], counts(data["by_group"]),
                          tuple(Respondent(**person) for person in data["respondents"]),
                          tuple(map(quote, data.get("examples", []))), data.get("caveat", ""),
                          data.get("beside_figure", False))
    if kind == "bullets":
        return Bullets(tuple(map(claim, data["items"])), data.get("title", ""))
    if kind == "prose":
        return Prose(tuple(tuple(map(claim, paragraph)) for paragraph in data["paragraphs"]))
    if kind == "decline":
        return Decline(tuple(data.get("reasons", [])))
    return Notes(tuple(data.get("texts", [])))


def block_to_dict(block: Block) -> dict[str, Any]:
    """A block as JSON-ready data, with a ``type``."""
    if isinstance(block, Lead):
        return {"type": "lead", "claims": [claim.to_dict() for claim in block.claims]}
    if isinstance(block, Quotes):
        return {"type": "quotes", "title": block.title, "quotes": [q.to_dict() for q in block.quotes],
                "weaker": [q.to_dict() for q in block.weaker], "by_document": block.by_document,
                "listed": block.listed, "ranked": block.ranked}
    if isinstance(block, Themes):
        return {"type": "themes", "themes": [
            {"label": theme.label, "heading": theme.heading.to_dict() if theme.heading else None,
             "quotes": [q.to_dict() for q in theme.quotes],
             "respondents": theme.respondents, "total": theme.total,
             "by_group": [count.to_dict() for count in theme.by_group],
             "support": [claim.to_dict() for claim in theme.support]} for theme in block.themes]}
    if isinstance(block, Comparison):
        return {"type": "comparison", "topic": block.topic, "sides": [
            {"name": side.name, "facet": side.facet, "claims": [c.to_dict() for c in side.claims],
             "quotes": [q.to_dict() for q in side.quotes], "respondents": side.respondents, "total": side.total,
             "note": side.note, "label": side.label} for side in block.sides]}
    if isinstance(block, Prevalence):
        return {"type": "prevalence", "topic": block.topic, "count": block.count, "total": block.total,
                "by_group": [count.to_dict() for count in block.by_group],
                "respondents": [vars(person) for person in block.respondents],
                "examples": [q.to_dict() for q in block.examples], "caveat": block.caveat,
                "beside_figure": block.beside_figure}
    if isinstance(block, Bullets):
        return {"type": "bullets", "title": block.title, "items": [claim.to_dict() for claim in block.items]}
    if isinstance(block, Prose):
        return {"type": "prose", "paragraphs": [[claim.to_dict() for claim in paragraph]
                                                for paragraph in block.paragraphs]}
    if isinstance(block, Decline):
        return {"type": "decline", "reasons": list(block.reasons)}
    return {"type": "notes", "texts": list(block.texts)}
