"""The assistant: load the index (building it from the corpus when missing or stale) and answer questions."""

from __future__ import annotations

import dataclasses
import functools
import gc
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from . import declines
from .answer import Answer
from .blocks import NO_ANSWER, Decline, Lead, Notes, Quote, Quotes, citations_of
from .cite import citation_for, names_documents, verified_blocks
from .compose import compose
from .conversation import (asks_where_from, checks_earlier_attribution, reads_as_follow_up, refers_to_earlier_people,
                           refers_to_earlier_person, resolve_follow_up)
from .evidence import Evidence, sentence_claim
from .prevalence import Prevalence, WhoSpoke
from .turns import Turns
from ..search.coverage import asks_the_same
from ..search.relevance import Calibration, TermWeights, TokenPostings, spoken_words, too_slight
from ..search.retrieve import is_phrase
from ..search.shelf import DocumentShelf, IndexedSources
from ..search.snapshot import Snapshot, aligned_vectors, open_snapshot
from ..documents.document_summary import DocumentSummary
from ..errors import IndexMissingError, QuestionError
from ..documents.library import LibraryConfig, read_library
from ..documents.reading_order import ReadingOrder
from ..documents.prose import split_sentences
from .query import QUOTES, asks_for_quotes, naming_words, parse_question
from ..documents.readers import MAX_DOCUMENT_BYTES, DocumentText
from .markdown import render_blocks
from ..documents.respondents import Directory, listed
from ..settings import Settings, load_settings
from ..text import content_tokens, marks_as_term, topic_coverage
from ..types import NARRATIVE, QUOTE, Filters, Passage, ScoredPassage

EVERYONE_SHARE = 0.1  # a word for people in this share of a library's passages is its word for everyone asked
FOLLOW_UP_WORDS_SHOWN = 20  # how a follow-up was read is shown in this many words at most
SAID_OF_SPEAKERS = 2  # most of the report's sentences shown on people it quotes none of
UNDATED = (10_000, 0)  # a document that gives no date is read after those that do
# A greeting or thanks, not a question: "hi", "thanks!", "ok, great".
_SMALL_TALK = re.compile(r"\W*(?:(?:hi|hello|hey|hiya|thanks|thank\s+you|cheers|ok|okay|great|cool|nice|bye|goodbye|"
                         r"good\s+(?:morning|afternoon|evening)|there|again|very\s+much|so\s+much)\W*)+", re.IGNORECASE)


def read_corpus(corpus_dir: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> list[DocumentText]:
    """Each readable report file in ``corpus_dir`` (see ``readers``), as text."""
    documents, _ = read_library(corpus_dir, max_bytes)
    return documents


def sync_corpus(index, settings: Settings, progress: Callable[[str, int, int], None] | None = None,
                folder: tuple[list[DocumentText], dict[str, str]] | None = None):
    """Bring the index in step with the corpus folder: files added or changed are indexed, files deleted are
    removed. A file that cannot be read is reported, and whatever the index already holds of it is kept.
    ``folder`` is the folder as ``read_library`` already read it, if it was.

    Returns the index's ``SyncReport`` and {file name: problem}.
    """
    documents, problems = folder or read_library(settings.corpus_dir, settings.max_document_bytes)
    stored = index.source_documents() if problems else {}
    kept = [DocumentText(source, stored[source].text, (), stored[source].layout, stored[source].given_title)
            for source in problems if source in stored]
    config = LibraryConfig.load(settings)
    report = index.sync([*documents, *kept], config, remove_missing=True, progress=progress)
    if report.changed or index.calibration(calibration_key(index)) is None:
        ensure_calibration(index, index.embedder, settings, store=True)
    return report, problems


def calibration_key(index, versions: dict[str, str] | None = None) -> str:
    """What a calibration was made for: the index's versions of its documents, the probes and the vectors questions
    are embedded as (the model, float or int8)."""
    import hashlib

    from ..search.relevance import PROBES_VERSION

    hashes = sorted((index.stored_hashes() if versions is None else versions).items())
    key = repr((hashes, PROBES_VERSION, index.vector_space))
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def ensure_calibration(index, embedder, settings: Settings, store: bool = False) -> Calibration:
    """The index's calibration for its current version: read, or made (and stored when ``store`` or when the
    index is not a shared server's, which asking never changes)."""
    from ..search.relevance import calibrate

    key = calibration_key(index)
    stored = index.calibration(key)
    if stored is not None:
        return stored
    if not index.count():
        return Calibration()
    made = calibrate(index.nearest, embedder.embed_texts, key)
    if store or not settings.chroma_host:
        index.store_calibration(made)
    return made


def clean_question(question: object, max_chars: int) -> str:
    """The question with control characters removed, or a QuestionError saying what is wrong."""
    if not isinstance(question, str):
        raise QuestionError("A question must be text.")
    question = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]", " ", question)  # terminal escape sequences, whole
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QuestionError("The question is empty: type what you want to know about the findings.")
    if not any(char.isalnum() for char in text):
        raise QuestionError("The question has no words, only punctuation or symbols: type what you want to know "
                            "about the findings.")
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. Ask it more briefly."
        )
    return text


class Assistant:
    """Answers questions from the indexed findings, citing each claim; see ``ask``."""

    def __init__(self, settings: Settings, index, retriever, documents: DocumentShelf,
                 llm_answerer=None, directory: Directory | None = None, calibration: Calibration | None = None,
                 snapshot: Snapshot | None = None) -> None:
        """``documents`` maps each source to its parsed text, parsed when asked;
        ``snapshot`` holds what was derived from the index ahead (word counts, extracts' words and vectors):
        without one it is worked out here from the retriever's passages."""
        self.settings = settings
        self.index = index
        self.retriever = retriever
        self.documents = documents
        self.llm_answerer = llm_answerer  # an ``LLMAnswerer`` when settings.answerer is "llm"
        self.corpus_problems: dict[str, str] = {}  # corpus files that could not be read: name -> why
        self.turns = Turns()  # the answers asked at once (a Streamlit session each) take turns
        self.summaries: dict[str, DocumentSummary] = {}  # what ingest found in each document
        self.directory = directory or Directory.from_passages(
            retriever.passages, area_names={source: d.area_name for source, d in documents.items() if d.area_name})
        self._calibration = calibration
        # What each answer's citations are checked against before it is shown: what ingest cut from each source
        # (its passages, verbatim at their offsets), so that no document is read or parsed to answer a question.
        self.sources = IndexedSources(retriever.passages)
        self.reading = ReadingOrder(retriever.passages)
        extracts = [passage for passage in retriever.passages if passage.is_attributed]
        if snapshot is not None:
            self.weights, postings, self.stored_vectors = snapshot.weights, snapshot.postings, snapshot.vectors
            cosines = snapshot.vectors.extract_scores
        else:
            self.weights = TermWeights(retriever.passages)
            postings = TokenPostings.from_texts(spoken_words(passage) for passage in extracts)
            self.stored_vectors = index
            cosines = _cosines_from_index(index, extracts)
        narrated = {passage.source for passage in retriever.passages if passage.kind == NARRATIVE}
        self.prevalence = Prevalence(extracts, cosines, postings, self.directory, self.weights,
                                     calibration or Calibration(),
                                     coded_sources={passage.source for passage in extracts} - narrated)

    @property
    def calibration(self) -> Calibration:
        """The library's calibration (see ``relevance``), made on first use when the index has none."""
        if self._calibration is None:
            self._calibration = ensure_calibration(self.index, self.retriever.embedder, self.settings)
            self.prevalence.calibration = self._calibration
        return self._calibration

    @classmethod
    def from_settings(cls, settings: Settings | None = None,
                      progress: Callable[[str, int, int], None] | None = None) -> "Assistant":
        """Open the index named by ``settings`` (read from the environment when not given), bringing it in
        step with the corpus folder first when it is empty or out of date. A shared index on a Chroma server is
        only filled from the folder when empty: after that, `assistant ingest` changes it."""
        from ..search.embedding import Embedder
        from ..search.index import PassageIndex

        settings = settings or load_settings()
        embedder = Embedder.from_settings(settings)
        index = PassageIndex(settings, embedder)
        problems: dict[str, str] = {}
        shared = bool(settings.chroma_host)  # a team's server: one person's folder must not overwrite it
        if settings.corpus_dir.is_dir():
            corpus, problems = read_library(settings.corpus_dir, settings.max_document_bytes)
            if corpus and (index.count() == 0 or not shared and _is_stale(index, corpus, problems, settings)):
                sync_corpus(index, settings, progress, folder=(corpus, problems))
        assistant = cls.load(settings, index, embedder)
        assistant.corpus_problems = problems
        return assistant

    @classmethod
    def load(cls, settings: Settings, index, embedder) -> "Assistant":
        """The assistant over ``index`` as it stands: from its snapshot (made first if the index changed since),
        with each document parsed only when something needs it."""
        gc.unfreeze()  # a library loaded before (see below) may be let go now…
        gc.collect()  # …and is: frozen again with this one, its cycles (and the files they map) would live on
        gc.disable()  # reading a hundred thousand passages would set off full passes over them as they arrive
        try:
            return cls._load(settings, index, embedder)
        finally:
            gc.enable()
            # The library's objects live as long as the process: out of the collector's full passes, which would
            # otherwise walk them all (210 ms at 100k passages) every few answers.
            gc.freeze()

    @classmethod
    def _load(cls, settings: Settings, index, embedder) -> "Assistant":
        from threadpoolctl import threadpool_limits

        from ..search.retrieve import HybridRetriever

        # numpy's BLAS splits each product over every core and its threads spin between products: a count over
        # 25,000 extracts took twice the CPU for the same wall time, which answers asked at once queue behind.
        threadpool_limits(settings.torch_threads, user_api="blas")
        snapshot = open_snapshot(index, settings)
        records = index.source_documents(include_text=False)
        documents = DocumentShelf(records, index.source_text)
        directory = Directory.from_passages(snapshot.passages, index.respondent_table(), snapshot.area_names)
        retriever = HybridRetriever(snapshot.passages, index, embedder, fusion=settings.fusion, lexical=snapshot.lexical,
                                    vectors=snapshot.vectors, abbreviations=snapshot.weights.abbreviations)
        assistant = cls(settings, index, retriever, documents, directory=directory,
                        calibration=index.calibration(calibration_key(index, index.versions_read)),
                        snapshot=snapshot)
        assistant.summaries = {source: record.summary for source, record in records.items()}
        assistant.reading.warm()  # a large library's reading order takes a moment: not on the first question
        assistant.prevalence.warm()  # …as does finding its short extracts, for the first count
        if settings.answerer == "llm":
            from .llm_answer import LLMAnswerer

            assistant.llm_answerer = LLMAnswerer.from_settings(settings, assistant.sources, embedder.embed_texts,
                                                               directory.codes())
        return assistant

    def ask(self, question: str, group: str | None = None, area: str | None = None,
            respondent: str | None = None, kind: str | None = None, history: Sequence[str] = (),
            exclude: Sequence[str] = (), document: str | None = None) -> Answer:
        """Answer ``question`` with the configured answerer; see ``_ask_extractive`` for the arguments."""
        *_, answer = self.ask_stream(question, group=group, area=area, respondent=respondent, kind=kind,
                                     history=history, exclude=exclude, document=document)
        return answer

    def _only_framed(self, parsed) -> bool:
        """Whether the question's topic words only frame it: taken out, it asks the same (``asks_the_same``: "What
        points did P07 make?" without "make"), so it asks for all the respondent said."""
        frame = parsed.frame_text
        if frame == parsed.text:
            return False  # a follow-up's topic is the earlier question's: not in these words
        return asks_the_same(parsed.text, frame, self.retriever.embed)

    def who_spoke(self, topic: str, filters: Filters = Filters()) -> WhoSpoke:
        """Every respondent in scope and whether one of their extracts speaks to ``topic``: the engine behind
        prevalence answers, from the stored vectors (only the topic is embedded)."""
        self.prevalence.calibration = self.calibration  # made on first use: the engine's line rests on it
        return self.prevalence.who_spoke_about(topic, self.retriever.embed, filters)  # as the chat's counts do

    @functools.cached_property
    def extracts(self) -> dict[str, list[Passage]]:
        """Each respondent's extracts in document order, by respondent key (built once per loaded index)."""
        by_key: dict[str, list[Passage]] = {}
        for passage in self.retriever.passages:
            if passage.is_attributed:
                by_key.setdefault(passage.respondent, []).append(passage)
        return by_key

    def ask_stream(self, question: str, **options) -> Iterator[str | Answer]:
        """``ask``, streamed: the answer's markdown in pieces as it is written (with the LLM answerer, each
        sentence verified before it is yielded), then the ``Answer``. ``options`` are those of ``ask``."""
        with self.turns.turn():
            answer = self._ask_extractive(question, **options)
        # Declined, or an attribution check answered from the earlier answer's extract: nothing to write.
        if self.llm_answerer is None or answer.abstained or \
                (options.get("history") and checks_earlier_attribution(answer.question, self.directory)):
            yield answer.answer
            yield answer
            return
        yield from self.llm_answerer.stream(answer)

    def _ask_extractive(self, question: str, group: str | None = None, area: str | None = None,
                        respondent: str | None = None, kind: str | None = None, history: Sequence[str] = (),
                        exclude: Sequence[str] = (), document: str | None = None) -> Answer:
        """Answer ``question`` from the findings. Filters given here win over those read from the question:
        ``group`` and ``area`` as the documents name them, ``respondent`` a code (every document's respondent with
        that code) or a respondent key, ``document`` a source file name; ``history`` holds earlier questions (for
        follow-ups), ``exclude`` passage ids already shown."""
        timings: dict[str, float] = {}
        began = time.perf_counter()
        text = clean_question(question, self.settings.max_question_chars)
        if not self.retriever.passages:
            raise IndexMissingError(
                f"There are no reports in the index yet: add some with `assistant ingest PATH` or, in the app, "
                f"Reports → Add reports (they go into {self.settings.corpus_dir})."
            )
        earlier_questions = [item.question if isinstance(item, Answer) else str(item) for item in history]
        search_text = resolve_follow_up(text, earlier_questions, self.directory)
        parsed = parse_question(search_text, self.directory)
        if search_text != text and asks_for_quotes(text):  # "more quotes like that", after themes: quotes
            parsed = dataclasses.replace(parsed, form=QUOTES)
        given = self._argument_filters(group, area, respondent, kind, document)
        checks_attribution = bool(history) and checks_earlier_attribution(text, self.directory)
        earlier = self._earlier_answer(history) if checks_attribution else None
        if earlier is not None:
            return self._check_earlier_attribution(text, earlier, began)
        sidebar = given
        if history and not checks_attribution:
            given = self._with_earlier_people(text, search_text, history, given, parsed.filters)
        asked_groups = parsed.groups_asked  # what the question asks about, before the sidebar's filters win
        filters = given.merged(parsed.filters)
        parsed = dataclasses.replace(parsed, filters=filters)
        if filters.respondents and parsed.has_topic and not parsed.quoted_phrases and self._only_framed(parsed):
            parsed = dataclasses.replace(parsed, topic_tokens=())  # "What points did P07 make?": all they said
        origin = {name: "argument" if name in sidebar.to_dict() else "conversation" for name in given.to_dict()}
        origin.update({name: "question" for name in parsed.filters.to_dict() if name not in origin})
        notes: list[str] = list(parsed.notes)
        if mentioned := [code for code in parsed.unknown_codes
                         if all(self.weights.known(token) for token in content_tokens(code))]:
            # a code the findings name, though no quote is attributed to it ("One young woman (YP07) described …"):
            # the passages that name it say what is known of them; no one else's quotes are theirs
            named = tuple(token for code in mentioned for token in content_tokens(code))
            filters = dataclasses.replace(filters, kinds=(NARRATIVE,))
            parsed = dataclasses.replace(parsed, topic_tokens=(*parsed.topic_tokens, *named), filters=filters,
                                         unknown_codes=tuple(code for code in parsed.unknown_codes
                                                             if code not in mentioned))
            who = listed(mentioned)
            notes.append(f"No quote in the findings is attributed to {who}; these passages name {who}.")
        if parsed.unknown_codes and filters.respondents:  # "What did P07 and P99 say?": P07's, and no P99 said so
            notes.append(declines.unknown_beside(parsed.unknown_codes, filters.respondents, self.directory))
        if search_text != text:
            words = search_text.split()  # (a theme pointed at brings its whole statement's words: the first say it)
            shown = " ".join(words[:FOLLOW_UP_WORDS_SHOWN]) + (" …" if len(words) > FOLLOW_UP_WORDS_SHOWN else "")
            notes.append(f"Read as a follow-up: “{shown}”.")
        search_text, focus = parsed.text, parsed.search_text  # without instructions: they must not steer retrieval
        timings["parse"] = _ms(began)

        speaker_words = self._speaker_words(parsed)
        decline = self._decline_before_search(text, parsed, given, asked_groups, speaker_words, first=not history)
        if decline is not None:
            timings["total"] = _ms(began)
            return self._answer(text, _with_notes([decline], notes), [], filters.to_dict(), origin, notes, timings)
        if self.directory.groups() and any(word[:1].isupper() or word.isdigit() for word in speaker_words):
            # people of a body the findings name ("NHS 111 staff"), where they group whom they quote and not so
            blocks, contexts = self._said_of_speakers(parsed, speaker_words, filters)
            timings["total"] = _ms(began)
            return self._answer(text, _with_notes(blocks, notes), contexts, filters.to_dict(), origin, notes, timings)
        # people the library mentions but cannot pick out: answered from everyone, and said so (unless declined)
        speakers_note = declines.speakers_note(parsed.speakers, self.directory.groups()) if speaker_words else ""
        if speaker_words:  # so what is searched for is what was asked of them, not who they are
            parsed = parsed.without_words(speaker_words)
            search_text, focus = parsed.text, parsed.search_text
        stage = time.perf_counter()
        if parsed.has_topic or filters.is_empty():
            candidates = self.retriever.retrieve(search_text, filters, 2 * self.settings.top_k, exclude, focus)
            if parsed.form == QUOTES and not filters.kinds and all(item.passage.kind != QUOTE for item in candidates):
                # asked what people said, and the report's own prose on it came first: search what they said
                candidates += self.retriever.retrieve(search_text, dataclasses.replace(filters, kinds=(QUOTE,)),
                                                      self.settings.top_k, exclude, focus)
        else:  # "What did P07 say?": everything they said, in reading order, the documents in the order written
            candidates = [ScoredPassage(p, 1.0) for p in self.retriever.matching(filters) if p.passage_id not in exclude]
            dates = {source: self.reading.dated(source) or UNDATED for source in {c.passage.source for c in candidates}}
            candidates.sort(key=lambda item: dates[item.passage.source])
        pinned, correction = self._attribution_check(parsed, filters, search_text)
        if not pinned and not filters.respondents:
            pinned = self._phrase_pins(parsed, filters)  # "Who said “…”?": the passages that hold those words
        if not pinned and parsed.quoted_phrases and not parsed.has_topic and not filters.respondents \
                and all(map(is_phrase, parsed.quoted_phrases)):
            # "What did young people say about being 'let down'?": the phrase, of common words only, is the whole
            # topic, and no one asked about says it
            blocks = self._phrase_of_others(parsed, filters)
            timings["total"] = _ms(began)
            return self._answer(text, _with_notes(blocks, notes), [], filters.to_dict(), origin, notes, timings)
        if correction:  # the named respondent did not say it: answer from who did
            notes.extend(correction)
            filters = dataclasses.replace(filters, respondents=())
            parsed = dataclasses.replace(parsed, filters=filters)
            candidates = self.retriever.retrieve(search_text, filters, 2 * self.settings.top_k, exclude, focus)
            candidates = [*pinned, *[c for c in candidates if c.passage.passage_id != pinned[0].passage.passage_id]]
        if parsed.has_topic:  # "Yeah.", "(unintelligible)": near any question in cosine, evidence of none
            kept = {item.passage.passage_id for item in pinned}
            candidates = [item for item in candidates if item.passage.kind != QUOTE or item.passage.passage_id in kept
                          or not too_slight(item.passage, parsed.topic_tokens, self.weights)]
        contexts = candidates[: self.settings.top_k]
        timings["retrieve"] = _ms(stage)

        topic_candidates = None
        if parsed.has_topic and (filters.groups or filters.areas or filters.respondents or filters.kinds):
            topic_candidates = self.retriever.retrieve(search_text, Filters(sources=filters.sources),
                                                       2 * self.settings.top_k, exclude, focus)
        stage = time.perf_counter()
        if exclude and not candidates:
            blocks = [declines.no_more(len(exclude))]
        else:
            evidence = self._evidence(parsed, candidates, pinned, exclude)
            evidence.topic_candidates = topic_candidates
            blocks = compose(evidence)
        blocks, dropped = verified_blocks(blocks, self.sources)
        if speakers_note and not any(isinstance(block, Decline) for block in blocks):
            notes.append(speakers_note)
        if dropped:
            notes.append(f"{dropped} citation(s) failed verification against the source and were left out.")
        blocks = _with_notes(blocks, notes)
        timings["answer"] = _ms(stage)
        timings["total"] = _ms(began)
        return self._answer(text, blocks, contexts, filters.to_dict(), origin, notes, timings)

    def _decline_before_search(self, text: str, parsed, given: Filters, asked_groups: Sequence[str],
                               speaker_words: Sequence[str], first: bool):
        """A decline decided by the question alone: a respondent the library has none of, people it never
        mentions (``speaker_words``: see ``_speaker_words``) or cannot pick out and nothing else asked of them, a
        filter that excludes what the question asks about, a question that held nothing but instructions, or a
        follow-up (``text`` as asked) that is the ``first`` question of its conversation."""
        if parsed.unknown_codes and not parsed.filters.respondents:
            return declines.unknown_respondents(parsed.unknown_codes, self.directory)
        if parsed.unknown_areas:
            return declines.unknown_areas(parsed.unknown_areas, self.directory)
        unknown = [word for word in speaker_words
                   if not any(self.weights.known(token) for token in content_tokens(word))]
        if unknown:
            return declines.unknown_speakers(parsed.speakers, unknown, self.directory.groups())
        if speaker_words and parsed.filters.is_empty() and not parsed.without_words(speaker_words).has_topic \
                and not parsed.quoted_phrases:  # "What did drivers say?" of findings that never say who they are
            return declines.speakers_not_told_apart(parsed.speakers, self.directory.groups())
        asked = [group for group in asked_groups if group not in given.groups]
        if given.groups and asked:
            return declines.filter_conflict(asked, given.groups, "Group")
        if parsed.notes and not parsed.has_topic and not parsed.quoted_phrases and not parsed.filters.respondents \
                and not parsed.filters.groups:
            return Decline(("The question held only instructions, and answers come only from the findings: ask "
                            "about the findings.",))
        if _SMALL_TALK.fullmatch(parsed.text):
            return Decline(("That is not a question about the findings. Ask what people said about something, the "
                            "main themes, how many respondents mentioned something, or for a summary.",))
        if first and reads_as_follow_up(text) and not parsed.has_topic and parsed.filters.is_empty() \
                and not parsed.quoted_phrases:  # "more quotes like that", asked first
            return declines.nothing_to_follow(text)
        return None

    def _said_of_speakers(self, parsed, speaker_words: Sequence[str], filters: Filters) -> tuple[list, list]:
        """Asked what the people of a body said ("NHS 111 staff") of findings that group whom they quote, none of
        them so: a decline that names the groups, then what the report's own narrative says of those people (as "We
        were unable to interview any staff from NHS 111"), in its sentences that name them. (People the findings
        cannot pick out by a word that qualifies anyone, "senior officers", are answered from everyone, with a note.)"""
        named = {token for word in speaker_words for token in content_tokens(word)}
        found = self.retriever.retrieve(parsed.text, Filters(kinds=(NARRATIVE,), sources=filters.sources),
                                        self.settings.top_k)
        said = [sentence_claim(item.passage, start, end) for item in found
                for start, end in split_sentences(item.passage.text)
                if named <= set(content_tokens(item.passage.text[start:end]))][:SAID_OF_SPEAKERS]
        decline = declines.not_among_groups(parsed.speakers, self.directory.groups(), bool(said))
        return [decline, *([Lead(tuple(said))] if said else [])], found

    def _speaker_words(self, parsed) -> list[str]:
        """The words naming the people a question asks to hear from, when it names no area or respondent of the
        library, nor a group except one it compares them with ("paramedics", "senior officers"; "do paramedics and
        nurses differ"), less those the report uses for everyone it asked (in a tenth of its passages or more: "users"
        in a study of Tor users, "community members"), which narrow nothing."""
        who = parsed.filters
        if not parsed.speakers or who.areas or who.respondents:
            return []
        common = EVERYONE_SHARE * self.weights.size
        return [word for word in naming_words(parsed.speakers) if (tokens := content_tokens(word))
                and not all(self.weights.frequency.get(token, 0) >= common for token in tokens)]

    def _evidence(self, parsed, candidates, pinned, exclude) -> Evidence:
        """What the composers read for this question."""
        return Evidence(
            question=parsed, candidates=list(candidates), weights=self.weights, calibration=self.calibration,
            directory=self.directory, prevalence=self.prevalence,
            retrieve=lambda text, filters, k: self.retriever.retrieve(text, filters, k, exclude, parsed.search_text),
            embed=self.retriever.embed, embed_all=self.retriever.embed_all, vectors=self.stored_vectors.vectors,
            passages=self.retriever.passages, max_quotes=self.settings.max_quotes, pinned=list(pinned),
            exclude=tuple(exclude),
            reading=self.reading.excluding(exclude) if exclude else self.reading,
        )

    def _answer(self, question: str, blocks, contexts, filters, origin, notes, timings) -> Answer:
        """An ``Answer`` from its blocks: the Markdown and the citations are read off them."""
        from .blocks import Decline

        citations = tuple(citations_of(blocks))
        listed = [person.code for block in blocks if block.kind == "prevalence" for person in block.respondents]
        named = len(self.documents) > 1 and names_documents(citations, self.directory.shared_codes, listed)
        return Answer(
            question=question, answer=render_blocks(blocks, name_documents=named),
            abstained=any(isinstance(block, Decline) for block in blocks),
            citations=citations, contexts=tuple(contexts), filters=filters,
            filter_origin=origin, notes=tuple(notes), timings_ms=timings, blocks=tuple(blocks), names_documents=named,
        )

    def _argument_filters(self, group, area, respondent, kind, document=None) -> Filters:
        """Filters given as arguments (the sidebar, the CLI): groups and areas matched to the library's own
        spelling, respondents as keys."""
        def as_tuple(value) -> tuple[str, ...]:
            if value is None or value == "":
                return ()
            return tuple(value) if isinstance(value, (list, tuple)) else (value,)

        def spelled(values, known) -> tuple[str, ...]:
            by_fold = {name.lower(): name for name in known}
            return tuple(by_fold.get(value.lower(), value) for value in values)

        respondents = tuple(self.directory.resolve(as_tuple(respondent))) or as_tuple(respondent)
        return Filters(
            groups=spelled(as_tuple(group), self.directory.groups()),
            areas=spelled(as_tuple(area), self.directory.areas()),
            respondents=respondents,
            kinds=tuple(k.lower() for k in as_tuple(kind)),
            sources=as_tuple(document),
        )

    def _with_earlier_people(self, text: str, reading: str, history: Sequence, given: Filters, named: Filters
                             ) -> Filters:
        """``given`` with whom the question points back at: "which of them …" (``refers_to_earlier_people``, in the
        question or in how it is read: "and leadership?" after "which of them mentioned budgets?") means whom the
        earlier question named, else whom its answer counted, when the sidebar names no one, for what the question
        does not name itself (``named``: "which of them were in Area B?" after a count of nurses, the nurses of
        Area B);
        "the same person" (or "they", when no one was named) means the speaker of the earlier answer's first
        extract."""
        same_person = refers_to_earlier_person(text, self.directory)
        same_people = any(refers_to_earlier_people(asked, self.directory) for asked in (text, reading))
        earlier = self._earlier_answer(history) if same_person or same_people else None
        if earlier is None:
            return given
        asked_before = _asked_about(earlier)
        if same_people and asked_before and given.is_empty():
            kept = {name: values for name, values in asked_before.items() if not getattr(named, name)}
            return dataclasses.replace(given, **kept)
        speakers = [c.respondent for c in earlier.citations if c.kind == QUOTE and c.code]
        if speakers and not given.respondents:
            return dataclasses.replace(given, respondents=(speakers[0],))
        return given

    def _earlier_answer(self, history: Sequence) -> Answer | None:
        """The last answer of the conversation: given, or asked again from its question (extractively: the
        same every time, and no second LLM call)."""
        last = history[-1]
        if isinstance(last, Answer):
            return last
        try:
            return self._ask_extractive(str(last), history=list(history[:-1]))
        except QuestionError:
            return None

    def _check_earlier_attribution(self, text: str, earlier: Answer, began: float) -> Answer:
        """Answer "Was that P07?" or "Who said that?" from the extract the earlier answer showed first."""
        quotes = [c for c in earlier.citations if c.kind == QUOTE]
        if not quotes:
            return self.ask(text)
        shown = quotes[0]
        asked = self.directory.codes_in(text)
        who = shown.label if shown.code else "unattributed in the findings (no respondent code is given)"
        if asks_where_from(text):  # "Which area was that from?": all the findings say of where it comes from
            area = f", {self.directory.area_label(shown.area, (shown.source,))}" if shown.area else ""
            note = f"That extract is {who}{area}, quoted under § {shown.section or shown.document or shown.source}" \
                   f" in {shown.document or shown.source}."
        elif not asked:  # "Who said that?"
            note = f"That extract is {who}."
        else:
            note = f"{'Yes' if shown.code and shown.respondent in asked else 'No'}: that extract is {who}."
        blocks = [Notes((note,)), Quotes((Quote(shown),))]
        return self._answer(text, blocks, earlier.contexts, {"respondents": asked}, {"respondents": "question"},
                            [note], {"total": _ms(began)})

    def _phrase_pins(self, parsed, filters: Filters) -> list[ScoredPassage]:
        """The passages that hold a phrase the question quotes, word for word (case, spacing and punctuation
        folded), that the filters allow, extracts first; only those that mark it as a term when some do ("We are
        very 'can do'.", not "we can do that"). A phrase the findings use is never declined."""
        pinned: dict[str, Passage] = {}
        everything = filters.is_empty()
        for phrase in parsed.quoted_phrases:
            for passage in self.retriever.with_phrase(phrase):
                if everything or filters.matches(passage):
                    pinned.setdefault(passage.passage_id, passage)
        found = sorted(pinned.values(), key=lambda passage: passage.kind != QUOTE)
        limit = self.settings.max_quotes
        as_term = []  # the words as the term asked about, not in passing: read until there are enough (a library
        for passage in found:  # of 100,000 passages has 44,000 that hold "partnership working")
            if any(marks_as_term(passage.text, phrase) for phrase in parsed.quoted_phrases):
                as_term.append(passage)
                if len(as_term) == limit:
                    break
        return [ScoredPassage(passage, 1.0, 1.0) for passage in (as_term or found)[:limit]]

    def _phrase_of_others(self, parsed, filters: Filters) -> list:
        """The answer when the people a question asks about never say the phrase it quotes: whose words it is, if
        anyone's, with their extracts that hold it; else that the findings never use it."""
        asked = [*filters.groups, *(self.directory.area_label(area) for area in filters.areas)]
        phrases = " or ".join(f"“{phrase}”" for phrase in parsed.quoted_phrases)
        everyone = dataclasses.replace(parsed, filters=Filters(sources=filters.sources))
        theirs = [item for item in self._phrase_pins(everyone, everyone.filters) if item.passage.kind == QUOTE]
        if not theirs:
            return [declines.phrase_unused(phrases)]
        return [Notes((f"No extract from {' or '.join(asked) or 'those asked about'} holds {phrases}; these do:",)),
                Quotes(tuple(Quote(citation_for(item.passage)) for item in theirs))]

    def _attribution_check(self, parsed, filters: Filters, search_text: str) -> tuple[list[ScoredPassage], list[str]]:
        """When a question pins words on a respondent, find who really said them.

        A quoted phrase is looked up verbatim (folded) across all extracts; otherwise, for a question naming a
        respondent, the best match without that filter is compared with the best match under it.
        """
        if not filters.respondents:
            return [], []
        named = set(filters.respondents)
        names = listed(sorted({p.code for p in self.directory.named(named)}))
        question_words = set(re.findall(r"[a-z']+", parsed.text.lower()))
        for phrase in parsed.quoted_phrases:
            matches = [passage for passage in self.retriever.with_phrase(phrase) if passage.kind == QUOTE]
            if any(passage.respondent in named for passage in matches):
                return [], []  # said by whom the question names
            if not matches:
                continue
            passage = max(matches, key=lambda passage: len(question_words & set(re.findall(r"[a-z']+",
                                                                                         passage.text.lower()))))
            who = passage.label if passage.code else "an unattributed respondent"
            return [ScoredPassage(passage, 1.0, 1.0)], [
                f"Correction: in the findings these words are attributed to {who}, not {names}."
            ]
        if len(set(parsed.topic_tokens)) < 2:
            return [], []  # too little topic to say someone else said it

        def says_something(item: ScoredPassage) -> bool:  # "Yeah." filed under a code near the question does not
            return not too_slight(item.passage, parsed.topic_tokens, self.weights)

        wider = [item for item in self.retriever.retrieve(search_text, Filters(kinds=(QUOTE,)), 3)
                 if says_something(item)]
        narrow = [item for item in self.retriever.retrieve(search_text, filters, 8) if says_something(item)]
        best_narrow = max((item.dense_score for item in narrow), default=0.0)
        narrow_coverage = max((topic_coverage(parsed.topic_tokens, item.passage.text) for item in narrow), default=0.0)
        for item in wider:
            if item.passage.respondent in named:
                continue
            closer_in_meaning = item.dense_score >= max(best_narrow + 0.2, 0.45)
            # …or in words, and no further in meaning: not the word asked alone ("complicated")
            closer_in_words = topic_coverage(parsed.topic_tokens, item.passage.text) >= 0.6 > narrow_coverage + 0.3 \
                and item.dense_score >= best_narrow
            if closer_in_meaning or closer_in_words:
                return [item], [
                    f"Correction: the closest match in the findings is from {item.passage.label}, not {names}."
                ]
        return [], []


def _cosines_from_index(index, extracts: list[Passage]) -> Callable[[Sequence[float]], np.ndarray]:
    """The cosine of a vector with each of ``extracts``, from their vectors as ``index`` stores them (read from it
    once, when first needed)."""
    read = functools.cache(functools.partial(aligned_vectors, index, extracts))
    return lambda vector: read() @ np.asarray(vector, dtype=np.float32)


def _is_stale(index, corpus, problems: dict[str, str], settings: Settings) -> bool:
    """Whether the corpus folder holds files the index lacks or has changed (or reads differently now: a new
    pattern or respondents table), or lacks files the index holds."""
    from ..search.index import source_hash

    config = LibraryConfig.load(settings)
    stored = index.stored_hashes()
    wanted = {document.source: source_hash(document, config.style_for(document.source), config.table)
              for document in corpus}
    return any(stored.get(source) != digest for source, digest in wanted.items()) \
        or bool(set(stored) - set(wanted) - set(problems))


def _asked_about(answer: Answer) -> dict[str, tuple[str, ...]]:
    """Who an answer was about, as filters ("them" in a follow-up): the groups, areas and respondents its question
    named (or took from the conversation), else the respondents it counted as speaking to its topic."""
    named = {name: tuple(values) for name, values in answer.filters.items()
             if name in ("groups", "areas", "respondents")}
    counted = [person.key for block in answer.blocks if block.kind == "prevalence" and block.count
               for person in block.respondents]
    return named or ({"respondents": tuple(counted)} if counted else {})


def _with_notes(blocks: list, notes: Sequence[str]) -> list:
    """The notes go first, except on a decline, which begins with ``NO_ANSWER`` and its reason (then what the
    findings say instead, when they say something)."""
    decline = next((block for block in blocks if isinstance(block, Decline)), None)
    if decline is not None:
        return [Decline((*decline.reasons, *notes)), *(block for block in blocks if block is not decline)]
    return [Notes(tuple(notes)), *blocks] if notes else list(blocks)


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)


__all__ = ["Assistant", "NO_ANSWER", "read_corpus", "sync_corpus", "clean_question"]
