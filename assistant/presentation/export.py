""""Download for briefing": an answer, or a whole conversation, as Markdown or as a Word document.

Each export holds the question, the answer as shown, and every citation in full: the verbatim quote, the
respondent's code, area and service, the section and the source file with character offsets, so a reader
can check any claim. No streamlit here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, timezone

from ..answers.answer import Answer
from ..answers.cite import render_label
from ..answers.lines import BULLET, NOTE, QUOTED, STRONG, block_lines
from ..answers.markdown import neutralise_markdown
from .render import citation_caption, filters_summary
from ..types import Citation

TITLE = "Findings assistant — briefing"
MARKDOWN_MIME = "text/markdown"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def citation_source(citation: Citation) -> str:
    """Where a citation comes from, with its character offsets in the source."""
    return f"{citation_caption(citation)} (characters {citation.start}–{citation.end})"


def answer_markdown(answer: Answer, notice: str = "", heading: str = "##") -> str:
    """One answer as Markdown: question, answer, filters, any privacy notice, then every source in full."""
    # The answer echoes the question in its notes: keep any image or link typed into it from working.
    parts = [f"{heading} {neutralise_markdown(answer.question)}", neutralise_markdown(answer.answer)]
    summary = filters_summary(answer.filters, answer.filter_origin)
    if summary:
        parts.append(f"_{summary}_")
    if notice:
        parts.append(f"**Note:** {notice}")
    if answer.citations:
        parts.append(f"{heading}# Sources")
        for number, citation in enumerate(answer.citations, 1):
            parts.append(f"{number}. {render_label(citation)} {citation_source(citation)}\n\n"
                         + _blockquote(f"“{citation.quote}”"))
    return "\n\n".join(parts) + "\n"


def conversation_markdown(answers: Sequence[Answer], notices: Sequence[str] = (),
                          now: datetime | None = None) -> str:
    """A whole conversation as Markdown, one section per question; ``notices`` align with ``answers``."""
    parts = [f"# {TITLE}", f"_Exported {_stamp(now)}; {len(answers)} question(s)._"]
    for index, answer in enumerate(answers):
        parts.append(answer_markdown(answer, _at(notices, index)).rstrip())
    return "\n\n".join(parts) + "\n"


def answer_docx(answer: Answer, notice: str = "", now: datetime | None = None, author: str = "") -> bytes:
    """One answer as a Word document (.docx bytes), titled with its question."""
    return conversation_docx([answer], [notice], now, author, title=answer.question)


def conversation_docx(answers: Sequence[Answer], notices: Sequence[str] = (), now: datetime | None = None,
                      author: str = "", title: str = TITLE) -> bytes:
    """A whole conversation as a Word document (.docx bytes), laid out like ``conversation_markdown``. Its
    properties say what it is (``title``), when it was made, and who made it (``author``, blank by default)."""
    from docx import Document

    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title[:255], author, author
    properties.created = properties.modified = (now or datetime.now(timezone.utc)).replace(tzinfo=None)
    properties.comments, properties.revision = "", 1
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"Exported {_stamp(now)}; {len(answers)} question(s).").runs[0].italic = True
    for index, answer in enumerate(answers):
        document.add_heading(answer.question, level=1)
        _add_answer(document, answer)
        summary = filters_summary(answer.filters, answer.filter_origin)
        if summary:
            document.add_paragraph().add_run(summary).italic = True
        notice = _at(notices, index)
        if notice:
            paragraph = document.add_paragraph()
            paragraph.add_run("Note: ").bold = True
            paragraph.add_run(notice)
        if answer.citations:
            document.add_heading("Sources", level=2)
        for number, citation in enumerate(answer.citations, 1):
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{number}. {render_label(citation)} ").bold = True
            paragraph.add_run(citation_source(citation))
            document.add_paragraph(f"“{citation.quote}”", style="Quote")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_answer(document, answer: Answer) -> None:
    """The answer's blocks as Word paragraphs, laid out as the chat shows them (``answers.lines``): quotes in the
    Quote style, bullet points as a list, names and statements bold, notes italic. An answer without blocks (one
    saved before answers had them) gives its text as it was shown."""
    if not answer.blocks:
        for paragraph in answer.answer.split("\n\n"):
            document.add_paragraph(paragraph.strip())
        return
    name_documents = answer.names_documents
    for block in answer.blocks:
        for line in block_lines(block, lambda citation: render_label(citation, name_documents), name_documents):
            paragraph = document.add_paragraph(style=_WORD_STYLES.get(line.style))
            run = paragraph.add_run(line.text)
            run.bold, run.italic = line.style == STRONG, line.style == NOTE
            if line.tail:
                paragraph.add_run(line.tail)


_WORD_STYLES = {QUOTED: "Quote", BULLET: "List Bullet"}


def _at(items: Sequence[str], index: int) -> str:
    return items[index] if index < len(items) else ""


def export_filename(question: str, suffix: str, most: int = 60) -> str:
    """A file name from the question, cut between words: ``briefing-what-drives-partnership-working.md``."""
    words = re.findall(r"[a-z0-9]+", question.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > most:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"briefing-{slug or (words[0][:most] if words else 'answer')}.{suffix}"
