"""Who spoke to a topic: every respondent in scope, whether one of their extracts speaks to it, and counts by group.
One engine serves prevalence answers ("how many interviewees mentioned …", "which respondents …") and the
Respondents tab's "who said what", so the two always agree.

Exhaustive over the extracts in scope (every one is scored), never top-k, and from the vectors stored in the
index (nothing is embedded again but the question). An extract speaks to a topic when its cosine with the topic
clears a line set per library — above what off-topic probes reach against single extracts
(``relevance.Calibration``) — and either it uses the topic's words (weighed by rarity) or its cosine is close to
the best any respondent reaches and well above the line: in a study about one subject every extract is somewhat
near every question on it, so nearness alone says little.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import GroupCount
from ..search.relevance import Calibration, TermWeights, TokenPostings
from ..documents.respondents import Directory, Respondent
from ..types import Filters, Passage

LEXICAL_WEIGHT = 0.3  # a full match of the topic's words, weighed by rarity, adds this much to the cosine
SPOKE_MARGIN = 0.10  # an extract speaks to a topic when its cosine is this far above what off-topic probes reach…
SPOKE_WORDS = 0.25  # …and it holds this share of the topic's words (weighed by rarity)…
SPOKE_NEAR_BEST = 0.05  # …or its cosine is this close to the best any respondent reaches…
SPOKE_CLOSE = 0.15  # …and this far above the line: the nearest extracts to a topic nobody speaks to do not count
CAVEAT = ("Counts are of respondents with a quoted extract on this in the findings, not of everyone interviewed: "
          "the report quotes a selection.")


@dataclass(frozen=True)
class Mention:
    """How strongly one respondent spoke to a topic: their best extract and its score."""

    respondent: Respondent
    score: float
    best: Passage
    spoke: bool


class WhoSpoke:
    """Every respondent in scope, best-scoring first within each group, and which spoke to the topic. Built for
    tens of thousands of respondents: a ``Mention`` is made only for those asked for."""

    def __init__(self, topic: str, people: Sequence[Respondent] = (), scores: Sequence[float] = (),
                 best: Sequence[Passage] = (), spoke: Sequence[bool] = ()) -> None:
        self.topic = topic
        self._people, self._scores, self._best, self._spoke = people, scores, best, spoke

    @property
    def total(self) -> int:
        return len(self._people)

    @functools.cached_property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(self._mention(i) for i in range(self.total))

    @functools.cached_property
    def spoke(self) -> tuple[Mention, ...]:
        return tuple(self._mention(i) for i in range(self.total) if self._spoke[i])

    def _mention(self, i: int) -> Mention:
        return Mention(self._people[i], float(self._scores[i]), self._best[i], bool(self._spoke[i]))

    def including(self, keys: Iterable[str]) -> "WhoSpoke":
        """The same, with the respondents ``keys`` counted as having spoken (the report quotes them on it)."""
        keys = set(keys)
        spoke = [bool(spoke) or person.key in keys for person, spoke in zip(self._people, self._spoke)]
        return WhoSpoke(self.topic, self._people, self._scores, self._best, spoke)

    def by_group(self) -> tuple[GroupCount, ...]:
        counts: dict[str, list[int]] = {}
        for person, spoke in zip(self._people, self._spoke):
            tally = counts.setdefault(person.group or "(no group)", [0, 0])
            tally[0] += bool(spoke)
            tally[1] += 1
        return tuple(GroupCount(group, spoke, total) for group, (spoke, total) in counts.items())

    def summary(self) -> str:
        groups = "; ".join(f"{c.group} {c.spoke} of {c.total}" for c in self.by_group())
        return f"{len(self.spoke)} of {self.total} respondents spoke to “{self.topic}” ({groups})."


class Prevalence:
    """Scores every attributed extract against a topic; see the module docstring."""

    def __init__(self, extracts: Sequence[Passage], vectors: Callable[[], np.ndarray], postings: TokenPostings,
                 directory: Directory, weights: TermWeights, calibration: Calibration) -> None:
        """``extracts`` are the library's attributed passages; ``vectors()`` gives their stored vectors as rows in
        the same order (read when first needed); ``postings`` which of them hold each word."""
        self.extracts = list(extracts)
        self._vectors = vectors
        self._matrix: np.ndarray | None = None
        self._first: dict[str, Passage] | None = None
        self.postings = postings
        self.directory = directory
        self.weights = weights
        self.calibration = calibration
        keys = list(dict.fromkeys(p.respondent for p in self.extracts))
        self._keys = keys
        self._owner_of = number = {key: n for n, key in enumerate(keys)}
        self._owner = np.fromiter((number[p.respondent] for p in self.extracts), dtype=np.int64,
                                  count=len(self.extracts))
        # How respondents are listed: by group (most respondents first), then by code in natural order.
        group_rank = {group: rank for rank, group in enumerate(directory.groups())}
        people = [directory.respondents.get(key) for key in keys]
        self._group_rank = np.array([group_rank.get(p.group, len(group_rank)) if p else len(group_rank)
                                     for p in people], dtype=np.int64)
        codes = {code: rank for rank, code in enumerate(directory.codes())}
        self._code_rank = np.array([codes.get(p.code, len(codes)) if p else len(codes) for p in people],
                                   dtype=np.int64)

    def first_extract(self, key: str) -> Passage | None:
        """The respondent's first extract in their document."""
        if self._first is None:
            self._first = {}
            for extract in self.extracts:
                known = self._first.get(extract.respondent)
                if known is None or extract.start < known.start:
                    self._first[extract.respondent] = extract
        return self._first.get(key)

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
        owner_of = self._owner_of
        in_scope = np.array([owner_of[person.key] for person in self.directory.matching(
            filters.groups, filters.areas, filters.respondents, filters.sources) if person.key in owner_of],
            dtype=np.int64)
        if not len(in_scope):
            return WhoSpoke(topic_text, ())
        rows = best[in_scope]
        cos, words, score = cosine[rows], lexical[rows], np.round(combined[rows], 3)
        near_best = (cos >= cos.max() - SPOKE_NEAR_BEST) & (cos >= self.threshold + SPOKE_CLOSE)
        spoke = (cos >= self.threshold) & ((words >= SPOKE_WORDS) | near_best)
        order = np.lexsort((self._code_rank[in_scope], -score, ~spoke, self._group_rank[in_scope]))
        respondents, keys, extracts = self.directory.respondents, self._keys, self.extracts
        return WhoSpoke(topic_text, [respondents[keys[owner]] for owner in in_scope[order]], score[order],
                        [extracts[row] for row in rows[order]], spoke[order])


def _best_per_owner(scores: np.ndarray, owner: np.ndarray, owners: int) -> np.ndarray:
    """For each owner, the row of its highest score (the first such row on a tie)."""
    order = np.lexsort((np.arange(len(scores)), -scores, owner))  # by owner, best score first, then position
    first = np.ones(len(order), dtype=bool)
    first[1:] = owner[order][1:] != owner[order][:-1]
    best = np.zeros(owners, dtype=np.int64)
    best[owner[order][first]] = order[first]
    return best
