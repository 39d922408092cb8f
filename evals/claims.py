"""Claim support without an LLM: does a cited passage back the sentence it is attached to?

The default checker aligns the sentence with the passage lexically (stemmed content words, numbers,
negation) and by embedding (cosine of the sentence with the passage and its best sentence), and turns that
into one score with a threshold calibrated on the "dev" part of the hand-labelled claim pairs. Where a local
NLI or cross-encoder model is configured (``EVALS_NLI_MODEL``, a folder), it is used instead. None is by
default: nothing here reaches a model hub.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.corpus import split_sentences
from assistant.text import content_tokens

from .dataset import ClaimPair
from .parsing import normalise_space

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
    folded = normalise_space(sentence).strip("…. ")
    if any(folded and folded in normalise_space(passage) for passage in passages):
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
            self._cache[text] = np.asarray(self.embed([text])[0], dtype=np.float32)  # type: ignore[misc]
        return self._cache[text]

    def _cosine(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        return float(va @ vb / ((np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0))


class CrossEncoderChecker:
    """A local NLI / cross-encoder model (sentence-transformers ``CrossEncoder``) as the support checker."""

    name = "cross-encoder"

    def __init__(self, model_path: str, entailment_index: int = -1, threshold: float = 0.5) -> None:
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(model_path, device="cpu")
        self.entailment_index = entailment_index
        self.threshold = threshold
        self.name = f"cross-encoder ({os.path.basename(model_path.rstrip('/'))})"

    def score(self, sentence: str, passage: str) -> float:
        scores = np.atleast_1d(np.asarray(self.model.predict([(passage, sentence)])[0], dtype=np.float64))
        if scores.size == 1:
            return float(1 / (1 + np.exp(-scores[0])))
        probabilities = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
        return float(probabilities[self.entailment_index])


def configured_checker(embed: Embed | None) -> SupportChecker:
    """The NLI model named by ``EVALS_NLI_MODEL`` (read now, not at import) if set, else the alignment checker."""
    model_path = os.environ.get("EVALS_NLI_MODEL", "").strip()
    if model_path:
        return CrossEncoderChecker(model_path)
    return AlignmentChecker(embed)


def balanced_accuracy(labels: Sequence[bool], predictions: Sequence[bool]) -> float:
    """Mean of the recall on supported and on unsupported pairs."""
    recalls = []
    for wanted in (True, False):
        matching = [p == l for l, p in zip(labels, predictions) if l == wanted]
        if matching:
            recalls.append(sum(matching) / len(matching))
    return sum(recalls) / len(recalls) if recalls else 0.0


def calibrate(checker: SupportChecker, pairs: Sequence[ClaimPair]) -> dict[str, object]:
    """Set ``checker.threshold`` to the best balanced accuracy on the dev pairs; report it on every split.

    Only the dev pairs tune the threshold; the heldout figure is the honest one.
    """
    scores = {pair.id: check_support(_Raw(checker), pair.sentence, [pair.passage]).score for pair in pairs}
    dev = [pair for pair in pairs if pair.split == "dev"]
    if not isinstance(checker, CrossEncoderChecker):
        candidates = sorted({round(scores[p.id], 4) for p in dev})
        best = max(candidates, key=lambda t: (balanced_accuracy([p.supported for p in dev],
                                                                [scores[p.id] >= t for p in dev]), -abs(t - 0.6)))
        checker.threshold = float(best)
    result: dict[str, object] = {"checker": checker.name, "threshold": round(checker.threshold, 4)}
    for split in ("dev", "heldout", "all"):
        chosen = [p for p in pairs if split == "all" or p.split == split]
        result[f"balanced_accuracy_{split}"] = round(balanced_accuracy(
            [p.supported for p in chosen], [scores[p.id] >= checker.threshold for p in chosen]), 4)
        result[f"pairs_{split}"] = len(chosen)
    result["mistakes"] = [
        {"id": p.id, "supported": p.supported, "score": scores[p.id], "note": p.note}
        for p in pairs if (scores[p.id] >= checker.threshold) != p.supported
    ]
    return result


class _Raw:
    """A checker view whose threshold never short-circuits: calibration needs the raw scores."""

    def __init__(self, checker: SupportChecker) -> None:
        self.checker, self.name, self.threshold = checker, checker.name, float("inf")

    def score(self, sentence: str, passage: str) -> float:
        return self.checker.score(sentence, passage)
