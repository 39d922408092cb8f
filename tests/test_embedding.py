"""The embedder with the real packaged model: the ONNX export gives sentence-transformers' vectors, loads lazily,
and answers a question without importing torch or llama-index."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from assistant import ModelUnavailableError
from assistant.search.embedding import Embedder, export_onnx

SAMPLES = [
    "Interviewee (Fire): Youth engagement has always been there between the Fire Service and youth groups.",
    "We're all trying to do more wi' less. So we're all subject to austerity.",
    "Partnership working",
]


def test_onnx_vectors_match_sentence_transformers(embedder):
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(embedder.model_path), device="cpu").encode(SAMPLES, normalize_embeddings=True)
    ours = np.asarray(embedder.embed_texts(SAMPLES))
    assert embedder.backend == "onnx"
    assert np.allclose(ours, reference, atol=1e-4)
    assert np.allclose(np.asarray(embedder.embed_query(SAMPLES[0])), reference[0], atol=1e-4)


def test_texts_of_different_lengths_keep_their_order(embedder):
    one_by_one = [embedder.embed_texts([text])[0] for text in SAMPLES]
    assert np.allclose(np.asarray(embedder.embed_texts(SAMPLES)), np.asarray(one_by_one), atol=1e-5)


def test_nothing_loads_until_something_is_embedded():
    embedder = Embedder()
    assert not embedder.loaded
    assert embedder.embed_texts([]) == [] and not embedder.loaded
    embedder.embed_query("partnership")
    assert embedder.loaded


def test_int8_export_into_an_empty_cache_is_made_once_and_stays_close(tmp_path, embedder):
    quantised = Embedder(backend="onnx-int8", cache_dir=tmp_path)
    vectors = np.asarray(quantised.embed_texts(SAMPLES))
    files = sorted(path.name for path in tmp_path.rglob("*.onnx"))
    assert files == ["model-int8.onnx", "model.onnx"]
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = (vectors * np.asarray(embedder.embed_texts(SAMPLES))).sum(axis=1)
    assert cosine.min() > 0.85
    target = export_onnx(quantised.model_path, tmp_path, quantized=True)
    before = target.stat().st_mtime_ns
    assert export_onnx(quantised.model_path, tmp_path, quantized=True) == target
    assert target.stat().st_mtime_ns == before


def test_an_unknown_backend_is_refused_with_the_choices():
    with pytest.raises(ModelUnavailableError, match="onnx, onnx-int8, torch"):
        Embedder(backend="tensorflow")


def test_an_unwritable_export_folder_says_what_to_set(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(ModelUnavailableError, match="ASSISTANT_MODEL_CACHE_DIR"):
        Embedder(cache_dir=blocker).embed_query("partnership")


def test_a_missing_model_folder_is_reported(tmp_path):
    with pytest.raises(ModelUnavailableError, match="No embedding model"):
        Embedder(model_path=tmp_path / "nowhere")


def test_llama_index_sees_the_same_vectors(embedder):
    assert np.allclose(embedder.model.get_query_embedding("austerity"), embedder.embed_query("austerity"))
    assert np.allclose(embedder.model.get_text_embedding_batch(SAMPLES[:2]), embedder.embed_texts(SAMPLES[:2]))


def test_an_unchanged_corpus_is_synced_without_loading_the_model(assistant, shared_index_dir):
    from assistant import Settings
    from assistant.search.index import PassageIndex
    from assistant.answers.pipeline import read_corpus

    settings = Settings(index_dir=shared_index_dir)
    fresh = Embedder()
    report = PassageIndex(settings, fresh).sync(read_corpus(settings.corpus_dir), remove_missing=True)
    assert not report.changed and not fresh.loaded


def test_a_question_is_answered_without_torch_or_llama_index(assistant, shared_index_dir):
    script = (
        "import sys\n"
        "from assistant import Assistant\n"
        "answer = Assistant.from_settings().ask('What did fire service interviewees say about youth engagement?')\n"
        "assert '[B13 Fire]' in answer.answer, answer.answer\n"
        "heavy = sorted({name.split('.')[0] for name in sys.modules} & "
        "{'torch', 'transformers', 'sentence_transformers', 'llama_index'})\n"
        "print('heavy:', heavy)\n"
    )
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(shared_index_dir)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "heavy: []" in done.stdout


def _library(folder, **settings):
    """An index of one short document in ``folder``, written with ``settings``; its settings and index."""
    from assistant import Settings
    from assistant.documents.readers import DocumentText
    from assistant.search.index import PassageIndex

    settings = Settings(index_dir=folder, **settings)
    index = PassageIndex(settings, Embedder.from_settings(settings))
    index.sync([DocumentText("notes.txt", "Ward staff said the rota changes left them short at night.\n\n"
                             "\"We never know who is on until the day itself.\" (N04 Nurse)\n")])
    return settings, index


def test_a_library_is_searched_with_the_vectors_it_was_built_with(tmp_path):
    """A library built with the int8 model, opened with the default (float) settings, embeds its questions with
    the int8 model: float questions against int8 passages would move every cosine (about 0.95 to each other)."""
    from assistant import Settings
    from assistant.search.index import PassageIndex

    _, built = _library(tmp_path, embedding_backend="onnx-int8")
    opened = PassageIndex(Settings(index_dir=tmp_path), Embedder())
    assert opened.embedder.backend == "onnx-int8" and opened.vector_space == built.vector_space
    question = "Who is on the night rota?"
    assert np.allclose(opened.embedder.embed_query(question), Embedder(backend="onnx-int8").embed_query(question))
    assert not np.allclose(opened.embedder.embed_query(question), Embedder().embed_query(question), atol=1e-3)


def test_a_library_of_another_model_is_refused_with_a_reason(tmp_path):
    from assistant import Settings
    from assistant.search.index import PassageIndex

    _, built = _library(tmp_path)
    built.sources.modify(metadata={"vector_space": "pytorch_model.bin:1234/float"})
    with pytest.raises(ModelUnavailableError, match="embedded with another model .*pytorch_model.bin:1234"):
        PassageIndex(Settings(index_dir=tmp_path), Embedder())


def test_a_library_made_before_its_vectors_were_recorded_is_read_by_its_settings(tmp_path):
    """Until a write records them, the settings decide (as before the record existed); the next write records
    the vectors it writes."""
    from assistant import Settings
    from assistant.documents.readers import DocumentText
    from assistant.search.index import PassageIndex

    _, built = _library(tmp_path)
    built.sources.modify(metadata={"made": "before vectors were recorded"})  # replaces the record
    settings = Settings(index_dir=tmp_path, embedding_backend="onnx-int8")
    opened = PassageIndex(settings, Embedder.from_settings(settings))
    assert opened.embedder.backend == "onnx-int8" and "vector_space" not in opened.sources.metadata
    opened.sync([DocumentText("more.txt", "Porters said the lifts were often out of order.\n")])
    assert PassageIndex(Settings(index_dir=tmp_path), Embedder()).vector_space == opened.vector_space


def test_a_text_asked_twice_in_one_batch_is_embedded_once(assistant, monkeypatch):
    """A themes answer asked for the vectors of its headings' texts, one for each passage under them: a heading
    over two passages went through the model twice."""
    model = assistant.retriever.embedder
    embed_texts = model.embed_texts
    embedded: list[str] = []
    monkeypatch.setattr(model, "embed_texts", lambda texts: embedded.extend(texts) or embed_texts(texts))
    vectors = assistant.retriever.embed_all(["Barriers to sharing data", "Leadership", "Barriers to sharing data"])
    assert embedded == ["Barriers to sharing data", "Leadership"]
    assert vectors[0] == vectors[2] and vectors[0] != vectors[1] and len(vectors) == 3
    assert assistant.retriever.embed_all([]) == []
