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

# An attribution as this report writes it: "(B02 Police)", "(DO2 Police)", "(FGD)".
ATTRIBUTION_PATTERN = re.compile(
    r"\((?P<raw>(?P<area>[A-D])(?P<number>[0-9Oo]{2})(?:\s+(?P<service>Police|Fire|Partner))?|FGD)\)"
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


def normalise_code(area: str, number: str) -> str:
    """``("d", "O2") -> "D02"``: a letter O where a digit belongs is a zero."""
    return area.upper() + number.upper().replace("O", "0")


def parse_attribution(match: re.Match[str]) -> Respondent:
    """Turn an ``ATTRIBUTION_PATTERN`` match into a ``Respondent``."""
    if match.group("raw") == FOCUS_GROUP:
        return Respondent(code=FOCUS_GROUP)
    code = normalise_code(match.group("area"), match.group("number"))
    return Respondent(code=code, area=code[0], number=int(code[1:]), service=match.group("service") or "")


def parse_label(label: str) -> Respondent | None:
    """Parse a label or code as written ("B02 Police", "DO2", "FGD"); None when it is not a code."""
    match = ATTRIBUTION_PATTERN.fullmatch(f"({label.strip()})")
    return parse_attribution(match) if match else None


def codes_in_question(question: str) -> list[str]:
    """Normalised respondent codes a question names, in order, without repeats."""
    found: list[str] = []
    for match in QUESTION_CODE_PATTERN.finditer(question):
        code = FOCUS_GROUP if match.group("fgd") else normalise_code(match.group("area"), match.group("number"))
        if code not in found:
            found.append(code)
    return found
