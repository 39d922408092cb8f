"""How the study was done, asked in the words people use ("How was the study conducted?"): the document's own
sections on its method answer, in its sentences (real model, embedded Chroma)."""

from __future__ import annotations

import pytest

from assistant.answers.blocks import Bullets
from assistant.answers.query import asks_how_the_study_was_done

from conftest import assistant_over

REPAIRS_REVIEW = """# Review of the repairs service

## Summary

Tenants waited too long for repairs, and most blamed the booking line.

## 2. Methods

We set out to hear from tenants on every estate the landlord manages.

### Setting

The landlord manages 4,000 homes on six estates in the north of the city, most of them built in the 1960s.

### Sampling and recruitment

Twenty tenants were chosen at random from those who had reported a repair in the last year; 14 were interviewed, eight from the north estates and six from the south.

### Data collection

Each tenant was interviewed by phone for about half an hour, and the interviews were recorded and transcribed.

## 3. Findings

### Waiting for repairs

Most tenants said they waited weeks for a repair to be done.

"I rang four times about the boiler before anyone came." (T01 Tenant)

### The booking line

The booking line was the most common complaint, and tenants described long waits on hold.

"You are on hold for forty minutes and then it cuts off." (T02 Tenant)

## 4. Strengths and limitations

Only tenants who had reported a repair were asked, so the views of those who never report one are not known.
"""


@pytest.mark.parametrize("question, asks", [
    ("How was the study conducted?", True),
    ("How were the interviews carried out?", True),
    ("How did the researchers recruit people?", True),
    ("What methods were used?", True),
    ("What research methods did the evaluation use?", True),
    ("How were participants selected?", True),
    ("What was the sample size?", True),
    ("Who took part?", True),
    ("What are the limitations of the study?", True),
    ("How many tenants mentioned the booking line?", False),  # a count of those quoted on it
    ("What methods do tenants use to report repairs?", False),  # a finding, not the study's method
    ("What methods were used to engage young people?", False),
    ("What methods were used in the study?", True), ("What methods were used to collect the data?", True),
    ("How was the data shared between agencies?", False),
    ("How were young people chosen for placements?", False),
])
def test_a_question_on_how_the_study_was_done(question, asks):
    assert asks_how_the_study_was_done(question) == asks


@pytest.mark.parametrize("question", ["How was the study conducted?", "How was the review carried out?",
                                      "What methods did the researchers use?"])
def test_how_the_study_was_done_is_answered_from_its_method_sections(tmp_path, embedder, question):
    """ "How was the study conducted?" was declined (nothing it asks about is a word of the findings) while naming
    the method section as the nearest topic, and "How was the study done?" was answered with the report's conclusions.
    The "Setting" a method section holds is about the place, not the method."""
    review = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_REVIEW)
    answer = review.ask(question)
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    sections = {item.citations[0].section.split(" › ")[-1] for item in bullets.items}
    assert "Data collection" in sections and sections <= {"2. Methods", "Sampling and recruitment",
                                                          "Data collection"}, answer.answer



def test_how_many_took_part_is_not_counted_from_the_quotes_on_taking_part(tmp_path, embedder):
    """ "How many tenants took part?" was counted as those quoted on "took part": "0 of 2 respondents"; and "How many
    people took part?" was declined, "The findings give no figure for this", though the method gives it."""
    review = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_REVIEW)
    for question in ("How many tenants took part?", "How many people took part?"):
        answer = review.ask(question)
        assert "14 were interviewed" in answer.answer and "0 of" not in answer.answer, answer.answer


def test_the_limitations_of_the_study_are_its_section_on_them(tmp_path, embedder):
    answer = assistant_over(tmp_path, embedder, "repairs.md", REPAIRS_REVIEW).ask(
        "What are the limitations of the study?")
    (bullets,) = [block for block in answer.blocks if isinstance(block, Bullets)]
    assert [item.citations[0].section for item in bullets.items] == ["4. Strengths and limitations"], answer.answer
