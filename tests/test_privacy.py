"""The small-group notice."""

from assistant.presentation.privacy import filters_from_dict, small_group_notice
from assistant.documents.respondents import Directory
from assistant.types import QUOTE, Filters, Passage


def extract(code, area, group, n=0, source="r.txt", facets=()):
    return Passage(f"{code}-{n}", QUOTE, "Said.", source, "S", n, n + 5, code=code, area=area, group=group,
                   facets=facets)


PASSAGES = [extract("A04", "A", "Nurse"), extract("A10", "A", "Doctor"), extract("B02", "B", "Nurse"),
            extract("B03", "B", "Nurse"), extract("B10", "B", "Doctor"), extract("B12", "B", "Doctor"),
            extract("B13", "B", "Doctor"), extract("FG1", "", "", facets=(("kind", "group"),))]
DIRECTORY = Directory.from_passages(PASSAGES)


def key(code: str) -> str:
    return f"r.txt::{code}"


def test_no_notice_without_filters_or_citations():
    assert small_group_notice(DIRECTORY) == ""


def test_notice_when_filters_narrow_to_one_respondent():
    assert "one respondent (A10)" in small_group_notice(DIRECTORY, Filters(areas=("A",), groups=("Doctor",)))


def test_notice_when_filters_narrow_to_two_respondents():
    assert "two respondents (B02, B03)" in small_group_notice(DIRECTORY, Filters(areas=("B",), groups=("Nurse",)))


def test_no_notice_when_filters_leave_three_or_more():
    assert small_group_notice(DIRECTORY, Filters(areas=("B",))) == ""


def test_notice_when_a_respondent_is_chosen():
    assert "B13" in small_group_notice(DIRECTORY, Filters(respondents=(key("B13"),)))


def test_notice_when_an_export_quotes_only_two_respondents():
    assert "(B10, B12)" in small_group_notice(DIRECTORY, Filters(), [key("B10"), key("B12"), key("B10")])


def test_no_notice_when_an_export_quotes_three_respondents():
    assert small_group_notice(DIRECTORY, Filters(), [key("B10"), key("B12"), key("B13")]) == ""


def test_a_group_that_speaks_as_one_and_unattributed_quotes_are_not_individuals():
    assert small_group_notice(DIRECTORY, Filters(), [key("FG1"), ""]) == ""


def test_a_kind_filter_alone_is_not_narrowing():
    assert small_group_notice(DIRECTORY, Filters(kinds=("quote",))) == ""


def test_two_documents_name_the_document_beside_the_code():
    directory = Directory.from_passages([*PASSAGES, extract("A04", "A", "Nurse", source="other.pdf")])
    notice = small_group_notice(directory, Filters(respondents=("r.txt::A04", "other.pdf::A04")))
    assert "(A04, other.pdf, A04, r.txt)" in notice or "A04, r.txt" in notice


def test_filters_round_trip_through_answer_dicts():
    filters = Filters(groups=("Nurse",), respondents=(key("B02"),))
    assert filters_from_dict(filters.to_dict()) == filters
