"""A qualitative analysis tool's coding summary, as NVivo exports one ("Coding Summary By Node"): under each node
(theme) header, each source coded to it (``<Internals\\Interviews\\P07 Parent Eastgate> - § 2 references coded
[2.82% Coverage]``), then each reference ("Reference 1 - 1.65% Coverage") and the words coded. The words are the
source's speaker's, so each reference is read as a block quote attributed to the source ("(P07, Parent,
Eastgate)"); the node is its heading; the coverage lines are the tool's, not the text's. Pure text logic."""

from __future__ import annotations

import re

from .layout import Layout, TextBuilder

_SOURCE = re.compile(r"<(?P<path>[^<>\n]+)>\s*[-–]\s*§\s*\d+\s+references?\s+coded\b[^\n]*")
_REFERENCE = re.compile(r"Reference\s+\d+\s*[-–]\s*[\d.]+%\s+Coverage", re.IGNORECASE)
_NODE = re.compile(r"(?:Nodes?|Codes?)\s*(?::|\\\\)\s*(?P<path>[^\n]+)", re.IGNORECASE)
_FIELD = re.compile(r"\s*[A-Z][\w ]{0,20}:\s")  # "Project: …", "Generated: …": the tool's, of the export
SOURCES = 2  # a text with this many source lines is a coding summary
_CODE_FIRST = re.compile(r"(?P<code>[A-Z][A-Za-z]{0,3}[-_]?\d{1,4})\s+(?P<rest>\S.*)")


def is_coding_summary(text: str) -> bool:
    return len(re.findall(rf"^[ \t]*{_SOURCE.pattern}$", text, re.MULTILINE)) >= SOURCES


def read_coding_summary(text: str) -> tuple[str, Layout]:
    """(text, layout) of a coding summary: its first line the title, nodes as headings under it, each reference a
    block quote followed by who said it."""
    parts = [part for part in re.split(r"\n[ \t]*\n", text) if part.strip()]
    paragraphs = [" ".join(part.split()) for part in parts]
    first = next((number for number, paragraph in enumerate(paragraphs)
                  if _SOURCE.fullmatch(paragraph) or _NODE.fullmatch(paragraph)), len(paragraphs))
    header = [line.strip() for part in parts[:first]
              for line in part.split("\n") if line.strip() and not _FIELD.match(line)]  # its title lines
    paragraphs = paragraphs[first:]
    names = [found.group("path") for paragraph in paragraphs if (found := _SOURCE.fullmatch(paragraph))]
    speakers = _speakers([_source_name(path) for path in names])
    builder, speaker = TextBuilder(), ""
    for number, line in enumerate(header):
        builder.add(line, "heading" if not number else "paragraph", 1)
    for paragraph in paragraphs:
        if (source := _SOURCE.fullmatch(paragraph)) is not None:
            speaker = speakers[_source_name(source.group("path"))]
        elif _REFERENCE.fullmatch(paragraph):
            continue
        elif (node := _NODE.fullmatch(paragraph)) is not None:
            builder.add(" › ".join(part.strip() for part in node.group("path").split("\\") if part.strip()),
                        "heading", 2)
            speaker = ""
        elif speaker:
            builder.add(paragraph, "quote")
            builder.add(f"({speaker})")
        else:
            builder.add(paragraph)
    return builder.build()


def _source_name(path: str) -> str:
    """A source's name, the last part of its path in the project ("P07 Parent Eastgate")."""
    return path.replace("/", "\\").rstrip("\\").split("\\")[-1].strip()


def _speakers(names: list[str]) -> dict[str, str]:
    """Who each source's name says spoke, as an attribution's parts: "P07 Parent Eastgate" is P07, a parent, in
    Eastgate, when the last word of names ends names of two roles or more ("Provider Eastgate" too): a place; and so
    is the last word after one of those roles ("Parent Westmoor")."""
    split = {name: found.groups() if (found := _CODE_FIRST.fullmatch(name)) else (name, "") for name in names}
    roles: dict[str, set[str]] = {}
    for _, rest in split.values():
        *role, last = rest.split() or [""]
        if role and last[:1].isupper():
            roles.setdefault(last, set()).add(" ".join(role).lower())
    places = {last for last, before in roles.items() if len(before) >= 2}
    known = {role for last in places for role in roles[last]}  # then after a role named so, another is a place too
    places |= {last for last, before in roles.items() if before & known}
    speakers = {}
    for name, (code, rest) in split.items():
        *role, last = rest.split() or [""]
        parts = [code, " ".join(role), last] if role and last in places else [code, rest]
        speakers[name] = ", ".join(part for part in parts if part)
    return speakers
