"""Turn a report file (.txt, .md, .pdf, .docx, .html) into the plain text the parser reads.

The text keeps the structure the format has: one paragraph per blank-line-separated block, headings on lines
of their own, list items as bullets. PDF pages are separated by a form feed (``\\f``), as ``pdftotext`` does,
so the page of any character offset is the number of form feeds before it, plus one. Whatever the format,
citations point into this text, which is stored with the index.

Every failure is a ``DocumentError`` that names the file and says what to do; nothing here touches the index.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import DocumentError

PAGE_BREAK = "\f"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class DocumentText:
    """A file read as text: its name in the index, the text, and anything the reader had to decide."""

    source: str
    text: str
    notes: tuple[str, ...] = ()


def page_at(text: str, offset: int) -> int:
    """The 1-based page of ``offset`` in text whose pages are separated by form feeds."""
    return text.count(PAGE_BREAK, 0, offset) + 1


def read_file(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> DocumentText:
    """Read a report file from disk; see ``read_bytes``."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(_too_big(path.name, size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise DocumentError(f"No such file: {path}.") from error
    except IsADirectoryError as error:
        raise DocumentError(f"{path} is a folder, not a report file.") from error
    except PermissionError as error:
        raise DocumentError(f"Cannot read {path}: permission denied.") from error
    return read_bytes(path.name, data, max_bytes)


def read_bytes(name: str, data: bytes, max_bytes: int = MAX_DOCUMENT_BYTES) -> DocumentText:
    """Read the bytes of a file called ``name`` (an upload, say) as report text, chosen by its extension."""
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise DocumentError(
            f"{name}: unsupported file type “{suffix or '(none)'}”. Supported: {', '.join(sorted(READERS))}."
        )
    if len(data) > max_bytes:
        raise DocumentError(_too_big(name, len(data), max_bytes))
    if not data.strip():
        raise DocumentError(f"{name} is empty: there is nothing to index.")
    text, notes = reader(name, data)
    text = _tidy(text)
    if not text.replace(PAGE_BREAK, "").strip():
        raise DocumentError(f"{name} has no readable text (a scanned PDF needs OCR first).")
    return DocumentText(name, text, tuple(notes))


# -- plain text and markdown ---------------------------------------------------------------------------------

def _decode(name: str, data: bytes) -> tuple[str, list[str]]:
    if b"\x00" in data[:8192] or data.startswith((b"%PDF", b"PK\x03\x04", b"\x7fELF", b"MZ")):
        raise DocumentError(f"{name} looks like a binary file, not text: check its type and extension.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{name} is not UTF-8 text and not Windows-1252 either: save it as UTF-8.") from error
    return text, [f"{name} is not UTF-8; it was read as Windows-1252. Check its quotes and accents."]


def _read_markdown(name: str, data: bytes) -> tuple[str, list[str]]:
    """Markdown with its markup for headings and block quotes removed, so the parser sees plain structure."""
    text, notes = _decode(name, data)
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", r"\1", text, flags=re.MULTILINE)
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.MULTILINE)
    return text, notes


# -- PDF -----------------------------------------------------------------------------------------------------

_PAGE_NUMBER_LINE = re.compile(r"(?i)^(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?$")
_ENDS_PARAGRAPH = re.compile(r"[.!?:)\]’”\"']$")


def _read_pdf(name: str, data: bytes) -> tuple[str, list[str]]:
    """Text of a PDF page by page: lines joined into paragraphs by their spacing, page numbers left out."""
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


# -- Word ----------------------------------------------------------------------------------------------------

def _read_docx(name: str, data: bytes) -> tuple[str, list[str]]:
    """Paragraphs of a Word document in order, headings on their own, list items as bullets, tables by cell."""
    import zipfile

    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"{name} is damaged or not a Word (.docx) document ({type(error).__name__}).") from error
    paragraphs: list[str] = []

    def add(paragraph) -> None:
        text = re.sub(r"\s+", " ", paragraph.text).strip()
        if not text:
            return
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        is_list = style.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        paragraphs.append(f"• {text}" if is_list and not style.startswith(("Heading", "Title")) else text)

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        add(paragraph)
        else:
            add(block)
    return "\n\n".join(paragraphs), []


# -- HTML ----------------------------------------------------------------------------------------------------

class _HTMLText(HTMLParser):
    """Collects the text of an HTML page block by block; scripts, styles and the head are skipped."""

    BLOCKS = frozenset("p div section article main header footer aside h1 h2 h3 h4 h5 h6 li blockquote "
                       "pre table tr td th ul ol dl dt dd figure figcaption br hr title".split())
    SKIPPED = frozenset("script style noscript template svg head nav".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.in_list_item = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self._flush()
            self.in_list_item = tag == "li"

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(f"• {text}" if self.in_list_item else text)
        self.current = []
        self.in_list_item = False


def _read_html(name: str, data: bytes) -> tuple[str, list[str]]:
    text, notes = _decode(name, data)
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return "\n\n".join(parser.blocks), notes


# ------------------------------------------------------------------------------------------------------------

READERS: dict[str, Callable[[str, bytes], tuple[str, list[str]]]] = {
    ".txt": _decode,
    ".md": _read_markdown,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def _tidy(text: str) -> str:
    """Line endings made uniform, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_big(name: str, size: int, limit: int) -> str:
    return f"{name} is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB. Split it, or raise the limit."


def read_folder(folder: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> tuple[list[DocumentText], dict[str, str]]:
    """Every report file in ``folder`` that can be read, and a message for each one that cannot."""
    documents: list[DocumentText] = []
    problems: dict[str, str] = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.suffix.lower() not in READERS:
            continue
        try:
            documents.append(read_file(path, max_bytes))
        except DocumentError as error:
            problems[path.name] = str(error)
    return documents, problems
