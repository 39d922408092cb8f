"""Answers: the question read, the evidence gathered and composed into cited blocks in the form asked, declines
that say why, prevalence counts, follow-ups, and the optional LLM answerer checked against the sources."""
