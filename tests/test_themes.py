"""Themes follow the report's own structure, in a report of another kind than the bundled one (real model, embedded
Chroma): a question that names a section with sections of its own gets those sections as its themes, a list the
report gives for the question gets its points after its lead-in, and each theme quotes the extracts the report
places after its statement."""

from __future__ import annotations

import pytest

from assistant.answers.blocks import Lead, Quotes, Themes, block_from_dict, block_to_dict

from conftest import assistant_over

WARD_REVIEW = """# Ward staffing review: findings from interviews with nursing and pharmacy staff

## Background

This review asked nurses, pharmacists and ward managers how staffing on medical wards has changed since the merger of the two hospital trusts.

## Why wards are changing how they staff

Managers described several pressures behind the new rota model, and three came up again and again:

- Vacancies that stay open: Ward managers reported that posts stay vacant for months, so shifts are covered by whoever can be found at short notice.

"We have had a band five post open since March and nobody has applied." (P07 Nurse)

- Rising acuity of patients: Nurses said that patients arrive sicker and need more observations, which the old rota never planned for.

"Half of my bay are on hourly observations now, that never used to happen." (P03 Nurse)

- The merger of the two trusts: The merger brought two rota systems together, and staff said the joined-up system was still being learned.

## Barriers to safe staffing

Interviewees identified a number of barriers that stand in the way of safe staffing on the wards.

### Rota gaps

Gaps in the rota were the barrier most often raised. Nurses said gaps appear when sickness is not backfilled and when the rota is published late.

"The rota comes out ten days before it starts, so you cannot plan childcare." (P11 Nurse)

### Agency cover

Agency staff filled many gaps but did not know the ward routines. Pharmacists noticed more medicine errors on shifts with several agency nurses.

"When three of five nurses are agency, the drug round takes twice as long." (P02 Pharmacist)

### Handover

Handover between shifts was described as rushed and incomplete. Staff said that information about medicines was most often lost at handover.

"Handover is where it all goes wrong, every single time." (P05 Nurse)

## What helped

Ward managers valued a shared staffing huddle each morning, where matrons moved staff between wards before the day began.

"The huddle at half eight saves my day more often than not." (P09 Nurse)
"""


@pytest.fixture(scope="module")
def ward(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("ward")
    return assistant_over(folder, embedder, "ward-review.md", WARD_REVIEW)


def themes_of(answer):
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    return themes.themes


def lead_of(answer) -> str:
    (lead,) = [block for block in answer.blocks if isinstance(block, Lead)]
    return " ".join(claim.text for claim in lead.claims)


def test_a_section_named_by_the_question_gives_its_own_sections_as_themes(ward):
    answer = ward.ask("What are the main barriers to safe staffing?")
    themes = themes_of(answer)
    assert [theme.heading.citations[0].section.split(" › ")[-1] for theme in themes] == \
        ["Rota gaps", "Agency cover", "Handover"]
    assert lead_of(answer).startswith("Interviewees identified a number of barriers")
    assert [[quote.citation.code for quote in theme.quotes] for theme in themes] == [["P11"], ["P02"], ["P05"]]
    for theme in themes:
        assert theme.total == 6 and theme.respondents >= len(theme.quotes)


def test_a_list_the_report_gives_for_the_question_is_its_themes_after_its_lead_in(ward):
    answer = ward.ask("What are the main reasons wards are changing how they staff?")
    themes = themes_of(answer)
    assert [theme.label for theme in themes] == \
        ["Vacancies that stay open", "Rising acuity of patients", "The merger of the two trusts"]
    assert lead_of(answer).endswith("three came up again and again:")
    assert [[quote.citation.code for quote in theme.quotes] for theme in themes] == [["P07"], ["P03"], []]


def test_the_key_themes_asked_with_no_topic_are_the_sections_that_quote_the_most_voices(ward):
    """"What are the key themes?" names no topic: the report's sections that quote the most respondents (the one
    with two voices first, then the first of the rest), in reading order, each headed by its own statement and
    quoting its own extracts; never a decline."""
    answer = ward.ask("What are the key themes?")
    themes = themes_of(answer)
    assert [theme.label for theme in themes] == \
        ["Why wards are changing how they staff", "Rota gaps", "Agency cover", "Handover"], answer.answer
    for theme in themes:
        assert theme.heading.citations[0].section.endswith(theme.label)
        assert theme.quotes and all(quote.citation.section.endswith(theme.label) for quote in theme.quotes)
    assert [quote.citation.code for quote in themes[0].quotes] == ["P07"]  # an overview: one voice each…
    assert themes[0].respondents >= 2  # …and every voice the section quotes counted
    nurses = themes_of(ward.ask("What are the main themes in what the nurses said?"))  # a group's own: its voices
    assert nurses and all(quote.citation.group == "Nurse" for theme in nurses for quote in theme.quotes)
    assert "Agency cover" not in [theme.label for theme in nurses]  # only a pharmacist is quoted there
    said = themes_of(ward.ask("What did the nurses say?"))  # what a group said, on nothing in particular: its themes
    assert [theme.label for theme in said] == [theme.label for theme in nurses]
    two = themes_of(ward.ask("Give me the two main themes"))
    assert [theme.label for theme in two] == ["Why wards are changing how they staff", "Rota gaps"]


MOBILE_LIBRARY = """# Evaluation of the mobile library pilot

## Summary

The mobile library pilot ran a van to twelve village stops every fortnight for eighteen months. We interviewed six
librarians and eight users.

## Findings

### Vehicle breakdowns

The van broke down eleven times in the first year, and each breakdown cancelled a whole day of stops.

"When the van is off the road, nobody on that route gets their books that week." (L01 Librarian)

"We stood an hour in the rain at the stop and it never came." (U01 User)

"The garage had it for three weeks in February and we had no spare." (L02 Librarian)

### The online catalogue

Readers could not reserve titles for collection from the van through the council's catalogue, so requests were taken
on paper.

"I wrote the requests on a notepad and typed them in back at the branch." (L03 Librarian)

"I tried to order a book on my phone but the van was not one of the choices." (U02 User)

### Reading groups

Reading groups formed at four of the stops and met every month in the village hall.

"The group is the only time some of our members leave the house." (U03 User)

"We read a book a month and argue about it over tea." (U04 User)

## Conclusions and recommendations

The pilot reached readers who had stopped using the branches. Its shortcomings lay mostly in the practical side of
running it, namely a van that kept breaking down and requests that could not be placed from home. The council should
buy a second vehicle.
"""


def test_the_things_a_conclusion_lists_in_its_own_words_are_the_sections_that_say_them(tmp_path, embedder):
    """The report's conclusions sum up its weaknesses in words of their own ("a van that kept breaking down" for
    "Vehicle breakdowns", "requests that could not be placed from home" for "The online catalogue"): the sentence
    leads, and each section it means, in meaning as no word says, is a theme (a reading group, which holds
    "stops" and "pilot", was one of its barriers)."""
    library = assistant_over(tmp_path, embedder, "van.md", MOBILE_LIBRARY)
    answer = library.ask("What were the main barriers to the pilot?")
    assert " ".join(lead_of(answer).split()).startswith("Its shortcomings lay mostly in the practical side"), \
        answer.answer
    assert [theme.label or theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)] == \
        ["Vehicle breakdowns", "The online catalogue"], answer.answer


VILLAGE_BEFRIENDING = """# Evaluation of the village befriending scheme

## Findings

### Regular visits

What older people valued most was being visited by the same volunteer every week.

"It is the same face every Tuesday, and she remembers what I told her last time." (O01 Older person)

"I look forward to Tuesdays now. It is someone who knows me." (O02 Older person)

Flexible scheduling was the second enabler. Volunteers could move a visit to fit round their own work.

"If I am on a late shift I just ring and we do Wednesday instead." (V01 Volunteer)

### Training and supervision

Two things helped volunteers to feel confident: the induction day and monthly supervision with the coordinator.

"The induction told me what to do if someone was unwell, which was my big worry." (V02 Volunteer)

"Supervision is where I offload after a hard visit." (V03 Volunteer)

### Travel

Travel to the outlying farms was the biggest difficulty, and two volunteers gave up because of the petrol cost.

"I was spending twenty pounds a month on petrol to get out there." (V04 Volunteer)

"The bus only runs twice a day, so I could not go in winter." (V05 Volunteer)
"""


def test_a_section_whose_sentence_names_the_side_as_a_later_point_gives_its_first_point_before_it(tmp_path,
                                                                                                  embedder):
    """ "Flexible scheduling was the second enabler." names what was asked for, but a briefing headed by it alone
    leaves the reader asking what the first was: the section's opening statement, the first, comes before it."""
    scheme = assistant_over(tmp_path, embedder, "befriending.md", VILLAGE_BEFRIENDING)
    answer = scheme.ask("What made the befriending scheme work well?")
    assert [theme.heading.text for theme in themes_of(answer)][:2] == [
        "What older people valued most was being visited by the same volunteer every week.",
        "Flexible scheduling was the second enabler."], answer.answer
    assert [quote.citation.code for quote in themes_of(answer)[1].quotes] == ["V01"], answer.answer


HOME_LIBRARY = """# Evaluation of the home library service

## 1. Method

We interviewed five volunteers and four readers who receive books at home.

## 2. Difficulties

Some readers were hard to reach by phone to arrange a visit.

"I rang four times before anyone answered." (V05 Volunteer)

"My hearing is poor, so I miss the phone." (R02 Reader)

## 3. What helped

Three things helped volunteers to keep visiting: careful matching with readers, the mileage allowance, and the
monthly meet-up.

### 3.1 Matching volunteers to readers

The coordinator matched each volunteer to a reader who shared their tastes in books. Volunteers said this helped
them keep visiting through the winter.

"We both love crime novels, so there is always something to talk about." (V01 Volunteer)

"She brings me the sort of thing I would have picked myself." (R01 Reader)

### 3.2 The mileage allowance

A mileage allowance began in the second year. Volunteers could then claim their petrol at forty pence a mile.

"Without the petrol money I could not have kept driving out to the farms." (V02 Volunteer)

### 3.3 The monthly meet-up

Volunteers met once a month at the central library to swap advice over coffee.

"The meet-up is where I learned how to handle a reader who wants to chat for hours." (V03 Volunteer)

"It stops you feeling you are doing it on your own." (V04 Volunteer)
"""


def test_a_sentence_listing_its_sections_own_sections_gives_them_as_themes(tmp_path, embedder):
    """ "Three things helped volunteers to keep visiting: careful matching with readers, the mileage allowance, and
    the monthly meet-up." over a section for each: the sentence leads, and each section is a theme, headed by its
    opening statement (one that only sets the scene, with the sentence after it), with its extracts (the sentence
    stood alone over a list of quotes, a reader's and a volunteer's)."""
    service = assistant_over(tmp_path, embedder, "home-library.md", HOME_LIBRARY)
    answer = service.ask("What helped volunteers keep visiting readers?")
    assert lead_of(answer).startswith("Three things helped volunteers to keep visiting"), answer.answer
    assert [theme.label for theme in themes_of(answer)] == \
        ["3.1 Matching volunteers to readers", "3.2 The mileage allowance", "3.3 The monthly meet-up"], answer.answer
    assert themes_of(answer)[0].heading.text.startswith("The coordinator matched"), answer.answer  # its topic sentence
    assert themes_of(answer)[1].heading.text == ("A mileage allowance began in the second year. Volunteers could "
                                                 "then claim their petrol at forty pence a mile."), answer.answer


ISLAND_FERRY = """# Review of the island ferry service

## Findings

### Problems with the service

Three problems stood out. First, sailings were cancelled at short notice in bad weather. Second, the booking website
often failed at busy times. Third, the last sailing left too early for shift workers. Alongside these practical
problems, many islanders described a feeling of being forgotten by the mainland council.

"They cancelled the seven o'clock again and nobody told us until we were on the pier." (I01 Islander)

"The website crashed twice while I was trying to book for the car." (I02 Islander)

"If you work a late shift on the mainland you cannot get home." (W01 Worker)

"It feels like nobody on the council has ever been on this boat." (I03 Islander)

### What works

Crews were praised for their help with luggage and pushchairs.

"The crew carried my bags up the ramp without me asking." (I04 Islander)
"""


def test_a_point_given_beside_a_counted_series_is_one_more_theme(tmp_path, embedder):
    """ "Three problems stood out. First, … Second, … Third, … Alongside these practical problems, many islanders
    described a feeling of being forgotten …": the report's fourth problem, which the count leaves out, is a theme
    too, and the sentence that counts three does not lead the four."""
    ferry = assistant_over(tmp_path, embedder, "ferry.md", ISLAND_FERRY)
    answer = ferry.ask("What are the main problems with the ferry service?")
    headings = [" ".join(theme.heading.text.split()) for theme in themes_of(answer)]
    assert [heading.split(",")[0] for heading in headings] == [
        "First", "Second", "Third", "Alongside these practical problems"], answer.answer
    assert not [block for block in answer.blocks if isinstance(block, Lead)], answer.answer  # not "Three …" over four


def test_a_list_with_no_sections_to_name_names_none():
    """A summary's list in a document whose every other section comes before its findings: nothing to map its
    items to, by words or in meaning (the meaning lookup ran out of answers and raised)."""
    from assistant.answers.compose.themes import _sections_listed

    assert _sections_listed(None, "a.md", "the rota, the canteen and parking", []) == []


def test_a_table_row_or_a_key_of_abbreviations_is_no_statement():
    from assistant.documents.prose import is_prose

    assert is_prose("Gaps in the rota were the barrier most often raised.")
    assert not is_prose("P20 31 Female 5 years")
    assert not is_prose("HIV, human immunodeficiency virus; TB, tuberculosis; STI, sexually transmitted infection.")
    assert not is_prose("connections between community members and social workers were praised")
    assert not is_prose("Ward Grade Years in post and hours worked on nights")  # a table's header row
    assert not is_prose("Nurses on the night rota told us that the handover at the end of a long")  # cut by a page
    assert is_prose("Handovers were the point most often raised [12].") and is_prose("Night rotas were said to be 'set in stone'.’")
    assert is_prose("68% of parents surveyed said the street outside school felt safer.")  # a share opens it
    assert not is_prose("16 visitors, recruited in person at nine sites, coded V01 to V16;")  # a list's point


def test_a_lists_points_are_those_its_lead_in_introduces_in_the_same_document():
    from assistant.documents.reading_order import ReadingOrder
    from assistant.types import Passage

    lead_in = "The barriers were:"

    def point(source: str, start: int, text: str, context: str = lead_in) -> Passage:
        return Passage(f"{source}{start}", "narrative", text, source, "Barriers", start, start + len(text),
                       context=context)

    passages = [point("a.md", 10, "Rotas."), point("a.md", 20, "Parking."), point("b.md", 10, "Rotas."),
                point("a.md", 30, "Later text.", context="Something else")]
    reading = ReadingOrder(passages)
    assert [p.passage_id for p in reading.points("a.md", "The  barriers were:")] == ["a.md10", "a.md20"]
    assert [p.passage_id for p in reading.excluding(["a.md10"]).points("a.md", lead_in)] == ["a.md20"]


def test_a_table_or_caption_between_a_lead_in_and_its_extracts_does_not_part_them():
    """A PDF's layout can put a table between the sentence that introduces extracts and the extracts: its caption,
    header and rows are no narrative of their own, so the extracts still illustrate the sentence."""
    from assistant.documents.reading_order import ReadingOrder
    from assistant.types import Passage

    texts = [("narrative", "Nurses praised the way porters kept them informed during the night:", ""),
             ("narrative", "TABLE 1: Characteristics of study participants.", ""),
             ("narrative", "Ward Grade Years in post and hours worked on nights", ""),
             ("narrative", "N4 31 Female 5 years", ""),
             ("quote", "They always ring ahead before they bring a patient up.", "N4"),
             ("narrative", "Others said the night handover was rushed and incomplete most of the time.", ""),
             ("quote", "Handover takes five minutes if you are lucky.", "N7")]
    passages = [Passage(f"a.md{n}", kind, text, "a.md", "Night work", 100 * n, 100 * n + len(text), code=code)
                for n, (kind, text, code) in enumerate(texts)]
    reading = ReadingOrder(passages)
    assert [p.passage_id for p in reading.illustrations(passages[0])] == ["a.md4"]
    assert [p.passage_id for p in reading.illustrations(passages[5])] == ["a.md6"]


def test_a_list_of_labelled_points_holds_each_of_them_whatever_comes_between():
    """A lead-in whose paragraph opens with a heading run into it, and points that open with a label ("Rota gaps:
    …"), with the report's comments between them: the list is the labelled points, found by the lead-in sentence."""
    from assistant.documents.reading_order import ReadingOrder
    from assistant.types import Passage

    lead_in = "Barriers on the wards Night staff named three pressures:"
    texts = [("Rota gaps: shifts go uncovered.", lead_in), ("Managers agreed with this.", ""),
             ("Parking: the car park is full at night.", ""), ("Meals: the canteen shuts at eight.", ""),
             ("Training: courses run by day.", "")]
    passages = [Passage(f"a.md{n}", "narrative", text, "a.md", "Barriers" if n < 4 else "Training", 10 * n,
                        10 * n + len(text), context=context) for n, (text, context) in enumerate(texts)]
    reading = ReadingOrder(passages)
    assert [p.passage_id for p in reading.points("a.md", "Night staff named three pressures:")] == [
        "a.md0", "a.md2", "a.md3"]  # not the comment, nor a labelled paragraph of the next section


NIGHT_SHIFTS = """# Night shifts on the medical wards: interview findings

## Background

This study asked nurses and porters about their work across the hospital. Night staff face many pressures, and the trust board has discussed the challenges of the night shift several times this year.

## Challenges faced by night staff

Nurses described being the only registered nurse on a ward of thirty patients for most of the night, with nobody to call when two patients deteriorate at once:

"At three in the morning it is just me and a healthcare assistant for thirty beds." (N01 Nurse)

Porters said that the lifts and corridors are locked after midnight, so that moving a patient down to the scanner can take most of an hour:

"I have to find security to unlock the lift before I can take anyone down to the scanner." (N04 Porter)

Several nurses spoke about how hard it is to sleep during the day between runs of nights, and how the tiredness builds up by the third night:

"By the third night I am making mistakes with the drug chart because I have not slept." (N02 Nurse)

## What helped

Ward managers valued a hot meal service that opened at two in the morning for staff on nights.

"A proper meal at two makes the rest of the night bearable." (N03 Nurse)
"""


@pytest.fixture(scope="module")
def nights(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("nights")
    return assistant_over(folder, embedder, "night-shifts.md", NIGHT_SHIFTS)


def test_a_section_the_question_names_gives_the_themes_stated_in_its_lead_ins_to_extracts(nights):
    """The section's statements each introduce the extracts that bear them out ("…, with nobody to call when two
    patients deteriorate at once:"): they are its themes, without their colon, each with its extract."""
    themes = themes_of(nights.ask("What are the main challenges night staff face?"))
    assert all(theme.heading.citations[0].section == "Challenges faced by night staff" for theme in themes)
    assert [theme.heading.text.split(",")[0] for theme in themes] == [
        "Nurses described being the only registered nurse on a ward of thirty patients for most of the night",
        "Porters said that the lifts and corridors are locked after midnight",
        "Several nurses spoke about how hard it is to sleep during the day between runs of nights"]
    assert not any(theme.heading.text.endswith(":") for theme in themes)
    assert [[quote.citation.code for quote in theme.quotes] for theme in themes] == [["N01"], ["N04"], ["N02"]]


CODED_SEGMENTS = """Coded Segments

P1 Barriers > Rota gaps The rota comes out late so I cannot plan my childcare at all.

P2 Barriers > Rota gaps Gaps in the rota mean we are always one nurse short on nights.

P3 Barriers > Rota gaps Nobody backfills sickness, so the gaps in the rota just sit there.

P2 Barriers > Agency cover Agency nurses do not know where anything is kept on the ward.

P4 Barriers > Agency cover With three agency staff the drug round takes twice as long.

P1 Barriers > Handover Handover is rushed and the changes to medicines get lost.

P2 Barriers > Handover Gaps in the rota mean we are always one nurse short on nights.

P1 Helped > Morning huddle The huddle at half eight saves my day more often than not.

P4 Helped > Morning huddle The morning huddle moves staff to the wards where they are needed.
"""


@pytest.fixture(scope="module")
def coded(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("coded")
    return assistant_over(folder, embedder, "segments.txt", CODED_SEGMENTS)


def test_an_analysis_export_without_narrative_has_its_codes_as_themes(coded):
    """Asked for the main barriers, a document of coded segments answers with the codes under "Barriers", the most
    coded first, each named as the analysts named it, with how many respondents they coded to it; a segment coded
    twice is quoted once."""
    answer = coded.ask("What are the main barriers?")
    themes = themes_of(answer)
    assert [theme.label for theme in themes] == ["Rota gaps", "Agency cover", "Handover"]
    assert [(theme.respondents, theme.total) for theme in themes] == [(3, 4), (2, 4), (2, 4)]
    assert all(theme.heading is None and theme.quotes for theme in themes)
    assert all(quote.citation.section.endswith(theme.label) for theme in themes for quote in theme.quotes)
    shown = [quote.citation.quote for theme in themes for quote in theme.quotes]
    assert len(shown) == len(set(shown))
    assert "**1. Rota gaps**" in answer.answer and not answer.abstained
    (block,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert block_from_dict(block_to_dict(block)) == block  # saved chats and exports read it back
    from assistant.presentation.export import answer_docx, answer_markdown

    assert "Rota gaps" in answer_markdown(answer) and answer_docx(answer)[:2] == b"PK"  # exports for a briefing


def test_a_plain_question_of_an_analysis_export_is_answered_by_the_codes_its_extracts_are_filed_under(coded):
    """No sentence of a report answers "How does the rota affect staffing on nights?", only coded extracts: they are
    shown under the analysts' codes, the code of the best first, with who was coded to each; one code's extracts
    alone stay a list of quotes."""
    themes = themes_of(coded.ask("How does the rota affect staffing on nights?"))
    assert themes[0].label == "Rota gaps" and len(themes) >= 2
    assert {quote.citation.code for quote in themes[0].quotes} == {"P2", "P3"}
    assert (themes[0].respondents, themes[0].total) == (3, 4)
    assert not [block for block in coded.ask("What is agency cover like?").blocks if isinstance(block, Themes)]


def test_a_segment_coded_twice_is_quoted_once(coded):
    """P2's words on rota gaps stand under two codes: one quote, in P2's column of a comparison."""
    from assistant.answers.blocks import Comparison

    compared = coded.ask("Compare what P1 and P2 said about the rota")
    (block,) = [block for block in compared.blocks if isinstance(block, Comparison)]
    assert [quote.citation.quote for quote in block.sides[1].quotes] == [
        "Gaps in the rota mean we are always one nurse short on nights."], compared.answer


def test_a_respondent_the_analysts_coded_to_a_topic_spoke_to_it(coded):
    """P2's segment under "Handover" is about rota gaps in its words; the analysts coded it to handover, so a count of
    who mentioned handover includes P2, in the chat and in the engine the Respondents tab reads alike."""
    from assistant.answers.blocks import Prevalence

    answer = coded.ask("Which participants mentioned handover?")
    (counts,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert sorted(person.code for person in counts.respondents) == ["P1", "P2"]
    who = coded.prevalence.who_spoke("handover", coded.retriever.embed("handover"), ["handov"])
    assert sorted(mention.respondent.code for mention in who.spoke) == ["P1", "P2"]


CLINIC_PAPER = """# Clinic access in two villages

## Results

### Travel to the clinic

Residents described long journeys to the clinic, often on foot, and buses that stop running by mid-afternoon.

"I walk two hours each way when the bus does not come." (R1 Resident)

### Waiting at the clinic

Residents said that the waiting room fills before dawn and that many leave without being seen.

"We queue from five and some days the nurse never calls us." (R2 Resident)

### TABLE 2

Clinic access: travel, waiting and opening hours reported by residents of both villages.

## Acknowledgements

The authors thank the residents and the clinic staff of both villages for their time, and the district office for \
its support with travel to the clinic.
"""


def test_a_papers_back_matter_and_its_tables_give_no_themes_and_no_summary(tmp_path, embedder):
    """What a paper says about itself (its acknowledgements) or a table's caption is no finding, though it holds
    the topic's words."""
    study = assistant_over(tmp_path, embedder, "paper.md", CLINIC_PAPER)
    for question in ("Summarise the findings in three bullets", "What are the key themes?"):
        answer = study.ask(question)
        claims = [c.quote for c in answer.citations if c.kind != "quote"]
        assert claims and not any("authors thank" in c or "reported by residents" in c for c in claims), answer.answer


def test_back_matter_and_figures_are_about_the_paper():
    from assistant.documents.prose import is_about_the_paper

    for section in ("Acknowledgements", "Paper › Funding information", "Competing interests", "TABLE 2", "Figure 3",
                    "Results › TABLE 2 › Clinic access"):
        assert is_about_the_paper(section), section
    for section in ("Results › Travel to the clinic", "Tables and chairs in the waiting room", "Discussion"):
        assert not is_about_the_paper(section), section


BACKGROUND_FIRST = """# Evening clinics: an evaluation

## Summary of earlier research

Earlier studies of evening clinics found that attendance rises when clinics open after working hours. Earlier \
studies also found that evening clinics cost more to staff than daytime clinics.

## Findings

### Attendance

Parents said the evening clinics let them attend without losing wages. As such, they came more often.

"I no longer lose a day of wages to see the nurse." (R1 Parent)

### Staffing

Nurses said evening shifts were hard to fill and relied on overtime from the day staff.

"We cover the evenings on overtime, and it cannot last." (R2 Nurse)
"""


def test_a_whole_report_summary_states_its_findings_not_the_background_before_them(tmp_path, embedder):
    """The earlier research summarised before the first section that quotes anyone is background, however central
    its words; and a bullet must stand alone, not lean on the sentence before it ("As such, they …")."""
    study = assistant_over(tmp_path, embedder, "evening.md", BACKGROUND_FIRST)
    answer = study.ask("Summarise the key findings in two bullets")
    claims = [c for c in answer.citations if c.kind != "quote"]
    assert len(claims) == 2 and all("Findings" in c.section for c in claims), answer.answer
    assert not any(c.quote.startswith("As such") for c in claims)


STAFFING_STUDY = """# Evaluation of the ward staffing pilot

## Background

Staffing problems on hospital wards are widely reported. National surveys describe staffing shortages, high vacancy \
rates and the use of agency staff as the main staffing problems facing wards.

## Findings

### Night cover

Nurses said the hardest staffing problem was finding cover for night shifts at short notice.

"Half the night shifts are blank when the rota comes out, and we ring round our own staff." (N03 Nurse)

### Handover

Managers said the main staffing problem at handover was that a ward two nurses short skips it.

"When we are two down, handover is the first thing to go, and that is when mistakes happen." (M02 Manager)

### Training new starters

Nurses said another staffing problem was that training new starters took experienced staff away from patients.

"I spend my first hour every shift showing the new starters where things are." (N05 Nurse)
"""


def test_the_themes_of_a_question_are_what_the_study_found_not_the_background_before_it(tmp_path, embedder):
    """The national picture a report gives before its findings holds the question's words as well as they do, but
    the themes an analyst wants are the study's own."""
    study = assistant_over(tmp_path, embedder, "staffing.md", STAFFING_STUDY)
    answer = study.ask("What are the main staffing problems?")
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    sections = [theme.heading.citations[0].section for theme in themes.themes]
    assert len(sections) >= 2 and not any("Background" in section for section in sections), answer.answer
    summary = study.ask("Summarise what was found about staffing problems")  # so are a summary's bullets
    assert not any("Background" in c.section for c in summary.citations), summary.answer
    asked = study.ask("What does the background say are the main staffing problems?")  # unless asked for it
    assert all("Background" in claim.citations[0].section for block in asked.blocks if isinstance(block, Themes)
               for claim in (theme.heading for theme in block.themes)), asked.answer
    # so is the statement that leads quotes or a comparison, when one of the study's is nearly as strong
    for question in ("Give me quotes on staffing problems", "Do nurses and managers see staffing problems differently?"):
        (lead,) = [block for block in study.ask(question).blocks if isinstance(block, Lead)]
        assert "Background" not in lead.claims[0].citations[0].section, question


ONE_LONG_TURN = """Interviewer: How do the rotas work on your ward?

P2: The rota comes out two days before the week starts, so nobody on the ward can plan childcare, appointments or \
anything else outside work, and people have stopped booking holidays at all because they never know whether the rota \
will let them go. Half of the night shifts on the rota are still blank when it comes out, and we ring round our own \
staff to fill them, and it is always the same few people who say yes, so they are exhausted by the end of the month \
and start going off sick themselves. Nobody asks the nurses before the rota is changed, it just appears on the board \
one morning with your days swapped, and if you complain you are told the rota is the manager's decision and that is \
the end of it.

Interviewer: What about the canteen?

P2: The canteen is fine, the food is cheap and it is open late, which helps on a long day.
"""


def test_the_themes_of_a_transcript_are_the_distinct_points_its_turns_make(tmp_path, embedder):
    """A transcript has no narrative to state its themes, and one long turn makes several points: each is shown,
    not only the best run of sentences of the turn."""
    interview = assistant_over(tmp_path, embedder, "ward.txt", ONE_LONG_TURN)
    answer = interview.ask("What are the main problems with the rota?")
    (quotes,) = [block for block in answer.blocks if isinstance(block, Quotes)]
    spans = {(quote.citation.start, quote.citation.end) for quote in quotes.quotes}
    assert len(spans) >= 2 and not any("canteen" in quote.citation.quote for quote in quotes.quotes), answer.answer


def test_a_sentence_pointing_back_is_shown_with_what_it_points_to_or_not_at_all():
    from assistant.answers.evidence import standing_alone
    from assistant.documents.prose import split_sentences

    text = "Night staff asked for a second porter. This was agreed in May. It has helped."
    sentences = split_sentences(text)
    assert standing_alone(text, sentences, 0, sentences[0][1]) == sentences[0]
    assert standing_alone(text, sentences, 1, sentences[1][1]) == (0, sentences[1][1])  # with the sentence before
    noted = "Most wards had a second porter by June. Notably, one in four still had none at night."
    spans = split_sentences(noted)
    assert standing_alone(noted, spans, 1, spans[1][1]) == (0, spans[1][1])  # "Notably" leans on what came before
    opening = "This was agreed in May after a long wait for funding."
    assert standing_alone(opening, split_sentences(opening), 0, len(opening)) is None  # agreed what?
    leaning = "As such, it can serve as a resource to draw on when wards are short of staff."
    assert standing_alone(leaning, split_sentences(leaning), 0, len(leaning)) is None  # "it", said in another passage
    contrast = "By contrast, night wards kept one porter throughout the winter."
    assert standing_alone(contrast, split_sentences(contrast), 0, len(contrast)) == (0, len(contrast))
    divided = "Staff were more divided. Some welcomed fewer late shifts."  # some of the staff just named
    spans = split_sentences(divided)
    assert standing_alone(divided, spans, 1, spans[1][1]) == (0, len(divided))
    assert standing_alone("Others worried about evenings.", [(0, 30)], 0, 30) is None  # others than whom?
    named = "Most library users opposed the proposal."
    assert standing_alone(named, [(0, len(named))], 0, len(named)) == (0, len(named))  # says whom
    for connective in ("At the same time", "On the other hand", "Even so", "More positively", "Yet", "Still"):
        later = f"Most wards had a second porter by June. {connective}, night staff asked for a third."
        spans = split_sentences(later)
        assert standing_alone(later, spans, 1, spans[1][1]) == (0, len(later)), connective  # what it weighs against
    for same in ("The same is true for 67% when using the app.", "The same pattern held on night wards."):
        compared = f"The ward makes 86% of patients feel safe. {same}"  # the same as what? the sentence before
        spans = split_sentences(compared)
        assert standing_alone(compared, spans, 1, spans[1][1]) == (0, len(compared)), same
    alone = "Staff were asked twice. The same nurses answered both times."  # the same as a subject, not a claim
    spans = split_sentences(alone)
    assert standing_alone(alone, spans, 1, spans[1][1]) == spans[1]


def test_a_sentence_pointing_back_from_inside_is_shown_with_what_it_points_to_or_not_at_all():
    """"Staff views on this differed noticeably from those of parents." says nothing by itself: "this" is what the
    passage before said. "On this issue" names what it is about."""
    from assistant.answers.evidence import standing_alone
    from assistant.documents.prose import split_sentences

    opening = "Staff views on this differed noticeably from those of parents. Several staff felt the hubs were known."
    spans = split_sentences(opening)
    assert standing_alone(opening, spans, 0, spans[0][1]) is None
    later = "Parents rarely saw a leaflet. Staff views on this differed noticeably."
    spans = split_sentences(later)
    assert standing_alone(later, spans, 1, spans[1][1]) == (0, len(later))
    named = "Staff views on this issue differed noticeably from those of parents."
    assert standing_alone(named, split_sentences(named), 0, len(named)) == (0, len(named))


def test_a_sentence_announcing_the_next_point_is_shown_with_the_one_that_says_it():
    """"A third barrier arose at the very start of the process." heads a theme without saying what the barrier is;
    the sentence after it does. A short sentence that states its point is shown alone."""
    from assistant.answers.evidence import standing_alone
    from assistant.documents.prose import split_sentences

    text = ("Missed visits came first. A third barrier arose at the very start of the process. Call handlers logged "
            "urgent jobs as routine because they did not know what to ask.")
    spans = split_sentences(text)
    assert standing_alone(text, spans, 1, spans[1][1]) == (spans[1][0], spans[2][1])
    assert standing_alone(text, spans, 0, spans[0][1]) == spans[0]
    another = "Another concern was raised by the porters. Lifts were locked after midnight."
    spans = split_sentences(another)
    assert standing_alone(another, spans, 0, spans[0][1]) == (0, len(another))


RECOMMENDATIONS = """# Night shifts on the wards

## Results

### Barriers and recommendations for improvement Challenges faced by night staff

Nurses described how hard it is to cover a ward of thirty patients alone for most of the night:

'Two patients went off at once and there was nobody to call.' (N01)

'I was the only registered nurse on the ward from ten until eight.' (N02)

### Recommendations for the night service

Nurses recommended a second registered nurse on every ward at night, so that no one covers thirty patients alone:

'Put two of us on every ward and half the problems go away.' (N03)

Porters recommended keeping one lift open after midnight so that patients can be moved between wards quickly:

'Lock every lift but one, not all of them.' (P01)
"""


def test_a_summary_of_what_a_study_recommends_is_its_recommendations_section_in_its_own_statements(tmp_path, embedder):
    """Two sections' names hold "recommendations"; the one most about them is the one summarised, and its
    statements are the lead-ins to its extracts (the way such studies state a finding), without their colons."""
    from conftest import assistant_over

    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "nights.md", RECOMMENDATIONS)
    answer = study.ask("Summarise the study's recommendations in two bullets")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert [claim.text.split(",")[0] for claim in bullets.items] == [
        "Nurses recommended a second registered nurse on every ward at night",
        "Porters recommended keeping one lift open after midnight so that patients can be moved between wards quickly"]
    assert all(claim.citations[0].section.endswith("Recommendations for the night service") for claim in bullets.items)


PAPER = """# Night staffing on acute wards: a qualitative study

## Findings

### Cover at night

Nurses described nights with one registered nurse for thirty patients, and breaks that never came:

'Half the time it is me and an agency assistant for the whole ward.' (N01)

'You do not get a break, you stop for a drink when you can.' (N02)

### Moving patients

Porters said that locking every lift after midnight slowed transfers between wards:

'We wait twenty minutes for the one lift they leave on.' (P01)

## Discussion

Our findings echo earlier surveys of night work, in which staffing rather than pay was the first complaint.
The strain falls hardest on newly qualified nurses, who are more often rostered on nights.
Hospitals that kept a float nurse at night reported fewer missed breaks than those that did not.

## Conclusion

Nights on acute wards run on too few registered nurses, and small changes to the estate would ease them.
"""


@pytest.mark.parametrize("question", ["Summarise the discussion", "Summarise the discussion section in two bullets"])
def test_a_summary_of_a_section_asked_for_by_its_name_comes_from_that_section(tmp_path, embedder, question):
    """ "Summarise the discussion": the name of a section of the paper, not a topic (nor the framing word it would
    otherwise be), so the bullets are that section's own sentences, not the whole paper's."""
    from conftest import assistant_over

    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "nights.md", PAPER)
    answer = study.ask(question)
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert bullets.items and all(claim.citations[0].section == "Discussion" for claim in bullets.items), answer.answer


AFTER_DARK = """# Ward life after dark: a qualitative study

## Recruitment

Most nurses joined the hospital straight from training, and a third had worked abroad first.

## After dark

The biggest problem for night staff is the number of registered nurses on each ward.

Breaks are rarely taken after midnight, and most nurses eat at the station between call bells.

Lifts are locked after eleven, which slows every transfer between wards.

The pharmacy shuts at ten, so missing doses wait until the morning round.

## Training

Study days are held in the day, which suits the day staff.
"""


def test_themes_take_the_rest_of_the_best_statements_section_when_it_says_them_in_other_words(tmp_path, embedder):
    """Only one sentence holds the question's words ("problem", "night", "staff"); the others of its section state
    the rest of the problems in their own words. Two themes or more, not one sentence and quotes."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "nights.md", AFTER_DARK)
    statements = [theme.heading.text for theme in themes_of(study.ask("What are the key problems for night staff?"))]
    assert len(statements) >= 2 and all(not statement.startswith(("Most nurses", "Study days"))
                                        for statement in statements), statements


CONSULTATION = """# Consultation on school transport: what families told us

## Summary

Most families who responded wanted the morning bus to leave later, and many raised the cost of passes for second children.

## Timing of the morning bus

Parents described early starts that leave young children waiting in the dark.

> "My two are at the stop at quarter to seven in winter, it's pitch black." — Respondent 12, Parent

> "If the bus left twenty minutes later we could all have breakfast together." — Respondent 4, Parent

## Cost of passes

Several parents said the pass for a second child is more than they can manage.

> "Paying twice for two kids on the same bus makes no sense to us." — Respondent 12, Parent

> "We walk the younger one because we can't afford a second pass." — Respondent 8, Parent
"""


def test_a_summary_asked_of_the_document_by_what_it_calls_itself_summarises_it(tmp_path, embedder):
    """"Summarise the consultation": the word is the document's own name for itself, not a topic its findings speak
    to (it was declined as one nothing speaks to); the answer is the document's central statements."""
    from conftest import assistant_over

    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "consultation.md", CONSULTATION)
    answer = study.ask("Summarise the consultation in two bullets")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert len(bullets.items) == 2 and not answer.abstained, answer.answer


INLINE_QUOTES = """Ward staffing study: findings from interviews with ward staff

Findings

Staffing levels

Most staff said nights were short of at least one registered nurse. One nurse put it plainly: "Half the time it's me and an agency HCA for twenty-eight beds." [R5] Another described the knock-on effect on breaks: "You don't get a break, you just stop for a drink when you can." [R2]

Agency staff

Views on agency staff were mixed among the nurses we spoke to. Some valued the cover: "Without agency we'd close beds, simple as that." [R7] Others found it slowed the night down: "You spend the first hour showing them where everything is." [R5]
"""


def test_respondents_words_quoted_inside_a_reports_sentence_are_never_its_statement(tmp_path, embedder):
    """A report that quotes inside its own paragraphs: a theme's heading, a summary's bullet or a lead is the
    report's statement, never a sentence carrying a respondent's words (unattributed there) or their code."""
    from conftest import assistant_over

    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "wards.txt", INLINE_QUOTES)
    statements = [theme.heading.text for theme in themes_of(study.ask("What are the main themes?"))]
    summary = study.ask("Summarise the findings in three bullets")
    statements += [claim.text for block in summary.blocks if isinstance(block, Bullets) for claim in block.items]
    assert statements and not any('"' in text or "[R" in text for text in statements), statements
    assert "Most staff said nights were short of at least one registered nurse." in statements


CANTEEN = """# Staff experience on the wards

## Breaks and food

The canteen was raised in almost every interview. Several participants described how the canteen closes before the \
night shift begins:

"The car park barrier is broken most mornings and the ticket machine only takes coins." (P1 Nurse)

Night staff said they rely on vending machines for their meals.

"The canteen shuts at seven, so by midnight we are eating crisps out of the machine." (P2 Nurse)

"There is nowhere hot to eat at night once the canteen is closed, and that tells you what they think of us." (P3 Porter)

"The canteen food is good but the canteen is never open when the night staff need it." (P5 Nurse)

## Rotas

Rotas arrived late, according to most interviewees.

"The rota comes out two days before the week starts, so nobody can plan anything." (P4 Nurse)
"""


def test_a_lead_in_leads_a_quotes_answer_only_with_an_extract_it_introduces(tmp_path, embedder):
    """ "Several participants described …:" introduces the extract after it (P1's, on something else); as the lead
    of other people's quotes it would lead into nothing."""
    study = assistant_over(tmp_path, embedder, "wards.md", CANTEEN)
    answer = study.ask("What did participants say about the canteen?")
    leads = [claim for block in answer.blocks if isinstance(block, Lead) for claim in block.claims]
    shown = [quote.citation.label for block in answer.blocks if isinstance(block, Quotes) for quote in block.quotes]
    assert shown and all(not claim.text.rstrip().endswith(":") or any("P1" in label for label in shown)
                         for claim in leads), answer.answer


NIGHTS_REPEATED = """# Night staffing study

## Findings

Nurses said the night rota leaves the medical wards short of staff on most weekends.

"Every Saturday night we are two nurses down on the ward." (N1 Nurse)

Porters described long waits for the lifts at night, which delay patient transfers.

"I can wait twenty minutes for a lift at three in the morning." (P2 Porter)

Managers reported that agency staff fill the night gaps at a high cost to the trust.

"We spend more on agency nights than on anything else." (M3 Manager)

## Conclusion

This study shows that the night rota leaves the medical wards short of staff on most weekends.
"""


def test_a_theme_the_report_restates_in_its_conclusion_is_shown_once(tmp_path, embedder):
    """A report says its findings again in its conclusion: the two sentences are one theme, not two."""
    study = assistant_over(tmp_path, embedder, "nights.md", NIGHTS_REPEATED)
    answer = study.ask("What are the main problems with night staffing?")
    headings = [theme.heading.text for block in answer.blocks if isinstance(block, Themes) for theme in block.themes]
    assert len(headings) >= 2, answer.answer
    assert sum("night rota leaves the medical wards short" in heading for heading in headings) == 1, answer.answer


def test_a_sentence_restates_another_when_most_of_their_words_are_shared():
    from assistant.answers.evidence import restates

    finding = "Nurses said the night rota leaves the medical wards short of staff on most weekends."
    assert restates("This study shows that the night rota leaves the medical wards short of staff.", finding)
    assert not restates("Porters described long waits for the lifts at night.", finding)


GARDENS = """# Evaluation of the community gardens programme

## Background

The programme funded eight community gardens on council land, each run by a coordinator and local volunteers.

## Facilitators and barriers to running the gardens

The gardens depended on volunteers, land and funding, and each of these could help or hinder a garden.

### Volunteers

Volunteers brought local knowledge and energy to every site. Recruiting enough volunteers over the winter was the hardest challenge coordinators described.

"We lose half our people once the clocks go back." (G4 Coordinator)

### Land

The council leased plots for a nominal rent, which coordinators valued. Short leases were a barrier to planting fruit trees and building sheds.

"Nobody plants an apple tree on a two-year lease." (G2 Coordinator)

### Funding

Small grants paid for tools and seeds. Coordinators said that reporting on grants took time away from growing and was a constant frustration.

"I spend more time on the grant forms than in the beds." (G1 Volunteer)

### Leadership

A named lead at each site kept the work going from season to season. Sites without one lost volunteers quickly.

"When Jo left, the rota fell apart in a month." (G3 Volunteer)
"""


@pytest.fixture(scope="module")
def gardens(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory.mktemp("gardens"), embedder, "gardens.md", GARDENS)


def test_a_question_asking_what_stands_in_the_way_gets_the_sections_on_barriers_stated_as_barriers(gardens):
    """No heading says "in the way": the section on facilitators and barriers answers it, each of its sections a
    theme, headed by its sentence on what hinders (not the one on what helps)."""
    statements = [theme.heading.text for theme in themes_of(gardens.ask("What gets in the way of running a garden?"))]
    assert {"Recruiting enough volunteers over the winter was the hardest challenge coordinators described.",
            "Short leases were a barrier to planting fruit trees and building sheds."} <= set(statements), statements
    assert not any(statement.startswith(("Volunteers brought", "The council leased")) for statement in statements)


def test_a_question_on_how_one_of_the_facilitators_helps_is_answered_from_its_section(gardens):
    answer = gardens.ask("How does leadership help the gardens?")
    cited = {citation.section.split(" › ")[-1] for block in answer.blocks for citation in getattr(block, "citations", ())}
    assert "A named lead at each site" in answer.answer and cited <= {"Leadership"}, answer.answer


def test_respondents_are_counted_on_a_verb_asked_in_its_irregular_past(tmp_path, embedder):
    """ "Which staff said they bought in?" of "Everyone was buying in from the start": the stemmer keeps "bought"
    apart from "buy", so the one nurse who says it in the other form was not counted."""
    from assistant.answers.blocks import Prevalence
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "buy-in.md", """# Staff views of the new rota

## Findings

Staff described how the rota was agreed and how it has worked since.

"Everyone was buying in from the start, the managers and the union." (S1 Nurse)

"Staff check the rota on the board every second Friday." (S2 Nurse)

"The rota for porters changed in March." (S3 Porter)
""")
    answer = study.ask("Which staff said they bought in?")
    (counted,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert [respondent.code for respondent in counted.respondents] == ["S1"], answer.answer



GETTING_ONLINE = """# Getting Online: evaluation of a digital inclusion programme for older people

## Summary

The programme offered weekly drop-in sessions in libraries and loaned tablets to 240 people aged over 65. Most participants said they were more confident online after three months, though cost and eyesight limited what some could do.

## Method

We interviewed 18 participants and 6 volunteer digital champions. Quotes are labelled with the respondent number.

## What worked well

Participants valued patient, one-to-one help from volunteers who went at their pace. Sessions held in familiar places such as the local library helped people feel at ease.

"She never made me feel stupid, she just showed me again and again until I had it." [R5]

"I would never have gone to a college, but the library I know." [R11]

Loaned tablets meant people could practise at home between sessions, which several said was what made the difference.

"Having it at home was the key thing, I practised every evening." [R2]

## Challenges

Cost was the most common obstacle: several participants could not afford broadband once the free loan period ended.

"Once the free data ran out I just put it in a drawer." [R7]

Poor eyesight and arthritis made small screens hard to use, and some found the tablets' settings confusing.

"My fingers won't do the little buttons." [R14]

Volunteers said that demand outstripped the number of champions, so waiting lists grew in the winter months.

"We had twenty people waiting and only three of us." [V3]

## Recommendations

The programme should fund broadband for a year after the loan ends and offer larger-screen devices to those who need them.
"""


def test_a_word_only_the_title_says_is_what_the_whole_report_is_about_not_a_word_it_never_uses(tmp_path, embedder):
    """ "… for older people" is said in the title alone; "What stood in the way of older people getting online?"
    was declined as never mentioning "older"."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "online.md", GETTING_ONLINE)
    answer = study.ask("What stood in the way of older people getting online?")
    assert not answer.abstained and "cost" in answer.answer.lower(), answer.answer
    assert "never mention “drones”" in study.ask("What did older people say about drones?").answer


def test_the_main_challenges_are_the_challenges_sections_findings_not_the_method(tmp_path, embedder):
    """Its opening sentence, "Cost was the most common obstacle: several …", was read as a heading run into the
    paragraph, and the themes came from the method ("We interviewed 18 participants …")."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "online.md", GETTING_ONLINE)
    themes = themes_of(study.ask("What are the main challenges?"))
    assert {theme.heading.citations[0].section for theme in themes} == {"Challenges"}
    assert themes[0].heading.text.startswith("Cost was the most common obstacle")


def test_a_whole_report_summary_draws_on_the_reports_own_summary_before_its_method(tmp_path, embedder):
    """A section named "Summary" and nothing else is the document's own, though it comes before the method and the
    findings (what comes there is background otherwise: "Summary of findings from the research literature")."""
    from assistant.answers.blocks import Bullets
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "online.md", GETTING_ONLINE)
    (bullets,) = [block for block in study.ask("Summarise the findings").blocks if isinstance(block, Bullets)]
    assert "Summary" in {item.citations[0].section for item in bullets.items}



CARERS_GROUP = """Focus group 3: unpaid carers, Northside
Date: 14 March 2024

Facilitator: Thanks everyone for coming. Can we start with how you found out about the respite service?

R1: Honestly, by accident. My neighbour mentioned it. Nobody at the GP surgery ever told me it existed, and I'd been caring for my mum for six years by then.

R2: Same for me. The social worker gave me a leaflet but it was so vague I didn't realise I was eligible.

R3: I found it online, but the website is a maze. I gave up twice.

Facilitator: And once you were using it, what was it like?

R2: The staff are lovely. Really lovely. But the booking system is a nightmare. You have to ring on a Monday morning and if you don't get through by ten it's gone.

R1: That's the thing, the Monday phone lines. I'm usually getting mum washed and dressed at that time, so I just can't ring.

R4: For me it's been a lifeline. Four hours a week where I can just sit in a café and be a person, not a carer.

R3: Yeah, I'd agree with that. When it works, it really works.

Facilitator: What would you change?

R4: More hours. Four hours isn't enough when you're doing this twenty-four seven.

R1: Online booking. Just let us book online at midnight if that's when we have time.

R2: Better information from the start. If the GP had told me, I'd have had three more years of help.

R3: Yeah. And the website needs sorting.

Facilitator: Anything else before we finish?

R4: Just that people should know it's not giving up on your person. I felt guilty for months.

R2: Mm. The guilt is real.
"""


def test_the_main_problems_of_a_transcript_with_a_title_and_date_are_the_points_its_turns_make(tmp_path, embedder):
    """ "What are the main problems with the service?" of a focus group transcript was declined: "problems" is no
    word of it (it says "a nightmare", "a maze") and "service" frames the question, so nothing was left to find;
    and its title and date lines, narrative of a sort, kept its turns' points from being the themes."""
    group = assistant_over(tmp_path, embedder, "carers.txt", CARERS_GROUP)
    answer = group.ask("What are the main problems with the service?")
    (quotes,) = [block for block in answer.blocks if isinstance(block, Quotes)]
    assert len(quotes.quotes) >= 2 and any("booking system" in quote.citation.quote for quote in quotes.quotes), \
        answer.answer
    assert group.ask("What are the main problems with drones?").abstained



E_PRESCRIBING = """# Adopting electronic prescribing on medical wards: a qualitative evaluation

## 1. Introduction

Electronic prescribing replaced paper drug charts on six medical wards in 2023. We interviewed nurses, doctors and pharmacists about how the change went.

## 2. Methods

Twenty-four staff took part in semi-structured interviews. Quotes are labelled with a participant number and role.

## 3. Findings

### 3.1 Barriers to adoption

#### Training

Most staff said the two-hour training session came too early, weeks before go-live, and had been forgotten by the time the system arrived.

"By the time we went live I couldn't remember a thing from the course." (P07 Nurse)

"Training was a tick-box exercise." (P12 Doctor)

#### Hardware

Too few computers on wheels meant nurses queued to record doses during the morning drug round.

"There are three trolleys for thirty patients, so the round takes twice as long." (P03 Nurse)

#### Alert fatigue

Doctors described frequent interaction alerts, most of them irrelevant, which they learned to click through.

"You get an alert for paracetamol. After a week you stop reading them." (P15 Doctor)

### 3.2 Facilitators

#### Super-users

Each ward had two super-users who answered questions on shift, and staff valued having someone nearby to ask.

"Having Sam on the ward made all the difference the first month." (P09 Nurse)

#### Pharmacist support

Pharmacists reviewed every new prescription for the first fortnight, which doctors said made them more confident.

"Knowing pharmacy was checking everything took the fear out of it." (P14 Doctor)

"We caught a lot of small errors early on." (P20 Pharmacist)

## 4. Conclusions

Adoption was slower than planned, but most staff now prefer the electronic system. Training timed closer to go-live, more hardware and fewer alerts would have helped.
"""


def test_what_helped_is_answered_from_the_facilitators_though_only_the_barriers_heading_names_the_subject(
        tmp_path, embedder):
    """ "3.1 Barriers to adoption" holds "adopt" and "3.2 Facilitators" nothing of "What helped staff adopt the
    system?": the barriers were taken as the better match for the question's subject, so nothing was named and the
    conclusions answered. A section on the other side is no rival."""
    study = assistant_over(tmp_path, embedder, "prescribing.md", E_PRESCRIBING)
    themes = themes_of(study.ask("What helped staff adopt the system?"))
    assert {theme.heading.citations[0].section.split(" › ")[-1] for theme in themes} == \
        {"Super-users", "Pharmacist support"}
    hindered = themes_of(study.ask("What got in the way of adopting electronic prescribing?"))
    assert {theme.heading.citations[0].section.split(" › ")[-1] for theme in hindered} == \
        {"Training", "Hardware", "Alert fatigue"}


def test_respondents_the_report_files_under_a_heading_the_topic_names_spoke_to_it(tmp_path, embedder):
    """ "Which respondents talked about the barriers?": none of their words says "barrier", but the report files
    four of them under "3.1 Barriers to adoption" (in its sections on training, hardware and alerts)."""
    from assistant.answers.blocks import Prevalence

    study = assistant_over(tmp_path, embedder, "prescribing.md", E_PRESCRIBING)
    answer = study.ask("Which respondents talked about the barriers?")
    (counted,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert {respondent.code for respondent in counted.respondents} == {"P03", "P07", "P12", "P15"}, answer.answer
    assert study.who_spoke("the barriers").spoke_keys() == {respondent.key for respondent in counted.respondents}


@pytest.mark.parametrize("question", ["What does the report conclude?", "What were the conclusions?"])
def test_what_a_report_concludes_is_its_numbered_conclusions_section(tmp_path, embedder, question):
    """ "4. Conclusions" was not the section asked for: its number is no word of the question, and "conclude" and
    "conclusions" stem apart ("conclud", "conclus"); the whole report was summarised instead."""
    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "prescribing.md", E_PRESCRIBING)
    (bullets,) = [block for block in study.ask(question).blocks if isinstance(block, Bullets)]
    assert {item.citations[0].section for item in bullets.items} == {"4. Conclusions"}


def test_a_topic_a_library_files_quotes_under_is_covered_though_the_nearest_passages_are_elsewhere(
        tmp_path, embedder):
    """In a library of the prescribing report, the online programme's report and a carers' focus group, "What are
    the main barriers?" was declined: the passages nearest the question (the online report's challenges) never say
    "barrier", though the prescribing report files its quotes under "3.1 Barriers to adoption"."""
    from conftest import assistant_for

    (tmp_path / "corpus").mkdir()
    for name, text in (("prescribing.md", E_PRESCRIBING), ("online.md", GETTING_ONLINE), ("carers.txt", CARERS_GROUP)):
        (tmp_path / "corpus" / name).write_text(text, encoding="utf-8")
    library = assistant_for(tmp_path, embedder)
    answer = library.ask("What are the main barriers?")
    assert not answer.abstained and "the two-hour training session came too early" in answer.answer, answer.answer



BEFRIENDING = """# Evaluation of the befriending service

## Volunteering

Volunteers gave on average four hours a week to the service, and most had volunteered for more than a year. Most said they enjoyed meeting new people and felt useful. Several volunteers valued the training they were given at the start. The main challenge volunteers described was finding cover when they were ill. Travel costs were a barrier for volunteers from outlying villages.

"I love it, honestly, it gets me out of the house." (V1 Volunteer)

"If I'm off sick nobody visits Mrs B that week, and that worries me." (V2 Volunteer)

"The bus fare out to the villages adds up." (V3 Volunteer)

## Outcomes for older people

Older people said the weekly visits eased their loneliness and gave them something to look forward to.

"Tuesday is my favourite day now." (O1 Client)

"She's the only person I talk to some weeks." (O2 Client)
"""


def test_the_challenges_of_a_topic_are_the_sentences_that_name_them_not_the_topics_best_statements(tmp_path, embedder):
    """ "What are the challenges of volunteering?" was headed by "Volunteers gave on average four hours a week …",
    the statement most about volunteering, and left out "Travel costs were a barrier for volunteers …"."""
    study = assistant_over(tmp_path, embedder, "befriending.md", BEFRIENDING)
    statements = {theme.heading.text for theme in themes_of(study.ask("What are the challenges of volunteering?"))}
    assert statements == {"The main challenge volunteers described was finding cover when they were ill.",
                          "Travel costs were a barrier for volunteers from outlying villages."}, statements


@pytest.mark.parametrize("question, sections", [
    ("What got in the way?", {"Training", "Hardware", "Alert fatigue"}),
    ("What helped?", {"Super-users", "Pharmacist support"}),
])
def test_a_side_asked_of_no_subject_is_the_section_named_for_it(tmp_path, embedder, question, sections):
    """Asked of what the whole report is about, "What got in the way?" was declined (nothing in it is close to a
    question with no topic) and "What helped?" answered from the conclusions."""
    study = assistant_over(tmp_path, embedder, "prescribing.md", E_PRESCRIBING)
    answer = study.ask(question)
    assert {theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)} == sections


def test_quotes_on_a_topic_the_report_files_under_its_heading_are_those_it_files_there(tmp_path, embedder):
    """ "Training" files P07's "I couldn't remember a thing from the course" and P12's "a tick-box exercise": asked
    for quotes on training, P07's was a weaker match (its words are not the question's); compared by role, the
    nurses' side showed the super-user and the trolleys too, and counted them."""
    from assistant.answers.blocks import Comparison

    study = assistant_over(tmp_path, embedder, "prescribing.md", E_PRESCRIBING)
    quoted = study.ask("Give me quotes on training")
    assert {quote.citation.code for block in quoted.blocks if isinstance(block, Quotes)
            for quote in block.quotes} == {"P07", "P12"}, quoted.answer
    compared = study.ask("Compare nurses and doctors on training")
    (comparison,) = [block for block in compared.blocks if isinstance(block, Comparison)]
    assert {side.name: [quote.citation.code for quote in side.quotes] for side in comparison.sides} == \
        {"Nurse": ["P07"], "Doctor": ["P12"]}, compared.answer
    assert [side.respondents for side in comparison.sides] == [1, 1]


def test_respondents_filed_under_a_heading_that_lists_the_topic_among_others_are_those_of_its_own_section(
        tmp_path, embedder):
    """ "What helped: leadership, training and time" names training among three: "Which respondents mentioned
    training?" counted everyone under it; those under its section "Training" spoke to it."""
    from assistant.answers.blocks import Prevalence

    study = assistant_over(tmp_path, embedder, "helped.md", """# Review of the new triage service

## Background

The emergency department opened a nurse-led triage service in March, replacing the old first-come queue.

Patients are now seen by a triage nurse within fifteen minutes of arrival and given a priority category.

We interviewed nurses and doctors about the first six months.

## Waiting times

Median waits for the most urgent patients fell by a third, though waits for minor injuries rose at weekends.

"Saturdays are still a nightmare for the walk-ins." (S4 Nurse)

"Resus patients get to us far quicker now." (S5 Doctor)

## Patient experience

Complaints about not knowing how long the wait would be fell after the waiting-room screens were installed.

"People mind the wait less when they can see where they are." (S6 Nurse)

## What helped: leadership, training and time

Staff named three things that made the new service work.

### Leadership

A clinical lead on every shift settled disputes quickly.

"Having Dr Shah on the floor made the calls easy." (S1 Nurse)

### Training

Simulation sessions before launch were valued.

"The dry runs meant nothing surprised us on day one." (S2 Nurse)

### Time

Protected time for handover mattered most to the night team.

"Fifteen minutes to hand over properly changed everything." (S3 Doctor)
""")
    answer = study.ask("Which respondents mentioned training?")
    (counted,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert [respondent.code for respondent in counted.respondents] == ["S2"], answer.answer


def test_a_themes_counts_over_separate_studies_are_told_by_study(tmp_path, embedder):
    """Three reports that share no group: a theme's "n of N" was broken down by group, every respondent of the
    two reports without groups in "(no group) 2 of 10"; as a count's is, it is told by document."""
    from conftest import assistant_for

    (tmp_path / "corpus").mkdir()
    for name, text in (("prescribing.md", E_PRESCRIBING), ("online.md", GETTING_ONLINE), ("carers.txt", CARERS_GROUP)):
        (tmp_path / "corpus" / name).write_text(text, encoding="utf-8")
    themes = themes_of(assistant_for(tmp_path, embedder).ask("What helped?"))
    assert themes and all({count.group for count in theme.by_group} == {"prescribing.md", "online.md", "carers.txt"}
                          for theme in themes), [theme.by_group for theme in themes]


HOME_VISITS = """# Home care in three councils: findings from interviews with carers and coordinators

## How visits are organised

The councils we studied organise their home care visits in several ways.
A simple classification would therefore include:

- Fixed rounds: Each carer follows the same route of clients every day, set by a coordinator a month in advance.
- Self-rostering teams: Small teams of carers agree among themselves each week who visits whom and when.
- On-call pools: A pool of carers covers visits at short notice whenever a regular carer is absent or delayed.

"I know every door on my round, and they know me." (H1 Carer)

"We sort the week out on a Friday between the five of us." (H2 Carer)

## Pay and travel

Carers said that unpaid travel time between visits was the main reason colleagues left.

"I drive forty minutes a day that nobody pays me for." (H3 Carer)

## Training

Coordinators valued the induction course, though carers found it too short.

"Two days of training and then you are on your own." (H4 Coordinator)
"""


def test_a_list_whose_points_answer_the_question_in_other_words_is_its_themes(tmp_path, embedder):
    """The points of a list answer the question though its lead-in ("A simple classification would therefore
    include:") shares none of its words: they are among the passages that answer it best."""
    answer = assistant_over(tmp_path, embedder, "visits.md", HOME_VISITS).ask(
        "What different shapes do the visiting schedules take, from rigid to flexible?")
    assert [theme.label for theme in themes_of(answer)] == ["Fixed rounds", "Self-rostering teams", "On-call pools"], \
        answer.answer
    assert lead_of(answer).endswith("would therefore include:")


FREE_MEALS = """# Universal free school meals: findings from interviews with staff and parents

## Benefits

### Less stigma

Teachers and parents said that when every child eats the same lunch, no child is singled out as poor.

"Nobody knows who used to get free meals and who didn't." (Parent, School A)

### Concentration and behaviour

Several teachers linked a hot lunch to calmer afternoons.

"After lunch they're settled." (Teacher, School B)

## Problems

### Queues and time

Lunchtimes were reported to be rushed, with the youngest children often last to be served.

"By the time reception get their food, the bell's nearly going." (Catering staff, School D)

### Kitchen capacity

Catering staff described kitchens built for half the numbers they now serve.

"We've got the same two ovens we had when we did eighty meals." (Catering staff, School A)
"""


@pytest.fixture(scope="module")
def meals(tmp_path_factory, embedder):
    return assistant_over(tmp_path_factory.mktemp("meals"), embedder, "free-meals.md", FREE_MEALS)


def test_what_the_benefits_were_are_the_sections_under_benefits(meals):
    """Asked in the past tense, "What were the benefits?" was read as a plain question, and declined: the section
    it names has no words of its own, only sections."""
    answer = meals.ask("What were the benefits?")
    assert [theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)] == \
        ["Less stigma", "Concentration and behaviour"], answer.answer


def test_a_plain_question_on_a_section_of_sections_is_answered_from_them(meals):
    answer = meals.ask("What did the report find about the problems?")
    assert not answer.abstained and {citation.section.split(" › ")[-1] for citation in answer.citations} == \
        {"Queues and time", "Kitchen capacity"}, answer.answer


def test_a_whole_report_summary_is_its_own_summary_sentence_by_sentence(tmp_path, embedder):
    """Its "Summary" states a finding a sentence; only each paragraph's first was ever a bullet, so "Summarise the
    report" gave the summary's opening and then details from the findings, not the benefits and problems it sums up."""
    from assistant.answers.blocks import Bullets

    text = FREE_MEALS.replace("## Benefits", """## Summary

Staff and parents in the six schools broadly welcomed universal free school meals. The main benefits reported were less stigma for families on low incomes and better concentration in afternoon lessons. The main problems were longer queues at lunchtime, kitchens working beyond capacity and food waste.

## Benefits""", 1) + """
## Conclusions

Universal provision has reduced stigma and is valued by families. Schools need investment in kitchens and more flexible lunchtimes if the policy is to work as intended.
"""
    answer = assistant_over(tmp_path, embedder, "free-meals.md", text).ask("Summarise the report")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert {item.citations[0].section for item in bullets.items} <= {"Summary", "Conclusions"}, answer.answer
    said = " ".join(item.text for item in bullets.items)
    assert "The main benefits reported were" in said and "The main problems were" in said, answer.answer


def test_how_many_is_answered_by_a_count_the_report_gives_in_words(tmp_path, embedder):
    """"two passengers worried …" was no figure (digits only were), and the question was declined for want of one."""
    report = """# Bookable minibus pilot: what passengers told us

## Cost

Fares were the same as on the old buses. Nobody found the fares a problem, though two passengers worried the
service would be cut to save money.

"It's free with my pass, same as before. I just hope they keep it." [R5]
"""
    answer = assistant_over(tmp_path, embedder, "minibus.md", report).ask(
        "How many passengers worried about the service being cut?")
    assert not answer.abstained and "two passengers worried" in answer.answer, answer.answer


RECOMMENDED_LIST = """# The discharge lounge pilot: an evaluation

## What we found

Porters said the lounge freed beds earlier in the day, though patients often waited there for their medicines.

"We had beds back by eleven most mornings." (P02 Porter)

"The wait for the pharmacy is the real hold-up." (N04 Nurse)

Nurses on the wards said the lounge changed the rhythm of the morning: patients going home were moved before the
ward round, which left time for the sickest patients.

"I could start my drug round on time for once." (N01 Nurse)

Families were less sure. Several said nobody told them where their relative had gone, and some arrived at the ward
to find an empty bed.

"We turned up at the ward and the bed was empty, and nobody knew where she was." (F02 Family)

Transport was the other hold-up. Patients booked on hospital transport often waited until the afternoon, even when
they had been ready since breakfast.

## Conclusions and recommendations

The pilot made a difference to when beds were freed, but not to how long patients waited to go home.

We recommend that the council:

1. **Keep the lounge open** on weekdays, with a nurse in charge of it at all times.
2. **Dispense take-home medicines on the ward** the evening before a planned discharge.
3. **Book transport home** as soon as the discharge date is set, not on the day.
4. **Give families a named contact** for the day of discharge.
5. **Review the pilot again** after six months, with the porters' view of bed turnaround.

Taken together, these steps would let the lounge do what it was set up to do.
"""


def test_the_list_a_section_gives_in_answer_is_its_themes_whole_though_its_points_do_not_repeat_the_question(
        tmp_path, embedder):
    """Asked what the report recommends, the answer is the list its lead-in ("We recommend that the council:")
    introduces, every point of it in the report's order: none of them says "recommend", and the lead-in, not any
    point, is what answers best; the closing sentence after the list is none of them."""
    study = assistant_over(tmp_path, embedder, "lounge.md", RECOMMENDED_LIST)
    answer = study.ask("What recommendations does the report make?")
    assert [theme.heading.text.split(" ")[0] for theme in themes_of(answer)] == [
        "Keep", "Dispense", "Book", "Give", "Review"], answer.answer
    (lead,) = [block for block in answer.blocks if isinstance(block, Lead)]
    assert lead.claims[0].text == "We recommend that the council:"


FINDINGS_INTRODUCED = """# The discharge lounge pilot: an evaluation

## Executive summary

The pilot opened a discharge lounge on two medical wards for six months. Our key findings are:

- Beds were freed about two hours earlier in the day, which eased the morning pressure on admissions.
- Patients waited longest for their take-home medicines, and the lounge did not shorten that wait.
- Families were often not told that their relative had moved to the lounge, and some arrived at an empty bed.
- Hospital transport remained the last hold-up, with patients ready by breakfast still leaving after lunch.

## Findings

The findings are grouped under three themes. Each draws on interviews with staff and families.

## Beds and flow

Porters said the lounge freed beds earlier in the day, though patients often waited there for their medicines.

"We had beds back by eleven most mornings." (P02 Porter)

## Families

Several families said nobody told them where their relative had gone.

"We turned up at the ward and the bed was empty, and nobody knew where she was." (F02 Family)
"""


def test_the_key_findings_of_a_report_whose_findings_heading_only_introduces_its_sections_are_its_summary(
        tmp_path, embedder):
    """"Summarise the key findings in three bullet points": the section named "Findings" holds two sentences that
    only say how the findings are grouped; the report's own summary states them, three of its bullets."""
    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "lounge.md", FINDINGS_INTRODUCED)
    answer = study.ask("Summarise the key findings in three bullet points.")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert len(bullets.items) == 3, answer.answer
    assert all(claim.citations[0].section == "Executive summary" for claim in bullets.items), answer.answer


WORKED_WELL = """# The repairs pilot

## What worked well

The change tenants noticed most was having one person to deal with. Before the pilot, a tenant chasing a repair spoke
to a different call handler each time. Several tenants described the named officer as the one thing that made the
pilot feel so different:

"Having one person who knew about my boiler made all the difference." (T1, tenant)

The Saturday appointment slots mattered most to tenants in work, who had lost pay waiting in on weekdays.

"The Saturday slot was brilliant, I work shifts." (T6, tenant)

Simple jobs were generally done quickly and tidily.

"The plumber was in and out in an hour." (T9, tenant)
"""


def test_of_two_statements_of_one_passage_the_later_which_leads_into_its_extracts_quotes_them(tmp_path, embedder):
    """"Before the pilot, …" and "Several tenants described the named officer as …:" both head themes; T1's words
    follow the second, which introduces them, and were shown under the first."""
    study = assistant_over(tmp_path, embedder, "repairs.md", WORKED_WELL)
    themes = themes_of(study.ask("What worked well in the pilot?"))
    quoted = {theme.heading.text.split(",")[0]: [quote.citation.code for quote in theme.quotes] for theme in themes}
    assert quoted.get("Several tenants described the named officer as the one thing that made the\npilot feel so "
                      "different") == ["T1"], quoted
    assert all(codes != ["T1"] for heading, codes in quoted.items() if heading.startswith("Before")), quoted


KEY_MESSAGES = """# Family hubs: early findings

## Key messages

Parents described the hubs as friendly places where they could get help with many problems under one roof.

Awareness is the biggest barrier: many parents found their hub only by chance or through a health visitor.

Joining up services is happening, but unevenly, and incompatible data systems are holding it back.

## About this evaluation

We held six focus groups with parents and interviewed nine members of staff across three sites in the county.

## Access and awareness

Parents' route into the hubs was often accidental, and few recalled seeing any publicity about them.

> "Nobody told us the hub existed until my health visitor mentioned it."
> — Parent, FG3

## Joining up services

Staff at the site where services share a building described handing families from one service to the next.

> "I can walk a family down the corridor to the welfare adviser."
> — Health visitor, Site C
"""


def test_a_reports_key_messages_are_its_own_summary(tmp_path, embedder):
    """"Summarise the report in three bullet points" of a report that opens with "Key messages": those are its
    summary (they were passed over for sentences of the findings after them)."""
    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "hubs.md", KEY_MESSAGES)
    answer = study.ask("Summarise the report in three bullet points.")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert [claim.citations[0].section for claim in bullets.items] == ["Key messages"] * 3, answer.answer


def test_the_key_findings_of_a_report_with_a_findings_heading_are_its_own_summary(tmp_path, embedder):
    """"What are the key findings?" of a report whose "Findings" heading only introduces the sections under it: the
    report's own summary answers (its heading's signposting was given)."""
    from assistant.answers.blocks import Bullets

    text = KEY_MESSAGES.replace("## Access and awareness", "## Findings\n\nWe identified three themes, discussed in "
                                "turn below, with the quotes that illustrate them.\n\n### Access and awareness")
    text = text.replace("## Joining up services", "### Joining up services")
    study = assistant_over(tmp_path, embedder, "hubs.md", text)
    answer = study.ask("What are the key findings?")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert {claim.citations[0].section for claim in bullets.items} == {"Key messages"}, answer.answer


def test_a_summary_the_report_gives_as_a_list_is_given_whole(tmp_path, embedder):
    """An executive summary that describes the service, then lists its key findings: "What are the key findings?" is
    that list, each point once (it gave the sentence describing the hubs among them)."""
    from assistant.answers.blocks import Bullets

    text = KEY_MESSAGES.replace("## Key messages\n\n", "## Executive summary\n\nThe hubs opened in three towns in "
                                "2023 as a single front door for families with children. The key findings are:\n\n- ")
    text = text.replace("roof.\n\nAwareness", "roof.\n- Awareness").replace("chance or through a health visitor.\n\n",
                                                                           "chance or through a health visitor.\n- ")
    study = assistant_over(tmp_path, embedder, "hubs.md", text)
    (bullets,) = [block for block in study.ask("What are the key findings?").blocks if isinstance(block, Bullets)]
    assert [claim.text.split()[0] for claim in bullets.items] == ["Parents", "Awareness", "Joining"], bullets


NEXT_STEPS = """# Family hubs: early findings

## Access and awareness

Parents' route into the hubs was often accidental, and few recalled seeing any publicity about them.

> "Nobody told us the hub existed until my health visitor mentioned it."
> — Parent, FG3

## Next steps

These findings are early and based on a small number of sites, but they point to clear priorities.
The research team recommends that the council and its partners:

1. Develop a county-wide awareness campaign for the hubs, co-designed with parents.
2. Pilot extended opening hours, including one evening and one Saturday session at each hub.
3. Agree a shared data system, so that families do not repeat their information to each service.
4. Review staffing and caseloads across the hubs, with a focus on health visiting vacancies.

The second phase of fieldwork will revisit all three sites in the spring.
"""


def test_a_list_in_the_section_the_question_names_is_its_answer_whatever_its_lead_in_says(tmp_path, embedder):
    """"What are the next steps?" names the section "Next steps", whose list's lead-in ("The research team recommends
    that the council and its partners:") shares no word with it: the list, whole, is the answer (it gave two of its
    points and the closing sentence as prose)."""
    study = assistant_over(tmp_path, embedder, "hubs.md", NEXT_STEPS)
    themes = themes_of(study.ask("What are the next steps?"))
    assert [theme.heading.text.split(" ")[0] for theme in themes] == ["Develop", "Pilot", "Agree", "Review"]


@pytest.mark.parametrize("question", ["What recommendations does the report make?", "What does the report recommend?"])
def test_a_list_after_a_sentence_that_is_no_lead_in_is_the_named_sections_answer(tmp_path, embedder, question):
    """The recommendations follow a full stop ("We make four recommendations."), not a colon: they are still the
    section's list, and "What does the report recommend?" asks for them as "What recommendations …" does (it gave
    the sentence before them and two of them as prose)."""
    text = NEXT_STEPS.replace("## Next steps", "## Recommendations").replace(
        "The research team recommends that the council and its partners:",
        "We make four recommendations to the council.")
    study = assistant_over(tmp_path, embedder, "hubs.md", text)
    themes = themes_of(study.ask(question))
    assert [theme.heading.text.split(" ")[0] for theme in themes] == ["Develop", "Pilot", "Agree", "Review"]


CONSULTATION_RESPONSES = """# Consultation on the draft travel strategy: analysis of responses

## Summary

- Safety was the most frequently raised theme, with concern about busy junctions and the journey to school.
- There was strong demand for segregated cycle lanes that form a connected network.
- Pavement parking was described as the biggest obstacle to walking, especially for wheelchair users.

## About the consultation

The consultation ran for ten weeks and received 212 survey responses and written responses from nine organisations.
Responses were read and coded by two analysts, and the figures in the table add up to more than 212 responses.

## Safety

Responses on safety described close passes and fast traffic near schools.

"I won't let my kids cycle to school on Mill Road." [Respondent 14]

## Pavements

Responses from wheelchair users described being forced into the road by parked cars.

"I have to go into the road because cars are parked across the pavement." [Respondent 9]
"""


def test_a_summary_asked_of_a_document_in_its_titles_words_is_its_own_summary(tmp_path, embedder):
    """"Summarise the consultation responses" of "Consultation on …: analysis of responses", which uses those words
    throughout: its own Summary, not the sentences of its methods section ("About the consultation"), which the topic's
    words were nearest."""
    from assistant.answers.blocks import Bullets

    study = assistant_over(tmp_path, embedder, "consultation.md", CONSULTATION_RESPONSES)
    answer = study.ask("Summarise the consultation responses in three bullets.")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert [claim.citations[0].section for claim in bullets.items] == ["Summary"] * 3, answer.answer


SHARING = """# Sharing staff between wards

## Kinds of arrangement

Wards have tried several ways of sharing staff, from the formal to the everyday. A simple typology of the arrangements would include:

- Formal rotas set by the trust: for example, the bank and agency lists that fill a shift a week ahead.
- Local swaps agreed between ward managers: examples include night cover between the two surgical wards. Common break rooms were viewed as helpful in building friendships across the wards and a sense of one team.
- Project teams for one initiative: such as the falls prevention group and the discharge lounge pilot.
- Day-to-day help with little formality: a nurse borrowed for an hour when a ward is short of hands.

## Training

Study days are held in the day, which suits the day staff.
"""


def test_a_themes_question_one_point_of_a_list_answers_is_not_padded_with_the_lists_other_points(tmp_path, embedder):
    """Only one point of a typology speaks to common break rooms; the list's other points answer its lead-in (kinds of
    arrangement), not the question, and are no themes of it."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "sharing.md", SHARING)
    answer = study.ask("What are the benefits of common break rooms?")
    assert "break rooms" in answer.answer, answer.answer
    assert not any(point in answer.answer for point in ("Formal rotas", "Project teams", "Day-to-day", "Wards have")) \
        and not any(isinstance(block, Themes) for block in answer.blocks), answer.answer  # one statement speaks to it


DENIED = """# Shared rotas across the surgical wards

## Barriers to shared rotas

Ward managers named several things that slowed the move to one rota.

### Data

Data protection rules were well understood, and were not presented as an insurmountable barrier to sharing rotas. Practical challenges with the two rostering systems were raised by most ward managers.

### Time

Finding time for joint planning was the biggest obstacle, since managers met only once a month.
"""


def test_a_barriers_theme_is_not_headed_by_a_sentence_saying_something_is_no_barrier(tmp_path, embedder):
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "rotas.md", DENIED)
    statements = [theme.heading.text for theme in themes_of(study.ask("What are the main barriers to shared rotas?"))]
    assert any(statement.startswith("Practical challenges") for statement in statements) and \
        not any("insurmountable" in statement for statement in statements), statements


REPAIRS = """# Listening to tenants: a review of the repairs service

## Summary

Tenants value the workmanship but find the service hard to reach. Damp is the most serious concern.

## Findings

### Reporting a repair

Most tenants said reporting a repair was the hardest part of the process. The phone line was busy at all times.

"I rang every morning for a week and it cut me off." [R3]

### Appointments

Missed appointments were the single biggest source of frustration among tenants.

"I lost a day's pay waiting in for the plumber. Nobody came, nobody rang." [R7]

"They give you an all-day slot, eight till six." [R14]

### Damp and mould

Damp and mould was raised by most tenants in the older blocks, where it returns within weeks of treatment.

"They sprayed it and told me to open the windows. It was back in a fortnight." [R2]

## Conclusions

The service's difficulties lie in access and communication rather than in the quality of the work done.
"""


REPAIRS_LISTED = REPAIRS.replace("Damp is the most serious concern.", "The main difficulties were reporting a repair, "
                                  "missed appointments, and damp and mould.")


def test_a_summary_that_lists_the_side_asked_for_in_other_words_gives_the_themes(tmp_path, embedder):
    """ "The main difficulties were reporting a repair, missed appointments, and damp and mould." answers "What is
    holding the repairs service back?": its lead-in names the side the question does, in other words, so the
    question's "holding … back" need not be in it (the answer was the first section's two sentences); and "the
    repairs service" held back is what the study is about, not a word of the side."""
    answer = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_LISTED).ask(
        "What is holding the repairs service back?")
    assert lead_of(answer).startswith("The main difficulties were"), answer.answer
    sections = [theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)]
    assert sections == ["Reporting a repair", "Appointments", "Damp and mould"], answer.answer


def test_the_main_problems_with_what_a_study_is_about_are_its_findings_sections(tmp_path, embedder):
    """Asked of what the whole study is about (the words of its title: tenants, the repairs service), the main
    problems are the report's own findings sections, each headed by its statement and quoted: not the statements
    nearest "problems" wherever they are (the conclusions said one of them twice, and no one was quoted)."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS)
    themes = themes_of(study.ask("What are the main problems tenants have with the repairs service?"))
    sections = {theme.heading.citations[0].section.split(" › ")[-1] for theme in themes}
    assert {"Reporting a repair", "Appointments", "Damp and mould"} <= sections and all(t.quotes for t in themes), \
        [(theme.heading.text, theme.heading.citations[0].section) for theme in themes]


def test_the_key_issues_of_a_report_that_never_says_issues_are_its_findings_sections(tmp_path, embedder):
    """"What are the key issues?" of a report that never uses the word was declined ("never mention issues"); the
    key issues of a study are what its findings set out, as its key themes are."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS)
    answer = study.ask("What are the key issues?")
    sections = {theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)}
    assert {"Reporting a repair", "Appointments", "Damp and mould"} <= sections, answer.answer


REPAIRS_RECOMMENDED = REPAIRS + """
## Recommendations

We recommend that the landlord:

- offers morning or afternoon appointment slots and texts tenants the day before;
- gives every repair a reference number and confirms receipt within one working day;
- commissions a structural survey of damp in the older blocks;
- trains call centre staff to treat damp reports as a building issue, not a lifestyle issue.
"""


@pytest.mark.parametrize("question", ["What should the landlord do about damp?",
                                      "What does the report recommend on damp?"])
def test_a_lists_points_on_what_narrows_the_question_are_its_answer(tmp_path, embedder, question):
    """Its recommendations on damp, of the four it makes: "What should the landlord do about damp?" quoted tenants
    on damp, and "What does the report recommend on damp?" listed all four."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_RECOMMENDED)
    statements = [theme.heading.text for theme in themes_of(study.ask(question))]
    assert statements == ["commissions a structural survey of damp in the older blocks;",
                          "trains call centre staff to treat damp reports as a building issue, not a lifestyle "
                          "issue."], statements



@pytest.mark.parametrize("question", ["What should the council do about repairs?", "What should be done?"])
def test_asked_what_to_do_a_report_answers_with_all_it_recommends(tmp_path, embedder, question):
    """"What should the council do about repairs?" (repairs being what the whole review is about, and the council
    not its word) gave the findings' statements; "What should be done?" was declined. What is to be done is what a
    report recommends."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_RECOMMENDED)
    statements = [theme.heading.text for theme in themes_of(study.ask(question))]
    assert len(statements) == 4 and statements[0].startswith("offers morning or afternoon"), statements


def test_asked_what_to_do_a_list_of_things_to_be_done_answers_without_a_lead_in(tmp_path, embedder):
    """Recommendations numbered straight under their heading have no lead-in ending in a colon: the points say
    what should be done, and are the answer."""
    from conftest import assistant_over

    numbered = REPAIRS + """
## Recommendations

1. The landlord should offer morning or afternoon appointment slots.
2. The landlord should commission a structural survey of damp in the older blocks.
3. Call centre staff should treat damp reports as a building issue.
"""
    study = assistant_over(tmp_path, embedder, "repairs.md", numbered)
    statements = [theme.heading.text for theme in themes_of(study.ask("What should be done to improve repairs?"))]
    assert len(statements) == 3 and all("should" in statement for statement in statements), statements


def test_the_positives_of_a_study_are_not_every_section_of_its_findings(tmp_path, embedder):
    """"What are the positives?" is a kind of point not every section makes: it listed the reporting, appointments
    and damp sections as positives once any kind of point asked of the whole study was read as its sections."""
    from conftest import assistant_over

    workmanship = REPAIRS.replace("## Conclusions", """### Workmanship

Tenants were broadly positive about the operatives, who were described as polite, tidy and skilled.

"The lads who came were brilliant. Cleaned up after themselves." [R5]

## Conclusions""")
    study = assistant_over(tmp_path, embedder, "repairs.md", workmanship)
    answer = study.ask("What are the positives?")
    assert "broadly positive" in answer.answer and "Missed appointments" not in answer.answer \
        and "phone line" not in answer.answer, answer.answer


OPENINGS = """# Library opening hours: what users told us

## Evening opening

Most users opposed closing at five. Working parents and students said evenings were the only time they could visit.

"I work until half five. If you shut at five the library is gone for me." (R45 User)

"My son does his homework there after school every evening." (R112 User)

## Saturday opening

Saturday opening was broadly welcomed by users. Community groups in particular said weekend access would help families and older people.

"Saturday is when grandparents bring the children." (R388 Group)

"Weekends are when our members are free to come." (R390 Group)
"""


def test_a_key_theme_is_headed_by_its_sections_opening_statement(tmp_path, embedder):
    """Asked for the main themes, with no topic to weigh sentences by, each section's heading was its longest
    sentence ("Working parents and students said …"), not the one that opens it and says what it is about."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "hours.md", OPENINGS)
    headings = [theme.heading.text for theme in themes_of(study.ask("What are the main themes?"))]
    assert headings == ["Most users opposed closing at five.", "Saturday opening was broadly welcomed by users."], headings


SCHOOL_STREETS = """# Evaluation of the School Streets pilot

## Key findings

- 68% of parents surveyed said the street outside school felt safer since the closure began.
- The share of pupils walking or cycling to school rose from 41% to 53% over the pilot.
- Residents were split: 44% supported making the scheme permanent and 39% opposed it.
- Enforcement was the most common concern among council officers and school staff.

## Background and method

School Streets close the road outside a school to motor traffic at drop-off and pick-up times. The pilot ran at five
primary schools for one school year. We surveyed 612 parents and 380 residents, counted how pupils travelled to
school before and after, and interviewed 14 people: six council officers, five headteachers and three volunteer
marshals.

## Findings

### Safety and the school run

Parents described calmer, safer streets at the school gate. Most of the improvement was credited to the absence of
cars turning and parking on the pavement.

"You can actually let them run ahead now. Before, I held on to both of them the whole way." (Survey respondent, parent)

"The difference at 8.45 is night and day. No engines, no horns, just children." (Interviewee 4, headteacher)

### How pupils travel

Walking and cycling rose at four of the five schools. The exception was the school with the largest catchment, where
many families live more than two miles away.

"We're a rural catchment. Closing the street just moves the cars round the corner." (Interviewee 9, headteacher)

### Residents' views

Residents were divided. Some welcomed the quieter street, while others, particularly older residents and those with
visitors or carers arriving at drop-off time, found the restrictions difficult.

"My carer comes at quarter to nine and now she has to park two streets away." (Survey respondent, resident)

"It's lovely. I didn't realise how bad the traffic was until it stopped." (Survey respondent, resident)

### Enforcement

Council officers and headteachers agreed that the scheme depended on enforcement. Volunteer marshals reported abuse
from some drivers, and several said they would not continue without cameras.

"I've been sworn at more in six months of marshalling than in thirty years of teaching." (Interviewee 12, volunteer marshal)

"Without cameras it's a gentleman's agreement, and not every driver is a gentleman." (Interviewee 2, council officer)

## Conclusions

The pilot made streets outside schools safer and increased active travel at most schools, but its future depends on
camera enforcement and on answering residents' concerns about access.
"""


def test_what_a_group_said_is_not_headed_by_what_another_group_said(tmp_path, embedder):
    """"What did headteachers say?" headed a headteacher's words with "Parents described calmer, safer streets at
    the school gate.": the section's opening statement, of another group."""
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "streets.md", SCHOOL_STREETS)
    headings = [theme.heading.text for theme in themes_of(study.ask("What did headteachers say?"))]
    assert headings and not any("Parents" in heading for heading in headings), headings


SKILLS_COURSE = """# Getting online: an evaluation of a digital skills course for older people

## Finding 1: Getting to public services online

Partners saw the course as a practical way of helping older people use services that have moved online. Several
learners now order repeat prescriptions through an app, and the surgery said this freed up its telephone lines.

## Finding 2: Confidence

Learners described a shift from fear of breaking something to a willingness to try new things on their own.

## Barriers

Connectivity was the first barrier: the Wi-Fi in the sheltered housing reached only the communal lounge, so tablets
could not be used in people's flats. Almost every learner described passwords as a source of frustration. Poor
eyesight, hearing loss and arthritis made small screens hard to use at home.
"""


def test_a_section_named_only_by_its_side_is_about_what_its_document_is_about(tmp_path, embedder):
    """ "What held older learners back from getting online?" was answered from "Finding 1: Getting to public
    services online" (its name holds "getting online"; "Barriers" holds none of the question's subject), headed
    by partners' praise. A section named by its side alone is about its document's title."""
    study = assistant_over(tmp_path, embedder, "online.md", SKILLS_COURSE)
    answer = study.ask("What were the main things that held older learners back from getting online?")
    sections = {citation.section for citation in answer.citations}
    assert sections == {"Barriers"}, answer.answer


@pytest.mark.parametrize("name, alone", [
    ("Barriers", True), ("3.2 Barriers: applying through the portal", True), ("4. What helped", True),
    ("Strength and limitations", False), ("Barriers to adoption", False), ("3.1 Why farmers joined", False),
])
def test_a_section_named_by_its_side_alone_whatever_its_number_and_list(name, alone):
    """ "3.3 Barriers: maps, payments and tenancy" lists its barriers after the colon: it is about what its document
    is, as "Barriers" is (a farm report's themes for "the main barriers farmers hit" had opened with why they
    joined)."""
    from assistant.answers.compose.grounds import _named_by_side_alone

    assert _named_by_side_alone(name) is alone


NIGHT_TRANSPORT = """# After dark: young people getting home at night

## Findings

Cost came up in all three groups. The cheap fare stops at seven, and taxis cost more than an hour's wage.

Jade (17, Group 2): After seven it's nearly three quid each way, and that's the difference between going or not.

Marcus (24, Group 3): A taxi home costs most of what I earned in the last hour, so the late shift is for nothing.

Aisha (21, Group 1): Half the lights in the underpass have been out since Christmas, so I walk the long way round.

## Recommendations

1. Extend the young person's fare so that it is valid until the last bus of the day.
2. Increase the night bus to at least every 30 minutes on Friday and Saturday nights.
3. Repair the lighting in the underpass and on the canal path.
4. Pilot a request-a-stop scheme after ten at night.
5. Require the operator to fix the real-time information on stop displays.
6. Work with large employers on a late-shift travel scheme such as shared taxis.
7. Report back to the participants and the youth council within six months.
"""


@pytest.mark.parametrize("question", ["What does the write-up recommend the council do?",
                                      "What are the recommendations?"])
def test_asked_what_the_report_recommends_its_recommendations_are_all_given_and_uncounted(tmp_path, embedder,
                                                                                         question):
    """ "What does the write-up recommend the council do?" gave the seventh recommendation alone ("write-up" was no
    word of the question's frame), and "What are the recommendations?" six of seven, each with "1 of 18
    respondents", a count of who spoke near it that says nothing of the report's own proposals."""
    study = assistant_over(tmp_path, embedder, "night.md", NIGHT_TRANSPORT)
    answer = study.ask(question)
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert len(themes.themes) == 7 and not any(theme.respondents for theme in themes.themes), answer.answer


BUS_CONSULTATION = """# Proposed Bus Franchising Scheme

## Analysis of Consultation Responses

Prepared by the Policy and Research Team, July 2025.

## Executive summary

The Authority received 1,284 responses. Most supported franchising in principle, with conditions.

## Method of the analysis

The consultation was open to anyone. It asked respondents to raise any concerns about the proposals, and concerns
could be raised online, on paper or by email. Each concern raised in the consultation was coded by two analysts.

## Fares

Fares were the most frequently raised concern in the consultation. Many respondents asked for a single capped fare
across operators, and housing associations linked fares to whether work pays.

> "I pay for two day tickets to get to the hospital because the buses are run by different companies."
(Response 112, individual)

> "A single capped fare would decide whether a job is worth taking at all." (Response 45, housing association)

## Routes and rural access

The loss of evening and Sunday services was a second concern, raised by most parish councils. Villages without a
service after six in the evening described people cut off from work and hospital appointments.

> "Since the 41 was withdrawn the village has had no service after 6pm." (Response 318, parish council)

> "Rural routes have never been viable without subsidy." (Response 19, bus operator)

## Accessibility

Accessibility concerns centred on audio announcements and space for wheelchairs. Disabled people's organisations
asked that the whole journey be considered, from the front door to the destination.

> "My husband cannot read the tiny screens at the bus station." (Response 733, individual)

> "Drivers should wait until a wheelchair user is settled before pulling away." (Response 902, voluntary organisation)
"""


def test_a_subtitle_that_names_what_the_document_is_about_does_not_make_its_method_a_theme(tmp_path, embedder):
    """ "What were the main concerns raised in the consultation?" led with "The consultation was open to anyone." (its
    method): "consultation" in the subtitle "Analysis of Consultation Responses", a heading before the findings, was
    read as asking for the background."""
    from assistant.answers.compose.grounds import from_findings
    from assistant.answers.query import parse_question
    from assistant.types import ScoredPassage
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "consult.md", BUS_CONSULTATION)
    everything = [ScoredPassage(passage, 1.0) for passage in study.reading.under_document("consult.md")]

    def kept(question: str) -> set[str]:
        evidence = study._evidence(parse_question(question, study.directory), everything, [], ())
        return {item.passage.section for item in from_findings(evidence, everything)}

    assert "Method of the analysis" not in kept("What were the main concerns raised in the consultation?")
    assert "Method of the analysis" in kept("What method of analysis was used for the concerns?")  # asked of it


TWO_DEPOTS = """# Rural bus pilot: an evaluation

## Method

### Depots

Depot East — a market-town depot, serving the coastal routes.

Depot West — a hill depot, serving the upland villages.

## Findings

### Reliability

Passengers in Depot West reported that the upland buses missed their connections most weeks. Punctuality at Depot \
East rose to 91% after the timetable change.

"The 7.10 never waits for the train, so I stand in the rain for an hour." (P1, passenger, Depot West)

### Staffing

Drivers at Depot West said a vacant mechanic post left buses off the road for days. Staffing at Depot East was \
stable throughout the pilot.

"We lost three buses in a week to one broken part." (D2, driver, Depot West)

"Nobody has left the depot this year." (D3, driver, Depot East)
"""


def test_a_summary_of_one_areas_findings_gives_the_reports_sentences_that_name_it(tmp_path, embedder):
    """"Summarise the findings about Site C in three bullets" gave the method's list of the sites (the word "site"
    named the section "Sites"); the findings about one area are the report's own sentences that name it, then
    what its people said when they are fewer than asked for."""
    study = assistant_over(tmp_path, embedder, "buses.md", TWO_DEPOTS)
    answer = study.ask("Summarise the findings about Depot West in three bullets")
    claims = [c for c in answer.citations if c.kind != "quote"]
    assert len(claims) == 2 and all("Depot West" in c.quote and "Findings" in c.section for c in claims), answer.answer
    quotes = [c for c in answer.citations if c.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].code in ("P1", "D2"), answer.answer


EVENING_CLASSES = """# Evening Classes Pilot: an evaluation

## Summary

The pilot reached adults who had not studied since school. It worked best where classes were local.

## Method

We interviewed twelve learners (L1–L12) and four tutors (T1–T4).

## Finding 1: Cost is the first barrier

Most learners said the course fee was manageable, but travel and materials were not. Several learners had \
missed classes at the end of the month.

"By the third week of the month there's no bus fare left." (L3, learner)

## Finding 2: Shift work is the main practical barrier

Learners on zero-hours contracts could not promise to attend the same evening every week.

"My rota comes out on Friday, so I never know if I can make Tuesday." (L7, learner)

## Finding 3: Tutors value the evening groups

Tutors said the evening groups were the most settled they taught.

"They come because they want to, and it shows." (T2, tutor)

## Conclusions

Evening classes reach adults that daytime courses miss, but their reach depends on fares and rotas.
"""


def test_the_findings_sections_whose_headings_name_the_kind_of_point_asked_for_are_its_themes(tmp_path, embedder):
    """"What are the main barriers to adults taking part?" of a report whose findings' headings say which are
    barriers ("Finding 2: Shift work is the main practical barrier") took its themes from the conclusions; those
    sections are the themes, each headed by its opening statement, and a section that names no barrier is none."""
    study = assistant_over(tmp_path, embedder, "evening-classes.md", EVENING_CLASSES)
    themes = themes_of(study.ask("What are the main barriers to adults taking part in the evening classes?"))
    assert [theme.heading.text for theme in themes] == [
        "Most learners said the course fee was manageable, but travel and materials were not.",
        "Learners on zero-hours contracts could not promise to attend the same evening every week."]


def test_a_sentence_mostly_in_someone_elses_words_states_nothing_of_the_reports_own():
    """'She added: "The kids don't know where the food comes from. …"' headed a theme of the main barriers, as if
    the report said it."""
    from assistant.answers.evidence import states_something

    quoted = 'She added: "The kids don\'t know where the food comes from. I tell them it\'s from the shop."'
    assert not states_something(quoted, 0, len(quoted))
    own = 'Most parents described the "shop" model as more dignified than pre-packed parcels.'
    assert states_something(own, 0, len(own))


LIBRARY_SUMMARY = """# Open Shelves: an evaluation of the mobile library service in Harnley district

## Summary

Open Shelves replaced the district's two branch libraries with a mobile library van in 2023. The van visits
fourteen villages every fortnight, and this evaluation drew on interviews with borrowers, drivers and parish clerks.

Most borrowers welcomed the van, and loans rose in the villages it reaches.
However, three problems hold the service back:

- the van's timetable clashes with the school day, so families with young children rarely reach it;
- breakdowns leave villages without a visit for a month at a time;
- older borrowers struggle with the van's steep steps and narrow aisles.

## 1. The timetable

Stops are short and fall in the middle of the day. Parents said they could not reach the van before it left.

"It comes at two o'clock and goes at half past, and my children are still in school." (B04, borrower, Kelby)

## 2. Reliability

The van has broken down four times in its first year, and each repair took weeks.

"When it broke down in March we had no visit until the end of April." (D02, driver, Harnley)

## 3. Getting on board

Borrowers over seventy described the steps as steep, and two said they had stopped using the van.

"I can't manage those steps with my stick, so I send my grandson." (B11, borrower, Ashcott)
"""


def test_a_summarys_list_of_the_kind_of_point_asked_for_is_the_themes(tmp_path, embedder):
    """The main barriers are the problems the summary lists after its lead-in ("three problems hold the service
    back:"), though neither the lead-in nor the points say "barrier" or repeat the question's other words: each point
    is a theme, quoted by the extract that speaks to it most strongly (it gave the sentences describing the service)."""
    study = assistant_over(tmp_path, embedder, "open-shelves.md", LIBRARY_SUMMARY)
    answer = study.ask("What are the main barriers to people using the library service?")
    themes = themes_of(answer)
    assert [theme.heading.text.split()[1] for theme in themes] == ["van's", "leave", "borrowers"], themes
    assert [quote.citation.code for theme in themes for quote in theme.quotes] == ["B04", "D02", "B11"]
    (lead,) = [block for block in answer.blocks if isinstance(block, Lead)]
    assert lead.claims[0].text.startswith("However, three problems")


def test_a_caption_in_italics_over_two_lines_is_no_statement():
    """A figure's caption set in italics over two lines ("*Figure 1: Overall support …\nsurvey, March 2025.*") kept
    its opening mark, so it read as the report's statement, and headed the first theme of "the main concerns"."""
    from assistant.answers.evidence import states_something

    caption = "*Figure 1: Overall support for three-weekly collections, by area (number of respondents)."
    assert not states_something(caption, 0, len(caption))
    finding = "Most residents said that three weeks between collections was too long for their households."
    assert states_something(finding, 0, len(finding))


LIFT_SCHEME = """# Village Lifts: evaluation of a volunteer car scheme

## 1. Booking

Passengers liked the drivers but found booking hard. The two-day booking rule was the difficulty most often raised.

"The surgery rings on Monday for Tuesday, and the line wants two days' notice." (P01 Passenger)

"I gave up ringing in the end." (P02 Passenger)

## 2. Drivers

Drivers were positive about volunteering, and most had joined by word of mouth.

"It's the most useful thing I've done since I retired." (V01 Driver)

"I like the company on the long runs." (V02 Driver)

## 3. Funding

The council funds the scheme for two years. The main problem for the council is that no budget follows the \
scheme after the pilot.

"We can't keep piloting things and then pulling them away." (C01 Officer)

## 4. Company

Passengers valued the drivers' company as much as the lift.

"The driver is the only person I talk to some weeks." (P03 Passenger)
"""


@pytest.mark.parametrize("question", [
    "What were the main problems people had with the Village Lifts scheme?",
    "What were the main concerns or barriers raised about the Village Lifts scheme?",  # a kind beside a side
])
def test_the_main_problems_with_what_a_study_is_of_are_its_sections_that_name_problems(tmp_path, embedder, question):
    """ "What were the main problems people had with the Village Lifts scheme?" asks about the whole study, one of
    the sides of it: the sections that name a problem (it gave every section, two of them praise), headed by the
    sentence that names it."""
    answer = assistant_over(tmp_path, embedder, "lifts.md", LIFT_SCHEME).ask(question)
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert [theme.heading.text.split()[:3] for theme in themes.themes] == [
        ["The", "two-day", "booking"], ["The", "main", "problem"]], answer.answer


LIFT_CONCLUSIONS = LIFT_SCHEME + """
## 5. Conclusions

The scheme is valued by passengers and drivers alike. Three weaknesses limit the scheme. First, the booking rule \
does not fit how surgeries now offer appointments. Second, a handful of drivers make most of the journeys. Third, \
there is no budget for the scheme after the pilot.
"""


KIOSKS = """# Evaluation of the library health kiosks pilot

March 2025

## Summary

The health kiosks pilot placed a nurse-staffed kiosk in four town libraries for a year. This report draws on \
interviews with nurses, visitors and library managers.

## Findings

### Waiting times

Visitors were seen far sooner than at their surgery, and most said so unprompted.

"I was seen the same morning. At the surgery it would have been a fortnight." (K02 Visitor)

"People walk in with a question and walk out with an answer." (K05 Nurse)

### The booking line

The booking line was the most common complaint. Three problems stood out. First, the line closed at four o'clock. \
Second, callers were not told which library to go to. Third, cancellations were never passed on to the kiosk.

"I rang at half four and it just rang out." (K07 Visitor)

"We'd sit there waiting for people who had cancelled the day before." (K03 Nurse)

### Records

Kiosk nurses could read surgery records but could not add to them, so every result went back to the surgery by post.

"I was writing letters to the surgery like it was 1995." (K05 Nurse)

"The surgery never knew what we had done." (K09 Library manager)

### Cover

Each kiosk relied on a single nurse, and there was no cover for sickness or leave.

"When our nurse was off, the kiosk stayed shut for three weeks." (K09 Library manager)

"I couldn't take a day off without letting people down." (K03 Nurse)

### Premises

Two of the four libraries had no private room, so consultations could be overheard.

"Everyone in the queue could hear what I was telling the nurse." (K02 Visitor)

### Opening hours

The kiosks opened only while the libraries did, which ruled out most visitors in work.

"By the time I finish work the library is shut." (K07 Visitor)

### Training

Two things helped nurses to work alone with confidence: a prescribing course and a weekly case review.

"The prescribing course made all the difference." (K05 Nurse)

"The case review meant I never felt on my own." (K03 Nurse)

## Conclusions

The kiosks brought care closer to where people are. They should continue, with a longer booking line and cover for \
absent nurses.
"""


@pytest.mark.parametrize("question, barriers", [
    ("What were the main things holding the kiosks back?", 2),
    ("What were the main barriers to the pilot?", 1),  # its best passage tells of visitors seen sooner
])
def test_what_holds_back_a_whole_study_that_tells_of_both_sides_is_headed_by_its_statements_of_that_side(
        tmp_path, embedder, question, barriers):
    """ "What were the main things holding the kiosks back?" asks about the whole study (its title's kiosks), which
    tells of what helped as well: not the sections that quote the most (the nurses' training helped), nor the three
    problems one section counts of its booking line, nor "Third, cancellations …" as a statement by itself. The
    report's statement that names a barrier comes first, though it does not say "kiosk"; the others follow from the
    passages that answer best, none that names what helped."""
    answer = assistant_over(tmp_path, embedder, "kiosks.md", KIOSKS).ask(question)
    headings = [theme.heading.text for theme in themes_of(answer)]
    assert headings[0] == "The booking line was the most common complaint.", headings
    sections = {theme.heading.citations[0].section.split(" › ")[-1] for theme in themes_of(answer)}
    assert len(sections & {"Records", "Cover", "Premises", "Opening hours"}) >= barriers, headings
    assert not [heading for heading in headings if heading.startswith(("First,", "Second,", "Third,", "Two things"))]


def test_a_paragraph_that_counts_the_barriers_and_gives_them_in_turn_is_the_answer(tmp_path, embedder):
    """"Three weaknesses limit the scheme. First, … Second, … Third, …": the report's own answer to "what were the
    main barriers?", the counting sentence leading and each point in turn a theme (the sections gave the drivers'
    praise as a barrier)."""
    answer = assistant_over(tmp_path, embedder, "lifts.md", LIFT_CONCLUSIONS).ask(
        "What were the main barriers and problems people reported with the Village Lifts scheme?")
    (lead,) = [block for block in answer.blocks if isinstance(block, Lead)]
    assert lead.claims[0].text == "Three weaknesses limit the scheme."
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert [theme.heading.text.split()[0] for theme in themes.themes] == ["First,", "Second,", "Third,"], answer.answer
    assert all(theme.quotes for theme in themes.themes), answer.answer


def test_a_themes_quote_is_the_one_of_its_sections_nearest_its_point(tmp_path, embedder):
    """A section's first extract need not be on the point that heads it: under "The two-day booking rule was the
    difficulty most often raised", the passenger on the booking line, not one praising the drivers."""
    praise = '"The drivers are lovely and always on time, I can\'t fault them." (P04 Passenger)\n\n'
    text = LIFT_SCHEME.replace('"The surgery rings', praise + '"The surgery rings', 1)
    answer = assistant_over(tmp_path, embedder, "lifts.md", text).ask(
        "What were the main problems people had with the Village Lifts scheme?")
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert [quote.citation.code for quote in themes.themes[0].quotes] in (["P01"], ["P02"]), answer.answer
