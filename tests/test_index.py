"""The Chroma index with the real model: ingest is incremental, by content."""

import pytest

from assistant import IndexBusyError, Settings
from assistant.documents.readers import DocumentText
from assistant.search.index import PassageIndex


@pytest.fixture
def index(tmp_path, embedder):
    return PassageIndex(Settings(index_dir=tmp_path / "index"), embedder)


def test_reindexing_an_unchanged_corpus_changes_nothing(index, report_text):
    first = index.sync([DocumentText("r.txt", report_text)])
    ids = {p.passage_id for p in index.all_passages()}
    second = index.sync([DocumentText("r.txt", report_text)])
    assert first.added["r.txt"] == len(ids) and not second.changed and second.unchanged == ["r.txt"]
    assert {p.passage_id for p in index.all_passages()} == ids


def test_an_edited_file_replaces_only_its_own_passages(index, report_text):
    index.sync([DocumentText("r.txt", report_text), DocumentText("other.txt", "Heading\n\nA short note about budgets.\n")])
    other_before = {p.passage_id for p in index.all_passages() if p.source == "other.txt"}
    edited = "Preface paragraph.\n\n" + report_text.replace("open door policy", "open-door policy")
    report = index.sync([DocumentText("r.txt", edited), DocumentText("other.txt", "Heading\n\nA short note about budgets.\n")])
    assert report.unchanged == ["other.txt"]
    assert 1 <= report.added["r.txt"] <= 3  # the preface and the edited extract, not the whole file
    assert {p.passage_id for p in index.all_passages() if p.source == "other.txt"} == other_before
    stored = {p.passage_id: p for p in index.all_passages() if p.source == "r.txt"}
    assert all(edited[p.start:p.end] == p.text for p in stored.values())  # offsets moved with the text


def test_a_removed_file_loses_its_passages(index, report_text):
    index.sync([DocumentText("r.txt", report_text), DocumentText("other.txt", "Heading\n\nA short note about budgets.\n")])
    report = index.sync([DocumentText("r.txt", report_text)], remove_missing=True)
    assert report.removed["other.txt"] >= 1
    assert {p.source for p in index.all_passages()} == {"r.txt"}
    assert set(index.source_documents()) == {"r.txt"}


def test_metadata_is_stored_with_each_passage(index, report_text):
    index.sync([DocumentText("r.txt", report_text)])
    quote = next(p for p in index.all_passages() if p.code == "D02" and p.text.startswith("If I was"))
    assert (quote.kind, quote.area, quote.group, quote.respondent) == ("quote", "D", "Police", "r.txt::D02")
    assert report_text[quote.start:quote.end] == quote.text and "drivers" in quote.section


def test_what_was_found_is_stored_with_the_document(index, report_text):
    report = index.sync([DocumentText("r.txt", report_text)])
    summary = index.source_documents()["r.txt"].summary
    assert summary == report.summaries["r.txt"]
    assert (summary.quotes, summary.attributed, len(summary.respondents), summary.groups[:3]) == \
        (21, 20, 15, ("Police", "Fire", "Partner"))


def test_a_second_writer_is_told_the_index_is_busy(index, report_text):
    with index.write_lock():
        with pytest.raises(IndexBusyError, match="busy"):
            index.sync([DocumentText("r.txt", report_text)])


def test_the_sources_are_read_a_page_at_a_time_and_all_of_them(index, monkeypatch):
    import assistant.search.index as index_module

    notes = [DocumentText(f"note{n}.txt", f"Heading\n\nA short note number {n} about budgets.\n") for n in range(5)]
    index.sync(notes)
    monkeypatch.setattr(index_module, "SOURCE_PAGE", 2)  # five notes and the library's own records: four pages
    assert set(index.source_documents()) == set(index.stored_hashes()) == {note.source for note in notes}
    assert index.count() == len(index.all_passages())
