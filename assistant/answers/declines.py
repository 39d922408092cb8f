"""Declines that explain: the answer is ``NO_ANSWER``, then the specific reason and what the user can do — no
such respondent (and which exist), no such kind of respondent (and which groups exist), a filter that excludes
what the question asks about, a respondent who never spoke to the topic, or a topic the findings do not cover (and
the nearest topics they do)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .blocks import Decline
from .lines import groups_line
from ..documents.prose import is_about_the_paper, section_name
from ..documents.respondents import Directory, listed
from ..types import ScoredPassage

CODES_SHOWN = 24  # most respondent codes a decline lists


def unknown_respondents(codes: Sequence[str], directory: Directory) -> Decline:
    known = directory.codes()
    shown = listed(known[:CODES_SHOWN]) + (f" and {len(known) - CODES_SHOWN} more" if len(known) > CODES_SHOWN else "")
    who = listed(codes)
    there = f" The respondents quoted are: {shown}." if known else " No quote in the findings is attributed to anyone."
    return Decline((f"There is no respondent {who} in the findings.{there}",))


def unknown_beside(codes: Sequence[str], keys: Sequence[str], directory: Directory) -> str:
    """The note for codes asked about with others that exist ("What did P07 and P99 say?"): no such respondent,
    so the answer is of the others alone."""
    others = listed(person.code for person in directory.named(keys)) or listed(keys)
    return f"There is no respondent {listed(codes)} in the findings: this answer is of {others} alone."


def others_speak(asked: Sequence[str], others: Sequence) -> Decline:
    """Nothing from the groups or areas asked about speaks to the question, though others' extracts do (``others``:
    their ``GroupCount``s)."""
    who = groups_line(others)
    return Decline((f"No extract from {' or '.join(asked)} speaks to this. Respondents who do: {who}.",))


def phrase_unused(phrases: str) -> Decline:
    """No extract holds the phrase the question quotes (of common words only, so nothing else of it is searched)."""
    return Decline((f"No one's extract in the findings holds {phrases}.",))


def unknown_areas(labels: Sequence[str], directory: Directory) -> Decline:
    kind = directory.area_label("").strip().lower()  # what the documents call their areas
    return Decline((f"There is no {listed([directory.area_label(label) for label in labels])} in the findings. The "
                    f"{kind}s are {listed([directory.area_label(value) for value in directory.areas()])}.",))


def unknown_speakers(who: str, missing: Sequence[str], groups: Sequence[str]) -> Decline:
    words = ", ".join(f"“{word}”" for word in missing)
    return Decline((f"No respondent in the findings is identified as {_as_named(who)}: they never mention {words}. "
                    f"{_grouped(groups)}",))


def speakers_not_told_apart(who: str, groups: Sequence[str]) -> Decline:
    """The decline for all that some people said ("What did drivers say?") when the findings cannot pick them out:
    with no topic, what anyone said is no answer."""
    which = _which_are(who)
    ask = "Ask what was said about a topic, or what one of these groups said." if groups else \
        "Ask what was said about a topic."
    return Decline((f"The findings do not say {which}, so what they said cannot be told apart from what others said. "
                    f"{_grouped(groups)} {ask}",))


def not_among_groups(who: str, groups: Sequence[str], said: bool) -> Decline:
    """No one quoted is of the people asked about, in findings that group whom they quote."""
    then = " What the report says of them:" if said else ""
    return Decline((f"No respondent in the findings is identified as {_as_named(who)}. {_grouped(groups)}{then}",))


def speakers_note(who: str, groups: Sequence[str]) -> str:
    """The note on an answer to what some people said when the findings cannot pick those people out."""
    return f"The findings do not say {_which_are(who)}: these are quotes from any respondent. {_grouped(groups)}"


def _which_are(who: str) -> str:
    """ "which respondents are paramedics", "which respondent is a head teacher"."""
    return f"which respondents are {who}" if _plural(who) else f"which respondent is {_as_named(who)}"


def _plural(who: str) -> bool:
    """Whether the people a question names are named in the plural ("paramedics", "parents at School 5", not "a
    head teacher"): by the noun before anything that says where or which they are."""
    head = re.split(r"\s+(?:at|in|from|of|on|with|who|that|aged)\s+", who, maxsplit=1)[0]
    last = head.split()[-1].lower() if head.split() else ""
    return last.endswith("s") and not last.endswith("ss") or last in ("people", "staff", "men", "women", "children")


def _as_named(who: str) -> str:
    """``who`` after "identified as": "paramedics", "a head teacher", "an officer", "Chief Constable" (a title or
    name is given as the question gives it)."""
    if _plural(who) or who[:1].isupper():
        return who
    return f"{'an' if who[:1].lower() in 'aeiou' else 'a'} {who}"


def _grouped(groups: Sequence[str]) -> str:
    return f"They group respondents as {', '.join(groups)}." if groups else "They do not group respondents."


def filter_conflict(asked: Sequence[str], chosen: Sequence[str], facet: str) -> Decline:
    return Decline((
        f"The {facet} filter shows only {', '.join(chosen)}, and the question asks about {', '.join(asked)}. "
        f"Clear the {facet} filter, or ask about {', '.join(chosen)}.",
    ))


def not_on_this(keys: Sequence[str], directory: Directory, sections: Sequence[str]) -> Decline:
    people = directory.named(keys)
    who = listed(person.code for person in people) or listed(keys)
    spoke = f" What they spoke about: {'; '.join(sections)}." if sections else ""
    verb = "is" if len(people) <= 1 else "are"
    return Decline((f"{who} {verb} quoted in the findings, but not on this.{spoke}",))


def not_covered(reason: str, missing: Sequence[str], nearest: Sequence[str], share_of_people: bool = False
                ) -> Decline:
    """Why the findings do not answer: words they never use, a figure they do not give (for a share of the people
    asked, where a count of those quoted is to be had instead), or nothing on the question."""
    if reason == "absent":
        words = ", ".join(f"“{word}”" for word in missing)
        first = f"The findings never mention {words}."
    elif reason == "no_figure" and share_of_people:
        first = ("The findings give no figure for this, and the share cannot be read from them: they quote a selection "
                 "of respondents. Ask how many respondents mentioned it for a count of those quoted.")
    elif reason == "no_figure":
        first = "The findings give no figure for this."
    else:
        first = "Nothing in the findings speaks to this question."
    near = f" The nearest topics they cover: {'; '.join(nearest)}." if nearest else ""
    return Decline((first + near,))


def nothing_to_follow(question: str) -> Decline:
    """A follow-up ("more quotes like that") asked before any other question: there is nothing it can follow."""
    return Decline((f"“{question}” follows up an earlier answer, and there is none in this conversation yet. Ask "
                    f"about a topic first: what people said about something, the main themes, how many mentioned "
                    f"it, or a summary.",))


def no_more(shown: int) -> Decline:
    return Decline((f"There are no further extracts on this beyond the {shown} already shown.",))


def nearest_topics(candidates: Sequence[ScoredPassage], count: int = 3) -> list[str]:
    """The sections of the best candidates (their last level), each once: where the findings come closest; never
    a paper's back matter ("Competing interests", "Disclaimer"), which holds no finding."""
    names: list[str] = []
    for item in candidates:
        section = section_name(item.passage.section).strip()
        if section and section not in names and not is_about_the_paper(item.passage.section):
            names.append(section)
        if len(names) == count:
            break
    return names
