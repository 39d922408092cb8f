"""The language model for answerer 'llm', built from settings through llama-index's LLM integrations.

Each integration is imported only here and only when it is used, so the default extractive answerer needs none
of them. The LLM is passed to whoever uses it; ``llama_index.core.Settings`` is never set.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import LLMUnavailableError
from ..settings import Settings

OLLAMA_URL = "http://127.0.0.1:11434"
# provider -> (module, class, the extra that installs it)
PROVIDERS = {
    "ollama": ("llama_index.llms.ollama", "Ollama", "llm"),
    "openai_like": ("llama_index.llms.openai_like", "OpenAILike", "llm"),
    "llama_cpp": ("llama_index.llms.llama_cpp", "LlamaCPP", "llm-local"),
}


class LLMFailure(Exception):
    """The LLM errored, timed out or could not be reached while answering (the caller falls back)."""


def build_llm(settings: Settings) -> Any:
    """The llama-index LLM the settings name; ``LLMUnavailableError`` says what to set or install."""
    provider = settings.llm_provider
    common = {"temperature": settings.llm_temperature, "context_window": settings.llm_context_window}
    if provider == "ollama":
        options = dict(
            model=_required(settings.llm_model, "ASSISTANT_LLM_MODEL", "the Ollama model, e.g. llama3.2"),
            base_url=settings.llm_base_url or OLLAMA_URL, request_timeout=settings.llm_timeout_s,
            additional_kwargs={"num_predict": settings.llm_max_tokens}, **common,
        )
    elif provider == "openai_like":
        options = dict(
            model=_required(settings.llm_model, "ASSISTANT_LLM_MODEL", "the model name the server expects"),
            # Required, so nothing silently falls back to a hosted API.
            api_base=_required(settings.llm_base_url, "ASSISTANT_LLM_BASE_URL",
                               "the server's OpenAI-compatible URL, e.g. http://127.0.0.1:8080/v1"),
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed",
            is_chat_model=True, timeout=settings.llm_timeout_s, max_retries=0, max_tokens=settings.llm_max_tokens,
            **common,
        )
    else:
        path = settings.llm_model_path
        if path is None or not path.is_file():
            raise LLMUnavailableError(
                "The llama_cpp provider needs a local GGUF file: set ASSISTANT_LLM_MODEL_PATH to it"
                + (f" ({path} is not a file)." if path else ".")
            )
        # A model_path that exists, so the integration never downloads one.
        options = dict(model_path=str(path), max_new_tokens=settings.llm_max_tokens, verbose=False, **common)
        llm_class = _provider_class(provider)
        with without_weight_repacking():
            return llm_class(**options)
    return _provider_class(provider)(**options)


@contextmanager
def without_weight_repacking() -> Iterator[None]:
    """Load GGUF weights without llama.cpp's repacked CPU kernels ("extra buffer types").

    With llama-cpp-python 0.3.36 built on a CPU with AVX-512 and AMX, they crash the process (segmentation
    fault) on the first decode of more than one token; without them the model runs, a little slower. The
    library has no option for it, so its default model parameters are patched while the model loads.
    """
    import llama_cpp.llama_cpp as bindings

    default = bindings.llama_model_default_params

    def params():
        chosen = default()
        chosen.use_extra_bufts = False
        return chosen

    bindings.llama_model_default_params = params
    try:
        yield
    finally:
        bindings.llama_model_default_params = default


def _provider_class(provider: str) -> type:
    module_name, class_name, extra = PROVIDERS[provider]
    try:
        return getattr(importlib.import_module(module_name), class_name)
    except ImportError as error:
        package = module_name.replace(".", "-").replace("_", "-")
        raise LLMUnavailableError(
            f"The '{provider}' LLM provider is not installed: run `pip install -e '.[{extra}]'` (it needs "
            f"{package}), or set ASSISTANT_ANSWERER=extractive."
        ) from error


def _required(value: str | None, variable: str, what: str) -> str:
    if not value:
        raise LLMUnavailableError(f"Set {variable} to {what} (answerer 'llm').")
    return value


def stream_reply(llm: Any, system: str, user: str, timeout_s: float) -> Iterator[str]:
    """The LLM's reply to a system and a user message, as text deltas; ``LLMFailure`` on any error or when
    the whole reply takes longer than ``timeout_s`` (each request also has that timeout)."""
    from llama_index.core.llms import ChatMessage

    deadline = time.monotonic() + timeout_s
    messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
    try:
        for chunk in llm.stream_chat(messages):
            if time.monotonic() > deadline:
                raise LLMFailure(f"no complete answer within {timeout_s:g} s")
            yield chunk.delta or ""
    except LLMFailure:
        raise
    except Exception as error:  # each provider raises its own errors (httpx, openai, ollama, llama.cpp)
        raise LLMFailure(f"{type(error).__name__}: {_short(error)}") from error


def describe(settings: Settings) -> str:
    """Which model answers, for notes and reports (never the key)."""
    if settings.llm_provider == "llama_cpp":
        name = settings.llm_model_path.name if settings.llm_model_path else "?"
    else:
        name = settings.llm_model or "?"
    return f"{name} via {settings.llm_provider}"


def _short(error: Exception, limit: int = 160) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
