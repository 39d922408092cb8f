"""Per-question metrics over answer dicts (``Answer.to_dict()`` shape) and their aggregation. Pure: the
claim checker and the source text are passed in; no LLM.

Outcomes: an answerable question answered is "answered", refused is "false_refusal"; an unanswerable one
refused is "correct_refusal", answered is "unwarranted_answer". A refusal is its own outcome, never NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .claims import SupportChecker, check_support
from .dataset import EvalItem
from .parsing import Located, ShownQuote, SourceText, answer_claims, label_code, normalise_space, shown_quotes

TOP_KS = (1, 5, 10)


def contains_span(context: dict[str, Any], gold: Sequence[Located], span: str) -> bool:
    """A context contains a gold span when their offsets overlap by half the shorter one, or the text holds it."""
    if normalise_space(span) in normalise_space(context.get("text", "")):
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
    spans = [(span, source.locate(span)) for span in item.gold_evidence]
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
    """Is a shown quote verbatim (every kept span found, in order, inside one extract or block) and does
    the source give it to the code on its label? Attribution is None when the quote cannot be found."""
    fragments = quote.fragments
    places = [source.locate(fragment) for fragment in fragments]
    result: dict[str, Any] = {"text": quote.text, "label": quote.label, "verbatim": False, "attributed": None,
                              "problem": ""}
    if not fragments or not all(places):
        result["problem"] = "not verbatim: a span is not in the source (paraphrased or invented)"
        return result
    for first in places[0]:
        chain, ok = [first], True
        for options in places[1:]:
            following = [p for p in options if p.source == first.source and p.start >= chain[-1].end]
            if not following:
                ok = False
                break
            chain.append(following[0])
        if ok and _one_container(source, first.source, chain[0].start, chain[-1].end, quote.label):
            result["verbatim"] = True
            first_place = first
            break
    else:
        first_place = places[0][0]
        result["problem"] = "not verbatim: spans stitched from different extracts (frankenquote)"
    if quote.label.startswith("§"):
        result["attributed"] = source.extract_code_at(first_place.source, first_place.start, first_place.end) is None \
            or not result["verbatim"]
    else:
        speaker = source.extract_code_at(first_place.source, first_place.start, first_place.end)
        result["attributed"] = speaker == quote.code
        if not result["attributed"] and not result["problem"]:
            said_by = speaker or ("an unattributed respondent" if speaker == "" else "the report narrative")
            result["problem"] = f"misattributed: shown as {quote.label or 'uncited'}, said by {said_by}"
    return result


def _one_container(source: SourceText, name: str, start: int, end: int, label: str) -> bool:
    if source.extract_code_at(name, start, end) is not None:
        return True
    block = source.block_span(name, start)
    return block is not None and end <= block[1]


def check_claims(answer: dict[str, Any], checker: SupportChecker) -> list[dict[str, Any]]:
    """Each claim of the answer against the passages cited for it; uncited claims are unsupported."""
    citations = answer.get("citations", [])
    contexts = {context["passage_id"]: context["text"] for context in answer.get("contexts", [])}
    results = []
    for claim in answer_claims(answer.get("answer", "")):
        cited = [c for c in citations if f"[{claim.label}]" in (f"[{c['label']}]", _rendered(c))]
        passages = [text for c in cited for text in (c["quote"], contexts.get(c["passage_id"], "")) if text]
        if not claim.label:
            verdict_supported, score, problem = False, 0.0, "uncited claim"
        else:
            verdict = check_support(checker, claim.text, passages)
            verdict_supported, score = verdict.supported, verdict.score
            problem = "" if verdict.supported else f"not supported by the cited passage [{claim.label}]"
        results.append({"text": claim.text, "label": claim.label, "supported": verdict_supported, "score": score,
                        "problem": problem})
    return results


def _rendered(citation: dict[str, Any]) -> str:
    if citation.get("kind") == "narrative":
        return f"[§ {citation['section'].split(' › ')[-1] or citation['source']}]"
    return f"[{citation['label']}]"


def gold_in_answer(item: EvalItem, answer: dict[str, Any], source: SourceText) -> float:
    """Share of gold spans shown: overlapping a citation's offsets, or present in the answer text."""
    if not item.gold_evidence:
        return 0.0
    shown = normalise_space(answer.get("answer", ""))
    citations = [{"text": c["quote"], "source": c["source"], "start": c["start"], "end": c["end"]}
                 for c in answer.get("citations", [])]
    hits = 0
    for span in item.gold_evidence:
        places = source.locate(span)
        if normalise_space(span) in shown or any(contains_span(c, places, span) for c in citations):
            hits += 1
    return hits / len(item.gold_evidence)


def outcome(item: EvalItem, abstained: bool) -> str:
    if item.answerable:
        return "false_refusal" if abstained else "answered"
    return "correct_refusal" if abstained else "unwarranted_answer"


def score_answer(item: EvalItem, answer: dict[str, Any], source: SourceText, checker: SupportChecker) -> dict[str, Any]:
    """Every metric for one question, and the list of what went wrong."""
    abstained = bool(answer.get("abstained"))
    quotes = [check_quote(quote, source) for quote in shown_quotes(answer.get("answer", ""))]
    claims = check_claims(answer, checker)
    cited_codes = {c["code"] for c in answer.get("citations", []) if c.get("code")}
    cited_codes |= {label_code(q["label"]) for q in quotes if label_code(q["label"])}
    expected = set(item.expected_codes)
    gold_shown = gold_in_answer(item, answer, source)
    result_outcome = outcome(item, abstained)
    record: dict[str, Any] = {
        "id": item.id, "question": item.question, "kind": item.kind, "split": item.split,
        "answerable": item.answerable, "abstained": abstained, "outcome": result_outcome,
        "answer": answer.get("answer", ""), "retrieval": retrieval_metrics(item, answer.get("contexts", []), source)
        if item.answerable else {},
        "gold_in_answer": gold_shown,
        "expected_codes": sorted(expected), "cited_codes": sorted(cited_codes),
        "code_recall": len(expected & cited_codes) / len(expected) if expected else None,
        "quotes": quotes, "claims": claims,
        "latency_ms": float(answer.get("timings_ms", {}).get("total", 0.0)),
    }
    record["correct"] = (result_outcome == "correct_refusal") or (result_outcome == "answered" and gold_shown > 0)
    record["failures"] = _failures(record)
    return record


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
        "latency_p50_ms": _percentile([r["latency_ms"] for r in records], 0.5),
        "latency_p95_ms": _percentile([r["latency_ms"] for r in records], 0.95),
    }
    return summary
