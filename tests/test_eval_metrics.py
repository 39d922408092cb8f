"""The checker is itself tested: known-bad answers built by hand from real corpus text, each caught by exactly
the metric that should catch it."""

from __future__ import annotations

import pytest

from assistant.corpus import parse_document
from evals.claims import AlignmentChecker, balanced_accuracy, calibrate
from evals.dataset import EvalItem, load_claim_pairs
from evals.metrics import aggregate, check_quote, retrieval_metrics, score_answer
from evals.parsing import ShownQuote, SourceText, answer_claims, shown_quotes

B02 = "We're all trying to do more wi' less. So we're all subject to austerity."
D03 = "I would say personally I absolutely live, eat and breathe partnership working."

CITATION = {"label": "B02 Police", "code": "B02", "quote": B02, "passage_id": "p", "kind": "quote", "source": "x",
            "section": "", "start": 0, "end": 0}


@pytest.fixture(scope="module")
def source(report_text) -> SourceText:
    name = "police-fire-reform-year3-partnership-innovation-prevention.txt"
    return SourceText({name: parse_document(report_text, name)})


@pytest.fixture(scope="module")
def checker() -> AlignmentChecker:
    return AlignmentChecker(None, threshold=0.5)


def item(answerable: bool = True, codes=("B02",), gold=(B02,)) -> EvalItem:
    return EvalItem("t1", "What about austerity?", "quote_seeking", answerable, tuple(codes) if answerable else (),
                    tuple(gold) if answerable else (), ("k",), (), {}, "dev")


def answer(markdown: str, abstained: bool = False, citations=()) -> dict:
    return {"answer": markdown, "abstained": abstained, "citations": list(citations), "contexts": [],
            "timings_ms": {"total": 10.0}}


def test_a_real_quote_under_its_own_code_passes(source):
    result = check_quote(ShownQuote(B02, "B02 Police"), source)
    assert result["verbatim"] and result["attributed"]


def test_a_paraphrased_quote_shown_as_verbatim_fails_verbatim_only(source):
    result = check_quote(ShownQuote("We are all doing more with less, we're all subject to austerity.", "B02 Police"),
                         source)
    assert result["verbatim"] is False and result["attributed"] is None


def test_a_real_quote_under_the_wrong_code_fails_attribution_only(source):
    result = check_quote(ShownQuote(B02, "D03 Police"), source)
    assert result["verbatim"] is True and result["attributed"] is False


def test_a_frankenquote_across_an_ellipsis_fails_verbatim(source):
    result = check_quote(ShownQuote(f"{B02} … {D03}", "B02 Police"), source)
    assert result["verbatim"] is False and "frankenquote" in result["problem"]


def test_a_frankenquote_without_an_ellipsis_fails_verbatim(source):
    assert check_quote(ShownQuote(f"{B02} {D03}", "B02 Police"), source)["verbatim"] is False


def test_a_trimmed_quote_with_the_cut_marked_is_verbatim(source):
    assert check_quote(ShownQuote("…So we're all subject to austerity.", "B02 Police"), source)["verbatim"]


def test_a_quote_shown_in_the_answer_but_not_cited_is_still_checked(source, checker):
    record = score_answer(item(), answer("> “Austerity made us all partners overnight.” [B02 Police]"), source, checker)
    assert [q["verbatim"] for q in record["quotes"]] == [False]


def test_quotes_are_read_from_quote_lines_only():
    markdown = "The report says “business as usual” [§ Leadership]\n\n> “A quote.” [B02 Police]"
    assert shown_quotes(markdown) == [ShownQuote("A quote.", "B02 Police")]


def test_a_quote_in_running_text_with_a_respondent_label_is_read_and_checked(source):
    markdown = f"B02 said “{B02}” [B02 Police] and “something never said at all” [D03 Police]."
    quotes = shown_quotes(markdown)
    assert quotes == [ShownQuote(B02, "B02 Police"), ShownQuote("something never said at all", "D03 Police")]
    assert [check_quote(q, source)["verbatim"] for q in quotes] == [True, False]


def test_an_uncited_claim_fails_claim_support_but_not_citation_precision(source, checker):
    markdown = f"Reform has completely failed everywhere.\n\n> “{B02}” [B02 Police]"
    summary = aggregate([score_answer(item(), answer(markdown, citations=[CITATION]), source, checker)])
    assert summary["uncited_claims"] == 1 and summary["claim_support_rate"] == 0.5
    assert summary["citation_precision"] == 1.0


def test_a_claim_its_cited_passage_does_not_support_fails_citation_precision(source, checker):
    citation = CITATION
    markdown = "Fire crews now fly drones over rural villages every night. [B02 Police]"
    summary = aggregate([score_answer(item(), answer(markdown, citations=[citation]), source, checker)])
    assert summary["citation_precision"] == 0.0


def test_an_answer_to_an_unanswerable_question_is_an_unwarranted_answer(source, checker):
    record = score_answer(item(answerable=False), answer(f"> “{B02}” [B02 Police]"), source, checker)
    summary = aggregate([record])
    assert record["outcome"] == "unwarranted_answer" and summary["abstention_recall"] == 0.0
    assert summary["quote_verbatim_rate"] == 1.0  # what it showed was still verbatim


def test_a_refusal_of_an_answerable_question_is_scored_not_nan(source, checker):
    record = score_answer(item(), answer("The findings don't cover this.", abstained=True), source, checker)
    summary = aggregate([record])
    assert record["outcome"] == "false_refusal" and summary["false_refusal_rate"] == 1.0
    assert summary["code_recall"] == 0.0 and summary["correct_rate"] == 0.0 and summary["claims"] == 0


def test_a_correct_refusal_counts_as_correct(source, checker):
    record = score_answer(item(answerable=False), answer("The findings don't cover this.", True), source, checker)
    assert record["correct"] and aggregate([record])["abstention_precision"] == 1.0


def test_retrieval_metrics_find_gold_by_text_and_rank_it(source):
    contexts = [{"text": D03, "metadata": {}}, {"text": f"Intro. {B02} More.", "metadata": {}}]
    metrics = retrieval_metrics(item(), contexts, source)
    assert (metrics["hit@1"], metrics["hit@5"], metrics["mrr"]) == (0.0, 1.0, 0.5)


def test_retrieval_metrics_find_gold_by_overlapping_offsets(source, report_text):
    start = report_text.index(B02)
    context = {"text": "", "metadata": {"source": next(iter(source.documents)), "start": start - 20, "end": start + 60}}
    assert retrieval_metrics(item(), [context], source)["hit@1"] == 1.0


def test_answer_claims_pair_each_piece_with_its_label():
    claims = answer_claims("One finding. [§ Leadership] Another. [§ Culture]\n\nWhat interviewees said:\n\n> “Q.” [FGD]")
    assert [(c.text, c.label) for c in claims] == [("One finding.", "§ Leadership"), ("Another.", "§ Culture"),
                                                   ("Q.", "FGD")]


def test_balanced_accuracy_weights_both_classes():
    assert balanced_accuracy([True, True, True, False], [True, True, True, True]) == 0.5


def test_the_lexical_checker_beats_chance_on_the_hand_labelled_pairs():
    result = calibrate(AlignmentChecker(None), load_claim_pairs())
    assert result["balanced_accuracy_all"] > 0.6
