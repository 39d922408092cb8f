"""Turn a report file (.txt, .md, .tex, .pdf, .docx, .html, .vtt, .srt, .csv) into the plain text the parser reads.

The text keeps the structure the format has: one paragraph per blank-line-separated block, headings on lines
of their own, list items as bullets; formats that mark headings and block quotes say so in a ``Layout``. PDF pages are separated by a form feed (``\\f``), as ``pdftotext`` does,
so the page of any character offset is the number of form feeds before it, plus one. Whatever the format,
citations point into this text, which is stored with the index.

Every failure is a ``DocumentError`` that names the file and says what to do; nothing here touches the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from ...errors import DocumentError
from .captions import read_captions
from .coding_summary import is_coding_summary, read_coding_summary
from .html import read_html
from .latex import read_latex
from .layout import Layout
from .markdown import read_markdown
from .pdf import PAGE_BREAK
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class DocumentText:
    """A file read as text: its name in the index, the text, the structure its format marks (headings, block
    quotes), its title when the format states one, and anything the reader had to decide."""

    source: str
    text: str
    notes: tuple[str, ...] = ()
    layout: Layout = Layout()
    title: str = ""


@dataclass(frozen=True)
class _Read:
    text: str
    notes: list[str]
    layout: Layout = Layout()
    title: str = ""


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
    read = reader(name, data)
    if is_coding_summary(read.text):  # an analysis tool's export, in whatever format: its references are quotes
        text, layout = read_coding_summary(read.text)
        read = _Read(text, read.notes, layout, read.title)
    if not read.text.replace(PAGE_BREAK, "").strip():
        raise DocumentError(f"{name} has no readable text (a scanned PDF needs OCR first).")
    return DocumentText(name, read.text, tuple(read.notes), read.layout, read.title)


# -- text formats --------------------------------------------------------------------------------------------

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


def _read_text(name: str, data: bytes) -> _Read:
    from .plain import read_plain

    text, notes = _decode(name, data)
    text, layout = read_plain(_tidy(text))
    return _Read(text, notes, layout)


def _marked_up(convert: Callable[[str], tuple[str, Layout, str]]) -> Callable[[str, bytes], _Read]:
    """A reader for a text format whose markup ``convert`` turns into (text, layout, title)."""
    def read(name: str, data: bytes) -> _Read:
        raw, notes = _decode(name, data)
        text, layout, title = convert(_tidy(raw))
        return _Read(text, notes + _little_read(name, raw, text), layout, title)
    return read


def _little_read(name: str, raw: str, text: str) -> list[str]:
    """A note when a file's text is a small share of the words in it, markup aside: a page whose content sits in
    an element read as furniture (a header, navigation, something hidden) came out as its cookie banner alone, and
    nothing said so."""
    written = len(_WORD.findall(re.sub(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", " ", raw, flags=re.S | re.I)))
    kept = len(_WORD.findall(text))
    if written < LITTLE_READ_WORDS or kept >= LITTLE_READ_SHARE * written:
        return []
    return [f"{name}: only {kept} of its {written} words were read as its text; the rest was taken for page "
            "furniture (navigation, headers, hidden parts). Check the file, or save the report as .docx or .pdf."]


def _read_pdf(name: str, data: bytes) -> _Read:
    from .pdf import read_pdf

    text, notes = read_pdf(name, data)
    return _Read(_tidy(text), notes)


def _read_csv(name: str, data: bytes) -> _Read:
    from .spreadsheet import read_csv

    raw, notes = _decode(name, data)
    text, layout, _ = read_csv(_tidy(raw))
    return _Read(text, notes, layout, Path(name).stem)  # a spreadsheet has no title of its own: its file's name


def _read_docx(name: str, data: bytes) -> _Read:
    from .word import read_docx

    text, layout, title = read_docx(name, data)
    return _Read(text, [], layout, title)


# ------------------------------------------------------------------------------------------------------------

LITTLE_READ_WORDS = 300  # a file of this many words at least, markup aside…
LITTLE_READ_SHARE = 0.25  # …of which less than this share is read as its text, is read with a note saying so
_WORD = re.compile(r"[A-Za-z]{2,}")

READERS: dict[str, Callable[[str, bytes], _Read]] = {
    ".txt": _read_text,
    ".md": _marked_up(read_markdown),
    ".markdown": _marked_up(read_markdown),
    ".tex": _marked_up(read_latex),
    ".html": _marked_up(read_html),
    ".htm": _marked_up(read_html),
    ".vtt": _marked_up(read_captions),
    ".srt": _marked_up(read_captions),
    ".pdf": _read_pdf,
    ".csv": _read_csv,
    ".docx": _read_docx,
}
SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def _tidy(text: str) -> str:
    """Line endings made uniform, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_big(name: str, size: int, limit: int) -> str:
    return f"{name} is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB. Split it, or raise the limit."


# Documents a user may well keep among their reports that are not read: said so, not passed over in silence
_OFFICE_FILES = (".doc", ".rtf", ".odt", ".xlsx", ".xls", ".ods", ".pptx", ".ppt")


def read_folder(folder: Path, max_bytes: int = MAX_DOCUMENT_BYTES, skipped: Collection[str] = ()
                ) -> tuple[list[DocumentText], dict[str, str]]:
    """Every report file in ``folder`` that can be read, and a message for each one that cannot (an office
    document of a type not read among them); files called as in ``skipped`` are the library's own, not reports."""
    documents: list[DocumentText] = []
    problems: dict[str, str] = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.name in skipped:
            continue
        if path.suffix.lower() in _OFFICE_FILES:
            problems[path.name] = f"{path.name}: {path.suffix} files are not read. Save it as .docx or .pdf (a " \
                f"spreadsheet as .csv) and add that instead."
            continue
        if path.suffix.lower() not in READERS:
            continue
        try:
            documents.append(read_file(path, max_bytes))
        except DocumentError as error:
            problems[path.name] = str(error)
    return documents, problems
