"""Example questions drawn from the library itself: its findings sections (those with the most respondent quotes),
or the phrases its respondents use most widely, and its groups, one of each kind of answer (themes, a group's views, a comparison, a count, a summary). Each is
asked before it is offered, and only those the findings answer are kept. No streamlit here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..documents.prose import section_name
from ..text import STOPWORDS
from ..types import QUOTE, Passage

MAX_TOPIC_WORDS = 10
ENOUGH_SECTIONS = 8  # a library with this many findings sections gets its topics from them alone


def topics(passages: Sequence[Passage]) -> list[str]:
    """Section headings as topics, the sections with the most attributed quotes first (findings, not methods);
    then the phrases respondents use most widely, for a library without headings (a transcript)."""
    quotes = Counter(p.section for p in passages if p.kind == QUOTE and p.code and p.section)
    headings = [topic_of(section) for section, _ in quotes.most_common()]
    lower = _written_in_lower_case({topic.split()[0].lower() for topic in headings if topic}, passages)
    found: list[str] = []
    sections = [topic_of(section, lower) for section, _ in quotes.most_common()]
    enough = sum(bool(topic) for topic in sections) >= ENOUGH_SECTIONS  # phrases only for a library without them
    for topic in [*sections, *([] if enough else phrases(passages))]:
        if topic and topic.lower() not in {t.lower() for t in found}:
            found.append(topic)
    return found


def _written_in_lower_case(words: set[str], passages: Sequence[Passage]) -> set[str]:
    """Those of ``words`` (lower case) that the passages write in lower case somewhere: looked for until found."""
    found: set[str] = set()
    for word in words:
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])")
        if any(pattern.search(passage.text) for passage in passages):
            found.add(word)
    return found


def phrases(passages: Sequence[Passage], least: int = 3, common: float = 0.2) -> list[str]:
    """Two-word phrases found in at least ``least`` attributed extracts, most widespread first. Their words are
    content words that are not everywhere (in at most ``common`` of the extracts: a speaker's "right" or "like"
    is not a topic)."""
    extracts = [re.findall(r"[a-z][a-z'’-]+", p.text.lower()) for p in passages if p.kind == QUOTE and p.code]
    word_counts = Counter(word for words in extracts for word in set(words))
    counts: Counter = Counter()
    for words in extracts:
        counts.update({f"{a} {b}" for a, b in zip(words, words[1:]) if a != b
                       and _topical(a, word_counts, common, len(extracts))
                       and _topical(b, word_counts, common, len(extracts))})
    return [phrase for phrase, count in counts.most_common() if count >= least]


def _topical(word: str, counts: Counter, common: float, extracts: int) -> bool:
    return (len(word) > 2 and word not in STOPWORDS and not re.search(r"['’]", word)
            and counts[word] <= common * extracts)


def topic_of(section: str, lower: set[str] | frozenset[str] = frozenset()) -> str:
    """A section's last heading as a phrase to ask about: numbering and quote marks gone, the part before a colon,
    its first capital dropped when the library writes that word in lower case (``lower``) elsewhere, so names and
    acronyms keep theirs ("The meaning of innovation" → "the meaning of innovation"; "Tor Browser usage"); ""
    when it is too long, holds figures, or ends on a little word, to read as a topic (a table's header row, a
    merged heading, a sentence cut short)."""
    heading = section_name(section)
    heading = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|chapter\s+\d+:?)\s+", "", heading, flags=re.IGNORECASE)
    heading = re.sub(r"[\"“”]|(?<!\w)['‘]|['’](?!\w)", "", heading.split(":")[0]).strip(" .")
    words = heading.split()
    if not words or len(words) > MAX_TOPIC_WORDS or any(ch.isdigit() for ch in heading) \
            or words[-1].lower() in STOPWORDS:
        return ""
    if words[0].lower() in lower:
        words[0] = words[0].lower()
    return " ".join(words)


def candidate_questions(passages: Sequence[Passage]) -> list[str]:
    """Questions of every answer form over the library's topics and groups, most promising first."""
    found = topics(passages)
    groups_by_section: dict[str, Counter] = defaultdict(Counter)
    for passage in passages:
        if passage.kind == QUOTE and passage.group:
            groups_by_section[passage.section][passage.group] += 1
    groups_by_topic: dict[str, Counter] = defaultdict(Counter)
    for section, groups in groups_by_section.items():
        groups_by_topic[topic_of(section).lower()].update(groups)
    varied: list[str] = []  # one question per topic, the form turning about, so the first few differ in both
    rest: list[str] = []
    for index, topic in enumerate(found):
        groups = [name for name, _ in groups_by_topic[topic.lower()].most_common()]
        forms = [f"What are the main themes on {topic}?"]
        if groups:
            forms.append(f"What did {groups[0]} respondents say about {topic}?")
        if len(groups) > 1:
            forms.append(f"How do {groups[0]} and {groups[1]} views on {topic} compare?")
        forms += [f"How many respondents spoke about {topic}?", f"Summarise the findings on {topic}."]
        varied.append(forms[index % len(forms)])
        rest.extend(forms)
    return list(dict.fromkeys(varied + rest))


def example_questions(assistant, count: int = 5, tries: int = 15) -> list[str]:
    """Up to ``count`` example questions the findings answer (each is asked first and kept only when answered)."""
    kept: list[str] = []
    for question in candidate_questions(assistant.retriever.passages)[:tries]:
        if len(kept) == count:
            break
        if not assistant.ask(question).abstained:
            kept.append(question)
    return kept
