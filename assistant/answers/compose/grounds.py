"""What every answer form draws on: whether the findings cover the question (and the decline when not), the
narrative that answers it best, what a study found as against its background, the section a question names, and
who spoke to its topic."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from .. import declines
from ..blocks import Block, Claim
from ..evidence import Evidence
from ..query import asks_share_of_people, asks_why
from ..sides import RECOMMENDING, side_tokens, side_words, sides_named, unsided, without_sides
from ...documents.prose import SECTION_SEPARATOR, leads_in, section_name
from ...search.coverage import Coverage, judge
from ...text import content_tokens
from ...types import Filters, Passage, ScoredPassage

THEMES_MAX, THEMES_MIN, THEMES_USUAL = 6, 2, 4
STATEMENT_MARGIN = 0.15  # a passage this far below the best one's relevance no longer states a theme of its own
SECTION_NAME_SHARE = 0.5  # a section name that holds this (IDF-weighted) share of what a question asks about…
SECTION_PASSAGES = 12  # themes are drawn from at most this many passages
GROUP_SAID_OTHERWISE = 0.78  # a word this close (cosine) to a group's name names it ("teenagers", "young people"; not
# "doctors", "nurses", 0.63)


def covered(evidence: Evidence, items=None):
    """``coverage.judge`` on the question and ``items`` (the candidates by default). Asked for more after an
    answer ("more quotes like that"), the question was covered: what is left is ranked, not judged again without
    the passages already shown."""
    if evidence.exclude:
        return Coverage(True, "")
    question = evidence.question
    items = items if items is not None else evidence.topic_candidates or evidence.candidates
    sides = side_tokens(question.text)  # "the main problems with it": a side the findings may say in other words
    topic = [token for token in question.topic_tokens if token not in sides or evidence.weights.known(token)]
    coverage = judge(question.text, topic, question.expects_quantity, items, evidence.weights, evidence.calibration,
                     evidence.embed, lambda word: names_a_group(evidence, word))
    if coverage.reason in ("thin", "off_topic") and (
            len(evidence.prevalence.filed_rows(topic))  # they file extracts under a heading that names it…
            or set(topic) <= sides and _heads_a_section(evidence, sides_named(question.text))):  # …or the side asked
        return Coverage(True)  # of all they are about ("What got in the way?" of a report with "Barriers to …")
    return coverage


def names_a_group(evidence: Evidence, word: str) -> bool:
    """Whether ``word`` names one of the library's groups in other words ("teenagers" of a group named "Young
    person", "kids" of "Children"): the findings speak of them, though never in that word."""
    terms = [term for term, _ in evidence.directory.group_terms()]
    if not terms:
        return False
    term_vectors = np.asarray(evidence.embed_all(terms, keep=True), dtype=np.float32)
    return float(np.max(term_vectors @ np.asarray(evidence.embed(word), dtype=np.float32))) >= GROUP_SAID_OTHERWISE


def _heads_a_section(evidence: Evidence, sides: frozenset[str]) -> bool:
    """Whether a section of the library is named for one of ``sides`` ("Barriers to adoption", "Facilitators")."""
    return bool(sides) and any(sides_named(section_name(path)) & sides for source in evidence.reading.sources()
                               for path in evidence.reading.paths(source))


def in_a_title(evidence: Evidence, words) -> bool:
    """Whether every one of ``words`` is in the title of a document the question found (any title, for none)."""
    titles = {item.passage.document for item in evidence.candidates if item.passage.document}
    return any(set(words) <= set(content_tokens(title)) for title in titles)


def decline_for(evidence: Evidence, coverage) -> list[Block]:
    """The decline for a question the findings do not cover (``coverage`` says why), with the nearest topics
    they do cover."""
    near = declines.nearest_topics(evidence.topic_candidates or evidence.candidates)
    return [declines.not_covered(coverage.reason, coverage.missing, near, asks_share_of_people(evidence.question.text))]


def who_spoke_to_topic(evidence: Evidence, who: Filters):
    """Everyone ``who`` names and whether they spoke to the question's topic, in the question's words
    (``Prevalence.who_spoke_about``), the words naming a side of it aside: those who "raised problems with waste
    collection" spoke of waste collection, in words of their own for what was wrong with it."""
    phrase = evidence.topic_phrase()
    of_it = unsided(phrase)
    return evidence.prevalence.who_spoke_about(of_it if content_tokens(of_it) else phrase, evidence.embed, who,
                                               evidence.topic)


def named_section(evidence: Evidence, pool) -> tuple[str, str] | None:
    """(source, path) of the section whose name best holds what the question asks about, when it holds
    ``SECTION_NAME_SHARE`` of it (IDF-weighted): "Challenges faced by community health workers" for "the main
    challenges community health workers face"; among the documents ``pool`` found."""
    return named_among(evidence, [(source, path) for source in dict.fromkeys(item.passage.source for item in pool)
                                  for path in evidence.reading.paths(source)])


def named_among(evidence: Evidence, sections) -> tuple[str, str] | None:
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
    return best if best is not None or not about else _named_for_side(evidence, about, sections)


def _named_for_side(evidence: Evidence, about: Sequence[str], sections) -> tuple[str, str] | None:
    """When no name holds what the question asks about and it asks what stands in a topic's way or helps it
    (``sides``: "What gets in the way of …?"), the section whose own name names that side ("Barriers to …") and
    whose path holds the most of the rest of the question (its subject), then the one most about the side; or the
    section under it that the question names outright ("How does leadership help …?": "Leadership"); asked of no
    subject ("What got in the way?"), the section most about the side. None when a
    section not on the other side holds more of the subject ("the challenges flagged in the Year 2 report": the
    section on that report; "Barriers to adoption" is no rival to "Facilitators" for what helped adoption), or no
    section holds any of it (the report's barriers are not those of what was asked). A section named by its side
    alone is about what its document's title says ("getting online" of "Barriers" in "Getting Online: an evaluation
    …"), not one naming more ("Strength and limitations")."""
    asked = sides_named(evidence.question.text)
    subject = [token for token in without_sides(evidence.question.text) if token in about] if asked else []
    sided = [(source, path) for source, path in sections if asked and sides_named(section_name(path)) & asked]
    if not subject:  # "What got in the way?": of what the whole document is about, the section most about the side
        return max(sided, key=lambda section: side_words(section_name(section[1])), default=None)
    outright = [(len(tokens), (source, child)) for source, path in sided for child in evidence.reading.subsections(
        source, path) if set(tokens := content_tokens(section_name(child))) <= set(subject) and tokens]
    if outright:
        return max(outright)[1]
    titles = {item.passage.source: item.passage.document for item in evidence.candidates}

    def words_of(source: str, path: str) -> list[str]:  # its path's, and its title's when named by its side alone
        alone = (source, path) in sided and _named_by_side_alone(section_name(path))
        return content_tokens(path.replace(SECTION_SEPARATOR, " ") + (f" {titles.get(source, '')}" if alone else ""))
    held = {(source, path): evidence.weights.coverage(subject, words_of(source, path))
            for source, path in sections} if sided else {}
    rivals = max((share for (_, path), share in held.items() if not (named := sides_named(path)) or named & asked),
                 default=0.0)
    if max(held.values(), default=0.0) <= 0:
        return None
    return max(((held[section], side_words(section_name(section[1])), section) for section in sided
                if held[section] >= rivals), default=(0.0, 0, None))[2]


_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)\.?\s+")  # "3.2 ", "4. ", "B.1 "


def _named_by_side_alone(name: str) -> bool:
    """Whether a section's name names a side and nothing it is of: "Barriers", "3.2 Barriers: applying through the
    portal" (what follows the colon is the barriers themselves); not "Strength and limitations", "Barriers to
    adoption"."""
    head = _NUMBERED.sub("", name).split(":", 1)[0]
    return not without_sides(head)


def section_pool(evidence: Evidence, named: tuple[str, str] | None, with_subsections: bool = False,
                 whole: bool = False) -> list[ScoredPassage]:
    """The passages of the section the question names (``named_section``; and of its sections, when
    ``with_subsections``), each with its cosine; its first ``SECTION_PASSAGES``, unless ``whole``."""
    if named is None:
        return []
    read = evidence.reading.under if with_subsections else evidence.reading.section
    passages = read(*named)
    return evidence.with_cosines([ScoredPassage(passage, 0.0) for passage in
                                  (passages if whole else passages[:SECTION_PASSAGES])])


def as_scored(pool, passages: Sequence[Passage]) -> list[ScoredPassage]:
    """``passages`` as scored items: as retrieval scored them when it found them (in ``pool``), else unscored."""
    found = {item.passage.passage_id: item for item in pool}
    return [found.get(passage.passage_id, ScoredPassage(passage, 0.0)) for passage in passages]


def in_sections_of(claims: Sequence[Claim]) -> Callable[[Passage], bool]:
    """Whether a passage stands in a section one of ``claims`` cites (the extracts the report quotes where it says
    them)."""
    sections = {(citation.source, citation.section) for claim in claims for citation in claim.citations}
    return lambda passage: (passage.source, passage.section) in sections


def passage_of(claim: Claim, items) -> Passage:
    """The passage of ``items`` that holds the sentence ``claim`` cites."""
    cited = claim.citations[0]
    return next(item.passage for item in items
                if item.passage.source == cited.source and item.passage.start <= cited.start < item.passage.end)


def strong_narrative(evidence: Evidence):
    """The passages of narrative that answer the question about as well as the best one (six at most), what the
    study found before what its background says. Asked why, not what the report proposes: a recommendation is
    no reason ("Why did learners drop out?" is not "Offer catch-up sessions for learners who …")."""
    narrative = evidence.narrative(evidence.topic_candidates or evidence.candidates)
    if asks_why(evidence.question.text):
        narrative = [item for item in narrative if not RECOMMENDING.search(section_name(item.passage.section))] \
            or narrative
    if not narrative:
        return []
    best = max(evidence.relevance(item) for item in narrative)
    strong = [item for item in narrative if evidence.relevance(item) >= best - 0.12]
    return from_findings(evidence, strong, at_least=1)[:6]  # what the study found, before what its background says


def from_findings(evidence: Evidence, pool: Sequence[ScoredPassage], at_least: int = THEMES_MIN
                  ) -> list[ScoredPassage]:
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
    # (not the heading a document opens with, a subtitle, "Analysis of Consultation Responses": what it is all about)
    subtitles = {(opening.source, opening.section) for source in {passage.source for passage in background}
                 if (opening := evidence.reading.opening(source)) is not None}
    asked = {token for passage in background if (passage.source, passage.section) not in subtitles
             for token in topic & set(content_tokens(passage.section))}
    for source in {passage.source for passage in background}:
        for path in evidence.reading.paths(source):
            opening = evidence.reading.under(source, path)[:1]
            if opening and not evidence.reading.before_findings(opening[0]):
                asked -= set(content_tokens(path))
    return bool(asked)


def shows_what_it_introduces(evidence: Evidence, claim: Claim, narrative, quoted: set[str]) -> bool:
    """Whether ``claim`` stands in an answer that shows the extracts ``quoted``: a lead-in (ending in ":") only with
    an extract it leads into ("The following interviewee describes …:" with none of theirs leads into nothing)."""
    if not leads_in(claim.text):
        return True
    introduced = evidence.reading.illustrations(passage_of(claim, narrative))
    return any(extract.passage_id in quoted for extract in introduced)
