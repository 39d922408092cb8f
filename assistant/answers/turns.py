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
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from threading import Event, Lock, local


class Turns:
    def __init__(self, at_once: int | None = None) -> None:
        self._free = at_once or os.cpu_count() or 1
        self._waiting: deque[Event] = deque()
        self._lock = Lock()
        self._thread = local()

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
            handed = Event()
            self._waiting.append(handed)
        try:
            handed.wait()
        except BaseException:  # stopped while waiting: a turn handed over meanwhile goes on to the next
            with self._lock:
                handed_over = handed.is_set()
                if not handed_over:
                    self._waiting.remove(handed)
            if handed_over:
                self._give_up()
            raise

    def _give_up(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()  # the turn passes straight to the longest waiting
            else:
                self._free += 1
