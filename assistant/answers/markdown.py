"""Render an answer's blocks as Markdown: what the chat shows and the Markdown export holds.

Every span from the findings is shown as the source has it (on one line) with its citation label after it;
text a user typed (in notes) is escaped. No streamlit here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .blocks import (
    Block, Bullets, Claim, Comparison, Decline, GroupCount, Lead, Notes, Prevalence, Prose, Quote, Quotes, Themes,
)
from .blocks import NO_ANSWER
from .cite import render_label
from ..types import Citation

Label = Callable[[Citation], str]  # how a citation reads in the text

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


def render_blocks(blocks: Sequence[Block], name_documents: bool = False, label: Label | None = None) -> str:
    """The whole answer as Markdown. Citations read as ``label`` has them (the chat numbers them), by default
    as ``render_label``: ``[P07 Nurse]``, naming their document when ``name_documents``."""
    label = label or (lambda citation: render_label(citation, name_documents))
    parts: list[str] = []
    for block in blocks:
        parts.extend(render_block(block, label, name_documents))
    return "\n\n".join(part for part in parts if part)


def render_block(block: Block, label: Label = render_label, name_documents: bool = False) -> list[str]:
    """One block as Markdown paragraphs."""
    if isinstance(block, Notes):
        return [f"_{text}_" for text in block.texts]
    if isinstance(block, Decline):
        return [NO_ANSWER, *block.reasons]
    if isinstance(block, Lead):
        return [" ".join(_claim(claim, label) for claim in block.claims)]
    if isinstance(block, Quotes):
        parts = [block.title] if block.title else []
        groups: dict[str, list[Quote]] = {}
        for quote in block.quotes:
            groups.setdefault(_group_name(quote), []).append(quote)
        for name, quotes in groups.items():
            if len(groups) > 1:
                parts.append(f"**{name}**")
            parts.extend(quote_line(quote, label) for quote in quotes)
        if block.weaker:
            who = ", ".join(dict.fromkeys(render_label(q.citation, name_documents).strip("[]") for q in block.weaker))
            parts.append(f"_{len(block.weaker)} weaker match{'es' if len(block.weaker) > 1 else ''} not shown "
                         f"({who})._")
        return parts
    if isinstance(block, Themes):
        parts = []
        for number, theme in enumerate(block.themes, 1):
            parts.append(f"**{number}. {_one_line(theme.heading.text)}** "
                         + " ".join(label(c) for c in theme.heading.citations))
            if theme.total:
                parts.append(f"_{counts_line(theme.respondents, theme.total, theme.by_group)}_")
            parts.extend(quote_line(quote, label) for quote in theme.quotes)
        return parts
    if isinstance(block, Comparison):
        parts = []
        for side in block.sides:
            heading = f"**{side.name}**" + (f" — {side.respondents} of {side.total} respondents"
                                            if side.total else "")
            parts.append(heading)
            if side.claims:
                parts.append(" ".join(_claim(claim, label) for claim in side.claims))
            parts.extend(quote_line(quote, label) for quote in side.quotes)
            if side.note:
                parts.append(f"_{side.note}_")
        return parts
    if isinstance(block, Prevalence):
        parts = [f"**{counts_line(block.count, block.total, block.by_group, block.topic)}**"]
        if block.respondents:
            parts.append("Respondents: " + ", ".join(
                f"{person.code}" + (f" ({person.document})" if name_documents else "") for person in block.respondents))
        parts.extend(quote_line(quote, label) for quote in block.examples)
        if block.caveat:
            parts.append(f"_{block.caveat}_")
        return parts
    if isinstance(block, Bullets):
        parts = [block.title] if block.title else []
        parts.append("\n".join(f"- {_claim(item, label)}" for item in block.items))
        return parts
    if isinstance(block, Prose):
        return [" ".join(_claim(claim, label) for claim in paragraph) for paragraph in block.paragraphs]
    return []


def quote_line(quote: Quote, label: Label = render_label) -> str:
    """A quote as a Markdown block quote: “…” and its label."""
    text = _one_line(f"{quote.before}{quote.citation.quote}{quote.after}")
    return f"> “{text}” {label(quote.citation)}"


def counts_line(spoke: int, total: int, by_group: Sequence[GroupCount], topic: str = "") -> str:
    """ "4 of 15 respondents spoke to “…” (Nurse 2 of 8; Doctor 2 of 4)". """
    groups = "; ".join(f"{count.group} {count.spoke} of {count.total}" for count in by_group)
    about = f" spoke to “{topic}”" if topic else ""
    return f"{spoke} of {total} respondents{about}" + (f" ({groups})" if groups else "")


def _claim(claim: Claim, label: Label) -> str:
    if not claim.verbatim:  # a written sentence is shown as checked, its labels in place
        return claim.text
    labels = " ".join(label(c) for c in claim.citations)
    flag = " ⚠" if claim.flagged else ""
    return f"{_one_line(claim.text)}{flag} {labels}".strip()


def _group_name(quote: Quote) -> str:
    citation = quote.citation
    if not citation.code:
        return "Unattributed"
    return citation.group or "Other respondents"


def _one_line(text: str) -> str:
    """A span shown inline: its paragraph and page breaks become spaces (the citation keeps the original)."""
    return re.sub(r"\s*\f\s*|\n\n", " ", text)
