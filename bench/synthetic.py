"""Synthetic corpora of a chosen size, built from the real report so that retrieval still has work to do.

Each synthetic document keeps the report's structure (title, headings, narrative paragraphs, bullets,
interview extracts with their attributions) but recombines its text: a paragraph's sentences are reordered and
one is swapped in from another paragraph; an extract takes sentences from two real extracts and is attributed
to a fresh respondent code (area A–D, number, service). Documents differ from each other and from the report,
and the number of passages grows with the number of documents (about 80 per document).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from assistant.documents.readers import DocumentText, read_bytes

REPORT = Path(__file__).resolve().parent.parent / "corpus" / "police-fire-reform-year3-partnership-innovation-prevention.txt"
SERVICES = ("Police", "Fire", "Partner")
_QUOTE_LINE = re.compile(r"^(?P<body>'.*')\s*\((?P<code>[A-Z0-9]+(?: \w+)?)\)\s*$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z'‘])")


def synthetic_documents(count: int, seed: int = 0, report: Path = REPORT) -> list[DocumentText]:
    """``count`` documents recombined from ``report``, read as the .txt files they would be; the same seed gives
    the same corpus."""
    lines = report.read_text(encoding="utf-8").split("\n")
    paragraphs = [line for line in lines if _is_narrative(line)]
    quotes = [match["body"][1:-1] for line in lines if (match := _QUOTE_LINE.match(line.strip()))]
    documents = []
    for number in range(count):
        rng = random.Random(f"{seed}-{number}")
        name = f"synthetic-{number:05d}.txt"
        documents.append(read_bytes(name, _document(number, lines, paragraphs, quotes, rng).encode("utf-8")))
    return documents


def _document(number: int, lines: list[str], paragraphs: list[str], quotes: list[str], rng: random.Random) -> str:
    out = []
    codes: set[str] = set()
    for position, line in enumerate(lines):
        stripped = line.strip()
        if position == 0:
            out.append(f"{line} (synthetic case study {number})")
        elif match := _QUOTE_LINE.match(stripped):
            out.append(f"'{_recombined_quote(match['body'][1:-1], quotes, rng)}' ({_fresh_code(rng, codes)})")
        elif _is_narrative(line):
            out.append(_recombined_paragraph(line, paragraphs, rng))
        else:
            out.append(line)
    return "\n".join(out)


def _is_narrative(line: str) -> bool:
    """A paragraph or bullet of the authors' text long enough to hold several sentences."""
    stripped = line.strip()
    return len(stripped) > 200 and not _QUOTE_LINE.match(stripped) and not stripped.startswith(("'", "‘"))


def _recombined_paragraph(line: str, paragraphs: list[str], rng: random.Random) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    sentences = _SENTENCE.split(line.strip())
    other = _SENTENCE.split(rng.choice(paragraphs).strip())
    if len(sentences) > 1:
        sentences[rng.randrange(1, len(sentences))] = rng.choice(other)  # keep the first: it may be a run-in heading
        head, tail = sentences[:1], sentences[1:]
        rng.shuffle(tail)
        sentences = head + tail
    return indent + " ".join(sentences)


def _recombined_quote(body: str, quotes: list[str], rng: random.Random) -> str:
    mine = _SENTENCE.split(body)
    theirs = _SENTENCE.split(rng.choice(quotes))
    taken = mine[: max(1, len(mine) - rng.randrange(0, 2))] + theirs[: rng.randrange(1, 3)]
    rng.shuffle(taken)
    return " ".join(taken).replace("'", "’")  # an apostrophe inside must not close the quote early


def _fresh_code(rng: random.Random, used: set[str]) -> str:
    """A respondent code not yet used in this document, e.g. ``C17 Fire``."""
    while True:
        code = f"{rng.choice('ABCD')}{rng.randrange(1, 60):02d}"
        if code not in used:
            used.add(code)
            return f"{code} {rng.choice(SERVICES)}"
