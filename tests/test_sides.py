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
    ("What are the main usability complaints people have about the app?", {"obstacles"}),
    ("Tenants complained about repairs", {"obstacles"}), ("Criticisms of the scheme", {"obstacles"}),
    ("What made the pilot successful?", {"enablers"}),
    ("Enablers of joint commissioning", {"enablers"}),
    ("What worked well in the first year?", {"enablers"}),
    ("What didn't work well?", {"obstacles"}),  # it named what worked well
    ("What did not work in the pilot?", {"obstacles"}), ("What went wrong?", {"obstacles"}),
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
    assert side_tokens("What works well?") == {"work", "well"}  # all of it names the side: nothing is left to ask
    assert side_tokens("What were the main things holding the clinics back?") == {"hold", "back"}  # not whom
    assert without_sides("What is holding the new clinics back?") == ["new", "clinic"]
    assert naming_sides(frozenset()) is None
    assert naming_sides(frozenset({"obstacles"}))("a constant frustration")


@pytest.mark.parametrize("sentence, names", [
    ("Data protection was understood but not identified, or presented, as an insurmountable barrier.", False),
    ("There was no real obstacle to sharing rotas.", False),
    ("The new rota was a help rather than a hindrance.", False),
    ("The main barrier was the cost of cover.", True),
    ("Staff could not get time off, a major barrier to training.", True),  # "not" of another verb
    ("Not all barriers were removed.", True),
    ("Passengers described the service as solving a transport problem.", False),  # overcome, not standing in the way
    ("Three weaknesses limit the service.", True),
    ("Its shortcomings lay mostly in the practical side of running it.", True),
    ("The early setbacks were put right by the spring.", True),
    ("Nurses said it let them deal with the underlying problem, not just the one they came in with.", False),
])
def test_a_sentence_that_denies_a_side_does_not_name_it(sentence, names):
    """A theme of the barriers is not headed by a sentence saying something is no barrier."""
    assert naming_sides(frozenset({"obstacles"}))(sentence) is names


def test_one_group_compared_with_people_the_library_does_not_group_is_compared_with_everyone_else():
    """"Do staff and service users see waiting differently?" of a library grouped by role, none of them "staff": the
    service users against all the other respondents (it gave the service users' quotes alone)."""
    from assistant.answers.query import COMPARISON, OTHERS, parse_question
    from assistant.documents.respondents import Directory
    from assistant.types import QUOTE, Passage

    passages = [Passage(f"p{n}", QUOTE, "Said.", "cafe.md", "", n, n + 5, code=code, group=group)
                for n, (code, group) in enumerate([("P01", "Café manager"), ("P07", "Nurse"), ("P12", "Service user")])]
    parsed = parse_question("Do staff and service users see waiting times differently?",
                            Directory.from_passages(passages))
    assert parsed.form == COMPARISON and parsed.compared == (("group", "Service user"), (OTHERS, "Service user"))
    assert parsed.filters.groups == ()


CAFE = """# The crisis café: an evaluation

## Waiting on busy nights

Service users and staff gave different accounts of how long people wait to be seen on busy nights.

"Last time I sat in the front bit for well over an hour and nobody said how long it would be." (P12 Service user)

"On a Saturday it was rammed and I walked round the block twice rather than wait in there." (P08 Service user)

"Nobody waits more than twenty minutes without someone checking in on them here." (P01 Café manager)

"We give everyone a cup of tea within five minutes, and in our heads that counts as being seen." (P04 Nurse)

## Opening hours

"Monday to Wednesday you are on your own, with nowhere to go but A&E." (P10 Service user)
"""


def test_a_comparison_with_everyone_else_shows_both_sides(tmp_path, embedder):
    from conftest import assistant_over

    from assistant.answers.blocks import Comparison

    study = assistant_over(tmp_path, embedder, "cafe.md", CAFE)
    answer = study.ask("Do staff and service users see waiting times differently?")
    (comparison,) = [block for block in answer.blocks if isinstance(block, Comparison)]
    quoted = {side.name: {quote.citation.code for quote in side.quotes} for side in comparison.sides}
    assert list(quoted) == ["Service user", "All other respondents"], answer.answer
    assert {"P12", "P08"} <= quoted["Service user"] and quoted["All other respondents"] == {"P01", "P04"}, answer.answer


def test_a_set_of_interviews_one_file_each_is_cited_by_code_and_role(tmp_path, embedder):
    """Each interview in a file of its own, opening with who was interviewed: volunteers and the trustee are compared,
    and each quote is cited as "[R2 volunteer]", its code saying which interview it is from."""
    from conftest import assistant_over_documents

    views = [("volunteer", "The vouchers add to the stigma, like a ticket saying you could not manage."),
             ("trustee", "The vouchers protect dignity, because nobody at our door has to justify themselves."),
             ("volunteer", "Vouchers do not bother me either way, and the people I talk to never mention them.")]
    study = assistant_over_documents(tmp_path, embedder, {
        f"interview-0{number}.txt": f"Study: Food bank pressures\nInterview {number}\nParticipant: R{number} ({role}, "
        f"North site)\n\nInterviewer: What do you think of the vouchers?\n\nR{number}: {view}\n\nInterviewer: "
        f"Anything else?\n\nR{number}: The winter was the hardest time for all of us here.\n"
        for number, (role, view) in enumerate(views, 1)})
    answer = study.ask("Do volunteers and the trustee see vouchers differently?")
    assert "**volunteer**" in answer.answer and "**trustee**" in answer.answer, answer.answer
    assert "[R2 trustee]" in answer.answer and ".txt" not in answer.answer, answer.answer


def test_quotes_from_interviews_one_file_each_are_told_by_role_not_by_file(tmp_path, embedder):
    """A study's interviews, a file each, with a role each: the quotes of two of them were headed by their files
    ("**interview-02.txt**"), as if each file were a study of its own; a file says no more than the code does."""
    from conftest import assistant_over_documents

    roles = ["coordinator", "trustee", "referral partner"]
    study = assistant_over_documents(tmp_path, embedder, {
        f"interview-0{number}.txt": f"Study: Food bank pressures\nInterview {number}\nParticipant: R{number} ({role}, "
        f"North site)\n\nInterviewer: How are donations?\n\nR{number}: Donations have fallen since the spring, and "
        f"the {role} in me worries about the winter.\n\nInterviewer: Anything else?\n\nR{number}: The hall is cold.\n"
        for number, role in enumerate(roles, 1)})
    answer = study.ask("What did participants say about donations falling?")
    assert ".txt" not in answer.answer, answer.answer
    assert "**trustee**" in answer.answer and "**coordinator**" in answer.answer, answer.answer
    counted = study.ask("How many participants mentioned donations falling?")
    assert ".txt" not in counted.answer and "trustee 1 of 1" in counted.answer, counted.answer
