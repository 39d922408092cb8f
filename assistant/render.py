"""Text for the chat page: escape what comes from the corpus or a user, highlight a quote inside its passage,
and describe the filters an answer used. Pure text logic: no streamlit, no ML.

Streamlit renders markdown with extras (``:red[…]`` directives, ``$…$`` maths, emoji shortcodes, images,
links). Nothing from the corpus or a question may use them, so such text is escaped before it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .types import NARRATIVE, Citation, Passage

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it is the one safe rule.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&^%@?/])")
# In the assistant's own markdown, the constructs it never writes but text inside it could smuggle in.
_SMUGGLED = re.compile(
    r"<"  # raw HTML (never rendered, but shown escaped rather than dropped)
    r"|\$"  # maths
    r"|!(?=\[)"  # images: a browser would fetch the URL
    r"|\](?=\()"  # links
    r"|:(?=[a-z-]+\[)",  # streamlit colour / badge directives
)

FIELD_NAMES = {
    "services": "service", "areas": "area", "respondents": "respondent", "kinds": "kind",
    "sections": "section", "sources": "source",
}
ORIGIN_NAMES = {"argument": "sidebar", "question": "read from the question"}


def escape_markdown(text: str) -> str:
    """``text`` shown literally by a markdown renderer: every markdown (and streamlit) construct escaped.

    Line breaks inside a paragraph are kept as spaces; blank lines stay paragraph breaks.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    paragraphs = re.split(r"\n\s*\n", escaped)
    return "\n\n".join(re.sub(r"\s*\n\s*", " ", paragraph).strip() for paragraph in paragraphs)


def neutralise_markdown(markdown: str) -> str:
    """The assistant's answer markdown with images, links, HTML, maths and directives made inert.

    The answer keeps its own formatting (block quotes, bold group names, italic notes) but it embeds corpus
    text and, in notes, the user's question, so nothing in it may fetch a URL or render as HTML.
    """
    return _SMUGGLED.sub(lambda match: "\\" + match.group(0), markdown)


def highlight_in_passage(passage: Passage, citation: Citation) -> str:
    """Markdown of ``passage`` with the cited span in bold: the quote seen inside its surrounding text.

    The offsets of ``citation`` are into the source; when the span is not inside the passage the quote is
    shown alone, in bold.
    """
    start, end = citation.start - passage.start, citation.end - passage.start
    if not (0 <= start <= end <= len(passage.text)) or passage.text[start:end] != citation.quote:
        return _bold(citation.quote)
    before, quote, after = passage.text[:start], passage.text[start:end], passage.text[end:]
    return f"{escape_markdown(before)} {_bold(quote)} {escape_markdown(after)}".strip()


def _bold(text: str) -> str:
    """Bold every paragraph of ``text`` (markdown emphasis cannot span a blank line)."""
    return "\n\n".join(f"**{part.strip()}**" for part in escape_markdown(text).split("\n\n") if part.strip())


def citation_caption(citation: Citation) -> str:
    """One line saying where a citation comes from: who (code, area, service), section and file."""
    if citation.kind == NARRATIVE:
        who = "Report narrative"
    elif citation.code:
        who = " · ".join(part for part in (
            citation.code,
            f"Area {citation.area}" if citation.area else "",
            citation.service or ("focus group" if citation.code == "FGD" else ""),
        ) if part)
    else:
        who = "Unattributed extract"
    return f"{who} — section: {citation.section or '(none)'} — source: {citation.source}"


def filters_summary(filters: Mapping[str, list[str]], origin: Mapping[str, str]) -> str:
    """Plain text naming each filter an answer used and where it came from, or "" when there were none."""
    parts = []
    for name, values in filters.items():
        where = ORIGIN_NAMES.get(origin.get(name, ""), "")
        parts.append(f"{FIELD_NAMES.get(name, name)}: {', '.join(values)}" + (f" ({where})" if where else ""))
    return "Filters applied — " + "; ".join(parts) if parts else ""
