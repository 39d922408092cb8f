"""Escaping, neutralising and highlighting for the chat page (pure text)."""

from assistant.answers.markdown import escape_markdown, neutralise_markdown
from assistant.presentation.render import (
    citation_caption, citation_details, document_html, filters_summary, passage_html, quote_in_context,
)
from assistant.types import NARRATIVE, QUOTE, Citation, Passage


def quote_passage(text="We do more wi' less. It *matters* [really].", start=100):
    return Passage("p1", QUOTE, text, "report.txt", "Budgets", start, start + len(text), code="B02", area="B",
                   group="Police")


def citation_of(passage, offset=0, length=None):
    length = len(passage.text) - offset if length is None else length
    return Citation(passage.label, passage.code, passage.area, passage.group,
                    passage.text[offset:offset + length], passage.source, passage.section,
                    passage.start + offset, passage.start + offset + length, passage.passage_id, passage.kind)


def test_escape_markdown_escapes_emphasis():
    assert escape_markdown("*a* _b_") == r"\*a\* \_b\_"


def test_escape_markdown_escapes_html():
    assert "\\<script\\>" in escape_markdown("<script>alert(1)</script>")


def test_escape_markdown_escapes_image_syntax():
    assert escape_markdown("![x](http://e.com/t.png)") == r"\!\[x\]\(http\:\/\/e\.com\/t\.png\)"


def test_escape_markdown_escapes_streamlit_directive_and_maths():
    assert escape_markdown(":red[x] $y$") == r"\:red\[x\] \$y\$"


def test_escape_markdown_keeps_paragraphs_and_joins_lines():
    assert escape_markdown("a\nb\n\nc") == "a b\n\nc"


def test_neutralise_keeps_block_quotes_and_citations():
    text = "> “We do it.” [B02 Police]\n\n**Police**"
    assert neutralise_markdown(text) == text


def test_neutralise_disarms_image_in_a_note():
    assert neutralise_markdown("_Read as: “![t](http://x/y.png)”_") == "_Read as: “\\![t\\](http://x/y.png)”_"


def test_neutralise_disarms_html_and_maths():
    assert neutralise_markdown("<b>x</b> $1") == "\\<b>x\\</b> \\$1"


def test_neutralise_disarms_directive():
    assert neutralise_markdown("see :red[this]") == "see \\:red[this]"


def test_caption_of_a_quote_names_code_group_area_section_source():
    assert citation_caption(citation_of(quote_passage())) == \
        "B02 · Police · area B — section: Budgets — source: report.txt"


def test_caption_of_narrative_names_section():
    passage = Passage("n1", NARRATIVE, "Text.", "report.txt", "Leadership", 0, 5)
    assert citation_caption(citation_of(passage)).startswith("Report narrative — section: Leadership")


def test_filters_summary_says_where_each_filter_came_from():
    summary = filters_summary({"groups": ["Fire"], "kinds": ["quote"]}, {"groups": "argument", "kinds": "question"})
    assert summary == "Filters applied — group: Fire (sidebar); kind: quote (read from the question)"


def test_filters_summary_empty_without_filters():
    assert filters_summary({}, {}) == ""


SOURCE = ("Intro sentence far away. Budgets were discussed by everyone at length here.\n\n"
          "One officer said:\n\n“We do more wi' less.” (B02 Police)\n\nThe next paragraph goes on. And on.")


def source_citation(quote: str) -> Citation:
    start = SOURCE.index(quote)
    return Citation("B02 Police", "B02", "B", "Police", quote, "r.txt", "S", start, start + len(quote), "p", QUOTE)


def test_quote_in_context_has_its_lead_in_and_attribution():
    assert quote_in_context(SOURCE, source_citation("We do more wi' less."), reach=40) == (
        "One officer said:\n\n“", "We do more wi' less.", "” (B02 Police)")


def test_quote_in_context_cuts_at_sentence_boundaries():
    before, _, after = quote_in_context(SOURCE, source_citation("We do more wi' less."), reach=80)
    assert before.startswith("Budgets were") and after.endswith("The next paragraph goes on. And on.")


def test_quote_in_context_drops_the_attribution_line_of_the_quote_before():
    source = "“First quote.”\n(A01 Lead)\nThen they said:\n“Second quote.” (A02 Lead)"
    start = source.index("Second quote.")
    cited = Citation("A02 Lead", "A02", "", "Lead", "Second quote.", "r.txt", "S", start, start + 13, "p", QUOTE)
    before, _, _ = quote_in_context(source, cited, reach=30)
    assert "(A01 Lead)" not in before and before.endswith("Then they said:\n“")


def test_passage_html_marks_the_quote_and_escapes_the_source():
    source = "Lead <b>in</b>: “We do <script>x</script> more.” (B02 Police)"
    start = source.index("We do")
    cited = Citation("B02 Police", "B02", "B", "Police", "We do <script>x</script> more.", "r.txt", "S", start,
                     start + 30, "p", QUOTE)
    shown = passage_html(source, cited)
    assert "<mark" in shown and "We do &lt;script&gt;x&lt;/script&gt; more.</mark>" in shown
    assert "<b>" not in shown and "<script>" not in shown and "Lead &lt;b&gt;in&lt;/b&gt;" in shown


def test_passage_html_shows_the_quote_alone_when_offsets_are_wrong():
    wrong = Citation("B02 Police", "B02", "B", "Police", "Not there.", "r.txt", "S", 0, 10, "p", QUOTE)
    assert passage_html(SOURCE, wrong).count("<mark") == 1 and ">Not there.</mark>" in passage_html(SOURCE, wrong)


def test_document_html_marks_the_quote_once_and_scrolls_to_it():
    page = document_html("Report <1>", SOURCE, source_citation("We do more wi' less."))
    assert page.count('<mark id="cited"') == 1 and "We do more wi&#x27; less.</mark>" in page
    assert "<h1>Report &lt;1&gt;</h1>" in page and "scrollIntoView" in page
    assert page.count("<script>") == 1  # ours alone: the source text is escaped


def test_citation_details_short_keeps_the_last_heading_and_cuts_a_long_title():
    cited = Citation("B02 Police", "B02", "B", "Police", "q", "r.txt", "Findings › Partnership › Leadership", 0, 1,
                     "p", QUOTE, page=4)
    title = "A very long report title about partnership working, innovation and prevention in year three"
    assert citation_details(cited, title, short=True) == (
        "B02 · Police · area B · A very long report title about partnership working,… (r.txt) · page 4 · "
        "section: Leadership")
    assert citation_details(cited, title).endswith("section: Findings › Partnership › Leadership")


def test_a_count_over_a_large_library_lists_some_codes_and_counts_the_rest():
    from assistant.answers.blocks import GroupCount, Prevalence, Respondent
    from assistant.answers.lines import CODES_LISTED
    from assistant.answers.markdown import render_blocks

    people = tuple(Respondent(f"doc{n}::P{n:04d}", f"P{n:04d}", "Nurse", f"doc{n}") for n in range(1626))
    block = Prevalence("data sharing", 1626, 24749, (GroupCount("Nurse", 1626, 24749),), people)
    text = render_blocks([block])
    assert text.startswith("**1,626 of 24,749 respondents spoke to “data sharing” (Nurse 1,626 of 24,749)**")
    listed = text.split("Respondents: ")[1]
    assert listed.count("P0") == CODES_LISTED and listed.endswith(f"and {1626 - CODES_LISTED:,} more")
    assert block.respondents == people  # the block (and its JSON) keeps every one


def test_weaker_matches_name_each_voice_once_without_pages():
    from dataclasses import replace

    from assistant.answers.blocks import Quote, Quotes
    from assistant.answers.lines import block_lines

    shown = Quote(replace(citation_of(quote_passage()), page=2))
    weaker = tuple(Quote(replace(citation_of(quote_passage()), label=label, page=page))
                   for label, page in (("P1", 3), ("P7", 3), ("P1", 2)))
    (*_, note) = block_lines(Quotes((shown,), weaker=weaker))
    assert note.text == "3 weaker matches not shown (2 respondents: P1, P7)."  # not three voices named as two
    (*_, note) = block_lines(Quotes((shown,), weaker=weaker), name_documents=True)
    assert note.text == "3 weaker matches not shown (2 respondents: P1, report.txt; P7, report.txt)."
    many = tuple(Quote(replace(citation_of(quote_passage()), label=f"T{n}")) for n in range(1, 12))
    (*_, note) = block_lines(Quotes((shown,), weaker=many))  # eleven voices: a briefing's note names five
    assert note.text == "11 weaker matches not shown (T1, T2, T3, T4, T5 and 6 more)."


def test_what_one_person_said_beyond_those_shown_is_more_of_it_not_weaker_matches():
    """ "What did R4 say?" asks for everything: the extracts left over are more of it, in order, not matches ranked
    below a cut-off; and the block says so through its JSON."""
    from dataclasses import replace

    from assistant.answers.blocks import Quote, Quotes, block_from_dict, block_to_dict
    from assistant.answers.lines import block_lines

    said = Quote(replace(citation_of(quote_passage()), label="R4 young person"))
    block = Quotes((said,), weaker=(said, said), ranked=False)
    (*_, note) = block_lines(block)
    assert note.text == "2 more extracts not shown (from R4 young person)."
    assert block_from_dict(block_to_dict(block)) == block
    assert block_from_dict({key: value for key, value in block_to_dict(block).items() if key != "ranked"}).ranked


def test_weaker_matches_of_a_voice_already_quoted_are_more_from_them_not_a_voice_held_back():
    """ "1 weaker match not shown (YP08)" under YP08's quote read as if YP08 had been left out. Both kinds in one
    list ("(3 respondents: V02 volunteer driver, Thornbeck; …; more from V04 …; V03 …)") read as five respondents
    counted as three: each kind has its own brackets."""
    from dataclasses import replace

    from assistant.answers.blocks import Quote, Quotes
    from assistant.answers.lines import block_lines

    def quote(label: str) -> Quote:
        return Quote(replace(citation_of(quote_passage()), label=label))

    (*_, note) = block_lines(Quotes((quote("YP08"),), weaker=(quote("YP08"),)))
    assert note.text == "1 weaker match not shown (more from YP08)."
    (*_, note) = block_lines(Quotes((quote("P1"), quote("P2")), weaker=tuple(map(quote, ("P3", "P1", "P4", "P3")))))
    assert note.text == ("4 weaker matches not shown: 2 more respondents (P3, P4), and more from those quoted above "
                         "(P1).")
    interim, interview = (Quote(replace(citation_of(quote_passage()), label="L02 learner", source=source))
                          for source in ("interim.md", "interview.txt"))
    (*_, note) = block_lines(Quotes((interim,), weaker=(interview,)), name_documents=True)
    assert note.text == "1 weaker match not shown (more from L02 learner, interview.txt)."  # one person, two documents
    driver = [quote(f"V0{n} volunteer driver, {place}") for n, place in ((4, "Kelsmoor"), (2, "Thornbeck"))]
    (*_, note) = block_lines(Quotes((driver[0],), weaker=(driver[1], driver[0])))  # labels holding commas
    assert note.text == ("2 weaker matches not shown: 1 more respondent (V02 volunteer driver, Thornbeck), and more "
                         "from those quoted above (V04 volunteer driver, Kelsmoor).")


def test_neutralising_leaves_an_escaped_mark_escaped_and_catches_html_after_an_escaped_backslash():
    assert neutralise_markdown(r"a \<b and \!\[x\]") == r"a \<b and \!\[x\]"  # not escaped twice (live again)
    assert neutralise_markdown("a \\\\<img src=x>") == "a \\\\\\<img src=x>"  # a backslash, then HTML: escaped
    assert neutralise_markdown("![x](http://e.com)") == r"\![x\](http://e.com)"


def test_counts_are_broken_down_by_group_only_where_the_library_has_groups():
    from assistant.answers.blocks import NO_GROUP, GroupCount
    from assistant.answers.lines import counts_line

    assert counts_line(6, 7, (GroupCount(NO_GROUP, 6, 7),), "tool complexity") == \
        "6 of 7 respondents spoke to “tool complexity”"
    assert counts_line(0, 12, (GroupCount("Nurse", 0, 8), GroupCount(NO_GROUP, 0, 4)), "rotas") == \
        "0 of 12 respondents spoke to “rotas”"  # a zero for each group says the count again
    assert counts_line(3, 12, (GroupCount("Nurse", 2, 8), GroupCount(NO_GROUP, 1, 4))) == \
        "3 of 12 respondents (Nurse 2 of 8; (no group) 1 of 4)"


def test_quotes_of_no_group_are_headed_after_those_of_the_groups():
    """An unattributed extract ranked first headed the answer ("Unattributed", then "Police", "Fire"): the groups a
    briefing reads by come first, each in the order of its best quote; those of no group after them."""
    from dataclasses import replace

    from assistant.answers.blocks import Quote, Quotes
    from assistant.answers.lines import block_lines
    from assistant.types import UNATTRIBUTED

    police = citation_of(quote_passage())
    nobody = replace(police, label=UNATTRIBUTED, code="", group="", area="")
    fire = replace(police, label="A10 Fire", code="A10", group="Fire")
    headings = [line.text for line in block_lines(Quotes((Quote(nobody), Quote(police), Quote(fire))))
                if not line.text.startswith("“")]
    assert headings == ["Police", "Fire", "Unattributed"]


def test_a_breakdown_over_many_groups_names_those_who_spoke_and_sums_the_rest():
    """Eleven roles, three of them speaking to a theme: a line naming eight with "0 of 1" is padding."""
    from assistant.answers.blocks import GroupCount
    from assistant.answers.lines import groups_line

    roles = [GroupCount("Service user", 3, 6), GroupCount("Nurse", 1, 2), GroupCount("Support worker", 0, 2),
             GroupCount("GP", 0, 1), GroupCount("Paramedic", 1, 1), GroupCount("Peer worker", 0, 1)]
    assert groups_line(roles) == "Service user 3 of 6; Nurse 1 of 2; Paramedic 1 of 1; others 0 of 4"
    few = roles[:3]  # with few groups, that one has none is worth saying
    assert groups_line(few) == "Service user 3 of 6; Nurse 1 of 2; Support worker 0 of 2"


def test_citations_name_their_documents_only_where_a_label_could_be_another_documents():
    """A set of interviews, one file each: "[R3 volunteer]" says where it is from; a code that two documents'
    respondents have ("P1" of two interviews), or a section, does not."""
    from assistant.answers.cite import names_documents

    def cited(code: str, source: str, kind: str = QUOTE) -> Citation:
        return Citation(code, code, "", "", "Said.", source, "", 0, 5, f"{source}{code}", kind)

    assert not names_documents([cited("R1", "interview-01.txt"), cited("R3", "interview-03.txt")], {"P1"})
    assert names_documents([cited("P1", "interview-01.txt")], {"P1"})  # the other P1 need not be cited
    assert names_documents([cited("R1", "interview-01.txt"), cited("", "report.md", NARRATIVE)], set())
    assert names_documents([], {"P1"}, listed=["P1", "R3"])  # a count's list of codes: "P1" alone is either's
