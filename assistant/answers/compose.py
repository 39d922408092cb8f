"""Compose an extractive answer in the form the question asks for: what people said (quotes), themes, a
comparison, a count (prevalence), a summary, or a plain lookup. No LLM, no key: every sentence and quote shown is
the report's own, cited.

Question forms are generic English (``query``); the groups, codes and areas come from the library. Whether the
findings cover a question is decided by ``relevance.judge`` from the evidence, and a decline says why.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import numpy as np

from . import declines
from .blocks import (NO_AREA, NO_GROUP, Block, Bullets, Claim, Comparison, Lead, Notes, Prevalence, Quote, Quotes,
                     Side, Theme, Themes)
from .evidence import (MAX_SENTENCE_CHARS, QUOTE_CHARS, QUOTE_FLOOR_MARGIN, RELATED_MARGIN, Evidence, diverse,
                       lead_sentences, leans_back, listed_under, overlaps, quote_of, rank_quotes, same_extract,
                       sentence_claim, standing_alone, states_something, states_what_follows, strong_quotes, trimmed)
from .prevalence import CAVEAT
from .query import COMPARISON, PREVALENCE, QUOTES, SUMMARY, THEMES, asks_for_themes, asks_share_of_people
from ..documents.corpus import (SECTION_SEPARATOR, is_about_the_paper, is_prose, points_elsewhere, run_in_label,
                                section_name, split_sentences)
from ..documents.reading_order import list_points
from ..search.relevance import (COVERED_SHARE, Coverage, has_figure, is_short, judge, only_asks,
                                states_figure, too_slight)
from ..text import content_tokens
from ..types import NARRATIVE, QUOTE, Filters, Passage, ScoredPassage

THEMES_MAX, THEMES_MIN, THEMES_USUAL = 6, 2, 4
STATEMENT_MARGIN = 0.15  # a passage this far below the best one's relevance no longer states a theme of its own
SECTION_NAME_SHARE = 0.5  # a section name that holds this (IDF-weighted) share of what a question asks about…
LIST_NAME_SHARE = 0.1  # a list's lead-in or section name holds this (IDF-weighted) share of the question's words
SECTION_PASSAGES = 12  # themes are drawn from at most this many passages
QUOTES_PER_THEME = 2
QUOTES_PER_SIDE = 3
QUOTES_ASKED_MAX = 10  # "give me 20 quotes": this many at most
ONE_QUOTE_TIES = 2  # asked for one quote: up to this many more shown when the ranking cannot tell them apart
SUMMARY_BULLETS = 4
TITLE_ONLY = 0.02  # a word of a document's title in at most this share of passages names the document, not a topic
FIGURES_SHOWN = 2  # "how many …?": the sentences that state a figure for it, this many at most…
FIGURE_POOL = 24  # …from this many passages of narrative nearest the question, holding all of its words, or one of
FIGURE_NEAR = 3  # them in one of this many nearest (and close to it in meaning)
CENTRAL_POOL = 48  # a summary in people's own words picks among this many of their extracts nearest their centre
EVERYONE_EXAMPLES = 6  # "which nurses are quoted, and on what?": the first extract of each, this many at most
SUMMARY_SECTION_BONUS = 0.05  # a section named as a summary or conclusion comes a little ahead…
MAX_SUMMARY_SENTENCE = 300  # …and a sentence longer than this is too long for a bullet
SUMMARY_EXTRACT_WORDS = 25  # a summary in people's words quotes turns of at least this many words: ones that say
# something (a transcript's always; a respondent's or group's when they have any)
# Section names that hold a report's own summary of its findings.
SUMMARY_SECTIONS = ("summary", "conclusion", "key finding", "overview", "abstract", "executive", "implications")
OWN_SUMMARY_SECTIONS = ("abstract", "executive", "key finding")  # a summary before the findings that is the document's


def compose(evidence: Evidence) -> list[Block]:
    """The answer's blocks (a ``Decline`` when the findings do not cover the question)."""
    question = evidence.question
    if question.expects_quantity and not evidence.pinned:
        return quantity_answer(evidence)
    if evidence.pinned and question.form not in (PREVALENCE, COMPARISON, THEMES):
        if any(item.passage.kind == QUOTE for item in evidence.pinned):
            return quotes_answer(evidence)
        return lookup_answer(evidence)  # the phrase is the report's own: its sentences answer
    if question.form == PREVALENCE:
        return prevalence_answer(evidence)
    if question.form == COMPARISON:
        return comparison_answer(evidence)
    if question.form == SUMMARY and not (question.filters.respondents and question.has_topic):
        return summary_answer(evidence)  # "summarise what P07 said about rotas" is answered in their words
    who = question.filters
    if question.form == THEMES and not (who.respondents or who.groups or who.areas):
        return themes_answer(evidence)
    if not question.has_topic and (who.groups or who.areas) and not who.respondents \
            and asks_for_themes(question.text):  # "the main themes in what the nurses said"
        return key_themes(evidence) or quotes_answer(evidence)
    if question.form == QUOTES or who.respondents or who.groups or who.areas:
        return quotes_answer(evidence)  # a question about some people is answered from what they said
    return lookup_answer(evidence)


def covered(evidence: Evidence, items=None):
    """``relevance.judge`` on the question and ``items`` (the candidates by default). Asked for more after an
    answer ("more quotes like that"), the question was covered: what is left is ranked, not judged again without
    the passages already shown."""
    if evidence.exclude:
        return Coverage(True, "")
    question = evidence.question
    items = items if items is not None else evidence.topic_candidates or evidence.candidates
    return judge(question.text, question.topic_tokens, question.expects_quantity, items, evidence.weights,
                 evidence.calibration, evidence.embed)


def decline_for(evidence: Evidence, coverage) -> list[Block]:
    near = declines.nearest_topics(evidence.topic_candidates or evidence.candidates)
    return [declines.not_covered(coverage.reason, coverage.missing, near, asks_share_of_people(evidence.question.text))]


# -- what people said ------------------------------------------------------------------------------------

def quotes_answer(evidence: Evidence) -> list[Block]:
    """Quotes on the question, best first, cut where relevance drops; a respondent named with no topic gets
    everything they said, in reading order."""
    question = evidence.question
    about_people = bool(question.filters.respondents)
    if about_people and not question.has_topic and not evidence.pinned:
        items = [item for item in evidence.candidates if item.passage.kind == QUOTE]
        saying = [item for item in items if not too_slight(item.passage, (), evidence.weights)]
        items = saying or items  # "Let's see …", "What are you asking?": a turn, not what they had to say
        shown = [trimmed(item.passage, (), evidence.weights) for item in items]
        return [Quotes(tuple(shown[:evidence.max_quotes]), weaker=tuple(shown[evidence.max_quotes:]))]
    if not evidence.pinned and question.has_topic:
        coverage = covered(evidence)
        if not coverage.covered and (not about_people or coverage.reason == "absent"):
            if about_people:  # they are quoted, but the findings never mention what was asked
                return [declines.not_on_this(question.filters.respondents, evidence.directory,
                                             _sections_of(evidence, question.filters.respondents))]
            return decline_for(evidence, coverage)
    asked = [*question.filters.groups, *(_area_label(evidence, "area", area) for area in question.filters.areas)]
    one = not question.bullets and _asks_for_one(question.text)
    limit = min(question.bullets, QUOTES_ASKED_MAX) if question.bullets else 1 if one else evidence.max_quotes
    quoted = question.quoted_phrases and any(item.passage.kind == QUOTE for item in evidence.pinned)
    items = evidence.quotes(evidence.pinned if quoted else None)  # words asked about verbatim: where they stand
    shown, weaker = rank_quotes(evidence, items, limit, one_per_voice=not about_people,
                                ties=ONE_QUOTE_TIES if one else 0)
    if not shown:
        if about_people:
            return [declines.not_on_this(question.filters.respondents, evidence.directory,
                                         _sections_of(evidence, question.filters.respondents))]
        answer = lookup_answer(evidence)
        if question.form != QUOTES or any(block.kind in ("decline", "quotes") for block in answer):
            return answer
        whose = f" from {' or '.join(asked)}" if asked else ""
        return [Notes((f"No interview extract{whose} speaks to this; the report's own words on it:",)),
                *answer]  # asked for quotes: say there are none before what the report says
    blocks: list[Block] = []
    if question.has_topic and not about_people and not question.filters.groups and not evidence.pinned:
        lead = lead_sentences(evidence, _strong_narrative(evidence), 1, minimum_share=0.5)
        if lead:
            blocks.append(Lead(tuple(lead)))
    title = "What interviewees said:" if blocks else ""
    if asked and not about_people and question.has_topic:
        on_it = {item.passage.passage_id for item in evidence.on_topic(items)}
        if not on_it:
            # every extract of theirs comes close to who was asked, none clearly to what: shown as the nearest, not
            # passed off as their word on it
            others = "; ".join(f"{count.group} {count.spoke} of {count.total}" for count in _others_on_it(evidence))
            blocks.append(Notes((f"No extract from {' or '.join(asked)} clearly speaks to this"
                                 f"{f' (respondents who do: {others})' if others else ''}; the nearest of theirs:",)))
            title = ""
        elif any(quote.citation.passage_id in on_it for quote in shown):
            # some of theirs speak to what was asked: those that only come close to who was asked would pad it
            weaker = [quote for quote in shown if quote.citation.passage_id not in on_it] + list(weaker)
            shown = [quote for quote in shown if quote.citation.passage_id in on_it]
    blocks.append(Quotes(tuple(shown), title, tuple(weaker)))
    return blocks


def _others_on_it(evidence: Evidence) -> list:
    """The groups whose respondents speak to the question's topic in the documents in scope, with their n of N."""
    who = _who_spoke_to_topic(evidence, Filters(sources=evidence.question.filters.sources))
    return [count for count in who.by_group() if count.spoke]


def _who_spoke_to_topic(evidence: Evidence, who: Filters):
    """Everyone ``who`` names and whether they spoke to the question's topic, in the question's words
    (``Prevalence.who_spoke_about``)."""
    return evidence.prevalence.who_spoke_about(evidence.topic_phrase(), evidence.embed, who, evidence.topic)


def lookup_answer(evidence: Evidence) -> list[Block]:
    """A plain question: the report's own sentences that answer it, and the extracts that bear it out."""
    coverage = covered(evidence)
    if not coverage.covered and not evidence.pinned:
        return decline_for(evidence, coverage)
    pinned = [item for item in evidence.pinned if item.passage.kind == NARRATIVE]
    narrative = pinned + _strong_narrative(evidence)
    named = None if pinned else named_section(evidence, evidence.narrative())
    if named is not None:  # "What were the limitations of the study?": the section the report gave them, whose
        narrative = _section_pool(evidence, named)  # sentences need not repeat its name
    lead = lead_sentences(evidence, narrative, 3, needs_topic_words=named is None)
    quotes = evidence.quotes()
    if lead:
        quotes = _bearing_out(evidence, lead, quotes, max(evidence.relevance(item) for item in narrative))
    shown, weaker = rank_quotes(evidence, quotes, 3 if lead else evidence.max_quotes)
    lists = [(claim, points) for claim in lead if (points := listed_under(evidence, claim))]
    # one list at most, the one whose lead-in says most of what was asked; the others' lead-ins go with their lists
    introducing, points = max(lists, default=(None, []),
                              key=lambda entry: evidence.weights.coverage(evidence.topic, content_tokens(entry[0].text)))
    unlisted = [claim for claim, _ in lists if claim is not introducing]
    listed = {_cited_at(point) for point in points}  # a point of the list shows once, in the list
    quoted = {quote.citation.passage_id for quote in shown}
    lead = [claim for claim in lead if _cited_at(claim) not in listed and not any(claim is other for other in unlisted)
            and (claim is introducing or _shows_what_it_introduces(evidence, claim, narrative, quoted))]
    blocks: list[Block] = [Lead(tuple(lead))] if lead else []
    if points:
        blocks.append(Bullets(tuple(points)))
    if shown:
        blocks.append(Quotes(tuple(shown), "What interviewees said:" if lead else "", tuple(weaker)))
    return blocks or decline_for(evidence, coverage)


def _shows_what_it_introduces(evidence: Evidence, claim: Claim, narrative, quoted: set[str]) -> bool:
    """Whether ``claim`` stands in an answer that shows the extracts ``quoted``: a lead-in (ending in ":") only with
    an extract it leads into ("The following interviewee describes …:" with none of theirs leads into nothing)."""
    if not claim.text.rstrip().endswith(":"):
        return True
    introduced = evidence.reading.illustrations(_passage_of(claim, narrative))
    return any(extract.passage_id in quoted for extract in introduced)


def _cited_at(claim: Claim) -> tuple[str, int]:
    """Where a claim's sentence stands: its document and offset."""
    return claim.citations[0].source, claim.citations[0].start


def _bearing_out(evidence: Evidence, lead: Sequence[Claim], quotes: Sequence[ScoredPassage], best_statement: float
                 ) -> list[ScoredPassage]:
    """The extracts of ``quotes`` that can bear out the report's ``lead`` sentences: those it quotes in the sections
    the sentences come from, and others only when they answer the question about as well as its best statement
    (within ``RELATED_MARGIN``). A question about what an earlier report flagged is answered from that report's
    summary, which quotes no one: the interviews quoted elsewhere near its words are not its evidence."""
    sections = {(citation.source, citation.section) for claim in lead for citation in claim.citations}
    return [item for item in quotes if (item.passage.source, item.passage.section) in sections
            or evidence.relevance(item) >= best_statement - RELATED_MARGIN]


def quantity_answer(evidence: Evidence) -> list[Block]:
    """ "How many …?", "What percentage …?": the report's sentences that state a figure and hold what the question
    asks about (every word of its topic; with none, one of the words it counts: "How many participants were
    interviewed?"), the best ``FIGURES_SHOWN``, or a decline that says the findings give no figure for it. A
    question about some people with no topic ("How many nurses in Site B were interviewed?") takes a figure near
    the top of what was found, as the coverage check does."""
    question = evidence.question
    who = _who(evidence)
    if not question.has_topic and (who.groups or who.areas or who.respondents):
        if not has_figure(evidence.topic_candidates or evidence.candidates, set()):
            return decline_for(evidence, Coverage(False, "no_figure"))
        return lookup_answer(evidence)
    counted = question.topic_tokens or tuple(content_tokens(question.text))
    pool = evidence.narrative(evidence.retrieve(question.text, Filters(sources=who.sources), FIGURE_POOL))
    stated = []
    for rank, item in enumerate(pool):
        for start, end in split_sentences(item.passage.text):
            sentence = item.passage.text[start:end]
            share = evidence.weights.coverage(counted, content_tokens(sentence))
            near = rank < FIGURE_NEAR and item.dense_score >= evidence.calibration.on_topic
            if (share >= COVERED_SHARE or share > 0 and (near or not question.has_topic)) and states_figure(sentence) \
                    and is_prose(sentence) and not points_elsewhere(item.passage.text, start):
                stated.append((item.dense_score + 0.3 * share, rank, start, end, item.passage))
    if not stated:
        return decline_for(evidence, Coverage(False, "no_figure"))
    chosen = sorted(stated, key=lambda entry: (-entry[0], entry[1]))[:FIGURES_SHOWN]
    chosen.sort(key=lambda entry: (entry[4].source, entry[4].start + entry[2]))
    return [Lead(tuple(sentence_claim(passage, start, end) for _, _, start, end, passage in chosen))]


# -- themes ------------------------------------------------------------------------------------------------

def themes_answer(evidence: Evidence) -> list[Block]:
    """2–6 themes, each headed by the report's sentence that best states it, with the quotes of the respondents
    who spoke to it, "n of N respondents" and the count by group. The report's own structure comes first: when
    the question names a section that has sections of its own, those are the themes; when it matches a list of
    points under a lead-in, or the labelled points of a section, those are (after their lead-in); otherwise the
    most relevant, mutually distinct statements of the narrative are.
    A theme's quotes are those the report itself places after its statement (the respondents' other extracts
    that come near it in meaning were too often off the point to show; they are counted)."""
    count = min(evidence.question.bullets or THEMES_USUAL, THEMES_MAX)
    if not evidence.question.has_topic:  # "What are the key themes?"
        return key_themes(evidence) or coded_themes(evidence, count) or summary_answer(evidence)
    coverage = covered(evidence)
    if not coverage.covered:
        return decline_for(evidence, coverage)
    pool = evidence.narrative(evidence.retrieve(evidence.question.text, Filters(sources=_who(evidence).sources), 40))
    named = named_section(evidence, pool)
    if named is None:
        pool = _found(evidence, pool)
    lead, units = sectioned_themes(evidence, pool, count, named)
    if not units:
        lead, units = structured_themes(evidence, pool, count)
    if not units:
        section = _section_pool(evidence, named)  # its passages are on the topic: the report filed them there
        lead, units = [], diverse_statements(evidence, section or pool, count, needs_topic_words=not section)
        if len(units) < THEMES_MIN and not section:  # the best passage's section says the rest in its own words
            units = diverse_statements(evidence, pool, count, needs_topic_words=False) or units
    if len(units) < THEMES_MIN:
        return (not pool and (coded_themes(evidence, count) or spoken_points(evidence, count))) \
            or quotes_answer(evidence)
    return _themes(evidence, lead, [(label, heading, passage, evidence.reading.illustrations(passage))
                                    for label, heading, passage in units])


def _themes(evidence: Evidence, lead: list[Block], units, per_theme: int = QUOTES_PER_THEME) -> list[Block]:
    """The themes of ``units`` ((label, statement, its passage, the extracts that illustrate it)), each with "n of
    N respondents" who spoke to it, counted from the stored vectors, and ``per_theme`` of its extracts not shown
    under another."""
    shown: set[str] = set()
    themes = []
    vectors = evidence.embed_all([f"{label}. {heading.text}" if label else heading.text
                                  for label, heading, _, _ in units])
    asked = [(label or heading.text, vector,
              tuple(token for token in content_tokens(f"{label} {heading.text}") if evidence.weights.known(token)))
             for (label, heading, _, _), vector in zip(units, vectors)]
    counted = evidence.prevalence.who_spoke_each(asked, _who(evidence))
    for (label, heading, passage, illustrations), (_, _, topic), who in zip(units, asked, counted):
        own = [extract for extract in illustrations if extract.passage_id not in shown]
        who = who.including(extract.respondent for extract in own)
        extracts = own[:per_theme]
        shown.update(extract.passage_id for extract in extracts)
        themes.append(Theme(heading, tuple(trimmed(extract, topic, evidence.weights) for extract in extracts),
                            who.count, who.total, who.by_group(), label))
    return [*lead, Themes(tuple(themes))]


def key_themes(evidence: Evidence) -> list[Block]:
    """Themes asked for with no topic, of everyone or of a group or area (``quoted_sections``): an overview, one
    voice quoted for each and every voice counted; [] when the documents have fewer such sections."""
    units = quoted_sections(evidence, min(evidence.question.bullets or THEMES_USUAL, THEMES_MAX))
    return _themes(evidence, [], units, per_theme=1) if len(units) >= THEMES_MIN else []


def quoted_sections(evidence: Evidence, count: int) -> list:
    """A report's own themes, asked for with no topic: its ``count`` sections that quote the most respondents,
    in reading order, each headed by its opening statement and illustrated by its extracts, one per voice first.
    Over the documents in scope (see ``_in_scope``) and the people the question names; none for documents with no
    narrative of their own."""
    extracts = _extracts_by_section(evidence, _in_scope(evidence), _who(evidence))
    units = []
    for key in sorted(extracts, key=lambda key: -len({p.respondent or p.passage_id for p in extracts[key]})):
        opening = [ScoredPassage(passage, 0.0) for passage in evidence.reading.section(*key)[:SECTION_PASSAGES]]
        claims = lead_sentences(evidence, opening, 1, standalone=True, needs_topic_words=False)
        if claims:
            voices = _voices_first([ScoredPassage(passage, 0.0) for passage in extracts[key]])
            units.append((section_name(key[1]), claims[0], _passage_of(claims[0], opening),
                          tuple(item.passage for item in voices)))
        if len(units) == count:
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
    who = _who(evidence)
    engine = evidence.prevalence
    coded = {key: [engine.extracts[row] for row in rows] for key, (_, rows) in engine.codes().items()
             if not who.sources or key[0] in who.sources}
    found = evidence.retrieve(evidence.question.text, dataclasses.replace(who, kinds=(QUOTE,)), 4 * SECTION_PASSAGES)
    strong = [item for item in strong_quotes(evidence, found)[0] if _code_of(item.passage) in coded]
    codes = _codes_asked(evidence, coded, strong)
    if len(codes) < THEMES_MIN:
        return []
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
                            counted.count, counted.total, counted.by_group(), section_name(key[1])))
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
    typical = dict(zip(ids, (vectors @ _centre(vectors)).tolist())) if len(ids) else {}
    return sorted(items, key=lambda item: -(evidence.relevance(item) + typical.get(item.passage.passage_id, 0.0)))


def _code_of(passage: Passage) -> tuple[str, str]:
    return passage.source, passage.section


def _codes_asked(evidence: Evidence, coded, strong: Sequence[ScoredPassage]) -> list[tuple[str, str]]:
    """The codes a themes question asks for: when it names a code that has codes under it ("the main
    explainability purposes"), those, the most coded first; otherwise the codes of the extracts that answer it
    (``strong``, best first), those with most voices among them first."""
    parent = _named(evidence, {(source, SECTION_SEPARATOR.join(path.split(SECTION_SEPARATOR)[:depth]))
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


def named_section(evidence: Evidence, pool) -> tuple[str, str] | None:
    """(source, path) of the section whose name best holds what the question asks about, when it holds
    ``SECTION_NAME_SHARE`` of it (IDF-weighted): "Challenges faced by community health workers" for "the main
    challenges community health workers face"; among the documents ``pool`` found."""
    return _named(evidence, [(source, path) for source in dict.fromkeys(item.passage.source for item in pool)
                             for path in evidence.reading.paths(source)])


def _named(evidence: Evidence, sections) -> tuple[str, str] | None:
    """Of ``sections`` ((source, path) pairs), the one whose name best holds what the question asks about, when it
    holds ``SECTION_NAME_SHARE`` of it (IDF-weighted)."""
    about = [token for token in evidence.topic if token not in evidence.question.group_tokens]
    best, best_score, scores = None, (SECTION_NAME_SHARE, 0.0), {}
    for source, path in sections if about else ():
        if path not in scores:  # documents of one template share their section names
            name = content_tokens(section_name(path))
            focus = sum(token in about for token in name) / max(len(name), 1)
            scores[path] = (evidence.weights.coverage(about, name), focus)  # on a tie, the name most about it
        if scores[path] > best_score:
            best, best_score = (source, path), scores[path]
    return best


def _section_pool(evidence: Evidence, named: tuple[str, str] | None, with_subsections: bool = False
                  ) -> list[ScoredPassage]:
    """The passages of the section the question names (``named_section``; and of its sections, when
    ``with_subsections``), each with its cosine."""
    if named is None:
        return []
    read = evidence.reading.under if with_subsections else evidence.reading.section
    return evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in read(*named)[:SECTION_PASSAGES]])


def sectioned_themes(evidence: Evidence, pool, count: int, named: tuple[str, str] | None
                     ) -> tuple[list[Block], list[tuple[str, Claim, Passage]]]:
    """Themes the report's own headings give: when the section the question names (``named_section``: "Facilitators
    and barriers to …" for "the main barriers") has sections of its own, each of them, the most relevant ``count``
    in reading order, is a theme headed by its sentence that best answers the question; the section's own opening
    sentence leads. Returns (lead, [(label, statement, its passage)])."""
    if named is None or not evidence.reading.subsections(*named):
        return [], []
    source, path = named
    children = {child: _scored(pool, evidence.reading.under(source, child)[:SECTION_PASSAGES])
                for child in evidence.reading.subsections(source, path)}
    cosines = {item.passage.passage_id: item  # one read of the stored vectors for every section
               for item in evidence.with_cosines([item for items in children.values() for item in items])}
    themes = []
    for child, items in children.items():
        items = [cosines[item.passage.passage_id] for item in items]
        claims = lead_sentences(evidence, items, 1, per_passage=1, standalone=True, needs_topic_words=False)
        if claims:
            score = max(evidence.relevance(item) for item in items)
            themes.append((score, section_name(child), claims[0], _passage_of(claims[0], items)))
    if len(themes) < THEMES_MIN:
        return [], []
    strongest = {id(theme) for theme in sorted(themes, key=lambda theme: -theme[0])[:count]}
    units = [theme[1:] for theme in themes if id(theme) in strongest]
    opening = evidence.reading.section(source, path)[:1]
    lead = lead_sentences(evidence, [ScoredPassage(passage, 0.0) for passage in opening], 1, standalone=True,
                          needs_topic_words=False)
    return ([Lead(tuple(lead))] if lead else []), units


def structured_themes(evidence: Evidence, pool, count: int) -> tuple[list[Block], list[tuple[str, Claim, Passage]]]:
    """Themes the report itself lists for the question: the points of a list whose lead-in ("there are also
    more immediate drivers of …:"), or the labelled points ("Reduced budgets: …") of a section whose name,
    matches the question about as well as its best statements do, when there are two or more. Returns the
    lead-in, as the report's own sentence, and [(label, point, its passage)]."""
    lists: dict[tuple[str, str], list] = {}
    for item in pool:
        passage = item.passage
        if passage.context.rstrip().endswith(":"):
            lists.setdefault((passage.source, passage.context), []).append(item)
        if passage.context and run_in_label(passage.text):
            lists.setdefault((passage.source, section_name(passage.section)), []).append(item)
    best_statement = max((evidence.relevance(item) for item in pool), default=0.0)
    best, best_score = None, max(evidence.calibration.on_topic, best_statement - RELATED_MARGIN)
    for (_, lead_in), items in lists.items():
        if len({item.passage.start for item in items}) < THEMES_MIN:
            continue
        lead_share = evidence.weights.coverage(evidence.topic, content_tokens(lead_in))
        if lead_share < LIST_NAME_SHARE:
            continue
        score = sorted((evidence.relevance(item) for item in items), reverse=True)[1] + 0.3 * lead_share
        if score > best_score:
            best, best_score = items, score
    if best is None:
        return [], []
    found = sorted((item.passage for item in best), key=lambda passage: passage.start)
    first = found[0]
    listed = evidence.reading.points(first.source, first.context) if first.context.rstrip().endswith(":") else []
    passages = listed or found  # the whole list, where the search found some of it; a section's labelled points
    themes = []
    for passage, start, end in list_points(passages, MAX_SENTENCE_CHARS)[:count]:
        if end - start >= 20:
            themes.append((run_in_label(passage.text[start:end]), sentence_claim(passage, start, end), passage))
    return _lead_in(evidence, passages[0]), themes


def _lead_in(evidence: Evidence, first_point: Passage) -> list[Block]:
    """The sentence that introduces a list ("… there are also more immediate drivers of …:"), as a lead."""
    before = evidence.reading.preceding(first_point)
    if before is None or not before.text.rstrip().endswith(":"):
        return []
    sentences = split_sentences(before.text) or [(0, len(before.text))]
    return [Lead((sentence_claim(before, *sentences[-1]),))]


def diverse_statements(evidence: Evidence, pool, count: int, needs_topic_words: bool = True
                       ) -> list[tuple[str, Claim, Passage]]:
    """The report's sentences that best answer the question (see ``lead_sentences``), two at most from a
    passage: from the passages that speak to it most strongly, wherever they are, and the rest of the best one's
    section (a report states a topic's points together), each passage weighed by its cosine with the question.
    ``needs_topic_words`` false: ``pool`` is the section the question names, whose sentences need not repeat it."""
    if not pool:
        return []
    best = max(pool, key=evidence.relevance)
    strong = [item for item in pool if evidence.relevance(item) >= evidence.relevance(best) - STATEMENT_MARGIN]
    taken = {item.passage.passage_id for item in strong}
    section = evidence.reading.section(best.passage.source, best.passage.section)
    where = next((n for n, passage in enumerate(section) if passage.passage_id == best.passage.passage_id), 0)
    nearest = sorted(range(len(section)), key=lambda n: abs(n - where))[:SECTION_PASSAGES]
    siblings = _scored(pool, [section[n] for n in sorted(nearest) if section[n].passage_id not in taken])
    items = evidence.with_cosines(strong[:SECTION_PASSAGES] + siblings)
    claims = lead_sentences(evidence, items, count, per_passage=2, standalone=True, needs_topic_words=needs_topic_words)
    return [(section_name(claim.citations[0].section), claim, _passage_of(claim, items))
            for claim in claims]


def _scored(pool, passages: Sequence[Passage]) -> list[ScoredPassage]:
    """``passages`` as scored items: as retrieval scored them when it found them (in ``pool``), else unscored."""
    found = {item.passage.passage_id: item for item in pool}
    return [found.get(passage.passage_id, ScoredPassage(passage, 0.0)) for passage in passages]


def _passage_of(claim: Claim, items) -> Passage:
    """The passage of ``items`` that holds the sentence ``claim`` cites."""
    cited = claim.citations[0]
    return next(item.passage for item in items
                if item.passage.source == cited.source and item.passage.start <= cited.start < item.passage.end)


# -- comparison ----------------------------------------------------------------------------------------------

def comparison_answer(evidence: Evidence) -> list[Block]:
    """Each compared group's (area's, respondent's) evidence side by side; a side with none says so plainly."""
    question = evidence.question
    sides = list(question.compared)
    if sides and sides[0][1] == "*":
        facet = sides[0][0]
        values = evidence.directory.areas() if facet == "area" else evidence.directory.groups()
        sides = [(facet, value) for value in values]
    if len(sides) < 2:
        return quotes_answer(evidence)
    if not question.has_topic:  # "Compare area A and area B": what each side said most, in their own words
        return [Comparison(tuple(_side_overall(evidence, facet, value) for facet, value in sides))]
    coverage = covered(evidence)
    if not coverage.covered:
        return decline_for(evidence, coverage)
    vector = evidence.embed(question.text)
    columns = []
    for facet, value in sides:
        if facet == "respondent":
            columns.append(_respondent_side(evidence, value, vector))
            continue
        filters = _side_filters(facet, value)
        items = [item for item in evidence.retrieve(question.text, _merge(filters, evidence), 8)
                 if item.passage.kind == QUOTE]
        who = evidence.prevalence.who_spoke(evidence.topic_phrase(), vector, evidence.topic, _merge(filters, evidence))
        spoke = who.spoke_keys()
        items.sort(key=lambda item: item.passage.respondent not in spoke)  # those who spoke to it first
        shown, _ = rank_quotes(evidence, items, QUOTES_PER_SIDE) if spoke else ([], [])
        quoted = {quote.citation.passage_id for quote in shown}  # counted too: "1 of 3" over two voices' quotes misleads
        who = who.including(item.passage.respondent for item in items if item.passage.passage_id in quoted)
        columns.append(Side(value, facet, (), tuple(shown), who.count, who.total, "",
                            _area_label(evidence, facet, value)))
    lead = lead_sentences(evidence, _strong_narrative(evidence), 1, minimum_share=0.5)
    columns = [side if side.quotes else _unquoted_side(evidence, side, lead) for side in columns]
    blocks: list[Block] = [Lead(tuple(lead))] if lead else []
    return blocks + [Comparison(tuple(columns), evidence.topic_phrase())]


def _unquoted_side(evidence: Evidence, side: Side, lead: Sequence[Claim]) -> Side:
    """A side of a comparison that no extract speaks for, said plainly; with what the report says of that group on
    the topic, when it says something (``_said_of_group``)."""
    claims = _said_of_group(evidence, side.name, lead) if side.facet == "group" else []
    note = f"No extract from {side.label or side.name} speaks to this" + \
        ("; what the report says of them:" if claims else ".")
    return dataclasses.replace(side, claims=tuple(claims), note=note)


def _said_of_group(evidence: Evidence, group: str, lead: Sequence[Claim]) -> list[Claim]:
    """The report's sentence that best answers the question and names ``group`` (by any of the library's words for
    it), other than the answer's ``lead``; none when no sentence does."""
    terms = [term for term, named in evidence.directory.group_terms() if named == group]
    if not terms:
        return []
    naming = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, terms)), re.IGNORECASE)
    narrative = evidence.narrative(evidence.topic_candidates or evidence.candidates)
    found = lead_sentences(evidence, narrative, 1 + len(lead), minimum_share=0.5, standalone=True, naming=naming)
    return [claim for claim in found if claim not in lead][:1]


def _side_overall(evidence: Evidence, facet: str, value: str) -> Side:
    """A side of a comparison with no topic: its extracts most central to all it said (``central_extracts``), and
    how many respondents it has."""
    who = _merge(_side_filters(facet, value), evidence)
    quotes = central_extracts(evidence, QUOTES_PER_SIDE, who)
    people = len(evidence.directory.matching(*_facets(who))) if facet != "respondent" else 0  # one is no count
    name = _side_name(evidence, facet, value)
    return Side(name, facet, (), tuple(quotes), people, people,
                "" if quotes else f"No extract from {_area_label(evidence, facet, value) or name}.",
                _area_label(evidence, facet, value))


def _side_name(evidence: Evidence, facet: str, value: str) -> str:
    """What a side of a comparison is called: its group or area, or the respondent's code (not their key, which
    names their document too)."""
    if facet != "respondent":
        return value
    return next((person.code for person in evidence.directory.named([value])), value)


def _side_filters(facet: str, value: str) -> Filters:
    """The filter of one side of a comparison: its group, area or respondent."""
    return {"group": Filters(groups=(value,)), "area": Filters(areas=(value,)),
            "respondent": Filters(respondents=(value,))}[facet]


def _area_label(evidence: Evidence, facet: str, value: str) -> str:
    """How an area is named to a reader ("Area B", "Site 3", as the documents call their areas); "" otherwise."""
    if facet != "area":
        return ""
    return f"{(evidence.directory.area_names[:1] or ('area',))[0].capitalize()} {value}"


def _respondent_side(evidence: Evidence, key: str, vector) -> Side:
    """One respondent's column of a comparison ("compare what P1 and P2 said about …"): their extracts on it, as
    a question about them alone would find them, when they speak to it at all: the counting engine finds they did
    (as it decides for a group's side; ``vector`` is the question's), or an extract of theirs is on the topic in
    meaning. Otherwise the side says plainly that nothing they said speaks to it. With no topic, what they most
    say (``central_extracts``)."""
    filters = _merge(Filters(respondents=(key,)), evidence)
    name = _side_name(evidence, "respondent", key)
    if not evidence.question.has_topic:  # "Compare P1 and P3": what each most says, not what is nearest the words
        return Side(name, "respondent", (), tuple(central_extracts(evidence, QUOTES_PER_SIDE, filters)), 0, 0)
    about_them = dataclasses.replace(evidence, question=dataclasses.replace(evidence.question, filters=filters))
    spoke = evidence.prevalence.who_spoke(evidence.topic_phrase(), vector, evidence.topic, filters).spoke_keys()
    items = [item for item in evidence.retrieve(evidence.question.text, filters, 8) if item.passage.kind == QUOTE]
    on_topic = key in spoke or any(evidence.relevance(item) >= evidence.calibration.on_topic for item in items)
    shown, _ = rank_quotes(about_them, items, QUOTES_PER_SIDE) if on_topic else ([], [])
    return Side(name, "respondent", (), tuple(shown), 0, 0, "" if shown else f"Nothing {name} said speaks to this.")


# -- prevalence ----------------------------------------------------------------------------------------------

def prevalence_answer(evidence: Evidence) -> list[Block]:
    """Which respondents' extracts speak to the topic: n of N, by group, the codes, a caveat, and examples."""
    question = evidence.question
    if not question.has_topic:  # "Which nursing respondents are quoted?": everyone in scope
        people = evidence.directory.matching(*_facets(_who(evidence)))
        examples = [trimmed(extract, (), evidence.weights) for person in people[:EVERYONE_EXAMPLES]
                    if (extract := evidence.prevalence.first_extract(person.key)) is not None]
        block = Prevalence("", len(people), len(people), _breakdown(evidence, people, people),
                           tuple(_respondent(p) for p in people), tuple(examples), CAVEAT)
        return [block]
    who = _who_spoke_to_topic(evidence, _who(evidence))
    coverage = covered(evidence)
    if not who.spoke and not coverage.covered:
        return decline_for(evidence, coverage)
    people = tuple(_respondent(m.respondent) for m in who.spoke)
    examples = [trimmed(m.best, evidence.topic, evidence.weights)
                for m in sorted(who.spoke, key=lambda m: -m.score)[:3]]
    breakdown = who.by_group() if question.per == "group" else \
        _breakdown(evidence, [m.respondent for m in who.spoke], evidence.directory.matching(*_facets(_who(evidence))))
    block = Prevalence(evidence.topic_phrase(), len(who.spoke), who.total, breakdown, people, tuple(examples), CAVEAT)
    if who.spoke:
        return [block]
    # Nobody quoted on it, yet the findings cover it: the report's own words on it, so "0 of N" is not all there is.
    lead = lead_sentences(evidence, _strong_narrative(evidence), 2, minimum_share=0.5)
    return [block, Lead(tuple(lead))] if lead else [block]


def _facets(filters: Filters):
    return filters.groups, filters.areas, filters.respondents, filters.sources


def _breakdown(evidence: Evidence, spoke, everyone) -> tuple:
    """n of N for each group of ``everyone`` (each area, "Area B", when the question asks which areas), n those in
    ``spoke``; in the order ``everyone`` lists them."""
    from .blocks import GroupCount

    per_area = evidence.question.per == "area"
    said = {person.key for person in spoke}
    totals: dict[str, list[int]] = {}
    for person in everyone:
        name = (_area_label(evidence, "area", person.area) if person.area else NO_AREA) if per_area \
            else person.group or NO_GROUP
        counts = totals.setdefault(name, [0, 0])
        counts[0] += person.key in said
        counts[1] += 1
    names = sorted(totals, key=lambda name: (name == NO_AREA, name)) if per_area else list(totals)
    return tuple(GroupCount(name, *totals[name]) for name in names)


def _respondent(person):
    from .blocks import Respondent

    return Respondent(person.key, person.code, person.group, person.document)


# -- summary ---------------------------------------------------------------------------------------------------

def summary_answer(evidence: Evidence) -> list[Block]:
    """The report's own sentences as bullets, as many as asked for: on a topic, those that state it best; for the
    whole report, the statements most central to it (see ``central_statements``)."""
    question = evidence.question
    count = min(question.bullets or SUMMARY_BULLETS, 8)
    who = _who(evidence)
    asked = asked_section(evidence)
    if asked is not None:  # "Summarise the discussion": that section of the document, whatever it is about
        return _summary_bullets(evidence, _section_pool(evidence, asked, with_subsections=True), True, count)
    if not question.has_topic and (who.groups or who.areas or who.respondents):
        extracts = central_extracts(evidence, count, who)  # "summarise what partners said": in their own words
        return [Quotes(tuple(extracts))] if extracts else quotes_answer(evidence)
    if not question.has_topic or _names_the_document(evidence):
        items = central_statements(evidence, count)
        if items:
            return [Bullets(tuple(items))]
        extracts = central_extracts(evidence, count)  # a transcript: no narrative, only what was said
        return [Quotes(tuple(extracts))] if extracts else quotes_answer(evidence)
    coverage = covered(evidence)
    if not coverage.covered:
        return decline_for(evidence, coverage)
    pool = evidence.narrative(evidence.retrieve(question.text, Filters(kinds=(NARRATIVE,)), 24))
    named = named_section(evidence, pool)
    if named is not None:  # "what the first-year report found": the section the report gave it
        pool = _section_pool(evidence, named, with_subsections=True)
    elif pool:  # what was found, unless the background before it says much more of what was asked
        found = _found(evidence, pool)
        if max(map(evidence.relevance, found)) >= max(map(evidence.relevance, pool)) - STATEMENT_MARGIN:
            pool = found
    return _summary_bullets(evidence, pool, named is not None, count)


def _summary_bullets(evidence: Evidence, pool, named: bool, count: int) -> list[Block]:
    """Bullets of the sentences of ``pool`` that state the topic best and most distinctly, in reading order; when
    ``pool`` is the section the question ``named``, its sentences need not repeat the topic's words."""
    candidates = []
    for item in pool:
        if evidence.reading.is_front_matter(item.passage):
            continue  # a document's cover says what it is, not what it found
        sentences = split_sentences(item.passage.text)
        quoted = evidence.reading.quoted_within(item.passage)
        for number, (start, end) in enumerate(sentences):
            sentence = item.passage.text[start:end]
            if overlaps(quoted, start, end):
                continue  # a respondent's words quoted inside the report's sentence
            introduces = sentence.rstrip().endswith(":") and states_what_follows(
                evidence, item.passage, start, end, number == len(sentences) - 1)  # "Participants recounted …:"
            if not 30 <= end - start <= 400 or not _bullet_sentence(item.passage.text, start, end, introduces) \
                    or (span := standing_alone(item.passage.text, sentences, number, end)) is None:
                continue  # too short or long to stand alone, no statement, a pronoun for a subject with nothing before
            start, end = span[0], item.passage.text.rindex(":", start, end) if introduces else span[1]
            share = evidence.weights.coverage(evidence.topic, content_tokens(sentence))
            if share > 0 or named:  # the section's name holds the topic: its sentences need not repeat it
                candidates.append((item.dense_score + 0.4 * share, item, start, end))
    if not candidates:
        return quotes_answer(evidence)
    candidates = [c for c in candidates if not _within_another(c, candidates)]  # shown with the one leaning on it
    best = max(c[0] for c in candidates)
    candidates = [c for c in candidates if c[0] >= best - 0.25 or named]
    ids, vectors = evidence.vectors([item.passage for _, item, _, _ in candidates])
    by_id = dict(zip(ids, vectors))
    candidates = [c for c in candidates if c[1].passage.passage_id in by_id]
    matrix = np.asarray([by_id[c[1].passage.passage_id] for c in candidates])
    chosen = diverse([c[0] for c in candidates], matrix, count, balance=0.7)
    picked = sorted((candidates[i] for i in chosen), key=lambda c: (c[1].passage.source, c[1].passage.start + c[2]))
    return [Bullets(tuple(sentence_claim(item.passage, start, end) for _, item, start, end in picked))]


def asked_section(evidence: Evidence) -> tuple[str, str] | None:
    """(source, path) of the section a question asks for by its whole name and for nothing more ("Summarise the
    discussion", "the strengths and limitations section"): the longest name all of whose words the question has
    and whose words hold all of its topic; in the first document the question's passages come from that has one."""
    words = set(content_tokens(evidence.question.text))
    best, longest = None, 0
    for source in dict.fromkeys(item.passage.source for item in evidence.candidates):
        for path in evidence.reading.paths(source):
            name = set(content_tokens(section_name(path)))
            if longest < len(name) and name <= words and set(evidence.topic) <= name:
                best, longest = (source, path), len(name)
        if best is not None:
            return best
    return None


def _names_the_document(evidence: Evidence) -> bool:
    """Whether the question's topic is only what a document found calls itself ("Summarise the consultation" of
    "Consultation on school transport: …"): words of its title that its findings hardly use (``TITLE_ONLY``)."""
    titles = {item.passage.document for item in evidence.candidates if item.passage.document}
    limit = max(2, TITLE_ONLY * evidence.weights.size)
    return bool(evidence.topic) and any(
        set(evidence.topic) <= set(content_tokens(title)) for title in titles) and all(
        evidence.weights.frequency.get(token, 0) <= limit for token in evidence.topic)


def _bullet_sentence(text: str, start: int, end: int, introduces_extracts: bool = False) -> bool:
    """Whether the sentence ``text[start:end]`` states something a summary can give as a bullet: prose, not a list's
    lead-in (``introduces_extracts``: it ends in ":" before the extracts it states the point of), not a question the
    report asks, not a pointer to a figure, a section or what the authors asked (``states_something``)."""
    return (introduces_extracts or not text[start:end].rstrip().endswith(":")) and states_something(text, start, end)


def _within_another(candidate, candidates) -> bool:
    """Whether a (score, item, start, end) sentence is part of a longer one of the same passage among
    ``candidates`` (a sentence shown with the next, which leans on it)."""
    _, item, start, end = candidate
    return any(other[1] is item and other[2] <= start and end <= other[3] and (other[2], other[3]) != (start, end)
               for other in candidates)


def central_statements(evidence: Evidence, count: int) -> list[Claim]:
    """A whole report's summary: the opening sentences of the passages of narrative nearest the centre of all of
    them in meaning (what the report keeps coming back to), mutually distinct, a section named as a summary or
    conclusion a little ahead; in reading order. Over the documents in scope, the first when there are many."""
    passages = [passage for source in _in_scope(evidence) for passage in _findings(evidence, source)]
    ids, vectors = evidence.vectors(passages)
    if not len(ids):
        return []
    by_id = {passage.passage_id: passage for passage in passages}
    centre = _centre(vectors)
    candidates = []
    for passage_id, vector in zip(ids, vectors):
        passage = by_id[passage_id]
        quoted = evidence.reading.quoted_within(passage)
        spans = [(start, end) for start, end in split_sentences(passage.text)
                 if 40 <= end - start <= MAX_SUMMARY_SENTENCE and _bullet_sentence(passage.text, start, end)
                 and not leans_back(passage.text, start) and not overlaps(quoted, start, end)]
        if spans:
            candidates.append((float(vector @ centre) + SUMMARY_SECTION_BONUS * _names_a_summary(passage.section),
                               passage, spans[0], vector))
    if not candidates:
        return []
    chosen = diverse([c[0] for c in candidates], np.asarray([c[3] for c in candidates]), count, balance=0.6)
    picked = sorted((candidates[i] for i in chosen), key=lambda c: (c[1].source, c[1].start))
    return [sentence_claim(passage, *span) for _, passage, span, _ in picked]


def _findings(evidence: Evidence, source: str) -> list[Passage]:
    """The narrative of ``source`` that states its findings: from its first section that quotes respondents on (what
    comes before is background: the literature, earlier work, methods), and a summary named as the document's own
    before it (an abstract, key findings); all of it when it quotes nobody. Never its back matter."""
    return [passage for passage in evidence.reading.under_document(source) if not is_about_the_paper(passage.section)
            and (not evidence.reading.before_findings(passage) or _names_own_summary(passage.section))]


def _names_a_summary(section: str) -> bool:
    return any(word in section.lower() for word in SUMMARY_SECTIONS)


def _names_own_summary(section: str) -> bool:
    return any(word in section.lower() for word in OWN_SUMMARY_SECTIONS)


def central_extracts(evidence: Evidence, count: int, who: Filters = Filters()) -> list[Quote]:
    """A summary of what was said, for documents with no narrative of their own (a transcript), or by the people
    ``who`` names (a group, an area, respondents; in every document unless it names some): the extracts nearest
    the centre of all of theirs in meaning, mutually distinct, in reading order; none that only asks back ("What
    are you going for? Right?") or is too slight to say anything ("Did I pass?"), nor a short one ("Not that I can
    recall at the moment.") when they said anything at length."""
    named = bool(who.groups or who.areas or who.respondents)
    sources = set(who.sources or (() if named else _in_scope(evidence)))
    theirs = [passage for key in who.respondents for passage in evidence.prevalence.extracts_of(key)] \
        if who.respondents else evidence.passages  # a respondent's own, without a walk over the library
    extracts = [passage for passage in theirs if passage.kind == QUOTE and who.matches(passage)
                and (not sources or passage.source in sources) and not only_asks(passage.text)
                and not is_short(passage.text)]
    substantial = [passage for passage in extracts if len(passage.text.split()) >= SUMMARY_EXTRACT_WORDS]
    if substantial or not named:  # the generic short ones sit nearest the centre of anyone's words: no padding
        extracts = substantial
    ids, vectors = evidence.vectors(extracts)
    if not len(ids):
        return []
    by_id = {passage.passage_id: passage for passage in extracts}
    centrality = vectors @ _centre(vectors)
    nearest = np.argsort(-centrality, kind="stable")[:CENTRAL_POOL]  # the choice among thousands is among the nearest
    ids, vectors, centrality = [ids[i] for i in nearest], vectors[nearest], centrality[nearest]
    chosen = diverse(centrality.tolist(), vectors, count, balance=0.6)
    picked = sorted((by_id[ids[i]] for i in chosen), key=lambda passage: (passage.source, passage.start))
    return [trimmed(passage, (), evidence.weights) for passage in picked]


def _in_scope(evidence: Evidence) -> tuple[str, ...]:
    """The documents a whole-document summary covers: those the question is filtered to, else the first."""
    return evidence.question.filters.sources or tuple(passage.source for passage in evidence.passages[:1])


def _centre(vectors: np.ndarray) -> np.ndarray:
    """The unit vector at the centre of ``vectors`` in meaning (what they keep coming back to)."""
    centre = vectors.mean(axis=0)
    return centre / (np.linalg.norm(centre) or 1.0)


# -- helpers -------------------------------------------------------------------------------------------------

def _strong_narrative(evidence: Evidence):
    narrative = evidence.narrative(evidence.topic_candidates or evidence.candidates)
    if not narrative:
        return []
    best = max(evidence.relevance(item) for item in narrative)
    strong = [item for item in narrative if evidence.relevance(item) >= best - 0.12]
    return _found(evidence, strong, at_least=1)[:6]  # what the study found, before what its background says


def _found(evidence: Evidence, pool: Sequence[ScoredPassage], at_least: int = THEMES_MIN) -> list[ScoredPassage]:
    """The passages of ``pool`` that state what their documents found, not the background before it (abstract,
    literature, methods: ``ReadingOrder.before_findings``); all of ``pool`` when the question asks for what only
    that background is headed by, or when fewer than ``at_least`` are left."""
    findings, background = [], []
    for item in pool:
        (background if evidence.reading.before_findings(item.passage) else findings).append(item)
    if len(findings) < at_least or _asks_for_background(evidence, [item.passage for item in background]):
        return list(pool)
    return findings


def _asks_for_background(evidence: Evidence, background: Sequence[Passage]) -> bool:
    """Whether the question holds a word that heads the sections of ``background`` (passages before their
    documents' findings) and none of the findings' ("What does the literature say …" of "Summary of findings from
    the research literature")."""
    topic = set(evidence.topic)
    asked = {token for passage in background for token in topic & set(content_tokens(passage.section))}
    for source in {passage.source for passage in background}:
        for path in evidence.reading.paths(source):
            opening = evidence.reading.under(source, path)[:1]
            if opening and not evidence.reading.before_findings(opening[0]):
                asked -= set(content_tokens(path))
    return bool(asked)


def _who(evidence: Evidence) -> Filters:
    """The question's who-filters (groups, areas, respondents, documents), without its kind."""
    filters = evidence.question.filters
    return Filters(groups=filters.groups, areas=filters.areas, respondents=filters.respondents,
                   sources=filters.sources)


def _merge(filters: Filters, evidence: Evidence) -> Filters:
    who = _who(evidence)
    return Filters(groups=filters.groups or who.groups, areas=filters.areas or who.areas,
                   respondents=filters.respondents or who.respondents, sources=who.sources)


_ONE_QUOTE = re.compile(r"\b(?:a|one|any|which|best|a single|an?\s+\w+)\s+(?:quote|quotation|extract|excerpt|line)\b",
                        re.IGNORECASE)


def _asks_for_one(question: str) -> bool:
    """ "A quote on …", "Any quote …?", "Which quote best shows …": one, not a list."""
    return bool(_ONE_QUOTE.search(question)) and not re.search(r"\bquotes\b|\bextracts\b", question, re.IGNORECASE)


def _sections_of(evidence: Evidence, keys: Sequence[str]) -> list[str]:
    names: list[str] = []
    for passage in (extract for key in keys for extract in evidence.prevalence.extracts_of(key)):
        section = section_name(passage.section)
        if section and section not in names:
            names.append(section)
    return names[:4]


__all__ = ["compose"]
