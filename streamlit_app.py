"""Chat over the findings. Session state and rendering only: all logic lives in ``assistant``."""

import streamlit as st

from assistant import Assistant, AssistantError

st.set_page_config(page_title="Findings assistant", page_icon="🔎")


@st.cache_resource(show_spinner="Loading the findings index…")
def load_assistant() -> Assistant:
    return Assistant.from_settings()


st.title("Findings assistant")
if "messages" not in st.session_state:
    st.session_state.messages = []
for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])
question = st.chat_input("Ask about the findings")
if question:
    st.session_state.messages.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.text(question)
    try:
        reply = load_assistant().ask(question).answer
    except AssistantError as error:
        reply = str(error)
    st.session_state.messages.append({"role": "assistant", "content": reply})
    with st.chat_message("assistant"):
        st.markdown(reply)
