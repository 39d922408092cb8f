"""Evals page: run the answer-quality suite with a progress bar and show the report; failures one click away.

Thin on purpose: the suite, metrics and report live in ``evals/``.
"""

from __future__ import annotations

import streamlit as st


@st.cache_resource(show_spinner="Loading the findings index…")
def load_assistant():
    from assistant import Assistant

    return Assistant.from_settings()


def main() -> None:
    st.title("Answer-quality evals")
    st.caption("Every question in evals/dataset.jsonl through the assistant and two baselines; no LLM involved.")
    split = st.radio("Split", ["all", "dev", "heldout"], horizontal=True)
    if st.button("Run the evals", type="primary"):
        from evals.dataset import load_items
        from evals.runner import run_suite, write_reports

        bar = st.progress(0.0, text="Starting…")
        result = run_suite(load_assistant(), load_items(split=split),
                           progress=lambda done, total, what: bar.progress(done / total, text=what))
        write_reports(result)
        bar.empty()
        st.session_state["eval_result"] = result
    result = st.session_state.get("eval_result")
    if result is not None:
        show(result)


def show(result) -> None:
    from evals.report import HEADLINE, SYSTEM_COLUMNS, charts

    summary = result.summary
    failed = result.failed_gates
    (st.error if failed else st.success)(
        f"{len(result.gates) - len(failed)}/{len(result.gates)} gates pass. Report: {result.out_dir}")
    st.dataframe([{"gate": g["name"], "value": g["value"], "min": g["min"], "hard": g["hard"],
                   "result": "PASS" if g["passed"] else "FAIL"} for g in result.gates], hide_index=True)
    st.subheader("By split")
    splits = {"all": summary["overall"]} | summary["by_split"]
    st.dataframe([{"metric": key} | {name: s.get(key) for name, s in splits.items()} for key in HEADLINE],
                 hide_index=True)
    st.subheader("Systems side by side")
    st.dataframe([{"system": name} | {key: s.get(key) for key in SYSTEM_COLUMNS}
                  for name, s in summary["systems"].items()], hide_index=True)
    for chart in charts(result):
        st.html(chart)
    checker = summary["claim_checker"]
    st.caption(f"Claim checker: {checker['checker']}, balanced accuracy on held-out pairs "
               f"{checker['balanced_accuracy_heldout']} (all pairs {checker['balanced_accuracy_all']}).")
    st.subheader(f"Failures ({len(result.failures)} questions)")
    for record in result.failures:
        with st.expander(f"{record['id']} · {record['kind']} · {record['question']}"):
            for problem in record["failures"]:
                st.markdown(f"- {problem}")
            st.markdown("**Answer**")
            st.markdown(record["answer"])


main()
