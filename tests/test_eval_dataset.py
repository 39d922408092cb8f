"""The eval data itself: every gold span verbatim in the corpus, every code real, the splits sound."""

from __future__ import annotations

from evals.dataset import check_dataset, corpus_text, load_claim_pairs, load_items, report_codes


def test_dataset_and_claim_pairs_have_no_problems():
    check = check_dataset()
    assert check.problems == []


def test_every_gold_span_is_verbatim_in_the_corpus():
    report = corpus_text()
    assert all(span in report for item in load_items() for span in item.gold_evidence)


def test_every_expected_code_exists_in_the_corpus():
    codes = report_codes(corpus_text())
    assert {code for item in load_items() for code in item.expected_codes} <= codes


def test_splits_partition_the_dataset():
    assert len(load_items(split="dev")) + len(load_items(split="heldout")) == len(load_items())


def test_a_broken_gold_span_is_reported(tmp_path):
    rows = (tmp_path / "dataset.jsonl")
    original = (corpus_text(), load_items())
    line = '{"id": "x1", "question": "q?", "kind": "theme", "answerable": true, "expected_codes": ["Z99"], ' \
           '"gold_evidence": ["this sentence is certainly not in the report anywhere"], "key_points": ["k"], ' \
           '"history": [], "filters": {}, "split": "dev"}\n'
    rows.write_text(line, encoding="utf-8")
    problems = check_dataset(dataset_path=rows, report=original[0]).problems
    assert any("not verbatim" in p for p in problems) and any("Z99" in p for p in problems)


def test_claim_pairs_hold_at_least_sixty_hand_labels_of_each_verdict_together():
    pairs = load_claim_pairs()
    assert len(pairs) >= 60 and {pair.supported for pair in pairs} == {True, False}
