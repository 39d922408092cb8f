"""PDF text rebuilt page by page: lines joined into paragraphs by their spacing, running page numbers left out,
pages separated by a form feed (``\\f``), as ``pdftotext`` does; a page set in two columns read a column at a
time."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter

from ..prose import SECTION_NUMBER
from ...errors import DocumentError

PAGE_BREAK = "\f"
SUPERSCRIPT = 0.9  # a line of a footnote's mark alone, this much shorter than the page's usual line, is that mark
RUNNING_PAGES = 3  # a line at the top or foot of at least this many pages (and half of them) runs on every page
_PAGE_NUMBER_LINE = re.compile(r"(?i)^(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?$")
_MARK = re.compile(r"\d{1,2}|[*†‡]")  # a footnote's mark
_NOTE = re.compile(rf"(?:{_MARK.pattern})\s+\S")  # a footnote's opening: its mark, then its text
_BULLET = re.compile(r"\s*[•●▪◦‣∙]\s")
_CONTENTS = re.compile(r"(?i)(?:table\s+of\s+)?contents")
_ENDS_PARAGRAPH = re.compile(r"[.!?:)\]’”\"']$")
GUTTER_EM = 1.0  # a gap between letters of a line this many times their size may part two columns…
COLUMN_CROSSED = 0.25  # …when no more than this share of the page's lines cross it…
SIDE_BY_SIDE = 3  # …at least this many lines have words on both sides of it…
COLUMN_CHARS = 20  # …and those, this many characters on each side, on average (prose, not a table's cells)…
COLUMN_BALANCE = 0.5  # …and either side has this share of the other's lines at least (not a table's wrapped cells)


def read_pdf(name: str, data: bytes) -> tuple[str, list[str]]:
    """(text, notes) of a PDF."""
    import pdfplumber

    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentError(f"{name} is not a PDF (it does not start with %PDF): check its type and extension.")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            lines = [[_with_size(line) for line in page.extract_text_lines(return_chars=True) if line["text"].strip()]
                     for page in pdf.pages]
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise DocumentError(f"{name} is damaged or not a readable PDF ({type(error).__name__}).") from error
    # a contents page is no text, but it is a page: those after it are cited by their number in the file
    pages = [[] if _is_contents(page) else _column_paragraphs(_columns(page))
             for page in _without_running_lines(lines)]
    text = ""
    for number, paragraphs in enumerate(pages):
        if number:
            text += ("\n" if _continued(text, paragraphs) else "\n\n") + PAGE_BREAK
        text += "\n\n".join(paragraphs)
    notes = [] if any(pages) else [f"{name}: no page has a text layer."]
    return text, notes


def _continued(text: str, paragraphs: list[str]) -> bool:
    """Whether the first of ``paragraphs`` (a page's, or a column's) carries on the last of ``text``: it ended
    mid-sentence, or the next starts in lower case; a numbered heading starts a page of its own."""
    return bool(paragraphs) and (not _ENDS_PARAGRAPH.search(text) or paragraphs[0][:1].islower()) \
        and not SECTION_NUMBER.match(paragraphs[0])


def _column_paragraphs(flows: list[list[dict]]) -> list[str]:
    """The paragraphs of a page's flows of lines (``_columns``), a paragraph broken at the foot of a column carried
    on at the head of the next."""
    paragraphs: list[str] = []
    for flow in flows:
        more = _page_paragraphs(flow)
        if paragraphs and more and _continued(paragraphs[-1], more):
            paragraphs[-1] = _join_lines([paragraphs[-1], more.pop(0)])
        paragraphs += more
    return paragraphs


def _columns(lines: list[dict]) -> list[list[dict]]:
    """A page's lines in the order they are read: as they are (one flow), or, on a page set in two columns, each
    run of lines that cross the gutter (a title, a table across the page) as a flow, and each run between them as
    two, the left column's halves of the lines, then the right's. Read straight across, each line of a
    two-column report was half of one column and half of the other, and no quote stood beside who said it."""
    gutter = _gutter(lines)
    if gutter is None:
        return [lines]
    flows: list[list[dict]] = []
    across: list[dict] = []
    left: list[dict] = []
    right: list[dict] = []
    for line in lines:
        if _crosses(line, gutter):
            flows += [flow for flow in (left, right) if flow]
            left, right = [], []
            across.append(line)
            continue
        if across:
            flows.append(across)
            across = []
        for side, part in zip((left, right), _halves(line, gutter)):
            if part:
                side.append(part)
    return flows + [flow for flow in (across, left, right) if flow]


def _gutter(lines: list[dict]) -> float | None:
    """Where a page is parted into two columns, when it is: the middle of the page that most of its lines leave
    blank (a gap wider than their letters), many of them with words both sides of it, as prose in two columns has
    and a table's short cells do not, and about as many lines each side (a table's one-line cells beside the many
    lines of its wrapped ones are no columns); None when no such place."""
    if len(lines) < 2 * SIDE_BY_SIDE or not all(line.get("letters") for line in lines):
        return None
    first, last = min(line["x0"] for line in lines), max(line["x1"] for line in lines)
    keys = {x: (sum(_crosses(line, x) for line in lines), -sum(_both_sides(line, x) for line in lines))
            for x in range(int(first + 0.3 * (last - first)), int(first + 0.7 * (last - first)) + 1)}
    if not keys:
        return None
    crossing, beside = min(keys.values())  # the fewest lines across it, then the most beside it…
    if crossing > COLUMN_CROSSED * len(lines) or -beside < SIDE_BY_SIDE:
        return None
    best = statistics.median_low([x for x, key in keys.items() if key == (crossing, beside)])  # …in the middle
    halves = [_halves(line, best) for line in lines if not _crosses(line, best)]  # (both there: a line beside it)
    beside_it = [pair for pair in halves if all(pair)]
    if min(statistics.mean(len(half["text"]) for half in side) for side in zip(*beside_it)) < COLUMN_CHARS:
        return None
    sides = [sum(bool(half) for half in side) for side in zip(*halves)]
    return float(best) if min(sides) >= COLUMN_BALANCE * max(sides) else None


def _crosses(line: dict, x: float) -> bool:
    """Whether the line's words run across ``x``: it has letters both sides with no gap wide enough for a gutter."""
    letters = line["letters"]
    return letters[0][0] < x < letters[-1][1] and not any(start <= x <= end for start, end in _wide_gaps(line))


def _both_sides(line: dict, x: float) -> bool:
    """Whether the line has words both sides of ``x``, a gap wide enough for a gutter between."""
    return any(start <= x <= end for start, end in _wide_gaps(line))


def _wide_gaps(line: dict) -> list[tuple[float, float]]:
    """The gaps between the line's letters wide enough for a gutter (``GUTTER_EM``), found once."""
    if "gaps" not in line:
        letters = line["letters"]
        line["gaps"] = [(one[1], other[0]) for one, other in zip(letters, letters[1:])
                        if other[0] - one[1] >= GUTTER_EM * max(one[2], other[2])]
    return line["gaps"]


def _halves(line: dict, x: float) -> tuple[dict | None, dict | None]:
    """The line's words left of ``x`` and right of it, each as a line of its own (None when it has none there)."""
    letters, text = line["letters"], line["text"]
    cut = sum(letter[1] <= x for letter in letters)  # letters before the gutter: as many of the text's non-spaces
    seen, at = 0, 0
    while at < len(text) and seen < cut:
        seen += not text[at].isspace()
        at += 1
    halves = []
    for part, words in ((letters[:cut], text[:at]), (letters[cut:], text[at:])):
        halves.append({**{key: value for key, value in line.items() if key != "gaps"}, "text": words.strip(),
                       "x0": part[0][0], "x1": part[-1][1], "letters": part,
                       "size": statistics.median(letter[2] for letter in part),
                       "top": min(letter[3] for letter in part), "bottom": max(letter[4] for letter in part)}
                      if part and words.strip() else None)
    return halves[0], halves[1]


def _without_running_lines(pages: list[list[dict]]) -> list[list[dict]]:
    """Each page's lines without its running header and footer: a line printed at the top (or foot) of most pages,
    word for word but for its numbers ("Warm Spaces Evaluation 2025 – Final report", "… Council Page 2"), is the
    document's furniture, not its text (read as text, it became a heading on every page, or a speaker)."""
    if len(pages) < RUNNING_PAGES:
        return pages
    running = set()
    for end in (0, -1):
        counts = Counter(_numbers_aside(_flat(page[end])) for page in pages if page)
        running |= {text for text, times in counts.items() if times >= max(RUNNING_PAGES, len(pages) // 2)}
    kept = []
    for page in pages:
        page = list(page)
        for end in (0, -1):
            if page and _numbers_aside(_flat(page[end])) in running and not _PAGE_NUMBER_LINE.match(_flat(page[end])):
                page.pop(end)
        kept.append(page)
    return kept


def _numbers_aside(text: str) -> str:
    """A line with its numbers as one mark: a running footer names its page ("… Calderbrook Council Page 2")."""
    return re.sub(r"\d+", "#", text)


def _flat(line: dict) -> str:
    """A line's text, its spacing made single."""
    return " ".join(line["text"].split())


def _with_size(line: dict) -> dict:
    """The line (pdfplumber's) with ``size``, the type size most of its letters are in (a note's raised mark
    makes its line taller, not its type larger), and ``letters``, where each of them is ((x0, x1, size, top,
    bottom), in the order of the text's letters, spaces aside)."""
    letters = [(char["x0"], char["x1"], char["size"], char["top"], char["bottom"])
               for char in line.get("chars", ()) if char.get("text", "").strip()]
    return {**{key: value for key, value in line.items() if key != "chars"}, "letters": letters,
            "size": statistics.median(letter[2] for letter in letters) if letters else line["bottom"] - line["top"]}


def _without_footnotes(lines: list[dict], usual: float) -> list[dict]:
    """The lines without the footnotes printed among them: a line in smaller type opening with a note's mark ("1
    Source: council footfall data, 2025. …") and the smaller lines that carry it on. Read as text, a note's number made
    it a numbered heading or list item, and its source a finding."""
    kept, in_note = [], False
    for line in lines:
        small = line["size"] < SUPERSCRIPT * usual
        in_note = small and (in_note or bool(_NOTE.match(line["text"].strip())))
        if not in_note:
            kept.append(line)
    return kept


def _is_contents(page: list[dict]) -> bool:
    """Whether a page is the document's table of contents: headed "Contents", most of its other lines ending in the
    page a section starts on ("3.1 Who came and why 4"). Read as text, each line became a heading."""
    texts = [_flat(line) for line in page]
    if not any(_CONTENTS.fullmatch(text) for text in texts[:3]):
        return False
    entries = [text for text in texts if not _CONTENTS.fullmatch(text)]
    return bool(entries) and sum(bool(re.search(r"\D\s\.*\s*\d{1,3}$", text)) for text in entries) > len(entries) / 2


def _page_paragraphs(lines: list[dict]) -> list[str]:
    """Group a page's lines (those with text) into paragraphs: a wider gap, or a change of font size, starts a new
    one."""
    while lines and _PAGE_NUMBER_LINE.match(lines[-1]["text"].strip()):
        lines.pop()
    while lines and _PAGE_NUMBER_LINE.match(lines[0]["text"].strip()):
        lines.pop(0)
    if not lines:
        return []
    usual = statistics.median(line["size"] for line in lines)
    # a footnote's mark raised above its line ("… in November and¹") is read as a line of its own: it split the
    # sentence in two, and the half before it became a heading
    lines = [line for line in lines if not (_MARK.fullmatch(line["text"].strip())
                                            and line["size"] < SUPERSCRIPT * usual)] or lines
    lines = _without_footnotes(lines, usual) or lines
    heights = [line["bottom"] - line["top"] for line in lines]
    usual_gap = statistics.median(
        [max(0.0, b["top"] - a["bottom"]) for a, b in zip(lines, lines[1:])] or [0.0]
    )
    paragraphs: list[list[str]] = [[lines[0]["text"].strip()]]
    for previous, line, height, previous_height in zip(lines, lines[1:], heights[1:], heights):
        gap = line["top"] - previous["bottom"]
        new_size = abs(height - previous_height) > 0.15 * max(height, previous_height)
        if gap > usual_gap + 0.5 * min(height, previous_height) or new_size or _BULLET.match(line["text"]):
            paragraphs.append([])  # (a list's item starts a paragraph of its own, however close it is set)
        paragraphs[-1].append(line["text"].strip())
    return [_join_lines(paragraph) for paragraph in paragraphs]


def _join_lines(lines: list[str]) -> str:
    """One paragraph from its lines; a line broken after a hyphen joins without a space."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith("-") and line[:1].islower() else " " + line
    return text
