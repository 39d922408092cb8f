"""Respondents and who spoke to a topic, through the prevalence engine the chat's counts use."""

from assistant.types import Filters


def test_every_attributed_code_has_its_extracts(assistant):
    attributed = [p for p in assistant.retriever.passages if p.is_attributed]
    assert set(assistant.extracts) == {p.respondent for p in attributed}
    assert sum(map(len, assistant.extracts.values())) == len(attributed)


def test_every_respondent_in_scope_is_scored_not_top_k(assistant):
    result = assistant.who_spoke("partnership working")
    assert len(result.mentions) == len([key for key in assistant.directory.respondents if key in assistant.extracts])


def test_youth_engagement_is_b13_fire(assistant):
    assert "B13" in {m.respondent.code for m in assistant.who_spoke("youth engagement").spoke}


def test_unrelated_topic_has_no_speakers(assistant):
    assert assistant.who_spoke("quantum chromodynamics of football").spoke == ()


def test_summary_says_n_of_m_and_group_counts_add_up(assistant):
    result = assistant.who_spoke("partnership working")
    assert result.summary().startswith(f"{len(result.spoke)} of {len(result.mentions)} respondents spoke")
    assert 0 < len(result.spoke) < len(result.mentions)
    assert sum(count.total for count in result.by_group()) == len(result.mentions)
    assert sum(count.spoke for count in result.by_group()) == len(result.spoke)


def test_filters_narrow_who_is_counted(assistant):
    result = assistant.who_spoke("partnership working", Filters(groups=("Fire",)))
    assert {m.respondent.group for m in result.mentions} == {"Fire"}


def test_the_respondents_page_and_the_chat_count_the_same(assistant):
    answer = assistant.ask("How many respondents mentioned youth engagement?")
    block = next(b for b in answer.blocks if b.kind == "prevalence")
    who = assistant.who_spoke(block.topic)
    assert (block.count, block.total) == (len(who.spoke), len(who.mentions))


def test_counts_for_one_vector_read_the_stored_vectors_once_and_each_count_is_its_own(assistant, monkeypatch):
    """A comparison counts for one vector for everyone and again for each side: the extracts' cosines are read from
    the stored vectors once, and what one count marks in its copy (a slight "Yeah." set below every line) reaches
    neither the kept cosines nor the next count."""
    import numpy as np

    engine = assistant.prevalence
    read = engine._cosines
    reads = []
    monkeypatch.setattr(engine, "_cosines", lambda vector: reads.append(vector) or read(vector))
    vector = assistant.retriever.embed("how staff felt about sharing data between services, counted once")
    everyone = engine.who_spoke("data sharing", vector, ("data", "share"))
    fire = engine.who_spoke("data sharing", vector, ("data", "share"), Filters(groups=("Fire",)))
    again = engine.who_spoke("data sharing", vector, ("data", "share"))
    assert len(reads) == 1
    assert np.array_equal(engine.cosines(vector), np.asarray(read(vector), dtype=np.float32))
    def scored(who):
        return [(mention.respondent.key, mention.score) for mention in who.mentions]

    assert scored(again) == scored(everyone)
    assert {m.respondent.key for m in fire.spoke} <= {m.respondent.key for m in everyone.spoke}


def test_an_extract_speaks_to_what_the_report_quotes_it_for():
    from assistant.search.relevance import TermWeights, TokenPostings, spoken_words
    from assistant.types import QUOTE, Passage

    extracts = [Passage("a", QUOTE, "I eat at the desk while I write my notes.", "ward.md", "Staffing", 0, 40,
                        code="P04", group="Nurse", context="Nurses described how their breaks are missed:"),
                Passage("b", QUOTE, "The huddle saves my day.", "ward.md", "Staffing", 50, 74, code="P09",
                        group="Nurse", context="Managers valued the morning huddle.")]
    postings = TokenPostings.from_texts(spoken_words(extract) for extract in extracts)
    assert list(postings.coverage(["break"], TermWeights(extracts))) == [1.0, 0.0]



def test_each_owners_best_row_is_its_highest_score_first_on_a_tie():
    import numpy as np

    from assistant.answers.prevalence import OwnerRows

    random = np.random.default_rng(7)
    owner = random.integers(0, 40, size=2000)
    owner = np.unique(owner, return_inverse=True)[1]  # owners numbered 0.. with none missing
    scores = np.round(random.random(2000), 2)  # rounded: many ties
    expected = [min(np.flatnonzero((owner == o) & (scores == scores[owner == o].max()))) for o in range(owner.max() + 1)]
    assert OwnerRows(owner).best(scores).tolist() == expected


def test_a_count_of_nobody_on_a_topic_the_report_covers_gives_the_reports_own_words(assistant):
    """No interviewee is quoted on traffic wardens, but the report discusses them: "0 of 15" is not all there is."""
    answer = assistant.ask("How many interviewees mentioned traffic wardens?")
    (count,) = [b for b in answer.blocks if b.kind == "prevalence"]
    assert count.count == 0 and count.total == 15
    (lead,) = [b for b in answer.blocks if b.kind == "lead"]
    assert any("traffic wardens" in claim.text for claim in lead.claims)
    assert all(c.kind == "narrative" for c in answer.citations)


def test_each_owners_rows_in_order():
    import numpy as np

    from assistant.answers.prevalence import OwnerRows

    owner = np.unique(np.random.default_rng(3).integers(0, 30, size=500), return_inverse=True)[1]
    rows = OwnerRows(owner)
    assert [rows.rows(o).tolist() for o in range(owner.max() + 1)] == \
        [np.flatnonzero(owner == o).tolist() for o in range(owner.max() + 1)]


def test_what_a_respondent_spoke_about_comes_from_their_own_extracts(assistant):
    """The decline for a respondent quoted on other things names the sections of their extracts."""
    answer = assistant.ask("What did D03 say about drones?")
    assert answer.abstained and "D03 is quoted in the findings, but not on this" in answer.answer
    (key,) = [key for key in assistant.extracts if key.endswith("::D03")]
    sections = {p.section.split(" › ")[-1] for p in assistant.extracts[key]}
    spoke_about = answer.answer.split("What they spoke about: ")[1].split(".")[0].split("; ")
    assert spoke_about and set(spoke_about) <= sections



def test_an_extract_that_holds_every_word_of_the_topic_mentions_it_whatever_its_cosine():
    """A one-word topic is far in meaning from a long turn about many things (cosine .21 in the shared transcript,
    under its line of .37), yet a turn that holds the word mentions it; a turn that holds none and is as far does not."""
    import numpy as np

    from assistant.answers.prevalence import Prevalence
    from assistant.documents.respondents import Directory
    from assistant.search.relevance import Calibration, TermWeights, TokenPostings, spoken_words
    from assistant.types import QUOTE, Passage

    texts = ["The newer nodes have GPUs, so the computation gets faster while the messages stay slow.",
             "We open the profiler only after checking that the machine was not busy with other jobs."]
    extracts = [Passage(f"p{n}", QUOTE, text, "talk.txt", "", 100 * n, 100 * n + len(text), code=code)
                for n, (text, code) in enumerate(zip(texts, ["P4", "P5"]))]
    engine = Prevalence(extracts, lambda vector: np.array([0.21, 0.21]),
                        TokenPostings.from_texts(spoken_words(extract) for extract in extracts),
                        Directory.from_passages(extracts), TermWeights(extracts), Calibration(0.3, 0.27))
    who = engine.who_spoke("GPUs", [0.0], ["gpu"])
    assert [mention.respondent.code for mention in who.spoke] == ["P4"]


def test_an_extract_nearly_as_close_as_the_best_speaks_to_the_topic_in_its_own_words():
    """Asked who talked about being creative, the respondent who tells of "a different way of delivery … we hadn't
    done that before" uses none of the topic's words, and comes a tenth of cosine below the best extract, which
    does: close enough to the best, and far enough above the line, to count. One further off does not."""
    import numpy as np

    from assistant.answers.prevalence import Prevalence
    from assistant.documents.respondents import Directory
    from assistant.search.relevance import Calibration, TermWeights, TokenPostings, spoken_words
    from assistant.types import QUOTE, Passage

    texts = ["We had to be creative about how we spent what little we had left this year.",
             "It was a different way of delivery, longer contact with the young people; we hadn't done that before.",
             "The meetings are on Tuesdays and most of the partners come along to them."]
    extracts = [Passage(f"p{n}", QUOTE, text, "talk.txt", "", 200 * n, 200 * n + len(text), code=code)
                for n, (text, code) in enumerate(zip(texts, ["P1", "P2", "P3"]))]
    engine = Prevalence(extracts, lambda vector: np.array([0.62, 0.54, 0.50]),
                        TokenPostings.from_texts(spoken_words(extract) for extract in extracts),
                        Directory.from_passages(extracts), TermWeights(extracts), Calibration(0.3, 0.27))
    who = engine.who_spoke("being creative", [0.0], ["creativ"])
    assert sorted(mention.respondent.code for mention in who.spoke) == ["P1", "P2"]


def test_a_name_the_library_abbreviates_is_spoken_to_by_those_who_mention_it_not_by_those_near_its_words():
    """"Patient safety huddles", defined as "PSHs": an extract about safety comes near the name's words in meaning
    (as near as any), but only one that says either form of the name speaks of the huddles."""
    import numpy as np

    from assistant.answers.prevalence import Prevalence
    from assistant.documents.respondents import Directory
    from assistant.search.relevance import Calibration, TermWeights, TokenPostings, spoken_words
    from assistant.types import NARRATIVE, QUOTE, Passage

    texts = ["We went through the PSHs every morning before the drug round.",
             "Patients are safe on this ward when there are enough of us on."]
    extracts = [Passage(f"p{n}", QUOTE, text, "wards.txt", "", 100 * n, 100 * n + len(text), code=code)
                for n, (text, code) in enumerate(zip(texts, ["N01", "N02"]))]
    defined = Passage("d", NARRATIVE, "Wards held Patient Safety Huddles (PSHs) at the start of each shift.",
                      "wards.txt", "", 300, 370)
    engine = Prevalence(extracts, lambda vector: np.array([0.2, 0.6]),
                        TokenPostings.from_texts(spoken_words(extract) for extract in extracts),
                        Directory.from_passages(extracts), TermWeights([*extracts, defined]), Calibration(0.3, 0.27))
    for topic in (["patient", "safeti", "huddl"], ["psh"]):
        assert [mention.respondent.code for mention in engine.who_spoke("huddles", [0.0], topic).spoke] == ["N01"]


WARD_INTERVIEWS = """Interviewer: What has working on the ward been like this year?

P1: The rota has gaps every week, and we cover the gaps with agency staff who do not know the ward.

P2: Finding somewhere to park is the worst of it. I circle the car park for twenty minutes before a shift.

P3: The canteen food is cold by the time we get a break, so most of us bring sandwiches from home.

P4: Our new manager listens, and the team feels more settled than it did last year.

P5: Training days were cancelled twice, so I still have not done the course on the new pumps.
"""


def test_a_count_of_people_the_findings_never_name_says_so(tmp_path, embedder):
    from conftest import assistant_over

    study = assistant_over(tmp_path, embedder, "ward-interviews.txt", WARD_INTERVIEWS)
    answer = study.ask("How many nurses mentioned parking?")
    assert answer.abstained and "never mention “nurses”" in answer.answer


HANDOVER_APP = """Nurses on the HandoverApp

Nurses on four wards tried the HandoverApp for a month and told us what they made of the HandoverApp.

'The HandoverApp was really useful, it saved me twenty minutes a shift.' (N01 Nurse)

'I found the HandoverApp very useful for night handovers.' (N02 Nurse)

'The HandoverApp logged me out twice during the drug round.' (N03 Nurse)

'Our ward had the HandoverApp on the old tablets by the nurses station.' (N04 Nurse)
"""


def test_a_word_the_library_uses_throughout_does_not_count_as_speaking_to_a_topic(tmp_path, embedder):
    """In a study of one app every extract names it, so "found the app useful" is counted on "useful": the chat's
    count and the engine the Respondents tab reads alike."""
    from conftest import assistant_over

    from assistant.answers.blocks import Prevalence

    study = assistant_over(tmp_path, embedder, "app.txt", HANDOVER_APP)
    answer = study.ask("Which respondents found the HandoverApp useful?")
    (counts,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert sorted(person.code for person in counts.respondents) == ["N01", "N02"], answer.answer
    assert sorted(m.respondent.code for m in study.who_spoke("HandoverApp useful").spoke) == ["N01", "N02"]


def test_a_name_said_in_full_is_counted_as_its_abbreviation_is(assistant):
    # the report defines "Community Planning Partnerships ( CPPs)"; one respondent says "the CPP's"; the name's
    # words are in most passages, and counting them apart (or their nearness) found others, or the wrong one
    for topic in ("community planning partnerships", "CPPs"):
        assert [mention.respondent.code for mention in assistant.who_spoke(topic).spoke] == ["B10"], topic


def test_a_name_said_in_full_finds_the_extract_that_says_its_abbreviation(assistant):
    # "the CPP's" is the only extract naming the partnerships; the question names them in full
    answer = assistant.ask("What did respondents say about community planning partnerships?")
    assert "B10" in {citation.code for citation in answer.citations if citation.kind == "quote"}, answer.answer


REPAIRS = """# The repairs pilot: an evaluation

## Methods

We interviewed 14 tenants and 6 repairs officers about the pilot.

## Missed appointments

Missed appointments were the barrier raised most often. Of the tenants we spoke to, 9 of the 14 tenants had waited in
for at least one visit that did not happen.

"I've had three appointments cancelled for the same damp problem." (T8, tenant)

"A no-show is the worst thing we can do to a tenant." (O1, repairs officer)

## Parts

Waiting for parts was the next hold-up once a repair had been diagnosed.

"It was six weeks waiting for a part for the window." (T7, tenant)
"""


def test_a_count_leads_with_the_reports_own_count_of_people_on_the_topic(tmp_path, embedder):
    """The report says how many tenants waited in for a visit that never came; the findings quote two of them. The
    report's own count comes first, then the count of those quoted; its count of everyone interviewed is not a count
    on the topic, nor is a figure on another topic."""
    from conftest import assistant_over

    from assistant.answers.blocks import Lead, Prevalence

    study = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS)
    answer = study.ask("How many tenants mentioned missed appointments?")
    lead, counts = answer.blocks[:2]
    assert isinstance(lead, Lead) and isinstance(counts, Prevalence), answer.answer
    assert [claim.text for claim in lead.claims] == [
        "Of the tenants we spoke to, 9 of the 14 tenants had waited in\nfor at least one visit that did not happen."]
    parts = study.ask("How many tenants mentioned waiting for parts?")
    assert not any(isinstance(block, Lead) for block in parts.blocks), parts.answer


def test_a_share_of_people_the_report_gives_on_the_topic_leads_a_count(tmp_path, embedder):
    """"Around 60% of the tenants we surveyed …" is the report's own figure on missed visits, given as a share."""
    from conftest import assistant_over

    from assistant.answers.blocks import Lead

    text = REPAIRS.replace("Of the tenants we spoke to, 9 of the 14 tenants had waited in",
                           "Around 60% of the tenants we surveyed had waited in")
    study = assistant_over(tmp_path, embedder, "repairs.md", text)
    answer = study.ask("How many tenants mentioned missed appointments?")
    assert isinstance(answer.blocks[0], Lead) and "Around 60% of the tenants" in answer.blocks[0].claims[0].text


def test_a_count_of_people_in_words_leads_a_count(tmp_path, embedder):
    """"Nine of the fourteen tenants …" is the report's own count, written out in words as reports often do."""
    from conftest import assistant_over

    from assistant.answers.blocks import Lead

    text = REPAIRS.replace("Of the tenants we spoke to, 9 of the 14 tenants had waited in",
                           "Of the tenants we spoke to, nine of the fourteen tenants had waited in")
    study = assistant_over(tmp_path, embedder, "repairs.md", text)
    answer = study.ask("How many tenants mentioned missed appointments?")
    lead = answer.blocks[0]
    assert isinstance(lead, Lead) and "nine of the fourteen" in lead.claims[0].text, answer.answer


def test_a_count_the_report_gives_as_a_lead_in_to_a_list_answers_with_the_list(tmp_path, embedder):
    """"We interviewed 20 people in total:" is too short to read as prose: "How many people were interviewed?" gave
    other sentences of the method; now the count and the list of who they were."""
    from conftest import assistant_over

    from assistant.answers.blocks import Bullets, Lead

    text = REPAIRS.replace("We interviewed 14 tenants and 6 repairs officers about the pilot.",
                           "Fieldwork ran from October to December, in the tenants' homes and at the depot.\n\n"
                           "We interviewed 20 people in total:\n\n- 14 tenants, from each of the three estates;\n"
                           "- 6 repairs officers, two from each patch.")
    study = assistant_over(tmp_path, embedder, "repairs.md", text)
    answer = study.ask("How many people were interviewed?")
    lead, bullets = answer.blocks[:2]
    assert isinstance(lead, Lead) and lead.claims[-1].text == "We interviewed 20 people in total:", answer.answer
    assert isinstance(bullets, Bullets) and len(bullets.items) == 2, answer.answer
