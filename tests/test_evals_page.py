"""The Evals page: past runs listed, loaded and compared (evals/history.py, on made-up run folders), the charts
as Vega-Lite specs, uploaded questions parsed; then the page itself through AppTest, over the shared index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evals.charts import run_charts
from evals.dataset import DATASET_PATH, parse_items, read_jsonl, select_split
from evals.history import list_runs, load_run
from evals.runner import compare, write_reports

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def summary_of(correct_rate: float, questions: int = 2) -> dict:
    figures = {"questions": questions, "correct_rate": correct_rate, "hit@5": 0.75, "gold_in_answer": 1.0,
               "codes_all_cited": 1.0, "latency_p50_ms": 12.0}
    checker = {"checker": "alignment", "threshold": 0.5, "pairs_dev": 10, "pairs_heldout": 5,
               "balanced_accuracy_dev": 0.9, "balanced_accuracy_heldout": 0.8, "balanced_accuracy_all": 0.85}
    return {"overall": figures, "by_split": {"dev": figures}, "by_kind": {"who_said": figures, "theme": figures},
            "systems": {"hybrid": figures, "bm25": figures | {"hit@5": 0.5}}, "claim_checker": checker,
            "gates": [{"name": "correct", "metric": "correct_rate", "min": 0.5, "value": correct_rate,
                       "hard": False, "passed": correct_rate >= 0.5, "description": ""}],
            "run": {"split": "dev", "dataset": "evals/dataset.jsonl", "questions": questions,
                    "answerer": "extractive"}}


def record(item_id: str, correct: bool, *failures: str) -> dict:
    return {"id": item_id, "question": f"Question {item_id}?", "kind": "who_said", "split": "dev",
            "correct": correct, "failures": list(failures), "answer": "An answer.", "latency_ms": 12.0}


def store_run(root: Path, name: str, summary: dict, records: list[dict]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (folder / "questions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def dev_questions(count: int = 3) -> bytes:
    """The first dev question of each of ``count`` kinds, as an uploaded file would hold them."""
    rows, kinds = [], set()
    for row in read_jsonl(DATASET_PATH):
        if row["split"] == "dev" and row["kind"] not in kinds and len(rows) < count:
            rows.append(row)
            kinds.add(row["kind"])
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


@pytest.fixture
def two_runs(tmp_path) -> Path:
    """An earlier run where q1 failed, and a later one where q1 passes and q2 fails."""
    root = tmp_path / "reports"
    store_run(root, "20250101-090000", summary_of(0.5), [record("q1", False, "gold not shown"), record("q2", True)])
    store_run(root, "20250102-090000", summary_of(0.5), [record("q1", True), record("q2", False, "code missing")])
    return root


# Past runs: listing, loading, comparing


def test_runs_are_listed_newest_first(two_runs):
    runs, _ = list_runs(two_runs)
    assert [run.folder.name for run in runs] == ["20250102-090000", "20250101-090000"]


def test_a_run_row_has_its_dataset_and_headline_figures(two_runs):
    row = list_runs(two_runs)[0][0].row()
    assert row | {"folder": None} == {
        "written (UTC)": "2025-01-02 09:00:00", "dataset": "evals/dataset.jsonl", "split": "dev", "questions": 2,
        "answerer": "extractive", "correct_rate": 0.5, "hit@5": 0.75, "gates passed": "1/1", "folder": None}


@pytest.mark.parametrize("damage, note", [
    (lambda folder: (folder / "summary.json").unlink(), "no summary.json"),
    (lambda folder: (folder / "summary.json").write_text("{not json"), "summary.json cannot be read"),
    (lambda folder: (folder / "summary.json").write_text("[1, 2]"), "summary.json is not a run's summary"),
    (lambda folder: (folder / "questions.jsonl").unlink(), "no questions.jsonl"),
])
def test_a_broken_run_folder_is_skipped_with_a_note(two_runs, damage, note):
    damage(two_runs / "20250101-090000")
    runs, skipped = list_runs(two_runs)
    assert len(runs) == 1 and len(skipped) == 1 and skipped[0].startswith(f"Skipped 20250101-090000: {note}")


def test_files_beside_the_runs_and_a_missing_folder_are_no_runs(two_runs, tmp_path):
    (two_runs / "notes.txt").write_text("hello")
    assert len(list_runs(two_runs)[0]) == 2 and list_runs(tmp_path / "nowhere") == ([], [])


def test_a_folder_not_named_by_time_is_dated_by_its_summary(two_runs):
    (two_runs / "20250101-090000").rename(two_runs / "before-the-fix")
    assert {run.folder.name for run in list_runs(two_runs)[0]} == {"before-the-fix", "20250102-090000"}


def test_a_stored_run_loads_as_the_suite_returned_it(two_runs):
    result = load_run(two_runs / "20250102-090000")
    assert [r["id"] for r in result.failures] == ["q2"] and result.gates[0]["passed"] and result.out_dir.is_dir()


def test_a_stored_run_loads_from_its_summary_file_too(two_runs):
    assert load_run(two_runs / "20250102-090000" / "summary.json").out_dir == two_runs / "20250102-090000"


def test_a_run_written_twice_in_one_second_gets_two_folders(two_runs, tmp_path, monkeypatch):
    monkeypatch.setattr("evals.runner.STAMP", "2025")  # every run "written" at the same moment
    result = load_run(two_runs / "20250102-090000")
    folders = [write_reports(result, tmp_path / "again").name for _ in range(2)]
    assert folders == ["2025", "2025-2"]


def test_a_written_run_loads_back_unchanged(two_runs, tmp_path):
    result = load_run(two_runs / "20250102-090000")
    again = load_run(write_reports(result, tmp_path / "again"))
    assert (again.records, again.summary, again.gates) == (result.records, result.summary, result.gates)


def test_corrupt_questions_raise_a_value_error_naming_the_run(two_runs):
    (two_runs / "20250102-090000" / "questions.jsonl").write_text('{"id": "q1"}\n')
    with pytest.raises(ValueError, match="20250102-090000: questions.jsonl does not hold scored questions"):
        load_run(two_runs / "20250102-090000")


def test_compare_finds_the_question_that_got_better_and_the_one_that_got_worse(two_runs):
    changes = compare(load_run(two_runs / "20250101-090000"), load_run(two_runs / "20250102-090000"))
    assert [(q["id"], q["status"]) for q in changes["questions"]] == [("q1", "better"), ("q2", "worse")]


def test_compare_lists_each_overall_figure_that_moved(two_runs):
    (two_runs / "20250102-090000" / "summary.json").write_text(json.dumps(summary_of(0.75)))
    changes = compare(load_run(two_runs / "20250101-090000"), load_run(two_runs / "20250102-090000"))
    assert changes["metric_deltas"] == {"correct_rate": {"before": 0.5, "after": 0.75, "delta": 0.25}}


# Charts and uploaded questions


def test_a_run_has_four_vega_lite_charts(two_runs):
    specs = [chart.to_dict() for chart in run_charts(load_run(two_runs / "20250102-090000"))]
    assert [spec["title"] for spec in specs] == ["Correct (answered or abstained), by kind",
                                                 "Gold evidence in top 5, by kind", "Gold in top 5, by system",
                                                 "Latency per question (ms)"]


def test_a_chart_with_nothing_to_show_is_left_out(two_runs):
    summary = summary_of(0.5) | {"systems": {"hybrid": {"hit@5": None}}}
    (two_runs / "20250102-090000" / "summary.json").write_text(json.dumps(summary))
    assert len(run_charts(load_run(two_runs / "20250102-090000"))) == 3


def test_uploaded_questions_are_parsed():
    assert len(parse_items(dev_questions(), "mine.jsonl")) == 3


def test_an_uploaded_file_that_is_not_questions_names_its_bad_line():
    with pytest.raises(ValueError, match=r"mine.jsonl is not an eval dataset: line 2 is not a question \(no field"):
        parse_items(b'{"id": "a", "question": "Q?", "kind": "k", "answerable": false}\n{"id": "b"}\n', "mine.jsonl")


def test_a_line_that_is_not_an_object_is_not_a_question():
    with pytest.raises(ValueError, match=r"line 1 is not a question \(not a JSON object\)"):
        parse_items('"What did B13 say?"\n', "mine.jsonl")


def test_binary_bytes_are_not_questions():
    with pytest.raises(ValueError, match="line 1 is not a question"):
        parse_items(b"\x89PNG\r\n\x1a\n\x00\x00", "picture.jsonl")


def test_a_split_of_uploaded_questions():
    assert select_split(parse_items(dev_questions(), "mine.jsonl"), "heldout") == []


# The page


@pytest.fixture
def page(assistant, shared_index_dir, tmp_path, monkeypatch) -> AppTest:
    """The Evals page in a fresh session, over the shared index, writing reports to a folder of this test."""
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(shared_index_dir))
    monkeypatch.setenv("ASSISTANT_EVAL_REPORTS_DIR", str(tmp_path / "reports"))
    app = AppTest.from_file(str(APP), default_timeout=600).run()
    app.switch_page("workbench/evals.py").run()
    assert not app.exception
    return app


def run_uploaded(page: AppTest, data: bytes, name: str = "mine.jsonl") -> AppTest:
    page.radio[0].set_value("A file of your own").run()
    page.file_uploader[0].set_value((name, data, "application/json")).run()
    page.button[0].click().run()
    assert not page.exception
    return page


def vega_lite_charts(page: AppTest) -> list:
    return page.get("vega_lite_chart")


def test_the_page_names_the_reports_folder_and_has_no_runs_yet(page, tmp_path):
    assert any(f"Reports are written to `{tmp_path / 'reports'}`" in c.value for c in page.caption)
    assert page.info[0].value == "No runs yet: start one above."


def test_an_uploaded_set_is_run_written_listed_and_charted(page, tmp_path):
    run_uploaded(page, dev_questions())
    folders = list((tmp_path / "reports").iterdir())
    assert len(folders) == 1 and (folders[0] / "report.html").is_file()
    assert page.dataframe[0].value["dataset"].tolist() == ["uploaded mine.jsonl"]
    assert len(vega_lite_charts(page)) == 4 and not page.get("html")


def test_a_bad_upload_is_an_error_not_a_traceback(page, tmp_path):
    run_uploaded(page, b"this is not json\n", "bad.jsonl")
    assert "bad.jsonl is not an eval dataset: line 1" in page.error[0].value
    assert not (tmp_path / "reports").exists()


def test_a_stored_run_is_shown_like_a_fresh_one_and_two_are_compared(page, two_runs, tmp_path):
    assert two_runs == tmp_path / "reports"
    page.run()
    assert len(page.dataframe[0].value) == 2 and len(vega_lite_charts(page)) == 4
    assert [e.label for e in page.expander if e.label.startswith("q")] == ["q2 · who_said · Question q2?"]
    assert any("2 questions are in both runs" in c.value for c in page.caption)
    compared = [frame.value for frame in page.dataframe if "question" in frame.value.columns]
    assert [frame["id"].tolist() for frame in compared] == [["q1"], ["q2"]]  # better, then worse


def test_a_broken_run_is_skipped_with_a_caption(page, two_runs):
    (two_runs / "20250101-090000" / "summary.json").write_text("{not json")
    page.run()
    assert not page.exception and any(c.value.startswith("Skipped 20250101-090000") for c in page.caption)


def test_a_self_check_is_recorded_as_one_with_only_the_hard_gates(page):
    page.radio[0].set_value("A self-check of the library").run()
    page.number_input[0].set_value(2).run()
    page.button[0].click().run()
    assert not page.exception
    assert page.dataframe[0].value["dataset"].str.startswith("self-check").tolist() == [True]
    assert set(page.dataframe[1].value["hard"]) == {True}  # the gates of the shown run


def run_bundled(page: AppTest, first: int) -> AppTest:
    page.number_input[0].set_value(first).run()
    page.button[0].click().run()
    assert not page.exception
    return page


def test_a_run_of_the_bundled_questions_can_be_cut_short(page):
    run_bundled(page, 2)
    assert page.dataframe[0].value["questions"].tolist() == [2] and len(vega_lite_charts(page)) == 4


def test_after_a_second_run_the_page_shows_it_and_compares_it_with_the_first(page):
    run_bundled(run_bundled(page, 2), 3)
    assert any(c.value.endswith("questions: 3 · answerer: extractive") for c in page.caption)
    assert any(c.value.startswith("2 questions are in both runs") for c in page.caption)


def test_a_reports_folder_that_cannot_be_written_is_an_error(page, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("ASSISTANT_EVAL_REPORTS_DIR", str(tmp_path / "a-file" / "reports"))
    page.number_input[0].set_value(1).run()
    page.button[0].click().run()
    assert not page.exception and page.error[0].value.startswith("The reports could not be written to")
