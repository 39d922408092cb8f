"""Checking what an LLM wrote, on fixed strings: invented ids, paraphrased quotes, wrong codes, unsupported
claims, the sentinel, and cutting a stream into sentences. Pure text logic over the bundled report."""

from __future__ import annotations

import re

import pytest

from assistant.answers.cite import verify_citation
from assistant.documents.corpus import parse_document
from assistant.answers.llm_answer import SentenceStream, build_prompt
from assistant.answers.llm_verify import SentenceChecker, Tally, is_no_answer, passage_ids
from assistant.documents.passages import build_passages
from assistant.answers.support import AlignmentChecker
from assistant.types import NARRATIVE, QUOTE, ScoredPassage

B02_WORDS = "We're all trying to do more wi' less"


@pytest.fixture(scope="module")
def documents(report_text):
    return {"r.txt": parse_document(report_text, "r.txt")}


@pytest.fixture(scope="module")
def ids(documents):
    """P1 B02 Police, P2 D03 Police, P3 B13 Fire, P4 narrative on reduced budgets."""
    passages = build_passages(documents["r.txt"])
    chosen = [next(p for p in passages if p.kind == QUOTE and p.code == code) for code in ("B02", "D03", "B13")]
    chosen.append(next(p for p in passages if p.kind == NARRATIVE and p.text.startswith("Reduced organisational")))
    return passage_ids([ScoredPassage(p, 1.0) for p in chosen])


@pytest.fixture(scope="module")
def known_codes(documents):
    return {p.code for p in build_passages(documents["r.txt"]) if p.code}


@pytest.fixture
def check(ids, documents, known_codes):
    checker = SentenceChecker(ids, documents, AlignmentChecker(None, threshold=0.5), known_codes)
    return checker.check


def test_ids_follow_rank_order(ids):
    assert [(key, p.code) for key, p in ids.items()] == [("P1", "B02"), ("P2", "D03"), ("P3", "B13"), ("P4", "")]


def test_a_verbatim_quote_is_shown_as_the_source_has_it_with_its_code(check, documents):
    result = check(f'B02 said “{B02_WORDS.replace(chr(39), "’")}” [P1].')
    assert result.kept
    assert f"“{B02_WORDS}” [B02 Police]" in result.text  # the source's own apostrophes, not the model's
    assert [c.label for c in result.citations] == ["B02 Police"]
    assert all(verify_citation(c, documents) for c in result.citations)


def test_an_invented_id_is_dropped_and_the_known_one_kept(check):
    result = check("Reduced budgets were a shared pressure for public services [P4, P9].")
    assert result.kept and result.unknown_ids == 1
    assert [c.kind for c in result.citations] == [NARRATIVE]
    assert "P9" not in result.text and "P4" not in result.text


def test_a_sentence_citing_only_invented_ids_is_removed(check):
    result = check("Reduced budgets were a shared pressure for public services [P7].")
    assert not result.kept and result.unknown_ids == 1


def test_a_paraphrased_quote_removes_its_sentence(check):
    result = check('B02 said "we are all attempting to do more with less" [P1].')
    assert not result.kept and result.quotes_not_found == 1


def test_single_quote_marks_are_quotes_too(check):
    assert not check("B02 said ‘we’re all attempting to do more with less’ [P1].").kept
    result = check("B02 said ‘we’re all subject to austerity’ [P1].")
    assert "“we're all subject to austerity” [B02 Police]" in result.text


def test_a_quote_stitched_from_two_respondents_is_not_verbatim(check):
    result = check('They said "We\'re all trying to do more wi\' less … encouraged us to be more creative" [P1, P2].')
    assert not result.kept and result.quotes_not_found == 1


def test_a_quote_with_an_ellipsis_keeps_both_verbatim_pieces(check, documents):
    result = check("B02 said \"We're all trying to do more wi' less ... we're all subject to austerity\" [P1].")
    assert result.kept and "less … we're all subject to austerity” [B02 Police]" in result.text
    assert verify_citation(result.citations[0], documents)


def test_a_wrong_code_is_corrected_to_the_cited_speaker(check):
    result = check(f'D03 said "{B02_WORDS}" [P1].')
    assert result.kept and result.codes_corrected == (("D03", "B02"),)
    assert result.text.startswith("B02 Police said") and "D03" not in result.text


def test_an_invented_code_is_corrected_too(check):
    result = check(f'A99 said "{B02_WORDS}" [P1].')
    assert result.kept and result.codes_corrected == (("A99", "B02"),) and "A99" not in result.text


def test_words_after_a_quote_must_be_supported_on_their_own(check):
    assert not check(f'B02 said "{B02_WORDS}" [P1] and that drones replaced every helicopter in Scotland.').kept
    result = check(f'B02 said "{B02_WORDS}" [P1], so we are all subject to austerity.')
    assert result.kept and result.text.endswith("austerity. [B02 Police]")


def test_a_label_the_model_wrote_is_replaced_by_the_verified_one(check):
    result = check(f'"{B02_WORDS}" (A04 Police) [P1].')
    assert result.kept and "A04" not in result.text and result.text.count("[B02 Police]") == 1


def test_a_wrong_code_among_several_speakers_removes_the_sentence(check):
    result = check(f'A04 said "{B02_WORDS}" and that less money encouraged creativity [P1, P2].')
    assert not result.kept and result.wrong_speaker


def test_a_quote_cited_to_the_wrong_passage_is_recited_to_its_source(check):
    result = check(f'An officer said "{B02_WORDS}" [P2].')
    assert result.kept and result.quotes_recited == ("B02 Police",)
    assert [c.label for c in result.citations] == ["B02 Police"] and "[D03 Police]" not in result.text


def test_an_unsupported_claim_is_removed(check):
    result = check("Fire officers reported that drones replaced every helicopter in Scotland [P3].")
    assert not result.kept and not result.supported


def test_an_unsupported_claim_is_flagged_when_asked(ids, documents, known_codes):
    checker = SentenceChecker(ids, documents, AlignmentChecker(None, threshold=0.5), known_codes, "flag")
    result = checker.check("Fire officers reported that drones replaced every helicopter in Scotland [P3].")
    assert result.kept and not result.supported and result.text.startswith("⚠")


def test_a_short_term_in_scare_quotes_is_kept_as_plain_words(check):
    result = check('Interviewees described "belt-tightening" as a shared pressure for public services [P4].')
    assert result.kept and "belt-tightening" in result.text and "“" not in result.text


@pytest.mark.parametrize("reply", [
    "The findings don't cover this.", "The findings don’t cover this", "  the findings don't cover this. [P1]",
])
def test_the_sentinel_is_recognised(reply):
    assert is_no_answer(reply)


def test_an_answer_is_not_read_as_the_sentinel():
    assert not is_no_answer("The findings cover budgets in some detail [P4].")


def test_tally_notes_say_what_was_removed(check):
    tally = Tally()
    for sentence in ('B02 said "we are all attempting to do more with less" [P1].', "Budgets [P9]."):
        tally.add(check(sentence))
    notes = " ".join(tally.notes("drop"))
    assert "not found verbatim" in notes and "not retrieved" in notes


def test_no_passage_id_survives_rendering(check):
    for sentence in (f'B02 said "{B02_WORDS}" [P1][P2].', "Reduced budgets were a shared pressure (P4)."):
        assert not re.search(r"\bP\d+\b", check(sentence).text)


def test_prompt_numbers_passages_and_names_their_speakers(ids):
    prompt = build_prompt("What about budgets?", ids)
    assert "[P1] B02 Police interview extract: We're all" in prompt and "[P4] report narrative" in prompt
    assert prompt.endswith("Question: What about budgets?")


TEXT = ('Budgets fell [P4]. B02 said "We try. We fail." [P1] The next (P2) follows.\n\nA new paragraph [P3]. '
        'It cites e.g. more.\n[P2] A line of its own. End')


@pytest.mark.parametrize("size", [1, 4, len(TEXT)])
def test_stream_is_cut_into_whole_sentences_never_inside_a_quote(size):
    stream, sentences = SentenceStream(), []
    for start in range(0, len(TEXT), size):
        sentences += stream.feed(TEXT[start:start + size])
    sentences += stream.flush()
    assert sentences == [
        ("Budgets fell [P4].", False), ('B02 said "We try. We fail." [P1]', False),
        ("The next (P2) follows.", False), ("A new paragraph [P3].", True), ("It cites e.g. more.", False),
        ("[P2] A line of its own.", True), ("End", False),
    ]
