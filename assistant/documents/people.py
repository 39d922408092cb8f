"""One person across the documents of one study. A code names a respondent of one document, but a study's
documents share their codes: a findings report quotes "(R07, care coordinator)" from the transcript of R07's
interview, a survey report quotes "ID 1045" from the export's row "Response 1045", and an interim and a final
report quote the same people by the same codes. Counting each document's R07 apart makes one person two.

Two documents are of one study when the respondents they both code are described alike (no group or place that
differs) and something links them beyond the code: one quotes the other's words for that code (six words or more
in a row), or two respondents or more agree on what tells people apart (a place, or a group when the documents
have several), or one names two of them or more in a sentence that names the other ("Four of the young people (R3,
R4, R5 and R6) also took part in the focus group" of "focus-group-young-people.txt"). Separate studies that reuse
"P1".."P12" describe some of them differently, or share no words.
Respondents so joined are one person, keyed by the document that quotes most people (the report), with the group
and place either document gives them. A focus group, or a speaker described with no code, is never joined.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from .attribution import fold_code
from .prose import split_sentences
from ..types import NARRATIVE, Passage

SHARED_WORDS = 6  # a run of this many words in both documents' extracts of one code: one quotes the other
AGREEING = 2  # …or this many respondents coded in both, alike in place or in an informative group…
MISDESCRIBED = 0.25  # …and no more than this share of those coded in both described differently
# A code as one person's: with a digit ("R07", "HT-03", "ID 1045") or one capitalised name (a pseudonym, "Amira")
_PERSONAL_CODE = re.compile(r"[A-Za-z#]*[\w.-]*\d[\w.-]*|[A-Za-z]{2,}[ .#:-]*\d+|[A-Z][a-z]+")
_WORD_AND_NUMBER = re.compile(r"(?P<word>[A-Za-z]{2,})[ .#:]+0*(?P<number>\d+)")  # "Response 1045", "ID 1045"
_CODE_IN_PROSE = re.compile(r"\b[A-Za-z]{1,3}[-_]?\d{1,4}\b")  # "R3", "P-07", "HT03" as a report's prose names them
_NAME_WORD = re.compile(r"[a-z]{4,}")  # a word of a document's name that can tell it from another ("focus", "group")


def same_people_across_documents(passages: Sequence[Passage]) -> list[Passage]:
    """``passages`` with the respondents of one study coded in several documents joined (``Passage.person``: the key
    of whom they are), each with the group and place either document gives them."""
    described = _described(passages)
    person_of = _joined(described, _naming_others(passages, described))
    if not person_of:
        return list(passages)
    keys_of: dict[str, list[str]] = {}
    for key, person in person_of.items():
        keys_of.setdefault(person, []).append(key)
    said = {person: (next((described[k].group for k in keys if described[k].group), ""),
                     next((described[k].area for k in keys if described[k].area), ""))
            for person, keys in keys_of.items()}  # the person's own document first
    joined = []
    for passage in passages:
        person = person_of.get(passage.respondent)
        if person:
            group, area = said[person]
            passage = replace(passage, person=person, group=passage.group or group, area=passage.area or area)
        joined.append(passage)
    return joined


class _Respondent:
    """What one document says of one of its respondents: their code as the study numbers people, group, place, and
    the runs of words they are quoted saying."""

    def __init__(self, document: str, identities: tuple[str, ...], group: str, area: str, quoted: int) -> None:
        self.document, self.identities, self.group, self.area = document, identities, group, area
        self.quoted = quoted  # how many respondents their document quotes
        self.runs: set[int] = set()  # (each run's hash: a large library's extracts hold millions of runs)


def _described(passages: Sequence[Passage]) -> dict[str, _Respondent]:
    """The respondents whose codes number someone in another document too, as their documents describe them."""
    codes_of: dict[str, set[str]] = {}
    for passage in passages:
        if passage.is_attributed:
            codes_of.setdefault(passage.source, set()).add(passage.code)
    identities = {document: _identities(codes) for document, codes in codes_of.items()}
    documents_of: dict[str, set[str]] = {}
    for document, found in identities.items():
        for identity in {identity for each in found.values() for identity in each}:
            documents_of.setdefault(identity, set()).add(document)
    described: dict[str, _Respondent] = {}
    for passage in passages:
        found = identities.get(passage.source, {}).get(passage.code) if passage.is_attributed else None
        if not found or not any(len(documents_of[identity]) > 1 for identity in found) \
                or dict(passage.facets).get("kind", "").lower() in ("group", "focus group"):
            continue
        who = described.setdefault(passage.respondent, _Respondent(passage.source, found, passage.group, passage.area,
                                                                   len(codes_of[passage.source])))
        who.group, who.area = who.group or passage.group, who.area or passage.area
        words = re.findall(r"[a-z0-9]+", passage.text.lower())
        who.runs.update(hash(tuple(words[n:n + SHARED_WORDS])) for n in range(len(words) - SHARED_WORDS + 1))
    return described


def _identities(codes: set[str]) -> dict[str, tuple[str, ...]]:
    """How a document's codes number people across the study: folded ("R07" and "r7" alike), and a word and a
    number by the number alone, when no other code of the document has it ("Response 1045" where another document
    says "ID 1045")."""
    numbered = {code: found for code in codes if (found := _WORD_AND_NUMBER.fullmatch(code))}
    numbers = Counter(int(found["number"]) for found in numbered.values())
    return {code: (fold_code(code), *([f"#{number}"] if code in numbered and numbers[number] == 1 else []))
            for code in codes if _PERSONAL_CODE.fullmatch(code)
            for number in [int(numbered[code]["number"]) if code in numbered else 0]}


def _naming_others(passages: Sequence[Passage], described: dict[str, _Respondent]) -> set[tuple[str, str]]:
    """The (document, other document) pairs where the first's narrative names ``AGREEING`` or more respondents the
    other codes too, in a sentence that holds most of the words of the other's name and title that are not of its
    own."""
    coded: dict[str, set[str]] = {}  # document -> the identities it codes that another document codes too
    for who in described.values():
        coded.setdefault(who.document, set()).update(who.identities)
    titles = {passage.source: passage.document for passage in passages if passage.source in coded}
    names = {source: set(_NAME_WORD.findall(f"{source} {title}".lower())) for source, title in titles.items()}
    naming = set()
    for passage in passages:
        if passage.kind != NARRATIVE or passage.source not in coded or len(_CODE_IN_PROSE.findall(passage.text)) < 2:
            continue
        for sentence in (passage.text[start:end] for start, end in split_sentences(passage.text)):
            named = {fold_code(code) for code in _CODE_IN_PROSE.findall(sentence)} & coded[passage.source]
            words = set(re.findall(r"[a-z]+", sentence.lower()))
            naming.update((passage.source, other) for other, codes in coded.items() if other != passage.source
                          and len(named & codes) >= AGREEING and _names(words, names[other] - names[passage.source]))
    return naming


def _names(words: set[str], name: set[str]) -> bool:
    """Whether ``words`` (a sentence's) hold most of ``name`` (a document's words for itself): "the focus group" of
    "focus-group-young-people.txt", not "the young people" alone."""
    return 2 * len(words & name) > len(name)


def _joined(described: dict[str, _Respondent], naming: set[tuple[str, str]] = frozenset()) -> dict[str, str]:
    """The key of the person each joined respondent is (the person's own key among them); ``naming``: the pairs of
    documents where the first names the other's respondents (``_naming_others``)."""
    by_identity: dict[str, dict[str, str]] = {}  # identity -> document -> key
    for key, who in described.items():
        for identity in who.identities:
            by_identity.setdefault(identity, {})[who.document] = key
    groups_of: dict[str, set[str]] = {}
    for who in described.values():
        groups_of.setdefault(who.document, set()).add(who.group.casefold())
    shared: dict[tuple[str, str], set[tuple[str, str]]] = {}  # pair of documents -> their keys of each shared code
    for documents in by_identity.values():
        for first, second in combinations(sorted(documents), 2):
            shared.setdefault((first, second), set()).add((documents[first], documents[second]))
    parent: dict[str, str] = {}
    documents_of = {key: {who.document} for key, who in described.items()}  # of each person, by their first key

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for (first, second), pairs in shared.items():
        named = (first, second) in naming or (second, first) in naming
        for one, other in _one_study(pairs, described, len((groups_of[first] | groups_of[second]) - {""}) > 1, named):
            one, other = root(one), root(other)
            if one != other and not documents_of[one] & documents_of[other]:  # two of one document are two people
                parent[other] = one
                documents_of[one] |= documents_of[other]
    people: dict[str, list[str]] = {}
    for key in parent:
        people.setdefault(root(key), []).append(key)
    person_of = {}
    for keys in people.values():
        keys = sorted(set(keys) | {root(keys[0])}, key=lambda k: (-described[k].quoted, k))
        person_of.update((key, keys[0]) for key in keys)
    return person_of


def _one_study(pairs: set[tuple[str, str]], described: dict[str, _Respondent], groups_tell: bool,
               named: bool = False) -> set:
    """The pairs of ``pairs`` (two documents' respondents who share a code) that are one person: those described
    alike, when the documents are of one study: one names the other's respondents (``named``), or quotes the
    other's words for such a code, or enough agree in a place (or a group, when ``groups_tell``), and few are
    described differently (a survey export's "community or voluntary group" is its report's "community group";
    another study's "P3, nurse" is not its "P3, doctor")."""
    alike = {(one, other) for one, other in pairs if _alike(described[one], described[other])}
    agreeing = sum(bool(a.area and a.area.casefold() == b.area.casefold()
                        or groups_tell and a.group and a.group.casefold() == b.group.casefold())
                   for a, b in ((described[one], described[other]) for one, other in alike))
    if len(pairs) - len(alike) > MISDESCRIBED * len(pairs):
        return set()
    if named or agreeing >= AGREEING or any(described[one].runs & described[other].runs for one, other in alike):
        return alike
    return set()


def _alike(one: _Respondent, other: _Respondent) -> bool:
    """Whether two documents describe a respondent alike: the same place, and the same group, or one in more words
    ("community group", "community or voluntary group"), where both say."""
    if one.area and other.area and one.area.casefold() != other.area.casefold():
        return False
    if not (one.group and other.group):
        return True
    words, others = set(re.findall(r"\w+", one.group.casefold())), set(re.findall(r"\w+", other.group.casefold()))
    return words <= others or others <= words
