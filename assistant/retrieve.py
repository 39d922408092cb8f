"""Hybrid retrieval: BM25 (bm25s) over Scots-normalised stems, and dense search in Chroma through llama-index,
fused by reciprocal rank (or a weighted score). Filters apply to both sides.

llama-index objects stay in this module: callers get ``ScoredPassage``s.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .passages import embedding_text
from .text import content_tokens
from .types import Filters, Passage, ScoredPassage

RRF_K = 60
DENSE_WEIGHT = 0.6  # for weighted fusion: share of the normalised dense score


class LexicalIndex:
    """BM25 over every passage, held in memory; filtering is a mask over the scores."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        import bm25s

        self.passages = list(passages)
        self.bm25 = bm25s.BM25()
        corpus = [content_tokens(embedding_text(passage)) or ["_empty_"] for passage in self.passages]
        self.bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        tokens = [token for token in content_tokens(query) if token in self.bm25.vocab_dict]
        if not tokens:
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)


class HybridRetriever:
    """Ranks passages for a question by fusing a lexical and a dense ranking."""

    def __init__(self, passages: Sequence[Passage], vector_store, embedder, fusion: str = "rrf",
                 candidates: int = 40) -> None:
        from llama_index.core import VectorStoreIndex

        self.passages = list(passages)
        self.by_id = {passage.passage_id: passage for passage in self.passages}
        self.position = {passage.passage_id: i for i, passage in enumerate(self.passages)}
        self.lexical = LexicalIndex(self.passages)
        self.embedder = embedder
        self.vector_index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embedder.model)
        self.fusion = fusion
        self.candidates = candidates

    def retrieve(self, query: str, filters: Filters = Filters(), top_k: int = 8,
                 exclude: Sequence[str] = ()) -> list[ScoredPassage]:
        """The ``top_k`` best passages for ``query`` that pass ``filters``, best first."""
        allowed = self.mask(filters)
        for passage_id in exclude:
            if passage_id in self.position:
                allowed[self.position[passage_id]] = False
        if not allowed.any():
            return []
        lexical = self.lexical.scores(query) * allowed
        lexical_ranked = [int(i) for i in np.argsort(-lexical, kind="stable")[: self.candidates] if lexical[i] > 0]
        dense = self.dense_scores(query, filters, exclude)
        return self._fuse(lexical, lexical_ranked, dense)[:top_k]

    def dense_scores(self, query: str, filters: Filters, exclude: Sequence[str] = ()) -> dict[int, float]:
        """Cosine similarity of the best dense candidates, keyed by passage position."""
        from llama_index.core.schema import QueryBundle

        retriever = self.vector_index.as_retriever(
            similarity_top_k=self.candidates + len(exclude), filters=_metadata_filters(filters)
        )
        bundle = QueryBundle(query_str=query, embedding=self.embedder.embed_query(query))
        results = {}
        for hit in retriever.retrieve(bundle):
            position = self.position.get(hit.node.node_id)
            if position is None or hit.node.node_id in exclude:
                continue  # written by another process since we loaded; picked up on the next load
            results[position] = 1.0 + math.log(max(hit.score or 0.0, 1e-9))  # Chroma: exp(-(1 - cosine))
        return results

    def mask(self, filters: Filters) -> np.ndarray:
        if filters.is_empty():
            return np.ones(len(self.passages), dtype=bool)
        return np.fromiter((filters.matches(p) for p in self.passages), dtype=bool, count=len(self.passages))

    def matching(self, filters: Filters) -> list[Passage]:
        """Every passage that passes ``filters``, in reading order: for exhaustive questions, not top-k."""
        return [passage for passage in self.passages if filters.matches(passage)]

    def _fuse(self, lexical: np.ndarray, lexical_ranked: list[int], dense: dict[int, float]) -> list[ScoredPassage]:
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
        order = sorted(fused, key=lambda position: (-fused[position], position))
        return [
            ScoredPassage(self.passages[p], fused[p], dense.get(p, 0.0), float(lexical[p])) for p in order
        ]


def _metadata_filters(filters: Filters):
    from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

    fields = {
        "service": filters.services, "area": filters.areas, "code": filters.respondents,
        "kind": filters.kinds, "section": filters.sections, "source": filters.sources,
    }
    clauses = [
        MetadataFilter(key=key, value=list(values), operator=FilterOperator.IN)
        for key, values in fields.items() if values
    ]
    return MetadataFilters(filters=clauses) if clauses else None
