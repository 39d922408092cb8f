"""Compose an extractive answer from retrieved passages: a short lead from the narrative, then the
interview extracts that support it, each verbatim with its citation. No LLM, no key.

Every span shown is a contiguous, verbatim piece of the source; trimming marks the cut with "…" outside
the span. Whether the findings cover the question is decided from the retrieval evidence.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field

from .blocks import NO_ANSWER, Block, Claim, Decline, Lead, Notes, Quote, Quotes
from .cite import ELLIPSIS, citation_for
from .corpus import split_sentences
from .query import ParsedQuestion
from .text import content_tokens, topic_coverage
from .types import NARRATIVE, QUOTE, Citation, ScoredPassage

QUOTE_CHARS = 420  # longer extracts are trimmed to their most relevant run of sentences
LEAD_SENTENCES = 3
RELATED_MARGIN = 0.14  # a quote this far below the best passage's cosine is no longer on the question
FULL_COVERAGE_FLOOR = 0.2  # every topic word found: a loose semantic match is enough
PARTIAL_COVERAGE = 0.25  # share of topic words the top passages must hold when the match is closer
_FIGURE = re.compile(r"\d|\bper\s*cent\b|%")
# Numbers that are not figures: footnote marks, names with a number ("Year 2", "Site 4"), years, respondent codes.
_NOT_A_FIGURE = re.compile(r"\[\d+\]|\b[A-Z][a-z]+\s+\d{1,2}\b|\b(?:19|20)\d\d\b|\(\s*[A-Z][A-Za-z]{0,3}[_-]?\d{1,3}\b[^)]*\)")


@dataclass(frozen=True)
class Evidence:
    """One piece of an answer: a verbatim span and its citation, with the text around it marked."""

    citation: Citation
    before: str = ""  # "…" when the span starts inside its passage
    after: str = ""


@dataclass
class Composition:
    """An answer before verification: its parts, in the order they are shown."""

    lead: list[Evidence] = field(default_factory=list)
    quotes: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    abstained: bool = False

    @property
    def citations(self) -> list[Citation]:
        return [item.citation for item in self.lead + self.quotes]


def covers_question(question: ParsedQuestion, contexts: Sequence[ScoredPassage], abstain_below: float,
                    vocabulary: Container[str] = ()) -> bool:
    """Whether the retrieved evidence speaks to the question.

    Decided from what retrieval found, not from lists of topics: a name in the question that the findings
    never use; a question asking for a number where the best-matching sentences hold none; and otherwise
    how close the best passage is in meaning and how many of the question's topic words the top passages
    contain (all of them with a loose semantic match, or a share of them with a closer one).
    """
    if not contexts:
        return False
    if not question.has_topic:  # "What did P07 say?": the filters are the whole question; "Anything?" has none
        return bool(question.text.strip()) and not question.filters.is_empty()
    if vocabulary and any(token not in vocabulary for term in question.named_terms for token in content_tokens(term)):
        return False
    top = contexts[:5]
    if question.expects_quantity and not _has_quantity(top, set(question.topic_tokens)):
        return False
    best = max(item.dense_score for item in contexts)
    found: set[str] = set()
    for item in top:
        found.update(content_tokens(f"{item.passage.text} {item.passage.context} {item.passage.section}"))
    coverage = sum(token in found for token in question.topic_tokens) / len(question.topic_tokens)
    if coverage >= 0.99 and best >= FULL_COVERAGE_FLOOR:
        return True
    return best >= abstain_below and coverage >= PARTIAL_COVERAGE


def _respondents_speak_to(question: ParsedQuestion, contexts: Sequence[ScoredPassage],
                          vocabulary: Container[str]) -> bool:
    """Whether what the named respondents said bears on the question's topic: false only when a topic word is
    one the findings never use ("drones") and none of the topic words is in anything they said."""
    if not question.has_topic or not vocabulary:
        return True
    if all(token in vocabulary for token in question.topic_tokens):
        return True
    said: set[str] = set()
    for item in contexts:
        said.update(content_tokens(f"{item.passage.text} {item.passage.context}"))
    return any(token in said for token in question.topic_tokens)


def _has_quantity(contexts: Sequence[ScoredPassage], topic: set[str]) -> bool:
    """Whether a sentence on the question's topic states a figure (not a footnote, year or report number)."""
    for item in contexts[:3]:
        for start, end in split_sentences(item.passage.text):
            sentence = item.passage.text[start:end]
            if not topic & set(content_tokens(sentence)):
                continue
            if _FIGURE.search(_NOT_A_FIGURE.sub(" ", sentence)):
                return True
    return False


def compose(question: ParsedQuestion, contexts: Sequence[ScoredPassage], max_quotes: int,
            abstain_below: float, pinned: Sequence[ScoredPassage] = (), vocabulary: Container[str] = ()) -> Composition:
    """Pick the lead sentences and the extracts for an answer; ``pinned`` passages come first.

    A question about named respondents is answered from all they said (best match first), unless it asks
    about something the findings never mention and they said nothing on its topic.
    """
    composition = Composition()
    about_respondents = bool(question.filters.respondents)
    if not pinned and not about_respondents and not covers_question(question, contexts, abstain_below, vocabulary):
        composition.abstained = True
        return composition
    if not pinned and about_respondents and not _respondents_speak_to(question, contexts, vocabulary):
        composition.abstained = True
        who = ", ".join(key.rpartition("::")[2] for key in question.filters.respondents)
        composition.notes.append(f"{who} {'is' if len(question.filters.respondents) == 1 else 'are'} quoted in "
                                 "the findings, but not on this.")
        return composition
    best = max((item.dense_score for item in contexts), default=0.0)
    topic = set(question.topic_tokens)

    if question.has_topic and not question.filters.respondents and not question.filters.groups:
        narrative = [item for item in contexts[:6] if item.passage.kind == NARRATIVE
                     and (item.dense_score >= best - RELATED_MARGIN
                          or topic_coverage(topic, item.passage.text) >= 0.5)]
        composition.lead = _lead_sentences(narrative, topic)

    candidates = []
    seen_texts: set[str] = set()
    for item in [*pinned, *contexts]:
        passage = item.passage
        if passage.kind != QUOTE or passage.text in seen_texts:
            continue
        on_topic = item in pinned or about_respondents or not question.has_topic \
            or item.dense_score >= best - RELATED_MARGIN or item.lexical_score > 0
        if on_topic:
            seen_texts.add(passage.text)
            candidates.append(item)
    # One extract per respondent first, so a theme shows its range of voices; then the rest, in rank order.
    first_voices, repeats, voices = [], [], set()
    for item in candidates:
        voice = item.passage.code or item.passage.passage_id
        (repeats if voice in voices else first_voices).append(item)
        voices.add(voice)
    chosen = {id(item) for item in [*first_voices, *repeats][:max_quotes]}
    composition.quotes = [_trimmed(item, topic) for item in candidates if id(item) in chosen]
    if not composition.lead and not composition.quotes:
        composition.abstained = True
    return composition


def to_blocks(composition: Composition, notes: Sequence[str] = ()) -> tuple[Block, ...]:
    """The composition as answer blocks: notes, the lead with its section citations, then the extracts."""
    if composition.abstained:
        return (Decline(tuple(notes)),)
    blocks: list[Block] = [Notes(tuple(notes))] if notes else []
    if composition.lead:
        blocks.append(Lead(tuple(Claim(e.citation.quote, (e.citation,)) for e in composition.lead)))
    if composition.quotes:
        title = "What interviewees said:" if composition.lead else "The findings include these extracts:"
        blocks.append(Quotes(tuple(Quote(e.citation, e.before, e.after) for e in composition.quotes), title))
    return tuple(blocks)


def _lead_sentences(narrative: Sequence[ScoredPassage], topic: set[str]) -> list[Evidence]:
    """The sentences of the best narrative passages that share most of the question's topic words."""
    candidates = []
    for rank, item in enumerate(narrative):
        passage = item.passage
        for start, end in split_sentences(passage.text):
            overlap = len(topic & set(content_tokens(passage.text[start:end])))
            if overlap:
                candidates.append((-overlap, rank, start, end, passage))
    if not candidates and narrative:
        passage = narrative[0].passage
        start, end = split_sentences(passage.text)[0]
        candidates.append((0, 0, start, end, passage))
    chosen = sorted(candidates)[:LEAD_SENTENCES]
    chosen.sort(key=lambda c: (c[1], c[2]))
    return [
        Evidence(citation_for(passage, passage.start + start, passage.start + end))
        for _, _, start, end, passage in chosen
    ]


def _trimmed(item: ScoredPassage, topic: set[str]) -> Evidence:
    """The extract, or its most relevant contiguous run of sentences when it is long."""
    passage = item.passage
    if len(passage.text) <= QUOTE_CHARS:
        return Evidence(citation_for(passage))
    sentences = split_sentences(passage.text)
    best_window, best_score = (sentences[0][0], sentences[0][1]), -1.0
    for first in range(len(sentences)):
        for last in range(first, len(sentences)):
            start, end = sentences[first][0], sentences[last][1]
            if end - start > QUOTE_CHARS and last > first:
                break
            overlap = len(topic & set(content_tokens(passage.text[start:end])))
            score = overlap + (end - start) / 10_000  # prefer relevance, then the longer run
            if score > best_score:
                best_window, best_score = (start, end), score
    start, end = best_window
    return Evidence(
        citation_for(passage, passage.start + start, passage.start + end),
        before=ELLIPSIS if start > 0 else "",
        after=ELLIPSIS if end < len(passage.text) else "",
    )
