"""All settings in one typed object, read from ``ASSISTANT_*`` environment variables by the CLI or the app."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the findings and the index live, and how questions are answered."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", frozen=True)

    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder of report files to index.")
    index_dir: Path = Field(
        default=PROJECT_ROOT / ".index", description="Folder of the embedded Chroma store (ignored with a host)."
    )
    collection: str = Field(default="findings", description="Name of the Chroma collection of passages.")
    chroma_host: str | None = Field(default=None, description="Chroma server host; unset = embedded store.")
    chroma_port: int = Field(default=8000, description="Chroma server port, with chroma_host.")
    embedding_model: Path | None = Field(
        default=None, description="Folder of a sentence-transformers model; unset = the packaged all-MiniLM-L6-v2."
    )
    torch_threads: int = Field(default=1, ge=1, description="Torch threads for embedding; 1 is steadiest here.")
    top_k: int = Field(default=8, ge=1, le=50, description="Passages retrieved as context for an answer.")
    fusion: Literal["rrf", "weighted"] = Field(
        default="weighted",
        description="How BM25 and dense rankings are fused: 'weighted' (0.6 dense cosine + 0.4 max-normalised "
        "BM25; hit@5 0.82, MRR 0.68 on the dev split) beat reciprocal rank fusion (0.78, 0.67).",
    )
    max_question_chars: int = Field(default=2000, ge=50, description="Longer questions are refused, not cut.")
    max_quotes: int = Field(default=5, ge=1, le=12, description="Most interview extracts shown in one answer.")
    abstain_below: float = Field(
        default=0.38, description="Abstain when the best passage's cosine similarity to the question is lower."
    )
