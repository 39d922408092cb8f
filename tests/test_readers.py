"""Readers: each format yields the report's structure (sections, every extract with its code), PDF pages are
right, and every bad file gets a message rather than an exception of the wrong kind."""

from __future__ import annotations

import io
import re

import pytest

from assistant.documents.corpus import parse_document, parse_read
from assistant.errors import DocumentError
from assistant.documents.readers import PAGE_BREAK, page_at, read_bytes, read_file, read_folder
from make_documents import report_docx, report_html, report_pdf, report_pdf_in_two_columns


def _codes(document) -> list[str]:
    return sorted(extract.respondent.code if extract.respondent else "-" for extract in document.extracts)


@pytest.fixture(scope="module")
def original(report_text):
    return parse_document(report_text, "report.txt")


@pytest.fixture(scope="module")
def pdf_bytes(report_text) -> bytes:
    return report_pdf(report_text)


FORMATS = [("r.pdf", report_pdf), ("r.docx", report_docx), ("r.html", report_html),
           ("columns.pdf", report_pdf_in_two_columns)]  # (read straight across, no quote stood beside its code)


@pytest.mark.parametrize("name, make", FORMATS)
def test_each_format_keeps_every_extract_with_its_code_and_every_section(name, make, report_text, original):
    document = parse_read(read_bytes(name, make(report_text)))
    assert _codes(document) == _codes(original)
    assert document.sections == original.sections


@pytest.mark.parametrize("name, make", FORMATS)
def test_each_format_keeps_the_quotes_word_for_word(name, make, report_text, original):
    document = parse_read(read_bytes(name, make(report_text)))
    words = [" ".join(e.quote.split()) for e in document.extracts]
    assert words == [" ".join(e.quote.split()) for e in original.extracts]


def test_pdf_pages_are_separated_and_each_quote_is_on_the_page_it_is_printed_on(pdf_bytes):
    import pdfplumber

    text = read_bytes("r.pdf", pdf_bytes).text
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        printed = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    assert text.count(PAGE_BREAK) == len(printed) - 1 > 1
    for extract in parse_document(text, "r.pdf").extracts:
        opening = " ".join(extract.quote.split())[:40]
        assert opening in printed[page_at(text, extract.start) - 1], opening


def test_pdf_page_numbers_in_the_footer_are_not_read_as_text(pdf_bytes):
    text = read_bytes("r.pdf", pdf_bytes).text
    assert not re.search(r"(?m)^\s*\f?\s*\d{1,3}\s*$", text)


def test_html_scripts_styles_and_navigation_are_not_findings(report_text):
    text = read_bytes("r.html", report_html(report_text)).text
    assert "not findings" not in text and "Home | About" not in text and "margin" not in text


def test_markdown_headings_become_sections():
    text = "# Annual review\n\n## Prevention\n\nStaff said that prevention mattered, as 'we go into schools' (A01 Fire).\n"
    document = parse_document(read_bytes("r.md", text.encode()).text, "r.md")
    assert document.title == "Annual review"
    assert document.sections == ("Prevention",)
    assert [e.respondent.code for e in document.extracts] == ["A01"]


def test_a_converted_pdfs_running_header_is_not_read_as_text():
    """A short line a PDF conversion left on every page is no finding; a short sentence said three times is kept."""
    page = "~~ht~~ t ~~[p://www.journal.org](http://www.journal.org)~~ Open Access\n\nThe clinic opened in {}.\n\nYes.\n\n"
    text = "# Report\n\n" + "".join(page.format(year) for year in (2019, 2020, 2021))
    document = parse_document(read_bytes("r.md", text.encode()).text, "r.md")
    assert "Open Access" not in document.text and "journal" not in document.text
    assert "The clinic opened in 2021." in document.text and document.text.count("Yes.") == 3


def test_a_converted_tables_row_of_bold_cells_is_not_a_heading():
    """PDF conversion leaves a table's header as a line of bold cells between a section's heading and its extracts;
    read as a heading, it filed the extracts under "Participant Age Sex …"."""
    text = ("# Report\n\n**Views of the clinic staff**\n\nResidents praised the staff:\n\n"
            "**TABLE 1:** Characteristics of participants.\n\n**Participant** **Age** **Sex** **Years in the area**\n\n"
            "P20 31 Female 5 years\n\n‘They know how to speak to people and explain themselves.’ (P20_F_31)\n")
    document = parse_read(read_bytes("r.md", text.encode()))
    assert document.sections == ("Views of the clinic staff",)
    assert [e.respondent.code for e in document.extracts] == ["P20"]
    assert [e.section for e in document.extracts] == ["Views of the clinic staff"]


def test_a_markdown_tables_rows_are_never_headings_and_a_row_that_quotes_someone_is_their_quote():
    """A bold total row ("| **Total** | **1,284** | **100%** |") became the section "Total | 1,284 | 100%", cited as
    such; and a table of quotes ("| KW4 | Key worker, East | "…" |") gave no one's quotes: "What did KW4 say?" was
    told there was no KW4."""
    text = ("# Report\n\n## About the responses\n\n| Type | Number |\n|---|---|\n| Individuals | 1,162 |\n"
            "| **Total** | **1,284** |\n\nMost responses came online.\n\n## Employers\n\n"
            "| Respondent | Group | Quote |\n|---|---|---|\n"
            "| KW4 | Key worker, East | \"I spend more time in the car looking for placements than with young "
            "people.\" |\n"
            "| EMP5 | Employer (social care), East | \"We were surprised at how anxious some of them were.\" |\n")
    document = parse_read(read_bytes("r.md", text.encode()))
    assert document.sections == ("About the responses", "Employers")
    assert [(e.respondent.code, e.respondent.group) for e in document.extracts] == [("KW4", "Key worker"),
                                                                                     ("EMP5", "Employer")]
    assert ("detail", "social care") in document.extracts[1].respondent.facets
    assert document.extracts[0].quote == "I spend more time in the car looking for placements than with young people."


def test_a_quotes_footnote_that_says_whom_the_interview_was_with_attributes_it_and_a_tables_row_keys_its_group():
    """Every quote of a report that attributes them by footnote ('"…"[^4]' and '[^4]: Interview, porter (PT2), Site
    B, May 2023.') was unattributed: "What did PT2 say?" found none of his words. The footnote now attributes the quote
    its reference follows (after a speech tag too, or at the end of a block quote), never the narrative around it, and
    a note that cites a text attributes nothing; the participants table keys each code's group."""
    text = ("# Review\n\n## Method\n\n| Group | Interviews | Codes |\n|---|---|---|\n"
            "| Portering staff | 3 | PT1–PT3 |\n| Volunteers | 2 | V1–V2 |\n\n## Findings\n\n"
            "Trust data show the median wait fell.[^1] \"We run the corridors now, not the lifts,\" said one porter at "
            "Site B.[^2] His colleague disagreed: \"Nothing has changed on nights.\"[^3]\n\n"
            "The volunteers were heard in a group:\n\n"
            "> We were never told who to ring when a patient was left waiting at the door.[^4]\n\n"
            "[^1]: Trust dataset, 2023.\n[^2]: Interview, porter (PT2), Site B, May 2023.\n"
            "[^3]: Interview, porter (PT3), Site A, June 2023.\n[^4]: Focus group, volunteers, Site A, 2023.\n")
    document = parse_read(read_bytes("review.md", text.encode()))
    found = [(e.quote, e.respondent.code if e.respondent else "-", e.respondent.group if e.respondent else "-",
              e.respondent.area if e.respondent else "-") for e in document.extracts]
    assert found == [("We run the corridors now, not the lifts", "PT2", "Portering staff", "B"),
                     ("Nothing has changed on nights.", "PT3", "Portering staff", "A"),
                     ("We were never told who to ring when a patient was left waiting at the door.",
                      "Volunteers, Site A", "Volunteers", "A")]
    assert "[^" not in document.text and "Trust data show the median wait fell. " in document.text


def test_a_sentence_is_not_read_as_a_heading_run_into_its_paragraph():
    """"But why do Tor users …" is a sentence, not the heading "But why do" run into a paragraph; a quoted word
    ("``Other''") after a heading-like phrase does not start a sentence."""
    text = ("\\section{Results}\n\n\\subsection{Onion service usage}\n\nBut why do Tor users browse onion services in "
            "the first place?\n\nRespondents who selected ``Other'' gave a variety of reasons.\n\n"
            "There is merit in using Facebook's onion service.\n\nOne participant anticipates collaboration between CHWs and "
            "clinics.\n")
    document = parse_read(read_bytes("results.tex", text.encode()))
    assert document.sections == ("Onion service usage",)
    plain = parse_document("Findings\n\nRespondents who selected “Other” gave a variety of reasons.\n", "r.txt")
    assert plain.sections == ("Findings",) or not plain.sections


def test_a_latex_cross_reference_reads_as_what_it_points_to():
    """A reference's number exists only in the compiled paper; dropped, it left "these results are shown in . urls"."""
    text = ("\\section{Results}\n\nThese results are shown in \\Cref{fig:tor-usage}, as \\autoref{sec:method} "
            "explains; see also \\cref{tab:a,tab:b} and \\ref{misc}.\n")
    read = read_bytes("results.tex", text.encode())
    assert "These results are shown in Figure [tor-usage], as Section [method] explains; see also Table [a], " \
           "Table [b] and [misc]." in read.text


def test_a_latex_caption_is_named_as_what_it_captions_and_is_no_heading():
    """A caption reads "Figure [label]: …" in its section, not as a section of its own ("Figure [usage]")."""
    text = ("\\section{Usage}\n\nMost respondents use bookmarks.\n\n\\begin{figure}[t]\n\\centering\n"
            "\\caption{The strategies that our respondents use.\n More than half use bookmarks.}\n"
            "\\label{fig:usage}\n\\end{figure}\n\n\\begin{table}\n\\caption{Demographics of the sample.}\n"
            "\\end{table}\n\n\\section{Discovery}\n\nFew find onion services by search.\n")
    document = parse_read(read_bytes("results.tex", text.encode()))
    assert "Figure [usage]: The strategies that our respondents use." in document.text
    assert "Table: Demographics of the sample." in document.text
    assert not any("Figure" in section or "Table" in section for section in document.sections), document.sections


def test_a_latex_table_keeps_its_rows_and_a_reference_after_its_kind_says_it_once():
    """A table float kept only its caption: a participants table keying each code's place was lost, and "Table~\\ref"
    read "Table Table [participants]"; the columns' spec ("{lll}") is no row."""
    text = ("\\section{Methods}\n\nTable~\\ref{tab:participants} lists the participants.\n\n\\begin{table}[ht]\n"
            "\\caption{Study participants}\n\\label{tab:participants}\n\\begin{tabular}{lll}\n\\toprule\n"
            "ID & Gender & Place \\\\\n\\midrule\nP1 & Female & Wendmoor \\\\\nP2 & Male & Ollerby \\\\\n"
            "\\bottomrule\n\\end{tabular}\n\\end{table}\n")
    read = read_bytes("paper.tex", text.encode())
    assert "Table [participants] lists the participants." in read.text
    assert "Table [participants]: Study participants\n\nID | Gender | Place\n\nP1 | Female | Wendmoor\n\n" \
           "P2 | Male | Ollerby" in read.text, read.text


def test_windows_1252_text_is_read_with_a_note():
    read = read_bytes("old.txt", "Officers said \u2018it\u2019s better\u2019 (A01 Police)".encode("cp1252"))
    assert "it\u2019s better" in read.text
    assert "Windows-1252" in read.notes[0]


def test_a_byte_order_mark_is_not_part_of_the_text():
    assert read_bytes("bom.txt", "Title\n\nBody.".encode("utf-8-sig")).text.startswith("Title")


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\n\t ", "is empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    ("report.exe", b"MZ\x90\x00", "unsupported file type"),
    ("notes", b"plain words", "unsupported file type"),
    ("report.pdf", b"This is plain text with a .pdf name.", "not a PDF"),
    ("report.docx", b"This is plain text with a .docx name.", "not a Word"),
])
def test_bad_files_are_refused_with_a_message_that_names_them(name, data, message):
    with pytest.raises(DocumentError, match=message) as caught:
        read_bytes(name, data)
    assert name in str(caught.value) or "“" in str(caught.value)


def test_a_corrupt_pdf_is_refused(pdf_bytes):
    with pytest.raises(DocumentError, match="damaged or not a readable PDF"):
        read_bytes("cut.pdf", pdf_bytes[: len(pdf_bytes) // 3] + b"garbage")


def test_a_pdf_without_a_text_layer_is_refused_with_advice():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 200, fill=1)  # a picture, no text: as a scan looks to a reader
    page.save()
    with pytest.raises(DocumentError, match="OCR"):
        read_bytes("scan.pdf", buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300_000)
    with pytest.raises(DocumentError, match="limit"):
        read_file(big, max_bytes=1_000_000)


def test_missing_files_and_folders_get_messages(tmp_path):
    with pytest.raises(DocumentError, match="No such file"):
        read_file(tmp_path / "nothing.pdf")
    with pytest.raises(DocumentError, match="folder"):
        read_file(tmp_path)


def test_a_folder_is_read_file_by_file_and_a_bad_file_does_not_stop_the_others(tmp_path, report_text):
    (tmp_path / "good.txt").write_text(report_text, encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "ignored.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("secret")
    documents, problems = read_folder(tmp_path)
    assert [d.source for d in documents] == ["good.txt"]
    assert list(problems) == ["bad.pdf"]


def test_an_office_file_of_a_type_not_read_is_reported_not_passed_over(tmp_path, report_text):
    """A spreadsheet or an old Word file kept among the reports was skipped without a word: it is named, with what
    to do."""
    (tmp_path / "good.txt").write_text(report_text, encoding="utf-8")
    (tmp_path / "responses.xlsx").write_bytes(b"PK\x03\x04")
    documents, problems = read_folder(tmp_path)
    assert [d.source for d in documents] == ["good.txt"]
    assert problems["responses.xlsx"].startswith("responses.xlsx: .xlsx files are not read. Save it as .docx")


def test_the_librarys_respondents_table_is_no_report(tmp_path, report_text):
    """A spreadsheet is read as a report, but ``respondents.csv`` beside the reports is the library's own table."""
    from assistant.documents.library import read_library

    (tmp_path / "good.txt").write_text(report_text, encoding="utf-8")
    (tmp_path / "respondents.csv").write_text("document,code,group\n,B02,Police\n", encoding="utf-8")
    documents, problems = read_library(tmp_path, 10_000_000)
    assert [d.source for d in documents] == ["good.txt"] and not problems


SURVEY_EXPORT = (
    'Response ID,Start date,Respondent type,Area,"Q2 Do you support the change?",Q3 What would you change?\n'
    '1003,03/03/2025 19:42,Resident,Northgate,Oppose,"Three weeks is too long for a family of five, honestly."\n'
    '1007,03/03/2025 20:15,Resident,Fellside,Support,Nothing\n'
    '1009,04/03/2025 08:03,Business owner,Northgate,Oppose,"The bins on Market Street overflow onto the pavement."\n'
    '1012,04/03/2025 12:37,Business owner,Fellside,Support,\n'
    '1015,05/03/2025 09:10,Resident,Fellside,Support,"Keep the free caddy liners or people will stop using them."\n'
    '1018,05/03/2025 17:55,Business owner,Fellside,Oppose,"Trade waste collections should move to the same day."\n')


def test_a_spreadsheet_of_survey_answers_reads_each_free_text_answer_as_its_respondents_quote():
    """A survey export: each answer in words under its question, attributed by the respondent's ID (named by its
    column), type and area; the date, the closed question and one-word answers say nothing of anyone."""
    from assistant.documents.corpus import parse_read

    document = parse_read(read_bytes("responses.csv", SURVEY_EXPORT.encode()))
    assert document.title == "responses"
    assert [(e.respondent.code, e.respondent.group, e.respondent.area, e.quote) for e in document.extracts] == [
        ("Response 1003", "Resident", "Northgate", "Three weeks is too long for a family of five, honestly."),
        ("Response 1009", "Business owner", "Northgate", "The bins on Market Street overflow onto the pavement."),
        ("Response 1015", "Resident", "Fellside", "Keep the free caddy liners or people will stop using them."),
        ("Response 1018", "Business owner", "Fellside", "Trade waste collections should move to the same day."),
    ]
    assert "Q3 What would you change?" in document.sections[0]


def test_a_block_quote_labelled_with_no_code_is_cited_as_the_report_describes_its_speaker():
    """csquotes' ``displayquote[Survey respondent]`` names who spoke without a code: the quote is nobody's in
    counts and filters, and its citation reads "Survey respondent", not "unattributed"."""
    from assistant.documents.document_summary import summarise
    from assistant.documents.passages import build_passages
    from assistant.types import QUOTE

    text = ("\\section{Results}\n\nSome users run services.\n\\begin{displayquote}[Survey respondent]\nWe use it for "
            "updates.\n\\end{displayquote}\n\\begin{displayquote}[P14]\nIt is basic.\n\\end{displayquote}\n")
    document = parse_read(read_bytes("results.tex", text.encode()))
    passages = build_passages(document)
    quotes = [p for p in passages if p.kind == QUOTE]
    assert [(p.text, p.code, p.label, p.respondent) for p in quotes] == [
        ("We use it for updates.", "", "Survey respondent", ""), ("It is basic.", "P14", "P14", "results.tex::P14")]
    assert summarise(document, passages).line() == ("1 quote(s) attributed to 1 respondent(s); 1 unattributed "
                                                    "(1 credited to Survey respondent without a code)")


def test_a_word_documents_title_is_its_title_and_subtitle():
    """A cover's Title "Care Closer to Home" and Subtitle "Evaluation of the Hearthside service" are one title: the
    subtitle names what the study is of, which a question about it uses (the title alone left "the main concerns about
    the Hearthside service" asking about a topic, not the whole study)."""
    from docx import Document

    document = Document()
    document.add_paragraph("Care Closer to Home", style="Title")
    document.add_paragraph("Evaluation of the Hearthside service", style="Subtitle")
    document.add_heading("Findings", 1)
    document.add_paragraph("Patients preferred being treated at home.")
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_bytes("r.docx", buffer.getvalue())
    assert read.title == "Care Closer to Home: Evaluation of the Hearthside service"
    assert "Evaluation of the Hearthside service" in read.text


def _table_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Themes raised, by number of interviewees.")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Theme", "Interviewees"), ("Waiting times", "8"), ("Peer support", "5")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_TABLE_HTML = (b"<main><p>Themes raised, by number of interviewees.</p><table>"
               b"<tr><th>Theme</th><th>Interviewees</th></tr><tr><td>Waiting times</td><td>8</td></tr>"
               b"<tr><td>Peer support</td><td>5</td></tr></table></main>")


@pytest.mark.parametrize("name, data", [("t.docx", _table_docx()), ("t.html", _TABLE_HTML),
                                        ("t.md", b"| Theme | Interviewees |\n|---|---|\n| Waiting times | 8 |\n"
                                                 b"| Peer support | 5 |\n")])
def test_a_tables_row_is_read_as_one_line_of_its_cells(name, data):
    """A row says something only whole ("Waiting times | 8"): each format reads it as one line, as Markdown's is."""
    lines = read_bytes(name, data).text.splitlines()
    assert {"Theme | Interviewees", "Waiting times | 8", "Peer support | 5"} <= set(lines), lines


def _report_with_furniture() -> bytes:
    """A PDF as councils print them: a running header and page numbers, a contents page, numbered headings, and
    footnotes in small type under their marks."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body, note = styles["BodyText"], ParagraphStyle("note", fontSize=7, leading=8)
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # reportlab's own font: it has a bullet
    tight = ParagraphStyle("tight", parent=body, fontName="Vera", spaceBefore=0, spaceAfter=0)  # a list, set close

    def furniture(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Warm Spaces Evaluation 2025 – Final report")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {document.page} of 5")

    story = [Paragraph("Warm Spaces Evaluation 2025", styles["Title"]), PageBreak(),
             Paragraph("Contents", styles["Heading1"]), Paragraph("1. Summary 2", body),
             Paragraph("2. Findings 3", body), Paragraph("2.1 Who came and why 3", body), PageBreak(),
             Paragraph("1. Summary", styles["Heading1"]),
             Paragraph("The programme recorded around 21,400 visits across the sites in November<super>1</super> and "
                       "December, most of them at libraries.", body),
             Paragraph("1 Source: council footfall data, 2025. Figures are from door counters", note),
             Paragraph("The key findings are:", body), Paragraph("• Warmth brought people in.", tight),
             Paragraph("• Company kept them coming.", tight), PageBreak(),
             Paragraph("2. Findings", styles["Heading1"]), Paragraph("2.1 Who came and why", styles["Heading2"]),
             Paragraph("Most visitors came for the warmth and stayed for the company of the regulars.", body),
             Paragraph("“I come for the warmth but I stay for the chat.” (V07, visitor)", body), PageBreak(),
             Paragraph("3. Conclusions", styles["Heading1"]),
             Paragraph("The spaces were valued well beyond the heat they gave on the coldest days.", body)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


def test_a_pdfs_furniture_is_not_its_text_and_its_numbered_headings_are_its_sections():
    """The running header became a heading on every page, the contents page's lines headings of their own, a
    footnote's mark split its sentence, its note's number made a heading of it, and a list set close ran its items
    together."""
    read = read_bytes("warm.pdf", _report_with_furniture())
    document = parse_read(read)
    assert document.sections == ("1. Summary", "2. Findings", "2.1 Who came and why", "3. Conclusions"), \
        document.sections
    assert "Final report" not in read.text and "Contents" not in read.text and "Source: council" not in read.text
    assert "in November and December, most of them at libraries." in " ".join(read.text.split())
    assert [extract.respondent.code for extract in document.extracts] == ["V07"]
    assert "in.\n\n• Company kept them coming." in read.text  # each item of a list a paragraph of its own


def test_the_pages_after_a_contents_page_are_cited_by_their_number_in_the_file():
    """The contents page was dropped with its page break, so every page after it was cited one low: the summary, on
    page 3, as "p. 2"."""
    from assistant.documents.readers import page_at

    read = read_bytes("warm.pdf", _report_with_furniture())
    text = read.text
    assert page_at(text, text.index("The programme recorded")) == 3
    assert page_at(text, text.index("I come for the warmth")) == 4
    assert page_at(text, text.index("The spaces were valued")) == 5


def test_a_pdfs_running_footer_that_numbers_its_page_is_furniture():
    """ "Every Day Counts: open-text analysis | Calderbrook Council Page 2" differs on every page only by its number:
    read as text, it ran into the quote that opened the next page, whose speaker became "Every Day Counts"."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["BodyText"]

    def footer(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 30, f"Bus Review: open-text analysis | Westshire Council Page {document.page}")

    story = []
    for page, (words, who) in enumerate((("The bus never waits for the train, so I stand in the rain.", "R12, parent"),
                                         ("Nobody told us the route had changed until it was gone.", "R40, carer"),
                                         ("The driver knows my name and waits while I sit down.", "R7, passenger"),
                                         ("We lost the Sunday service and nobody asked us.", "R3, parent"))):
        story += [Paragraph(f"“{words}” ({who})", body), Paragraph("Respondents said more of the same.", body)]
        story += [PageBreak()] if page < 3 else []
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=footer, onLaterPages=footer)
    read = read_bytes("review.pdf", buffer.getvalue())
    assert "open-text analysis" not in read.text
    assert _codes(parse_read(read)) == ["R12", "R3", "R40", "R7"]


def test_a_report_cannot_be_added_under_the_name_of_the_librarys_own_settings_file(tmp_path):
    """With spreadsheets read as reports, an upload called ``respondents.csv`` would have been written over the
    library's respondents table: it is refused, and the folder is unchanged."""
    from assistant.documents.library import add_files
    from assistant.settings import Settings

    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    report = add_files(settings, [("respondents.csv", SURVEY_EXPORT.encode())])
    assert not report.added and "rename the file" in report.refused["respondents.csv"]
    assert not (tmp_path / "corpus" / "respondents.csv").exists()


def test_a_latex_participants_table_places_the_codes_its_quotes_name_without_a_place():
    """"(P1, female)" gives no place; the participants table does, and now that its rows are read, P1 is in
    Wendmoor; P2's own "Ollerby" is their area, not a detail beside it as well."""
    rows = "".join(f"{code} & Older person & {sex} & {place} \\\\\n" for code, sex, place in (
        ("P1", "Female", "Wendmoor"), ("P2", "Male", "Ollerby"), ("P3", "Female", "Wendmoor"),
        ("P4", "Male", "Ollerby")))
    text = ("\\section{Methods}\n\n\\begin{table}\n\\caption{Participants}\n\\begin{tabular}{llll}\n"
            f"ID & Group & Gender & Place \\\\\n{rows}\\end{{tabular}}\n\\end{{table}}\n\n\\section{{Findings}}\n\n"
            "Most found the form hard to use. ``I could not get past the first page of it at all'' (P1, female).\n\n"
            "Others gave up. ``By the time I had logged in the slots had all gone'' (P2, male, Ollerby).\n\n"
            "``My daughter does it for me on her phone now'' (P3, female, Wendmoor).\n\n"
            "``I ring at eight like everyone else and wait'' (P4, male, Ollerby).\n")
    document = parse_read(read_bytes("paper.tex", text.encode()))
    placed = [(e.respondent.code, e.respondent.area, dict(e.respondent.facets).get("detail"))
              for e in document.extracts]
    assert placed == [("P1", "Wendmoor", None), ("P2", "Ollerby", None), ("P3", "Wendmoor", None),
                      ("P4", "Ollerby", None)]


def test_a_latex_heading_that_names_a_kind_of_speaker_is_no_speakers_turn():
    """"\\subsection{Participants}" above the methods' paragraph was read as a speaker's label alone, the paragraph
    as the words of a respondent called after the file; a heading the format marks is never a speaker's label."""
    text = ("\\section{Methods}\n\n\\subsection{Participants}\n\nTable~\\ref{tab:p} lists the participants. Age is "
            "given in bands to protect anonymity.\n\n\\subsection{Findings}\n\nMost found the form hard to use.\n")
    document = parse_read(read_bytes("ringing.tex", text.encode()))
    assert document.extracts == () and "Participants" in document.sections


def test_words_a_paper_sets_in_italics_before_who_said_them_are_quoted():
    """"\\textit{We close the form at quarter past most Mondays.} (S3, receptionist)" had no quote marks, so the
    words were never read as S3's; a title in italics followed by anything else stays a title."""
    text = ("\\section{Findings}\n\nStaff did not enjoy it. \\textit{We close the form at about quarter past most "
            "Mondays, and I hate doing it.} (S3, receptionist, Ollerby)\n\nSee Braun (2006), \\textit{Qualitative "
            "Research in Psychology and Health}, 3(2).\n")
    document = parse_read(read_bytes("paper.tex", text.encode()))
    assert [(e.respondent.code, e.quote) for e in document.extracts] == [
        ("S3", "We close the form at about quarter past most Mondays, and I hate doing it.")]


def _printed_line(top: float, *parts: tuple[float, str]) -> dict:
    """A line as the PDF reader holds it: its text and where each of its letters is (5 points each, 10-point type),
    from pieces of text set at the given left edges."""
    letters, texts = [], []
    for left, words in parts:
        x = left
        for character in words:
            if not character.isspace():
                letters.append((x, x + 5, 10.0, top, top + 10))
            x += 5
        texts.append(words)
    return {"text": " ".join(texts), "top": top, "bottom": top + 10, "x0": letters[0][0], "x1": letters[-1][1],
            "size": 10.0, "letters": letters}


def test_a_two_column_page_is_parted_at_the_gutter_not_inside_a_column_of_ragged_lines():
    """The left column's lines end at different places (a quote's indented lines end early, a paragraph's run on):
    the page is parted where no line runs across, and each column is read whole (it was parted inside the left
    column, where its shorter lines end, and its longer lines were read as crossing the page, in the wrong place)."""
    from assistant.documents.readers.pdf import _columns

    lines = []
    for row in range(8):
        lines.append(_printed_line(100 + 12 * row, (70, f"quote line {row} goes on"),
                                   (314, f"right column line {row} here")))
    lines.insert(4, _printed_line(148, (57, "a paragraph line that runs on to the gutter")))
    flows = _columns(lines)
    assert [line["text"] for line in flows[0]] == [line["text"].split(" right")[0] for line in lines]
    assert [line["text"] for line in flows[1]] == [f"right column line {row} here" for row in range(8)]


def test_a_footnote_may_name_its_code_last_say_ibid_or_mark_every_quote_of_its_sentence():
    """Notes as many reports write them: "Interview with a volunteer driver, Kelsmoor, March 2025 (V04).", a group's
    members in the plural, a role in brackets, "Ibid." for the note before, and one note after the last of two quotes
    in a sentence. None of them attributed anything: 0 of 42 quotes of such a report had a code."""
    text = ("# Evaluation\n\n## Findings\n\nA driver in Kelsmoor said it was \"a lot more than driving\" and \"not "
            "something you can switch off at the end of the day\".[^1] He added that the waiting room was \"where I "
            "spend most of my volunteering\".[^2] Passengers in Upper Wendle called the line \"engaged all morning and "
            "then it's shut\".[^3] One receptionist said patients were \"coming in earlier with things\".[^4] The "
            "population is around 64,000.[^5]\n\n"
            "[^1]: Interview with a volunteer driver, Kelsmoor, April 2025 (V04).\n[^2]: Ibid.\n"
            "[^3]: Focus group with passengers, Upper Wendle, February 2025 (P07).\n"
            "[^4]: Interview with GP practice staff (receptionist), Thornbeck, March 2025 (G02). Both quotes are from "
            "the same interview.\n[^5]: Office for National Statistics, 2024.\n")
    document = parse_read(read_bytes("evaluation.md", text.encode()))
    found = [(e.quote, e.respondent.code, e.respondent.group) for e in document.extracts]
    assert found == [("a lot more than driving", "V04", "volunteer driver"),
                     ("not something you can switch off at the end of the day", "V04", "volunteer driver"),
                     ("where I spend most of my volunteering", "V04", "volunteer driver"),
                     ("engaged all morning and then it's shut", "P07", "passenger"),
                     ("coming in earlier with things", "G02", "GP practice staff")]


def test_a_page_read_past_a_header_skipped_for_its_role():
    """GOV.UK's pages open with <header role="banner">: skipped for its role, it ended at no </header> (only the end
    of a tag skipped by name did), so nothing after it was read, and a review's 45 quotes were none. What the page
    hides ("<span hidden>", an attribute with no value) is not read."""
    page = ("<html><body><header role=\"banner\"><div class=\"govuk-header\"><div><a href=\"/\">GOV.UK</a></div>"
            "</div></header><div class=\"govuk-width-container\"><main><div hidden><p>Hidden <p>text</div>"
            "<h1>Damp and mould repairs review</h1><h2>Findings</h2><p>Tenants described repeated calls.<span "
            "hidden> Hidden too.</span></p>"
            "<blockquote><p>“I must have rung them nine times before anyone came out.”</p><footer>— <cite>Tenant, "
            "Copperdale (T08)</cite></footer></blockquote></main></div></body></html>")
    document = parse_read(read_bytes("review.html", page.encode()))
    assert "Tenants described repeated calls." in document.text and "Hidden" not in document.text
    assert [(e.quote, e.respondent.code) for e in document.extracts] == [
        ("I must have rung them nine times before anyone came out.", "T08")]


def test_a_page_whose_words_were_mostly_not_read_says_so():
    """A page whose findings sit in an element read as furniture came out as a line of it, and ingest said nothing:
    now a note says how little of it was read, and what to do."""
    findings = " ".join(f"Tenants in block {n} reported damp in the bedrooms every winter." for n in range(40))
    page = (f"<html><body><nav><p>{findings}</p></nav><main><p>We use cookies to make this site work.</p></main>"
            "</body></html>")
    notes = read_bytes("review.html", page.encode()).notes
    assert len(notes) == 1 and "only 8 of its 408 words" in notes[0] and ".docx or .pdf" in notes[0], notes
    read_whole = f"<html><body><nav><p>Home</p></nav><main><p>{findings}</p></main></body></html>"
    assert read_bytes("review.html", read_whole.encode()).notes == ()
