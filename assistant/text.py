"""Text normalisation shared by lexical retrieval and answer composition: Scots forms, tokens, stems."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable

# Scots and colloquial spellings in interview transcripts, mapped to the plain English a question uses,
# so that "wi' less" is found by "with less". Whole-word forms only.
SCOTS_FORMS = {
    "wi'": "with", "wi’": "with", "o'": "of", "o’": "of", "tae": "to", "ye": "you", "yer": "your",
    "dinnae": "do not", "didnae": "did not", "cannae": "cannot", "couldnae": "could not", "wouldnae": "would not",
    "shouldnae": "should not", "isnae": "is not", "wasnae": "was not", "doesnae": "does not", "havnae": "have not",
    "hasnae": "has not", "willnae": "will not", "wernae": "were not", "arenae": "are not", "nae": "no",
    "kinda": "kind of", "sorta": "sort of", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "aye": "yes", "ken": "know", "wee": "small", "oot": "out", "aboot": "about", "hame": "home", "frae": "from",
    "awfy": "awful", "cos": "because", "cause": "because", "'cause": "because",
}
_SCOTS = re.compile(
    r"(?<![\w'’])(" + "|".join(re.escape(form) for form in sorted(SCOTS_FORMS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*(?:['’][a-z]+)?")  # "A&E", "R&D": one word, not "a" and "e"
STEMS_KEPT = 200_000  # distinct words whose stems are kept (the synthetic 100,000-passage library has 1,942 stems)
TEXTS_KEPT = 8192  # texts whose tokens are kept (``content_tokens``): a few answers' passages and sentences

# Words for the people a study heard from, as a regex alternation ("participants", "staff", "interviewees").
PERSON_WORDS = (r"interviewees?|respondents?|participants?|officers?|staff|personnel|colleagues|people|managers?|"
                r"representatives?|members?|workers?|employees?|practitioners?|professionals?|interviewed|others")
_PERSON_WORD = re.compile(PERSON_WORDS, re.IGNORECASE)


def is_person_word(word: str) -> bool:
    """Whether ``word`` is one of the words for people in general (``PERSON_WORDS``: "workers", "people", "staff")."""
    return bool(_PERSON_WORD.fullmatch(word))


STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves s t don shall may might
    must let us also get got said say says saying tell tells told telling give gives gave given giving show shows
    showed shown showing me quote quotes please much many""".split()
)


def normalise_scots(text: str) -> str:
    """Replace Scots and colloquial forms with plain English equivalents (for search, never for display)."""
    return _SCOTS.sub(lambda match: SCOTS_FORMS[match.group(1).lower().replace("’", "'")]
                      if match.group(1).lower().replace("’", "'") in SCOTS_FORMS else match.group(1), text)


_local = threading.local()


def _stemmer():
    """This thread's stemmer: a PyStemmer object keeps state between calls and "must not be called
    concurrently" (its documentation), and the app answers questions from many threads."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


@functools.lru_cache(maxsize=STEMS_KEPT)
def stem(word: str) -> str:
    """The word's stem, American and British spellings alike ("visualization" and "visualisation", "analyze" and
    "analyse", "behavior" and "behaviour"), an irregular verb's past the stem of its present ("bought into" and
    "buying in"), and a "-clusion" that of its "-clude" ("the conclusions" and "What does it conclude?"): a report
    in one form answers a question in the other, and a noun in "-ery" that of its verb in "-er" ("recovery" and
    "recovering", "deliveries" and "delivered", which the stemmer keeps apart). Kept per word: the spelling fold would
    otherwise nearly double the cost of every tokenisation."""
    word = _IRREGULAR.get(word) or _AMERICAN.sub(_british, word)
    word = _ERY.sub("er", word)
    root = _stemmer().stemWord(word)
    return root[:-4] + "clud" if root.endswith("clus") else root


_ERY = re.compile(r"(?<=[a-z]{4})er(?:y|ies)$")  # "recovery", "deliveries"; not "very", "every", "query", "series"


def is_irregular_past(word: str) -> bool:
    """Whether ``word`` is the past form of an irregular English verb ("ran", "paid", "bought")."""
    return word.lower() in _IRREGULAR


# English verbs whose past forms the stemmer leaves apart from the present, each as "present: past forms": the
# common ones, leaving out those whose past is mostly another word ("left", "felt", "saw", "rose", "ground").
_IRREGULAR = {past: present for present, pasts in (entry.split(":") for entry in """
    arise:arose,arisen become:became begin:began,begun bend:bent bind:bound break:broke,broken bring:brought
    build:built buy:bought catch:caught choose:chose,chosen come:came deal:dealt draw:drew,drawn drink:drank,drunk
    drive:drove,driven eat:ate,eaten fall:fallen feed:fed fight:fought find:found flee:fled fly:flew,flown
    forbid:forbade,forbidden forget:forgot,forgotten forgive:forgave,forgiven freeze:froze,frozen go:went,gone
    grow:grew,grown hang:hung hear:heard hide:hid,hidden hold:held keep:kept know:knew,known lead:led lend:lent
    lose:lost make:made mean:meant meet:met mislead:misled overcome:overcame overtake:overtook,overtaken pay:paid
    ride:rode,ridden ring:rang,rung rise:risen run:ran seek:sought sell:sold send:sent shake:shook,shaken
    shrink:shrank,shrunk sing:sang,sung sink:sank,sunk sit:sat sleep:slept speak:spoke,spoken spend:spent
    stand:stood steal:stole,stolen stick:stuck strike:struck strive:strove,striven swear:swore,sworn swim:swam,swum
    take:took,taken teach:taught tear:tore,torn think:thought throw:threw,thrown undergo:underwent,undergone
    understand:understood undertake:undertook,undertaken uphold:upheld wake:woke,woken wear:wore,worn weep:wept
    win:won withdraw:withdrew,withdrawn withhold:withheld write:wrote,written""".split())
              for past in pasts.split(",")}


# American endings and their British forms: "-ize"/"-yze" past a stem longer than "size", and "-or" where British
# English writes "-our" (behavior, color, labor, honor, favor, humor, neighbor; not doctor, minor, senior).
_AMERICAN = re.compile(r"(?<=[a-z]{4})(?P<iz>[iy])z(?=e|es|ed|ing|er|ers|ation|ations$)"
                       r"|(?<=[a-z](?:vi|ol|ab|on|av|um|hb))or(?=s?$)")


def _british(match: re.Match) -> str:
    return f"{match.group('iz')}s" if match.group("iz") else "our"


_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def content_tokens(text: str) -> list[str]:
    """Lower-cased, Scots-normalised, stemmed tokens without stop words: what lexical matching compares."""
    return list(_content_tokens(text))


@functools.lru_cache(maxsize=TEXTS_KEPT)
def _content_tokens(text: str) -> tuple[str, ...]:
    """``content_tokens``, kept per text: one answer reads the same passages and sentences again and again (40
    answers at 100,000 passages tokenised 6,147 texts, 916 of them distinct)."""
    return tuple(stem(word) for word in content_words(text))


_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")  # "GPUs", "CHWs": the acronym's word, as "GPU" and "CHW" are


def content_words(text: str) -> list[str]:
    """The words ``content_tokens`` stems: lower-cased, Scots-normalised, without stop words (a negated
    auxiliary, "isn't", "wouldn't", is one); an acronym's plural is its singular ("GPUs" is "gpu"), and an acronym
    spelt as a stop word is a word ("the IT systems", "the US", "WHO guidance"; not "it", nor "IT" in a heading
    in capitals)."""
    words = _ANY_CASE_TOKEN.findall(normalise_scots(_ACRONYM_PLURAL.sub(r"\1", text)).replace("’", "'"))
    kept = []
    for at, word in enumerate(words):
        lowered = word.lower()
        base = lowered.split("'")[0]
        if base and not lowered.endswith("n't") and (base not in STOPWORDS or _is_acronym(words, at)):
            kept.append(base)
    return kept


_ANY_CASE_TOKEN = re.compile(_TOKEN.pattern, re.IGNORECASE)


def _is_acronym(words: list[str], at: int) -> bool:
    """Whether ``words[at]`` is written in capitals while the words beside it are not."""
    return _in_capitals(words[at]) and not any(_in_capitals(words[beside]) for beside in (at - 1, at + 1)
                                               if 0 <= beside < len(words))


def _in_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def topic_coverage(topic: Iterable[str], text: str) -> float:
    """Share of the distinct topic tokens that ``text`` contains (0 when there is no topic)."""
    wanted = set(topic)
    return len(wanted & set(content_tokens(text))) / len(wanted) if wanted else 0.0


def fold(text: str, case_and_marks: bool = True, words_only: bool = False) -> str:
    """``text`` as two texts are compared word for word: runs of white space as one space, trimmed; with
    ``case_and_marks``, lower case and curly quote marks and dashes as plain ones; with ``words_only`` (which folds
    case and marks too), nothing but letters and digits, one space apart."""
    if case_and_marks or words_only:
        text = text.lower().translate(_MARKS)
    if words_only:
        return _NOT_WORD.sub(" ", text).strip()
    return _SPACES.sub(" ", text).strip()


def marks_as_term(text: str, phrase: str) -> bool:
    """Whether ``text`` holds ``phrase`` between quote marks, as a term ("We are very 'can do'."), folded as
    ``fold`` does. Searched in the text as it is (folding each of thousands of passages that hold a common
    phrase took 0.1 s a question at 100,000 passages), for the phrase's words first: a search that starts with
    a word skips to it, one that starts with a choice of quote marks tries every character (0.21 s against 0.10 s
    over the 44,000 passages of a library of 100,000 that hold "partnership working")."""
    body, term = _as_term(phrase)
    return any(found.start() and term.match(text, found.start() - 1) for found in body.finditer(text))


_FOLDED_TO = {"'": "['‘’]", '"': '["“”]', "-": "[-–—]", " ": r"\s+"}


@functools.lru_cache(maxsize=64)
def _as_term(phrase: str) -> tuple[re.Pattern, re.Pattern]:
    """``phrase`` followed by a quote mark, and ``phrase`` between a pair of single or double quote marks: case,
    white space, curly marks and dashes folded."""
    body = "".join(_FOLDED_TO.get(char) or re.escape(char) for char in fold(phrase).strip("'\" "))
    single, double = _FOLDED_TO["'"], _FOLDED_TO['"']
    return (re.compile(f"{body}(?={single}|{double})", re.IGNORECASE),
            re.compile(f"{single}{body}{single}|{double}{body}{double}", re.IGNORECASE))


def fold_with_offsets(text: str, case_and_marks: bool = True) -> tuple[str, list[int]]:
    """``fold`` (without trimming), and for each character of the result its offset in ``text``, so that a match
    in the folded text can be mapped back to a verbatim span."""
    chars, offsets, previous_space = [], [], False
    for index, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
            if case_and_marks:
                lowered = char.lower()  # one character in, one out: a few lower to two
                char = (lowered if len(lowered) == 1 else char).translate(_MARKS)
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets
