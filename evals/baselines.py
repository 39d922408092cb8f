"""Baselines run on the same questions: BM25 only, and dense only with llama-index defaults
(``SentenceSplitter`` with its default chunk size, ``similarity_top_k=2``) over a throwaway in-memory Chroma
collection built from the same corpus text with the same embedding model. Each returns an answer dict whose
contexts are its ranked chunks and whose "answer" is their text: no abstention, no citations.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from assistant.search.retrieve import LexicalIndex
from assistant.types import Passage, passage_metadata

BM25_TOP_K = 10
DENSE_TOP_K = 2  # llama-index's default similarity_top_k


def _answer_dict(question: str, contexts: list[dict[str, Any]], began: float) -> dict[str, Any]:
    return {"question": question, "answer": "\n\n".join(c["text"] for c in contexts), "abstained": False,
            "citations": [], "contexts": contexts, "timings_ms": {"total": round((time.perf_counter() - began) * 1000, 2)}}


class BM25Baseline:
    """BM25 over the assistant's passages, with no filters, fusion or answer composition."""

    name = "bm25"

    def __init__(self, passages: Sequence[Passage], top_k: int = BM25_TOP_K) -> None:
        self.passages = list(passages)
        self.index = LexicalIndex(self.passages)
        self.top_k = top_k

    def ask(self, question: str) -> dict[str, Any]:
        began = time.perf_counter()
        scores = self.index.scores(question)
        order = sorted(range(len(self.passages)), key=lambda i: -float(scores[i]))[: self.top_k]
        contexts = [{"passage_id": self.passages[i].passage_id, "text": self.passages[i].text,
                     "score": float(scores[i]), "metadata": passage_metadata(self.passages[i])}
                    for i in order if scores[i] > 0]
        return _answer_dict(question, contexts, began)


class LlamaIndexDenseBaseline:
    """Dense retrieval as a llama-index quick start does it, in an ephemeral Chroma collection."""

    name = "dense_llamaindex_defaults"

    def __init__(self, corpus: Sequence[tuple[str, str]], embed_model) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import Document, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.create_collection(f"eval-baseline-{uuid.uuid4().hex[:12]}")
        documents = [Document(text=text, metadata={"source": source}) for source, text in corpus]
        nodes = SentenceSplitter().get_nodes_from_documents(documents)
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        self.index = VectorStoreIndex(nodes, storage_context=storage, embed_model=embed_model)
        self.retriever = self.index.as_retriever(similarity_top_k=DENSE_TOP_K)
        self.chunks = len(nodes)

    def ask(self, question: str) -> dict[str, Any]:
        began = time.perf_counter()
        contexts = []
        for hit in self.retriever.retrieve(question):
            node = hit.node
            start = node.start_char_idx if node.start_char_idx is not None else -1
            end = node.end_char_idx if node.end_char_idx is not None else -1
            contexts.append({"passage_id": node.node_id, "text": node.get_content(), "score": float(hit.score or 0),
                             "metadata": {"source": node.metadata.get("source"), "start": start, "end": end}})
        return _answer_dict(question, contexts, began)
