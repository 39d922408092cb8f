"""Attributions that open with a person's name: "(Stan, learner, 80, Fenwick)", "— "Margaret", learner, 71
(Ashbury)", "(Helen, programme manager)".

Read one by one, each looks like an attribution by role ("Youth worker, Site 1"), so every name became a group of
one. Only the document's attributions together tell them apart: a name belongs to one person (it comes with the
same parts each time) and is nobody's role, while a role is shared ("learner" by Stan, Margaret and Beryl). Then
the name is who spoke (the code), the part most people share their group, a place several share their area and
a bare number their age.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .attribution import Attribution, is_by_role
from .structure import Extract

_NAME = re.compile(r"[A-Z][a-z'’-]+")  # one capitalised word: "Stan", "Margaret", "O'Neill"
MIN_NAMES = 3  # people named before the document's attributions are read as names
ONE_PERSON_SHARE = 0.8  # of the names, those that always come with the same parts


def named_first(extracts: list[Extract]) -> list[Extract]:
    """The extracts, their speakers recoded by name when the document's attributions open with names."""
    parts_of: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for who in _by_name(extracts):
        parts_of[who.group].add(_parts(who))
    one_person = sum(len(found) == 1 for found in parts_of.values())  # names that always come with the same parts
    if len(parts_of) < MIN_NAMES or one_person < ONE_PERSON_SHARE * len(parts_of):
        return extracts
    sharing: dict[str, set[str]] = defaultdict(set)  # a part: the names that come with it
    for name, found in parts_of.items():
        for parts in found:
            for part in parts:
                sharing[part].add(name)
    roles = {part for part, names in sharing.items() if len(names) >= 2 and part[:1].islower()}
    places = {part for part, names in sharing.items() if len(names) >= 2 and _NAME.match(part) and part not in roles}
    if not roles and len(places) < 2 or set(parts_of) & set(sharing):  # nothing shared, or a "name" is a part
        return extracts
    return [replace(extract, respondent=_recoded(who, sharing, roles, places if len(places) >= 2 else set()))
            if (who := extract.respondent) is not None and who.group in parts_of else extract
            for extract in extracts]


def _by_name(extracts: list[Extract]) -> list[Attribution]:
    return [who for extract in extracts if (who := extract.respondent) is not None and is_by_role(who)
            and _NAME.fullmatch(who.group) and _parts(who)]


def _parts(who: Attribution) -> tuple[str, ...]:
    return tuple(value for kind, value in who.facets if kind in ("detail", "where"))


def _recoded(who: Attribution, sharing: dict[str, set[str]], roles: set[str], places: set[str]) -> Attribution:
    """``who`` as the named person: the role they share with most others (or their own, unshared), the place they
    share with others (a place numbered, "Group 2", stays where they are, for the corpus to name), an age."""
    parts = _parts(who)
    group = max((part for part in parts if part in roles), key=lambda part: len(sharing[part]),
                default=next((part for part in parts if part[:1].islower()), ""))
    area = next((value for kind, value in who.facets if kind == "detail" and value in places), "")
    facets = tuple(("age", value) if value.isdigit() and 10 <= int(value) <= 110 else (kind, value)
                   for kind, value in who.facets if kind != "detail" or value not in (group, area))
    return replace(who, code=who.group, group=group, area=area, facets=facets)
