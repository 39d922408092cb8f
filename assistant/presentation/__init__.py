"""Presentation: answers as Markdown and HTML, numbered sources, exports for briefings, saved conversations and
progress. No streamlit here: the workbench draws with these."""
