"""How the process's native memory is kept to what it uses while it answers several questions at once.

glibc's malloc gives each thread that finds the shared heap busy a heap of its own, up to eight for each core, and
keeps what each has freed. A library is searched from several threads (Chroma's own, and a Streamlit session each),
whose native code (Chroma's search, the embedder, numpy) allocates with the GIL released, so each comes to hold a
heap of its own: 65–75 MB more at the peak of eight answers asked at once over 100,000 passages. The
limit holds for heaps made after it is set, so it is set before the Chroma client starts its threads.
"""

from __future__ import annotations

import ctypes
import os
import sys

_M_ARENA_MAX = -8  # mallopt's parameter for the most heaps, from glibc's <malloc.h>


def limit_malloc_arenas(arenas: int | None = None) -> bool:
    """Let glibc's malloc keep at most ``arenas`` heaps (by default one per core), for threads started from now on.
    Left alone when the user has set ``MALLOC_ARENA_MAX`` or the C library is not glibc; True when limited."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # another C library (musl has no mallopt)
        return False
    return bool(mallopt(_M_ARENA_MAX, arenas or os.cpu_count() or 1))
