"""Real .pdf, .docx and .html renderings of a plain-text report, for tests of the readers.

Each is laid out the way such a report is: a title, headings in a larger type, body paragraphs, bullet items and
indented quotes, and (for PDF) numbered pages. The text is the report's own, so what the readers recover can be
compared with it.
"""

from __future__ import annotations

import html
import io

from assistant.documents.corpus import parse_document
from assistant.documents.structure import BLOCK_QUOTE, BULLET, HEADING


TITLE = "title"


def _blocks(text: str):
    """(kind, text on one line) of each block of the report, in order; the first heading is its title."""
    titled = False
    for block in parse_document(text, "report.txt").blocks:
        kind = block.kind
        if kind == HEADING and not titled:
            kind, titled = TITLE, True
        yield kind, " ".join(block.text.split())


def report_pdf(text: str, columns: int = 1) -> bytes:
    """The report typeset on A4 pages with page numbers in the footer, in one column or several (as charities' and
    journals' reports are)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    styles = getSampleStyleSheet()
    flow = []
    for kind, block in _blocks(text):
        block = html.escape(block, quote=False)
        if kind == TITLE:
            flow.append(Paragraph(block, styles["Title"]))
        elif kind == HEADING:
            flow.append(Paragraph(block, styles["Heading2"]))
        elif kind == BULLET:
            flow.append(Paragraph(block, styles["Normal"], bulletText="•"))
        elif kind == BLOCK_QUOTE:
            flow.append(Paragraph(block, styles["Normal"].clone("Quote", leftIndent=24, spaceBefore=6,
                                                                 spaceAfter=6)))
        else:
            flow.append(Paragraph(block, styles["BodyText"]))

    def footer(canvas, document) -> None:
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(A4[0] / 2, 30, str(document.page))
        if columns > 1:  # a running header, the report's name at the left and its authors' at the right
            canvas.drawString(document.leftMargin, A4[1] - 40, "Evaluation report")
            canvas.drawRightString(A4[0] - document.rightMargin, A4[1] - 40, "Research partnership")

    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4)
    gutter = 18
    width = (document.width - (columns - 1) * gutter) / columns
    frames = [Frame(document.leftMargin + n * (width + gutter), document.bottomMargin, width, document.height)
              for n in range(columns)]
    document.addPageTemplates([PageTemplate(frames=frames, onPage=footer)])
    document.build(flow)
    return buffer.getvalue()


def report_pdf_in_two_columns(text: str) -> bytes:
    return report_pdf(text, columns=2)


def report_docx(text: str) -> bytes:
    """The report as a Word document with heading and list styles."""
    from docx import Document

    document = Document()
    for kind, block in _blocks(text):
        if kind == TITLE:
            document.add_heading(block, level=0)
        elif kind == HEADING:
            document.add_heading(block, level=1)
        elif kind == BULLET:
            document.add_paragraph(block, style="List Bullet")
        elif kind == BLOCK_QUOTE:
            document.add_paragraph(block, style="Quote")
        else:
            document.add_paragraph(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_html(text: str) -> bytes:
    """The report as a web page, with a script and a navigation bar that must not be read as findings."""
    parts = ["<!doctype html><html><head><title>Report</title><style>p{margin:0}</style>",
             "<script>document.write('not findings')</script></head><body><nav>Home | About</nav><main>"]
    items_open = False
    for kind, block in _blocks(text):
        escaped = html.escape(block, quote=False)
        if kind == BULLET and not items_open:
            parts.append("<ul>")
            items_open = True
        elif kind != BULLET and items_open:
            parts.append("</ul>")
            items_open = False
        if kind == TITLE:
            parts.append(f"<h1>{escaped}</h1>")
        elif kind == HEADING:
            parts.append(f"<h2>{escaped}</h2>")
        elif kind == BULLET:
            parts.append(f"<li>{escaped}</li>")
        elif kind == BLOCK_QUOTE:
            parts.append(f"<blockquote>{escaped}</blockquote>")
        else:
            parts.append(f"<p>{escaped}</p>")
    parts.append("</ul></main></body></html>" if items_open else "</main></body></html>")
    return "\n".join(parts).encode("utf-8")
