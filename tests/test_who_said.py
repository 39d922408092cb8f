"""Respondents and who said what: exhaustive over every extract of the bundled report."""

import pytest

from assistant.types import Filters
from assistant.who_said import SPOKE_THRESHOLD, ThemeScorer, respondents


@pytest.fixture(scope="module")
def scorer(assistant):
    return ThemeScorer.for_assistant(assistant)


def test_every_attributed_code_is_a_respondent(assistant):
    codes = {p.code for p in assistant.retriever.passages if p.is_attributed}
    assert {person.code for person in respondents(assistant.retriever.passages)} == codes


def test_respondents_carry_all_their_extracts(assistant):
    d03 = next(p for p in respondents(assistant.retriever.passages) if p.code == "D03")
    assert d03.area == "D" and d03.group == "Police" and len(d03.extracts) == sum(
        p.code == "D03" for p in assistant.retriever.passages if p.is_attributed)


def test_respondents_filter_by_service_and_area(assistant):
    people = respondents(assistant.retriever.passages, Filters(groups=("Fire",), areas=("B",)))
    assert people and all(p.group == "Fire" and p.area == "B" for p in people)


def test_scorer_scores_every_extract_not_top_k(scorer, assistant):
    combined, _ = scorer.scores("partnership working")
    assert len(combined) == sum(p.is_attributed for p in assistant.retriever.passages)


def test_youth_engagement_is_b13_fire(scorer):
    result = scorer.who_said("youth engagement")
    assert "B13" in {m.respondent.code for m in result.spoke}


def test_unrelated_theme_has_no_speakers(scorer):
    assert scorer.who_said("quantum chromodynamics of football").spoke == ()


def test_summary_says_n_of_m(scorer):
    result = scorer.who_said("partnership working")
    assert result.summary().startswith(f"{len(result.spoke)} of {len(result.mentions)} respondents spoke")
    assert 0 < len(result.spoke) < len(result.mentions)


def test_counts_by_group_add_up(scorer):
    result = scorer.who_said("austerity and budget cuts")
    groups = result.by_group()
    assert sum(total for _, total in groups.values()) == len(result.mentions)
    assert sum(spoke for spoke, _ in groups.values()) == len(result.spoke)


def test_a_speaker_has_an_extract_over_the_threshold(scorer):
    assert all(mention.score >= SPOKE_THRESHOLD for mention in scorer.who_said("information sharing").spoke)


def test_filters_narrow_who_is_counted(scorer):
    result = scorer.who_said("partnership working", Filters(groups=("Fire",)))
    assert {m.respondent.group for m in result.mentions} == {"Fire"}
