"""An answer's blocks laid out as lines of text, each with its style: the one layout that the Markdown renderer
(``markdown``) and the Word export (``presentation.export``) each write in their own syntax, so that neither
reads the other's output back.

Every span from the findings is shown as the source has it (on one line) with its citation label after it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .blocks import (
    Block, Bullets, Claim, Comparison, Decline, GroupCount, Lead, Notes, Prevalence, Prose, Quote, Quotes, Themes,
)
from .blocks import NO_ANSWER, NO_AREA, NO_GROUP
from .cite import render_label
from ..documents.respondents import listed, separate_studies
from ..types import UNATTRIBUTED, Citation

Label = Callable[[Citation], str]  # how a citation reads in the text
PLAIN, STRONG, NOTE, QUOTED, BULLET = "plain", "strong", "note", "quoted", "bullet"
WEAKER_VOICES_NAMED = 5  # a note of weaker matches names this many of their voices, and counts the rest
GROUPS_NAMED = 4  # a breakdown over more groups than this names only those who spoke (``groups_line``)
CODES_LISTED = 40  # a count lists this many respondents' codes and counts the rest (its JSON holds every one)


@dataclass(frozen=True)
class Line:
    """A paragraph of an answer: ``text`` in ``style`` (plain, strong, a note, a quote, a bullet point), then
    ``tail`` in plain text (a strong line's labels or counts). ``literal``: the text is to be shown exactly as
    written, marks and all (a decline's reason may hold the user's words)."""

    text: str
    style: str = PLAIN
    tail: str = ""
    literal: bool = False


def _weaker_line(block: Quotes, name_documents: bool) -> str:
    """The note of a quote list's weaker matches (of one not ``ranked``, its other extracts): who said them, each
    voice once and without pages (labels with a document name hold commas); those already quoted above, in any
    document, as "more from" them, not as voices held back."""
    def voice(quote: Quote, documents: bool = name_documents) -> str:
        return render_label(dataclasses.replace(quote.citation, page=None), documents).strip("[]")

    def named(voices: Sequence[str]) -> str:
        return listed(voices[:WEAKER_VOICES_NAMED]) + (f" and {len(voices) - WEAKER_VOICES_NAMED} more"
                                                       if len(voices) > WEAKER_VOICES_NAMED else "")

    heard = {voice(quote, False) for quote in block.quotes}  # a person, whichever document quotes them
    weaker = [(voice(quote), voice(quote, False)) for quote in block.weaker]  # each label worked out once
    held_back = [person for _, person in weaker if person not in heard]
    new = list(dict.fromkeys(name for name, person in weaker if person not in heard))
    again = list(dict.fromkeys(name for name, person in weaker if person in heard))
    people = len(set(held_back))
    matches = f"{len(block.weaker)} weaker match{'es' if len(block.weaker) > 1 else ''} not shown" if block.ranked \
        else f"{len(block.weaker)} more extract{'s' if len(block.weaker) > 1 else ''} not shown"
    if new and again:  # each list in brackets of its own: a label's comma cannot run one into the other
        return (f"{matches}: {people} more respondent{'s' if people > 1 else ''} ({named(new)}), and more from "
                f"those quoted above ({named(again)}).")
    of = f"{people} respondents: " if 1 < people < len(held_back) else ""  # "6 … (5 respondents: …"
    again_from = "more from" if block.ranked else "from"
    return f"{matches} ({of + named(new) if new else f'{again_from} {named(again)}'})."


def block_lines(block: Block, label: Label = render_label, name_documents: bool = False) -> list[Line]:
    """One block as lines."""
    if isinstance(block, Notes):
        return [Line(text, NOTE) for text in block.texts]
    if isinstance(block, Decline):
        return [Line(NO_ANSWER), *(Line(reason, literal=True) for reason in block.reasons)]
    if isinstance(block, Lead):
        return [Line(" ".join(_claim(claim, label) for claim in block.claims))]
    if isinstance(block, Quotes):
        lines = [Line(block.title)] if block.title else []
        groups: dict[str, list[Quote]] = {}
        by_document = block.by_document
        if by_document is None:  # an answer saved before the library decided it: as its quotes say
            voices = {quote.citation.respondent or quote.citation.passage_id: quote.citation for quote in block.quotes}
            by_document = separate_studies((citation.group, citation.source) for citation in voices.values())
        for quote in block.quotes:  # by group, or by document when they are of separate studies
            groups.setdefault(quote.citation.source if by_document else _group_name(quote), []).append(quote)
        for name, quotes in sorted(groups.items(), key=lambda group: group[0] in _NAMELESS):  # named groups first
            if len(groups) > 1:
                lines.append(Line(name, STRONG))
            lines.extend(quote_line(quote, label, BULLET if block.listed else QUOTED) for quote in quotes)
        if block.weaker:
            lines.append(Line(_weaker_line(block, name_documents), NOTE))
        return lines
    if isinstance(block, Themes):
        lines = []
        for number, theme in enumerate(block.themes, 1):
            if theme.heading is None:  # a code the analysts filed extracts under: its name is the heading
                lines.append(Line(f"{number}. {theme.label}", STRONG))
            else:
                lines.append(Line(f"{number}. {one_line(theme.heading.text)}", STRONG,
                                  " " + " ".join(label(c) for c in theme.heading.citations)))
            if theme.respondents:  # none: a point of the report's own ("Review the pilot after six months"), not a
                # finding "0 of 21 respondents" would qualify
                lines.append(Line(counts_line(theme.respondents, theme.total, theme.by_group), NOTE))
            if theme.support:
                lines.append(Line(" ".join(_claim(claim, label) for claim in theme.support)))
            lines.extend(quote_line(quote, label) for quote in theme.quotes)
        return lines
    if isinstance(block, Comparison):
        lines = []
        for side in block.sides:
            lines.append(Line(side.heading, STRONG, f" — {side.respondents:,} of {side.total:,} respondents"
                              if side.total else ""))
            if side.note and not side.quotes:  # said first: what the report says of a side no extract speaks for
                lines.append(Line(side.note, NOTE))
            if side.claims:
                lines.append(Line(" ".join(_claim(claim, label) for claim in side.claims)))
            lines.extend(quote_line(quote, label) for quote in side.quotes)
            if side.note and side.quotes:
                lines.append(Line(side.note, NOTE))
        return lines
    if isinstance(block, Prevalence):
        counted = counts_line(block.count, block.total, block.by_group, block.topic)
        # beside the report's own figure, a count of those it quotes is a note on it, not a second answer
        lines = [Line(f"Of those the report quotes: {counted}", NOTE) if block.beside_figure else Line(counted, STRONG)]
        if block.respondents:
            codes = [person.code + (f" ({person.document})" if name_documents else "")
                     for person in block.respondents]
            more = len(codes) - CODES_LISTED
            lines.append(Line("Respondents: " + listed(codes[:CODES_LISTED])
                              + (f" and {more:,} more" if more > 0 else "")))
        lines.extend(quote_line(quote, label) for quote in block.examples)
        if block.caveat:
            lines.append(Line(block.caveat, NOTE))
        return lines
    if isinstance(block, Bullets):
        lines = [Line(block.title)] if block.title else []
        return lines + [Line(_claim(item, label), BULLET) for item in block.items]
    if isinstance(block, Prose):
        return [Line(" ".join(_claim(claim, label) for claim in paragraph)) for paragraph in block.paragraphs]
    return []


def quote_line(quote: Quote, label: Label = render_label, style: str = QUOTED) -> Line:
    """A quote: “…” and its label (as a quote, or as a point of a list asked for)."""
    return Line(f"“{one_line(f'{quote.before}{quote.citation.quote}{quote.after}')}” {label(quote.citation)}",
                style)


def counts_line(spoke: int, total: int, by_group: Sequence[GroupCount], topic: str = "") -> str:
    """ "4 of 15 respondents spoke to “…” (Nurse 2 of 8; Doctor 2 of 4)"; no breakdown in a library that groups
    nobody ("(no group) 7 of 7" only said the count again), or by area in one that has none, or when nobody spoke
    (a zero for each group, or "others 0 of 15", says the "0 of 15" again)."""
    groups = groups_line(by_group) if spoke and [count.group for count in by_group] not in ([NO_GROUP], [NO_AREA]) \
        else ""
    about = f" spoke to “{topic}”" if topic else ""
    return f"{spoke:,} of {total:,} respondents{about}" + (f" ({groups})" if groups else "")


def groups_line(by_group: Sequence[GroupCount]) -> str:
    """ "Nurse 2 of 8; Doctor 2 of 4"; "2 of 8 respondents" when they are all of no group. Of more than
    ``GROUPS_NAMED`` groups, those with none who spoke are summed ("others 0 of 9"): a line of "GP 0 of 1" pads."""
    if [count.group for count in by_group] == [NO_GROUP]:
        return f"{by_group[0].spoke:,} of {by_group[0].total:,} respondents"
    named = [count for count in by_group if count.spoke or len(by_group) <= GROUPS_NAMED]
    rest = sum(count.total for count in by_group) - sum(count.total for count in named)
    return "; ".join([*(f"{count.group} {count.spoke:,} of {count.total:,}" for count in named),
                      *([f"others 0 of {rest:,}"] if rest else [])])


def one_line(text: str) -> str:
    """A span shown inline: its paragraph and page breaks become spaces (the citation keeps the original)."""
    return re.sub(r"\s*\f\s*|\n\n", " ", text)


def _claim(claim: Claim, label: Label) -> str:
    if not claim.verbatim:  # a written sentence is shown as checked, its labels in place
        return claim.text
    labels = " ".join(label(c) for c in claim.citations)
    flag = " ⚠" if claim.flagged else ""
    return f"{one_line(claim.text)}{flag} {labels}".strip()


_UNATTRIBUTED, _OTHERS = "Unattributed", "Other respondents"
_NAMELESS = (_UNATTRIBUTED, _OTHERS)  # headings of quotes from no group: after those of the groups


def _group_name(quote: Quote) -> str:
    citation = quote.citation
    if not citation.code:  # who the report says spoke, without a code ("Survey respondent"), else nobody
        return _UNATTRIBUTED if citation.label == UNATTRIBUTED else citation.label
    return citation.group or _OTHERS
