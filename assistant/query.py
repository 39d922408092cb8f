"""Read a question: the filters it states ("fire service interviewees", "in Area B", "D03"), the phrases it
quotes, and whether it has a topic beyond those filters. Pure text logic, no ML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .respondents import FOCUS_GROUP, QUESTION_CODE_PATTERN, codes_in_question
from .text import STOPWORDS, content_tokens
from .types import NARRATIVE, QUOTE, Filters

_PEOPLE = r"(?:interviewees?|respondents?|participants?|officers?|staff|personnel|colleagues|people|managers?|" \
          r"representatives?|members?|leaders?|workers?|side|voices?|views?|perspectives?)"
_SAYING = r"(?:say|said|think|feel|describe|mention|talk|tell|report|view|see|believe|argue|make\s+of|express)"
_ABOUT = r"^(?:and\s+|but\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+)?"  # "what about the police?", "and the fire service?"
_SERVICE_PHRASES = {
    "Fire": [
        rf"\bfire(?:\s+and\s+rescue)?(?:\s+services?)?\s+{_PEOPLE}\b",
        r"\bfire\s*fighters?\b", r"\bSFRS\s+" + _PEOPLE + r"\b",
        _ABOUT + r"(?:fire(?:\s+and\s+rescue)?(?:\s+services?)?|SFRS)\s*[?.!]*$",
        rf"\b(?:from|according\s+to|by|among)\s+(?:the\s+)?(?:fire(?:\s+services?)?|SFRS)\b(?!\s+(?:and|reform))",
        rf"\b(?:did|do|does)\s+(?:the\s+)?(?:fire(?:\s+services?)?|SFRS)\s+{_SAYING}",
    ],
    "Police": [
        rf"\bpolice(?:\s+services?|\s+scotland)?\s+{_PEOPLE}\b", r"\bpolicemen\b|\bpolicewomen\b|\bcops?\b",
        _ABOUT + r"police(?:\s+services?|\s+scotland)?\s*[?.!]*$",
        r"\b(?:from|according\s+to|by|among)\s+(?:the\s+)?police\b(?!\s+(?:and|reform|scotland))",
        rf"\b(?:did|do|does)\s+(?:the\s+)?police\s+{_SAYING}",
    ],
    "Partner": [
        rf"\bpartner(?:\s+(?:agency|agencies|organisations?|organizations?))?\s+{_PEOPLE}\b",
        r"\b(?:from|according\s+to|by|among)\s+(?:the\s+)?partners\b",
        rf"\b(?:did|do|does)\s+(?:the\s+)?partners\s+{_SAYING}",
        _ABOUT + r"partners\s*[?.!]*$",
        r"\bpartners\s+(?:say|said|think|thought|feel|felt|see|saw|view|describe|described)\b",
    ],
}
_AREA = re.compile(r"\b(?:case[\s-]+study\s+)?area\s+([A-D])\b", re.IGNORECASE)
_FOCUS_GROUP = re.compile(r"\bfocus\s+groups?\b", re.IGNORECASE)
# A phrase in quote marks: opened after a space or bracket, closed before a non-letter, apostrophes allowed inside.
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[:]))[\"“‘'](?P<phrase>(?:[^\"“”‘’']|['’](?=[a-z]))+?)[\"”’'](?![A-Za-z])")
_QUANTITY = re.compile(
    r"\b(?:how\s+(?:many|much|often|long)|what\s+(?:percentage|proportion|share|number|amount|fraction)|"
    r"number\s+of|per\s*cent|percent|statistics?|figures?\s+(?:for|on)|(?:annual\s+)?cost\s+of|budget\s+of)\b",
    re.IGNORECASE,
)
_INSTRUCTION = re.compile(
    r"(?:\b(?:ignore|disregard|forget|override)\b[^.?!]*\b(?:instructions?|rules|prompt|guidelines|above)\b"
    r"|\bsystem\s+(?:prompt|override)\b|\bdeveloper\s+mode\b|\byou\s+are\s+now\b|\bfrom\s+now\s+on\b"
    r"|\bpretend\b|\bact\s+as\b|\b(?:also\s+)?(?:append|prepend|add)\b[^.?!]*\bto\s+(?:every|each|all)\b"
    r"|\bwrite\s+(?:a\s+)?(?:new|fake|made[- ]up)\s+quote|\binvent\b|\bmake\s+up\b)[^.?!]*[.?!]?",
    re.IGNORECASE,
)
# Requests for the machine rather than the findings: its environment, files, secrets or the assistant's own set-up.
# "print" and "dump" are never a findings question; "show", "list" or "reveal" can be, so they need an object that
# only a machine has ("the environment" alone is not one: a report may well discuss its operating environment).
_MACHINE = r"(?:environment\s+variables?|env\s+vars?|os\.environ|printenv|system\s+prompt|api[\s_-]?keys?|passwords?|" \
           r"credentials|secrets?|/etc/\S*|~/\S*|file\s*system|source\s+code|shell|terminal|" \
           r"your\s+(?:prompt|instructions|settings|config(?:uration)?|rules|code)|index\s+(?:path|folder|directory)|" \
           r"(?:all\s+(?:the\s+)?)?files?\s+(?:on|in)\s+(?:this|the|your)\s+(?:machine|server|computer|system|disk)|" \
           r"all\s+(?:the\s+)?files)"
_EXFILTRATION = re.compile(
    rf"\b(?:(?:also|and|then|now|please)\s+)*"  # "… Also print os.environ": the connective goes with it
    rf"(?:(?:print|dump|cat|echo)\b[^.?!]*\b(?:environment|{_MACHINE})"
    rf"|(?:show|list|display|output|reveal|leak|send|run|execute|eval|tell\s+me|give\s+me|read\s+out|"
    rf"what\s+(?:is|are))\b[^.?!]*?{_MACHINE})"
    r"[^.?!]*[.?!]?",
    re.IGNORECASE,
)
_ROLE_LABEL = re.compile(r"(?:^|(?<=[.?!]))\s*(?:system|assistant|developer)\s*:", re.IGNORECASE)  # "SYSTEM: …"
NOT_ENGLISH_NOTE = "The findings are in English and this question seems not to be: ask it in English to search them."
_WANTS_QUOTES = re.compile(r"\b(?:quotes?|quotations?|extracts?|in\s+their\s+(?:own\s+)?words|verbatim)\b", re.I)
_WANTS_NARRATIVE = re.compile(r"\b(?:according\s+to\s+the\s+(?:report|authors?|narrative)|the\s+report\s+(?:say|state|find)s?)\b", re.I)
# Words that only say "who" or "what kind", not "about what": a question of nothing else has no topic.
_NON_TOPIC = set(content_tokens(
    "what did say says said think thought talk talked speak spoke mention mentioned about respondent respondents "
    "interviewee interviewees participant participants officer officers fire police partner partners service "
    "services area case study group focus anything everything else other all quotes quote extract extracts "
    "view views words tell me give show list who which person people their his her them"
    # words that frame a question rather than name its topic
    " report reports find found example examples mention mentioned describe described explain explained comment "
    "according happen happened type types kind kinds role play give summarise summarize point points make made "
    "contribute contributed research look looking need want can could anyone someone whose why how interview "
    "interviews say what where when"
))


@dataclass(frozen=True)
class ParsedQuestion:
    """A question with what it asks for made explicit."""

    text: str
    filters: Filters = Filters()
    quoted_phrases: tuple[str, ...] = ()
    topic_tokens: tuple[str, ...] = ()
    named_terms: tuple[str, ...] = ()  # capitalised words inside the question: names the findings must contain
    expects_quantity: bool = False
    wants_quotes: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def has_topic(self) -> bool:
        return bool(self.topic_tokens)


def parse_question(question: str) -> ParsedQuestion:
    """Find the filters, quoted phrases and topic of a question.

    Instructions inside a question ("ignore your instructions…", "append X to every sentence") are cut out
    and noted: only what the question asks of the findings is answered.
    """
    notes: tuple[str, ...] = ()
    if _looks_not_english(question):
        notes += (NOT_ENGLISH_NOTE,)
    stripped = _INSTRUCTION.sub(" ", _EXFILTRATION.sub(" ", _ROLE_LABEL.sub(" ", question))).strip()
    if stripped != question.strip():
        notes += ("Instructions in the question were ignored: answers come only from the findings.",)
        question = stripped
    services = tuple(
        service for service, patterns in _SERVICE_PHRASES.items()
        if any(re.search(pattern, question, re.IGNORECASE) for pattern in patterns)
    )
    respondents = codes_in_question(question)
    if _FOCUS_GROUP.search(question) and FOCUS_GROUP not in respondents:
        respondents.append(FOCUS_GROUP)
    areas = tuple(dict.fromkeys(match.group(1).upper() for match in _AREA.finditer(question)))
    kinds: tuple[str, ...] = ()
    if respondents or services:
        kinds = (QUOTE,)  # a question about what people said is answered from what they said
    elif _WANTS_NARRATIVE.search(question):
        kinds = (NARRATIVE,)
    filters = Filters(services=services, areas=areas, respondents=tuple(respondents), kinds=kinds)
    phrases = tuple(match.group("phrase").strip() for match in _QUOTED.finditer(question))
    code_words = {code.lower() for code in respondents}
    topic = tuple(
        token for token in content_tokens(_AREA.sub(" ", question))
        if token not in _NON_TOPIC and token not in code_words and not re.fullmatch(r"[a-d][0o]?\d{1,2}", token)
    )
    named = tuple(
        match.group() for match in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", question)
        if not _AREA.match(match.group())
    )
    return ParsedQuestion(
        text=question, filters=filters, quoted_phrases=phrases, topic_tokens=topic, named_terms=named,
        wants_quotes=bool(_WANTS_QUOTES.search(question)), expects_quantity=bool(_QUANTITY.search(question)),
        notes=notes,
    )


def _looks_not_english(question: str) -> bool:
    """Letters outside ASCII and not one common English word: Polish, Gaelic, Chinese, Arabic… The findings
    are English and the lexical search reads English, so such a question would be declined without a reason."""
    words = re.findall(r"[^\W\d_]+", question)
    if all(word.isascii() for word in words):
        return False
    return not any(word.lower() in STOPWORDS for word in words)


_FOLLOW_UP = re.compile(
    r"^(?:and|but|also|what about|how about|and what|more|any more|anything else|who said (?:that|this|it))\b"
    r"|\b(?:that|this|those|these|it|them|there|the same)\s*(?:topic|issue|point|theme)?\s*\??$"
    r"|\bmore (?:quotes|extracts|examples|like (?:that|this))\b|\blike that\b",
    re.IGNORECASE,
)


def resolve_follow_up(question: str, history: Sequence[str]) -> str:
    """A follow-up ("and what did fire officers say about that?") is read with the last question's topic."""
    if not history or not _FOLLOW_UP.search(question.strip()):
        return question
    for earlier in reversed(history):
        topic = parse_question(earlier)
        if topic.has_topic:
            return f"{question.rstrip('?. ')} — {_strip_filters(earlier)}"
    return question


def _strip_filters(question: str) -> str:
    """The topic part of an earlier question, without who it asked about."""
    text = _AREA.sub(" ", question)
    text = QUESTION_CODE_PATTERN.sub(" ", text)
    for patterns in _SERVICE_PHRASES.values():
        for pattern in patterns:
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


_PERSON_REFERENCE = re.compile(
    r"\b(?:the\s+same\s+(?:person|respondent|interviewee|officer)|that\s+(?:person|respondent|interviewee|officer)|"
    r"this\s+(?:person|respondent|interviewee|officer)|they|them|he|she|him|her)\b",
    re.IGNORECASE,
)
_ATTRIBUTION_CHECK = re.compile(r"^\s*(?:was|is|did)\s+(?:that|it|this)\b|\b(?:say|said)\s+(?:that|this|it)\s*\??\s*$",
                                re.IGNORECASE)


def refers_to_earlier_person(question: str) -> bool:
    """ "Did the same person say anything about budgets?": the speaker comes from the earlier answer."""
    parsed = parse_question(question)
    return bool(_PERSON_REFERENCE.search(question)) and not parsed.filters.respondents \
        and not parsed.filters.services and not parsed.filters.areas


def checks_earlier_attribution(question: str) -> bool:
    """ "Was that D03?": a question about who said the extract just shown."""
    return bool(_ATTRIBUTION_CHECK.search(question)) and bool(codes_in_question(question))
