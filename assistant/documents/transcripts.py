"""Speaker turns: ``Interviewer: …`` / ``Respondent 3: …``, ``R:`` / ``I:``, Otter-style headers (``P6  0:43`` on a
line of its own, the words below), and turns inside a quoted block or a coded segment (``Dan: … Participant: …``).

Which labels are speakers is learned from the document: a label counts when it is a role word, a respondent
code, or a name that opens several turns. Which speakers are the respondents is learned too: role words say so
(interviewer, moderator / respondent, participant); otherwise a label the document's title names ("P6
Transcript") is the respondent and the others interview; otherwise the speaker who mostly asks questions is the
interviewer. Interviewer turns are context, never quotes. Pure text logic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from .attribution import _CODE_RE, _CODE_TOKEN, _REFERENCE_WORDS, Attribution, parse_attribution

INTERVIEWER, RESPONDENT, UNKNOWN = "interviewer", "respondent", "unknown"
_INTERVIEWER_WORDS = frozenset("interviewer interviewers moderator facilitator researcher int iv i q question "
                               "host chair investigator".split())
_RESPONDENT_WORDS = frozenset("respondent respondents participant participants interviewee interviewees r a answer "
                              "informant".split())
_UNKNOWN_WORDS = frozenset("unknown inaudible unidentified crosstalk".split())
# Words that open a paragraph with a colon but name no speaker ("Note: …", "Aim: …").
_NOT_SPEAKERS = frozenset(
    "note notes example examples source sources key summary background aim aims objective objectives method methods "
    "methodology results result conclusion conclusions setting keywords keyword contribution contributions theme "
    "themes purpose design limitation limitations recommendation recommendations finding findings introduction "
    "abstract discussion implications context issue issues overview definition definitions tip warning important "
    "caution update answerable status date time location title subject topic response".split()
) | _REFERENCE_WORDS
_LABEL = r"[A-Z][\w.'’-]*(?: [A-Za-z0-9][\w.'’-]*){0,2}"
TIMESTAMP = r"\(?\[?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\]?\)?"
# who the speaker is, after their label in a header ("R07 - Care coordinator  0:12", "Anna (Care worker)  1:05")
_HEADER_DETAIL = r"(?:[ \t]+[-–—][ \t]+(?P<dash>[^\n:]{1,60}?)|[ \t]*\((?P<bracket>[^()\n]{1,60})\))"
_HEADER_LINE = re.compile(rf"^[ \t]*(?P<label>{_LABEL}){_HEADER_DETAIL}?[ \t]+{TIMESTAMP}[ \t]*$"
                          rf"|^[ \t]*{TIMESTAMP}[ \t]+(?P<label2>{_LABEL})[ \t]*:?[ \t]*$")
# "Label:", "**Label:**", "Label 0:43:", "[00:02:31] Label:", "Jade (17, Group 2):" (who the speaker is, in brackets)
_COLON_TURN = re.compile(rf"^[ \t]*(?:{TIMESTAMP}[ \t]+)?(?:\*\*)?(?P<label>{_LABEL})"
                         rf"(?:[ \t]+(?!{TIMESTAMP})\((?P<detail>[^()\n]{{1,60}})\))?"
                         rf"(?:\*\*)?[ \t]*(?:{TIMESTAMP}[ \t]*)?:[ \t]*(?:\*\*)?")
DESCRIBED_TURNS = 3  # turns whose speakers are described in brackets, for any label so described to be a speaker
_INLINE_TURN = re.compile(rf"(?:(?<=^)|(?<=[\s“\"‘'(]))(?P<label>{_LABEL}):[ \t]+(?=\S)")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label and where its words are (offsets into the document's text)."""

    label: str
    start: int  # the label
    words_start: int
    end: int
    detail: str = ""  # who the speaker is, as the label describes them: "17, Group 2" of "Jade (17, Group 2):"


def speaker_label(candidate: str, known: Counter | None = None) -> bool:
    """Whether ``candidate`` (the text before a colon) names a speaker: a role word, a respondent code, or a
    name that opens turns several times in the document (``known``)."""
    words = candidate.lower().replace(".", "").split()
    if not words or words[0] in _NOT_SPEAKERS or len(candidate) > 40 or len(words) > 3:
        return False
    if _CODE_RE.fullmatch(candidate) or len(words) == 2 and words[-1].isdigit():  # "P6", "Consultant 3"
        return True
    if words[0] in _INTERVIEWER_WORDS | _RESPONDENT_WORDS | _UNKNOWN_WORDS:  # "Interviewer", "Respondent 3"
        return len(words) == 1 or words[1].isdigit() or candidate.split()[1][:1].isupper()
    return bool(known) and known[candidate] >= 3 and all(word[:1].isupper() for word in candidate.split())


def header_label(line: str) -> tuple[str, str] | None:
    """(the speaker, who they are as the line describes them, or "") of a header line such as ``P6  0:43``,
    ``00:12 Anna:`` or ``R07 - Care coordinator  0:12`` (as Teams and Zoom export a transcript), or None."""
    match = _HEADER_LINE.match(line)
    if match is None:
        return None
    detail = match.group("dash") or match.group("bracket") or ""
    return (match.group("label") or match.group("label2")).strip(), detail


def colon_label(paragraph: str) -> tuple[str, int, str] | None:
    """(label, offset where the words start, the speaker's description in brackets or "") when ``paragraph`` opens
    with ``Label:``, else None."""
    match = _COLON_TURN.match(paragraph)
    return (match.group("label").strip(), match.end(), match.group("detail") or "") if match else None


def described_speaker(label: str, detail: str, described: int) -> bool:
    """Whether ``Label (detail):`` opens a speaker's turn, in a document with ``described`` lines so shaped: several
    ("Jade (17, Group 2):", "Marcus (24, Group 3):") say their labels are speakers, however few turns each has."""
    return bool(detail) and described >= DESCRIBED_TURNS and label.lower().split()[0] not in _NOT_SPEAKERS


def described(label: str, detail: str) -> Attribution | None:
    """Who a turn's label and its description say the speaker is ("Jade, 17, Group 2"), as an attribution."""
    return parse_attribution(f"{label}, {detail}") if detail else None


def label_counts(text: str) -> Counter:
    """How often each candidate label opens a line with a colon, or heads a line with a timestamp."""
    counts: Counter = Counter()
    for line in text.split("\n"):
        header = header_label(line)
        if header:
            counts[header[0]] += 1
            continue
        found = colon_label(line)
        if found:
            counts[found[0]] += 1
    for match in _INLINE_TURN.finditer(text):
        if match.start() and text[match.start() - 1] != "\n":
            counts[match.group("label")] += 1  # a turn inside a paragraph ("… Dan: Yeah …") counts too
    return counts


def inline_turns(text: str, start: int, end: int, known: Counter) -> list[Turn]:
    """Turns that begin inside ``text[start:end]`` ("… Dan: Yeah, got it. Participant: Not really …")."""
    candidates = [(match.start(), match.end(), match.group("label")) for match in _INLINE_TURN.finditer(text, start, end)]
    with_role = any(_role(label) for _, _, label in candidates)
    found = []
    for label_start, words_start, label in candidates:
        named = with_role and re.fullmatch(r"[A-Z][a-z]+", label) is not None  # "Dan" beside "Participant"
        if speaker_label(label, known) and (known[label] >= 2 or _role(label)) or named:
            found.append((label_start, words_start, label))
    turns = []
    for index, (label_start, words_start, label) in enumerate(found):
        turn_end = found[index + 1][0] if index + 1 < len(found) else end
        turns.append(Turn(label, label_start, words_start, _rstrip(text, words_start, turn_end)))
    return turns


def roles(labels: Sequence[str], title: str = "", turn_texts: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The role of each speaker label: INTERVIEWER, RESPONDENT or UNKNOWN (see the module docstring)."""
    result = {label: _role(label) for label in labels}
    undecided = [label for label, role in result.items() if not role]
    if not undecided:
        return result
    named = [label for label in undecided if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", title)]
    if named:
        for label in undecided:
            result[label] = RESPONDENT if label in named else INTERVIEWER
        return result
    if any(role == RESPONDENT for role in result.values()):
        for label in undecided:
            result[label] = INTERVIEWER
        return result
    if any(role == INTERVIEWER for role in result.values()):  # beside "Interviewer", "P4" or "Chloe" is who was
        for label in undecided:                                # asked, however often they ask back
            result[label] = RESPONDENT
        return result
    shares = {label: _question_share(turn_texts.get(label, [])) for label in undecided} if turn_texts else {}
    asker = max(shares, key=shares.get) if shares else None
    others = [share for label, share in shares.items() if label != asker]
    for label in undecided:
        asks = label == asker and shares[label] >= 0.4 and (not others or shares[label] > max(others) + 0.15)
        result[label] = INTERVIEWER if asks else RESPONDENT
    if any(role == INTERVIEWER for role in result.values()) or len(undecided) > 1:
        return result
    return result


def respondent_code(label: str, title: str, source: str) -> str:
    """The code a transcript's one respondent is cited by: their label ("P6"); or, when it only says what they are
    ("A", "Respondent", as in "Q: … A: …"), the code the document's title gives them ("Interview with ward nurse
    (N07)"), else the document's name: every interview of a library would otherwise be quoted as "[A]"."""
    if label.lower().rstrip(".") not in _RESPONDENT_WORDS:
        return label
    codes = set(re.findall(rf"(?<![\w-])({_CODE_TOKEN})(?![\w-])", title))
    return codes.pop() if len(codes) == 1 else PurePath(source).stem


def introduced(code: str, opening: str) -> Attribution | None:
    """Who the opening of a transcript, before its first turn, says the respondent ``code`` is: "Participant: R3
    (volunteer, West site)" or "R3 – volunteer, West site" gives R3's group and details, as an attribution would;
    None when it does not say."""
    found = re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])[ \t]*(?:\((?P<bracket>[^()\n]{{1,60}})\)|[,–—-][ \t]*"
                      rf"(?P<listed>[^\n]{{1,60}}))", opening)
    said = found and parse_attribution(f"{code}, {found.group('bracket') or found.group('listed')}")
    return said if said and said.code == code else _from_fields(code, opening)


# "Role: headteacher", "Interview ID: HT-03": a field of a transcript's header, one to a line
_FIELD = re.compile(r"^[ \t]*(?P<key>[A-Z][\w /'’-]{0,30}?)[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$", re.MULTILINE)


def _from_fields(code: str, opening: str) -> Attribution | None:
    """Who a transcript's header of fields says the respondent ``code`` is ("Interview ID: HT-03", "Role:
    headteacher", "School: Oakfield Primary, Ravensmoor"): when a field's value is the code, the other fields give
    their group and details, as an attribution's would, each part an attribution could hold. A field with a figure
    (a date, a time, a length) or of the interviewer says nothing of who they are."""
    fields = [(found.group("key"), found.group("value")) for found in _FIELD.finditer(opening)]
    if not any(value == code for _, value in fields):
        return None
    parts = [part.strip() for key, value in fields if value != code and not re.search(r"\d", value)
             and key.lower().split()[0] not in _INTERVIEWER_WORDS for part in value.split(",") if part.strip()]
    # each part as an attribution would have it ("St Aidan's High School cluster" is no detail one reads)
    details = [part for part in parts if (alone := parse_attribution(f"{code}, {part}")) and alone.code == code]
    said = parse_attribution(", ".join([code, *details])) if details else None
    return said if said and said.code == code else None


def _role(label: str) -> str:
    first = label.lower().replace(".", "").split()[0]
    if first in _INTERVIEWER_WORDS:
        return INTERVIEWER
    if first in _UNKNOWN_WORDS or label.lower().startswith("unknown"):
        return UNKNOWN
    if first in _RESPONDENT_WORDS:
        return RESPONDENT
    return ""


def _question_share(texts: list[str]) -> float:
    return sum("?" in text for text in texts) / len(texts) if texts else 0.0


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
