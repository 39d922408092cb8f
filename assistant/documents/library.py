"""The corpus folder is the library of reports; the index mirrors it. Adding a report copies it in, removing one
deletes it, and either way the index follows on the next sync, so the index can always be rebuilt from the folder.

A file is read (and so checked) before it is copied; a file that cannot be read is refused with a message and
changes nothing. Files are written with the user's umask, so a shared folder shares them.

Beside the reports the folder may hold the library's own settings: ``respondents.csv`` (see ``respondents``) and
``patterns.json``, the attribution pattern of each report that needs one ({"file name": "regular expression"}),
so that one library can hold reports in different styles.
"""

from __future__ import annotations

import fnmatch
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .attribution import AUTO_STYLE, AttributionStyle
from ..errors import DocumentError, SettingsError
from .readers import DocumentText, read_bytes, read_folder
from .respondents import TABLE_NAME, RespondentTable
from ..settings import Settings

PATTERNS_NAME = "patterns.json"
_OWN_FILES = (TABLE_NAME, PATTERNS_NAME)  # the library's settings, beside its reports


@dataclass(frozen=True)
class LibraryConfig:
    """How the library's reports are read: the attribution style of each, and the respondents table."""

    patterns: dict[str, str] = field(default_factory=dict)  # file name (or glob) -> pattern, from the folder
    overrides: dict[str, str] = field(default_factory=dict)  # the same, from the settings (they win)
    pattern: str | None = None  # one pattern for every report (ASSISTANT_ATTRIBUTION_PATTERN): wins over all
    table: RespondentTable = RespondentTable()

    @classmethod
    def load(cls, settings: Settings) -> "LibraryConfig":
        folder = Path(settings.corpus_dir)
        return cls(read_patterns(folder), dict(settings.attribution_patterns), settings.attribution_pattern,
                   RespondentTable.load(folder))

    def style_for(self, source: str) -> AttributionStyle:
        """The attribution style of the report called ``source``: learned, unless a pattern is set for it."""
        if self.pattern:
            return AttributionStyle(self.pattern)
        for patterns in (self.overrides, self.patterns):
            for name, pattern in patterns.items():
                if name == source or fnmatch.fnmatch(source, name):
                    return AttributionStyle(pattern)
        return AUTO_STYLE


def read_library(folder: Path, max_bytes: int) -> tuple[list[DocumentText], dict[str, str]]:
    """The reports of the library ``folder`` and a message for each file that cannot be read (``read_folder``),
    its own settings files aside."""
    return read_folder(folder, max_bytes, skipped=_OWN_FILES)


def read_patterns(folder: Path) -> dict[str, str]:
    """The per-report attribution patterns kept in the library folder; each is checked."""
    path = Path(folder) / PATTERNS_NAME
    if not path.is_file():
        return {}
    try:
        patterns = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsError(f"{path} is not a JSON object of file name → pattern ({error}).") from error
    if not isinstance(patterns, dict) or not all(isinstance(v, str) for v in patterns.values()):
        raise SettingsError(f"{path} must be a JSON object of file name → pattern.")
    for name, pattern in patterns.items():
        try:
            AttributionStyle(pattern)
        except ValueError as error:
            raise SettingsError(f"{path}, pattern for {name}: {error}") from error
    return patterns


def set_pattern(settings: Settings, source: str, pattern: str | None) -> None:
    """Keep (or, with None, forget) the attribution pattern of one report in the library folder."""
    if pattern:
        try:
            AttributionStyle(pattern)
        except ValueError as error:
            raise SettingsError(str(error)) from error
    folder = Path(settings.corpus_dir)
    patterns = read_patterns(folder)
    if pattern:
        patterns[source] = pattern
    else:
        patterns.pop(source, None)
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(folder / PATTERNS_NAME, (json.dumps(patterns, indent=2, ensure_ascii=False) + "\n").encode())


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
            if name in _OWN_FILES:
                raise DocumentError(f"{name} is the name of the library's own settings file, not a report's: "
                                    f"rename the file to add it as a report.")
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
    """Write through a temporary file and a rename, so a crash never leaves half a report in the folder. The
    file gets the permissions any new file of the user's gets (mkstemp's are private: 0600)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` would, for a moment, in every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022
