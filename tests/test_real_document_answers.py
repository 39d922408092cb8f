"""Answers over real public documents in other styles (``../shared/corpora``, read in place): the study's own
figures, one voice's two tellings of a story, and a comparison of two respondents, each as a briefing needs it."""

import re

import pytest

from assistant.answers.blocks import Comparison
from test_shared_corpora import CHW, SHARED, TOR
from test_suggestions import assistant_over

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared test corpora are not at {SHARED}")


@pytest.fixture(scope="module")
def chw(embedder, tmp_path_factory):
    return assistant_over(CHW, embedder, tmp_path_factory.mktemp("chw"))


def test_how_many_took_part_is_the_sentence_that_states_it(chw):
    # the methods' sentences on interviews are nearer the question in meaning; the number is stated in the results
    answer = chw.ask("How many participants were interviewed?")
    assert any("comprised of 20 participants" in citation.quote for citation in answer.citations), answer.answer
    answer = chw.ask("How many CHWs work in Melusi?")
    assert any("22 CHWs" in citation.quote for citation in answer.citations), answer.answer


def test_what_a_study_concluded_is_its_conclusion(chw):
    # "conclude" was a topic word the study never uses: "Nothing in the findings speaks to this question"
    answer = chw.ask("What did the study conclude?")
    assert not answer.abstained and any(c.section.endswith("Conclusion") for c in answer.citations), answer.answer


def test_one_quote_asked_for_shows_the_story_its_teller_told_beside_their_remark(chw):
    answer = chw.ask("I need a quote about CHWs turning around a young girl who was drinking and out of school.")
    assert any("birth" in citation.quote and citation.code.startswith("P10") for citation in answer.citations), \
        answer.answer


def test_people_asked_about_by_a_mark_their_codes_carry_are_not_what_their_quotes_are_chosen_by(chw):
    # each code marks the speaker's sex ("P13_F_67"): the women's quotes on privacy, not those nearest "female
    # participants" (its table's "Female" drew the extracts beside it; then, nearness to the people asked about)
    answer = chw.ask("What did female participants say about privacy?")
    assert "mark them female" in answer.answer
    quotes = [citation for citation in answer.citations if citation.kind == "quote"]
    assert quotes and all(re.search(r"confiden|disclos", citation.quote) and dict(citation.facets)["sex"] == "F"
                          for citation in quotes), answer.answer


def test_two_respondents_compared_are_headed_by_their_codes(embedder, tmp_path):
    library = assistant_over(TOR, embedder, tmp_path)
    answer = library.ask("Compare P01 and P03")
    (comparison,) = [block for block in answer.blocks if isinstance(block, Comparison)]
    assert [side.heading for side in comparison.sides] == ["P01", "P03"], answer.answer


def test_the_key_problems_a_paper_states_in_its_own_words_are_its_themes(embedder, tmp_path):
    # one sentence says "usability issue"; the rest of its section says "lamented", "captchas", "frustrating"
    from assistant.answers.blocks import Themes

    library = assistant_over(TOR, embedder, tmp_path)
    answer = library.ask("What are the key usability problems?")
    (themes,) = [block for block in answer.blocks if isinstance(block, Themes)]
    assert len(themes.themes) >= 2, answer.answer


def test_the_challenges_of_the_people_a_study_is_about_are_those_its_findings_file_under_them(chw):
    # "community health workers" are what the question is about, not who is asked: the section named for their
    # challenges, not the one on the residents' health challenges
    answer = chw.ask("What are the main challenges community health workers face?")
    sections = {c.section for c in answer.citations if c.kind != "quote"}
    assert sections and all("Challenges faced by community health workers" in s for s in sections), answer.answer


def test_a_thing_the_study_never_mentions_is_declined_however_close_the_rest_of_the_question_comes(chw):
    # "what participants think of CHWs" is the study's whole subject; the question turns on the healers
    answer = chw.ask("What do participants think of CHWs compared with traditional healers?")
    named = answer.answer.partition("never mention ")[2].partition(".")[0]  # "traditional" beside it, unknown too
    assert answer.abstained and "“healers”" in named, answer.answer


def test_an_overview_of_a_library_of_several_says_which_document_it_is_of(embedder, tmp_path):
    """"What are the key themes?" of a library holding an interview and an analysis export is of one of them (the
    interview has no narrative, so the export's codes): it says which, and the codes count the export's own seven
    participants, not every respondent of the library."""
    from conftest import assistant_for
    from test_shared_corpora import P6, PDPILOT

    (tmp_path / "corpus").mkdir()
    for document in (P6, PDPILOT):
        (tmp_path / "corpus" / document.name).symlink_to(document)
    library = assistant_for(tmp_path, embedder)
    answer = library.ask("What are the key themes?")
    (note,) = [text for block in answer.blocks if block.kind == "notes" for text in block.texts]
    assert note.startswith(f"From {PDPILOT.name}, one of the 2 documents"), answer.answer
    assert {citation.source for citation in answer.citations} == {PDPILOT.name}
    totals = {theme.total for block in answer.blocks if block.kind == "themes" for theme in block.themes}
    assert totals == {7}, totals
