"""Read a question: its form (what people said, themes, a comparison, a count, a summary), the respondents,
groups and areas it names, the phrases it quotes, and its topic. Pure text logic, no ML.

Only generic English lives here (question forms, words for people and for saying). Which words name a group, an
area or a respondent comes from the library (a ``respondents.Directory``): the documents' own group names, their
plurals, and the aliases of the respondents table.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..documents.attribution import NUMBER_SIGN, age_range, sex_named
from ..documents.respondents import Directory, code_shaped_tokens
from ..search.relevance import TermWeights
from ..text import PERSON_WORDS, STOPWORDS, content_tokens, content_words, stem
from ..types import NARRATIVE, QUOTE, Filters

# Question forms (``ParsedQuestion.form``).
QUOTES, THEMES, COMPARISON, PREVALENCE, SUMMARY, LOOKUP = "quotes", "themes", "comparison", "prevalence", "summary", "lookup"
NAMED = "named"  # a comparison's side that is a name the question gives, not a group, area, respondent or document
OTHERS = "others"  # a comparison's side of everyone not in the group named with it: ("others", "Nurse")

PERSONS = rf"(?:{PERSON_WORDS})"  # people themselves…
PEOPLE = (rf"(?:{PERSON_WORDS}|leaders?|side|voices?|views?|perspectives?|agenc(?:y|ies)|organi[sz]ations?|"
          r"services?|teams?|groups?|sector)")  # …and the words that stand for what they say or belong to
SAYING = (r"(?:say|said|says|saying|think|thought|feel|felt|describe[ds]?|describing|mention(?:s|ed|ing)?|"
          r"talk(?:s|ed|ing)?|tell|tells|telling|told|report(?:s|ed)?|view(?:s|ed)?|see|saw|sees|believe[ds]?|"
          r"argue[ds]?|arguing|make\s+of|express(?:es|ed)?|raise[ds]?|suggest(?:s|ed|ing)?|want(?:s|ed)?|describe|"
          r"discuss(?:es|ed|ing)?|explain(?:s|ed|ing)?|note[ds]?|highlight(?:s|ed)?|perceive[ds]?|experience[ds]?|"
          r"understand|understood|approach(?:es|ed)?|differ|agree|disagree|part\s+(?:company|ways)|diverge|"
          r"rate[ds]?|regard(?:s|ed)?|"
          r"value[ds]?(?!\s+for\s+money)|judge[ds]?)")
# The people a question asks to hear from: "what did paramedics say", "how do senior officers describe …".
_SPEAKERS = re.compile(rf"\b(?:did|do|does|have|has|had|would)\s+(?P<who>[\w'’-]+(?:\s+[\w'’-]+){{0,7}}?)"
                       rf"\s+(?:\w+ly\s+)?{SAYING}\b", re.IGNORECASE)
# …and as reported speech, named as people: "compare what older and younger participants said about …".
_COUNTED_SAYING = (r"(?:mentioned|talked|raised|spoke|discussed|brought\s+up|referred|described|identified|highlighted|"
                   r"commented|complained)")
# "How many nurses mentioned …": whoever they are, a past verb of saying after them counts who said it.
_SPEAKERS_COUNTED = re.compile(rf"\bhow\s+many\s+(?:of\s+(?:the|them|these)\s+)?(?P<who>(?:[\w'’-]+\s+){{1,3}}?)"
                               rf"{_COUNTED_SAYING}\b", re.IGNORECASE)
# "Which porters complained about …": the people a count is of, named before what they said.
_SPEAKERS_LISTED = re.compile(rf"^\s*which\s+(?P<who>(?:[\w'’-]+\s+){{1,3}}?)(?:{_COUNTED_SAYING}|said|asked|praised|"
                              rf"suggested|requested|recommended|called)\b", re.IGNORECASE)
# …and as whose words are wanted: "a quote from a head teacher about …", "the view of a paramedic on …".
_SPEAKERS_QUOTED = re.compile(r"\b(?:quotes?|quotations?|extracts?|excerpts?|words|lines?|views?|perspectives?)\s+"
                              r"(?:from|by|of)\s+(?:a|an|the|one|some|any)\s+(?P<who>[\w'’-]+(?:\s+(?:of\s+)?[\w'’-]+)"
                              r"{0,2}?)(?=\s+(?:about|on|regarding|concerning|who|that|saying|describing|with|in|at|for)\b"
                              r"|\s*[,.?!]|\s*$)", re.IGNORECASE)
_SPEAKERS_REPORTED = re.compile(rf"\b(?:what|how)\s+(?P<who>(?:[\w'’-]+\s+){{0,3}}?{PEOPLE})\s+(?:\w+ly\s+)?{SAYING}\b",
                                re.IGNORECASE)
# …and as those whose words are compared: "compare what men and women said about …".
_SPEAKERS_COMPARED = re.compile(rf"\bcompar(?:e|ing)\s+what\s+(?P<who>[\w'’-]+(?:\s+[\w'’-]+){{0,3}}?)\s+(?:\w+ly\s+)?"
                                rf"{SAYING}\b", re.IGNORECASE)
# Words that stand before a noun, not a verb: the word of saying after them is a thing ("good value", "a view").
_BEFORE_A_NOUN = re.compile(r"\b(?:a|an|the|no|any|its|their|good|poor|bad|great|better|best|worse|worst|real|much|"
                            r"little|more|less)\s*$", re.IGNORECASE)
# Words for a text, not a person ("what does the report say"), and for anyone at all ("what did people say").
_TEXTS = frozenset("report reports study paper document literature research evidence findings evaluation survey data "
                   "authors author it this that".split())
_ANYONE = frozenset("they we you he she people person anyone anybody everyone everybody someone somebody others "
                    "same else other different distinct separate individual unique various".split())  # (of a count)
_PLACE = r"(?:areas?|sites?|case[\s-]+stud(?:y|ies)(?:\s+areas?)?|locations?|regions?|wards?|districts?|localit(?:y|ies))"


def _places(area_names: tuple[str, ...]) -> str:
    """A pattern for the words that name places: the usual ones ("areas", "sites", "wards" …) and the library's own
    words for its areas ("schools")."""
    return "|".join([_PLACE, *(rf"{re.escape(name[:-1])}(?:y|ies)" if name.endswith("y") else rf"{re.escape(name)}s?"
                               for name in area_names)])  # "local authorities", "schools"


@functools.lru_cache(maxsize=64)
def _which_places(area_names: tuple[str, ...] = ()) -> re.Pattern[str]:
    """ "Which case study areas talked about …?", "which schools mentioned …" (of a library whose documents call
    their areas schools): a count by area (not "which areas are the case studies?")."""
    places = _places(area_names)
    return re.compile(rf"\bwhich\s+(?:\w+\s+){{0,2}}?(?:{places})\s+(?:\w+\s+){{0,4}}?(?:{SAYING}|spoke|raised|brought|"
                      rf"discussed|referred|identified|highlighted|commented|mentioning|raising|talking)\b",
                      re.IGNORECASE)


# "Which reports mention …?", "What studies discuss …?": the library's documents, each with its words on it
_WHICH_DOCUMENTS = re.compile(r"^\s*(?:which|what)\s+(?:of\s+the\s+)?(?:documents?|reports?|studies|papers|files|"
                              r"transcripts?|interviews)\s+(?:\w+\s+){0,2}?(?:mention|discuss|cover|talk|say|said|"
                              r"refer|address|deal|touch|raise)\w*\b", re.IGNORECASE)
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[:]))[\"“‘'](?P<phrase>(?:[^\"“”‘’']|['’](?=[a-z]))+?)[\"”’'](?![A-Za-z])")
# A measure of something, not a count of people: "how long …", "what was the average wait …"
_A_MEASURE = (r"how\s+(?:much|often|long)|what\s+(?:was|is|were|are)\s+the\s+(?:\w+\s+)?"
              r"(?:average|mean|median|total|overall\s+(?:rate|number|cost))")
# A figure asked for ("how many people were on the waiting list"), not how many people spoke on something.
_QUANTITY = re.compile(
    rf"\b(?:{_A_MEASURE}|what\s+(?:percentage|proportion|share|number|amount|fraction)|"
    r"number\s+of|per\s*cent|percent|statistics?|figures?\s+(?:for|on))\b"
    r"|\bhow\s+many\b(?!.*\b" + PEOPLE + r"\b.*\b(?:" + SAYING + r"|spoke|speak|about|(?<!were\s)(?<!was\s)on)\b)",
    re.IGNORECASE,
)
# "How much" that qualifies what is asked, not asks it: "… given how much effort it takes", "despite how often …";
# or that is what was said about: "what people said about how much of its workings the tool should show", "where do
# managers and nurses part company on how long appointments should be"
_HOW_MUCH_AS_GIVEN = re.compile(r"\b(?:given|considering|despite|because\s+of|no\s+matter|regardless\s+of|seeing|"
                                r"knowing|about|on|over|regarding|concerning)\s+how\s+(?:much|many|often|long)\b",
                                re.IGNORECASE)
# A figure, unless what people said of it: "the annual cost of …", "the cost per place", "value for money".
_COST = re.compile(r"\b(?:(?:annual\s+)?(?:cost|budget)\s+of|costs?\s+per|value\s+for\s+money)\b", re.IGNORECASE)
# How a figure is asked for, not what it is of: "what percentage of interviewees felt …" asks about feeling so.
_MEASURE = re.compile(r"\b(?:percentage|proportion|fraction|number|amount|share|statistics?|figures?|per\s*cent|"
                      r"percent)\s+(?:of|for|on)\b", re.IGNORECASE)
# How far a view was shared, not what it is: "how common was concern about data sharing?" asks about that concern.
_HOW_COMMON = re.compile(r"\bhow\s+(?:widespread|common|prevalent|frequent|usual|typical)\b", re.IGNORECASE)
# The measure "how" asks for, not what it is of: "how long appointments should be" is about appointments' length,
# which a report calls "appointment length"; "how often nurses visit" about their visits.
_HOW_MEASURED = re.compile(r"\bhow\s+(?:long|often|far|quickly|soon|fast|early|late)\b", re.IGNORECASE)
# What sides share, asked of a comparison ("what do nurses and doctors have in common on …"): how it is asked.
_IN_COMMON = re.compile(r"\b(?:(?:have|has|had)\s+in\s+common|(?:the\s+)?common\s+ground)\b", re.IGNORECASE)
# How the people asked were asked ("the survey respondents", "focus group participants"): who, not what about.
_ASKED_BY = re.compile(r"\b(?:survey|questionnaire|interview|focus[\s-]+group|study|research)(?=\s+(?:respondents?|"
                       r"participants?|interviewees?|informants?)\b)", re.IGNORECASE)
# Who the people counted were, asked after what they said: "…, and who were they?", "and what kinds of respondent
# were they?"
_WHO_THEY_WERE = re.compile(r",?\s+and\s+(?:who|which(?:\s+\w+)?|what\s+(?:kinds?|types?|sorts?)\s+of\s+\w+)\s+"
                            r"(?:were|are|was|is)\s+(?:they|them|these|those)\b", re.IGNORECASE)
# What people put first, asked of whatever they said: "differ in what they stressed", "what each group emphasised".
_WHAT_THEY_STRESSED = re.compile(r"\bwhat\s+(?:they|each(?:\s+\w+)?|\w+)\s+(?:most\s+)?(?:stressed|emphasi[sz]ed|"
                                 r"prioriti[sz]ed|focus(?:s)?ed\s+on|dwelt\s+on|cared\s+(?:most\s+)?about)\b",
                                 re.IGNORECASE)
# What a term it quotes is taken to mean, asked of those who use it ("what do they actually mean by 'innovation'", "how
# did staff understand 'recovery'", "what is meant by the 'X' approach"): the asking, not the topic, which is the term.
_ASKS_MEANING = re.compile(r"\b(?:\w+ly\s+)?(?:mean(?:s|t|ing)?|understand(?:s|ing)?|understood|"
                           r"defin(?:e|es|ed|ing|ition)|interpret(?:s|ed|ing|ation)?|(?:have|has|had)\s+in\s+mind)\b",
                           re.IGNORECASE)
# Where people are quoted, whatever the text calls itself ("quoted in the review", "interviewed for this inquiry"):
# the document, not a topic.
_IN_THE_TEXT = re.compile(r"\b(?:quoted|cited|featured|included|interviewed|represented)\s+(?:in|by|for)\s+"
                          r"(?:the|this)\s+[a-z]+\b", re.IGNORECASE)
# "List the respondents from Area B", "Name the staff quoted", "Count those who …", "Tell me who …": who they are, as
# "who were …?" asks.
_LISTS_PEOPLE = re.compile(rf"^\s*(?:please\s+)?(?:(?:list|name|identify|count)\b(?=\s+(?:all\s+|each\s+of\s+)?"
                           rf"(?:the\s+)?(?:(?:[\w'’-]+\s+){{0,2}}?{PEOPLE}\b"
                           rf"|(?:everyone|everybody|anyone|all\s+those|those)\s+who\b))|(?:tell|show)\s+me\s+who\b)",
                           re.IGNORECASE)
# A share of the people asked ("what proportion of respondents talked about trust?"): a figure the findings may state,
# but cannot be read off a selection of quotes.
_SHARE_OF_PEOPLE = re.compile(rf"\b(?:percentage|proportion|share|fraction|majority)\s+of\s+(?:the\s+|all\s+)?"
                              rf"(?:\w+\s+)?{PEOPLE}\b", re.IGNORECASE)
# What the study turned up ("themes that came out of the interviews", "what emerged from …", "what stood out in the
# focus groups"): how a question asks for findings, not what they are about (the study's own name frames it too).
_EMERGED = re.compile(r"\b(?:c[oa]me|comes|coming|emerg\w*|aris\w*|arose|st[oa]o?d|stands|standing)\s+"
                      r"(?:out\b(?:\s+(?:of|from|in|during)\b)?|(?:from|during)\b)", re.IGNORECASE)
# How support for a claim is asked for: "what evidence is there that …", "is there any evidence of …" asks about what
# follows (a report that uses the word throughout would otherwise offer its every "evidence" first).
_EVIDENCE_FOR = re.compile(r"\b(?:what|any|some|is\s+there(?:\s+any)?|how\s+much)\s+evidence\s+(?:is\s+there\s+|was\s+"
                           r"there\s+|do(?:es)?\s+\w+\s+(?:give|offer|provide)\s+)?(?:that|of|for|on)\b", re.IGNORECASE)
# How conclusions are asked for: "what conclusions does the paper draw about …" asks about what follows.
_CONCLUDING = re.compile(r"\bconclusions?\s+(?:\w+\s+){0,4}?(?:draws?|drew|drawn|reach(?:es|ed)?)\b", re.IGNORECASE)
_PREVALENCE = re.compile(
    rf"\bhow\s+many\b(?:\s+of)?(?:\s+the)?(?:\s+\w+){{0,3}}?\s+{PEOPLE}\b.*?\b(?:{SAYING}|spoke|speak|about|refer\w*|"
    rf"brought\s+up|bring\s+up|cite[ds]?|name[ds]?|quot(?:e|es|ed)|identif\w+)\b"
    rf"|\bwhich\s+(?:\w+\s+){{0,2}}?{PERSONS}\b"
    # "which agencies raised …" counts them; "which organisations' leaders backed it?" asks a fact of the findings
    rf"|\bwhich\s+(?:\w+\s+){{0,2}}?{PEOPLE}\b(?=.*\b(?:{SAYING}|spoke|speak|raised|brought\s+up|referred|"
    rf"identified|highlighted|commented|complained|quoted)\b)"
    rf"|^\s*(?:who|how\s+many(?:\s+of\s+them)?|which\s+of\s+(?:them|those|these))\s+(?:else\s+)?(?:mentioned|talked|raised|spoke|discussed|brought|"
    rf"referred|said|described|identified|highlighted|commented|agreed|complained|(?:was|were|is|are)\s+quoted)\b"
    rf"|\bhow\s+(?:widespread|common|prevalent)\b|\bhow\s+many\s+(?:times|mentions)\b"
    rf"|{_SPEAKERS_COUNTED.pattern}"
    # "did most interviewees mention …?", "has anyone raised …?": how many did
    rf"|^\s*(?:did|do|does|have|has|had)\s+(?:most|many|any|all|some|several|anyone|anybody|everyone|everybody)\b"
    rf"(?:\s+of)?(?:\s+the|\s+them)?(?:\s+[\w'’-]+){{0,2}}?\s+(?:mention|talk|raise|spoke|speak|discuss|bring|"
    rf"refer|describe|comment|complain)",
    re.IGNORECASE,
)
# "How many interviewees …": those the study asked (not "how many young people took part in …", a count in the
# world).
_COUNTS_PEOPLE = re.compile(r"\bhow\s+many\s+(?:of\s+)?(?:the\s+|our\s+|these\s+)?(?:\w+\s+)?"
                            r"(?:interviewees|respondents|participants|informants)\b", re.IGNORECASE)
# "Were nurses more positive than doctors …": people set against people (not "more about rotas than about pay").
_COMPARATIVE = r"(?:more|less|fewer|better|worse)\s+(?:\w+\s+){0,3}?than(?!\s+(?:about|on|regarding|concerning|of)\b)"
# Which of the groups (or areas) counted has the most, or the fewest, of its respondents on a topic: "which group
# mentioned it most often?", "were nurses or doctors more likely to raise it?", "which area had the most respondents
# …?" (not "did most respondents mention it?", which asks of everyone)
_RANKING = re.compile(r"\bthe\s+(?:most|least|fewest)\b|"
                      r"\b(?:most|more|least|less)\s+(?:often|frequently|commonly|likely)\b|"
                      r"\b(?:most|least)(?=\s*[?.!]*\s*$)", re.IGNORECASE)
# A question that asks which of the groups people are counted in: "which group", "which service", "what profession"
# (not "which age group", a kind of people the library may not mark)
_WHICH_GROUP = re.compile(r"^\s*(?:which|what)\s+(?P<noun>groups?|services?|agenc(?:y|ies)|organi[sz]ations?|sectors?|"
                          r"teams?|professions?|roles?|types?|kinds?|categor(?:y|ies))\b", re.IGNORECASE)
# A document described by a few words before what it is: "the year 2 final report", "the Kelverton transcript"
_A_DOCUMENT = re.compile(r"\b(?P<words>(?:[\w'’-]+\s+){1,4}?)(?:reports?|documents?|papers?|transcripts?|stud(?:y|ies)|"
                         r"evaluations?|reviews?|surveys?|memos?|summar(?:y|ies)|groups?|interviews?)\b",
                         re.IGNORECASE)  # (a focus group, an interview: a transcript's file is named for it)
_FILE_NAME_WORDS = re.compile(r"[a-z]{2,}|\d+")  # the words of a file's name ("year", "2" of "report_year2")
DESCRIBED_DOCUMENTS = 50  # a library of this many documents at most may name one by what its name says
_COMPARISON = re.compile(
    r"\b(?:compare[ds]?|comparing|chang(?:e[sd]?|ing)\s+(?:[\w'’-]+\s+){0,3}?between|"  # "how did … change between"
    r"comparison|contrast(?:s|ed|ing)?|differ(?:s|ed|ent(?:ly)?|ences?)?|versus|vs\.?|"
    r"distinguish|(?:in\s+)?the\s+same\s+way|similar(?:ly|ities)?|side\s+by\s+side|(?:dis)?agree(?:s|d|ment)?|"
    r"part(?:s|ed|ing)?\s+(?:company|ways)|diverg(?:e[sd]?|ing|ences?)|"
    rf"{_IN_COMMON.pattern}|{_COMPARATIVE})\b",
    re.IGNORECASE,
)
# Two names set side by side: what stands between them joins or compares them ("Ardvenn … with … Glen Ashby", "Ardvenn
# and Glen Ashby"; not "Question 4 agreed that … in Ardvenn")
_NAMES_SET_SIDE_BY_SIDE = re.compile(r"\b(?:and|with|versus|vs|than|from|or|against|compared)\b", re.IGNORECASE)
# "Different" before what it qualifies means "various" ("what different forms does cooperation take?"): no comparison
# by itself, unless the sides are named ("do nurses and doctors have different views?").
_VARIOUS = re.compile(r"\bdifferent\s+(?:\w+\s+)?\w+s\b", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _across(area_names: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Every group or every area, named by what they are: "across the areas", "by service", or asked of them all
    ("how do the four areas differ", "do the services compare", "how do the schools differ" of a library whose
    documents call their areas schools)."""
    places = _places(area_names)
    return re.compile(rf"\b(?:(?:across|between|among|by)\s+(?:the\s+|all\s+|different\s+)*|(?:how\s+)?"
                      rf"(?:do|did|does)\s+(?:the\s+|all\s+|different\s+|(?:two|three|four|five|six)\s+)+)"
                      rf"(?P<what>groups|services|roles|(?P<place>{places})|professions|organi[sz]ations|agencies)\b",
                      re.IGNORECASE)


_SUMMARY = re.compile(
    r"\b(?:summari[sz](?:e|es|ing|ed)|summary|overview|key\s+(?:findings|messages|points|takeaways|conclusions)|"
    r"main\s+(?:findings|messages|conclusions|takeaways)|conclu(?:de|ded|des|sions?)|bullet(?:\s*points?|s)?|tl;?dr|"
    r"in\s+brief|briefly|"
    r"in\s+(?:a\s+)?(?:few|\w+)\s+(?:points|sentences|lines)|gist|headlines?|shorter|briefer|more\s+concise)\b",
    re.IGNORECASE,
)
# The kinds of point a list of themes is made of ("the main barriers", "key issues")
_POINT_KINDS = (
    r"(?:barriers?|challenges?|issues?|themes?|points?|problems?|"
    r"enablers?|facilitators?|drivers?|benefits?|concerns?|factors?|reasons?|obstacles?|lessons?|risks?|strengths?|"
    r"weaknesses?|gaps?|priorities|tensions?|difficult(?:y|ies)|successes|opportunit(?:y|ies)|advantages?|"
    r"disadvantages?|impacts?|effects?|outcomes?|ways?|types?|forms?|kinds?|elements?|aspects?|features?|steps|"
    r"actions|recommendations|suggestions|improvements|positives|negatives|pros|cons|upsides?|downsides?|pitfalls?|"
    r"limitations?|shortcomings?|things)")
ANY_KIND = frozenset(content_tokens("themes issues points aspects elements things"))  # of those, any point at all
# How points of a kind are had ("the difficulties people faced", "challenges facing the service", "problems they
# experienced"): the kind is asked for, not a word the findings need.
_POINTS_HAD = re.compile(rf"\b{_POINT_KINDS}\s+(?:that\s+|which\s+)?(?:[\w'’-]+\s+){{0,2}}?"
                         r"(?P<verb>fac(?:e|ed|es|ing)|encounter(?:ed|s|ing)?|experienc(?:e|ed|es|ing)|"
                         r"(?:r[au]n|running|came|come|coming)\s+(?:into|up\s+against|across)|hit)\b",
                         re.IGNORECASE)
# What is to be done, as a report recommends it: "what should the council do …", "what does the review recommend".
_SHOULD_DO = (r"\bwhat\s+(?:should|could|must|ought\s+to)\s+(?:\w+\s+){0,3}?(?:do|be\s+done)\b"
              # "What should happen next?", "What needs to change in the referral pathway?" (not "what could change the
              # way …", which asks what might)
              r"|\bwhat\s+(?:should|must|ought\s+to|needs?\s+to)\s+(?:\w+\s+){0,2}?(?:happen|change|be\s+changed|"
              r"be\s+improved)(?:\s+(?:next|now|first))?(?=\s*(?:[?.!]|$|about\b|in\b|for\b|with\b))")
_TO_DO = rf"\bwhat\s+(?:do|does|did)\s+(?:[\w'’-]+\s+){{1,3}}?(?:recommend|propose|suggest)\b|{_SHOULD_DO}"
_THEMES = re.compile(
    r"\b(?:main|key|major|principal|common|recurring|biggest|top|most\s+important|important|chief|prominent|"
    rf"different|various|what\s+(?:are|were)\s+the)\s+(?:\w+\s+){{0,2}}?{_POINT_KINDS}\b"
    # "the main …" before any plural noun asks for a list of them: "the main explainability purposes"
    r"|\b(?:main|key|major|principal|biggest|chief)\s+(?:\w+\s+){0,2}?[a-z]{2,}[^s\W]s\b"
    # what helps or hinders, however put: "what actually helped keep them engaged", "what's stopping them"
    r"|\bwhat\s+(?:\w+ly\s+)?(?:helps?|helped|hinders?|hindered|gets?\s+in\s+the\s+way|got\s+in\s+the\s+way|"
    r"stands?\s+in\s+the\s+way|(?:is\s+)?(?:holds?|holding)\s+(?:\w+\s+){1,3}back|enables?|supports?|drives?|"
    r"blocks?|prevents?|stops?|stopped|works?\s+well|worked\s+well|went\s+well|makes?|made|"
    r"(?:did|does|has)(?:n['’]?t|\s+not)\s+work(?:ed)?(?:\s+well)?|went\s+wrong)\b"
    r"|\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:\w+ly\s+)?(?:helping|hindering|getting\s+in\s+the\s+way|"
    r"standing\s+in\s+the\s+way|enabling|supporting|driving|blocking|preventing|stopping|making)\b|\bthemes?\b"
    rf"|{_TO_DO}"  # what the report recommends, what is to be done: a list of actions
    # a wh-word asking for a plural noun asks for a list: "in what ways did …", "which factors are …"
    r"|^\s*(?:in\s+|on\s+)?(?:what|which)\s+(?:\w+\s+)?(?!(?:does|has|was|is|this)\b)[a-z]{2,}[^s\W]s"
    r"(?:\s+and\s+[a-z]+s)?\s+(?:are|were|is|was|do|does|did|has|have|had|can|could|would|will|should|might|may|"
    r"exist|matter|make|made|help|helped|hinder|hindered)\b"
    # how one thing bears on another asks for the ways it does: "how does leadership shape …", "how has X affected …"
    r"|^\s*how\s+(?:does|do|did|has|have|can|could|might|would|will)\s+(?:[\w'’-]+\s+){1,4}?(?:help(?:ed)?|"
    r"shaped?|affect(?:ed)?|influenced?|impact(?:ed)?|hinder(?:ed)?|support(?:ed)?|drive|driven|change[d]?)\b",
    re.IGNORECASE,
)
# "a punchy line from someone …", "a line capturing …": a line someone said, asked for as a quote is
_A_LINE = re.compile(r"\b(?:a|an|one|two|three|any|some|good|punchy|strong|quotable|memorable|short)\s+(?:\w+\s+)?"
                     r"lines?\s+(?:from|showing|about|that|where|on|capturing|which|saying|I\s+could)\b", re.I)
_WANTS_QUOTES = re.compile(r"\b(?:quotes?|quotations?|extracts?|in\s+their\s+(?:own\s+)?words|verbatim|excerpts?|"
                           rf"soundbites?|testimon(?:y|ies))\b|{_A_LINE.pattern}", re.I)
# What a text says, not what was said to it: "according to the report", "what does the wider research literature say".
_WANTS_NARRATIVE = re.compile(r"\b(?:according\s+to\s+the\s+(?:report|authors?|narrative|literature)|the\s+(?:\w+\s+){0,2}?"
                              r"(?:report|literature|authors?|paper)\s+(?:say|state|find|show|suggest|conclude)s?)\b", re.I)
# What a quote is to show ("a quote showing that nurses have long backed the rota"): the people named after it are
# what it is about, not who said it.
_CLAIM = re.compile(r"\b(?:show(?:s|ing)?|illustrat(?:e|es|ing)|demonstrat(?:e|es|ing)|evidenc(?:e|es|ing)|"
                    r"suggest(?:s|ing)?|captur(?:e|es|ing))\s+(?:that|how)\b", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a couple of": 2, "a few": 3}
_COUNT = re.compile(r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few)[\s-]+"
                    r"(?:(?:short|key|main|brief|bullet)\s+)*(?:bullet(?:\s*points?|s)?|points|sentences?|lines?|"
                    r"findings|takeaways|messages|themes|items|things)\b", re.IGNORECASE)
# A number of things asked for, of any kind: "the three biggest challenges", "two quotes on …"; not a number the
# topic holds ("in the last three years", "over two days").
_NUMBERED = re.compile(r"(?P<n>\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
                       r"|\ba\s+couple\s+of|\ba\s+few)"
                       r"\s+(?:(?!(?:that|which|who|to|on|about)\b)[a-z'’-]+\s+){0,2}?(?P<noun>[a-z'’-]+s)\b",
                       re.IGNORECASE)
_NOT_ASKED = re.compile(r"\b(?:last|past|next|over|within|first|after|before|since|than|in|for|of|by|from|aged?)\s+$",
                        re.IGNORECASE)
# The answer asked for as prose: "a one-paragraph summary", "in a short paragraph", "in two sentences", "a one-line
# summary".
_AS_PARAGRAPH = re.compile(r"\b(?:(?:in|as)\s+)?(?:(?:a|one|single|short|brief)[\s-]+){0,2}paragraph\b|"
                           r"\bin\s+a\s+(?:short\s+)?sentence\b|"
                           r"\b(?:one|two|three|four|five|\d)[\s-]+(?:short\s+)?(?:sentences?|lines?)\b", re.IGNORECASE)
# The kind of summary asked for ("an executive summary", "a plain English summary"): its form, not its topic.
_SUMMARY_KIND = re.compile(r"\b(?:executive|lay|plain[\s-]+english|high[\s-]+level|one[\s-]+line|top[\s-]+line)"
                           r"(?=\s+summar)", re.IGNORECASE)
_UNITS = frozenset("years months weeks days hours minutes seconds decades times percent".split())
# What the answer is for, not what it is about: "for a ministerial briefing", "for the board's paper".
# What the asker will do with the answer ("a quote I can use", "something we could cite"): not what it is about.
_ASKERS_USE = re.compile(r"\b(?:I|we)\s+(?:can|could|might|may|will|would)\s+(?:use|cite|quote|put|include)\b",
                         re.IGNORECASE)
_AUDIENCE = re.compile(r"\bfor\s+(?:a|an|the|my|our|their)?\s*(?:[\w'’-]+\s+){0,3}?(?:briefing|paper|note|report|"
                       r"presentation|slides?|memo|email|summary|update|submission)\b", re.IGNORECASE)
# A question typed in haste: "how many ppl …", "parents v residents", "views abt funding", "w/o a car".
_WRITTEN_OUT = {"ppl": "people", "govt": "government", "abt": "about", "w/": "with", "w/o": "without",
                "b/c": "because", "v": "vs"}
_SHORTHAND = re.compile(r"(?<![\w'’/])(?:ppl|govt|abt|w/o|w/(?!\w)|b/c)(?![\w/])|(?<=\w )v\.?(?= \w)", re.IGNORECASE)
# Who a summary is for, as the question ends: "summarise in 3 bullets for the minister", "… for the board"
_READER = re.compile(r"\bfor\s+(?:a|an|the|my|our|their)?\s*(?:[\w'’-]+\s+){0,2}?(?:ministers?|board|committee|cabinet|"
                     r"boss|directors?|ceo|chief\s+exec\w*|execs?|councillors?|trustees|mps?|"
                     r"senior\s+(?:leadership\s+)?team|slt|policy[\s-]*makers?|decision[\s-]*makers?|commissioners?|"
                     r"funders?|officials|civil\s+servants|stakeholders|public|leaders)\s*[?.!]*\s*$", re.IGNORECASE)
# The points a summary is made of, as asked for ("the key messages", "the main takeaways"): its form, not its topic.
_SUMMARY_POINTS = re.compile(r"\b(?:key|main|top|headline)\s+(?:messages?|takeaways?|points?|findings?|"
                             r"conclusions?)\b", re.IGNORECASE)
_INSTRUCTION = re.compile(
    r"(?:\b(?:ignore|disregard|forget|override)\b[^.?!]*\b(?:instructions?|rules|prompt|guidelines|above)\b"
    r"|\bsystem\s+(?:prompt|override)\b|\bdeveloper\s+mode\b|\byou\s+are\s+now\b|\bfrom\s+now\s+on\b"
    r"|\bpretend\b|\bact\s+as\b|\b(?:also\s+)?(?:append|prepend|add)\b[^.?!]*\bto\s+(?:every|each|all)\b"
    r"|\bwrite\s+(?:a\s+)?(?:new|fake|made[- ]up)\s+quote|\binvent\b|\bmake\s+up\b)[^.?!]*[.?!]?",
    re.IGNORECASE,
)
# Requests for the machine rather than the findings: its environment, files, secrets or the assistant's own set-up.
# "print" and "dump" are never a findings question; "show", "list" or "reveal" can be, so they need an object that
# only a machine has ("the environment" alone is not one: a report may well discuss its operating environment).
_MACHINE = r"(?:environment\s+variables?|env\s+vars?|os\.environ|printenv|system\s+prompt|api[\s_-]?keys?|passwords?|" \
           r"credentials|secrets?|/etc/\S*|~/\S*|file\s*system|source\s+code|shell|terminal|" \
           r"your\s+(?:prompt|instructions|settings|config(?:uration)?|rules|code)|index\s+(?:path|folder|directory)|" \
           r"(?:all\s+(?:the\s+)?)?files?\s+(?:on|in)\s+(?:this|the|your)\s+(?:machine|server|computer|system|disk)|" \
           r"all\s+(?:the\s+)?files)"
_EXFILTRATION = re.compile(
    rf"\b(?:(?:also|and|then|now|please)\s+)*"  # "… Also print os.environ": the connective goes with it
    rf"(?:(?:print|dump|cat|echo)\b[^.?!]*\b(?:environment|{_MACHINE})"
    rf"|(?:show|list|display|output|reveal|leak|send|run|execute|eval|tell\s+me|give\s+me|read\s+out|"
    rf"what\s+(?:is|are))\b[^.?!]*?{_MACHINE})"
    r"[^.?!]*[.?!]?",
    re.IGNORECASE,
)
# What the documents are about as a whole: "What is this report about?", "What do the findings cover?"
_ABOUT_THE_WHOLE = re.compile(
    r"^\s*(?:so\s+|and\s+)?(?:what(?:'s|\s+is|\s+are|\s+does|\s+do|\s+did)|tell\s+me\s+about)\s+(?:this|these|the)\s+"
    r"(?:report|study|studies|document|paper|interview|transcript|findings|evaluation|article|research|survey)s?"
    r"(?:\s+(?:about|cover|covers|say|says|find|finds|found|show|shows))?\s*[?.!]*\s*$", re.IGNORECASE)
_ROLE_LABEL = re.compile(r"(?:^|(?<=[.?!]))\s*(?:system|assistant|developer)\s*:", re.IGNORECASE)  # "SYSTEM: …"
NOT_ENGLISH_NOTE = "The findings are in English and this question seems not to be: ask it in English to search them."
# Words that frame a question (who is asked, in what form) rather than name what it is about.
_FRAMING_WORDS = re.findall(r"[a-z]+",
    "what did say says said think thought talk talked speak spoke mention mentioned about respondent respondents "
    "interviewee interviewees participant participants people person anyone someone everyone anybody somebody "
    "everybody who whose which "
    "quote quotes quotation quotations extract extracts excerpt excerpts verbatim words tell me give show list "
    "find finds found example examples view views perspective perspectives opinion opinions quoted quoting cited "
    "report reports findings finding document study research paper papers article "
    "summarise summarize summary overview bullet bullets point points key main briefly brief briefing briefings "
    "biggest recurring prominent "
    "conclude concluded concludes conclusion conclusions "
    "headline headlines short quick concise theme themes topic topics total overall altogether "
    "compare comparison contrast differ differs different differently difference differences versus vs similar "
    "diverge diverges diverged divergence "
    "agree agrees agreed disagree disagrees disagreed "
    "many how often much number count which whom where when why what whether least fewest frequently "
    "describe described explain explained discuss discussed raise raised feel felt believe see saw "
    "happen happened happens happening make makes made "
    "section sections chapter chapters "
    "interview interviews interviewed side voices officers staff members workers services service groups group "
    "areas area sites site case please could would can need want like more other else anything everything "
    "their his her them they we our best strong good showing shows show illustrate illustrates illustrating "
    "demonstrate demonstrates demonstrating "
)
# Each framing stem, with the longest framing word it comes from: a word much longer is made from it, not one of
# them ("documentation", not "document").
_FRAMING = {root: max(len(word) for word in _FRAMING_WORDS if stem(word) == root) for root in map(stem, _FRAMING_WORDS)}


@dataclass(frozen=True)
class ParsedQuestion:
    """A question with what it asks for made explicit."""

    text: str
    filters: Filters = Filters()
    form: str = LOOKUP  # QUOTES, THEMES, COMPARISON, PREVALENCE, SUMMARY or LOOKUP
    compared: tuple[tuple[str, str], ...] = ()  # for COMPARISON: ("group" | "area" | "respondent", value) sides
    bullets: int | None = None  # a number of items the question asks for ("in three bullet points", "two quotes")
    as_paragraph: bool = False  # the answer asked for as prose ("a one-paragraph summary of …"), not as a list
    quoted_phrases: tuple[str, ...] = ()
    topic_tokens: tuple[str, ...] = ()
    named_terms: tuple[str, ...] = ()  # capitalised words inside the question: names the findings must contain
    # topic words that name two or more of the library's groups together ("what pushes nurses and pharmacists into
    # joint working"): the people a whole question is about, which tell its passages apart from no others
    group_tokens: tuple[str, ...] = ()
    unknown_codes: tuple[str, ...] = ()  # code-shaped words the library has no respondent for ("Z77")
    unknown_areas: tuple[str, ...] = ()  # areas named as the documents name theirs that they do not have ("Area E")
    # the people it asks to hear from when it names no group, area or respondent the library knows ("paramedics",
    # "senior officers"): the findings may not tell them apart
    speakers: str = ""
    expects_quantity: bool = False
    per: str = "group"  # what a count is broken down by: "area" when it asks "which areas …"
    ranked: str = ""  # "most" or "least": it asks which group (or area) has the most, or fewest, on it (``_ranked``)
    notes: tuple[str, ...] = field(default=())
    # the respondents filter holds everyone of a kind the attributions mark, not people named one by one: which
    # kind ("whose attributions mark them female (F)", "… give an age over 50"); "" otherwise
    population: str = ""
    places_measured: tuple[str, ...] = ()  # the words of the places a figure is asked of ("in the East"): its subgroup
    area_words: tuple[str, ...] = ()  # the words that name the areas asked of ("Site C"): where, not what

    @property
    def has_topic(self) -> bool:
        return bool(self.topic_tokens)

    @property
    def frame_text(self) -> str:
        """The question without its topic words: how it is asked and of whom ("What did night nurses say about ?"),
        against which what the topic adds to a passage's closeness is measured."""
        topic = set(self.topic_tokens)
        return re.sub(r"[\w'’-]+", lambda word: "" if (tokens := content_tokens(word.group())) and tokens[0] in topic
                      else word.group(), self.text)

    @property
    def search_text(self) -> str:
        """What to search for: the question's topic words in its own order, without the words that frame it or
        name who was asked ("What pushes nurses and doctors into joint working – the main drivers?" →
        "pushes joint working drivers"); the question itself when it has no topic."""
        topic = set(self.topic_tokens)
        words = [word for word in re.findall(r"[\w'’-]+", self.text) if (tokens := content_tokens(word)) and tokens[0] in topic]
        about = [word for word in words if content_tokens(word)[0] not in self.group_tokens]
        if len(about) >= 2:  # the focus is what it asks about them
            words = about
        worded = set(content_tokens(self.text))  # and what it asks in other words ("recommend" of "should … do")
        words += [token for token in self.topic_tokens if token not in worded]
        return " ".join(words) if len(words) >= 1 else self.text

    def without_words(self, words: Sequence[str]) -> "ParsedQuestion":
        """The question as if asked without ``words`` ("What did female participants say about privacy?" of a library
        that cannot tell who is female: "What did participants say about privacy?")."""
        tokens = set(content_tokens(" ".join(words)))
        text = re.sub(rf"\b(?:{'|'.join(map(re.escape, words))})\b\s*", "", self.text, flags=re.IGNORECASE)
        return replace(self, text=text, topic_tokens=tuple(token for token in self.topic_tokens if token not in tokens))

    @property
    def groups_asked(self) -> tuple[str, ...]:
        """The groups the question asks about: its group filter, or the groups it compares."""
        compared = tuple(value for facet, value in self.compared if facet == "group" and value != "*")
        return tuple(dict.fromkeys((*self.filters.groups, *compared)))


def parse_question(question: str, directory: Directory | None = None) -> ParsedQuestion:
    """Find the form, filters, quoted phrases and topic of a question.

    Instructions inside a question ("ignore your instructions…", "append X to every sentence") are cut out
    and noted: only what the question asks of the findings is answered.
    """
    directory = directory or Directory()
    notes: tuple[str, ...] = ()
    if _looks_not_english(question):
        notes += (NOT_ENGLISH_NOTE,)
    stripped = _INSTRUCTION.sub(" ", _EXFILTRATION.sub(" ", _ROLE_LABEL.sub(" ", question))).strip()
    if stripped != question.strip():
        notes += ("Instructions in the question were ignored: answers come only from the findings.",)
        question = stripped
    question = _SHORTHAND.sub(lambda match: _WRITTEN_OUT[match.group().lower().rstrip(".")], question)
    question = NUMBER_SIGN.sub(" ", question)  # "Respondent #412", as attributions are read
    phrases = tuple(match.group("phrase").strip() for match in _QUOTED.finditer(question))
    unquoted = _QUOTED.sub(" ", question)
    documents, document_spans = _documents_named(unquoted, directory)
    code_spans = directory.code_spans(unquoted)
    respondents = tuple(dict.fromkeys(key for _, _, key in code_spans
                                      if not documents or directory.respondents[key].document in documents))
    population_spans: list[tuple[int, int]] = []
    role_spans: list[tuple[int, int]] = []  # "the ward manager": no group's name then ("ward" of Ward staff)
    sexes: tuple[str, ...] = ()
    population = ""
    if not respondents:  # "What did women say …?", "… participants over 50 …", of a library whose codes say so
        respondents, population_spans, sexes = _by_sex(unquoted, directory)
        if respondents:
            sex = directory.respondents[respondents[0]].facet("sex")
            population = f"whose attributions mark them {'female' if sex == 'F' else 'male'} ({sex})"
        elif not sexes:
            respondents, population_spans, population = _by_age(unquoted, directory)
        if respondents:
            notes += (_asked_of(respondents, population),)
    named_codes = {directory.respondents[key].code.lower() for key in respondents if not population_spans}
    named_codes |= {unquoted[start:end].lower() for start, end, _ in code_spans}  # "FG2" of "Parent, FG2"
    named_codes |= {word.lower() for start, end, _ in code_spans  # "FG3" of "Participant B in FG3"
                    for word in re.findall(r"[\w-]+", unquoted[start:end])}
    unknown = tuple(token for token in code_shaped_tokens(unquoted)
                    if not directory.by_code(token) and token.lower() not in named_codes
                    and not _is_ordinary_word(token) and _names_someone(unquoted, token, directory)) \
        + tuple(token for token in directory.numbered_in(unquoted)
                if not directory.by_code(token) and token.lower() not in named_codes and not _is_ordinary_word(token))
    areas, area_spans, area_documents = _areas_named(unquoted, directory)
    if not respondents and not sexes:  # "What did the ward manager at Site A say?"
        respondents, role_spans, population = _by_role(_without_spans(unquoted, area_spans), directory)
        population_spans = role_spans
        notes += (_asked_of(respondents, population),) if respondents else ()
    # "what did nurses in Area B say": the area aside, the group is named as in "what did nurses say"
    groups, group_spans = _groups_named(_without_spans(unquoted, area_spans + role_spans), directory)
    claim = _CLAIM.search(unquoted)
    if claim and _their_view(unquoted, claim, group_spans + area_spans):
        claim = None  # "a quote showing how nurses feel about …": their own words
    # (a measure of something in a place: "What was the average wait in Millbrook?" is of Millbrook, not asked of it)
    measured = _MEASURE.search(unquoted) or re.search(rf"\b(?:{_A_MEASURE})\b", _HOW_MUCH_AS_GIVEN.sub(" ", unquoted),
                                                      re.IGNORECASE)
    places_measured = ()
    area_words = tuple(token for start, end in area_spans for token in content_tokens(unquoted[start:end]))
    # (of the people measured, not what they were: "What proportion of the interviewees were nurses?")
    measured = measured if measured and all(
        start >= measured.end() and not re.search(r"\b(?:were|was|are|is)\b", unquoted[measured.end():start], re.I)
        for start, _ in group_spans + area_spans) and not re.search(rf"\b{SAYING}\b", unquoted, re.I) else None
    if _WANTS_NARRATIVE.search(unquoted) or measured \
            or claim and all(start >= claim.end() for start, _ in group_spans + area_spans):
        # what a text says about people, or what a quote is to show of them, or a figure of them ("what percentage of
        # young people in the East were in work …"): they are its topic, not who speaks
        places_measured, area_words = area_words if measured else (), ()
        (groups, group_spans), (areas, area_spans) = ((), []), ((), [])
    documents = documents or (area_documents if areas else ())  # "School A": the documents whose areas are schools
    between = any(re.search(r"\bbetween\s+(?:the\s+)?(?:\w+\s+)?$", unquoted[:start], re.I)
                  for start, _ in group_spans + area_spans)
    ranked = _ranked(unquoted, directory.area_names, len(groups) + len(areas))
    every_group = len(groups) >= 2 and set(groups) == set(directory.groups())
    form, compared = _form(unquoted, groups, areas, respondents, bool(phrases), between, documents,
                           directory.area_names, sexes if len(sexes) > 1 else (), bool(ranked), every_group)
    if form == THEMES:
        groups = ()  # "the main barriers to working between nurses, doctors and pharmacists": everyone's
    about_answer = [match.span() for match in (*_COUNT.finditer(unquoted), *_AUDIENCE.finditer(unquoted),
                                               *_ASKERS_USE.finditer(unquoted), *_MEASURE.finditer(unquoted),
                                               *_CONCLUDING.finditer(unquoted), *_EMERGED.finditer(unquoted),
                                               *_EVIDENCE_FOR.finditer(unquoted), *_A_LINE.finditer(unquoted),
                                               *_HOW_COMMON.finditer(unquoted), *_HOW_MEASURED.finditer(unquoted),
                                               *_LISTS_PEOPLE.finditer(unquoted),
                                               *_IN_COMMON.finditer(unquoted), *_AS_PARAGRAPH.finditer(unquoted),
                                               *_IN_THE_TEXT.finditer(unquoted), *_ASKED_BY.finditer(unquoted),
                                               *_WHO_THEY_WERE.finditer(unquoted),
                                               *_WHAT_THEY_STRESSED.finditer(unquoted),
                                               *_RANKING.finditer(unquoted), *_SUMMARY_KIND.finditer(unquoted))]
    about_answer += [match.span("verb") for match in _POINTS_HAD.finditer(unquoted)]  # "the difficulties … faced"
    if phrases:  # "what do they mean by 'innovation'": the term is the topic
        about_answer += [match.span() for match in _ASKS_MEANING.finditer(unquoted)]
    if asks_who_took_part(unquoted):  # "How many patients took part?": in the study, as "were interviewed" says
        about_answer += [match.span() for match in _TAKING_PART_ASKED.finditer(unquoted)]
    if form == SUMMARY:
        about_answer += [match.span() for match in (*_READER.finditer(unquoted), *_SUMMARY_POINTS.finditer(unquoted))]
        # ("… for the minister": who reads it; "the key messages": what it is made of)
    # "the nurse ones": who was asked about, pointed back at; not what
    about_answer += [match.span() for match in re.finditer(r"\bones\b", unquoted, re.I)]
    # "which practices …", "in each school": asked of the places the library's documents name, not about them
    places = _places(directory.area_names)
    about_answer += [match.span("noun") for match in re.finditer(
        rf"\b(?:which|what|each|every|per|by|across|all)\s+(?:\w+\s+){{0,2}}?(?P<noun>{places})\b", unquoted, re.I)]
    if ranked:  # "which profession …": asked of the groups, not about them
        about_answer += [match.span("noun") for match in _WHICH_GROUP.finditer(unquoted)]
    if (number := _number_asked(unquoted)) is not None:  # "three", not "challenges": what to find stays; and
        top = re.search(r"\btop\s+$", unquoted[:number.start("n")], re.IGNORECASE)  # "top 3 …": the 3 best
        about_answer.append((top.start() if top else number.start("n"), number.end("n")))
    # "how did views of X change between the interim and the final report": the change is the comparison asked for
    about_answer += [found.span(1) for found in re.finditer(r"\b(chang(?:e[sd]?|ing))\s+(?:[\w'’-]+\s+){0,3}?between\b",
                                                             unquoted, re.IGNORECASE)]
    # "where do managers and nurses part company on …": how they differ, as "the change" above
    about_answer += [found.span() for found in re.finditer(r"\bpart(?:s|ed|ing)?\s+(?:company|ways)\b", unquoted,
                                                           re.IGNORECASE)]
    topic_text = _without_spans(unquoted, group_spans + area_spans + [(start, end) for start, end, _ in code_spans]
                                + about_answer + document_spans + population_spans)
    code_words = set(content_tokens(" ".join(named_codes) + " " + " ".join(unknown)))
    # "What should the council do about damp?" asks what a report recommends on damp, whoever it asks it of
    to_do = re.search(_SHOULD_DO, topic_text, re.IGNORECASE)
    if to_do:
        topic_text = f"{topic_text[:to_do.start()]} recommend {topic_text[to_do.end():]}"
    topic = tuple(dict.fromkeys(  # each word once: "day to day" is no more about days than "daily"
        token for token in topic_words(topic_text + " " + " ".join(phrases)) if token not in code_words))
    # the word every code is made of names who spoke: "the responses on accessibility" (codes "Response 45") are
    # what was said on accessibility
    numbering = {token for noun in directory.code_nouns for token in content_tokens(noun)}
    if set(topic) - numbering:
        topic = tuple(token for token in topic if token not in numbering)
    named = tuple(
        match.group() for match in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", topic_text)
    )
    if form != COMPARISON and len(named) >= 2 and not (groups or areas or respondents or documents) \
            and _COMPARISON.search(unquoted) and _side_by_side(unquoted, named):
        # "How did the issues raised in Ardvenn compare with those in Glen Ashby?", of places (or schemes, sites) the
        # library names but does not file anyone under: each name is a side, and no word of the topic
        form, compared = COMPARISON, tuple((NAMED, name) for name in named)
        names = set(content_tokens(" ".join(named)))
        topic = tuple(token for token in topic if token not in names)
    asks_who = re.match(r"\s*who\b", unquoted, re.IGNORECASE)
    asks_which_of_them = any(re.fullmatch(r"\s*(?:which|how\s+many)\s+(?:of\s+)?(?:the\s+)?", unquoted[:start], re.I)
                             for start, _ in group_spans)  # "Which nurses found the app useful?"
    asks_which_of_them |= bool(re.match(OF_THEM, unquoted, re.I)) and bool(groups or areas)
    asks_which_of_them |= bool(directory.code_nouns) and bool(re.match(  # "How many pharmacists …", of "Pharmacist A"
        rf"\s*(?:which|how\s+many)\s+(?:of\s+)?(?:the\s+)?(?:{'|'.join(directory.code_nouns)})\b", unquoted, re.I))
    if form == LOOKUP and topic and _COUNTS_PEOPLE.search(unquoted) or \
            form in (LOOKUP, QUOTES) and asks_which_of_them or \
            form in (LOOKUP, QUOTES) and asks_who and not (topic or respondents or phrases) or \
            form in (LOOKUP, QUOTES) and _LISTS_PEOPLE.match(unquoted) and not respondents:
        # "How many interviewees found Tor slow?" counts those who spoke to it (with no topic, "How many participants
        # were interviewed?" asks for the study's own figure); "Who were the respondents?", "List the staff quoted on
        # rotas" list them
        form = PREVALENCE
    if form == LOOKUP and not (groups or areas or respondents or phrases) and _ABOUT_THE_WHOLE.match(unquoted):
        form, topic = SUMMARY, ()  # "What is this report about?": the whole, in its own summary's words
    # (with one group named, a comparison's other side may be people the library cannot pick out)
    one_group_compared = len(groups) == 1 and bool(_COMPARISON.search(unquoted)) and not compared
    speakers = "" if groups and not one_group_compared or areas or respondents or unknown or compared \
        else _without_groups(_speakers_asked(unquoted, directory.area_names), directory)
    if form != COMPARISON and one_group_compared and _ungrouped(speakers, directory):
        # "Do staff and service users see … differently?", where no group is staff: the one group against the rest
        form, compared = COMPARISON, (("group", groups[0]), (OTHERS, groups[0]))
    ranked = ranked if form == PREVALENCE else ""
    kinds: tuple[str, ...] = ()
    if form in (QUOTES, PREVALENCE) and (respondents or groups):
        kinds = (QUOTE,)  # a question about what people said is answered from what they said
    elif _WANTS_NARRATIVE.search(question):
        kinds = (NARRATIVE,)
    # a comparison's sides are no filter of the whole; the one group (or area) whose sides they are is
    filter_groups = tuple(group for group in groups if form != COMPARISON or ("group", group) not in compared)
    filter_areas = tuple(area for area in areas if form != COMPARISON or ("area", area) not in compared)
    # a comparison searches each side apart: its groups, areas or respondents are no filter of the whole
    filter_respondents = tuple(key for key in respondents if ("respondent", key) not in compared)
    filters = Filters(groups=filter_groups, areas=filter_areas, respondents=filter_respondents, kinds=kinds,
                      sources=documents if not any(facet == "source" for facet, _ in compared) else ())
    group_of = {token: group for term, group in reversed(directory.group_terms()) for token in content_tokens(term)}
    named_groups = {group_of[token] for token in topic if token in group_of}
    bullets = _count_requested(question) if form in (SUMMARY, THEMES, QUOTES) else None
    return ParsedQuestion(
        text=question, filters=filters, form=form, compared=compared, bullets=bullets, quoted_phrases=phrases,
        as_paragraph=bool(_AS_PARAGRAPH.search(unquoted)),
        topic_tokens=topic, named_terms=named, unknown_codes=unknown, unknown_areas=_areas_unknown(unquoted, directory),
        group_tokens=tuple(token for token in topic if token in group_of) if len(named_groups) >= 2 else (),
        speakers=speakers,
        # A question that asks for quotes, or what people said, wants their words ("a quote showing how much …
        # matters", "what did parents say about the cost of passes?"), not a figure; so does one about a respondent
        # ("how much does P07 use it?" is in their words, not the study's figures).
        expects_quantity=bool(_QUANTITY.search(_HOW_MUCH_AS_GIVEN.sub(" ", question))
                              or _COST.search(question) and not re.search(rf"\b{SAYING}\b", question, re.I))
        and form != PREVALENCE and not _WANTS_QUOTES.search(question) and not respondents,
        per="area" if form == PREVALENCE and (_which_places(directory.area_names).search(unquoted)
                                              or ranked and areas and not groups) else "group",
        ranked=ranked,
        notes=notes, population=population, places_measured=places_measured,
        area_words=area_words,
    )


def _form(question: str, groups: tuple[str, ...], areas: tuple[str, ...], respondents: tuple[str, ...] = (),
          quotes_a_phrase: bool = False, between: bool = False, documents: tuple[str, ...] = (),
          area_names: tuple[str, ...] = (), sexes: tuple[str, ...] = (),
          ranked: bool = False, every_group: bool = False) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What shape of answer the question asks for, and for a comparison, its sides: groups, areas, two or more
    respondents ("compare what P1 and P2 said"), or documents ("compare ward.pdf and clinic.pdf on …").
    ``between``: the question names a group or area right after "between" ("between nurses and doctors", not
    "between their own demands and …"). ``ranked``: it asks which group or area has the most on it (``_ranked``).
    ``every_group``: the groups it names are all the library's: asked for themes, it asks of everyone ("the main
    barriers to working between nurses, doctors and pharmacists"), unless it asks how they differ."""
    names_respondents = bool(respondents)
    # "A quote showing that workload is the main issue": quotes, whatever they are to show (but "the main themes, with
    # quotes" asks for themes, and is answered so unless it names people)
    asks_quotes = _WANTS_QUOTES.search(question) and not re.search(r"\bthemes?\b", question, re.I)
    asks_themes = _THEMES.search(question) and not asks_quotes and not names_respondents
    sides = tuple(("group", group) for group in groups) + tuple(("area", area) for area in areas)
    if len(groups) == 1 and len(areas) >= 2 or len(areas) == 1 and len(groups) >= 2:
        # "older passengers in Ashby Marsh and Kelton Uplands": the one of a kind says whose views, the others are
        # the sides
        sides = tuple(side for side in sides if len(groups if side[0] == "group" else areas) >= 2)
    if not sides and len(respondents) >= 2:
        sides = tuple(("respondent", key) for key in respondents)
    if not sides and len(documents) >= 2:
        sides = tuple(("source", document) for document in documents)
    if len(sides) < 2 and len(sexes) >= 2:  # "compare men and women", "male and female carers", where attributions
        sides = tuple(("sex", sex) for sex in sexes)  # mark each one's sex
    if re.match(r"\s*who\s+(?:said|says|wrote|put\s+it)\b", question, re.I):
        return QUOTES, ()  # "Who said “…”?", "Who said they …?": whose words these are, not how many said them
    if _WHICH_DOCUMENTS.search(question) and not sides:
        return COMPARISON, (("source", "*"),)
    if _PREVALENCE.search(question) or _which_places(area_names).search(question):
        return PREVALENCE, ()
    if not respondents and _RANKING.search(question) and re.search(rf"\b{SAYING}\b", question, re.I) \
            and not _COMPARISON.search(question):
        if len(sides) >= 2 and sides[0][0] == "sex":  # "were men or women more likely to mention it?": each side by
            return COMPARISON, sides  # side, with its count
        if ranked:
            return PREVALENCE, ()  # "were nurses or doctors more likely to mention it?": how many of each did
    if _COMPARISON.search(question) or between and not (asks_themes and every_group) \
            and re.search(r"\bbetween\b.+\band\b", question, re.I):
        if len(sides) >= 2:
            return COMPARISON, sides
        across = _across(area_names).search(question)
        if across and _COMPARISON.search(_VARIOUS.sub(" ", question)):  # "what different forms does X take" lists
            return COMPARISON, (("area", "*"),) if across.group("place") else (("group", "*"),)
    if _SUMMARY.search(question):
        return SUMMARY, ()
    if asks_themes and (not groups or every_group):
        return THEMES, ()
    saying = re.search(rf"\b{SAYING}\b", question, re.I)
    # what an area's people said is quoted, as a group's is ("how did those in Area C describe …", not "tell me about
    # Area C")
    an_area_said = areas and re.search(rf"\b{SAYING}\b", re.sub(r"^\s*(?:please\s+)?tell\s+me\b", " ", question,
                                                                flags=re.I), re.I)
    if names_respondents or groups or asks_quotes or saying and re.search(rf"\b{PEOPLE}\b", question, re.I) \
            or an_area_said:
        return QUOTES, ()
    return LOOKUP, ()


def _side_by_side(question: str, names: Sequence[str]) -> bool:
    """Whether the question sets its first two ``names`` side by side (``_NAMES_SET_SIDE_BY_SIDE``)."""
    first, second = question.find(names[0]), question.find(names[1])
    return 0 <= first < second and bool(_NAMES_SET_SIDE_BY_SIDE.search(question, first + len(names[0]), second))


def _names_someone(question: str, token: str, directory: Directory) -> bool:
    """Whether a token shaped like a code ("Z77", "NO2") is meant as a respondent's: its letters open the library's
    codes ("P99" of a library of P01–P20), or it stands where a person does ("What did Z77 say?", "from Z77");
    not "the impact on NO2", a thing asked about."""
    letters = re.match(r"[A-Za-z]*", token).group().lower()
    if letters and any(code.lower().startswith(letters) for code in directory.codes()):
        return True
    named = re.escape(token)
    return bool(re.search(rf"\b(?:from|by|did|does|do|has|had|according\s+to|respondents?|participants?|"
                          rf"interviewees?)\s+{named}\b|\b{named}(?:['’]s)?\s+(?:\w+\s+)?{SAYING}\b", question,
                          re.IGNORECASE))


def _ranked(question: str, area_names: tuple[str, ...], named: int) -> str:
    """ "most" or "least" when a count asks which of the groups or areas counted has the most, or the fewest, of its
    respondents on the topic ("Which group mentioned it most often?", "Which area had the fewest …?", "Were nurses or
    doctors more likely to …?"); "" otherwise ("Did most respondents mention it?", "Which respondents …?")."""
    found = _RANKING.search(question)
    of_places = re.match(rf"\s*(?:which|what)\s+(?:\w+\s+){{0,2}}?(?:{_places(area_names)})\b", question, re.I)
    if not found or not (_WHICH_GROUP.match(question) or of_places or named >= 2):
        return ""
    return "least" if re.search(r"\b(?:least|fewest|less)\b", found.group(), re.IGNORECASE) else "most"


def without_ranking(text: str) -> str:
    """``text`` without the words that ask which has the most of it ("data sharing most often": "data sharing")."""
    return re.sub(r"\s{2,}", " ", _RANKING.sub("", text))


def asks_share_of_people(question: str) -> bool:
    """Whether a question asks what share of the people asked said or felt something (see ``_SHARE_OF_PEOPLE``)."""
    return bool(_SHARE_OF_PEOPLE.search(question))


def asks_points_of_any_kind(question: str) -> bool:
    """Whether the kinds of point a question asks for are only the general ones ("the key issues", "the main
    themes"), none a report may simply not have ("recommendations", "risks")."""
    return point_kinds(question) <= ANY_KIND


def asks_what_to_do(question: str) -> str:
    """The words of a question that ask what is to be done, as a report's recommendations say it ("What should the
    council do" of "What should the council do about repairs?"); "" when it asks nothing of the kind."""
    found = re.search(_TO_DO, question, re.IGNORECASE)
    return found.group() if found else ""


def asks_for_recommendations(question: str) -> bool:
    """Whether a question asks what a report recommends ("What does the write-up recommend the council do?", "What
    are the recommendations?"): its own points, not what respondents said."""
    return bool(asks_what_to_do(question)) or "recommend" in point_kinds(question)


# Asked how the study itself was done, its method, not what it found: "How was the evaluation carried out?", "What
# methods did the study use?", "How were participants recruited?".
_STUDY = r"(?:study|research|evaluation|review|survey|fieldwork|interviews?|focus\s+groups?|analysis|data|project)"
_STUDY_TEAM = r"(?:the\s+)?(?:researchers|authors|evaluators|(?:research|study|evaluation)\s+team)"
_ASKS_METHOD = re.compile(
    rf"\bhow\s+(?:was|were|is|are)\s+(?:the|this|these)\s+{_STUDY}\s+(?:\w+ly\s+)?(?:conducted|done|carried\s+out|"
    r"designed|run|undertaken|performed|organi[sz]ed|collected|analy[sz]ed|gathered|coded|recorded)\b"
    rf"|\bhow\s+did\s+{_STUDY_TEAM}\s+(?:\w+ly\s+)?(?:do|conduct|carry\s+out|run|design|collect|gather|analy[sz]e|"
    r"recruit|select|choose|sample|find|interview)\b"
    # (the study's methods, not "What methods were used to engage young people?", a finding)
    rf"|\bwhat\s+(?:research\s+)?methods?\s+(?:(?:was|were)\s+used(?=\s*(?:[?.!]|$|(?:in|for|by)\s+(?:the|this)\s+"
    rf"{_STUDY}|to\s+(?:collect|gather|analy[sz]e|recruit|select|sample)\b))|did\s+(?:the\s+|this\s+)?(?:{_STUDY}|"
    r"researchers|authors|evaluators)\b)"
    r"|\bhow\s+were\s+(?:the\s+)?(?:participants|respondents|interviewees|informants)\s+(?:\w+ly\s+)?"
    r"(?:recruited|selected|sampled|chosen|identified|found)\b"
    r"|\b(?:methodology|(?:study|research|evaluation)\s+design|sample\s+size)\b"
    r"|\bwho\s+took\s+part\b"
    rf"|\blimitations?\s+of\s+(?:the\s+|this\s+)?{_STUDY}\b",  # what it could not do, as its method says
    re.IGNORECASE)


# Taking part in the study, asked how many or who did ("How many patients took part?"): who it heard, no topic.
_TAKING_PART_ASKED = re.compile(r"\b(?:took|take|takes|taking)\s+part\b|\bparticipat(?:e|ed|es|ing)\b|"
                                r"\bwere\s+involved\b", re.IGNORECASE)
_HOW_MANY_OR_WHO = re.compile(r"\bhow\s+many\b|^\W*who\b", re.IGNORECASE)
# How a method says who took part: "18 participants", "we interviewed 20 people", "14 respondents".
TAKING_PART_WORDS = tuple(content_tokens("participants participated interviewed interviews respondents took part"))


def asks_who_took_part(question: str) -> bool:
    """Whether a question asks how many, or who, took part in the study ("How many patients took part?")."""
    return bool(_HOW_MANY_OR_WHO.search(question) and _TAKING_PART_ASKED.search(question))


def asks_how_the_study_was_done(question: str) -> bool:
    """Whether a question asks how the study was done, its method ("How was the study conducted?")."""
    return bool(_ASKS_METHOD.search(question))


# Asked why: for reasons ("Why did some learners drop out?", "What made them leave?", "the reasons for …")
_ASKS_WHY = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?why\b|\bwhat\s+(?:made|makes|caused|causes|led)\b|"
                       r"\breasons?\s+(?:for|why)\b", re.IGNORECASE)


def asks_why(question: str) -> bool:
    """Whether a question asks for reasons, why something happened."""
    return bool(_ASKS_WHY.search(question))


def point_kinds(question: str) -> set[str]:
    """The content tokens of the words that name the kind of point a question asks for ("problems" of "the main
    problems tenants have"), not what the points are about."""
    return {token for found in re.finditer(rf"\b{_POINT_KINDS}\b", question, re.IGNORECASE)
            for token in content_tokens(found.group())}


def asks_for_quotes(question: str) -> bool:
    """Whether a question asks for what people said in their words ("more quotes like that", "any extracts")."""
    return bool(_WANTS_QUOTES.search(question))


def _without_groups(people: str, directory: Directory) -> str:
    """``people`` without the groups the library has that they are listed with: "agency porters" of "nurses and
    agency porters", whom a question compares with the nurses."""
    unknown, parts = _ungrouped(people, directory), _people_listed(people)
    return " and ".join(unknown) if unknown and len(unknown) < len(parts) else people


def _ungrouped(people: str, directory: Directory) -> list[str]:
    """The people of ``people`` ("staff and service users") the library has no group for (["staff"])."""
    terms = "|".join(re.escape(term) for term, _ in directory.group_terms())
    return [part for part in _people_listed(people)
            if not terms or not re.fullmatch(rf"(?:the\s+)?(?:{terms})", part, re.IGNORECASE)]


def _people_listed(people: str) -> list[str]:
    return [part for part in re.split(r"\s*(?:,|\band\b|\bor\b|&)\s*", people) if part]


def _their_view(question: str, claim: re.Match, spans: list[tuple[int, int]]) -> bool:
    """Whether what a quote is to show (``claim``) is how the people named right after it see things ("showing how
    nurses feel about the rota"): they say it, unlike "showing that nurses have long backed the rota"."""
    return claim.group().lower().endswith("how") and any(
        re.fullmatch(r"\s*(?:the\s+)?", question[claim.end():start], re.IGNORECASE)
        and re.match(rf"(?:['’]s?)?\s+(?:\w+ly\s+)?{SAYING}\b", question[end:], re.IGNORECASE)
        for start, end in spans)


def _speakers_asked(question: str, area_names: tuple[str, ...] = ()) -> str:
    """The people a question asks to hear from, when it names them by more than a word for anyone who was asked
    ("paramedics", "senior officers", "younger interviewees"); "" for "what did interviewees say"."""
    match = _SPEAKERS.search(question) or _SPEAKERS_COUNTED.search(question) or _SPEAKERS_LISTED.search(question) \
        or _SPEAKERS_QUOTED.search(question) or _SPEAKERS_COMPARED.search(question)
    places = _places(area_names)
    if match and re.search(rf"\b(?:{places})\b", match.group("who"), re.IGNORECASE):
        return ""  # "which areas mentioned …", "which schools …" (where the documents' areas are schools): by place
    if not match:
        match = _SPEAKERS_REPORTED.search(question)
        if match and any(word.lower() in STOPWORDS - {"and", "or", "the"} for word in match.group("who").split()):
            return ""  # "what percentage of interviewees felt …" asks for a figure, "how many …" for a count
        if match and re.match(r"[a-z]+[^s\W]s\s", match.group("who")):
            return ""  # "what helps people feel safe", "what makes staff feel valued": "what" does it to them
    if not match or re.search(r"\b(?:were|was|are|is|been|be)\s*$", match.group("who"), re.IGNORECASE) \
            or re.match(r"\s+by\b", question[match.end():], re.IGNORECASE):
        return ""  # "which themes were raised most often", "the issues raised by …": what was raised, not who
    if _BEFORE_A_NOUN.search(match.group("who")):
        return ""  # "does the scheme represent good value for money", "did they have a view": a noun, no saying
    words = [word for word in match.group("who").split() if word.lower() not in STOPWORDS]
    # (an "-ly" word among them is no adverb, "family members", "elderly residents": one before the verb is not "who")
    if not words or any(word.lower() in _TEXTS or re.search(r"['’]s?$|(?:ed|ing)$", word) for word in words):
        return ""  # a text, a possessive ("the region's experience"), or no noun ("are quoted in the report")
    specific = naming_words(" ".join(words))
    named = match.group("who").split()
    while named[0].lower() in STOPWORDS:  # "the senior officers" → "senior officers"
        named.pop(0)
    return " ".join(named) if specific else ""


def naming_words(people: str) -> list[str]:
    """The words of ``people`` that say which people, not that they are people: "senior officers" → ["senior"]."""
    return [word for word in people.split() if word.lower() not in STOPWORDS and word.lower() not in _ANYONE
            and not re.fullmatch(PEOPLE, word, re.IGNORECASE)]


# What people's own words give: "nurses' views", "the officers' concerns" are theirs to say.
_THEIR_VIEWS = (r"views?|perspectives?|opinions?|accounts?|experiences?|thoughts|feelings|words|concerns?|"
                r"priorities|attitudes?|reflections?|impressions?")


# People a question asks about, not who spoke: those named anywhere after "about" ("what did pupils say about
# teachers", "… say about the effect of link workers on their workload", "quotes about patients' first conversation
# with a link worker"). "Issues for the library service", "challenges facing nurses" are theirs to say, as much as
# anyone's; "What about the ward staff?" asks of them.
_ASKED_ABOUT = re.compile(r"(?<!what )(?<!how )\b(?:about|regarding|concerning)\b", re.IGNORECASE)


_LIKELIER = r"(?:more|less)\s+likely\s+to\s+"  # "were nurses or doctors more likely to mention …": said as often


def _groups_named(question: str, directory: Directory) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """Groups the question names as people ("nursing staff", "what did pharmacists say", "according to
    the nurses", "do nurses and doctors see …"), not as a topic ("nursing and pharmacy reform")."""
    return _named_as_people(question, directory.group_terms())


def _asked_of(respondents: tuple[str, ...], population: str) -> str:
    whom = f"the {len(respondents)} respondents" if len(respondents) > 1 else "the one respondent"
    return f"Asked of {whom} {population}."


def _by_role(question: str, directory: Directory) -> tuple[tuple[str, ...], list[tuple[int, int]], str]:
    """The respondents a question names by the role their attributions give them within a group, as it would name a
    group ("What did the ward manager at Site A say?", of ward staff one of whom is "ward manager"): their keys, the
    spans that name them, and how the answer says whom it asked (``ParsedQuestion.population``)."""
    roles, spans = _named_as_people(question, directory.role_terms())
    keys = tuple(dict.fromkeys(key for role in roles for key in directory.with_role(role)))
    return (keys, spans, f"whose attributions give their role as {' or '.join(roles)}") if keys else ((), [], "")


# Two words more of whom a group's word names, in lower case: "the volunteer digital champions" (not a body named
# after the group: "the Nurses Benevolent Fund")
_TWO_WORDS_OF_THEM = r"(?-i:[a-z][\w'’-]*\s+[a-z][\w'’-]*)\s+"

# A group as one side of a comparison: "nurses", "nursing services", "nurses' views"; not "nurses' rotas", nor "young
# carers' services" (the services are theirs, and compared)
_THEIR_SIDE = (rf"(?:['’]s?\s+(?:views?|perspectives?|accounts?|responses?|{PERSONS})\b"
               rf"|\s+(?:views?|{PEOPLE}|perspectives?|accounts?|responses?)\b(?!['’])|\b(?!['’]|\s+{PERSONS}['’]))")


def _named_as_people(question: str, terms: list[tuple[str, str]]) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """What ``terms`` ((term, name), longest first) the question uses to name people, and where (``_groups_named``)."""
    if not terms:
        return (), []
    question = question.replace("-", " ")  # "partner-agency staff" names the group as "partner agency staff" does
    terms = [(term.replace("-", " "), name) for term, name in terms]  # and "owner-pharmacist" the role
    alternatives = "|".join(re.escape(term) for term, _ in terms)
    patterns, listed = _people_patterns(alternatives)
    comparing_only = range(len(patterns) - 3, len(patterns))
    comparing = bool(_COMPARISON.search(question))
    found: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    lookup = dict(terms)
    # the word that qualifies a role ("repairs" of "Repairs officer") names its people only before a word for people
    # ("repairs staff"), not before one for an institution ("confidence in the repairs service"), nor before another
    # group's name ("library staff", of a library with staff and library users)
    qualifiers = {term for term, group in terms if group.lower().startswith(f"{term} ")}
    owners = _whose(question)
    in_lists = _groups_in_lists(question, listed, alternatives, lookup)  # taken with each pattern's, as they were
    for number, pattern in enumerate(patterns):
        for match in pattern.finditer(question):
            group = lookup.get(match.group("g").lower())
            if owners and owners[0] <= match.start("g") < owners[1]:
                continue  # "carers of learners": whose carers they are
            after = re.match(rf"\s+({alternatives})\b", question[match.end("g"):], re.IGNORECASE)
            if group is not None and match.group("g").lower() in qualifiers and after \
                    and lookup.get(after.group(1).lower()) not in (None, group):
                spans.append((match.start("g"), match.end("g")))  # "library" of "library staff": who, not what
                continue
            if group is None or match.group("g").lower() in qualifiers \
                    and not re.match(rf"(?:['’]s?)?\s+{PERSONS}\b", question[match.end("g"):], re.IGNORECASE) \
                    or not number and (_ASKED_ABOUT.search(question[:match.start()])
                                       or lookup.get(match.group().lower()) == group  # named, saying nothing
                                       and not re.search(rf"\b{SAYING}\b", question[match.end():], re.IGNORECASE)) \
                    or number in comparing_only and not comparing:
                continue
            found.setdefault(group, match.start("g"))
            spans.append((match.start("g"), match.end("g")))
        for group, start, end in in_lists:
            found.setdefault(group, start)
            spans.append((start, end))
    return tuple(sorted(found, key=found.get)), spans


def _groups_in_lists(question: str, listed: re.Pattern[str], alternatives: str,
                     lookup: dict[str, str]) -> list[tuple[str, int, int]]:
    """(group, start, end) of every group in a list the question names people by: "do nurses and doctors see …",
    "nurses and doctors' views", "compare nurses and doctors on …" (every group in it, not only one)."""
    found = []
    for match in listed.finditer(question):
        # the first form's list of groups, the second's ("compare …") or the third's ("nurses vs doctors")
        the_list = next(number for number in (1, 2, 3) if match.group(number))
        for inner in re.finditer(rf"\b({alternatives})\b", match.group(the_list), re.IGNORECASE):
            if group := lookup.get(inner.group(1).lower()):
                found.append((group, match.start(the_list) + inner.start(), match.start(the_list) + inner.end()))
    return found


@functools.lru_cache(maxsize=8)
def _people_patterns(alternatives: str) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """The patterns ``_named_as_people`` reads a question with, for the terms ``alternatives`` (an alternation), and
    the one for a list of them ("nurses and doctors"): made once for a library's terms, not for every question."""
    any_group = rf"(?:the\s+)?(?:{alternatives})"
    patterns = [
        rf"(?<!between )(?<!with )(?<!among )\b(?P<g>{alternatives})(?:['’]s?)?(?:\s+(?:service|services|sector|side))?"
        rf"\s+{PEOPLE}\b(?!['’])",
        # "ward staff's views on …", "upland farmers' experience of …" (whatever the people are called)
        rf"\b(?P<g>{alternatives})\s+(?:{PERSONS}['’]s?|[a-z]+s['’])\s+(?:{_THEIR_VIEWS})\b",
        rf"\b(?:from|according\s+to|by|within|inside)\s+(?:(?:the|a|an)\s+)?(?P<g>{alternatives})\b",
        # "views among nurses", "Among the nurses, …", "said among themselves": not "vaping among pupils", whose
        # pupils are who it is about
        rf"(?:^\s*|\b(?:{_THEIR_VIEWS}|{SAYING}|agreement|consensus|support|feeling)\s+)(?:among|amongst)\s+"
        rf"(?:(?:the|a|an)\s+)?(?P<g>{alternatives})\b",
        rf"\b(?:did|do|does|have|has|had|would|were|are)\s+(?:the\s+)?(?P<g>{alternatives})"
        rf"(?:\s*(?:,|and|or)\s+{any_group})*\s+(?:\w+\s+|{_TWO_WORDS_OF_THEM}|{_LIKELIER})?{SAYING}\b",
        # "any nurses who said …", "pharmacists more likely to mention …"
        rf"\b(?P<g>{alternatives})\s+(?:who\s+)?(?:have\s+|had\s+|all\s+|{_LIKELIER})?{SAYING}\b",
        rf"^\s*(?:which|how\s+many)\s+(?:of\s+)?(?:the\s+)?(?P<g>{alternatives})\b(?!['’])",  # "which nurses found …"
        rf"{OF_THEM}(?:from\s+)?(?:the\s+)?(?P<g>{alternatives})\b",  # "which of them were nurses?"
        # "what about nurses?", "and the nurse ones?", alone or read with the question it follows (or read itself
        # with a follow-up to it: "more — and the nurses — rotas")
        rf"(?:^|{FOLLOWS})(?:and\s+|but\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+)?(?P<g>{alternatives})"
        rf"(?:\s+(?:service|services|ones))?\s*[?.!]*(?:$|{FOLLOWS})",
        rf"^\s*(?:and\s+|but\s+|so\s+)?(?:is|was|are|were|does|did|do|would)\s+(?:that|this|it)\b.*?\b(?:to|for)\s+"
        rf"(?:the\s+)?(?P<g>{alternatives})(?:\s+(?:service|services|{PERSONS}))?(?:\s+(?:too|as\s+well|also))?"
        rf"\s*[?.!]*\s*(?:$|{FOLLOWS})",  # "is that true for nurses too?", "does this apply to porters?"
        # "a member of staff", "the views of the nurses"
        rf"\b(?:members?|views?|opinions?|experiences?|perspectives?|thoughts?)\s+of\s+(?:the\s+)?"
        rf"(?P<g>{alternatives})\b",
        # "… of the interviewees were nurses?"
        rf"\b(?:were|are|was|is)\s+(?:the\s+)?(?P<g>{alternatives})\s*[?.!]*\s*$",
        # in a question comparing, before or after the groups: "… differ from those of volunteers?", "how do staff
        # compare with …" ("between" alone does not: "sharing between partners")
        # (not their things: "compared with young carers' services elsewhere" compares services)
        rf"\b(?:between|compare|comparing|versus|vs\.?|and|than|from|with|(?:those|that)\s+of)\s+(?:the\s+)?"
        rf"(?P<g>{alternatives}){_THEIR_SIDE}",
        rf"\b(?P<g>{alternatives}){_THEIR_SIDE}\s+(?:compare|compared|differ|differs|differed|contrast)\b",
        # "were receptionists more positive than GPs …?": the group before the comparative, as the one after "than"
        rf"\b(?P<g>{alternatives})(?:['’]s?)?(?:\s+{PEOPLE})?\s+{_COMPARATIVE}",
    ]
    listed = re.compile(rf"(?:\b(?:did|do|does|have|has|had)\s+)?({any_group}(?:\s*(?:,|and|or|&)\s+{any_group})+)"
                        rf"(?:['’]s?)?\s+(?:(?:\w+\s+)?{SAYING}|{PEOPLE}|(?:have|hold|share|take)\s+(?:\w+\s+)?"
                        rf"(?:views?|opinions?|perspectives?|approaches?|attitudes?)"
                        rf"|(?:have|has|had)\s+in\s+common|compare[sd]?|differ(?:s|ed)?|contrast(?:s|ed)?)\b"
                        rf"|\b(?:compare|comparing|contrast|contrasting)\s+({any_group}(?:\s*(?:,|and|&|with|to)\s+"
                        rf"{any_group})+)\b|\b({any_group}(?:\s+(?:vs\.?|versus)\s+{any_group})+)(?!\w)", re.IGNORECASE)
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns), listed


def _whose(question: str) -> tuple[int, int] | None:
    """Where the question names whose the people it asks to hear from are, when it names them so ("what did family
    members or carers of learners say": "learners"), not when they are some of them ("members of staff"); None
    otherwise."""
    asked = _SPEAKERS.search(question)
    owner = re.search(r"(?P<head>[\w'’-]+)\s+of\s+(?:the\s+)?(?P<owner>.+)$", asked.group("who")) if asked else None
    if owner is None or re.fullmatch(PERSONS, owner.group("head"), re.IGNORECASE):
        return None
    return asked.start("who") + owner.start("owner"), asked.end("who")


def _by_sex(question: str, directory: Directory) -> tuple[tuple[str, ...], list[tuple[int, int]], tuple[str, ...]]:
    """The respondents of the one sex a question names as people ("female participants", "women"), when the
    attributions give each respondent's sex (``P20_F_31``), where it names them, and the sexes it names ("men and
    women", to compare); nothing of a library that does not say."""
    found = [(match.span(), sex_named(match.group("sex"))) for match in re.finditer(
        rf"\b(?P<sex>male|female|men|women|man|woman)\b(?:\s+(?:{PEOPLE}))?", question, re.IGNORECASE)]
    marked = {sex: directory.with_facet("sex", sex) for _, sex in found}
    if not marked or not all(marked.values()):
        return (), [], ()
    sexes = tuple(marked)
    keys = tuple(marked[sexes[0]]) if len(sexes) == 1 else ()
    return keys, [span for span, _ in found], sexes


_AGE_BOUND = re.compile(rf"\b(?:{PEOPLE})\s+(?:aged\s+)?(?P<side>over|under|above|below|older\s+than|younger\s+than)"
                        rf"\s+(?P<age>\d{{1,3}})\b|\b(?P<relative>older|younger)\s+(?:{PEOPLE})\b"
                        rf"|\baged\s+(?P<from>\d{{1,3}})\s*(?:\+|and\s+(?P<way>over|above|older|under|below|younger))",
                        re.IGNORECASE)


def _by_age(question: str, directory: Directory) -> tuple[tuple[str, ...], list[tuple[int, int]], str]:
    """The respondents of the ages a question asks about as people ("participants over 50", "carers aged 65 and
    over", "younger respondents": under the middle age given), when the attributions give ages (``P20_F_31``) or age
    bands ("45–54", in only when the whole band is on the side asked); where it names them, and how
    (``ParsedQuestion.population``). Nothing of a library that gives no ages, nor "older people" of one whose group
    is so named."""
    match = _AGE_BOUND.search(question)
    if not match or match.group("relative") and any(match.group("relative").lower() in group.lower().split()
                                                    for group in directory.groups()):
        return (), [], ""  # (a group the study names so, "Older participant": whom it is about, not an age split)
    aged = [(bounds, person.key) for person in directory.matching() if (bounds := age_range(person.facet("age")))]
    if not aged:
        return (), [], ""
    if match.group("relative"):
        middle = sorted(sum(bounds) // 2 for bounds, _ in aged)[len(aged) // 2]
        older = match.group("relative").lower() == "older"
        limit = middle + (1 if older else -1)
        how = f"{'over' if older else 'under'} {middle} (the middle of the ages given)"
    elif match.group("from"):  # "aged 65 and over": 65 itself is in
        older = (match.group("way") or "over").lower() in ("over", "above", "older")
        limit, how = int(match.group("from")), f"of {match.group('from')} and {'over' if older else 'under'}"
    else:
        older = match.group("side").lower().split()[0] in ("over", "above", "older")
        limit = int(match.group("age")) + (1 if older else -1)
        how = f"{'over' if older else 'under'} {match.group('age')}"
    how = f"whose attributions give an age {how}"
    # the whole of an age band on the side asked: "45–54" is not "over 50"
    keys = tuple(key for (youngest, oldest), key in aged if (youngest >= limit if older else oldest <= limit))
    return (keys, [match.span()], how) if keys else ((), [], "")


def _documents_named(question: str, directory: Directory) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """The library's documents the question names by file name ("what did P07 in results.tex say?"), or by what
    its file name says and no other's does, before what it is ("the interim report", "the year 2 final report" of
    "…_interim_report_year1.md" and "…_final_report_year2.md")."""
    found, lowered = [], question.lower()
    for document in directory.documents():  # (a library's thousand names: a substring test first, not a search)
        match = document.lower() in lowered and re.search(rf"(?<![\w.]){re.escape(document)}(?![\w])", question,
                                                           re.IGNORECASE)
        if match:
            found.append((match.span(), document))
    if not found and 1 < len(directory.documents()) <= DESCRIBED_DOCUMENTS:
        found = _documents_described(question, directory.documents())
    found.sort()  # in the order the question names them
    return tuple(document for _, document in found), [span for span, _ in found]


def _documents_described(question: str, documents: Sequence[str]) -> list[tuple[tuple[int, int], str]]:
    """(span, document) of each document the question describes by the words only its file name has, before a word
    for a document (``_A_DOCUMENT``)."""
    words = {document: set(_FILE_NAME_WORDS.findall(document.rsplit(".", 1)[0].lower())) for document in documents}
    own = {document: words[document] - set().union(*(words[other] for other in documents if other != document))
           for document in documents}
    found = []
    for match in _A_DOCUMENT.finditer(question):
        said = set(_FILE_NAME_WORDS.findall(match.group("words").lower()))
        named = [document for document in documents if said & own[document]]
        if len(named) == 1:  # (from the first of its name's words: "tablets in the final report" by "final")
            first = next(word for word in _FILE_NAME_WORDS.finditer(match.group("words").lower())
                         if word.group() in words[named[0]])
            found.append(((match.start() + first.start(), match.end()), named[0]))
    return found


def _areas_unknown(question: str, directory: Directory) -> tuple[str, ...]:
    """Areas the question names by the documents' own word for them, shaped like theirs, that they do not have:
    "Area E" when the areas are A to D."""
    values = directory.areas()
    if not values or not directory.area_names:
        return ()
    shapes = {_label_shape(value) for value in values}
    names = "|".join(re.escape(name) for name in directory.area_names)
    label = r"(?:[A-Za-z]{1,2}|\d{1,3})\b"
    found = [written for match in re.finditer(rf"\b(?:{names})s?\s+(?P<list>{label}(?:\s*(?:,|and|or|&)\s*{label})*)",
                                              question, re.IGNORECASE)
             for written in re.findall(label, match.group("list")) if written.lower() not in ("and", "or")]
    known = {value.lower() for value in values}
    return tuple(dict.fromkeys(label.upper() if label.isalpha() else label for label in found
                               if label.lower() not in known and _label_shape(label) in shapes
                               and label.lower() not in STOPWORDS))


def _label_shape(label: str) -> tuple[bool, int]:
    return label.isdigit(), len(label)


def _areas_named(question: str, directory: Directory
                 ) -> tuple[tuple[str, ...], list[tuple[int, int]], tuple[str, ...]]:
    """Areas or sites the question names: "in Area B", "areas A and C", "case study area D", or an alias; and the
    documents it means, when the library's documents call their areas by different words ("School A" is not the
    "Area A" of another report)."""
    values = directory.areas()
    if not values:
        return (), [], ()
    names = "|".join([_PLACE, *(re.escape(name) for name in directory.area_names)])
    value = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    found: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    documents: list[str] = []
    for match in re.finditer(rf"\b(?P<name>{names})\s+(?P<list>(?:{value})(?:\s*(?:,|and|or|&|vs\.?|versus)\s*"
                             rf"(?:{names})?\s*(?:{value}))*)\b", question, re.IGNORECASE):
        for inner in re.finditer(rf"(?<![\w])({value})(?![\w])", match.group("list"), re.IGNORECASE):
            area = next(v for v in values if v.lower() == inner.group(1).lower())
            found.setdefault(area, match.start())
        spans.append((match.start(), match.end()))
        documents += directory.documents_naming_areas(re.sub(r"s$", "", match.group("name").lower()))
    for term, area in directory.area_terms():
        match = re.search(rf"\b{re.escape(term)}\b", question, re.IGNORECASE)
        if match:
            found.setdefault(area, match.start())
            spans.append((match.start(), match.end()))
    return tuple(sorted(found, key=found.get)), spans, tuple(dict.fromkeys(documents))


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for position in range(start, end):
            chars[position] = " "
    return "".join(chars)


def topic_words(text: str) -> tuple[str, ...]:
    """The words of a topic phrase that say what it is about, not how it is asked ("talked about being creative"
    → "creative"): what the one prevalence engine matches, from the chat and from the Respondents tab alike."""
    words = content_words(text)
    return tuple(root for position, word in enumerate(words) if not _frames(word, root := stem(word)) or (
        root in _KINDS_OF_PEOPLE and position and not _frames(words[position - 1], stem(words[position - 1]))))


# People named by what they do ("community health workers", "support staff"): the kind, not the asking, when a
# word of the topic comes before them.
_KINDS_OF_PEOPLE = frozenset(map(stem, ("workers", "staff")))


def distinctive_phrase(phrase: str, weights: TermWeights) -> str:
    """``phrase`` without the words the library uses throughout (``TermWeights.is_general``), when it has others: in
    a study of one tool, "the tool useful" is counted as "useful", since every extract comes close to the tool's name
    whatever it says of it. Each alternative ("innovation or being creative") keeps its words when they are all such
    words: it is a topic of its own; so does a name the library abbreviates, said in full ("community care teams",
    which its CCTs hold), whatever its words are apart. What the counting engine embeds and matches."""
    def distinctive(part: str) -> str:
        words = re.findall(r"[\w'’-]+", part)
        named = {token for _, name in weights.abbreviations.asked(content_tokens(part)) for token in name}
        kept = " ".join(word for word in words if not (tokens := content_tokens(word))
                        or set(tokens) <= named or not weights.is_general(tokens))
        return kept if topic_words(kept) else part.strip()

    return " or ".join(distinctive(part) for part in re.split(r"\bor\b", phrase))


def _frames(word: str, root: str) -> bool:
    """Whether ``word`` (of stem ``root``) is one of the framing words or an inflection of one ("mentions",
    "summarised"), not a word made from one ("documentation" is a topic, though its stem is "document")."""
    return root in _FRAMING and len(word) <= _FRAMING[root] + 2


def _count_requested(question: str) -> int | None:
    match = _COUNT.search(question) or _number_asked(question)
    if not match:
        return None
    value = match.group("n").lower()
    value = re.sub(r"\s+", " ", value)
    return int(value) if value.isdigit() else _NUMBER_WORDS.get(value)


def _number_asked(question: str) -> re.Match | None:
    """Where the question asks for a number of things ("the three biggest challenges"), if it does."""
    return next((match for match in _NUMBERED.finditer(question) if match.group("noun").lower() not in _UNITS
                 and not _NOT_ASKED.search(question[:match.start()])), None)


def _is_ordinary_word(token: str) -> bool:
    return token.lower() in STOPWORDS


def _looks_not_english(question: str) -> bool:
    """Letters outside ASCII and not one common English word: Polish, Gaelic, Chinese, Arabic… The findings
    are English and the lexical search reads English, so such a question would be declined without a reason."""
    words = re.findall(r"[^\W\d_]+", question)
    if all(word.isascii() for word in words):
        return False
    return not any(word.lower() in STOPWORDS for word in words)


# "Which of them were nurses?", "How many of those are in Ward 3?": who, among those a count just named
OF_THEM = r"^\s*(?:which|how\s+many)\s+of\s+(?:them|those|these)\s+(?:were|are|was|is|came|come)\s+"
FOLLOWS = " — "  # between a follow-up and the earlier question it is read with
