"""A conversation with the assistant: a follow-up is read with the question it follows ("and what did the nurses
say about that?"), a question may point back at the person or extract just shown ("Was that P07?"), and "more
quotes like that" leaves out the extracts already shown. Pure logic over ``Assistant.ask``; no streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .answer import Answer
from .blocks import Bullets, Themes
from .query import FOLLOWS, OF_THEM, parse_question
from ..documents.respondents import Directory, code_shaped_tokens
from ..text import content_tokens

# Asking for more of what was just shown, and nothing else: "more", "give me more", "any others?", "what else?".
MORE_OF_THE_SAME = (r"^\s*(?:(?:ok(?:ay)?|please|and|now)[\s,]+)?(?:(?:can|could)\s+you\s+)?"
                    r"(?:(?:give|show|get)\s+me\s+)?(?:any\s*more|some\s+more|a\s+few\s+more|more|any\s+others?|"
                    r"others|anything\s+else|what\s+else|tell\s+me\s+more|say\s+more|go\s+on|more\s+details?|"
                    r"elaborate|expand)\b(?:\s+please|\s+(?:of|like|on|about)\s+(?:that|this|those|these|them|it))?"
                    r"\s*[?.!]*\s*$")
# A follow-up that asks only why, or for examples, of what was just asked about: "Why?", "Any examples?"
_ON_IT = (r"^\s*(?:why|how\s+so|how\s+come|in\s+what\s+ways?|like\s+what|such\s+as|for\s+(?:example|instance)|"
          r"any\s+(?:examples?|evidence|quotes?)|(?:can|could)\s+you\s+give\s+(?:an\s+|some\s+)?examples?)"
          r"\s*(?:please)?\s*[?.!]*\s*$")
# One of the numbered points of the last answer (its themes, or a summary's bullets): "the second one", "theme 3".
_ITEM_REFERENCE = (r"\b(?:the\s+|that\s+)?(?P<ordinal>first|second|third|fourth|fifth|sixth|last)\s+(?:one|theme|"
                   r"point|bullet|item|issue|finding)\b|\b(?:theme|point|bullet|item|number)\s+(?P<number>[1-6])\b")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
# Every numbered point of the last answer: "a quote for each point", "for each of them".
_EACH_POINT = (r"\beach\s+(?:of\s+(?:them|those|these|the\s+(?:points|themes|bullets))|one|point|theme|bullet|item|"
               r"finding)\b")
# Everyone but whom the last answer quoted: "did anyone else say that?", "what did the others say?"
_OTHERS = (r"\b(?:anyone|anybody|someone|somebody|everyone|everybody|who)\s+else\b|\bthe\s+others\b|"
           r"\bother\s+(?:respondents|interviewees|participants|people|voices)\b")
# Whether what was just said holds elsewhere: "Is that true for porters too?", "Does this apply to night shifts?"
_HOLDS_TOO = (r"^\s*(?:and\s+|but\s+|so\s+)?(?:is|was|are|were|does|did|do|would)\s+(?:that|this|it)\s+(?:also\s+)?"
              r"(?:true|the\s+case|so|similar|the\s+same|different|apply|applies|hold|holds|happen|go)\b")
# The last answer, said again another way: "summarise that in two bullets", "shorter please".
_SAID_AGAIN = (r"\b(?:summari[sz]e|sum\s+up|shorten|condense|rephrase|expand\s+on|elaborate\s+on)\s+(?:that|this|it|"
               r"those|these)\b|^\s*(?:(?:can\s+you\s+)?make\s+it\s+)?(?:a\s+bit\s+)?(?:shorter|briefer|more\s+concise)\b")
_FOLLOW_UP = re.compile(
    rf"{MORE_OF_THE_SAME}|{OF_THEM}|{_ON_IT}|{_ITEM_REFERENCE}|{_EACH_POINT}|{_OTHERS}|{_HOLDS_TOO}|{_SAID_AGAIN}|"
    r"^(?:and|but|also|what about|how about|and what|who said (?:that|this|it))\b"
    r"|\b(?:that|this|those|these|it|them|(?<!were )(?<!was )(?<!are )(?<!is )there|the same)\s*"
    r"(?:topic|issue|point|theme)?\s*\??$"
    r"|\bmore (?:quotes|extracts|examples|like (?:that|this))\b|\blike that\b"
    r"|\bthe\s+(?:[\w-]+\s+){1,2}ones\b",  # "what did the nurse ones say?": of those just asked about
    re.IGNORECASE,
)
_MORE = re.compile(rf"{MORE_OF_THE_SAME}|\bmore\s+(?:quotes|extracts|examples|like\s+(?:that|this))\b|"
                   rf"\banything\s+else\b", re.IGNORECASE)


def resolve_follow_up(question: str, history: Sequence[str], directory: Directory | None = None) -> str:
    """A follow-up ("and what did the nurses say about that?") is read with the last question's topic: its topic
    words ("… — rota gaps"), not who it asked about."""
    if not _is_follow_up(question, history, directory):
        return question
    return _read_with(question, history, _readings(history, directory), directory)


def reads_as_follow_up(question: str) -> bool:
    """Whether ``question`` is worded as a follow-up ("more quotes like that", "why?", "the second one")."""
    return bool(_FOLLOW_UP.search(question.strip()))


def _is_follow_up(question: str, history: Sequence[str], directory: Directory | None) -> bool:
    return bool(history) and (reads_as_follow_up(question) or _about_them_on_it(question, directory))


def _readings(history: Sequence[str], directory: Directory | None) -> list[str]:
    """Each question of ``history`` as it was read (``resolve_follow_up``), worked out once each, in order: the
    reading of a follow-up rests on those of the questions before it (read again for each, a conversation of
    questions with no topic took 2 s at its sixteenth)."""
    readings: list[str] = []
    for at, asked in enumerate(history):
        earlier = history[:at]
        readings.append(_read_with(asked, earlier, readings, directory)
                        if _is_follow_up(asked, earlier, directory) else asked)
    return readings


def _read_with(question: str, history: Sequence[str], readings: Sequence[str], directory: Directory | None) -> str:
    """A follow-up ``question`` read with ``history``, each of whose questions was read as ``readings`` says."""
    if _new_topic(question, directory):  # "and leadership?": the last question asked in full again, on this topic
        earlier = next((history[at] for at in range(len(history) - 1, -1, -1)
                        if parse_question(history[at], directory).has_topic and readings[at] == history[at]), None)
        return _on_new_topic(earlier, question, directory) if earlier else question
    if _MORE.search(question):  # "more quotes like that": the last question again, as it was read, who it asked too
        return f"{question.rstrip('?. ')}{FOLLOWS}{readings[-1]}"
    question = re.sub(_ITEM_REFERENCE, "that", question, flags=re.IGNORECASE)  # its words are in the history
    for reading in reversed(readings):  # each earlier question as it was read: a follow-up with its topic
        topic = parse_question(reading, directory)
        if topic.has_topic:
            return f"{question.rstrip('?. ')}{FOLLOWS}{topic.search_text}"
    return question


_CONTINUING = re.compile(r"^\s*(?:and|but|also|so)?[\s,]*(?:what|how)\s+about\b|^\s*(?:and|but|also)\b", re.IGNORECASE)
_POINTING_BACK = re.compile(r"\b(?:that|this|those|these|it|them|there|the\s+same|else|more|other|others|ones)\b",
                            re.IGNORECASE)


def _new_topic(question: str, directory: Directory | None) -> bool:
    """ "And what about leadership?": a question that only continues the conversation ("and", "what about") with a
    topic of its own, pointing back at nothing, asks about that topic, not about it and the last one together."""
    return bool(_CONTINUING.match(question)) and not _POINTING_BACK.search(question) \
        and parse_question(question, directory).has_topic


def _on_new_topic(earlier: str, question: str, directory: Directory | None) -> str:
    """``earlier`` with its topic's words replaced by ``question``'s ("Which areas mentioned austerity?", "and what
    about leadership?" → "Which areas mentioned leadership?"); ``question`` when either has no topic words."""
    old, new = _topic_span(earlier, directory), _topic_span(question, directory)
    if old is None or new is None:
        return question
    return f"{earlier[:old[0]]}{question[new[0]:new[1]]}{earlier[old[1]:]}"


def _topic_span(question: str, directory: Directory | None) -> tuple[int, int] | None:
    """Where a question's topic is said: from its first topic word to its last."""
    topic = set(parse_question(question, directory).topic_tokens)
    words = [match for match in re.finditer(r"[\w'’-]+", question) if set(content_tokens(match.group())) & topic]
    return (words[0].start(), words[-1].end()) if words else None


def _about_them_on_it(question: str, directory: Directory | None) -> bool:
    """ "Show me their quotes", "what did they say?": the people of the earlier answer, on its topic (but "did they
    talk about anything else?" asks for what else they said)."""
    return bool(_PEOPLE_REFERENCE.search(question)) and not _MORE.search(question) \
        and not parse_question(question, directory).has_topic


def referred_item(question: str, earlier: Sequence[Answer]) -> str | None:
    """The words of the numbered point of the last answer that ``question`` points at ("tell me more about the
    second one": its second theme's statement, or second bullet), None when it points at none."""
    match = re.search(_ITEM_REFERENCE, question, re.IGNORECASE)
    if match is None or not earlier:
        return None
    points = numbered_points(earlier[-1])
    ordinal = (match.group("ordinal") or "").lower()
    number = len(points) if ordinal == "last" else _ORDINALS.index(ordinal) + 1 if ordinal else int(match["number"])
    return points[number - 1] if 1 <= number <= len(points) else None


def numbered_points(answer: Answer) -> list[str]:
    """What an answer numbers, in order: its themes (by the statement that heads each, or its name) and its
    summary's bullets."""
    points: list[str] = []
    for block in answer.blocks:
        if isinstance(block, Themes):
            points.extend(theme.heading.text if theme.heading else theme.label for theme in block.themes)
        elif isinstance(block, Bullets):
            points.extend(item.text for item in block.items)
    return points


_PERSON_REFERENCE = re.compile(
    r"\b(?:the\s+same\s+(?:person|respondent|interviewee|officer|participant)|that\s+(?:person|respondent|interviewee|"
    r"officer|participant)|this\s+(?:person|respondent|interviewee|officer|participant)|they|them|he|she|him|her)\b",
    re.IGNORECASE,
)
_WHO_SAID_THAT = re.compile(r"\s*(?:and\s+|so\s+)?who\s+(?:said|says|was|is)\s+(?:that|this|it)\s*[?.!]*\s*$",
                            re.IGNORECASE)
# Where the extract just shown comes from: "Which area was that from?", "Where was that?", "Which report is that in?"
_WHERE_FROM = re.compile(r"\s*(?:and\s+|so\s+)?(?:(?:which|what)\s+(?:area|site|region|place|group|service|organi[sz]ation|"
                         r"document|report|study|section|interview)|where)\s+(?:was|is)\s+(?:that|this|it)"
                         r"(?:\s+(?:from|in))?\s*[?.!]*\s*$", re.IGNORECASE)
_ATTRIBUTION_CHECK = re.compile(r"^\s*(?:was|is|did)\s+(?:that|it|this)\b|\b(?:say|said)\s+(?:that|this|it)\s*\??\s*$",
                                re.IGNORECASE)


_PEOPLE_REFERENCE = re.compile(r"\b(?:they|them|their|theirs|those|these)\b"
                               r"(?!\s+(?:things?|ideas?|issues?|points?|topics?)\b)", re.IGNORECASE)


def refers_to_earlier_people(question: str, directory: Directory | None = None) -> bool:
    """ "Which of them mentioned budgets?", "show me their quotes", "which of them were in Area B?": a reference that
    may be to everyone the earlier answer was about (the nurses it named, the respondents it counted), not only to
    whoever was quoted first; not when the question names whom it means by code."""
    return bool(_PEOPLE_REFERENCE.search(question)) and not parse_question(question, directory).filters.respondents


def _names_people(question: str, directory: Directory | None) -> bool:
    filters = parse_question(question, directory).filters
    return bool(filters.respondents or filters.groups or filters.areas)


def refers_to_earlier_person(question: str, directory: Directory | None = None) -> bool:
    """ "Did the same person say anything about budgets?": the speaker comes from the earlier answer."""
    return bool(_PERSON_REFERENCE.search(question)) and not _names_people(question, directory)


def checks_earlier_attribution(question: str, directory: Directory | None = None) -> bool:
    """ "Was that P07?", "Who said that?", "Which area was that from?": a question about who said the extract just
    shown, or where it comes from."""
    names_code = bool((directory or Directory()).codes_in(question)) or bool(code_shaped_tokens(question))
    return bool(_ATTRIBUTION_CHECK.search(question)) and names_code or bool(_WHO_SAID_THAT.match(question)) \
        or asks_where_from(question)


def asks_where_from(question: str) -> bool:
    """Whether a question asks where the extract just shown comes from ("Which area was that from?")."""
    return bool(_WHERE_FROM.match(question))


_WANTS_MORE = re.compile(
    r"\b(?:more|other|further|another|else|different|new)\b.{0,30}?"
    rf"\b(?:quotes?|quotations?|extracts?|examples?|views?|like\s+(?:that|this|those|these))\b|{MORE_OF_THE_SAME}|"
    rf"{_OTHERS}",
    re.IGNORECASE,
)


def wants_more(question: str) -> bool:
    """Whether a question asks for further extracts rather than the same ones again."""
    return bool(_WANTS_MORE.search(question))


def shown_passages(answers: Sequence[Answer]) -> list[str]:
    """Passage ids already cited in the conversation, first shown first, without repeats."""
    return list(dict.fromkeys(c.passage_id for answer in answers for c in answer.citations))


def ask_in_conversation(assistant, question: str, earlier: Sequence[Answer], **filters) -> Answer:
    """Ask ``question`` with the earlier answers as context: their questions as history, and, when the
    question asks for more, the passages they cited excluded. ``filters`` go to ``Assistant.ask``."""
    return assistant.ask(question, **_context(question, earlier), **filters)


def stream_in_conversation(assistant, question: str, earlier: Sequence[Answer], **filters) -> Iterator[str | Answer]:
    """``ask_in_conversation`` through ``Assistant.ask_stream``: pieces of markdown, then the ``Answer``."""
    return assistant.ask_stream(question, **_context(question, earlier), **filters)


def _context(question: str, earlier: Sequence[Answer]) -> dict[str, list[str]]:
    history = [asked for at, answer in enumerate(earlier) for asked in _as_asked(answer.question, earlier[:at])]
    history += _as_asked(question, earlier)[:-1]
    exclude = shown_passages(earlier) if wants_more(question) else []
    return {"history": history, "exclude": exclude}


def _as_asked(question: str, earlier: Sequence[Answer]) -> list[str]:
    """``question`` as the history of a conversation holds it: after the words of the numbered point of the answer
    before it that it points at ("tell me more about the second one"), read as though they had been asked just
    before; so the follow-ups after it are read with that point too, not with the question before it."""
    point = referred_item(question, earlier)
    return [question] if point is None else [point, question]


def last_topic(answers: Sequence[Answer]) -> str:
    """What the conversation is about now: the last question, read with its earlier topic when it is a
    follow-up ("and what did the nurses say about that?"); "" before the first question."""
    if not answers:
        return ""
    return resolve_follow_up(answers[-1].question, [answer.question for answer in answers[:-1]])
