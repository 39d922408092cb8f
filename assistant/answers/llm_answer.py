"""Answers written by a language model from the retrieved passages, shown only as far as they check out.

The extractive answer is made first: it decides whether the findings cover the question (no LLM call when
they don't), and it is what the user gets, with a note, when the LLM fails, times out, or writes nothing that
survives checking (``llm_verify``). The model's text streams sentence by sentence, each checked as it completes.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from .answer import Answer
from .blocks import NO_ANSWER, Bullets, Claim, Comparison, Decline, Notes, Prevalence, Prose, Themes
from .cite import Source
from ..documents.prose import section_name
from .llm import LLMFailure, describe, stream_reply
from .llm_verify import CheckedSentence, SentenceChecker, Tally, is_no_answer, passage_ids
from .markdown import render_blocks
from ..settings import Settings
from .support import SupportChecker
from ..types import NARRATIVE, Citation, Passage

# How each outcome's note begins (``llm_outcome`` reads them back, e.g. for the evals).
WRITTEN = "Written by a language model"
FAILED = "The language model failed"
UNVERIFIABLE = "Nothing the language model wrote could be verified"
DECLINED = "The language model found no answer"
PASSAGE_CHARS = 1200  # longer passages are cut in the prompt (quotes are still checked against the whole)

SYSTEM_PROMPT = f"""You answer questions about a qualitative research report, using only the numbered passages \
you are given.
Rules:
1. Write two to five short sentences of plain prose: no headings, no lists.
2. End every sentence with the ids of the passages it rests on, in square brackets, such as [P2] or [P1, P3]. \
Use only ids from the list.
3. To quote someone, copy their words exactly inside double quotes and cite that passage's id.
4. Name a respondent only by the code shown with their passage.
5. If the passages do not answer the question, reply exactly: {NO_ANSWER}"""


def build_prompt(question: str, ids: Mapping[str, Passage], blocks: Sequence = ()) -> str:
    """The user message: each passage under its id, with who is speaking; the structure the evidence has for this
    question (themes, the groups compared, how many respondents spoke to it), by passage id; then the question."""
    lines = ["Passages:"]
    for key, passage in ids.items():
        text = " ".join(passage.text.split())
        if len(text) > PASSAGE_CHARS:
            text = text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
        lines.append(f"[{key}] {_speaker(passage)}: {text}")
    structure = evidence_structure(blocks, ids)
    if structure:
        lines += ["", "How the evidence is organised (follow this structure, and keep these counts):", *structure]
    lines += ["", f"Question: {question}"]
    return "\n".join(lines)


def evidence_structure(blocks: Sequence, ids: Mapping[str, Passage]) -> list[str]:
    """The extractive answer's structure in a line or a few, each part with the passage ids it rests on."""
    key_of = {passage.passage_id: key for key, passage in ids.items()}

    def keys(citations) -> str:
        found = [key_of[c.passage_id] for c in citations if c.passage_id in key_of]
        return f" [{', '.join(dict.fromkeys(found))}]" if found else ""

    def counts(group_counts) -> str:
        return "; ".join(f"{c.group} {c.spoke} of {c.total}" for c in group_counts)

    lines = []
    for block in blocks:
        if isinstance(block, Themes):
            for number, theme in enumerate(block.themes, 1):
                lines.append(f"Theme {number}: {theme.label or ' '.join(theme.heading.text.split()[:12])} — "
                             f"{theme.respondents} of {theme.total} respondents ({counts(theme.by_group)})"
                             + keys([*(theme.heading.citations if theme.heading else ()),
                                     *(c for claim in theme.support for c in claim.citations),
                                     *(q.citation for q in theme.quotes)]))
        elif isinstance(block, Comparison):
            for side in block.sides:
                counted = f": {side.respondents} of {side.total} respondents" if side.total else ""
                quoted = keys([q.citation for q in side.quotes]) or " — nothing on this"
                lines.append(f"{side.heading}{counted}{quoted}")
        elif isinstance(block, Prevalence):
            codes = ", ".join(person.code for person in block.respondents)
            lines.append(f"{block.count} of {block.total} respondents spoke to it ({counts(block.by_group)}): {codes}"
                         + keys([q.citation for q in block.examples]))
        elif isinstance(block, Bullets):
            lines.append(f"{len(block.items)} points" + keys([c for item in block.items for c in item.citations]))
    return lines


def _speaker(passage: Passage) -> str:
    if passage.kind == NARRATIVE:
        section = section_name(passage.section) or passage.source
        return f"report narrative, section “{section}”"
    if not passage.code:
        return "unattributed interview extract"
    return f"{passage.label} interview extract"


_BOUNDARY = re.compile(
    r"[.!?][\"”’')\]]*(?:[ \t]*[\[(][^\[\]()\n]{1,60}[\])])*(?=\s+[^\sa-z\[(])"  # a sentence end, its citations
    r"|\n(?=\s*\S)"  # or a line break
)


class SentenceStream:
    """Cuts streamed text into complete sentences (with the citations that follow them), never inside a quote."""

    def __init__(self) -> None:
        self.buffer = ""
        self.new_paragraph = False

    def feed(self, delta: str) -> list[tuple[str, bool]]:
        """The sentences ``delta`` completes, each with whether it starts a new paragraph."""
        self.buffer += delta
        done = []
        while True:
            boundary = self._first_boundary()
            if boundary is None:
                return done
            sentence, rest = self.buffer[:boundary.end()].strip(), self.buffer[boundary.end():]
            breaks = "\n" in boundary.group() + rest[: len(rest) - len(rest.lstrip())]
            self.buffer = rest.lstrip()
            if sentence:
                done.append((sentence, self.new_paragraph))
            self.new_paragraph = breaks

    def flush(self) -> list[tuple[str, bool]]:
        """What is left at the end of the stream."""
        sentence, self.buffer = self.buffer.strip(), ""
        return [(sentence, self.new_paragraph)] if sentence else []

    def _first_boundary(self) -> re.Match[str] | None:
        for match in _BOUNDARY.finditer(self.buffer):
            head = self.buffer[: match.end()]
            if head.count("“") <= head.count("”") and head.count('"') % 2 == 0:
                return match
        return None


class LLMAnswerer:
    """Writes an answer with the configured LLM and shows only what checks out against the findings."""

    def __init__(self, llm: Any, settings: Settings, documents: Mapping[str, Source],
                 checker: SupportChecker, known_codes: Collection[str] = ()) -> None:
        self.llm = llm
        self.settings = settings
        self.documents = documents
        self.checker = checker
        self.known_codes = frozenset(known_codes)
        self.model = describe(settings)

    @classmethod
    def from_settings(cls, settings: Settings, documents: Mapping[str, Source],
                      embed: Callable[[list[str]], list[list[float]]], known_codes: Collection[str] = ()):
        """Build the LLM the settings name (``LLMUnavailableError`` when it cannot be) and the claim checker."""
        from .llm import build_llm
        from .support import AlignmentChecker

        checker = AlignmentChecker(embed, threshold=settings.llm_support_threshold)
        return cls(build_llm(settings), settings, documents, checker, known_codes)

    def stream(self, extractive: Answer) -> Iterator[str | Answer]:
        """Verified markdown as the model writes it, then the final ``Answer``. ``extractive`` is the
        extractive answer to the same question: its contexts are the passages, and it is the fallback."""
        began = time.perf_counter()
        ids = passage_ids(extractive.contexts)
        checker = SentenceChecker(ids, self.documents, self.checker, self.known_codes, self.settings.llm_unsupported)
        written = f"{WRITTEN} ({self.model}) from the passages below; every quote and citation " \
                  "was checked against the findings."
        paragraphs: list[list[Claim]] = []
        citations: list[Citation] = []
        tally = Tally()
        first = True
        for note in extractive.notes:
            yield f"_{note}_\n\n"
        reply = stream_reply(self.llm, SYSTEM_PROMPT, build_prompt(extractive.question, ids, extractive.blocks),
                             self.settings.llm_timeout_s)
        try:
            for sentence, new_paragraph in _sentences(reply):
                if first and is_no_answer(sentence):
                    yield self._declined(extractive, began)
                    return
                first = False
                checked = checker.check(sentence)
                tally.add(checked)
                if not checked.kept:
                    continue
                if new_paragraph and paragraphs and paragraphs[-1]:
                    paragraphs.append([])
                    yield "\n\n"
                elif paragraphs:
                    yield " "
                paragraphs = paragraphs or [[]]
                paragraphs[-1].append(Claim(checked.text, checked.citations, verbatim=False,
                                            flagged=not checked.supported, quotes=checked.quotes))
                citations.extend(checked.citations)
                yield checked.text
        except LLMFailure as failure:
            reason = self._redacted(str(failure))
            yield self._fallback(extractive, f"{FAILED} ({reason}); this is the extractive answer.", began)
            return
        finally:
            reply.close()  # stop generating (and close the connection) when the reply is not read to the end
        if not any(paragraphs):
            yield self._fallback(extractive, f"{UNVERIFIABLE} against the findings; this is the extractive "
                                             "answer.", began)
            return
        notes = [*extractive.notes, written, *tally.notes(self.settings.llm_unsupported)]
        blocks = (Notes(tuple(notes)), Prose(tuple(tuple(p) for p in paragraphs if p)))
        yield dataclasses.replace(
            extractive, answer=self._render(blocks), abstained=False, citations=tuple(_unique(citations)),
            notes=tuple(notes), timings_ms=self._timings(extractive, began), blocks=blocks,
        )

    def _render(self, blocks) -> str:
        return render_blocks(blocks, name_documents=len(self.documents) > 1)

    def _declined(self, extractive: Answer, began: float) -> Answer:
        note = f"{DECLINED} in the retrieved passages ({self.model})."
        notes = (*extractive.notes, note)
        blocks = (Decline(notes),)
        return dataclasses.replace(extractive, answer=self._render(blocks), abstained=True, citations=(),
                                   notes=notes, timings_ms=self._timings(extractive, began), blocks=blocks)

    def _fallback(self, extractive: Answer, note: str, began: float) -> Answer:
        """The extractive answer (never a declined one: the LLM is not asked then) with ``note`` first."""
        blocks = (Notes((note,)), *extractive.blocks)
        return dataclasses.replace(extractive, answer=self._render(blocks), notes=(note, *extractive.notes),
                                   timings_ms=self._timings(extractive, began), blocks=blocks)

    def _timings(self, extractive: Answer, began: float) -> dict[str, float]:
        spent = round((time.perf_counter() - began) * 1000, 2)
        timings = dict(extractive.timings_ms)
        timings["llm"] = spent
        timings["total"] = round(timings.get("total", 0.0) + spent, 2)
        return timings

    def _redacted(self, text: str) -> str:
        key = self.settings.llm_api_key.get_secret_value() if self.settings.llm_api_key else ""
        return text.replace(key, "***") if key else text


def llm_outcome(notes: Sequence[str]) -> str:
    """What the LLM answerer did for an answer, read from its notes: "written", "declined", "unverifiable",
    "failed", or "not asked" (declined by retrieval, or answered from an earlier answer)."""
    for prefix, outcome in ((WRITTEN, "written"), (DECLINED, "declined"), (UNVERIFIABLE, "unverifiable"),
                            (FAILED, "failed")):
        if any(note.startswith(prefix) for note in notes):
            return outcome
    return "not asked"


def _sentences(reply: Iterator[str]) -> Iterator[tuple[str, bool]]:
    stream = SentenceStream()
    for delta in reply:
        yield from stream.feed(delta)
    yield from stream.flush()


def _unique(citations: Sequence[Citation]) -> list[Citation]:
    seen: dict[tuple[str, int, int], Citation] = {}
    for citation in citations:
        seen.setdefault((citation.passage_id, citation.start, citation.end), citation)
    return list(seen.values())


__all__ = ["LLMAnswerer", "SYSTEM_PROMPT", "SentenceStream", "build_prompt", "CheckedSentence", "llm_outcome"]
