"""The package names no one report's vocabulary: its groups, areas, focus-group label and code shapes are data
(the documents, and the bundled corpus's respondents table), never literals in ``assistant/``."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
# The bundled report's services (and the words its services' names run on with), the focus-group label, its fire
# service's acronym, its area letters in a character class, and its codes (a letter A–D and two digits, "DO2").
FORBIDDEN = re.compile(r"\b(?:Police|Fire|Partner|FGD|SFRS)\b|\b(?:police|fire(?:fighters?)?)\b|\band(?: |\\s\+)rescue\b"
                       r"|\[A-D\]"
                       r"|\b[A-D][0O][0-9]\b|\b[A-D][1-9][0-9]\b")


def test_the_package_holds_no_literal_of_the_bundled_reports_vocabulary():
    found = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FORBIDDEN.search(line)]
    assert found == []


def test_the_check_finds_such_a_literal(tmp_path):
    assert FORBIDDEN.search('GROUPS = ("Police", "Fire")') and FORBIDDEN.search("code = 'DO2'")
    assert FORBIDDEN.search(r"AREA = re.compile(r'[A-D]\d\d')")
    assert not FORBIDDEN.search("partnership working, a fireplace, P07 Nurse, Site B")
