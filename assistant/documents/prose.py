"""What a document's sentences are and say, as every stage reads them: sentence spans, a list's items and
lead-in, a label run into a paragraph, section paths and names, and whether a sentence is prose, points to a
figure or elsewhere, or belongs to the paper's own apparatus (method, back matter)."""

from __future__ import annotations

import re

BULLET_MARKERS = "•●▪–-*"
SECTION_SEPARATOR = " › "
PROSE_WORDS = 6  # a statement has this many words at least, one of them a function word of English (below)…
# …and it ends as a sentence does, perhaps before a closing quote or bracket and a note's number ("… as shown [8]"),
# not where a table's header row or a line cut by a page break stops ("Participant Age Sex Number of years")
_ENDS_A_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*\s*(?:\[[\d,;–\- ]+\]|\(\d+\)|\d{1,3})?\W*$")
# A section's number before its heading: "3.1 ", "2. ", "4 ".
SECTION_NUMBER = re.compile(r"^(?:\d{1,2}\.)*\d{1,2}\.?\s+(?=\S)")
# A numbered paragraph's number before its first sentence ("4.8 An individual respondent commented: …"): no figure.
PARAGRAPH_NUMBER = re.compile(r"^\W*\d{1,2}(?:\.\d{1,2})+\s+(?=[A-Z])")
# Words a heading does not end on: a phrase ending on one of these is the start of a sentence.
FUNCTION_WORDS = frozenset(
    "a an the of in on at to for with by from and or but that which who whom whose is are was were be been "
    "this these those their its his her our as into than not no has have had it they we there when where if "
    "so such can could would should may might will do does did why how what".split()
)
# What shows a sentence is prose: those words, or the rest of English's prepositions, conjunctions and pronouns
# ("Residents without cars reported difficulty reaching hospital appointments." has none of the first)
_PROSE_WORDS = FUNCTION_WORDS | frozenset(
    "without within about after before between through during against among across over under via upon because "
    "while although though whether since unless until nor yet i you he she me him us them my your am being".split())
_SENTENCE_END = re.compile(r"(?<=[.!?…])['’\"”)\]]*\s+(?:\d{1,2}[.)]\s+)?(?=['‘\"“(\[]?[A-Z])"  # (a numbered
                           rf"|[ \t]*\n[ \t]*[{re.escape(BULLET_MARKERS)}][ \t]+")  # item run into the last, as a PDF's
# text may give a list: "… in every locality. 2. Offer …"; a list item on its own line starts a sentence)
_DANGLING_BULLET = re.compile(rf"\s*\n[ \t]*[{re.escape(BULLET_MARKERS)}]$")
# A sentence about a figure or table ("Figure [onion-usage] provides some insight.", "Figure 3 shows …"), or its
# caption ("Figure [usage]: The strategies …"): no finding of its own, nor a heading run into its paragraph.
# (A caption set in italics over two lines keeps its opening mark: "*Figure 1: …")
_POINTS_TO_A_FIGURE = re.compile(r"[*_]{0,2}(?:Figure|Fig\.|Table|Chart|Graph|Exhibit)s?(?:\s+[\[(]?[\w.:-]+[\])]?)?"
                                 r":?\s", re.IGNORECASE)
# A sentence about the document's own parts ("This section sketches out …", "The next chapter turns to …", "The
# following extracts illustrate …"): where findings are, not a finding ("This report finds that …" is one).
_SIGNPOST = re.compile(r"(?:(?:in\s+)?the\s+following\s+(?:interview\s+)?(?:extracts?|excerpts?|quotes?|quotations?)\b|"
                       r"(?:this|the\s+(?:following|next|present|previous|last|first|final))\s+(?:section|chapter|part|"
                       r"report|paper|article|document|appendix|annex|subsection)\s+(?:\w+ly\s+)?(?:sketch|outline|"
                       r"describe|present|set|explore|examine|consider|discuss|summari[sz]e|review|introduce|turn|look|"
                       r"focus|provide|report|begin|draw|bring|give|offer|detail|cover|address)(?:e?s|ed)?\b"
                       # what the study gives insight into, not what the insight is ("The analysis … provided important
                       # insights into factors which can either facilitate or hinder …")
                       r"|(?:this|the)\s+(?:analysis|research|study|evaluation|review|fieldwork|case\s+study)\b"
                       r"[^.!?:]{0,80}?\b(?:provid|offer|g[ai]v)\w*\s+(?:\w+\s+){0,2}?insights?\s+into\b)",
                       re.IGNORECASE)
# A sentence saying what the authors asked or set out to do ("We asked our respondents if …", "The next question in
# our survey asked if …", "This study aimed to explore …", "When asked about X, the participants responded:"): how
# the study was done, not what it found (unless it gives the answer's figure too).
_METHOD = re.compile(r"(?:(?:we|our\s+(?:survey|questionnaire|interviews?)|the\s+(?:\w+\s+)?(?:survey|questionnaire|"
                     r"question)(?:\s+in\s+our\s+(?:survey|questionnaire))?)\s+(?:also\s+|then\s+|next\s+|further\s+)?"
                     r"asked\b|(?:we|this\s+(?:study|paper|research|evaluation|review)|the\s+(?:study|research)\s+)"
                     r"\s*(?:wanted|sought|set\s+out|aimed|aims|seeks|sets\s+out|tried)\s+to\b"
                     r"|when\s+(?:they\s+were\s+|we\s+)?asked\b[^.!?:]*:(?=\s|$))(?![^.!?]*\d)",
                     re.IGNORECASE)
# The back matter of a paper: what it says there is about the paper, not a finding.
_BACK_MATTER = re.compile(r"^(?:acknowledge?ments?|funding(?:\s+information)?|competing\s+interests?|conflicts?\s+of\s+"
                          r"interests?|author(?:s'?|'s)?\s+contributions?|data\s+availability|disclaimer|references|"
                          r"bibliography|declarations?)\b", re.IGNORECASE)


def section_name(path: str) -> str:
    """The last part of a section path, the name its heading gives: "Barriers › Rota gaps" → "Rota gaps"."""
    return path.split(SECTION_SEPARATOR)[-1]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within ``text``; a heuristic good enough for report prose."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _inside_quote(text, start, match.end()):
            continue  # "…said: "I couldn't get on a bus. My key worker came with me."": one sentence, quote whole
        spans.append((start, _closed(text, start, match.start())))
        start = match.end()
    if start < len(text):
        end = len(text.rstrip())
        dangling = _DANGLING_BULLET.search(text, start, end)  # the next item's marker, its words in the next passage
        spans.append((start, dangling.start() if dangling else end))
    return [(s, e) for s, e in spans if e > s]


_QUOTE_CLOSES_WITHIN = 400  # characters: a quote left open longer than this is no quote the sentence holds


def _inside_quote(text: str, start: int, end: int) -> bool:
    """Whether a sentence end at ``end`` falls inside a double quote opened since ``start`` and closed later in the
    same paragraph, within ``_QUOTE_CLOSES_WITHIN`` characters: the quote's own sentences are not the sentence's end."""
    so_far = text[start:end]
    curly = so_far.count("“") > so_far.count("”")
    if not curly and so_far.count('"') % 2 == 0:
        return False
    rest = text[end:end + _QUOTE_CLOSES_WITHIN].split("\n\n", 1)[0]
    return ("”" if curly else '"') in rest and len(so_far) < _QUOTE_CLOSES_WITHIN


def _closed(text: str, start: int, end: int) -> int:
    """``end``, or past the quote mark that closes a quote the sentence opened (""…with me." Another …")."""
    so_far = text[start:end]
    if so_far.count("“") > so_far.count("”") and text.startswith("”", end) \
            or so_far.count('"') % 2 and text.startswith('"', end):
        return end + 1
    return end


def list_items(text: str) -> list[tuple[int, int]]:
    """The first sentence of each item of a list in ``text`` (a list's passage): its first sentence, and each that
    opens a line with a list marker ("…the rota gaps;\n  • While the wards …"), as (start, end) spans."""
    return [(start, end) for number, (start, end) in enumerate(split_sentences(text))
            if not number or _ITEM_OPENS.search(text, 0, start)]


def ends_before_an_item(text: str) -> bool:
    """Whether ``text`` (a list's passage) ends on the marker of the next item, whose words are in the next passage."""
    return bool(_DANGLING_BULLET.search(text))


def run_in_label(text: str) -> str:
    """The label a paragraph runs into ("Reduced budgets and growing demand: Interviewees …" → "Reduced budgets and
    growing demand"); "" when it opens with none."""
    head, colon, rest = text[:120].partition(":")
    return head.strip() if colon and rest[:1] == " " and 1 <= len(head.split()) <= 12 and "." not in head else ""


def lead_in_sentence(text: str) -> str:
    """The sentence of ``text`` that introduces what follows (its last), spacing folded: how a list is known by its
    lead-in, whether or not a heading run into the paragraph comes before it."""
    spans = split_sentences(text) or [(0, len(text))]
    return " ".join(text[spans[-1][0]:spans[-1][1]].split())


_ITEM_OPENS = re.compile(rf"\n[ \t]*[{re.escape(BULLET_MARKERS)}][ \t]+$")


def points_to_a_figure(text: str, start: int = 0) -> bool:
    """Whether the sentence of ``text`` at ``start`` is about a figure or table, or is its caption."""
    return bool(_POINTS_TO_A_FIGURE.match(text, start))


def points_elsewhere(text: str, start: int = 0) -> bool:
    """Whether the sentence of ``text`` at ``start`` points to another part of the document or study, stating no
    finding of its own: a figure or table (``points_to_a_figure``), a section ("This section sketches out …"), or
    what the authors asked ("We asked our respondents if …")."""
    return points_to_a_figure(text, start) or bool(_SIGNPOST.match(text, start) or _METHOD.match(text, start))


def is_prose(sentence: str) -> bool:
    """Whether a sentence reads as prose: ``PROSE_WORDS`` words or more, the first not in lower case (not the tail of
    a sentence cut by a page break) unless a figure opens it ("68% of …"), one of them a function word of English (not a
    table's row, "P20 31 Female 5 years", nor a key of abbreviations, "HIV, human immunodeficiency virus; TB,
    tuberculosis.")."""
    words = re.findall(r"[A-Za-z]+", sentence)
    # "68% of parents said …" opens on its share, "348 learners enrolled … ." on a count (not a list's point, "16
    # visitors, recruited at nine sites;")
    figure = re.match(r"\W*\d+(?:\.\d+)?\s*(?:%|per\s*cent\b)", sentence) or re.match(
        r"\W*\d+(?:,\d{3})*\s+[a-z]", sentence) and re.search(r"[.!?][\"'”’)\]]*\s*$", sentence)
    return len(words) >= PROSE_WORDS and (figure or not words[0][0].islower()) \
        and not _PROSE_WORDS.isdisjoint(word.lower() for word in words) and bool(_ENDS_A_SENTENCE.search(sentence))


def leads_in(text: str) -> bool:
    """Whether ``text`` ends in a colon: it leads into what follows it (a list's points, a quote)."""
    return text.rstrip().endswith(":")


def is_about_the_paper(section: str) -> bool:
    """Whether ``section`` (a path) is, or is under, a paper's back matter ("Acknowledgements", "Funding
    information") or a figure's or table's own heading ("TABLE 2"): what stands there is no finding."""
    return any(_BACK_MATTER.match(name) or _POINTS_TO_A_FIGURE.fullmatch(f"{name} ")
               for name in section.split(SECTION_SEPARATOR))
