"""The abbreviations a library defines in its own text ("Patient Safety Huddles ( PSHs)", "health care
assistants (HCAs)"), so that a passage written in one form holds the words of a question in the other: reports name a
thing in full once and by its letters after, and speakers use either."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from ..text import content_tokens

TOPICS_KEPT = 64  # topics whose abbreviations are kept worked out (a question weighs many sentences against one)
# Words before a bracketed run of two to ten capitals, an "s" allowed after them: "… Huddles ( PSHs)".
_DEFINED = re.compile(r"((?:[^\W\d_][\w'’-]*[ \t]+){1,12})\(\s*([A-Z][A-Z]{1,9})s?\s*\)")
_JOINING = frozenset("of and for the in on to a an".split())  # words a long form holds that give it no letter


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Each abbreviation the texts define, as its token, with the words it stands for: those just before it whose
    first letters spell it, joining words aside ("Royal College of Nursing (RCN)"). The first definition
    of an abbreviation holds."""
    found: dict[str, str] = {}
    for text in texts:
        if "(" not in text:
            continue
        for match in _DEFINED.finditer(text):
            words = _spelling(match.group(2).lower(), match.group(1).split())
            token = content_tokens(match.group(2))
            if words and len(token) == 1 and token[0] not in found and len(set(content_tokens(" ".join(words)))) >= 2:
                found[token[0]] = " ".join(words)
    return found


def _spelling(letters: str, words: list[str]) -> list[str] | None:
    """The last of ``words`` whose first letters are ``letters``, with the joining words between them; None when
    the words before the brackets do not spell it."""
    chosen: list[str] = []
    position = len(letters) - 1
    for word in reversed(words):
        if position < 0:
            break
        if chosen and word.lower() in _JOINING:
            chosen.insert(0, word)
            continue
        if word[0].lower() != letters[position]:
            return None
        chosen.insert(0, word)
        position -= 1
    return chosen if position < 0 else None


class Abbreviations:
    """A library's abbreviations, both ways, for a topic that asks for one: a passage that holds it holds the words it
    stands for, one that holds all of those words holds it, and one that holds only some of them holds none (the
    words of a name are not the name)."""

    def __init__(self, written: Mapping[str, str] = ()) -> None:
        """``written``: each abbreviation's token and the words it stands for (``defined_abbreviations``)."""
        self.written = dict(written)
        self.defined = {token: tuple(dict.fromkeys(content_tokens(long))) for token, long in self.written.items()}
        self._asked = lru_cache(maxsize=TOPICS_KEPT)(self._asked_by)

    def __bool__(self) -> bool:
        return bool(self.defined)

    def asked(self, topic: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The (abbreviation, its words) a topic asks for in either form: it holds the abbreviation, or every word."""
        return self._asked(frozenset(topic)) if self.defined else ()

    def _asked_by(self, topic: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((token, long) for token, long in self.defined.items() if token in topic or topic.issuperset(long))

    def other_forms(self, topic: Iterable[str]) -> list[tuple[str, float]]:
        """The tokens of the other form of each name ``topic`` asks for, weighed as the form asked is: the
        abbreviation for the words in full, as three words ("psh" for "patient safety huddles"), and each of the
        words, at a third, for "PSHs"."""
        topic = frozenset(topic)
        forms = []
        for abbreviation, name in self.asked(topic):
            if abbreviation not in topic:
                forms.append((abbreviation, float(len(name))))
            elif not topic.issuperset(name):
                forms += [(token, 1 / len(name)) for token in name]
        return forms

    def held(self, topic: Iterable[str], tokens: set[str]) -> set[str]:
        """``tokens`` as they hold the topic's words: an abbreviation holds the words it stands for and they hold it
        (``apart`` says which words do not hold it)."""
        held = set(tokens)
        for token, long in self.asked(topic):
            if token in tokens or tokens.issuperset(long):
                held.update(long)
                held.add(token)
        return held

    def apart(self, topic: Iterable[str], tokens: set[str]) -> set[str]:
        """The words of a name the topic asks for in full that ``tokens`` do not hold as the name (in full or
        abbreviated): a name's words apart are not the name, nor is a word like one of them ("empowered" is not the
        Community Empowerment Act)."""
        topic = frozenset(topic)
        return {word for token, long in self.asked(topic)
                if topic.issuperset(long) and not (token in tokens or tokens.issuperset(long)) for word in long}
