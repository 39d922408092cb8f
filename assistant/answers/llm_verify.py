"""Check what a language model wrote, sentence by sentence, before anyone sees it. Pure text logic.

The model sees each retrieved passage under a short id ([P1], [P2] …) and cites those ids. Here:
- ids that name no retrieved passage are dropped;
- every span in quote marks must be verbatim (up to spacing, case and quote marks) in the passage cited for
  it; what is shown is the source's own text at verified offsets. A quote found in another retrieved passage is
  re-cited to it; a quote found nowhere removes its sentence (a term of one or two words loses its quote marks);
- a respondent code the sentence names must be one of its cited passages' codes: with a single cited speaker a
  wrong code is corrected, otherwise the sentence is removed;
- the claim checker must find the sentence supported by its cited passages, or it is removed (or flagged).
Citations are the same ``Citation`` objects the extractive answerer makes, so they render and export the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from .blocks import NO_ANSWER
from .cite import ELLIPSIS, Source, citation_for, render_label, verify_citation
from .support import SupportChecker, check_support
from ..text import fold, fold_with_offsets
from ..types import Citation, Passage, ScoredPassage

ID_PREFIX = "P"
# "[P3]", "[P1, P4]", "[p2; P5]", "(P3)", "[P1][P2]": the ids the model was told to cite with.
_ID_MARKER = re.compile(r"[\[(]\s*(P\s*\d+(?:\s*(?:[,;&]|and)\s*P?\s*\d+)*)\s*[\])]", re.IGNORECASE)
_ID = re.compile(r"\d+")
# Double quotes, or curly single ones (British style) whose inner ’ are apostrophes ("don’t").
_QUOTE = re.compile(r"“([^”]*)”|\"([^\"]*)\"|‘((?:[^’]|’(?=\w))*)’(?!\w)")
_LEADING_MARKUP = re.compile(r"^\s*(?:#{1,6}|>|[-*•]|\d{1,2}[.)])\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
SHORT_TERM_WORDS = 2  # a quoted term this short that is not in the source is shown unquoted, not removed


@dataclass(frozen=True)
class CheckedSentence:
    """One sentence after checking: ``text`` is what may be shown (source quotes, rendered labels)."""

    text: str
    citations: tuple[Citation, ...] = ()
    kept: bool = True
    quotes: tuple[Citation, ...] = ()  # the spans it quotes, verified verbatim (also in ``citations``)
    supported: bool = True
    unknown_ids: int = 0
    quotes_recited: tuple[str, ...] = ()  # labels of the passages a wrongly cited quote was moved to
    quotes_not_found: int = 0
    codes_corrected: tuple[tuple[str, str], ...] = ()  # (written, corrected)
    wrong_speaker: bool = False
    reason: str = ""


@dataclass(frozen=True)
class _Quote:
    passage: Passage
    citation: Citation
    shown: str  # the source's text, one line, "…" between the fragments the model kept


@dataclass
class Tally:
    """What checking removed or changed across an answer, for the notes under it."""

    unknown_ids: int = 0
    quotes_not_found: int = 0
    quotes_recited: list[str] = field(default_factory=list)
    codes_corrected: list[tuple[str, str]] = field(default_factory=list)
    wrong_speaker: int = 0
    unsupported: int = 0

    def add(self, sentence: CheckedSentence) -> None:
        self.unknown_ids += sentence.unknown_ids
        self.quotes_not_found += sentence.quotes_not_found
        self.quotes_recited.extend(sentence.quotes_recited)
        self.codes_corrected.extend(sentence.codes_corrected)
        self.wrong_speaker += sentence.wrong_speaker
        self.unsupported += not sentence.supported

    def notes(self, unsupported_policy: str) -> list[str]:
        notes = []
        if self.unknown_ids:
            notes.append(f"{self.unknown_ids} citation(s) to passages that were not retrieved were dropped.")
        if self.quotes_not_found:
            notes.append(f"{self.quotes_not_found} quote(s) not found verbatim in the findings were left out, "
                         "with their sentences.")
        if self.quotes_recited:
            notes.append("Quote(s) cited to the wrong passage were re-cited to their source: "
                         f"{', '.join(dict.fromkeys(self.quotes_recited))}.")
        for written, corrected in dict.fromkeys(self.codes_corrected):
            notes.append(f"The model named {written} where its source is {corrected}; corrected.")
        if self.wrong_speaker:
            notes.append(f"{self.wrong_speaker} sentence(s) naming a respondent their sources do not were left out.")
        if self.unsupported:
            notes.append(f"{self.unsupported} sentence(s) their cited passages do not support were "
                         + ("left out." if unsupported_policy == "drop" else "marked ⚠."))
        return notes


def passage_ids(contexts: Sequence[ScoredPassage]) -> dict[str, Passage]:
    """Short ids for the retrieved passages, in rank order: {"P1": passage, …}; repeats of a text share one."""
    ids: dict[str, Passage] = {}
    seen: set[str] = set()
    for item in contexts:
        if item.passage.text not in seen:
            seen.add(item.passage.text)
            ids[f"{ID_PREFIX}{len(ids) + 1}"] = item.passage
    return ids


def is_no_answer(text: str) -> bool:
    """Whether the model replied with the no-answer sentinel (up to case, quote marks and punctuation)."""
    return fold(text, words_only=True).startswith(fold(NO_ANSWER, words_only=True))


class SentenceChecker:
    """Checks the model's sentences against the passages it was shown."""

    def __init__(self, ids: Mapping[str, Passage], documents: Mapping[str, Source],
                 checker: SupportChecker, known_codes: Collection[str] = (), unsupported: str = "drop",
                 groups: Collection[str] = ()) -> None:
        self.ids = dict(ids)
        self.documents = documents
        self.checker = checker
        self.unsupported = unsupported
        codes = {code for code in known_codes if code} | {p.code for p in ids.values() if p.code}
        groups = {*groups, *(p.group for p in ids.values() if p.group)}
        # Any token shaped like a code with digits ("P12" beside "P10") counts: the model may invent one.
        forms = sorted({re.escape(code) for code in codes} | {_shape(code) for code in codes if _shape(code)},
                       key=len, reverse=True)
        # A code the model writes, bare ("P07 said") or as a label ("(P07 Nurse)", "[R5]").
        self._code = re.compile(
            r"(?P<open>[\[(]\s*)?(?<![\w-])(?P<code>" + "|".join(forms) + r")(?![\w-])"
            r"(?P<group>\s+(?:" + "|".join(sorted({re.escape(g) for g in groups if g}, key=len, reverse=True) or ["(?!)"])
            + r"))?(?(open)\s*[\])])"
        ) if forms else None

    def check(self, raw: str) -> CheckedSentence:
        """``raw`` (one sentence as the model wrote it) checked; ``kept`` False when it must not be shown."""
        text = fold(_LEADING_MARKUP.sub("", raw), case_and_marks=False)
        cited, unknown = self._cited_ids(text)
        text = _ID_MARKER.sub("", text)
        text, quotes, not_found, recited = self._quotes(text, cited)
        if not_found:
            return CheckedSentence("", kept=False, unknown_ids=unknown, quotes_not_found=not_found,
                                   reason="a quote is not verbatim in the findings")
        if recited:  # the ids cited for a quote that is not in them were wrong: its real source replaces them
            cited = [p for p in cited if any(q.passage == p for q in quotes)]
        cited = list(dict.fromkeys([*cited, *(quote.passage for quote in quotes)]))
        text, corrected, wrong_speaker = self._codes(text, cited)
        if wrong_speaker:
            return CheckedSentence("", kept=False, unknown_ids=unknown, wrong_speaker=True,
                                   reason="it names a respondent its sources do not")
        claim = _tidy(text)
        if not quotes and not re.search(r"[A-Za-z]{2}", claim):
            return CheckedSentence("", kept=False, unknown_ids=unknown, reason="nothing to show")
        supported = bool(cited) and all(
            check_support(self.checker, words, [p.text for p in sources]).supported
            for words, sources in _claims(claim, quotes, cited)
        )
        if not supported and self.unsupported == "drop":
            return CheckedSentence("", kept=False, supported=False, unknown_ids=unknown,
                                   reason="its cited passages do not support it")
        shown, citations = _render(claim, quotes, cited, flagged=not supported)
        return CheckedSentence(shown, tuple(citations), True, tuple(quote.citation for quote in quotes), supported,
                               unknown, tuple(recited), 0, tuple(corrected))

    def _cited_ids(self, text: str) -> tuple[list[Passage], int]:
        cited: list[Passage] = []
        unknown = 0
        for marker in _ID_MARKER.finditer(text):
            for number in _ID.findall(marker.group(1)):
                passage = self.ids.get(f"{ID_PREFIX}{int(number)}")
                if passage is None:
                    unknown += 1
                elif passage not in cited:
                    cited.append(passage)
        return cited, unknown

    def _quotes(self, text: str, cited: list[Passage]) -> tuple[str, list[_Quote], int, list[str]]:
        """Each quote located in a passage and replaced by a placeholder: (text, quotes, not found, re-cited to)."""
        quotes: list[_Quote] = []
        not_found, recited = 0, []
        pieces, position = [], 0
        for match in _QUOTE.finditer(text):
            written = next(group for group in match.groups() if group is not None).strip()
            pieces.append(text[position:match.start()])
            position = match.end()
            if not re.search(r"\w", written):
                continue
            found = self._locate_in(written, cited)
            if found is None:  # cited to the wrong passage? Another retrieved one may hold it.
                found = self._locate_in(written, [p for p in self.ids.values() if p not in cited])
                if found is not None:
                    recited.append(found.passage.label)
            if found is not None:
                pieces.append(f"\x00{len(quotes)}\x00")
                quotes.append(found)
            elif len(written.split()) <= SHORT_TERM_WORDS:
                pieces.append(written)  # a term in scare quotes: kept as plain words, checked as a claim
            else:
                not_found += 1
        pieces.append(text[position:])
        return "".join(pieces), quotes, not_found, recited

    def _locate_in(self, written: str, passages: Sequence[Passage]) -> _Quote | None:
        """The first of ``passages`` that holds ``written``, with the verified citation of the source span."""
        fragments = [part.strip(" .,;:") for part in re.split(r"…|\.\.\.", written)]
        fragments = [part for part in fragments if part]
        if not fragments:
            return None
        for passage in passages:
            spans = _find_in_order(fragments, passage.text)
            if spans is None:
                continue
            start, end = spans[0][0], spans[-1][1]
            citation = citation_for(passage, passage.start + start, passage.start + end)
            if not verify_citation(citation, self.documents):
                continue
            shown = f" {ELLIPSIS} ".join(passage.text[s:e] for s, e in spans)
            return _Quote(passage, citation, _one_line(shown))
        return None

    def _codes(self, text: str, cited: list[Passage]) -> tuple[str, list[tuple[str, str]], bool]:
        """Codes the sentence names checked against its cited speakers: (text, corrections, wrong speaker)."""
        if self._code is None:
            return text, [], False
        speakers = list(dict.fromkeys(p.code for p in cited if p.code))
        corrected: list[tuple[str, str]] = []
        wrong = False

        def replace(match: re.Match[str]) -> str:
            nonlocal wrong
            code = match.group("code")
            is_label = bool(match.group("open"))
            if code in speakers:
                return "" if is_label else match.group(0)
            if len(speakers) == 1:
                corrected.append((code, speakers[0]))
                right = next(p for p in cited if p.code == speakers[0])
                return "" if is_label else right.label
            wrong = True
            return match.group(0)

        text = self._code.sub(replace, text)  # labels are removed: each source gets its own rendered label
        return text, corrected, wrong

def _find_in_order(fragments: Sequence[str], text: str) -> list[tuple[int, int]] | None:
    """Offsets in ``text`` of each fragment, in order, matched up to spacing, case and quote marks."""
    folded, offsets = fold_with_offsets(text)
    spans, position = [], 0
    for fragment in fragments:
        needle = fold_with_offsets(fragment)[0].strip()
        index = folded.find(needle, position)
        if not needle or index < 0:
            return None
        spans.append((offsets[index], offsets[index + len(needle) - 1] + 1))
        position = index + len(needle)
    return spans


def _claims(claim: str, quotes: Sequence[_Quote], cited: Sequence[Passage]) -> list[tuple[str, list[Passage]]]:
    """The sentence's pieces as a reader sees them, each with the passages its label stands for: the text up to
    each quote's label rests on that quote's passage; what follows the last quote, on the sentence's sources."""
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(claim):
        quote = quotes[int(match.group(1))]
        words = _PLACEHOLDER.sub(lambda m: quotes[int(m.group(1))].shown, claim[position:match.end()])
        pieces.append((words, [quote.passage]))
        position = match.end()
    tail = claim[position:]
    if re.search(r"[A-Za-z]{2}", tail) or not pieces:
        pieces.append((tail, _tail_sources(quotes, cited)))
    return pieces


def _tail_sources(quotes: Sequence[_Quote], cited: Sequence[Passage]) -> list[Passage]:
    """The passages cited at the end of a sentence: those no quote stands for, else all it cites."""
    quoted = {quote.passage.passage_id for quote in quotes}
    return [p for p in cited if p.passage_id not in quoted] or list(cited)


def _render(claim: str, quotes: Sequence[_Quote], cited: Sequence[Passage],
            flagged: bool) -> tuple[str, list[Citation]]:
    """The sentence as shown: each quote as the source's text followed by its label, and at the end the labels
    of the passages the rest of the sentence rests on; and its citations."""
    citations: list[Citation] = []

    def show(match: re.Match[str]) -> str:
        quote = quotes[int(match.group(1))]
        citations.append(quote.citation)
        return f"“{quote.shown}” {render_label(quote.citation)}"

    body = _PLACEHOLDER.sub(show, claim)  # the claim is tidied before quotes go in: they are shown as they are
    tail = claim[claim.rfind("\x00") + 1:] if quotes else claim
    ending = _tail_sources(quotes, cited) if re.search(r"[A-Za-z]{2}", tail) else \
        [p for p in cited if all(q.passage != p for q in quotes)]
    rest = [citation_for(p) for p in ending]
    citations.extend(c for c in rest if all(c.passage_id != q.passage.passage_id for q in quotes))
    labels = " ".join(dict.fromkeys(render_label(c) for c in rest))
    body = f"{body} {labels}".strip()
    return (f"⚠ {body}" if flagged else body), citations


def _shape(code: str) -> str:
    """A pattern for codes like ``code`` ("P10" -> letter, digit, digit); "" for codes without digits."""
    if not any(char.isdigit() for char in code):
        return ""
    return "".join(r"\d" if c.isdigit() else "[A-Z]" if c.isupper() else re.escape(c) for c in code)


def _one_line(text: str) -> str:
    return re.sub(r"\s*\f\s*|\s*\n\s*", " ", text)


def _tidy(text: str) -> str:
    text = fold(text, case_and_marks=False)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return re.sub(r"\(\s*\)|\[\s*\]", "", text).strip()
