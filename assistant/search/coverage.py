"""Whether the findings cover a question, and if not why (``judge``): the words it turns on that the library never
uses (``absent_focal_words``: a name, the noun asked about, a doing), whether its meaning rests on them, whether the
passages found hold its words or come close enough in meaning, and, asked how many, whether they state a figure."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from .relevance import Calibration, TermWeights
from ..documents.prose import split_sentences
from ..text import STOPWORDS, content_tokens, is_irregular_past, is_person_word
from ..types import ScoredPassage

CLOSE_MARGIN = 0.36  # above the off-topic ceiling by this much, a passage is so close that its words need not match
COVERED_SHARE = 0.99  # every topic word found: a loose semantic match is enough
PARTIAL_SHARE = 0.25  # (IDF-weighted) share of the topic words the evidence must hold with a close match…
HALF_SHARE = 0.5  # …or with a match no closer than on-topic questions come
PARAPHRASE_MARGIN = 0.15  # a passage this far above the on-topic line to a question with unknown words…
PARAPHRASE_KEPT = 0.85  # …says what it asks in other words, when the question without them stays this close to itself
MEANING_KEPT = 0.95  # a question with its unknown words taken out this close to itself never rested on them…
# …or this close, when each of them only qualifies a noun the library uses ("tighter budgets", 0.948; "stricter
# budgets", 0.917): its passages on that noun answer it. A new thing named by a pair stays apart ("drone
# policing", 0.742; "cyber security", 0.814).
MODIFIER_KEPT = 0.9
# A figure: a number, a percentage, or a share said in words ("almost half", "two thirds", "the majority").
_FIGURE = re.compile(r"\d|\bper\s*cent\b|%|\b(?:half|(?:a|one|two)\s+thirds?|(?:a|one|three)\s+quarters?|"
                     r"(?:the|a)\s+(?:large\s+|small\s+|vast\s+)?(?:majority|minority))\b(?![-‐])", re.IGNORECASE)
# A count, which "how many" asks for: a number of things, not a share of them ("46%", "almost half").
_COUNT = re.compile(r"\b\d+(?:[.,]\d+)?\b(?![.,]\d)(?!\s*(?:%|per\s*cent))", re.IGNORECASE)
# A count in words, and the four words after it ("two passengers worried …", "fifteen of the older passengers"); not
# "one", as often a pronoun.
NUMBER_WORDS = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|"
                r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty|dozen")  # a count written out, as a regex alternation
_COUNT_IN_WORDS = re.compile(rf"\b(?:{NUMBER_WORDS})\s+((?:[\w'’-]+\s+){{0,3}}[\w'’-]+)", re.IGNORECASE)
# All of some people, or none, or most of them, in words ("All the GPs we interviewed …", "None of the tenants …")
WHOLE = (r"all(?:\s+of)?(?:\s+the)?|every|each\s+of\s+the|none\s+of\s+the|both(?:\s+of)?(?:\s+the)?|"
         r"most\s+of\s+the|(?:the|a)\s+(?:large\s+|small\s+|vast\s+)?(?:majority|minority)\s+of(?:\s+the)?")
_WHOLE_IN_WORDS = re.compile(rf"\b(?:{WHOLE})\s+((?:[\w'’-]+\s+){{0,2}}[\w'’-]+)", re.IGNORECASE)
# A sum of money, and a question for one: what it cost, was spent, paid or saved.
_MONEY = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s*(?:k|m|bn|million|billion|thousand)?\s*"
                    r"(?:pounds?|pence|quid|dollars?|euros?|GBP|USD|EUR)\b|\b(?:pounds?|quid|dollars?|euros?)\b",
                    re.IGNORECASE)
_MONEY_ASKED = re.compile(r"\b(?:cost(?:s|ed|ing)?|spen[dt]|spending|price[sd]?|budgets?|paid|pay|fees?|"
                          r"sav(?:e|ed|ing|ings)|value\s+for\s+money)\b", re.IGNORECASE)
_COUNT_ASKED = re.compile(r"\bhow\s+many\b|\bwhat\s+number\b", re.IGNORECASE)
# A share asked for, and one stated: a percentage, a part of a whole ("247 of 348", "two thirds", "most of them").
_SHARE_ASKED = re.compile(r"\b(?:proportion|percentage|share|fraction|per\s*cent|percent)\b|%", re.IGNORECASE)
_SHARE = re.compile(rf"\d\s*%|\bper\s*cent\b|\b(?:\d+|{NUMBER_WORDS})\s+(?:out\s+)?(?:of|in)\s+(?:the\s+|every\s+)?"
                    rf"(?:\d+|{NUMBER_WORDS}|them|those|these)\b|\b(?:half|(?:a|one|two)\s+thirds?|(?:a|one|three)\s+"
                    r"quarters?|(?:the|a)\s+(?:large\s+|small\s+|vast\s+)?(?:majority|minority))\b", re.IGNORECASE)
# Numbers that are not figures: footnote marks, names with a number ("Year 2", "Site 4"), years and decades ("the
# 1980s"), respondent codes.
_NOT_A_FIGURE = re.compile(r"\[\d+\]|\b[A-Z][a-z]+\s+\d{1,2}\b|\b(?:19|20)\d\d(?:s|’s|'s)?\b|\(\s*[A-Z][A-Za-z]{0,3}[_-]?\d{1,3}\b[^)]*\)")
# Word endings of verbs, adverbs and adjectives: an unknown word so shaped is a paraphrase ("steamroll" is not, but
# it is followed by its object), not the thing asked about.
_NOT_NOUN_ENDING = re.compile(r"(?:ing|ed|ly|ive|ous|ful|able|ible|ise|ize|ate|ify|ish|less)$", re.IGNORECASE)
_DETERMINERS = frozenset("the a an their his her its our my your this that these those some any every each".split())
# Words that put what follows in the object of a question: "say about …", "think of …", "with …", "using …".
_OBJECT_MARKERS = frozenset("about on regarding concerning with using use used of for to by into towards re like up "
                            "per including via versus mention mentioned mentions discuss discussed describe described "
                            "raise raised cite cited name named".split())
_CLAUSE_OPENERS = frozenset("when whenever where while because if whether once until unless although though".split())
_AUXILIARIES = frozenset("do does did is are was were has have had can could should would will may might".split())
# Words after which a verb's "-ing" form is the thing asked about ("difficulties in fundraising", "on tackling").
_GERUND_MARKERS = frozenset("about on regarding concerning in of for to into towards re".split())
# Nouns that frame a question rather than name its topic ("what types of …", "any signs that …").
_FRAMING_NOUNS = frozenset("type types kind kinds form forms way ways example examples sign signs view views thing "
                           "things aspect aspects part parts point points time times moment lot lots bit number "
                           "amount use uses sort sorts reason reasons case cases instance instances side sides "
                           "word words quote quotes extract extracts briefing briefings summary".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&-]*")  # ("A&E", "R&D": one word, as ``content_tokens`` reads it)


@dataclass(frozen=True)
class Coverage:
    """Whether the findings speak to a question; when not, why (``reason``) and which words they never use."""

    covered: bool
    reason: str = ""  # "absent" | "no_figure" | "off_topic" | "thin"
    missing: tuple[str, ...] = ()


def absent_focal_words(question: str, topic: Sequence[str], weights: TermWeights) -> list[str]:
    """The words the question is about that the library never uses: an unknown name ("Tails", "RStudio",
    "VPN"), or an unknown noun in the object of the question ("say about drones", "in relation to traditional
    healers", "support for R or RStudio"). Not an unknown verb, adjective or framing word ("came out of",
    "more inventive", "what types of"), which paraphrases: meaning, not spelling, must match it."""
    words = _WORD.findall(question)
    topic = set(topic)
    unknown = [_unknown(word, topic, weights) for word in words]
    found = []
    for position, word in enumerate(words):
        if not unknown[position]:
            continue
        named = position > 0 and word[0].isupper() and not words[position - 1].endswith((".", "?", "!")) \
            or len(word) > 1 and sum(char.isupper() for char in word) >= 2
        if named or _object_noun(words, position, weights) or _qualifies_people(words, position):
            found.extend(words[n] for at in _alternatives(words, position) if unknown[at]
                         for n in _unknown_run(unknown, at))
    return list(dict.fromkeys(found))


def _qualifies_people(words: Sequence[str], position: int) -> bool:
    """Whether ``words[position]`` says which people the question asks about ("blind or visually impaired
    participants", "rural staff"): past "or"/"and" and the words shaped as adjectives or adverbs that qualify them
    with it, a word for people. Findings that never use it cannot say who those are."""
    for following in words[position + 1:position + 5]:
        word = following.lower()
        if is_person_word(word):
            return True
        if word not in ("or", "and") and not _not_noun(word):
            return False
    return False


def _unknown_run(unknown: Sequence[bool], position: int) -> range:
    """The positions of the unknown words next to each other around ``position``: one noun phrase ("car parking
    charges"), taken out whole, for what is left of it does not say what the question asked."""
    start, end = position, position + 1
    while start > 0 and unknown[start - 1]:
        start -= 1
    while end < len(unknown) and unknown[end]:
        end += 1
    return range(start, end)


def _unknown(word: str, topic: set[str], weights: TermWeights) -> bool:
    """Whether ``word`` is of the question's topic and the library never uses it: a compound ("colour-blind",
    "data-protection") whenever one of its parts is never used, for the whole names something else."""
    tokens = content_tokens(word)
    return bool(tokens) and tokens[0] in topic and word.lower() not in STOPWORDS | _OBJECT_MARKERS \
        and not all(weights.known(weights.known_form(token)) for token in tokens)


def _alternatives(words: Sequence[str], position: int) -> list[int]:
    """The positions of ``words[position]`` and the words joined to it by "or"/"and" ("fund or donate", "salaries or
    their stipends", "water and sanitation"): what fills the same place in the question, so that taking one out
    leaves the others to say it."""
    joined, at = [position], position
    while at >= 2 and words[at - 1].lower() in ("or", "and"):
        at -= 2
        joined.append(at)
    at = position
    while at + 2 < len(words) and words[at + 1].lower() in ("or", "and"):
        at += 2
        while at + 1 < len(words) and words[at].lower() in _DETERMINERS:
            at += 1  # "or their stipends"
        joined.append(at)
    return sorted(joined)


def _object_noun(words: Sequence[str], position: int, weights: TermWeights) -> bool:
    """Whether ``words[position]`` is a noun in the object of the question: after "about", "with", "of" … (past
    determiners, adjectives and "X or"/"X and"), or the noun "what"/"which" asks for before an auxiliary ("What
    recommendations does …"); shaped like a noun, and not a framing word."""
    word = words[position].lower()
    if _gerund(words, position):
        return True  # "the difficulties in fundraising …", "findings on upskilling": the doing is what is asked about
    if _not_noun(word) or word in _FRAMING_NOUNS:
        return False
    following = words[position + 1].lower() if position + 1 < len(words) else ""
    if position == 1 and words[0].lower() in ("what", "which") and following in _AUXILIARIES:
        return True  # "What recommendations does the report make?": the noun the question asks for
    if following == "per":
        return True  # "the cost per patient": a rate, of the thing asked about
    if following in _DETERMINERS or following == "of":
        return False  # "steamroll their partners", "types of …": a verb, or the frame of a noun phrase
    head = content_tokens(following)
    if following and head and following not in _OBJECT_MARKERS and not _not_noun(following) \
            and (following in _FRAMING_NOUNS or not weights.known(head[0])):
        return False  # "video cameras", "… for a ministerial briefing": a modifier; the head that follows decides
    for back in range(position - 1, max(-1, position - 7), -1):
        previous = words[back].lower()
        if previous in _OBJECT_MARKERS or _opens_question_on(words, back):
            return True
        if _gerund(words, back):
            return True  # "on tackling phone-based scams": the object of the doing asked about
        if previous in _CLAUSE_OPENERS:
            return False  # "depending on when the jobs ran": the subject of a clause of its own, not the object
        if previous in _DETERMINERS or previous in ("or", "and") or back < position and (
                not _not_noun(previous) or previous.endswith("ed") or is_irregular_past(previous)) \
                or back == position - 1 and previous.endswith("ing"):
            continue  # past the words that qualify it ("joined-up", "traditional", "parking" of "parking charges"),
            # not a verb before it
        return False
    return False


def _opens_question_on(words: Sequence[str], position: int) -> bool:
    """Whether ``words[position]`` opens a question on the nouns that follow it: one asking what one thing is ("What was
    the cost …?", "What's the cost …?"), not for points of a kind ("What are the key issues …?")."""
    word = words[position].lower()
    return position == 0 and word in ("what's", "what’s") \
        or position == 1 and word in ("is", "was") and words[0].lower() in ("what", "which")


def _not_noun(word: str) -> bool:
    """Whether ``word`` is shaped like a verb, adjective or adverb ("-ing", "-ed", "-ly", "-ous" …; "ran", "paid"),
    not a noun."""
    return bool(_NOT_NOUN_ENDING.search(word)) or is_irregular_past(word)


def _gerund(words: Sequence[str], position: int) -> bool:
    """Whether ``words[position]`` is a verb's "-ing" form named as a thing, after "in", "on", "about" …"""
    return words[position].lower().endswith("ing") and position > 0 and words[position - 1].lower() in _GERUND_MARKERS


def _named(words: Sequence[str]) -> bool:
    return any(word[0].isupper() or sum(char.isupper() for char in word) >= 2 for word in words)


def _qualifies_known_noun(question: str, word: str, weights: TermWeights) -> bool:
    """Whether ``word`` stands right before a noun the library uses, qualifying it ("tighter budgets"), not as a
    verb does its object ("in recruiting porters")."""
    words = _WORD.findall(question)
    for position, candidate in enumerate(words[:-1]):
        following = words[position + 1]
        tokens = content_tokens(following)
        if candidate == word and not _gerund(words, position) and tokens and weights.known(tokens[0]) \
                and following.lower() not in STOPWORDS and following.lower() not in _OBJECT_MARKERS \
                and not _not_noun(following):
            return True
    return False


def _meaning_kept(question: str, missing: Sequence[str], weights: TermWeights, best: float,
                  calibration: Calibration) -> float:
    """How close the question must stay without its unknown words for them not to matter (``MEANING_KEPT``, or
    ``MODIFIER_KEPT`` when each only qualifies a noun the library uses), and ``PARAPHRASE_KEPT`` at most when a
    passage comes ``PARAPHRASE_MARGIN`` above the on-topic line to the whole question: then the findings say it in
    other words ("clashes between what planning bodies want and what oversight committees expect" of the report's
    "competing priorities" between them, 0.934), unless the unknown word is what it turns on ("traditional healers",
    0.699; "the coastguard", 0.782)."""
    kept = MODIFIER_KEPT if all(_qualifies_known_noun(question, word, weights) for word in missing) else MEANING_KEPT
    return min(kept, PARAPHRASE_KEPT) if best >= calibration.on_topic + PARAPHRASE_MARGIN else kept


def _meaning_rests_on(question: str, words: Sequence[str], embed, kept: float = MEANING_KEPT) -> bool:
    """Whether taking ``words`` out of the question changes what it asks (``asks_the_same``): "traditional healers"
    does, "flagged by the authorities" hardly does."""
    without = question
    for word in words:
        without = re.sub(rf"\b{re.escape(word)}\b", " ", without)
    return not asks_the_same(question, without, embed, kept)


def asks_the_same(question: str, without: str, embed, kept: float = MEANING_KEPT) -> bool:
    """Whether ``without`` (the question with some of its words taken out) stays as close to ``question`` in
    meaning as ``kept``: the words taken out did not matter to what it asks."""
    import numpy as np

    return float(np.dot(embed(question), embed(without))) >= kept


def _stated_in_one_sentence(question: str, topic: Sequence[str], evidence: Sequence[ScoredPassage], embed,
                            floor: float) -> bool:
    """Whether one sentence of ``evidence`` holds every word of ``topic`` and, by itself, comes as close to the
    question as ``floor``: the findings say what it asks about, in a long passage about more ("… getting over
    technical language/jargon …" for "What did people say about jargon?": the sentence 0.37, its passage 0.04)."""
    wanted = set(topic)
    stating = [item.passage.text[start:end] for item in evidence for start, end in split_sentences(item.passage.text)
               if wanted <= set(content_tokens(item.passage.text[start:end]))]
    if not wanted or not stating:
        return False
    question_vector = np.asarray(embed(question), dtype=np.float32)
    return any(float(np.dot(question_vector, embed(sentence))) >= floor for sentence in stating[:3])


def has_figure(evidence: Sequence[ScoredPassage], topic: set[str], count: bool = False, money: bool = False) -> bool:
    """Whether a sentence on the question's topic states a figure (not a footnote, year, name or code); with
    ``count``, a count of things (what "how many" asks), not a share of them; with ``money``, a sum of money."""
    for item in evidence[:3]:
        for start, end in split_sentences(item.passage.text):
            sentence = item.passage.text[start:end]
            if topic and not topic & set(content_tokens(sentence)):
                continue
            if states_money(sentence) if money else states_figure(sentence, count, topic):
                return True
    return False


def states_money(sentence: str) -> bool:
    """Whether ``sentence`` states a sum of money ("£1.20", "four thousand pounds", "$3m")."""
    return bool(_MONEY.search(sentence))


def asks_money(question: str) -> bool:
    """Whether a question asks for a sum of money ("How much did the programme cost per learner?")."""
    return bool(_MONEY_ASKED.search(question))


def asks_share(question: str) -> bool:
    """Whether a question asks for a share ("What proportion of referrals came from GPs?"), not a count."""
    return bool(_SHARE_ASKED.search(question)) and not asks_count(question)


def states_share(sentence: str) -> bool:
    """Whether ``sentence`` states a share: a percentage, or a part of a whole ("247 of them", "two thirds")."""
    return bool(_SHARE.search(_NOT_A_FIGURE.sub(" ", sentence)))


def asks_count(question: str) -> bool:
    """Whether a question asks how many, a count (not a share: "what percentage …")."""
    return bool(_COUNT_ASKED.search(question))


def states_figure(sentence: str, count: bool = False, counted: Collection[str] = ()) -> bool:
    """Whether ``sentence`` states a figure: a number, a percentage or a share in words, not a footnote, year, name
    or code; with ``count``, a number that is not a percentage; or a number in words of what is ``counted`` (words
    of the question: "two passengers worried …" for "How many passengers worried …?", not "Two examples …"), or all
    of them ("All the passengers we asked …")."""
    sentence = _NOT_A_FIGURE.sub(" ", sentence)
    return bool((_COUNT if count else _FIGURE).search(sentence)) or bool(counted) and any(
        set(content_tokens(found.group(1))) & set(counted)
        for pattern in (_COUNT_IN_WORDS, _WHOLE_IN_WORDS) for found in pattern.finditer(sentence))


def judge(question_text: str, topic: Sequence[str], expects_quantity: bool, evidence: Sequence[ScoredPassage],
          weights: TermWeights, calibration: Calibration, embed=None,
          said_otherwise: Callable[[str], bool] | None = None) -> Coverage:
    """Whether ``evidence`` (the retrieved passages, best first) covers a question with ``topic`` words.
    ``embed`` (the question embedder) lets it check that unknown words matter to the question's meaning;
    ``said_otherwise`` tells a word the library says in other words (a group it names: "teenagers" of "young
    people"), which is no absent word."""
    if not evidence:
        return Coverage(False, "off_topic")
    best = max(item.dense_score for item in evidence)
    missing = [word for word in absent_focal_words(question_text, topic, weights)
               if said_otherwise is None or not said_otherwise(word)]
    if missing and (embed is None or _named(missing) or _meaning_rests_on(
            question_text, missing, embed, _meaning_kept(question_text, missing, weights, best, calibration))):
        return Coverage(False, "absent", tuple(missing))
    if expects_quantity and not has_figure(evidence, set(topic), count=asks_count(question_text),
                                           money=asks_money(question_text)):
        return Coverage(False, "no_figure")
    found: set[str] = set()
    for item in evidence[:5]:
        found.update(content_tokens(f"{item.passage.text} {item.passage.context} {item.passage.section} "
                                    f"{item.passage.document}"))  # its document's title says what it is about
    known = [form for token in topic if weights.known(form := weights.known_form(token))]  # a word the library never
    # uses cannot be found…
    share = weights.coverage(known, found) if known else 0.0 if topic else 1.0  # …but none found is no cover
    if share >= COVERED_SHARE and (best >= calibration.off_topic or embed is not None and _stated_in_one_sentence(
            question_text, known, evidence[:5], embed, calibration.off_topic)):
        return Coverage(True)
    if best >= calibration.on_topic and share >= PARTIAL_SHARE or best >= calibration.off_topic + CLOSE_MARGIN \
            or best >= calibration.off_topic and share >= HALF_SHARE:
        return Coverage(True)
    return Coverage(False, "off_topic" if best < calibration.off_topic else "thin")
