"""The corpus folder is the library of reports; the index mirrors it. Adding a report copies it in, removing one
deletes it, and either way the index follows on the next sync, so the index can always be rebuilt from the folder.

A file is read (and so checked) before it is copied; a file that cannot be read is refused with a message and
changes nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError
from .readers import DocumentText, read_bytes
from .settings import Settings


@dataclass
class AddReport:
    """What ``add_files`` did: files copied into the corpus folder, and a message for each file refused."""

    added: list[DocumentText] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def add_files(settings: Settings, files: Iterable[tuple[str, bytes]]) -> AddReport:
    """Copy report files (name, bytes) into the corpus folder, each only if it reads as a report."""
    report = AddReport()
    folder = Path(settings.corpus_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        name = Path(name).name  # never a path: an upload cannot write outside the folder
        try:
            if not name or name.startswith("."):
                raise DocumentError(f"“{name}” is not a usable file name.")
            document = read_bytes(name, data, settings.max_document_bytes)
        except DocumentError as error:
            report.refused[name] = str(error)
            continue
        _write_atomically(folder / name, data)
        report.added.append(document)
    return report


def add_paths(settings: Settings, paths: Iterable[Path]) -> AddReport:
    """``add_files`` for files on disk (a file already in the corpus folder is rewritten with itself)."""
    report = AddReport()
    for path in map(Path, paths):
        try:
            if path.stat().st_size > settings.max_document_bytes:  # refuse before reading it into memory
                raise DocumentError(f"{path.name} is larger than the {settings.max_document_mb:g} MB limit.")
            data = path.read_bytes()
        except DocumentError as error:
            report.refused[path.name] = str(error)
            continue
        except OSError as error:
            report.refused[path.name] = f"Cannot read {path}: {error.strerror or type(error).__name__}."
            continue
        done = add_files(settings, [(path.name, data)])
        report.added.extend(done.added)
        report.refused.update(done.refused)
    return report


def remove_file(settings: Settings, name: str) -> None:
    """Delete a report from the corpus folder (the index drops it on the next sync)."""
    path = Path(settings.corpus_dir) / Path(name).name
    if not path.is_file():
        raise DocumentError(f"There is no report called {name} in {settings.corpus_dir}.")
    path.unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a crash never leaves half a report in the folder."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
