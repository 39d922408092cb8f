"""Four real public documents in other styles (``../shared/corpora``, read in place, never copied): each parses with
no setting, and at least 95% of the attributed quotes its SOURCE.md lists come out with the right code, verbatim,
in the right document. The reference quotes are found with the regular expressions SOURCE.md gives, in the raw
files, independently of the parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.documents.corpus import ParsedDocument, parse_read
from assistant.documents.readers import read_file

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared test corpora are not at {SHARED}")
TOR = SHARED / "tor-onion-services-usability" / "results.tex"
CHW = SHARED / "chw-perceptions-melusi" / "PHCFM_16_4573.md"
PDPILOT = SHARED / "pdpilot-coded-segments" / "coded-segments.pdf"
P6 = SHARED / "data-ensembles-interview-p6" / "P6 Transcript.txt"


def words(text: str) -> list[str]:
    """The words of a quote, markup aside: LaTeX commands, braces and Markdown emphasis are not words."""
    text = re.sub(r"\\[A-Za-z]+\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    return re.findall(r"[a-z0-9]+", text.lower())


def parsed(path: Path) -> ParsedDocument:
    return parse_read(read_file(path))


def share_found(references: list[tuple[str, str]], document: ParsedDocument) -> float:
    """Share of (code, raw quote) whose words are exactly the words of one extract credited to that code."""
    extracts = {(e.respondent.code if e.respondent else "", tuple(words(e.quote))) for e in document.extracts}
    for extract in document.extracts:
        assert document.text[extract.start:extract.end] == extract.quote
    return sum((code, tuple(words(quote))) in extracts for code, quote in references) / len(references)


def test_latex_displayquotes_labelled_before_the_quote():
    raw = TOR.read_text(encoding="utf-8")
    references = [(m.group(1), m.group(2)) for m in re.finditer(
        r"\\begin\{displayquote\}\[(P\d{2})\](.*?)\\end\{displayquote\}", raw, re.DOTALL)]
    assert len(references) == 17
    document = parsed(TOR)
    assert share_found(references, document) >= 0.95
    assert [e.respondent for e in document.extracts].count(None) == 4  # the survey respondents: no code


def test_markdown_quotes_with_compact_codes_some_on_the_next_line():
    raw = CHW.read_text(encoding="utf-8")
    references = [(m.group(2), m.group(1)) for m in re.finditer(
        r"‘((?:[^’]|’(?=\w))*)’\s*\((P\d{1,2})_[MF]_\d{1,3}\)", raw)]
    assert len(references) == 40
    document = parsed(CHW)
    assert share_found(references, document) >= 0.95
    p20 = next(e.respondent for e in document.extracts if e.respondent.code == "P20")
    assert (p20.facet("sex"), p20.facet("age")) == ("F", "31")


def test_qda_coded_segments_each_row_credited_to_its_participant_never_the_interviewer():
    document = parsed(PDPILOT)
    text = document.text
    rows = [(m.group(1), m.start()) for m in re.finditer(r"(?m)^(P\d{1,2}) (?=[A-Z])", text)]
    ends = [start for _, start in rows[1:]] + [len(text)]
    right = 0
    for (code, start), end in zip(rows, ends):
        inside = [e for e in document.extracts if start <= e.start < end]
        right += bool(inside) and all(e.respondent and e.respondent.code == code for e in inside)
    assert right / 262 >= 0.95  # SOURCE.md counts 262 segments
    assert not any("Dan:" in e.quote for e in document.extracts)
    themes = {e.section for e in document.extracts}  # the theme path is each segment's section
    assert "Explainability purposes › Understanding null values" in themes and "Interaction" in themes


def test_an_otter_transcript_credits_only_the_respondent():
    raw = P6.read_text(encoding="utf-8")
    headers = list(re.finditer(r"(?m)^(P\d{1,2}|A\d|Unknown Speaker)  (?:\d{1,2}:)?\d{1,2}:\d{2} *$", raw))
    turns = [(m.group(1), raw[m.end():headers[i + 1].start() if i + 1 < len(headers) else len(raw)])
             for i, m in enumerate(headers)]
    respondent = [("P6", " ".join(words(words_))[:80]) for code, words_ in turns if code == "P6"]
    assert len(respondent) == 42
    document = parsed(P6)
    credited = [" ".join(words(e.quote)) for e in document.extracts if e.respondent and e.respondent.code == "P6"]
    assert sum(any(c.startswith(start) for c in credited) for _, start in respondent) / 42 >= 0.95
    interviewer = [" ".join(words(w))[:60] for code, w in turns if code != "P6" and len(words(w)) > 3]
    assert not any(line in c for line in interviewer for c in credited)
    assert document.transcript and {e.respondent.code for e in document.extracts} == {"P6"}
