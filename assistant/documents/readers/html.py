"""Web pages: the text of the page's main content block by block; headings, block quotes and list items marked, and
a block quote's ``<cite>`` or ``<footer>`` given after it in brackets, as the attribution it is; an inline ``<q>``
in the quote marks a browser shows.

Only ``<main>`` (or ``<article>``) is read when the page has one, so site navigation, sidebars and toolbars
("Toggle navigation sidebar") never become findings; scripts, styles, forms and buttons are skipped everywhere.
The title is the page's first ``<h1>``, else its ``<title>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .layout import Layout, TextBuilder, as_attribution, flattened

_BLOCKS = frozenset("p div section article main header footer aside h1 h2 h3 h4 h5 h6 li blockquote "
                    "pre table tr ul ol dl dt dd figure figcaption br hr".split())  # a row's cells are one line
_SKIPPED = frozenset("script style noscript template svg head nav button form select option textarea label "
                     "iframe object canvas".split())
_VOID = frozenset("br hr img input meta link wbr source area col embed param track".split())  # no end tag
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


class _PageText(HTMLParser):
    """Collects (kind, level, text) blocks; ``scope`` names the element whose content alone is read, if any."""

    def __init__(self, scope: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.scope = scope
        self.in_scope = 0 if scope else 1
        self.blocks: list[tuple[str, int, str]] = []
        self.current: list[str] = []
        self.skipped: list[list] = []  # [tag, how many of that tag are open] of each element skipped, innermost last
        self.kind, self.level = "paragraph", 0
        self.quote_depth = 0
        self.cited_from: int | None = None  # where a <cite> in the text began, in ``current``
        self.citing = 0  # inside a block quote's <cite> or <footer> (one in the other): who said it, not what
        self.title: list[str] = []
        self.in_title = False
        self.first_h1 = ""

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag == self.scope:
            self.in_scope += 1
        if self.skipped and tag == self.skipped[-1][0]:
            self.skipped[-1][1] += 1  # (a <div> in the <div> skipped: its end is not the skipped one's)
            return
        if tag in _SKIPPED or attributes.get("aria-hidden") == "true" or "hidden" in attributes \
                or attributes.get("role") in ("navigation", "search", "banner"):
            if tag not in _VOID:
                self.skipped.append([tag, 1])
            return
        if tag == "blockquote":
            self._flush()
            self.quote_depth += 1
        elif tag in ("cite", "footer") and self.quote_depth:
            if not self.citing:
                self._flush()
            self.citing += 1
        elif tag == "q":  # an inline quote: a browser shows its marks, and the text is not whole without them
            self.current.append("“")
        elif tag == "cite":  # in the text: "(<cite>EM06, employer (care home)</cite>)" attributes the quote before it
            self.cited_from = len(self.current)
        elif tag in ("td", "th"):
            if "".join(self.current).strip():
                self.current.append(" | ")  # "Waiting times | 8": a row says something only whole, as Markdown's
        elif tag in _BLOCKS:
            self._flush()
            if tag in _HEADINGS:
                self.kind, self.level = "heading", _HEADINGS[tag]
            elif tag == "li":
                self.kind = "item"

    def handle_endtag(self, tag) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipped and tag == self.skipped[-1][0]:
            # the skipped element ends with its own tag's end, whatever skipped it: a <header role="banner"> at
            # the top of a page ended at no </header> (only a skipped tag's name did), and the page went unread
            self.skipped[-1][1] -= 1
            if not self.skipped[-1][1]:
                self.skipped.pop()
            return
        if tag == "blockquote":
            self._flush()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in ("cite", "footer") and self.citing:
            if self.citing == 1:
                self._flush()
            self.citing -= 1
        elif tag == "q":
            self.current.append("”")
        elif tag == "cite" and self.cited_from is not None:
            self.current[self.cited_from:] = [flattened("".join(self.current[self.cited_from:]))]
            self.cited_from = None
        elif tag in _BLOCKS:
            self._flush()
        if tag == self.scope:
            self.in_scope = max(0, self.in_scope - 1)

    def handle_data(self, data) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipped and self.in_scope:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            if self.kind == "heading":
                self.blocks.append(("heading", self.level, text))
                if self.level == 1 and not self.first_h1:
                    self.first_h1 = text
            elif self.citing:  # the quote's attribution, on its own line after it, as a report prints one
                if text.strip("—–- "):  # ("<footer>— <cite>OP3, passenger</cite></footer>": one attribution)
                    self.blocks.append(("paragraph", 0, as_attribution(text.strip("—–- "))))
            elif self.quote_depth:
                self.blocks.append(("quote", 0, text))
            else:
                self.blocks.append(("paragraph", 0, f"• {text}" if self.kind == "item" else text))
        self.current = []
        self.kind, self.level = "paragraph", 0


def read_html(markup: str) -> tuple[str, Layout, str]:
    """(text, layout, title) of a web page."""
    scope = next((tag for tag in ("main", "article") if re.search(rf"<{tag}[\s>]", markup, re.IGNORECASE)), None)
    parser = _PageText(scope)
    parser.feed(markup)
    parser.close()
    if scope and not parser.blocks:  # an empty <main>: read the whole page instead
        parser = _PageText(None)
        parser.feed(markup)
        parser.close()
    builder = TextBuilder()
    for kind, level, text in parser.blocks:
        builder.add(text, kind, level)
    text, layout = builder.build()
    title = parser.first_h1 or re.sub(r"\s+", " ", "".join(parser.title)).strip()
    return text, layout, title
