"""The small-group rule: when what is shown or exported narrows to one or two respondents of a group, remind
the user that such small groups can identify people. Pure logic: no streamlit, no ML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..documents.respondents import Directory, listed
from ..types import Filters

# Groups of this many respondents or fewer can identify people (a common statistical-disclosure rule of thumb
# for qualitative reports, where area + group already narrows a lot).
SMALL_GROUP = 2


def respondents_in_scope(directory: Directory, filters: Filters) -> list[str]:
    """The individual respondents (not a focus group) that ``filters``' who-fields leave, as keys."""
    people = directory.matching(filters.groups, filters.areas, filters.respondents, filters.sources)
    return [person.key for person in people if person.is_individual]


def filters_from_dict(filters: Mapping[str, Sequence[str]]) -> Filters:
    """``Answer.filters`` (field -> values) back into ``Filters``."""
    known = set(Filters.__dataclass_fields__)
    return Filters(**{name: tuple(values) for name, values in filters.items() if name in known})


def small_group_notice(directory: Directory, filters: Filters = Filters(), cited: Iterable[str] = ()) -> str:
    """A reminder when ``filters`` narrow the respondents to one or two, or when the ``cited`` respondents (keys:
    what an export quotes) are only one or two; "" otherwise."""
    narrowed = bool(filters.groups or filters.areas or filters.respondents)
    in_scope = respondents_in_scope(directory, filters) if narrowed else []
    quoted = sorted({key for key in cited if key and key in directory.respondents
                     and directory.respondents[key].is_individual})
    if narrowed and 0 < len(in_scope) <= SMALL_GROUP:
        keys = in_scope
    elif 0 < len(quoted) <= SMALL_GROUP:
        keys = quoted
    else:
        return ""
    who = listed(_names(directory, keys))
    people = "one respondent" if len(keys) == 1 else "two respondents"
    return (f"This narrows to {people} ({who}). Small groups can identify people: check before sharing, and "
            "avoid pairing codes with roles, places or dates.")


def _names(directory: Directory, keys: Sequence[str]) -> list[str]:
    several = len(directory.documents()) > 1
    return [f"{directory.respondents[key].code}, {directory.respondents[key].document}" if several
            else directory.respondents[key].code for key in keys]
