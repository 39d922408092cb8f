"""Read a findings report as structure: headings, narrative paragraphs, bullet items and interview extracts.

Everything keeps its character offsets in the source text, so a quote can always be checked against it.
An extract carries its respondent code only when the text attributes it; a quote without a code stays
unattributed and never borrows a neighbour's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .respondents import DEFAULT_STYLE, AttributionStyle, Respondent

HEADING = "heading"
PARAGRAPH = "paragraph"
BULLET = "bullet"
BLOCK_QUOTE = "block_quote"

OPENING_QUOTES = "'\"‘“"
CLOSING_QUOTES = "'\"’”"
BULLET_MARKERS = "•●▪–-*"
SECTION_SEPARATOR = " › "

# Words a heading does not end on: a phrase ending on one of these is the start of a sentence.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for with by from and or but that which who whom whose is are was were be been "
    "this these those their its his her our as into than not no has have had it they we there when where if "
    "so such can could would should may might will".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])['’\"”)\]]*\s+(?=['‘\"“(\[]?[A-Z])")
_RUN_IN_COLON_HEADING = re.compile(r"['‘\"“]?[A-Z][^.:!?\n]{1,80}?['’\"”]?:\s+(?=\S)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Block:
    """A structural unit of the text: a heading, narrative paragraph, bullet item or block quote."""

    kind: str
    start: int
    end: int
    section: str
    text: str


@dataclass(frozen=True)
class Extract:
    """An interview extract: the verbatim quote, where it is, and who said it (None = unattributed)."""

    quote: str
    start: int
    end: int
    section: str
    respondent: Respondent | None
    code_as_written: str = ""  # e.g. "DO2 Police"; "" when unattributed
    lead_in: str = ""  # the narrative sentence that introduces the quote
    inline: bool = False  # inside a narrative paragraph rather than a block of its own


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    extracts: tuple[Extract, ...]
    sections: tuple[str, ...] = field(default=())


def parse_document(text: str, source: str, style: AttributionStyle = DEFAULT_STYLE) -> ParsedDocument:
    """Parse a report into blocks and extracts, each with offsets into ``text``; ``style`` says how the report
    attributes quotes to respondents."""
    paragraphs = _paragraph_spans(text)
    blocks: list[Block] = []
    extracts: list[Extract] = []
    sections: list[str] = []
    title = ""
    heading, subheading = "", ""
    lead_in = ""
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        chunk = text[start:end]
        if chunk[0] in BULLET_MARKERS and chunk[1:2].isspace():
            body_start = start + 1 + (len(chunk[1:]) - len(chunk[1:].lstrip()))
            section = _join_section(heading, subheading)
            blocks.append(Block(BULLET, body_start, end, section, text[body_start:end]))
            lead_in = _last_sentence(text[body_start:end])
            extracts.extend(_inline_extracts(text, body_start, end, section, style))
            index += 1
            continue
        if chunk[0] in OPENING_QUOTES:
            consumed, extract = _block_quote(text, paragraphs, index, _join_section(heading, subheading), lead_in, style)
            if extract is not None:
                blocks.append(Block(BLOCK_QUOTE, start, paragraphs[index + consumed - 1][1], extract.section,
                                    text[start:paragraphs[index + consumed - 1][1]]))
                extracts.append(extract)
                index += consumed
                continue
        if _is_heading(chunk, style):
            if not title:
                title = chunk
            else:
                heading, subheading = chunk, ""
                sections.append(heading)
            blocks.append(Block(HEADING, start, end, heading, chunk))
            index += 1
            continue
        run_in = _run_in_heading(chunk)
        if run_in:
            subheading = run_in
            sections.append(_join_section(heading, subheading))
        section = _join_section(heading, subheading)
        blocks.append(Block(PARAGRAPH, start, end, section, chunk))
        extracts.extend(_inline_extracts(text, start, end, section, style))
        lead_in = _last_sentence(chunk)
        index += 1
    return ParsedDocument(source, title, text, tuple(blocks), tuple(extracts), tuple(dict.fromkeys(sections)))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within ``text``; a heuristic good enough for report prose."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines, stripped of surrounding white space."""
    spans = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", text):
        chunk = match.group()
        spans.append((match.start(), match.start() + len(chunk.rstrip())))
    return spans


def _join_section(heading: str, subheading: str) -> str:
    return SECTION_SEPARATOR.join(part for part in (heading, subheading) if part)


def _is_heading(chunk: str, style: AttributionStyle) -> bool:
    """A short line of its own, without closing punctuation: a section heading."""
    if "\n" in chunk or len(chunk) > 200 or not chunk[0].isupper():
        return False
    if chunk[-1] in ".:;,?!" + CLOSING_QUOTES + ")]" or style.search(chunk):
        return False
    return 1 <= len(chunk.split()) <= 20


def _run_in_heading(chunk: str) -> str:
    """A heading run into its paragraph, as text extraction leaves them.

    Two shapes: "Leadership: The interviews…" and "The meaning of innovation Interviewees were…", where a
    title-like phrase is followed directly by a capitalised sentence start.
    """
    colon = _RUN_IN_COLON_HEADING.match(chunk)
    if colon and len(colon.group().split()) <= 10:
        return colon.group().rstrip().rstrip(":").strip()
    words = [match for match in _WORD.finditer(chunk[:160])]
    for position in range(3, min(len(words) - 1, 13)):
        previous, word, following = words[position - 1].group(), words[position].group(), words[position + 1].group()
        prefix = [w.group() for w in words[:position]]
        if any(not re.fullmatch(r"[A-Za-z][A-Za-z'’&-]*", w) for w in prefix):
            return ""
        bare = word.lstrip(OPENING_QUOTES)
        starts_sentence = bare[:1].isupper() and not bare.isupper() and following[:1].islower()
        if starts_sentence and previous.lower() not in _FUNCTION_WORDS and all(w[:1].islower() for w in prefix[1:]):
            return " ".join(prefix)
        if word[:1].isupper() and not starts_sentence:
            return ""
    return ""


def _last_sentence(chunk: str) -> str:
    spans = split_sentences(chunk)
    return chunk[spans[-1][0]:spans[-1][1]] if spans else ""


def _block_quote(text: str, paragraphs: list[tuple[int, int]], index: int, section: str, lead_in: str,
                 style: AttributionStyle):
    """A quote that opens a paragraph, maybe running over several, ending at its code or closing mark.

    Returns (paragraphs consumed, Extract), or (0, None) when the paragraph is not a quote after all.
    """
    start = paragraphs[index][0]
    for consumed in range(1, 5):
        if index + consumed - 1 >= len(paragraphs):
            break
        end = paragraphs[index + consumed - 1][1]
        if consumed > 1 and text[paragraphs[index + consumed - 1][0]] in OPENING_QUOTES + BULLET_MARKERS:
            break  # the next paragraph opens a quote of its own: the earlier one never closed
        chunk = text[start:end]
        code = style.search(chunk)
        if code and chunk[code.end():].strip() == "":
            quote_end = start + code.start()
            quote_end = _strip_closing(text, start + 1, quote_end)
            return consumed, Extract(
                quote=text[start + 1:quote_end], start=start + 1, end=quote_end, section=section,
                respondent=style.respondent(code), code_as_written=style.as_written(code), lead_in=lead_in,
            )
        if code:
            break  # a code in the middle: this is narrative that opens with a quoted term
        if chunk[-1] in CLOSING_QUOTES:
            quote_end = _strip_closing(text, start + 1, end)
            return consumed, Extract(text[start + 1:quote_end], start + 1, quote_end, section, None, "", lead_in)
    return 0, None


def _strip_closing(text: str, start: int, end: int) -> int:
    """Move ``end`` back over white space and one closing quote mark."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in CLOSING_QUOTES:
        end -= 1
    return end


def _inline_extracts(text: str, start: int, end: int, section: str, style: AttributionStyle) -> list[Extract]:
    """Quotes inside a narrative paragraph that end with a code: "… not buying in (A10 Fire))"."""
    extracts = []
    floor = start
    for code in style.finditer(text, start, end):
        opening = _opening_quote_before(text, floor, code.start())
        if opening is None:
            continue
        quote_end = _strip_closing(text, opening + 1, code.start())
        before = text[floor:opening]
        extracts.append(Extract(
            quote=text[opening + 1:quote_end], start=opening + 1, end=quote_end, section=section,
            respondent=style.respondent(code), code_as_written=style.as_written(code),
            lead_in=_last_sentence(before.rstrip(" (")) if before.strip() else "", inline=True,
        ))
        floor = code.end()
    return extracts


def _opening_quote_before(text: str, floor: int, limit: int) -> int | None:
    """The nearest opening quote mark before ``limit``: double quotes first, then single."""
    for marks in ("\"“", "'‘"):
        for position in range(limit - 1, floor - 1, -1):
            if text[position] in marks and (position == floor or text[position - 1] in " \t\n([") \
                    and not text[position + 1:position + 2].isspace():
                return position
    return None
