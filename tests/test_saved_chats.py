"""Saved conversations in SQLite: what is stored comes back as it was, across connections and processes."""

import sqlite3
import subprocess
import sys

import pytest

from assistant.presentation.saved_chats import SavedChats, SavedChatsError, short_title


def test_an_answer_comes_back_equal_with_its_blocks_and_citations(assistant, tmp_path):
    answer = assistant.ask("What did fire service interviewees say about youth engagement?")
    store = SavedChats(tmp_path / "chats.sqlite3")
    chat = store.create()
    store.add(chat, answer.question, answer)
    [saved] = SavedChats(tmp_path / "chats.sqlite3").turns(chat)
    assert saved.answer.citations == answer.citations and saved.answer.blocks == answer.blocks
    assert saved.answer.answer == answer.answer and saved.answer.contexts == ()


def test_errors_are_kept_with_their_question(tmp_path):
    store = SavedChats(tmp_path / "chats.sqlite3")
    chat = store.create()
    store.add(chat, "a question", error="The index is not reachable.")
    assert [(t.question, t.answer, t.error) for t in store.turns(chat)] == [
        ("a question", None, "The index is not reachable.")]


def test_listing_renaming_and_deleting(tmp_path):
    store = SavedChats(tmp_path / "chats.sqlite3")
    first, second, empty = store.create(), store.create(), store.create()
    store.add(first, "What drives partnership working?", error="x")
    store.add(second, "And youth engagement?", error="x")
    assert [c.chat_id for c in store.chats()] == [second, first]  # latest first; an empty chat is not listed
    assert store.title(first) == "What drives partnership working?"
    store.rename(first, "Partnerships")
    store.add(first, "A second question", error="x")
    assert store.title(first) == "Partnerships" and store.chats()[0].questions == 2
    store.delete(first)
    assert not store.exists(first) and store.turns(first) == [] and store.exists(empty)


def test_another_process_sees_what_was_saved(tmp_path):
    path = tmp_path / "chats.sqlite3"
    chat = SavedChats(path).create()
    code = (f"from assistant.presentation.saved_chats import SavedChats; s = SavedChats({str(path)!r}); "
            f"s.add({chat!r}, 'from elsewhere', error='e')")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert [t.question for t in SavedChats(path).turns(chat)] == ["from elsewhere"]


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "chats.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SavedChatsError, match="Saved conversations are unavailable"):
        SavedChats(path).chats()
    assert not isinstance(SavedChatsError("x"), sqlite3.Error)


def test_titles_are_cut_between_words():
    assert short_title("  What   drives partnership working? ") == "What drives partnership working?"
    long = "What did the respondents in every area say about the ways partnership working changed their services"
    assert short_title(long) == "What did the respondents in every area say about the ways…"


def test_an_answer_saved_before_citations_chose_whether_to_name_documents_names_them_as_it_did(assistant):
    """Saved before ``names_documents`` was kept: its documents are named when it cites several, as they were."""
    from assistant.answers.answer import Answer

    saved = assistant.ask("What did B02 say about information sharing?").to_dict()
    del saved["names_documents"]
    assert Answer.from_dict(saved).names_documents is (len({c["source"] for c in saved["citations"]}) > 1)
    two = dict(saved, citations=[dict(saved["citations"][0], source=f"{n}.txt") for n in range(2)])
    assert Answer.from_dict(two).names_documents
