"""Respondents: everyone the findings quote, with their extracts, and who spoke to a topic — counted by the same
engine as the chat's "how many" answers, from the stored vectors."""

from __future__ import annotations

import streamlit as st

from assistant.answers.conversation import last_topic
from assistant.presentation.privacy import small_group_notice
from assistant.answers.markdown import escape_markdown
from workbench import filters
from workbench.shared import load_assistant


def main() -> None:
    assistant = load_assistant()
    chosen = filters.chosen().as_filters()
    st.title("Respondents")
    st.caption("Uses the sidebar's filters.")
    notice = small_group_notice(assistant.directory, chosen)
    if notice:
        st.warning(escape_markdown(notice), icon="🔒")
    people = [person for person in assistant.directory.matching(chosen.groups, chosen.areas, chosen.respondents,
                                                                chosen.sources) if person.key in assistant.extracts]
    several = len(assistant.documents) > 1
    def area(person) -> str:  # "School B", in its document's word
        return assistant.directory.area_label(person.area, [person.document]) if person.area else ""

    st.dataframe([{"Code": p.code, "Group": p.group, "Area": area(p), **({"Document": p.document} if several else {}),
                   "Extracts": len(assistant.extracts[p.key])} for p in people], hide_index=True, width="stretch")

    st.subheader("Who spoke to a topic")
    turns = st.session_state.get("turns", [])
    last = last_topic([turn["answer"] for turn in turns if turn["answer"] is not None])
    topic = st.text_input("Topic or question", key="topic", placeholder=last or "e.g. information sharing")
    topic = topic.strip() or last
    if not topic:
        st.caption("Type a topic, or ask a question in the chat, to see which respondents spoke to it.")
    else:
        who = assistant.who_spoke(topic, chosen)
        st.markdown(escape_markdown(who.summary()))
        st.dataframe([{"Group": m.respondent.group, "Code": m.respondent.code, "Area": area(m.respondent),
                       "Spoke to it": "yes" if m.spoke else "no", "Score": m.score, "Closest extract": m.best.text}
                      for m in who.mentions], hide_index=True, width="stretch")

    st.subheader("Extracts")
    listed = filters.RESPONDENTS_LISTED  # a library may quote tens of thousands
    if len(people) > listed:
        st.caption(f"The extracts of the first {listed} of {len(people):,} respondents: narrow the list with the "
                   "sidebar's filters to read the others'.")
    for person in people[:listed]:
        extracts = assistant.extracts[person.key]
        with st.expander(escape_markdown(f"{person.code} — {person.group or 'no group'}, "
                                         f"{area(person) or 'no area'} ({len(extracts)})")):
            for extract in extracts:
                st.markdown(escape_markdown(f"“{extract.text}”"))
                st.caption(escape_markdown(f"section: {extract.section} — source: {extract.source}"))


main()
