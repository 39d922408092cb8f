"""The Streamlit workbench: pages (Chat, Respondents, Evals) and what they share. Thin: logic is in ``assistant``."""
