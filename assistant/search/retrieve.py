"""Hybrid retrieval: BM25 (bm25s) over Scots-normalised stems, and dense search in Chroma, fused by reciprocal
rank (or a weighted score). Filters apply to both sides.

The dense side asks the index's collection directly (``PassageIndex.nearest``): llama-index's retriever over the
same collection ranks the same way but costs about 2 s of imports at start and node building per question
(see bench/RESULTS.md). Callers get ``ScoredPassage``s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

from .abbreviations import Abbreviations
from .recent import RecentByVector
from ..documents.passages import embedding_text
from ..text import content_tokens, fold
from ..types import Filters, Passage, ScoredPassage, texts_of

RRF_K = 60
SCAN_BLOCK = 5000  # passages joined for one regular-expression search (a few MB at a time)
SCAN_SEPARATOR = "\n0\n"  # a digit on its own line: a phrase of words cannot match across it
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what may not come just before a phrase's first word
RECENT_QUESTIONS = 4  # unfiltered hit lists kept for the searches of one answer
RECENT_TEXTS = 16  # texts whose embeddings are kept for the searches of one answer
OVERFETCH_LIMIT = 1000  # most unfiltered dense hits to ask for and filter here, rather than Chroma's ``where``
EXACT_LIMIT = 500  # most passages to score exactly from vectors read out of Chroma when a filter is narrow
_SEARCHING = ThreadPoolExecutor(max_workers=8, thread_name_prefix="search")  # see ``retrieve``
PHRASES_KEPT = 64  # quoted phrases whose passages are kept for the next question
DENSE_WEIGHT = 0.6  # for weighted fusion: share of the normalised dense score


class LexicalIndex:
    """BM25 over every passage; filtering is a mask over the scores. Saved beside the index and loaded memory-mapped
    (``snapshot``), so a large library is not tokenised again at each start."""

    def __init__(self, passages: Sequence[Passage], bm25=None) -> None:
        import bm25s

        self.size = len(passages)
        if bm25 is not None:
            self.bm25 = bm25
            return
        self.bm25 = bm25s.BM25()
        corpus = [content_tokens(embedding_text(passage)) or ["_empty_"] for passage in passages]
        if corpus:  # bm25s cannot index nothing; an empty index answers every query with no scores
            self.bm25.index(corpus, show_progress=False)

    def save(self, folder: Path) -> None:
        if self.size:
            self.bm25.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path, passages: Sequence[Passage]) -> "LexicalIndex":
        import bm25s

        if not passages:
            return cls(passages)
        return cls(passages, bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False))

    @property
    def vocabulary(self) -> dict[str, int]:
        """Every stemmed token in the passages."""
        return self.bm25.vocab_dict if self.size else {}

    def holding_all(self, text: str) -> np.ndarray | None:
        """Positions of the passages whose words include every content word of ``text`` (in their text, heading
        or lead-in): the candidates for a phrase. None when ``text`` has no content word to narrow by."""
        tokens = set(content_tokens(text))
        if not tokens:
            return None
        if not self.size or any(token not in self.vocabulary for token in tokens):
            return np.zeros(0, dtype=np.int64)
        indptr, indices = self.bm25.scores["indptr"], self.bm25.scores["indices"]
        held = None
        for token in tokens:
            number = self.vocabulary[token]
            rows = np.asarray(indices[indptr[number]:indptr[number + 1]])
            held = rows if held is None else np.intersect1d(held, rows, assume_unique=True)
        return np.sort(held)

    def scores(self, query: str, also: Sequence[tuple[str, float]] = ()) -> np.ndarray:
        """BM25 of every passage for ``query`` and the (token, weight) pairs ``also``: each word's stored scores
        summed by passage. Read straight from the (memory-mapped) score columns with ``bincount``, which is several
        times quicker than bm25s' own summing (``np.add.at``) over a large library."""
        numbers = [(self.vocabulary[token], weight) for token, weight in
                   [*((token, 1.0) for token in content_tokens(query)), *also] if token in self.vocabulary]
        if not numbers:
            return np.zeros(self.size, dtype=np.float32)
        indptr, indices, data = (self.bm25.scores[name] for name in ("indptr", "indices", "data"))
        rows = np.concatenate([indices[indptr[n]:indptr[n + 1]] for n, _ in numbers])
        weights = np.concatenate([weight * np.asarray(data[indptr[n]:indptr[n + 1]]) if weight != 1.0
                                  else data[indptr[n]:indptr[n + 1]] for n, weight in numbers])
        return np.bincount(rows, weights=weights, minlength=self.size).astype(np.float32)


class HybridRetriever:
    """Ranks passages for a question by fusing a lexical and a dense ranking."""

    def __init__(self, passages: Sequence[Passage], store, embedder, fusion: str = "rrf",
                 candidates: int = 40, lexical: LexicalIndex | None = None, vectors=None,
                 abbreviations: Abbreviations | None = None) -> None:
        """``store`` answers ``nearest(embedding, top_k, where)``, ``nearest_each(embeddings, top_k)`` and
        ``similarities(embedding, passages)`` (a ``PassageIndex``); ``lexical`` is the passages' BM25 index when one
        was loaded; ``vectors`` is a local copy of the passages' stored vectors (``snapshot.StoredVectors``, which
        numbers the passages as here), when there is one: then a filtered search never waits for Chroma's;
        ``abbreviations``, those the library defines, so that a question naming a thing in one form finds the
        passages that name it in the other."""
        self.passages = list(passages)
        self.abbreviations = abbreviations or Abbreviations()
        self.position = vectors.position if vectors is not None else {  # a passage's number, by its id
            passage.passage_id: number for number, passage in enumerate(self.passages)}
        self.lexical = lexical or LexicalIndex(self.passages)
        self._phrases = lru_cache(maxsize=PHRASES_KEPT)(self._with_phrase)  # see ``with_phrase``
        self.columns = _FilterColumns(self.passages)
        self.embedder = embedder
        # The searches of one answer (a question, its topic, each side of a comparison) embed the same texts: the
        # last few are kept here, so that even an embedder that keeps none (a benchmark's) embeds each once.
        self._embedding = lru_cache(maxsize=RECENT_TEXTS)(lambda text: tuple(embedder.embed_query(text)))
        self._kept_vectors: dict[str, list[float]] = {}  # see ``embed_all``
        self.store = store
        self.vectors = vectors
        self._recent_hits: RecentByVector[list[tuple[str, float]]] = RecentByVector(RECENT_QUESTIONS)  # ``_nearest``
        self.fusion = fusion
        self.candidates = candidates

    def retrieve(self, query: str, filters: Filters = Filters(), top_k: int = 8,
                 exclude: Sequence[str] = (), focus: str | None = None) -> list[ScoredPassage]:
        """The ``top_k`` best passages for ``query`` that pass ``filters``, best first. With ``focus`` (the
        query's topic words alone), the lexical side searches those, and a passage's cosine is the better of its
        cosines with the question and with its topic: a conversational question then still finds its topic."""
        allowed = self.mask(filters)
        for passage_id in exclude:
            if passage_id in self.position:
                allowed[self.position[passage_id]] = False
        if not allowed.any():
            return []
        searched = [query, focus] if focus and focus != query else [query]
        # The slow steps let go of the interpreter (the model, Chroma, numpy over a large library), so they overlap:
        # the words are scored on another thread while the question is embedded here, then Chroma is searched on
        # another thread (its hits kept for ``dense_scores``) while the words' hits get their cosines here.
        words = focus or query
        lexical_side = _SEARCHING.submit(self._lexical_ranking, words, allowed)
        embeddings = [self.embed(text) for text in searched]
        nearest = _SEARCHING.submit(self._nearest_each, embeddings, self.candidates + len(exclude)) \
            if filters.is_empty() else None
        lexical, lexical_ranked = lexical_side.result()
        word_cosines = self._stored_cosines(lexical_ranked, embeddings)
        if nearest is not None:
            nearest.result()
        dense = self.dense_scores(query, filters, exclude, allowed)
        if focus and focus != query:
            for position, cosine in self.dense_scores(focus, filters, exclude, allowed).items():
                dense[position] = max(cosine, dense.get(position, cosine))
        # Passages found by their words alone get their cosine too: one just outside the dense hits would otherwise
        # be fused as if it meant nothing ("food parcels" for a question about food support).
        dense.update((position, cosine) for position, cosine in word_cosines.items() if position not in dense)
        self._fill_cosines(dense, lexical_ranked, searched)
        return self._fuse(lexical, lexical_ranked, dense, top_k)

    def _lexical_ranking(self, words: str, allowed: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """The BM25 score of every passage that passes (``allowed``) for ``words`` and the abbreviations' other forms
        of them, and the positions of the best, best first."""
        lexical = self.lexical.scores(words, self.abbreviations.other_forms(content_tokens(words))) * allowed
        return lexical, [i for i in _top_positions(lexical, self.candidates) if lexical[i] > 0]

    def _stored_cosines(self, positions: Sequence[int], embeddings: Sequence[list[float]]) -> dict[int, float]:
        """The better cosine of each passage at ``positions`` with ``embeddings``, from the local copy of the stored
        vectors (none without one)."""
        if self.vectors is None or not positions:
            return {}
        numbers = np.asarray(positions, dtype=np.int64)
        cosines = np.max([self.vectors.scores(embedding, numbers) for embedding in embeddings], axis=0)
        return dict(zip(positions, cosines.tolist()))

    def _fill_cosines(self, dense: dict[int, float], positions: Sequence[int], texts: Sequence[str]) -> None:
        """``_stored_cosines`` without a local copy of the vectors: those of ``positions`` not in ``dense`` read
        from the store, the better with ``texts``."""
        chosen = [self.passages[position] for position in positions if position not in dense]
        for text in texts if chosen else ():
            for passage_id, cosine in self.store.similarities(self.embed(text), chosen):
                position = self.position[passage_id]
                dense[position] = max(cosine, dense.get(position, cosine))

    def dense_scores(self, query: str, filters: Filters, exclude: Sequence[str] = (),
                     allowed: np.ndarray | None = None) -> dict[int, float]:
        """Cosine similarity of the best dense candidates, keyed by passage position.

        With filters, Chroma's filtered search is slow on a large collection (72 ms for "quotes only" at 10,000
        passages, 88 ms for one respondent at 100,000, against 2 ms for 200 unfiltered hits; bench/RESULTS.md).
        So a broad filter asks for more hits without it and filters them here by ``allowed`` (the filter mask, as
        ``retrieve`` made it). When that is not enough, the filtered passages are scored exactly from the local copy
        of their vectors (a few ms for 8,500 passages at 100,000); without one, a narrow filter (a respondent, a
        document) is scored from vectors read out of Chroma, and ``where`` is left for what falls between.
        """
        embedding = self.embed(query)
        wanted = self.candidates + len(exclude)
        hits = None
        if not filters.is_empty():
            allowed = self.mask(filters) if allowed is None else allowed
            share = float(allowed.mean()) if len(allowed) else 0.0
            fetch = min(math.ceil(1.5 * wanted / share), len(self.passages)) if share else 0
            if 0 < fetch <= OVERFETCH_LIMIT:
                # The nearest hits may be mostly of the kind filtered out (narrative near a question for quotes):
                # ask again for more, up to the limit, before leaving it to Chroma's slower filtered search.
                for size in dict.fromkeys((fetch, min(4 * fetch, OVERFETCH_LIMIT, len(self.passages)))):
                    nearest = self._nearest(embedding, size)
                    positions = np.fromiter((self.position.get(pid, -1) for pid, _ in nearest), dtype=np.int64,
                                            count=len(nearest))  # -1: written since we loaded (see below)
                    hits = [nearest[i] for i in np.flatnonzero((positions >= 0) & allowed[positions])[:wanted]]
                    if len(hits) >= min(wanted, int(allowed.sum())) or size >= len(self.passages):
                        break
                else:
                    hits = None  # too few passed: score the filtered passages exactly, or let Chroma filter
            if hits is None and self.vectors is not None:
                rows = np.flatnonzero(allowed)
                scores = self.vectors.scores(embedding, rows)
                hits = [(self.passages[rows[i]].passage_id, float(scores[i])) for i in _top_positions(scores, wanted)]
            elif hits is None and allowed.sum() <= EXACT_LIMIT:
                chosen = [self.passages[i] for i in np.flatnonzero(allowed)]
                hits = sorted(self.store.similarities(embedding, chosen), key=lambda hit: -hit[1])[:wanted]
        if hits is None:
            where = _chroma_where(filters)
            hits = self._nearest(embedding, wanted) if where is None else self.store.nearest(embedding, wanted, where)
        results = {}
        for passage_id, cosine in hits:
            position = self.position.get(passage_id)
            if position is None or passage_id in exclude:
                continue  # written by another process since we loaded; picked up on the next load
            results[position] = cosine
        return results

    def embed(self, text: str) -> list[float]:
        """The vector of ``text`` (a question, its topic, a statement to count speakers for)."""
        return list(self._embedding(text))

    def embed_all(self, texts: Sequence[str], keep: bool = False) -> list[list[float]]:
        """The vectors of ``texts`` in one call of the model (a themes answer's statements, each counted for), a text
        asked twice embedded once (two passages under one heading give a themes answer its text twice). With
        ``keep``, for texts that are the library's own (its groups' names, which a question's words are compared
        with): each is embedded once and kept while the library is open."""
        kept = self._kept_vectors if keep else {}
        missing = [text for text in dict.fromkeys(texts) if text not in kept]
        if missing:
            kept.update(zip(missing, self.embedder.embed_texts(missing)))
        return [kept[text] for text in texts]

    def _nearest(self, embedding: list[float], size: int) -> list[tuple[str, float]]:
        """The ``size`` nearest passages, unfiltered; the widest list asked for each of the last few questions is
        kept, so the searches of one answer (a comparison's sides, each filtered here) ask Chroma once."""
        return self._nearest_each([embedding], size)[0]

    def _nearest_each(self, embeddings: Sequence[list[float]], size: int) -> list[list[tuple[str, float]]]:
        """``_nearest`` for each of ``embeddings``; those not kept are searched in one call of the store."""
        keys = [RecentByVector.key(embedding) for embedding in embeddings]
        kept = [self._recent_hits.get(key) for key in keys]
        missing = [n for n, hits in enumerate(kept)
                   if hits is None or len(hits) < size and len(hits) < len(self.passages)]
        if missing:
            for n, hits in zip(missing, self.store.nearest_each([embeddings[n] for n in missing], size)):
                self._recent_hits.put(keys[n], hits)
                kept[n] = hits
        return [hits[:size] for hits in kept]

    def mask(self, filters: Filters) -> np.ndarray:
        """Which passages pass ``filters``, as a boolean array aligned with ``self.passages``."""
        return self.columns.mask(filters)

    def with_phrase(self, phrase: str) -> list[Passage]:
        """Passages whose text holds ``phrase`` word for word (case, spacing and punctuation folded), in reading
        order; only those holding all its words are read. Kept for the next ask: a question's phrase is looked up
        for pinning and again for checking who said it."""
        return self._phrases(phrase)

    def _with_phrase(self, phrase: str) -> list[Passage]:
        candidates = self.lexical.holding_all(phrase)
        if candidates is None:  # only common words ("can do"): the passages that may hold them in that order
            pool = self._holding_words(fold(phrase, words_only=True).split())
        else:
            pool = [self.passages[i] for i in candidates]
        return passages_with_phrase(phrase, pool)

    def _holding_words(self, words: Sequence[str]) -> list[Passage]:
        """The passages whose text holds ``words`` in that order with only spaces or punctuation between, in
        order. One search over each block of lower-cased texts joined by a separator no match can cross (a bare
        digit between line breaks), and the word boundary before the first word checked by hand: a pattern that
        starts with a literal word is searched for as a literal (0.08 s over 36 MB, against 0.5 s for one that
        starts with a look-behind, and 0.75 s for one case-blind search per passage at 100,000 passages)."""
        pattern = re.compile(r"[^a-z0-9]+".join(map(re.escape, words)) + r"(?![a-z0-9])")
        found: list[Passage] = []
        for first in range(0, len(self.passages), SCAN_BLOCK):
            block = self.passages[first:first + SCAN_BLOCK]
            texts = [text.lower() for text in texts_of(block)]  # read together when kept on disk
            starts = np.cumsum([0] + [len(text) + len(SCAN_SEPARATOR) for text in texts[:-1]])
            joined = SCAN_SEPARATOR.join(texts)
            hits = {int(np.searchsorted(starts, match.start(), side="right")) - 1 for match in pattern.finditer(joined)
                    if not match.start() or joined[match.start() - 1] not in _WORD_CHARS}
            found.extend(block[i] for i in sorted(hits))
        return found

    def matching(self, filters: Filters) -> list[Passage]:
        """Every passage that passes ``filters``, in reading order: for exhaustive questions, not top-k."""
        return [self.passages[i] for i in np.flatnonzero(self.mask(filters))]

    def _fuse(self, lexical: np.ndarray, lexical_ranked: list[int], dense: dict[int, float],
              top_k: int) -> list[ScoredPassage]:
        dense_ranked = sorted(dense, key=dense.get, reverse=True)
        fused: dict[int, float] = {}
        if self.fusion == "rrf":
            for ranking in (lexical_ranked, dense_ranked):
                for rank, position in enumerate(ranking):
                    fused[position] = fused.get(position, 0.0) + 1.0 / (RRF_K + rank + 1)
        else:
            top_lexical = float(lexical.max()) or 1.0
            for position in set(lexical_ranked) | set(dense_ranked):
                fused[position] = DENSE_WEIGHT * max(dense.get(position, 0.0), 0.0) + \
                    (1 - DENSE_WEIGHT) * float(lexical[position]) / top_lexical
        order = sorted(fused, key=lambda position: (-fused[position], position))[:top_k]
        return [
            ScoredPassage(self.passages[p], fused[p], dense.get(p, 0.0), float(lexical[p])) for p in order
        ]


def passages_with_phrase(phrase: str, passages: Iterable[Passage]) -> list[Passage]:
    """Passages whose text holds ``phrase`` (folded for case, punctuation and spacing), in reading order; none for
    a phrase too short to look for (``is_phrase``)."""
    if not is_phrase(phrase):
        return []
    needle = fold(phrase, words_only=True)
    return [passage for passage in passages if needle in _folded_quote(passage.text)]


def is_phrase(text: str) -> bool:
    """Whether ``text`` is a phrase that passages are looked for by word for word: two words or more, five
    characters at least (folded); a single word is searched as a word."""
    needle = fold(text, words_only=True)
    return len(needle) >= 5 and " " in needle


@lru_cache(maxsize=8192)
def _folded_quote(quote: str) -> str:
    """``fold`` of a passage, kept for the next phrase: only passages holding all of a phrase's words are folded
    (``LexicalIndex.holding_all``), so a few thousand cover the phrases asked of a library at once, without holding
    a folded copy of every passage."""
    return fold(quote, words_only=True)


_FILTER_FIELDS = {  # Filters field -> Passage attribute (also the Chroma metadata key)
    "groups": "group", "areas": "area", "respondents": "respondent", "kinds": "kind", "sections": "section",
    "sources": "source",
}


class _FilterColumns:
    """Each filterable attribute of every passage as an integer column, so a filter is a vectorised lookup
    rather than a Python loop over the corpus (100,000 passages: under 1 ms instead of about 100 ms)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.size = len(passages)
        self.codes: dict[str, dict[str, int]] = {}
        self.columns: dict[str, np.ndarray] = {}
        for attribute in _FILTER_FIELDS.values():
            values = [getattr(passage, attribute) for passage in passages]
            codes = {value: number for number, value in enumerate(dict.fromkeys(values))}
            self.codes[attribute] = codes
            self.columns[attribute] = np.fromiter((codes[v] for v in values), dtype=np.int32, count=self.size)

    def mask(self, filters: Filters) -> np.ndarray:
        allowed = np.ones(self.size, dtype=bool)
        for field, attribute in _FILTER_FIELDS.items():
            wanted = getattr(filters, field)
            if wanted:
                chosen = np.zeros(len(self.codes[attribute]), dtype=bool)  # by value number: whether it passes
                chosen[[self.codes[attribute][value] for value in wanted if value in self.codes[attribute]]] = True
                allowed &= chosen[self.columns[attribute]]
        return allowed


def _top_positions(scores: np.ndarray, k: int) -> list[int]:
    """Positions of the ``k`` highest scores, best first, ties by position (as a stable sort would give),
    without sorting the whole corpus."""
    if k <= 0:
        return []
    if k >= len(scores):
        return [int(i) for i in np.argsort(-scores, kind="stable")]
    # The k-th highest as the k-th lowest of the negated scores: selecting near the top of mostly tied zeros (the
    # lexical scores of a large library) is ten times slower than near the bottom (6 ms against 0.5 at 100,000).
    threshold = -np.partition(-scores, k - 1)[k - 1]
    above = np.flatnonzero(scores > threshold)
    tied = np.flatnonzero(scores == threshold)[: k - len(above)]
    chosen = np.concatenate([above, tied])
    return [int(i) for i in chosen[np.lexsort((chosen, -scores[chosen]))]]


def _chroma_where(filters: Filters) -> dict | None:
    """``filters`` as a Chroma ``where`` clause (None when there is nothing to filter)."""
    clauses = [
        {attribute: {"$in": list(values)}}
        for field, attribute in _FILTER_FIELDS.items() if (values := getattr(filters, field))
    ]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
