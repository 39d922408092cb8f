"""Who spoke to a topic: every respondent in scope, whether one of their extracts speaks to it, and counts by group.
One engine serves prevalence answers ("how many interviewees mentioned …", "which respondents …") and the
Respondents tab's "who said what", so the two always agree.

Exhaustive over the extracts in scope (every one is scored), never top-k, and from the vectors stored in the
index (nothing is embedded again but the question). An extract speaks to a topic when its cosine with the topic
clears a line set per library — above what off-topic probes reach against single extracts
(``relevance.Calibration``) — and either it uses the topic's words (weighed by rarity) or its cosine is close to
the best any respondent reaches and well above the line: in a study about one subject every extract is somewhat
near every question on it, so nearness alone says little. In an analysis export (a document with no narrative,
its extracts filed under the analysts' codes), a respondent coded to a code the topic names spoke to it; in a
report, a respondent it quotes under a heading that names the topic ("Barriers to adoption") did (``filed_rows``).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .blocks import NO_GROUP, GroupCount
from .lines import counts_line
from .query import distinctive_phrase, topic_words
from ..search.recent import RecentByVector
from ..search.relevance import Calibration, TermWeights, TokenPostings, asks_back, is_slight
from ..documents.prose import SECTION_SEPARATOR, section_name
from ..documents.respondents import Directory, Respondent, separate_studies
from ..text import content_tokens
from ..types import Filters, Passage, texts_of

LEXICAL_WEIGHT = 0.3  # a full match of the topic's words, weighed by rarity, adds this much to the cosine
SPOKE_MARGIN = 0.10  # an extract speaks to a topic when its cosine is this far above what off-topic probes reach…
SPOKE_WORDS = 0.25  # …and it holds this share of the topic's words (weighed by rarity)…
SPOKE_NEAR_BEST = 0.10  # …or its cosine is this close to the best any respondent reaches…
SPOKE_EVERY_WORD = 0.999  # …or, whatever its cosine, it holds every word of the topic: it mentions it
SPOKE_CLOSE = 0.15  # …and this far above the line: the nearest extracts to a topic nobody speaks to do not count
SCOPES_KEPT = 32  # filters whose respondents are kept worked out
VECTORS_KEPT = 4  # vectors whose cosines with every extract are kept for the other counts of one answer
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
    tens of thousands of respondents: held as arrays, a ``Mention`` made only for those asked for."""

    def __init__(self, topic: str, engine: "Prevalence | None" = None, owners: np.ndarray = np.zeros(0, np.int64),
                 scores: np.ndarray = np.zeros(0), rows: np.ndarray = np.zeros(0, np.int64),
                 spoke: np.ndarray = np.zeros(0, bool), by_document: bool = False) -> None:
        """``owners`` are the engine's respondent numbers in the order listed, ``rows`` their best extracts;
        ``by_document``: they are of separate studies (``separate_studies``), told apart by document."""
        self.topic = topic
        self._engine, self._owners, self._scores, self._rows, self._spoke = engine, owners, scores, rows, spoke
        self._by_document = by_document

    @property
    def total(self) -> int:
        return len(self._owners)

    @property
    def count(self) -> int:
        """How many spoke to the topic: ``len(spoke)`` without making a ``Mention`` of each (thousands, at scale)."""
        return int(np.count_nonzero(self._spoke))

    def spoke_keys(self) -> set[str]:
        """The keys of the respondents who spoke to the topic."""
        return {self._engine.keys[owner] for owner in self._owners[self._spoke]} if self.total else set()

    @functools.cached_property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(self._mention(i) for i in range(self.total))

    @functools.cached_property
    def spoke(self) -> tuple[Mention, ...]:
        return tuple(self._mention(i) for i in np.flatnonzero(self._spoke))

    def spoke_people(self) -> list[Respondent]:
        """The respondents who spoke to the topic, as listed: ``spoke`` without a ``Mention`` of each (at scale, a
        count of thousands names them all)."""
        engine = self._engine
        return [engine.directory.respondents[engine.keys[owner]] for owner in self._owners[self._spoke]] \
            if self.total else []

    def strongest(self, count: int) -> list[Mention]:
        """The ``count`` of those who spoke whose best extracts score highest, best first."""
        spoke = np.flatnonzero(self._spoke)
        return [self._mention(i) for i in spoke[np.argsort(-self._scores[spoke], kind="stable")[:count]]]

    def nearest(self, count: int) -> list[Mention]:
        """The ``count`` whose best extracts come nearest the topic, above the line an extract speaks to it at in
        meaning (``Prevalence.threshold``; as counted, it must hold its words too), those who spoke to it first."""
        if not self.total:
            return []
        above = np.flatnonzero(self._scores >= self._engine.threshold)
        order = above[np.lexsort((-self._scores[above], ~self._spoke[above]))]
        return [self._mention(i) for i in order[:count]]

    def _mention(self, i: int) -> Mention:
        engine = self._engine
        return Mention(engine.directory.respondents[engine.keys[self._owners[i]]], float(self._scores[i]),
                       engine.extracts[self._rows[i]], bool(self._spoke[i]))

    def including(self, keys: Iterable[str]) -> "WhoSpoke":
        """The same, with the respondents ``keys`` counted as having spoken (the report quotes them on it)."""
        wanted = self._named(keys)
        return self._with_spoke(self._spoke | wanted) if wanted.any() else self

    def exactly(self, keys: Iterable[str]) -> "WhoSpoke":
        """The same respondents, with just ``keys`` counted as having spoken (those an analyst coded to a theme)."""
        return self._with_spoke(self._named(keys)) if self.total else self

    def _named(self, keys: Iterable[str]) -> np.ndarray:
        """Which of the respondents listed are among ``keys``."""
        owner_of = self._engine.owner_of if self.total else {}
        return np.isin(self._owners, [owner_of[key] for key in keys if key in owner_of])

    def _with_spoke(self, spoke: np.ndarray) -> "WhoSpoke":
        return WhoSpoke(self.topic, self._engine, self._owners, self._scores, self._rows, spoke, self._by_document)

    def by_group(self) -> tuple[GroupCount, ...]:
        """n of N for each group, groups in the order listed (most respondents first; those without one last)."""
        return self._counted(self._engine.group_rank, self._engine.group_names) if self.total else ()

    def _counted(self, rank: np.ndarray, names: Sequence[str]) -> tuple[GroupCount, ...]:
        """n of N for each value of a facet (``rank``: its number for each respondent; ``names``: its values)."""
        values = rank[self._owners]
        totals = np.bincount(values)
        spoke = np.bincount(values, weights=self._spoke.astype(np.float64), minlength=len(totals))
        return tuple(GroupCount(names[value], int(spoke[value]), int(totals[value])) for value in np.unique(values))

    def by_document(self) -> tuple[GroupCount, ...]:
        """n of N for each document, documents in the order listed."""
        return self._counted(self._engine.document_rank, self._engine.document_names) if self.total else ()

    def breakdown(self) -> tuple[GroupCount, ...]:
        """n of N by document for respondents of separate studies (``separate_studies``), else by group."""
        return self.by_document() if self._by_document else self.by_group()

    def summary(self) -> str:
        """The counts as a chat answer shows them (``lines.counts_line``), as a sentence."""
        return counts_line(self.count, self.total, self.breakdown(), self.topic) + "."


class Prevalence:
    """Scores every attributed extract against a topic; see the module docstring."""

    def __init__(self, extracts: Sequence[Passage], cosines: Callable[[Sequence[float]], np.ndarray],
                 postings: TokenPostings, directory: Directory, weights: TermWeights, calibration: Calibration,
                 coded_sources: Iterable[str] = ()) -> None:
        """``extracts`` are the library's attributed passages; ``cosines(vector)`` gives the cosine of a vector with
        each of their stored vectors, in the same order; ``postings`` which of them hold each word;
        ``coded_sources`` the documents whose extracts are filed under codes (no narrative of their own)."""
        self.extracts = list(extracts)
        self.coded_sources = frozenset(coded_sources)
        self._codes: dict[tuple[str, str], tuple[frozenset[str], list[int]]] | None = None
        self._sections: tuple[dict[str, set[tuple[str, str]]], dict[tuple[str, str], list[int]], list[list[int]]] \
            | None = None
        self._finding_sections = threading.Lock()
        self._filed: dict[frozenset[str], np.ndarray] = {}  # rows filed under each topic asked (``filed_rows``)
        self._cosines = cosines
        self._slight: list[tuple[int, frozenset[str]]] | None = None
        self._finding_slight = threading.Lock()
        self._recent_cosines: RecentByVector[np.ndarray] = RecentByVector(VECTORS_KEPT)  # see ``cosines``
        self.postings = postings
        self.directory = directory
        self.weights = weights
        self.calibration = calibration
        keys = list(dict.fromkeys(p.respondent for p in self.extracts))
        self.keys = keys
        self.owner_of = number = {key: n for n, key in enumerate(keys)}
        self._scope_of = functools.lru_cache(maxsize=SCOPES_KEPT)(self._respondents_in)
        self._studies_in = functools.lru_cache(maxsize=SCOPES_KEPT)(self._separate_studies_in)
        self._sources_mask = functools.lru_cache(maxsize=SCOPES_KEPT)(self._in_sources)
        self._owner_rows = OwnerRows(np.fromiter((number[p.respondent] for p in self.extracts), dtype=np.int64,
                                                 count=len(self.extracts)))
        # How respondents are listed: by group (most respondents first), then by code in natural order.
        group_rank = {group: rank for rank, group in enumerate(directory.groups())}
        self.group_names = [*directory.groups(), NO_GROUP]
        people = [directory.respondents.get(key) for key in keys]
        self.group_rank = np.array([group_rank.get(p.group, len(group_rank)) if p else len(group_rank)
                                     for p in people], dtype=np.int64)
        self.document_names = list(dict.fromkeys(p.document for p in people if p))
        document_rank = {document: rank for rank, document in enumerate(self.document_names)}
        self.document_rank = np.array([document_rank[p.document] if p else 0 for p in people], dtype=np.int64)
        codes = {code: rank for rank, code in enumerate(directory.codes())}
        self._code_rank = np.array([codes.get(p.code, len(codes)) if p else len(codes) for p in people],
                                   dtype=np.int64)

    def extracts_of(self, key: str) -> list[Passage]:
        """The respondent's extracts, in the order the library holds them (no walk over the library)."""
        owner = self.owner_of.get(key)
        return [] if owner is None else [self.extracts[row] for row in self._owner_rows.rows(owner)]

    def first_extract(self, key: str) -> Passage | None:
        """The respondent's first extract in their document."""
        return min(self.extracts_of(key), key=lambda extract: extract.start, default=None)

    def _too_slight(self, topic: Sequence[str]) -> np.ndarray:
        """The rows of extracts too slight to speak to ``topic`` (``relevance.too_slight``, as quotes are chosen):
        slight, and without its words in what they say, or only asking the interviewer something."""
        return np.array([row for row, tokens in self._slight_rows() if not self.weights.coverage(topic, tokens)],
                        dtype=np.int64)

    def _slight_rows(self) -> list[tuple[int, frozenset[str]]]:
        """The slight extracts' rows and words (``relevance.is_slight``), found once (a few hundred ms over a 100k
        library's extracts); a turn that only asks the interviewer something counts as holding no words, so it is
        slight whatever the topic."""
        with self._finding_slight:
            if self._slight is None:
                self._slight = [(row, frozenset() if asks_back(text) else frozenset(content_tokens(text)))
                                for row, text in enumerate(texts_of(self.extracts)) if is_slight(text)]
        return self._slight

    def warm(self) -> threading.Thread:
        """Find the slight extracts on a background thread, so that the first count does not wait for them."""
        thread = threading.Thread(target=self._slight_rows, name="slight-extracts", daemon=True)
        thread.start()
        return thread

    @property
    def threshold(self) -> float:
        return self.calibration.extract_floor + SPOKE_MARGIN

    def cosines(self, vector: Sequence[float]) -> np.ndarray:
        """The cosine of ``vector`` with every extract, from the stored vectors (read-only). Those of the last few
        vectors are kept: one answer counts for one vector several times (a comparison, once for everyone and once
        for each side: 5 ms each over 25,000 extracts)."""
        key = RecentByVector.key(vector)
        kept = self._recent_cosines.get(key)
        if kept is None:
            kept = np.asarray(self._cosines(vector), dtype=np.float32)
            kept.setflags(write=False)
            self._recent_cosines.put(key, kept)
        return kept

    def scores(self, vector: Sequence[float], topic: Sequence[str], cosine: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(combined score, cosine, share of the topic's words) of every extract; ``cosine``, the cosines of
        ``vector`` when worked out already."""
        if not self.extracts:
            return np.zeros(0), np.zeros(0), np.zeros(0)
        cosine = np.array(self.cosines(vector) if cosine is None else cosine, dtype=np.float32)  # a copy
        lexical = self.postings.coverage(topic, self.weights)
        if topic:
            slight = self._too_slight(topic)
            cosine[slight], lexical[slight] = -1.0, 0.0  # a "Yeah." filed under the topic is not speaking to it
        return cosine + LEXICAL_WEIGHT * lexical, cosine, lexical

    def who_spoke(self, topic_text: str, vector: Sequence[float], topic: Sequence[str],
                  filters: Filters = Filters(), cosine: np.ndarray | None = None,
                  topic_cosine: np.ndarray | None = None) -> WhoSpoke:
        """Every respondent in scope (``filters``' who-fields and documents) and whether they spoke to the topic
        (``cosine``: the cosines of ``vector`` with every extract, when worked out already). ``topic_cosine``: when
        ``vector`` is a whole question's, which names the people it asks about, the cosines of the topic's own vector
        (``cosines``), which an extract must come above the off-topic line in as well, unless it holds the topic's
        words ("Compare GPs and link workers on funding": every GP's extract mentioning a link worker came near the
        question)."""
        in_scope = self._scope(filters)
        if not len(in_scope):
            return WhoSpoke(topic_text)
        combined, cosine, lexical = self.scores(vector, topic, cosine)
        filed = self.filed_under(topic)
        ranked = combined if filed is None else np.where(filed, np.inf, combined)  # a filed extract comes first
        if filters.sources:  # one person quoted in several documents: what they say in those asked about
            ranked = np.where(self._sources_mask(tuple(filters.sources)), ranked, -np.inf)
        best = self._owner_rows.best(ranked)  # row of each respondent's best extract
        rows = best[in_scope]
        cos, words, score = cosine[rows], lexical[rows], np.round(combined[rows], 3)
        near_best = (cos >= cos.max() - SPOKE_NEAR_BEST) & (cos >= self.threshold + SPOKE_CLOSE) \
            & (not self.weights.is_a_name(topic))  # a name means nothing close: it is mentioned, or not
        spoke = (cos >= self.threshold) & ((words >= SPOKE_WORDS) | near_best) | (words >= SPOKE_EVERY_WORD)
        if topic_cosine is not None:
            spoke &= (topic_cosine[rows] >= self.calibration.extract_floor) | (words >= SPOKE_WORDS)
        if filed is not None:
            spoke |= filed[rows]
        order = np.lexsort((self._code_rank[in_scope], -score, ~spoke, self.group_rank[in_scope]))
        return WhoSpoke(topic_text, self, in_scope[order], score[order], rows[order], spoke[order],
                        self._studies_in(filters.groups, filters.areas, filters.respondents, filters.sources))

    def who_spoke_about(self, phrase: str, embed: Callable[[str], Sequence[float]], filters: Filters = Filters(),
                        topic: Sequence[str] | None = None) -> WhoSpoke:
        """``who_spoke`` for a topic in words, as the chat's counts and the Respondents tab both read it: the phrase
        without the words the library uses throughout (``query.distinctive_phrase``) is embedded and matched; when
        its words all frame it, ``topic`` is matched instead (the question's topic words), else the phrase's own."""
        counted = distinctive_phrase(phrase, self.weights)
        words = topic_words(counted) or (tuple(topic) if topic is not None else content_tokens(counted))
        return self.who_spoke(phrase, embed(counted), words, filters)

    def who_spoke_each(self, asked: Sequence[tuple[str, Sequence[float], Sequence[str]]],
                       filters: Filters = Filters()) -> list[WhoSpoke]:
        """``who_spoke`` for each (topic text, vector, topic words) of ``asked``: their cosines with every extract
        in one pass over the stored vectors (a themes answer counts for each of its statements)."""
        if not asked or not self.extracts:
            return [self.who_spoke(text, vector, topic, filters) for text, vector, topic in asked]
        columns = np.asarray(self._cosines(np.asarray([vector for _, vector, _ in asked], dtype=np.float32).T))
        return [self.who_spoke(text, vector, topic, filters, columns[:, n])
                for n, (text, vector, topic) in enumerate(asked)]

    def filed_under(self, topic: Sequence[str]) -> np.ndarray | None:
        """``filed_rows`` as a mask over the extracts; None when none."""
        rows = self.filed_rows(topic)
        if not len(rows):
            return None
        mask = np.zeros(len(self.extracts), dtype=bool)
        mask[rows] = True
        return mask

    def filed_rows(self, topic: Sequence[str]) -> np.ndarray:
        """The rows of the extracts the analysts filed under a code whose name the topic holds (every word of "Tool
        complexity" in "which participants found the tool's complexity a problem"), or a report filed under a
        heading whose own name holds every word of the topic, or under the sections beneath it ("the barriers" of
        "Barriers to adoption › Training"; the most particular such heading; not a topic the library speaks of
        throughout). Worked out once per topic."""
        if not topic:
            return np.zeros(0, dtype=np.int64)
        wanted = frozenset(topic)
        rows = self._filed.get(wanted)
        if rows is None:
            rows = self._filed_rows(wanted)
            if len(self._filed) >= SCOPES_KEPT:
                self._filed.clear()
            self._filed[wanted] = rows
        return rows

    def _filed_rows(self, wanted: frozenset[str]) -> np.ndarray:
        rows = [row for words, rows in self.codes().values() if words and words <= wanted for row in rows]
        if not self.weights.is_general(sorted(wanted)):
            holding, under, section_rows = self.sections()
            paths: dict[str, list[str]] = {}  # the headings named, by document
            for source, path in set.intersection(*(holding.get(token, set()) for token in wanted)):
                paths.setdefault(source, []).append(path)
            # the most particular: "Leadership", not the "Facilitators …: … leadership and personal experiences" over it
            named = [(source, path) for source, named in paths.items() for path in named
                     if not any(other.startswith(path + SECTION_SEPARATOR) for other in named)]
            rows += [row for heading in named for number in under[heading] for row in section_rows[number]]
        return np.unique(np.asarray(rows, dtype=np.int64))

    def codes(self) -> dict[tuple[str, str], tuple[frozenset[str], list[int]]]:
        """Each code of the documents filed under codes ((source, section path)): the words of its name and the rows
        of its extracts, in reading order; found once."""
        if self._codes is None:
            codes: dict[tuple[str, str], tuple[frozenset[str], list[int]]] = {}
            for row, extract in enumerate(self.extracts):
                if extract.source in self.coded_sources and extract.section:
                    key = (extract.source, extract.section)
                    if key not in codes:
                        codes[key] = (frozenset(content_tokens(section_name(extract.section))), [])
                    codes[key][1].append(row)
            self._codes = codes
        return self._codes

    def sections(self) -> tuple[dict[str, set[tuple[str, str]]], dict[tuple[str, str], list[int]], list[list[int]]]:
        """The sections of the documents with narrative of their own that file extracts, numbered, with the rows of
        each one's extracts; the headings over them ((source, path), theirs and those they are under), by the words
        of each heading's own name, and the sections at or under each; found once."""
        with self._finding_sections:
            if self._sections is None:
                numbers: dict[tuple[str, str], int] = {}
                holding: dict[str, set[tuple[str, str]]] = {}
                under: dict[tuple[str, str], list[int]] = {}
                rows: list[list[int]] = []
                for row, extract in enumerate(self.extracts):
                    if extract.source not in self.coded_sources and extract.section:
                        key = (extract.source, extract.section)
                        if key not in numbers:
                            numbers[key] = len(rows)
                            rows.append([])
                            names = extract.section.split(SECTION_SEPARATOR)
                            for depth, name in enumerate(names, 1):
                                heading = (extract.source, SECTION_SEPARATOR.join(names[:depth]))
                                if heading not in under:
                                    for token in content_tokens(name):
                                        holding.setdefault(token, set()).add(heading)
                                under.setdefault(heading, []).append(numbers[key])
                        rows[numbers[key]].append(row)
                self._sections = (holding, under, rows)
        return self._sections

    def _in_sources(self, sources: Sequence[str]) -> np.ndarray:
        """Which extracts are of ``sources`` (worked out once for each, by ``_sources_mask``)."""
        return np.fromiter((extract.source in sources for extract in self.extracts), dtype=bool,
                           count=len(self.extracts))

    def in_scope(self, filters: Filters) -> int:
        """How many respondents with extracts ``filters``' who-fields and documents leave in (worked out once each)."""
        return len(self._scope(filters))

    def _scope(self, filters: Filters) -> np.ndarray:
        """The numbers of the respondents ``filters``' who-fields and documents leave in, worked out once each."""
        return self._scope_of(filters.groups, filters.areas, filters.respondents, filters.sources)

    def _separate_studies_in(self, *scope) -> bool:
        """Whether the respondents a scope leaves in are of separate studies (``separate_studies``): a walk over
        them (tens of thousands, at scale), so worked out once for each."""
        named = len(self.group_names) - 1  # the last is "no group"
        owners = self._scope_of(*scope)
        return separate_studies((self.group_names[group] if group < named else "", self.document_names[document])
                                for group, document in zip(self.group_rank[owners].tolist(),
                                                           self.document_rank[owners].tolist()))

    def _respondents_in(self, groups, areas, respondents, sources) -> np.ndarray:
        owner_of = self.owner_of
        people = self.directory.matching(groups, areas, respondents, sources)
        return np.array([owner_of[person.key] for person in people if person.key in owner_of], dtype=np.int64)


class OwnerRows:
    """The rows of each owner (a respondent, numbered from 0 in order of first appearance), grouped once, so that
    each owner's best row for a topic costs a few linear passes rather than a sort of every row."""

    def __init__(self, owner: np.ndarray) -> None:
        self.order = np.argsort(owner, kind="stable")  # by owner, then row
        self.starts = np.flatnonzero(np.r_[True, np.diff(owner[self.order]) != 0]) if len(owner) else \
            np.zeros(0, dtype=np.int64)

    def rows(self, owner: int) -> np.ndarray:
        """The rows of ``owner``, in order."""
        end = self.starts[owner + 1] if owner + 1 < len(self.starts) else len(self.order)
        return self.order[self.starts[owner]:end]

    def best(self, scores: np.ndarray) -> np.ndarray:
        """For each owner, the row of its highest score (the first such row on a tie)."""
        ordered = scores[self.order]
        top = np.maximum.reduceat(ordered, self.starts)
        at_top = np.flatnonzero(ordered == np.repeat(top, np.diff(np.r_[self.starts, len(ordered)])))
        owner = np.searchsorted(self.starts, at_top, side="right") - 1
        first = np.r_[True, owner[1:] != owner[:-1]]
        return self.order[at_top[first]]
