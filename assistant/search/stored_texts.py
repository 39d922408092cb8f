"""Passages whose text stays on disk until it is read: a large library's texts (58 MB of Python strings at 100,000
passages) are written beside its snapshot, one after another, and each is read by position when something reads
``passage.text``. The process keeps only the texts read last, so its memory does not grow with the library."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..types import Passage

TEXTS_KEPT = 8192  # texts kept once read: an answer reads a few hundred passages' texts, several times each
READ_TOGETHER = 2048  # texts read at once by a walk over many passages (``StoredPassage.texts_of``)


class PositionalFile:
    """A file read by position (``os.pread``): what is read is copied out, so the process keeps none of the file's
    pages (they stay in the page cache), and threads may read at once."""

    def __init__(self, path: Path) -> None:
        self._descriptor = os.open(path, os.O_RDONLY)

    def read(self, size: int, offset: int) -> bytes:
        return os.pread(self._descriptor, size, offset)

    def __del__(self) -> None:
        if getattr(self, "_descriptor", None) is not None:  # not when opening the file failed
            os.close(self._descriptor)


class StoredTexts(PositionalFile):
    """The texts of a library's passages, numbered in reading order, from the file ``save`` wrote."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._ends = np.load(_ends_path(path))  # the byte each text ends at
        self.text = lru_cache(maxsize=TEXTS_KEPT)(self._read)

    @staticmethod
    def save(texts: Sequence[str], path: Path) -> None:
        """Write ``texts`` one after another (UTF-8) to ``path``, and where each ends beside it."""
        ends, written = [], 0
        with open(path, "wb") as handle:
            for text in texts:
                written += handle.write(text.encode("utf-8"))
                ends.append(written)
        np.save(_ends_path(path), np.asarray(ends, dtype=np.int64))

    def texts(self, numbers: Sequence[int]) -> list[str]:
        """The texts numbered ``numbers`` (ascending), in one read of the file from the first to the last (a walk over
        many passages reads the file a block at a time, not text by text, and keeps none of them)."""
        if not len(numbers):
            return []
        first, last = int(numbers[0]), int(numbers[-1])
        start = int(self._ends[first - 1]) if first else 0
        data = self.read(int(self._ends[last]) - start, start)
        ends = (self._ends[first:last + 1] - start).tolist()
        return [data[(ends[number - first - 1] if number > first else 0):ends[number - first]].decode("utf-8")
                for number in numbers]

    def _read(self, number: int) -> str:
        start = int(self._ends[number - 1]) if number else 0
        return self.read(int(self._ends[number]) - start, start).decode("utf-8")


def _ends_path(path: Path) -> Path:
    return path.with_name(path.stem + "-ends.npy")


_STORED_FIELDS = tuple(name for name in Passage.__dataclass_fields__ if name != "text")


class StoredPassage(Passage):
    """A passage whose text is read from its library's ``StoredTexts`` when asked for. It is equal to another when
    everything but the text is: the text is its source's, from ``start`` to ``end``."""

    __slots__ = ("_texts", "_number")

    @property
    def text(self) -> str:  # type: ignore[override]
        return self._texts.text(self._number)

    @classmethod
    def of(cls, passage: Passage, number: int) -> "StoredPassage":
        """``passage`` as the text numbered ``number`` of the texts it will be read with (see ``read_with``)."""
        stored = cls.__new__(cls)
        stored.__setstate__((*(getattr(passage, name) for name in _STORED_FIELDS), number))
        return stored

    def read_with(self, texts: StoredTexts) -> None:
        object.__setattr__(self, "_texts", texts)

    @staticmethod
    def texts_of(passages: Sequence[Passage]) -> Iterator[str]:
        """The texts of ``passages`` in order (``types.texts_of``): those that lie close together in one file, in its
        order, are read a block at a time, and none is kept (a walk over the 104,122 texts of a large library: 0.19 s
        read one by one, 0.05 s so)."""
        for first in range(0, len(passages), READ_TOGETHER):
            block = passages[first:first + READ_TOGETHER]
            texts = getattr(block[0], "_texts", None)
            numbers = [getattr(passage, "_number", -1) for passage in block]
            if texts is not None and all(getattr(passage, "_texts", None) is texts for passage in block) \
                    and all(a < b for a, b in zip(numbers, numbers[1:])) and numbers[-1] - numbers[0] < 4 * len(block):
                yield from texts.texts(numbers)
            else:
                yield from (passage.text for passage in block)

    def __getstate__(self) -> tuple:
        return (*(getattr(self, name) for name in _STORED_FIELDS), self._number)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(_STORED_FIELDS, state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_number", state[-1])

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in _STORED_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoredPassage):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
