"""Documents: report files read as text, their quotes attributed to respondents, and cut into passages."""
