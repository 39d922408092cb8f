"""Example questions come from the library's own sections and groups, and the findings answer each."""

import pytest

from assistant.answers.suggestions import candidate_questions, example_questions, topic_of
from conftest import assistant_for
from test_shared_corpora import CHW, P6, PDPILOT, SHARED, TOR  # four real documents in other styles


def assistant_over(document, embedder, folder):
    """A library of one shared document, read in place through a link (never copied)."""
    (folder / "corpus").mkdir()
    (folder / "corpus" / document.name).symlink_to(document)
    return assistant_for(folder, embedder)


def test_topics_are_readable_phrases_from_headings():
    assert topic_of("Findings › 3.2 The meaning of innovation", {"the"}) == "the meaning of innovation"
    assert topic_of("Tor Browser usage", {"the", "browser"}) == "Tor Browser usage"
    assert topic_of("‘A collaborative ethos’", {"a"}) == "a collaborative ethos"
    assert topic_of("Explainability techniques › SHAP") == "SHAP"
    assert topic_of("Barriers: what got in the way", {"barriers"}) == "barriers"
    assert topic_of("One participant recommended the hiring of more") == ""
    assert topic_of("Participant Age Sex Number of years and months residing in the area") == ""
    assert topic_of("Table 2 results") == ""


def test_examples_for_the_bundled_report_vary_in_form_and_are_answered(assistant):
    examples = example_questions(assistant)
    assert 4 <= len(examples) <= 6
    assert len({" ".join(question.split()[:2]) for question in examples}) >= 3  # what are / what did / how many …
    for question in examples:
        assert not assistant.ask(question).abstained, question


def test_candidates_name_only_the_librarys_own_groups(assistant):
    groups = set(assistant.directory.groups())
    for question in candidate_questions(assistant.retriever.passages):
        if " respondents say about " in question:
            assert question.split("What did ")[1].split(" respondents")[0] in groups


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared test corpora are not at {SHARED}")
@pytest.mark.parametrize("document", [TOR, CHW, PDPILOT, P6], ids=lambda path: path.parent.name)
def test_examples_for_other_real_documents_are_answered(document, embedder, tmp_path):
    library = assistant_over(document, embedder, tmp_path)
    examples = example_questions(library)
    assert examples, "no example question for this document"
    for question in examples:
        assert not library.ask(question).abstained, question
