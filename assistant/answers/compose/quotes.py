"""What people said: quotes on the question, best first, cut where relevance drops; a respondent named with no
topic gets everything they said."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from .grounds import (covered, decline_for, in_sections_of, shows_what_it_introduces, strong_narrative,
                     who_spoke_to_topic)
from .lookup import lookup_answer
from .scope import area_label, asks_for_one, asks_for_only_one, naming_first, sections_of, who_asked
from .. import declines
from ..blocks import Block, Claim, Lead, Notes, Quote, Quotes
from ..lines import groups_line
from ..evidence import QUOTE_FLOOR_MARGIN, Evidence, lead_sentences, not_quoted_again, rank_quotes, trimmed
from ..query import QUOTES
from ...search.relevance import too_slight
from ...documents.respondents import listed
from ...types import QUOTE, Filters, ScoredPassage

QUOTES_ASKED_MAX = 10  # "give me 20 quotes": this many at most
ONE_QUOTE_TIES = 2  # asked for one quote: up to this many more shown when the ranking cannot tell them apart


def quotes_answer(evidence: Evidence) -> list[Block]:
    """Quotes on the question, best first, cut where relevance drops; a respondent named with no topic gets
    everything they said, in reading order."""
    question = evidence.question
    about_people = bool(question.filters.respondents) and not question.population  # named, one by one
    if about_people and not question.has_topic and not evidence.pinned:
        items = [item for item in evidence.candidates if item.passage.kind == QUOTE]
        # "Let's see …" is a turn, not what they said; the few words a report quotes of them are ('it was "a lot
        # more than driving"')
        saying = [item for item in items if not too_slight(item.passage, (), evidence.weights)
                  or evidence.reading.in_prose(item.passage)]
        items = not_quoted_again(_each_in_turn(_own_document_first(saying or items)))
        shown = [trimmed(item.passage, (), evidence.weights) for item in items]
        return [*_several_documents(evidence, question.filters.respondents),
                Quotes(tuple(shown[:evidence.max_quotes]), weaker=tuple(shown[evidence.max_quotes:]), ranked=False)]
    if not evidence.pinned and question.has_topic:
        coverage = covered(evidence)
        if not coverage.covered and (not about_people or coverage.reason == "absent"):
            if about_people:  # they are quoted, but the findings never mention what was asked
                return [declines.not_on_this(question.filters.respondents, evidence.directory,
                                             sections_of(evidence, question.filters.respondents))]
            return decline_for(evidence, coverage)
    asked = [*question.filters.groups, *(area_label(evidence, "area", area) for area in question.filters.areas),
             *_population(evidence)]
    one = not question.bullets and asks_for_one(question.text)
    limit = min(question.bullets, QUOTES_ASKED_MAX) if question.bullets else 1 if one else evidence.max_quotes
    quoted = question.quoted_phrases and any(item.passage.kind == QUOTE for item in evidence.pinned)
    items = evidence.quotes(evidence.pinned if quoted else None)  # words asked about verbatim: where they stand
    one_voice = about_people or evidence.prevalence.in_scope(who_asked(evidence)) == 1  # an interview
    shown, weaker = rank_quotes(evidence, items, limit, one_per_voice=not one_voice,
                                ties=ONE_QUOTE_TIES if one and not asks_for_only_one(question.text) else 0)
    if not shown and evidence.exclude and weaker:  # asked for more: the weaker matches the answer before held back
        return [Notes(("No other extract speaks to this as clearly as those shown before; the nearest:",)),
                Quotes(tuple(weaker[:limit]))]
    if not shown:
        if about_people:
            return [declines.not_on_this(question.filters.respondents, evidence.directory,
                                         sections_of(evidence, question.filters.respondents))]
        answer = lookup_answer(evidence)
        if asked and any(block.kind == "decline" for block in answer) and (others := _others_on_it(evidence)):
            return [declines.others_speak(asked, others)]  # not "nothing in the findings": only nothing of theirs
        if question.form != QUOTES or any(block.kind in ("decline", "quotes") for block in answer):
            return answer
        whose = f" from {' or '.join(asked)}" if asked else ""
        return [Notes((f"No interview extract{whose} speaks to this; the report's own words on it:",)),
                *answer]  # asked for quotes: say there are none before what the report says
    blocks: list[Block] = []
    # the report's sentence that best states it leads; of a group, only one that names them before any other group
    # ("Business owners had fewer problems with insurers …" above a business owner's words; not "Youth workers valued
    # … where young people were gathering" above a young person's)
    naming = naming_first(evidence, question.filters.groups) if question.filters.groups else None
    if question.has_topic and not about_people and (naming or not question.filters.groups) and not evidence.pinned:
        narrative = strong_narrative(evidence)
        quoted = {quote.citation.passage_id for quote in shown}
        lead = [claim for claim in lead_sentences(evidence, narrative, 1, minimum_share=0.5, naming=naming)
                if shows_what_it_introduces(evidence, claim, narrative, quoted)]  # a lead-in only with its extracts
        if lead:
            blocks.append(Lead(tuple(lead)))
            shown, weaker = _with_the_leads_extracts(evidence, lead, items, shown, weaker, limit)
    title = "What interviewees said:" if blocks else ""
    if not about_people and question.has_topic and not evidence.pinned:
        on_it = {item.passage.passage_id for item in evidence.on_topic(items)} or {
            mention.best.passage_id for mention in who_spoke_to_topic(evidence, who_asked(evidence)).spoke}
        # (none clearly on it, yet those the count says spoke to it: their best extracts, as the count has it)
        if asked and not on_it:
            # every extract of theirs comes close to who was asked, none clearly to what: shown as the nearest, not
            # passed off as their word on it
            others = groups_line(_others_on_it(evidence))
            blocks.append(Notes((f"No extract from {' or '.join(asked)} clearly speaks to this"
                                 f"{f' (respondents who do: {others})' if others else ''}; the nearest of theirs:",)))
            title = ""
        elif any(quote.citation.passage_id in on_it for quote in shown) and not question.bullets:
            # some of theirs speak to what was asked: those that only come close to who was asked would pad it; a
            # voice whose closest extract is one of those is heard in its best one on it, if it has one ("a
            # forty-minute appointment can be a five-hour day", not "not something you can switch off")
            shown, weaker = _on_it(shown, weaker, on_it, evidence.topic_lift(items))
    blocks.append(Quotes(tuple(shown), title, tuple(weaker)))
    return blocks


def _with_the_leads_extracts(evidence: Evidence, lead: Sequence[Claim], items: Sequence[ScoredPassage],
                             shown: Sequence[Quote], weaker: Sequence[Quote], limit: int
                             ) -> tuple[list[Quote], list[Quote]]:
    """(shown, weaker) with the extracts the report quotes in the section of a ``lead`` sentence shown first, within
    ``limit``: those it gives for what it says there, though they need not repeat the question's words ("Some
    described innovation as doing something already practised in a different way", then a youth worker's words on a
    new way of running a course); each above the line off-topic questions reach, and saying something."""
    quoted_there = in_sections_of(lead)
    line = evidence.calibration.extract_floor + QUOTE_FLOOR_MARGIN
    given = {item.passage.passage_id for item in items if quoted_there(item.passage)
             and evidence.relevance(item) >= line and not too_slight(item.passage, evidence.topic, evidence.weights)}
    every = [*shown, *weaker]
    first = [quote for quote in every if quote.citation.passage_id in given]
    chosen = [*first, *(quote for quote in shown if quote not in first)][:limit]
    return chosen, [quote for quote in every if quote not in chosen]


def _on_it(shown: Sequence[Quote], weaker: Sequence[Quote], on_it: set[str], lift: dict[str, float]
           ) -> tuple[list[Quote], list[Quote]]:
    """(shown, weaker) with only the quotes ``on_it`` (passage ids) names shown: one that is not gives way to the
    same respondent's weaker quote that is, the one the topic draws most (``lift``: ``Evidence.topic_lift``), if
    they have one, else to none."""
    on = []
    spare = sorted((quote for quote in weaker if quote.citation.passage_id in on_it),
                   key=lambda quote: -lift.get(quote.citation.passage_id, 0.0))
    for quote in shown:
        if quote.citation.passage_id not in on_it:
            quote = next((other for other in spare if other.citation.respondent == quote.citation.respondent), None)
        if quote is not None and quote not in on:
            on.append(quote)
    return on, [quote for quote in [*shown, *weaker] if quote not in on]


def _population(evidence: Evidence) -> list[str]:
    """The kind of respondent asked about when the question asks of everyone its attributions mark so ("women",
    "participants over 50"): ["respondents aged over 50"]; [] otherwise."""
    population = evidence.question.population
    return [f"respondents {population}"] if population else []


def _own_document_first(items: list[ScoredPassage]) -> list[ScoredPassage]:
    """``items`` with those of each person's own document (of a person two documents quote, the one that quotes most
    people: the report) before those of another (the focus group transcript the report names them in), each
    document's in their order: the report's are the extracts its authors chose."""
    return sorted(items, key=lambda item: not item.passage.respondent.startswith(f"{item.passage.source}::"))


def _each_in_turn(items: list[ScoredPassage]) -> list[ScoredPassage]:
    """``items`` taken one respondent at a time, each respondent's in their order: several people asked about at once
    are each heard before anyone is heard twice."""
    by_person: dict[str, list[ScoredPassage]] = {}
    for item in items:
        by_person.setdefault(item.passage.respondent, []).append(item)
    return [item for turn in zip_longest(*by_person.values()) for item in turn if item is not None]


def _several_documents(evidence: Evidence, keys: Sequence[str]) -> list[Block]:
    """A note when the people asked about are in several documents: a code names a respondent of one document, so
    "P3" of two reports is two people; unless the documents describe them alike (the same group and area), when
    they may be one person quoted twice."""
    people = evidence.directory.named(keys)
    if len({person.document for person in people}) < 2:
        return []
    groups, areas = {person.group.lower() for person in people}, {person.area for person in people}
    alike = len(groups) == 1 and all(groups)
    if alike and len({person.code for person in people}) == 1 and len(areas) == 1 and all(areas):
        # a memo and its interviews' export: P07, a parent in Eastgate, in both (two studies' "P1, nurse", placed
        # nowhere, are two people)
        return [Notes((f"{people[0].code} is quoted in {len(people)} documents "
                       f"({listed(person.document for person in people)}), each time as {people[0].label}: perhaps "
                       f"one person, counted once in each document.",))]
    if alike and len(areas - {""}) <= 1 and len({person.code for person in people}) > 1:
        # a survey's "Response 1045" and its report's "ID 1045", asked for by their number
        return [Notes((f"{listed(f'{person.code} ({person.document})' for person in people)} are described alike "
                       f"({people[0].group}): perhaps one person, counted once in each document.",))]
    return [Notes((f"A code names a respondent of one document: these are {len(people)} different people, "
                   f"{listed(f'{person.code} ({person.document})' for person in people)}.",))]


def _others_on_it(evidence: Evidence) -> list:
    """The groups whose respondents speak to the question's topic in the documents in scope, with their n of N."""
    who = who_spoke_to_topic(evidence, Filters(sources=evidence.question.filters.sources))
    return [count for count in who.by_group() if count.spoke]
