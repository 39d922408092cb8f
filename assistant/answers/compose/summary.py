"""Summaries: the report's own summary and conclusion sentences on a topic (or of the whole report) as bullets,
honouring a requested number; in people's own words where a document has no narrative."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .grounds import (STATEMENT_MARGIN, covered, decline_for, from_findings, in_a_title, named_section,
                      section_pool)
from .quotes import quotes_answer
from .scope import area_label, saying_of, who_asked
from ..blocks import Block, Bullets, Claim, Quote, Quotes, Theme, Themes
from ..evidence import (Evidence, diverse, leans_back, overlaps, rank_quotes, sentence_claim, standing_alone,
                        states_something, states_what_follows, trimmed)
from ..query import PERSONS, SAYING
from ..sides import RECOMMENDING, RECOMMENDS
from ...documents.prose import is_about_the_paper, leads_in, section_name, split_sentences
from ...search.relevance import is_short, only_asks
from ...text import content_tokens
from ...types import NARRATIVE, QUOTE, Filters, Passage, ScoredPassage

SUMMARY_BULLETS = 4
SUMMARY_MAX = 8  # "summarise in 20 bullets": this many at most
TREATED_IN = (3, 2)  # a topic is treated in the section that holds 2 of the 3 passages that state it best
LIST_SHOWN = 6  # a summary the document gives as a list is shown whole, up to this many points
TITLE_ONLY = 0.02  # a word of a document's title in at most this share of passages names the document, not a topic
CENTRAL_POOL = 48  # a summary in people's own words picks among this many of their extracts nearest their centre
SUMMARY_SECTION_BONUS = 0.05  # a section named as a summary or conclusion comes a little ahead…
PARAGRAPH_LEAD_BONUS = 0.05  # …as does a paragraph's opening, which states its point (not the rest of one)…
MAX_SUMMARY_SENTENCE = 300  # …and a sentence longer than this is too long for a bullet
SUMMARY_EXTRACT_WORDS = 25  # a summary in people's words quotes turns of at least this many words (or the longer
# half, when most are shorter): ones that say something (a transcript's always; a respondent's or group's when they
# have any)
POINT_QUOTE_NEAR = 0.4  # a group's extract this close in meaning to a point the report makes of them illustrates it
SAME_POINT = 0.7  # two of the report's sentences this close in meaning make one point (a summary's and its finding's)
# Section names that hold a report's own summary of its findings.
SUMMARY_SECTIONS = ("summary", "conclusion", "key finding", "main finding", "key message", "main message", "overview",
                    "abstract", "executive", "implications")
# a summary before the findings that is the document's own
OWN_SUMMARY_SECTIONS = ("abstract", "executive", "key finding", "key message")
SUMMARY_ONLY = frozenset("summary overview of the main key findings findings and conclusions".split())


def summary_answer(evidence: Evidence) -> list[Block]:
    """The report's own sentences as bullets, as many as asked for: on a topic, those that state it best; for the
    whole report, the statements most central to it (see ``central_statements``)."""
    question = evidence.question
    count = min(question.bullets or SUMMARY_BULLETS, SUMMARY_MAX)
    who = who_asked(evidence)
    asked = asked_section(evidence)
    if not question.has_topic and who.areas and not (who.groups or who.respondents) \
            and (asked is None or _only_findings(asked[1])) \
            and not re.search(rf"\b(?:{SAYING}|{PERSONS})\b", question.text, re.IGNORECASE):
        # "Summarise the findings about Site C": what the report says of it, in its sentences that name it, then
        # what its people said when those are fewer than asked for
        statements = area_statements(evidence, count)
        if statements:
            extracts = central_extracts(evidence, count - len(statements), who) if len(statements) < count else []
            return [Bullets(tuple(statements)), *([Quotes(tuple(extracts))] if extracts else [])]
    if asked is not None and not question.has_topic and (_only_findings(asked[1]) or names_own_summary(asked[1])):
        # "What are the key findings?" of a report with a "Findings" heading: its own summary says them, if it has one
        # (of one with a "Key findings" heading, that list: its first points, as its authors ordered them)
        own = central_statements(evidence, count, own_only=True, sources=(asked[0],))
        if own:
            return [Bullets(tuple(own))]
    if asked is not None:  # "Summarise the discussion": that section of the document, whatever it is about
        blocks = summary_bullets(evidence, section_pool(evidence, asked, with_subsections=True), True, count)
        if question.has_topic:
            return _topped_up(evidence, blocks, count)
        if not question.bullets or _bullets_given(blocks) >= count:
            return blocks
        # "Summarise the key findings in three bullets" of a report whose "Findings" heading only introduces the
        # sections after it: the whole report's summary, unless that says less
        whole = central_statements(evidence, count)
        return [Bullets(tuple(whole))] if len(whole) > _bullets_given(blocks) else blocks
    if not question.has_topic and (who.groups or who.areas or who.respondents):
        extracts = central_extracts(evidence, count, who)  # "summarise what partners said": in their own words
        return [Quotes(tuple(extracts))] if extracts else quotes_answer(evidence)
    if (who.groups or who.respondents) and re.search(rf"\b{SAYING}\b", question.text, re.IGNORECASE):
        # "summarise what nurses said about their workload": the points the report makes of it, each with their
        # words; or their words, as the points asked for
        points = group_points(evidence, count) if who.groups and not who.respondents else []
        return points or [dataclasses.replace(block, listed=bool(question.bullets)) if isinstance(block, Quotes)
                          else block for block in quotes_answer(evidence)]
    names_the_document = _names_the_document(evidence)
    if question.has_topic and not names_the_document and _in_a_title(evidence):
        # "Summarise the consultation responses" of "Consultation on …: analysis of responses", which says so
        # throughout: its own summary, when it has one (the topic's nearest section may be its methods)
        own = central_statements(evidence, count, own_only=True)
        if own:
            return [Bullets(tuple(own))]
    if not question.has_topic or names_the_document:
        items = central_statements(evidence, count)
        if items:
            return [Bullets(tuple(items))]
        extracts = central_extracts(evidence, count)  # a transcript: no narrative, only what was said
        return [Quotes(tuple(extracts))] if extracts else quotes_answer(evidence)
    coverage = covered(evidence)
    if not coverage.covered:
        return decline_for(evidence, coverage)
    found = _narrative_found(evidence)
    named = named_section(evidence, found)
    if named is None:  # what was found, unless the background before it says much more of what was asked
        pool = from_findings(evidence, found) if found else found
        if pool and max(map(evidence.relevance, pool)) < max(map(evidence.relevance, found)) - STATEMENT_MARGIN:
            pool = found
        treated = _where_treated(evidence, pool)
        if treated:  # the points the report makes together where it treats the topic
            return _topped_up(evidence, summary_bullets(evidence, treated, True, count), count, found)
        return summary_bullets(evidence, pool, False, count)
    section = section_pool(evidence, named, with_subsections=True)
    if RECOMMENDING.search(question.text) and not any(RECOMMENDS.search(item.passage.text) for item in section):
        # "summarise the recommendations for improving …" of a section on the barriers to it: what is recommended,
        # wherever the report says it
        return summary_bullets(evidence, found, False, count)
    return _topped_up(evidence, summary_bullets(evidence, section, True, count), count, found)  # the section's


def _where_treated(evidence: Evidence, pool: Sequence[ScoredPassage]) -> list[ScoredPassage]:
    """The passages of the section where the report treats what the question asks about, though its name does not
    say so: the one that holds ``TREATED_IN[1]`` of the ``TREATED_IN[0]`` passages of ``pool`` that state it best (a
    report states a topic's points together; "'A collaborative ethos'" for how embedded partnership working is).
    All its passages when those best ones are half of them; else those that come as close to the question as
    on-topic questions come, or about as close as the best (a long section on many things is not all on this one).
    [] when the best passages stand apart."""
    strongest, needed = TREATED_IN
    sections = [(item.passage.source, item.passage.section)
                for item in sorted(pool, key=evidence.relevance, reverse=True)[:strongest]]
    held = sections.count(sections[0]) if sections else 0
    if held < needed or not sections[0][1]:
        return []
    passages = section_pool(evidence, sections[0], whole=True)
    if 2 * held >= len(passages):
        return passages
    bar = min(max(map(evidence.relevance, pool)) - STATEMENT_MARGIN, evidence.calibration.on_topic)
    return [item for item in passages if evidence.relevance(item) >= bar]


def _narrative_found(evidence: Evidence) -> list[ScoredPassage]:
    """The report's passages of narrative the question finds."""
    return evidence.narrative(evidence.retrieve(evidence.question.text, Filters(kinds=(NARRATIVE,)), 24))


def _topped_up(evidence: Evidence, blocks: list[Block], count: int,
               found: Sequence[ScoredPassage] | None = None) -> list[Block]:
    """``blocks``, the bullets of the section a question on a topic names; when they are fewer than the bullets it
    asks for, with the report's other sentences on the topic after them (its conclusions, what it recommends), from
    ``found`` (``_narrative_found``, when not given)."""
    given = _bullets_given(blocks)
    if not evidence.question.bullets or not given or given >= count or not evidence.question.has_topic:
        return blocks
    (bullets,) = [block for block in blocks if isinstance(block, Bullets)]
    found = _narrative_found(evidence) if found is None else found
    more = [claim for block in summary_bullets(evidence, found, False, count) if isinstance(block, Bullets)
            for claim in block.items if not any(_same_span(claim, shown) for shown in bullets.items)]
    return [Bullets((*bullets.items, *more[:count - given]))]


def _same_span(claim: Claim, other: Claim) -> bool:
    """Whether two claims cite overlapping text of one source."""
    mine, theirs = claim.citations[0], other.citations[0]
    return mine.source == theirs.source and mine.start < theirs.end and theirs.start < mine.end


def _bullets_given(blocks: Sequence[Block]) -> int:
    return sum(len(block.items) for block in blocks if isinstance(block, Bullets))


def summary_bullets(evidence: Evidence, pool, named: bool, count: int) -> list[Block]:
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
            introduces = leads_in(sentence) and states_what_follows(
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
    if RECOMMENDING.search(evidence.question.text):  # "summarise the recommendations": what is to be done, if stated
        candidates = [c for c in candidates if RECOMMENDS.search(c[1].passage.text, c[2], c[3])] or candidates
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
    and whose words hold all of its topic; in the first document the question's passages come from that has one. The
    words that name an area asked of name no section ("the findings about Site C" does not ask for "Sites")."""
    words = set(content_tokens(evidence.question.text)) - set(evidence.question.area_words)
    best, longest = None, 0
    for source in dict.fromkeys(item.passage.source for item in evidence.candidates):
        for path in evidence.reading.paths(source):
            name = {token for token in content_tokens(section_name(path)) if not token.isdigit()}  # "4. Conclusions"
            if longest < len(name) and name <= words and set(evidence.topic) <= name:
                best, longest = (source, path), len(name)
        if best is not None:
            return best
    return None


def _names_the_document(evidence: Evidence) -> bool:
    """Whether the question's topic is only what a document found calls itself ("Summarise the consultation" of
    "Consultation on school transport: …"): words of its title that its findings hardly use (``TITLE_ONLY``)."""
    limit = max(2, TITLE_ONLY * evidence.weights.size)
    return _in_a_title(evidence) and all(evidence.weights.frequency.get(token, 0) <= limit for token in evidence.topic)


def _in_a_title(evidence: Evidence) -> bool:
    """Whether every word of the question's topic is in the title of a document it found."""
    return bool(evidence.topic) and in_a_title(evidence, evidence.topic)


def _bullet_sentence(text: str, start: int, end: int, introduces_extracts: bool = False) -> bool:
    """Whether the sentence ``text[start:end]`` states something a summary can give as a bullet: prose, not a list's
    lead-in (``introduces_extracts``: it ends in ":" before the extracts it states the point of), not a question the
    report asks, not a pointer to a figure, a section or what the authors asked (``states_something``)."""
    return (introduces_extracts or not leads_in(text[start:end])) and states_something(text, start, end)


def _within_another(candidate, candidates) -> bool:
    """Whether a (score, item, start, end) sentence is part of a longer one of the same passage among
    ``candidates`` (a sentence shown with the next, which leans on it)."""
    _, item, start, end = candidate
    return any(other[1] is item and other[2] <= start and end <= other[3] and (other[2], other[3]) != (start, end)
               for other in candidates)


def central_statements(evidence: Evidence, count: int, own_only: bool = False,
                       sources: Sequence[str] = ()) -> list[Claim]:
    """A whole report's summary: its own summary and conclusions, when they hold ``count`` sentences or more
    (``own_summary``); otherwise the opening sentences of the passages of narrative nearest the centre of all of
    them in meaning (what the report keeps coming back to), mutually distinct, a section named as a summary or
    conclusion a little ahead; in reading order. Over the documents in scope, the first when there are many.
    ``own_only``: its own summary or nothing. ``sources``: of these documents instead."""
    passages = [passage for source in sources or sources_in_scope(evidence) for passage in _findings(evidence, source)]
    ids, vectors = evidence.vectors(passages)
    if not len(ids):
        return []
    by_id = {passage.passage_id: passage for passage in passages}
    centre = centre_of(vectors)
    spans_of = {passage_id: _bullet_spans(evidence, by_id[passage_id]) for passage_id in ids}
    own = own_summary(evidence, [(by_id[passage_id], spans_of[passage_id]) for passage_id in ids], centre, count)
    if own or own_only:
        return own
    candidates = []
    for passage_id, vector in zip(ids, vectors):
        passage, spans = by_id[passage_id], spans_of[passage_id]
        if spans:
            candidates.append((float(vector @ centre) + SUMMARY_SECTION_BONUS * names_a_summary(passage.section)
                               + PARAGRAPH_LEAD_BONUS * _opens_paragraph(evidence, passage), passage, spans[0], vector))
    if not candidates:
        return []
    chosen = diverse([c[0] for c in candidates], np.asarray([c[3] for c in candidates]), count, balance=0.6)
    picked = sorted((candidates[i] for i in chosen), key=lambda c: (c[1].source, c[1].start))
    return [sentence_claim(passage, *span) for _, passage, span, _ in picked]


def area_statements(evidence: Evidence, count: int) -> list[Claim]:
    """The report's own sentences about the areas the question asks of: those of its findings that name one as the
    documents do ("Staff at Site C attributed the gap to …"), nearest the centre of all of them in meaning, mutually
    distinct, in reading order."""
    labels = [area_label(evidence, "area", area) for area in evidence.question.filters.areas]
    naming = re.compile(rf"\b(?:{'|'.join(map(re.escape, labels))})\b", re.IGNORECASE)
    candidates = [(passage, span) for source in sources_in_scope(evidence) for passage in _findings(evidence, source)
                  if naming.search(passage.text) for span in _bullet_spans(evidence, passage)
                  if naming.search(passage.text, *span)]
    if not candidates:
        return []
    vectors = np.asarray(evidence.embed_all([passage.text[start:end] for passage, (start, end) in candidates]))
    chosen = diverse((vectors @ centre_of(vectors)).tolist(), vectors, count, balance=0.6)
    picked = sorted((candidates[i] for i in chosen), key=lambda c: (c[0].source, c[0].start + c[1][0]))
    return [sentence_claim(passage, *span) for passage, span in picked]


def _opens_paragraph(evidence: Evidence, passage: Passage) -> bool:
    """Whether ``passage`` opens a paragraph (or follows a heading, a list or a quote), not the rest of one the index
    cut in two: more than a space lies between it and the narrative before it."""
    before = evidence.reading.preceding(passage)
    return before is None or before.source != passage.source or passage.start - before.end > 1


def own_summary(evidence: Evidence, passages: Sequence[tuple[Passage, list[tuple[int, int]]]], centre: np.ndarray,
                count: int) -> list[Claim]:
    """``count`` of the bullet sentences (``passages``: each with its ``_bullet_spans``) of the sections that are the
    document's own summary or conclusions (``names_own_summary``): of a list of points, the first; else those
    nearest the centre of its findings (``centre``) and unlike each other first; in reading order; [] when they hold
    fewer. Each sentence is weighed by its own meaning: a summary states a finding a sentence. With no number asked,
    a summary of fewer (two at least) is given whole."""
    spans = [(passage, start, end) for passage, bullets in passages if names_own_summary(passage.section)
             for start, end in bullets]
    # a list it gives ("The key findings are:" and its points, or the points a "Key findings" heading heads) is the
    # summary: each point's first sentence, the whole list (up to LIST_SHOWN) when no number is asked, else its
    # first points, in the order its authors gave them (the headline first: "187 (45%) moved into employment")
    first_sentence: dict[str, tuple[Passage, int, int]] = {}
    for passage, start, end in spans:
        if leads_in(passage.context) or names_own_summary(passage.context):
            first_sentence.setdefault(passage.passage_id, (passage, start, end))
    points = list(first_sentence.values())
    if len(points) >= 2 and (len(points) >= count or not evidence.question.bullets):
        points.sort(key=lambda point: (point[0].source, point[0].start + point[1]))
        return [sentence_claim(*point) for point in points[:count if evidence.question.bullets else LIST_SHOWN]]
    if len(spans) < count and (evidence.question.bullets or len(spans) < 2):
        return []
    count = min(count, len(spans))
    vectors = np.asarray(evidence.embed_all([passage.text[start:end] for passage, start, end in spans]))
    chosen = diverse((vectors @ centre).tolist(), vectors, count, balance=0.6)
    return [sentence_claim(*spans[i]) for i in sorted(chosen, key=lambda i: (spans[i][0].source,
                                                                             spans[i][0].start + spans[i][1]))]


def _bullet_spans(evidence: Evidence, passage: Passage) -> list[tuple[int, int]]:
    """The sentences of ``passage`` a summary can give as bullets: of a bullet's length, stating something, not
    leaning on the one before, not a respondent's words the report quotes."""
    quoted = evidence.reading.quoted_within(passage)
    return [(start, end) for start, end in split_sentences(passage.text)
            if 40 <= end - start <= MAX_SUMMARY_SENTENCE and _bullet_sentence(passage.text, start, end)
            and not leans_back(passage.text, start, end) and not overlaps(quoted, start, end)]


def _findings(evidence: Evidence, source: str) -> list[Passage]:
    """The narrative of ``source`` that states its findings: from its first section that quotes respondents on (what
    comes before is background: the literature, earlier work, methods), and a summary named as the document's own
    before it (an abstract, key findings); all of it when it quotes nobody. Never its back matter."""
    return [passage for passage in evidence.reading.under_document(source) if not is_about_the_paper(passage.section)
            and (not evidence.reading.before_findings(passage) or names_own_summary(passage.section))]


def _only_findings(section: str) -> bool:
    """Whether ``section`` is named as the findings in general ("Findings", "Main findings"), not the document's
    own summary of them."""
    name = set(re.findall(r"[a-z]+", section_name(section).lower()))
    return bool(name) and name <= SUMMARY_ONLY and not names_own_summary(section)


def names_a_summary(section: str) -> bool:
    """Whether ``section`` is named as a summary of some kind ("Summary", "Conclusions and recommendations")."""
    return any(word in section.lower() for word in SUMMARY_SECTIONS)


def names_own_summary(section: str) -> bool:
    """Whether ``section`` is the document's own summary: an abstract, executive summary or key findings, or one
    named as a summary and nothing else ("Summary", "Summary of findings"; not "Summary of findings from the
    research literature", which summarises others' work)."""
    name = section_name(section).lower()
    return any(word in name for word in OWN_SUMMARY_SECTIONS) or names_a_summary(name) and set(
        re.findall(r"[a-z]+", name)) <= SUMMARY_ONLY


def central_extracts(evidence: Evidence, count: int, who: Filters = Filters()) -> list[Quote]:
    """A summary of what was said, for documents with no narrative of their own (a transcript), or by the people
    ``who`` names (a group, an area, respondents; in every document unless it names some): the extracts nearest
    the centre of all of theirs in meaning, mutually distinct, in reading order; none that only asks back ("What
    are you going for? Right?") or is too slight to say anything ("Did I pass?"), nor a short one ("Not that I can
    recall at the moment.") when they said anything at length."""
    named = bool(who.groups or who.areas or who.respondents)
    sources = set(who.sources or (() if named else sources_in_scope(evidence)))
    theirs = [passage for key in who.respondents for passage in evidence.prevalence.extracts_of(key)] \
        if who.respondents else evidence.passages  # a respondent's own, without a walk over the library
    extracts = [passage for passage in theirs if passage.kind == QUOTE and who.matches(passage)
                and (not sources or passage.source in sources) and not only_asks(passage.text)
                and not is_short(passage.text)]
    # What was said at length (the generic short turns sit nearest the centre of anyone's words: no padding):
    # SUMMARY_EXTRACT_WORDS or more, or the longer half, which is never empty (a short interview's answers are short).
    lengths = [len(passage.text.split()) for passage in extracts]
    at_length = min(SUMMARY_EXTRACT_WORDS, int(np.median(lengths))) if lengths else SUMMARY_EXTRACT_WORDS
    substantial = [passage for passage, words in zip(extracts, lengths) if words >= at_length]
    if named:  # each of theirs who said nothing at length is heard in the longest thing they said
        heard = {passage.respondent for passage in substantial}
        longest: dict[str, Passage] = {}
        for passage in extracts:
            if passage.respondent and passage.respondent not in heard:
                kept = longest.setdefault(passage.respondent, passage)
                if len(passage.text) > len(kept.text):
                    longest[passage.respondent] = passage
        substantial += longest.values()
    extracts = substantial
    ids, vectors = evidence.vectors(extracts)
    if not len(ids):
        return []
    by_id = {passage.passage_id: passage for passage in extracts}
    centrality = vectors @ centre_of(vectors)
    nearest = np.argsort(-centrality, kind="stable")[:CENTRAL_POOL]  # the choice among thousands is among the nearest
    ids, vectors, centrality = [ids[i] for i in nearest], vectors[nearest], centrality[nearest]
    chosen = diverse(centrality.tolist(), vectors, count, balance=0.6)
    picked = sorted((by_id[ids[i]] for i in chosen), key=lambda passage: (passage.source, passage.start))
    return [trimmed(passage, (), evidence.weights) for passage in picked]


def sources_in_scope(evidence: Evidence) -> tuple[str, ...]:
    """The documents a whole-document summary covers: those the question is filtered to, else the first."""
    return evidence.question.filters.sources or tuple(passage.source for passage in evidence.passages[:1])


def centre_of(vectors: np.ndarray) -> np.ndarray:
    """The unit vector at the centre of ``vectors`` in meaning (what they keep coming back to)."""
    centre = vectors.mean(axis=0)
    return centre / (np.linalg.norm(centre) or 1.0)


def group_points(evidence: Evidence, count: int) -> list[Block]:
    """ "Summarise in three bullets what nurses said about their workload": the points the report's findings make of
    what a group said on a topic (``_said_by_group``), mutually distinct, in reading order, each followed by the
    extract of theirs that illustrates it (``_illustrating``). When they are fewer than asked for, the points the
    report illustrates with their words alone come next, then the strongest of their other extracts. [] when the
    report makes fewer than two points naming them: their words are then the points."""
    candidates = _said_by_group(evidence)
    named = [candidate for candidate in candidates if candidate.names_them]
    if len(named) < 2:
        return []
    candidates = named + [candidate for candidate in candidates if not candidate.names_them]
    vectors = np.asarray(evidence.embed_all([candidate.text for candidate in candidates]))
    chosen: list[int] = []
    for pool in (list(range(len(named))), list(range(len(named), len(candidates)))):  # those naming them first
        for at in diverse([candidates[i].score for i in pool], vectors[pool], len(pool), balance=0.7):
            if len(chosen) < count and all(float(vectors[pool[at]] @ vectors[kept]) < SAME_POINT for kept in chosen):
                chosen.append(pool[at])  # (not a summary's sentence and the finding it restates: the next point)
    if len(chosen) < 2:
        return []
    chosen.sort(key=lambda i: (candidates[i].passage.source, candidates[i].passage.start + candidates[i].start))
    extracts = {item.passage.passage_id: item.passage for item in evidence.quotes()}
    ids, matrix = evidence.vectors(list(extracts.values()))
    themes, shown = [], set()
    for i in chosen:
        passage, start, end = candidates[i].passage, candidates[i].start, candidates[i].end
        closeness = dict(zip(ids, (matrix @ vectors[i]).tolist())) if len(ids) else {}
        quote = _illustrating(evidence, passage, start, [extracts[passage_id] for passage_id in ids], closeness, shown)
        shown.add(quote)
        quoted = (trimmed(extracts[quote], evidence.topic, evidence.weights),) if quote else ()
        themes.append(Theme(sentence_claim(passage, start, end), quoted, 0, 0))
    blocks: list[Block] = [Themes(tuple(themes))]
    if len(themes) < count:
        strong, _ = rank_quotes(evidence, evidence.quotes(), count)
        more = [quote for quote in strong if quote.citation.passage_id not in shown][:count - len(themes)]
        blocks += [Quotes(tuple(more), "Also in their words:")] if more else []
    return blocks


class GroupStatement(NamedTuple):
    """A sentence of the findings on what a group said: its score for the question, where it stands (offsets within
    ``passage``), and whether it names the group."""

    score: float
    passage: Passage
    start: int
    end: int
    names_them: bool

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


def _said_by_group(evidence: Evidence) -> list[GroupStatement]:
    """A ``GroupStatement`` of each sentence of the findings (or the document's own summary)
    that says what the group asked about said or thought (``saying_of``), or stands in a passage the report
    illustrates with their extracts alone ("Access to a suitable device was a major practical barrier." above two
    tutors' words); on the topic (holding its words, or in a passage that comes as close to the question as on-topic
    questions come), and no recommendation unless those are asked for."""
    question = evidence.question
    says = saying_of(evidence, question.filters.groups)
    if says is None:
        return []
    found = evidence.retrieve(question.text, Filters(kinds=(NARRATIVE,), sources=question.filters.sources), 40)
    proposals = bool(RECOMMENDING.search(question.text))
    candidates = []
    for item in evidence.narrative(found):
        if evidence.reading.is_front_matter(item.passage) or (evidence.reading.before_findings(item.passage)
                                                              and not names_own_summary(item.passage.section)):
            continue  # what the study set out to do and how, not what it found
        illustrations = evidence.reading.illustrations(item.passage)
        theirs = bool(illustrations) and all(extract.group in question.filters.groups for extract in illustrations)
        for start, end in _bullet_spans(evidence, item.passage):
            sentence = item.passage.text[start:end]
            share = evidence.weights.coverage(evidence.topic, content_tokens(sentence))
            naming = says(sentence)
            if (naming or theirs) and (share > 0 or item.dense_score >= evidence.calibration.on_topic) \
                    and (proposals or not RECOMMENDS.search(sentence)):
                candidates.append(GroupStatement(item.dense_score + 0.4 * share, item.passage, start, end,
                                                 bool(naming)))
    return candidates


def _illustrating(evidence: Evidence, passage: Passage, start: int, extracts: Sequence[Passage],
                  closeness: dict[str, float], shown: set) -> str | None:
    """The id of the extract of ``extracts`` that illustrates the point at ``start`` in ``passage``: one the report
    places after the passage, else the nearest in meaning (``closeness``), either ``POINT_QUOTE_NEAR`` to it at
    least; not one already ``shown``, nor one quoted in the passage before the point (an earlier point's)."""
    placed = [extract.passage_id for extract in evidence.reading.illustrations(passage)]
    nearest = sorted(closeness, key=lambda passage_id: -closeness[passage_id])
    earlier = {extract.passage_id for extract in extracts if extract.source == passage.source
               and passage.start <= extract.start < passage.start + start}
    return next((passage_id for passage_id in [*placed, *nearest] if passage_id not in shown | earlier
                 and closeness.get(passage_id, 0.0) >= POINT_QUOTE_NEAR), None)
