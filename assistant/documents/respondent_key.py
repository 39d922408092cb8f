"""A document's own key to its respondents: a table whose first column holds the codes its quotes are attributed by
("R3 | Parent/carer | North Moors") and whose other columns say who each one is. The column headed by a kind of
place ("Region", "Site", "Ward") gives each respondent's area; the first other column (headed "Type", "Role", or
whatever the document calls it) their group; any further columns are details under their own headings. What an
attribution says itself comes first; the key fills in what it leaves out, as a respondents table does."""

from __future__ import annotations

import re
from dataclasses import replace

from .attribution import fold_code, sex_named, singular
from .structure import Extract

KEY_ROWS = 3  # a key names this many of the document's respondents at least…
KEY_SHARE = 0.5  # …and they are this share of its rows at least
_CELLS = re.compile(r"\s*\|\s*")
_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")  # under a header: "|---|:---:|"
# Headings of a column of places: what a key calls where each respondent is.
_PLACE_HEADING = re.compile(r"(?:areas?|sites?|regions?|locations?|localit(?:y|ies)|wards?|districts?|towns?|"
                            r"count(?:y|ies)|boroughs?|neighbou?rhoods?|places?|case[\s-]+stud(?:y|ies)(?:\s+areas?)?)",
                            re.IGNORECASE)
_EVERYWHERE = re.compile(r"(?:all|every|several|multiple|various)\b.*|n/?a|-+|–|—", re.IGNORECASE)  # no one place


def keyed(text: str, extracts: list[Extract]) -> tuple[list[Extract], str]:
    """``extracts`` with what the document's key says of each one's respondent filled in, and what the key calls
    their places ("region"; "" when it names none)."""
    codes = {fold_code(extract.respondent.code) for extract in extracts if extract.respondent}
    for header, rows in _tables(text):
        known = {fold_code(cells[0]): cells[1:] for cells in rows if fold_code(cells[0]) in codes}
        if len(known) < KEY_ROWS or len(known) < KEY_SHARE * len(rows):
            continue
        columns = header[1:]
        place = next((n for n, name in enumerate(columns) if _PLACE_HEADING.fullmatch(name)), None)
        group = next((n for n in range(len(columns)) if n != place and _names_kinds(n, known.values())), None)
        return [_filled(extract, known, columns, group, place) for extract in extracts], \
            singular(columns[place]).lower() if place is not None else ""
    return extracts, ""


def _filled(extract: Extract, known: dict[str, list[str]], columns: list[str], group: int | None,
            place: int | None) -> Extract:
    who = extract.respondent
    cells = known.get(fold_code(who.code)) if who else None
    if who is None or cells is None:
        return extract
    area = cells[place] if place is not None and not _EVERYWHERE.fullmatch(cells[place]) else ""
    details = tuple(detail for n in range(len(columns)) if n not in (group, place) and cells[n]
                    for detail in [_detail(columns[n], cells[n])] if not who.facet(detail[0]))
    return replace(extract, respondent=replace(who, group=who.group or (cells[group] if group is not None else ""),
                                               area=who.area or area, facets=who.facets + details))


def _names_kinds(column: int, rows) -> bool:
    """Whether the cells of ``column`` name kinds of people ("Parent/carer", "Bus operator", "GP"): words or an
    acronym, not a number (an age, a year) or a letter (a sex, "M")."""
    cells = [row[column] for row in rows if row[column]]
    return bool(cells) and all(re.search(r"[A-Za-z]{3}|\b[A-Z]{2,}s?\b", cell) and not re.search(r"\d", cell)
                               and not sex_named(cell) for cell in cells)


def _detail(heading: str, value: str) -> tuple[str, str]:
    """A detail of the key as attributions mark it: a sex as "F" or "M" ("Gender: Female"), else under its heading."""
    sex = sex_named(value) or (value.upper() if heading.lower() in ("sex", "gender") and value.upper() in "MF" else "")
    return ("sex", sex) if sex else (heading.lower(), value)


def _tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """The tables of ``text`` as (header cells, rows of cells): runs of lines whose cells are parted by "|", as many
    in every line, blank lines and a header's rule ("|---|---|") aside."""
    tables, run = [], []
    for line in [*text.split("\n"), "end"]:
        if not line.strip() or _RULE.fullmatch(line.strip()):
            continue
        cells = [cell.strip() for cell in _CELLS.split(line.strip().strip("|"))] if "|" in line else []
        if cells and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        if len(run) > KEY_ROWS:
            tables.append((run[0], run[1:]))
        run = [cells] if cells else []
    return tables
