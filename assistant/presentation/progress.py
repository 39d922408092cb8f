"""How long a long job has left, from how fast it has gone so far. Pure arithmetic: the CLI and the app show it."""

from __future__ import annotations

import time


def seconds_left(began: float, done: int, total: int, now: float | None = None) -> float | None:
    """The time the rest should take at the rate so far (``began`` and ``now`` from ``time.monotonic``); None
    until there is a rate to go by."""
    elapsed = (time.monotonic() if now is None else now) - began
    if done <= 0 or elapsed <= 0 or total <= done:
        return None
    return elapsed / done * (total - done)


def eta_text(began: float, done: int, total: int, now: float | None = None) -> str:
    """ " — about 2 min left", or "" when there is no estimate yet (or nothing left)."""
    left = seconds_left(began, done, total, now)
    if left is None:
        return ""
    if left < 60:
        return f" — about {max(1, round(left))} s left"
    if left < 3600:
        return f" — about {round(left / 60)} min left"
    return f" — about {left / 3600:.1f} h left"
