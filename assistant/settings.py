"""All settings in one typed object, read from ``ASSISTANT_*`` environment variables by the CLI or the app."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the findings and the index live, and how questions are answered."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid", frozen=True)

    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder of report files to index.")
    index_dir: Path = Field(
        default=PROJECT_ROOT / ".index",
        description="Folder of the embedded Chroma store, and of the local snapshot of any index (with a host too)."
    )
    collection: str = Field(default="findings", description="Name of the Chroma collection of passages.")
    chroma_host: str | None = Field(default=None, description="Chroma server host; unset = embedded store.")
    chroma_port: int = Field(default=8000, description="Chroma server port, with chroma_host.")
    chroma_token: str | None = Field(
        default=None, repr=False,
        description="The team's token for a Chroma server behind a token-checking proxy (sent as a Bearer token).")
    chroma_ssl: bool = Field(default=False, description="Reach the Chroma server (or its proxy) over HTTPS.")
    writer_name: str | None = Field(
        default=None, description="How this process is named to others while it writes a shared index "
                                  "(default: user@host pid N).")
    lease_seconds: float = Field(
        default=60.0, gt=0, description="How long a shared index's writer lease lasts without renewal: a writer that "
                                        "dies frees the index after this long.")
    embedding_model: Path | None = Field(
        default=None, description="Folder of a sentence-transformers model; unset = the packaged all-MiniLM-L6-v2."
    )
    torch_threads: int = Field(
        default=1, ge=1, description="CPU threads for one question's work: an embedding call (torch or onnxruntime) "
                                     "and numpy's products of vectors; 1 is steadiest here."
    )
    embedding_backend: Literal["onnx", "onnx-int8", "torch"] = Field(
        default="onnx",
        description="How the model runs: 'onnx' (exported locally on first use; same vectors as 'torch', and a "
        "question is embedded without importing torch), 'onnx-int8' (quantised), or 'torch' (sentence-transformers).",
    )
    model_cache_dir: Path = Field(
        default=PROJECT_ROOT / ".models", description="Folder for the model's local ONNX export (made on first use)."
    )
    top_k: int = Field(default=8, ge=1, le=50, description="Passages retrieved as context for an answer.")
    fusion: Literal["rrf", "weighted"] = Field(
        default="weighted",
        description="How BM25 and dense rankings are fused: 'weighted' (0.6 dense cosine + 0.4 max-normalised "
        "BM25; hit@5 0.82, MRR 0.68 on the dev split) beat reciprocal rank fusion (0.78, 0.67).",
    )
    attribution_pattern: str | None = Field(
        default=None,
        description="Regular expression for how every report attributes quotes, with a named group `code` and "
        "optional `area` and `group` groups (any other named group is a facet); unset = learned from each "
        r"document. E.g. `\((?P<code>Participant \d+)(?:, (?P<group>\w+))?\)` or `\[(?P<code>R\d+)\]`.",
    )
    attribution_patterns: dict[str, str] = Field(
        default_factory=dict,
        description="A pattern per report, as JSON {\"file name or glob\": \"pattern\"}; beside the library "
        "folder's patterns.json (these win), below attribution_pattern.",
    )
    eval_reports_dir: Path = Field(
        default=PROJECT_ROOT / "evals" / "reports", description="Folder where `assistant eval` and the Evals page "
        "write their reports (one timestamped folder per run).",
    )
    conversations_dir: Path | None = Field(
        default=None, description="Folder of the saved conversations (conversations.sqlite3); unset = the index "
        "folder.",
    )
    export_author: str = Field(default="", description="Author written into Word exports; blank = none.")
    max_document_mb: float = Field(default=50, gt=0, description="Larger files are refused at ingest, not cut.")
    max_question_chars: int = Field(default=2000, ge=50, description="Longer questions are refused, not cut.")
    max_quotes: int = Field(default=5, ge=1, le=12, description="Most interview extracts shown in one answer.")
    answerer: Literal["extractive", "llm"] = Field(
        default="extractive",
        description="'extractive' composes answers from verbatim passages, no model; 'llm' has a language model "
        "write them (see the llm_* settings), every quote and citation verified, the extractive answer as fallback.",
    )
    llm_provider: Literal["ollama", "openai_like", "llama_cpp"] = Field(
        default="ollama",
        description="With answerer 'llm': 'ollama' (an Ollama server), 'openai_like' (any OpenAI-compatible server: "
        "vLLM, LM Studio, llama.cpp server) or 'llama_cpp' (a local GGUF file through llama-cpp-python).",
    )
    llm_model: str = Field(default="", description="Model name for ollama / openai_like, e.g. 'llama3.2'.")
    llm_base_url: str | None = Field(
        default=None,
        description="Server URL: required for openai_like (e.g. 'http://127.0.0.1:8080/v1'); for ollama, "
        "unset = 'http://127.0.0.1:11434'.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="API key for openai_like servers that need one; never logged or shown."
    )
    llm_model_path: Path | None = Field(default=None, description="The GGUF file, for the llama_cpp provider.")
    llm_timeout_s: float = Field(
        default=60.0, gt=0, description="Longest wait for the whole LLM answer; past it the extractive answer is shown."
    )
    llm_max_tokens: int = Field(default=400, ge=16, description="Most tokens the LLM may write for one answer.")
    llm_temperature: float = Field(
        default=0.1, ge=0, le=2, description="LLM sampling temperature; low keeps it close to the passages."
    )
    llm_context_window: int = Field(default=4096, ge=512, description="Context window of the model, in tokens.")
    llm_support_threshold: float = Field(
        default=0.57,
        description="A written sentence is kept only when its cited passages support it at least this much (the "
        "claim checker's score; 0.566 is the threshold `assistant eval` calibrated on the dev claim pairs).",
    )
    llm_unsupported: Literal["drop", "flag"] = Field(
        default="drop", description="What happens to a sentence its cited passages do not support: 'drop' removes "
        "it, 'flag' shows it marked as unsupported."
    )

    @field_validator("attribution_pattern")
    @classmethod
    def _valid_pattern(cls, pattern: str | None) -> str | None:
        if pattern:
            attribution_regex(pattern)  # raises ValueError with a message that says what is wrong
        return pattern or None

    @field_validator("attribution_patterns")
    @classmethod
    def _valid_patterns(cls, patterns: dict[str, str]) -> dict[str, str]:
        for pattern in patterns.values():
            attribution_regex(pattern)
        return patterns

    @property
    def conversations_path(self) -> Path:
        """The SQLite file of saved conversations."""
        return (self.conversations_dir or self.index_dir) / "conversations.sqlite3"

    @property
    def max_document_bytes(self) -> int:
        """``max_document_mb`` in bytes."""
        return int(self.max_document_mb * 1024 * 1024)


def load_settings(**overrides) -> Settings:
    """Settings from the environment (and ``overrides``), or a ``SettingsError`` that names what is wrong."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"ASSISTANT_{'_'.join(map(str, problem['loc'])).upper()}: "
            + problem["msg"].removeprefix("Value error, ").rstrip(".")
            for problem in error.errors()
        )
        raise SettingsError(f"Invalid setting — {problems}.") from None


def attribution_regex(pattern: str) -> re.Pattern[str]:
    """A user's attribution pattern compiled, or a ValueError that says what is wrong with it: it must be a valid
    regular expression with a named group ``code`` (see ``documents.attribution.AttributionStyle``)."""
    try:
        regex = re.compile(pattern)
    except re.error as error:
        raise ValueError(f"The attribution pattern is not a valid regular expression: {error}.") from error
    if "code" not in regex.groupindex:
        raise ValueError("The attribution pattern needs a named group `code`, e.g. (?P<code>R\\d+).")
    return regex
