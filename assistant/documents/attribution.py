"""What an attribution looks like, in any report: the grammar of respondent codes, and where quotes begin and end.

A report attributes a quote with a short code in brackets (``(P07 Nurse)``, ``(P20_F_31)``, ``[R5]``,
``(Participant 7, nurse)``, ``(Site B)``, ``(FG1)``), after the quote, before it, or as the speaker of a turn.
Nothing here knows any one report's codes, groups or areas: a code is a shape — letters and digits, a word and a
number, or an acronym next to a quote — and the words after it are its group and other facets (sex, age, …).
What varies between documents (which letter prefix names a site, which speaker is the interviewer) is learned
from each document in ``corpus``. A user's regular expression (``AttributionStyle``) replaces the shapes.
Pure text logic: no ML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..settings import attribution_regex
from ..types import respondent_label

OPENING_QUOTES = "'\"‘“"
CLOSING_QUOTES = "'\"’”"
_PAIRS = {"”": "“", "’": "‘", '"': '"', "'": "'"}

# Words that number things in a document, not people: "(Table 2)", "(Year 2)", "(Section 4.1)".
_REFERENCE_WORDS = frozenset(
    "table tables figure figures fig section sections chapter chapters page pages appendix annex box equation eq "
    "vol volume part note notes year years wave phase step stage level grade type class article paragraph para "
    "clause schedule rule recommendation question questions item items version line lines slide exhibit map "
    "model tier round week weeks day days month months".split()
)
# Letters with the accents of Western European languages ("Café manager", "Crèche worker"), for words and names.
_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CODE_TOKEN = r"[A-Z][A-Za-z]{0,3}[-_]?[0-9Oo]?\d{1,3}(?:[_-][A-Za-z0-9]{1,8}){0,4}"
_WORD_CODE = rf"[{_UP}][{_LOW}]+(?: [{_UP}{_LOW}][{_LOW}]+)?\.? (?:\d{{1,4}}[a-z]?|[A-Z]{{1,2}}\d{{1,4}}|[A-Z])"
_ACRONYM = r"[A-Z]{2,6}"
_CODE_RE = re.compile(rf"(?:{_CODE_TOKEN}|{_WORD_CODE})(?![\w])")
_ACRONYM_RE = re.compile(rf"{_ACRONYM}(?![\w])")
_PART = re.compile(rf"[{_UP}{_LOW}0-9][{_UP}{_LOW}0-9'’/&.+-]*(?: [{_UP}{_LOW}0-9][{_UP}{_LOW}0-9'’/&.+-]*){{0,3}}")
# One of a group's members, after its code: "FG3, Participant B", "FG2 Member 4"
_MEMBER = r"(?:[Pp]articipant|[Rr]espondent|[Mm]ember|[Ss]peaker|[Pp]erson)\s+(?:[A-Z]|\d{1,3})"
NUMBER_SIGN = re.compile(r"(?<=[A-Za-z]) (?:#|[Nn]o\.) ?(?=[A-Z]{0,2}\d)")  # "Respondent #412", "Respondent No. 7"
_YEAR = re.compile(r"\b(?:1[89]\d\d|20[0-3]\d)\b")  # a year a reference gives, not a later number ("ID 2058")
_SEX = {"m": "M", "f": "F", "male": "M", "female": "F", "man": "M", "woman": "F", "men": "M", "women": "F"}
_BRACKETED = re.compile(r"[(\[](?P<content>(?:[^()\[\]\n]|\n(?!\n)){1,80})[)\]]")  # within a paragraph
_DASHED = re.compile(r"[ \t]*\n?[ \t]*[—–-]{1,2}[ \t]*(?P<content>[^\n.;()\[\]]{1,60}(?:\([^()\n]{1,40}\))?)")
# …wrapped onto the next line of its paragraph: "– ID\n1023, business owner", "– ID 1034,\ncommunity group"
_DASHED_WRAPPED = re.compile(r"[ \t]*\n?[ \t]*[—–-]{1,2}[ \t]*(?P<content>[^\n.;()\[\]]{1,60}\n[ \t]*"
                             r"(?P<rest>[^\n.;()\[\]]{1,60}))(?=[.;]?[ \t]*(?:\n|$))")
# An attribution alone on the line after a quote, emphasis aside: "Parent, Site 3", "P07 Nurse".
_NEXT_LINE = re.compile(r"[ \t*_]*\n[ \t*_]*(?P<content>[^\n.;()\[\]*_]{1,60}?(?:\s*\([^()\n*_]{1,40}\))?)"
                        r"[ \t*_.]*(?=\n|$)")
# …or in brackets, as it would stand after the quote on its line: "(teacher, Castlemere)"; a bracket that opens
# with one of these words says something else ("(see Table 2)", "(emphasis added)")
_BRACKETED_LINE = re.compile(r"[ \t*_]*\n[ \t*_]*\((?P<content>[^()\n*_]{1,60})\)[ \t*_.]*(?=\n|$)")
_NOT_A_ROLE = frozenset("see cf cf. e.g. eg i.e. ie emphasis original translated translation source note notes "
                        "table figure page p. pp. ibid ibid. and or but for from in at on of to with as by".split())
# An attribution by role, with no code of its own (only beside a quote): "Parent", "Catering manager", "Teacher,
# Northfield Academy", "Youth worker, Site 1", "Visitor, aged 70s, Branch 2": the role, then up to three details, one
# of which may be where they are (a place numbered or lettered).
_ROLE = re.compile(rf"[{_UP}][{_LOW}]+(?:[ -][{_LOW}]+){{0,3}}")
_ROLE_DETAIL = re.compile(r"[A-Za-z0-9][\w'’-]*(?: [\w'’-]+){0,3}")
_WHERE = re.compile(rf"[{_UP}{_LOW}][{_LOW}]+(?: [{_UP}{_LOW}][{_LOW}]+){{0,2}} (?:\d{{1,3}}|[A-Z])")
_PSEUDONYM = re.compile(r"^[\"“‘']([^\"“”‘’']{1,30})[\"”’'](?=,)")  # a name in quote marks: a pseudonym ("Margaret")
_LETTERS_AND_NUMBER = re.compile(r"[A-Z]{1,4}[-_]?\d{1,4}")  # a code of its own shape: "P16", "YP06", "HT-03"
_LAST_PARTS = re.compile(r"\s*\(([^()]{1,40})\)$")  # "…, 71 (Ashbury)", "Tenant 7 (male, 40s)": more parts
_DECADE = re.compile(r"[1-9]0['’]?s")  # an age by its decade: "40s"
_AGED = re.compile(r"(?:aged?|age)\s+(\d{1,3})", re.IGNORECASE)  # "aged 16": an age, not a place numbered 16
# The words that say only that someone took part ("Survey respondent", "Workshop participant", "Interview 14",
# "Int. 3"), not who they are.
_TOOK_PART = re.compile(r"(?:respondent|participant|interviewee|informant|contributor|interview|int\.?)s?",
                        re.IGNORECASE)
# An age band, as surveys give them: "45–54", "45-54", "35 to 44", "65+", "75 and over", "aged 18-24".
_AGE_BAND = re.compile(r"(?:aged?\s+)?(\d{1,3}\s*(?:[–—-]|to)\s*\d{1,3}|\d{1,3}\s*\+|\d{1,3}\s+and\s+(?:over|older))",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """Who a quote is attributed to, as the document says: a code, and the facets the attribution carries."""

    code: str  # "P07", "P20", "Participant 7", "Site H", "FG1"
    as_written: str = ""  # the attribution as the text writes it, without brackets: "PO7 Nurse", "P20_F_31"
    group: str = ""  # group or role, in the report's words: "Nurse", "pharmacist"
    area: str = ""  # site or area, when the document has them: "B"
    facets: tuple[tuple[str, str], ...] = ()  # any other named parts: ("sex", "F"), ("age", "31"), ("speaker", …)

    @property
    def label(self) -> str:
        """How a citation reads: "P07 Nurse", "P20", "Site H · Consultant 3"."""
        return respondent_label(self.code, self.group, self.facets, self.area)

    def facet(self, name: str) -> str:
        return dict(self.facets).get(name, "")

    def with_facet(self, name: str, value: str) -> "Attribution":
        facets = tuple((key, val) for key, val in self.facets if key != name) + ((name, value),)
        return replace(self, facets=facets)


@dataclass(frozen=True)
class Site:
    """An attribution found in the text: where it is, and what it says."""

    start: int
    end: int
    attribution: Attribution
    strong: bool = True  # a code of its own shape; False for an acronym, which counts only beside a quote
    line_start: bool = False  # the attribution opens its line (a label before a quote, or a speaker header)
    header: bool = False  # the attribution is a whole line: a speaker header (``P6  0:43``)


def parse_attribution(content: str) -> Attribution | None:
    """The attribution a bracket holds ("P07 Nurse", "P20_F_31", "Participant 7, nurse, 45"), or None when
    it holds something else (a reference, a year, prose)."""
    content = _PSEUDONYM.sub(r"\1", " ".join(content.split())).strip(" ,;:")
    content = NUMBER_SIGN.sub(" ", content)  # "Respondent #412" is respondent 412
    content = _LAST_PARTS.sub(r", \1", content)  # "learner, 71 (Ashbury)": the place is one more part
    *described, last = content.split(",")
    if described and _LETTERS_AND_NUMBER.fullmatch(last.strip()) \
            and not (_CODE_RE.match(content) or _ACRONYM_RE.match(content)):  # "Parent, Quellbrook (P16)": who, then
        # their code (not "ID 2058, pupil, Year 8")
        found = parse_attribution(", ".join([last.strip(), *(part.strip() for part in described)]))
        return replace(found, as_written=content) if found else None
    match = _CODE_RE.match(content) or _ACRONYM_RE.match(content)
    if (not match or match.group().split()[0].lower() in _REFERENCE_WORDS) and not _YEAR.search(content):
        return _role(content) or organisation(content)
    if not match or _YEAR.search(content):
        return None
    written = match.group()
    number = r"[ -]?\d{1,5}|" if not re.search(r"\d", written) else ""  # "P7 34" is P7, aged 34; "ID 1043"
    numbered = re.match(rf"{re.escape(written)}(?:{number}[ -][A-Z]{{1,2}}\d{{1,3}}|,?\s+{_MEMBER})(?![\w])", content)
    if numbered:  # "ID 12", "FG2 P3": the number or code after it is part of who spoke (P3 of focus group 2)
        written = numbered.group()
        match = numbered
    first_word = written.split()[0].rstrip(".").lower()
    if " " in written and first_word in _REFERENCE_WORDS:
        return None
    code, facets, group = _split_code(written)
    rest = content[match.end():]
    if rest and not re.match(r"\s|[,;]|\s*[-–—]\s", rest):
        return None
    parts = [part.strip(" -–—") for part in re.split(r"[,;]", rest)] if rest.strip() else []
    parts = [part for part in parts if part]
    places = [part for part in parts if _is_place(part)]
    if places:  # "(P07, Ward 3)": where they are, not their group
        facets.append(("where", places[0]))
        parts = [part for part in parts if part not in places]
        if " " in written:  # "Head teacher 2, School B": the role's number at that place, as written, is who spoke
            code = ", ".join([written, *places])
    for position, part in enumerate(parts):
        if band := _AGE_BAND.fullmatch(part):  # "(Participant 4, female, 45–54)"
            facets.append(("age", band.group(1)))
            continue
        if not _PART.fullmatch(part):
            return None
        kind, value = _classify_part(part)
        if kind == "group" and not group and position == 0:
            group = value
        elif kind == "group":
            facets.append(("detail", value))
        else:
            facets.append((kind, value))
    numbered = re.fullmatch(r"(.+?)\.? \d{1,3}[a-z]?", written)
    # a word code's word may be a role ("Head teacher 2", "Householder 3, Ashby"; not "Participant 7, nurse", whose
    # word says only that they took part): ``corpus`` decides
    if numbered and not (group and takes_part(numbered.group(1))):
        facets.append(("role", numbered.group(1)))
    return Attribution(code=code, as_written=content, group=group, facets=tuple(facets))


_GRADED = re.compile(rf"(?P<grade>[{_UP}][{_LOW}]+ \d{{1,2}}) (?P<role>[{_LOW}]+(?:[ -][{_LOW}]+)?)")
# Words of a reference that name a part of a text ("Table 3", "Figure 2"), not a grade ("Year 8", "Level 3")
_PARTS_OF_A_TEXT = frozenset("table tables figure figures fig section sections chapter chapters page pages appendix "
                             "annex box equation eq vol volume part note notes article paragraph para clause schedule "
                             "rule recommendation question questions item items version line lines slide exhibit "
                             "map".split())


def _role(content: str) -> Attribution | None:
    """An attribution by role (``_ROLE``): the role and the rest together are who spoke, the role their group. A place
    numbered or lettered after it ("Youth worker, Site 1") is a facet, ``where``, that may name the document's sites;
    any other part is a detail ("Parent, Polish-speaking", "Pupil, Year 9": a year is no place)."""
    role, *details = [part.strip() for part in content.split(",")]
    graded = _GRADED.fullmatch(role)  # "Year 8 pupil", "Band 6 nurse": a role at a grade, the grade a detail
    graded = graded if graded and graded.group("grade").split()[0].lower() not in _PARTS_OF_A_TEXT else None
    if not (graded or _ROLE.fullmatch(role) and role.split()[0].lower() not in _REFERENCE_WORDS) or len(details) > 3 \
            or not all(_ROLE_DETAIL.fullmatch(detail) for detail in details):
        return None
    where = next((detail for detail in details if _is_place(detail)), "")
    facets = (("where", where),) if where else ()
    if graded:
        role, facets = graded.group("role"), facets + (("detail", graded.group("grade")),)
    first = details[0] if details else ""
    if takes_part(role) and first and first != where and not _AGED.fullmatch(first) \
            and first.lower() not in _SEX and not first[:1].isdigit():
        # "Survey respondent, parent": that they answered is how, a parent is who; the role is a facet
        facets += (("role", role),)
        role, details = first, details[1:]
    return Attribution(code=content, as_written=content, group=role,
                       facets=facets + tuple(("age", aged.group(1)) if (aged := _AGED.fullmatch(detail)) else
                                             ("detail", detail) for detail in details if detail != where))


# A numbered meeting of people ("focus group 2", "Workshop 3"): who spoke together, not where ("Group 2" of a
# write-up may be a cohort, as a place is: its people's area).
GATHERING = re.compile(r"focus\s+groups?\b|workshops?\b|sessions?\b|interviews?\b|discussion\s+groups?\b",
                       re.IGNORECASE)


def _is_place(part: str) -> bool:
    """Whether a part of an attribution says where the speaker is: a place numbered or lettered ("Site 1",
    "School B"), not a reference ("Year 9")."""
    return bool(_WHERE.fullmatch(part)) and part.split()[0].lower() not in _REFERENCE_WORDS \
        and not _AGED.fullmatch(part) and not GATHERING.match(part)


# Someone a report's sentence says spoke, by what they are: "as one nurse put it,", "a ward manager told us:",
# "one older patient said," before a quote; ", said a healthcare assistant." after it.
_SPEAKING = (r"(?:said|says|told\s+(?:us|me|the\s+\w+)|put\s+it|explained|added|commented|noted|remarked|reflected|"
             r"recalled|observed|admitted|complained|described\s+(?:it|this|that)(?:\s+as)?|"
             r"described\s+(?:[\w'’-]+\s+){1,4}?as|wrote|"  # "described the first month as"
             r"(?:described|summed\s+up|explained)\s+(?:the|their|her|his)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+(?=\s*:))")
SPEAKING = re.compile(rf"{_SPEAKING}\b", re.IGNORECASE)  # "told us", "said": a verb of speech, as a sentence has it
# …by what they are ("GP practice manager": an acronym may open it), then where they are or how old: "in Area 3",
# "(Area 2)", "in a rural practice", "aged over 65"
_QUALIFIER = (r"\s+\([^()\n]{1,30}\)|,?\s+(?:in|from|at|based\s+in)\s+(?:(?:the|a|an|his|her|their)\s+)?"
              r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+|,?\s+aged\s+(?:over\s+|under\s+)?\d{1,3}s?\+?")
_SOMEONE = (r"(?:one|a|an|another)\s+(?!of\s)(?P<role>(?-i:[A-Z]{2,5}\s+)?(?:[a-z][a-z'’-]+\s+){0,4}?[a-z][a-z'’-]+)"
            rf"(?P<qualifiers>(?:{_QUALIFIER}){{0,2}})(?:,\s+who\s+[^,.;:!?]{{1,100}},)?")
# how they said it: "put it simply:", "said bluntly,", "put it this way:"
_MANNER = r"(?:\s+(?:[a-z]{3,}ly|this\s+way|like\s+this))?"
_PARAGRAPH_START = r"^(?:\d+(?:\.\d+)*\s+)?"  # a paragraph's opening, after its number ("4.8 An individual …")
_SAID_BEFORE = re.compile(rf"(?:{_PARAGRAPH_START}|[.!?;][”\"’']?\s+|,[”\"’']?\s+|\b(?:as|while|when|but|and)\s+)"
                          rf"{_SOMEONE},?\s+"
                          rf"{_SPEAKING}{_MANNER}(?:\s+that)?\s*[,:]?\s*[“\"]?$", re.IGNORECASE)
_SAID_AFTER = re.compile(rf"^[,.]?[”\"]?\s*,?\s*{_SPEAKING}\s+{_SOMEONE}\s*[.,;]", re.IGNORECASE)
# …or between its halves: '"The trips are brilliant," one young carer in Redwick said, "but …'
_SAID_BETWEEN = re.compile(rf"^,?[”\"]?\s*{_SOMEONE},?\s+{_SPEAKING}{_MANNER}\s*,\s*[“\"]", re.IGNORECASE)
_NOT_PEOPLE = frozenset("way thing time day year report study point example".split())  # "one report said …"
# …or by the name the report gives them, with what they are: "Amira, a 34-year-old mother of two from Eastfield,
# told us:" before a quote; ", said Tom, a volunteer driver." or ", said Tom." after it
_NAMED = r"(?P<name>(?-i:[A-Z][a-z'’-]+))"
_DESCRIBED = (r",\s+(?:a|an)\s+(?:(?P<age>\d{1,3})-year-old\s+)?(?P<role>(?:[a-z][a-z'’-]+\s+){0,4}?[a-z][a-z'’-]+)"
              rf"(?P<qualifiers>(?:{_QUALIFIER}){{0,2}})")
_NAMED_BEFORE = re.compile(rf"(?:{_PARAGRAPH_START}|[.!?;][”\"’']?\s+){_NAMED}{_DESCRIBED},\s+{_SPEAKING}"
                           r"(?:\s+that)?\s*[,:]?\s*[“\"]?$", re.IGNORECASE)
_NAMED_AFTER = re.compile(rf"^[,.]?[”\"]?\s*,?\s*{_SPEAKING}\s+{_NAMED}(?:{_DESCRIBED})?\s*[.,;]", re.IGNORECASE)
_NOT_NAMES = frozenset("she he they it this that there we you i one someone who another each both all the a an "
                       "staff everyone nobody".split())


def _opens_with_code(text: str) -> bool:
    """Whether ``text`` opens with a code of its own shape ("P07", "Respondent #412"), however it is spaced."""
    return bool(_CODE_RE.match(NUMBER_SIGN.sub(" ", " ".join(text.split()))))


def labels_a_quote(label: str, after: str) -> Attribution | None:
    """Who a line that labels the quote under it says spoke ("FG3, Participant B (tenant, 60s):" above '"I sleep in
    the living room now …"'): an attribution with a code of its own shape, when a quote mark opens what follows."""
    if after.lstrip()[:1] not in OPENING_QUOTES or not _opens_with_code(label):
        return None
    return parse_attribution(label.strip().rstrip(":"))


# The kinds of body whose name is a speaker's ("Ardvenn Community Council", "Lochside Chamber of Commerce", "Fenna
# Development Trust"): a consultation quotes its responding organisations by name.
_ORGANISATION_KINDS = frozenset("council trust association federation network forum partnership society alliance "
                                "coalition foundation charity board authority agency commission committee union "
                                "co-operative cooperative collective consortium institute college university company "
                                "ltd limited plc cic commerce club project initiative".split())
_COMPANY = frozenset("ltd limited plc cic company".split())
_NAME_JOINS = frozenset("& and of the for on in".split())
_ORGANISATION_NAME = rf"[{_UP}][\w'’&.-]*(?:\s+(?:[{_UP}][\w'’&.-]*|&|and|of|the|for|on|in)){{1,7}}"
_ORGANISATION_BEFORE = re.compile(rf"(?:{_PARAGRAPH_START}|[.!?;:][”\"’']?\s+)(?P<name>{_ORGANISATION_NAME})"
                                  rf"\s+{_SPEAKING}(?:\s+that)?\s*[,:]?\s*[“\"]?$")  # ("3.7 …": a numbered paragraph)


# …or by their code, as the report's sentence names them: "Individual respondent 112, who lives in Ardvenn, said:",
# "Individual respondent 112 added:", "P07 said:"
_CODE_BEFORE = re.compile(rf"(?:{_PARAGRAPH_START}|[.!?;:][”\"’']?\s+)"
                          rf"(?P<code>{_CODE_TOKEN}|[{_UP}][{_LOW}]+(?: [{_LOW}]+)? \d{{1,4}}[a-z]?)"
                          rf"(?:,\s+who\s+[^,.;:!?]{{1,100}},)?\s+{_SPEAKING}(?:\s+that)?\s*[,:]?\s*[“\"]?$")
_NOT_CODE_WORDS = _REFERENCE_WORDS | frozenset(  # "In Year 3 said", "By 2024"
    "in on at by for from with to of the a an this that our their its after before since until during".split())


def organisation(name: str) -> Attribution | None:
    """A responding organisation named as who spoke ("Ardvenn Community Council"), grouped by its kind in the words
    its name ends in ("community council", "chamber of commerce", "housing association"; a company's, "company");
    None for a name of something else (a place, a title)."""
    words = name.split()
    kind = words[-1].lower().strip(".")
    if not 2 <= len(words) <= 8 or kind not in _ORGANISATION_KINDS \
            or not all(word[:1].isupper() or word.lower() in _NAME_JOINS for word in words):
        return None
    if kind in _COMPANY:
        group = "company"
    elif len(words) > 3 and words[-2].lower() == "of":  # "Chamber of Commerce"
        group = " ".join(words[-3:]).lower()
    else:
        group = " ".join(words[-2:] if len(words) > 2 else words[-1:]).lower()
    return Attribution(code=name, as_written=name, group=group, facets=(("kind", "organisation"),))


def said_by(before: str, after: str) -> Attribution | None:
    """Who the report's own words around a quote say spoke it, by what they are ("As one daughter put it, “…”",
    "“…,” said a healthcare assistant."): an attribution by that role, no code; None when they say no one."""
    named = _NAMED_BEFORE.search(before.rstrip()) or _NAMED_AFTER.match(after)
    if named is not None and named.group("name").lower() not in _NOT_NAMES:
        return _named(named)
    body = _ORGANISATION_BEFORE.search(before.rstrip())  # "Glen Ashby Community Council said: “…”"
    if body is not None and (found := organisation(body.group("name"))):
        return found
    coded = _CODE_BEFORE.search(before.rstrip())
    if coded is not None and not _NOT_CODE_WORDS & set(coded.group("code").lower().split()) \
            and (found := parse_attribution(coded.group("code"))) is not None:
        return found
    found = _SAID_BEFORE.search(before.rstrip()) or _SAID_AFTER.match(after) or _SAID_BETWEEN.match(after)
    if found is None or found.group("role").split()[-1].lower() in _NOT_PEOPLE:
        return None
    role = found.group("role").strip()
    role = role[:1].upper() + role[1:]
    where, details = _where_and_details(found.group("qualifiers"))
    if where:  # "a GP practice manager (Area 2)": the role at that place, as "(GP practice manager, Area 2)"
        return Attribution(code=f"{role}, {where}", as_written=f"{role}, {where}", group=role,
                           facets=(("where", where), *details))
    return Attribution(code=role, as_written=role, group=role, facets=details)


# A note that says whom the words it marks were said by: "Interview, discharge coordinator (DC1), Site A, March 2024.",
# "Focus group, carers, Site B, 2024." The way they were gathered first, then who, then when.
_GATHERED = re.compile(r"^(?:(?:telephone|online|video|group|follow-up)\s+)?(?:interview|focus\s+group|workshop|"
                       r"survey\s+response|discussion\s+group)(?:\s+with)?\s*[,:]?\s+", re.IGNORECASE)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_WHEN = re.compile(rf",?\s*(?:(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+)?\d{{4}}\s*\.?$|\.$")
_CODE_LAST = re.compile(rf"\s*\(({_CODE_TOKEN})\)$")
_ARTICLE = re.compile(r"^(?:a|an|the|one)\s+", re.IGNORECASE)
_ROLE_THEN_CODE = re.compile(rf"^([^,()]{{2,40}}?)\s*\(({_CODE_TOKEN})\)")


def noted_by(note: str) -> Attribution | None:
    """Who a footnote says the words it marks were said by ("Interview, discharge coordinator (DC1), Site A, March
    2024." is DC1, discharge coordinator, at Site A; so is "Interview with a discharge coordinator, Site A, March 2024
    (DC1)."), or None for a note that cites a text or says something else."""
    note = re.split(r"(?<=[.)])\s+(?=[A-Z])", " ".join(note.split()))[0]  # "… (V04). Both quotes are from …"
    gathered = _GATHERED.match(note)
    if gathered is None:
        return None
    who = note[gathered.end():].rstrip(" .")
    coded = _CODE_LAST.search(who)  # "… with a passenger, Kelsmoor, January 2025 (P05)": the code last
    who = _WHEN.sub("", who[:coded.start()] if coded else who).strip(" ,.")
    who = _ARTICLE.sub("", who)  # "a passenger"
    if coded:  # the code first, and a role in brackets one more part ("GP practice staff (receptionist)")
        role, comma, rest = who.partition(",")
        who = f"{coded.group(1)}, " + _LAST_PARTS.sub(r", \1", role) + comma + rest
    else:
        who = _ROLE_THEN_CODE.sub(lambda found: f"{found.group(2)}, {found.group(1)}", who)
    found = parse_attribution(who[:1].upper() + who[1:]) if 0 < len(who) <= 80 else None
    if coded and found and found.group and re.search(r"group|workshop", gathered.group(), re.IGNORECASE):
        # "Focus group with passengers, … (P07)": P07 a passenger
        found = replace(found, group=found.group[:1] + singular(found.group)[1:])
    return found


def _named(found: re.Match) -> Attribution:
    """The person a report names as the speaker, with the details it gives them, if it does; how it describes them
    ("mother of two") is their group only when the document's key of its people gives none (``corpus``)."""
    name, role = found.group("name"), found.group("role") or ""
    where, details = _where_and_details(found.group("qualifiers") or "")
    facets = ((("age", found.group("age")),) if found.group("age") else ()) + ((("where", where),) if where else ()) \
        + details + ((("described", role),) if role else ())
    return Attribution(code=name, as_written=name, facets=facets)  # the group: the document's key's, else described


def _where_and_details(qualifiers: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(where, other details) of what a sentence says of a speaker after their role: "in Area 3", "(Area 2)", "from
    Eastfield", "aged over 65"."""
    parts = [re.sub(r"^\(|\)$|^(?:in|from|at|based in)\s+(?:(?:the|an?)\s+)?", "", " ".join(part.split()))
             for part in re.split(r",?\s+(?=\(|(?:in|from|at|based\s+in|aged)\s)", qualifiers) if part.strip(" ,")]
    parts = [part.strip(" ,") for part in parts]
    where = next((part for part in parts if _is_place(part) and not part.startswith("aged")), "")
    return where, tuple(("detail", part) for part in parts if part != where)


def only_a_place(attribution: Attribution) -> bool:
    """Whether an attribution says only where ("(Area 2)"), not who."""
    return _is_place(attribution.code) and not attribution.group


_SUPPLEMENTS = frozenset("file files supplement supplementary".split())  # "(Supplementary File 1)"


def names_a_part_of_a_text(code: str) -> bool:
    """Whether a code in brackets is a reference to a part of a text ("Supplementary File 1", "Table 2")."""
    return any(word.lower() in _PARTS_OF_A_TEXT | _SUPPLEMENTS for word in re.findall(r"[A-Za-z]+", code))


def takes_part(role: str) -> bool:
    """Whether a word for someone says only that they took part ("Participant", "Survey respondent"), not who they
    are."""
    return bool(role) and bool(_TOOK_PART.fullmatch(role.split()[-1]))


def is_by_role(attribution: Attribution) -> bool:
    """Whether an attribution names a role, not a code ("Parent", "Youth worker, Site 1")."""
    return attribution.code == attribution.as_written \
        and attribution.code.split(",")[0] in (attribution.group, attribution.facet("role"))


def _split_code(written: str) -> tuple[str, list[tuple[str, str]], str]:
    """A compact code's own parts: "P20_F_31" is respondent P20, sex F, age 31."""
    if " " in written:
        return written, [], ""
    head, *parts = re.split(r"[_-]", written)
    if not parts or not re.search(r"\d", head) or re.fullmatch(r"[A-Z]{1,2}\d{1,3}", parts[0]):
        return written, [], ""  # "FG2-P3" is P3 of focus group 2: one code, not a group and a detail
    facets: list[tuple[str, str]] = []
    for part in parts:
        kind, value = _classify_part(part)
        facets.append(("detail" if kind == "group" else kind, value))
    return head, facets, ""


def age_range(age: str) -> tuple[int, int] | None:
    """(youngest, oldest) of an age as an attribution gives it: "31" → (31, 31), "45–54" → (45, 54), "65+" and
    "75 and over" → (65, 150) and (75, 150), "40s" → (40, 49); None for anything else."""
    numbers = [int(number) for number in re.findall(r"\d{1,3}", age)]
    if _DECADE.fullmatch(age.strip()):  # "40s": forty to forty-nine
        return numbers[0], numbers[0] + 9
    if len(numbers) == 1:
        return (numbers[0], 150) if re.search(r"\+|over|older", age) else (numbers[0], numbers[0])
    return (numbers[0], numbers[1]) if len(numbers) == 2 and numbers[0] <= numbers[1] else None


def sex_named(word: str) -> str:
    """ "M" or "F" for a word that names a sex ("female", "men"), as attributions mark it ("P20_F_31"); else ""."""
    return _SEX.get(word.lower(), "") if len(word) > 1 else ""


def _classify_part(part: str) -> tuple[str, str]:
    if part.lower() in _SEX:
        return "sex", _SEX[part.lower()]
    if part.isdigit():
        return ("age", part) if 10 <= int(part) <= 110 else ("detail", part)
    if aged := _AGED.fullmatch(part):
        return "age", aged.group(1)
    if _DECADE.fullmatch(part):
        return "age", part
    return "group", part


def normalise_code(code: str, usual_shapes: set[tuple[int, int]] = frozenset()) -> str:
    """One spacing, and a letter O typed where the document's codes have a digit read as a zero: with codes
    shaped like "P07" (one letter, two digits), "PO7" is P07. Without ``usual_shapes``, an O between a letter
    and a digit is a zero."""
    code = " ".join(code.split())
    match = re.fullmatch(r"([A-Za-z]+?)([0-9Oo]+)", code)
    if match and any(ch.isdigit() for ch in match.group(2)):
        letters, digits = match.group(1).upper(), match.group(2).upper().replace("O", "0")
        if not usual_shapes or (len(letters), len(digits)) in usual_shapes:
            return letters + digits
    return code


def code_shape(code: str) -> tuple[int, int] | None:
    """(letters, digits) of a compact code such as "P07" → (1, 2); None for other codes."""
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", code)
    return (len(match.group(1)), len(match.group(2))) if match else None


def fold_code(code: str) -> str:
    """A code as compared with what a user types: case, spacing, O-for-zero and leading zeros folded ("po7", "P7"
    and "P07" → "P7")."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", normalise_code(code.upper()).replace(" ", "").upper())


# A range of codes: "N1–N8", "D1 to D4", "FG1-FG3" (its letters, first and last number).
CODE_RANGE = (r"(?P<prefix>[A-Z]{1,3})[-_]?(?P<low>\d{1,3})\s*(?:[–—-]|to)\s*(?:(?P=prefix)[-_]?)?"
              r"(?P<high>\d{1,3})")
# A report's key to its codes: "eight nurses (N1–N8)", "doctors (D1 to D4)": the group of each code in the range.
_CODE_KEY = re.compile(rf"\b(?P<noun>[A-Za-z][a-z]{{2,}})\s*\(\s*{CODE_RANGE}\s*\)")
# A table's row that keys them: the group's cell first, the range a cell of its own ("Ward staff (nurses, …) | 6 |
# WS1–WS6 | Site A"), as a reader writes a row.
_ROW_KEY = re.compile(rf"^(?P<noun>[A-Za-z][A-Za-z’' -]{{1,38}}[a-z])\s*(?:\([^()|\n]*\))?\s*\|(?:[^|\n]*\|)*?"
                      rf"\s*{CODE_RANGE}\s*(?:\||$)", re.MULTILINE)
# A group word's plural that is not its singular with "s" or "es" ("young people"); and back, with "staff" its own.
IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children"}
_SINGULAR = {plural: singular for singular, plural in IRREGULAR_PLURALS.items()} | {"staff": "staff"}


# A report's key to the letters of its codes: "P for patients, GP for general practitioners", "P = patient",
# "patients (P)". Its noun is a word or three, never a function word ("P for the …", "… to patients (P)").
_FUNCTION = r"(?:and|or|the|a|an|of|to|for|with|by|from|in|on|at|as|each|every|example|instance|short)\b"
_PREFIX_FOR = re.compile(rf"\b(?P<prefix>[A-Z]{{1,3}})\s*(?:=|\bfor\b|\bstands\s+for\b|\bdenotes\b)\s*"
                         rf"(?P<noun>(?!{_FUNCTION})[A-Za-z][a-z]+(?:\s+(?!{_FUNCTION})[a-z]+){{0,2}})\b")
_PREFIX_AFTER = re.compile(rf"\b(?P<noun>[A-Z]{{2,}}s|(?!{_FUNCTION})[A-Za-z][a-z]+(?:\s+(?!{_FUNCTION})[a-z]+)?)\s*"
                           rf"\(\s*(?P<prefix>[A-Z]{{1,3}})\s*\)")


def groups_keyed(text: str, codes: Iterable[str] = ()) -> dict[str, str]:
    """The groups a document's own key gives its codes: folded code (``fold_code``) → group, singular and
    capitalised ("Nurse"). A key gives ranges of codes ("we interviewed eight nurses (N1–N8) and four doctors
    (D1–D4)", or a table's rows, "Ward staff | 6 | WS1–WS6"), or the letters that open them ("P for patients, GP
    for general practitioners": each of ``codes`` that is those letters and a number). A key names two groups or
    more: "participants (P1–P12)" names everyone asked, no group of them."""
    keyed: dict[str, str] = {}
    for found in [*_CODE_KEY.finditer(text), *_ROW_KEY.finditer(text)]:
        low, high = int(found.group("low")), int(found.group("high"))
        if not low <= high <= low + 500:
            continue
        noun = found.group("noun")
        if " " in noun.strip() and all(word[:1].isupper() for word in noun.split()):
            continue  # a row of a place ("Ashcombe High School | … | T1–T4 |"): its codes' group is their column's
        group = singular(_qualified(text, found.start("noun"), noun) if " " not in noun else noun)
        keyed.update((f"{found.group('prefix')}{number}", group) for number in range(low, high + 1))
    keyed.update(_keyed_by_column(text))
    prefixes = {found.group("prefix"): singular(found.group("noun"))
                for pattern in (_PREFIX_FOR, _PREFIX_AFTER) for found in pattern.finditer(text)}
    for code in codes:
        lettered = re.fullmatch(r"([A-Z]{1,3})0*(\d{1,4})", code)
        if lettered and lettered.group(1) in prefixes:
            keyed.setdefault(fold_code(code), prefixes[lettered.group(1)])
    return keyed if len(set(keyed.values())) > 1 else {}


def _keyed_by_column(text: str) -> dict[str, str]:
    """A table that keys codes by place and group at once ("School | Teachers | School nurse" over "Ashcombe High
    School | T1–T4 | SN1"): a row with codes in two columns or more is a place's, and each code's group is its
    column's heading, singular ("Teacher"). Folded code → group."""
    keyed: dict[str, str] = {}
    # a table: its rows, each a line of cells (blank lines between them, as a reader writes them)
    for table in re.finditer(r"(?:^[^|\n]*(?:\|[^|\n]*){2,}(?:\n\n?|\Z))+", text, re.MULTILINE):
        header, *rows = [[cell.strip() for cell in line.split("|")] for line in table.group().split("\n") if line]
        for row in rows:
            coded = [(heading, cell) for heading, cell in zip(header, row) if _only_codes(cell)]
            if len(row) != len(header) or len(coded) < 2:
                continue
            for heading, cell in coded:
                for found in _CODES_IN_CELL.finditer(cell):
                    numbers = [found.group("one")] if found.group("one") else [
                        f"{found.group('prefix')}{number}" for number in range(int(found.group("low")),
                                                                               int(found.group("high")) + 1)]
                    keyed.update((fold_code(code), singular(heading)) for code in numbers)
    return keyed


# Codes in a table's cell, and ranges of them: "Par1–Par3", "T1 to T4", "SN1"
_CODES_IN_CELL = re.compile(rf"(?P<prefix>[A-Z][A-Za-z]{{0,3}}[-_]?)(?P<low>\d{{1,3}})\s*(?:[–—-]|to)\s*"
                            rf"(?:(?P=prefix))?(?P<high>\d{{1,3}})\b|(?P<one>{_CODE_TOKEN})")


def _only_codes(cell: str) -> bool:
    """Whether a table's cell holds codes and ranges of them only ("T1–T4", "SN1", "Y8-FG1, Y9-FG2")."""
    return bool(cell) and not re.sub(r"[\s,]", "", _CODES_IN_CELL.sub("", cell))


def _qualified(text: str, start: int, noun: str) -> str:
    """The key's ``noun`` (at ``start``) with the word before it when the document names those people by both
    words elsewhere too ("eight catering staff (CS1–CS8)" … "Catering staff described …"): the group is the
    catering staff, not all staff. A word before the noun only there ("interviewed nurses") is no part of it."""
    before = re.search(r"([A-Za-z][a-z]{2,})\s+$", text[max(0, start - 40):start])
    if before is None:
        return noun
    phrase = f"{before.group(1)} {noun}"
    said = rf"\b{re.escape(before.group(1))}\s+{re.escape(noun)}\b"  # on one line or across two
    return phrase if len(re.findall(said, text, re.IGNORECASE)) >= 2 else noun


def singular(noun: str) -> str:
    """"Nurse" of "nurses", "Deputy" of "deputies", "Coach" of "coaches", "Person" of "people", "Young person" of
    "young people"; on one line ("General practitioner" of a key that wraps between its words)."""
    noun = " ".join(noun.split())
    if re.fullmatch(r"[A-Z]{2,}s?", noun):  # "GPs": an acronym's plural
        return noun.rstrip("s")
    word = noun.lower()
    last = word.split(" ")[-1]  # "young people": its last word is its noun
    if last in _SINGULAR:
        word = word[:len(word) - len(last)] + _SINGULAR[last]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us")):  # "focus", "campus": no plurals
        word = word[:-1]
    return word[:1].upper() + word[1:]


class AttributionStyle:
    """How a document attributes quotes: the learned shapes (no pattern), or a user's regular expression with a
    named group ``code`` and optional groups ``area`` and ``group`` (or ``service``); any other named group is a
    facet (``(?P<sex>[MF])``). E.g. ``\\((?P<code>Participant \\d+), (?P<group>\\w+)\\)`` or ``\\[(?P<code>R\\d+)\\]``.
    """

    AUTO = "auto:27"  # bump when the learned shapes change, so indexes built with the old ones are rebuilt

    def __init__(self, pattern: str | None = None) -> None:
        self.pattern = pattern or None
        self.regex = attribution_regex(self.pattern) if self.pattern else None

    @property
    def key(self) -> str:
        """What identifies the style in an index's version hashes."""
        return self.pattern or self.AUTO

    def sites(self, text: str) -> list[Site]:
        """Every place ``text`` might attribute a quote, in order."""
        if self.regex is not None:
            return [self._site_from_match(match, text) for match in self.regex.finditer(text)
                    if match.group("code")]
        sites = []
        for match in _BRACKETED.finditer(text):
            attribution = parse_attribution(match.group("content"))
            if attribution is not None:
                strong = _opens_with_code(match.group("content"))
                sites.append(Site(match.start(), match.end(), attribution, strong, _opens_line(text, match.start())))
        return sites

    def dashed_site(self, text: str, position: int) -> Site | None:
        """An attribution after a dash at ``position`` ("” — Participant 7, nurse"), or alone on the next line
        ("”\nParent, Site 3", as a report prints one in italics; "(teacher, Castlemere)"), in the learned style."""
        if self.regex is not None:
            return None
        match = _DASHED.match(text, position)
        wrapped = _DASHED_WRAPPED.match(text, position) if match else None
        if wrapped and (match.group("content").rstrip().endswith(",") or not re.search(r"\d", match.group("content"))
                        and wrapped.group("rest")[:1].isdigit()):
            match = wrapped  # "– ID\n1023, business owner": the line wraps within the attribution
        match = match or _NEXT_LINE.match(text, position)
        content = " ".join(match.group("content").split()) if match else ""
        if not match and (match := _BRACKETED_LINE.match(text, position)):
            content = match.group("content")  # "(teacher, Castlemere)": a role, as "Teacher" would be…
            if content.split()[0].lower() in _NOT_A_ROLE:  # …not "(see Table 2)"
                return None
            content = content[:1].upper() + content[1:]
        if not match:
            return None
        attribution = parse_attribution(content)
        return Site(match.start(), match.end(), attribution) if attribution else None

    def _site_from_match(self, match: re.Match[str], text: str) -> Site:
        groups = {name: value for name, value in match.groupdict().items() if value}
        code = " ".join(groups.pop("code").split())
        group = (groups.pop("group", "") or groups.pop("service", "")).strip()
        area = groups.pop("area", "").strip()
        written = match.group(0).strip().strip("()[]{}").strip()
        attribution = Attribution(code=code, as_written=written, group=group, area=area,
                                  facets=tuple(sorted(groups.items())))
        line = text[match.start():text.find("\n", match.end()) if "\n" in text[match.end():] else len(text)]
        header = _opens_line(text, match.start()) and not text[match.end():match.start() + len(line)].strip()
        return Site(match.start(), match.end(), attribution, True, _opens_line(text, match.start()), header)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AttributionStyle) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


AUTO_STYLE = AttributionStyle()


def _opens_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", 0, position) + 1
    return not text[line_start:position].strip(" \t•*>")


# -- quote marks ---------------------------------------------------------------------------------------------

def is_opening_mark(text: str, position: int) -> bool:
    """A quote mark that opens a quote: after a space, bracket or the start, before a non-space."""
    char = text[position]
    if char not in OPENING_QUOTES:
        return False
    before = text[position - 1] if position else " "
    after = text[position + 1:position + 2]
    return (before.isspace() or before in "([{—–-:*_/" or before in OPENING_QUOTES) and bool(after) \
        and not after.isspace()


def is_closing_mark(text: str, position: int) -> bool:
    """A quote mark that closes a quote: after a non-space, not inside a word (an apostrophe is not a quote)."""
    char = text[position]
    if char not in CLOSING_QUOTES or position == 0 or text[position - 1].isspace():
        return False
    after = text[position + 1:position + 2]
    return not (after.isalnum() and char in "'’")


def opening_for(text: str, closing: int, floor: int) -> int | None:
    """The opening mark that the closing mark at ``closing`` ends, searching back to ``floor``; quotes nested
    inside (‘…’ in “…”, 'can do' in '…') are skipped."""
    mark = text[closing]
    opener = _PAIRS[mark]
    depth = 0
    for position in range(closing - 1, floor - 1, -1):
        char = text[position]
        if char == mark and is_closing_mark(text, position) and not (mark == opener and is_opening_mark(text, position)):
            depth += 1
        elif char == opener and is_opening_mark(text, position):
            if depth == 0:
                return position
            depth -= 1
    return None


def unclosed_opening(text: str, floor: int, limit: int) -> int | None:
    """The start of a quote opened in ``text[floor:limit]`` and not yet closed ("… said, "we never knew …
    (P07 Nurse))"): double marks first, then single."""
    for marks in ("\"“", "'‘"):
        open_at: list[int] = []
        for position in range(floor, limit):
            char = text[position]
            if char in marks and is_opening_mark(text, position) and not (open_at and char == '"'):
                open_at.append(position)
            elif char in marks.replace("“", "”").replace("‘", "’") + "”’" and open_at and is_closing_mark(text, position):
                if _PAIRS.get(char, char) == text[open_at[-1]] or char == text[open_at[-1]]:
                    open_at.pop()
        if open_at:
            return open_at[0]
    return None


@dataclass
class QuoteCandidates:
    """Quotes a document seems to have but no attribution claims, with what follows them (for a warning)."""

    unattributed: int = 0
    shapes: dict[str, list[str]] = field(default_factory=dict)  # shape -> examples as written

    def note(self, text: str, closing: int) -> None:
        self.unattributed += 1
        after = text[closing + 1:closing + 60].split("\n\n")[0]
        found = re.match(r"[\s*_.,;:]*(\([^()\n]{1,50}\)|\[[^\[\]\n]{1,50}\]|\{[^{}\n]{1,50}\}|<[^<>\n]{1,50}>|"
                         r"[—–-]{1,2}\s*[^\n.]{1,40})", after)
        if found:
            written = found.group(1).strip()
            shape = re.sub(r"[A-Z]", "A", re.sub(r"[a-z]+", "a", re.sub(r"\d+", "9", written)))
            self.shapes.setdefault(shape, [])
            if len(self.shapes[shape]) < 3 and written not in self.shapes[shape]:
                self.shapes[shape].append(written)
