"""What the searches of one answer ask for again (a comparison's sides, a count for everyone and then for each
side): the last few results, each kept by the vector it was worked out for."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Generic, TypeVar

import numpy as np

Kept = TypeVar("Kept")


class RecentByVector(Generic[Kept]):
    """The last ``size`` results, by their vector; the oldest goes first. Shared by the threads answering at once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[bytes, Kept] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(vector: Sequence[float] | np.ndarray) -> bytes:
        """What a vector is kept by: its float32 bytes."""
        return np.asarray(vector, dtype=np.float32).tobytes()

    def get(self, key: bytes) -> Kept | None:
        with self._lock:
            return self._kept.get(key)

    def put(self, key: bytes, value: Kept) -> None:
        """Keep ``value`` for ``key`` (in place of what was kept for it), letting the oldest go when full."""
        with self._lock:
            self._kept.pop(key, None)
            if len(self._kept) >= self.size:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = value
