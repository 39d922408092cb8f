"""Respondents as the documents attribute them: one record per (document, code), with the facets its attributions
carry (group or role, site or area, sex, age, speaker, …) in the report's own words.

An optional respondents table in the library folder (``respondents.csv``: what QDA tools call case attributes)
adds or corrects facets and gives aliases. Its columns are ``document``, ``code``, ``group``, ``area``,
``aliases`` and any others (each a facet). A row with a code describes that respondent (in that document, or in
every document when ``document`` is empty); a row with no code but a ``group`` gives that group's aliases
("RNs; nursing staff"), and one with only an ``area`` gives the area's. ``kind`` = ``group`` marks a code that
stands for several people (a focus group), so it never counts as one identifiable person.

Question understanding, filters, the sidebar, the Respondents tab, the small-group notice and the evals read
respondents from a ``Directory``. Pure logic: no ML.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .attribution import IRREGULAR_PLURALS, fold_code
from ..errors import DocumentError
from ..text import is_person_word
from ..types import Passage, is_place_name, place_in_details, respondent_label

TABLE_NAME = "respondents.csv"
KEY_SEPARATOR = "::"
CODES_KEPT = 50_000  # codes whose patterns are kept (``_code_pattern``); a library of 100,000 passages has a few hundred
_FIXED_COLUMNS = ("document", "code", "group", "area", "aliases")


_ROLE_FACETS = ("role", "detail")  # the facets that may say someone's role within their group


def respondent_key(document: str, code: str) -> str:
    """The identity of a respondent: codes are only unique within a document ("report.pdf::P01")."""
    return f"{document}{KEY_SEPARATOR}{code}"


def split_key(key: str) -> tuple[str, str]:
    """(document, code) of a respondent key."""
    document, _, code = key.rpartition(KEY_SEPARATOR)
    return document, code


@dataclass(frozen=True)
class Respondent:
    """One respondent (or one group that speaks as one, such as a focus group) of one document."""

    document: str
    code: str
    group: str = ""
    area: str = ""
    facets: tuple[tuple[str, str], ...] = ()
    extracts: int = 0  # attributed extracts

    @functools.cached_property
    def key(self) -> str:
        return respondent_key(self.document, self.code)

    @property
    def label(self) -> str:
        return respondent_label(self.code, self.group, area=self.area)

    @property
    def is_individual(self) -> bool:
        """False for a code that stands for several people (``kind`` = group in the respondents table)."""
        return dict(self.facets).get("kind", "").lower() not in ("group", "focus group")

    def facet(self, name: str) -> str:
        return dict(self.facets).get(name, "")


@dataclass(frozen=True)
class RespondentTable:
    """The library's respondents table: facets by (document, code), and aliases of groups and areas."""

    rows: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()  # (document or "", code, facets)
    group_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    area_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    text: str = ""

    @classmethod
    def parse(cls, text: str, name: str = TABLE_NAME) -> "RespondentTable":
        """Read the CSV text; a table that cannot be used is a ``DocumentError`` saying why."""
        if not text.strip():
            return cls()
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        columns = [column.strip().lower() for column in reader.fieldnames or ()]
        if "code" not in columns and "group" not in columns:
            raise DocumentError(f"{name} needs a header row with at least the columns code and group "
                                f"(found: {', '.join(columns) or 'none'}).")
        rows, groups, areas = [], [], []
        for number, raw in enumerate(reader, start=2):
            row = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items() if key}
            aliases = tuple(alias.strip() for alias in re.split(r"[;|]", row.get("aliases", "")) if alias.strip())
            if row.get("code"):
                facets = tuple((key, value) for key, value in row.items()
                               if key not in ("document", "code") and value)
                rows.append((row.get("document", ""), row["code"], facets))
            elif row.get("group"):
                groups.append((row["group"], aliases))
            elif row.get("area"):
                areas.append((row["area"], aliases))
            elif any(row.values()):
                raise DocumentError(f"{name}, line {number}: a row needs a code, a group or an area.")
        return cls(tuple(rows), tuple(groups), tuple(areas), text)

    @classmethod
    def load(cls, folder: Path) -> "RespondentTable":
        path = Path(folder) / TABLE_NAME
        if not path.is_file():
            return cls()
        try:
            return cls.parse(path.read_text(encoding="utf-8-sig"), path.name)
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise DocumentError(f"{path} cannot be read as a CSV table ({error}).") from error

    def facets_for(self, document: str, code: str) -> dict[str, str]:
        """What the table says of a respondent: rows for every document first, then the document's own."""
        facets: dict[str, str] = {}
        folded = fold_code(code)
        for scope in ("", document):
            for row_document, row_code, row_facets in self.rows:
                if row_document == scope and fold_code(row_code) == folded:
                    facets.update(row_facets)
        return facets

    def version(self, document: str) -> str:
        """What in the table concerns ``document``, as text: part of the document's version in the index."""
        return repr([row for row in self.rows if row[0] in ("", document)])


@dataclass(frozen=True)
class FilterChoices:
    """The values each filter can take, given the others."""

    groups: list[str]
    areas: list[str]
    respondents: list[Respondent]
    documents: list[str]


@dataclass
class Directory:
    """Every respondent of the library, and the words that name its groups and areas."""

    respondents: dict[str, Respondent] = field(default_factory=dict)  # key -> respondent
    group_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    area_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    area_name_of: dict[str, str] = field(default_factory=dict)  # document -> what it calls its areas ("site")
    also_coded: dict[str, str] = field(default_factory=dict)  # key in another document -> the person's key

    @property
    def area_names(self) -> tuple[str, ...]:
        """What the documents call their sites or areas ("area", "site"), each once."""
        return tuple(dict.fromkeys(self.area_name_of.values()))

    def documents_naming_areas(self, name: str) -> tuple[str, ...]:
        """The documents whose areas are called ``name`` ("School A" is one of theirs), when the library's documents
        call theirs by different words; () when they all use one (any of them may be meant)."""
        if len(self.area_names) < 2:
            return ()
        return tuple(document for document, own in self.area_name_of.items() if own == name.lower())

    def area_label(self, value: str, documents: Sequence[str] = ()) -> str:
        """How an area is named to a reader: "Area B", "Site 3", by the word of the documents in question."""
        if is_place_name(value):  # "Hillview": a name, not a letter or number of one
            return value
        names = [self.area_name_of[document] for document in documents if document in self.area_name_of]
        return f"{(names or list(self.area_names) or ['area'])[0].capitalize()} {value}"

    @classmethod
    def from_passages(cls, passages: Iterable, table: RespondentTable = RespondentTable(),
                      area_names: dict[str, str] | None = None) -> "Directory":
        """Respondents from attributed passages (``types.Passage``), aliases from ``table``; one person quoted in
        several documents (``documents.people``) as their own document codes them, known by each code."""
        counts: dict[str, int] = {}
        first: dict[str, object] = {}  # each one's first passage in their own document…
        first_anywhere: dict[str, object] = {}  # …or elsewhere (a person another document quotes too)
        also_coded: dict[str, str] = {}
        for passage in passages:
            if passage.kind == "quote" and passage.code:
                key, own = passage.respondent, respondent_key(passage.source, passage.code)
                counts[key] = counts.get(key, 0) + 1
                (first if own == key else first_anywhere).setdefault(key, passage)
                if own != key:
                    also_coded.setdefault(own, key)
        people = {}
        for key in counts:
            passage = first.get(key) or first_anywhere[key]
            facets = tuple((name, value) for name, value in passage.facets if name != "speaker")
            people[key] = Respondent(passage.source, passage.code, passage.group, passage.area, facets, counts[key])
        return cls(people, dict(table.group_aliases), dict(table.area_aliases), dict(area_names or {}), also_coded)

    # Worked out once: a directory is not changed after it is made, and a library may hold tens of thousands.
    @functools.cached_property
    def _groups(self) -> list[str]:
        counts: dict[str, int] = {}
        for person in self.respondents.values():
            if person.group:
                counts[person.group] = counts.get(person.group, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))

    @functools.cached_property
    def _areas(self) -> list[str]:
        return sorted({person.area for person in self.respondents.values() if person.area})

    @functools.cached_property
    def holds_separate_studies(self) -> bool:
        """Whether the library's documents are separate studies (``separate_studies``), so that what is quoted
        from them is told by document."""
        return separate_studies((person.group, person.document) for person in self.respondents.values())

    @functools.cached_property
    def _documents(self) -> list[str]:
        return sorted({person.document for person in self.respondents.values()}
                      | {split_key(key)[0] for key in self.also_coded})  # (a report whose people are all joined)

    @functools.cached_property
    def _codes(self) -> list[str]:
        return sorted({person.code for person in self.respondents.values()}, key=_natural)

    @functools.cached_property
    def shared_codes(self) -> frozenset[str]:
        """The codes respondents of more than one document have ("P1" of two interviews, or one person's in a report
        and in their transcript): alone, they do not say whose words, or which document's, are quoted."""
        documents: dict[str, set[str]] = {}
        for key in [*self.respondents, *self.also_coded]:
            document, code = split_key(key)
            documents.setdefault(code, set()).add(document)
        return frozenset(code for code, found in documents.items() if len(found) > 1)

    @functools.cached_property
    def _ordered(self) -> list[Respondent]:
        return sorted(self.respondents.values(), key=lambda p: (p.document, p.group, _natural(p.code)))

    @functools.cached_property
    def _by_folded_code(self) -> dict[str, list[Respondent]]:
        found: dict[str, list[Respondent]] = {}
        for person in self.respondents.values():
            found.setdefault(fold_code(person.code), []).append(person)
        for key, person in self.also_coded.items():  # "Response 1045" of the export, "ID 1045" in the report
            people = found.setdefault(fold_code(split_key(key)[1]), [])
            if self.respondents[person] not in people:
                people.append(self.respondents[person])
        return found

    @functools.cached_property
    def _aliases(self) -> list[tuple[re.Pattern[str], str]]:
        """The respondents table's aliases, and a code that says where its speaker is by what comes before
        ("Head teacher 2" of "Head teacher 2, School B")."""
        named = [(alias.strip(), person.key) for person in self.respondents.values()
                 for alias in person.facet("aliases").split(";") if alias.strip()]
        numbered = [(head, person.key) for person in self.respondents.values() if person.facet("where")
                    and (head := person.code.split(",")[0]) != person.code and re.search(r"\d", head)]
        # a code that says who by a code of its own after the comma ("FG2" of "Parent, FG2"), when no one else's does
        tail_of = {person.key: tail for person in self.respondents.values() if (tail := _coded_tail(person.code))}
        tails = Counter(tail_of.values())
        tagged = [(tail, key) for key, tail in tail_of.items() if tails[tail] == 1]
        return [(re.compile(rf"\b{re.escape(alias)}\b(?!,)", re.IGNORECASE), key)
                for alias, key in named + numbered + tagged]

    # -- what there is ------------------------------------------------------------------------------------
    def groups(self) -> list[str]:
        """Group names, in the documents' words, most respondents first."""
        return list(self._groups)

    def areas(self) -> list[str]:
        return list(self._areas)

    def documents(self) -> list[str]:
        return list(self._documents)

    def codes(self) -> list[str]:
        return list(self._codes)

    def numbered_in(self, text: str) -> list[str]:
        """What ``text`` names as the library numbers its respondents by a word ("Org 12" where the codes are "Org 3",
        "Org 5", …), known or not: a word two codes or more are made of, and a number."""
        return [match.group() for match in self._numbered.finditer(text)] if self._numbered else []

    @functools.cached_property
    def _numbered(self) -> re.Pattern[str] | None:
        words = Counter(numbered.group(1).lower() for code in self._codes
                        if (numbered := re.fullmatch(r"([A-Za-z]+)\s+\d{1,4}", code)))
        named = [word for word, count in words.items() if count >= 2]
        return re.compile(rf"\b(?:{'|'.join(map(re.escape, named))})\s+\d{{1,4}}\b", re.IGNORECASE) if named else None

    def with_facet(self, name: str, value: str) -> list[str]:
        """Keys of the respondents whose attributions give ``name`` as ``value`` (sex "F"), in the usual order."""
        return [person.key for person in self._ordered if person.facet(name) == value]

    def named(self, keys: Iterable[str]) -> list[Respondent]:
        return [self.respondents[key] for key in keys if key in self.respondents]

    def matching(self, groups: Sequence[str] = (), areas: Sequence[str] = (), keys: Sequence[str] = (),
                 documents: Sequence[str] = ()) -> list[Respondent]:
        """Respondents in scope of the given facet values (each empty = any), in a stable order."""
        if not (groups or areas or keys or documents):
            return list(self._ordered)
        keys = set(keys)
        return [
            person for person in self._ordered
            if (not groups or person.group in groups) and (not areas or person.area in areas)
            and (not keys or person.key in keys)
            and (not documents or not self._documents_of.get(person.key, {person.document}).isdisjoint(documents))
        ]

    @functools.cached_property
    def _documents_of(self) -> dict[str, set[str]]:
        """The documents of each person quoted in several (``also_coded``): theirs, and those that quote them too."""
        found: dict[str, set[str]] = {}
        for key, person in self.also_coded.items():
            found.setdefault(person, {split_key(person)[0]}).add(split_key(key)[0])
        return found

    def choices(self, documents: Sequence[str], group: str | None = None, area: str | None = None,
                respondent: str | None = None, document: str | None = None) -> "FilterChoices":
        """What each filter may still offer given the others: each list is narrowed by every other choice, so
        no combination of choices is empty. ``documents`` are all the library's files (some may quote nobody)."""
        def people(skip: str) -> list[Respondent]:
            chosen = {"group": group, "area": area, "respondent": respondent, "document": document}
            chosen[skip] = None
            return self.matching(*([value] if value else [] for value in chosen.values()))

        who = group or area or respondent
        return FilterChoices(
            groups=[name for name in self.groups() if any(p.group == name for p in people("group"))],
            areas=sorted({p.area for p in people("area") if p.area}),
            respondents=people("respondent"),
            documents=sorted({p.document for p in people("document")}) if who else sorted(documents),
        )

    def by_code(self, code: str, documents: Sequence[str] = ()) -> list[Respondent]:
        """The respondents with ``code`` (folded for case, spacing and O-for-zero), one per document."""
        return [person for person in self._by_folded_code.get(fold_code(code), [])
                if not documents or person.document in documents]

    def resolve(self, values: Iterable[str]) -> list[str]:
        """Keys for respondents given as keys or codes ("P07", "po7", "report.pdf::P01")."""
        keys: list[str] = []
        for value in values:
            if value in self.respondents or value in self.also_coded:
                keys.append(self.also_coded.get(value, value))
            else:
                keys.extend(person.key for person in self.by_code(split_key(value)[1] if KEY_SEPARATOR in value
                                                                  else value))
        return list(dict.fromkeys(keys))

    # -- reading questions --------------------------------------------------------------------------------
    @functools.cached_property
    def code_nouns(self) -> tuple[str, ...]:
        """The words respondents' codes are made of, when they name what the respondents are ("Pharmacist A",
        "Pharmacist B" → "pharmacist", "pharmacists"): words of three letters or more in most of one document's
        codes, two at least."""
        codes: dict[str, int] = {}
        counted: dict[tuple[str, str], int] = {}
        for person in self.respondents.values():
            codes[person.document] = codes.get(person.document, 0) + 1
            for word in {word.lower() for word in re.findall(r"[A-Za-z]{3,}", person.code)}:
                counted[person.document, word] = counted.get((person.document, word), 0) + 1
        words = dict.fromkeys(word for (source, word), count in counted.items() if count >= max(2, codes[source] / 2))
        return tuple(term for word in words for term in (word, *_plurals(word)))

    def group_terms(self) -> list[tuple[str, str]]:
        """(term, group) for every way the library names a group: its name, plural, and aliases, and the word that
        qualifies a role of two words or more when no other group starts with it ("catering" of "Catering manager":
        "catering staff"); longest first."""
        terms: dict[str, str] = {}
        first_words: dict[str, list[str]] = {}
        for group in self.groups():
            for term in (*(spelling for name in _choices(group) for spelling in (name, *_plurals(name))),
                         *self.group_aliases.get(group, ())):
                terms.setdefault(term.lower(), group)
            if " " in group:
                first_words.setdefault(group.split()[0].lower(), []).append(group)
        for word, groups in first_words.items():
            if len(groups) == 1 and len(word) >= 4:
                terms.setdefault(word, groups[0])
        for head, groups in self._heads_of_groups.items():  # "tutors" of "College tutor"
            for term in (head, *_plurals(head)):
                terms.setdefault(term, groups[0])
        for letters, group in self._letters_of_groups.items():
            for term in (letters, f"{letters}s"):
                terms.setdefault(term.lower(), group)
        for group, aliases in self.group_aliases.items():
            if group in self.groups():
                for alias in aliases:
                    terms.setdefault(alias.lower(), group)
        return sorted(terms.items(), key=lambda item: -len(item[0]))

    @functools.cached_property
    def _heads_of_groups(self) -> dict[str, list[str]]:
        """The last word of each group named in two words or more ("tutor" of "College tutor"), when it ends no other
        group's name and is no word for people in general ("worker" of "Youth worker", "person" of "Young person"):
        a question that calls them by it ("Did tutors agree?") asks about that group."""
        heads: dict[str, list[str]] = {}
        for group in self.groups():
            if " " in group and " of " not in group:
                heads.setdefault(group.split()[-1].lower(), []).append(group)
        return {head: groups for head, groups in heads.items() if len(groups) == 1 and len(head) >= 4
                and not any(is_person_word(term) for term in (head, *_plurals(head)))}

    def role_terms(self) -> list[tuple[str, str]]:
        """(term, role) for each role the attributions give some members of a group and not all ("ward manager" of
        Ward staff, "owner-pharmacist" of Pharmacist): the role and its plural, longest first. A role is a detail
        of one to four words, no number, that names no group."""
        return list(self._role_terms)

    def with_role(self, role: str) -> list[str]:
        """Keys of the respondents whose attributions give them ``role`` (as a role or detail), in the usual order."""
        return [person.key for person in self._ordered
                if any(kind in _ROLE_FACETS and value.lower() == role.lower() for kind, value in person.facets)]

    @functools.cached_property
    def _role_terms(self) -> tuple[tuple[str, str], ...]:
        named = {term for term, _ in self.group_terms()}
        members = Counter(person.group for person in self.respondents.values())
        holders: dict[str, set[str]] = {}
        for person in self.respondents.values():
            for kind, value in person.facets:
                # (a detail with a capital is a name: "Coldwell", "Hollins Park" are where they are, no role)
                if kind in _ROLE_FACETS and re.fullmatch(r"[a-z][a-z'’-]*(?: [a-z'’-]+){0,3}", value.lower()) \
                        and (kind == "role" or value[:1].islower()):
                    holders.setdefault(value.lower(), set()).add(person.key)
        terms = {}
        for role, keys in holders.items():
            groups = Counter(self.respondents[key].group for key in keys)
            if role not in named and all(count < members[group] for group, count in groups.items()):
                for term in (role, *_plurals(role)):
                    terms.setdefault(term.lower(), role)
        return tuple(sorted(terms.items(), key=lambda item: -len(item[0])))

    @functools.cached_property
    def _letters_of_groups(self) -> dict[str, str]:
        """The letters that open the codes of every member of a group and of no one else's, two or more ("GP" of
        GP1, GP4, a general practitioner's): the group's name in short ("What do the GPs think?")."""
        letters: dict[str, set[str]] = {}
        for person in self.respondents.values():
            opening = re.match(r"([A-Z]{2,4})\d", person.code)
            letters.setdefault(opening.group(1) if opening else "", set()).add(person.group)
        by_group: dict[str, set[str]] = {}
        for opening, groups in letters.items():
            for group in groups:
                by_group.setdefault(group, set()).add(opening)
        return {opening: group for opening, groups in letters.items() if opening and len(groups) == 1
                and (group := next(iter(groups))) and by_group[group] == {opening}}

    def area_terms(self) -> list[tuple[str, str]]:
        """(term, area) for every way the library names an area: the name of one that has a name ("Hillview"),
        and the aliases the respondents table gives; longest first."""
        terms: dict[str, str] = {area.lower(): area for area in self.areas() if is_place_name(area)}
        for area in self.areas():
            for alias in self.area_aliases.get(area, ()):
                terms.setdefault(alias.lower(), area)
        return sorted(terms.items(), key=lambda item: -len(item[0]))

    def codes_in(self, text: str) -> list[str]:
        """Keys of the respondents whose codes (or aliases in the respondents table) ``text`` names as whole
        words ("what did do3 say", "participant 7", "the focus group"), in the order named; a code several
        documents share names each of them."""
        return list(dict.fromkeys(key for _, _, key in self.code_spans(text)))

    def code_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every respondent ``text`` names, in order."""
        found: list[tuple[int, int, str]] = []
        for code in set(self.codes()):
            for match in _code_pattern(code).finditer(text):
                found.extend((match.start(), match.end(), person.key) for person in self.by_code(code))
        for alias, key in self._aliases:
            found.extend((match.start(), match.end(), key) for match in alias.finditer(text))
        for match in _BY_NUMBER.finditer(text):  # "respondent 2210" of "ID 2210", when one code has that number
            codes = self._numbers.get(int(match.group("number")), ())
            people = [person for code in codes for person in self.by_code(code)]
            # (or a code of each document: a survey's export has "Response 2210" where its report has "ID 2210")
            if people and len({person.document for person in people}) == len(people) \
                    and not any(start <= match.start() < end for start, end, _ in found):
                found.extend((match.start(), match.end(), person.key) for person in people)
        return sorted(found)

    @functools.cached_property
    def _numbers(self) -> dict[int, set[str]]:
        """The codes with each number (the last in the code: "ID 2210" 2210, "SU04" 4)."""
        numbers: dict[int, set[str]] = {}
        for code in self._codes:
            if found := re.search(r"(\d+)\D*$", code):
                numbers.setdefault(int(found.group(1)), set()).add(code)
        return numbers


# A respondent asked for by number alone: "respondent 2210", "participant 7", "ID 2210", "#12"
_BY_NUMBER = re.compile(r"(?:\b(?:respondents?|participants?|interviewees?|informants?|id)\s*(?:no\.?\s*|number\s+)?|#)"
                        r"(?P<number>\d{1,5})\b", re.IGNORECASE)


def separate_studies(people: Iterable[tuple[str, str]]) -> bool:
    """Whether people ((group, document) of each person) are best told by document: they are of several documents,
    none of their groups is in more than one, and a document holds more than one of them (a library of separate
    studies, where "Nurse 2 of 8; (no group) 4 of 35" says little; not a study's interviews, a file each, where
    the file says no more than its one respondent's code does)."""
    documents_of: dict[str, set[str]] = {}
    people_in: Counter[str] = Counter()
    for group, document in people:
        documents_of.setdefault(group, set()).add(document)
        people_in[document] += 1
    return len(people_in) > 1 and max(people_in.values()) > 1 and \
        not any(len(documents) > 1 for group, documents in documents_of.items() if group)


def one_spelling_per_group(passages: Sequence[Passage]) -> list[Passage]:
    """``passages`` with each group spelt one way across the library: "Care worker" in a transcript's speaker labels
    and "care worker" in the report that quotes it are one group. A spelling in lower case wins (a role as prose
    writes it; a capital starts a label), else the one most extracts have."""
    spellings: dict[str, Counter[str]] = {}
    for passage in passages:
        if passage.group:
            spellings.setdefault(passage.group.casefold(), Counter())[passage.group] += 1
    chosen = {folded: max(counts, key=lambda spelling: (spelling == spelling.lower(), counts[spelling]))
              for folded, counts in spellings.items() if len(counts) > 1}
    if not chosen:
        return list(passages)
    return [replace(passage, group=chosen.get(passage.group.casefold(), passage.group)) if passage.group else passage
            for passage in passages]


def placed_where_others_are(passages: Sequence[Passage]) -> list[Passage]:
    """``passages`` with a speaker whose attribution names, as a detail, a place that others in the library are in
    placed there too (``types.place_in_details``): a transcript's "P4 (Care worker, Tollbrook)", when only the
    report quoting it puts people in Tollbrook."""
    areas = {passage.area for passage in passages if is_place_name(passage.area)}
    placed = []
    for passage in passages:
        if areas and passage.facets and not passage.area and (found := place_in_details(passage.facets, areas))[0]:
            passage = replace(passage, area=found[0], facets=found[1])
        placed.append(passage)
    return placed


def listed(codes: Iterable[str]) -> str:
    """Codes (or labels) as one list: separated by semicolons when one holds a comma ("Youth worker, Site 1")."""
    codes = list(codes)
    return ("; " if any("," in code for code in codes) else ", ").join(codes)


def _coded_tail(code: str) -> str:
    """The code after a label's comma ("FG2" of "Parent, FG2"), or ""."""
    head, comma, tail = code.rpartition(",")
    tail = tail.strip()
    return tail if comma and head.strip() and code_shaped_tokens(tail) == [tail] else ""


def code_shaped_tokens(text: str) -> list[str]:
    """Tokens a user may mean as a respondent code though the library has none such ("Z77", "P99")."""
    return re.findall(r"(?<![\w-])[A-Z][A-Za-z]{0,3}[0-9Oo]?\d{1,3}(?![\w-])", text)


@functools.lru_cache(maxsize=CODES_KEPT)
def _code_pattern(code: str) -> re.Pattern[str]:
    """A code as a user might type it: any case, any spacing inside, O for a zero, leading zeros left out ("po7",
    "P7" for P07); a member of a group ("FG3, Participant B") in either order ("Participant B in FG3"). Kept per
    code: every question is read for each of the library's codes."""
    member = _MEMBER_OF.fullmatch(code)
    if member:
        group, one = _as_typed(member.group("group")), _as_typed(member.group("member"))
        return re.compile(rf"(?<![\w-])(?:{group},?\s*{one}|{one}\s+(?:in|of|from)\s+(?:the\s+)?{group})(?![\w-])",
                          re.IGNORECASE)
    return re.compile(rf"(?<![\w-]){_as_typed(code)}(?![\w-])", re.IGNORECASE)


# A member of a group, as a code names one: "FG3, Participant B"
_MEMBER_OF = re.compile(r"(?P<group>[^,]+),\s+(?P<member>(?:Participant|Respondent|Member|Speaker|Person)\s+\w+)")


def _as_typed(code: str) -> str:
    """The pattern of ``code`` as a user might type it (``_code_pattern``)."""
    parts = []
    for position, char in enumerate(code):
        if char == "0":
            leading = not code[position - 1:position].isdigit() and code[position + 1:position + 2].isdigit()
            parts.append("[0Oo]?" if leading else "[0Oo]")
        elif char.isspace():
            parts.append(r"\s*")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _choices(group: str) -> list[str]:
    """A group's name and, when it offers a choice of words ("Parent/carer of a child with SEND"), each in its
    place ("Parent of a child with SEND", "carer of a child with SEND")."""
    found = re.search(r"\b(\w+)/(\w+)\b", group)
    if not found:
        return [group]
    return [group, *(f"{group[:found.start()]}{word}{group[found.end():]}" for word in found.groups())]


def _plurals(word: str) -> list[str]:
    """How a group's name reads in the plural ("nurses", "pharmacies", "young people", "carers of a child")."""
    named, of, qualified = word.partition(" of ")
    if of:
        return [f"{plural}{of}{qualified}" for plural in _plurals(named)]
    head, _, last = word.rpartition(" ")
    if last.lower() in IRREGULAR_PLURALS:
        return [f"{head} {IRREGULAR_PLURALS[last.lower()]}".strip()]
    lower = word.lower()
    if lower.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _natural(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))
