"""LaTeX source read as the text it typesets: sections become headings, quote environments block quotes (a
``displayquote`` keeps its optional attribution in front: ``[P14] …``), list items bullets; commands are
replaced by the words they print (``\\dots`` → …, ``\\textsc{hd}`` → hd, ````…''`` → “…”), and citations,
references, labels, footnotes, comments, figures' bodies and mathematics environments are left out.

Reading the source beats refusing it: a results chapter is often shared as ``.tex``, its quotes are words the
participants said, and the markup around them is easy to undo; what cannot be undone (macros of the author's
own) is dropped rather than shown.
"""

from __future__ import annotations

import re
import unicodedata

from .layout import Layout, TextBuilder

_SECTION_LEVELS = {"part": 1, "chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}
_QUOTE_ENVIRONMENTS = {"displayquote", "quote", "quotation", "verse"}
_LIST_ENVIRONMENTS = {"itemize", "enumerate", "description", "compactitem", "compactenum"}
_DROPPED_ENVIRONMENTS = {"equation", "equation*", "align", "align*", "eqnarray", "verbatim", "lstlisting",
                         "tikzpicture", "comment", "thebibliography"}
_FLOAT_ENVIRONMENTS = {"figure", "figure*", "table", "table*", "wrapfigure"}
_DROPPED_COMMANDS = {"cite", "citep", "citet", "citeauthor", "pageref", "label", "footnote", "footnotemark",
                     "footnotetext", "index", "includegraphics", "vspace", "hspace", "todo", "bibliography",
                     "bibliographystyle", "input", "include", "newcommand", "renewcommand", "usepackage",
                     "documentclass", "setlength", "nocite", "thanks", "marginpar"}
# A cross-reference prints a number only the whole compiled document knows: it reads as what it points to, by the
# kind its label's prefix names ("\Cref{fig:tor-usage}" → "Figure [tor-usage]"), not as nothing ("shown in .").
_REFERENCES = {"ref", "autoref", "cref", "Cref", "eqref", "nameref"}
_REFERENCE_KINDS = {"fig": "Figure", "tab": "Table", "tbl": "Table", "sec": "Section", "subsec": "Section",
                    "ch": "Chapter", "chap": "Chapter", "app": "Appendix", "eq": "Equation", "lst": "Listing"}
_WORDS = {"dots": "…", "ldots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX", "%": "%", "&": "&",
          "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", "textendash": "–", "textemdash": "—", "S": "§",
          "textasciitilde": "~", "ie": "i.e.", "eg": "e.g.", "etal": "et al."}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "c": "\u0327", "=": "\u0304",
            "v": "\u030c", "u": "\u0306", ".": "\u0307", "H": "\u030b"}
_STRUCTURE = re.compile(
    r"\\(?P<section>part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*(?=\{)"
    r"|\\begin\{(?P<env>[A-Za-z*]+)\}"
    r"|\\item\b\s*(?:\[(?P<item>[^\]]*)\])?"
    r"|\n[ \t]*\n\s*"
)
_COMMENT = re.compile(r"(?<!\\)%.*$", re.MULTILINE)
_COMMAND_WITH_ARGUMENT = re.compile(r"\\([A-Za-z]+)\*?\s*(?:\[[^\]]*\])?\{")


def read_latex(source: str) -> tuple[str, Layout, str]:
    """(plain text, layout, title) of a LaTeX file."""
    source = _COMMENT.sub("", source.replace("\r\n", "\n"))
    body = re.search(r"\\begin\{document\}(.*?)(?:\\end\{document\}|$)", source, re.DOTALL)
    title_command = _argument_of(source, "title")
    builder = TextBuilder()
    _walk(body.group(1) if body else source, builder)
    text, layout = builder.build()
    title = _inline(title_command) if title_command else ""
    if not title and layout.headings:
        start, end, _ = layout.headings[0]
        title = text[start:end]
    return text, layout, title


def _walk(source: str, builder: TextBuilder, kind: str = "paragraph") -> None:
    """Add the blocks of ``source`` to ``builder``; ``kind`` is that of plain paragraphs here (inside a quote
    environment every paragraph is part of the quote)."""
    position, pending = 0, ""
    while True:
        match = _STRUCTURE.search(source, position)
        if match is None:
            pending += source[position:]
            break
        pending += source[position:match.start()]
        if match.group("section"):
            _flush(builder, pending, kind)
            pending = ""
            title, position = _braced(source, match.end())
            builder.add(_inline(title), "heading", _SECTION_LEVELS[match.group("section")])
            continue
        if match.group("env"):
            name = match.group("env")
            inner, position = _environment(source, name, match.end())
            if name == "document":
                pending += inner
                continue
            _flush(builder, pending, kind)
            pending = ""
            _environment_blocks(name, inner, builder, kind)
            continue
        if match.group(0).startswith("\\item"):
            _flush(builder, pending, kind)
            pending = "• " + (f"{match.group('item')}: " if match.group("item") else "")
            position = match.end()
            continue
        _flush(builder, pending, kind)  # a blank line ends the paragraph
        pending = ""
        position = match.end()
    _flush(builder, pending, kind)


def _environment_blocks(name: str, inner: str, builder: TextBuilder, kind: str) -> None:
    if name in _QUOTE_ENVIRONMENTS:
        label = re.match(r"\s*\[([^\]]*)\]", inner)
        if label:  # csquotes' displayquote[attribution]: the attribution leads the quote, as "[P14] …"
            inner = f"[{label.group(1).strip()}] " + inner[label.end():].lstrip()
        _walk(inner, builder, "quote")
    elif name in _LIST_ENVIRONMENTS:
        _walk(inner, builder, kind)
    elif name in _FLOAT_ENVIRONMENTS:
        caption = _argument_of(inner, "caption")
        if caption:  # named as what it captions ("Figure [tor-usage]: …"): a caption is no statement of its own
            label = _argument_of(inner, "label")
            named = _reference(label) if label else name.rstrip("*").removeprefix("wrap").capitalize()
            builder.add(f"{named}: {_inline(caption)}", kind)
        for table in re.finditer(r"\\begin\{(?P<env>tabular\*?|tabularx|longtable)\}", inner):  # its rows, after it
            _environment_blocks(table["env"], _environment(inner, table["env"], table.end())[0], builder, kind)
    elif name.startswith("tabular") or name in ("longtable", "tabularx"):
        for _ in range(2 if name in ("tabular*", "tabularx") else 1):  # its width and columns' spec ("{lrr}")
            spec = re.match(r"\s*(?:\[[^\]]*\]\s*)?(?=\{)", inner)
            if spec is None:
                break
            inner = inner[_braced(inner, spec.end())[1]:]
        rows = [" | ".join(_inline(cell).strip() for cell in row.split("&"))
                for row in re.split(r"\\\\", re.sub(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^}]*\})", "", inner))]
        for row in rows:
            if row.strip(" |"):
                builder.add(row, kind)
    elif name not in _DROPPED_ENVIRONMENTS:
        _walk(inner, builder, kind)


def _flush(builder: TextBuilder, raw: str, kind: str) -> None:
    text = _inline(raw)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    if text.strip() and text.strip() != "•":
        builder.add(text, kind)


def _environment(source: str, name: str, start: int) -> tuple[str, int]:
    """The body of environment ``name`` opened just before ``start`` (nested ones of the same name allowed),
    and the position after its end."""
    opening, closing = f"\\begin{{{name}}}", f"\\end{{{name}}}"
    depth, position = 1, start
    while depth:
        next_open = source.find(opening, position)
        next_close = source.find(closing, position)
        if next_close < 0:
            return source[start:], len(source)
        if 0 <= next_open < next_close:
            depth, position = depth + 1, next_open + len(opening)
        else:
            depth, position = depth - 1, next_close + len(closing)
    return source[start:position - len(closing)], position


def _braced(source: str, start: int) -> tuple[str, int]:
    """The contents of the brace group opening at ``start`` (which must be "{"), and the position after it."""
    depth = 0
    for position in range(start, len(source)):
        char = source[position]
        if char == "\\":
            continue
        if char == "{" and source[position - 1] != "\\":
            depth += 1
        elif char == "}" and source[position - 1] != "\\":
            depth -= 1
            if depth == 0:
                return source[start + 1:position], position + 1
    return source[start + 1:], len(source)


def _argument_of(source: str, command: str) -> str:
    match = re.search(rf"\\{command}\*?\s*(?:\[[^\]]*\])?\s*(?=\{{)", source)
    return _braced(source, match.end())[0] if match else ""


def _reference(labels: str) -> str:
    """How a cross-reference reads without its number: "fig:tor-usage,fig:os" → "Figure [tor-usage], Figure [os]"."""
    named = []
    for label in (label.strip() for label in labels.split(",") if label.strip()):
        kind, colon, name = label.partition(":")
        named.append(f"{_REFERENCE_KINDS[kind.lower()]} [{name}]" if colon and kind.lower() in _REFERENCE_KINDS
                     else f"[{label}]")
    return ", ".join(named)


def _quoted_in_italics(words: str, after: str) -> bool:
    """Whether words set in italics, with no quote marks, are someone's, as a paper sets a quote: four words or more,
    then who said them in brackets ("\\textit{We close the form at quarter past …} (S3, receptionist)"); not a title
    ("\\textit{Qualitative Research in Psychology}, 3(2)")."""
    return len(words.split()) >= 4 and words.lstrip()[:1] not in "`“\"'‘" and bool(_WHO_AFTER.match(after))


_WHO_AFTER = re.compile(r"\s*\([^()\n]{1,80}\)")


def _inline(text: str) -> str:
    """The words a run of LaTeX prints."""
    text = re.sub(r"\$([^$]*)\$", lambda m: re.sub(r"\\[A-Za-z]+|[{}^_]", "", m.group(1)), text)
    while True:  # commands with a braced argument, innermost last so nesting resolves
        matches = list(_COMMAND_WITH_ARGUMENT.finditer(text))
        if not matches:
            break
        match = matches[-1]
        argument, end = _braced(text, match.end() - 1)
        name = match.group(1)
        if name in _DROPPED_COMMANDS:
            replacement = ""
        elif name in _REFERENCES:
            replacement = _reference(argument)
            kind_before = re.search(r"(\w+)\.?[~\s]*$", text[:match.start()])  # "Table~\ref{tab:x}": the kind once
            if kind_before and name == "ref" and replacement.lower().startswith(kind_before.group(1).lower()[:3]):
                replacement = replacement.split(" ", 1)[-1]
        elif name == "href":
            replacement, end = _braced(text, end) if text[end:end + 1] == "{" else ("", end)
        elif name in ("enquote", "textquote") \
                or name in ("textit", "emph") and _quoted_in_italics(argument, text[end:]):
            replacement = f"“{argument}”"
        elif name in _ACCENTS and len(argument) == 1:
            replacement = unicodedata.normalize("NFC", argument + _ACCENTS[name])
        else:
            replacement = argument
        text = text[:match.start()] + replacement + text[end:]
    text = re.sub(r"\\(['`^\"~=.])\s*([A-Za-z])", lambda m: unicodedata.normalize("NFC", m.group(2) + _ACCENTS[m.group(1)]), text)
    text = re.sub(r"\\\\(?:\[[^\]]*\])?", "\n", text)
    text = re.sub(r"\\([%&_#${}])", r"\1", text)
    text = re.sub(r"\\([A-Za-z]+)\b(?:\{\})?\s?", lambda m: _WORDS.get(m.group(1), "") + (" " if m.group(0).endswith(" ") and m.group(1) in _WORDS else ""), text)
    text = re.sub(r"\\[,;:! @/]", " ", text)
    text = text.replace("``", "“").replace("''", "”")
    text = re.sub(r"(?<![\w`])`([^`'\n]*)'", r"‘\1’", text)
    text = text.replace("---", "—").replace("--", "–").replace("~", " ")
    return re.sub(r"(?<!\\)[{}]", "", text)
