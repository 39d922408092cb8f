"""Themes: 2–6, each headed by the report's sentence that best states it (its own sections, lists or labelled
points first), with its quotes and "n of N respondents" by group; for documents without narrative, the analysts'
codes or the distinct points a transcript's turns make."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

import numpy as np

from .grounds import (SECTION_PASSAGES, STATEMENT_MARGIN, THEMES_MAX, THEMES_MIN, THEMES_USUAL, as_scored, covered,
                      decline_for, from_findings, in_a_title, named_among, named_section, passage_of, section_pool)
from .quotes import quotes_answer
from .scope import naming_groups, who_asked
from .summary import centre_of, names_a_summary, names_own_summary, sources_in_scope, summary_answer
from ..blocks import Block, Claim, Lead, Notes, Quotes, Theme, Themes, claims_of
from ..evidence import (MAX_SENTENCE_CHARS, QUOTE_CHARS, QUOTE_FLOOR_MARGIN, RELATED_MARGIN, Evidence, diverse,
                        lead_sentences, quote_of, same_extract, sentence_claim, standing_alone, states_something,
                        strong_quotes, trimmed)
from ..query import ANY_KIND, asks_for_recommendations, asks_points_of_any_kind, asks_what_to_do, point_kinds
from ..sides import RECOMMENDING, SIDES, naming_sides, side_tokens, sides_named
from ...documents.prose import (SECTION_SEPARATOR, is_about_the_paper, is_prose, leads_in, points_elsewhere,
                                run_in_label, section_name, split_sentences)
from ...documents.reading_order import list_points
from ...search.coverage import NUMBER_WORDS, PARAPHRASE_MARGIN
from ...search.relevance import is_short
from ...text import content_tokens
from ...types import NARRATIVE, QUOTE, Filters, Passage, ScoredPassage

LIST_NAME_SHARE = 0.1  # a list's lead-in or section name holds this (IDF-weighted) share of the question's words…
LIST_AMONG_STRONGEST = 5  # …or two of its points are among this many of the passages that best answer it, and say
# what it asks in other words (``coverage.PARAPHRASE_MARGIN`` above the on-topic line)
QUOTES_PER_THEME = 2
SETTING_WORDS = 8  # a section's opening statement this short sets the scene: shown with the sentence after it
TO_DO_MAX = 12  # asked what a report recommends, its recommendations up to this many (a list of them is seldom longer)
SUPPORTED_WORDS = 180  # a theme with no extract shown is followed by the report's next sentence while within this
NARROWED_SHARE = 0.5  # a list's point holding this (IDF-weighted) share of what narrows the question is on it
LISTING_SHARE = 0.5  # a summary's sentence holding this (IDF-weighted) share of the question's words answers it…
ITEM_NAMES_SECTION = 0.5  # …and each thing it lists whose words a section's name holds this share of is that section,
ITEM_MEANS_SECTION_BY = 0.1  # or whose nearest passage in meaning is of one section by this much (cosine) over others
# Where a sentence's list of things begins: after "were", "include", "such as" or a colon ("The main concerns were
# kitchen capacity, the time pupils have to eat, and food waste.").
_LISTING = re.compile(r"(?:\b(?:were|are|was|is|include[sd]?|including|such\s+as|namely)\b|:)"
                      r"\s+(?P<items>[^:;]+?)\.?\s*$", re.IGNORECASE)
# What a summary's lead-in calls its main points ("Our main findings are:", "The key messages are:")
_MAIN_POINTS = re.compile(r"\b(?:findings|messages|conclusions|points|themes|issues|lessons|takeaways)\b",
                          re.IGNORECASE)
# A question that asks which theme comes up most ("the most common barrier", "the top concerns"): by how many
_MOST_COMMON = re.compile(r"\bmost\s+(?:common(?:ly)?|frequent(?:ly)?|often|widely|mentioned|cited|raised|reported)\b|"
                          r"\bcommonest\b|\btop\s+(?:\d+\s+|(?:two|three|four|five|six)\s+)?[a-z]+s\b", re.IGNORECASE)
# A sentence that counts the points it goes on to give ("Three weaknesses limit the service."), and one that gives
# the next in turn ("Second, the volunteer model depends on …").
_COUNTS_ITS_POINTS = re.compile(rf"\W*(?:{NUMBER_WORDS}|[2-9])\s+(?:(?:main|key|major|important|further|other|"
                                rf"broad|principal|related)\s+)?(?P<kind>[\w-]+)\b", re.IGNORECASE)
_IN_TURN = re.compile(r"\W*(?:first|second|third|fourth|fifth|sixth|finally|lastly)(?:ly)?\b,?", re.IGNORECASE)
# A sentence giving one more point beside the series before it, and the words it calls them by: "Alongside these
# practical barriers, many young people described anxiety and low confidence."
_BESIDE_THESE = re.compile(r"\W*(?:alongside|besides|beyond|as\s+well\s+as|in\s+addition\s+to|on\s+top\s+of)\s+"
                           r"(?:these|those|them)\b(?:\s+[\w-]+){0,3}", re.IGNORECASE)
_ITEM_BREAK = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.IGNORECASE)


def themes_answer(evidence: Evidence) -> list[Block]:
    """2–6 themes, each headed by the report's sentence that best states it, with the quotes of the respondents
    who spoke to it, "n of N respondents" and the count by group. The report's own structure comes first: when
    the question names a section that has sections of its own, those are the themes; when it asks of the whole study
    ("the key issues", "the main problems tenants have with the repairs service" of a review of it), its findings'
    own sections are; when it matches a list of points under a lead-in, or the labelled points of a section, those
    are (after their lead-in; those on what narrows the question, when two or more are); otherwise the most
    relevant, mutually distinct statements of the narrative are.
    A theme's quotes are those the report itself places after its statement (the respondents' other extracts
    that come near it in meaning were too often off the point to show; they are counted)."""
    to_do = asks_for_recommendations(evidence.question.text)  # the report's recommendations: all, uncounted
    count = min(evidence.question.bullets or THEMES_USUAL, THEMES_MAX) if not to_do \
        else evidence.question.bullets or TO_DO_MAX
    if not evidence.question.has_topic:  # "What are the key themes?"
        return key_themes(evidence) or coded_themes(evidence, count) or summary_answer(evidence)
    subject = _whole_study_subject(evidence)  # "the key issues", "the main problems tenants have with the service"
    coverage = covered(evidence)
    if not coverage.covered and (subject is None or not asks_points_of_any_kind(evidence.question.text)):
        return decline_for(evidence, coverage)  # (a report may have no recommendations, but it has issues)
    lead, units = listed_in_summary(evidence)  # the report's own answer, in a sentence of its summary
    if len(units) >= THEMES_MIN:
        return _themes(evidence, lead, units, per_theme=1)
    lead, units = points_of_summary(evidence)  # …or in a list of its summary
    if len(units) >= THEMES_MIN:
        return _themes(evidence, lead, units[:count], per_theme=1, quote_strongest=True)
    lead, units = points_counted_in_prose(evidence, whole_study=subject is not None)  # …or a paragraph counting them
    if len(units) >= THEMES_MIN:
        return _themes(evidence, lead, units[:count], per_theme=1, quote_strongest=True)
    sources = Filters(sources=who_asked(evidence).sources)
    pool = evidence.narrative(evidence.retrieve(evidence.question.text, sources, 40))
    named = named_section(evidence, pool)
    if named is None and subject is not None:  # the findings' own sections, headed by what they say of the subject
        about = dataclasses.replace(evidence, question=dataclasses.replace(evidence.question, topic_tokens=subject))
        only_a_side = not subject and not point_kinds(evidence.question.text)  # "what works well?": sections naming it
        # "the main barriers people reported with the service": the sections that name them, when enough do; else
        # those that quote the most, unless the documents tell of the other side too (then they are no answer)
        asked_sides = sides_named(evidence.question.text)
        units = quoted_sections(about, count, True) if asked_sides else []
        if len(units) < THEMES_MIN and not (asked_sides and _tells_of_other_sides(evidence, asked_sides)):
            units = quoted_sections(about, count, only_a_side)
        if len(units) >= THEMES_MIN:
            return _themes(about, [], units, per_theme=1)
    if named is None and len(units := sections_naming_the_kind(evidence)) >= THEMES_MIN:
        return _themes(evidence, [], units[:count], per_theme=1)  # "Finding 2: … the main practical barriers"
    if not coverage.covered:
        return decline_for(evidence, coverage)
    if named is None:
        pool = from_findings(evidence, pool)
        lead, units = listed_in_section(evidence, pool)  # "Four things helped …:" over a section of each
        if len(units) >= THEMES_MIN:
            return _themes(evidence, lead, units[:count], per_theme=1)
    lead, units = sectioned_themes(evidence, pool, count, named)
    if not units:  # a list the section gives is its answer, though its points need not repeat the question's words
        section = section_pool(evidence, named)  # its passages are on the topic: the report filed them there
        listed = count if to_do else min(evidence.question.bullets or THEMES_MAX, THEMES_MAX)  # as it stands
        lead, units = structured_themes(evidence, _with(pool, section), listed, section)
        if not units:
            lead, units = [], diverse_statements(evidence, section or pool, count, needs_topic_words=not section,
                                                 side_first=subject is not None)
            if len(units) < THEMES_MIN and not section and pool \
                    and not _a_list_point(max(pool, key=evidence.relevance)):
                # the best passage's section says the rest in its own words (not the rest of a list it is a point
                # of: those answer the list's lead-in, which did not answer the question)
                units = diverse_statements(evidence, pool, count, needs_topic_words=False,
                                           side_first=subject is not None) or units
    if len(units) < THEMES_MIN:  # no narrative states them (a transcript's has its title and date at most)
        return (not units and (coded_themes(evidence, count) or spoken_points(evidence, count))) \
            or quotes_answer(evidence)
    return _themes(evidence, lead, [(label, heading, passage, evidence.reading.illustrations(passage))
                                    for label, heading, passage in units])


def listed_in_summary(evidence: Evidence) -> tuple[list[Block], list]:
    """Themes a document's own summary lists in answer to the question ("The main concerns were kitchen capacity,
    the time pupils have to eat, and food waste."): its sentence that holds most of the question's words, besides
    those of its title (``LISTING_SHARE``), and lists things, most of which name sections of its findings, two or
    more. The sentence leads; each section is a theme, headed by its opening statement and illustrated by its
    extracts, as ``quoted_sections`` gives them. ([], []) when no summary lists them (of the documents asked about,
    or those the question found)."""
    found = evidence.topic_candidates or evidence.candidates
    for source in evidence.question.filters.sources or dict.fromkeys(item.passage.source for item in found[:5]):
        passages = evidence.reading.under_document(source)
        title = set(content_tokens(passages[0].document)) if passages else set()
        asked = [token for token in evidence.question.topic_tokens if token not in title]  # not what it is all about
        if not asked:
            continue
        sections = [path for path in evidence.reading.paths(source) if not _sums_up(path)
                    and any(not evidence.reading.before_findings(passage)
                            for passage in evidence.reading.section(source, path)[:1])]
        for passage in passages:
            if not _sums_up(passage.section):
                continue
            for start, end in split_sentences(passage.text):
                sentence = passage.text[start:end]
                listing = _LISTING.search(sentence)
                if listing is None:
                    continue
                lead_in = sentence[:listing.start("items")]
                rest = [token for token in asked if token not in _kinds_listed(evidence.question.text, lead_in)]
                if rest and evidence.weights.coverage(rest, content_tokens(lead_in)) < LISTING_SHARE:
                    continue
                paths = _sections_listed(evidence, source, listing["items"], sections)
                if paths:
                    return [Lead((sentence_claim(passage, start, end),))], _section_units(evidence, source, paths)
    return [], []


def points_of_summary(evidence: Evidence) -> tuple[list[Block], list]:
    """Themes a document's own summary lists as points under a lead-in that names them as the kind of point asked
    for ("However, four problems limit what the service can achieve:" for "the main barriers to …"), or as its main
    points ("The key findings are:"), of which those naming the side asked for, when two or more do. Asked of no
    one in particular. What narrows the question beyond the document's title and the lead-in ("recruiting drivers"
    of "the main barriers to recruiting drivers") must be in two points or more, which are then the themes; in one
    point, the question is about that point, and the list is no answer. The lead-in leads; each point is a theme.
    ([], []) when no summary lists them."""
    question = evidence.question
    if question.filters.groups or question.filters.areas or question.filters.respondents:
        return [], []  # what a group said is in their words
    asked_sides, asked_kinds = sides_named(question.text), point_kinds(question.text)
    side = naming_sides(asked_sides)
    found = evidence.topic_candidates or evidence.candidates
    for source in question.filters.sources or dict.fromkeys(item.passage.source for item in found[:5]):
        lead_ins = dict.fromkeys(passage.context for passage in evidence.reading.under_document(source)
                                 if names_own_summary(passage.section) and leads_in(passage.context))
        for lead_in in lead_ins:
            if sides_named(lead_in) & asked_sides or asked_kinds & point_kinds(lead_in):
                wanted = None  # points of the kind asked for
            elif _MAIN_POINTS.search(lead_in) and (side is not None or asks_points_of_any_kind(question.text)):
                wanted = side  # the report's main points: those naming the side asked for
            else:
                continue
            passages = evidence.reading.points(source, lead_in)
            if not passages:
                continue
            points = [(passage, start, end) for passage, start, end in list_points(passages, MAX_SENTENCE_CHARS)
                      if end - start >= 20 and (wanted is None or wanted(passage.text[start:end]))]
            narrower = _narrower_than(evidence, f"{passages[0].document} {lead_in}")
            if narrower:
                on_it = [point for point in points if evidence.weights.coverage(
                    narrower, content_tokens(point[0].text[point[1]:point[2]])) >= NARROWED_SHARE]
                points = [] if len(on_it) == 1 else (on_it or points)
            if len(points) < THEMES_MIN:
                continue
            units = [(run_in_label(passage.text[start:end]), sentence_claim(passage, start, end), passage, ())
                     for passage, start, end in points]
            return _lead_in(evidence, passages[0]), units
    return [], []


def points_counted_in_prose(evidence: Evidence, whole_study: bool = False) -> tuple[list[Block], list]:
    """Themes a paragraph of the report counts and gives in turn, of the kind or side asked for ("Three weaknesses
    limit the service. First, … Second, … Third, …" for "the main barriers and problems"): the sentence that counts
    them leads, and each sentence that opens on its place in the count ("First,", "Finally,") is a theme, and one
    after them that gives another beside them ("Alongside these practical barriers, …"). Asked of
    no one in particular. ``whole_study``: asked of what the study is about throughout, only a paragraph of a
    summary or of a section naming that side counts them (one of a findings' section on the referral pathway counts
    that pathway's problems). ([], []) when no paragraph the question finds gives two or more so."""
    question = evidence.question
    if question.filters.groups or question.filters.areas or question.filters.respondents:
        return [], []
    asked_sides, asked_kinds = sides_named(question.text), point_kinds(question.text) - ANY_KIND
    found = evidence.retrieve(question.text, Filters(kinds=(NARRATIVE,), sources=question.filters.sources), 40)
    for item in evidence.narrative(found):
        section = section_name(item.passage.section)
        if whole_study and not (names_a_summary(section) or sides_named(section) & asked_sides):
            continue
        text = item.passage.text
        sentences = split_sentences(text)
        for number, (start, end) in enumerate(sentences):
            counted = _COUNTS_ITS_POINTS.match(text, start, end)
            if counted is None or not (sides_named(counted["kind"]) & asked_sides
                                       or point_kinds(counted["kind"]) & asked_kinds):
                continue
            in_turn, beside = [], None
            for later_start, later_end in sentences[number + 1:]:
                if _IN_TURN.match(text, later_start, later_end):
                    in_turn.append((later_start, later_end))
                elif in_turn and (beside := _BESIDE_THESE.match(text, later_start, later_end)) and (
                        sides_named(beside.group()) & asked_sides or point_kinds(beside.group()) & asked_kinds):
                    in_turn.append((later_start, later_end))  # "Alongside these practical barriers, …": one more
                    break
            if len(in_turn) >= THEMES_MIN:  # ("Three problems stood out." does not lead four)
                return ([] if beside else [Lead((sentence_claim(item.passage, start, end),))],
                        [("", sentence_claim(item.passage, *span), item.passage, ()) for span in in_turn])
    return [], []


def _kinds_listed(question: str, lead_in: str) -> set[str]:
    """The words for the kind of point ``question`` asks for that a listing's ``lead_in`` answers, in its own words
    or not: all of them when it lists the same side ("the main difficulties" of "The key challenges were …") or
    points in general that are no help ("the main difficulties", "the main concerns" of "The main issues were …")."""
    listed, asked_sides = point_kinds(lead_in), sides_named(question)
    if sides_named(lead_in) & asked_sides:  # "Its weaknesses lay in …" of "what held the clinics back?"
        return point_kinds(question) | side_tokens(question)
    if not listed or not (listed <= ANY_KIND and "enablers" not in asked_sides):
        return set()
    return point_kinds(question)


def _section_named(evidence: Evidence, item: str, sections: Sequence[str]) -> str | None:
    """The section of ``sections`` whose name holds most of the words of ``item`` ("kitchen capacity" of "Kitchen
    capacity and time to eat"), or whose name's words ``item`` holds most of ("Insurance" of "slow insurance
    payouts"), when it holds ``ITEM_NAMES_SECTION`` of them."""
    words = content_tokens(item)

    def share(path: str) -> float:
        name = content_tokens(section_name(path))
        return max(evidence.weights.coverage(words, name), evidence.weights.coverage(name, words) if name else 0.0)

    best = max(sections, key=share, default=None)
    return best if words and best is not None and share(best) >= ITEM_NAMES_SECTION else None


def listed_in_section(evidence: Evidence, pool: Sequence[ScoredPassage]) -> tuple[list[Block], list]:
    """Themes a section gives in a sentence that counts and lists its own sections ("Four things helped young people
    to stay on the programme: the key worker relationship, free travel passes, phased part-time starts, and peer
    support." over "5.1 The key worker", "5.2 Free travel passes", …), when it is among the
    ``LIST_AMONG_STRONGEST`` passages of ``pool`` that best answer the question and names no side but the one asked
    for, if any; most of the things it lists name a section, two or more. The sentence leads; each section it names
    is a theme, headed by its opening statement (the sentence says what each is). ([], []) when none does."""
    asked = sides_named(evidence.question.text)
    other = naming_sides(SIDES - asked) if asked else None
    for item in sorted(pool, key=evidence.relevance, reverse=True)[:LIST_AMONG_STRONGEST]:
        passage = item.passage
        sections = evidence.reading.subsections(passage.source, passage.section)
        if len(sections) < THEMES_MIN:
            continue
        for start, end in split_sentences(passage.text):
            sentence = passage.text[start:end]
            listing = _LISTING.search(sentence) if _COUNTS_ITS_POINTS.match(sentence) else None
            if listing is None or other and other(sentence[:listing.start("items")]):
                continue
            paths = _sections_listed(evidence, passage.source, listing["items"], sections)
            if paths:
                return [Lead((sentence_claim(passage, start, end),))], _section_units(evidence, passage.source, paths,
                                                                                     opening_first=True)
    return [], []


def _sections_listed(evidence: Evidence, source: str, listed: str, sections: Sequence[str]) -> list[str]:
    """The sections of ``sections`` that the things ``listed`` (a sentence's list: "a, b and c") name, by their words
    or, failing that, clearly in meaning (the things a summary lists in its own words: "the prescribing link to
    community pharmacies"), in the list's order: two or more, naming most of the things; else []."""
    things = _ITEM_BREAK.split(listed)
    named = [_section_named(evidence, thing, sections) for thing in things]
    if None in named:
        named = _sections_meant(evidence, source, things, named, sections)
    paths = list(dict.fromkeys(path for path in named if path is not None))
    return paths if len(paths) >= THEMES_MIN and 2 * (len(named) - named.count(None)) >= len(named) else []


def _sums_up(section: str) -> bool:
    """Whether ``section`` is the document's own summary or its conclusions ("Conclusions and recommendations")."""
    return names_own_summary(section) or "conclusion" in section_name(section).lower()


def _sections_meant(evidence: Evidence, source: str, items: Sequence[str], named: Sequence[str | None],
                    sections: Sequence[str]) -> list[str | None]:
    """``named`` (the section each of ``items`` names, or None), with each item no section names by its words taken
    as the section of ``sections`` a passage of which says it in meaning: about it (above the library's on-topic
    line) and clearly more so than any passage of another section (by ``ITEM_MEANS_SECTION_BY``), else None ("the
    prescribing link to community pharmacies" is "The referral pathway to community pharmacies"; "cover for absent
    staff", as near to "Access and waiting times" as to "Staffing, training and peer support", is none)."""
    if not sections:
        return list(named)
    unnamed = [item for item, path in zip(items, named) if path is None]
    vectors = np.asarray(evidence.embed_all(unnamed), dtype=np.float32)
    closeness = []  # per section, each unnamed item's nearest passage of it
    for path in sections:
        ids, matrix = evidence.vectors(evidence.reading.section(source, path))
        closeness.append((matrix @ vectors.T).max(axis=0) if len(ids) else np.zeros(len(unnamed)))
    meant = iter(_clearly_nearest(np.asarray(closeness).T, sections, evidence.calibration.on_topic))
    return [path if path is not None else next(meant) for path in named]


def _clearly_nearest(closeness: np.ndarray, sections: Sequence[str], floor: float) -> list[str | None]:
    """For each row of ``closeness`` (one per item: its nearness to each of ``sections``), the nearest section when
    it is above ``floor`` and ahead of the next by ``ITEM_MEANS_SECTION_BY``, else None."""
    chosen = []
    for row in closeness:
        order = np.argsort(-row)
        best = row[order[0]] if len(order) else 0.0
        runner_up = row[order[1]] if len(order) > 1 else 0.0
        chosen.append(sections[order[0]] if best >= floor and best - runner_up >= ITEM_MEANS_SECTION_BY else None)
    return chosen


def _section_units(evidence: Evidence, source: str, paths: Sequence[str], opening_first: bool = False) -> list:
    """The themes' units of each section of ``paths`` (``_section_unit``); ``opening_first``: headed by its opening
    statement, whatever sentence names the side asked for (its heading names it)."""
    extracts = _extracts_by_section(evidence, [source], who_asked(evidence))
    return [unit for path in paths for unit in _section_unit(evidence, (source, path), extracts.get((source, path), []),
                                                             opening_first=opening_first)]


def _section_unit(evidence: Evidence, key: tuple[str, str], extracts: Sequence[Passage],
                  side: Callable[[str], bool] | None = None, opening_first: bool = False) -> list[tuple]:
    """The section ``key`` ((source, path)) as a theme's unit: headed by its opening statement (its sentence naming the
    side of the topic asked for, if it has one; only such a sentence, with ``side``) and illustrated by its
    ``extracts``, one per voice first; none when no sentence heads it. Two, when that sentence names the side as a
    later point of a series ("The 30-minute appointment was the second enabler."): the section's opening statement,
    its first point, then it."""
    opening = [ScoredPassage(passage, 0.0) for passage in evidence.reading.section(*key)[:SECTION_PASSAGES]]
    claims = _opening_statement(opening) if opening_first \
        else lead_sentences(evidence, opening, 1, standalone=True, needs_topic_words=False, naming=side) if side \
        else _of_the_group_asked(evidence, opening) or _naming_the_side_first(evidence, opening, 1, 1,
                                                                                 needs_topic_words=False)
    side = side or naming_sides(sides_named(evidence.question.text))
    if side and claims and _later_in_series(claims[0].text, side):
        first = [claim for claim in _opening_statement(opening) if claim.text != claims[0].text]
        claims = [*first, *claims]  # "… was the second enabler": the first comes before it, as it does there
    voices = tuple(item.passage for item in _voices_first([ScoredPassage(passage, 0.0) for passage in extracts]))
    return [(section_name(key[1]), claim, passage_of(claim, opening), voices) for claim in claims]


# A later place in a series, and the words after it: "the second enabler", "another real barrier"
_LATER_IN_SERIES = re.compile(r"\b(?:second|third|fourth|fifth|sixth|another)\s+(?:[\w-]+\s+){0,2}[\w-]+",
                              re.IGNORECASE)


def _later_in_series(sentence: str, side: Callable[[str], bool]) -> bool:
    """Whether ``sentence`` names the side as a later point of a series ("The 30-minute appointment was the second
    enabler."): the section's first point of it comes before."""
    return any(side(match.group(0)) for match in _LATER_IN_SERIES.finditer(sentence))


def _opening_statement(opening: Sequence[ScoredPassage]) -> list[Claim]:
    """The first sentence of a section's opening passages that states something and stands alone; one of a few words
    with the sentence after it, which says what came of it ("Free travel passes were introduced in April 2023.
    Placement drop-out fell from 41% in year one to 23% in year two.")."""
    for item in opening:
        text = item.passage.text
        spans = split_sentences(text)
        for number, (start, end) in enumerate(spans):
            if len(text[start:end]) <= MAX_SENTENCE_CHARS and states_something(text, start, end) \
                    and not leads_in(text[start:end]) and (span := standing_alone(text, spans, number, end)):
                if len(text[start:end].split()) <= SETTING_WORDS and number + 1 < len(spans):
                    after_start, after_end = spans[number + 1]
                    if states_something(text, after_start, after_end) and not leads_in(text[after_start:after_end]) \
                            and after_end - span[0] <= MAX_SENTENCE_CHARS:
                        span = (span[0], after_end)
                return [sentence_claim(item.passage, *span)]
    return []


def _a_list_point(item: ScoredPassage) -> bool:
    """Whether the passage of ``item`` is (part of) a point of a list, under a lead-in ending in a colon."""
    return leads_in(item.passage.context)


def _whole_study_subject(evidence: Evidence) -> tuple[str, ...] | None:
    """The topic words of a themes question that asks about what the study is about throughout: besides its words
    for the kind of point asked for ("key issues") and for a side ("what works well"), only words of a document's
    title ("tenants", "repairs" of "Listening to tenants: a review of the repairs service"; not "volunteering" of an
    evaluation of a befriending service, though its volunteers are in most of what it says); None for another, or
    for one asking for a kind of point that is neither any point at all nor a side ("the positives", "the risks":
    not every section of the findings is one) unless it names a side as well ("the main concerns or barriers"), or
    what is to be done."""
    question = evidence.question.text
    sides, kinds = side_tokens(question), point_kinds(question)
    if not asks_points_of_any_kind(question) and kinds - sides and not sides or asks_what_to_do(question):
        return None  # (what is to be done is not what every section of the findings says)
    subject = tuple(token for token in evidence.topic if token not in sides | kinds)
    return subject if in_a_title(evidence, subject) else None


def _tells_of_other_sides(evidence: Evidence, asked: frozenset[str]) -> bool:
    """Whether the narrative of the documents in scope names a side other than those ``asked`` ("Three things helped
    nurses …" of a pilot's review asked what held it back): a review of what went wrong names none."""
    others = naming_sides(SIDES - asked)
    return others is not None and any(others(passage.text) for source in sources_in_scope(evidence)
                                      for passage in evidence.reading.under_document(source))


def sections_naming_the_kind(evidence: Evidence) -> list:
    """The findings' sections whose headings name the kind of point asked for ("Finding 2: Childcare and timing are
    the main practical barriers" for "the main barriers to taking part"), as themes' units in reading order, two or
    more, when one of them is on what is asked: the rest of its words are in its heading or the document's title
    (what the study is about), or its passages are on the question. Of the first document in scope that has them."""
    kinds = point_kinds(evidence.question.text)
    if not kinds:
        return []
    subject = set(evidence.topic) - kinds
    for source in sources_in_scope(evidence):
        passages = evidence.reading.under_document(source)
        title = set(content_tokens(passages[0].document)) if passages else set()
        paths = [path for path in evidence.reading.paths(source) if kinds & set(content_tokens(section_name(path)))
                 and not is_about_the_paper(path) and (opening := evidence.reading.section(source, path)[:1])
                 and not evidence.reading.before_findings(opening[0])]
        if len(paths) >= THEMES_MIN and any(  # (one of them on what is asked: not barriers to something else)
                subject <= title | set(content_tokens(section_name(path)))
                or _on_the_question(evidence, evidence.reading.section(source, path)[:SECTION_PASSAGES])
                for path in paths):
            return _section_units(evidence, source, paths, opening_first=True)
    return []


def _on_the_question(evidence: Evidence, passages: Sequence[Passage]) -> bool:
    """Whether one of ``passages`` is on the question, as the library's calibration judges (its words aside)."""
    scored = evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in passages])
    return any(item.dense_score >= evidence.calibration.on_topic for item in scored)


def _at(passage: Passage) -> tuple[str, int]:
    return passage.source, passage.start


def _with(pool, more) -> list[ScoredPassage]:
    """``pool`` and the items of ``more`` it does not hold."""
    held = {item.passage.passage_id for item in pool}
    return [*pool, *(item for item in more if item.passage.passage_id not in held)]


def _themes(evidence: Evidence, lead: list[Block], units, per_theme: int = QUOTES_PER_THEME,
            quote_strongest: bool = False) -> list[Block]:
    """The themes of ``units`` ((label, statement, its passage, the extracts that illustrate it)), each with "n of
    N respondents" who spoke to it, counted from the stored vectors, and ``per_theme`` of its extracts not shown
    under another; ``quote_strongest``: a theme with none is illustrated by the extracts that speak to it most
    strongly (a summary's point is far from the extracts the report quotes on it)."""
    shown: set[str] = set()
    themes = []
    vectors = evidence.embed_all([f"{label}. {heading.text}" if label else heading.text
                                  for label, heading, _, _ in units])
    asked = [(label or heading.text, vector,
              tuple(token for token in content_tokens(f"{label} {heading.text}") if evidence.weights.known(token)))
             for (label, heading, _, _), vector in zip(units, vectors)]
    counted = evidence.prevalence.who_spoke_each(asked, who_asked(evidence)) \
        if not asks_for_recommendations(evidence.question.text) else [None] * len(units)  # the report's own
    headings = {(claim.citations[0].source, claim.citations[0].start) for _, claim, _, _ in units}
    # two statements of one passage: its extracts illustrate the later, which leads into them
    last: dict[str, int] = {}
    for _, heading, passage, _ in units:
        last[passage.passage_id] = max(last.get(passage.passage_id, -1), heading.citations[0].start)
    for (label, heading, passage, illustrations), (_, vector, topic), who in zip(units, asked, counted):
        earlier = not quote_strongest and heading.citations[0].start < last[passage.passage_id]
        if quote_strongest and not illustrations and who is not None:
            illustrations = [mention.best for mention in who.nearest(per_theme + len(shown))]
        own = [] if earlier else [extract for extract in illustrations if extract.passage_id not in shown]
        extracts = _nearest_voices(evidence, own, vector, per_theme)
        shown.update(extract.passage_id for extract in extracts)
        support = () if extracts else _next_sentence(evidence, heading, passage, headings)
        quoted = tuple(trimmed(extract, topic, evidence.weights) for extract in extracts)
        if who is None:  # (no one's words are counted for it)
            themes.append(Theme(heading, quoted, 0, 0, (), label, support))
            continue
        who = who.including(extract.respondent for extract in own)
        themes.append(Theme(heading, quoted, who.count, who.total, who.breakdown(), label, support))
    themes = _within_budget(themes, lead)
    if _MOST_COMMON.search(evidence.question.text) and any(theme.respondents for theme in themes):
        # "what was the most common barrier?": the one most respondents speak to first, and said to be so ordered
        themes.sort(key=lambda theme: -theme.respondents)
        lead = [*lead, Notes(("Most often raised first, by how many respondents' quoted extracts speak to each.",))]
    return [*lead, Themes(tuple(themes))]


def _nearest_voices(evidence: Evidence, extracts: Sequence[Passage], heading, count: int) -> list[Passage]:
    """``count`` of ``extracts`` (a theme's, one per voice first), those nearest its ``heading`` in meaning (its
    vector) first, each voice once while others are left: a section's extracts are not all on the point that heads
    it ("The most common frustration was not knowing when the team would arrive" over a patient's praise of home)."""
    if len(extracts) <= count:
        return list(extracts)
    ids, matrix = evidence.vectors(extracts)
    closeness = dict(zip(ids, (matrix @ np.asarray(heading)).tolist())) if len(ids) else {}
    nearest = sorted(extracts, key=lambda extract: -closeness.get(extract.passage_id, -1.0))
    voices, chosen = set(), []
    for extract in nearest:
        if extract.respondent not in voices or not extract.respondent:
            chosen.append(extract)
            voices.add(extract.respondent)
    chosen += [extract for extract in nearest if extract not in chosen]
    return chosen[:count]


def _within_budget(themes: list[Theme], lead: Sequence[Block]) -> list[Theme]:
    """``themes`` with each one's supporting sentence kept, in order, while the answer's words from the findings stay
    within ``SUPPORTED_WORDS``: what supports a theme is worth reading, not a longer briefing."""
    used = _words(claim.text for block in lead for claim in claims_of(block)) \
        + _words(theme.heading.text for theme in themes if theme.heading) \
        + _words(quote.citation.quote for theme in themes for quote in theme.quotes)
    kept = []
    for theme in themes:
        if theme.support and used + _words(claim.text for claim in theme.support) > SUPPORTED_WORDS:
            theme = dataclasses.replace(theme, support=())
        used += _words(claim.text for claim in theme.support)
        kept.append(theme)
    return kept


def _words(texts) -> int:
    return sum(len(text.split()) for text in texts)


def _next_sentence(evidence: Evidence, heading: Claim, passage: Passage,
                   headings: set[tuple[str, int]]) -> tuple[Claim, ...]:
    """The report's sentence after a theme's ``heading`` (in ``passage``, or opening the next passage of its section
    when no extract stands between), as what supports it when no extract is shown for it: prose that states
    something (no lead-in to what follows, no pointer elsewhere), and no other theme's heading; () when there is
    none."""
    citation = heading.citations[0]
    if citation.source != passage.source:
        return ()
    after = citation.end - passage.start
    following = next(((start, end) for start, end in split_sentences(passage.text) if start >= after), None)
    if following is None:  # the heading ends its passage: the next one of the section goes on from it
        section = evidence.reading.section(passage.source, passage.section)
        at = next((n for n, other in enumerate(section) if other.passage_id == passage.passage_id), None)
        if at is None or at + 1 >= len(section) or evidence.reading.illustrations(passage):
            return ()
        passage = section[at + 1]
        following = next(iter(split_sentences(passage.text)), None)
    if following is None:
        return ()
    start, end = following
    sentence = passage.text[start:end]
    if (passage.source, passage.start + start) in headings or not is_prose(sentence) or leads_in(sentence) \
            or points_elsewhere(passage.text, start):
        return ()
    return (sentence_claim(passage, start, end),)


def key_themes(evidence: Evidence) -> list[Block]:
    """Themes asked for with no topic, of everyone or of a group or area (``quoted_sections``): an overview, one
    voice quoted for each and every voice counted; [] when the documents have fewer such sections."""
    units = quoted_sections(evidence, min(evidence.question.bullets or THEMES_USUAL, THEMES_MAX))
    return _themes(evidence, [], units, per_theme=1) if len(units) >= THEMES_MIN else []


def _of_the_group_asked(evidence: Evidence, opening: Sequence[ScoredPassage]) -> list[Claim]:
    """Asked what a group said, a section's statement that names the group ("Headteachers were aware of …") or,
    failing that, names no other group: not "Parents described calmer streets" above a headteacher's words. []
    when the question names no group, or no such statement stands there."""
    asked = set(evidence.question.filters.groups)
    if not asked:
        return []
    theirs = naming_groups(evidence, asked)
    others = naming_groups(evidence, {group for _, group in evidence.directory.group_terms()} - asked)
    for wanted in (theirs, lambda sentence: not others(sentence)) if others else (theirs,):
        claims = lead_sentences(evidence, opening, 1, standalone=True, needs_topic_words=False, naming=wanted)
        if claims:
            return claims
    return []


def quoted_sections(evidence: Evidence, count: int, side_only: bool = False) -> list:
    """A report's own themes, asked for with no topic: ``count`` units (``_section_unit``) of its sections that
    quote the most respondents, in reading order, each headed by its opening statement (its sentence naming the side
    of the topic the question asks for, if it has one: ``sides``) and illustrated by its extracts, one per voice
    first. Over the documents in scope (see ``sources_in_scope``) and the people the question names; none for
    documents with no narrative of their own. ``side_only``: only the sections with a sentence naming that side."""
    side = naming_sides(sides_named(evidence.question.text)) if side_only else None
    extracts = _extracts_by_section(evidence, sources_in_scope(evidence), who_asked(evidence))
    units = []
    for key in sorted(extracts, key=lambda key: -len({p.respondent or p.passage_id for p in extracts[key]})):
        units += _section_unit(evidence, key, extracts[key], side)
        if len(units) >= count:
            units = units[:count]
            break
    return sorted(units, key=lambda unit: (unit[2].source, unit[2].start))


def _extracts_by_section(evidence: Evidence, sources: Sequence[str], who: Filters = Filters()
                         ) -> dict[tuple[str, str], list[Passage]]:
    """The extracts of ``sources`` (by the people ``who`` names) by the (source, section) they are quoted in, in
    reading order."""
    wanted = set(sources)
    extracts: dict[tuple[str, str], list[Passage]] = {}
    for passage in evidence.passages:
        if passage.kind == QUOTE and passage.source in wanted and passage.section and who.matches(passage):
            extracts.setdefault((passage.source, passage.section), []).append(passage)
    return extracts


def coded_themes(evidence: Evidence, count: int) -> list[Block]:
    """Themes of documents with no narrative of their own whose extracts are filed under codes (an analysis export:
    "Explainability purposes › Identifying interactions"), each headed by its code's name, with its strongest
    extracts (one per voice first) and how many respondents the analysts coded to it."""
    who = who_asked(evidence)
    engine = evidence.prevalence
    coded = {key: [engine.extracts[row] for row in rows] for key, (_, rows) in engine.codes().items()
             if not who.sources or key[0] in who.sources}
    if not coded:
        return []
    found = evidence.retrieve(evidence.question.text, dataclasses.replace(who, kinds=(QUOTE,)), 4 * SECTION_PASSAGES)
    strong = [item for item in strong_quotes(evidence, found)[0] if _code_of(item.passage) in coded]
    codes = _codes_asked(evidence, coded, strong)
    if len(codes) < THEMES_MIN:
        return []
    if not who.sources:  # counted among the respondents of the documents the codes are from, not the library's
        who = dataclasses.replace(who, sources=tuple(dict.fromkeys(source for source, _ in codes)))
    everyone = engine.who_spoke(evidence.topic_phrase(), evidence.embed(evidence.question.text), evidence.topic, who)
    themes, shown = [], []
    for key in codes:
        items = [item for item in _typical_first(evidence, coded[key])
                 if not any(same_extract(item.passage, other) for other in shown)]
        picked = _voices_first(items)[:QUOTES_PER_THEME]
        if not picked:
            continue  # every extract of it shown already, under another code
        shown.extend(item.passage for item in picked)
        counted = everyone.exactly(passage.respondent for passage in coded[key])
        themes.append(Theme(None, tuple(trimmed(item.passage, evidence.topic, evidence.weights) for item in picked),
                            counted.count, counted.total, counted.breakdown(), section_name(key[1])))
        if len(themes) == count:
            break
    return [Themes(tuple(themes))] if len(themes) >= THEMES_MIN else []


def spoken_points(evidence: Evidence, count: int) -> list[Block]:
    """Themes asked of documents with no narrative and no codes (an interview transcript, whose long turns each make
    several points): the distinct points made on the question, each a run of sentences of an extract that speaks
    to it (``strong_quotes``, or above the off-topic line), the best first and each as unlike those before it as
    relevance allows (``diverse``); [] when fewer than ``THEMES_MIN`` are found."""
    line = evidence.calibration.extract_floor + QUOTE_FLOOR_MARGIN
    strong, weak = strong_quotes(evidence, evidence.quotes())
    extracts = [item.passage for item in strong] + [item.passage for item in weak if evidence.relevance(item) >= line]
    runs = [(passage, start, end) for passage in extracts[:SECTION_PASSAGES] for start, end in _runs(passage.text)]
    if len(runs) < THEMES_MIN:
        return []
    texts = [passage.text[start:end] for passage, start, end in runs]
    vectors = np.asarray(evidence.embed_all(texts))
    scores = (vectors @ np.asarray(evidence.embed(evidence.question.text))).tolist()
    scores = [score + 0.3 * evidence.weights.coverage(evidence.topic, content_tokens(text))
              for score, text in zip(scores, texts)]
    chosen = diverse(scores, vectors, count, floor=line)
    if len(chosen) < THEMES_MIN:
        return []
    return [Quotes(tuple(quote_of(*runs[i]) for i in chosen))]


def _runs(text: str) -> list[tuple[int, int]]:
    """``text`` cut into runs of whole sentences of ``QUOTE_CHARS`` at most (one, when it is no longer)."""
    runs: list[tuple[int, int]] = []
    for start, end in split_sentences(text) or [(0, len(text))]:
        if runs and end - runs[-1][0] <= QUOTE_CHARS:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _typical_first(evidence: Evidence, extracts: Sequence[Passage]) -> list[ScoredPassage]:
    """A code's extracts, those that both answer the question and are most typical of the code first: relevance to
    the question plus the cosine with the centre of the code's extracts (a general question, "the main themes",
    otherwise quotes a code by its slightest extract: "Yes. Yes. Well, there's a lot of information")."""
    items = evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in extracts[:2 * SECTION_PASSAGES]
                                   if not is_short(passage.text)])
    ids, vectors = evidence.vectors([item.passage for item in items])
    typical = dict(zip(ids, (vectors @ centre_of(vectors)).tolist())) if len(ids) else {}
    return sorted(items, key=lambda item: -(evidence.relevance(item) + typical.get(item.passage.passage_id, 0.0)))


def _code_of(passage: Passage) -> tuple[str, str]:
    return passage.source, passage.section


def _codes_asked(evidence: Evidence, coded, strong: Sequence[ScoredPassage]) -> list[tuple[str, str]]:
    """The codes a themes question asks for: when it names a code that has codes under it ("the main
    explainability purposes"), those, the most coded first; otherwise the codes of the extracts that answer it
    (``strong``, best first), those with most voices among them first."""
    parent = named_among(evidence, {(source, SECTION_SEPARATOR.join(path.split(SECTION_SEPARATOR)[:depth]))
                                    for source, path in coded for depth in range(1, path.count(SECTION_SEPARATOR) + 1)})
    if parent is not None:
        under = f"{parent[1]}{SECTION_SEPARATOR}"
        return sorted((key for key in coded if key[0] == parent[0] and key[1].startswith(under)),
                      key=lambda key: -len({passage.respondent for passage in coded[key]}))
    voices: dict[tuple[str, str], set[str]] = {}
    for item in strong:
        voices.setdefault(_code_of(item.passage), set()).add(item.passage.respondent)
    return sorted(voices, key=lambda key: -len(voices[key]))  # stable: the best extract's code first on a tie


def _voices_first(items: Sequence[ScoredPassage]) -> list[ScoredPassage]:
    """``items`` with each respondent's first ahead of anyone's second."""
    first: dict[str, ScoredPassage] = {}
    for item in items:
        first.setdefault(item.passage.respondent, item)
    return [*first.values(), *(item for item in items if item not in first.values())]


def sectioned_themes(evidence: Evidence, pool, count: int, named: tuple[str, str] | None
                     ) -> tuple[list[Block], list[tuple[str, Claim, Passage]]]:
    """Themes the report's own headings give: when the section the question names (``named_section``: "Facilitators
    and barriers to …" for "the main barriers") has sections of its own, each of them, the most relevant ``count``
    in reading order, is a theme headed by its sentence that best answers the question; the section's own opening
    sentence leads. Returns (lead, [(label, statement, its passage)])."""
    if named is None or not evidence.reading.subsections(*named):
        return [], []
    source, path = named
    children = {child: as_scored(pool, evidence.reading.under(source, child)[:SECTION_PASSAGES])
                for child in evidence.reading.subsections(source, path)}
    cosines = {item.passage.passage_id: item  # one read of the stored vectors for every section
               for item in evidence.with_cosines([item for items in children.values() for item in items])}
    themes = []
    for child, items in children.items():
        items = [cosines[item.passage.passage_id] for item in items]
        claims = _naming_the_side_first(evidence, items, 1, 1, per_passage=1, needs_topic_words=False)
        if claims:
            score = max(evidence.relevance(item) for item in items)
            themes.append((score, section_name(child), claims[0], passage_of(claims[0], items)))
    if len(themes) < THEMES_MIN:
        return [], []
    strongest = {id(theme) for theme in sorted(themes, key=lambda theme: -theme[0])[:count]}
    units = [theme[1:] for theme in themes if id(theme) in strongest]
    opening = evidence.reading.section(source, path)[:1]
    lead = lead_sentences(evidence, [ScoredPassage(passage, 0.0) for passage in opening], 1, standalone=True,
                          needs_topic_words=False)
    return ([Lead(tuple(lead))] if lead else []), units


def structured_themes(evidence: Evidence, pool, count: int, section=()
                      ) -> tuple[list[Block], list[tuple[str, Claim, Passage]]]:
    """Themes the report itself lists for the question: the points of a list whose lead-in ("there are also
    more immediate drivers of …:"), or the labelled points ("Reduced budgets: …") of a section whose name,
    matches the question about as well as its best statements do, when there are two or more; a list whose
    lead-in shares none of the question's words ("A simple classification would include:") when two of its points
    are among the passages that answer it best, in other words. A list named by its lead-in answers as well as the
    lead-in does ("We recommend that the council:" for the report's recommendations, whose points never say so); a
    list in the ``section`` the question names ("Next steps") is its answer, whatever its lead-in's words.
    Returns the lead-in, as the report's own sentence, and [(label, point, its passage)]."""
    lists: dict[tuple[str, str], list] = {}
    named = {item.passage.passage_id for item in section}
    to_do = bool(asks_what_to_do(evidence.question.text))
    for item in pool:
        passage = item.passage
        # a list's points: under a lead-in ending in a colon, or any list of the section named ("We make five
        # recommendations." before the Recommendations' points)
        # (asked what to do: a list of things to be done, too)
        if leads_in(passage.context) or passage.context and passage.kind == NARRATIVE and (
                passage.passage_id in named or to_do and RECOMMENDING.search(passage.text)):
            lists.setdefault((passage.source, passage.context), []).append(item)
        if passage.context and run_in_label(passage.text):
            lists.setdefault((passage.source, section_name(passage.section)), []).append(item)
    ranked = sorted(pool, key=evidence.relevance, reverse=True)
    best_statement = evidence.relevance(ranked[0]) if ranked else 0.0
    paraphrase = evidence.calibration.on_topic + PARAPHRASE_MARGIN
    strongest = {item.passage.passage_id for item in ranked[:LIST_AMONG_STRONGEST]
                 if evidence.relevance(item) >= paraphrase}
    best, best_score = None, max(evidence.calibration.on_topic, best_statement - RELATED_MARGIN)
    relevance = {item.passage.passage_id: evidence.relevance(item) for item in pool}
    in_section = [items for items in lists.values() if sum(item.passage.passage_id in named for item in items)
                  >= THEMES_MIN]
    for (_, lead_in), items in lists.items() if not in_section else ():
        if len({item.passage.start for item in items}) < THEMES_MIN:
            continue
        lead_share = evidence.weights.coverage(evidence.topic, content_tokens(lead_in))
        # "We recommend that the landlord:", or points most of which say what should be done: what to do
        recommends = to_do and (bool(RECOMMENDING.search(lead_in)) or 2 * sum(
            bool(RECOMMENDING.search(item.passage.text)) for item in items) > len(items))
        if recommends:
            lead_share = max(lead_share, LIST_NAME_SHARE)
        if lead_share < LIST_NAME_SHARE and sum(item.passage.passage_id in strongest for item in items) < THEMES_MIN:
            continue  # neither named in the question's words nor where its strongest statements are
        score = sorted((evidence.relevance(item) for item in items), reverse=True)[1] + 0.3 * lead_share
        if lead_share >= LIST_NAME_SHARE:  # a list whose lead-in answers best ("We recommend that the council:")
            introducing = evidence.reading.preceding(min((item.passage for item in items), key=_at))
            score = max(score, relevance.get(introducing.passage_id, 0.0) if introducing else 0.0)
        score += recommends  # asked what is to be done, a list of what to do comes before any other
        if score > best_score:
            best, best_score = items, score
    best = max(in_section, key=len, default=best)
    if best is None:
        return [], []
    found = sorted((item.passage for item in best), key=lambda passage: passage.start)
    first = found[0]
    listed = evidence.reading.points(first.source, first.context) if leads_in(first.context) else []
    passages = listed or found  # the whole list, where the search found some of it; a section's labelled points
    points = [(passage, start, end) for passage, start, end in list_points(passages, MAX_SENTENCE_CHARS)
              if end - start >= 20]
    narrower = _narrower_than(evidence, first.context)
    on_it = [point for point in points if narrower and evidence.weights.coverage(
        narrower, content_tokens(point[0].text[point[1]:point[2]])) >= NARROWED_SHARE]
    if len(on_it) >= THEMES_MIN:  # "what the report recommends on damp": its recommendations on damp
        points = on_it
    themes = [(run_in_label(passage.text[start:end]), sentence_claim(passage, start, end), passage)
              for passage, start, end in points[:count]]
    return _lead_in(evidence, passages[0]), themes


def _narrower_than(evidence: Evidence, lead_in: str) -> set[str]:
    """The question's topic words that narrow what a list's ``lead_in`` introduces ("damp" of "What does the
    report recommend on damp?" for "We recommend that the landlord:"): not its words, nor the kind of point or side
    asked for, nor whom it asks what to do ("What should the council do about damp?"), nor words the library uses
    throughout."""
    question = evidence.question.text
    said = set(content_tokens(f"{lead_in} {asks_what_to_do(question)}")) | point_kinds(question) | side_tokens(question)
    return {token for token in evidence.topic if token not in said and not evidence.weights.is_general([token])}


def _lead_in(evidence: Evidence, first_point: Passage) -> list[Block]:
    """The sentence that introduces a list ("… there are also more immediate drivers of …:"), as a lead."""
    before = evidence.reading.preceding(first_point)
    if before is None or not leads_in(before.text) and before.text.strip() != first_point.context.strip():
        return []  # not a lead-in: only the paragraph a list's points say they follow, or one ending in a colon
    sentences = split_sentences(before.text) or [(0, len(before.text))]
    return [Lead((sentence_claim(before, *sentences[-1]),))]


def diverse_statements(evidence: Evidence, pool, count: int, needs_topic_words: bool = True,
                       side_first: bool = False) -> list[tuple[str, Claim, Passage]]:
    """The report's sentences that best answer the question (see ``lead_sentences``), two at most from a
    passage: from the passages that speak to it most strongly, wherever they are, and the rest of the best one's
    section (a report states a topic's points together), each passage weighed by its cosine with the question.
    ``needs_topic_words`` false: ``pool`` is the section the question names, whose sentences need not repeat it.
    ``side_first``: asked of what the whole study is about, those naming the side asked for first (see
    ``_naming_the_side_first``)."""
    if not pool:
        return []
    best = max(pool, key=evidence.relevance)
    strong = [item for item in pool if evidence.relevance(item) >= evidence.relevance(best) - STATEMENT_MARGIN]
    taken = {item.passage.passage_id for item in strong}
    section = evidence.reading.section(best.passage.source, best.passage.section)
    where = next((n for n, passage in enumerate(section) if passage.passage_id == best.passage.passage_id), 0)
    nearest = sorted(range(len(section)), key=lambda n: abs(n - where))[:SECTION_PASSAGES]
    siblings = as_scored(pool, [section[n] for n in sorted(nearest) if section[n].passage_id not in taken])
    items = strong[:SECTION_PASSAGES] + siblings
    # (asked of what the whole study is about, a statement naming the side may be anywhere the search found)
    items = evidence.with_cosines(_with(items, pool) if side_first else items)
    claims = _naming_the_side_first(evidence, items, count, THEMES_MIN, side_first, per_passage=2,
                                    needs_topic_words=needs_topic_words)
    return [(section_name(claim.citations[0].section), claim, passage_of(claim, items))
            for claim in claims]


def _naming_the_side_first(evidence: Evidence, items, count: int, at_least: int, fill: bool = False,
                           **chosen) -> list[Claim]:
    """``lead_sentences`` (standalone) of ``items``: when the question asks what stands in a topic's way or helps it
    (``sides``), those that name that side ("the challenges of …": the sentences naming them), if ``at_least`` do;
    otherwise the best statements, whatever their words. ``fill``: asked of what the whole study is about, when the
    question's words cannot tell its statements apart (all are on it), those that name the side, whether or not
    they repeat its words, and then the best ("The booking line was the most common complaint." of "what held
    the kiosks back?", before "Each kiosk relied on a single nurse, and there was no cover …")."""
    asked = sides_named(evidence.question.text)
    side = naming_sides(asked)
    named = {**chosen, "needs_topic_words": False} if fill else chosen
    claims = lead_sentences(evidence, items, count, standalone=True, naming=side, **named) if side else []
    if len(claims) >= at_least:
        return claims
    if not fill:
        return lead_sentences(evidence, items, count, standalone=True, **chosen)
    other = naming_sides(SIDES - asked) if side else None  # ("Two things helped …" is no barrier)
    said = {claim.text for claim in claims}

    def wanted(sentence: str) -> bool:
        return sentence not in said and not (other and other(sentence))
    best = lead_sentences(evidence, items, count - len(claims), standalone=True, naming=wanted, **chosen)
    return [*claims, *(claim for claim in best if not _overlapping(claim, claims))]


def _overlapping(claim: Claim, others: Sequence[Claim]) -> bool:
    """Whether ``claim`` cites text one of ``others`` cites (a sentence, or it with the one before it)."""
    cited = claim.citations[0]
    return any(other.citations[0].source == cited.source and other.citations[0].start < cited.end
               and cited.start < other.citations[0].end for other in others)
