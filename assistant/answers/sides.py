"""The two sides of a topic an evaluation reports on, and which of them a text names: what stands in its way and
what helps it. A report heads them in its own words ("Barriers to …", "Challenges faced by …", "Facilitators
and …", "What worked well"), which a question seldom repeats ("What gets in the way of …?", "What helps …
succeed?"). Generic English, so that a question and a heading naming one side in different words are matched."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..text import content_tokens

# "holds staff back", "is holding the new clinics back": whom it holds back is what the side is of, not the side
_BACK = r"(?P<held>(?:\w+\s+){0,3})back"
_SIDES = {
    "obstacles": re.compile(
        r"\b(?:barriers?|obstacles?|challenges?|difficult(?:y|ies)|hinder\w*|hindrances?|constraints?|impediments?"
        r"|frustrat\w*|problems?(?!-)|drawbacks?|shortcomings?|setbacks?|pitfalls?|bottlenecks?|failings?|flaws?"
        r"|complain\w*|grievances?|critici[sz]\w*|weakness(?:es)?"
        # what did not work, or went wrong ("What didn't work well?")
        r"|(?:did|does|do|has|have)(?:n['’]?t|\s+not)\s+work(?:ed)?(?:\s+well|\s+out)?|(?:went|go|goes|going)\s+wrong"
        r"|(?:gets?|got|getting|stands?|stood|standing)\s+in\s+(?:the|their|its|"
        rf"his|her|our|your)\s+way|(?:holds?|held|holding)\s+{_BACK}|prevent(?:s|ed|ing)?|stop(?:s|ped|ping)?)\b",
        re.IGNORECASE),
    "enablers": re.compile(
        r"\b(?:facilitat\w*|enabl\w*|helps?|helped|helping|helpful|success(?:es|ful|fully)?|succeed(?:s|ed|ing)?"
        r"|(?<!n't\s)(?<!n’t\s)(?<!not\s)(?:works?\s+well|worked\s+well)|what\s+works(?:\s+well)?|strengths?)\b",
        re.IGNORECASE),
}

SIDES = frozenset(_SIDES)

# What is to be done, as a text says it: "We recommend that the landlord:", "a participant proposed …", "should"…
_TO_BE_DONE = (r"recommend(?:s|ed|ing)?|suggest(?:s|ed|ing)?|propos(?:e|es|ed|ing)|urge[sd]?|"
               r"call(?:s|ed|ing)?\s+(?:on|for)|should|must")
RECOMMENDS = re.compile(rf"\b(?:{_TO_BE_DONE})\b", re.IGNORECASE)
# …or names it: "The review makes these recommendations:"
RECOMMENDING = re.compile(rf"\b(?:recommendations?|suggestions?|proposals?|{_TO_BE_DONE})\b", re.IGNORECASE)


def sides_named(text: str) -> frozenset[str]:
    """The sides ("obstacles", "enablers") ``text`` names."""
    return frozenset(side for side, pattern in _SIDES.items() if pattern.search(text))


# What denies a side just before its word ("not identified, or presented, as an insurmountable barrier", "no real
# obstacle", "rather than a hindrance", "solving a transport problem", "dealing with the underlying problem"): a
# sentence that says so does not name that side.
_DENIED = re.compile(r"\b(?:no|(?:not|never|nor|rather\s+than)\s+an?|without(?:\s+any)?|"
                     r"not\s+(?:[\w'’-]+,?\s+){0,6}?as(?:\s+an?|\s+the)?|"
                     r"(?:(?:solv|overc[ao]m|tackl|address|remov|eas)\w*|deal(?:s|t|ing)?\s+with)"
                     r"(?:\s+(?:an?|the|their|its|this|these|many))?)"
                     r"\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)


def naming_sides(sides: frozenset[str]) -> Callable[[str], bool] | None:
    """Whether a sentence names any of ``sides``, other than in denying it ("not … an insurmountable barrier");
    None for no sides."""
    pattern = _naming(sides)
    if pattern is None:
        return None

    def names(sentence: str) -> bool:
        return any(not _DENIED.search(sentence, max(0, found.start() - 80), found.start())
                   for found in pattern.finditer(sentence))
    return names


@functools.cache
def _naming(sides: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern that finds words naming any of ``sides`` in a text; made once for each."""
    return re.compile("|".join(_SIDES[side].pattern for side in sorted(sides)), re.IGNORECASE) if sides else None


def side_words(text: str) -> int:
    """How many words of ``text`` name a side of what it is about (a heading that names both, "Barriers and
    facilitators", or one twice, "Barriers … Challenges faced by …", is about the sides more than one naming
    one in passing)."""
    return sum(len(pattern.findall(text)) for pattern in _SIDES.values())


def without_sides(text: str) -> list[str]:
    """The content tokens of ``text`` that do not name a side: what the sides are of ("community health workers
    doing their job" of "What gets in the way of community health workers doing their job?")."""
    return content_tokens(unsided(text))


def unsided(text: str) -> str:
    """``text`` with the words that name a side taken out ("with waste collection" of "problems with waste
    collection")."""
    for pattern in _SIDES.values():
        text = pattern.sub(lambda found: f" {found.groupdict().get('held') or ''} ", text)
    return text


def side_tokens(text: str) -> set[str]:
    """The content tokens of ``text`` that name a side ("problem" of "What are the main problems with it?")."""
    named = []
    for pattern in _SIDES.values():
        for found in pattern.finditer(text):
            held = set(content_tokens(found.groupdict().get("held") or ""))
            named += [token for token in content_tokens(found.group()) if token not in held]
    return set(named)
