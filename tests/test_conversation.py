"""Conversations: follow-ups read with the earlier topic; "more quotes like that" brings new extracts."""

import pytest

from assistant.answers.blocks import Bullets, Prevalence, Themes
from assistant.answers.conversation import ask_in_conversation, last_topic, shown_passages, wants_more
from assistant.text import content_tokens

FIRST = "What drives partnership working?"


@pytest.mark.parametrize("question", ["more quotes like that", "Any more?", "give me other examples",
                                      "anything else on this?", "further extracts please", "give me more",
                                      "Can you show me more?", "any others?", "What else?"])
def test_wants_more(question):
    assert wants_more(question)


@pytest.mark.parametrize("question", ["and what did fire officers say about that?", "What drives partnership working?",
                                      "Is there more partnership working in area B?"])
def test_does_not_want_more(question):
    assert not wants_more(question)


def test_follow_up_is_answered_about_the_earlier_topic(assistant):
    first = assistant.ask(FIRST)
    follow = ask_in_conversation(assistant, "and what did fire officers say about that?", [first])
    assert follow.citations and {c.group for c in follow.citations} == {"Fire"}
    assert any("partnership" in note for note in follow.notes)


@pytest.mark.parametrize("first_question", [FIRST, "What did interviewees say about austerity?",
                                            "Give me a quote about austerity"])
def test_more_quotes_like_that_brings_new_extracts(assistant, first_question):
    first = assistant.ask(first_question)
    more = ask_in_conversation(assistant, "more quotes like that", [first])
    assert not more.abstained  # the only extract that names austerity was shown: the next closest follow
    assert more.citations and not set(shown_passages([first])) & {c.passage_id for c in more.citations}


def test_last_topic_reads_a_follow_up_with_its_topic(assistant):
    first = assistant.ask(FIRST)
    follow = ask_in_conversation(assistant, "and what did fire officers say about that?", [first])
    assert last_topic([first, follow]).endswith("drives partnership working")  # the topic, not who was asked


def test_last_topic_empty_before_any_question():
    assert last_topic([]) == ""


def test_more_quotes_after_a_follow_up_keeps_who_it_asked_about_and_gives_quotes(assistant):
    """"more quotes like that" is the last question again, as it was read: after "and what did fire officers say
    about that?" more Fire extracts on the first topic, never themes of everyone; after a themes answer, quotes."""
    from assistant.answers.blocks import Quotes, Themes

    first = assistant.ask("What are the main barriers to partnership working?")
    assert any(isinstance(block, Themes) for block in first.blocks)
    fire = ask_in_conversation(assistant, "and what did fire officers say about that?", [first])
    more = ask_in_conversation(assistant, "more quotes like that", [first, fire])
    quotes = [c for c in more.citations if c.kind == "quote"]
    assert quotes and {c.group for c in quotes} == {"Fire"}, more.answer
    assert not set(shown_passages([first, fire])) & {c.passage_id for c in more.citations}
    after_themes = ask_in_conversation(assistant, "more quotes like that", [first])
    assert any(isinstance(block, Quotes) for block in after_themes.blocks), after_themes.answer
    assert not any(isinstance(block, Themes) for block in after_themes.blocks)


def test_short_follow_ups_name_a_group_ask_who_said_it_or_how_many_did(assistant):
    """ "what about fire?" names the group as a follow-up alone does; "who said that?" is answered by the extract
    just shown; "how many mentioned it?" counts the earlier topic, named in its own words."""
    from assistant.answers.blocks import Prevalence

    first = assistant.ask("What did respondents say about information sharing?")
    fire = ask_in_conversation(assistant, "what about fire?", [first])
    assert fire.citations and {c.group for c in fire.citations if c.kind == "quote"} == {"Fire"}, fire.answer
    who = ask_in_conversation(assistant, "who said that?", [first])
    shown = next(c for c in first.citations if c.kind == "quote")
    assert who.answer.startswith(f"_That extract is {shown.label}.") and who.citations[0].passage_id == shown.passage_id
    count = ask_in_conversation(assistant, "how many mentioned it?", [first])
    (block,) = [block for block in count.blocks if isinstance(block, Prevalence)]
    assert block.topic == "information sharing" and block.count >= 1, count.answer


def test_give_me_more_is_more_of_the_last_answer_and_a_new_topic_is_not(assistant):
    """ "give me more" was asked as a question of its own, and declined as covering nothing."""
    from assistant.answers.conversation import resolve_follow_up

    first = assistant.ask(FIRST)
    more = ask_in_conversation(assistant, "give me more", [first])
    assert not set(shown_passages([first])) & {c.passage_id for c in more.citations}
    assert "Nothing in the findings speaks to this question" not in more.answer
    assert resolve_follow_up("Give me more detail on co-location", [FIRST]) == "Give me more detail on co-location"


def test_a_numbered_point_of_the_last_answer_is_what_a_follow_up_points_at(assistant):
    """"Tell me more about the second one" after themes, "what does point 3 mean?" after bullets: the follow-up is
    read with that theme's statement, or that bullet, and answered from the passage it comes from."""
    for first_question, follow_up, number in (("What are the main drivers of partnership working?",
                                               "tell me more about the second one", 2),
                                              ("Summarise the key findings in three bullet points",
                                               "what does point 3 mean?", 3)):
        first = assistant.ask(first_question)
        points = [claim for block in first.blocks for claim in (
            [theme.heading for theme in block.themes] if isinstance(block, Themes) else
            block.items if isinstance(block, Bullets) else [])]
        assert len(points) >= number, first.answer
        follow = ask_in_conversation(assistant, follow_up, [first])
        assert not follow.abstained, follow.answer
        assert any(note.startswith("Read as a follow-up") for note in follow.notes)
        pointed = points[number - 1].citations[0]
        assert any(c.source == pointed.source and c.start <= pointed.start < c.end or c.passage_id ==
                   pointed.passage_id for c in follow.citations), follow.answer


def test_the_follow_ups_after_one_that_points_at_a_theme_are_read_with_that_theme(assistant):
    """"How many fire respondents mentioned it?" after "tell me more about the second one" was read with the first
    question's topic: the point pointed at was known only while its follow-up was asked."""
    first = assistant.ask("What are the main barriers to partnership working?")
    (themes,) = [block for block in first.blocks if isinstance(block, Themes)]
    second = themes.themes[1].heading.text
    earlier = [first, ask_in_conversation(assistant, "Tell me more about the second one", [first])]
    counted = ask_in_conversation(assistant, "How many fire respondents mentioned it?", earlier)
    read = next(note for note in counted.notes if note.startswith("Read as a follow-up"))
    assert set(content_tokens(second)) >= set(content_tokens(read.split("—", 1)[1])) - {"…"}, (read, second)


def test_a_point_the_last_answer_does_not_number_is_read_as_its_topic(assistant):
    first = assistant.ask("What did interviewees say about budgets?")  # quotes: nothing numbered
    follow = ask_in_conversation(assistant, "tell me more about the fifth one", [first])
    assert any(note.startswith("Read as a follow-up") and "budget" in note for note in follow.notes), follow.notes


def test_which_of_them_counts_among_the_people_asked_about_before(assistant):
    """ "Which of them mentioned budgets?" after a question about the police: a count among the police, on budgets
    (not the first speaker's quotes, nor the earlier topic), with the filter said to come from the earlier
    question."""
    first = assistant.ask("What did police say about leadership?")
    follow = ask_in_conversation(assistant, "which of them mentioned budgets?", [first])
    (count,) = [block for block in follow.blocks if isinstance(block, Prevalence)]
    police = [person for person in assistant.directory.matching(groups=("Police",))]
    assert count.total == len(police) and 0 < count.count <= count.total
    assert follow.filters == {"groups": ["Police"]} and follow.filter_origin == {"groups": "conversation"}
    assert "budget" in count.topic


def test_their_quotes_after_a_count_are_the_quotes_of_those_counted(assistant):
    first = assistant.ask("How many respondents talked about leadership?")
    (count,) = [block for block in first.blocks if isinstance(block, Prevalence)]
    follow = ask_in_conversation(assistant, "show me their quotes", [first])
    quoted = {c.respondent for c in follow.citations if c.kind == "quote"}
    assert quoted and quoted <= {person.key for person in count.respondents}, follow.answer
    assert follow.filter_origin == {"respondents": "conversation"}
    assert any("leadership" in note for note in follow.notes)


def test_and_what_about_a_new_topic_asks_the_last_question_on_that_topic(assistant):
    """"And what about leadership?" after austerity was read as "leadership — austerity", mixing the two; a
    continuation that points back at nothing and has a topic of its own asks the last question again on its topic.
    One that names only people ("and what about fire?") still takes the earlier topic."""
    first = assistant.ask("What did interviewees say about austerity?")
    follow = ask_in_conversation(assistant, "And what about leadership?", [first])
    assert "Read as a follow-up: “What did interviewees say about leadership?”." in follow.notes, follow.notes
    assert not any("austerity" in c.quote.lower() for c in follow.citations), follow.answer
    follow = ask_in_conversation(assistant, "and what about fire?", [first])
    assert any(note.startswith("Read as a follow-up") and "auster" in note for note in follow.notes), follow.answer
    first = assistant.ask("Which areas mentioned austerity?")
    follow = ask_in_conversation(assistant, "and leadership?", [first])
    (count,) = [block for block in follow.blocks if isinstance(block, Prevalence)]
    assert count.topic == "leadership" and all(row.group.startswith(("Area", "(no area)")) for row in count.by_group)


def test_a_quote_for_each_point_is_read_with_the_last_topic(assistant):
    first = assistant.ask("Summarise the findings on leadership")
    follow = ask_in_conversation(assistant, "give me a quote for each point", [first])
    assert any(note.startswith("Read as a follow-up") and "leadership" in note for note in follow.notes), follow.notes
    assert [c for c in follow.citations if c.kind == "quote"], follow.answer


def test_were_there_asks_whether_things_exist_not_about_the_last_topic(assistant):
    first = assistant.ask("What did interviewees say about austerity?")
    follow = ask_in_conversation(assistant, "How many respondents were there?", [first])
    assert not any(note.startswith("Read as a follow-up") for note in follow.notes), follow.answer
    follow = ask_in_conversation(assistant, "what else did they say there?", [first])
    assert any(note.startswith("Read as a follow-up") for note in follow.notes), follow.answer


def test_the_others_and_anyone_else_are_everyone_not_yet_quoted_on_the_last_topic(assistant):
    """"What did the others say?" was answered as a question of its own, and "did anyone else say that?" was declined
    as asking about people called "anyone else"."""
    first = assistant.ask("What did police say about leadership?")
    follow = ask_in_conversation(assistant, "what did the others say?", [first])
    quoted = [c for c in follow.citations if c.kind == "quote"]
    assert quoted and not {c.passage_id for c in quoted} & set(shown_passages([first])), follow.answer
    assert any(note.startswith("Read as a follow-up") and "leadership" in note for note in follow.notes)
    first = assistant.ask("What did B02 say about information sharing?")
    follow = ask_in_conversation(assistant, "did anyone else say that?", [first])
    assert not follow.abstained and "information sharing" in " ".join(follow.notes), follow.answer


def test_a_follow_up_of_a_follow_up_keeps_the_topic_they_share(assistant):
    """"Is that true for fire too?" asks the last topic of fire (it was answered as a question of its own), and "why do
    they think that?" after it is read with that topic, not with the words of the follow-up alone ("true fire")."""
    earlier = [assistant.ask("What did police say about austerity?")]
    for question in ("Is that true for fire too?", "Why do they think that?"):
        follow = ask_in_conversation(assistant, question, earlier)
        assert any(note.startswith("Read as a follow-up") and "austerity" in note for note in follow.notes), \
            (question, follow.notes)
        earlier.append(follow)


def test_more_after_what_about_a_group_keeps_the_group(assistant):
    """"Give me more" after "And the police?" was read as "Give me more — And the police — LOIP", where "the police"
    no longer stood alone: it dropped the group, and "police" became a word of the topic."""
    earlier = [assistant.ask("What did partners say about the LOIP?")]
    earlier.append(ask_in_conversation(assistant, "And the police?", earlier))
    more = ask_in_conversation(assistant, "Give me more", earlier)
    assert more.filters.get("groups") == ["Police"], (more.filters, more.answer)
    assert {c.group for c in more.citations if c.kind == "quote"} <= {"Police"}, more.answer


def test_the_ones_of_a_group_are_that_group_on_the_last_topic(assistant):
    """"What did the fire ones say?" after a count was no follow-up, and "And the police ones?" asked about "police
    ones": "ones" points back at what was just asked, and the group before it is who is asked."""
    earlier = [assistant.ask("How many interviewees mentioned austerity?")]
    for question, group in (("What did the fire ones say?", "Fire"), ("And the police ones?", "Police")):
        follow = ask_in_conversation(assistant, question, earlier)
        assert follow.filters.get("groups") == [group], (question, follow.filters)
        read = next(note for note in follow.notes if note.startswith("Read as a follow-up"))
        assert "austerity" in read and "ones austerity" not in read, read
        earlier.append(follow)


def test_a_group_named_at_the_end_after_for_or_to_is_who_a_follow_up_asks_about(assistant):
    """"Does this apply to partners?": the partners, as "what about partners?" would ask (but "tension with
    partners" is about them: a topic, not who is asked)."""
    first = assistant.ask("What did police say about leadership?")
    follow = ask_in_conversation(assistant, "Does this apply to partners?", [first])
    assert follow.filters.get("groups") == ["Partner"], follow.filters


@pytest.mark.parametrize("follow_up", ["Can you summarise that in two bullets?", "shorter please"])
def test_the_last_answer_said_again_shorter_is_a_summary_of_its_topic(assistant, follow_up):
    first = assistant.ask("What are the main drivers of partnership working?")
    follow = ask_in_conversation(assistant, follow_up, [first])
    assert any(note.startswith("Read as a follow-up") and "drivers" in note for note in follow.notes), follow.notes
    assert [block for block in follow.blocks if isinstance(block, Bullets)], follow.answer


def test_a_new_topic_for_them_keeps_whom_they_were(assistant):
    """"And what about leadership?" after "which of them mentioned budgets?" (the police) is read as "which of them
    mentioned leadership?", and "them" are still the police."""
    earlier = [assistant.ask("What did police say about leadership?")]
    for question in ("which of them mentioned budgets?", "and what about leadership?"):
        earlier.append(ask_in_conversation(assistant, question, earlier))
    (count,) = [block for block in earlier[-1].blocks if isinstance(block, Prevalence)]
    assert count.topic == "leadership" and earlier[-1].filters == {"groups": ["Police"]}, earlier[-1].answer


def test_a_new_topic_after_a_follow_up_takes_the_last_question_asked_in_full(assistant):
    """"And leadership?" after "What did police say about austerity?" and "which of them were worried?" is "What did
    police say about leadership?", not "which of them were leadership?"."""
    earlier = [assistant.ask("What did police say about austerity?")]
    earlier.append(ask_in_conversation(assistant, "which of them were worried?", earlier))
    follow = ask_in_conversation(assistant, "and leadership?", earlier)
    assert "Read as a follow-up: “What did police say about leadership?”." in follow.notes, follow.notes


def test_each_earlier_question_is_read_once_however_long_the_conversation(monkeypatch):
    """A follow-up's reading rests on the readings before it; worked out again for each, a conversation of questions
    with no topic ("why?" asked again and again) cost twice as much with every turn (2 s at the sixteenth)."""
    import assistant.answers.conversation as conversation

    calls = []
    parse = conversation.parse_question
    monkeypatch.setattr(conversation, "parse_question", lambda *args: calls.append(args) or parse(*args))
    conversation.resolve_follow_up("why?", ["why?"] * 16)
    assert len(calls) < 16 * 16, len(calls)  # at most a few readings' worth per earlier question, not 2 ** 16


@pytest.mark.parametrize("question", ["more quotes like that", "Why?", "What about it?"])
def test_a_follow_up_asked_first_says_there_is_nothing_to_follow(assistant, question):
    """Asked before any other question, "more quotes like that" gave five quotes on whatever came nearest; it is
    declined, saying it follows up an answer there is not yet. After a question it is read with it."""
    first = assistant.ask(question)
    assert first.abstained and "follows up an earlier answer" in first.answer, first.answer
    after = assistant.ask(question, history=["What did respondents say about austerity?"])
    assert "follows up an earlier answer" not in after.answer


def test_which_of_them_in_an_area_counts_the_people_asked_about_before_in_that_area(assistant):
    """"Which of them were in Area B?" after "How many police mentioned funding?" counted everyone in Area B: naming
    an area, the question was taken to name whom it meant. The police stay, and the area narrows them."""
    first = assistant.ask("How many police mentioned funding?")
    follow = ask_in_conversation(assistant, "which of them were in Area B?", [first])
    (count,) = [block for block in follow.blocks if isinstance(block, Prevalence)]
    assert follow.filters["groups"] == ["Police"] and follow.filters["areas"] == ["B"], follow.filters
    assert count.total == len(assistant.directory.matching(groups=("Police",), areas=("B",)))
