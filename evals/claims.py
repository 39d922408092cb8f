"""Claim support without an LLM: does a cited passage back the sentence it is attached to?

The default checker (``assistant.answers.support.AlignmentChecker``, shared with the LLM answerer) aligns the sentence
with the passage lexically (stemmed content words, numbers, negation) and by embedding (cosine of the sentence
with the passage and its best sentence), and turns that into one score with a threshold calibrated on the "dev" part of the hand-labelled claim pairs. Where a local
NLI or cross-encoder model is configured (``EVALS_NLI_MODEL``, a folder), it is used instead. None is by
default: nothing here reaches a model hub.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

# The checker itself lives in the core (the LLM answerer uses it too); re-exported for the evals' callers.
from assistant.answers.support import AlignmentChecker, Embed, SupportChecker, Verdict, check_support

from .dataset import ClaimPair

__all__ = ["AlignmentChecker", "CrossEncoderChecker", "Embed", "SupportChecker", "Verdict", "balanced_accuracy",
           "calibrate", "check_support", "configured_checker"]


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
