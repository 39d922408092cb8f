"""Reports of a run: a Markdown file and a self-contained HTML page with inline SVG charts (no scripts)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

SYSTEM_COLUMNS = ("hit@1", "hit@5", "recall@5", "mrr", "ndcg@10", "gold_in_answer", "codes_all_cited",
                  "quote_verbatim_rate", "attribution_accuracy", "citation_precision", "claim_support_rate",
                  "correct_rate", "abstention_recall", "latency_p50_ms", "latency_p95_ms")
HEADLINE = ("hit@5", "recall@5", "mrr", "ndcg@10", "gold_in_answer", "code_recall", "codes_all_cited",
            "quote_verbatim_rate", "attribution_accuracy", "citation_precision", "claim_support_rate",
            "uncited_claims", "correct_rate", "decision_accuracy", "abstention_precision", "abstention_recall",
            "false_refusal_rate", "latency_p50_ms", "latency_p95_ms")


def fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def headline(result) -> str:
    """A few lines for the terminal: the main metrics by split, the checker, the gates."""
    summary = result.summary
    splits = {"all": summary["overall"]} | summary["by_split"]
    lines = [f"{'metric':<22}" + "".join(f"{name:>10}" for name in splits)]
    lines += [f"{key:<22}" + "".join(f"{fmt(s.get(key)):>10}" for s in splits.values()) for key in HEADLINE]
    checker = summary["claim_checker"]
    lines.append(f"claim checker ({checker['checker']}): balanced accuracy dev {checker['balanced_accuracy_dev']}, "
                 f"heldout {checker['balanced_accuracy_heldout']}, all {checker['balanced_accuracy_all']}")
    if "by_document" in summary:
        columns = ("questions", "hit@5", "codes_all_cited", "abstention_recall", "quote_verbatim_rate",
                   "attribution_accuracy", "correct_rate")
        lines.append("")
        lines.append(f"{'document':<34}" + "".join(f"{c[:12]:>13}" for c in columns))
        lines += [f"{name[:33]:<34}" + "".join(f"{fmt(s.get(c)):>13}" for c in columns)
                  for name, s in summary["by_document"].items()]
    lines += [f"gate {'PASS' if g['passed'] else 'FAIL'} {g['name']}: {fmt(g['value'])} (min {g['min']}"
              f"{', hard' if g['hard'] else ''})" for g in result.gates]
    return "\n".join(lines)


def render_markdown(result) -> str:
    summary = result.summary
    parts = ["# Answer-quality eval", "", "## Gates", "",
             _table(["gate", "metric", "value", "min", "hard", "result"],
                    [[g["name"], g["metric"], g["value"], g["min"], g["hard"], "PASS" if g["passed"] else "FAIL"]
                     for g in result.gates]),
             "", "## Headline by split", "",
             _table(["metric", "all", *summary["by_split"]],
                    [[key, summary["overall"].get(key), *(s.get(key) for s in summary["by_split"].values())]
                     for key in HEADLINE]),
             "", "## Systems side by side", "",
             "Baselines answer with their top chunks' text (no abstention, no citations), so citation and claim "
             "metrics are not meaningful for them.", "",
             _table(["system", *SYSTEM_COLUMNS],
                    [[name, *(s.get(key) for key in SYSTEM_COLUMNS)] for name, s in summary["systems"].items()]),
             "", "## By kind", "",
             _table(["kind", "n", "correct_rate", "hit@5", "gold_in_answer", "codes_all_cited"],
                    [[k, s["questions"], s["correct_rate"], s["hit@5"], s["gold_in_answer"], s["codes_all_cited"]]
                     for k, s in summary["by_kind"].items()]),
             "", "## Claim checker", ""]
    checker = summary["claim_checker"]
    parts.append(f"{checker['checker']}, threshold {checker['threshold']} (tuned on dev pairs only): balanced "
                 f"accuracy dev {checker['balanced_accuracy_dev']} ({checker['pairs_dev']} pairs), heldout "
                 f"{checker['balanced_accuracy_heldout']} ({checker['pairs_heldout']}), all "
                 f"{checker['balanced_accuracy_all']}.")
    if result.comparison:
        parts += ["", f"## Compared with {result.comparison['previous']}", ""]
        parts += [f"- {c['status']}: {c['id']} {c['question']} — fixed: {'; '.join(c['fixed']) or '—'}; "
                  f"broken: {'; '.join(c['broken']) or '—'}" for c in result.comparison["questions"]] or ["No change."]
    parts += ["", f"## Failures ({len(result.failures)} questions)", ""]
    for record in result.failures:
        parts += [f"### {record['id']} ({record['kind']}, {record['split']}) — {record['question']}", "",
                  *[f"- {problem}" for problem in record["failures"]], "", "<details><summary>answer</summary>", "",
                  record["answer"], "", "</details>", ""]
    return "\n".join(parts)


def bar_chart(values: dict[str, float | None], title: str, width: int = 640) -> str:
    """Horizontal bars of values in [0, 1], as inline SVG."""
    row, label_width = 22, 150
    height = row * len(values) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}"><text x="0" y="14" font-size="13" font-weight="bold">'
             f'{html.escape(title)}</text>']
    for i, (name, value) in enumerate(values.items()):
        y = 24 + i * row
        length = (width - label_width - 60) * (value or 0.0)
        colour = "#2e7d32" if (value or 0) >= 0.85 else "#f9a825" if (value or 0) >= 0.6 else "#c62828"
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(name)}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{colour}"/>'
                     f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" font-size="12">{fmt(value)}</text>')
    return "".join(parts) + "</svg>"


def latency_histogram(latencies: Sequence[float], title: str, width: int = 640, bins: int = 20) -> str:
    """A histogram of per-question latency, as inline SVG."""
    if not latencies:
        return ""
    low, high = min(latencies), max(latencies)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in latencies:
        counts[min(int((value - low) / step), bins - 1)] += 1
    height, top = 160, max(counts)
    bar = (width - 40) / bins
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 40}" role="img" '
             f'aria-label="{html.escape(title)}"><text x="0" y="14" font-size="13" font-weight="bold">'
             f'{html.escape(title)}</text>']
    for i, count in enumerate(counts):
        h = (height - 30) * count / top
        parts.append(f'<rect x="{20 + i * bar:.1f}" y="{height - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                     f'fill="#1565c0"><title>{low + i * step:.0f}–{low + (i + 1) * step:.0f} ms: {count}</title></rect>')
    parts.append(f'<text x="20" y="{height + 16}" font-size="11">{low:.0f} ms</text>'
                 f'<text x="{width - 80}" y="{height + 16}" font-size="11">{high:.0f} ms</text>')
    return "".join(parts) + "</svg>"


LATENCY_TITLE = "Latency per question (ms)"


def chart_series(summary: dict[str, Any]) -> dict[str, dict[str, float]]:
    """What the bar charts of a run show, title -> {bar: rate in [0, 1]}; rates with nothing to count left out."""
    series = {
        "Correct (answered or abstained), by kind": {k: s["correct_rate"] for k, s in summary["by_kind"].items()},
        "Gold evidence in top 5, by kind": {k: s["hit@5"] for k, s in summary["by_kind"].items()},
        "Gold in top 5, by system": {n: s["hit@5"] for n, s in summary["systems"].items()},
    }
    return {title: {name: value for name, value in values.items() if value is not None}
            for title, values in series.items()}


def charts(result) -> list[str]:
    """The run's charts as inline SVG, for the static report.html."""
    return [*(bar_chart(values, title) for title, values in chart_series(result.summary).items()),
            latency_histogram([r["latency_ms"] for r in result.records], LATENCY_TITLE)]


def render_html(result) -> str:
    """The Markdown report's content as one HTML page with the charts inline; failures folded per question."""
    summary = result.summary

    def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
        head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(fmt(c))}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><tr>{head}</tr>{body}</table>"

    gates = table(["gate", "value", "min", "hard", "result"],
                  [[g["name"], g["value"], g["min"], g["hard"], "PASS" if g["passed"] else "FAIL"] for g in result.gates])
    splits = table(["metric", "all", *summary["by_split"]],
                   [[k, summary["overall"].get(k), *(s.get(k) for s in summary["by_split"].values())] for k in HEADLINE])
    systems = table(["system", *SYSTEM_COLUMNS],
                    [[n, *(s.get(k) for k in SYSTEM_COLUMNS)] for n, s in summary["systems"].items()])
    failures = "".join(
        f"<details><summary><b>{html.escape(r['id'])}</b> ({html.escape(r['kind'])}) {html.escape(r['question'])}"
        f"</summary><ul>{''.join(f'<li>{html.escape(p)}</li>' for p in r['failures'])}</ul>"
        f"<pre>{html.escape(r['answer'])}</pre></details>" for r in result.failures)
    checker = summary["claim_checker"]
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Answer-quality eval</title><style>
body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;margin:1em 0;font-size:13px}}td,th{{border:1px solid #ccc;padding:3px 6px}}
pre{{white-space:pre-wrap;background:#f6f6f6;padding:8px}}summary{{cursor:pointer;margin:4px 0}}</style></head><body>
<h1>Answer-quality eval</h1><h2>Gates</h2>{gates}<h2>Headline by split</h2>{splits}
<h2>Systems side by side</h2><p>Baselines answer with their top chunks' text (no abstention, no citations).</p>{systems}
<h2>Charts</h2>{''.join(f'<div>{c}</div>' for c in charts(result))}
<h2>Claim checker</h2><p>{html.escape(checker['checker'])}, threshold {checker['threshold']} (dev pairs only): balanced
accuracy dev {checker['balanced_accuracy_dev']}, heldout {checker['balanced_accuracy_heldout']}, all
{checker['balanced_accuracy_all']}.</p><h2>Failures ({len(result.failures)} questions)</h2>{failures}</body></html>"""
