"""One person across the documents of one study (``documents.people``): pure logic over passages, no model."""

from assistant.documents.people import same_people_across_documents
from assistant.documents.respondents import Directory
from assistant.types import NARRATIVE, QUOTE, Passage


def quote(source: str, code: str, text: str, group: str = "", area: str = "") -> Passage:
    return Passage(f"{source}-{code}-{len(text)}", QUOTE, text, source, "Findings", 0, len(text), code, area, group)


def keys(passages: list[Passage]) -> dict[tuple[str, str], str]:
    return {(passage.source, passage.code): passage.respondent for passage in passages}


def test_a_report_quoting_an_interview_transcript_is_quoting_its_interviewee():
    """The report quotes R07's words from their transcript: one person, keyed by the report (it quotes most
    people), with the place the transcript gives them."""
    joined = same_people_across_documents([
        quote("report.md", "R07", "We just carry on past six weeks because there is nobody to hand over to.",
              "care coordinator"),
        quote("report.md", "R03", "We end up being the long-term service by default.", "care coordinator"),
        quote("R07 interview.txt", "R07", "Honestly we just carry on past six weeks because there is nobody to "
              "hand over to, and the hospital keeps ringing.", "Care coordinator", "Tollbrook"),
    ])
    assert keys(joined) == {("report.md", "R07"): "report.md::R07", ("report.md", "R03"): "report.md::R03",
                            ("R07 interview.txt", "R07"): "report.md::R07"}
    assert joined[0].area == "Tollbrook"
    directory = Directory.from_passages(joined)
    assert [person.code for person in directory.matching()] == ["R03", "R07"]
    assert directory.respondents["report.md::R07"].extracts == 2


def test_two_waves_of_one_study_number_the_same_people():
    """An interim and a final report quote the same people, placed and grouped alike, in different words."""
    joined = same_people_across_documents([
        quote("interim.md", "T01", "The laptops arrived late.", "tutor", "Fenwick"),
        quote("interim.md", "L02", "I was frightened of the screen.", "learner", "Fenwick"),
        quote("final.md", "T01", "Now the sessions run themselves.", "tutor", "Fenwick"),
        quote("final.md", "L02", "I video call my grandson every Sunday.", "learner", "Fenwick"),
    ])
    assert len(set(keys(joined).values())) == 2


def test_a_number_is_the_person_whatever_word_each_document_numbers_by():
    """The export's "Response 1045" is the report's "ID 1045": known by either code."""
    joined = same_people_across_documents([
        quote("responses.csv", "Response 1045", "The online form kept crashing, which drove most complaints.",
              "council employee", "Fellside"),
        quote("responses.csv", "Response 1003", "Three weeks is too long for a family of five.", "resident",
              "Northgate"),
        quote("findings.md", "ID 1045", "The online form kept crashing, which drove most complaints.",
              "council employee"),
    ])
    assert keys(joined)[("findings.md", "ID 1045")] == "responses.csv::Response 1045"
    directory = Directory.from_passages(joined)
    assert [person.key for person in directory.by_code("ID 1045")] == ["responses.csv::Response 1045"]
    assert directory.resolve(["findings.md::ID 1045"]) == ["responses.csv::Response 1045"]


def test_separate_studies_that_reuse_codes_stay_apart():
    """Two studies each number people from P1: those described differently, or with nothing but the code in common,
    are different people."""
    described_differently = [
        quote("ward.md", "P1", "Nights are the hardest.", "nurse", "North"),
        quote("ward.md", "P2", "Stock never arrives on time.", "pharmacist", "North"),
        quote("ward.md", "P3", "Handover goes wrong.", "nurse", "North"),
        quote("clinic.md", "P1", "The queue starts at five.", "patient", "North"),
        quote("clinic.md", "P2", "I brought my children.", "patient", "North"),
        quote("clinic.md", "P3", "The doors open at eight.", "nurse", "North"),
    ]
    only_the_code = [quote("a.md", "P1", "Nights are the hardest.", "participant"),
                     quote("b.md", "P1", "The queue starts at five.", "participant")]
    for passages in (described_differently, only_the_code):
        assert {passage.respondent for passage in same_people_across_documents(passages)} == \
            {f"{passage.source}::{passage.code}" for passage in passages}


def test_a_speaker_described_with_no_code_is_never_joined():
    passages = [quote("a.md", "Young carer, Redwick", "School does not know.", "young carer", "Redwick"),
                quote("b.md", "Young carer, Redwick", "School does not know.", "young carer", "Redwick")]
    assert {passage.respondent for passage in same_people_across_documents(passages)} == {
        "a.md::Young carer, Redwick", "b.md::Young carer, Redwick"}


def test_a_person_quoted_in_two_documents_is_in_the_scope_of_each():
    """Asked of the interim report, the tutor both reports quote is one of its people too (they were only the final
    report's, whose key is theirs, so the interim report's side of a comparison counted 1 of 4)."""
    joined = same_people_across_documents([
        quote("interim.md", "T01", "The laptops arrived late.", "tutor", "Fenwick"),
        quote("interim.md", "L02", "I was frightened of the screen.", "learner", "Fenwick"),
        quote("final.md", "T01", "Now the sessions run themselves.", "tutor", "Fenwick"),
        quote("final.md", "L02", "I video call my grandson every Sunday.", "learner", "Fenwick"),
        quote("final.md", "L05", "The bus to the library is the hard part.", "learner", "Fenwick"),
    ])
    directory = Directory.from_passages(joined)
    assert sorted(person.code for person in directory.matching(documents=["interim.md"])) == ["L02", "T01"]
    assert sorted(person.code for person in directory.matching(documents=["final.md"])) == ["L02", "L05", "T01"]


def test_a_report_naming_the_people_of_another_document_is_of_one_study_with_it():
    """The report says which of its young people are the focus group's speakers ("also took part in the focus
    group"): they are one person each, with the report's group; a sentence naming them and nothing of the other
    document links nothing."""
    def library(sentence: str) -> list[Passage]:
        return [Passage("n1", NARRATIVE, sentence, "evaluation.html", "Method", 0, len(sentence),
                        document="Pathways to Work: evaluation"),
                quote("evaluation.html", "R3", "My mum was terrified I'd lose her money.", "young person"),
                quote("evaluation.html", "R4", "I signed up in September and heard nothing.", "young person"),
                quote("evaluation.html", "R8", "Travel is the thing that breaks placements.", "youth worker"),
                quote("focus-group-young-people.txt", "R3", "Money for the bus, definitely."),
                quote("focus-group-young-people.txt", "R4", "Honestly the waiting.")]

    joined = same_people_across_documents(library(
        "Two of the young people (R3 and R4) also took part in the focus group, which is reported separately."))
    assert keys(joined)[("focus-group-young-people.txt", "R3")] == "evaluation.html::R3"
    assert [passage.group for passage in joined if passage.source.startswith("focus")] == ["young person"] * 2
    assert len(Directory.from_passages(joined).matching()) == 3
    apart = same_people_across_documents(library("Two of the young people (R3 and R4) were interviewed twice."))
    assert keys(apart)[("focus-group-young-people.txt", "R3")] == "focus-group-young-people.txt::R3"

