"""Who and what a question is scoped to, as every answer form reads it: its who-filters, a comparison side's
filters with them, the areas' labels, whether a sentence names some groups, whether it asks for one quote, the
sections a respondent is quoted in."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from ..evidence import Evidence
from ..query import NAMED, PERSONS, SAYING
from ...documents.prose import section_name
from ...types import Filters


def area_label(evidence: Evidence, facet: str, value: str) -> str:
    """How an area is named to a reader ("Area B", "Site 3", as the documents call their areas); "" otherwise."""
    if facet != "area":
        return ""
    return evidence.directory.area_label(value, evidence.question.filters.sources)


def facets(filters: Filters):
    """The who-fields of ``filters`` in the order ``Directory.matching`` takes them."""
    return filters.groups, filters.areas, filters.respondents, filters.sources


def naming_groups(evidence: Evidence, groups: Collection[str]) -> Callable[[str], object] | None:
    """What finds, in a sentence, a name of any of ``groups`` by any of the library's words for them ("nurses",
    "nursing staff"); None when the library has no word for them."""
    return _finding([term for term, group in evidence.directory.group_terms() if group in groups])


# What a report says a group said or thought ("Nurses described …", "Tutors were unanimous …", "Supporters, including
# all five housing associations, cited …"): after the group's word, within six words, a verb of saying or being.
_SAID_OF_THEM = re.compile(rf"(?:[\s,'’()]+[\w'’-]+){{0,6}}?[\s,'’()]+(?:{SAYING}|were|was|are|is|had|have|cited|"
                           r"credited|welcomed|praised|worried|called|found|considered|identified|stressed|"
                           r"emphasi[sz]ed|commented|recogni[sz]ed|acknowledged|preferred|liked|disliked|struggled|"
                           r"spoke|recalled|asked|complained|questioned|doubted|feared|hoped|expected)\b",
                           re.IGNORECASE)


def naming_first(evidence: Evidence, groups) -> Callable[[str], bool] | None:
    """Whether a sentence names one of ``groups`` before any other group; None when the library has no word for
    them."""
    theirs = naming_groups(evidence, groups)
    every = naming_groups(evidence, {group for _, group in evidence.directory.group_terms()})
    if theirs is None or every is None:
        return None
    return lambda sentence: bool((first := every(sentence)) and theirs(first.group()))


def saying_of(evidence: Evidence, groups) -> Callable[[str], bool] | None:
    """Whether a sentence says what one of ``groups`` said or thought: their word, then a verb of saying or being
    before any other group's word ("Tutors were unanimous that …", "Nurses working evening shifts raised concerns
    …"; not "Where several nurses visited, patients said …"); None when the library has no word for them."""
    terms = [term for term, group in evidence.directory.group_terms() if group in groups]
    every = naming_groups(evidence, {group for _, group in evidence.directory.group_terms()})
    return _saying(_words_for([*terms, *_bodies(terms)]), every) if every is not None else None


def saying_of_side(evidence: Evidence, facet: str, value: str) -> Callable[[str], bool] | None:
    """Whether a sentence says what a comparison side's people said, thought or did (``saying_of``): "Nurses
    described …"; of an area, its name then such a verb ("families in Dunmere … rarely mentioned travel"), before
    any other area's. None when the library has no word for the side."""
    if facet == "group":
        return saying_of(evidence, {value})
    if facet != "area":
        return None
    return _saying(_words_for(_area_terms(evidence, value)),
                   _finding([term for area in evidence.directory.areas() if area != value
                             for term in _area_terms(evidence, area)]))


# Someone else's saying, about those named next: "Patients said the nurses were kind", "Parents told us that teachers
# …": what follows is what the first said.
_SAID_BY_ANOTHER = re.compile(rf"\s+(?:[\w'’-]+\s+){{0,2}}?{SAYING}(?:\s+(?:us|me|them))?(?:\s+that)?"
                              r"(?:\s+(?:the|their|its|some|many|most|several|all))?\s+$", re.IGNORECASE)


def _saying(theirs: re.Pattern | None, others: Callable[[str], object] | None) -> Callable[[str], bool] | None:
    """Whether a sentence names someone by ``theirs`` and then, before any name ``others`` finds, has a verb of
    saying or being (``_SAID_OF_THEM``), and is not what another it names before them said of them
    (``_SAID_BY_ANOTHER``); None when there is no word for them."""
    if theirs is None:
        return None

    def says(sentence: str) -> bool:
        first = others(sentence) if others is not None else None
        for named in theirs.finditer(sentence):
            after = sentence[named.end():]
            other = others(after) if others is not None else None
            if first is not None and first.start() < named.start() \
                    and _SAID_BY_ANOTHER.match(sentence[first.end():named.start()]):
                continue  # "Patients said the nurses were kind": the patients' saying
            if _SAID_OF_THEM.match(after[:other.start()] if other else after):
                return True
        return False

    return says


def _bodies(terms: Sequence[str]) -> list[str]:
    """Shorter names a report gives the people of some group terms, and the bodies it says spoke for them: of "GP
    practice staff", "practice staff" and "GP practice(s)", "practice(s)" ("Practice staff reported …", "The
    practices were cautious …")."""
    names = []
    for term in terms:
        words = term.split()
        if len(words) < 2 or not re.fullmatch(PERSONS, words[-1], re.IGNORECASE):
            continue
        names += [" ".join(words[start:]) for start in range(1, len(words) - 1)]
        names += [f"{' '.join(words[start:-1])}{plural}" for start in range(len(words) - 1) for plural in ("", "s")]
    return names


def naming_side(evidence: Evidence, facet: str, value: str) -> Callable[[str], object] | None:
    """What finds, in a sentence, a name of a comparison side's group or area by any of the library's words for it
    ("nurses"; "Hillview", "Area B"); None when the library has no word for it that a sentence could hold."""
    if facet == "group":
        return naming_groups(evidence, {value})
    if facet == NAMED:
        return _finding([value])
    if facet != "area":
        return None
    return _finding(_area_terms(evidence, value))


def _area_terms(evidence: Evidence, value: str) -> list[str]:
    """The library's words for an area, and its label when that is more than its value ("Area B", never a bare
    "B")."""
    label = area_label(evidence, "area", value)
    return [term for term, area in evidence.directory.area_terms() if area == value] + ([label] if " " in label else [])


def _finding(terms: Sequence[str]) -> Callable[[str], object] | None:
    """What finds any of ``terms`` as whole words in a sentence, in any case; None for no terms."""
    words = _words_for(terms)
    return words.search if words else None


def _words_for(terms: Sequence[str]) -> re.Pattern | None:
    """Any of ``terms`` as whole words, in any case; None for no terms."""
    return re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, terms)), re.IGNORECASE) if terms else None


def who_asked(evidence: Evidence) -> Filters:
    """The question's who-filters (groups, areas, respondents, documents), without its kind."""
    filters = evidence.question.filters
    return Filters(groups=filters.groups, areas=filters.areas, respondents=filters.respondents,
                   sources=filters.sources)


def merged_scope(filters: Filters, evidence: Evidence) -> Filters:
    """A comparison side's ``filters``, each field the side leaves empty taken from the question's who-filters."""
    who = who_asked(evidence)
    return Filters(groups=filters.groups or who.groups, areas=filters.areas or who.areas,
                   respondents=filters.respondents or who.respondents, sources=filters.sources or who.sources)


# "a quote", "a short, punchy quote", "one line", "one strong quote", "the best extract"
_ONE_QUOTE = re.compile(r"\b(?:any|which|best|(?:an?|one|a\s+single)(?:\s+[\w'’-]+,?(?:\s+and)?){0,3})\s+"
                        r"(?:quote|quotation|extract|excerpt|line|soundbite)\b", re.IGNORECASE)


# "one quote", "a single line", "just one extract": one, and only one, whatever ties with it
_ONLY_ONE = re.compile(r"\b(?:one|single)\s+(?:[\w'’-]+\s+){0,2}?(?:quote|quotation|extract|excerpt|line|soundbite)\b",
                       re.IGNORECASE)


def asks_for_one(question: str) -> bool:
    """ "A quote on …", "Any quote …?", "Which quote best shows …": one, not a list."""
    return bool(_ONE_QUOTE.search(question)) and not re.search(r"\bquotes\b|\bextracts\b", question, re.IGNORECASE)


def asks_for_only_one(question: str) -> bool:
    """ "One quote on …", "a single line …": one, and not those the ranking cannot tell from it."""
    return asks_for_one(question) and bool(_ONLY_ONE.search(question))


def sections_of(evidence: Evidence, keys: Sequence[str]) -> list[str]:
    """The names of the sections the respondents ``keys`` are quoted in, in order, four at most (what a decline
    about them points to)."""
    names: list[str] = []
    for passage in (extract for key in keys for extract in evidence.prevalence.extracts_of(key)):
        section = section_name(passage.section)
        if section and section not in names:
            names.append(section)
    return names[:4]
