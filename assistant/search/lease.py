"""The writer lease of a shared index: one ingest at a time on a Chroma server, whichever machine it runs on.

The lease lives in the server itself, in a collection beside the passages, as numbered records: ``lease-1``,
``lease-2``, … The highest number is the current lease; it names its holder and when it expires. To take a lease
that is free (released, or expired because its holder stopped renewing it, e.g. after ``kill -9``), a writer adds
the next number. Chroma keeps the first record added under an id and ignores later adds of it, so when two writers
race for the same number exactly one record is stored: each reads it back, and only the one it names goes on.
While it writes, the holder renews the lease from a background thread; a holder that finds a higher number than
its own has lost the lease and stops before writing again.
"""

from __future__ import annotations

import getpass
import os
import socket
import threading
import time
import uuid

from ..errors import IndexBusyError

_PREFIX = "lease-"
_KEEP = 5  # lease records kept; older numbers are deleted by whoever takes the next


def default_writer_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = "unknown"
    return f"{user}@{socket.gethostname()} pid {os.getpid()}"


class WriterLease:
    """``with WriterLease(collection, holder, seconds):`` writes as the only writer, or raises IndexBusyError."""

    def __init__(self, collection, holder: str, seconds: float, clock=time.time) -> None:
        self.collection = collection  # a Chroma collection (any embedding size: records carry [1.0])
        self.holder = holder
        self.seconds = seconds
        self.clock = clock
        self.number: int | None = None
        self._nonce = uuid.uuid4().hex
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self.lost = False

    # -- taking and giving back ---------------------------------------------------------------------------
    def acquire(self) -> None:
        current = self._current()
        if current is not None and self._in_force(current[1]):
            raise self._busy(current[1])
        number = (current[0] if current else 0) + 1
        self.collection.add(ids=[f"{_PREFIX}{number}"], embeddings=[[1.0]],
                            metadatas=[self._record(self.clock() + self.seconds)])
        stored = self.collection.get(ids=[f"{_PREFIX}{number}"], include=["metadatas"])["metadatas"]
        if not stored or stored[0].get("nonce") != self._nonce:  # another writer added this number first
            raise self._busy(stored[0] if stored else {"holder": "another writer"})
        self.number = number
        self._forget_older_than(number)
        self._renewer = threading.Thread(target=self._renew_until_stopped, name="writer-lease", daemon=True)
        self._renewer.start()

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        if self.number is not None and not self.lost and self._holds():
            self.collection.update(ids=[f"{_PREFIX}{self.number}"], metadatas=[self._record(0.0)])
        self.number = None

    def __enter__(self) -> "WriterLease":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def check(self) -> None:
        """Raise IndexBusyError if the lease was lost (renewals failed for longer than it lasts): stop writing."""
        if self.lost:
            current = self._current()
            raise IndexBusyError(
                "The shared index's writer lease was lost (it expired before it could be renewed)"
                + (f"; {current[1].get('holder')} holds it now" if current and self._in_force(current[1]) else "")
                + ". Run the ingest again: it resumes where it stopped."
            )

    # -- inside ---------------------------------------------------------------------------------------------
    def _renew_until_stopped(self) -> None:
        last_renewed = self.clock()
        while not self._stop.wait(self.seconds / 3):
            try:
                if not self._holds():
                    self.lost = True
                    return
                self.collection.update(ids=[f"{_PREFIX}{self.number}"],
                                       metadatas=[self._record(self.clock() + self.seconds)])
                last_renewed = self.clock()
            except Exception:  # the server did not answer: try again, until the lease would have run out
                if self.clock() - last_renewed >= self.seconds:
                    self.lost = True
                    return

    def _holds(self) -> bool:
        current = self._current()
        return current is not None and current[0] == self.number and current[1].get("nonce") == self._nonce

    def _current(self) -> tuple[int, dict] | None:
        records = self.collection.get(where={"record": "lease"}, include=["metadatas"])
        numbered = [(int(record_id[len(_PREFIX):]), meta) for record_id, meta in zip(records["ids"], records["metadatas"])
                    if record_id.startswith(_PREFIX)]
        return max(numbered, key=lambda item: item[0]) if numbered else None

    def _in_force(self, meta: dict) -> bool:
        return float(meta.get("expires", 0.0)) > self.clock()

    def _record(self, expires: float) -> dict:
        return {"record": "lease", "holder": self.holder, "nonce": self._nonce, "expires": expires}

    def _busy(self, meta: dict) -> IndexBusyError:
        left = max(0.0, float(meta.get("expires", 0.0)) - self.clock())
        return IndexBusyError(
            f"The shared index is busy: {meta.get('holder', 'another writer')} is writing to it (its lease runs "
            f"another {left:.0f} s unless renewed). Try again when that ingest has finished."
        )

    def _forget_older_than(self, number: int) -> None:
        """Delete the records ``_KEEP`` to ``2 * _KEEP`` numbers below ``number`` (each taking deletes the next few)."""
        old = [f"{_PREFIX}{n}" for n in range(max(1, number - 2 * _KEEP), number - _KEEP)]
        if old:
            self.collection.delete(ids=old)
