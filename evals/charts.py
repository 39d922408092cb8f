"""A run's charts as Altair (Vega-Lite) charts, which Streamlit draws itself (the Evals page).

The same figures as report.html's inline SVG (``report.chart_series``); Streamlit's HTML sanitiser strips SVG, so
the page cannot reuse that.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from .report import LATENCY_TITLE, chart_series

# The report's colours: green from 0.85, amber from 0.6, red below.
RATE_COLOURS = alt.Scale(type="threshold", domain=[0.6, 0.85], range=["#c62828", "#f9a825", "#2e7d32"])


def rate_chart(values: dict[str, float], title: str) -> alt.LayerChart:
    """Horizontal bars of rates in [0, 1], each labelled with its value."""
    frame = pd.DataFrame({"name": list(values), "rate": list(values.values())})
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("rate:Q", scale=alt.Scale(domain=[0, 1]), title=None),
        y=alt.Y("name:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("rate:Q", scale=RATE_COLOURS, legend=None),
        tooltip=[alt.Tooltip("name:N", title=""), alt.Tooltip("rate:Q", format=".3f")],
    )
    labels = bars.mark_text(align="left", dx=3).encode(text=alt.Text("rate:Q", format=".2f"), color=alt.value("#333"))
    return alt.layer(bars, labels, title=title)


def latency_chart(latencies: Sequence[float], title: str = LATENCY_TITLE) -> alt.Chart:
    """A histogram of per-question latency."""
    frame = pd.DataFrame({"latency_ms": list(latencies)})
    return alt.Chart(frame, title=title).mark_bar().encode(
        x=alt.X("latency_ms:Q", bin=alt.Bin(maxbins=20), title="milliseconds"),
        y=alt.Y("count():Q", title="questions", axis=alt.Axis(tickMinStep=1, format="d")),
    )


def run_charts(result) -> list[alt.TopLevelMixin]:
    """Correct rate and gold-in-top-5 by kind, gold-in-top-5 by system, and latency; a chart with no data left out."""
    bars = [rate_chart(values, title) for title, values in chart_series(result.summary).items() if values]
    latencies = [record["latency_ms"] for record in result.records]
    return bars + ([latency_chart(latencies)] if latencies else [])
