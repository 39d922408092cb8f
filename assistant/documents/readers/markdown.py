"""Markdown (CommonMark, MyST, and Markdown converted from PDF) as plain text with its structure marked.

Headings, block quotes and list items become blocks; emphasis, links, images, roles, comments, directive fences
and front matter are markup, not words, and are removed. Lines of conversion debris (single letters, running
page headers) are dropped, and a heading split over several lines is joined.
"""

from __future__ import annotations

import re
from collections import Counter

from .layout import NOTE_MARK, Layout, TextBuilder, note_mark
from .tables import QuoteColumns, quote_columns, row_line

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})\s*(\{(?P<directive>[\w:-]+)\})?\s*(?P<argument>.*)$")
_QUOTE_LINE = re.compile(r"^ {0,3}>[ \t]?")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])[ \t]+(?=\S)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SIGNATURE = re.compile(r"^\s*(?:[—–]|--)\s*\S")  # a line that signs a block quote: "— Margaret, learner"
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TARGET = re.compile(r"^\s*\([\w:.-]+\)=\s*$")  # MyST "(label)="
_DIRECTIVE_OPTION = re.compile(r"^\s*:[\w-]+:")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?=\S)(.+?)(?<=\S)(?:\*\*|__)\s*$")
# A row of three or more bold cells ("**Participant** **Age** **Sex**"): a table's header as PDF conversion leaves it.
_HEADER_ROW = re.compile(r"^\s*(?:(?:\*\*|__)[^*_]+(?:\*\*|__)[ \t]*){3,}$")
# Debris of a PDF conversion: a line of lone letters ("t", "i i") or a running page header.
_DEBRIS = re.compile(r"^\s*(?:(?:[A-Za-z]\s+)*[A-Za-z]|Page\s+\d+\s+of\s+\d+\b.*)\s*$", re.IGNORECASE)
RUNNING_WORDS, RUNNING_REPEATS = 8, 3  # a paragraph this short, standing this often, is a running header
_SENTENCE_ENDS = (".", "?", "!", ":", '"', "”", "’", "'", ")")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\{(?:cite|footcite|cite:\w+|numref|eq)\}`[^`]*`"), ""),  # citation and reference roles
    (re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`"), r"\1"),  # other roles: their text
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"</?(?:sup|sub|span|em|strong|b|i|u|br|mark)\b[^>]*>", re.IGNORECASE), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italic with *
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # italic with _ (not inside P20_F_31)
    (re.compile(r"~~(.*?)~~"), r"\1"),  # strike-through
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # escapes
]
# Words set in italics as someone's, without quote marks: a run of words followed by who said them, in brackets or
# after a dash ("*we've had assemblies on this every year* (T6, Brierley)", "- *the shop doesn't look at you* – Year
# 10 pupil"), or after a speech tag or colon ("As one pupil put it, *…*", "… sceptical: *…* (T6)")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<star>[^*]+?)(?<=\S)\*(?![\w*])|"
                     r"(?<![\w_])_(?=[^\s_])(?P<line>[^_]+?)(?<=\S)_(?![\w_])")
_WHO_AFTER = re.compile(r"[.,;]?[ \t]*(?:\([^()\n]{1,80}\)|[–—-][ \t]+\S[^\n]{0,80}$)", re.MULTILINE)
_TAG_BEFORE = re.compile(r"(?:\b(?:put\s+it|said|says|told\s+(?:us|me|them)|added|explained|observed\s+that)\s*,?|:)"
                         r"[ \t]*$", re.IGNORECASE)
QUOTED_WORDS = 4  # words set in italics that are fewer than this are a term or a title, not someone's words
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.+)$", re.MULTILINE)  # "[^4]: Interview, ward manager, May 2024."
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")  # "…to wait."[^4]
_FUNCTION_END = re.compile(r"(?:\b(?:of|in|on|and|or|the|a|an|to|for|with|from|by|at)|[,:;–-])$", re.IGNORECASE)


def read_markdown(text: str) -> tuple[str, Layout, str]:
    """(plain text, layout, title) of a Markdown document."""
    text = _COMMENT.sub("", text.replace("\r\n", "\n"))
    notes = dict(_FOOTNOTE.findall(text))
    text = _REFERENCE.sub(lambda found: note_mark(found.group(1)) if found.group(1) in notes else "", text)
    lines = _without_front_matter(text.split("\n"))
    blocks = _without_running_lines(_joined_headings(_blocks(lines)))
    builder = TextBuilder()
    title = ""
    for kind, level, body in blocks:
        if kind == "heading" and not title and level <= min((lv for k, lv, _ in blocks if k == "heading"), default=1):
            title = NOTE_MARK.sub("", body)
        builder.add(body, kind, level)
    plain, layout = builder.build(notes)
    return plain, layout, title


def _without_running_lines(blocks: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """``blocks`` without a converted PDF's running header or footer: a short paragraph that is no sentence
    ("www.journal.org Open Access") and stands, word for word, ``RUNNING_REPEATS`` times or more; not a line that
    signs a quote ("– Individual respondent", under several)."""
    def running(kind: str, body: str) -> bool:
        return kind == "paragraph" and len(body.split()) <= RUNNING_WORDS \
            and not body.rstrip().endswith(_SENTENCE_ENDS) and not _SIGNATURE.match(body)

    repeats = Counter(body.strip() for kind, _, body in blocks if running(kind, body))
    return [block for block in blocks if not (running(block[0], block[2])
                                              and repeats[block[2].strip()] >= RUNNING_REPEATS)]


def _without_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return lines[index + 1:]
    return lines


def _blocks(lines: list[str]) -> list[tuple[str, int, str]]:
    """(kind, level, text) of each block: "heading", "quote" or "paragraph" (list items as "• …" paragraphs)."""
    blocks: list[tuple[str, int, str]] = []
    paragraph: list[str] = []
    quote: list[str] = []
    columns: QuoteColumns | None = None  # the columns of quotes and who said them the current table's header names

    def end_paragraph() -> None:
        if paragraph:
            _add_paragraph(blocks, paragraph)
            paragraph.clear()

    def end_quote() -> None:
        while quote and not quote[-1].strip():
            quote.pop()
        if quote:
            signature = quote.pop().strip() if len(quote) > 1 and _SIGNATURE.match(quote[-1]) else ""
            for part in _blocks(quote):
                blocks.append(("quote", 0, part[2]) if part[0] == "paragraph" else part)
            if signature:  # "> — "Margaret", learner, 71": who the quote is by, not its words
                blocks.append(("paragraph", 0, _inline(signature)))
            quote.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            end_paragraph()
            end_quote()
            closing = re.compile(rf"^ {{0,3}}{re.escape(fence.group(1)[0])}{{{len(fence.group(1))},}}\s*$")
            body: list[str] = []
            index += 1
            while index < len(lines) and not closing.match(lines[index]):
                body.append(lines[index])
                index += 1
            index += 1
            if fence.group("directive"):  # MyST directive: its title and content are findings text
                body = [b for b in body if not _DIRECTIVE_OPTION.match(b)]
                argument = fence.group("argument").strip()
                if argument and fence.group("directive") not in ("figure", "image", "include", "literalinclude"):
                    blocks.append(("paragraph", 0, _inline(argument)))
                blocks.extend(_blocks(body))
            continue  # a plain code block is code, not findings
        if _QUOTE_LINE.match(line):
            end_paragraph()
            quote.append(_QUOTE_LINE.sub("", line, count=1))
            index += 1
            continue
        end_quote()
        if not line.strip() or _TARGET.match(line) or _RULE.match(line) and not paragraph \
                or line.lstrip().startswith("%") or line.strip() == "+++":
            end_paragraph()
            index += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            end_paragraph()
            blocks.append(("heading", len(heading.group(1)), _inline(heading.group(2))))
            index += 1
            continue
        if paragraph and len(paragraph) == 1 and _SETEXT.match(line):
            blocks.append(("heading", 1 if "=" in line else 2, _inline(paragraph[0])))
            paragraph.clear()
            index += 1
            continue
        if _LIST_ITEM.match(line):
            end_paragraph()
            paragraph.append("• " + _LIST_ITEM.sub("", line, count=1))
            index += 1
            continue
        if _TABLE_SEPARATOR.match(line) and "|" in line:
            index += 1
            continue
        if _is_row(line):
            end_paragraph()
            cells = [_inline(cell.strip()).replace("**", "") for cell in line.strip().strip("|").split("|")]
            if index + 1 < len(lines) and _TABLE_SEPARATOR.match(lines[index + 1]):  # the table's header row
                columns = quote_columns(cells)
            blocks.append(("paragraph", 0, row_line(cells, columns)))  # a row is never a heading
            index += 1
            continue
        columns = None  # the table, if any, has ended
        paragraph.append(line)
        index += 1
    end_paragraph()
    end_quote()
    return blocks


def _add_paragraph(blocks: list[tuple[str, int, str]], lines: list[str]) -> None:
    """A paragraph of raw lines: a heading when it is all bold and short (not a table's header row), otherwise text
    without its markup and without lines of conversion debris."""
    bold = [_BOLD_LINE.match(line) for line in lines]
    if all(bold) and sum(len(line) for line in lines) < 160 and not lines[-1].rstrip("*_ ").endswith(".") \
            and not any(_HEADER_ROW.match(line) for line in lines):
        heading = _inline(" ".join(match.group(1).strip() for match in bold)).replace("**", "")
        if not _DEBRIS.match(heading):
            blocks.append(("heading", 7, heading))
        return
    kept = [_inline(line) for line in _italics_quoted("\n".join(lines)).split("\n")]
    kept = [line.rstrip() for line in kept if line.strip() and not _DEBRIS.match(line)]
    if kept:
        blocks.append(("paragraph", 0, "\n".join(kept)))


def _italics_quoted(text: str) -> str:
    """``text`` with the words it sets in italics as someone's (``_ITALIC``) between quote marks, as a reader takes
    them."""
    def quoted(found: re.Match) -> str:
        words = found.group("star") or found.group("line")
        if words[:1] in "\"“'‘":  # *“…”*: marked already
            return found.group()
        said = _WHO_AFTER.match(text, found.end()) or _TAG_BEFORE.search(text, 0, found.start())
        return f"“{words}”" if said and len(words.split()) >= QUOTED_WORDS else found.group()
    return _ITALIC.sub(quoted, text)


def _is_row(line: str) -> bool:
    return line.strip().startswith("|") and line.strip().endswith("|")


def _joined_headings(blocks: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """A heading broken over several heading lines (as PDF conversion leaves them) made whole again."""
    joined: list[tuple[str, int, str]] = []
    for kind, level, text in blocks:
        if joined and kind == "heading" and joined[-1][0] == "heading" and joined[-1][1] == level \
                and (text[:1].islower() or _FUNCTION_END.search(joined[-1][2])):
            joined[-1] = (kind, level, f"{joined[-1][2]} {text}")
        else:
            joined.append((kind, level, text))
    return joined


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text
