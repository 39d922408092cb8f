"""An extract too slight to mean anything by itself ("Yeah.", "(inaudible)", a question put back to the interviewer)
is never shown as a quote for a topic, nor counts its speaker, however close its embedding comes or whatever
heading it is filed under: in a real transcript (real model, embedded Chroma) and as the rule itself."""

from __future__ import annotations

import pytest

from assistant.answers.blocks import Prevalence
from assistant.search.relevance import TermWeights, too_slight
from assistant.text import content_tokens
from assistant.types import QUOTE, Passage

from conftest import assistant_over

TRANSCRIPT = """Interviewer: Would you want to export what you found in the tool?

P7: Yeah.

Interviewer: Anything else about saving your work?

P7: (inaudible)

P1: I would like an export button that saves the plots I found into my notebook, so I can show them later.

Interviewer: How did you find the colours?

P3: The colours were fine, though the legend was small and hard to read on my laptop screen.

P7: Okay.
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("study")
    return assistant_over(folder, embedder, "session.txt", TRANSCRIPT)


def test_a_one_word_turn_is_not_quoted_for_a_topic(study):
    assert {p.text for p in study.retriever.passages if p.kind == QUOTE} >= {"Yeah.", "(inaudible)"}
    answer = study.ask("Find a quote about wanting to export or save what was found in the tool.")
    shown = [citation.quote for citation in answer.citations]
    assert shown and not {"Yeah.", "(inaudible)", "Okay."} & set(shown)
    assert any("export button" in quote for quote in shown)


def test_a_one_word_turn_is_no_context_for_a_topic(study):
    """Its cosine with a question is noise, often high: it took a place among the passages retrieved (and the
    contexts an answer gives an LLM or an eval) that evidence should have had."""
    answer = study.ask("Find a quote about wanting to export or save what was found in the tool.")
    assert answer.contexts and not {"Yeah.", "(inaudible)", "Okay."} & {item.passage.text for item in answer.contexts}


def test_a_respondent_who_only_said_yeah_about_a_topic_did_not_speak_to_it(study):
    answer = study.ask("What did P7 say about saving?")
    assert answer.abstained and not answer.citations and "P7 is quoted in the findings, but not on this" in answer.answer
    assert study.ask("What did P7 say?").citations  # asked for everything P7 said, the slight turns are it


def test_a_yeah_under_the_topic_does_not_count_its_speaker(study):
    answer = study.ask("How many participants mentioned saving their work?")
    (counts,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert [person.code for person in counts.respondents] == ["P1"]


FILLED = """Interviewer: What did you think of the map view?

P4: Right. Okay. Yeah. I looked at that one on the screen for a while. Yeah. Right.

P6: The map view was the part I used most, because I could see every site's readings together on one screen.

P8: The search box found the right report every time I typed a site's name into it.
"""


def test_a_turn_filled_with_fillers_is_neither_quoted_nor_counted(tmp_path, embedder):
    # eight words besides its fillers, none of the topic's: the chat and the count read it alike, by one rule
    study = assistant_over(tmp_path, embedder, "session.txt", FILLED)
    quotes = study.ask("Find quotes about the map view.")
    assert quotes.citations and all(citation.code != "P4" for citation in quotes.citations)
    answer = study.ask("Which participants talked about the map view?")
    (counts,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert "P4" not in [person.code for person in counts.respondents]
    assert "P6" in [person.code for person in counts.respondents]


ASKING_BACK = """Interviewer: What did you make of the legend on the plots?

P3: The legend was small and hard to read on my laptop screen, so I zoomed in every time.

P5: Do you mean the legend on the map plots? Can you show me which one?

P2: The tool opened quickly each morning and never crashed during a session.
"""


@pytest.fixture(scope="module")
def asked_back(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("asked-back")
    return assistant_over(folder, embedder, "session.txt", ASKING_BACK)


def test_a_question_put_back_to_the_interviewer_is_not_a_view(asked_back):
    study = asked_back
    answer = study.ask("Which participants talked about the legend on the plots?")
    (counts,) = [block for block in answer.blocks if isinstance(block, Prevalence)]
    assert [person.code for person in counts.respondents] == ["P3"]  # P5 only asked which legend was meant
    quotes = study.ask("Find quotes about the legend on the plots.")
    assert quotes.citations and all(citation.code != "P5" for citation in quotes.citations)


def test_what_makes_an_extract_too_slight():
    def extract(text: str) -> Passage:
        return Passage(passage_id=text, kind=QUOTE, text=text, source="s.txt", section="", start=0, end=len(text),
                       code="P1", context="Wanting to export plots")

    weights = TermWeights([extract(text) for text in ("an export button for the plots", "the colours were fine")])
    topic = content_tokens("exporting plots")

    assert too_slight(extract("Yeah."), topic, weights)
    assert too_slight(extract("(laughs) Okay, sure [inaudible]."), topic, weights)
    assert not too_slight(extract("Export, yes."), topic, weights)  # short, but it holds the topic
    assert not too_slight(extract("I would show them to my manager every week."), topic, weights)  # says something
    # a short turn filled with fillers says nothing a briefing can quote, though it has six other words
    assert too_slight(extract("Yeah. That's what came to mind first. Yeah. Yeah."), topic, weights)
    assert not too_slight(extract("Yeah, I think a weekly report of the plots would be the most useful thing."), topic,
                          weights)
    # a few questions of the speaker's own, none on the topic, say nothing of it either
    assert too_slight(extract("Anybody believe you out there? Like?"), topic, weights)
    assert too_slight(extract("We're trained test takers too, real?"), topic, weights)
    # a speaker's fillers are not words said: five others, and none of the topic's
    assert too_slight(extract("Yeah, okay, neighborhood and total basement area."), topic, weights)
    # a question put to the interviewer, whatever words of the topic it repeats; not a question the speaker asks
    assert too_slight(extract("Can you repeat which plots you mean?"), topic, weights)
    assert too_slight(extract("Are you asking about exporting? Or what are you asking?"), topic, weights)
    assert not too_slight(extract("Why would anyone export plots by hand every week?"), topic, weights)
    assert not too_slight(extract("Can you export plots? No, you have to copy them by hand."), topic, weights)
