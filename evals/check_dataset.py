#!/usr/bin/env python3
"""Sanity checks for the hand-made eval data (stdlib only).

Usage: python3 check_dataset.py [REPORT_PATH]
Prints one line per problem, then a short summary.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "police-fire-reform-year3-partnership-innovation-prevention.txt"
CANDIDATES = [
    os.path.join(HERE, "..", "corpus", NAME),
    os.path.join("/work/shared/seeds", NAME),
]
KINDS = {"quote_seeking", "who_said", "respondent", "filtered", "narrative_fact",
         "paraphrase", "false_attribution", "theme", "follow_up", "unanswerable",
         "injection"}
MIN_PER_KIND = 7
MIN_UNANSWERABLE = 0.15
CODE_RE = re.compile(r"\((?:([A-D])([0-9O]{2}) (?:Police|Fire|Partner)|(FGD))\)")

problems = []


def problem(msg):
    problems.append(msg)
    print("PROBLEM:", msg)


def load_jsonl(path):
    rows = []
    if not os.path.exists(path):
        problem(f"missing file {path}")
        return rows
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problem(f"{os.path.basename(path)} line {n}: bad JSON ({exc})")
    return rows


def main():
    if len(sys.argv) > 1:
        report_path = sys.argv[1]
    else:
        report_path = next((p for p in CANDIDATES if os.path.exists(p)), CANDIDATES[-1])
    with open(report_path, encoding="utf-8") as fh:
        report = fh.read()
    codes = set()
    for letter, digits, fgd in CODE_RE.findall(report):
        codes.add(fgd or letter + digits.replace("O", "0"))

    # ---- dataset.jsonl
    items = load_jsonl(os.path.join(HERE, "dataset.jsonl"))
    ids = Counter(it.get("id") for it in items)
    for i, c in ids.items():
        if c > 1:
            problem(f"dataset: duplicated id {i} ({c}x)")
    kinds, splits = Counter(), Counter()
    for it in items:
        iid = it.get("id", "?")
        for field in ("id", "question", "kind", "answerable", "expected_codes",
                      "gold_evidence", "key_points", "history", "filters", "split"):
            if field not in it:
                problem(f"{iid}: missing field {field}")
        kind = it.get("kind")
        kinds[kind] += 1
        splits[it.get("split")] += 1
        if kind not in KINDS:
            problem(f"{iid}: unknown kind {kind!r}")
        if it.get("split") not in ("dev", "heldout"):
            problem(f"{iid}: bad split {it.get('split')!r}")
        if not isinstance(it.get("answerable"), bool):
            problem(f"{iid}: answerable must be true/false")
        for code in it.get("expected_codes", []):
            if code not in codes:
                problem(f"{iid}: code {code!r} not in report")
        gold = it.get("gold_evidence", [])
        for span in gold:
            if span not in report:
                problem(f"{iid}: gold span not verbatim in report: {span[:80]!r}")
            if not 30 <= len(span) <= 250:
                problem(f"{iid}: gold span length {len(span)} outside 30-250: {span[:60]!r}")
        if it.get("answerable"):
            if not 1 <= len(gold) <= 3:
                problem(f"{iid}: answerable item needs 1-3 gold spans (has {len(gold)})")
        elif gold:
            problem(f"{iid}: non-answerable item should have no gold spans")
        if kind == "unanswerable":
            if it.get("answerable") or it.get("expected_codes"):
                problem(f"{iid}: unanswerable item must be answerable=false with no codes")
        if not 1 <= len(it.get("key_points", [])) <= 3:
            problem(f"{iid}: needs 1-3 key_points")
        if kind == "follow_up" and not it.get("history"):
            problem(f"{iid}: follow_up without history")
        if kind != "follow_up" and it.get("history"):
            problem(f"{iid}: history set on non-follow_up item")
        if it.get("filters") and kind != "filtered":
            problem(f"{iid}: filters set on non-filtered item")
    for k in sorted(KINDS):
        if kinds[k] < MIN_PER_KIND:
            problem(f"kind {k} has {kinds[k]} items (< {MIN_PER_KIND})")
    if items:
        share = kinds["unanswerable"] / len(items)
        if share < MIN_UNANSWERABLE:
            problem(f"unanswerable share {share:.1%} < {MIN_UNANSWERABLE:.0%}")
    if len(items) < 90:
        problem(f"dataset has {len(items)} items (< 90)")

    # ---- claim_pairs.jsonl
    pairs = load_jsonl(os.path.join(HERE, "claim_pairs.jsonl"))
    pids = Counter(p.get("id") for p in pairs)
    for i, c in pids.items():
        if c > 1:
            problem(f"claim_pairs: duplicated id {i} ({c}x)")
    for p in pairs:
        pid = p.get("id", "?")
        for field in ("id", "sentence", "passage", "supported", "note"):
            if field not in p:
                problem(f"{pid}: missing field {field}")
        if p.get("passage", "") not in report:
            problem(f"{pid}: passage not verbatim in report: {p.get('passage', '')[:80]!r}")
        if not isinstance(p.get("supported"), bool):
            problem(f"{pid}: supported must be true/false")
    if len(pairs) < 70:
        problem(f"claim_pairs has {len(pairs)} pairs (< 70)")
    n_sup = sum(1 for p in pairs if p.get("supported") is True)

    # ---- summary
    print(f"report: {report_path} ({len(report)} chars); codes: {sorted(codes)}")
    print(f"dataset: {len(items)} items; kinds: {dict(sorted(kinds.items()))}")
    print(f"splits: {dict(splits)}; heldout share "
          f"{splits['heldout'] / max(len(items), 1):.1%}; unanswerable share "
          f"{kinds['unanswerable'] / max(len(items), 1):.1%}")
    print(f"claim_pairs: {len(pairs)} pairs; supported {n_sup}, unsupported {len(pairs) - n_sup}")
    print("No problems found." if not problems else f"{len(problems)} problem(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
