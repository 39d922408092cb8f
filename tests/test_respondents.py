"""Respondents: the respondents table, the directory of a library, and how questions name respondents."""

import pytest

from assistant.errors import DocumentError
from assistant.documents.respondents import Directory, Respondent, RespondentTable, respondent_key, split_key

TABLE = """document,code,group,area,aliases,kind,role
,,Nursing,,nurses; nursing staff; RNs,,
,,,North,the northern site,,
a.pdf,P01,Nursing,North,,,
,FG1,,,the focus group,group,
b.pdf,P01,,,,,pharmacist
"""


def directory() -> Directory:
    people = [Respondent("a.pdf", "P01", "Nursing", "North"), Respondent("b.pdf", "P01", "Pharmacy"),
              Respondent("a.pdf", "P02", "Pharmacy", "South"), Respondent("a.pdf", "D02", "Police", "D"),
              Respondent("a.pdf", "Participant 7", "nurse"),
              Respondent("a.pdf", "FG1", facets=(("kind", "group"), ("aliases", "the focus group")))]
    table = RespondentTable.parse(TABLE)
    return Directory({p.key: p for p in people}, dict(table.group_aliases), dict(table.area_aliases))


def test_a_key_holds_document_and_code():
    assert split_key(respondent_key("year 2.pdf", "P01")) == ("year 2.pdf", "P01")


def test_table_rows_for_every_document_then_for_one():
    table = RespondentTable.parse(TABLE)
    assert table.facets_for("b.pdf", "p01") == {"role": "pharmacist"}
    assert table.facets_for("a.pdf", "P01") == {"group": "Nursing", "area": "North"}


def test_table_gives_group_and_area_aliases():
    table = RespondentTable.parse(TABLE)
    assert dict(table.group_aliases)["Nursing"] == ("nurses", "nursing staff", "RNs")
    assert dict(table.area_aliases)["North"] == ("the northern site",)


def test_a_table_without_a_header_says_what_it_needs():
    with pytest.raises(DocumentError, match="code and group"):
        RespondentTable.parse("a,b\n1,2\n")


def test_a_code_two_documents_share_is_two_respondents():
    assert sorted(p.document for p in directory().by_code("P01")) == ["a.pdf", "b.pdf"]


def test_codes_in_a_question_fold_case_spacing_and_o_for_zero():
    keys = directory().codes_in("What did do2 and participant 7 say? And p01?")
    assert keys == ["a.pdf::D02", "a.pdf::Participant 7", "a.pdf::P01", "b.pdf::P01"]


def test_a_code_typed_without_its_leading_zero_names_the_respondent():
    assert directory().codes_in("What did p2 and D2 say?") == ["a.pdf::P02", "a.pdf::D02"]
    assert [p.key for p in directory().by_code("P2")] == ["a.pdf::P02"]
    assert directory().codes_in("What did P20 say?") == []


def test_an_alias_names_a_respondent():
    assert directory().codes_in("What did the focus group say?") == ["a.pdf::FG1"]


def test_a_code_is_not_found_inside_a_longer_one():
    assert directory().codes_in("What did P011 and XP01 say?") == []


def test_group_terms_include_plurals_and_aliases():
    terms = dict(directory().group_terms())
    assert (terms["nurses"], terms["rns"], terms["pharmacies"], terms["nursings"]) == \
        ("Nursing", "Nursing", "Pharmacy", "Nursing")


def test_resolve_accepts_codes_and_keys():
    assert directory().resolve(["D02", "b.pdf::P01"]) == ["a.pdf::D02", "b.pdf::P01"]


def test_a_focus_group_is_not_an_individual():
    assert not directory().respondents["a.pdf::FG1"].is_individual
    assert directory().respondents["a.pdf::P02"].is_individual


def test_matching_narrows_by_every_facet():
    people = directory().matching(groups=["Pharmacy"], areas=["South"])
    assert [p.key for p in people] == ["a.pdf::P02"]


def test_each_filter_offers_only_what_the_others_leave(assistant):
    directory, documents = assistant.directory, sorted(assistant.documents)
    fire_b = directory.choices(documents, group="Fire", area="B")
    assert {p.code for p in fire_b.respondents} == {p.code for p in directory.matching(["Fire"], ["B"])}
    assert fire_b.groups == [g for g in directory.groups() if directory.matching([g], ["B"])]
    assert fire_b.areas == sorted({p.area for p in directory.matching(["Fire"])})
    one = fire_b.respondents[0]
    picked = directory.choices(documents, respondent=one.key)
    assert picked.groups == [one.group] and picked.areas == [one.area] and picked.documents == [one.document]
    assert directory.choices(documents).documents == documents


def test_a_group_named_with_a_choice_of_words_is_named_by_either_in_the_plural():
    """ "Parent/carer" and "Parent/carer of a child with SEND": "What did parents say?" found no group (the plural
    was "parent/carers", and of the longer name "… with SENDs")."""
    people = [Respondent("c.md", "R3", "Parent/carer"), Respondent("c.md", "R27", "Parent/carer of a child with SEND")]
    terms = dict(Directory({p.key: p for p in people}).group_terms())
    assert terms["parents"] == terms["carers"] == terms["parent/carers"] == "Parent/carer"
    assert terms["parents of a child with send"] == terms["carers of a child with send"] \
        == "Parent/carer of a child with SEND"
    assert "parent/carer of a child with sends" not in terms


def test_a_group_named_in_two_words_is_named_by_its_last_unless_that_says_people_in_general():
    """ "Did tutors and youth workers agree about colleges?" of groups "college tutor", "youth worker" and "young
    person" was answered from everyone: "The findings do not say which respondents are tutors"."""
    people = [Respondent("r.html", "R1", "young person"), Respondent("r.html", "R7", "youth worker"),
              Respondent("r.html", "R11", "college tutor"), Respondent("r.html", "R14", "employer"),
              Respondent("r.html", "R20", "community pharmacist"), Respondent("r.html", "R21", "hospital pharmacist")]
    terms = dict(Directory({p.key: p for p in people}).group_terms())
    assert terms["tutors"] == terms["tutor"] == "college tutor"
    assert not {"workers", "worker", "people", "person", "pharmacists"} & set(terms)  # in general, or of two groups
