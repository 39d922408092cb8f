"""How the study was done, asked so ("How was the study conducted?", "What methods did the evaluation use?", "How
were participants recruited?"): the document's own section on its method answers, in its sentences. Reports head
that section in a few common ways ("Method", "Methodology", "Study design", "Data collection", "Sampling")."""

from __future__ import annotations

import re

from .grounds import SECTION_PASSAGES
from .summary import SUMMARY_BULLETS, summary_bullets
from ..blocks import Block
from ..evidence import Evidence
from ...documents.prose import section_name
from ...types import ScoredPassage

_METHOD_SECTION = re.compile(r"\b(?:methods?|methodology|(?:study|research|evaluation)\s+design|sampling|recruitment|"
                             r"data\s+(?:collection|analysis)|study\s+population)\b", re.IGNORECASE)


def method_answer(evidence: Evidence) -> list[Block] | None:
    """Bullets of the sections on its method of the first document the question's passages come from that has them,
    or of the document it names; None when none has one. Each section by its own name ("Study design", "Data
    collection"): not one a method section holds on something else ("Setting", of "Research methods and design")."""
    question = evidence.question
    sources = question.filters.sources or dict.fromkeys(item.passage.source for item in evidence.candidates)
    for source in sources:
        passages = [passage for path in evidence.reading.paths(source) if _METHOD_SECTION.search(section_name(path))
                    for passage in evidence.reading.section(source, path)]
        if passages:
            pool = evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in passages[:SECTION_PASSAGES]])
            return summary_bullets(evidence, pool, True, question.bullets or SUMMARY_BULLETS)
    return None
