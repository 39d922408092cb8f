"""The small-group notice."""

from assistant.privacy import filters_from_dict, small_group_notice
from assistant.types import QUOTE, Filters, Passage


def extract(code, area, service, n=0):
    return Passage(f"{code}-{n}", QUOTE, "Said.", "r.txt", "S", n, n + 5, code=code, area=area, service=service)


PASSAGES = [extract("A04", "A", "Police"), extract("A10", "A", "Fire"), extract("B02", "B", "Police"),
            extract("B03", "B", "Police"), extract("B10", "B", "Fire"), extract("B12", "B", "Fire"),
            extract("B13", "B", "Fire"), extract("FGD", "", "")]


def test_no_notice_without_filters_or_citations():
    assert small_group_notice(PASSAGES) == ""


def test_notice_when_filters_narrow_to_one_respondent():
    assert "one respondent (A10)" in small_group_notice(PASSAGES, Filters(areas=("A",), services=("Fire",)))


def test_notice_when_filters_narrow_to_two_respondents():
    assert "two respondents (B02, B03)" in small_group_notice(PASSAGES, Filters(areas=("B",), services=("Police",)))


def test_no_notice_when_filters_leave_three_or_more():
    assert small_group_notice(PASSAGES, Filters(areas=("B",))) == ""


def test_notice_when_a_respondent_is_chosen():
    assert "B13" in small_group_notice(PASSAGES, Filters(respondents=("B13",)))


def test_notice_when_an_export_quotes_only_two_respondents():
    assert "(B10, B12)" in small_group_notice(PASSAGES, Filters(), ["B10", "B12", "B10"])


def test_no_notice_when_an_export_quotes_three_respondents():
    assert small_group_notice(PASSAGES, Filters(), ["B10", "B12", "B13"]) == ""


def test_focus_group_and_narrative_do_not_count_as_respondents():
    assert small_group_notice(PASSAGES, Filters(), ["FGD", ""]) == ""


def test_kind_filter_alone_does_not_narrow_respondents():
    assert small_group_notice(PASSAGES, Filters(kinds=("quote",))) == ""


def test_filters_from_answer_dict():
    assert filters_from_dict({"services": ["Fire"], "kinds": ["quote"]}) == Filters(services=("Fire",), kinds=("quote",))
