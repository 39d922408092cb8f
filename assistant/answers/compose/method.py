"""How the study was done, asked so ("How was the study conducted?", "What methods did the evaluation use?", "Who
took part?", "What are the limitations of the study?"): the document's own sections on its method answer, in its
sentences. Reports head them in a few common ways ("Method", "Methodology", "Study design", "Data collection",
"Sampling", "Strengths and limitations"). How many took part is a figure, which ``counts`` finds where it is stated."""

from __future__ import annotations

import re

from .grounds import SECTION_PASSAGES
from .summary import SUMMARY_BULLETS, summary_bullets
from ..blocks import Block
from ..evidence import Evidence
from ...documents.prose import section_name
from ...text import content_tokens
from ...types import ScoredPassage

_METHOD_SECTION = re.compile(r"\b(?:methods?|methodology|(?:study|research|evaluation)\s+design|sampling|recruitment|"
                             r"data\s+(?:collection|analysis)|study\s+population)\b", re.IGNORECASE)
_ANY_METHOD = frozenset(content_tokens("method methods methodology study research evaluation design data"))
_LIMITS_SECTION = re.compile(r"\blimitations?\b", re.IGNORECASE)  # what the method could not do, asked for by name


def method_answer(evidence: Evidence) -> list[Block] | None:
    """Bullets of the sections on its method of the first document the question's passages come from that has them,
    or of the document it names; None when none has one. Each section by its own name ("Study design", "Data
    collection"): not one a method section holds on something else ("Setting", of "Research methods and design");
    those whose names hold a word of the question alone, when some do ("Strengths and limitations", asked for the
    study's limitations)."""
    question = evidence.question
    asked = set(evidence.topic) - _ANY_METHOD  # what of the method it asks about: its limitations, the recruitment
    sources = question.filters.sources or dict.fromkeys(item.passage.source for item in evidence.candidates)
    for source in sources:
        names = {path: section_name(path) for path in evidence.reading.paths(source)}
        paths = [path for path, name in names.items() if _METHOD_SECTION.search(name)]
        named = [path for path, name in names.items() if (path in paths or _LIMITS_SECTION.search(name))
                 and asked & set(content_tokens(name))]
        passages = [passage for path in named or paths for passage in evidence.reading.section(source, path)]
        if passages:
            pool = evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in passages[:SECTION_PASSAGES]])
            return summary_bullets(evidence, pool, True, question.bullets or SUMMARY_BULLETS)
    return None
