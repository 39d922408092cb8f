"""The checker is itself tested: known-bad answers built by hand from real corpus text, as the structured answers
the assistant returns, each caught by exactly the metric that should catch it."""

from __future__ import annotations

import pytest

from assistant.documents.corpus import parse_document
from evals.claims import AlignmentChecker, balanced_accuracy, calibrate
from evals.dataset import EvalItem, load_claim_pairs
from evals.metrics import aggregate, answer_words, check_quote, retrieval_metrics, score_answer
from evals.shown import ShownQuote, SourceText, answer_claims, shown_quotes

NAME = "police-fire-reform-year3-partnership-innovation-prevention.txt"
B02 = "We're all trying to do more wi' less. So we're all subject to austerity."
D03 = "I would say personally I absolutely live, eat and breathe partnership working."
NARRATIVE = "Partnership working was embraced as a concept and operationally by police officers"


@pytest.fixture(scope="module")
def source(report_text) -> SourceText:
    return SourceText({NAME: parse_document(report_text, NAME)})


@pytest.fixture(scope="module")
def checker() -> AlignmentChecker:
    return AlignmentChecker(None, threshold=0.5)


def citation(report_text: str, text: str, code: str = "", group: str = "", kind: str = "quote", shown: str = "",
             start: int | None = None, end: int | None = None) -> dict:
    """A citation of ``text`` where the report has it (or at the offsets given), showing ``shown``."""
    start = report_text.index(text) if start is None else start
    end = start + len(text) if end is None else end
    return {"label": f"{code} {group}".strip() or "§ S", "code": code, "group": group, "area": "", "kind": kind,
            "quote": shown or report_text[start:end], "passage_id": "p", "source": NAME, "section": "S",
            "start": start, "end": end}


def quote_block(*citations) -> dict:
    return {"type": "quotes", "title": "", "weaker": [],
            "quotes": [{"citation": c, "trimmed_before": False, "trimmed_after": False} for c in citations]}


def prose(text: str, citations=(), quotes=()) -> dict:
    return {"type": "prose", "paragraphs": [[{"text": text, "citations": list(citations), "verbatim": False,
                                              "flagged": False, "quotes": list(quotes)}]]}


def item(answerable: bool = True, codes=("B02",), gold=(B02,), **extra) -> EvalItem:
    return EvalItem("t1", "What about austerity?", "quote_seeking", answerable, tuple(codes) if answerable else (),
                    tuple(gold) if answerable else (), ("k",), (), {}, "dev", **extra)


def answer(*blocks, abstained: bool = False, citations=(), markdown: str = "") -> dict:
    return {"answer": markdown, "abstained": abstained, "citations": list(citations), "contexts": [],
            "timings_ms": {"total": 10.0}, "blocks": list(blocks)}


def shown(report_text, text, code="B02", **kwargs) -> ShownQuote:
    c = citation(report_text, text, code, **kwargs)
    return ShownQuote(c["quote"], c["code"], c["label"], c["source"], c["start"], c["end"], c["kind"])


def test_a_real_quote_under_its_own_code_passes(source, report_text):
    result = check_quote(shown(report_text, B02), source)
    assert result["verbatim"] and result["attributed"]


def test_a_paraphrase_shown_at_a_real_quotes_offsets_fails_verbatim_only(source, report_text):
    start = report_text.index(B02)
    quote = ShownQuote("We are all doing more with less, we're all subject to austerity.", "B02", "B02 Police",
                       NAME, start, start + len(B02))
    result = check_quote(quote, source)
    assert result["verbatim"] is False and result["attributed"] is None


def test_a_real_quote_under_the_wrong_code_fails_attribution_only(source, report_text):
    result = check_quote(shown(report_text, B02, code="D03"), source)
    assert result["verbatim"] is True and result["attributed"] is False


def test_a_frankenquote_spanning_two_extracts_fails_verbatim(source, report_text):
    start, end = report_text.index(B02), report_text.index(D03) + len(D03)
    assert check_quote(shown(report_text, B02, start=start, end=end), source)["verbatim"] is False


def test_narrative_shown_as_a_respondents_quote_is_misattributed(source, report_text):
    assert check_quote(shown(report_text, NARRATIVE, code="B02"), source)["attributed"] is False


def test_quotes_are_read_from_the_blocks_and_from_written_sentences(report_text):
    written = citation(report_text, D03, "D03", shown="something never said at all")
    data = answer(quote_block(citation(report_text, B02, "B02")), prose("D03 said it.", [written], [written]))
    assert [q.code for q in shown_quotes(data)] == ["B02", "D03"]


def test_a_quote_a_written_sentence_invents_fails_verbatim(source, checker, report_text):
    invented = citation(report_text, D03, "D03", shown="I never go to meetings")
    record = score_answer(item(codes=("D03",), gold=(D03,)), answer(prose("D03 said “I never go to meetings”.",
                                                                           [invented], [invented])), source, checker)
    assert [q["verbatim"] for q in record["quotes"]] == [False]


def test_an_uncited_claim_fails_claim_support_but_not_citation_precision(source, checker, report_text):
    good = citation(report_text, B02, "B02")
    data = answer(prose("Reform has completely failed everywhere."), prose("Budgets push agencies together.", [good]))
    summary = aggregate([score_answer(item(), data, source, checker)])
    assert summary["uncited_claims"] == 1 and summary["claims"] == 2


def test_a_claim_its_cited_passage_does_not_support_fails_citation_precision(source, checker, report_text):
    data = answer(prose("Fire crews now fly drones over rural villages every night.", [citation(report_text, B02, "B02")]))
    summary = aggregate([score_answer(item(), data, source, checker)])
    assert summary["citation_precision"] == 0.0


def test_the_reports_own_words_support_themselves(source, checker, report_text):
    lead = {"type": "lead", "claims": [{"text": NARRATIVE, "citations": [citation(report_text, NARRATIVE, kind="narrative")],
                                        "verbatim": True, "flagged": False, "quotes": []}]}
    assert aggregate([score_answer(item(), answer(lead), source, checker)])["claim_support_rate"] == 1.0


def test_an_answer_to_an_unanswerable_question_is_an_unwarranted_answer(source, checker, report_text):
    c = citation(report_text, B02, "B02")
    record = score_answer(item(answerable=False), answer(quote_block(c), citations=[c]), source, checker)
    summary = aggregate([record])
    assert record["outcome"] == "unwarranted_answer" and summary["abstention_recall"] == 0.0
    assert summary["quote_verbatim_rate"] == 1.0  # what it showed was still verbatim


def test_a_refusal_of_an_answerable_question_is_scored_not_nan(source, checker):
    record = score_answer(item(), answer({"type": "decline", "reasons": []}, abstained=True), source, checker)
    summary = aggregate([record])
    assert record["outcome"] == "false_refusal" and summary["false_refusal_rate"] == 1.0
    assert summary["false_decline_rate"] == 1.0
    assert summary["code_recall"] == 0.0 and summary["correct_rate"] == 0.0 and summary["claims"] == 0


def test_a_correct_refusal_counts_as_correct(source, checker):
    record = score_answer(item(answerable=False), answer(abstained=True), source, checker)
    assert record["correct"] and aggregate([record])["abstention_precision"] == 1.0


def test_codes_are_read_from_the_citations_of_the_items_document(source, checker, report_text):
    c = citation(report_text, B02, "B02")
    assert score_answer(item(), answer(quote_block(c), citations=[c]), source, checker)["code_recall"] == 1.0
    elsewhere = item(document="another-report.pdf")  # not in this library: codes count wherever they are
    assert score_answer(elsewhere, answer(quote_block(c), citations=[c]), source, checker)["code_recall"] == 1.0


def test_quote_precision_counts_quotes_from_relevant_respondents(source, checker, report_text):
    cs = [citation(report_text, B02, "B02"), citation(report_text, D03, "D03")]
    record = score_answer(item(relevant_codes=("B02",), has_relevant_codes=True), answer(quote_block(*cs), citations=cs),
                          source, checker)
    assert record["quote_precision"] == 0.5


def test_theme_coverage_is_the_share_of_themes_whose_evidence_is_shown(source, checker, report_text):
    themes = ({"label": "budgets", "evidence": [B02]}, {"label": "commitment", "evidence": [D03]})
    c = citation(report_text, B02, "B02")
    record = score_answer(item(themes=themes), answer(quote_block(c), citations=[c]), source, checker)
    assert record["theme_coverage"] == 0.5


def test_comparison_balance_needs_every_named_group(source, checker, report_text):
    police = citation(report_text, B02, "B02", group="Police")
    record = score_answer(item(groups=("Police", "Fire")), answer(quote_block(police), citations=[police]), source,
                          checker)
    assert record["comparison_balance"] == 0.0


def test_prevalence_needs_the_count_in_range_and_the_right_codes(source, checker, report_text):
    block = {"type": "prevalence", "topic": "austerity", "count": 2, "total": 15, "by_group": [],
             "respondents": [{"key": "k1", "code": "B02", "group": "", "document": NAME},
                             {"key": "k2", "code": "D02", "group": "", "document": NAME}], "examples": [],
             "caveat": ""}
    right = score_answer(item(codes=("B02", "D02"), count=(2, 3)), answer(block), source, checker)
    wrong = score_answer(item(codes=("B02", "C01", "A04"), count=(3, 4)), answer(block), source, checker)
    assert (right["prevalence_ok"], wrong["prevalence_ok"]) == (1.0, 0.0)


def test_answer_words_leave_out_citation_labels():
    assert answer_words({"answer": "> “We do more.” [B02 Police, report.pdf, p. 3]"}) == 3


def test_answer_claims_come_from_claim_blocks_only(report_text):
    c = citation(report_text, NARRATIVE, kind="narrative")
    lead = {"type": "lead", "claims": [{"text": NARRATIVE, "citations": [c], "verbatim": True}]}
    claims = answer_claims(answer(lead, quote_block(citation(report_text, B02, "B02"))))
    assert [(claim.text, claim.verbatim) for claim in claims] == [(NARRATIVE, True)]


def test_retrieval_metrics_find_gold_by_text_and_rank_it(source):
    contexts = [{"text": D03, "metadata": {}}, {"text": f"Intro. {B02} More.", "metadata": {}}]
    metrics = retrieval_metrics(item(), contexts, source)
    assert (metrics["hit@1"], metrics["hit@5"], metrics["mrr"]) == (0.0, 1.0, 0.5)


def test_retrieval_metrics_find_gold_by_overlapping_offsets(source, report_text):
    start = report_text.index(B02)
    context = {"text": "", "metadata": {"source": NAME, "start": start - 20, "end": start + 60}}
    assert retrieval_metrics(item(), [context], source)["hit@1"] == 1.0


def test_balanced_accuracy_weights_both_classes():
    assert balanced_accuracy([True, True, True, False], [True, True, True, True]) == 0.5


def test_the_lexical_checker_beats_chance_on_the_hand_labelled_pairs():
    result = calibrate(AlignmentChecker(None), load_claim_pairs())
    assert result["balanced_accuracy_all"] > 0.6


def test_the_shared_documents_eval_lists_only_dev_failures_and_counts_held_out_ones():
    from evals.corpora import listed_failures

    records = [{"id": "a", "question": "dev question", "split": "dev", "failures": ["no gold evidence"]},
               {"id": "b", "question": "held-out question", "split": "heldout", "failures": ["refused"]},
               {"id": "c", "question": "passing question", "split": "dev", "failures": []}]
    listed, held_out = listed_failures(records)
    assert [failure["id"] for failure in listed] == ["a"] and held_out == 1
