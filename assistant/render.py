"""Text for the chat page: escape what comes from the corpus or a user, highlight a quote inside its passage,
and describe the filters an answer used. Pure text logic: no streamlit, no ML.

Streamlit renders markdown with extras (``:red[…]`` directives, ``$…$`` maths, emoji shortcodes, images,
links). Nothing from the corpus or a question may use them, so such text is escaped before it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .types import NARRATIVE, Citation, Passage

ELLIPSIS = "…"

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
    "groups": "group", "areas": "area", "respondents": "respondent", "kinds": "kind",
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


_BOUNDARY = re.compile(r"(?<=[.!?:…])[\"'’”)]*\s+|\n\s*\n")


def highlight_in_source(source_text: str, citation: Citation, reach: int = 300) -> str:
    """Markdown of the cited span in bold inside the source text around it (up to ``reach`` characters
    each side, cut at sentence or paragraph boundaries, "…" where a cut falls mid-sentence): for a quote,
    the narrative that introduces it and the attribution after it."""
    start, end = citation.start, citation.end
    if source_text[start:end] != citation.quote:
        return _bold(citation.quote)
    low, high = max(0, start - reach), min(len(source_text), end + reach)
    before, after = source_text[low:start], source_text[end:high]
    if low > 0:
        first = _BOUNDARY.search(before)
        before = before[first.end():] if first else ELLIPSIS + before.split(" ", 1)[-1]
    if high < len(source_text):
        last = None
        for last in _BOUNDARY.finditer(after):
            pass
        after = after[:last.start()] if last and last.start() > 0 else after.rsplit(" ", 1)[0] + ELLIPSIS
    before_md, after_md = escape_markdown(before), escape_markdown(after)
    trailing, leading = before[len(before.rstrip()):], after[:len(after) - len(after.lstrip())]
    return (before_md + (_separator(trailing) if before_md else "") + _bold(citation.quote)
            + (_separator(leading) if after_md else "") + after_md)


def _separator(space: str) -> str:
    """The break the source had: a paragraph break, a space, or none (a quote mark touching the quote)."""
    return "\n\n" if space.count("\n") >= 2 else " " if space else ""


def _bold(text: str) -> str:
    """Bold every paragraph of ``text`` (markdown emphasis cannot span a blank line)."""
    return "\n\n".join(f"**{part.strip()}**" for part in escape_markdown(text).split("\n\n") if part.strip())


def citation_caption(citation: Citation) -> str:
    """One line saying where a citation comes from: who (code, area, service), section and file."""
    if citation.kind == NARRATIVE:
        who = "Report narrative"
    elif citation.code:
        speaker = dict(citation.facets).get("speaker", "")
        who = " · ".join(part for part in (
            citation.code, citation.group, f"area {citation.area}" if citation.area else "", speaker,
        ) if part)
    else:
        who = "Unattributed extract"
    page = f", p. {citation.page}" if citation.page is not None else ""
    document = f" ({citation.document})" if citation.document and citation.document != citation.source else ""
    return f"{who} — section: {citation.section or '(none)'} — source: {citation.source}{page}{document}"


def filters_summary(filters: Mapping[str, list[str]], origin: Mapping[str, str], name_documents: bool = False) -> str:
    """Plain text naming each filter an answer used and where it came from, or "" when there were none.
    Respondents are shown by code, with their document when ``name_documents``."""
    parts = []
    for name, values in filters.items():
        where = ORIGIN_NAMES.get(origin.get(name, ""), "")
        if name == "respondents":
            values = [_respondent_name(value, name_documents) for value in values]
        parts.append(f"{FIELD_NAMES.get(name, name)}: {', '.join(values)}" + (f" ({where})" if where else ""))
    return "Filters applied — " + "; ".join(parts) if parts else ""


def _respondent_name(key: str, name_document: bool) -> str:
    document, _, code = key.rpartition("::")
    return f"{code} ({document})" if name_document and document else code or key
