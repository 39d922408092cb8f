"""CI runs the eval suite through a real Assistant: the gates config is read and applied, the hard gates
(every shown quote verbatim and correctly attributed) must pass, and no figure may fall below the stored baseline
(the ratchet; ``assistant eval --update-baseline`` raises it on purpose). The soft gates are targets, reported."""

from __future__ import annotations

import pytest

from evals.dataset import load_items
from evals.ratchet import load_baseline, regressions
from evals.runner import load_gates, run_suite, write_reports


@pytest.fixture(scope="module")
def suite(assistant, tmp_path_factory):
    result = run_suite(assistant, load_items())
    write_reports(result, tmp_path_factory.mktemp("eval-reports"))
    return result


def test_every_gate_in_the_config_is_evaluated(suite):
    assert {gate["name"] for gate in suite.gates} == set(load_gates())
    assert all(gate["value"] is not None for gate in suite.gates)


def test_hard_gates_pass(suite):
    failed = [gate for gate in suite.gates if gate["hard"] and not gate["passed"]]
    assert failed == [], [record["failures"] for record in suite.failures]


def test_no_figure_falls_below_the_stored_baseline(suite):
    baseline = load_baseline()
    assert baseline is not None, "evals/baseline.json is missing: run `assistant eval --update-baseline`"
    print("\n".join(f"{g['name']}: {g['value']} (target {g['min']}) {'PASS' if g['passed'] else 'below target'}"
                    for g in suite.gates if not g["hard"]))
    assert regressions(suite.summary, baseline) == []


def test_the_ratchet_catches_a_fall():
    summary = {"overall": {"questions": 100, "codes_all_cited": 0.80, "false_decline_rate": 0.10},
               "by_split": {}}
    baseline = {"all": {"questions": 100, "codes_all_cited": 0.90, "false_decline_rate": 0.02}}
    assert len(regressions(summary, baseline)) == 2


def test_reports_are_written(suite):
    names = {path.name for path in suite.out_dir.iterdir()}
    assert {"questions.jsonl", "summary.json", "report.md", "report.html"} <= names
    assert "<svg" in (suite.out_dir / "report.html").read_text(encoding="utf-8")


def test_the_baselines_run_beside_the_hybrid(suite):
    assert set(suite.summary["systems"]) == {"hybrid", "bm25", "dense_llamaindex_defaults"}
    assert suite.summary["claim_checker"]["pairs_all"] >= 60
