"""Abbreviations a library defines in its own text: a passage in one form holds a question's words in the other, when
words are weighed, when extracts are counted, and in the answers built on them."""

from assistant.search.abbreviations import Abbreviations, defined_abbreviations
from assistant.search.relevance import TermWeights, TokenPostings
from assistant.text import content_tokens
from assistant.types import NARRATIVE, Passage

DEFINING = ("Each ward keeps a Patient Safety Huddle (PSH) at eight. The Scottish Fire and Rescue Service (SFRS) "
            "visits. Staff spoke of the community health workers (CHWs) and of an Early Warning Score (NEWS), "
            "whose letters are not those words. Nurses (see Table 2) and porters (P07) were asked.")


def test_an_abbreviation_is_defined_by_the_words_before_it_that_spell_it():
    (psh,), (sfrs,), (chw,) = (content_tokens(letters) for letters in ("PSH", "SFRS", "CHWs"))
    assert defined_abbreviations([DEFINING]) == {psh: "Patient Safety Huddle", sfrs: "Scottish Fire and Rescue Service",
                                                 chw: "community health workers"}  # not NEWS: its words do not spell it


def test_a_passage_in_one_form_holds_a_topic_in_the_other_and_the_counts_agree():
    texts = ["The CHWs visit twice a week.", "Community health workers visit twice a week.",
             "The community garden needs workers.", "Health visitors came."]
    passages = [Passage(str(n), NARRATIVE, text, "a.md", "", 0, len(text)) for n, text in enumerate(texts)]
    weights = TermWeights(passages)
    weights.abbreviations = Abbreviations({content_tokens("CHWs")[0]: "community health workers"})
    postings = TokenPostings.from_texts(texts)
    for topic in (content_tokens("community health workers visit"), content_tokens("CHWs visit")):
        shares = [weights.coverage(topic, content_tokens(text)) for text in texts]
        assert shares[0] == shares[1] == 1.0  # either form holds all of it
        assert shares[2] < 1.0 and shares[3] < 1.0  # some of its words are not the thing
        assert [round(float(share), 4) for share in postings.coverage(topic, weights)] == \
            [round(share, 4) for share in shares]


def test_a_names_words_apart_are_not_the_name():
    """Asked about the Patient Safety Huddle, a passage that says "patients" and "safety" is not about it, nor is
    one with a word like one of its words ("safe", which "safety" starts)."""
    texts = ["The PSH meets at eight.", "The Patient Safety Huddle meets at eight.", "Patient safety comes first.",
             "Patients are kept safe."]
    passages = [Passage(str(n), NARRATIVE, text, "a.md", "", 0, len(text)) for n, text in enumerate(texts)]
    weights = TermWeights(passages)
    weights.abbreviations = Abbreviations({content_tokens("PSH")[0]: "Patient Safety Huddle"})
    topic = content_tokens("patient safety huddle")
    shares = [weights.coverage(topic, content_tokens(text)) for text in texts]
    assert shares == [1.0, 1.0, 0.0, 0.0]
    assert [round(float(share), 4) for share in TokenPostings.from_texts(texts).coverage(topic, weights)] == shares


def test_a_count_finds_those_who_used_either_form(assistant):
    """B21 speaks of "the LOIP", C20 of "the local outcome improvement plan", which the report defines as LOIPs:
    a count of who mentioned LOIPs missed C20."""
    answer = assistant.ask("Which respondents mentioned LOIPs?")
    (count,) = [block for block in answer.blocks if block.kind == "prevalence"]
    assert {"B21", "C20"} <= {person.code for person in count.respondents}


def test_the_other_form_of_a_name_asked_for_weighs_as_the_form_asked():
    abbreviations = Abbreviations({"psh": "Patient Safety Huddles"})
    assert abbreviations.other_forms(content_tokens("patient safety huddles at night")) == [("psh", 3.0)]
    assert abbreviations.other_forms(content_tokens("PSHs")) == [(token, 1 / 3) for token in
                                                               content_tokens("Patient Safety Huddles")]
    assert abbreviations.other_forms(content_tokens("patient safety")) == []  # a name's words apart are not it
