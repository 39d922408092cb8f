"""Who spoke to a topic: every respondent in scope, whether one of their extracts speaks to it, and counts by group.
One engine serves prevalence answers ("how many interviewees mentioned …", "which respondents …") and the
Respondents tab's "who said what", so the two always agree.

Exhaustive over the extracts in scope (every one is scored), never top-k, and from the vectors stored in the
index (nothing is embedded again but the question). An extract speaks to a topic when its cosine with the topic
clears a line set per library — above what off-topic probes reach against single extracts
(``relevance.Calibration``) — and either it uses the topic's words (weighed by rarity) or its cosine is close to
the best any respondent reaches: in a study about one subject every extract is somewhat near every question on
it, so nearness alone says little.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import GroupCount
from ..search.relevance import Calibration, TermWeights, TokenPostings
from ..documents.respondents import Directory, Respondent
from ..text import content_tokens
from ..types import Filters, Passage

LEXICAL_WEIGHT = 0.3  # a full match of the topic's words, weighed by rarity, adds this much to the cosine
SPOKE_MARGIN = 0.10  # an extract speaks to a topic when its cosine is this far above what off-topic probes reach…
SPOKE_WORDS = 0.25  # …and it holds this share of the topic's words (weighed by rarity)…
SPOKE_NEAR_BEST = 0.05  # …or its cosine is this close to the best any respondent reaches
CAVEAT = ("Counts are of respondents with a quoted extract on this in the findings, not of everyone interviewed: "
          "the report quotes a selection.")


@dataclass(frozen=True)
class Mention:
    """How strongly one respondent spoke to a topic: their best extract and its score."""

    respondent: Respondent
    score: float
    best: Passage
    spoke: bool


@dataclass(frozen=True)
class WhoSpoke:
    """Every respondent in scope, best-scoring first within each group, and which spoke to the topic."""

    topic: str
    mentions: tuple[Mention, ...]

    @property
    def spoke(self) -> tuple[Mention, ...]:
        return tuple(mention for mention in self.mentions if mention.spoke)

    def by_group(self) -> tuple[GroupCount, ...]:
        counts: dict[str, list[int]] = {}
        for mention in self.mentions:
            spoke, total = counts.setdefault(mention.respondent.group or "(no group)", [0, 0])
            counts[mention.respondent.group or "(no group)"] = [spoke + mention.spoke, total + 1]
        return tuple(GroupCount(group, spoke, total) for group, (spoke, total) in counts.items())

    def summary(self) -> str:
        groups = "; ".join(f"{c.group} {c.spoke} of {c.total}" for c in self.by_group())
        return f"{len(self.spoke)} of {len(self.mentions)} respondents spoke to “{self.topic}” ({groups})."


class Prevalence:
    """Scores every attributed extract against a topic; see the module docstring."""

    def __init__(self, extracts: Sequence[Passage], vectors: Callable[[], np.ndarray], postings: TokenPostings,
                 directory: Directory, weights: TermWeights, calibration: Calibration) -> None:
        """``extracts`` are the library's attributed passages; ``vectors()`` gives their stored vectors as rows in
        the same order (read when first needed); ``postings`` which of them hold each word."""
        self.extracts = list(extracts)
        self._vectors = vectors
        self._matrix: np.ndarray | None = None
        self.postings = postings
        self.directory = directory
        self.weights = weights
        self.calibration = calibration
        keys = list(dict.fromkeys(p.respondent for p in self.extracts))
        self._keys = keys
        number = {key: n for n, key in enumerate(keys)}
        self._owner = np.fromiter((number[p.respondent] for p in self.extracts), dtype=np.int64,
                                  count=len(self.extracts))

    @property
    def matrix(self) -> np.ndarray:
        """The stored vector of every extract (read from the index once)."""
        if self._matrix is None:
            self._matrix = self._vectors()
        return self._matrix

    @property
    def threshold(self) -> float:
        return self.calibration.extract_floor + SPOKE_MARGIN

    def scores(self, vector: Sequence[float], topic: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(combined score, cosine, share of the topic's words) of every extract."""
        if not self.extracts:
            return np.zeros(0), np.zeros(0), np.zeros(0)
        cosine = np.asarray(self.matrix @ np.asarray(vector, dtype=np.float32), dtype=np.float32)
        lexical = self.postings.coverage(topic, self.weights)
        return cosine + LEXICAL_WEIGHT * lexical, cosine, lexical

    def who_spoke(self, topic_text: str, vector: Sequence[float], topic: Sequence[str],
                  filters: Filters = Filters()) -> WhoSpoke:
        """Every respondent in scope (``filters``' who-fields and documents) and whether they spoke to the topic."""
        combined, cosine, lexical = self.scores(vector, topic)
        best = _best_per_owner(combined, self._owner, len(self._keys))  # row of each respondent's best extract
        row_of = {key: int(best[n]) for n, key in enumerate(self._keys)}
        people = [person for person in self.directory.matching(filters.groups, filters.areas, filters.respondents,
                                                               filters.sources) if person.key in row_of]
        top = max((float(cosine[row_of[person.key]]) for person in people), default=0.0)
        mentions = []
        for person in people:
            row = row_of[person.key]
            cos, words = float(cosine[row]), float(lexical[row])
            spoke = cos >= self.threshold and (words >= SPOKE_WORDS or cos >= top - SPOKE_NEAR_BEST)
            mentions.append(Mention(person, round(float(combined[row]), 3), self.extracts[row], spoke))
        order = {group: rank for rank, group in enumerate(self.directory.groups())}
        mentions.sort(key=lambda m: (order.get(m.respondent.group, len(order)), -m.spoke, -m.score,
                                     _natural(m.respondent.code)))
        return WhoSpoke(topic_text, tuple(mentions))


def _best_per_owner(scores: np.ndarray, owner: np.ndarray, owners: int) -> np.ndarray:
    """For each owner, the row of its highest score (the first such row on a tie)."""
    order = np.lexsort((np.arange(len(scores)), -scores, owner))  # by owner, best score first, then position
    first = np.ones(len(order), dtype=bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    best = np.zeros(owners, dtype=np.int64)
    best[owner[order][first]] = order[first]
    return best


def _natural(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))
