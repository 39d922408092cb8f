"""What ``Assistant.ask`` returns: the answer as structure (its blocks) and as Markdown, with its citations, the
passages it was drawn from, the filters it was read with, and how long each step took; to and from JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .blocks import Block, block_from_dict, block_to_dict
from ..types import Citation, ScoredPassage, passage_from_metadata, passage_metadata


@dataclass(frozen=True)
class Answer:
    """What ``Assistant.ask`` returns."""

    question: str
    answer: str  # markdown, rendered from ``blocks``
    abstained: bool
    citations: tuple[Citation, ...]
    contexts: tuple[ScoredPassage, ...]
    filters: dict[str, list[str]] = field(default_factory=dict)
    filter_origin: dict[str, str] = field(default_factory=dict)  # field -> "argument" | "question"
    notes: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()  # the answer as structure; ``answer`` is their Markdown
    names_documents: bool = False  # its citations name their documents (``cite.names_documents``)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [citation.to_dict() for citation in self.citations],
            "contexts": [
                {
                    "passage_id": item.passage.passage_id,
                    "text": item.passage.text,
                    "score": round(item.score, 6),
                    "metadata": passage_metadata(item.passage),
                }
                for item in self.contexts
            ],
            "filters": self.filters,
            "filter_origin": self.filter_origin,
            "notes": list(self.notes),
            "timings_ms": self.timings_ms,
            "blocks": [block_to_dict(block) for block in self.blocks],
            "names_documents": self.names_documents,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Answer":
        """The inverse of ``to_dict``: an answer as it was given, e.g. from a saved conversation."""
        contexts = tuple(ScoredPassage(passage_from_metadata(c["passage_id"], c["text"], c["metadata"]), c["score"])
                         for c in data.get("contexts", []))
        return cls(
            question=data["question"], answer=data["answer"], abstained=bool(data["abstained"]),
            citations=tuple(Citation.from_dict(c) for c in data.get("citations", [])), contexts=contexts,
            filters=dict(data.get("filters", {})), filter_origin=dict(data.get("filter_origin", {})),
            notes=tuple(data.get("notes", [])), timings_ms=dict(data.get("timings_ms", {})),
            blocks=tuple(block_from_dict(block) for block in data.get("blocks", [])),
            # (an answer saved before this was kept named its documents when it cited several)
            names_documents=bool(data.get("names_documents",
                                          len({c["source"] for c in data.get("citations", [])}) > 1)),
        )
