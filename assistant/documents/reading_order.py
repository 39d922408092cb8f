"""The order a library's documents are read in, and what that order says: which extracts a report places after
each statement of its narrative (its own illustration of it), which passage introduces a list, and how its
sections nest. Worked out once per library, on first use or ahead on a background thread."""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Iterable, Sequence

from .attribution import MONTHS
from .prose import (SECTION_SEPARATOR, ends_before_an_item, is_prose, lead_in_sentence, leads_in, list_items,
                    points_to_a_figure, run_in_label, split_sentences)
from ..types import NARRATIVE, Passage, texts_of

# A date a document's opening gives ("April 2024", "Date: 14 February 2024", "2023"): when it was written, or the
# interview held
_DATE = re.compile(rf"\b(?:(?P<month>{'|'.join(MONTHS)})\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
OPENING_PASSAGES = 3  # a document's date is in this many passages at its start (its front matter), or none
# The fewest characters that stand between two passages of a list where a new item starts: the line break and its
# marker ("\n• "); between the passages a long item is cut into, only the spacing between two sentences does.
ITEM_GAP = 3


def list_points(passages: Sequence[Passage], reach: int = 0) -> list[tuple[Passage, int, int]]:
    """Each item of a list, from its passages in reading order, as (passage, start, end) in its passage's text: its
    first sentence, and the sentences of the item after it in the passage while the span is at most ``reach``
    characters. An item starts at each sentence that opens a line with a list marker (``corpus.list_items``), and
    at each passage's first sentence unless the passage goes on with the item before it ("Night staff were rarely
    asked …", the third sentence of an item, is no item of its own)."""
    points = []
    for number, passage in enumerate(passages):
        firsts = list_items(passage.text) or [(0, len(passage.text))]
        opens = {start for start, _ in firsts}
        previous = passages[number - 1] if number else None
        goes_on = previous is not None and previous.source == passage.source \
            and 0 <= passage.start - previous.end < ITEM_GAP and not ends_before_an_item(previous.text) \
            and not run_in_label(passage.text)
        sentences = split_sentences(passage.text)
        for start, end in firsts[1:] if goes_on else firsts:
            for later_start, later_end in sentences:
                if later_start < end:
                    continue
                if later_start in opens or later_end - start > reach:
                    break
                end = later_end
            points.append((passage, start, end))
    return points


class ReadingOrder:
    """A library's passages in the order each document is read, for what that order says: the extracts a report
    places straight after a passage of its narrative are its own illustration of what that passage states."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages
        self._illustrations: dict[str, tuple[Passage, ...]] | None = None
        self._preceding: dict[str, Passage] = {}
        self._sections: dict[str, dict[str, list[Passage]]] = {}  # source -> section path -> its narrative
        self._points: dict[tuple[str, str], list[Passage]] = {}  # (source, a list's lead-in) -> the list's points
        self._excluded: frozenset[str] = frozenset()
        self._in_prose: set[str] = set()  # the extracts a report quotes inside its own sentences
        self._findings_start: dict[str, int] = {}  # source -> where its findings begin (``before_findings``)
        self._sources: list[str] = []  # every document of the library, by name
        self._dates: dict[str, tuple[int, int]] = {}  # source -> when it says it was written (``dated``)
        self._reading = threading.Lock()

    def excluding(self, passage_ids: Iterable[str]) -> "ReadingOrder":
        """The same order, with the passages ``passage_ids`` (already shown) left out of everything it returns."""
        self._read()
        view = copy.copy(self)
        view._excluded = self._excluded | frozenset(passage_ids)
        return view

    def _kept(self, passages: Iterable[Passage]) -> list[Passage]:
        return [passage for passage in passages if passage.passage_id not in self._excluded]

    def illustrations(self, passage: Passage) -> tuple[Passage, ...]:
        """The attributed extracts between ``passage`` and the next passage of narrative in its document."""
        self._read()
        return tuple(self._kept(self._illustrations.get(passage.passage_id, ())))

    def quoted_within(self, passage: Passage) -> list[tuple[int, int]]:
        """The spans of ``passage``'s text (offsets within it) that are respondents' attributed words, where a report
        quotes them inside its own sentences ('Some valued the cover: "Without agency we'd close beds." [R7]')."""
        self._read()
        return [(extract.start - passage.start, extract.end - passage.start)
                for extract in self._illustrations.get(passage.passage_id, ())
                if passage.start <= extract.start and extract.end <= passage.end]

    def in_prose(self, extract: Passage) -> bool:
        """Whether the report quotes ``extract`` inside its own sentences (it was "a lot more than driving" [R3]): a
        few words it chose to quote, not a turn of a transcript."""
        self._read()
        return extract.passage_id in self._in_prose

    def preceding(self, passage: Passage) -> Passage | None:
        """The passage of narrative before ``passage`` in its document (what introduces a list item)."""
        self._read()
        before = self._preceding.get(passage.passage_id)
        return before if before is not None and before.passage_id not in self._excluded else None

    def section(self, source: str, path: str) -> list[Passage]:
        """The passages of narrative in the section ``path`` of ``source`` (not in sections under it), in order."""
        self._read()
        return self._kept(self._sections.get(source, {}).get(path, []))

    def points(self, source: str, lead_in: str) -> list[Passage]:
        """The points of the list that ``lead_in`` (a sentence ending in ":", spacing aside) introduces in ``source``,
        in reading order: the passages it leads into, and when the first opens with a label ("Reduced budgets: …"),
        each later one of its section that does (a report's comments between labelled points are not points)."""
        self._read()
        wanted = lead_in_sentence(lead_in)
        points = self._points.get((source, wanted))
        if points is None:  # a heading run into the lead-in's paragraph ("Drivers At a strategic level, …:")
            points = next((found for (within, key), found in self._points.items()
                           if within == source and key.endswith(f" {wanted}")), ())
        return self._kept(points)

    def subsections(self, source: str, path: str) -> list[str]:
        """The paths of the sections directly under ``path`` in ``source``, in reading order."""
        self._read()
        prefix = f"{path}{SECTION_SEPARATOR}"
        children = (section[len(prefix):].split(SECTION_SEPARATOR)[0] for section in self._sections.get(source, {})
                    if section.startswith(prefix))
        return [f"{prefix}{child}" for child in dict.fromkeys(children)]

    def is_front_matter(self, passage: Passage) -> bool:
        """Whether ``passage`` stands before the first heading of a document that has headings: its cover (a
        journal's running head, a subtitle saying what the document is, "We organize our findings by topic …"),
        not one of its findings."""
        self._read()
        return not passage.section and any(self._sections.get(passage.source, {}))

    def before_findings(self, passage: Passage) -> bool:
        """Whether ``passage`` comes before the section where its document first quotes anyone: its abstract, its
        background, its methods, a review of earlier work; not what the study found. Never, in a document that
        quotes no one."""
        self._read()
        return passage.start < self._findings_start.get(passage.source, 0)

    def under(self, source: str, path: str) -> list[Passage]:
        """The passages of narrative in the section ``path`` of ``source`` and in the sections under it."""
        self._read()
        prefix = f"{path}{SECTION_SEPARATOR}"
        return self._kept(passage for section, passages in self._sections.get(source, {}).items()
                          if section == path or section.startswith(prefix) for passage in passages)

    def opening(self, source: str) -> Passage | None:
        """The first passage of narrative in ``source`` (under its title, or a subtitle), without listing the rest."""
        self._read()
        return next((passage for passages in self._sections.get(source, {}).values() for passage in passages
                     if passage.passage_id not in self._excluded), None)

    def under_document(self, source: str) -> list[Passage]:
        """Every passage of narrative in ``source``, in reading order."""
        self._read()
        return self._kept(passage for passages in self._sections.get(source, {}).values() for passage in passages)

    def dated(self, source: str) -> tuple[int, int] | None:
        """When ``source`` says it was written (or its interview held), as (year, month; 0 for none): the first date
        its opening passages of narrative give ("Interim Evaluation Report (Year 1) … March 2023"); None when they
        give none. Found as the order is read, so that ordering a thousand documents by date reads none again."""
        self._read()
        return self._dates.get(source)

    def sources(self) -> list[str]:
        """Every document of the library, by name (found as the order is read: no walk over the library of its
        own)."""
        self._read()
        return list(self._sources)

    def parents(self, source: str) -> list[str]:
        """The paths of the sections of ``source`` that hold sections of their own, in reading order."""
        self._read()
        paths = (section.split(SECTION_SEPARATOR) for section in self._sections.get(source, {}))
        return list(dict.fromkeys(SECTION_SEPARATOR.join(parts[:depth]) for parts in paths
                                  for depth in range(1, len(parts))))

    def paths(self, source: str) -> list[str]:
        """The paths of every section of ``source``, those that hold sections of their own first."""
        self._read()
        return list(dict.fromkeys([*self.parents(source), *self._sections.get(source, {})]))

    def _read(self) -> None:
        """Work the order out, once (on first use, or ahead on another thread: ``warm``)."""
        if self._illustrations is not None:
            return
        with self._reading:
            if self._illustrations is None:
                self._read_now()

    def warm(self) -> threading.Thread:
        """Work the order out on a background thread, so that the first question that needs it does not wait."""
        thread = threading.Thread(target=self._read, name="reading-order", daemon=True)
        thread.start()
        return thread

    def _read_now(self) -> None:
        found: dict[str, list[Passage]] = {}
        current: list[Passage] | None = None
        narrative: Passage | None = None
        labelled: tuple[str, str, tuple[str, str]] | None = None  # (source, section, key) of a list of labelled points
        in_order = sorted(self._passages, key=lambda passage: (passage.source, passage.start))
        narrative_text = ""
        opening_read: dict[str, int] = {}  # source -> how many of its opening passages were read for a date
        for passage, text in zip(in_order, texts_of(in_order)):
            if not self._sources or self._sources[-1] != passage.source:
                self._sources.append(passage.source)
            if narrative is not None and narrative.source != passage.source:
                current, narrative = None, None
            if passage.kind == NARRATIVE:
                if opening_read.setdefault(passage.source, 0) < OPENING_PASSAGES and passage.source not in self._dates:
                    opening_read[passage.source] += 1
                    if (date := _date_in(text)) is not None:
                        self._dates[passage.source] = date
                self._sections.setdefault(passage.source, {}).setdefault(passage.section, []).append(passage)
                if leads_in(passage.context):
                    key = (passage.source, lead_in_sentence(passage.context))
                    self._points.setdefault(key, []).append(passage)
                    labelled = (passage.source, passage.section, key) if run_in_label(text) else None
                elif labelled and labelled[:2] == (passage.source, passage.section) and run_in_label(text):
                    self._points[labelled[2]].append(passage)
                if narrative is not None:
                    self._preceding[passage.passage_id] = narrative
                if current is not None and leads_in(narrative_text) and not _states_anything(text):
                    continue  # a table or caption that a page's layout put between a lead-in and its extracts
                current, narrative, narrative_text = found.setdefault(passage.passage_id, []), passage, text
            elif current is not None and passage.is_attributed:
                current.append(passage)
                if narrative.start <= passage.start and passage.end <= narrative.end:
                    self._in_prose.add(passage.passage_id)
            if passage.is_attributed and passage.source not in self._findings_start:
                opening = self._sections.get(passage.source, {}).get(passage.section, [passage])[0]
                self._findings_start[passage.source] = min(opening.start, passage.start)
        self._illustrations = {passage_id: tuple(extracts) for passage_id, extracts in found.items() if extracts}


def _date_in(text: str) -> tuple[int, int] | None:
    """The first date ``text`` gives, as (year, month; 0 for none)."""
    found = _DATE.search(text)
    if found is None:
        return None
    month = found.group("month")
    return int(found.group("year")), MONTHS.index(month.capitalize()) + 1 if month else 0


def _states_anything(text: str) -> bool:
    """Whether a passage of narrative holds a sentence of prose that is not a figure's or table's caption (not a
    table's header or rows: "N4 31 Female 5 years")."""
    return any(is_prose(text[start:end]) and not points_to_a_figure(text, start)
               for start, end in split_sentences(text) or [(0, len(text))])
