"""Claim support without an LLM: does a cited passage back the sentence it is attached to?

The alignment checker compares the sentence with the passage lexically (stemmed content words, numbers,
negation) and, given an embedder, by embedding (cosine of the sentence with the passage and with its best
sentence), and turns that into one score; ``threshold`` turns the score into a verdict. The LLM answerer uses
it to remove sentences its cited passages do not support; the evals use it (and calibrate its threshold) to
score every answer's claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..documents.prose import split_sentences
from ..text import content_tokens, fold

Embed = Callable[[list[str]], list[list[float]]]
NEGATIONS = re.compile(r"\b(?:not|no|never|none|nor|neither|without|cannot|nae|nothing|lack\w*)\b|n't|nae\b", re.I)
NUMBERS = re.compile(r"\b(?:\d+(?:\.\d+)?%?|one|two|three|four|five|six|seven|eight|nine|ten|half|all|every|"
                     r"most|many|some|few|only|always|none)\b", re.I)


class SupportChecker(Protocol):
    """Scores how well a passage supports a sentence; ``threshold`` turns the score into a verdict."""

    name: str
    threshold: float

    def score(self, sentence: str, passage: str) -> float: ...


@dataclass(frozen=True)
class Verdict:
    supported: bool
    score: float


def check_support(checker: SupportChecker, sentence: str, passages: Sequence[str]) -> Verdict:
    """Whether any of the cited ``passages`` supports ``sentence``; text shown verbatim supports itself."""
    if not passages:
        return Verdict(False, 0.0)
    folded = fold(sentence, case_and_marks=False).strip("…. ")
    if any(folded and folded in fold(passage, case_and_marks=False) for passage in passages):
        return Verdict(True, 1.0)
    best = max(checker.score(sentence, passage) for passage in passages)
    return Verdict(best >= checker.threshold, round(float(best), 4))


class AlignmentChecker:
    """Lexical + embedding alignment of a sentence with a passage (no model beyond the embedder)."""

    name = "lexical+embedding alignment"

    def __init__(self, embed: Embed | None = None, threshold: float = 0.6, embedding_weight: float = 0.5) -> None:
        self.embed = embed
        self.threshold = threshold
        self.embedding_weight = embedding_weight if embed else 0.0
        self._cache: dict[str, np.ndarray] = {}

    def features(self, sentence: str, passage: str) -> dict[str, float]:
        """What the score is made of; each in [0, 1]."""
        claim = set(content_tokens(sentence))
        source = set(content_tokens(passage))
        recall = len(claim & source) / len(claim) if claim else 0.0
        aligned = self._best_sentence(sentence, passage)
        claim_numbers = {n.lower() for n in NUMBERS.findall(sentence)}
        numbers_unsupported = bool(claim_numbers - {n.lower() for n in NUMBERS.findall(passage)})
        negation_flip = (len(NEGATIONS.findall(sentence)) > 0) != (len(NEGATIONS.findall(aligned)) > 0)
        cosine = self._cosine(sentence, passage) if self.embed else 0.0
        aligned_cosine = self._cosine(sentence, aligned) if self.embed else 0.0
        return {"recall": recall, "cosine": max(cosine, aligned_cosine), "numbers": float(numbers_unsupported),
                "negation": float(negation_flip)}

    def score(self, sentence: str, passage: str) -> float:
        f = self.features(sentence, passage)
        w = self.embedding_weight
        return (1 - w) * f["recall"] + w * f["cosine"] - 0.2 * f["numbers"] - 0.15 * f["negation"]

    def _best_sentence(self, sentence: str, passage: str) -> str:
        claim = set(content_tokens(sentence))
        pieces = [passage[start:end] for start, end in split_sentences(passage)] or [passage]
        return max(pieces, key=lambda piece: len(claim & set(content_tokens(piece))))

    def _vector(self, text: str) -> np.ndarray:
        if text not in self._cache:
            if len(self._cache) >= 4096:  # a long-running app checks many sentences; keep memory bounded
                self._cache.clear()
            self._cache[text] = np.asarray(self.embed([text])[0], dtype=np.float32)  # type: ignore[misc]
        return self._cache[text]

    def _cosine(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        return float(va @ vb / ((np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0))
