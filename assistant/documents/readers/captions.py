"""WebVTT and SRT transcripts (as Teams, Zoom and Otter export them) read as speaker turns.

Each cue's speaker comes from a voice tag (``<v Anna Smith>…``) or a ``Name:`` prefix; a cue without one
continues the previous speaker. Consecutive cues of one speaker become one turn, written ``Name: words`` on a
paragraph of its own, which is how the parser reads any transcript. Timings, cue numbers, styling and notes are
left out.
"""

from __future__ import annotations

import re

from .layout import Layout, TextBuilder

_TIMING = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}.*$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]+>")
_NAME_PREFIX = re.compile(r"^\s*-?\s*(?:\[(?P<bracketed>[^\]]{1,40})\]|(?P<name>[A-Z][\w.'’ -]{0,38}?))\s*:\s+(?=\S)")


def read_captions(text: str) -> tuple[str, Layout, str]:
    """(plain text, layout, title) of a .vtt or .srt file: one ``Name: words`` paragraph per speaker turn."""
    turns: list[list[str]] = []  # [speaker, words...]
    speaker = ""
    for cue in _cues(text):
        voice = _VOICE.search(cue)
        if voice:
            speaker = voice.group(1).strip()
            cue = _TAG.sub("", cue)
        else:
            cue = _TAG.sub("", cue)
            prefix = _NAME_PREFIX.match(cue)
            if prefix:
                speaker = (prefix.group("bracketed") or prefix.group("name")).strip()
                cue = cue[prefix.end():]
        words = " ".join(cue.split())
        if not words:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1].append(words)
        else:
            turns.append([speaker, words])
    builder = TextBuilder()
    for who, *words in turns:
        builder.add(f"{who}: {' '.join(words)}" if who else " ".join(words))
    plain, layout = builder.build()
    return plain, Layout(transcript=True), ""


def _cues(text: str):
    """The payload text of each cue, in order."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").lstrip("\ufeff"))
    for block in blocks:
        lines = block.strip("\n").split("\n")
        for index, line in enumerate(lines):
            if _TIMING.match(line):
                payload = "\n".join(lines[index + 1:]).strip()
                if payload:
                    yield payload
                break
