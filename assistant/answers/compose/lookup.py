"""A plain question: the report's own sentences that answer it, any list they lead into, and the extracts
that bear them out."""

from __future__ import annotations

from collections.abc import Sequence

from .grounds import (covered, decline_for, in_sections_of, named_section, section_pool, shows_what_it_introduces,
                     strong_narrative)
from ..blocks import Block, Bullets, Claim, Lead, Quotes
from ..evidence import RELATED_MARGIN, Evidence, lead_sentences, listed_under, rank_quotes
from ...text import content_tokens
from ...types import NARRATIVE, ScoredPassage


def lookup_answer(evidence: Evidence) -> list[Block]:
    """A plain question: the report's own sentences that answer it, and the extracts that bear it out."""
    coverage = covered(evidence)
    if not coverage.covered and not evidence.pinned:
        return decline_for(evidence, coverage)
    pinned = [item for item in evidence.pinned if item.passage.kind == NARRATIVE]
    narrative = pinned + strong_narrative(evidence)
    named = None if pinned else named_section(evidence, evidence.narrative())
    if named is not None:  # "What were the limitations of the study?": the section the report gave them, whose
        # sentences need not repeat its name (those of its sections, when it has no words of its own)
        narrative = section_pool(evidence, named) or section_pool(evidence, named, with_subsections=True)
    lead = lead_sentences(evidence, narrative, 3, needs_topic_words=named is None)
    quotes = evidence.quotes()
    if lead:
        quotes = _bearing_out(evidence, lead, quotes, max(evidence.relevance(item) for item in narrative))
    shown, weaker = rank_quotes(evidence, quotes, 3 if lead else evidence.max_quotes)
    lists = [(claim, points) for claim in lead if (points := listed_under(evidence, claim))]
    # one list at most, the one whose lead-in says most of what was asked; the others' lead-ins go with their lists
    introducing, points = max(lists, default=(None, []), key=lambda entry: evidence.weights.coverage(
        evidence.topic, content_tokens(entry[0].text)))
    unlisted = [claim for claim, _ in lists if claim is not introducing]
    listed = {_cited_at(point) for point in points}  # a point of the list shows once, in the list
    quoted = {quote.citation.passage_id for quote in shown}
    lead = [claim for claim in lead if _cited_at(claim) not in listed and not any(claim is other for other in unlisted)
            and (claim is introducing or shows_what_it_introduces(evidence, claim, narrative, quoted))]
    blocks: list[Block] = [Lead(tuple(lead))] if lead else []
    if points:
        blocks.append(Bullets(tuple(points)))
    if shown:
        blocks.append(Quotes(tuple(shown), "What interviewees said:" if lead else "", tuple(weaker)))
    return blocks or decline_for(evidence, coverage)




def _cited_at(claim: Claim) -> tuple[str, int]:
    """Where a claim's sentence stands: its document and offset."""
    return claim.citations[0].source, claim.citations[0].start


def _bearing_out(evidence: Evidence, lead: Sequence[Claim], quotes: Sequence[ScoredPassage], best_statement: float
                 ) -> list[ScoredPassage]:
    """The extracts of ``quotes`` that can bear out the report's ``lead`` sentences: those it quotes in the sections
    the sentences come from, and others only when they answer the question about as well as its best statement
    (within ``RELATED_MARGIN``). A question about what an earlier report flagged is answered from that report's
    summary, which quotes no one: the interviews quoted elsewhere near its words are not its evidence."""
    quoted_there = in_sections_of(lead)
    return [item for item in quotes if quoted_there(item.passage)
            or evidence.relevance(item) >= best_statement - RELATED_MARGIN]
