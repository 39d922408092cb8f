"""The Evals page in a real browser: `streamlit run` on a loopback port, driven by Debian's Chromium via Playwright.
A stored run is drawn as Vega-Lite charts (which Streamlit renders itself, unlike the report's inline SVG), and a
file that is not questions is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from processes import free_port
from evals.dataset import load_items
from evals.runner import BUNDLED_DATASET, label_run, run_suite, write_reports
from processes import serving, streamlit_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


@pytest.fixture
def stored_run(assistant, tmp_path) -> Path:
    """A reports folder holding one run of two dev questions."""
    result = run_suite(assistant, load_items(split="dev")[:2])
    label_run(result, assistant, BUNDLED_DATASET, "dev")
    return write_reports(result, tmp_path / "reports")


@pytest.fixture
def server(stored_run, shared_index_dir, tmp_path):
    """``streamlit run`` over the shared index, with the stored run in its reports folder; yields the URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serving(streamlit_command(port), f"{url}_stcore/health", tmp_path / "streamlit.log",
                 env={"ASSISTANT_INDEX_DIR": str(shared_index_dir),
                      "ASSISTANT_EVAL_REPORTS_DIR": str(stored_run.parent)}):
        yield url


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: apt-get install -y chromium")
def test_the_evals_page_draws_a_stored_runs_charts(server, stored_run, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    bad = tmp_path / "bad.jsonl"
    bad.write_text("this is not json\n", encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server)
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Evals").click()
            expect(page.get_by_role("heading", name="Answer-quality evals")).to_be_visible(timeout=120_000)
            expect(page.get_by_text(f"Reports are written to {stored_run.parent}")).to_be_visible()
            charts = page.get_by_test_id("stVegaLiteChart")
            expect(charts).to_have_count(4, timeout=60_000)
            for chart in charts.all():
                chart.scroll_into_view_if_needed()
                expect(chart.locator("canvas, svg").first).to_be_visible()
                assert chart.bounding_box()["height"] > 100
            page.screenshot(path=str(tmp_path / "evals-charts.png"), full_page=True)

            page.get_by_text("A file of your own").click()
            page.locator("input[type=file]").set_input_files(str(bad))
            expect(page.get_by_test_id("stFileChipName")).to_have_text("bad.jsonl")
            expect(page.get_by_test_id("stFileChipIconSpinner")).to_have_count(0)  # uploaded
            page.get_by_role("button", name="Run the evals").click()
            expect(page.get_by_text("bad.jsonl is not an eval dataset: line 1")).to_be_visible(timeout=60_000)
            page.screenshot(path=str(tmp_path / "evals-bad-upload.png"), full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "evals-charts.png").stat().st_size > 10_000
