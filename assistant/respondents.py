"""Respondent codes: find them in text and normalise them.

A code such as ``(B02 Police)`` names the case-study area (A–D), the respondent number and the service.
``(FGD)`` is a focus group. Typing slips where a letter O stands for a zero (``DO2``) are normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SERVICES = ("Police", "Fire", "Partner")
FOCUS_GROUP = "FGD"
UNATTRIBUTED = "unattributed"

# An attribution as this report writes it: "(B02 Police)", "(DO2 Police)", "(FGD)". Another report can bring its
# own pattern (``Settings.attribution_pattern``): it needs a group ``code`` and may have ``area`` and ``service``.
DEFAULT_ATTRIBUTION_PATTERN = (
    r"\((?P<code>(?P<area>[A-D])[0-9Oo]{2}(?=[\s)])|FGD(?=\)))(?:\s+(?P<service>Police|Fire|Partner))?\)"
)
# A bare code as a user might type it in a question: "D03", "do3", "FGD".
QUESTION_CODE_PATTERN = re.compile(r"\b(?:(?P<area>[A-Da-d])(?P<number>[0-9Oo][0-9])|(?P<fgd>FGD))\b")


@dataclass(frozen=True)
class Respondent:
    """One respondent (or the focus group) as cited in the findings."""

    code: str  # normalised: "D02", "FGD"
    area: str = ""  # "A".."D"; "" for the focus group
    number: int | None = None
    service: str = ""  # "Police" | "Fire" | "Partner"; "" when not given

    @property
    def label(self) -> str:
        """The citation label shown to users: "B02 Police" or "FGD"."""
        return f"{self.code} {self.service}".strip()

    @property
    def is_focus_group(self) -> bool:
        return self.code == FOCUS_GROUP


def normalise_code(code: str) -> str:
    """``"dO2" -> "D02"``: a letter O where a digit belongs is a zero; other codes keep their form, one space
    between words."""
    code = " ".join(code.split())
    if re.fullmatch(r"[A-Za-z][0-9Oo]+", code) and any(ch.isdigit() for ch in code):
        return code[0].upper() + code[1:].upper().replace("O", "0")
    return code


class AttributionStyle:
    """How a report attributes a quote: a regular expression with a ``code`` group (and optional ``area`` and
    ``service`` groups), e.g. ``\\((?P<code>Participant \\d+)(?:, (?P<service>\\w+))?\\)`` or ``\\[(?P<code>R\\d+)\\]``."""

    def __init__(self, pattern: str = DEFAULT_ATTRIBUTION_PATTERN) -> None:
        try:
            self.regex = re.compile(pattern)
        except re.error as error:
            raise ValueError(f"The attribution pattern is not a valid regular expression: {error}.") from error
        if "code" not in self.regex.groupindex:
            raise ValueError("The attribution pattern needs a named group `code`, e.g. (?P<code>R\\d+).")
        self.pattern = pattern

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        return self.regex.finditer(text, start, len(text) if end is None else end)

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)

    def respondent(self, match: re.Match[str]) -> Respondent:
        """The respondent an attribution names."""
        code = normalise_code(match.group("code"))
        if code == FOCUS_GROUP:
            return Respondent(code=FOCUS_GROUP)
        groups = match.groupdict()
        digits = re.findall(r"\d+", code)
        return Respondent(
            code=code,
            area=(groups.get("area") or "").upper(),
            number=int(digits[-1]) if digits else None,
            service=(groups.get("service") or "").strip().capitalize(),
        )

    @staticmethod
    def as_written(match: re.Match[str]) -> str:
        """The attribution as the text writes it, without its brackets: "DO2 Police"."""
        return match.group(0).strip().strip("()[]{}").strip()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AttributionStyle) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)


DEFAULT_STYLE = AttributionStyle()


def parse_label(label: str, style: AttributionStyle = DEFAULT_STYLE) -> Respondent | None:
    """Parse a label or code as written ("B02 Police", "DO2", "FGD"); None when it is not a code."""
    match = style.regex.fullmatch(f"({label.strip()})")
    return style.respondent(match) if match else None


def codes_mentioned(question: str, known_codes: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """Known codes of any style that a question names as whole words ("participant 7", "r12"), in order."""
    found = []
    for code in known_codes:
        match = re.search(rf"(?<!\w){re.escape(code)}(?!\w)", question, flags=re.IGNORECASE)
        if match:
            found.append((match.start(), code))
    return [code for _, code in sorted(found)]


def codes_in_question(question: str) -> list[str]:
    """Normalised respondent codes a question names, in order, without repeats."""
    found: list[str] = []
    for match in QUESTION_CODE_PATTERN.finditer(question):
        code = FOCUS_GROUP if match.group("fgd") else normalise_code(match.group("area") + match.group("number"))
        if code not in found:
            found.append(code)
    return found
