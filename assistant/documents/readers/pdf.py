"""PDF text rebuilt page by page: lines joined into paragraphs by their spacing, running page numbers left out,
pages separated by a form feed (``\\f``), as ``pdftotext`` does."""

from __future__ import annotations

import io
import re
import statistics

from ...errors import DocumentError

PAGE_BREAK = "\f"
_PAGE_NUMBER_LINE = re.compile(r"(?i)^(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?$")
_ENDS_PARAGRAPH = re.compile(r"[.!?:)\]’”\"']$")


def read_pdf(name: str, data: bytes) -> tuple[str, list[str]]:
    """(text, notes) of a PDF."""
    import pdfplumber

    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentError(f"{name} is not a PDF (it does not start with %PDF): check its type and extension.")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_paragraphs(page.extract_text_lines(return_chars=False)) for page in pdf.pages]
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise DocumentError(f"{name} is damaged or not a readable PDF ({type(error).__name__}).") from error
    text = ""
    for paragraphs in pages:
        if text:
            continues = paragraphs and (not _ENDS_PARAGRAPH.search(text) or paragraphs[0][:1].islower())
            text += "\n" + PAGE_BREAK if continues else "\n\n" + PAGE_BREAK
        text += "\n\n".join(paragraphs)
    notes = [] if any(pages) else [f"{name}: no page has a text layer."]
    return text, notes


def _page_paragraphs(lines: list[dict]) -> list[str]:
    """Group a page's lines into paragraphs: a wider gap, or a change of font size, starts a new one."""
    lines = [line for line in lines if line["text"].strip()]
    while lines and _PAGE_NUMBER_LINE.match(lines[-1]["text"].strip()):
        lines.pop()
    while lines and _PAGE_NUMBER_LINE.match(lines[0]["text"].strip()):
        lines.pop(0)
    if not lines:
        return []
    heights = [line["bottom"] - line["top"] for line in lines]
    usual_gap = statistics.median(
        [max(0.0, b["top"] - a["bottom"]) for a, b in zip(lines, lines[1:])] or [0.0]
    )
    paragraphs: list[list[str]] = [[lines[0]["text"].strip()]]
    for previous, line, height, previous_height in zip(lines, lines[1:], heights[1:], heights):
        gap = line["top"] - previous["bottom"]
        new_size = abs(height - previous_height) > 0.15 * max(height, previous_height)
        if gap > usual_gap + 0.5 * min(height, previous_height) or new_size:
            paragraphs.append([])
        paragraphs[-1].append(line["text"].strip())
    return [_join_lines(paragraph) for paragraph in paragraphs]


def _join_lines(lines: list[str]) -> str:
    """One paragraph from its lines; a line broken after a hyphen joins without a space."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith("-") and line[:1].islower() else " " + line
    return text
