"""The LLM answerer inside the pipeline: building the model from settings, abstention before any call, the
sentinel, streaming of verified sentences only, and the extractive fallback on failure, timeout or nothing
verifiable. Real retrieval (model, Chroma, report); the model's replies are scripted here, except for the real
HTTP client refused by a closed port. The real model over HTTP is in test_llm_e2e.py."""

from __future__ import annotations

import re
import sys
import time
from types import SimpleNamespace

import pytest

from assistant import NO_ANSWER, Answer, Assistant, Settings
from assistant.answers.cite import verify_citation
from assistant import LLMUnavailableError
from assistant.answers.llm import build_llm
from assistant.answers.llm_answer import LLMAnswerer
from assistant.answers.support import AlignmentChecker
from processes import refusing_port

QUESTION = "Who said they were trying to do more with less?"
B02_WORDS = "We're all trying to do more wi' less"


class ScriptedLLM:
    """Replies with ``script(prompt)`` in small deltas, ``pause`` seconds apart; counts its calls."""

    def __init__(self, script, pause: float = 0.0) -> None:
        self.script, self.pause, self.calls = script, pause, 0

    def stream_chat(self, messages):
        self.calls += 1
        reply = self.script(messages[-1].content)
        for start in range(0, len(reply), 7):
            time.sleep(self.pause)
            yield SimpleNamespace(delta=reply[start:start + 7])


def id_of(prompt: str, code: str) -> str:
    return re.search(rf"\[(P\d+)\] {code} ", prompt).group(1)


def with_llm(assistant, llm, **settings) -> Assistant:
    """The session's assistant (same index and retriever) answering through ``llm``."""
    chosen = assistant.settings.model_copy(update={"answerer": "llm", **settings})
    answerer = LLMAnswerer(llm, chosen, assistant.documents,
                           AlignmentChecker(assistant.retriever.embedder.embed_texts, chosen.llm_support_threshold),
                           assistant.directory.codes())
    return Assistant(chosen, assistant.index, assistant.retriever, assistant.documents, llm_answerer=answerer)


def streamed(assistant, question: str, **options) -> tuple[list[str], Answer]:
    *pieces, answer = assistant.ask_stream(question, **options)
    assert all(isinstance(piece, str) for piece in pieces) and isinstance(answer, Answer)
    return pieces, answer


def test_only_verified_sentences_stream_and_citations_verify(assistant):
    def script(prompt):
        b02 = id_of(prompt, "B02 Police")
        return (f'B02 said "{B02_WORDS}" [{b02}]. B02 also said "we have never had any money problems at all" '
                f"[{b02}]. Austerity is discussed in [P99]. Helicopters replaced every fire engine [{b02}].")

    pieces, answer = streamed(with_llm(assistant, ScriptedLLM(script)), QUESTION)
    shown = "".join(pieces)
    assert f"“{B02_WORDS}” [B02 Police]" in shown and f"“{B02_WORDS}” [B02 Police]" in answer.answer
    for text in (shown, answer.answer):
        assert "never had any money" not in text and "Helicopters" not in text and not re.search(r"\bP\d+\b", text)
    assert answer.citations and all(verify_citation(c, assistant.documents) for c in answer.citations)
    assert any("not found verbatim" in note for note in answer.notes)
    assert any("not retrieved" in note for note in answer.notes)
    assert "llm" in answer.timings_ms and not answer.abstained


def test_retrieval_declines_before_any_llm_call(assistant):
    llm = ScriptedLLM(lambda prompt: "Drones are everywhere [P1].")
    answer = with_llm(assistant, llm).ask("What did interviewees say about drones?")
    assert answer.abstained and answer.answer.startswith(NO_ANSWER) and llm.calls == 0


def test_the_sentinel_reply_declines(assistant):
    answer = with_llm(assistant, ScriptedLLM(lambda prompt: NO_ANSWER)).ask(QUESTION)
    assert answer.abstained and answer.answer.startswith(NO_ANSWER) and not answer.citations


def test_nothing_verifiable_gives_the_extractive_answer_with_a_note(assistant):
    llm = ScriptedLLM(lambda prompt: 'Someone said "money grows on trees in every station" [P1].')
    answer = with_llm(assistant, llm).ask(QUESTION)
    extractive = assistant.ask(QUESTION)
    assert llm.calls == 1 and answer.citations == extractive.citations
    assert answer.answer.endswith(extractive.answer) and "could be verified" in answer.notes[0]


def test_a_slow_model_times_out_to_the_extractive_answer(assistant):
    llm = ScriptedLLM(lambda prompt: f'B02 said "{B02_WORDS}" [{id_of(prompt, "B02 Police")}].' * 5, pause=0.2)
    answer = with_llm(assistant, llm, llm_timeout_s=0.5).ask(QUESTION)
    assert "within 0.5 s" in answer.notes[0] and answer.citations == assistant.ask(QUESTION).citations


def test_an_unreachable_server_gives_the_extractive_answer_with_a_note(assistant):
    with refusing_port() as port:
        settings = assistant.settings.model_copy(update={
            "answerer": "llm", "llm_provider": "openai_like", "llm_model": "none", "llm_timeout_s": 5,
            "llm_base_url": f"http://127.0.0.1:{port}/v1",
        })
        answerer = LLMAnswerer.from_settings(settings, assistant.documents, assistant.retriever.embedder.embed_texts)
        answer = Assistant(settings, assistant.index, assistant.retriever, assistant.documents, answerer).ask(QUESTION)
    assert answer.notes[0].startswith("The language model failed (")
    assert answer.citations == assistant.ask(QUESTION).citations


def test_a_missing_provider_package_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_index.llms.ollama", None)  # makes the import fail
    with pytest.raises(LLMUnavailableError, match=r"pip install -e '\.\[llm\]'"):
        build_llm(Settings(answerer="llm", llm_provider="ollama", llm_model="llama3.2"))


@pytest.mark.parametrize("settings, variable", [
    ({"llm_provider": "openai_like", "llm_model": "m"}, "ASSISTANT_LLM_BASE_URL"),
    ({"llm_provider": "ollama"}, "ASSISTANT_LLM_MODEL"),
    ({"llm_provider": "llama_cpp", "llm_model_path": "no-such-model.gguf"}, "ASSISTANT_LLM_MODEL_PATH"),
])
def test_a_missing_setting_is_named(settings, variable):
    with pytest.raises(LLMUnavailableError, match=variable):
        build_llm(Settings(answerer="llm", **settings))


def test_the_api_key_is_never_shown():
    settings = Settings(answerer="llm", llm_api_key="sk-very-secret")
    assert "sk-very-secret" not in repr(settings) and "sk-very-secret" not in str(settings.model_dump())


def test_a_follow_up_reads_the_earlier_answer_without_asking_the_model_again(assistant):
    llm = ScriptedLLM(lambda prompt: NO_ANSWER)
    history = ["Who talked about an open door policy for ideas?"]
    follow_up = "Did the same person say anything about budgets?"
    answer = with_llm(assistant, llm).ask(follow_up, history=history)
    assert llm.calls <= 1 and answer.filters == assistant.ask(follow_up, history=history).filters
    assert answer.filters.get("respondents")
