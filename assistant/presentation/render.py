"""Text for the chat page: escape what comes from the corpus or a user, show a quote marked inside its passage
or its whole document, and describe the filters an answer used. Pure text logic: no streamlit, no ML.

Streamlit renders markdown with extras (``:red[…]`` directives, ``$…$`` maths, emoji shortcodes, images,
links). Nothing from the corpus or a question may use them, so such text is escaped before it is shown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ..documents.prose import section_name
from ..types import NARRATIVE, Citation

ELLIPSIS = "…"
SHORT_TITLE = 60

FIELD_NAMES = {
    "groups": "group", "areas": "area", "respondents": "respondent", "kinds": "kind",
    "sections": "section", "sources": "source",
}
ORIGIN_NAMES = {"argument": "sidebar", "question": "read from the question", "conversation": "as asked before"}


_BOUNDARY = re.compile(r"(?<=[.!?:…])[\"'’”)]*\s+|\n\s*")  # a sentence end or a line break
# A line that is only an attribution, e.g. "(P07 Nurse)" or "[R5]": the end of the quote before this one.
_ATTRIBUTION_LINE = re.compile(r"\A\s*[(\[][^()\[\]\n]{1,60}[)\]][.,;]?\s*\n")
MARK_STYLE = "background:#fff3a3;color:inherit;padding:0 .1em;border-radius:2px"


def quote_in_context(source_text: str, citation: Citation, reach: int = 300) -> tuple[str, str, str]:
    """The text before the cited span, the span, and the text after it, up to ``reach`` characters each side,
    cut at sentence or paragraph boundaries ("…" where a cut falls mid-sentence), so a quote is seen with the
    narrative that introduces it and the attribution after it. Only the span when it is not in the source."""
    start, end = citation.start, citation.end
    if source_text[start:end] != citation.quote:
        return "", citation.quote, ""
    low, high = max(0, start - reach), min(len(source_text), end + reach)
    before, after = source_text[low:start], source_text[end:high]
    if low > 0:
        first = _BOUNDARY.search(before)
        before = before[first.end():] if first else ELLIPSIS + before.split(" ", 1)[-1]
    before = _ATTRIBUTION_LINE.sub("", before)
    if high < len(source_text):
        last = None
        for last in _BOUNDARY.finditer(after):
            pass
        after = after[:last.start()] if last and last.start() > 0 else after.rsplit(" ", 1)[0] + ELLIPSIS
    return before, source_text[start:end], after


def passage_html(source_text: str, citation: Citation, reach: int = 300) -> str:
    """HTML of the cited span, highlighted with a background mark, inside the text around it. Every character
    from the source is escaped: the only markup is ours."""
    before, quote, after = quote_in_context(source_text, citation, reach)
    return (f'<div class="cited-passage">{_html_text(before)}<mark style="{MARK_STYLE}">{_html_text(quote)}</mark>'
            f"{_html_text(after)}</div>")


def document_html(title: str, source_text: str, citation: Citation) -> str:
    """A whole document as a page of its own, the cited span marked and scrolled into view when it opens."""
    start, end = citation.start, citation.end
    if source_text[start:end] != citation.quote:
        start = end = 0
    body = (f"{_html_text(source_text[:start])}<mark id=\"cited\" style=\"{MARK_STYLE}\">"
            f"{_html_text(source_text[start:end])}</mark>{_html_text(source_text[end:])}")
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>"
        "body{font:15px/1.55 system-ui,sans-serif;margin:0 1rem;color:#262730;overflow-wrap:anywhere}"
        "h1{font-size:1.1rem}</style></head>"
        f"<body><h1>{html.escape(title)}</h1><div>{body}</div>"
        "<script>document.getElementById('cited').scrollIntoView({block:'center'});</script></body></html>"
    )


def _html_text(text: str) -> str:
    """Source text as HTML: escaped, blank lines as paragraph breaks, other line breaks as spaces."""
    paragraphs = re.split(r"\n\s*\n|\f", html.escape(text))
    return "<br><br>".join(re.sub(r"\s*\n\s*", " ", paragraph) for paragraph in paragraphs)


def citation_speaker(citation: Citation) -> str:
    """Who a citation gives: "P07 · Nurse · area B", "Report narrative" or "Unattributed extract"."""
    if citation.kind == NARRATIVE:
        return "Report narrative"
    if not citation.code:
        return "Unattributed extract"
    speaker = dict(citation.facets).get("speaker", "")
    return " · ".join(part for part in (
        citation.code, citation.group, f"area {citation.area}" if citation.area else "", speaker) if part)


def citation_details(citation: Citation, title: str = "", short: bool = False) -> str:
    """Where a citation comes from, for the panel beside its passage: who (code, group, area), the document (its
    ``title`` and file), the page, and the section path — when ``short``, only its last heading, and a long title
    cut."""
    who = citation_speaker(citation)
    if short and len(title) > SHORT_TITLE:
        title = title[:SHORT_TITLE].rsplit(" ", 1)[0] + ELLIPSIS
    document = f"{title} ({citation.source})" if title and title != citation.source else citation.source
    page = f" · page {citation.page}" if citation.page is not None else ""
    section = section_name(citation.section) if short else citation.section
    section = f" · section: {section}" if section else ""
    return f"{who} · {document}{page}{section}"


def citation_caption(citation: Citation) -> str:
    """One line saying where a citation comes from: who (code, area, service), section and file."""
    who = citation_speaker(citation)
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
