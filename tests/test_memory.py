"""The malloc heaps a process serving answers from several threads may keep: as many as its cores, not eight
times as many (glibc's own limit), each holding what its threads have freed."""

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.memory import limit_malloc_arenas

ROOT = Path(__file__).resolve().parents[1]
# Sixteen threads allocate at once with the GIL released (a ctypes call releases it, as Chroma's and numpy's
# native code do); glibc then reports a heap ("Arena n:") for each thread that found the others' busy.
THREADS_ALLOCATING = """
import ctypes, sys, threading
from assistant.memory import limit_malloc_arenas
if sys.argv[1] == "limited":
    assert limit_malloc_arenas(2)
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def allocate():
    for _ in range(20000):
        libc.free(libc.malloc(200))
threads = [threading.Thread(target=allocate) for _ in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc.malloc_stats()
"""


def heaps(how: str) -> int:
    env = {"PATH": "/usr/bin:/bin"}  # no MALLOC_ARENA_MAX from the caller's environment
    done = subprocess.run([sys.executable, "-c", THREADS_ALLOCATING, how], capture_output=True, text=True,
                          check=True, env=env, cwd=ROOT)
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_threads_allocating_at_once_share_the_limited_heaps():
    assert heaps("unlimited") > 2  # what the limit is for: a heap for each thread that found the others busy
    assert heaps("limited") <= 2


def test_a_limit_the_user_set_is_left_alone(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
