"""The sidebar's filters, shared by the Chat and Respondents pages: each list narrowed by the others, one click to
clear them all. Drawn by the app's entry script, so a choice holds from page to page."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assistant import Assistant, Filters

ANY = "Any"
KINDS = {"Quotes and narrative": None, "Quotes only": "quote", "Narrative only": "narrative"}
FIELDS = ("group", "area", "respondent", "document")
RESPONDENTS_LISTED = 500  # more than this (a large library) and a list of them waits for a narrower choice


@dataclass(frozen=True)
class Chosen:
    group: str | None = None
    area: str | None = None
    respondent: str | None = None  # a respondent key
    document: str | None = None
    kind: str | None = None

    def as_filters(self) -> Filters:
        """The who-fields and document as ``Filters`` (what the Respondents page and privacy notices use)."""
        def one(value: str | None) -> tuple[str, ...]:
            return (value,) if value else ()

        return Filters(groups=one(self.group), areas=one(self.area), respondents=one(self.respondent),
                       sources=one(self.document))

    @property
    def any(self) -> bool:
        return any((self.group, self.area, self.respondent, self.document))


def chosen() -> Chosen:
    """What the filters hold now."""
    def value(field: str) -> str | None:
        picked = st.session_state.get(field, ANY)
        return None if picked == ANY else picked

    return Chosen(*(value(field) for field in FIELDS), kind=KINDS.get(st.session_state.get("kind", ""), None))


def clear() -> None:
    for field in FIELDS:
        st.session_state[field] = ANY


def sidebar(assistant: Assistant, where=None) -> Chosen:
    """Draw the filters (in ``where``, a container of the sidebar, or at its end); every list offers only what the
    other choices leave."""
    directory = assistant.directory
    now = chosen()
    options = directory.choices(sorted(assistant.documents), now.group, now.area, now.respondent, now.document)
    offered = {"group": options.groups, "area": options.areas,
               "respondent": [person.key for person in options.respondents], "document": options.documents}
    for field in FIELDS:  # a value the library no longer has (a report removed) falls back to Any
        if st.session_state.get(field, ANY) not in (ANY, *offered[field]):
            st.session_state[field] = ANY
    several = len(assistant.documents) > 1

    def respondent_name(key: str) -> str:
        if key == ANY:
            return key
        person = directory.respondents[key]
        return f"{person.code} ({person.document})" if several else person.code

    def area_name(value: str) -> str:  # "School B", as the documents call their areas (when they agree on a word)
        return value if value == ANY or len(directory.area_names) > 1 else directory.area_label(value)

    with where if where is not None else st.sidebar:
        st.header("Filters")
        st.selectbox("Group", [ANY, *offered["group"]], key="group")
        if directory.areas():
            st.selectbox("Area", [ANY, *offered["area"]], key="area", format_func=area_name)
        respondents = offered["respondent"]
        if len(respondents) > RESPONDENTS_LISTED and now.respondent is None:
            st.selectbox("Respondent", [ANY], key="respondent", disabled=True,
                         help=f"{len(respondents):,} respondents: choose a document, group or area to list them, "
                              "or name a respondent's code in the question.")
        else:
            st.selectbox("Respondent", [ANY, *respondents], key="respondent", format_func=respondent_name)
        if several:
            st.selectbox("Document", [ANY, *offered["document"]], key="document")
        st.radio("Show", list(KINDS), key="kind", horizontal=True)
        st.button("Clear filters", on_click=clear, disabled=not chosen().any, icon=":material/filter_alt_off:")
    return chosen()
