#!/usr/bin/env python3
"""Sanity checks for the hand-made eval data; the logic lives in ``evals/dataset.py``.

Usage: python3 evals/check_dataset.py [REPORT_PATH]
Prints one line per problem, then a short summary; exits 1 when there is a problem.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evals.dataset import check_dataset, corpus_text  # noqa: E402


def main() -> int:
    report = Path(sys.argv[1]).read_text(encoding="utf-8") if len(sys.argv) > 1 else corpus_text()
    check = check_dataset(report=report)
    for problem in check.problems:
        print("PROBLEM:", problem)
    total = sum(check.kinds.values())
    print(f"dataset: {total} items; kinds: {dict(sorted(check.kinds.items()))}; splits: {dict(check.splits)}")
    print(f"claim_pairs: {check.pairs} pairs; supported {check.supported_pairs}, "
          f"unsupported {check.pairs - check.supported_pairs}")
    print("No problems found." if check.ok else f"{len(check.problems)} problem(s).")
    return 0 if check.ok else 1


if __name__ == "__main__":
    sys.exit(main())
