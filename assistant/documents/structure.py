"""A document's structure before its extracts: paragraphs (split at speaker turns), headings (marked by the
format or inferred, run into a paragraph or not), the section each paragraph is in, and block quotes; the
paragraph and extract records the parse fills in."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .attribution import (AUTO_STYLE, CLOSING_QUOTES, OPENING_QUOTES, Attribution, is_closing_mark, labels_a_quote,
                          opening_for)
from .prose import BULLET_MARKERS, FUNCTION_WORDS, SECTION_NUMBER, SECTION_SEPARATOR, points_to_a_figure
from .readers.layout import Layout
from .transcripts import Turn, colon_label, described_speaker, header_label, speaker_label


HEADING = "heading"
PARAGRAPH = "paragraph"
BULLET = "bullet"
BLOCK_QUOTE = "block_quote"
TURN = "turn"  # an interviewer's (or unknown speaker's) turn: context, neither quote nor narrative
TABLE_ROWS = 3  # this many guessed headings in a row, each ending in a number, are a table's rows
_FINITE_BE = frozenset("is are was were".split())
_RUN_IN_COLON_HEADING = re.compile(r"['‘\"“]?[A-Z][^.:!?\n]{1,80}?['’\"”]?:\s+(?=\S)")
_WORD = re.compile(r"\S+")
# A saying verb, and an adverb perhaps ("put it simply"), before the colon that opens someone's words.
_SAYS = re.compile(r"\b(?:said|says|told\s+\w+|put\s+it|explained|added|commented|noted|remarked|recalled|described|"
                   r"wrote|reflected|observed|admitted|asked)(?:\s+[a-z]+ly)?\s*:\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Extract:
    """An interview extract: the verbatim quote, where it is, and who said it (None = unattributed)."""

    quote: str
    start: int
    end: int
    section: str
    respondent: Attribution | None
    lead_in: str = ""  # the narrative sentence (or interviewer question) that introduces the quote
    inline: bool = False  # inside a narrative paragraph rather than a block of its own
    speaker: str = ""  # who an unattributed quote is from, as its label says, with no code: "Survey respondent"


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str = PARAGRAPH  # HEADING, PARAGRAPH, BULLET, BLOCK_QUOTE or TURN (decided as the parse goes)
    turn: Turn | None = None
    section: str = ""
    consumed: bool = False  # wholly an extract (or an attribution line): no narrative of its own


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines, stripped of surrounding white space."""
    spans = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", text):
        chunk = match.group()
        spans.append((match.start(), match.start() + len(chunk.rstrip())))
    return spans


def split_turn_lines(text: str, spans: list[tuple[int, int]], known: Counter) -> list[tuple[int, int]]:
    """A paragraph whose lines are speakers' turns ("Consultant 1: …" / "Nurse 2: …" / "(Site H)") is read as one
    paragraph per turn, and its closing attribution line as one of its own."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        lines, position = [], start
        for line in text[start:end].split("\n"):
            lines.append((position, position + len(line)))
            position += len(line) + 1
        turns = [(low, high) for low, high in lines
                 if (found := colon_label(text[low:high])) and speaker_label(found[0], known)]
        if len(turns) < 2 or turns[0][0] != start:
            result.append((start, end))
            continue
        cuts = [low for low, _ in turns]
        last_low, last_high = lines[-1]
        if AUTO_STYLE.sites(text[last_low:last_high]) and text[last_low:last_high].strip()[:1] in "([" \
                and (last_low, last_high) not in turns:
            cuts.append(last_low)
        for first, following in zip(cuts, cuts[1:] + [end + 1]):
            piece_end = following - 1
            while piece_end > first and text[piece_end - 1].isspace():
                piece_end -= 1
            result.append((first, piece_end))
    return result


def mark_turns(text: str, paragraphs: list[Paragraph], known: Counter, layout: Layout) -> None:
    """Mark paragraphs that open a speaker's turn: a header line (``P6  0:43``), ``Label: words``, or a label
    alone before the words ("**Nurse 2:**", "Interviewer", or "Consultant 3" when "Consultant …:" opens turns
    elsewhere in the document)."""
    turn_words = {label.split()[0].lower() for label, count in known.items() if count}
    found_in = [colon_label(text[paragraph.start:paragraph.end]) for paragraph in paragraphs]
    described = sum(bool(found and found[2]) for found in found_in)
    for index, paragraph in enumerate(paragraphs):
        chunk = text[paragraph.start:paragraph.end]
        first_line = chunk.split("\n", 1)[0]
        header = header_label(first_line)
        if header:
            words = paragraph.start + len(first_line)
            while words < paragraph.end and text[words].isspace():
                words += 1
            paragraph.turn = Turn(header[0], paragraph.start, words, paragraph.end, header[1])
            continue
        found = found_in[index]
        if found and index == 0 and _names_the_document(found[0], first_line, known) and not layout.transcript:
            continue  # "Focus group 3: unpaid carers, Northside" opening the document says what it is
        if found and (speaker_label(found[0], known) or layout.transcript or described_speaker(
                found[0], found[2], described)) and paragraph.start + found[1] < paragraph.end:
            paragraph.turn = Turn(found[0], paragraph.start, paragraph.start + found[1], paragraph.end, found[2])
            continue
        bare = chunk.strip("*_ ").rstrip(":").strip("*_ ")
        marked = bare != chunk.strip()  # "Interviewer:", "**Nurse 2**"
        if "\n" in chunk or index + 1 >= len(paragraphs) or not speaker_label(bare) or re.search(r"[.?!]$", bare) \
                or layout.heading_level(paragraph.start) is not None:  # "\subsection{Participants}": a heading
            continue
        if marked or bare.split()[0].lower() in turn_words or speaker_label(bare) and _is_role_word(bare):
            following = paragraphs[index + 1]
            if not colon_label(text[following.start:following.end]) and layout.heading_level(following.start) is None:
                paragraph.turn = Turn(bare, paragraph.start, following.start, following.end)


def _names_the_document(label: str, first_line: str, known: Counter) -> bool:
    """Whether a label that opens a document's first line opens no other, is no role ("Interviewer") and what
    follows it is no sentence: a title ("Focus group 3: unpaid carers, Northside"), not a turn."""
    return known[label] < 2 and not _is_role_word(label) and not re.search(r"[.?!]\W*$", first_line)


def _is_role_word(label: str) -> bool:
    from .transcripts import _role

    return bool(_role(label))


def mark_headings(text: str, paragraphs: list[Paragraph], layout: Layout, title: str, rows: set[int]) -> str:
    """Mark headings (the format's, or guessed when it marks none) and bullets; return the document's title: the
    format's, else a heading among its first paragraphs, else "" (a transcript's last line is no title)."""
    for index, paragraph in enumerate(paragraphs):
        chunk = text[paragraph.start:paragraph.end]
        if paragraph.turn is not None or index in rows:
            continue
        if layout.heading_level(paragraph.start) is not None or not layout.marked and _is_heading(chunk) \
                and not _in_numbered_list(text, paragraphs, index):
            if not layout.in_quote(paragraph.start, paragraph.end):
                paragraph.kind = HEADING
                if not title and index < 3:
                    title = chunk
                continue
        if chunk[0] in BULLET_MARKERS and chunk[1:2].isspace():
            paragraph.kind = BULLET
    _unmark_table_rows(text, paragraphs, layout)
    return title


def _unmark_table_rows(text: str, paragraphs: list[Paragraph], layout: Layout) -> None:
    """Three guessed headings or more in a row, each ending in a number ("Company and conversation 10"), are a
    table's rows as a PDF's text leaves them, not sections."""
    def row(paragraph: Paragraph) -> bool:
        return paragraph.kind == HEADING and layout.heading_level(paragraph.start) is None \
            and bool(re.search(r"[a-z]\s+\d{1,6}$", text[paragraph.start:paragraph.end]))
    run: list[Paragraph] = []
    for paragraph in [*paragraphs, None]:
        if paragraph is not None and row(paragraph):
            run.append(paragraph)
            continue
        if len(run) >= TABLE_ROWS:
            for found in run:
                found.kind = PARAGRAPH
        run = []


def assign_sections(text: str, paragraphs: list[Paragraph], title: str, layout: Layout) -> list[str]:
    """Each paragraph's section path: the headings above it, nested by the levels the format marks ("Barriers ›
    Rota gaps"; a guessed heading starts a path of its own), then a heading run into a paragraph."""
    sections: list[str] = []
    heading, subheading, title_seen = "", "", False
    open_headings: list[tuple[int, str]] = []  # (level, name) of the headings the paragraph is under
    for paragraph in paragraphs:
        chunk = text[paragraph.start:paragraph.end]
        if paragraph.kind == HEADING:
            if not title_seen and " ".join(chunk.split()) == " ".join(title.split()):
                title_seen = True  # the title heading is not a section
            else:
                name, level = chunk.replace("\n", " "), layout.heading_level(paragraph.start)
                if level is None and not any(marked for marked, _ in open_headings if marked < GUESSED_LEVEL):
                    open_headings = [(GUESSED_LEVEL, name)]  # a path of its own
                else:  # (a guessed heading under one the format marks, "4.2 Repairs" under "4. FINDINGS", is in it)
                    level = GUESSED_LEVEL if level is None else level
                    while open_headings and open_headings[-1][0] >= level:
                        open_headings.pop()
                    open_headings.append((level, name))
                heading, subheading = SECTION_SEPARATOR.join(name for _, name in open_headings), ""
                sections.append(heading)
            paragraph.section = heading
            continue
        if paragraph.kind == PARAGRAPH and paragraph.turn is None and not is_block_quote(text, paragraph) \
                and not layout.in_quote(paragraph.start, paragraph.end):
            run_in = _run_in_heading(chunk)
            if run_in:
                subheading = run_in
                sections.append(_join_section(heading, subheading))
        paragraph.section = _join_section(heading, subheading)
    return sections


def is_block_quote(text: str, paragraph: Paragraph) -> bool:
    """A paragraph that is one quote: it opens with a quote mark that closes at its end, or before a short tail
    (its code, recognised or not: "(P2)", "{id:17}", "— a nurse")."""
    return block_quote_end(text, paragraph) is not None


def block_quote_end(text: str, paragraph: Paragraph) -> int | None:
    """The closing mark of a paragraph that is one quote (see ``is_block_quote``), or None."""
    start = paragraph.start
    while start < paragraph.end and text[start] in "*_":
        start += 1
    if start >= paragraph.end or text[start] not in OPENING_QUOTES:
        return None
    for position in range(paragraph.end - 1, start, -1):
        if text[position] in CLOSING_QUOTES and is_closing_mark(text, position):
            tail = text[position + 1:paragraph.end]
            if len(tail) <= 60 and len(tail.split()) <= 8 and not re.search(r"[a-z]{3,}[.!?]\s+[A-Z]", tail):
                return position if opening_for(text, position, start) == start else None
            return None
    return None


def _join_section(heading: str, subheading: str) -> str:
    return SECTION_SEPARATOR.join(part for part in (heading, subheading) if part)


_THEME_TAG = re.compile(r"\s+\[[A-Z]{1,3}\d{1,3}\]$")  # "… [T1]"


def _is_heading(chunk: str) -> bool:
    """A short line of its own, without closing punctuation, numbered or not ("3.1 Who came and why"): a section
    heading; numbered, it may end in the analysts' tag for its theme ("4. Anxiety and mental health [T1]")."""
    if SECTION_NUMBER.match(chunk):
        chunk = _THEME_TAG.sub("", chunk)
    unnumbered = SECTION_NUMBER.sub("", chunk, count=1)
    if "\n" in chunk or len(chunk) > 200 or not unnumbered[:1].isupper() or re.search(r"[.;!?]\s", unnumbered):
        return False  # (a sentence ending inside is no heading: "1 Source: council data, 2025. Library …")
    if chunk[-1] in ".:;,?!" + CLOSING_QUOTES + ")]" or AUTO_STYLE.sites(chunk):
        return False
    return 1 <= len(chunk.split()) <= 20


def _in_numbered_list(text: str, paragraphs: list[Paragraph], index: int) -> bool:
    """Whether paragraph ``index`` is numbered next to the one before or after it (2. after 1., 3.2 after 3.1): a
    numbered list's item ("2. Pilot extended opening hours"), not a numbered heading ("3. Findings" before "3.1 Who
    came and why"), which its section's text follows."""
    def number(at: int) -> tuple[int, ...]:
        found = SECTION_NUMBER.match(text[paragraphs[at].start:paragraphs[at].end]) if 0 <= at < len(paragraphs) \
            else None
        return tuple(int(part) for part in found.group().strip().rstrip(".").split(".")) if found else ()

    own = number(index)
    return bool(own) and any(len(other) == len(own) and other[:-1] == own[:-1] and abs(other[-1] - own[-1]) == 1
                             for other in (number(index - 1), number(index + 1)))


GUESSED_LEVEL = 99  # a heading the parser guessed is below any the format marks


I_FORMS = r"I(?:['’](?:d|m|ve|ll))?"  # the first person's "I", "I'd", "I'm", "I've", "I'll"
_FIRST_PERSON = re.compile(I_FORMS)


def _run_in_heading(chunk: str) -> str:
    """A heading run into its paragraph, as text extraction leaves them.

    Two shapes: "Leadership: The interviews…" (a phrase, not a clause, and a sentence after it: not "Cost was the
    most common obstacle: several …") and "The meaning of innovation Interviewees were…", where a title-like
    phrase is followed directly by a capitalised sentence start (not a quoted word: "Respondents who
    selected “Other” gave …"; nor an acronym: "One participant anticipates collaboration between CHWs …"; nor a
    name after a function word or a clause: "But why do Tor users …", "There is merit in using Facebook's …").
    """
    colon = _RUN_IN_COLON_HEADING.match(chunk)
    if colon and (_SAYS.search(colon.group()) or labels_a_quote(colon.group(), chunk[colon.end():])):
        colon = None  # "Amira, a mother of two from Eastfield, told us: "…"": who is about to speak, no heading
    if colon and len(colon.group().split()) <= 10 and not points_to_a_figure(chunk, 0) \
            and not _FINITE_BE & set(colon.group().lower().split()) and not chunk[colon.end()].islower():
        return colon.group().rstrip().rstrip(":").strip()
    words = [match for match in _WORD.finditer(chunk[:160])]
    for position in range(3, min(len(words) - 1, 13)):
        previous, word, following = words[position - 1].group(), words[position].group(), words[position + 1].group()
        prefix = [w.group() for w in words[:position]]
        if any(not re.fullmatch(r"[A-Za-z][A-Za-z'’&-]*", w) or w.lower() in _FINITE_BE for w in prefix):
            return ""  # not a title's words, or a clause ("There is merit in using Facebook's …")
        bare = word.lstrip(OPENING_QUOTES)
        quoted = bare != word and bare.rstrip(".,;:!?")[-1:] in CLOSING_QUOTES
        capitals = sum(letter.isupper() for letter in bare)  # "CHWs" is an acronym, not a sentence's first word
        starts_sentence = bare[:1].isupper() and capitals == 1 and following[:1].islower() and not quoted \
            and not _FIRST_PERSON.fullmatch(bare)  # "By the time they rang me I'd been …" is someone speaking
        if starts_sentence and previous.lower() not in FUNCTION_WORDS and all(w[:1].islower() for w in prefix[1:]):
            return " ".join(prefix)
        if word[:1].isupper() and not starts_sentence:
            return ""
    return ""
