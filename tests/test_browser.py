"""End to end in a real browser: `streamlit run` on a loopback port, driven by Debian's Chromium via Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import free_port
from processes import PROJECT, serving, streamlit_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
QUESTION = "What did fire service interviewees say about youth engagement?"


@pytest.fixture
def server(assistant, shared_index_dir, tmp_path):
    """``streamlit run`` over the index the session ``assistant`` built; yields the page's URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serving(streamlit_command(port), f"{url}_stcore/health", tmp_path / "streamlit.log",
                 env={"ASSISTANT_INDEX_DIR": str(shared_index_dir)}):
        yield url


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: apt-get install -y chromium")
def test_ask_see_sources_and_download_markdown(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(server)
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_editable(timeout=120_000)
            box.fill(QUESTION)
            box.press("Enter")
            expect(page.get_by_text("[B13 Fire]").first).to_be_visible(timeout=120_000)
            expect(page.get_by_text("Sources (").first).to_be_visible()
            expect(page.get_by_text("B13 · Fire · area B").first).to_be_visible()
            with page.expect_download() as download:
                page.get_by_role("button", name="Copy for briefing (Markdown)").click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
        finally:
            browser.close()
    text = saved.read_text(encoding="utf-8")
    assert saved.suffix == ".md" and QUESTION in text and "[B13 Fire]" in text
    assert (tmp_path / "answer.png").stat().st_size > 10_000


@pytest.fixture
def library_server(shared_index_dir, assistant, tmp_path):
    """``streamlit run`` over private copies of the corpus folder and the index, so uploads stay in this test."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(PROJECT / "corpus", corpus)
    shutil.copytree(shared_index_dir, index)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serving(streamlit_command(port), f"{url}_stcore/health", tmp_path / "streamlit.log",
                 env={"ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(corpus)}):
        yield url, corpus


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: apt-get install -y chromium")
def test_upload_a_pdf_then_ask_it_and_see_page_citations(library_server, tmp_path, report_text):
    from playwright.sync_api import expect, sync_playwright

    from make_documents import report_pdf

    url, corpus = library_server
    upload = tmp_path / "year3.pdf"
    upload.write_bytes(report_pdf(report_text))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(url)
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_editable(timeout=120_000)
            page.get_by_text("Add reports").click()
            page.locator("input[type=file]").set_input_files(str(upload))
            page.get_by_role("button", name="Add to the findings").click()
            expect(page.get_by_text("Added year3.pdf").first).to_be_visible(timeout=180_000)
            page.get_by_test_id("stSidebar").get_by_text("year3.pdf —").wait_for(timeout=60_000)

            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_editable(timeout=120_000)
            choose = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Document")
            choose.locator("input").click()
            page.get_by_role("option", name="year3.pdf").click()
            box.fill("What did B13 say about youth engagement?")
            box.press("Enter")
            expect(page.get_by_text("[B13 Fire, year3.pdf, p.").first).to_be_visible(timeout=120_000)
            page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
        finally:
            browser.close()
    assert (corpus / "year3.pdf").read_bytes() == upload.read_bytes()
