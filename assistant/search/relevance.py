"""How relevant the findings are to a question — passage by passage, sentence by sentence (whether they cover it
at all is ``coverage``). Mechanisms, not word lists:

- Words are weighed by how rare they are in the library (IDF), so "partnership" in a report about partnership
  counts for little and "drones" for a lot.
- An extract too slight to say anything ("Yeah.", a question back to the interviewer) is no evidence.
- What "close" means is calibrated per library, against questions about nothing a report discusses (probes in
  ``data/off_topic_probes.txt``): how near they come to the library's passages, and to its single extracts. The
  calibration is stored with the index and made again when the index changes.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .abbreviations import Abbreviations, defined_abbreviations
from ..documents.prose import split_sentences
from ..text import content_tokens
from ..types import QUOTE, Passage, ScoredPassage


PROBES_PATH = Path(__file__).resolve().parents[1] / "data" / "off_topic_probes.txt"
PROBES_VERSION = "1"
LEXICAL_WEIGHT = 0.3  # how much a perfect match of the question's words adds to a cosine similarity
PAIR_WEIGHT = 0.05  # …and two of its words side by side in a sentence, as the question has them
GENERAL_SHARE = 0.5  # a topic whose every word is in more passages than this share is what the library is about
ON_TOPIC_MARGIN = 0.16  # above the off-topic ceiling by this much, a passage is about the question in meaning
SLIGHT_WORDS = 6  # an extract of fewer words that holds none of the question's ("Yeah.") is no evidence of it…
FILLER_SHARE = 0.25  # …as is a short one this much of whose words fill a turn ("Yeah. That came to mind. Yeah.")
# …not counting the words a speaker fills a turn with ("Yeah, neighborhood and total basement area." is five)
_FILLERS = frozenset("yeah yes yep yup okay ok right um umm uh uhm er erm hmm mm mhm oh ah alright".split())
ASKING_WORDS = 3 * SLIGHT_WORDS  # a turn of only questions to the interviewer, of fewer words, is no evidence either
_YOU = re.compile(r"\byou(?:r|rs)?\b", re.IGNORECASE)
_CLOSING = " \"'”’)"  # what may follow a sentence's question mark: a closing quote mark or bracket
_ANNOTATION = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # a transcriber's "(laughs)", "[inaudible]": not speech
_SPOKEN_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class TermWeights:
    """How rare each (stemmed) word is in the library: IDF over its passages."""

    def __init__(self, passages: Sequence[Passage] = (), frequency: dict[str, int] | None = None,
                 size: int | None = None, abbreviations: Abbreviations | None = None,
                 unweighted: Iterable[str] = ()) -> None:
        """From ``passages``, or from a ``frequency`` (documents holding each word) over ``size`` passages stored
        before (``snapshot``), with the ``abbreviations`` the library defines and the words it holds only where no
        passage says them (``unweighted``)."""
        if frequency is None:
            counted: Counter = Counter()
            for passage in passages:
                counted.update(set(content_tokens(f"{passage.text} {passage.section}")))
            frequency = dict(counted)
            abbreviations = Abbreviations(defined_abbreviations(passage.text for passage in passages))
            titles = {passage.document for passage in passages}
            unweighted = {token for text in (*titles, *(passage.context for passage in passages if passage.context))
                          for token in content_tokens(text) if token not in frequency}
        self.frequency = frequency
        self.size = max(len(passages) if size is None else size, 1)
        self.abbreviations = abbreviations or Abbreviations()
        # Words only an interviewer's question holds ("… the data ensembles you work on?"): the answer that follows
        # is about them, though no passage says them; or only a document's title ("… for older people"): all of it
        # is about them. Known, without a weight of their own.
        self.unweighted = frozenset(unweighted)

    def idf(self, token: str) -> float:
        return math.log((self.size + 1) / (self.frequency.get(token, 0) + 0.5))

    def known(self, token: str) -> bool:
        return self.frequency.get(token, 0) > 0 or token in self.unweighted

    def known_form(self, token: str) -> str:
        """``token``, or the stem of the same word the library uses when the stemmer leaves its plural apart ("buse"
        of "buses" is "bus"; "analys" of "analyses" is "analysi")."""
        if self.known(token):
            return token
        return next((form for form in (token[:-1] if token.endswith("e") else "", f"{token}i")
                     if len(form) >= 3 and self.known(form)), token)

    def is_general(self, topic: Iterable[str]) -> bool:
        """Whether every word of ``topic`` is in more than ``GENERAL_SHARE`` of the library's passages: what the
        library is about throughout ("ward staffing" in a study of ward staffing), which nothing in it stands out on."""
        topic = list(topic)
        return bool(topic) and min(self.frequency.get(token, 0) for token in topic) > GENERAL_SHARE * self.size

    def is_a_name(self, topic: Iterable[str]) -> bool:
        """Whether ``topic`` is only a name the library abbreviates, in either form ("the Patient Safety Huddles",
        "PSHs"): one that says nothing of what it names, so that only a passage holding it speaks of it."""
        topic = set(topic)
        return any(topic <= {abbreviation, *name} for abbreviation, name in self.abbreviations.asked(topic))

    def coverage(self, topic: Iterable[str], tokens: Iterable[str]) -> float:
        """The IDF-weighted share of ``topic`` that ``tokens`` hold (0 without a topic). A word also counts as
        held by another that it starts, or that starts it, past four letters and within three: the stemmer leaves
        "drive" and "driver" apart; and a plural it leaves apart from its singular is the singular (``known_form``)."""
        topic = {self.known_form(token) for token in topic}
        total = sum(self.idf(token) for token in topic)
        present, apart = set(tokens), set()
        if self.abbreviations:
            apart = self.abbreviations.apart(topic, present)
            present = self.abbreviations.held(topic, present)  # "HCAs" holds "health care assistants"
        if not total:
            return 0.0
        by_start: dict[str, list[str]] = {}  # a word and one it starts share their first four letters
        for other in present:
            if len(other) >= 4:
                by_start.setdefault(other[:4], []).append(other)
        return sum(self.idf(token) for token in topic if token not in apart and _held(token, present, by_start)) / total


def spoken_words(extract: Passage) -> str:
    """What an extract's words are matched on: what it says and the report's lead-in to it ("The following extracts
    illustrate how interviewees defined innovation:"), the statement the report quotes it for."""
    return f"{extract.context}\n{extract.text}" if extract.context else extract.text


def too_slight(extract: Passage, topic: Sequence[str], weights: TermWeights) -> bool:
    """An extract too short to mean anything by itself ("Yeah.", "(unintelligible)", "So right."), filled with
    fillers, or of a few questions only, that holds none of the question's words; or one that only asks the
    interviewer something (``asks_back``), whatever words it holds: the cosine of a few
    words with a question is noise, and a heading or lead-in it is filed under does not make it say anything a
    briefing can quote."""
    if asks_back(extract.text):
        return True
    return is_slight(extract.text) and not weights.coverage(topic, content_tokens(extract.text))


def is_slight(text: str) -> bool:
    """Whether a turn says too little to speak to a topic unless it holds one of its words: short, filled with
    fillers, or a few questions only (``too_slight``; counting who spoke finds a library's such turns once)."""
    return is_short(text) or _mostly_fillers(text) or _asks_briefly(text)


def _mostly_fillers(text: str) -> bool:
    """A short turn a speaker fills with "yeah", "okay", "right": ``FILLER_SHARE`` of its words or more ("Right.
    Okay. Yeah. And you said that. Right. I definitely thought it was for the highlighted. Okay.")."""
    if text.count(" ") >= 3 * SLIGHT_WORDS:
        return False
    words = [word.lower() for word in _SPOKEN_WORD.findall(text)]
    return bool(words) and sum(word in _FILLERS for word in words) >= FILLER_SHARE * len(words)


def asks_back(text: str) -> bool:
    """A turn that only puts a question to the interviewer ("Can you repeat the times?", "What are you trying to
    get at here?"): every sentence a question to "you", and few words in all. It asks for what was meant; it says
    nothing of the speaker's own view, whatever words of the topic it repeats."""
    return _asks_briefly(text) and all(_YOU.search(text[start:end]) for start, end in split_sentences(text))


def _asks_briefly(text: str) -> bool:
    """A short turn of questions only, to anyone ("We're trained test takers too real?")."""
    return text.rstrip(_CLOSING).endswith("?") and text.count(" ") < ASKING_WORDS and only_asks(text)


def only_asks(text: str) -> bool:
    """Whether every sentence of ``text`` is a question (closing quote marks and brackets aside)."""
    sentences = split_sentences(text) or [(0, len(text))]
    return all(text[start:end].rstrip(_CLOSING).endswith("?") for start, end in sentences)


def is_short(text: str) -> bool:
    """Fewer than ``SLIGHT_WORDS`` words once a transcriber's notes and a speaker's fillers are taken out.
    (Counting spaces first settles most texts at once: a library's extracts are all checked on its first count.)"""
    if "(" in text or "[" in text:
        text = _ANNOTATION.sub(" ", text)
    if text.count(" ") >= 3 * SLIGHT_WORDS:  # a long text (counting spaces makes no list of words)
        return False
    return sum(word.lower() not in _FILLERS for word in _SPOKEN_WORD.findall(text)) < SLIGHT_WORDS


class TokenPostings:
    """Which texts hold each word: the inverted form of ``TermWeights.coverage``, so that the coverage of a topic
    is worked out for every text at once, touching only the texts that hold one of its words."""

    def __init__(self, vocabulary: Sequence[str], starts: np.ndarray, rows: np.ndarray, size: int) -> None:
        self.vocabulary = list(vocabulary)  # sorted
        self.number = {token: number for number, token in enumerate(self.vocabulary)}
        self.starts, self.rows, self.size = starts, rows, size  # rows[starts[n]:starts[n + 1]] hold word n

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "TokenPostings":
        holders: dict[str, list[int]] = {}
        size = 0
        for row, text in enumerate(texts):
            size = row + 1
            for token in set(content_tokens(text)):
                holders.setdefault(token, []).append(row)
        vocabulary = sorted(holders)
        lengths = np.fromiter((len(holders[token]) for token in vocabulary), dtype=np.int64, count=len(vocabulary))
        starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        rows = np.fromiter((row for token in vocabulary for row in holders[token]), dtype=np.int32,
                           count=int(starts[-1]))
        return cls(vocabulary, starts, rows, size)

    def holding(self, token: str) -> np.ndarray:
        """Whether each text holds ``token`` or a word ``_held`` counts as it, as a boolean array."""
        numbers = [self.number[token]] if token in self.number else []
        if len(token) >= 4:
            numbers += [self.number[token[:cut]] for cut in range(4, len(token)) if len(token) - cut <= 3
                        and token[:cut] in self.number]
            first = bisect.bisect_right(self.vocabulary, token)
            for number in range(first, len(self.vocabulary)):
                other = self.vocabulary[number]
                if not other.startswith(token):
                    break
                if len(other) - len(token) <= 3:
                    numbers.append(number)
        held = np.zeros(self.size, dtype=bool)
        for number in numbers:
            held[self.rows[self.starts[number]:self.starts[number + 1]]] = True
        return held

    def coverage(self, topic: Iterable[str], weights: "TermWeights") -> np.ndarray:
        """``weights.coverage(topic, tokens of text)`` for every text, as one array."""
        topic = {weights.known_form(token) for token in topic}
        total = sum(weights.idf(token) for token in topic)
        share = np.zeros(self.size, dtype=np.float32)
        if not total:
            return share
        # as ``Abbreviations.held``: either form of an abbreviation asked for is the whole name (each found once)
        names = [(abbreviation, long, self._holding_name(abbreviation, long))
                 for abbreviation, long in weights.abbreviations.asked(topic)]
        for token in topic:
            held = self.holding(token)
            for abbreviation, long, named in names:
                if token == abbreviation:
                    held |= named
                elif token in long:
                    held = named if topic.issuperset(long) else held | named
            share[held] += weights.idf(token) / total
        return share

    def _holding_name(self, abbreviation: str, long: Sequence[str]) -> np.ndarray:
        """Whether each text holds ``abbreviation`` or every word it stands for."""
        return self.holding(abbreviation) | np.logical_and.reduce([self.holding(word) for word in long])

    def save(self, folder: Path) -> None:
        (folder / "postings-vocabulary.json").write_text(json.dumps(self.vocabulary), encoding="utf-8")
        np.save(folder / "postings-starts.npy", self.starts)
        np.save(folder / "postings-rows.npy", self.rows)
        (folder / "postings-size.json").write_text(str(self.size))

    @classmethod
    def load(cls, folder: Path) -> "TokenPostings":
        return cls(json.loads((folder / "postings-vocabulary.json").read_text(encoding="utf-8")),
                   np.load(folder / "postings-starts.npy", mmap_mode="r"),
                   np.load(folder / "postings-rows.npy", mmap_mode="r"),
                   int((folder / "postings-size.json").read_text()))


def _held(token: str, present: set[str], by_start: dict[str, list[str]]) -> bool:
    """Whether ``present`` (``by_start``: its words of four letters or more by their first four) holds ``token``,
    or a word it starts or that starts it, within three letters (see ``TermWeights.coverage``)."""
    if token in present:
        return True
    if len(token) < 4:
        return False
    return any(abs(len(other) - len(token)) <= 3 and (other.startswith(token) or token.startswith(other))
               for other in by_start.get(token[:4], ()))


def best_sentence(text: str, topic: Sequence[str], weights: TermWeights) -> tuple[int, int, float]:
    """(start, end, share) of the sentence of ``text`` that holds most of the topic (IDF-weighted); the first
    sentence, with share 0, when none holds any."""
    best = None
    for start, end, tokens in _sentence_tokens(text):
        share = weights.coverage(topic, tokens)
        if best is None or share > best[2]:
            best = (start, end, share)
    return best


def relevance(item: ScoredPassage, topic: Sequence[str], weights: TermWeights) -> float:
    """A passage's relevance: its cosine with the question, plus how much of the question's words its best
    sentence holds, and a little more when a sentence holds two words the question puts side by side
    ("information sharing", not "sharing" alone)."""
    if not topic:
        return item.dense_score
    pairs = {(a, b) for a, b in zip(topic, topic[1:]) if a != b}
    share, paired = 0.0, False
    # an answer is on what it was asked: the interviewer's question before a turn counts as its sentences do
    asked = item.passage.context if item.passage.kind == QUOTE and item.passage.context.rstrip().endswith("?") else ""
    for _, _, tokens in [*_sentence_tokens(item.passage.text), *(_sentence_tokens(asked) if asked else ())]:
        share = max(share, weights.coverage(topic, tokens))
        beside = set(zip(tokens, tokens[1:]))
        paired = paired or any((a, b) in beside or (b, a) in beside for a, b in pairs)
    return item.dense_score + LEXICAL_WEIGHT * share + PAIR_WEIGHT * paired


def _sentence_tokens(text: str):
    """(start, end, content tokens) of each sentence of ``text`` (the whole text when it has none)."""
    for start, end in split_sentences(text) or [(0, len(text))]:
        yield start, end, content_tokens(text[start:end])


@dataclass(frozen=True)
class Calibration:
    """What off-topic questions score against one library: the best passage (``off_topic``) and the best single
    interview extract (``extract_floor``), at their 95th percentile."""

    off_topic: float = 0.22
    extract_floor: float = 0.22
    probes: int = 0
    key: str = ""  # the index version it was made for

    @property
    def on_topic(self) -> float:
        """A cosine above which a passage is about the question in meaning, not only in words."""
        return self.off_topic + ON_TOPIC_MARGIN

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, data: str | None) -> "Calibration | None":
        if not data:
            return None
        try:
            return cls(**json.loads(data))
        except (TypeError, ValueError):
            return None


def probe_questions() -> list[str]:
    lines = PROBES_PATH.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def calibrate(nearest, embed_texts, key: str) -> Calibration:
    """Measure the probes against a library: ``nearest(vector, k, where)`` is the index's search (cosines of
    its best passages), ``embed_texts`` the embedder."""
    import numpy as np

    probes = probe_questions()
    vectors = embed_texts(probes)
    best = [max((cosine for _, cosine in nearest(vector, 1, None)), default=0.0) for vector in vectors]
    quotes = [max((cosine for _, cosine in nearest(vector, 1, {"kind": {"$in": ["quote"]}})), default=0.0)
              for vector in vectors]
    return Calibration(round(float(np.percentile(best, 95)), 4), round(float(np.percentile(quotes, 95)), 4),
                       len(probes), key)
