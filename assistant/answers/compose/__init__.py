"""Compose an extractive answer in the form the question asks for: what people said (quotes), themes, a
comparison, a count (prevalence), a figure, a summary, or a plain lookup. No LLM, no key: every sentence and quote
shown is the report's own, cited.

Question forms are generic English (``query``); the groups, codes and areas come from the library. Whether the
findings cover a question is decided by ``coverage.judge`` from the evidence, and a decline says why. One module
per form; ``grounds`` holds what they all draw on, ``scope`` who the question asks about.
"""

from __future__ import annotations

import dataclasses

from .comparison import comparison_answer
from .counts import prevalence_answer, quantity_answer
from .lookup import lookup_answer
from .method import method_answer
from .quotes import QUOTES_ASKED_MAX, quotes_answer
from .summary import SUMMARY_MAX, summary_answer
from .grounds import THEMES_MAX, THEMES_USUAL
from .themes import coded_themes, key_themes, themes_answer
from ..blocks import Block, Bullets, Decline, Lead, Notes, Quotes, citations_of
from ..evidence import Evidence
from ..query import (COMPARISON, PREVALENCE, QUOTES, SUMMARY, THEMES, asks_for_recommendations,
                     asks_how_the_study_was_done)
from ...types import QUOTE

# The most points of each form an answer gives, however many are asked for (a report's recommendations: all of them).
MOST_GIVEN = {SUMMARY: SUMMARY_MAX, THEMES: THEMES_MAX, QUOTES: QUOTES_ASKED_MAX}


def compose(evidence: Evidence) -> list[Block]:
    """The answer's blocks (a ``Decline`` when the findings do not cover the question); quotes are told by
    document when the library's documents are separate studies (``Directory.holds_separate_studies``)."""
    by_document = evidence.directory.holds_separate_studies
    return _at_most(evidence, [dataclasses.replace(block, by_document=by_document) if isinstance(block, Quotes)
                               else block for block in _composed(evidence)])


def _at_most(evidence: Evidence, blocks: list[Block]) -> list[Block]:
    """``blocks``, with a note saying so when the question asks for more points than an answer gives ("summarise in
    20 bullets": eight, the best)."""
    question = evidence.question
    most = MOST_GIVEN.get(question.form)
    if not question.bullets or most is None or question.bullets <= most or asks_for_recommendations(question.text) \
            or any(isinstance(block, Decline) for block in blocks):
        return blocks
    return [Notes((f"{question.bullets} were asked for; an answer gives {most} at most, those that say it best.",)),
            *blocks]


def _composed(evidence: Evidence) -> list[Block]:
    question = evidence.question
    if asks_how_the_study_was_done(question.text) and (method := method_answer(evidence)) is not None:
        return method  # its own section on it, whatever words it uses
    if question.expects_quantity and not evidence.pinned:
        return quantity_answer(evidence)
    if evidence.pinned and question.form not in (PREVALENCE, COMPARISON, THEMES):
        if any(item.passage.kind == QUOTE for item in evidence.pinned):
            return quotes_answer(evidence)
        return lookup_answer(evidence)  # the phrase is the report's own: its sentences answer
    if question.form == PREVALENCE:
        return prevalence_answer(evidence)
    if question.form == COMPARISON:
        return comparison_answer(evidence)
    # ("summarise what P07 said about rotas" is answered in their words, below)
    if question.form == SUMMARY and not (question.filters.respondents and question.has_topic):
        return _saying_which(evidence, _as_asked(evidence, summary_answer(evidence)))
    who = question.filters
    if question.form == THEMES and not (who.respondents or who.groups or who.areas):
        return _saying_which(evidence, themes_answer(evidence))
    if not question.has_topic and (who.groups or who.areas) and not who.respondents:
        return key_themes(evidence) or quotes_answer(evidence)  # "what did the nurses say?": the themes of it
    if question.form == QUOTES or who.respondents or who.groups or who.areas:
        return quotes_answer(evidence)  # a question about some people is answered from what they said
    return _by_code(evidence, lookup_answer(evidence))


def _by_code(evidence: Evidence, blocks: list[Block]) -> list[Block]:
    """A plain question that no sentence of a report answers, only extracts the analysts filed under codes (an
    analysis export): the codes of the extracts that answer it, each a theme with its quotes and count, when they
    are two or more; otherwise ``blocks``."""
    if evidence.pinned or any(isinstance(block, (Lead, Decline)) for block in blocks):
        return blocks
    return coded_themes(evidence, THEMES_USUAL) or blocks


def _as_asked(evidence: Evidence, blocks: list[Block]) -> list[Block]:
    """A summary asked for as a paragraph ("a one-paragraph summary of …"): its bullets' sentences as prose."""
    if not evidence.question.as_paragraph:
        return blocks
    return [Lead(block.items) if isinstance(block, Bullets) else block for block in blocks]


def _saying_which(evidence: Evidence, blocks: list[Block]) -> list[Block]:
    """An overview asked of a library of several documents, naming none ("What are the key themes?"), is of one of
    them: ``blocks`` with a note that says which, and how to see another's."""
    question = evidence.question
    if question.has_topic or question.filters.sources:
        return blocks
    drawn = {citation.source for citation in citations_of(blocks)}
    if len(drawn) != 1:
        return blocks
    documents = evidence.reading.sources()
    if len(documents) < 2:
        return blocks
    return [Notes((f"From {next(iter(drawn))}, one of the {len(documents)} documents in the library: choose a "
                   f"document to see another's.",)), *blocks]


__all__ = ["compose"]
