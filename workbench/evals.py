"""Evals page: run the answer-quality suite on a chosen set of questions, look back at any past run, compare two.

Thin on purpose: running, storing, listing and charting runs live in ``evals/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant import AssistantError
from assistant.settings import load_settings
from evals.charts import run_charts
from evals.dataset import EvalItem, load_items, parse_items, select_split
from evals.history import PastRun, list_runs, load_run
from evals.report import HEADLINE, SYSTEM_COLUMNS
from evals.results import SuiteResult
from evals.runner import BUNDLED_DATASET, SELF_CHECK_DATASET, compare, label_run, run_suite, write_reports
from workbench.shared import load_assistant

BUNDLED, SELF_CHECK, UPLOAD = "The bundled questions", "A self-check of the library", "A file of your own"
FOLLOW_NEWEST = ("shown_run", "compare_before", "compare_after")  # choices reset to the newest runs after a run


def main() -> None:
    st.title("Answer-quality evals")
    try:
        reports_dir = load_settings().eval_reports_dir
    except AssistantError as error:
        st.error(str(error))
        st.stop()
    st.caption(f"Reports are written to `{reports_dir}` (setting `ASSISTANT_EVAL_REPORTS_DIR`).")
    with st.expander("New run", expanded=True):
        new_run(reports_dir)
    runs, skipped = list_runs(reports_dir)
    st.subheader("Past runs")
    for note in skipped:
        st.caption(note)
    if not runs:
        st.info("No runs yet: start one above.")
        return
    st.dataframe([run.row() for run in runs], hide_index=True)
    this_run, two_runs = st.tabs(["Show a run", "Compare two runs"])
    with this_run:
        name = st.selectbox("Run", [run.folder.name for run in runs], format_func=labeller(runs), key="shown_run")
        try:
            show(load_run(reports_dir / name))
        except ValueError as error:
            st.error(str(error))
    with two_runs:
        show_comparison(reports_dir, runs)


def new_run(reports_dir: Path) -> None:
    """Choose the questions, run the suite on them, and write the reports."""
    source = st.radio("Questions", [BUNDLED, SELF_CHECK, UPLOAD], horizontal=True, captions=[
        "evals/dataset.jsonl, hand-made for the bundled report",
        "generated from the library's own attributed quotes",
        "a .jsonl file in the format of evals/README.md"])
    upload = st.file_uploader("Questions file", type="jsonl") if source == UPLOAD else None
    split = st.radio("Split", ["all", "dev", "heldout"], horizontal=True) if source != SELF_CHECK else "all"
    limit = st.number_input("Only the first N questions", min_value=1, value=None, placeholder="all of them")
    if not st.button("Run the evals", type="primary"):
        return
    try:
        items, dataset = chosen_questions(source, split, upload)
    except (AssistantError, ValueError) as error:
        st.error(str(error))
        return
    items = items[:limit]
    if not items:
        st.error("There are no questions to score: the dataset has none in this split, or the library has no "
                 "attributed quotes to make a self-check from.")
        return
    bar = st.progress(0.0, text="Starting…")
    try:
        assistant = load_assistant()
        result = run_suite(assistant, items, baselines=source != SELF_CHECK,
                           progress=lambda done, total, what: bar.progress(done / total, text=what))
    except AssistantError as error:
        st.error(str(error))
        return
    finally:
        bar.empty()
    label_run(result, assistant, dataset, split, generated=source == SELF_CHECK)
    try:
        out_dir = write_reports(result, reports_dir)
    except OSError as error:
        st.error(f"The reports could not be written to `{reports_dir}` ({error}). Set ASSISTANT_EVAL_REPORTS_DIR "
                 "to a folder you can write to.")
        return
    for key in FOLLOW_NEWEST:
        st.session_state.pop(key, None)
    st.success(f"{len(items)} questions scored. Report: `{out_dir}`")


def chosen_questions(source: str, split: str, upload) -> tuple[list[EvalItem], str]:
    """The questions to ask and the dataset's name for the reports; a ValueError says what is wrong."""
    if source == SELF_CHECK:
        from evals.self_check import self_check_items

        return self_check_items(load_assistant().retriever.passages), SELF_CHECK_DATASET
    if source == UPLOAD:
        if upload is None:
            raise ValueError("Choose a .jsonl file of questions first.")
        return select_split(parse_items(upload.getvalue(), upload.name), split), f"uploaded {upload.name}"
    return load_items(split=split), BUNDLED_DATASET


def labeller(runs: list[PastRun]):
    labels = {run.folder.name: run.label for run in runs}
    return lambda name: labels.get(name, name)


def show(result: SuiteResult) -> None:
    """One run, fresh or stored: what was run, its gates, charts, figures by split and system, and failures."""
    summary = result.summary
    if facts := summary.get("run"):
        st.caption(" · ".join(f"{key}: {value}" for key, value in facts.items()))
    failed = result.failed_gates
    (st.error if failed else st.success)(
        f"{len(result.gates) - len(failed)}/{len(result.gates)} gates pass. Report: `{result.out_dir}`")
    st.dataframe([{"gate": g["name"], "value": g["value"], "min": g["min"], "hard": g["hard"],
                   "result": "PASS" if g["passed"] else "FAIL"} for g in result.gates], hide_index=True)
    columns = st.columns(2)
    for number, chart in enumerate(run_charts(result)):
        columns[number % 2].altair_chart(chart, width="stretch")
    st.subheader("By split")
    splits = {"all": summary["overall"]} | summary.get("by_split", {})
    st.dataframe([{"metric": key} | {name: s.get(key) for name, s in splits.items()} for key in HEADLINE],
                 hide_index=True)
    st.subheader("Systems side by side")
    st.dataframe([{"system": name} | {key: s.get(key) for key in SYSTEM_COLUMNS}
                  for name, s in summary["systems"].items()], hide_index=True)
    if checker := summary.get("claim_checker"):
        st.caption(f"Claim checker: {checker['checker']}, balanced accuracy on held-out pairs "
                   f"{checker['balanced_accuracy_heldout']} (all pairs {checker['balanced_accuracy_all']}).")
    st.subheader(f"Failures ({len(result.failures)} questions)")
    for record in result.failures:
        with st.expander(f"{record['id']} · {record['kind']} · {record['question']}"):
            for problem in record["failures"]:
                st.markdown(f"- {problem}")
            st.markdown("**Answer**")
            st.markdown(record["answer"])


def show_comparison(reports_dir: Path, runs: list[PastRun]) -> None:
    """The overall figures that moved between two runs, and the questions that got better or worse."""
    if len(runs) < 2:
        st.caption("A comparison needs two runs.")
        return
    names, label = [run.folder.name for run in runs], labeller(runs)
    before = st.selectbox("Before", names, index=1, format_func=label, key="compare_before")
    after = st.selectbox("After", names, index=0, format_func=label, key="compare_after")
    try:
        changes = compare(load_run(reports_dir / before), load_run(reports_dir / after))
    except ValueError as error:
        st.error(str(error))
        return
    st.caption(f"{changes['shared_questions']} questions are in both runs (matched by id).")
    if deltas := changes["metric_deltas"]:
        st.dataframe([{"metric": name} | change for name, change in deltas.items()], hide_index=True)
    else:
        st.caption("No overall figure changed.")
    for status in ("better", "worse", "changed"):
        if questions := [q for q in changes["questions"] if q["status"] == status]:
            st.markdown(f"**{status.capitalize()}** ({len(questions)})")
            st.dataframe([{"id": q["id"], "question": q["question"], "fixed": "; ".join(q["fixed"]),
                           "broken": "; ".join(q["broken"])} for q in questions], hide_index=True)
    if not changes["questions"]:
        st.caption("No question got better or worse.")


main()
