"""The hand-made eval data: load it, split it, and check it against the corpus (stdlib only)."""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVALS_DIR = Path(__file__).resolve().parent
DATASET_PATH = EVALS_DIR / "dataset.jsonl"
CLAIM_PAIRS_PATH = EVALS_DIR / "claim_pairs.jsonl"
CORPUS_DIR = EVALS_DIR.parent / "corpus"
SPLITS = ("dev", "heldout")
KINDS = frozenset({"quote_seeking", "who_said", "respondent", "filtered", "narrative_fact", "paraphrase",
                   "false_attribution", "theme", "follow_up", "unanswerable", "injection",
                   "comparison", "prevalence", "summary", "quote_for_briefing"})
BRIEFING_KINDS = frozenset({"theme", "comparison", "prevalence", "summary", "quote_for_briefing"})
MIN_PER_KIND = 7
MIN_UNANSWERABLE_SHARE = 0.15
GOLD_SPAN_CHARS = (30, 250)
REQUIRED_FIELDS = ("id", "question", "kind", "answerable", "expected_codes", "gold_evidence", "key_points",
                   "history", "filters", "split")


@dataclass(frozen=True)
class EvalItem:
    """One question with what a good answer must show."""

    id: str
    question: str
    kind: str
    answerable: bool
    expected_codes: tuple[str, ...]
    gold_evidence: tuple[str, ...]
    key_points: tuple[str, ...]
    history: tuple[str, ...]
    filters: dict[str, str]
    split: str
    document: str = ""  # the file the item is about, in a library of several
    relevant_codes: tuple[str, ...] = ()  # every respondent with an on-topic extract (quote precision)
    has_relevant_codes: bool = False
    themes: tuple[dict[str, Any], ...] = ()  # {"label", "evidence": [spans]}: what a themes answer covers
    groups: tuple[str, ...] = ()  # groups a comparison must represent
    areas: tuple[str, ...] = ()  # areas a comparison must represent
    count: tuple[int, int] | None = None  # prevalence: the range of respondents a careful reader counts
    bullets: int | None = None  # summary: the number of bullets asked for

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> "EvalItem":
        groups = row.get("groups") or ()
        areas = groups.get("areas", ()) if isinstance(groups, dict) else row.get("areas", ())
        groups = () if isinstance(groups, dict) else groups
        count = row.get("count")
        return cls(
            id=row["id"], question=row["question"], kind=row["kind"], answerable=bool(row["answerable"]),
            expected_codes=tuple(row.get("expected_codes", ())), gold_evidence=tuple(row.get("gold_evidence", ())),
            key_points=tuple(row.get("key_points", ())), history=tuple(row.get("history", ())),
            filters=dict(row.get("filters", {})), split=row.get("split", "dev"), document=row.get("document", ""),
            relevant_codes=tuple(row.get("relevant_codes", row.get("expected_codes", ()))),
            has_relevant_codes="relevant_codes" in row, themes=tuple(row.get("themes", ())),
            groups=tuple(groups), areas=tuple(areas),
            count=(int(count["min"]), int(count["max"])) if isinstance(count, dict) else None,
            bullets=row.get("bullets"),
        )


@dataclass(frozen=True)
class ClaimPair:
    """A sentence and a passage, labelled by hand: does the passage support the sentence?"""

    id: str
    sentence: str
    passage: str
    supported: bool
    note: str = ""

    @property
    def split(self) -> str:
        """A fixed calibration split: about two thirds "dev" (threshold tuning), the rest "heldout"."""
        return "heldout" if zlib.crc32(self.id.encode()) % 3 == 0 else "dev"


@dataclass
class DatasetCheck:
    """The problems found in the eval data, and counts for a summary."""

    problems: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    splits: Counter = field(default_factory=Counter)
    pairs: int = 0
    supported_pairs: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file; blank lines skipped."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parse_items(data: str | bytes, source: str) -> list[EvalItem]:
    """The eval questions in the text of a JSON-lines file; a ValueError names the first line that is not one."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise TypeError("not a JSON object")
            items.append(EvalItem.from_dict(row))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            reason = f"no field {error}" if isinstance(error, KeyError) else str(error)
            raise ValueError(f"{source} is not an eval dataset: line {number} is not a question ({reason}). "
                             "See evals/README.md for the format.") from error
    return items


def select_split(items: Iterable[EvalItem], split: str | None) -> list[EvalItem]:
    """The items of one split ("dev" or "heldout"; None or "all" = every item)."""
    if split in (None, "", "all"):
        return list(items)
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}: use dev, heldout or all.")
    return [item for item in items if item.split == split]


def load_items(path: Path | None = None, split: str | None = None) -> list[EvalItem]:
    """The eval questions, optionally only one split ("dev" or "heldout"; None or "all" = every item)."""
    path = Path(path or DATASET_PATH)
    return select_split(parse_items(path.read_text(encoding="utf-8"), str(path)), split)


def load_claim_pairs(path: Path | None = None) -> list[ClaimPair]:
    """The hand-labelled sentence/passage pairs the claim checker is calibrated and scored on."""
    return [ClaimPair(**row) for row in read_jsonl(path or CLAIM_PAIRS_PATH)]


def corpus_text(corpus_dir: Path | None = None) -> str:
    """All report text in the corpus folder, as the readers read it, joined (gold spans must be verbatim in it)."""
    from assistant.documents.library import read_library
    from assistant.documents.readers import MAX_DOCUMENT_BYTES

    documents, _ = read_library(Path(corpus_dir or CORPUS_DIR), MAX_DOCUMENT_BYTES)
    return "\n\n".join(document.text for document in documents)


def report_codes(text: str) -> set[str]:
    """Respondent codes the parser attributes in ``text`` (learned attribution shapes; "DO2" read as "D02")."""
    from assistant.documents.corpus import parse_document

    return {e.respondent.code for e in parse_document(text, "corpus").extracts if e.respondent}


def check_items(rows: Iterable[dict[str, Any]], report: str, check: DatasetCheck) -> None:
    """Record every problem in the dataset rows: fields, kinds, splits, codes and verbatim gold spans."""
    rows = list(rows)
    codes = report_codes(report)
    for item_id, count in Counter(row.get("id") for row in rows).items():
        if count > 1:
            check.problems.append(f"dataset: duplicated id {item_id} ({count}x)")
    for row in rows:
        iid, kind, gold = row.get("id", "?"), row.get("kind"), row.get("gold_evidence", [])
        check.problems.extend(f"{iid}: missing field {name}" for name in REQUIRED_FIELDS if name not in row)
        check.kinds[kind] += 1
        check.splits[row.get("split")] += 1
        if kind not in KINDS:
            check.problems.append(f"{iid}: unknown kind {kind!r}")
        if row.get("split") not in SPLITS:
            check.problems.append(f"{iid}: bad split {row.get('split')!r}")
        if not isinstance(row.get("answerable"), bool):
            check.problems.append(f"{iid}: answerable must be true/false")
        check.problems.extend(f"{iid}: code {code!r} not in report" for code in row.get("expected_codes", [])
                              if code not in codes)
        for span in gold:
            if span not in report:
                check.problems.append(f"{iid}: gold span not verbatim in report: {span[:80]!r}")
            if not GOLD_SPAN_CHARS[0] <= len(span) <= GOLD_SPAN_CHARS[1]:
                check.problems.append(f"{iid}: gold span length {len(span)} outside 30-250: {span[:60]!r}")
        if row.get("answerable") and not 1 <= len(gold) <= 3:
            check.problems.append(f"{iid}: answerable item needs 1-3 gold spans (has {len(gold)})")
        if not row.get("answerable") and gold:
            check.problems.append(f"{iid}: non-answerable item should have no gold spans")
        if kind == "unanswerable" and (row.get("answerable") or row.get("expected_codes")):
            check.problems.append(f"{iid}: unanswerable item must be answerable=false with no codes")
        if not 1 <= len(row.get("key_points", [])) <= 3:
            check.problems.append(f"{iid}: needs 1-3 key_points")
        if (kind == "follow_up") != bool(row.get("history")):
            check.problems.append(f"{iid}: history must be set on follow_up items and only on them")
        if row.get("filters") and kind != "filtered":
            check.problems.append(f"{iid}: filters set on non-filtered item")
        if kind == "prevalence" and row.get("answerable") and not isinstance(row.get("count"), dict):
            check.problems.append(f"{iid}: prevalence item needs count {{min, max}}")
        for theme in row.get("themes", []):
            for span in theme.get("evidence", []):
                if span not in report:
                    check.problems.append(f"{iid}: theme evidence not verbatim in report: {span[:60]!r}")
    for kind in sorted(KINDS):
        if check.kinds[kind] < MIN_PER_KIND:
            check.problems.append(f"kind {kind} has {check.kinds[kind]} items (< {MIN_PER_KIND})")
    if rows and sum(not row.get("answerable") for row in rows) / len(rows) < MIN_UNANSWERABLE_SHARE:
        check.problems.append(f"unanswerable share below {MIN_UNANSWERABLE_SHARE:.0%}")


def check_claim_pairs(rows: Iterable[dict[str, Any]], report: str, check: DatasetCheck) -> None:
    """Record every problem in the claim pairs: fields, labels, and passages that are not verbatim."""
    rows = list(rows)
    for pair_id, count in Counter(row.get("id") for row in rows).items():
        if count > 1:
            check.problems.append(f"claim_pairs: duplicated id {pair_id} ({count}x)")
    for row in rows:
        pid = row.get("id", "?")
        check.problems.extend(f"{pid}: missing field {name}" for name in ("id", "sentence", "passage", "supported", "note")
                              if name not in row)
        if row.get("passage", "") not in report:
            check.problems.append(f"{pid}: passage not verbatim in report: {row.get('passage', '')[:80]!r}")
        if not isinstance(row.get("supported"), bool):
            check.problems.append(f"{pid}: supported must be true/false")
    check.pairs = len(rows)
    check.supported_pairs = sum(row.get("supported") is True for row in rows)


def check_dataset(dataset_path: Path | None = None, pairs_path: Path | None = None,
                  report: str | None = None) -> DatasetCheck:
    """Check the dataset and the claim pairs against the report text (the corpus folder by default)."""
    report = corpus_text() if report is None else report
    check = DatasetCheck()
    check_items(read_jsonl(dataset_path or DATASET_PATH), report, check)
    check_claim_pairs(read_jsonl(pairs_path or CLAIM_PAIRS_PATH), report, check)
    return check
