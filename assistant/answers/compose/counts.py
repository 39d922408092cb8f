""""How many …?" in two senses: a figure the report states (``quantity_answer``), and how many respondents' extracts
speak to a topic, by group, with their codes (``prevalence_answer``, counted by ``prevalence.Prevalence``)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .grounds import covered, decline_for, strong_narrative, who_spoke_to_topic
from .lookup import lookup_answer
from .scope import area_label, facets, who_asked
from ..blocks import NO_AREA, NO_GROUP, Block, Bullets, Claim, GroupCount, Lead, Notes, Prevalence, Respondent
from ..evidence import Evidence, lead_sentences, listed_under, sentence_claim, trimmed
from ..prevalence import CAVEAT
from ..query import PERSONS, TAKING_PART_WORDS, asks_share_of_people, asks_who_took_part
from ...documents.respondents import listed, separate_studies
from ...documents.prose import PARAGRAPH_NUMBER, is_prose, leads_in, points_elsewhere, split_sentences
from ...search.coverage import (COVERED_SHARE, HALF_SHARE, NUMBER_WORDS, WHOLE, Coverage, asks_count, asks_money,
                                asks_share, has_figure, states_figure, states_money, states_share)
from ...text import content_tokens
from ...types import NARRATIVE, Filters

FIGURES_SHOWN = 2  # "how many …?": the sentences that state a figure for it, this many at most…
FIGURE_POOL = 24  # …from this many passages of narrative nearest the question, holding all of its words, or one of
FIGURE_NEAR = 3  # them in one of this many nearest (and close to it in meaning)
EVERYONE_EXAMPLES = 6  # "which nurses are quoted, and on what?": the first extract of each, this many at most
LEAD_IN_WORDS = 4  # a figure's sentence shorter than prose may lead into a list of what it counts, with this many words
RANKED_SHOWN = 10  # "who is quoted most?": this many, with how many extracts the findings quote of each
CLOSER_MARGIN, CLOSER_SHARE = 0.15, 0.5  # a passage so far above the on-topic line need hold only this share of
# the topic's words for its count of people to be on it
# A figure and what it is of: "Nine of the 22 farmers", "ten of the fourteen learners", "46% of residents"
_FIGURE_OF = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})(?:\s*%|\s+per\s*cent)?\s+of\s+(?:the\s+)?"
                        rf"(?:\d+\s+|(?:{NUMBER_WORDS})\s+)?[\w'’-]+", re.IGNORECASE)
_MOST = re.compile(r"\b(?:most|more\s+than\s+(?:any|others)|most\s+often|most\s+frequently)\b", re.IGNORECASE)
_LEAST = re.compile(r"\b(?:least|fewest|less\s+than\s+(?:any|others))\b", re.IGNORECASE)
_BY_SHARE = re.compile(r"\b(?:likely|likelier|proportion|share|percentage)\b", re.IGNORECASE)  # a ranking by share


def quantity_answer(evidence: Evidence) -> list[Block]:
    """ "How many …?", "What percentage …?": the report's sentences that state a figure and hold what the question
    asks about (every word of its topic; with none, one of the words it counts: "How many participants were
    interviewed?"), the best ``FIGURES_SHOWN``, or a decline that says the findings give no figure for it. A
    question about some people with no topic ("How many nurses in Site B were interviewed?") takes a figure near
    the top of what was found, as the coverage check does."""
    question = evidence.question
    who = who_asked(evidence)
    if not question.has_topic and (who.groups or who.areas or who.respondents):
        if not has_figure(evidence.topic_candidates or evidence.candidates, set(), count=asks_count(question.text)):
            if asks_share_of_people(question.text) and (who.groups or who.areas):
                return _share_quoted(evidence, who)
            return decline_for(evidence, Coverage(False, "no_figure"))
        return lookup_answer(evidence)
    counted = question.topic_tokens or tuple(content_tokens(question.text))
    if asks_who_took_part(question.text):  # "How many took part?" of "we interviewed 20 people"
        counted = (*counted, *TAKING_PART_WORDS)
    pool = evidence.narrative(evidence.retrieve(question.text, Filters(sources=who.sources), FIGURE_POOL))
    stated, count = [], asks_count(question.text)  # "how many …": a number of them, not a share ("almost half")
    whom, money = _counted_noun(question.text), asks_money(question.text)  # "how much … cost": a sum of money
    share_asked = asks_share(question.text)
    farther = []  # a share asked for, stated further down with half of what it is of: when none nearer states it
    for rank, item in enumerate(pool):
        for start, end in split_sentences(item.passage.text):
            sentence = item.passage.text[start:end]
            tokens = content_tokens(sentence)
            share = evidence.weights.coverage(counted, tokens)
            near = rank < FIGURE_NEAR and item.dense_score >= evidence.calibration.on_topic
            # a share of the very people counted, in a sentence on all of it, says how many of them: "44% supported
            # the scheme" of "How many residents supported the scheme?"
            of_them = count and share >= COVERED_SHARE and whom in tokens
            if not (states_money(sentence) if money else states_figure(sentence, count and not of_them, counted)) \
                    or not (is_prose(sentence) or _lists(sentence)) or points_elsewhere(item.passage.text, start):
                continue
            # a figure of the places asked about ("… the East (31%)") before the whole's
            subgroup = bool(question.places_measured) and set(question.places_measured) <= set(tokens)
            entry = (item.dense_score + 0.3 * share + subgroup, rank, start, end, item.passage)
            if share_asked and not states_share(sentence):  # "what proportion …?": not "In year 2, …", nor a count
                continue
            if share >= COVERED_SHARE or share > 0 and (near or not question.has_topic):
                stated.append(entry)
            elif share_asked and share >= HALF_SHARE:
                farther.append(entry)
    stated = stated or farther
    if not stated:
        return decline_for(evidence, Coverage(False, "no_figure"))
    figures = _best_in_order(stated)
    # "We interviewed 28 people in total:": the figure, and the list that says who they are
    points = next((points for claim in figures if (points := listed_under(evidence, claim))), [])
    return [Lead(tuple(figures))] + ([Bullets(tuple(points))] if points else [])


def _counted_noun(question: str) -> str:
    """The content token of what "how many" counts ("resid" of "How many residents supported …?"); "" for none."""
    found = re.search(r"\bhow\s+many\s+(?:of\s+(?:the|these|those)\s+)?([A-Za-z][\w'’-]*)", question, re.IGNORECASE)
    tokens = content_tokens(found.group(1)) if found else []
    return tokens[0] if tokens else ""


def _share_quoted(evidence: Evidence, who: Filters) -> list[Block]:
    """"What proportion of the interviewees were nurses?" of findings that give no figure for it: the share of the
    respondents they quote, said to be no more than that."""
    everyone = evidence.directory.matching(*facets(Filters(sources=who.sources)))
    people = evidence.directory.matching(*facets(who))
    if not everyone:
        return decline_for(evidence, Coverage(False, "no_figure"))
    named = "; ".join([*who.groups, *(area_label(evidence, "area", area) for area in who.areas)])
    note = (f"The findings give no figure for everyone interviewed. Of the {len(everyone)} respondents they quote, "
            f"{len(people)} ({round(100 * len(people) / len(everyone))}%) are {named}.")
    return [Notes((note,)), Prevalence("", len(people), len(everyone), (), tuple(map(_respondent, people)), (),
                                       CAVEAT)]


def _lists(sentence: str) -> bool:
    """Whether ``sentence`` is a short lead-in to a list ("We interviewed 28 people in total:"): too short for prose,
    and the list says the rest."""
    return leads_in(sentence) and len(re.findall(r"[A-Za-z]+", sentence)) >= LEAD_IN_WORDS


def prevalence_answer(evidence: Evidence) -> list[Block]:
    """Which respondents' extracts speak to the topic: n of N, by group, the codes, a caveat, and examples."""
    question = evidence.question
    if not question.has_topic:  # "Which nursing respondents are quoted?": everyone in scope
        people = evidence.directory.matching(*facets(who_asked(evidence)))
        most = bool(_MOST.search(question.text))
        ranking = most or bool(_LEAST.search(question.text))
        if ranking:  # "Who is quoted most?": by how many extracts the findings quote of each
            people = sorted(people, key=lambda person: person.extracts, reverse=most)
        examples = [trimmed(extract, (), evidence.weights) for person in people[:EVERYONE_EXAMPLES]
                    if (extract := evidence.prevalence.first_extract(person.key)) is not None]
        block = Prevalence("", len(people), len(people), _breakdown(evidence, people, people),
                           tuple(_respondent(p) for p in people), tuple(examples), CAVEAT)
        if not ranking:  # "How many staff responded?": what the report counts of them (31), then those it quotes (2)
            counted = people_counted(evidence, who_asked(evidence).groups)
            return [Lead(tuple(counted)), block] if counted else [block]
        shown = "; ".join(f"{person.code} {person.extracts}" for person in people[:RANKED_SHOWN])
        more = f"; {len(people) - RANKED_SHOWN} more" if len(people) > RANKED_SHOWN else ""
        return [Notes((f"Extracts quoted of each: {shown}{more}.",)), block]
    who = who_spoke_to_topic(evidence, who_asked(evidence))
    if not who.total and not evidence.directory.respondents:  # a report that quotes no one by a code
        if not (coverage := covered(evidence)).covered:
            return decline_for(evidence, coverage)
        said = lead_sentences(evidence, evidence.narrative(), 2, minimum_share=0.5)
        note = "The findings attribute no quote to a respondent, so there is no one to count"
        return [Notes((note + ("; what they say on it:" if said else "."),)), *([Lead(tuple(said))] if said else [])]
    coverage = covered(evidence)
    if not who.count and not coverage.covered:
        return decline_for(evidence, coverage)
    spoke = who.spoke_people()  # thousands, at scale: no ``Mention`` of each
    examples = [trimmed(m.best, evidence.topic, evidence.weights) for m in who.strongest(3)]
    everyone = evidence.directory.matching(*facets(who_asked(evidence)))
    breakdown = who.breakdown() if question.per == "group" else _breakdown(evidence, spoke, everyone)
    block = Prevalence(evidence.topic_phrase(), len(spoke), who.total, breakdown, tuple(map(_respondent, spoke)),
                       tuple(examples), CAVEAT)
    ranking = _ranking(breakdown, question.ranked, bool(_BY_SHARE.search(question.text)))
    first = [Notes((ranking,))] if ranking else []  # "which group mentioned it most?": which one, first
    counted = people_counted(evidence)  # what the report itself counts, before what its quotes can
    if counted:  # (none of its quotes on it: its figure is all there is to say)
        return [*first, Lead(tuple(counted)), *([dataclasses.replace(block, beside_figure=True)] if spoke else [])]
    if spoke:
        return [*first, block]
    # Nobody quoted on it, yet the findings cover it: the report's own words on it, so "0 of N" is not all there is.
    lead = lead_sentences(evidence, strong_narrative(evidence), 2, minimum_share=0.5)
    if any(states_figure(claim.text) for claim in lead):  # "Residents were split: 44% supported …": its figure first
        return [Lead(tuple(lead)), block]
    return [block, Lead(tuple(lead))] if lead else [block]


def _ranking(breakdown: Sequence[GroupCount], ranked: str, by_share: bool) -> str:
    """Asked which group (or area) has the most (``ranked`` "most") or the fewest ("least") of its respondents on the
    topic, which: by number, or by share when asked who is more likely to ("Highest share quoted on it: Doctor (3 of
    4, 75%); then Nurse (2 of 8, 25%)"), those tied named together; "" when not asked, or no one in any of them spoke
    to it, or there is only one to rank."""
    rows = [row for row in breakdown if row.group not in (NO_GROUP, NO_AREA) and row.total]
    if not ranked or len(rows) < 2 or not any(row.spoke for row in rows):
        return ""
    value = (lambda row: row.spoke / row.total) if by_share else (lambda row: row.spoke)
    order = sorted(rows, key=value, reverse=ranked == "most")
    tied = [row for row in order if value(row) == value(order[0])]
    share = (lambda row: f", {round(100 * row.spoke / row.total)}%") if by_share else (lambda row: "")
    shown = [f"{row.group} ({row.spoke:,} of {row.total:,}{share(row)})" for row in order]
    if len(tied) == len(rows):
        return f"{'Neither' if len(rows) == 2 else 'None'} stands out: {listed(shown)}."
    which = ("Highest share" if ranked == "most" else "Lowest share") if by_share \
        else "Most respondents" if ranked == "most" else "Fewest respondents"
    top = listed(shown[:len(tied)]) + (", tied" if len(tied) > 1 else "")
    return f"{which} quoted on it: {top}; then {listed(shown[len(tied):])}."


def people_counted(evidence: Evidence, groups: tuple[str, ...] = ()) -> list[Claim]:
    """The report's own sentences that count people on the topic ("9 of the 14 tenants told us they had waited in
    for a visit that did not happen"): a number of people, or of a group the library has, in a passage of narrative
    on the topic (holding its words and near it in meaning), ``FIGURES_SHOWN`` at most, in reading order. A count of
    the extracts the findings quote cannot say as much. ``groups``: asked with no topic ("How many staff
    responded?"), a number of those groups' people, in a passage near the question in meaning or among the
    ``FIGURE_NEAR`` nearest (a count of who took part is seldom close in meaning to any question)."""
    terms = [re.escape(term) for term, group in evidence.directory.group_terms() if not groups or group in groups]
    people = "|".join(terms if groups else [PERSONS, *terms])
    # the people themselves: not "three GP practices", a count of what the people's word qualifies
    persons = rf"(?:{people})\b(?!\s+(?!{PERSONS}\b)[a-z]+s\b)"
    # "9 of the 14 tenants", "40% of parents with a child under five"
    counting = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})(?:\s*(?:%|per\s*cent))?\s+(?:[\w'’-]+\s+){{0,3}}?{persons}",
                          re.IGNORECASE)
    # "All the GPs we interviewed …", "None of the tenants …", "Most of the nurses …": all of them, or a share in words
    quantified = re.compile(rf"\b(?:{WHOLE})\s+(?:[\w'’-]+\s+){{0,2}}?{persons}", re.IGNORECASE)
    # from the passages the question found (those of its topic, when it asked about some people's words; the
    # narrative, found without the filter to the groups, when it asks how many of them there are)
    narrative = Filters(kinds=(NARRATIVE,), sources=who_asked(evidence).sources)  # of the documents asked about
    found = evidence.retrieve(evidence.question.text, narrative, FIGURE_POOL) if groups \
        else evidence.topic_candidates or evidence.candidates
    stated = []
    known = [token for token in evidence.topic if evidence.weights.known(token)]  # "worried" of "worried about
    # scams", a word the library never uses, is no word a count of it must hold
    for rank, item in enumerate(evidence.narrative(found)):
        text = item.passage.text
        near = item.dense_score >= evidence.calibration.on_topic
        share = evidence.weights.coverage(known, content_tokens(text))
        closer = item.dense_score >= evidence.calibration.on_topic + CLOSER_MARGIN
        if not (near or rank < FIGURE_NEAR if groups
                else near and share >= COVERED_SHARE or closer and share >= CLOSER_SHARE):
            continue  # (a passage this close to the question says it in other words: "decided not to go out")
        counting_sentences = []
        for start, end in split_sentences(text):
            sentence = PARAGRAPH_NUMBER.sub("", text[start:end])  # (not "4.8 An individual respondent …")
            count = counting.search(sentence)  # "nine of the fourteen tenants": a figure of the people counted
            figure = count and states_figure(sentence, counted=content_tokens(count.group()))
            if (figure or quantified.match(sentence)) and is_prose(sentence) and not points_elsewhere(text, start):
                counting_sentences.append((start, end, bool(set(known) & set(content_tokens(sentence)))))
        # those that say what they count, when some do (a summary's other counts are of other things); else the
        # count after the sentence that names it ("Missed appointments were … 9 of the 14 tenants had waited in")
        said_of_it = [entry for entry in counting_sentences if entry[2]] if not groups else []
        for start, end, _ in said_of_it or counting_sentences:
            stated.append((item.dense_score, rank, start, end, item.passage))
    return _best_in_order(stated)


def _best_in_order(stated) -> list[Claim]:
    """Of the sentences ``stated`` ((score, rank, start, end, passage)), the best ``FIGURES_SHOWN``, in reading
    order; a figure once (a summary's "Nine of the 22 farmers said …" and its finding's say the same), and a
    sentence once (a summary may repeat a finding's word for word)."""
    chosen, said = [], set()
    for entry in sorted(stated, key=lambda entry: (-entry[0], entry[1])):
        _, _, start, end, passage = entry
        figure = _FIGURE_OF.search(passage.text, start, end)
        keys = {" ".join(passage.text[start:end].lower().split())} | (
            {" ".join(figure.group().lower().split())} if figure else set())
        if not keys & said:
            chosen.append(entry)
            said |= keys
    chosen = chosen[:FIGURES_SHOWN]
    chosen.sort(key=lambda entry: (entry[4].source, entry[4].start + entry[2]))
    return [sentence_claim(passage, start, end) for _, _, start, end, passage in chosen]


def _breakdown(evidence: Evidence, spoke, everyone) -> tuple:
    """n of N for each group of ``everyone`` (each area, "Area B", when the question asks which areas; each document,
    when they are separate studies: ``respondents.separate_studies``), n those in ``spoke``; in the order
    ``everyone`` lists them."""
    per_area = evidence.question.per == "area"
    per_document = not per_area and separate_studies((person.group, person.document) for person in everyone)
    said = {person.key for person in spoke}
    totals: dict[str, list[int]] = {}
    for person in everyone:
        name = (area_label(evidence, "area", person.area) if person.area else NO_AREA) if per_area \
            else person.document if per_document else person.group or NO_GROUP
        counts = totals.setdefault(name, [0, 0])
        counts[0] += person.key in said
        counts[1] += 1
    names = sorted(totals, key=lambda name: (name == NO_AREA, name)) if per_area else list(totals)
    return tuple(GroupCount(name, *totals[name]) for name in names)


def _respondent(person):
    return Respondent(person.key, person.code, person.group, person.document)
