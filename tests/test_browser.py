"""End to end in a real browser: `streamlit run` on a loopback port, driven by Debian's Chromium via Playwright.
Each journey saves a screenshot of every step in the test's temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from processes import free_port
from processes import PROJECT, serving, streamlit_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
QUESTION = "What did fire service interviewees say about youth engagement?"
SECOND = "What drives partnership working?"
WAIT = 120_000

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: apt-get install -y chromium")


@pytest.fixture
def server(assistant, shared_index_dir, tmp_path):
    """``streamlit run`` over the index the session ``assistant`` built; yields the page's URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serving(streamlit_command(port), f"{url}_stcore/health", tmp_path / "streamlit.log",
                 env={"ASSISTANT_INDEX_DIR": str(shared_index_dir)}):
        yield url


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


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class Journey:
    """A page and a numbered screenshot of each step."""

    def __init__(self, page, folder: Path):
        self.page, self.folder, self.steps = page, folder, 0

    def shot(self, name: str) -> None:
        self.steps += 1
        self.page.screenshot(path=str(self.folder / f"{self.steps:02d}-{name}.png"), full_page=True)

    def ready(self):
        from playwright.sync_api import expect

        box = self.page.get_by_test_id("stChatInputTextArea")
        expect(box).to_be_editable(timeout=WAIT)
        return box

    def ask(self, question: str) -> None:
        from playwright.sync_api import expect

        box = self.ready()
        box.fill(question)
        box.press("Enter")
        expect(self.main.get_by_text(question).first).to_be_visible(timeout=WAIT)
        expect(self.main.get_by_test_id("stChatMessage").last.get_by_role("button", name="[1]")).to_be_visible(
            timeout=WAIT)

    def pick(self, selectbox, option: str) -> None:
        """Choose ``option``; the list may close while the page is still running its last rerun, so reopen it."""
        for _ in range(10):
            selectbox.locator("input").click()
            choice = self.page.get_by_role("option", name=option)
            try:
                choice.wait_for(timeout=3000)
                choice.click()
                return
            except Exception:  # noqa: BLE001 -- Playwright's TimeoutError: try again
                self.page.keyboard.press("Escape")
        raise AssertionError(f"{option} was never offered")

    @property
    def main(self):
        return self.page.get_by_test_id("stMainBlockContainer")

    @property
    def sidebar(self):
        return self.page.get_by_test_id("stSidebar")


def journey(browser, tmp_path, **context) -> Journey:
    return Journey(browser.new_context(**context).new_page(), tmp_path)


def test_a_citation_shows_its_quote_marked_and_opens_the_document_at_it(server, browser, tmp_path):
    from playwright.sync_api import expect

    walk = journey(browser, tmp_path, viewport={"width": 1280, "height": 900})
    walk.page.goto(server)
    walk.ask(QUESTION)
    expect(walk.main.get_by_text("— B13 Fire [").first).to_be_visible()
    walk.shot("answer")

    walk.main.get_by_role("button", name="[1]").first.click()
    mark = walk.page.get_by_test_id("stPopoverBody").locator("mark")
    expect(mark).to_be_visible(timeout=WAIT)
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    marked = mark.inner_text()  # read now: opening the document closes the popover
    assert len(marked) > 20
    walk.shot("citation-open")

    walk.page.get_by_role("button", name="Open in document").click()
    dialog = walk.page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=WAIT)
    frame = dialog.frame_locator("iframe")
    cited = frame.locator("mark#cited")
    expect(cited).to_have_text(marked)
    scrolled = cited.evaluate("m => [document.scrollingElement.scrollTop, m.getBoundingClientRect().top, "
                              "m.getBoundingClientRect().bottom, window.innerHeight]")
    top_of_page, mark_top, mark_bottom, height = scrolled
    assert top_of_page > 0 and 0 <= mark_top and mark_bottom <= height, scrolled
    walk.shot("document-at-quote")


def test_a_reload_keeps_the_conversation_and_a_past_chat_reopens(server, browser, tmp_path):
    from playwright.sync_api import expect

    walk = journey(browser, tmp_path)
    walk.page.goto(server)
    walk.ask(QUESTION)
    assert "chat=" in walk.page.url
    walk.shot("asked")
    walk.page.reload()
    walk.ready()
    expect(walk.main.get_by_text(QUESTION)).to_be_visible(timeout=WAIT)
    expect(walk.main.get_by_role("button", name="[1]").first).to_be_visible()
    walk.shot("after-reload")

    walk.sidebar.get_by_role("button", name="New chat").click()
    expect(walk.main.get_by_text("Try asking")).to_be_visible(timeout=WAIT)
    walk.ask(SECOND)
    expect(walk.main.get_by_text(QUESTION)).to_have_count(0)
    walk.shot("second-chat")

    walk.sidebar.get_by_role("button", name=QUESTION[:30]).click()  # the list shows titles cut to a line
    expect(walk.main.get_by_text(QUESTION)).to_be_visible(timeout=WAIT)
    expect(walk.main.get_by_text(SECOND)).to_have_count(0)
    walk.shot("past-chat-reopened")


def test_example_questions_are_offered_and_answer_when_clicked(server, browser, tmp_path):
    from playwright.sync_api import expect

    walk = journey(browser, tmp_path)
    walk.page.goto(server)
    walk.ready()
    expect(walk.main.get_by_text("What the library holds")).to_be_visible(timeout=WAIT)
    examples = walk.main.get_by_test_id("stButton").filter(has=walk.page.locator("button"))
    expect(examples.first).to_be_visible()
    assert 4 <= examples.count() <= 6
    question = examples.first.locator("p").inner_text().strip()  # the label, without the icon's ligature
    walk.shot("first-screen")
    examples.first.click()
    expect(walk.main.get_by_test_id("stChatMessage").filter(has_text=question)).to_be_visible(timeout=WAIT)
    expect(walk.main.get_by_role("button", name="[1]").first).to_be_visible(timeout=WAIT)
    expect(walk.main.get_by_text("The findings don't cover this")).to_have_count(0)
    walk.shot("example-answered")


def test_an_upload_error_stays_beside_a_successful_file_until_dismissed(library_server, browser, tmp_path):
    from playwright.sync_api import expect

    url, corpus = library_server
    good, fake = tmp_path / "good-notes.txt", tmp_path / "fake.pdf"
    good.write_text("Notes from the steering group.\n\n\"We met every month and it helped.\" (S01 Lead)\n")
    fake.write_text("this is not a pdf at all")
    walk = journey(browser, tmp_path)
    walk.page.goto(url)
    walk.ready()
    walk.sidebar.get_by_text("Add reports").click()
    walk.sidebar.locator("input[type=file]").set_input_files([str(good), str(fake)])
    walk.sidebar.get_by_role("button", name="Add to the findings").click()
    expect(walk.sidebar.get_by_text("Added good-notes.txt")).to_be_visible(timeout=WAIT)
    expect(walk.sidebar.get_by_text("fake.pdf is not a PDF")).to_be_visible()
    walk.shot("upload-results")

    walk.ask(SECOND)
    expect(walk.sidebar.get_by_text("fake.pdf is not a PDF")).to_be_visible()
    expect(walk.sidebar.get_by_text("Added good-notes.txt")).to_be_visible()
    walk.shot("results-stay-after-a-question")
    walk.sidebar.get_by_test_id("stHorizontalBlock").filter(has_text="fake.pdf").get_by_role("button").click()
    expect(walk.sidebar.get_by_text("fake.pdf is not a PDF")).to_have_count(0, timeout=WAIT)
    expect(walk.sidebar.get_by_text("Added good-notes.txt")).to_be_visible()
    walk.shot("error-dismissed")
    assert (corpus / "good-notes.txt").exists() and not (corpus / "fake.pdf").exists()


def test_a_phone_width_page_has_no_sideways_scroll(server, browser, tmp_path):
    from playwright.sync_api import expect

    walk = journey(browser, tmp_path, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    walk.page.goto(server)
    walk.ready()
    expect(walk.main.get_by_text("Try asking")).to_be_visible(timeout=WAIT)
    walk.shot("phone-first-screen")
    walk.ask(QUESTION)
    walk.shot("phone-answer")
    widths = walk.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    walk.main.get_by_role("button", name="[1]").first.click()
    expect(walk.page.get_by_test_id("stPopoverBody").locator("mark")).to_be_visible(timeout=WAIT)
    walk.shot("phone-citation")
    widths = walk.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_download_for_briefing_holds_the_quotes_and_codes(server, browser, tmp_path):
    walk = journey(browser, tmp_path, accept_downloads=True)
    walk.page.goto(server)
    walk.ask(QUESTION)
    with walk.page.expect_download() as download:
        walk.main.get_by_role("button", name="Download for briefing (Markdown)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    walk.shot("downloaded")
    text = saved.read_text(encoding="utf-8")
    words = saved.stem.removeprefix("briefing-").split("-")
    assert saved.suffix == ".md" and words == QUESTION.lower().rstrip("?").split()[:len(words)]  # whole words
    assert QUESTION in text and "[B13 Fire]" in text


def test_upload_a_pdf_then_ask_it_and_see_page_citations(library_server, browser, tmp_path, report_text):
    from playwright.sync_api import expect

    from make_documents import report_pdf

    url, corpus = library_server
    upload = tmp_path / "year3.pdf"
    upload.write_bytes(report_pdf(report_text))
    walk = journey(browser, tmp_path)
    walk.page.goto(url)
    walk.ready()
    walk.sidebar.get_by_text("Add reports").click()
    walk.sidebar.locator("input[type=file]").set_input_files(str(upload))
    walk.sidebar.get_by_role("button", name="Add to the findings").click()
    expect(walk.sidebar.get_by_text("Added year3.pdf").first).to_be_visible(timeout=180_000)
    choose = walk.sidebar.get_by_test_id("stSelectbox").filter(has_text="Document")
    expect(choose).to_be_visible(timeout=WAIT)
    walk.shot("pdf-added")
    walk.pick(choose, "year3.pdf")
    walk.ask("What did B13 say about youth engagement?")
    expect(walk.main.get_by_text("B13 Fire, year3.pdf, p.").first).to_be_visible(timeout=WAIT)
    walk.shot("pdf-page-citation")
    assert (corpus / "year3.pdf").read_bytes() == upload.read_bytes()
