"""Interview extracts found in a document's paragraphs, however it attributes them (``attribution``,
``transcripts``): a code after the quote or before it, a block quote, speaker turns, a coded segment's row. An
extract carries its respondent only when the text attributes it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .attribution import (CLOSING_QUOTES, OPENING_QUOTES, SPEAKING, Attribution, AttributionStyle, QuoteCandidates,
                          Site, is_by_role, is_closing_mark, is_opening_mark, labels_a_quote, names_a_part_of_a_text,
                          normalise_code, noted_by, only_a_place, opening_for, parse_attribution, said_by,
                          unclosed_opening)
from .prose import SECTION_NUMBER, SECTION_SEPARATOR, split_sentences
from .readers.layout import Layout
from .structure import (BULLET, Extract, HEADING, I_FORMS, PARAGRAPH, Paragraph, TURN, block_quote_end,
                        is_block_quote)
from .transcripts import (INTERVIEWER, RESPONDENT, UNKNOWN, Turn, described, inline_turns, introduced, respondent_code,
                          roles, speaker_label)


# Words of someone speaking for themselves or to the interviewer, which a turn's paragraphs have and a write-up's
# narrative between turns has not.
_SPOKEN = re.compile(rf"\b(?:{I_FORMS}|[Mm]e|[Mm]y|mine|we|we're|we’re|our|us|[Yy]ou|[Yy]our)\b")
NARRATIVE_WORDS = 12  # a paragraph between turns this long, with no one's "I" or "you" in it, is narrative
TRANSCRIPT_SHARE = 0.4  # a document whose paragraphs are mostly speaker turns is a transcript
# The speaker of the quote before goes on: "She added:", "He went on,"
_GOES_ON = re.compile(r"(?:^|[.!?][”\"’']?\s+)(?:she|he|they)\s+(?:added|went\s+on|continued)\s*[,:]?\s*[“\"]?$",
                      re.IGNORECASE)
ROLE_QUOTE_WORDS = 4  # a role with no code ("(Parent)") attributes a quote of this many words at least, not a term
_BLOCK_PARAGRAPHS = 4  # most paragraphs one quote runs over
# A speech tag between a quote and its attribution: '"…," said one (O3, repairs officer)', '"…," one nurse explained
# (N2)'. A few words and a verb of saying, nothing else (a comma ends it: '"…," said one, and a manager agreed' is not).
_SAYING = (r"(?:said|says|added|adds|explained|explains|noted|notes|commented|recalled|remarked|observed|reflected|"
           r"put\s+it|told\s+(?:us|me|them|the\s+\w+))")
_SPEECH_TAG = re.compile(rf"\s*(?:{_SAYING}(?:\s+[\w’'-]+){{0,3}}|(?:[\w’'-]+\s+){{1,3}}{_SAYING})\s*$")
_TAG_REACH = 48  # characters a speech tag may take
# A label alone on its line, over the quote it attributes: "FG3, Participant B (tenant, 60s):"
_LABEL_LINE = re.compile(r"(?P<label>[^\n:“\"]{2,80}):[ \t]*\n")
# After an attribution inside a sentence, the saying and the quote it gives: ' said the contact centre "…',
# ' put it, "…'
_THEN_SAYS = re.compile(rf"\s+{_SAYING}\b(?:[^.!?“\"\n]|\n(?!\n)){{0,80}}?[,:]?\s*(?P<open>[“\"])")
_SENTENCE_REACH = 120  # characters a footnoted sentence may run after the quote it marks


def _last_sentence(chunk: str) -> str:
    spans = split_sentences(chunk)
    return chunk[spans[-1][0]:spans[-1][1]] if spans else ""


def _strip_closing(text: str, start: int, end: int) -> int:
    """Move ``end`` back over white space, emphasis and one closing quote mark."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*_"):
        end -= 1
    if end > start and text[end - 1] in CLOSING_QUOTES:
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the quote marks (and emphasis) around it, when it is one quote."""
    inner_start = _skip_opening(text, start, end)
    if inner_start == start or text[inner_start - 1] not in OPENING_QUOTES:
        return start, end
    inner_end = _strip_closing(text, inner_start, end)
    if inner_end < end and text[inner_end] in CLOSING_QUOTES and opening_for(text, inner_end, start) == inner_start - 1:
        return inner_start, inner_end
    return start, end


def _skip_opening(text: str, start: int, end: int) -> int:
    """Move ``start`` past white space, emphasis and one opening quote mark."""
    while start < end and (text[start].isspace() or text[start] in "*_"):
        start += 1
    if start < end and text[start] in OPENING_QUOTES:
        start += 1
    return start


SENTENCE_QUOTE_WORDS = 4  # words in quote marks earlier in a sentence that a code ends, at least, to be its quote
_IBID = re.compile(r"ibid\.?", re.IGNORECASE)  # a note that says: the source of the note before
_QUOTED = re.compile(r"[“\"][^“”\"\n]{3,}[”\"]")  # words in quotation marks, on one line


class ExtractBuilder:
    """Finds every extract of one document; see the module docstring for the shapes."""

    def __init__(self, text: str, source: str, title: str, paragraphs: list[Paragraph], style: AttributionStyle,
                 layout: Layout, known: Counter, rows: dict[int, tuple[int, str, int, int]]) -> None:
        self.text, self.source, self.title = text, source, title
        self.paragraphs = paragraphs
        self.style, self.layout, self.known = style, layout, known
        self.extracts: list[Extract] = []
        self.claimed: list[tuple[int, int]] = []  # spans already attributed or consumed
        self.candidates = QuoteCandidates()
        self.transcript = False
        self.index_at = {paragraph.start: index for index, paragraph in enumerate(paragraphs)}
        self.rows = rows  # paragraph index -> (code end, theme, words start, words end)
        # Who is who among the speakers that take turns inside quotes ("Dan:" beside "Participant:").
        self.inline_roles = roles([label for label, count in known.items() if count >= 2 and speaker_label(label, known)])
        for index, (_, _, _, end) in self.rows.items():  # a row's turns ("Dan: …", "Participant: …") are the row's
            for following in range(index, len(paragraphs)):
                if paragraphs[following].start >= end:
                    break
                paragraphs[following].turn = None
                paragraphs[following].consumed = True

    def find(self) -> None:
        self._turns()
        if self.style.pattern is None:
            for index, (code_end, _, _, _) in self.rows.items():
                paragraph = self.paragraphs[index]
                written = self.text[paragraph.start:code_end]
                site = Site(paragraph.start, code_end, Attribution(code=normalise_code(written), as_written=written),
                            line_start=True)
                self._code_before(site, index)
        self._labelled()
        found, noted = self.style.sites(self.text), self._noted()
        sites = self._tags_aside(sorted(found + noted + self._shared_notes(noted, found), key=lambda site: site.start))
        sites = [site for site in sites if not self._claimed(site.start)]
        floor = 0
        for site in sites:
            if site.start < floor or self._claimed(site.start):
                continue
            end = self._place(site, floor)
            if end is not None:
                floor = end
        self._dashed()
        self._said_by_someone()
        self._unattributed_quotes()

    def _labelled(self) -> None:
        """Quotes under a line that says who spoke ("FG3, Participant B (tenant, 60s):" then '    "I sleep in the
        living room now …"'), as a write-up of focus groups sets them (``labels_a_quote``)."""
        if self.style.pattern is not None:
            return
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.consumed or paragraph.kind not in (PARAGRAPH, BULLET) or paragraph.turn is not None:
                continue
            label = _LABEL_LINE.match(self.text, paragraph.start, paragraph.end)
            who = labels_a_quote(label.group("label"), self.text[label.end():paragraph.end]) if label else None
            if who is None:
                continue
            start = _skip_opening(self.text, label.end(), paragraph.end)
            end = _strip_closing(self.text, start, paragraph.end)
            paragraph.consumed = True
            self._add(start, end, index, who, self._lead_in(index))
            self.claimed.append((paragraph.start, label.end()))

    def _tags_aside(self, sites: list[Site]) -> list[Site]:
        """``sites``, a code that says nothing of who spoke put aside for the attribution right after it that does:
        '"…" [T1] (Respondent 412, parent, Ashworth)' and '"…" [T2] – Survey respondent, carer' are theirs, the tag
        the analysts' theme."""
        merged: list[Site] = []
        for site in sites:
            last = merged[-1] if merged else None
            if last is not None and not self.text[last.end:site.start].strip() and _tag_only(last) \
                    and site.attribution.group and site.strong:
                merged[-1] = replace(site, start=last.start)
                continue
            dashed = self.style.dashed_site(self.text, site.end) if _tag_only(site) else None
            merged.append(replace(dashed, start=site.start) if dashed is not None and dashed.attribution.group
                          else site)
        return merged

    def _noted(self) -> list[Site]:
        """The footnotes that say who spoke (``noted_by``), each as an attribution where its reference stands: after
        the quote it marks, as a code in brackets would be ('"…"[^4]' reads as '"…" (DC1, coordinator)')."""
        if self.style.pattern is not None:
            return []
        sites, before = [], None
        for offset, note in sorted(self.layout.notes):
            who = before if _IBID.fullmatch(note.strip()) else noted_by(note)  # "Ibid.": whom the note before names
            if who is not None:
                sites.append(Site(offset, offset, who))
            before = who
        return sites

    def _shared_notes(self, noted: list[Site], others: list[Site]) -> list[Site]:
        """A footnote that marks every quote of its sentence ('… said it was "a lot more than driving" and "not
        something you can switch off".[^24]'), as one attribution after each quote before the last, back to whatever
        else in the sentence says who spoke: only the last was attributed."""
        shared = []
        for site in noted:
            if self.layout.in_quote(site.start - 1, site.start):
                continue  # a block quote's note marks it whole, whatever it quotes within
            paragraph = self.text.rfind("\n", 0, site.start) + 1
            spans = split_sentences(self.text[paragraph:site.start])
            sentence = paragraph + next((start for start, end in reversed(spans) if end - start > 1), 0)
            start = max([sentence, *(other.end for other in [*others, *noted] if sentence <= other.start < site.start)])
            quoted = list(_QUOTED.finditer(self.text, start, site.start))  # (since whoever the sentence named before)
            shared += [Site(found.end(), found.end(), site.attribution) for found in quoted[:-1]]
        return shared

    # -- speaker turns ------------------------------------------------------------------------------------
    def _turns(self) -> None:
        turns = [(index, paragraph.turn) for index, paragraph in enumerate(self.paragraphs) if paragraph.turn]
        speakers = {turn.label for _, turn in turns}
        for index, turn in [(index, turn) for index, turn in turns if _introduces(self.text, turn, speakers)]:
            self.paragraphs[index].turn = None  # "Participant: R1 (coordinator, North site)" says who R1 is
            turns.remove((index, turn))
        if not turns:
            return
        body = [p for p in self.paragraphs if p.kind != HEADING]
        self.transcript = self.layout.transcript or len(turns) >= 3 and len(turns) >= TRANSCRIPT_SHARE * len(body)
        words: dict[str, list[str]] = {}
        spans: list[tuple[int, Turn, int, int]] = []  # (paragraph index, turn, words start, words end)
        for position, (index, turn) in enumerate(turns):
            end = turn.end
            words_paragraph = self.index_at.get(turn.words_start)  # a label alone: its words are the next paragraph
            if words_paragraph is not None and words_paragraph != index:
                self.paragraphs[words_paragraph].consumed = True
            if self.transcript:  # a long turn runs on over paragraphs until the next speaker
                limit = turns[position + 1][0] if position + 1 < len(turns) else len(self.paragraphs)
                for following in range((words_paragraph or index) + 1, limit):
                    paragraph = self.paragraphs[following]
                    if paragraph.kind == HEADING or paragraph.turn or self._attribution_line(following) \
                            or not self.layout.transcript and self._narrated(paragraph):
                        break  # …not into the write-up's own words about them ("For the workers in Group 3, …")
                    end = paragraph.end
                    paragraph.consumed = True
            start = turn.words_start
            while start < end and self.text[start].isspace():
                start += 1
            start, end = _unquoted(self.text, start, end)
            spans.append((index, turn, start, end))
            words.setdefault(turn.label, []).append(self.text[start:end])
        role_of = roles(list(words), f"{self.title} {self.source}", words)
        if self.style.pattern:  # the pattern says whose turns are quotes: those whose header it matches
            matched = {turn.label for _, turn, _, _ in spans
                       if self.style.regex.match(self.text, turn.start, turn.words_start or turn.end)}
            role_of = {label: RESPONDENT if label in matched else (UNKNOWN if role == UNKNOWN else INTERVIEWER)
                       for label, role in role_of.items()}
        respondents = sum(role == RESPONDENT for role in role_of.values())
        opening = self.text[:spans[0][1].start] if spans else ""  # the lines before the first turn
        heading = self.title or opening  # what the document says it is
        position = 0
        while position < len(spans):
            run = [spans[position]]  # consecutive turns, then maybe one attribution line for all of them
            while position + len(run) < len(spans) and \
                    self._next_index(run[-1][3]) == spans[position + len(run)][0]:
                run.append(spans[position + len(run)])
            after = self._next_index(run[-1][3])
            trailing = self._attribution_line(after) if after is not None else None
            lead_in = ""
            for index, turn, start, end in run:
                self.paragraphs[index].consumed = True
                role = role_of.get(turn.label, "")
                if trailing is not None and role != INTERVIEWER:
                    who = trailing.attribution.with_facet("speaker", turn.label)
                elif trailing is None and role == RESPONDENT:
                    code = turn.label if respondents > 1 else respondent_code(turn.label, heading, self.source)
                    headed = self._headed_by(index) if code != turn.label else None  # "A:" under its interviewee
                    who = headed or introduced(code, opening) or described(turn.label, turn.detail) \
                        or Attribution(code=normalise_code(code), as_written=turn.label)
                else:
                    self.paragraphs[index].kind = TURN
                    lead_in = " ".join(self.text[start:end].split())[-300:]
                    continue
                self._add(start, end, index, who, lead_in)
                lead_in = ""
            if trailing is not None:
                self.paragraphs[after].consumed = True
                self.claimed.append((trailing.start, trailing.end))
            position += len(run)

    def _headed_by(self, index: int) -> Attribution | None:
        """Who answers in a section headed by its interviewee ("## Interview 3 — Practice nurse, rural"), when the
        turns only say "A:": one interview of several in a document, each under its own heading."""
        heading = SECTION_NUMBER.sub("", self.paragraphs[index].section.split(SECTION_SEPARATOR)[-1], count=1)
        who = parse_attribution(heading) if heading else None
        return who if who is not None and not is_by_role(who) else None

    def _narrated(self, paragraph: Paragraph) -> bool:
        """Whether a paragraph between turns is the write-up's own narrative: long, and in no one's first or second
        person (a turn's last words, "More on that later.", may be short)."""
        return len(self.text[paragraph.start:paragraph.end].split()) >= NARRATIVE_WORDS \
            and not _SPOKEN.search(self.text, paragraph.start, paragraph.end)

    def _next_index(self, offset: int) -> int | None:
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.start > offset:
                return index
        return None

    def _attribution_line(self, index: int) -> Site | None:
        """The attribution when paragraph ``index`` holds nothing else ("(Site H)")."""
        paragraph = self.paragraphs[index]
        sites = self.style.sites(self.text[paragraph.start:paragraph.end])
        chunk = self.text[paragraph.start:paragraph.end]
        if len(sites) == 1 and not (chunk[:sites[0].start] + chunk[sites[0].end:]).strip(" .*_—–-"):
            site = sites[0]
            return replace(site, start=paragraph.start + site.start, end=paragraph.start + site.end)
        return None

    # -- attributions -------------------------------------------------------------------------------------
    def _place(self, site: Site, floor: int) -> int | None:
        """Turn one attribution into extracts; the offset after what it used, or None when it attributes
        nothing (a code in narrative, a reference)."""
        index = self._paragraph_of(site.start - (site.start == site.end))  # a footnote's: where its reference stood
        if index is None:
            return None
        paragraph = self.paragraphs[index]
        if paragraph.kind == HEADING or paragraph.turn is not None or not self._says_enough(site, site.start):
            return None
        chunk_start, chunk_end = paragraph.start, paragraph.end
        before = self.text[chunk_start:site.start]
        if site.header and site.start == paragraph.start:
            return None  # a speaker header of the user's pattern: read as a turn already
        if not before.strip(" \t*_") and not self.text[site.end:chunk_end].strip(" .*_"):
            return self._attribution_alone(site, index)
        if site.line_start and not before.strip(" \t•*>_") and not site.header:
            return self._code_before(site, index)
        if not self._touches_closing_mark(site.start) and (said := self._then_says(site, index)) is not None:
            return said
        if not site.strong and not self._touches_closing_mark(site.start):
            return None
        return self._code_after(site, index, floor)

    def _then_says(self, site: Site, index: int) -> int | None:
        """A quote that the sentence naming its speaker goes on to give: 'One younger tenant (FG3, Participant E)
        said the contact centre "just logs it and closes it"'; the offset after it, or None."""
        paragraph = self.paragraphs[index]
        then = _THEN_SAYS.match(self.text, site.end, paragraph.end)
        if then is None:
            return None
        opening = then.start("open")
        closing = next((position for position in range(opening + 1, paragraph.end)
                        if self.text[position] in CLOSING_QUOTES and is_closing_mark(self.text, position)
                        and opening_for(self.text, position, opening) == opening), None)
        if closing is None or only_a_place(site.attribution) or is_by_role(site.attribution) \
                and len(self.text[opening + 1:closing].split()) < ROLE_QUOTE_WORDS:
            return None
        end = closing
        while self.text[end - 1] in ",;:":
            end -= 1
        self._add(opening + 1, end, index, site.attribution, self._lead_in(index), inline=True)
        self.claimed.append((site.start, site.end))
        return closing + 1

    def _code_after(self, site: Site, index: int, floor: int) -> int | None:
        """A quote that ends at this attribution: a block quote (its paragraph, or up to three before it,
        opens with a quote mark or is a marked block quote), or a quote inside a narrative paragraph."""
        paragraph = self.paragraphs[index]
        rest = self.text[site.end:paragraph.end].strip(" .,;:)*_")
        low = max(floor, paragraph.start)
        if not rest:
            for first in range(index, max(-1, index - _BLOCK_PARAGRAPHS), -1):
                candidate = self.paragraphs[first]
                if candidate.start < floor or candidate.kind == HEADING or candidate.turn is not None \
                        or first < index and (candidate.consumed or self._has_site(first)):
                    break
                opens = self.text[candidate.start] in OPENING_QUOTES or \
                    self.text[candidate.start] in "*_" and self.text[_skip_opening(self.text, candidate.start,
                                                                                  candidate.end) - 1] in OPENING_QUOTES
                quoted = self.layout.in_quote(candidate.start, candidate.end) and all(
                    self.layout.in_quote(*self._span(within)) for within in range(first + 1, index + 1))
                # a marked block quote runs to the attribution, not past narrative after it ("As Stan put it,
                # "…" (Stan, learner)" does not attribute the block quotes before it)
                if opens or quoted and (first == 0 or not self.layout.in_quote(*self._span(first - 1))
                                        or self.paragraphs[first - 1].consumed or self._has_site(first - 1)):
                    # …and opens where the block quote before it (attributed, or the text's) ends
                    # the quote that opens it closed before this attribution: not one quote (within the paragraph,
                    # only a double mark tells: a single one may be an apostrophe, "wi' less")
                    if opens and (first < index or self.text[_skip_opening(self.text, candidate.start, site.start) - 1]
                                  in '"“') and self._closed_before(candidate.start, site.start):
                        break
                    start = _skip_opening(self.text, candidate.start, site.start)
                    end = _strip_closing(self.text, start, site.start)
                    for covered in range(first, index + 1):
                        self.paragraphs[covered].consumed = True
                    self._add(start, end, first, site.attribution, self._lead_in(first))
                    self.claimed.append((site.start, site.end))
                    return site.end
        closing = self._closing_mark_before(site.start, low)
        if closing is None and site.start == site.end:  # a footnote after a speech tag: '"…," said one nurse.[^4]'
            closing = self._closing_in_sentence(site.start, low)
        ends_sentence = site.start < site.end and site.strong and not names_a_part_of_a_text(site.attribution.code) \
            and re.match(r"\s*(?:[.;!?]|$)", self.text[site.end:paragraph.end])
        if closing is None and ends_sentence:  # '… had been told to “wipe it down with bleach” for two winters (T10).'
            closing = self._closing_in_sentence(site.start, low)
            if closing is None or re.search(r"[–—]|\s-\s", self.text[closing:site.start]) \
                    or SPEAKING.search(self.text, closing, site.start):
                return None  # (not the code of a dashed attribution, "” — Parent, Dunmere (P07)", which is read
                # whole after; nor of another than the speaker named after the quote: '"It was fine," said one, and
                # a neighbour agreed (T5)')
            opening = opening_for(self.text, closing, low)
            if opening is None or len(self.text[opening + 1:closing].split()) < SENTENCE_QUOTE_WORDS:
                return None  # (not a word or two in quote marks: "the “lifestyle” message (H3)")
        elif closing is not None:
            opening = opening_for(self.text, closing, low)
        elif self.text[site.start] == "(" and re.match(r"\s*(?:[).,;:!?]|$)", self.text[site.end:paragraph.end]):
            opening = unclosed_opening(self.text, low, site.start)  # "… said, "we never knew … (P07 Nurse)),"
        else:
            return None  # a code inside a sentence ("in [Area D] it was") attributes nothing
        if opening is None:
            return None
        start = opening + 1
        end = _strip_closing(self.text, start, site.start if closing is None else closing + 1)
        end -= self.text[end - 1:end] == ","  # '"… the contractor," said one': the sentence goes on after it
        if end <= start:
            return None
        whole = not self.text[paragraph.start:opening].strip(" *_") and not rest
        if whole:
            paragraph.consumed = True
        before = self.text[paragraph.start:opening]
        lead_in = _last_sentence(before.rstrip(" (")) if before.strip() else self._lead_in(index)
        self._add(start, end, index, site.attribution, lead_in, inline=not whole)
        self.claimed.append((site.start, site.end))
        return site.end

    def _code_before(self, site: Site, index: int) -> int | None:
        """An attribution that opens its paragraph: a labelled block quote ("[P14] …"), or a coded segment
        ("P4 Theme > Sub-theme the words", whose theme becomes the extract's section)."""
        paragraph = self.paragraphs[index]
        section = ""
        end_of_words = paragraph.end
        if index in self.rows and self.rows[index][0] <= site.end + 1:
            _, section, after, end_of_words = self.rows[index]
        else:
            after = site.end
            while after < paragraph.end and self.text[after] in " \t:*_—–-":
                after += 1
            labelled = self.text[site.start] in "[(" or self.layout.in_quote(paragraph.start, paragraph.end)
            if not labelled and self.style.pattern is None:
                return None  # a bare code opening narrative ("P07 said that …") is not a label
        if after >= end_of_words:
            return None
        start = _skip_opening(self.text, after, end_of_words)
        end = _strip_closing(self.text, start, end_of_words)
        if end <= start:
            return None
        paragraph.consumed = True
        self._add_with_turns(start, end, index, site.attribution, self._lead_in(index), section)
        self.claimed.append((site.start, site.end))
        return end_of_words

    def _attribution_alone(self, site: Site, index: int) -> int | None:
        """An attribution on a line or paragraph of its own: it attributes the quote just before it."""
        paragraph = self.paragraphs[index]
        if site.start > paragraph.start:  # "‘…’\n(P17_F_33)": same paragraph, the code on the next line
            return self._code_after(site, index, paragraph.start)
        previous = index - 1
        if previous < 0 or self.paragraphs[previous].consumed or self.paragraphs[previous].kind == HEADING:
            return None
        earlier = self.paragraphs[previous]
        chunk = self.text[earlier.start:earlier.end]
        quoted = self.layout.in_quote(earlier.start, earlier.end)
        closes = chunk.rstrip(" *_")[-1:] in CLOSING_QUOTES and is_closing_mark(self.text, earlier.start + len(chunk.rstrip(" *_")) - 1)
        if not (quoted or closes and chunk.lstrip(" *_")[:1] in OPENING_QUOTES):
            return None
        start = _skip_opening(self.text, earlier.start, earlier.end)
        end = _strip_closing(self.text, start, earlier.end)
        earlier.consumed = paragraph.consumed = True
        self._add(start, end, previous, site.attribution, self._lead_in(previous))
        self.claimed.append((site.start, site.end))
        return site.end

    def _dashed(self) -> None:
        """Quotes attributed after a dash ("“…” — P11, pharmacist"), when no bracket attributes them."""
        for match in re.finditer(r"[”\"’']", self.text):
            closing = match.start()
            if not is_closing_mark(self.text, closing) or self._inside_extract(closing - 1):
                continue
            site = self.style.dashed_site(self.text, closing + 1)
            if site is None or self._claimed(site.start) or not self._says_enough(site, closing + 1):
                continue
            index = self._paragraph_of(closing)
            opening = opening_for(self.text, closing, self.paragraphs[index].start) if index is not None else None
            if opening is None:
                continue
            whole = not self.text[self.paragraphs[index].start:opening].strip(" *_")
            self._add(opening + 1, closing, index, site.attribution, self._lead_in(index), inline=not whole)
            self.claimed.append((site.start, site.end))
            if whole and not self.text[site.end:self.paragraphs[index].end].strip(" .;"):
                self.paragraphs[index].consumed = True
        for index, paragraph in enumerate(self.paragraphs):  # "— Carer, Site 1" alone after a block quote, or
            # "Parent, Site 3" in a format that marks its headings (in plain text it may be an unmarked heading)
            dashed = self.text[paragraph.start] in "—–"
            if index and not paragraph.consumed and (dashed or self.layout.marked and paragraph.kind != HEADING):
                site = self.style.dashed_site(self.text, paragraph.start if dashed else paragraph.start - 1)
                if site is not None and not self.text[site.end:paragraph.end].strip(" .*_") \
                        and not self._claimed(site.start) and self._says_enough(site, paragraph.start):
                    self._attribution_alone(site, index)

    def _said_by_someone(self) -> None:
        """Quotes a report's own sentence attributes to someone it describes, with no code: 'As one nurse put it,
        "…"', 'One ward manager told us: "…"', '"…," said a healthcare assistant.' Their role is who spoke
        (``said_by``), as "(Parent)" after a quote would say; a quote shorter than ``ROLE_QUOTE_WORDS`` words is a
        phrase the report borrows, not someone's words."""
        for match in re.finditer(r"[”\"]", self.text):
            closing = match.start()
            if not is_closing_mark(self.text, closing) or self._inside_extract(closing - 1):
                continue
            index = self._paragraph_of(closing)
            if index is None or self.paragraphs[index].consumed or self.paragraphs[index].kind == HEADING:
                continue
            paragraph = self.paragraphs[index]
            opening = opening_for(self.text, closing, paragraph.start)
            if opening is None or len(self.text[opening + 1:closing].split()) < ROLE_QUOTE_WORDS \
                    or self._inside_extract(opening + 1):  # '"…," said one nurse.[^4]': the footnote's already
                continue
            before = self.text[max(paragraph.start, opening - 120):opening]
            who = said_by(before, self.text[closing + 1:min(paragraph.end, closing + 120)]) \
                or (self._speaker_before(opening, index) if _GOES_ON.search(before) else None)
            if who is None:
                continue
            end = closing
            while self.text[end - 1] in ",;:":  # '“… every night,” said a healthcare assistant': not the comma
                end -= 1
            self._add(opening + 1, end, index, who, self._lead_in(index), inline=True)

    def _speaker_before(self, position: int, index: int) -> Attribution | None:
        """Who spoke the extract that ends last before ``position``, in paragraph ``index`` or the one before it:
        whom "She added:" goes on with."""
        earlier = [extract for extract in self.extracts if extract.end <= position and extract.respondent is not None
                   and self._paragraph_of(extract.start) in (index, index - 1)]
        return max(earlier, key=lambda extract: extract.end).respondent if earlier else None

    def _unattributed_quotes(self) -> None:
        """Block quotes with no attribution: kept as extracts with no respondent, never given a neighbour's. A
        label before a marked block quote that names no respondent ("[Survey respondent]") is not quoted: it says
        who spoke without a code, and citations show it in place of "unattributed"."""
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.consumed or paragraph.kind not in (PARAGRAPH, BULLET) or paragraph.turn is not None \
                    or self._claimed_within(paragraph):  # '"…," said Sunita.': her quote already
                continue
            quoted = self.layout.in_quote(paragraph.start, paragraph.end)
            if not (quoted or is_block_quote(self.text, paragraph)):
                continue
            start, end = paragraph.start, paragraph.end
            label = re.match(r"\[[^\[\]\n]{1,40}\]\s+", self.text[start:end]) if quoted else None
            if label:
                start += label.end()
            speaker = " ".join(label.group().strip().strip("[]").split()) if label else ""
            closing = block_quote_end(self.text, paragraph)
            if closing is not None:
                end = closing + 1  # a code the style in force does not read is not part of the quote
            start = _skip_opening(self.text, start, end)
            end = _strip_closing(self.text, start, end)
            if end > start:
                paragraph.consumed = True
                lead_in = self._lead_in(index)
                # "An owner-pharmacist in Area 3 described the arithmetic:" right above the quote says who spoke
                who = said_by(lead_in, "") if not speaker and self._introduced_by_narrative(index) else None
                self.extracts.append(Extract(self.text[start:end], start, end, paragraph.section, who, lead_in,
                                             speaker=speaker))
                if who is None:
                    self.candidates.note(self.text, end)
        for match in re.finditer(r"[”\"’']", self.text):  # long inline quotes with nothing after them
            position = match.start()
            if not is_closing_mark(self.text, position):
                continue
            opening = opening_for(self.text, position, max(0, position - 1500))
            if opening is not None and len(self.text[opening:position].split()) >= 12 \
                    and not any(e.start <= position and opening < e.end for e in self.extracts):
                self.candidates.note(self.text, position)

    # -- helpers ------------------------------------------------------------------------------------------
    def _add(self, start: int, end: int, index: int, who: Attribution | None, lead_in: str, inline: bool = False,
             section: str = "") -> None:
        if end <= start:
            return
        self.extracts.append(Extract(self.text[start:end], start, end, section or self.paragraphs[index].section, who,
                                     lead_in, inline))
        self.claimed.append((start, end))

    def _add_with_turns(self, start: int, end: int, index: int, who: Attribution, lead_in: str, section: str) -> None:
        """An attributed span, split where speakers take turns inside it: the respondent's turns are theirs; an
        interviewer's turns are the lead-in of what follows. Words before the first label are the respondent's,
        unless that label is the respondent's own: a label marks a change of speaker, so a segment that opens
        "So are there any other capabilities …? Participant: Uh, well, …" opens with the interviewer."""
        turns = inline_turns(self.text, start, end, self.known)
        if not turns:
            self._add(start, end, index, who, lead_in, section=section)
            return
        role_of = {**roles([turn.label for turn in turns]),
                   **{label: role for label, role in self.inline_roles.items() if role}}
        pieces = [(start, turns[0].start, None)] + [(t.words_start, t.end, t.label) for t in turns]
        context = lead_in
        for piece_start, piece_end, label in pieces:
            piece_end = _strip_closing(self.text, piece_start, piece_end) if label is None else piece_end
            if piece_end <= piece_start:
                continue
            role = role_of.get(label, RESPONDENT) if label else RESPONDENT
            if label is None and role_of.get(turns[0].label, RESPONDENT) == RESPONDENT:
                role = ""  # someone else's words, before the respondent's first turn
            if role != RESPONDENT:
                context = " ".join(self.text[piece_start:piece_end].split())[-300:]
                continue
            self._add(piece_start, piece_end, index, who, context, section=section)
            context = lead_in

    def _paragraph_of(self, offset: int) -> int | None:
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.start <= offset < paragraph.end:
                return index
        return None

    def _span(self, index: int) -> tuple[int, int]:
        return self.paragraphs[index].start, self.paragraphs[index].end

    def _claimed(self, offset: int) -> bool:
        return any(low <= offset < high for low, high in self.claimed)

    def _inside_extract(self, offset: int) -> bool:
        return any(extract.start <= offset < extract.end for extract in self.extracts)

    def _has_site(self, index: int) -> bool:
        paragraph = self.paragraphs[index]
        return any(site.strong for site in self.style.sites(self.text[paragraph.start:paragraph.end]))

    def _closed_before(self, opening_paragraph: int, limit: int) -> bool:
        """Whether the quote opened at ``opening_paragraph`` closes before ``limit`` (then it is another quote)."""
        start = _skip_opening(self.text, opening_paragraph, limit) - 1
        mark = self.text[start]
        closer = {"“": "”", "‘": "’"}.get(mark, mark)
        for position in range(start + 1, limit):
            if self.text[position] == closer and is_closing_mark(self.text, position):
                tail = self.text[position + 1:limit]
                if tail.strip(" \t\n*_.,;:") and opening_for(self.text, position, start) == start:
                    return True
        return False

    def _says_enough(self, site: Site, position: int) -> bool:
        """Whether an attribution by role alone (``is_by_role``: "(Parent)", "— Youth worker, Site 1") at
        ``position`` follows a quote long enough to be someone's words (``ROLE_QUOTE_WORDS``), not a term the report
        quotes ("'business as usual' (Scotland)"). Any other attribution says enough."""
        if not is_by_role(site.attribution):
            return True
        closing = self._closing_mark_before(position, max(0, position - 8))
        if closing is not None:
            opening = opening_for(self.text, closing, max(0, closing - 4000))
            return opening is not None and len(self.text[opening + 1:closing].split()) >= ROLE_QUOTE_WORDS
        own = self._paragraph_of(position - 1)  # a footnote's at the end of a marked block quote: that quote's
        if site.start == site.end and own is not None and position == self.paragraphs[own].end \
                and self.layout.in_quote(*self._span(own)):
            return len(self.text[self.paragraphs[own].start:position].split()) >= ROLE_QUOTE_WORDS
        index = self._paragraph_of(position)  # a marked block quote with no quote marks, the attribution alone after it
        before = self.paragraphs[index - 1] if index else None
        return before is not None and self.layout.in_quote(before.start, before.end) \
            and not self.text[self.paragraphs[index].start:position].strip(" \t*_") \
            and not self.text[site.end:self.paragraphs[index].end].strip(" .*_") \
            and len(self.text[before.start:before.end].split()) >= ROLE_QUOTE_WORDS

    def _closing_in_sentence(self, position: int, floor: int) -> int | None:
        """The closing quote mark earlier in the sentence that ends at ``position``, with no other quote mark
        between ('"It's the first winter …," said the ward manager at Site A.')."""
        cursor = position - 1
        while cursor >= floor and self.text[cursor] in " \t.!?":
            cursor -= 1
        for cursor in range(cursor, max(floor, position - _SENTENCE_REACH) - 1, -1):
            char = self.text[cursor]
            if char in ".!?\n" and self.text[cursor + 1:cursor + 2].isspace():
                return None
            if char in CLOSING_QUOTES and is_closing_mark(self.text, cursor):
                return cursor
            if char in OPENING_QUOTES and is_opening_mark(self.text, cursor):
                return None
        return None

    def _touches_closing_mark(self, position: int) -> bool:
        return self._closing_mark_before(position, max(0, position - _TAG_REACH)) is not None

    def _closing_mark_before(self, position: int, floor: int) -> int | None:
        """The closing quote mark just before ``position`` (only space, emphasis, punctuation or a speech tag
        between: '"…," said one (O3)')."""
        tagged = _SPEECH_TAG.search(self.text, max(floor, position - _TAG_REACH), position)
        if tagged is not None and tagged.start() > floor:
            position = tagged.start()
        cursor = position - 1
        while cursor >= floor and (self.text[cursor].isspace() or self.text[cursor] in "*_.,;:"):
            cursor -= 1
        if cursor >= floor and self.text[cursor] in CLOSING_QUOTES and is_closing_mark(self.text, cursor):
            return cursor
        return None

    def _claimed_within(self, paragraph: Paragraph) -> bool:
        return any(paragraph.start <= start < paragraph.end for start, _ in self.claimed)

    def _introduced_by_narrative(self, index: int) -> bool:
        """Whether paragraph ``index`` comes right after narrative that ends by introducing it ("…told us:")."""
        previous = self.paragraphs[index - 1] if index else None
        return previous is not None and previous.kind in (PARAGRAPH, BULLET) and not previous.consumed \
            and previous.turn is None and self.text[previous.start:previous.end].rstrip().endswith(":")

    def _lead_in(self, index: int) -> str:
        """The last sentence of the narrative (paragraph or bullet) that comes last before paragraph ``index``:
        what introduces a quote, even across other quotes."""
        for previous in range(index - 1, -1, -1):
            paragraph = self.paragraphs[previous]
            if paragraph.kind in (PARAGRAPH, BULLET) and not paragraph.consumed and paragraph.turn is None:
                chunk = self.text[paragraph.start:paragraph.end]
                if paragraph.kind == BULLET:
                    chunk = chunk[1:].lstrip()
                return _last_sentence(chunk)
        return ""


def _tag_only(site: Site) -> bool:
    """Whether an attribution is a code alone, saying nothing of who spoke ("[T1]")."""
    return not site.attribution.group and not site.attribution.facets and not site.line_start


def _introduces(text: str, turn: Turn, speakers: set[str]) -> bool:
    """Whether a turn's words only name another speaker, with what they are ("Participant: R1 (coordinator, North
    site)" before R1's turns): an introduction, not something said."""
    said = text[turn.words_start:turn.end].strip()
    return any(label != turn.label and re.fullmatch(rf"{re.escape(label)}(?:\s*\([^()]*\)|\s*[,–—-][^\n]*)?\.?", said)
               for label in speakers)
