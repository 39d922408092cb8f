"""Read a findings document as structure: headings, narrative paragraphs, bullet items and interview extracts.

Everything keeps its character offsets in the text, so a quote can always be checked against it. Headings and
block quotes come from the format when it marks them (``Layout``) and are inferred otherwise. Extracts are found
however the document attributes them (see ``attribution`` and ``transcripts``):

- a code after the quote, on its line or the next (``‘…’ (P20_F_31)``, ``"…" (P07 Nurse)``, ``“…” — P7``);
- a code before it (a block quote labelled ``[P14]``; a coded segment ``P4 Theme > Sub-theme quote``);
- speaker turns (a transcript, or a block of turns with one attribution line after it).

An extract carries its respondent only when the text attributes it; a quote without a code stays unattributed
and never borrows a neighbour's. Interviewer turns are context for the answer that follows, never quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .attribution import (
    _CODE_TOKEN, AUTO_STYLE, CLOSING_QUOTES, OPENING_QUOTES, Attribution, AttributionStyle, QuoteCandidates, Site, code_shape,
    is_by_role, is_closing_mark, normalise_code, opening_for, unclosed_opening,
)
from .readers.layout import Layout
from .transcripts import (
    INTERVIEWER, RESPONDENT, UNKNOWN, Turn, colon_label, header_label, inline_turns, label_counts, respondent_code,
    roles, speaker_label,
)

HEADING = "heading"
PARAGRAPH = "paragraph"
BULLET = "bullet"
BLOCK_QUOTE = "block_quote"
TURN = "turn"  # an interviewer's (or unknown speaker's) turn: context, neither quote nor narrative

BULLET_MARKERS = "•●▪–-*"
SECTION_SEPARATOR = " › "
PROSE_WORDS = 6  # a statement has this many words at least, one of them a function word of English (below)…
# …and it ends as a sentence does, perhaps before a closing quote or bracket and a note's number ("… as shown [8]"),
# not where a table's header row or a line cut by a page break stops ("Participant Age Sex Number of years")
_ENDS_A_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*\s*(?:\[[\d,;–\- ]+\]|\(\d+\)|\d{1,3})?\W*$")
TRANSCRIPT_SHARE = 0.4  # a document whose paragraphs are mostly speaker turns is a transcript
ROLE_QUOTE_WORDS = 4  # a role with no code ("(Parent)") attributes a quote of this many words at least, not a term

# Words a heading does not end on: a phrase ending on one of these is the start of a sentence.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for with by from and or but that which who whom whose is are was were be been "
    "this these those their its his her our as into than not no has have had it they we there when where if "
    "so such can could would should may might will do does did why how what".split()
)
_FINITE_BE = frozenset("is are was were".split())
_SENTENCE_END = re.compile(r"(?<=[.!?…])['’\"”)\]]*\s+(?=['‘\"“(\[]?[A-Z])"
                           rf"|[ \t]*\n[ \t]*[{re.escape(BULLET_MARKERS)}][ \t]+")  # a list item starts a sentence
_DANGLING_BULLET = re.compile(rf"\s*\n[ \t]*[{re.escape(BULLET_MARKERS)}]$")
# A sentence about a figure or table ("Figure [onion-usage] provides some insight.", "Figure 3 shows …"), or its
# caption ("Figure [usage]: The strategies …"): no finding of its own, nor a heading run into its paragraph.
_POINTS_TO_A_FIGURE = re.compile(r"(?:Figure|Fig\.|Table|Chart|Graph|Exhibit)s?(?:\s+[\[(]?[\w.:-]+[\])]?)?:?\s",
                                 re.IGNORECASE)
# A sentence about the document's own parts ("This section sketches out …", "The next chapter turns to …", "The
# following extracts illustrate …"): where findings are, not a finding ("This report finds that …" is one).
_SIGNPOST = re.compile(r"(?:(?:in\s+)?the\s+following\s+(?:interview\s+)?(?:extracts?|excerpts?|quotes?|quotations?)\b|"
                       r"(?:this|the\s+(?:following|next|present|previous|last|first|final))\s+(?:section|chapter|part|"
                       r"report|paper|article|document|appendix|annex|subsection)\s+(?:\w+ly\s+)?(?:sketch|outline|"
                       r"describe|present|set|explore|examine|consider|discuss|summari[sz]e|review|introduce|turn|look|"
                       r"focus|provide|report|begin|draw|bring|give|offer|detail|cover|address)(?:e?s|ed)?\b)",
                       re.IGNORECASE)
# A sentence saying what the authors asked or set out to do ("We asked our respondents if …", "The next question in
# our survey asked if …", "This study aimed to explore …", "When asked about X, the participants responded:"): how
# the study was done, not what it found (unless it gives the answer's figure too).
_METHOD = re.compile(r"(?:(?:we|our\s+(?:survey|questionnaire|interviews?)|the\s+(?:\w+\s+)?(?:survey|questionnaire|"
                     r"question)(?:\s+in\s+our\s+(?:survey|questionnaire))?)\s+(?:also\s+|then\s+|next\s+|further\s+)?"
                     r"asked\b|(?:we|this\s+(?:study|paper|research|evaluation|review)|the\s+(?:study|research)\s+)"
                     r"\s*(?:wanted|sought|set\s+out|aimed|aims|seeks|sets\s+out|tried)\s+to\b"
                     r"|when\s+(?:they\s+were\s+|we\s+)?asked\b[^.!?:]*:(?=\s|$))(?![^.!?]*\d)",
                     re.IGNORECASE)
# The back matter of a paper: what it says there is about the paper, not a finding.
_BACK_MATTER = re.compile(r"^(?:acknowledge?ments?|funding(?:\s+information)?|competing\s+interests?|conflicts?\s+of\s+"
                          r"interests?|author(?:s'?|'s)?\s+contributions?|data\s+availability|disclaimer|references|"
                          r"bibliography|declarations?)\b", re.IGNORECASE)
_RUN_IN_COLON_HEADING = re.compile(r"['‘\"“]?[A-Z][^.:!?\n]{1,80}?['’\"”]?:\s+(?=\S)")
_WORD = re.compile(r"\S+")
_ROW = re.compile(rf"(?P<code>{_CODE_TOKEN}) (?=[A-Z][^\n>.?!]{{0,90}} > )")
_ROW_WITHOUT_PATH = re.compile(rf"(?P<code>{_CODE_TOKEN}) (?=[A-Z])")
_PATH_STEP = re.compile(r"[^\n>.?!]{1,90}? > ")
_NOT_THEME_END = _FUNCTION_WORDS | {"i", "so", "yeah", "um", "uh", "okay", "ok", "well", "like", "you", "we", "just"}
_BLOCK_PARAGRAPHS = 4  # most paragraphs one quote runs over


@dataclass(frozen=True)
class Block:
    """A structural unit of the text: a heading, narrative paragraph, bullet item, block quote or turn."""

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
    respondent: Attribution | None
    lead_in: str = ""  # the narrative sentence (or interviewer question) that introduces the quote
    inline: bool = False  # inside a narrative paragraph rather than a block of its own
    speaker: str = ""  # who an unattributed quote is from, as its label says, with no code: "Survey respondent"


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    extracts: tuple[Extract, ...]
    sections: tuple[str, ...] = field(default=())
    transcript: bool = False  # mostly speaker turns
    area_name: str = ""  # what the document calls the site letter of its codes ("area"), if they carry one
    candidates: QuoteCandidates = field(default_factory=QuoteCandidates, compare=False)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def speaker_at(self, start: int, end: int) -> str | None:
        """The code of the respondent whose extract holds ``[start, end)`` ("" when it is unattributed), or None
        when no extract holds it."""
        for extract in self.extracts:
            if extract.start <= start and end <= extract.end:
                return extract.respondent.code if extract.respondent else ""
        return None

    def narrative_covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one narrative paragraph or bullet."""
        return any(block.kind in (PARAGRAPH, BULLET) and block.start <= start and end <= block.end
                   for block in self.blocks)


@dataclass
class _Paragraph:
    start: int
    end: int
    kind: str = PARAGRAPH  # HEADING, PARAGRAPH, BULLET, BLOCK_QUOTE or TURN (decided as the parse goes)
    turn: Turn | None = None
    section: str = ""
    consumed: bool = False  # wholly an extract (or an attribution line): no narrative of its own


def parse_document(text: str, source: str, style: AttributionStyle = AUTO_STYLE, layout: Layout = Layout(),
                   title: str = "") -> ParsedDocument:
    """Parse a document into blocks and extracts, each with offsets into ``text``. ``style`` says how quotes are
    attributed (learned shapes by default); ``layout`` and ``title`` are what the file's format marked."""
    known = label_counts(text)
    paragraphs = [_Paragraph(start, end) for start, end in _split_turn_lines(text, _paragraph_spans(text), known)]
    starts = _row_starts(text, paragraphs)
    _mark_turns(text, paragraphs, known, layout)
    title = _mark_headings(text, paragraphs, layout, title, set(starts))
    sections = _assign_sections(text, paragraphs, title, layout)
    builder = _ExtractBuilder(text, source, title, paragraphs, style, layout, known, _coded_rows(text, paragraphs, starts))
    builder.find()
    extracts = _normalised(text, builder.extracts)
    area_name, extracts = _areas(text, extracts)
    blocks = []
    for paragraph in paragraphs:
        kind = BLOCK_QUOTE if paragraph.consumed and paragraph.kind in (PARAGRAPH, BULLET) else paragraph.kind
        start = paragraph.start
        if kind == BULLET:
            chunk = text[start:paragraph.end]
            start += 1 + (len(chunk[1:]) - len(chunk[1:].lstrip()))
        blocks.append(Block(kind, start, paragraph.end, paragraph.section, text[start:paragraph.end]))
    extracts.sort(key=lambda extract: extract.start)
    return ParsedDocument(source, title, text, tuple(blocks), tuple(extracts), tuple(dict.fromkeys(sections)),
                          builder.transcript, area_name, builder.candidates)


def parse_read(document, style: AttributionStyle = AUTO_STYLE) -> ParsedDocument:
    """``parse_document`` of a ``readers.DocumentText``: its text, with the layout and title its format gave."""
    return parse_document(document.text, document.source, style, document.layout, document.title)


def section_name(path: str) -> str:
    """The last part of a section path, the name its heading gives: "Barriers › Rota gaps" → "Rota gaps"."""
    return path.split(SECTION_SEPARATOR)[-1]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within ``text``; a heuristic good enough for report prose."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        end = len(text.rstrip())
        dangling = _DANGLING_BULLET.search(text, start, end)  # the next item's marker, its words in the next passage
        spans.append((start, dangling.start() if dangling else end))
    return [(s, e) for s, e in spans if e > s]


def list_items(text: str) -> list[tuple[int, int]]:
    """The first sentence of each item of a list in ``text`` (a list's passage): its first sentence, and each that
    opens a line with a list marker ("…the rota gaps;\n  • While the wards …"), as (start, end) spans."""
    return [(start, end) for number, (start, end) in enumerate(split_sentences(text))
            if not number or _ITEM_OPENS.search(text, 0, start)]


def ends_before_an_item(text: str) -> bool:
    """Whether ``text`` (a list's passage) ends on the marker of the next item, whose words are in the next passage."""
    return bool(_DANGLING_BULLET.search(text))


def run_in_label(text: str) -> str:
    """The label a paragraph runs into ("Reduced budgets and growing demand: Interviewees …" → "Reduced budgets and
    growing demand"); "" when it opens with none."""
    head, colon, rest = text[:120].partition(":")
    return head.strip() if colon and rest[:1] == " " and 1 <= len(head.split()) <= 12 and "." not in head else ""


def lead_in_sentence(text: str) -> str:
    """The sentence of ``text`` that introduces what follows (its last), spacing folded: how a list is known by its
    lead-in, whether or not a heading run into the paragraph comes before it."""
    spans = split_sentences(text) or [(0, len(text))]
    return " ".join(text[spans[-1][0]:spans[-1][1]].split())


_ITEM_OPENS = re.compile(rf"\n[ \t]*[{re.escape(BULLET_MARKERS)}][ \t]+$")


# -- structure -----------------------------------------------------------------------------------------------

def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of non-blank lines, stripped of surrounding white space."""
    spans = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t\r\f\v]*\n))*", text):
        chunk = match.group()
        spans.append((match.start(), match.start() + len(chunk.rstrip())))
    return spans


def _split_turn_lines(text: str, spans: list[tuple[int, int]], known: Counter) -> list[tuple[int, int]]:
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


def _mark_turns(text: str, paragraphs: list[_Paragraph], known: Counter, layout: Layout) -> None:
    """Mark paragraphs that open a speaker's turn: a header line (``P6  0:43``), ``Label: words``, or a label
    alone before the words ("**Nurse 2:**", "Interviewer", or "Consultant 3" when "Consultant …:" opens turns
    elsewhere in the document)."""
    turn_words = {label.split()[0].lower() for label, count in known.items() if count}
    for index, paragraph in enumerate(paragraphs):
        chunk = text[paragraph.start:paragraph.end]
        first_line = chunk.split("\n", 1)[0]
        label = header_label(first_line)
        if label:
            words = paragraph.start + len(first_line)
            while words < paragraph.end and text[words].isspace():
                words += 1
            paragraph.turn = Turn(label, paragraph.start, words, paragraph.end)
            continue
        found = colon_label(chunk)
        if found and (speaker_label(found[0], known) or layout.transcript) and paragraph.start + found[1] < paragraph.end:
            paragraph.turn = Turn(found[0], paragraph.start, paragraph.start + found[1], paragraph.end)
            continue
        bare = chunk.strip("*_ ").rstrip(":").strip("*_ ")
        marked = bare != chunk.strip()  # "Interviewer:", "**Nurse 2**"
        if "\n" in chunk or index + 1 >= len(paragraphs) or not speaker_label(bare) or re.search(r"[.?!]$", bare):
            continue
        if marked or bare.split()[0].lower() in turn_words or speaker_label(bare) and _is_role_word(bare):
            following = paragraphs[index + 1]
            if not colon_label(text[following.start:following.end]) and layout.heading_level(following.start) is None:
                paragraph.turn = Turn(bare, paragraph.start, following.start, following.end)


def _is_role_word(label: str) -> bool:
    from .transcripts import _role

    return bool(_role(label))


def _mark_headings(text: str, paragraphs: list[_Paragraph], layout: Layout, title: str, rows: set[int]) -> str:
    """Mark headings (the format's, or guessed when it marks none) and bullets; return the document's title: the
    format's, else a heading among its first paragraphs, else "" (a transcript's last line is no title)."""
    for index, paragraph in enumerate(paragraphs):
        chunk = text[paragraph.start:paragraph.end]
        if paragraph.turn is not None or index in rows:
            continue
        if layout.heading_level(paragraph.start) is not None or not layout.marked and _is_heading(chunk):
            if not layout.in_quote(paragraph.start, paragraph.end):
                paragraph.kind = HEADING
                if not title and index < 3:
                    title = chunk
                continue
        if chunk[0] in BULLET_MARKERS and chunk[1:2].isspace():
            paragraph.kind = BULLET
    return title


def _assign_sections(text: str, paragraphs: list[_Paragraph], title: str, layout: Layout) -> list[str]:
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
                if level is None:
                    open_headings = [(0, name)]
                else:
                    while open_headings and open_headings[-1][0] >= level:
                        open_headings.pop()
                    open_headings.append((level, name))
                heading, subheading = SECTION_SEPARATOR.join(name for _, name in open_headings), ""
                sections.append(heading)
            paragraph.section = heading
            continue
        if paragraph.kind == PARAGRAPH and paragraph.turn is None and not _is_block_quote(text, paragraph):
            run_in = _run_in_heading(chunk)
            if run_in:
                subheading = run_in
                sections.append(_join_section(heading, subheading))
        paragraph.section = _join_section(heading, subheading)
    return sections


def _is_block_quote(text: str, paragraph: _Paragraph) -> bool:
    """A paragraph that is one quote: it opens with a quote mark that closes at its end, or before a short tail
    (its code, recognised or not: "(P2)", "{id:17}", "— a nurse")."""
    return _block_quote_end(text, paragraph) is not None


def _block_quote_end(text: str, paragraph: _Paragraph) -> int | None:
    """The closing mark of a paragraph that is one quote (see ``_is_block_quote``), or None."""
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


def points_to_a_figure(text: str, start: int = 0) -> bool:
    """Whether the sentence of ``text`` at ``start`` is about a figure or table, or is its caption."""
    return bool(_POINTS_TO_A_FIGURE.match(text, start))


def points_elsewhere(text: str, start: int = 0) -> bool:
    """Whether the sentence of ``text`` at ``start`` points to another part of the document or study, stating no
    finding of its own: a figure or table (``points_to_a_figure``), a section ("This section sketches out …"), or
    what the authors asked ("We asked our respondents if …")."""
    return points_to_a_figure(text, start) or bool(_SIGNPOST.match(text, start) or _METHOD.match(text, start))


def is_prose(sentence: str) -> bool:
    """Whether a sentence reads as prose: ``PROSE_WORDS`` words or more, the first not in lower case (not the tail
    of a sentence cut by a page break), one of them a function word of English (not a table's row, "P20 31 Female 5
    years", nor a key of abbreviations, "HIV, human immunodeficiency virus; TB, tuberculosis.")."""
    words = re.findall(r"[A-Za-z]+", sentence)
    return len(words) >= PROSE_WORDS and not words[0][0].islower() \
        and not _FUNCTION_WORDS.isdisjoint(word.lower() for word in words) and bool(_ENDS_A_SENTENCE.search(sentence))


def is_about_the_paper(section: str) -> bool:
    """Whether ``section`` (a path) is, or is under, a paper's back matter ("Acknowledgements", "Funding
    information") or a figure's or table's own heading ("TABLE 2"): what stands there is no finding."""
    return any(_BACK_MATTER.match(name) or _POINTS_TO_A_FIGURE.fullmatch(f"{name} ")
               for name in section.split(SECTION_SEPARATOR))


def _is_heading(chunk: str) -> bool:
    """A short line of its own, without closing punctuation: a section heading."""
    if "\n" in chunk or len(chunk) > 200 or not chunk[0].isupper():
        return False
    if chunk[-1] in ".:;,?!" + CLOSING_QUOTES + ")]" or AUTO_STYLE.sites(chunk):
        return False
    return 1 <= len(chunk.split()) <= 20


def _run_in_heading(chunk: str) -> str:
    """A heading run into its paragraph, as text extraction leaves them.

    Two shapes: "Leadership: The interviews…" and "The meaning of innovation Interviewees were…", where a
    title-like phrase is followed directly by a capitalised sentence start (not a quoted word: "Respondents who
    selected “Other” gave …"; nor an acronym: "One participant anticipates collaboration between CHWs …"; nor a
    name after a function word or a clause: "But why do Tor users …", "There is merit in using Facebook's …").
    """
    colon = _RUN_IN_COLON_HEADING.match(chunk)
    if colon and len(colon.group().split()) <= 10 and not points_to_a_figure(chunk, 0):
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
        starts_sentence = bare[:1].isupper() and capitals == 1 and following[:1].islower() and not quoted
        if starts_sentence and previous.lower() not in _FUNCTION_WORDS and all(w[:1].islower() for w in prefix[1:]):
            return " ".join(prefix)
        if word[:1].isupper() and not starts_sentence:
            return ""
    return ""


def _last_sentence(chunk: str) -> str:
    spans = split_sentences(chunk)
    return chunk[spans[-1][0]:spans[-1][1]] if spans else ""


def _strip_closing(text: str, start: int, end: int) -> int:
    """Move ``end`` back over white space, emphasis and one closing quote mark."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*_"):
        end -= 1
    if end > start and text[end - 1] in CLOSING_QUOTES:
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the quote marks (and emphasis) around it, when it is one quote."""
    inner_start = _skip_opening(text, start, end)
    if inner_start == start or text[inner_start - 1] not in OPENING_QUOTES:
        return start, end
    inner_end = _strip_closing(text, inner_start, end)
    if inner_end < end and text[inner_end] in CLOSING_QUOTES and opening_for(text, inner_end, start) == inner_start - 1:
        return inner_start, inner_end
    return start, end


def _skip_opening(text: str, start: int, end: int) -> int:
    """Move ``start`` past white space, emphasis and one opening quote mark."""
    while start < end and (text[start].isspace() or text[start] in "*_"):
        start += 1
    if start < end and text[start] in OPENING_QUOTES:
        start += 1
    return start


# -- extracts ------------------------------------------------------------------------------------------------

class _ExtractBuilder:
    """Finds every extract of one document; see the module docstring for the shapes."""

    def __init__(self, text: str, source: str, title: str, paragraphs: list[_Paragraph], style: AttributionStyle,
                 layout: Layout, known: Counter, rows: dict[int, tuple[int, str, int, int]]) -> None:
        self.text, self.source, self.title = text, source, title
        self.paragraphs = paragraphs
        self.style, self.layout, self.known = style, layout, known
        self.extracts: list[Extract] = []
        self.claimed: list[tuple[int, int]] = []  # spans already attributed or consumed
        self.candidates = QuoteCandidates()
        self.transcript = False
        self.index_at = {paragraph.start: index for index, paragraph in enumerate(paragraphs)}
        self.rows = rows  # paragraph index -> (code end, theme, words start, words end)
        # Who is who among the speakers that take turns inside quotes ("Dan:" beside "Participant:").
        self.inline_roles = roles([label for label, count in known.items() if count >= 2 and speaker_label(label, known)])
        for index, (_, _, _, end) in self.rows.items():  # a row's turns ("Dan: …", "Participant: …") are the row's
            for following in range(index, len(paragraphs)):
                if paragraphs[following].start >= end:
                    break
                paragraphs[following].turn = None
                paragraphs[following].consumed = True

    def find(self) -> None:
        self._turns()
        if self.style.pattern is None:
            for index, (code_end, _, _, _) in self.rows.items():
                paragraph = self.paragraphs[index]
                written = self.text[paragraph.start:code_end]
                site = Site(paragraph.start, code_end, Attribution(code=normalise_code(written), as_written=written),
                            line_start=True)
                self._code_before(site, index)
        sites = [site for site in self.style.sites(self.text) if not self._claimed(site.start)]
        floor = 0
        for site in sites:
            if site.start < floor or self._claimed(site.start):
                continue
            end = self._place(site, floor)
            if end is not None:
                floor = end
        self._dashed()
        self._unattributed_quotes()

    # -- speaker turns ------------------------------------------------------------------------------------
    def _turns(self) -> None:
        turns = [(index, paragraph.turn) for index, paragraph in enumerate(self.paragraphs) if paragraph.turn]
        if not turns:
            return
        body = [p for p in self.paragraphs if p.kind != HEADING]
        self.transcript = self.layout.transcript or len(turns) >= 3 and len(turns) >= TRANSCRIPT_SHARE * len(body)
        words: dict[str, list[str]] = {}
        spans: list[tuple[int, Turn, int, int]] = []  # (paragraph index, turn, words start, words end)
        for position, (index, turn) in enumerate(turns):
            end = turn.end
            words_paragraph = self.index_at.get(turn.words_start)  # a label alone: its words are the next paragraph
            if words_paragraph is not None and words_paragraph != index:
                self.paragraphs[words_paragraph].consumed = True
            if self.transcript:  # a long turn runs on over paragraphs until the next speaker
                limit = turns[position + 1][0] if position + 1 < len(turns) else len(self.paragraphs)
                for following in range((words_paragraph or index) + 1, limit):
                    paragraph = self.paragraphs[following]
                    if paragraph.kind == HEADING or paragraph.turn or self._attribution_line(following):
                        break
                    end = paragraph.end
                    paragraph.consumed = True
            start = turn.words_start
            while start < end and self.text[start].isspace():
                start += 1
            start, end = _unquoted(self.text, start, end)
            spans.append((index, turn, start, end))
            words.setdefault(turn.label, []).append(self.text[start:end])
        role_of = roles(list(words), f"{self.title} {self.source}", words)
        if self.style.pattern:  # the pattern says whose turns are quotes: those whose header it matches
            matched = {turn.label for _, turn, _, _ in spans
                       if self.style.regex.match(self.text, turn.start, turn.words_start or turn.end)}
            role_of = {label: RESPONDENT if label in matched else (UNKNOWN if role == UNKNOWN else INTERVIEWER)
                       for label, role in role_of.items()}
        respondents = sum(role == RESPONDENT for role in role_of.values())
        heading = self.title or (self.text[:spans[0][1].start] if spans else "")  # what the document says it is
        position = 0
        while position < len(spans):
            run = [spans[position]]  # consecutive turns, then maybe one attribution line for all of them
            while position + len(run) < len(spans) and \
                    self._next_index(run[-1][3]) == spans[position + len(run)][0]:
                run.append(spans[position + len(run)])
            after = self._next_index(run[-1][3])
            trailing = self._attribution_line(after) if after is not None else None
            lead_in = ""
            for index, turn, start, end in run:
                self.paragraphs[index].consumed = True
                role = role_of.get(turn.label, "")
                if trailing is not None and role != INTERVIEWER:
                    who = trailing.attribution.with_facet("speaker", turn.label)
                elif trailing is None and role == RESPONDENT:
                    code = turn.label if respondents > 1 else respondent_code(turn.label, heading, self.source)
                    who = Attribution(code=normalise_code(code), as_written=turn.label)
                else:
                    self.paragraphs[index].kind = TURN
                    lead_in = " ".join(self.text[start:end].split())[-300:]
                    continue
                self._add(start, end, index, who, lead_in)
                lead_in = ""
            if trailing is not None:
                self.paragraphs[after].consumed = True
                self.claimed.append((trailing.start, trailing.end))
            position += len(run)

    def _next_index(self, offset: int) -> int | None:
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.start > offset:
                return index
        return None

    def _attribution_line(self, index: int) -> Site | None:
        """The attribution when paragraph ``index`` holds nothing else ("(Site H)")."""
        paragraph = self.paragraphs[index]
        sites = self.style.sites(self.text[paragraph.start:paragraph.end])
        chunk = self.text[paragraph.start:paragraph.end]
        if len(sites) == 1 and not (chunk[:sites[0].start] + chunk[sites[0].end:]).strip(" .*_—–-"):
            site = sites[0]
            return replace(site, start=paragraph.start + site.start, end=paragraph.start + site.end)
        return None

    # -- attributions -------------------------------------------------------------------------------------
    def _place(self, site: Site, floor: int) -> int | None:
        """Turn one attribution into extracts; the offset after what it used, or None when it attributes
        nothing (a code in narrative, a reference)."""
        index = self._paragraph_of(site.start)
        if index is None:
            return None
        paragraph = self.paragraphs[index]
        if paragraph.kind == HEADING or paragraph.turn is not None or not self._says_enough(site, site.start):
            return None
        chunk_start, chunk_end = paragraph.start, paragraph.end
        before = self.text[chunk_start:site.start]
        if site.header and site.start == paragraph.start:
            return None  # a speaker header of the user's pattern: read as a turn already
        if not before.strip(" \t*_") and not self.text[site.end:chunk_end].strip(" .*_"):
            return self._attribution_alone(site, index)
        if site.line_start and not before.strip(" \t•*>_") and not site.header:
            return self._code_before(site, index)
        if not site.strong and not self._touches_closing_mark(site.start):
            return None
        return self._code_after(site, index, floor)

    def _code_after(self, site: Site, index: int, floor: int) -> int | None:
        """A quote that ends at this attribution: a block quote (its paragraph, or up to three before it,
        opens with a quote mark or is a marked block quote), or a quote inside a narrative paragraph."""
        paragraph = self.paragraphs[index]
        rest = self.text[site.end:paragraph.end].strip(" .,;:)*_")
        low = max(floor, paragraph.start)
        if not rest:
            for first in range(index, max(-1, index - _BLOCK_PARAGRAPHS), -1):
                candidate = self.paragraphs[first]
                if candidate.start < floor or candidate.kind == HEADING or candidate.turn is not None \
                        or first < index and (candidate.consumed or self._has_site(first)):
                    break
                opens = self.text[candidate.start] in OPENING_QUOTES or \
                    self.text[candidate.start] in "*_" and self.text[_skip_opening(self.text, candidate.start,
                                                                                  candidate.end) - 1] in OPENING_QUOTES
                quoted = self.layout.in_quote(candidate.start, candidate.end)
                if opens or quoted and (first == 0 or not self.layout.in_quote(*self._span(first - 1))):
                    if opens and first < index and self._closed_before(candidate.start, site.start):
                        break  # that paragraph's quote closed before this attribution: not one quote
                    start = _skip_opening(self.text, candidate.start, site.start)
                    end = _strip_closing(self.text, start, site.start)
                    for covered in range(first, index + 1):
                        self.paragraphs[covered].consumed = True
                    self._add(start, end, first, site.attribution, self._lead_in(first))
                    self.claimed.append((site.start, site.end))
                    return site.end
        closing = self._closing_mark_before(site.start, low)
        if closing is not None:
            opening = opening_for(self.text, closing, low)
        elif self.text[site.start] == "(" and re.match(r"\s*(?:[).,;:!?]|$)", self.text[site.end:paragraph.end]):
            opening = unclosed_opening(self.text, low, site.start)  # "… said, "we never knew … (P07 Nurse)),"
        else:
            return None  # a code inside a sentence ("in [Area D] it was") attributes nothing
        if opening is None:
            return None
        start = opening + 1
        end = _strip_closing(self.text, start, site.start)
        if end <= start:
            return None
        whole = not self.text[paragraph.start:opening].strip(" *_") and not rest
        if whole:
            paragraph.consumed = True
        before = self.text[paragraph.start:opening]
        lead_in = _last_sentence(before.rstrip(" (")) if before.strip() else self._lead_in(index)
        self._add(start, end, index, site.attribution, lead_in, inline=not whole)
        self.claimed.append((site.start, site.end))
        return site.end

    def _code_before(self, site: Site, index: int) -> int | None:
        """An attribution that opens its paragraph: a labelled block quote ("[P14] …"), or a coded segment
        ("P4 Theme > Sub-theme the words", whose theme becomes the extract's section)."""
        paragraph = self.paragraphs[index]
        section = ""
        end_of_words = paragraph.end
        if index in self.rows and self.rows[index][0] <= site.end + 1:
            _, section, after, end_of_words = self.rows[index]
        else:
            after = site.end
            while after < paragraph.end and self.text[after] in " \t:*_—–-":
                after += 1
            labelled = self.text[site.start] in "[(" or self.layout.in_quote(paragraph.start, paragraph.end)
            if not labelled and self.style.pattern is None:
                return None  # a bare code opening narrative ("P07 said that …") is not a label
        if after >= end_of_words:
            return None
        start = _skip_opening(self.text, after, end_of_words)
        end = _strip_closing(self.text, start, end_of_words)
        if end <= start:
            return None
        paragraph.consumed = True
        self._add_with_turns(start, end, index, site.attribution, self._lead_in(index), section)
        self.claimed.append((site.start, site.end))
        return end_of_words

    def _attribution_alone(self, site: Site, index: int) -> int | None:
        """An attribution on a line or paragraph of its own: it attributes the quote just before it."""
        paragraph = self.paragraphs[index]
        if site.start > paragraph.start:  # "‘…’\n(P17_F_33)": same paragraph, the code on the next line
            return self._code_after(site, index, paragraph.start)
        previous = index - 1
        if previous < 0 or self.paragraphs[previous].consumed or self.paragraphs[previous].kind == HEADING:
            return None
        earlier = self.paragraphs[previous]
        chunk = self.text[earlier.start:earlier.end]
        quoted = self.layout.in_quote(earlier.start, earlier.end)
        closes = chunk.rstrip(" *_")[-1:] in CLOSING_QUOTES and is_closing_mark(self.text, earlier.start + len(chunk.rstrip(" *_")) - 1)
        if not (quoted or closes and chunk.lstrip(" *_")[:1] in OPENING_QUOTES):
            return None
        start = _skip_opening(self.text, earlier.start, earlier.end)
        end = _strip_closing(self.text, start, earlier.end)
        earlier.consumed = paragraph.consumed = True
        self._add(start, end, previous, site.attribution, self._lead_in(previous))
        self.claimed.append((site.start, site.end))
        return site.end

    def _dashed(self) -> None:
        """Quotes attributed after a dash ("“…” — P11, pharmacist"), when no bracket attributes them."""
        for match in re.finditer(r"[”\"’']", self.text):
            closing = match.start()
            if not is_closing_mark(self.text, closing) or self._inside_extract(closing - 1):
                continue
            site = self.style.dashed_site(self.text, closing + 1)
            if site is None or self._claimed(site.start) or not self._says_enough(site, closing + 1):
                continue
            index = self._paragraph_of(closing)
            opening = opening_for(self.text, closing, self.paragraphs[index].start) if index is not None else None
            if opening is None:
                continue
            whole = not self.text[self.paragraphs[index].start:opening].strip(" *_")
            self._add(opening + 1, closing, index, site.attribution, self._lead_in(index), inline=not whole)
            self.claimed.append((site.start, site.end))
            if whole and not self.text[site.end:self.paragraphs[index].end].strip(" .;"):
                self.paragraphs[index].consumed = True
        for index, paragraph in enumerate(self.paragraphs):  # "— Carer, Site 1" alone after a block quote, or
            # "Parent, Site 3" in a format that marks its headings (in plain text it may be an unmarked heading)
            dashed = self.text[paragraph.start] in "—–"
            if index and not paragraph.consumed and (dashed or self.layout.marked and paragraph.kind != HEADING):
                site = self.style.dashed_site(self.text, paragraph.start if dashed else paragraph.start - 1)
                if site is not None and not self.text[site.end:paragraph.end].strip(" .*_") \
                        and not self._claimed(site.start) and self._says_enough(site, paragraph.start):
                    self._attribution_alone(site, index)

    def _unattributed_quotes(self) -> None:
        """Block quotes with no attribution: kept as extracts with no respondent, never given a neighbour's. A
        label before a marked block quote that names no respondent ("[Survey respondent]") is not quoted: it says
        who spoke without a code, and citations show it in place of "unattributed"."""
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.consumed or paragraph.kind not in (PARAGRAPH, BULLET) or paragraph.turn is not None:
                continue
            quoted = self.layout.in_quote(paragraph.start, paragraph.end)
            if not (quoted or _is_block_quote(self.text, paragraph)):
                continue
            start, end = paragraph.start, paragraph.end
            label = re.match(r"\[[^\[\]\n]{1,40}\]\s+", self.text[start:end]) if quoted else None
            if label:
                start += label.end()
            speaker = " ".join(label.group().strip().strip("[]").split()) if label else ""
            closing = _block_quote_end(self.text, paragraph)
            if closing is not None:
                end = closing + 1  # a code the style in force does not read is not part of the quote
            start = _skip_opening(self.text, start, end)
            end = _strip_closing(self.text, start, end)
            if end > start:
                paragraph.consumed = True
                self.extracts.append(Extract(self.text[start:end], start, end, paragraph.section, None,
                                             self._lead_in(index), speaker=speaker))
                self.candidates.note(self.text, end)
        for match in re.finditer(r"[”\"’']", self.text):  # long inline quotes with nothing after them
            position = match.start()
            if not is_closing_mark(self.text, position):
                continue
            opening = opening_for(self.text, position, max(0, position - 1500))
            if opening is not None and len(self.text[opening:position].split()) >= 12 \
                    and not any(e.start <= position and opening < e.end for e in self.extracts):
                self.candidates.note(self.text, position)

    # -- helpers ------------------------------------------------------------------------------------------
    def _add(self, start: int, end: int, index: int, who: Attribution | None, lead_in: str, inline: bool = False,
             section: str = "") -> None:
        if end <= start:
            return
        self.extracts.append(Extract(self.text[start:end], start, end, section or self.paragraphs[index].section, who,
                                     lead_in, inline))
        self.claimed.append((start, end))

    def _add_with_turns(self, start: int, end: int, index: int, who: Attribution, lead_in: str, section: str) -> None:
        """An attributed span, split where speakers take turns inside it: the respondent's turns are theirs; an
        interviewer's turns are the lead-in of what follows. Words before the first label are the respondent's,
        unless that label is the respondent's own: a label marks a change of speaker, so a segment that opens
        "So are there any other capabilities …? Participant: Uh, well, …" opens with the interviewer."""
        turns = inline_turns(self.text, start, end, self.known)
        if not turns:
            self._add(start, end, index, who, lead_in, section=section)
            return
        role_of = {**roles([turn.label for turn in turns]),
                   **{label: role for label, role in self.inline_roles.items() if role}}
        pieces = [(start, turns[0].start, None)] + [(t.words_start, t.end, t.label) for t in turns]
        context = lead_in
        for piece_start, piece_end, label in pieces:
            piece_end = _strip_closing(self.text, piece_start, piece_end) if label is None else piece_end
            if piece_end <= piece_start:
                continue
            role = role_of.get(label, RESPONDENT) if label else RESPONDENT
            if label is None and role_of.get(turns[0].label, RESPONDENT) == RESPONDENT:
                role = ""  # someone else's words, before the respondent's first turn
            if role != RESPONDENT:
                context = " ".join(self.text[piece_start:piece_end].split())[-300:]
                continue
            self._add(piece_start, piece_end, index, who, context, section=section)
            context = lead_in

    def _paragraph_of(self, offset: int) -> int | None:
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.start <= offset < paragraph.end:
                return index
        return None

    def _span(self, index: int) -> tuple[int, int]:
        return self.paragraphs[index].start, self.paragraphs[index].end

    def _claimed(self, offset: int) -> bool:
        return any(low <= offset < high for low, high in self.claimed)

    def _inside_extract(self, offset: int) -> bool:
        return any(extract.start <= offset < extract.end for extract in self.extracts)

    def _has_site(self, index: int) -> bool:
        paragraph = self.paragraphs[index]
        return any(site.strong for site in self.style.sites(self.text[paragraph.start:paragraph.end]))

    def _closed_before(self, opening_paragraph: int, limit: int) -> bool:
        """Whether the quote opened at ``opening_paragraph`` closes before ``limit`` (then it is another quote)."""
        start = _skip_opening(self.text, opening_paragraph, limit) - 1
        mark = self.text[start]
        closer = {"“": "”", "‘": "’"}.get(mark, mark)
        for position in range(start + 1, limit):
            if self.text[position] == closer and is_closing_mark(self.text, position):
                tail = self.text[position + 1:limit]
                if tail.strip(" \t\n*_.,;:") and opening_for(self.text, position, start) == start:
                    return True
        return False

    def _says_enough(self, site: Site, position: int) -> bool:
        """Whether an attribution by role alone (``is_by_role``: "(Parent)", "— Youth worker, Site 1") at
        ``position`` follows a quote long enough to be someone's words (``ROLE_QUOTE_WORDS``), not a term the report
        quotes ("'business as usual' (Scotland)"). Any other attribution says enough."""
        if not is_by_role(site.attribution):
            return True
        closing = self._closing_mark_before(position, max(0, position - 8))
        if closing is not None:
            opening = opening_for(self.text, closing, max(0, closing - 4000))
            return opening is not None and len(self.text[opening + 1:closing].split()) >= ROLE_QUOTE_WORDS
        index = self._paragraph_of(position)  # a marked block quote with no quote marks, the attribution alone after it
        before = self.paragraphs[index - 1] if index else None
        return before is not None and self.layout.in_quote(before.start, before.end) \
            and not self.text[self.paragraphs[index].start:position].strip(" \t*_") \
            and not self.text[site.end:self.paragraphs[index].end].strip(" .*_") \
            and len(self.text[before.start:before.end].split()) >= ROLE_QUOTE_WORDS

    def _touches_closing_mark(self, position: int) -> bool:
        return self._closing_mark_before(position, max(0, position - 8)) is not None

    def _closing_mark_before(self, position: int, floor: int) -> int | None:
        """The closing quote mark just before ``position`` (only space, emphasis or punctuation between)."""
        cursor = position - 1
        while cursor >= floor and (self.text[cursor].isspace() or self.text[cursor] in "*_.,;:"):
            cursor -= 1
        if cursor >= floor and self.text[cursor] in CLOSING_QUOTES and is_closing_mark(self.text, cursor):
            return cursor
        return None

    def _lead_in(self, index: int) -> str:
        """The last sentence of the narrative (paragraph or bullet) that comes last before paragraph ``index``:
        what introduces a quote, even across other quotes."""
        for previous in range(index - 1, -1, -1):
            paragraph = self.paragraphs[previous]
            if paragraph.kind in (PARAGRAPH, BULLET) and not paragraph.consumed and paragraph.turn is None:
                chunk = self.text[paragraph.start:paragraph.end]
                if paragraph.kind == BULLET:
                    chunk = chunk[1:].lstrip()
                return _last_sentence(chunk)
        return ""


# -- after the parse -----------------------------------------------------------------------------------------

def _normalised(text: str, extracts: list[Extract]) -> list[Extract]:
    """Codes with a letter O where the document's other codes have a digit ("PO7" beside "P07") read as zero."""
    shapes = Counter(code_shape(e.respondent.code) for e in extracts if e.respondent and code_shape(e.respondent.code))
    usual = {shape for shape, count in shapes.items() if count >= max(2, 0.2 * sum(shapes.values()))}
    fixed = []
    for extract in extracts:
        who = extract.respondent
        if who is not None and re.search(r"[A-Za-z][Oo]\d|\d[Oo]", who.code):
            code = normalise_code(who.code, usual)
            if code != who.code:
                extract = replace(extract, respondent=replace(who, code=code))
        fixed.append(extract)
    return fixed


def _areas(text: str, extracts: list[Extract]) -> tuple[str, list[Extract]]:
    """When codes start with a letter that varies ("N10", "S02", "W20") and the text names those letters
    ("[Area D]", "Site A"), the letter is a facet: the site or area. Its name is the document's word for it. So is
    the place of attributions by role and place ("Youth worker, Site 1"), named by the word most of them share."""
    places = _places(extracts)
    if places:
        return places
    prefixes: dict[str, set[str]] = {}
    for extract in extracts:
        who = extract.respondent
        if who is not None and not who.area and re.fullmatch(r"[A-Z]\d{1,3}", who.code):
            prefixes.setdefault(who.code[0], set()).add(who.code)
    letters = {letter for letter, codes in prefixes.items() if len(codes) >= 2}
    if len(letters) < 2:
        return "", extracts
    names = Counter(match.group(1).lower() for match in re.finditer(r"\b([A-Z][a-z]{2,15}) ([A-Z])\b", text)
                    if match.group(2) in letters and match.group(1).lower() not in ("plan", "type", "class", "part"))
    if not names:
        return "", extracts
    name = names.most_common(1)[0][0]
    return name, [
        replace(e, respondent=replace(e.respondent, area=e.respondent.code[0]))
        if e.respondent is not None and not e.respondent.area and e.respondent.code[:1] in letters
        and re.fullmatch(r"[A-Z]\d{1,3}", e.respondent.code) else e
        for e in extracts
    ]


def _places(extracts: list[Extract]) -> tuple[str, list[Extract]] | None:
    """(the word, the extracts with their area) when attributions by role say where the speaker is, and one word
    names two places or more ("Site 1", "Site 3"): that word is the document's for its sites, each number or
    letter an area. None otherwise ("focus group 1" beside "Site 1": the word fewer use is a detail)."""
    places = [_place(extract) for extract in extracts]
    values: dict[str, set[str]] = {}
    for word, value in filter(None, places):
        values.setdefault(word, set()).add(value)
    sites = [word for word, found in values.items() if len(found) >= 2]
    if not sites:
        return None
    name = max(sites, key=lambda word: len(values[word]))
    return name, [replace(extract, respondent=replace(extract.respondent, area=place[1]))
                  if place and place[0] == name and not extract.respondent.area else extract
                  for extract, place in zip(extracts, places)]


def _place(extract: Extract) -> tuple[str, str] | None:
    """(the place's word, lower-cased, and its number or letter) of an attribution by role that says where ("Site 1")."""
    where = extract.respondent.facet("where") if extract.respondent else ""
    if not where:
        return None
    word, value = where.rsplit(" ", 1)
    return word.lower(), value


def _row_starts(text: str, paragraphs: list[_Paragraph]) -> dict[int, tuple[int, str, int]]:
    """Paragraphs that open with a code and a theme path: {index: (end of the code, the path, where it ends)}.

    A document is an export of coded segments when several paragraphs open with a code and a path of themes
    ("P4 Purposes > Null values …"); then every paragraph that opens with a code of the same shape and a
    capitalised word is a row too, its theme having one level ("P2 Interaction Dan: …").
    """
    found: dict[int, tuple[int, str, int]] = {}
    for index, paragraph in enumerate(paragraphs):
        match = _ROW.match(text, paragraph.start, paragraph.end)
        if not match:
            continue
        position = match.end()
        while (step := _PATH_STEP.match(text, position, paragraph.end)) is not None:
            position = step.end()
        found[index] = (match.end("code"), text[match.end():position], position)
    if len(found) < 2:
        return {}
    shapes = {re.sub(r"\d+", "9", text[paragraphs[index].start:code_end]) for index, (code_end, _, _) in found.items()}
    for index, paragraph in enumerate(paragraphs):
        match = _ROW_WITHOUT_PATH.match(text, paragraph.start, paragraph.end)
        if index not in found and match and re.sub(r"\d+", "9", match.group("code")) in shapes:
            found[index] = (match.end("code"), "", match.end())
    return found


def _coded_rows(text: str, paragraphs: list[_Paragraph], starts: dict[int, tuple[int, str, int]]
                ) -> dict[int, tuple[int, str, int, int]]:
    """Coded segments as a QDA tool exports them: a paragraph that opens with a respondent code and a theme path
    ("P4 Explainability purposes > Understanding null values I could just …"), in a document with several.

    Nothing separates the theme from the words, so the theme's last level is what consecutive rows under the
    same theme have in common (exports list segments theme by theme); a row alone under its theme ends its theme
    at the first capitalised word or speaker label. A row runs on over the paragraphs after it (its turns, as a
    PDF lays them out) until the next row or heading. Returns {paragraph index: (end of the code, theme, start of
    the words, end of the words)}.
    """
    found = [(index, *start) for index, start in sorted(starts.items())]
    if not found:
        return {}
    words = [text[position:paragraphs[index].end].split() for index, _, _, position in found]
    rows = {}
    for row, (index, code_end, path, position) in enumerate(found):
        shared = 0
        for other in (row - 1, row + 1):
            if 0 <= other < len(found) and found[other][2] == path:
                shared = max(shared, _common_words(words[row], words[other]))
        labels = [position for position, word in enumerate(words[row][:shared]) if word.endswith(":")]
        shared = labels[0] if labels else shared  # a speaker label ("Dan:") starts the words, never the theme
        while shared and words[row][shared - 1].lower().strip(",.") in _NOT_THEME_END:
            shared -= 1
        if not shared:
            shared = _theme_words_alone(words[row])
        theme_end = position
        for word in words[row][:shared]:
            theme_end = text.index(word, theme_end) + len(word)
        while theme_end < paragraphs[index].end and text[theme_end].isspace():
            theme_end += 1
        theme = SECTION_SEPARATOR.join(part.strip() for part in (path + " ".join(words[row][:shared])).split(" > "))
        last = index
        following_row = found[row + 1][0] if row + 1 < len(found) else len(paragraphs)
        while last + 1 < following_row and paragraphs[last + 1].kind != HEADING:
            last += 1
        rows[index] = (code_end, theme, theme_end, paragraphs[last].end)
    return rows


def _common_words(first: list[str], second: list[str]) -> int:
    count = 0
    for a, b in zip(first, second):
        if a != b:
            break
        count += 1
    return min(count, 12)


def _theme_words_alone(words: list[str]) -> int:
    """How many words a theme's last level has when no neighbouring row shares it: up to a speaker label, else
    up to a capitalised word that starts the quote."""
    for position, word in enumerate(words[:12]):
        if word.endswith(":") and re.fullmatch(r"[A-Z][a-z]+:", word):
            return position
    for position, word in enumerate(words[:12]):
        if position and word[:1].isupper():
            return position
    return min(2, len(words))
