"""What an answer is built from: the question, the passages retrieved for it, and the library's measures
(term weights, calibration, respondents, prevalence), with the helpers every answer form shares — rank quotes by
their most relevant sentence, pick the report's own sentences, trim long extracts, keep a selection diverse.

Every span chosen here is contiguous and verbatim in the source; trimming marks the cut with "…" outside it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .blocks import Claim, Quote
from .cite import ELLIPSIS, citation_for
from ..documents.prose import is_about_the_paper, is_prose, leads_in, points_elsewhere, section_name, split_sentences
from ..documents.reading_order import ReadingOrder, list_points
from .prevalence import Prevalence
from .query import FOLLOWS, ParsedQuestion, without_ranking
from ..search.relevance import Calibration, TermWeights, relevance, spoken_words, too_slight
from ..documents.respondents import Directory
from ..text import content_tokens, fold
from ..types import NARRATIVE, QUOTE, Filters, Passage, ScoredPassage

QUOTE_CHARS = 420  # longer extracts are trimmed to their most relevant run of sentences
QUOTED_AGAIN_WORDS = 5  # words one document quotes of another's are one quote, from this many words on
RELATED_MARGIN = 0.2  # a quote this far below the best one's relevance is a weaker match…
TIE_MARGIN = 0.05  # quotes this close in relevance are a tie the ranking cannot break
EVERY_WORD = 0.999  # an extract whose own words hold this share of the question's topic names it
REPEAT_MARGIN = 0.1  # …and a second quote from one voice this far below their first: it adds a voice's weaker words
QUOTE_FLOOR_MARGIN = 0.1  # …as is one less than this above what off-topic questions reach against an extract
UNSPOKEN_MARGIN = 0.15  # …or this, when no extract uses a word of the topic (as ``prevalence.SPOKE_CLOSE``)
FEW_VOICES = 3  # asked about a group or area of this many respondents at most, each voice that speaks to it shows…
TOPIC_LIFT = 0.05  # …and, asked about a group or area, each comes this much closer for the topic (``topic_lift``)
SCOPE_WORDS = 0.25  # …of a larger one, a weaker match shows when its words (or lead-in) hold this share of the topic
MAX_SENTENCE_CHARS = 400  # a "sentence" longer than this is a run-on extraction artefact, not a lead
STATED_WORDS = 15  # a lead-in to extracts this long says what they show: a statement, not "As one officer put it:"
RESTATED = 0.5  # a sentence half of whose words (of the two's together) are another's says it again
# How an English sentence opens when it leans on the one before ("As such, it …", "These were …", "This meant …").
# The connectives among them: what links a sentence to the one before, whatever it goes on to say.
_CONNECTIVES = (r"as\s+such|thus|hence|therefore|however|moreover|furthermore|also|in\s+addition|in\s+turn|"
                r"by\s+contrast|likewise|similarly|conversely|nevertheless|instead|notably|indeed|for\s+example|"
                r"for\s+instance|in\s+particular|as\s+a\s+result|consequently|accordingly|at\s+the\s+same\s+time|"
                r"on\s+the\s+other\s+hand|in\s+contrast|on\s+the\s+contrary|even\s+so|that\s+said|nonetheless|"
                r"meanwhile|alternatively|equally|in\s+other\s+words|otherwise|yet|still|again|"
                r"more\s+(?:positively|negatively|generally|broadly|specifically|importantly)")
# Some of the people just named, as the subject of a verb ("Some welcomed fewer late shifts", "Others worried …"): of
# whom is in the sentence before.
_SOME_OF_THEM = (r"(?:some|others|many|most|both|few|several|neither)\s+(?:\w+ed|were|was|are|is|had|have|said|felt|"
                 r"thought|saw|found|took|gave|knew|spoke|wrote|made)\b")
_LEANS_BACK = re.compile(r"(?:(?:despite|given|because\s+of|as\s+a\s+result\s+of|in\s+spite\s+of|beyond|in)\s+"
                         r"(?:this|these|that|those|such|it)|(?:some|many|most|one|each|all|both|few|none|several)\s+"
                         rf"of\s+(?:these|those|them)|{_SOME_OF_THEM}|such|this|these|those|that|it|they|their|its|"
                         # "The same is true for 67% …", "The same pattern held in …": the same as the sentence before
                         r"the\s+same\s+(?:\w+\s+)?(?:is|was|are|were|holds?|held|goes|went|appl(?:y|ies|ied))|"
                         rf"{_CONNECTIVES})\b", re.IGNORECASE)
_CONNECTIVE = re.compile(rf"(?:{_CONNECTIVES})\b,?\s*", re.IGNORECASE)
# A short sentence that announces the next point of a series and leaves saying what it is to the sentence after ("A
# third barrier arose at the very start of the process.", "Another concern was raised by the porters."): shown with it.
_ANNOUNCES = re.compile(r"(?:(?:an?|the|one)\s+(?:second|third|fourth|fifth|sixth|further|final|last|related)|"
                        r"another)\s+[\w-]+\s+(?:(?:\w+\s+){0,2}?)(?:was|were|is|are|arose|arises|emerged|emerges|came|"
                        r"comes|concerned|concerns|related|relates|lay|lies)\b", re.IGNORECASE)
ANNOUNCEMENT_WORDS = 12  # an announcing sentence this short says nothing of its point
# "this" or "these" for what was said before, inside a sentence ("Staff views on this differed …"): a pronoun where
# a verb or a stop follows it, not a determiner ("on this issue").
_POINTS_BACK_WITHIN = re.compile(r"\b(?:on|about|of|to|with|for|from|by)\s+(?:this|these|those)(?=\s*[,.;:]|\s+(?:"
                                 r"\w+ed|is|was|were|are|has|had|have|differs?|vary|varies|seems?|remains?|can|could|"
                                 r"would|will|may|might|should|must)\b)", re.IGNORECASE)
_REFERS_BACK = re.compile(r"(?:it|its|this|these|those|that|they|their|them|such|he|she|his|her)\b", re.IGNORECASE)
# A point of a series the sentences before count ("Three problems stood out. First, … Third, cancellations …"):
# by itself, the third of what?
_IN_TURN = re.compile(r"(?:first|second|third|fourth|fifth|sixth|final|last)(?:ly)?,", re.IGNORECASE)

# A pronoun as the subject of a sentence's verb, or some of what it points to: the sentence says nothing by itself
# ("This was a decision by the ward manager", "Many of these findings …").
_POINTS_BACK = re.compile(rf"(?:(?:some|many|most|one|each|all|both|few|none|several)\s+of\s+(?:these|those|them)\b|"
                          rf"{_SOME_OF_THEM}|"
                          r"(?:this|that|it|they|these|those)\s+(?:was|were|is|are|has|had|have|will|would|could|can|"
                          r"may|might|meant|means|led|leads|included|includes|involved|involves)\b)", re.IGNORECASE)


@dataclass
class Evidence:
    """Everything the composers read; made once per question by the pipeline."""

    question: ParsedQuestion
    candidates: list[ScoredPassage]  # retrieved under the question's filters, best first
    weights: TermWeights
    calibration: Calibration
    directory: Directory
    prevalence: Prevalence
    retrieve: Callable[[str, Filters, int], list[ScoredPassage]]
    embed: Callable[[str], list[float]]
    embed_all: Callable[..., list[list[float]]]  # several texts in one call of the model (``retrieve.embed_all``)
    vectors: Callable[[Sequence[Passage]], tuple[list[str], np.ndarray]]
    passages: Sequence[Passage]
    max_quotes: int = 5
    pinned: list[ScoredPassage] = field(default_factory=list)
    exclude: Sequence[str] = ()
    topic_candidates: list[ScoredPassage] | None = None  # retrieved without the who-filters: what the topic finds
    reading: ReadingOrder = field(default_factory=lambda: ReadingOrder(()))  # which extracts illustrate what
    _relevance: dict = field(default_factory=dict, repr=False)

    @property
    def topic(self) -> tuple[str, ...]:
        return self.question.topic_tokens

    def relevance(self, item: ScoredPassage) -> float:
        """``relevance.relevance`` of ``item`` for the question, worked out once per passage and score."""
        key = (item.passage.passage_id, item.dense_score)
        if key not in self._relevance:
            self._relevance[key] = relevance(item, self.topic, self.weights)
        return self._relevance[key]

    @functools.cached_property
    def unspoken(self) -> bool:
        """Whether no extract in the library holds a word of the topic (only a close meaning then speaks to it), nor
        is filed under a section whose name does ("Stigma": the report put them there for it); worked out once per
        question, however many times its quotes are ranked."""
        filed = any(self.weights.coverage(self.topic, content_tokens(section_name(item.passage.section)))
                    for item in self.candidates if item.passage.kind == QUOTE)
        return not filed and not self.prevalence.postings.coverage(self.topic, self.weights).any()

    def quotes(self, items: Sequence[ScoredPassage] | None = None) -> list[ScoredPassage]:
        """The interview extracts among ``items`` (the candidates by default), each once, pinned first."""
        items = self.candidates if items is None else items
        seen: set[str] = set()
        found = []
        for item in [*self.pinned, *items]:
            if item.passage.kind == QUOTE and item.passage.text not in seen:
                seen.add(item.passage.text)
                found.append(item)
        return found

    def topic_lift(self, items: Sequence[ScoredPassage]) -> dict[str, float]:
        """How much closer each passage of ``items`` comes to the question than to the question without its topic
        words (``frame_text``), by passage id: what the topic, not who is asked or how, draws to it. Asked what
        nurses said about rotas, every nurse's extract comes close to "nurses"; one about rotas comes closer."""
        ids, matrix = self.vectors([item.passage for item in items])
        if not len(ids):
            return {}
        queries = np.asarray([self.embed(self.question.text), self.embed(self.question.frame_text)])  # (cached)
        cosines = matrix @ queries.T
        return dict(zip(ids, (cosines[:, 0] - cosines[:, 1]).tolist()))

    def on_topic(self, items: Sequence[ScoredPassage]) -> list[ScoredPassage]:
        """Those of ``items`` (the extracts of a group or area asked about) that speak to the topic, not only to who
        was asked: the topic adds ``TOPIC_LIFT`` to their closeness (``topic_lift``), or they hold enough of the
        topic's words. Not tested (all of them) for a topic the library speaks of throughout, nor one the question
        does not word (a follow-up's)."""
        if self.weights.is_general(self.topic) or self.question.frame_text == self.question.text:
            return list(items)
        if self.weights.is_a_name([token for token in self.topic if token not in self.question.group_tokens]):
            return [item for item in items if self.holds_topic(item)]  # a name is mentioned, or not: nothing is near it
        lift = self.topic_lift(items)
        return [item for item in items
                if lift.get(item.passage.passage_id, 0.0) >= TOPIC_LIFT or self.holds_topic(item)]

    def holds_topic(self, item: ScoredPassage) -> bool:
        """Whether an extract's words, or the report's lead-in to it, hold ``SCOPE_WORDS`` of the topic."""
        return self.weights.coverage(self.topic, content_tokens(spoken_words(item.passage))) >= SCOPE_WORDS

    def with_cosines(self, items: Sequence[ScoredPassage]) -> list[ScoredPassage]:
        """``items``, each passage found by its words alone (no cosine) given its cosine with the question (the
        better of the question's and its topic's, as retrieval does), from the stored vectors."""
        missing = [item.passage for item in items if not item.dense_score]
        if not missing:
            return list(items)
        ids, matrix = self.vectors(missing)
        queries = np.asarray([self.embed(text) for text in dict.fromkeys((self.question.text,
                                                                           self.question.search_text))])
        cosine = dict(zip(ids, (matrix @ queries.T).max(axis=1).tolist())) if len(ids) else {}
        return [item if item.dense_score else dataclasses.replace(item, dense_score=cosine.get(item.passage.passage_id, 0.0))
                for item in items]

    def narrative(self, items: Sequence[ScoredPassage] | None = None) -> list[ScoredPassage]:
        items = self.candidates if items is None else items
        return [item for item in items if item.passage.kind == NARRATIVE]

    def topic_phrase(self) -> str:
        """The question's topic in its own words ("data sharing"): what follows its verb of saying ("mentioned
        …", "talked about …"), else its topic words in order; for headings, notes and prevalence."""
        return topic_phrase(self.question)


_SAID = re.compile(r"\b(?:mention(?:s|ed)?|talk(?:s|ed)?\s+about|spoke\s+(?:about|of|to)|speak\s+(?:about|of|to)|"
                   r"rais(?:e|es|ed)|brought\s+up|bring\s+up|refer(?:s|red)?\s+to|describ(?:e|es|ed)|discuss(?:es|ed)?|"
                   r"comment(?:s|ed)?\s+on|sa(?:y|id|ys)\s+(?:about|that)?|express(?:es|ed)?|highlight(?:s|ed)?|"
                   r"identif(?:y|ies|ied)|cit(?:e|es|ed)|note[ds]?|felt|feel|thought|think|see|saw|view(?:s|ed)?|"
                   r"ask(?:s|ed)?\s+for|call(?:s|ed)?\s+for|request(?:s|ed)?|suggest(?:s|ed)?|recommend(?:s|ed)?|"
                   r"prais(?:e|es|ed)|complain(?:s|ed)?\s+(?:about|of))\s+(?P<topic>.+)$",
                   re.IGNORECASE)


# A second question after the topic: "…, and who were they", "and which sites".
_ASKED_NEXT = re.compile(r",?\s+(?:and|or)\s+(?:who|whom|which|what|where|when|how)\b.*$", re.IGNORECASE)


def topic_phrase(question: ParsedQuestion) -> str:
    """See ``Evidence.topic_phrase``: what follows the verb of saying only when it holds the whole topic ("gave
    examples of innovation or talked about being creative" is about both)."""
    topic = set(question.topic_tokens) - set(content_tokens(question.speakers))  # who said it is not what
    # a follow-up read with the question it follows ("how many mentioned it — What did … about X?"): the part with
    # the topic's words says it, the earlier question on a tie
    parts = question.text.strip().split(FOLLOWS)
    text = max(reversed(parts), key=lambda part: len(topic & set(content_tokens(part)))).rstrip("?.! ")
    said = _SAID.search(text)
    words = [match for match in re.finditer(r"\S+", text) if (tokens := content_tokens(match.group())) and tokens[0] in topic]
    if said and content_tokens(said.group("topic")):
        if words and words[0].start() < said.start() and re.search(r"\bor\b", text[words[0].start():said.start()]):
            # "gave examples of X or talked about Y": from X to Y (not "how many survey respondents mentioned Y")
            return text[words[0].start():words[-1].end()].strip(" ,.;:")
        phrase = without_ranking(said.group("topic"))  # "data sharing", of "… data sharing most often"
        return _ASKED_NEXT.split(phrase)[0].strip(" ,.;:")  # not "…, and who were they"
    if words:  # the question's own words from its first topic word to its last: "tool hard to use", not "tool hard use"
        return _ASKED_NEXT.split(text[words[0].start():words[-1].end()])[0].strip(" ,.;:'\"‘’“”")
    return text


def rank_quotes(evidence: Evidence, items: Sequence[ScoredPassage], limit: int,
                one_per_voice: bool = True, ties: int = 0) -> tuple[list[Quote], list[Quote]]:
    """(shown, weaker): the quotes above the relevance cut-off, best first, ``limit`` at most (one per
    respondent first, so a topic shows its range of voices), and up to ``ties`` more that score within
    ``TIE_MARGIN`` of the last shown, whoever said them (a ranking that cannot tell them apart leaves the choice
    to the reader: one respondent's two tellings of a story are as tied as two respondents'); those below the
    cut-off, or over the limit, are weaker matches, kept apart."""
    strong, weak = strong_quotes(evidence, items)
    above = set(strong)
    kept = distinct_extracts(strong + weak)  # a segment coded twice is one quote, at its better place
    strong, weak = [item for item in kept if item in above], [item for item in kept if item not in above]
    strong = not_quoted_again(strong)
    best_first = list(strong)
    if one_per_voice:
        voices, first, repeats = {}, [], []
        for item in strong:
            voice = item.passage.respondent or item.passage.passage_id
            if voice not in voices:
                voices[voice] = evidence.relevance(item)
                first.append(item)
            elif evidence.relevance(item) >= voices[voice] - REPEAT_MARGIN or item in evidence.pinned:
                repeats.append(item)
            else:
                weak.append(item)
        strong = first + repeats
    shown = strong[:limit]
    if ties and shown and evidence.relevance(shown[-1]) >= evidence.calibration.on_topic:
        bar = evidence.relevance(shown[-1]) - TIE_MARGIN  # (below on-topic, near ties are the noise of weak matches)
        shown += [item for item in best_first if item not in shown and evidence.relevance(item) >= bar][:ties]
    rest = [item for item in strong if item not in shown]
    return [trimmed(item.passage, evidence.topic, evidence.weights) for item in shown], \
        [trimmed(item.passage, evidence.topic, evidence.weights) for item in rest + weak]


def not_quoted_again(items: Sequence[ScoredPassage]) -> list[ScoredPassage]:
    """``items`` without the words one document quotes of another's, after the first of them: a report quoting a
    transcript's turn, or a survey export's answer, is one quote (the same words, or some of them)."""
    kept: list[tuple[str, str]] = []  # (document, folded words) of the items kept
    result = []
    for item in items:
        words = fold(item.passage.text, words_only=True)
        if len(words.split()) >= QUOTED_AGAIN_WORDS and any(
                source != item.passage.source and (words in other or other in words) for source, other in kept):
            continue
        kept.append((item.passage.source, words))
        result.append(item)
    return result


def distinct_extracts(items: Sequence[ScoredPassage]) -> list[ScoredPassage]:
    """``items`` without those that are the same extract as one before them (``same_extract``), in order. In
    one pass, whatever their number (a group's every extract in a large library): the spans kept from a document
    never overlap one another, so one look at the nearest kept span before an item's end tells whether it
    overlaps any; and words are compared (folded) only between extracts of one respondent in one document."""
    kept: list[ScoredPassage] = []
    spans: dict[str, tuple[list[int], list[int]]] = {}  # by document: kept spans' starts and ends, in order
    first: dict[tuple[str, str], Passage] = {}  # by document and respondent: their first extract kept
    said: dict[tuple[str, str], set[str]] = {}  # … and the folded words of all kept, once they have two
    for item in items:
        passage = item.passage
        starts, ends = spans.setdefault(passage.source, ([], []))
        before = bisect.bisect_left(starts, passage.end)  # kept spans that start before this one ends
        if before and ends[before - 1] > passage.start:
            continue
        voice = (passage.source, passage.respondent)
        if voice in first:
            words = said.setdefault(voice, {fold(first[voice].text, words_only=True)})
            folded = fold(passage.text, words_only=True)
            if folded in words:
                continue
            words.add(folded)
        first.setdefault(voice, passage)
        starts.insert(before, passage.start)
        ends.insert(before, passage.end)
        kept.append(item)
    return kept


def same_extract(passage: Passage, other: Passage) -> bool:
    """Whether two extracts are one segment coded twice: the same text of one document, or the same respondent's
    same words given again under another code (an analysis export lists a segment once per code)."""
    if passage.source != other.source:
        return False
    return passage.start < other.end and other.start < passage.end or passage.respondent == other.respondent \
        and fold(passage.text, words_only=True) == fold(other.text, words_only=True)


def strong_quotes(evidence: Evidence, items: Sequence[ScoredPassage]) -> tuple[list[ScoredPassage], list[ScoredPassage]]:
    """(strong, weak): ``items`` above the relevance cut-off for the question, best first (pinned ones first
    and always strong), and the rest. The cut-off is relative to the best match, except for a group or area of a
    few respondents, where each voice that speaks to the question at all shows; in a larger group or area a
    weaker match also shows when its words, or the report's lead-in to it, hold the topic; and any match the report
    files under a heading that names the topic ("training" of a section "Training")."""
    if not items:
        return [], []
    pinned = {id(item) for item in evidence.pinned}
    first = set(evidence.pinned)
    scored = sorted(((evidence.relevance(item), position, item) for position, item in enumerate(items)),
                    key=lambda entry: (-(entry[2] in first), -entry[0], entry[1]))
    slight = {id(item) for _, _, item in scored
              if evidence.topic and too_slight(item.passage, evidence.topic, evidence.weights)}
    best = next((score for score, _, item in scored if id(item) not in slight), scored[0][0])  # a "Yeah." sets no bar
    who = evidence.question.filters
    line = evidence.calibration.extract_floor + QUOTE_FLOOR_MARGIN  # what off-topic questions do not reach
    named = bool(who.respondents) and not evidence.question.population  # people asked about one by one
    scoped = bool(who.groups or who.areas or evidence.question.population) and not named

    @functools.cache
    def few() -> bool:  # counted only when a weaker match in a group or area needs it
        return len(evidence.directory.matching(who.groups, who.areas, (), who.sources)) <= FEW_VOICES

    general = evidence.weights.is_general(evidence.topic)

    def names_it(score: float, item: ScoredPassage) -> bool:  # it names what was asked about ("AWS"), however
        return not general and score >= line and evidence.weights.coverage(  # much more a long turn says besides
            evidence.topic, content_tokens(item.passage.text)) >= EVERY_WORD

    @functools.cache
    def filed() -> frozenset[str]:  # the extracts the report files under a heading that names the topic
        extracts = evidence.prevalence.extracts
        return frozenset(extracts[row].passage_id for row in evidence.prevalence.filed_rows(evidence.topic))

    def keeps(score: float, item: ScoredPassage) -> bool:
        if id(item) in pinned or not evidence.topic:
            return True
        if id(item) in slight:
            return False
        if named:  # asked about them: their best, however weak
            return score >= best - RELATED_MARGIN or names_it(score, item)
        if score < line or score < line + UNSPOKEN_MARGIN and evidence.unspoken:
            return False
        if score >= best - RELATED_MARGIN or names_it(score, item) or item.passage.passage_id in filed():
            return True
        return scoped and (few() or evidence.holds_topic(item))

    strong = [item for score, _, item in scored if keeps(score, item)]
    above = set(strong)
    return strong, [item for _, _, item in scored if item not in above]


def lead_sentences(evidence: Evidence, items: Sequence[ScoredPassage], count: int, minimum_share: float = 0.0,
                   per_passage: int = 2, standalone: bool = False, needs_topic_words: bool = True,
                   naming: Callable[[str], bool] | None = None) -> list[Claim]:
    """The report's own sentences that best answer the question: from the narrative ``items``, each sentence
    scored by its passage's cosine and the share of the question's words it holds; ``per_passage`` at most from
    one passage and ``count`` in all, in reading order; never a question ("But why do users …?"), nor one that
    says again what another chosen says (``restates``). Every sentence reads by itself (``standing_alone``): one
    that leans on the sentence before it ("As such, it …") is shown with that sentence, and scored as shown (so
    the two come ahead of the first alone, which says less); one that opens its passage on a pronoun for its
    subject is not shown; nor is what is not prose (a table's row, a fragment a page break left). ``standalone``:
    only sentences that state a point of their own (not the lead-in of a list or a quote, "… as follows:"). A
    sentence must hold one of the question's words unless ``needs_topic_words`` is false (the passages are
    already known to be on its topic).
    ``naming``: only sentences it says name what is wanted (a group, a side of the topic)."""
    scored, seen = [], set()
    for rank, item in enumerate(items):
        passage = item.passage
        if passage.passage_id in seen or standalone and (is_about_the_paper(passage.section)
                                                         or evidence.reading.is_front_matter(passage)):
            continue  # given twice (pinned, and found again): its sentences count once; nor is a caption a point
        seen.add(passage.passage_id)
        sentences = split_sentences(passage.text) or [(0, len(passage.text))]
        quoted = evidence.reading.quoted_within(passage)
        for number, (start, end) in enumerate(sentences):
            if end - start > MAX_SENTENCE_CHARS or naming is not None and not naming(passage.text[start:end]):
                continue
            if overlaps(quoted, start, end):
                continue  # a respondent's words the report quotes inside its sentence: theirs, not the report's
            if not states_something(passage.text, start, end):
                continue  # a question the report asks states nothing, nor does a caption, a signpost, a table's row
            if standalone and leads_in(passage.text[start:end]):
                if not states_what_follows(evidence, passage, start, end, number == len(sentences) - 1):
                    continue  # nor, as a point, a list's lead-in ("… as follows:")
                end = passage.text.rindex(":", start, end)
            span = standing_alone(passage.text, sentences, number, end)
            if span is None:
                continue
            start, end = span
            share = evidence.weights.coverage(evidence.topic, content_tokens(passage.text[start:end]))
            if share < max(minimum_share, 1e-9 if needs_topic_words else 0.0) and evidence.topic:
                continue
            scored.append((item.dense_score + 0.3 * share, rank, start, end, passage))
    chosen, taken = [], {}
    # on a tie, the longer sentence (it says more of the topic); with no topic, the first (a section's opening states
    # what it is about), with the one after it that leans on it if there is one
    for entry in sorted(scored, key=lambda entry: (-entry[0], entry[1], 0 if evidence.topic else entry[2],
                                                   entry[2] - entry[3])):
        _, _, start, end, passage = entry
        spans = taken.setdefault(passage.passage_id, [])
        if len(spans) < per_passage and len(chosen) < count and all(end <= s or e <= start for s, e in spans):
            if any(restates(passage.text[start:end], other[4].text[other[2]:other[3]]) for other in chosen):
                continue  # says again what a sentence already chosen says
            chosen.append(entry)  # (a sentence shown with the one before it may overlap one chosen on its own)
            spans.append((start, end))
    chosen.sort(key=lambda entry: (entry[4].source, entry[4].start + entry[2]))
    return [sentence_claim(passage, start, end) for _, _, start, end, passage in chosen]


def restates(sentence: str, other: str) -> bool:
    """Whether ``sentence`` says again what ``other`` says: ``RESTATED`` of the words of the two together are
    both's (a finding and the conclusion that repeats it)."""
    mine, theirs = set(content_tokens(sentence)), set(content_tokens(other))
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) >= RESTATED


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the span ``start``–``end`` shares any character with one of ``spans``."""
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def standing_alone(text: str, sentences: Sequence[tuple[int, int]], number: int, end: int
                   ) -> tuple[int, int] | None:
    """The span that sentence ``number`` of ``text`` (ending at ``end``) can be shown as by itself: with the sentence
    before it when it leans on it ("As such, it …", "This includes …"), and not at all when it opens its passage
    with a pronoun for its subject ("This was a decision by the ward manager …"): what that points back to is not
    shown, nor is a point of a series the sentences before count ("Third, cancellations …"). A short sentence
    announcing the next point of a series ("A third barrier arose …") is shown with the sentence after it, which says
    what the point is (alone, when the two are too long together)."""
    start = sentences[number][0]
    if number + 1 < len(sentences) and _ANNOUNCES.match(text, start) \
            and len(text[start:end].split()) <= ANNOUNCEMENT_WORDS:
        after = sentences[number + 1][1]  # "A third barrier arose …. Repairs reported through …"
        if after - start <= MAX_SENTENCE_CHARS:
            return start, after
    if _IN_TURN.match(text, start):
        return None
    if not number:  # what it points back to is in another passage ("This was …", "As such, it …")
        return None if _POINTS_BACK.match(text, start) or _refers_past_connective(text, start) \
            or _POINTS_BACK_WITHIN.search(text, start, end) else (start, end)
    if _LEANS_BACK.match(text, start) or _POINTS_BACK_WITHIN.search(text, start, end):
        before = sentences[number - 1][0]
        if number > 1 and _LEANS_BACK.match(text, before):
            return None  # "Some of these gaps …. However, …": what the first leans on is a third sentence back
        if end - before <= MAX_SENTENCE_CHARS:
            return before, end
        # too long to show with the sentence before: alone, when only a connective leans back ("By contrast, night
        # staff …"), not a word whose meaning is back there ("As such, it …")
        return (start, end) if _CONNECTIVE.match(text, start) and not _refers_past_connective(text, start) else None
    return start, end


def _refers_past_connective(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` opens on a connective and then a word whose meaning is back there ("As
    such, it …", "However, this …")."""
    connective = _CONNECTIVE.match(text, start)
    return bool(connective and _REFERS_BACK.match(text, connective.end()))


def leans_back(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` leans on the one before it: "As such, it …", or a connective at its
    end ("The loan scheme has created a new problem, however.": against what came before, and saying no more)."""
    return bool(_LEANS_BACK.match(text, start) or _LEANS_BACK_AT_END.search(text, start, end))


# A connective that ends a sentence sets it against the one before or adds to it: ", however.", ", though.", ", too."
_LEANS_BACK_AT_END = re.compile(r",\s*(?:however|though|too|instead|as\s+well|nonetheless|nevertheless|in\s+turn)"
                                r"\W*$", re.IGNORECASE)


def asks(sentence: str) -> bool:
    """Whether a sentence of the report asks something, and so states nothing: it ends in a question mark, or holds
    one run into the words after it where a converter dropped what stood between ("But why do Tor users browse
    onion services in the first place? provides some insight.", where a figure's reference was)."""
    return "?" in sentence


def states_something(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` states something in the report's own words: prose, not a question
    the report asks, not a pointer to a figure, a section or what the authors asked, not mostly someone's words it
    quotes ('She added: "The kids don't know where the food comes from. …"')."""
    sentence = text[start:end]
    return not asks(sentence) and is_prose(sentence) and not points_elsewhere(text, start) \
        and sum(len(quoted) for quoted in _DOUBLE_QUOTED.findall(sentence)) <= QUOTED_SHARE * len(sentence)


_DOUBLE_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
QUOTED_SHARE = 0.5  # a sentence more than this share of which is in double quote marks is someone else's words


def states_what_follows(evidence: Evidence, passage: Passage, start: int, end: int, last: bool) -> bool:
    """Whether a sentence ending in ":" states a point of its own: it introduces the report's extracts (not a
    list) and says what they show in ``STATED_WORDS`` words or more ("Participants recounted situations where CHWs
    encountered resistance, hostility or rudeness …:", not "As one officer put it:")."""
    return last and bool(evidence.reading.illustrations(passage)) \
        and len(passage.text[start:end].split()) >= STATED_WORDS


def listed_under(evidence: Evidence, claim: Claim) -> list[Claim]:
    """When ``claim`` introduces a list ("… would therefore include:"), or is followed by the sentence that does
    ("More recent research suggests a significant shift …. Among the emerging findings … is evidence that:"), the
    list's points: each item's first sentence and the item's next ones as far as a sentence may reach
    (``reading_order.list_points``), cited, in order; else none."""
    lead_in = claim.text if leads_in(claim.text) else _lead_in_after(evidence, claim)
    if not lead_in:
        return []
    return [sentence_claim(passage, start, end)  # a passage may hold more than one item
            for passage, start, end in list_points(evidence.reading.points(claim.citations[0].source, lead_in),
                                                   MAX_SENTENCE_CHARS)]


def _lead_in_after(evidence: Evidence, claim: Claim) -> str:
    """The sentence after ``claim`` when it is the last of the claim's passage and introduces a list (ends in ":")."""
    cited = claim.citations[0]
    passage = next((passage for passage in evidence.reading.section(cited.source, cited.section)
                    if passage.passage_id == cited.passage_id), None)
    after = [(start, end) for start, end in split_sentences(passage.text) if passage.start + start >= cited.end] \
        if passage else []
    if len(after) == 1 and leads_in(passage.text[slice(*after[0])]):
        return passage.text[slice(*after[0])]
    return ""


def sentence_claim(passage: Passage, start: int, end: int) -> Claim:
    """A sentence of the report as a claim citing itself; a first sentence that opens with its section's heading run
    into it (as text extraction leaves them: "Leadership: The interviews …") starts after the heading, which the
    citation names already."""
    if start == 0:
        heading = section_name(passage.section)
        run_in = re.match(re.escape(heading) + r"[:.]?\s+(?=[A-Z\"“‘'])", passage.text) if heading else None
        if run_in and run_in.end() < end:
            start = run_in.end()
    citation = citation_for(passage, passage.start + start, passage.start + end)
    return Claim(citation.quote, (citation,))


def trimmed(passage: Passage, topic: Sequence[str], weights: TermWeights) -> Quote:
    """The extract, or its most relevant contiguous run of sentences when it is long."""
    if len(passage.text) <= QUOTE_CHARS:
        return Quote(citation_for(passage))
    sentences = split_sentences(passage.text) or [(0, len(passage.text))]
    best_window, best_score = (sentences[0][0], sentences[0][1]), -1.0
    for first in range(len(sentences)):
        for last in range(first, len(sentences)):
            start, end = sentences[first][0], sentences[last][1]
            if end - start > QUOTE_CHARS and last > first:
                break
            held = weights.coverage(topic, content_tokens(passage.text[start:end])) if topic else 0.0
            score = held + (end - start) / 100_000
            if score > best_score:
                best_window, best_score = (start, end), score
    return quote_of(passage, *best_window)


def quote_of(passage: Passage, start: int, end: int) -> Quote:
    """The span ``start``–``end`` of an extract's text as a quote, marked as cut where it does not reach an end."""
    return Quote(citation_for(passage, passage.start + start, passage.start + end),
                 before=ELLIPSIS if start > 0 else "", after=ELLIPSIS if end < len(passage.text) else "")


def diverse(scores: Sequence[float], vectors: np.ndarray, count: int, balance: float = 0.7,
            floor: float = -1.0) -> list[int]:
    """Maximal marginal relevance: up to ``count`` positions, each the best trade of relevance (``scores``)
    against likeness to those already chosen; none below ``floor``."""
    chosen: list[int] = []
    candidates = [i for i in range(len(scores)) if scores[i] >= floor]
    while candidates and len(chosen) < count:
        def gain(i: int) -> float:
            likeness = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return balance * scores[i] - (1 - balance) * likeness
        best = max(candidates, key=gain)
        chosen.append(best)
        candidates.remove(best)
    return chosen
