"""Which side of a topic a question or a heading names: what stands in its way, or what helps it."""

from __future__ import annotations

import pytest

from assistant.answers.sides import naming_sides, side_tokens, side_words, sides_named, without_sides


@pytest.mark.parametrize("text, sides", [
    ("What stood in their way when they applied?", {"obstacles"}),
    ("Which difficulties did tenants describe?", {"obstacles"}),
    ("What is holding the new clinics back?", {"obstacles"}),
    ("Constraints on funding", {"obstacles"}),
    ("The main challenge was finding cover", {"obstacles"}),
    ("What made the pilot successful?", {"enablers"}),
    ("Enablers of joint commissioning", {"enablers"}),
    ("What worked well in the first year?", {"enablers"}),
    ("Barriers and facilitators", {"obstacles", "enablers"}),
    ("How did tenants hear about the scheme?", set()),
    ("The way the rota is drawn up", set()),
    ("A problem-solving approach to antisocial behaviour", set()),  # a kind of approach, not a problem
])
def test_the_side_a_text_names(text, sides):
    assert sides_named(text) == sides


def test_what_a_sides_words_are_of_is_the_rest_of_the_text():
    assert without_sides("What gets in the way of tenants paying rent?") == ["tenant", "pay", "rent"]
    assert side_words("Barriers and recommendations: challenges faced by carers") == 2
    assert side_tokens("What are the main problems with the service?") == {"problem"}
    assert naming_sides(frozenset()) is None
    assert naming_sides(frozenset({"obstacles"})).search("a constant frustration")
