"""Comparisons: each group, area, respondent or document named, side by side, with their extracts on the topic and
their counts, each headed by what the report says of it alone; a side with none says so."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from .grounds import THEMES_MAX, covered, decline_for, from_findings, strong_narrative
from .quotes import quotes_answer
from .scope import area_label, facets, merged_scope, naming_side, saying_of_side
from .summary import central_extracts
from ..blocks import Block, Claim, Comparison, Lead, Notes, Side
from ..evidence import Evidence, lead_sentences, rank_quotes, trimmed
from ..query import NAMED, OTHERS
from ...documents.prose import section_name
from ...text import content_tokens
from ...types import QUOTE, Filters

QUOTES_PER_SIDE = 3
HOLDS_TOPIC = 0.5  # a passage that holds this (IDF-weighted) share of the topic's words speaks to it for its document


def comparison_answer(evidence: Evidence) -> list[Block]:
    """Each compared group's (area's, respondent's, document's) evidence side by side; a side with none says so
    plainly. Asked which documents speak to a topic, each that does is a side."""
    question = evidence.question
    sides = list(question.compared)
    every_document = sides[:1] == [("source", "*")]  # "Which reports mention …?"
    if sides and sides[0][1] == "*":
        facet = sides[0][0]
        values = evidence.directory.areas() if facet == "area" else evidence.directory.groups() if facet == "group" \
            else _documents_on_it(evidence)
        sides = [(facet, value) for value in values]
    if len(sides) < 2 and not (sides and sides[0][0] == "source"):  # one document on it is still the answer
        return quotes_answer(evidence)
    if not question.has_topic:  # "Compare area A and area B": what each side said most, in their own words
        return [Comparison(tuple(_side_overall(evidence, facet, value) for facet, value in sides))]
    coverage = covered(evidence)
    if not coverage.covered:
        return decline_for(evidence, coverage)
    vector = evidence.embed(question.text)
    topic_cosine = evidence.prevalence.cosines(evidence.embed(evidence.topic_phrase()))  # (the sides' own)
    filed = len(evidence.prevalence.filed_rows(evidence.topic)) > 0  # "training" of a section "Training"
    # whether anyone in scope says it in its words: then a side whose people do not has nothing on it ("the Community
    # Empowerment Act", which partners name); else its people may say it in their own ("getting through to the
    # practice": the phone, the bus, the form)
    in_words = evidence.prevalence.who_spoke(evidence.topic_phrase(), vector, evidence.topic,
                                             merged_scope(Filters(), evidence), topic_cosine=topic_cosine).count > 0
    columns = []
    for facet, value in sides:
        if facet == "respondent":
            columns.append(_respondent_side(evidence, value, vector))
            continue
        if facet == NAMED:
            columns.append(_named_side(evidence, value, [other for _, other in sides if other != value]))
            continue
        filters = _side_filters(evidence, facet, value)
        scope = merged_scope(filters, evidence)
        items = [item for item in evidence.retrieve(question.text, scope, 8) if item.passage.kind == QUOTE]
        who = evidence.prevalence.who_spoke(evidence.topic_phrase(), vector, evidence.topic, scope,
                                            topic_cosine=topic_cosine)
        spoke = who.spoke_keys()
        if filed:  # the report files who speaks to it under its heading: no one else's words are shown for it
            items = [item for item in items if item.passage.respondent in spoke]
        items.sort(key=lambda item: item.passage.respondent not in spoke)  # those who spoke to it first
        if spoke:
            shown, _ = rank_quotes(evidence, items, QUOTES_PER_SIDE)
        else:  # no one holds its words: those that say it in their own, above the library's on-topic line
            on_it = [] if in_words else [item for item in items
                                         if evidence.relevance(item) >= evidence.calibration.on_topic]
            shown, _ = rank_quotes(evidence, on_it, QUOTES_PER_SIDE) if on_it else ([], [])
        voices = {quote.citation.respondent for quote in shown}
        unheard = [mention for mention in who.strongest(QUOTES_PER_SIDE) if mention.respondent.key not in voices]
        # counted as speaking to it: their words on it, not "2 of 3" over one voice, nor "1 of 16" with none shown
        shown += [trimmed(mention.best, evidence.topic, evidence.weights)
                  for mention in unheard[:QUOTES_PER_SIDE - len(shown)]]
        # those quoted are counted too: "1 of 3" over two voices' quotes misleads
        quoted = {quote.citation.passage_id for quote in shown}
        who = who.including(item.passage.respondent for item in items if item.passage.passage_id in quoted)
        claims = _said_in(evidence, value) if facet == "source" else ()  # a document's own words on it first
        columns.append(Side(_side_name(evidence, facet, value), facet, claims, tuple(shown), who.count, who.total, "",
                            _label(evidence, facet, value)))
    of_documents = any(side.facet == "source" for side in columns)  # each with its own words: no lead over them
    lead = [] if of_documents else _lead(evidence, sides)
    columns = _with_what_is_said_of_each(evidence, columns, lead)
    blocks: list[Block] = [Lead(tuple(lead))] if lead else []
    if every_document:
        total = len(evidence.reading.sources())
        blocks.append(Notes((f"{len(columns)} of the library's {total} documents speak to this: "
                             f"{'; '.join(side.name for side in columns)}." if total > 1 else
                             "The library holds one document: what it says on this.",)))
    return blocks + [Comparison(tuple(columns), evidence.topic_phrase())]


def _documents_on_it(evidence: Evidence) -> list[str]:
    """The documents whose passages found for the question hold most of its topic's words (``HOLDS_TOPIC``), best
    first, ``THEMES_MAX`` at most: which of a library's reports speak to it."""
    found = [item.passage.source for item in evidence.topic_candidates or evidence.candidates
             if evidence.weights.coverage(evidence.topic, content_tokens(item.passage.text)) >= HOLDS_TOPIC]
    return list(dict.fromkeys(found))[:THEMES_MAX]


def _said_in(evidence: Evidence, document: str) -> tuple[Claim, ...]:
    """The document's own sentence that best answers the question, when it has one: a side of a comparison of
    documents."""
    narrative = evidence.narrative(evidence.retrieve(evidence.question.text, Filters(sources=(document,)), 8))
    return tuple(lead_sentences(evidence, narrative, 1, minimum_share=0.5, standalone=True))


def _with_what_is_said_of_each(evidence: Evidence, columns: Sequence[Side], lead: Sequence[Claim]) -> list[Side]:
    """Each group's or area's side headed by the report's own sentence on the topic that names it ("By contrast,
    passengers in Kelton Uplands were more forgiving …"), when there is one: how the sides differ, in the report's
    words. A sentence that names another side too ("… ward staff, pharmacists and partner agencies …") is of neither;
    one is given once. A side no extract speaks for says so plainly."""
    given = list(lead)
    namers = {side.name: naming_side(evidence, side.facet, side.name) for side in columns}
    sides = []
    for side in columns:
        if side.facet in ("group", "area") and not side.claims and namers[side.name] is not None:
            others = [namer for name, namer in namers.items() if name != side.name and namer is not None]
            claims = _said_of_side(evidence, _naming_only(namers[side.name], others), given,
                                   saying_of_side(evidence, side.facet, side.name))
            given += claims
            side = dataclasses.replace(side, claims=tuple(claims))
            if not side.quotes:
                side = dataclasses.replace(side, note=f"No extract from {side.heading} speaks to this"
                                           + ("; what the report says of them:" if claims else "."))
        elif not side.quotes and not side.claims:
            side = dataclasses.replace(side, note=f"No extract from {side.heading} speaks to this.")
        sides.append(side)
    return sides


def _naming_only(naming: Callable[[str], object], others: Sequence[Callable[[str], object]]) -> Callable[[str], bool]:
    """Whether a sentence names one side (``naming``) and none of the ``others``."""
    return lambda sentence: bool(naming(sentence)) and not any(other(sentence) for other in others)


def _said_of_side(evidence: Evidence, naming: Callable[[str], bool], given: Sequence[Claim],
                  saying: Callable[[str], bool] | None) -> list[Claim]:
    """The report's sentence that best answers the question and that ``naming`` says names a side, other than
    those ``given``; none when no sentence does. ``saying``: whether a sentence says what the side's people said or
    did (``scope.saying_of_side``)."""
    narrative = from_findings(evidence, evidence.narrative(evidence.topic_candidates or evidence.candidates))
    found = lead_sentences(evidence, narrative, 1 + len(given), minimum_share=0.5, standalone=True, naming=naming)
    if not [claim for claim in found if claim not in given]:
        # under a heading named for the topic, a sentence on it need not repeat its words ("Headteachers were aware
        # of the problem …" in "Kitchen capacity and time to eat")
        headed = [item for item in narrative if evidence.weights.coverage(
            evidence.topic, content_tokens(section_name(item.passage.section))) >= HOLDS_TOPIC]
        found = lead_sentences(evidence, headed, 1 + len(given), standalone=True, needs_topic_words=False,
                               naming=naming)
    if saying is not None and not [claim for claim in found if claim not in given]:
        # a passage about the question in meaning need not hold half its words: its sentence saying what the side's
        # people said or did, holding one of them ("By contrast, families in Dunmere … rarely mentioned travel", of
        # getting to sessions; not "… which now includes nurses and pharmacists")
        near = [item for item in narrative if item.dense_score >= evidence.calibration.on_topic]
        found = lead_sentences(evidence, near, 1 + len(given), standalone=True,
                               naming=lambda sentence: naming(sentence) and saying(sentence))
    return [claim for claim in found if claim not in given][:1]


def _named_side(evidence: Evidence, name: str, others: Sequence[str]) -> Side:
    """A side that is a name the library mentions but files no one under (a place of a consultation whose
    respondents are organisations): the report's sentence on the topic that names it and none of the ``others``,
    and the extracts on the topic whose words, or the report's lead-in to them, name it."""
    naming = _naming_only(naming_side(evidence, NAMED, name),
                          others_named := [naming_side(evidence, NAMED, other) for other in others])
    claims = _said_of_side(evidence, naming, (), lambda sentence: True)  # (a name says nothing itself)
    found = evidence.retrieve(f"{evidence.question.text} {name}", Filters(kinds=(QUOTE,)), 4 * QUOTES_PER_SIDE)
    # (whoever the attribution places elsewhere speaks for there: "The problems in Ardvenn are not our problems")
    items = [item for item in found if (naming(item.passage.text) or naming(item.passage.context)
                                        or naming(item.passage.label))
             and not any(other(item.passage.label) for other in others_named)]
    shown, _ = rank_quotes(evidence, items, QUOTES_PER_SIDE) if items else ([], [])
    note = "" if shown or claims else f"Nothing in the findings on this names {name}."
    return Side(name, NAMED, tuple(claims), tuple(shown), 0, 0, note)


def _side_overall(evidence: Evidence, facet: str, value: str) -> Side:
    """A side of a comparison with no topic: its extracts most central to all it said (``central_extracts``), and
    how many respondents it has."""
    who = merged_scope(_side_filters(evidence, facet, value), evidence)
    quotes = central_extracts(evidence, QUOTES_PER_SIDE, who)
    people = len(evidence.directory.matching(*facets(who))) if facet != "respondent" else 0  # one is no count
    name = _side_name(evidence, facet, value)
    return Side(name, facet, (), tuple(quotes), people, people,
                "" if quotes else f"No extract from {_label(evidence, facet, value) or name}.",
                _label(evidence, facet, value))


def _lead(evidence: Evidence, sides: Sequence[tuple[str, str]]) -> list[Claim]:
    """The report's sentence on the topic that names every side and no other of their kind ("Median waits differed
    by seven weeks: 4 weeks in Ravensmoor and 11 weeks in Ellbridge"): the comparison, stated. Else the sentence that
    best states the topic, or the next best when that one is of others only."""
    narrative = strong_narrative(evidence)
    namers = [naming_side(evidence, facet, value) for facet, value in sides]
    others = [other for facet, value in _every_side_of_their_kind(evidence, sides)
              if (facet, value) not in sides and (other := naming_side(evidence, facet, value)) is not None]
    if len(namers) >= 2 and None not in namers:
        # (names the library files no one under are compared where the report names them all, in any words)
        named = all(facet == NAMED for facet, _ in sides)
        pool = evidence.narrative(evidence.topic_candidates or evidence.candidates) if named else narrative
        both = lead_sentences(evidence, pool, 1, standalone=True, needs_topic_words=not named,
                              naming=lambda sentence: all(namer(sentence) for namer in namers)
                              and not any(other(sentence) for other in others))
        if both:
            return both
    best = lead_sentences(evidence, narrative, 1, minimum_share=0.5, standalone=True)
    if not best or not _of_others_only(evidence, best[0].text, sides):
        return best
    return [claim for claim in lead_sentences(evidence, narrative, 2, minimum_share=0.5, standalone=True)
            if claim != best[0] and not _of_others_only(evidence, claim.text, sides)]


def _every_side_of_their_kind(evidence: Evidence, sides: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every area of the library when areas are compared, every group when groups are."""
    facets_compared = {facet for facet, _ in sides}
    return [("area", value) for value in evidence.directory.areas()] * ("area" in facets_compared) + \
        [("group", value) for value in evidence.directory.groups()] * ("group" in facets_compared)


def _of_others_only(evidence: Evidence, text: str, sides: Sequence[tuple[str, str]]) -> bool:
    """Whether ``text`` names an area or group of the kind compared that is none of the ``sides``, and none that is
    ("Site C was most often held up as an example …" leads no comparison of Sites A and B)."""
    named = {(facet, value) for facet, value in _every_side_of_their_kind(evidence, sides)
             if re.search(rf"\b{re.escape(_label(evidence, facet, value))}\b", text, re.IGNORECASE)}
    return bool(named) and not named & set(sides)


def _label(evidence: Evidence, facet: str, value: str) -> str:
    """How a side is headed when not by its value alone: "Area B", "Female (F)"."""
    if facet == "sex":
        return f"{'Female' if value == 'F' else 'Male'} ({value})"
    return area_label(evidence, facet, value)


def _side_name(evidence: Evidence, facet: str, value: str) -> str:
    """What a side of a comparison is called: its group or area, or the respondent's code (not their key, which
    names their document too)."""
    if facet == OTHERS:
        return "All other respondents"
    if facet != "respondent":
        return value
    return next((person.code for person in evidence.directory.named([value])), value)


def _side_filters(evidence: Evidence, facet: str, value: str) -> Filters:
    """The filter of one side of a comparison: its group, area, respondent or document, or the respondents whose
    attributions mark their sex as ``value``."""
    if facet == "sex":
        return Filters(respondents=tuple(evidence.directory.with_facet("sex", value)))
    if facet == OTHERS:  # every group but ``value``
        return Filters(groups=tuple(group for group in evidence.directory.groups() if group != value))
    return {"group": Filters(groups=(value,)), "area": Filters(areas=(value,)),
            "respondent": Filters(respondents=(value,)), "source": Filters(sources=(value,))}[facet]


def _respondent_side(evidence: Evidence, key: str, vector) -> Side:
    """One respondent's column of a comparison ("compare what P1 and P2 said about …"): their extracts on it, as
    a question about them alone would find them, when they speak to it at all: the counting engine finds they did
    (as it decides for a group's side; ``vector`` is the question's), or an extract of theirs is on the topic in
    meaning. Otherwise the side says plainly that nothing they said speaks to it. With no topic, what they most
    say (``central_extracts``)."""
    filters = merged_scope(Filters(respondents=(key,)), evidence)
    name = _side_name(evidence, "respondent", key)
    if not evidence.question.has_topic:  # "Compare P1 and P3": what each most says, not what is nearest the words
        return Side(name, "respondent", (), tuple(central_extracts(evidence, QUOTES_PER_SIDE, filters)), 0, 0)
    about_them = dataclasses.replace(evidence, question=dataclasses.replace(evidence.question, filters=filters))
    spoke = evidence.prevalence.who_spoke(evidence.topic_phrase(), vector, evidence.topic, filters).spoke_keys()
    items = [item for item in evidence.retrieve(evidence.question.text, filters, 8) if item.passage.kind == QUOTE]
    on_topic = key in spoke or any(evidence.relevance(item) >= evidence.calibration.on_topic for item in items) \
        or evidence.weights.is_general(evidence.topic)  # what the library is about throughout: all of it speaks to it
    shown, _ = rank_quotes(about_them, items, QUOTES_PER_SIDE) if on_topic else ([], [])
    return Side(name, "respondent", (), tuple(shown), 0, 0, "" if shown else f"Nothing {name} said speaks to this.")
