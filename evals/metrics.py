"""Per-question metrics over answer dicts (``Answer.to_dict()`` shape) and their aggregation. Pure: the
claim checker and the source text are passed in; no LLM.

Outcomes: an answerable question answered is "answered", refused is "false_refusal"; an unanswerable one
refused is "correct_refusal", answered is "unwarranted_answer". A refusal is its own outcome, never NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import re

from .claims import SupportChecker, check_support
from .dataset import EvalItem
from assistant.text import fold

from .shown import Located, ShownQuote, SourceText, answer_claims, cited, shown_quotes

TOP_KS = (1, 5, 10)


def contains_span(context: dict[str, Any], gold: Sequence[Located], span: str) -> bool:
    """A context contains a gold span when their offsets overlap by half the shorter one, or the text holds it."""
    if fold(span, case_and_marks=False) in fold(context.get("text", ""), case_and_marks=False):
        return True
    meta = context.get("metadata", context)
    source, start, end = meta.get("source"), meta.get("start"), meta.get("end")
    if source is None or start is None:
        return False
    for place in gold:
        overlap = min(end, place.end) - max(start, place.start)
        if place.source == source and overlap > 0 and overlap >= 0.5 * min(place.end - place.start, end - start):
            return True
    return False


def retrieval_metrics(item: EvalItem, contexts: Sequence[dict[str, Any]], source: SourceText) -> dict[str, float]:
    """hit@k, recall@k, MRR and nDCG@10 of the ranked contexts against the gold spans."""
    spans = [(span, source.locate(span, _document(item, source))) for span in item.gold_evidence]
    found = [[contains_span(context, places, span) for span, places in spans] for context in contexts]
    result: dict[str, float] = {}
    for k in TOP_KS:
        covered = [any(row[i] for row in found[:k]) for i in range(len(spans))]
        result[f"hit@{k}"] = float(any(covered))
        result[f"recall@{k}"] = sum(covered) / len(spans) if spans else 0.0
    first = next((rank for rank, row in enumerate(found, 1) if any(row)), None)
    result["mrr"] = 1.0 / first if first else 0.0
    gains = [float(any(row)) for row in found[:10]]
    dcg = sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(spans), 10) + 1))
    result["ndcg@10"] = min(dcg / ideal, 1.0) if ideal else 0.0
    return result


def check_quote(quote: ShownQuote, source: SourceText) -> dict[str, Any]:
    """Is a shown quote verbatim (the source holds exactly this text at the cited offsets, inside one extract or
    block) and does the source give it to the code the citation names? Attribution is None when the quote
    cannot be found."""
    result: dict[str, Any] = {"text": quote.text, "label": quote.label, "code": quote.code, "source": quote.source,
                              "verbatim": False, "attributed": None, "problem": ""}
    if source.text_at(quote.source, quote.start, quote.end) != quote.text or not quote.text.strip():
        result["problem"] = "not verbatim: the source does not hold this text at its citation"
        return result
    speaker = source.extract_code_at(quote.source, quote.start, quote.end)
    block = source.block_span(quote.source, quote.start)
    result["verbatim"] = speaker is not None or (block is not None and quote.end <= block[1])
    if not result["verbatim"]:
        result["problem"] = "not verbatim: the span runs across blocks of the source"
    if quote.kind == "narrative":
        result["attributed"] = speaker is None
        if speaker is not None:
            result["problem"] = "misattributed: an interview extract shown as the report's narrative"
        return result
    result["attributed"] = speaker == quote.code
    if not result["attributed"] and not result["problem"]:
        said_by = speaker or ("an unattributed respondent" if speaker == "" else "the report narrative")
        result["problem"] = f"misattributed: shown as {quote.label or 'uncited'}, said by {said_by}"
    return result


def check_claims(answer: dict[str, Any], checker: SupportChecker) -> list[dict[str, Any]]:
    """Each claim of the answer against the passages it cites: the report's own words support themselves (they
    are checked as quotes); a written sentence must be supported by its cited passages; a claim citing nothing
    is unsupported."""
    contexts = {context["passage_id"]: context["text"] for context in answer.get("contexts", [])}
    results = []
    for claim in answer_claims(answer):
        label = claim.label
        if not claim.citations:
            supported, score, problem = False, 0.0, "uncited claim"
        elif claim.verbatim:
            supported, score, problem = True, 1.0, ""
        else:
            passages = [text for c in claim.citations for text in (c["quote"], contexts.get(c["passage_id"], ""))
                        if text]
            verdict = check_support(checker, _without_labels(claim.text, claim.citations), passages)
            supported, score = verdict.supported, verdict.score
            problem = "" if supported else f"not supported by the cited passage(s) {label}"
        results.append({"text": claim.text, "label": label, "supported": supported, "score": score,
                        "problem": problem})
    return results


def _without_labels(text: str, citations) -> str:
    for citation in citations:
        text = text.replace(f"[{citation.get('label', '')}]", " ")
    return re.sub(r"\[[^\]]{1,80}\]", " ", text)


def gold_in_answer(item: EvalItem, answer: dict[str, Any], source: SourceText) -> float:
    """Share of gold spans shown: overlapping a citation's offsets, or inside a shown span."""
    if not item.gold_evidence:
        return 0.0
    citations = [{"text": c["quote"], "source": c["source"], "start": c["start"], "end": c["end"]}
                 for c in cited(answer)]
    hits = 0
    for span in item.gold_evidence:
        places = source.locate(span, _document(item, source))
        if any(contains_span(c, places, span) for c in citations):
            hits += 1
    return hits / len(item.gold_evidence)


def _document(item: EvalItem, source: SourceText) -> str | None:
    """The source the item is about, when it names one that the library holds."""
    return item.document if item.document and item.document in source.documents else None


def _codes_cited(item: EvalItem, answer: dict[str, Any], source: SourceText) -> set[str]:
    document = _document(item, source)
    return {c["code"] for c in cited(answer) if c.get("code") and (document is None or c["source"] == document)}


def outcome(item: EvalItem, abstained: bool) -> str:
    if item.answerable:
        return "false_refusal" if abstained else "answered"
    return "correct_refusal" if abstained else "unwarranted_answer"


def score_answer(item: EvalItem, answer: dict[str, Any], source: SourceText, checker: SupportChecker) -> dict[str, Any]:
    """Every metric for one question, and the list of what went wrong."""
    abstained = bool(answer.get("abstained"))
    quotes = [check_quote(quote, source) for quote in shown_quotes(answer)]
    claims = check_claims(answer, checker)
    cited_codes = _codes_cited(item, answer, source)
    expected = set(item.expected_codes)
    gold_shown = gold_in_answer(item, answer, source)
    result_outcome = outcome(item, abstained)
    record: dict[str, Any] = {
        "id": item.id, "question": item.question, "kind": item.kind, "split": item.split,
        "document": item.document, "answerable": item.answerable, "abstained": abstained, "outcome": result_outcome,
        "answer": answer.get("answer", ""), "retrieval": retrieval_metrics(item, answer.get("contexts", []), source)
        if item.answerable else {},
        "gold_in_answer": gold_shown,
        "expected_codes": sorted(expected), "cited_codes": sorted(cited_codes),
        "code_recall": len(expected & cited_codes) / len(expected) if expected else None,
        "quotes": quotes, "claims": claims,
        "latency_ms": float(answer.get("timings_ms", {}).get("total", 0.0)),
        "words": answer_words(answer),
    }
    record.update(briefing_metrics(item, answer, source))
    record["correct"] = (result_outcome == "correct_refusal") or (result_outcome == "answered" and gold_shown > 0)
    record["failures"] = _failures(record)
    return record


def answer_words(answer: dict[str, Any]) -> int:
    """Words a reader reads: the answer without its citation labels and Markdown marks."""
    text = re.sub(r"\[[^\]]{1,120}\]", " ", answer.get("answer", ""))
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def briefing_metrics(item: EvalItem, answer: dict[str, Any], source: SourceText) -> dict[str, Any]:
    """The measures of an answer a briefing can use, each None where the item does not ask for it:

    - quote precision: the share of shown quotes whose respondent is one of the item's relevant codes;
    - theme coverage: the share of the item's themes whose evidence the answer shows;
    - comparison balance: every group (or area) the item compares is represented among the citations;
    - prevalence: the count given is in the item's range, and the codes listed are right (F1 ≥ 0.8).
    """
    result: dict[str, Any] = {"quote_precision": None, "theme_coverage": None, "comparison_balance": None,
                              "prevalence_ok": None, "prevalence_codes_f1": None}
    if answer.get("abstained") or not item.answerable:
        return result
    quotes = [q for q in shown_quotes(answer) if q.kind == "quote"]
    relevant = set(item.relevant_codes)
    if item.has_relevant_codes and quotes:
        result["quote_precision"] = sum(q.code in relevant for q in quotes) / len(quotes)
    citations = [{"text": c["quote"], "source": c["source"], "start": c["start"], "end": c["end"]}
                 for c in cited(answer)]
    if item.themes:
        covered = 0
        for theme in item.themes:
            spans = theme.get("evidence", [])
            if any(contains_span(c, source.locate(span, _document(item, source)), span)
                   for span in spans for c in citations):
                covered += 1
        result["theme_coverage"] = covered / len(item.themes)
    sides = [("group", name) for name in item.groups] + [("area", name) for name in item.areas]
    if len(sides) >= 2:
        shown = {(facet, c.get(facet, "")) for c in cited(answer) for facet in ("group", "area")}
        result["comparison_balance"] = float(all(side in shown for side in sides))
    if item.count is not None:
        block = next((b for b in answer.get("blocks", []) if b.get("type") == "prevalence"), None)
        if block is None:
            result["prevalence_ok"] = 0.0
            result["prevalence_codes_f1"] = 0.0
        else:
            listed = {person["code"] for person in block["respondents"]}
            expected = set(item.expected_codes)
            hits = len(listed & expected)
            precision = hits / len(listed) if listed else 0.0
            recall = hits / len(expected) if expected else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            in_range = item.count[0] <= block["count"] <= item.count[1]
            result["prevalence_codes_f1"] = round(f1, 4)
            result["prevalence_ok"] = float(in_range and f1 >= 0.8)
    return result


def _failures(record: dict[str, Any]) -> list[str]:
    problems = []
    if record["outcome"] == "false_refusal":
        problems.append("refused an answerable question")
    if record["outcome"] == "unwarranted_answer":
        problems.append("answered a question the findings don't cover")
    if record["answerable"] and record["retrieval"].get("hit@5", 0.0) < 1:
        problems.append("no gold evidence in the top 5 contexts")
    if record["outcome"] == "answered" and record["gold_in_answer"] == 0:
        problems.append("no gold evidence in the answer")
    if record.get("quote_precision") is not None and record["quote_precision"] < 1:
        problems.append(f"quote precision {record['quote_precision']:.2f}: some quotes shown are off topic")
    if record.get("theme_coverage") is not None and record["theme_coverage"] < 1:
        problems.append(f"theme coverage {record['theme_coverage']:.2f}")
    if record.get("comparison_balance") == 0.0:
        problems.append("a compared group has nothing shown")
    if record.get("prevalence_ok") == 0.0:
        problems.append(f"prevalence: count or codes wrong (codes F1 {record['prevalence_codes_f1']})")
    if record["code_recall"] is not None and record["code_recall"] < 1:
        missing = sorted(set(record["expected_codes"]) - set(record["cited_codes"]))
        problems.append(f"expected codes not cited: {', '.join(missing)}")
    problems.extend(f"quote “{q['text'][:60]}…”: {q['problem']}" for q in record["quotes"] if q["problem"])
    problems.extend(f"claim “{c['text'][:60]}…”: {c['problem']}" for c in record["claims"] if c["problem"])
    return problems


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _percentile(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 2)


def aggregate(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The summary of a set of scored questions. Rates with nothing to count are None (shown as "—")."""
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    refusals = [r for r in records if r["abstained"]]
    quotes = [q for r in records for q in r["quotes"]]
    attributable = [q for q in quotes if q["attributed"] is not None]
    claims = [c for r in records for c in r["claims"]]
    cited_claims = [c for c in claims if c["label"]]
    with_codes = [r for r in answerable if r["code_recall"] is not None]
    summary: dict[str, Any] = {"questions": len(records), "answerable": len(answerable)}
    for key in ("hit@1", "hit@5", "hit@10", "recall@5", "recall@10", "mrr", "ndcg@10"):
        summary[key] = _mean([r["retrieval"][key] for r in answerable if r["retrieval"]])
    summary |= {
        "gold_in_answer": _mean([float(r["gold_in_answer"] > 0) for r in answerable]),
        "gold_share_in_answer": _mean([r["gold_in_answer"] for r in answerable]),
        "code_recall": _mean([r["code_recall"] for r in with_codes]),
        "codes_all_cited": _mean([float(r["code_recall"] == 1) for r in with_codes]),
        "quotes_shown": len(quotes),
        "quote_verbatim_rate": _mean([float(q["verbatim"]) for q in quotes]),
        "attribution_accuracy": _mean([float(q["attributed"]) for q in attributable]),
        "claims": len(claims),
        "claim_support_rate": _mean([float(c["supported"]) for c in claims]),
        "citation_precision": _mean([float(c["supported"]) for c in cited_claims]),
        "uncited_claims": sum(not c["label"] for c in claims),
        "correct_rate": _mean([float(r["correct"]) for r in records]),
        "decision_accuracy": _mean([float(r["outcome"] in ("answered", "correct_refusal")) for r in records]),
        "abstention_precision": _mean([float(not r["answerable"]) for r in refusals]),
        "abstention_recall": _mean([float(r["abstained"]) for r in unanswerable]),
        "false_refusal_rate": _mean([float(r["abstained"]) for r in answerable]),
        "outcomes": {name: sum(r["outcome"] == name for r in records)
                     for name in ("answered", "false_refusal", "correct_refusal", "unwarranted_answer")},
        "false_decline_rate": _mean([float(r["abstained"]) for r in answerable]),
        "quote_precision": _mean([r["quote_precision"] for r in records if r.get("quote_precision") is not None]),
        "theme_coverage": _mean([r["theme_coverage"] for r in records if r.get("theme_coverage") is not None]),
        "comparison_balance": _mean([r["comparison_balance"] for r in records
                                     if r.get("comparison_balance") is not None]),
        "prevalence_accuracy": _mean([r["prevalence_ok"] for r in records if r.get("prevalence_ok") is not None]),
        "answer_words_median": _percentile([r["words"] for r in records if not r["abstained"]], 0.5),
        "latency_p50_ms": _percentile([r["latency_ms"] for r in records], 0.5),
        "latency_p95_ms": _percentile([r["latency_ms"] for r in records], 0.95),
    }
    return summary
