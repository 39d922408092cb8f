from assistant.respondents import codes_in_question, parse_label


def test_letter_o_in_code_is_a_zero():
    assert parse_label("DO2 Police").code == "D02"


def test_label_carries_area_number_and_service():
    respondent = parse_label("B02 Police")
    assert (respondent.area, respondent.number, respondent.service, respondent.label) == ("B", 2, "Police", "B02 Police")


def test_focus_group_has_no_area_or_service():
    respondent = parse_label("FGD")
    assert (respondent.code, respondent.area, respondent.service, respondent.label) == ("FGD", "", "", "FGD")


def test_not_a_code():
    assert parse_label("E02 Police") is None


def test_codes_in_question_are_normalised_and_unique():
    assert codes_in_question("Did DO2 and D02 agree with B13's view? And the FGD?") == ["D02", "B13", "FGD"]
