"""The findings workbench: Chat, Respondents and Evals. Run with ``streamlit run streamlit_app.py``.

This entry script runs every page: it names the pages and draws the sidebar's filters for the pages that use them,
so a filter chosen on one page holds on the other.
"""

from __future__ import annotations

import streamlit as st

from assistant import AssistantError
from workbench import filters
from workbench.shared import load_assistant

st.set_page_config(page_title="Findings assistant", page_icon="🔎")
chat = st.Page("workbench/chat.py", title="Chat", icon=":material/chat:", default=True)
respondents = st.Page("workbench/respondents.py", title="Respondents", icon=":material/groups:")
evals = st.Page("workbench/evals.py", title="Evals", icon=":material/monitoring:")
page = st.navigation([chat, respondents, evals])

# The filters head the sidebar but are drawn after the page, which draws its chat box before the library is open
# (seconds for a large one): the filters need it open.
filters_area = st.sidebar.container()
try:
    page.run()
    if page.url_path in (chat.url_path, respondents.url_path):
        filters.sidebar(load_assistant(), filters_area)
except AssistantError as error:
    st.error(str(error))
    st.stop()
