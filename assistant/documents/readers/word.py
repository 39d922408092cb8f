"""Word (.docx) documents: paragraphs in order, the Title style as the title, heading styles as headings, quote
styles (or an indented paragraph all in italics) as block quotes, list styles as bullets, tables cell by cell."""

from __future__ import annotations

import io
import re

from ...errors import DocumentError
from .layout import Layout, TextBuilder
from .tables import quote_columns, row_line

_QUOTE_STYLES = ("Quote", "Intense Quote", "Block Text")


def read_docx(name: str, data: bytes) -> tuple[str, Layout, str]:
    """(text, layout, title) of a Word document."""
    import zipfile

    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"{name} is damaged or not a Word (.docx) document ({type(error).__name__}).") from error
    builder = TextBuilder()
    title, last_style = "", ""

    def add(paragraph) -> None:
        nonlocal title, last_style
        text = re.sub(r"\s+", " ", paragraph.text).strip()
        if not text:
            return
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        subtitle = style == "Subtitle" and last_style == "Title"
        last_style = style
        if style == "Title":
            title = title or text
            builder.add(text, "heading", 0)
        elif subtitle:  # "Care Closer to Home" / "Independent evaluation of the Hearthside service": one title
            title = f"{title}: {text}" if title and not title.endswith(text) else title or text
            builder.add(text)
        elif style.startswith("Heading"):
            level = re.search(r"\d+", style)
            builder.add(text, "heading", int(level.group()) if level else 1)
        elif style in _QUOTE_STYLES or _set_off_in_italics(paragraph):
            builder.add(text, "quote")
        elif style.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
            builder.add(f"• {text}")
        else:
            builder.add(text)

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [_cells(row) for row in block.rows]
            columns = quote_columns(rows[0]) if rows else None
            for cells in rows:
                builder.add(row_line(cells, columns))
        else:
            add(block)
    text, layout = builder.build()
    if not title and layout.headings:
        start, end, _ = layout.headings[0]
        title = text[start:end]
    return text, layout, title or (document.core_properties.title or "").strip()


def _set_off_in_italics(paragraph) -> bool:
    """Whether a paragraph is printed as a block quote is without a quote style: indented, and all its words in
    italics (its own or its style's)."""
    indent = paragraph.paragraph_format.left_indent or paragraph.style.paragraph_format.left_indent
    runs = [run for run in paragraph.runs if run.text.strip()]
    italic = bool(paragraph.style.font.italic)
    return bool(indent) and indent > 0 and bool(runs) and all(run.italic or run.italic is None and italic
                                                              for run in runs)


def _cells(row) -> list[str]:
    """A table row's cells' texts. A merged cell, which python-docx gives once per column it spans, is read once."""
    cells = list({cell._tc: cell for cell in row.cells}.values())
    return [re.sub(r"\s+", " ", " ".join(paragraph.text for paragraph in cell.paragraphs)).strip() for cell in cells]
