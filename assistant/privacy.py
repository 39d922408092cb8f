"""The small-group rule: when what is shown or exported narrows to one or two respondents of a group, remind
the user that such small groups can identify people. Pure logic: no streamlit, no ML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .respondents import FOCUS_GROUP
from .types import Filters, Passage

# Groups of this many respondents or fewer can identify people (a common statistical-disclosure rule of thumb
# for qualitative reports, where area + service already narrows a lot).
SMALL_GROUP = 2


def respondents_in_scope(passages: Iterable[Passage], filters: Filters) -> list[str]:
    """The respondent codes (not the focus group) with an extract that passes ``filters``' who-fields."""
    who = Filters(services=filters.services, areas=filters.areas, respondents=filters.respondents)
    return sorted({p.code for p in passages if p.is_attributed and p.code != FOCUS_GROUP and who.matches(p)})


def filters_from_dict(filters: Mapping[str, Sequence[str]]) -> Filters:
    """``Answer.filters`` (field -> values) back into ``Filters``."""
    known = set(Filters.__dataclass_fields__)
    return Filters(**{name: tuple(values) for name, values in filters.items() if name in known})


def small_group_notice(passages: Iterable[Passage], filters: Filters = Filters(),
                       cited_codes: Iterable[str] = ()) -> str:
    """A reminder when ``filters`` narrow the respondents to one or two, or when ``cited_codes`` (what an
    export quotes) come from only one or two respondents; "" otherwise."""
    passages = list(passages)
    narrowed = bool(filters.services or filters.areas or filters.respondents)
    in_scope = respondents_in_scope(passages, filters) if narrowed else []
    cited = sorted({code for code in cited_codes if code and code != FOCUS_GROUP})
    if narrowed and 0 < len(in_scope) <= SMALL_GROUP:
        who = ", ".join(in_scope)
    elif 0 < len(cited) <= SMALL_GROUP:
        who = ", ".join(cited)
    else:
        return ""
    people = "one respondent" if "," not in who else "two respondents"
    return (f"This narrows to {people} ({who}). Small groups can identify people: check before sharing, and "
            "avoid pairing codes with roles, places or dates.")
