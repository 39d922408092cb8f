"""Read a findings document as structure: headings, narrative paragraphs, bullet items and interview extracts.

Everything keeps its character offsets in the text, so a quote can always be checked against it. Headings and
block quotes come from the format when it marks them (``Layout``) and are inferred otherwise. Extracts are found
however the document attributes them (see ``attribution`` and ``transcripts``):

- a code after the quote, on its line or the next (``‘…’ (P20_F_31)``, ``"…" (P07 Nurse)``, ``“…” — P7``);
- a code before it (a block quote labelled ``[P14]``; a coded segment ``P4 Theme > Sub-theme quote``);
- speaker turns (a transcript, or a block of turns with one attribution line after it).

An extract carries its respondent only when the text attributes it; a quote without a code stays unattributed
and never borrows a neighbour's. Interviewer turns are context for the answer that follows, never quotes.

The parse runs in stages: ``structure`` finds paragraphs, turns, headings and sections, ``extracts`` the quotes
and who said them, and this module what only the whole document shows (codes misread, areas, coded rows);
``prose`` reads sentences for every stage after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .attribution import (_CODE_TOKEN, _TOOK_PART, AUTO_STYLE, CODE_RANGE, GATHERING, Attribution, AttributionStyle,
                          QuoteCandidates, SPEAKING, code_shape, fold_code, groups_keyed, is_by_role, normalise_code,
                          singular, takes_part)
from .extracts import ExtractBuilder
from .prose import FUNCTION_WORDS, SECTION_SEPARATOR
from .pseudonyms import named_first
from .readers.layout import Layout
from .respondent_key import keyed
from .structure import (BLOCK_QUOTE, BULLET, Extract, HEADING, PARAGRAPH, Paragraph, assign_sections, mark_headings,
                        mark_turns, paragraph_spans, split_turn_lines)
from .transcripts import label_counts
from ..types import is_place_name, place_in_details


_WORD_NUMBERED = re.compile(r"([A-Z][a-z]+\.?) (\d{1,3})")  # a code that is a word and a number: "Interview 14"
_ROW = re.compile(rf"(?P<code>{_CODE_TOKEN}) (?=[A-Z][^\n>.?!]{{0,90}} > )")
_ROW_WITHOUT_PATH = re.compile(rf"(?P<code>{_CODE_TOKEN}) (?=[A-Z])")
_PATH_STEP = re.compile(r"[^\n>.?!]{1,90}? > ")
_PLACE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")  # a place's name: "Westby", "Upper Marsham"
_NOT_THEME_END = FUNCTION_WORDS | {"i", "so", "yeah", "um", "uh", "okay", "ok", "well", "like", "you", "we", "just"}


@dataclass(frozen=True)
class Block:
    """A structural unit of the text: a heading, narrative paragraph, bullet item, block quote or turn."""

    kind: str
    start: int
    end: int
    section: str
    text: str


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    extracts: tuple[Extract, ...]
    sections: tuple[str, ...] = field(default=())
    transcript: bool = False  # mostly speaker turns
    area_name: str = ""  # what the document calls the site letter of its codes ("area"), if they carry one
    candidates: QuoteCandidates = field(default_factory=QuoteCandidates, compare=False)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def speaker_at(self, start: int, end: int) -> str | None:
        """The code of the respondent whose extract holds ``[start, end)`` ("" when it is unattributed), or None
        when no extract holds it."""
        for extract in self.extracts:
            if extract.start <= start and end <= extract.end:
                return extract.respondent.code if extract.respondent else ""
        return None

    def narrative_covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one narrative paragraph or bullet."""
        return any(block.kind in (PARAGRAPH, BULLET) and block.start <= start and end <= block.end
                   for block in self.blocks)


_LETTER_CODE = re.compile(r"([A-Z]{1,3})(\d{1,4})")  # "P07"
_WORD_NUMBER = re.compile(r"([A-Za-z]+)\s+(\d{1,4})")  # "Participant 7"


def parse_document(text: str, source: str, style: AttributionStyle = AUTO_STYLE, layout: Layout = Layout(),
                   title: str = "") -> ParsedDocument:
    """Parse a document into blocks and extracts, each with offsets into ``text``. ``style`` says how quotes are
    attributed (learned shapes by default); ``layout`` and ``title`` are what the file's format marked."""
    known = label_counts(text)
    paragraphs = [Paragraph(start, end) for start, end in split_turn_lines(text, paragraph_spans(text), known)]
    starts = _row_starts(text, paragraphs)
    mark_turns(text, paragraphs, known, layout)
    title = mark_headings(text, paragraphs, layout, title, set(starts))
    sections = assign_sections(text, paragraphs, title, layout)
    rows = _coded_rows(text, paragraphs, starts)
    builder = ExtractBuilder(text, source, title, paragraphs, style, layout, known, rows)
    builder.find()
    extracts = _abbreviated(named_first(_numbered_as_the_others(_normalised(text, builder.extracts))))
    extracts = _one_spelling_per_group(_keyed_groups(text, _roles(extracts)))
    extracts = _described_once(_kinds_of_a_role(extracts))
    extracts = _focus_groups(text, extracts)
    extracts, places = keyed(text, extracts)  # what the document's own key says of each respondent
    extracts = _described_once(_grouped_as_described(extracts))
    area_name, extracts = _areas(text, extracts)
    extracts = _told_apart(_alike(_placed_once(_named_places(text, extracts))))
    area_name = area_name or places or _word_for_places(text, {who.area for extract in extracts
                                                               if (who := extract.respondent) is not None and who.area})
    blocks = []
    for paragraph in paragraphs:
        kind = BLOCK_QUOTE if paragraph.consumed and paragraph.kind in (PARAGRAPH, BULLET) else paragraph.kind
        start = paragraph.start
        if kind == BULLET:
            chunk = text[start:paragraph.end]
            start += 1 + (len(chunk[1:]) - len(chunk[1:].lstrip()))
        blocks.append(Block(kind, start, paragraph.end, paragraph.section, text[start:paragraph.end]))
    extracts.sort(key=lambda extract: extract.start)
    return ParsedDocument(source, title, text, tuple(blocks), tuple(extracts), tuple(dict.fromkeys(sections)),
                          builder.transcript, area_name, builder.candidates)


def parse_read(document, style: AttributionStyle = AUTO_STYLE) -> ParsedDocument:
    """``parse_document`` of a ``readers.DocumentText``: its text, with the layout and title its format gave."""
    return parse_document(document.text, document.source, style, document.layout, document.title)


def _normalised(text: str, extracts: list[Extract]) -> list[Extract]:
    """Codes with a letter O where the document's other codes have a digit ("PO7" beside "P07") read as zero."""
    shapes = Counter(code_shape(e.respondent.code) for e in extracts if e.respondent and code_shape(e.respondent.code))
    usual = {shape for shape, count in shapes.items() if count >= max(2, 0.2 * sum(shapes.values()))}
    fixed = []
    for extract in extracts:
        who = extract.respondent
        if who is not None and re.search(r"[A-Za-z][Oo]\d|\d[Oo]", who.code):
            code = normalise_code(who.code, usual)
            if code != who.code:
                extract = replace(extract, respondent=replace(who, code=code))
        fixed.append(extract)
    return fixed


def _numbered_as_the_others(extracts: list[Extract]) -> list[Extract]:
    """A speaker numbered by a word that says only that they took part ("Participant 7, female, 80s"), where the
    document's other codes are that word's letter and a number ("P07", "P14"), is that code, when the document calls
    one of them both ways and says the same of them ("Participant 23, GP, Saltmere" and "(P23, GP)"), and places no
    such pair apart. They were two respondents, and the document's key to its P-codes gave "Participant 7" no group.
    (A focus group's members, "P1" to "P6", said nothing of themselves: "Participant 6" is another person.)"""
    coded = {who.code: who for extract in extracts if (who := extract.respondent) is not None
             and _LETTER_CODE.fullmatch(who.code) and who.facet("kind").lower() not in ("group", "focus group")}
    shapes = {(found.group(1), len(found.group(2))) for code in coded if (found := _LETTER_CODE.fullmatch(code))}

    def short(who: Attribution) -> str:
        numbered = _WORD_NUMBER.fullmatch(who.code)
        if not numbered or not takes_part(numbered.group(1)):
            return ""
        alike = [(letters, width) for letters, width in shapes if letters == numbered.group(1)[0].upper()]
        return f"{alike[0][0]}{int(numbered.group(2)):0{alike[0][1]}d}" if len(alike) == 1 else ""

    both = [(who, coded[code]) for extract in extracts if (who := extract.respondent) is not None
            and (code := short(who)) in coded]
    if not any(_said_alike(one, other) for one, other in both) \
            or any(one.area and other.area and one.area != other.area for one, other in both):
        return extracts  # (placed alike, every one; a group may be written more narrowly: "community nurse")
    return [replace(extract, respondent=replace(who, code=code, facets=tuple(
                facet for facet in who.facets if facet != ("role", who.code.split()[0]))))
            if (who := extract.respondent) is not None and (code := short(who)) else extract
            for extract in extracts]


def _said_alike(one: Attribution, other: Attribution) -> bool:
    """Whether two attributions say the same of their speaker: the same area, or group, both giving it."""
    return bool(one.area and one.area == other.area or one.group and one.group.lower() == other.group.lower())


def _one_spelling_per_group(extracts: list[Extract]) -> list[Extract]:
    """One group however its attributions capitalise it ("(P3, Nurse)", "(P4, nurse)"): the spelling most of them
    use, a capitalised one on a tie. Two spellings were two groups, and a count of nurses missed half of them."""
    spellings: dict[str, Counter] = {}
    for extract in extracts:
        if extract.respondent is not None and extract.respondent.group:
            spellings.setdefault(extract.respondent.group.lower(), Counter())[extract.respondent.group] += 1
    chosen = {lower: max(found, key=lambda spelling: (found[spelling], spelling[:1].isupper()))
              for lower, found in spellings.items() if len(found) > 1}
    if not chosen:
        return extracts
    return [replace(extract, respondent=replace(who, group=chosen[who.group.lower()]))
            if (who := extract.respondent) is not None and who.group.lower() in chosen else extract
            for extract in extracts]


def _roles(extracts: list[Extract]) -> list[Extract]:
    """When codes are a role and a number ("Head teacher 2", "Parent 4") and the roles differ, each role is its
    speaker's group; one word for everyone ("Participant 7") is only how the document numbers them. A word the
    attribution adds ("– Householder 3, Ashby") is then where the speaker is, or a detail (``_regrouped``). Beside
    speakers the attribution puts in groups ("[Interview 14, upland]"), one role ("[Adviser 2]") is a group too."""
    groups = {who.group for extract in extracts if (who := extract.respondent) is not None and who.group}
    roles = {role for extract in extracts if (who := extract.respondent) is not None  # (a word for everyone that is
             and (role := who.facet("role")) and (not takes_part(role) or role in groups)}  # a group beside: that one)
    if len(roles) < 2 and not (roles and groups):
        return extracts
    return _regrouped(extracts, {fold_code(who.code): role for extract in extracts
                                 if (who := extract.respondent) is not None and (role := who.facet("role")) in roles
                                 and (len(roles) >= 2 or not who.group)})


def _abbreviated(extracts: list[Extract]) -> list[Extract]:
    """A code's word shortened ("Int. 3") where the document's other codes spell it out ("Interview 14") is that
    word: the two are one numbering, and "Int. 16" is who "Interview 16" is."""
    words = {found.group(1) for extract in extracts if extract.respondent
             and (found := _WORD_NUMBERED.fullmatch(extract.respondent.code))}
    spelled = {word: full for word in words if word.endswith(".")
               for full in words if len(full) > len(word) and full.lower().startswith(word[:-1].lower())}
    if not spelled:
        return extracts
    return [replace(extract, respondent=replace(who, code=f"{spelled[found.group(1)]} {found.group(2)}"))
            if (who := extract.respondent) is not None and (found := _WORD_NUMBERED.fullmatch(who.code))
            and found.group(1) in spelled else extract for extract in extracts]


def _kinds_of_a_role(extracts: list[Extract]) -> list[Extract]:
    """Speakers whose group is a kind of another group the document names ("owner-pharmacist", "locum pharmacist"
    beside "pharmacist"; "community nurse" beside "(P17, nurse)"): the group is the one they share, and the group as
    written stays their role. Pharmacists were three groups, and "What did pharmacists say?" heard only one."""
    roles = {who.group.lower(): who.group for extract in extracts
             if (who := extract.respondent) is not None and who.group}
    kinds = {lower: roles[found.group(1)] for lower in roles
             if (found := re.search(r".[ -]([a-z'’]+)$", lower)) and found.group(1) in roles}
    if not kinds:
        return extracts
    return [replace(extract, respondent=replace(who, group=kinds[who.group.lower()],
                                                facets=(*who.facets, ("role", who.group))))
            if (who := extract.respondent) is not None and who.group.lower() in kinds else extract
            for extract in extracts]


def _grouped_as_described(extracts: list[Extract]) -> list[Extract]:
    """People the narrative names and describes ("Tom, a volunteer driver"), whom the document's key does not group:
    their group is how it describes them."""
    return [replace(extract, respondent=replace(who, group=who.facet("described")))
            if (who := extract.respondent) is not None and not who.group and who.facet("described") else extract
            for extract in extracts]


def _described_once(extracts: list[Extract]) -> list[Extract]:
    """A speaker's quotes by code alone ("(Interview 3)" in a synthesis) are those of the speaker the document
    describes under that code elsewhere ("## Interview 3 — Practice nurse, rural"): the same group, area and details,
    when it describes them one way only."""
    described: dict[str, set[Attribution]] = {}
    for extract in extracts:
        if (who := extract.respondent) is not None and who.group:
            described.setdefault(who.code, set()).add(replace(who, as_written=""))
    return [replace(extract, respondent=replace(next(iter(described[who.code])), as_written=who.as_written))
            if (who := extract.respondent) is not None and not who.group and not who.area
            and len(described.get(who.code, ())) == 1 else extract
            for extract in extracts]


def _placed_once(extracts: list[Extract]) -> list[Extract]:
    """A speaker quoted by code and group alone ("… (P07, parent)" in a paragraph) is where the document places them
    elsewhere ("— Parent, Dunmere (P07)" under a block quote), when it places them in one area only. (A speaker
    described by role alone is no one code: "a teacher" here and there may be two people.)"""
    areas: dict[str, set[str]] = {}
    for extract in extracts:
        if (who := extract.respondent) is not None and who.area and not is_by_role(who):
            areas.setdefault(who.code, set()).add(who.area)
    return [replace(extract, respondent=replace(who, area=next(iter(areas[who.code]))))
            if (who := extract.respondent) is not None and not who.area and len(areas.get(who.code, ())) == 1
            and not is_by_role(who) else extract for extract in extracts]


def _keyed_groups(text: str, extracts: list[Extract]) -> list[Extract]:
    """The groups the document's own key gives its codes (``groups_keyed``: "eight nurses (N1–N8)", "P for
    patients, GP for general practitioners"), whatever word their attributions add (``_regrouped``)."""
    keyed = groups_keyed(text, [extract.respondent.code for extract in extracts if extract.respondent])
    return _regrouped(extracts, keyed) if keyed else extracts


def _regrouped(extracts: list[Extract], groups: dict[str, str]) -> list[Extract]:
    """Each speaker whose folded code ``groups`` gives a group put in that group. The word their attribution had
    given as their group ("(GP4, Hillview)") then says where they are: their area, when the words so put aside are two
    names or more (a place is named with a capital); otherwise a detail ("(P1, day ward)")."""
    aside = {who.group for extract in extracts if (who := extract.respondent) is not None and who.group
             and who.group.lower() != groups.get(fold_code(who.code), who.group).lower()}
    places = len(aside) >= 2 and all(word[:1].isupper() for word in aside)
    regrouped = []
    for extract in extracts:
        who = extract.respondent
        group = groups.get(fold_code(who.code)) if who is not None else None
        if group is not None and group.lower() != who.group.lower():
            where = who.group if places and not who.area else ""
            extract = replace(extract, respondent=replace(
                who, group=group, area=where or who.area,
                facets=who.facets + ((("detail", who.group),) if who.group and not where else ())))
        regrouped.append(extract)
    return regrouped


# A sentence that says which codes are focus groups: "Focus groups are identified as FG1 to FG3."
_IN_SENTENCE = r"(?:[^.\n]|\n(?!\n))*"  # within one sentence of a paragraph, however its lines are broken
_FOCUS_GROUP_SENTENCE = re.compile(rf"{_IN_SENTENCE}\b(?:focus[\s-]+groups?|group\s+discussions?|group\s+interviews?)\b"
                                   rf"{_IN_SENTENCE}", re.IGNORECASE)
_CODE_RANGE = re.compile(rf"\b{CODE_RANGE}\b")
# …not one that says people took part in one: "Four of the young people (R3, R4, R5 and R6) also took part in the
# focus group"
_TAKING_PART_IN = re.compile(r"\b(?:t[ao]ok|takes?|taking)\s+part\s+in|\battend(?:ed|s|ing)?\b|\bjoin(?:ed|s|ing)?\b|"
                             r"\bparticipat(?:ed|es?|ing)\s+in|\b(?:were|was)\s+(?:also\s+)?(?:in|members\s+of)\b",
                             re.IGNORECASE)
FOCUS_GROUP_ALIASES = "focus group; focus groups; the focus group; the focus groups"


def _focus_groups(text: str, extracts: list[Extract]) -> list[Extract]:
    """The codes the document says are focus groups, in a sentence naming focus groups (or group discussions) and
    the codes, one by one or as a range ("Focus groups are identified as FG1 to FG3."): each stands for several
    people (``kind`` "focus group"), and "the focus groups" in a question names them all. Not the codes of people
    a sentence says took part in one."""
    codes = {extract.respondent.code for extract in extracts if extract.respondent}
    named: set[str] = set()
    for sentence in _FOCUS_GROUP_SENTENCE.finditer(text):
        words = sentence.group()
        if _TAKING_PART_IN.search(words):
            continue
        named |= {code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", words)}
        for found in _CODE_RANGE.finditer(words):
            low, high = int(found.group("low")), int(found.group("high"))
            numbered = [(code, re.fullmatch(rf"{found.group('prefix')}0*(\d{{1,3}})", code)) for code in codes]
            named |= {code for code, number in numbered if number and low <= int(number.group(1)) <= high}
    if not named:
        return extracts
    marked = (("kind", "focus group"), ("aliases", FOCUS_GROUP_ALIASES))
    return [replace(extract, respondent=replace(who, facets=tuple(
                (name, value) for name, value in who.facets if name not in ("kind", "aliases")) + marked))
            if (who := extract.respondent) is not None and who.code in named and not who.facet("kind") else extract
            for extract in extracts]


def _areas(text: str, extracts: list[Extract]) -> tuple[str, list[Extract]]:
    """When codes start with a letter that varies ("N10", "S02", "W20") and the text names those letters
    ("[Area D]", "Site A"), the letter is a facet: the site or area. Its name is the document's word for it. So is
    the place of attributions by role and place ("Youth worker, Site 1"), named by the word most of them share."""
    places = _places(extracts)
    if places:
        return places
    prefixes: dict[str, set[str]] = {}
    for extract in extracts:
        who = extract.respondent
        if who is not None and not who.area and re.fullmatch(r"[A-Z]\d{1,3}", who.code):
            prefixes.setdefault(who.code[0], set()).add(who.code)
    letters = {letter for letter, codes in prefixes.items() if len(codes) >= 2}
    if len(letters) < 2:
        return "", extracts
    names = Counter(match.group(1).lower() for match in re.finditer(r"\b([A-Z][a-z]{2,15}) ([A-Z])\b", text)
                    if match.group(2) in letters and match.group(1).lower() not in ("plan", "type", "class", "part"))
    if not names:
        return "", extracts
    name = names.most_common(1)[0][0]
    return name, [
        replace(e, respondent=replace(e.respondent, area=e.respondent.code[0]))
        if e.respondent is not None and not e.respondent.area and e.respondent.code[:1] in letters
        and re.fullmatch(r"[A-Z]\d{1,3}", e.respondent.code) else e
        for e in extracts
    ]


def _named_places(text: str, extracts: list[Extract]) -> list[Extract]:
    """Where speakers are, when their attributions name places and no sites are found otherwise: a part named with
    a capital after the speaker's group ("(Response 112, individual, Westby)", "– Young person, 19, North") is their
    area, when two places or more are so named and one of them by two speakers or more. A name each speaker has once
    is no place. So is a word the narrative puts before those it asked ("Practice nurse, rural", "all four rural
    interviewees"), when two such words each describe two speakers or more."""
    if any(extract.respondent.area for extract in extracts if extract.respondent):
        return extracts
    named: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}  # "rural", "urban": a kind of place, as the narrative says of people
    for extract in extracts:
        if (who := extract.respondent) is not None and who.group:
            for value in (value for kind, value in who.facets if kind == "detail"):
                if _PLACE.fullmatch(value):
                    named.setdefault(value, set()).add(who.code)
                elif re.fullmatch(r"[a-z]{3,}", value):
                    kinds.setdefault(value, set()).add(who.code)
    if len(named) < 2 or max(map(len, named.values())) < 2:
        named = {value: codes for value, codes in kinds.items() if len(codes) >= 2
                 and re.search(rf"\b{value}\s+(?:[a-z]+\s+)?{_TOOK_PART.pattern}\b", text, re.IGNORECASE)}
    if len(named) < 2:
        return extracts
    return [replace(extract, respondent=_placed_in(who, place))
            if (who := extract.respondent) is not None and who.group
            and (place := next((value for kind, value in who.facets if kind == "detail" and value in named), ""))
            else extract for extract in extracts]


def _placed_in(who: Attribution, place: str) -> Attribution:
    """``who`` in the area ``place``, which is then no detail of theirs."""
    return replace(who, area=place, facets=tuple(facet for facet in who.facets if facet != ("detail", place)))


def _alike(extracts: list[Extract]) -> list[Extract]:
    """A speaker with no area whose attribution names a place that is other speakers' area is there too: "(Int 19,
    patient, Easton)", when the participants table put Int 8 in Easton but listed the patients only as a range,
    "(aged 12, Redwick)" and "a support worker at the Redwick hub" (``types.place_in_details``); and "(SN3,
    Castlefield)", whose one part read as their group, is a place, not who they are."""
    areas = {who.area for extract in extracts if (who := extract.respondent) is not None and is_place_name(who.area)}
    if not areas:
        return extracts
    placed = []
    for extract in extracts:
        who = extract.respondent
        if who is not None and who.area and ("detail", who.area) in who.facets:  # placed by a key, and said so
            who = _placed_in(who, who.area)
        elif who is not None and not who.area and who.group in areas:
            who = replace(who, area=who.group, group="")
        elif who is not None and not who.area and (found := place_in_details(who.facets, areas))[0]:
            who = replace(who, area=found[0], facets=found[1])
        placed.append(replace(extract, respondent=who) if who is not extract.respondent else extract)
    return placed


def _told_apart(extracts: list[Extract]) -> list[Extract]:
    """Speakers a report describes by their role alone, with no code, told apart by where they are and what else it
    says of them: "a young carer (aged 12, Redwick)" is "Young carer, Redwick, aged 12", not one "Young carer" with
    every young carer's quotes, in two places at once. Those it describes alike are still one."""
    told = []
    for extract in extracts:
        who = extract.respondent
        if who is not None and is_by_role(who) and (who.area or who.facet("detail")):
            # (a detail that only says where, "Redwick hub", says no more than the area: "a support worker at the
            # Redwick hub" and "a support worker in Redwick" are described alike)
            details = [value for kind, value in who.facets if kind == "detail"
                       and value.lower() not in who.code.lower() and not (who.area and who.area in value)]
            placed = not who.area or who.area.lower() in who.code.lower()
            code = ", ".join([who.code, *([] if placed else [who.area]), *details])
            extract = replace(extract, respondent=replace(who, code=code))
        told.append(extract)
    return told


def _word_for_places(text: str, areas: set[str]) -> str:
    """What a document calls the places its attributions name ("Hillview", "Northgate"): the noun a list of them
    follows ("three GP practices (Northgate, Riverside and Hillview)"), else the one that follows two of them or more
    ("the Northgate practice", "Riverside practice staff"), singular; "" when it names none so, or they are no names."""
    names = sorted(area for area in areas if is_place_name(area))
    if len(names) < 2:
        return ""
    name = "|".join(re.escape(area) for area in names)
    for listing in re.finditer(r"\b([a-z]{3,})\s*\(([^()]{0,200})\)", text):
        # a list of the places and nothing else ("practices (Northgate, Riverside and Hillview)"), not a remark that
        # names them ("transport (a minibus in Westmoor, none in Eastgate)")
        if len(set(re.findall(rf"\b(?:{name})\b", listing.group(2)))) >= 2 \
                and not re.sub(rf"\b(?:{name})\b|\b(?:and|or)\b|[\d,;&\s]", "", listing.group(2)):
            return singular(listing.group(1)).lower()
    after = {}
    for found in re.finditer(rf"\b({name})\s+([a-z]{{3,}})\b", text):
        # "the Ashby Marsh focus group": who met there, not what it is; "Ashcombe trained 14 mentors", "a parent in
        # Brierley told us": what it did, or someone there
        if not GATHERING.match(text, found.start(2)) and not found.group(2).endswith("ed") \
                and not SPEAKING.match(text, found.start(2)):
            after.setdefault(found.group(2), set()).add(found.group(1))
    shared = [word for word, places in after.items() if len(places) >= 2 and word not in FUNCTION_WORDS]
    return singular(max(shared, key=lambda word: len(after[word]))).lower() if shared else ""


def _places(extracts: list[Extract]) -> tuple[str, list[Extract]] | None:
    """(the word, the extracts with their area) when attributions by role say where the speaker is, and one word
    names two places or more ("Site 1", "Site 3"): that word is the document's for its sites, each number or
    letter an area. None otherwise ("focus group 1" beside "Site 1": the word fewer use is a detail)."""
    places = [_place(extract) for extract in extracts]
    values: dict[str, set[str]] = {}
    for word, value in filter(None, places):
        values.setdefault(word, set()).add(value)
    sites = [word for word, found in values.items() if len(found) >= 2]
    if not sites:
        return None
    name = max(sites, key=lambda word: len(values[word]))
    return name, [replace(extract, respondent=replace(extract.respondent, area=place[1]))
                  if place and place[0] == name and not extract.respondent.area else extract
                  for extract, place in zip(extracts, places)]


def _place(extract: Extract) -> tuple[str, str] | None:
    """(the place's word, lower-cased, and its number or letter) of an attribution by role that says where ("Site 1")."""
    where = extract.respondent.facet("where") if extract.respondent else ""
    if not where:
        return None
    word, value = where.rsplit(" ", 1)
    return word.lower(), value


def _row_starts(text: str, paragraphs: list[Paragraph]) -> dict[int, tuple[int, str, int]]:
    """Paragraphs that open with a code and a theme path: {index: (end of the code, the path, where it ends)}.

    A document is an export of coded segments when several paragraphs open with a code and a path of themes
    ("P4 Purposes > Null values …"); then every paragraph that opens with a code of the same shape and a
    capitalised word is a row too, its theme having one level ("P2 Interaction Dan: …").
    """
    found: dict[int, tuple[int, str, int]] = {}
    for index, paragraph in enumerate(paragraphs):
        match = _ROW.match(text, paragraph.start, paragraph.end)
        if not match:
            continue
        position = match.end()
        while (step := _PATH_STEP.match(text, position, paragraph.end)) is not None:
            position = step.end()
        found[index] = (match.end("code"), text[match.end():position], position)
    if len(found) < 2:
        return {}
    shapes = {re.sub(r"\d+", "9", text[paragraphs[index].start:code_end]) for index, (code_end, _, _) in found.items()}
    for index, paragraph in enumerate(paragraphs):
        match = _ROW_WITHOUT_PATH.match(text, paragraph.start, paragraph.end)
        if index not in found and match and re.sub(r"\d+", "9", match.group("code")) in shapes:
            found[index] = (match.end("code"), "", match.end())
    return found


def _coded_rows(text: str, paragraphs: list[Paragraph], starts: dict[int, tuple[int, str, int]]
                ) -> dict[int, tuple[int, str, int, int]]:
    """Coded segments as a QDA tool exports them: a paragraph that opens with a respondent code and a theme path
    ("P4 Explainability purposes > Understanding null values I could just …"), in a document with several.

    Nothing separates the theme from the words, so the theme's last level is what consecutive rows under the
    same theme have in common (exports list segments theme by theme); a row alone under its theme ends its theme
    at the first capitalised word or speaker label. A row runs on over the paragraphs after it (its turns, as a
    PDF lays them out) until the next row or heading. Returns {paragraph index: (end of the code, theme, start of
    the words, end of the words)}.
    """
    found = [(index, *start) for index, start in sorted(starts.items())]
    if not found:
        return {}
    words = [text[position:paragraphs[index].end].split() for index, _, _, position in found]
    rows = {}
    for row, (index, code_end, path, position) in enumerate(found):
        shared = 0
        for other in (row - 1, row + 1):
            if 0 <= other < len(found) and found[other][2] == path:
                shared = max(shared, _common_words(words[row], words[other]))
        labels = [position for position, word in enumerate(words[row][:shared]) if word.endswith(":")]
        shared = labels[0] if labels else shared  # a speaker label ("Dan:") starts the words, never the theme
        while shared and words[row][shared - 1].lower().strip(",.") in _NOT_THEME_END:
            shared -= 1
        if not shared:
            shared = _theme_words_alone(words[row])
        theme_end = position
        for word in words[row][:shared]:
            theme_end = text.index(word, theme_end) + len(word)
        while theme_end < paragraphs[index].end and text[theme_end].isspace():
            theme_end += 1
        theme = SECTION_SEPARATOR.join(part.strip() for part in (path + " ".join(words[row][:shared])).split(" > "))
        last = index
        following_row = found[row + 1][0] if row + 1 < len(found) else len(paragraphs)
        while last + 1 < following_row and paragraphs[last + 1].kind != HEADING:
            last += 1
        rows[index] = (code_end, theme, theme_end, paragraphs[last].end)
    return rows


def _common_words(first: list[str], second: list[str]) -> int:
    count = 0
    for a, b in zip(first, second):
        if a != b:
            break
        count += 1
    return min(count, 12)


def _theme_words_alone(words: list[str]) -> int:
    """How many words a theme's last level has when no neighbouring row shares it: up to a speaker label, else
    up to a capitalised word that starts the quote."""
    for position, word in enumerate(words[:12]):
        if word.endswith(":") and re.fullmatch(r"[A-Z][a-z]+:", word):
            return position
    for position, word in enumerate(words[:12]):
        if position and word[:1].isupper():
            return position
    return min(2, len(words))
