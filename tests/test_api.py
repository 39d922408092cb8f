import assistant


def test_public_api_is_pinned():
    assert sorted(assistant.__all__) == sorted([
        "Answer", "Assistant", "AssistantError", "Citation", "DocumentError", "Filters", "IndexBusyError",
        "IndexMissingError", "LLMUnavailableError", "ModelUnavailableError", "NO_ANSWER", "Passage",
        "QuestionError", "Settings",
        "StoreUnavailableError",
    ])


def test_no_answer_sentinel():
    assert assistant.NO_ANSWER == "The findings don't cover this."


def test_core_does_not_import_the_ui():
    import pathlib

    for path in pathlib.Path(assistant.__file__).parent.glob("*.py"):
        assert "import streamlit" not in path.read_text(), path
