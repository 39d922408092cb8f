"""The grammar of attributions: what a bracket after (or before) a quote may hold, and what it may not."""

import pytest

from assistant.answers.blocks import Prevalence

from assistant.documents.attribution import AttributionStyle, fold_code, normalise_code, opening_for, parse_attribution


@pytest.mark.parametrize("content, code, group, facets", [
    ("B02 Police", "B02", "Police", ()),
    ("P20_F_31", "P20", "", (("sex", "F"), ("age", "31"))),
    ("P11_F_2", "P11", "", (("sex", "F"), ("detail", "2"))),
    ("Participant 7, nurse", "Participant 7", "nurse", ()),
    ("Participant 7, nurse, 45, female", "Participant 7", "nurse", (("age", "45"), ("sex", "F"))),
    ("R5", "R5", "", ()),
    ("Site B", "Site B", "", ()),
    ("FGD", "FGD", "", ()),
    ("P07 Nurse", "P07", "Nurse", ()),
    ("A10 Fire", "A10", "Fire", ()),
    ("Interviewee 12, community member", "Interviewee 12", "community member", ()),
    # no code of their own: the role and the place together say who spoke
    ("Youth worker, Site 1", "Youth worker, Site 1", "Youth worker", (("where", "Site 1"),)),
    ("Ward manager, hospital B", "Ward manager, hospital B", "Ward manager", (("where", "hospital B"),)),
    ("Parent", "Parent", "Parent", ()),  # a role alone: only beside a quote of some length (test_styles)
    ("Teacher, Northfield Academy", "Teacher, Northfield Academy", "Teacher", (("detail", "Northfield Academy"),)),
    ("Pupil, Year 9", "Pupil, Year 9", "Pupil", (("detail", "Year 9"),)),  # a year is no place
    ("Visitor, aged 70s, Branch 2", "Visitor, aged 70s, Branch 2", "Visitor",
     (("where", "Branch 2"), ("detail", "aged 70s"))),
    ("P01 Café manager", "P01", "Café manager", ()),  # accented letters are letters
    ("Crèche worker, Site 2", "Crèche worker, Site 2", "Crèche worker", (("where", "Site 2"),)),
])
def test_attributions_of_many_styles(content, code, group, facets):
    attribution = parse_attribution(content)
    assert (attribution.code, attribution.group, attribution.facets) == (code, group, facets)


@pytest.mark.parametrize("content", [
    "Table 2", "Figure 3", "Smith, 2019", "Smith 2019", "p. 12", "see Section 4", "n = 12", "WHO, 2019",
    "Year 2", "1", "e.g. budgets", "this was said twice", "2019", "Table, Figure 2", "Figures, page 4",
])
def test_references_years_and_prose_are_not_attributions(content):
    assert parse_attribution(content) is None


def test_a_letter_o_where_the_documents_codes_have_a_digit_is_a_zero():
    assert normalise_code("DO2", {(1, 2)}) == "D02"
    assert normalise_code("DO2") == "D02"
    assert fold_code("do2") == fold_code("D02")


def test_a_closing_mark_finds_its_own_opening_past_inner_quotes():
    text = "He said “she told me ‘go home’ and I did” (P2)"
    assert opening_for(text, text.index("”"), 0) == text.index("“")
    straight = "'We are very 'can do'. We tend to drive agendas.' (A04 Police)"
    assert opening_for(straight, straight.rindex("'"), 0) == 0


def test_apostrophes_are_not_closing_marks():
    text = "‘It’s the way they don’t rush you.’ (P3)"
    assert opening_for(text, text.rindex("’"), 0) == 0


def test_a_users_pattern_names_its_facets():
    style = AttributionStyle(r"\[(?P<code>R\d+)/(?P<sex>[MF])\]")
    (site,) = style.sites("“Text.” [R5/F]")
    assert (site.attribution.code, site.attribution.facets) == ("R5", (("sex", "F"),))


@pytest.mark.parametrize("pattern, problem", [("(unclosed", "not a valid"), (r"\[R\d+\]", "named group `code`")])
def test_a_bad_pattern_says_what_is_wrong(pattern, problem):
    with pytest.raises(ValueError, match=problem):
        AttributionStyle(pattern)


def test_a_reports_key_to_its_codes_gives_each_code_its_group():
    from assistant.documents.attribution import groups_keyed

    keyed = groups_keyed("We interviewed eight nurses (N1–N8), four doctors (D1 to D4) and three porters (P1-P3).")
    assert keyed["N2"] == "Nurse" and keyed["D4"] == "Doctor" and keyed["P3"] == "Porter" and "N9" not in keyed
    assert groups_keyed("Interviews with twelve participants (P1–P12).") == {}  # everyone asked, no group of them
    assert groups_keyed("see pages (pp. 10-12)") == {}
    named = "We interviewed eight catering staff (CS1–CS8) and six headteachers (HT1–HT6). Catering staff said …"
    assert groups_keyed(named)["CS2"] == "Catering staff"  # as the report names them elsewhere
    assert groups_keyed("We interviewed nurses (N1–N8) and doctors (D1–D4).")["N1"] == "Nurse"  # "interviewed" is not
    table = "Group | Interviews | Codes\nWard staff (nurses, therapists) | 6 | WS1–WS6\nSocial workers | 4 | SW1-SW4"
    assert groups_keyed(table)["WS6"] == "Ward staff" and groups_keyed(table)["SW1"] == "Social worker"  # its rows


def test_a_key_to_the_letters_of_codes_gives_each_code_its_group():
    from assistant.documents.attribution import groups_keyed

    codes = ["P3", "GP4", "LW1", "P14", "X2"]
    legend = "Quotes are labelled: P for patients, GP for general practitioners and LW for link workers."
    assert groups_keyed(legend, codes) == {"P3": "Patient", "GP4": "General practitioner", "LW1": "Link worker",
                                           "P14": "Patient"}
    assert groups_keyed("We spoke to patients (P), GPs (GP) and link workers (LW).", codes)["GP4"] == "GP"
    assert groups_keyed("P = patient; N = nurse", ["P03", "N1"]) == {"P3": "Patient", "N1": "Nurse"}
    assert groups_keyed("Plan A for the area, and Plan B for later.", ["A1", "B2"]) == {}  # no noun: no key
    assert groups_keyed("P for patients.", codes) == {}  # one group is no key
    wrapped = "Quotes are labelled: P for patients, GP for general\npractitioners and LW for link\nworkers."
    assert groups_keyed(wrapped, codes)["GP4"] == "General practitioner"  # a key's line breaks are no part of it
    catering = "We interviewed eight catering\nstaff (CS1–CS8) and two heads (H1–H2). Catering staff said so."
    assert groups_keyed(catering)["CS1"] == "Catering staff"


PRACTICES = """# Social prescribing in three GP practices

## Methods

We interviewed patients, GPs and link workers at three practices (Hillview, Northgate and Riverside). Quotes are
labelled with a participant code: P for patients, GP for general practitioners and LW for link workers, and the
practice.

## Findings

"Half my colleagues didn't know we had a link worker until a patient told them." (GP4, Hillview)

"Once the receptionists understood what I did, the referrals doubled in a month." (LW1, Northgate)

"I never quite knew where the line was with mental health referrals." (GP2, Riverside)

"The doctor gives you ten minutes. The link worker gave me an hour and a cup of tea." (P11, Riverside)

"She didn't rush me. She asked what I used to enjoy." (P3, Northgate)
"""


def test_codes_keyed_by_their_letters_are_of_those_groups_and_the_word_after_them_is_where(tmp_path, embedder):
    """"(GP4, Hillview)" in a report that keys "GP for general practitioners": the word after the code named the
    groups, so the groups were the three practices and "What do the GPs think?" quoted everyone."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "practices.md", PRACTICES)
    directory = study.directory
    assert set(directory.groups()) == {"Patient", "General practitioner", "Link worker"}
    assert set(directory.areas()) == {"Hillview", "Northgate", "Riverside"}
    assert directory.area_label("Hillview") == "Hillview"
    answer = study.ask("What do the GPs think of the service?")
    assert {c.code for c in answer.citations if c.kind == "quote"} <= {"GP2", "GP4"}, answer.answer
    answer = study.ask("What did patients in Riverside say?")
    assert {c.code for c in answer.citations if c.kind == "quote"} == {"P11"}, answer.answer
    # the places are what the report calls them: "which practice" asks of them
    assert directory.area_names == ("practice",)
    answer = study.ask("Which practice had the most respondents mentioning referrals?")
    (block,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert {count.group for count in block.by_group} == {"Hillview", "Northgate", "Riverside"}, answer.answer
    assert block.topic == "referrals", answer.answer


def test_what_a_document_calls_the_places_its_attributions_name():
    from assistant.documents.corpus import _word_for_places

    places = {"Hillview", "Northgate"}
    assert _word_for_places("Two schools (Hillview and Northgate) took part.", places) == "school"
    assert _word_for_places("At the Hillview practice, and the Northgate practice too.", places) == "practice"
    assert _word_for_places("Hillview and Northgate took part.", places) == ""
    assert _word_for_places("Two schools (B and C) took part.", {"B", "C"}) == ""  # letters, named by their word


FLOODS = """# Community recovery after the floods

## Summary

We interviewed householders, business owners and council staff in three towns (Ashby, Brindle and Carrow).
Respondents are identified by role and number.

## Findings

Most householders described long waits for insurance payouts.

*"Eleven months and the loss adjuster has been twice."* – Householder 3, Ashby

*"We paid our premiums for thirty years and now they argue about the skirting boards."* – Householder 7, Brindle

Business owners had fewer problems with insurers but more with cash flow.

*"The claim came through in the end, but I had laid off two staff by then."* – Business owner 2, Carrow

*"We were updating the website but half the street had no power."* – Council officer 1
"""


def test_a_role_numbered_in_the_code_is_the_group_and_the_name_after_it_the_place(tmp_path, embedder):
    """"– Householder 3, Ashby": the towns were taken for the groups, so "What did householders say?" had no one to
    ask and "Compare householders and business owners" no sides. The roles that number the codes are the groups;
    the names after them are where the speakers are."""
    from conftest import assistant_over

    assert parse_attribution("Householder 3, Ashby").facet("role") == "Householder"
    study = assistant_over(tmp_path, embedder, "floods.md", FLOODS)
    directory = study.directory
    assert set(directory.groups()) == {"Householder", "Business owner", "Council officer"}
    assert set(directory.areas()) == {"Ashby", "Brindle", "Carrow"} and directory.area_names == ("town",)
    answer = study.ask("Compare householders and business owners on insurance")
    sides = [block for block in answer.blocks if block.kind == "comparison"][0].sides
    assert {side.name for side in sides} == {"Householder", "Business owner"}, answer.answer


@pytest.mark.parametrize("before, after, role", [
    ("Families welcomed the longer hours. As one daughter put it, ", " Another relative said so.", "Daughter"),
    ("Nurses were more mixed. One nurse told us: ", "", "Nurse"),
    ("Staff worried about shared bays. ", ", said a healthcare assistant.", "Healthcare assistant"),
    ("One older patient said, ", "", "Older patient"),
    ('…around visitors." A ward manager described the first month as ', ".", "Ward manager"),
    ("The report said ", "", None),  # no one described
    ("Some called it ", " in their own words.", None),
    ("One report noted that ", "", None),  # a text, not a person
    ("One of the nurses said: ", "", None),
    # …with where they are or what they are like between the role and the saying
    ("Most agreed. One pharmacist in a rural practice said: ", "", "Pharmacist"),
    ("It varied. As a GP practice manager (Area 2) put it, ", "", "GP practice manager"),
    ("A patient aged over 65 told us: ", "", "Patient"),
    ("A man in his forties in Area 2, who had been referred twice for the same sore throat, told us: ", "", "Man"),
    ("The fee was low. An owner-pharmacist in Area 3 described the arithmetic:", "", "Owner-pharmacist"),
    ("A receptionist and care navigator in Area 3 said: ", "", "Receptionist and care navigator"),
])
def test_who_a_reports_sentence_says_spoke_a_quote(before, after, role):
    from assistant.documents.attribution import said_by

    who = said_by(before, after)
    assert (who.group if who else None) == role


def test_where_a_reports_sentence_says_the_speaker_is_is_their_place():
    from assistant.documents.attribution import said_by

    assert said_by("As a GP practice manager (Area 2) put it, ", "").code == "GP practice manager, Area 2"
    man = said_by("A man in his forties in Area 2, who had been referred twice, told us: ", "")
    assert (man.code, man.facet("where"), man.facet("detail")) == ("Man, Area 2", "Area 2", "his forties")
    assert said_by("One pharmacist in a rural practice said: ", "").facet("detail") == "rural practice"


LEAD_INS = """# Minor ailments scheme evaluation

## Workload

Pharmacists were frustrated by how little the scheme had been promoted. An owner-pharmacist in Area 2 explained:

> We were given two posters and a pile of leaflets in a box, and that was it.

The fee was widely seen as too low. One pharmacist in a rural practice said: "I'm on my own most days, and the queue
at the counter is out the door."

> Nobody reads a poster in a pharmacy window, whatever the surgery thinks.

A locum pharmacist in Area 1 said: "Every branch does it differently, so I never know what the form is."
"""


def test_a_block_quote_a_reports_sentence_introduces_is_that_speakers_and_kinds_of_a_role_are_one_group():
    """ "An owner-pharmacist in Area 2 explained:" above a block quote left it unattributed, and "owner-pharmacist",
    "locum pharmacist" and "pharmacist" were three groups. A block quote with no such sentence right above it stays
    unattributed."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    extracts = parse_read(read_bytes("pharmacy.md", LEAD_INS.encode())).extracts
    said = [(e.respondent.code, e.respondent.group) if e.respondent else None for e in extracts]
    assert said == [("Owner-pharmacist, Area 2", "Pharmacist"), ("Pharmacist, rural practice", "Pharmacist"), None,
                    ("Locum pharmacist, Area 1", "Pharmacist")]  # (told apart from other pharmacists by where)


VISITING = """# Review of night-time ward visiting

## Findings

Families welcomed the longer hours. As one daughter put it, "I can come after my shift now, instead of choosing
between work and my dad." Another relative said the change "made the ward feel less like a prison".

Nurses were more mixed. One nurse told us: "It's lovely for families, but at ten o'clock we're trying to do medication
rounds around visitors."

Staff worried that late visits disturbed other patients. "The man in the next bed gets woken every night," said a
healthcare assistant.
"""


def test_quotes_a_reports_sentence_attributes_to_someone_by_role_are_theirs(tmp_path, embedder):
    """'One nurse told us: "…"' was no quote at all ("3 quote(s) but no attribution was recognised"): "What did
    nurses say about visiting hours?" gave the report's sentence, cut at the quote's first full stop."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "visiting.md", VISITING)
    assert set(study.directory.groups()) == {"Daughter", "Nurse", "Healthcare assistant"}
    answer = study.ask("What did nurses say about visiting hours?")
    (quote,) = [citation for citation in answer.citations if citation.kind == "quote"]
    assert quote.group == "Nurse" and quote.quote.startswith("It's lovely for families") \
        and quote.quote.endswith("visitors."), answer.answer
    assistant_said = study.ask("What did the healthcare assistant say?")
    assert [c.quote for c in assistant_said.citations if c.kind == "quote"] == [
        "The man in the next bed gets woken every night"], assistant_said.answer  # not the comma before "said"


DISCHARGE = """# Evaluation of the discharge lounge: interviews with ward staff

## Introduction

We interviewed eight nurses (N1–N8), four doctors (D1–D4) and three porters (P1–P3).

## Findings

Nurses said beds were freed earlier in the day: "we get the bed back by eleven now, not four" (N2). Doctors were
less sure: "it just moves the wait from the ward to the lounge" (D3).

Porters described extra work: "We're doing twenty more trips a day and there's still three of us" (P2).
"""


def test_codes_a_report_keys_to_groups_are_of_those_groups(tmp_path, embedder):
    """Quotes coded "(N2)", "(D3)" carry no group; the report's key ("eight nurses (N1–N8)") gives it, so that
    "What did porters say?" is asked of the porters and nurses can be compared with doctors."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "discharge.md", DISCHARGE)
    assert study.directory.groups() and set(study.directory.groups()) == {"Nurse", "Doctor", "Porter"}
    answer = study.ask("What did porters say?")
    assert {citation.code for citation in answer.citations if citation.kind == "quote"} == {"P2"}, answer.answer


def test_words_a_key_puts_aside_are_areas_only_when_they_are_names():
    """"(P1, day ward)" under a key "P for patients, N for nurses": the words after the code are not the group, nor
    a place by name; they stay as a detail."""
    from assistant.documents.corpus import parse_document

    text = ("# Study\n\nCodes: P for patients, N for nurses.\n\n## Findings\n\n\"We wait.\" (P1, day ward)\n\n"
            "\"We rush.\" (N2, night shift)\n")
    people = [extract.respondent for extract in parse_document(text, "a.md").extracts]
    assert [(who.group, who.area, who.facet("detail")) for who in people] == [
        ("Patient", "", "day ward"), ("Nurse", "", "night shift")]


TABLETS = """# Getting online: an evaluation of a tablet-lending course

## Why people joined

Most learners joined to keep in touch with family.

> My daughter's in Melbourne. The first time I saw my grandson on the screen, moving, I cried my eyes out.
> — "Margaret", learner, 71 (Ashbury)

> Everyone in the family has this group chat and I was the only one not in it. I felt like a spare part.
> — "Beryl", learner, 76 (Fenwick)

Others came for practical reasons. As Stan put it, "I'm not doing it to be trendy. I'm doing it because they've shut
everything" (Stan, learner, 80, Fenwick).

## Tutors

Tutors wanted more training. "Half my learners have a hearing aid or cataracts. The training was all about apps and
nothing about that" (Jess, volunteer tutor, Fenwick). Another agreed: "We learned the apps and not the people who
use them, which is backwards when you think about it" (Sam, volunteer tutor, Ashbury).

> Every one of them who orders their repeats on the app is one fewer call at eight in the morning.
> — "Fiona", practice manager, Marsh Lane GP practice (partner organisation)

The council was more cautious: "We will never get everyone online and we shouldn't pretend we will" (Lewis, digital
services lead, Northvale Council, partner organisation).
"""


def test_attributions_that_open_with_a_name_are_that_persons_and_their_role_is_the_group(tmp_path, embedder):
    """A block quote signed on its last line ("> — "Margaret", learner, 71 (Ashbury)") was never attributed, and
    the block quotes before "As Stan put it, "…" (Stan, learner, 80, Fenwick)" were served, with the narrative
    between them, as Stan's words; each name was a group of one. The name is who spoke, the role their group, the
    place they share with others their area."""
    from conftest import assistant_over

    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    said = {extract.respondent.code: (extract.respondent.group, extract.respondent.area, extract.quote)
            for extract in parse_read(read_bytes("tablets.md", TABLETS.encode())).extracts}
    assert said["Margaret"] == ("learner", "Ashbury", "My daughter's in Melbourne. The first time I saw my grandson "
                                "on the screen, moving, I cried my eyes out.")
    assert said["Beryl"][:2] == ("learner", "Fenwick") and said["Beryl"][2].endswith("a spare part.")
    assert said["Stan"][2] == "I'm not doing it to be trendy. I'm doing it because they've shut\neverything"
    assert said["Fiona"][:2] == ("partner organisation", "") and said["Lewis"][0] == "partner organisation"
    study = assistant_over(tmp_path, embedder, "tablets.md", TABLETS)
    assert set(study.directory.groups()) == {"learner", "volunteer tutor", "partner organisation"}
    answer = study.ask("What did the volunteer tutors say about training?")
    assert {c.code for c in answer.citations if c.kind == "quote"} <= {"Jess", "Sam"}, answer.answer


def test_block_quotes_one_after_another_are_each_their_own_speakers():
    """The second of two block quotes in a row, each ending in its code, was left unattributed: it was read as the
    rest of the first, which its own code had already closed."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Peer support\n\nMost valued their worker's own experience.\n\n"
            "> With Dan it's different. He's been on a section himself. He gets it. (SU04, Site B)\n\n"
            "> The first time she told me she'd been in hospital too, I nearly fell off my chair. (SU09, Site A)\n")
    extracts = parse_read(read_bytes("peer.md", text.encode())).extracts
    assert [(extract.respondent.code, extract.quote[:12]) for extract in extracts] == [
        ("SU04", "With Dan it'"), ("SU09", "The first ti")]


def test_an_interview_number_is_no_group_and_its_shortened_word_is_the_same_numbering():
    """ "[Interview 14, upland]", "[Int. 3, lowland, tenant farmer]", "[Adviser 2]": the groups were "Interview",
    "Int" and "Adviser" (the words numbering the codes), so upland and lowland farmers could not be compared and
    "Int. 16" and "Interview 16" would have been two people. An interview's number says only that they took part;
    "Int." is "Interview" shortened; beside the groups the attributions give, the advisers are a group too."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Farming for nature\n\n## Payments\n\n"
            '"We carried it on the overdraft for six months." [Interview 7, upland]\n\n'
            '"It\'s not the amount. It\'s the when." [Interview 13, lowland]\n\n'
            '"The land agent took four months to answer one email." [Int. 16, lowland, tenant farmer]\n\n'
            '"Most of what I did in the first six months was form-filling." [Adviser 3]\n')
    said = [(e.respondent.code, e.respondent.group) for e in parse_read(read_bytes("farm.md", text.encode())).extracts]
    assert said == [("Interview 7", "upland"), ("Interview 13", "lowland"), ("Interview 16", "lowland"),
                    ("Adviser 3", "Adviser")]


def test_a_survey_id_is_its_number_and_a_role_line_may_end_in_brackets():
    """ "[ID 1043, parent]" was read as a respondent called "ID" (13 people as one, each quote cited "[ID]"), and
    "_Tenant 7 (male, 40s)_" on the line after a block quote attributed nothing."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Uniform consultation\n\n## Cost\n\n\"Three blazers at nearly forty pounds each is more than we spend on "
            "food in a week.\" [ID 1043, parent]\n\nPupils raised cost too: \"I don't want to ask my mum for a "
            "blazer\" [ID 2058, pupil, Year 8].\n\n## Housing\n\n> I'd been told six months so many times I stopped "
            "listening. Then she rang me on a Thursday.\n\n_Tenant 7 (male, 40s)_\n")
    said = [(e.respondent.code, e.respondent.group or e.respondent.facet("role"), e.respondent.facet("sex"))
            for e in parse_read(read_bytes("mixed.md", text.encode())).extracts]
    assert said == [("ID 1043", "parent", ""), ("ID 2058", "pupil", ""), ("Tenant 7", "Tenant", "M")]


def test_a_numbered_word_code_may_run_to_four_digits():
    """A consultation numbers its responses past a thousand: "(Response 1150, bus operator)" was left unattributed,
    so "What did Response 1150 say?" was told there was no such respondent. A year is still no code."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Bus franchising consultation\n\n## Fares\n\n> \"A day ticket should cover every bus.\" (Response 45, "
            "housing association)\n\n> \"Multi-operator ticketing already exists. It is under-promoted rather than "
            "broken.\" (Response 1150, bus operator)\n\nThe scheme began \"as a pilot\" (Spring 2019).\n")
    said = [(e.respondent.code, e.respondent.group) for e in parse_read(read_bytes("c.md", text.encode())).extracts
            if e.respondent]
    assert said == [("Response 45", "housing association"), ("Response 1150", "bus operator")]


def test_answers_under_an_interviews_heading_are_that_interviewees():
    """Eight interviews in one paper, each under "## Interview 3 — Practice nurse, rural" with "**Q:**"/"**A:**"
    turns: every answer was cited to the file ("[qa]"), so "What did Interview 1 say about …?" found none of hers.
    The heading says who answers; and a synthesis quoting her as "(Interview 3)" alone quotes the same nurse."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Remote consultations: interview excerpts\n\n## Key findings\n\nMost wanted a mix: \"keep a mix, but I'd "
            "want the choice to be mine\" (Interview 3).\n\n"
            "## Interview 1 — Advanced nurse practitioner, urban\n\n**Q:** Is remote work a cost-cutting exercise?\n\n"
            "**A:** Not really. It was born out of necessity during Covid.\n\n**Q:** What would help?\n\n"
            "**A:** Protected time. Every remote consultation generates admin.\n\n"
            "## Interview 3 — Practice nurse, rural\n\n**Q:** What's connectivity like?\n\n"
            "**A:** Patchy is a kind word for it. Half our patients are up in the hills.\n\n"
            "**Q:** Would you go back to all face-to-face?\n\n**A:** No. I'd keep a mix, but I'd want the choice to "
            "be mine.\n")
    paper = parse_read(read_bytes("qa.md", text.encode()))
    said = [(e.respondent.code, e.respondent.group, paper.text[e.start:e.start + 10]) for e in paper.extracts]
    assert said == [("Interview 3", "Practice nurse", "keep a mix"),
                    ("Interview 1", "Advanced nurse practitioner", "Not really"),
                    ("Interview 1", "Advanced nurse practitioner", "Protected "),
                    ("Interview 3", "Practice nurse", "Patchy is "), ("Interview 3", "Practice nurse", "No. I'd ke")]


def test_places_named_in_coded_attributions_are_where_the_speakers_are():
    """ "(Response 112, individual, Westby)": the place was a detail no citation showed, and "What did respondents
    from Westby say?" was told the findings do not say where anyone is. Named places are now the speakers' areas,
    and a citation names the place."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Bus consultation\n\n## Fares\n\n"
            "> \"I pay for two day tickets to get to the hospital.\" (Response 112, individual, Westby)\n\n"
            "> \"Keep the £2 cap.\" (Response 817, individual, Oakridge)\n\n"
            "> \"Someone needs to be answerable.\" (Response 1011, individual, Westby)\n\n"
            "> \"Ticketing already exists.\" (Response 7, bus operator)\n")
    extracts = parse_read(read_bytes("c.md", text.encode())).extracts
    assert [(e.respondent.code, e.respondent.area) for e in extracts] == [
        ("Response 112", "Westby"), ("Response 817", "Oakridge"), ("Response 1011", "Westby"), ("Response 7", "")]
    assert [e.respondent.label for e in extracts][:2] == ["Response 112 individual, Westby",
                                                          "Response 817 individual, Oakridge"]


def test_a_detail_each_speaker_names_once_is_no_place():
    """ "(P3, nurse, Leeds)", "(P4, doctor, Polish)": capitalised details no two speakers share stay details."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Ward study\n\n## Staffing\n\n> \"We are always short.\" (P3, nurse, Leeds)\n\n"
            "> \"Nights are the worst.\" (P4, doctor, Polish)\n")
    assert [e.respondent.area for e in parse_read(read_bytes("w.md", text.encode())).extracts] == ["", ""]


def test_places_named_in_attributions_by_role_are_where_the_speakers_are():
    """ "– Young person, 19, North" beside coded employers in the North: the region was a detail of one and the area
    of the other, so "What did people in the North say?" heard only the employers."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = ("# Youth employability\n\n## Support\n\n"
            "- \"She was the first person who actually texted back.\" – Young person, 19, North\n"
            "- \"He didn't give up on me, even when I missed appointments.\" – Young person, 17, East\n"
            "- \"Caseloads went up to thirty-five last winter.\" – Key worker, North\n")
    extracts = parse_read(read_bytes("y.md", text.encode())).extracts
    assert [(e.respondent.group, e.respondent.area) for e in extracts] == [
        ("Young person", "North"), ("Young person", "East"), ("Key worker", "North")]


def test_a_kind_of_place_the_narrative_puts_before_those_it_asked_is_where_they_are():
    """ "## Interview 3 — Practice nurse, rural": "rural" was a detail, so "How did rural and urban interviewees
    differ?" could not be compared; the narrative's "all four rural interviewees" says it is where they work. A word
    the narrative never puts so ("qualified") stays a detail."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    def interview(number: int, role: str, setting: str, answer: str) -> str:
        return f"## Interview {number} — {role}, {setting}, trained\n\n**Q:** How is it going?\n\n**A:** {answer}\n\n"

    text = ("# Remote consultations\n\n## Key findings\n\nAll the rural interviewees described poor connectivity; the "
            "urban interviewees raised interpreters instead.\n\n"
            + interview(1, "Practice nurse", "rural", "The signal drops every afternoon.")
            + interview(2, "Practice nurse", "urban", "We book interpreters a week ahead.")
            + interview(3, "Healthcare assistant", "rural", "Half our patients have no 4G at all.")
            + interview(4, "Healthcare assistant", "urban", "Video is fine here, mostly."))
    extracts = parse_read(read_bytes("qa.md", text.encode())).extracts
    assert [(e.respondent.code, e.respondent.area) for e in extracts] == [
        ("Interview 1", "rural"), ("Interview 2", "urban"), ("Interview 3", "rural"), ("Interview 4", "urban")]
    assert all(("detail", "trained") in e.respondent.facets for e in extracts)


FOOD_BANK = """# Community food-bank network review

## Who uses the network

Most people came after a change in income. Amira, a 34-year-old mother of two from Eastfield, told us: "I never
thought I'd be somebody who needed a food bank. There's nothing left by the third week."

"I worked forty years in the warehouses, and now I'm asking for a tin of beans," said Derek.

## Getting there

"Some of the people I deliver to haven't spoken to anyone all week," said Tom, a volunteer driver.

"The fuel allowance hasn't changed since 2021, and I'm out of pocket," said Tom.

She said: "It was easier than I expected, honestly, once I was through the door."

## Table 1: Participants

| Name | Group | Area |
|---|---|---|
| Amira | Service user | Eastfield |
| Derek | Service user | Northside |
| Tom | Volunteer | Riverside |
"""


def test_quotes_a_reports_sentence_gives_to_someone_it_names_are_theirs():
    """ "Amira, a 34-year-old mother of two from Eastfield, told us: "…"" and '"…," said Tom, a volunteer driver.'
    were read as narrative: "What did Tom say?" was told the findings do not say which respondent is Tom. The name is
    who spoke; the document's key of its people gives the group, else how it describes them; a pronoun names no
    one; and a paragraph that is one such quote is no second, unattributed one."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    extracts = parse_read(read_bytes("food.md", FOOD_BANK.encode())).extracts
    said = [(e.respondent.code, e.respondent.group) if e.respondent else None for e in extracts]
    assert said == [("Amira", "Service user"), ("Derek", "Service user"), ("Tom", "Volunteer"), ("Tom", "Volunteer")]
    assert extracts[0].respondent.facet("age") == "34"
    unkeyed = parse_read(read_bytes("food.md", FOOD_BANK.split("## Table 1")[0].encode())).extracts
    assert [(e.respondent.code, e.respondent.group) for e in unkeyed] == [
        ("Amira", "mother of two"), ("Derek", ""), ("Tom", "volunteer driver"), ("Tom", "volunteer driver")]


def test_an_age_by_its_decade_and_a_singular_that_ends_in_us():
    """"(Participant 6, learner, female, 40s)": the decade is an age, 40 to 49; and "focus" is no plural of "focu"
    (the document's word for its places came out so)."""
    from assistant.documents.attribution import age_range, singular

    assert parse_attribution("Participant 6, learner, female, 40s").facet("age") == "40s"
    assert age_range("40s") == (40, 49) and age_range("45–54") == (45, 54)
    assert (singular("focus"), singular("campus"), singular("nurses")) == ("Focus", "Campus", "Nurse")
    assert singular("young people") == "Young person"  # a key's "YP for young people" is the young person's group


def test_a_role_at_a_grade_is_the_role_with_the_grade_a_detail_but_a_part_of_a_text_is_no_role():
    pupil = parse_attribution("Year 8 pupil, Ashcombe")
    assert (pupil.group, pupil.facets) == ("pupil", (("detail", "Year 8"), ("detail", "Ashcombe")))
    assert parse_attribution("Band 6 nurse").group == "nurse"
    assert parse_attribution("Table 3 shows this") is None and parse_attribution("Figure 2 data") is None


TWO_WAYS_OF_ATTRIBUTING = """# Findings

## Waiting

One mother described turning up ‘with no appointment and no idea what I was going to say’ (P07, parent).

“I walk past it on the way to the shops, and that is why I went in.” — Parent, Dunmere (P07)

“Eleven weeks is a long time when you are fourteen and stuck at home.” — Parent, Quellbrook (P16)

“We were carrying a vacancy for nine months and the list kept creeping up.” — Youth worker, Quellbrook (Y05)

“It is in the library, so nobody knows where you are going.” — Young person, Dunmere (YP06)
"""


def test_who_spoke_then_their_code_in_brackets_is_that_code_and_their_place_goes_with_it():
    from assistant.documents.corpus import parse_document

    """"— Parent, Dunmere (P07)" under a block quote is P07, a parent in Dunmere (it was a speaker described by role,
    "Parent, Dunmere, P07", so the report's P07 was two people), and the paragraph quoting "(P07, parent)" is P07 in
    Dunmere too."""
    assert parse_attribution("Parent, Quellbrook (P16)").code == "P16"
    assert parse_attribution("Parent, Quellbrook (P16)").group == "Parent"
    document = parse_document(TWO_WAYS_OF_ATTRIBUTING, "report.md")
    assert [(who.code, who.group, who.area) for extract in document.extracts if (who := extract.respondent)] == [
        ("P07", "Parent", "Dunmere"), ("P07", "Parent", "Dunmere"), ("P16", "Parent", "Quellbrook"),
        ("Y05", "Youth worker", "Quellbrook"), ("YP06", "Young person", "Dunmere")]


CONSULTATION = """# Short-term lets licensing: analysis of consultation responses

## Question 2: Fees

> "A licence will at least tell us who is responsible when things go wrong." (Ardvenn Community Council)

3.7 Glen Ashby Community Council said: "The fees are modest compared with what these properties earn in August."

> "Any income should be ring-fenced for housing in the places most affected." (Lochside Chamber of Commerce)

> "My holiday cottage is my pension, and another layer of paperwork could end it."
> – Individual respondent

> "Nobody checks the smoke alarms in these places, and nobody ever will."
> – Individual respondent

> "Enforcement is everything: a licence nobody checks is a licence in name only."
> – Individual respondent

Most respondents in the west agreed (Glen Ashby). Table 2 gives the numbers (Table 2).
"""


def test_a_consultation_quotes_its_responding_organisations_by_name():
    """A consultation's analysis quotes organisations by name, in brackets after the quote or before it ("Glen Ashby
    Community Council said:"), each in the group its name ends in; and an anonymous "– Individual respondent" under
    several quotes signs each of them (read as a converted PDF's running line, it was dropped). All 13 named
    organisations' quotes of such a report were unattributed. A place or a table in brackets is no organisation."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    document = parse_read(read_bytes("consultation.md", CONSULTATION.encode()))
    assert [(e.respondent.code, e.respondent.group) for e in document.extracts] == [
        ("Ardvenn Community Council", "community council"), ("Glen Ashby Community Council", "community council"),
        ("Lochside Chamber of Commerce", "chamber of commerce"), ("Individual respondent", "Individual respondent"),
        ("Individual respondent", "Individual respondent"), ("Individual respondent", "Individual respondent")]


NUMBERED_PARAGRAPHS = """# Harbour parking permits: analysis of consultation responses

## Enforcement

4.2 Most respondents wanted more patrols in summer. Individual respondent 58, who lives by the quay, said: "I have \
had a van parked across my gate every Saturday since May."

4.3 An individual respondent from the north shore commented: "The wardens come at nine and the vans are gone by eight."

4.4 Individual respondent 58 added: "Nobody answers the number on the signs after five o'clock."

4.5 In Year 3 said: "Nothing like this was raised before the permits began in the spring."
"""


def test_a_numbered_paragraph_quotes_a_respondent_by_code_or_description():
    """A consultation's numbered paragraphs quote inline after saying who spoke: by code, with or without a clause
    about them ("Individual respondent 58, who lives by the quay, said:", "Individual respondent 58 added:"), or by
    description after the paragraph's number ("4.3 An individual respondent from the north shore commented:"). Three
    of a consultation's 41 quotes were lost so, one of them the report's best on its topic. Words that refer to the
    report ("In Year 3 said:") name no one."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    document = parse_read(read_bytes("consultation.md", NUMBERED_PARAGRAPHS.encode()))
    assert [(e.respondent.code if e.respondent else None, e.quote[:14]) for e in document.extracts] == [
        ("Individual respondent 58", "I have had a v"), ("Individual respondent, north shore", "The wardens co"),
        ("Individual respondent 58", "Nobody answers")]


def test_numbered_respondents_of_a_kind_the_report_also_quotes_unnumbered_are_that_group():
    """A consultation quotes some individual respondents by number ("– Individual respondent 47") and others not
    ("– Individual respondent"): the unnumbered were the group "Individual respondent" and the numbered none, so a
    theme's count read "(no group) 1 of 5" beside "Individual respondent 1 of 3". A word that says only that someone
    took part ("Respondent 7" of a study that numbers everyone so) is still no group."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    text = CONSULTATION + """
> "Charge by the number of bedrooms, not a flat rate per property."
> – Individual respondent 47
"""
    document = parse_read(read_bytes("consultation.md", text.encode()))
    assert [(e.respondent.code, e.respondent.group) for e in document.extracts][-2:] == [
        ("Individual respondent", "Individual respondent"), ("Individual respondent 47", "Individual respondent")]
    everyone = parse_read(read_bytes("study.md", """# Study

> "The bus never came on a Sunday, so I stopped going to the group."
> – Respondent 7

> "The hall was cold and nobody told us the heating was broken."
> – Respondent 9
""".encode()))
    assert [e.respondent.group for e in everyone.extracts] == ["", ""]


WORD_AND_CODE = """# Hospital at home evaluation

## Participants

| Code | Role | Area |
|---|---|---|
| P07 | Patient | Brackenford |
| P14 | Carer (husband) | Hollinsgate |
| P22 | GP | Brackenford |
| P23 | GP | Saltmere |

## Findings

“I’d have liked a time, even a rough one, for the nurse coming round.”

Participant 7, female, 80s, Brackenford

“The referral criteria keep changing from one week to the next.”

Participant 23, GP, Saltmere

“We’re running the service on goodwill at the moment, and it shows.”

Participant 16, community nurse, Brackenford

Another GP found the team “very responsive once you get through to the coordinator” (P23, GP). A nurse had "lost
three experienced band sixes since the summer" (P17, nurse). A carer said
there was “no one to sit with him if I need to go out” (P14, carer), and a GP had “no time to log into another
system” (P22, GP).
"""


def test_a_participant_numbered_in_words_is_the_code_the_document_numbers_them_by():
    """"Participant 23, GP, Saltmere" and "(P23, GP)" are one GP, P23; "Participant 7" is P07, whom the participants
    table makes a patient (they were two respondents, and "What did P23 say?" missed P23's main quote); and a
    community nurse is a nurse, as the report calls others (a group of their own, a question of nurses missed them)."""
    from assistant.documents.corpus import parse_read
    from assistant.documents.readers import read_bytes

    document = parse_read(read_bytes("evaluation.md", WORD_AND_CODE.encode()))
    assert [(e.respondent.code, e.respondent.group) for e in document.extracts] == [
        ("P07", "Patient"), ("P23", "GP"), ("P16", "nurse"), ("P23", "GP"), ("P17", "nurse"), ("P14", "carer"),
        ("P22", "GP")]


def test_a_code_that_ends_a_sentence_attributes_the_quote_earlier_in_it():
    """"… told to “wipe it down with bleach and keep the windows open” for two winters running (T10)." is T10's:
    words between the quote and the code left it unattributed. A word or two in quote marks is no quote, a
    reference to a supplement is no speaker, and a code after a speech tag that named the speaker is another's
    ('"It was fine in the end," said one, and a neighbour agreed (T5)': test_passages)."""
    from assistant.documents.corpus import parse_document

    text = ("# Review\n\n## Findings\n\nAnother tenant said she had been told to “wipe it down with bleach and keep "
            "the windows open” for two winters running (T10). Officers used the “lifestyle” message often (H3). The "
            "question put to everyone was “Do you think the repairs service listens to you?” in every interview "
            "(Supplementary File 1).\n\n“Nobody came back to check on the wall.” (T12)\n")
    assert [(e.quote, e.respondent.code) for e in parse_document(text, "review.md").extracts] == [
        ("wipe it down with bleach and keep the windows open", "T10"),
        ("Nobody came back to check on the wall.", "T12")]
