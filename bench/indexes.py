"""Benchmark indexes: the real corpus and synthetic corpora of a given size, each in its own folder under
``bench/.cache/`` (git-ignored), built once through ``PassageIndex.sync`` and reused by later runs."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from assistant.settings import Settings

from .synthetic import REPORT, synthetic_documents

CACHE = Path(__file__).resolve().parent / ".cache"
PASSAGES_PER_DOCUMENT = 81  # what one synthetic document yields (see synthetic.py)


def documents_for(size: int) -> list[tuple[str, str]]:
    """The synthetic corpus of about ``size`` passages (0 = the real corpus folder)."""
    if size == 0:
        from assistant.answers.pipeline import read_corpus

        return read_corpus(Settings().corpus_dir)
    return synthetic_documents(max(1, round(size / PASSAGES_PER_DOCUMENT)))


def index_dir(size: int, backend: str) -> Path:
    """The cache folder for a corpus size and embedding backend; its name changes when the corpus would."""
    # What the corpus is, not how the code that makes it is written: the report and the first documents made from it.
    recipe = REPORT.read_bytes() + "".join(d.text for d in synthetic_documents(2)).encode() if size else b"real"
    key = hashlib.sha256(recipe).hexdigest()[:10]
    return CACHE / f"index-{size or 'real'}-{backend}-{key}"


def index_backend(size: int) -> str:
    """The backend a benchmark index is embedded with: the default, except at 100,000 passages and more, where
    the int8 model halves a build of an hour or more on two shared cores. Questions are embedded with the model
    the library records it was built with, as the app does (``PassageIndex.record_vector_space``; an index cached
    before libraries recorded it is searched with the settings' model, the default)."""
    return "onnx-int8" if size >= 100_000 else "onnx"


def settings_for(size: int, backend: str = "onnx", threads: int = 1, chroma_port: int | None = None) -> Settings:
    """The settings of the index of ``size``; with ``chroma_port``, reached through a `chroma run` serving its folder
    on that loopback port (see shared.py) instead of opened embedded."""
    server = {"chroma_host": "127.0.0.1", "chroma_port": chroma_port} if chroma_port else {}
    return Settings(index_dir=index_dir(size, backend), embedding_backend=backend, torch_threads=threads, **server)


def ensure_index(size: int, backend: str = "onnx", threads: int = 2, log=print, partial: bool = False) -> dict:
    """Build the index for ``size`` if it is not complete yet; returns its manifest (passages, build time).

    An interrupted build resumes: ``sync`` skips sources already stored. With ``partial``, an unfinished index is
    taken as it is (its manifest says how many passages it holds) rather than finished first.
    """
    from assistant.search.embedding import Embedder
    from assistant.search.index import PassageIndex
    from assistant.presentation.progress import eta_text

    settings = settings_for(size, backend, threads)
    manifest_path = settings.index_dir / "bench-manifest.json"
    if manifest_path.is_file():
        return json.loads(manifest_path.read_text())
    if partial and settings.index_dir.is_dir():
        count = PassageIndex(settings, Embedder.from_settings(settings)).count()
        return {"size": size, "backend": backend, "documents": None, "passages": count, "build_seconds": None,
                "threads": threads, "partial": True}
    documents = documents_for(size)
    embedder = Embedder.from_settings(settings)
    embedder.load()
    index = PassageIndex(settings, embedder)
    began = time.monotonic()
    shown = {"share": 0.0}

    def progress(source: str, stored: int, total: int) -> None:
        if stored / total >= shown["share"] + 0.05 or stored == total:
            shown["share"] = stored / total
            log(f"  size {size}: {stored}/{total} passages stored, {time.monotonic() - began:.0f} s"
                f"{eta_text(began, stored, total)}", flush=True)

    index.sync(documents, remove_missing=True, progress=progress)
    manifest = {"size": size, "backend": backend, "documents": len(documents), "passages": index.count(),
                "build_seconds": round(time.monotonic() - began, 1), "threads": threads}
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return manifest


if __name__ == "__main__":  # python -m bench.indexes SIZE[:BACKEND] ...: build ahead of a run
    import sys

    for value in sys.argv[1:] or [f"{size}:{index_backend(size)}" for size in (1000, 10000, 100000)]:
        size, _, backend = value.partition(":")
        print(ensure_index(int(size), backend or index_backend(int(size))), flush=True)
