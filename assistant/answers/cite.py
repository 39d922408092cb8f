"""Verify citations against the source text and render them. Pure text logic: no ML imports.

A citation is shown only if its quote is verbatim at its offsets in the source and the source attributes
that span to the cited respondent (or to no respondent, for narrative and unattributed quotes).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Protocol

from ..documents.prose import section_name
from ..documents.readers import PAGE_BREAK
from ..types import NARRATIVE, QUOTE, Citation, Passage

ELLIPSIS = "…"


def citation_for(passage: Passage, start: int | None = None, end: int | None = None) -> Citation:
    """A citation of ``passage``, or of the span ``[start, end)`` of the source inside it."""
    start = passage.start if start is None else start
    end = passage.end if end is None else end
    offset = start - passage.start
    page = None if passage.page is None else passage.page + passage.text.count(PAGE_BREAK, 0, offset)
    return Citation(
        label=passage.label, code=passage.code, area=passage.area, group=passage.group,
        quote=passage.text[offset:offset + (end - start)], source=passage.source, section=passage.section,
        start=start, end=end, passage_id=passage.passage_id, kind=passage.kind, document=passage.document, page=page,
        facets=passage.facets, person=passage.person,
    )


def verify_citation(citation: Citation, sources: Mapping[str, "Source"]) -> bool:
    """True when the quote is verbatim at its offsets and attributed in the source as the citation says.

    ``sources`` gives each source's text and where its quotes and narrative are: parsed documents
    (``ParsedDocument``), or the index's record of them (``search.shelf.IndexedSource``).
    """
    document = sources.get(citation.source)
    if document is None or not citation.quote or citation.end <= citation.start:
        return False
    if document.span(citation.start, citation.end) != citation.quote:
        return False
    if citation.kind == QUOTE:
        speaker = document.speaker_at(citation.start, citation.end)
        return speaker is not None and speaker == citation.code
    if citation.kind == NARRATIVE:
        return document.narrative_covers(citation.start, citation.end) and not citation.code
    return False


class Source(Protocol):
    """What verifying a citation needs to know of its source."""

    def span(self, start: int, end: int) -> str | None: ...

    def speaker_at(self, start: int, end: int) -> str | None: ...

    def narrative_covers(self, start: int, end: int) -> bool: ...


def verify_all(citations: Iterable[Citation], documents: Mapping[str, Source]) -> tuple[list[Citation], int]:
    """The citations that pass, and how many were dropped."""
    kept, dropped = [], 0
    for citation in citations:
        if verify_citation(citation, documents):
            kept.append(citation)
        else:
            dropped += 1
    return kept, dropped


def verified_blocks(blocks, documents: Mapping[str, Source]) -> tuple[list, int]:
    """The blocks with every quote and claim whose citation fails ``verify_citation`` left out (a block left
    empty goes too), and how many citations failed."""
    from dataclasses import replace

    from .blocks import Bullets, Comparison, Lead, Prevalence, Prose, Quotes, Themes

    failed = 0

    def ok(citation) -> bool:
        nonlocal failed
        good = verify_citation(citation, documents)
        failed += not good
        return good

    def quotes(items):
        return tuple(quote for quote in items if ok(quote.citation))

    def claims(items):
        return tuple(claim for claim in items if all(ok(c) for c in (*claim.citations, *claim.quotes)))

    kept = []
    for block in blocks:
        if isinstance(block, Lead):
            block = replace(block, claims=claims(block.claims))
            block = block if block.claims else None
        elif isinstance(block, Quotes):
            block = replace(block, quotes=quotes(block.quotes), weaker=quotes(block.weaker))
            block = block if block.quotes else None
        elif isinstance(block, Bullets):
            block = replace(block, items=claims(block.items))
            block = block if block.items else None
        elif isinstance(block, Themes):
            themes = tuple(replace(t, quotes=quotes(t.quotes)) for t in block.themes
                           if (claims((t.heading,)) if t.heading else quotes(t.quotes)))  # a code stands on its quotes
            block = replace(block, themes=themes) if themes else None
        elif isinstance(block, Comparison):
            block = replace(block, sides=tuple(replace(s, claims=claims(s.claims), quotes=quotes(s.quotes))
                                               for s in block.sides))
        elif isinstance(block, Prevalence):
            block = replace(block, examples=quotes(block.examples))
        elif isinstance(block, Prose):
            paragraphs = tuple(claims(p) for p in block.paragraphs)
            block = replace(block, paragraphs=tuple(p for p in paragraphs if p))
        if block is not None:
            kept.append(block)
    return kept, failed


def names_documents(citations: Iterable[Citation], shared_codes: Collection[str], listed: Iterable[str] = ()) -> bool:
    """Whether an answer's citations (and the codes it ``listed``, a count's) name their documents, in a library of
    several: a section could be any document's, and so could a code that respondents of several documents have
    (``shared_codes``: "P1" of two interviews); a code of one document says where it is from (a set of interviews, one
    file each: "[R3 volunteer]", not "[R3 volunteer, interview-03.txt]")."""
    return any(citation.kind == NARRATIVE or not citation.code or citation.code in shared_codes
               for citation in citations) or any(code in shared_codes for code in listed)


def render_label(citation: Citation, name_document: bool = False) -> str:
    """The inline form of a citation: ``[P07 Nurse]``, ``[R5]``, ``[unattributed]``, ``[§ Leadership]``; with
    the page for paged sources (``[P07 Nurse, p. 12]``) and, when asked, the document (``[P07 Nurse, year-3.pdf,
    p. 12]``)."""
    who = f"§ {section_name(citation.section) or citation.source}" if citation.kind == NARRATIVE else citation.label
    where = [citation.source] if name_document else []
    if citation.page is not None:
        where.append(f"p. {citation.page}")
    return f"[{', '.join([who, *where])}]"
