"""Every attribution in the report, pinned: code as written, normalised code, and the start of the quote."""

import pytest

from assistant.documents.corpus import parse_document
from assistant.documents.prose import list_items, split_sentences

EXPECTED = [
    ("A10 Fire", "A10", "it's been years since I've been at meetings"),
    ("D01 Police", "D01", "So it's looking at the wide range of activities"),
    ("B13 Fire", "B13", "Youth engagement has always been there"),
    ("DO2 Police", "D02", "If I was being entirely honest, I do think lower budgets"),
    ("B02 Police", "B02", "We're all trying to do more wi' less."),
    ("D03 Police", "D03", "Having less money...certainly in small scale stuff"),
    ("C02 Police", "C02", "We need to think more creatively and innovatively"),
    ("C20 Partner", "C20", "But between the focus through the local outcome improvement plan"),
    ("B21 Partner", "B21", "It's easy for everybody to pile everything in"),
    ("B02 Police", "B02", "[Information sharing] can make or break partnerships."),
    ("D03 Police", "D03", "I've heard all of the different Chief Execs speak"),
    ("", "", "It's very much about the Chief Execs, but then you look at the teams"),
    ("B12 Fire", "B12", "As the partnership Strategic Board member"),
    ("D02 Police", "D02", "Think I'm out 4 nights next week"),
    ("A04 Police", "A04", "We are very 'can do'."),
    ("FGD", "FGD", "That was very very clear throughout."),
    ("C02 Police", "C02", "We've had very much an open door policy"),
    ("B03 Police", "B03", "I can work on my own, I can use my own initiative"),
    ("D03 Police", "D03", "I would say personally I absolutely live, eat and breathe"),
    ("B10 Fire", "B10", "In terms o' like fostering those relationships"),
    ("C01 Police", "C01", "The biggest issue is that, you know, there is a lot of pressure"),
]


@pytest.fixture(scope="module")
def document(report_text):
    return parse_document(report_text, "report.txt")


def test_every_attribution_is_one_extract_in_order(document):
    found = [
        (e.respondent.as_written if e.respondent else "", e.respondent.code if e.respondent else "", e.quote[: len(start)])
        for e, (_, _, start) in zip(document.extracts, EXPECTED)
    ]
    assert len(document.extracts) == len(EXPECTED)
    assert found == [(written, code, start) for written, code, start in EXPECTED]


def test_quotes_are_verbatim_at_their_offsets(document, report_text):
    for extract in document.extracts:
        assert report_text[extract.start:extract.end] == extract.quote


def test_quote_over_two_paragraphs_keeps_both_and_its_code(document):
    extract = next(e for e in document.extracts if e.quote.startswith("[Information sharing]"))
    assert "\n\n" in extract.quote
    assert extract.quote.endswith('I thought we understood each other."')
    assert extract.respondent.label == "B02 Police"


def test_inline_quote_inside_narrative_ends_before_its_code(document):
    extract = document.extracts[0]
    assert extract.inline and extract.quote.endswith("not buying in")


def test_quote_without_code_stays_unattributed(document):
    extract = next(e for e in document.extracts if e.quote.startswith("It's very much about the Chief Execs"))
    assert extract.respondent is None


def test_focus_group_extract(document):
    extract = next(e for e in document.extracts if e.respondent and e.respondent.as_written == "FGD")
    assert (extract.respondent.code, extract.respondent.group, extract.respondent.area) == ("FGD", "", "")


def test_extracts_carry_their_section(document):
    by_start = {e.quote[:20]: e.section for e in document.extracts}
    assert by_start["We are very 'can do'"].endswith("› Leadership")
    assert by_start["If I was being entir"].endswith("› The drivers of partnership working and innovation")


def test_sections_include_headings_and_run_in_headings(document):
    assert "The partnership and innovation landscape" in document.sections
    assert any(s.endswith("› The meaning of innovation") for s in document.sections)
    assert any(s.endswith("› Data and information sharing") for s in document.sections)
    assert not any("Many of the preventative" in s for s in document.sections)


def test_a_sentence_with_a_colon_is_no_heading_run_into_its_paragraph():
    """ "Cost was the most common obstacle: several participants could not …" is a finding, not a section named
    "Cost was the most common obstacle" under "Challenges" (whose themes were then the method's sentences)."""
    text = ("Evaluation of the programme\n\nChallenges\n\nCost was the most common obstacle: several could not pay.\n\n"
            "Eyesight: Poor eyesight made screens hard to use.\n\nTraining: staff had none.\n")
    sections = parse_document(text, "e.md").sections
    assert "Challenges" in sections and "Challenges › Eyesight" in sections
    assert not any("Cost" in section or "Training" in section for section in sections), sections


def test_someone_speaking_is_no_heading_run_into_their_words():
    """ "By the time they rang me I'd been in A&E twice …" was read as the heading "By the time they rang me" (a
    title-like phrase, then a capital), and the narrative after the block quote was cited to that section."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    quote = "By the time they rang me I'd been in A&E twice, and nine weeks is a lifetime in that state."
    marked = parse_read(read_bytes("w.md", f"# Review\n\n## Waiting\n\n> {quote} (SU06)\n\nThe wait was long.\n"
                                   .encode()))
    assert marked.sections == ("Waiting",), marked.sections
    plain = parse_document(f"Review\n\nWaiting\n\n{quote}\n\nThe wait was long.\n", "w.txt")
    assert not any("rang" in section for section in plain.sections), plain.sections


def test_someone_about_to_speak_is_no_heading_run_into_their_words():
    """ "Amira, a 34-year-old mother of two from Eastfield, told us: "…"" became the section "Amira, … told us", and
    the next people's words were cited to it, as if hers."""
    text = ("Food bank review\n\nWho uses the network\n\nAmira, a mother of two from Eastfield, told us: \"I never "
            "thought I'd need a food bank.\"\n\nKwame said his income goes up and down every week.\n\n"
            "Eyesight: Poor eyesight made the forms hard to read.\n")
    sections = parse_document(text, "f.txt").sections
    assert "Who uses the network" in sections and "Who uses the network › Eyesight" in sections
    assert not any("Amira" in section for section in sections), sections
    simply = "Report\n\nDelays\n\nThe coordinator at Site C put it simply: \"I can get someone out in a day.\"\n"
    assert parse_document(simply, "g.txt").sections == ("Delays",)  # a saying verb with its adverb


def test_a_numbered_heading_may_end_in_the_analysts_tag_for_its_theme():
    """A survey analysis headed "4. Anxiety and mental health [T1]" had no sections after its method: the tag read as
    an attribution, so no heading, and every finding was cited "§ 3. Method". A tag alone after words is still none."""
    text = ("Survey analysis\n\n3. Method\n\nWe read 1,412 responses.\n\n4. Anxiety and mental health [T1]\n\n"
            "Parents described anxiety.\n\nThe bus was late again today [T5]\n\nParents described the bus.\n")
    assert parse_document(text, "s.txt").sections == ("3. Method", "4. Anxiety and mental health [T1]")


def test_title(document):
    assert document.title.startswith("Evaluation of police and fire reform")


def test_a_list_item_starts_a_sentence_of_its_own():
    text = "For example, CPPs and resilience partnerships.\n  • Local hubs: they meet weekly. Each has a chair.\n- Ad hoc work"
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "For example, CPPs and resilience partnerships.", "Local hubs: they meet weekly.", "Each has a chair.",
        "Ad hoc work"]


def test_a_numbered_list_run_into_one_paragraph_is_a_sentence_for_each_item():
    """A PDF's text may run a numbered list into one paragraph ("… in every locality. 2. Offer …"): each item's
    sentence ended with the next item's number ("… in every locality. 2."), shown so in an answer."""
    text = "We recommend five changes. 1. Fill the vacancy. 2. Offer an evening group in each locality. 3. Review it."
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "We recommend five changes.", "Fill the vacancy.", "Offer an evening group in each locality.", "Review it."]
    assert len(split_sentences("Attendance fell in 2019. 3 people left.")) == 1  # a number starting a sentence


def test_a_passage_of_a_list_written_line_by_line_gives_each_items_first_sentence():
    """The report's lists have no blank lines between items, so one passage can hold two: the second was never
    shown as a point."""
    text = "The police see the advantages;\n  • Partnership builds trust. It takes time.\n  • The police negotiate."
    assert [text[start:end] for start, end in list_items(text)] == [
        "The police see the advantages;", "Partnership builds trust.", "The police negotiate."]


def test_a_sentence_ends_before_the_next_list_items_marker():
    """A passage that ends where the next bullet begins ("…local problems;\\n  •") ends its sentence before the
    marker: a theme's statement showed the stray "•" inside its bold."""
    text = "It builds trust between agencies to help address local problems;\n  •"
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "It builds trust between agencies to help address local problems;"]


def test_numbered_headings_are_headings_and_a_numbered_list_is_not():
    text = ("Evaluation of the pilot\n\n3. Findings\n\n3.1 Who came and why\n\nMost visitors came for the warmth.\n\n"
            "4. Recommendations\n\nWe recommend that the council:\n\n1. Keep the named officer\n\n"
            "2. Publish the rota a month ahead\n")
    document = parse_document(text, "report.txt")
    assert document.sections == ("3. Findings", "3.1 Who came and why", "4. Recommendations"), document.sections


def test_a_tables_rows_left_as_short_lines_are_not_headings():
    """A PDF's table, read as text: each row ends in its count and looked like a heading of its own."""
    text = ("Evaluation of the pilot\n\nWho came and why\n\nTable 1 shows the reasons visitors gave.\n\n"
            "Keeping warm or saving on heating costs 13\n\nCompany and conversation 10\n\n"
            "Free hot drinks and food 8\n\n"
            "Most visitors gave more than one reason.\n\nFeeling welcome\n\nAlmost all visitors felt welcome.\n")
    document = parse_document(text, "report.txt")
    assert document.sections == ("Who came and why", "Feeling welcome"), document.sections


CONSULTATION = """# School transport: analysis of consultation responses

## Method

Individuals are coded R1 to R61 and organisations Org 1 to Org 17. The respondents quoted in this report are:

| Code | Type | Region |
|---|---|---|
| R3 | Parent/carer | North Moors |
| R27 | Parent/carer of a child with SEND | Coastal |
| R52 | Young person | North Moors |
| Org 11 | Bus operator | All regions |

| Proposal | Agree | Disagree |
|---|---|---|
| A: walking routes | 9 | 62 |
| B: travel budgets | 31 | 35 |
| C: post-16 contribution | 12 | 55 |

## Findings

"It is a national speed limit lane with no verge." [R3]

"A budget is no use to me. I don't drive." [R27]

"I'd have to leave at seven to make the one bus." [R52]

"We could add a stop if the council paid for it." [Org 11]
"""


def test_a_documents_own_key_says_each_respondents_group_and_place():
    """A consultation's quotes say only "[R3]": its table of the respondents quoted gives each one's type (their group)
    and region (their area, and the document's word for its areas). "All regions" is no one place."""
    document = parse_document(CONSULTATION, "consultation.md")
    who = {extract.respondent.code: extract.respondent for extract in document.extracts}
    assert (who["R3"].group, who["R3"].area) == ("Parent/carer", "North Moors")
    assert (who["R27"].group, who["R27"].area) == ("Parent/carer of a child with SEND", "Coastal")
    assert (who["Org 11"].group, who["Org 11"].area) == ("Bus operator", "")
    assert document.area_name == "region"


def test_the_word_for_places_is_a_noun_that_lists_them_not_a_remark_or_a_verb_after_them():
    """ "transport (a minibus in Westmoor, none in Eastgate)" names the two areas in a remark, not a list of them, and
    "Ashcombe trained 14 mentors", "a parent in Brierley told us" say what was done there: read as the words for the
    areas, "transport" was taken out of every question about it. A list with counts is a list ("regions (North 9,
    South 8)")."""
    quotes = ('"We never knew when the minibus would come." (P1, parent, Westmoor)\n\n'
              '"There was no way to get there without a car." (P2, parent, Eastgate)\n\n'
              '"The sessions were full by the second week." (P3, parent, Westmoor)\n\n')
    for remark in ("Take-up differed with transport (a minibus in Westmoor, none in Eastgate).",
                   "Westmoor trained 14 staff and Eastgate trained none.",
                   "One parent in Westmoor told us about it, and another in Eastgate told us the same."):
        document = parse_document(f"Findings\n\n{remark}\n\n{quotes}", "memo.md")
        assert document.area_name == "", remark
    listed = parse_document(f"Findings\n\nWe spoke to parents in two districts (Westmoor 2, Eastgate 1).\n\n{quotes}",
                            "memo.md")
    assert listed.area_name == "district"


def test_a_table_whose_first_column_is_not_the_respondents_codes_is_no_key():
    text = CONSULTATION.replace("| R3 |", "| X3 |").replace("| R27 |", "| X27 |").replace("| R52 |", "| X52 |")
    document = parse_document(text, "consultation.md")
    assert all(not extract.respondent.group for extract in document.extracts)


def test_a_keys_ages_and_sexes_are_details_not_groups():
    text = CONSULTATION.replace("| Code | Type | Region |", "| Code | Age | Gender | Role |").replace(
        "|---|---|---|\n| R3 | Parent/carer | North Moors |", "|---|---|---|---|\n| R3 | 34 | Female | Parent |").replace(
        "| R27 | Parent/carer of a child with SEND | Coastal |", "| R27 | 41 | Male | Parent |").replace(
        "| R52 | Young person | North Moors |", "| R52 | 17 | Female | Pupil |").replace(
        "| Org 11 | Bus operator | All regions |", "| Org 11 | 55 | Male | Operator |")
    who = {extract.respondent.code: extract.respondent for extract in parse_document(text, "c.md").extracts}
    assert (who["R3"].group, who["R3"].facet("sex"), who["R3"].facet("age")) == ("Parent", "F", "34")
    assert (who["R27"].group, who["R27"].facet("sex")) == ("Parent", "M")


def test_a_sentence_keeps_the_quote_it_opens_whole():
    """ "A man in his seventies said: "I've got heart problems. I'd rather the doctor saw me."" was cut after
    "problems.", so a summary's bullet showed half a quote with its quote mark left open. A quote never closed in
    its paragraph does not hold the sentence open."""
    text = ('A man in his seventies said: "I\'ve got heart problems. I\'d rather the doctor saw me." Others agreed. '
            'A pharmacist put it as “We cope. Just.” Then it ended.\n\nShe said "never. And so it went on.')
    assert [text[start:end] for start, end in split_sentences(text)] == [
        'A man in his seventies said: "I\'ve got heart problems. I\'d rather the doctor saw me."', "Others agreed.",
        "A pharmacist put it as “We cope. Just.”", "Then it ended.", 'She said "never.', "And so it went on."]
