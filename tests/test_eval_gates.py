"""CI runs the eval suite through a real Assistant: the gates config is read and applied, the hard gates
(every shown quote verbatim and correctly attributed) must pass, the soft quality gates are reported.

The core engineer flips ``STRICT_QUALITY_GATES`` to True once the answerer passes the soft gates.
"""

from __future__ import annotations

import pytest

from evals.dataset import load_items
from evals.runner import load_gates, run_suite, write_reports

STRICT_QUALITY_GATES = False  # flip to True to make the soft quality gates fail CI too


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


def test_soft_quality_gates(suite):
    report = "\n".join(f"{g['name']}: {g['value']} (min {g['min']}) {'PASS' if g['passed'] else 'FAIL'}"
                       for g in suite.gates if not g["hard"])
    print(report)
    soft_failed = [gate["name"] for gate in suite.gates if not gate["hard"] and not gate["passed"]]
    if STRICT_QUALITY_GATES:
        assert soft_failed == [], report
    elif soft_failed:
        pytest.xfail(f"soft quality gates not met yet (STRICT_QUALITY_GATES is off): {', '.join(soft_failed)}")


def test_reports_are_written(suite):
    names = {path.name for path in suite.out_dir.iterdir()}
    assert {"questions.jsonl", "summary.json", "report.md", "report.html"} <= names
    assert "<svg" in (suite.out_dir / "report.html").read_text(encoding="utf-8")


def test_the_baselines_run_beside_the_hybrid(suite):
    assert set(suite.summary["systems"]) == {"hybrid", "bm25", "dense_llamaindex_defaults"}
    assert suite.summary["claim_checker"]["pairs_all"] >= 60
