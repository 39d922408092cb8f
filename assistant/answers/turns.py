"""Answers taking turns: at most as many are worked on at once as the machine has cores, the others wait theirs,
first come first served.

An answer is mostly Python, which runs on one core at a time whatever the number of threads; eight answers worked
on at once each take eight times as long, and a slow one holds its place among them all the while. Taking turns,
each is done in its own time plus the wait for those before it, and only as many answers' working memory is held
at once as are being worked on. The turn is handed to the longest waiting (a semaphore lets a thread that has just
given its turn up take it again at once, ahead of those waiting: some then waited for seconds).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class Turns:
    def __init__(self, at_once: int | None = None) -> None:
        self._free = at_once or os.cpu_count() or 1
        self._waiting: deque[threading.Event] = deque()
        self._lock = threading.Lock()
        self._thread = threading.local()

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for a turn, then hold it to the end of the block; a thread holding one already (an answer that
        asks a question of its own) goes on with it."""
        if getattr(self._thread, "holding", False):
            yield
            return
        self._take()
        self._thread.holding = True
        try:
            yield
        finally:
            self._thread.holding = False
            self._give_up()

    def _take(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            handed = threading.Event()
            self._waiting.append(handed)
        handed.wait()

    def _give_up(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()  # the turn passes straight to the longest waiting
            else:
                self._free += 1
