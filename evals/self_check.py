"""Questions that need no one to write them: from each attributed quote of the library, ask who said its most
telling phrase, and what its respondent said about the quote's key words. Scored like hand-written questions,
they show how well retrieval finds each respondent's words and whether answers credit the right respondent, per
document, on any library (``assistant eval --self-check``).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Sequence

from assistant.text import content_tokens
from assistant.types import Passage

from .dataset import EvalItem

PHRASE_WORDS = (5, 9)  # a phrase long enough to be telling, short enough to be typed
PER_DOCUMENT = 30  # quotes asked about per document (chosen at random, with a fixed seed)


def self_check_items(passages: Sequence[Passage], per_document: int = PER_DOCUMENT, seed: int = 7) -> list[EvalItem]:
    """Two questions per sampled attributed quote: "Who said “phrase”?" and "What did CODE say about key words?"."""
    quotes = [p for p in passages if p.is_attributed and len(p.text.split()) >= PHRASE_WORDS[0]]
    idf = _idf(passages)
    items: list[EvalItem] = []
    rng = random.Random(seed)
    by_document: dict[str, list[Passage]] = {}
    for passage in quotes:
        by_document.setdefault(passage.source, []).append(passage)
    for source, chosen in sorted(by_document.items()):
        sample = rng.sample(chosen, min(per_document, len(chosen)))
        for number, passage in enumerate(sample, 1):
            phrase = _telling_phrase(passage.text, idf)
            keywords = _key_words(passage.text, idf)
            if not phrase or not keywords:
                continue
            gold = (phrase,)
            common = dict(kind="self_check", answerable=True, expected_codes=(passage.code,), gold_evidence=gold,
                          key_points=(), history=(), filters={}, split="self", document=source)
            items.append(EvalItem(id=f"self-{source}-{number}-who", question=f"Who said “{phrase}”?", **common))
            items.append(EvalItem(id=f"self-{source}-{number}-what",
                                  question=f"What did {passage.code} say about {keywords}?", **common))
    return items


def _idf(passages: Sequence[Passage]) -> dict[str, float]:
    counts: Counter = Counter()
    for passage in passages:
        counts.update(set(content_tokens(passage.text)))
    total = max(len(passages), 1)
    return {token: math.log((1 + total) / (1 + count)) + 1 for token, count in counts.items()}


def _telling_phrase(text: str, idf: dict[str, float]) -> str:
    """The run of words (within one sentence) whose content words are rarest in the library."""
    best, best_score = "", 0.0
    for sentence in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())):
        words = sentence.split()
        for size in range(PHRASE_WORDS[0], PHRASE_WORDS[1] + 1):
            for start in range(0, max(len(words) - size + 1, 0)):
                phrase = " ".join(words[start:start + size]).strip(" ,;:")
                tokens = content_tokens(phrase)
                if len(tokens) < 3 or "“" in phrase or '"' in phrase:
                    continue
                score = sum(idf.get(token, 1.0) for token in tokens) / (len(words[start:start + size]) ** 0.5)
                if score > best_score:
                    best, best_score = phrase, score
    return best


def _key_words(text: str, idf: dict[str, float], count: int = 3) -> str:
    """The quote's rarest content words, in the order it says them, as a topic a user might ask about."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]{3,}", text)
    ranked = sorted({w.lower() for w in words if content_tokens(w)},
                    key=lambda w: -idf.get(content_tokens(w)[0], 1.0))[:count]
    ordered = [w.lower() for w in words if w.lower() in ranked]
    return " and ".join(dict.fromkeys(ordered))
