"""Your own documents, end to end with the real model and an embedded Chroma: a PDF cited by page, a report in
another attribution style, several documents named in citations and filtered by, and `assistant ingest PATH`."""

from __future__ import annotations

import pytest

from assistant import Assistant, Settings
from assistant.answers.cite import verify_all
from assistant.search.index import PassageIndex
from assistant.answers.pipeline import sync_corpus
from assistant.documents.readers import page_at
from assistant.types import QUOTE
from conftest import assistant_for, assistant_over
from make_documents import report_pdf

OTHER_STYLE_REPORT = """Community safety review 2025

Prevention in practice

Firefighters described home safety visits as the heart of prevention. One said that "we knock on doors in the
evenings because that is when people are in" (Participant 7, Fire). Police officers spoke about school visits:
"the kids know us by name now and that changes everything" (Participant 12, Police).

Partnership

"Sharing a building with the council means the conversations happen over coffee, not in committees."
(Participant 3, Partner)
"""
OTHER_PATTERN = r"\((?P<code>Participant \d+), (?P<group>Police|Fire|Partner)\)"


@pytest.fixture(scope="module")
def pdf_corpus(tmp_path_factory, report_text, embedder):
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "corpus").mkdir()
    (folder / "corpus" / "year3.pdf").write_bytes(report_pdf(report_text))
    (folder / "corpus" / "year3-copy.txt").write_text(report_text, encoding="utf-8")
    return assistant_for(folder, embedder)


def test_a_pdf_quote_is_cited_with_its_code_and_the_page_it_is_on(pdf_corpus):
    answer = pdf_corpus.ask("What did fire service interviewees say about youth engagement?", document="year3.pdf")
    quotes = [c for c in answer.citations if c.kind == QUOTE]
    assert quotes and all(c.source == "year3.pdf" and c.page is not None for c in quotes)
    text = pdf_corpus.documents["year3.pdf"].text
    assert all(c.page == page_at(text, c.start) for c in quotes)
    assert "B13 Fire" in {c.label for c in quotes}
    assert f"p. {quotes[0].page}" in answer.answer
    assert verify_all(answer.citations, pdf_corpus.documents)[1] == 0


def test_with_several_documents_citations_name_their_document(pdf_corpus):
    answer = pdf_corpus.ask("What did B02 say about information sharing?")
    assert answer.citations
    for citation in answer.citations:
        assert citation.source in answer.answer


def test_the_document_filter_keeps_answers_to_one_document(pdf_corpus):
    for document in ("year3.pdf", "year3-copy.txt"):
        answer = pdf_corpus.ask("How has austerity affected partnership working?", document=document)
        assert answer.citations and {c.source for c in answer.citations} == {document}
        assert answer.filters["sources"] == [document]


def test_a_report_in_another_attribution_style_is_quoted_with_its_own_codes_and_no_setting(tmp_path, embedder):
    assistant = assistant_over(tmp_path, embedder, "review.md", OTHER_STYLE_REPORT)
    answer = assistant.ask("What did participant 7 say about home safety visits?")
    quotes = [c for c in answer.citations if c.kind == QUOTE]
    assert [(c.code, c.group) for c in quotes] == [("Participant 7", "Fire")]
    assert "[Participant 7 Fire]" in answer.answer
    assert answer.filters["respondents"] == ["review.md::Participant 7"]


def test_a_pattern_still_overrides_the_learned_shapes(tmp_path, embedder):
    assistant = assistant_over(tmp_path, embedder, "review.md", OTHER_STYLE_REPORT,
                               attribution_pattern=OTHER_PATTERN)
    assert set(assistant.directory.codes()) == {"Participant 7", "Participant 12", "Participant 3"}
    assert assistant.directory.groups() == ["Fire", "Partner", "Police"]


def test_changing_the_attribution_pattern_reindexes_the_reports(tmp_path, embedder):
    before = assistant_over(tmp_path, embedder, "review.md", OTHER_STYLE_REPORT)
    after = assistant_for(tmp_path, embedder, attribution_pattern=r"\((?P<code>Participant \d+), Fire\)")
    assert set(before.directory.codes()) == {"Participant 7", "Participant 12", "Participant 3"}
    assert set(after.directory.codes()) == {"Participant 7"}


def test_cli_ingest_copies_a_pdf_into_the_corpus_and_refuses_a_bad_file_without_losing_anything(
        tmp_path, monkeypatch, capsys, report_text):
    from assistant.cli import main

    corpus, outside = tmp_path / "corpus", tmp_path / "downloads"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "year3.txt").write_text(report_text, encoding="utf-8")
    (outside / "year3.pdf").write_bytes(report_pdf(report_text))
    (outside / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))

    assert main(["ingest", str(outside / "year3.pdf")]) == 0
    assert (corpus / "year3.pdf").read_bytes() == (outside / "year3.pdf").read_bytes()
    output = capsys.readouterr().out
    assert "added: year3.pdf" in output and "added: year3.txt" in output
    count = int(output.rsplit("index: ", 1)[1].split()[0])

    assert main(["ingest", str(outside / "broken.pdf")]) == 1
    captured = capsys.readouterr()
    assert "broken.pdf" in captured.err and "Traceback" not in captured.err
    assert not (corpus / "broken.pdf").exists()

    assert main(["ingest"]) == 0
    output = capsys.readouterr().out
    assert "unchanged: year3.pdf" in output and f"index: {count} passages" in output

    assert main(["remove", "year3.pdf"]) == 0
    assert "removed: year3.pdf" in capsys.readouterr().out
    assert not (corpus / "year3.pdf").exists()


def test_a_corpus_file_that_turns_unreadable_keeps_its_passages_until_it_is_fixed(tmp_path, embedder, report_text):
    (tmp_path / "corpus").mkdir()
    report = tmp_path / "corpus" / "year3.txt"
    report.write_text(report_text, encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    index = PassageIndex(settings, embedder)
    sync_corpus(index, settings)
    count = index.count()

    report.write_bytes(b"\x00\x01 overwritten by a broken download")
    sync_report, problems = sync_corpus(index, settings)
    assert "binary" in problems["year3.txt"]
    assert not sync_report.changed and index.count() == count
    answer = Assistant.load(settings, index, embedder).ask("What did B02 say about information sharing?")
    assert "B02" in {c.code for c in answer.citations}


def test_an_empty_library_says_how_to_add_reports_instead_of_failing(tmp_path, embedder):
    from assistant.errors import IndexMissingError

    (tmp_path / "corpus").mkdir()
    assistant = assistant_for(tmp_path, embedder)
    with pytest.raises(IndexMissingError, match="assistant ingest PATH"):
        assistant.ask("What drives partnership working?")


def test_the_app_over_an_empty_library_offers_the_upload(tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "corpus"))
    st.cache_resource.clear()  # the app caches its assistant per process: not the one other tests loaded
    try:
        app = AppTest.from_file("../streamlit_app.py", default_timeout=120).run()
        assert not app.exception
        assert any(expander.label == "Add reports" for expander in app.sidebar.expander)
        app.chat_input[0].set_value("What drives partnership working?").run()
        assert not app.exception
        assert "no reports in the index yet" in " ".join(error.value for error in app.error)
    finally:
        st.cache_resource.clear()  # nor leave this empty one to the tests after
