"""Render an answer's blocks as Markdown (their ``lines`` in Markdown's syntax): what the chat shows and the
Markdown export holds; and make text safe to show as Markdown. No streamlit here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Block
from .cite import render_label
from .lines import BULLET, NOTE, PLAIN, QUOTED, STRONG, Label, Line, block_lines

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it is the one safe rule.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=\"'&^%@?/])")
# Inside a line the assistant writes (an italic note), what would start emphasis, code, a link, an image or HTML.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>!~$|])")
# In the assistant's own markdown, the constructs it never writes but text inside it could smuggle in.
# A mark escaped already (a note's, see ``_paragraphs``) is left as it is: escaped twice, it would be live again.
# So an escape (a backslash and what it escapes) is matched as one and kept; "\\<" is a backslash, then HTML.
_SMUGGLED = re.compile(
    r"\\.|(?:"
    r"<"  # raw HTML (never rendered, but shown escaped rather than dropped)
    r"|\$"  # maths
    r"|!(?=\[)"  # images: a browser would fetch the URL
    r"|\](?=\()"  # links
    r"|:(?=[a-z-]+\[)"  # streamlit colour / badge directives
    r")",
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
    return _SMUGGLED.sub(lambda match: match.group(0) if match.group(0)[0] == "\\" else "\\" + match.group(0),
                         markdown)


def render_blocks(blocks: Sequence[Block], name_documents: bool = False, label: Label | None = None) -> str:
    """The whole answer as Markdown. Citations read as ``label`` has them (the chat numbers them), by default
    as ``render_label``: ``[P07 Nurse]``, naming their document when ``name_documents``."""
    label = label or (lambda citation: render_label(citation, name_documents))
    parts: list[str] = []
    for block in blocks:
        parts.extend(_paragraphs(block_lines(block, label, name_documents)))
    return "\n\n".join(part for part in parts if part)


def _paragraphs(lines: Sequence[Line]) -> list[str]:
    """A block's lines as Markdown paragraphs, each on one line (a hard-wrapped report's line breaks made spaces); its
    bullet points make one list. A note's text, and a literal line's, is shown as written (it may hold the user's own
    words, or a code such as "P01_F_34" whose underscores would end the italics)."""
    parts: list[str] = []
    for number, line in enumerate(lines):
        text = _INLINE_SPECIAL.sub(r"\\\1", line.text) if line.style == NOTE or line.literal else line.text
        text = _LINE_BREAKS.sub(" ", text)
        written = _MARKS[line.style].format(text) + line.tail
        if line.style == BULLET and number and lines[number - 1].style == BULLET:
            parts[-1] += "\n" + written
        else:
            parts.append(written)
    return parts


_LINE_BREAKS = re.compile(r"\s*\n\s*")
_MARKS = {PLAIN: "{}", STRONG: "**{}**", NOTE: "_{}_", QUOTED: "> {}", BULLET: "- {}"}
