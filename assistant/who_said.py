"""Respondents and "who said what": every respondent with their extracts, and for a theme, which of them
spoke to it. Exhaustive over the extracts (every quote passage is scored), never top-k.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .respondents import Directory
from .types import Filters, Passage

# A respondent spoke to a theme when one of their extracts scores at least this much (see ``ThemeScorer``).
SPOKE_THRESHOLD = 0.40
# How much a perfect lexical match adds to the cosine; BM25 is scaled by its best score over the extracts.
LEXICAL_WEIGHT = 0.15
# Below this cosine an extract is not counted however many words it shares (a word alone is not a theme).
MIN_COSINE = 0.25



@dataclass(frozen=True)
class Respondent:
    """One respondent of one document, with every extract attributed to them."""

    key: str
    code: str
    area: str
    group_name: str
    document: str
    extracts: tuple[Passage, ...]

    @property
    def group(self) -> str:
        """The group a respondent is counted in: their group in the report's words, or "(no group)"."""
        return self.group_name or "(no group)"


@dataclass(frozen=True)
class Mention:
    """How strongly one respondent spoke to a theme: their best extract and its score."""

    respondent: Respondent
    score: float
    best: Passage
    spoke: bool


@dataclass(frozen=True)
class WhoSaid:
    """The answer to "who spoke to this theme": every respondent in scope, best-scoring first."""

    theme: str
    mentions: tuple[Mention, ...]

    @property
    def spoke(self) -> tuple[Mention, ...]:
        return tuple(mention for mention in self.mentions if mention.spoke)

    def by_group(self) -> dict[str, tuple[int, int]]:
        """For each group: (how many spoke to the theme, how many are in scope)."""
        counts: dict[str, tuple[int, int]] = {}
        for mention in self.mentions:
            spoke, total = counts.get(mention.respondent.group, (0, 0))
            counts[mention.respondent.group] = (spoke + mention.spoke, total + 1)
        return counts

    def summary(self) -> str:
        """ "4 of 15 respondents spoke to “…” (Nurse 2 of 8; Doctor 2 of 4; …)". """
        groups = "; ".join(f"{name} {spoke} of {total}" for name, (spoke, total) in self.by_group().items())
        return f"{len(self.spoke)} of {len(self.mentions)} respondents spoke to “{self.theme}” ({groups})."


def respondents(passages: Iterable[Passage], filters: Filters = Filters()) -> list[Respondent]:
    """Every respondent with their extracts (in reading order), narrowed by ``filters`` (groups, areas,
    respondents, sources); grouped by group (largest first), then by code. Unattributed extracts are left out."""
    passages = list(passages)
    directory = Directory.from_passages(passages)
    order = {name: rank for rank, name in enumerate(directory.groups())}
    extracts: dict[str, list[Passage]] = {}
    for passage in passages:
        if passage.is_attributed:
            extracts.setdefault(passage.respondent, []).append(passage)
    people = [
        Respondent(person.key, person.code, person.area, person.group, person.document, tuple(extracts[person.key]))
        for person in directory.matching(filters.groups, filters.areas, filters.respondents, filters.sources)
    ]
    return sorted(people, key=lambda p: (order.get(p.group_name, len(order)), p.document, _natural(p.code)))


class ThemeScorer:
    """Scores every extract against a theme and says which respondents spoke to it.

    An extract's score is its cosine similarity to the theme (all-MiniLM-L6-v2, the index's model, over the
    extract's own words — not the narrative around it, which would credit a respondent with the authors'
    framing) plus ``LEXICAL_WEIGHT`` times its BM25 score divided by the best BM25 score among the extracts.

    ``SPOKE_THRESHOLD`` = 0.40: with this model a cosine of about 0.4 between a short theme and an extract is
    where the extract is plainly about the theme; the unrelated extracts of this report sit around 0.0–0.3.
    The lexical term lets an extract just under that line count when it uses the theme's own words (0.30 cosine
    + full lexical match = 0.45), while ``MIN_COSINE`` keeps a single shared word from counting on its own.
    Tuned on questions about this report (see tests/test_who_said.py); a different corpus may need a new value.
    """

    def __init__(self, passages: Sequence[Passage], embedder, lexical=None) -> None:
        self.passages = list(passages)
        self.quotes = [i for i, passage in enumerate(self.passages) if passage.is_attributed]
        self.embedder = embedder
        self.lexical = lexical  # a LexicalIndex over ``passages`` (aligned), or None for dense only
        texts = [self.passages[i].text for i in self.quotes]
        self.vectors = np.asarray(embedder.embed_texts(texts), dtype=np.float32) if texts else np.zeros((0, 1))

    @classmethod
    def for_assistant(cls, assistant) -> "ThemeScorer":
        retriever = assistant.retriever
        return cls(retriever.passages, retriever.embedder, retriever.lexical)

    def scores(self, theme: str) -> tuple[np.ndarray, np.ndarray]:
        """(combined score, cosine) of every attributed extract, aligned with ``self.quotes``."""
        if not self.quotes:
            return np.zeros(0), np.zeros(0)
        query = np.asarray(self.embedder.embed_query(theme), dtype=np.float32)
        cosine = self.vectors @ query
        lexical = np.zeros(len(self.quotes), dtype=np.float32)
        if self.lexical is not None:
            lexical = np.asarray(self.lexical.scores(theme), dtype=np.float32)[self.quotes]
            top = float(lexical.max())
            lexical = lexical / top if top > 0 else lexical
        return cosine + LEXICAL_WEIGHT * lexical, cosine

    def who_said(self, theme: str, filters: Filters = Filters()) -> WhoSaid:
        """Every respondent in scope (``filters``) and whether any of their extracts speaks to ``theme``."""
        combined, cosine = self.scores(theme)
        best: dict[str, tuple[float, Passage, float]] = {}
        for position, index in enumerate(self.quotes):
            passage = self.passages[index]
            score = float(combined[position])
            if passage.respondent not in best or score > best[passage.respondent][0]:
                best[passage.respondent] = (score, passage, float(cosine[position]))
        mentions = []
        people = respondents(self.passages, filters)
        order = {person.key: rank for rank, person in enumerate(people)}
        for person in people:
            score, passage, cos = best[person.key]
            spoke = score >= SPOKE_THRESHOLD and cos >= MIN_COSINE
            mentions.append(Mention(person, round(score, 3), passage, spoke))
        groups = {person.group: rank for rank, person in reversed(list(enumerate(people)))}
        mentions.sort(key=lambda m: (groups[m.respondent.group], -m.spoke, -m.score, order[m.respondent.key]))
        return WhoSaid(theme, tuple(mentions))


def _natural(code: str) -> tuple:
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


__all__ = ["Mention", "Respondent", "ThemeScorer", "WhoSaid", "respondents", "SPOKE_THRESHOLD"]
