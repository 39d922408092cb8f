"""A library's passages read their texts from the file beside its snapshot when asked, not from memory."""

import pickle

from assistant.search.stored_texts import TEXTS_KEPT, StoredPassage, StoredTexts
from assistant.types import NARRATIVE, QUOTE, Passage, texts_of

TEXTS = ["“We waited weeks for a bed.”", "", "Staff said the ward was calm — mostly.", "Ça va, naïve café.",
         "Plain ASCII text.", "Ünïcödé at the end ✓"]


def _stored(folder, texts=TEXTS):
    plain = [Passage(f"p{number}", QUOTE if number % 2 else NARRATIVE, text, "ward.txt", "Findings", number * 100,
                     number * 100 + len(text), code=f"P{number:02d}" if number % 2 else "")
             for number, text in enumerate(texts)]
    StoredTexts.save([passage.text for passage in plain], folder / "texts.bin")
    store = StoredTexts(folder / "texts.bin")
    stored = [StoredPassage.of(passage, number) for number, passage in enumerate(plain)]
    for passage in stored:
        passage.read_with(store)
    return plain, stored


def test_texts_are_read_back_verbatim_one_at_a_time_and_together(tmp_path):
    plain, stored = _stored(tmp_path)
    assert [passage.text for passage in stored] == TEXTS
    assert list(texts_of(stored)) == TEXTS
    assert list(texts_of(stored[1::2])) == TEXTS[1::2]  # a few, spread over the file
    assert list(texts_of(stored[::-1])) == TEXTS[::-1]  # out of the file's order
    assert list(texts_of([plain[0], *stored[1:]])) == TEXTS  # with a passage that holds its own text
    assert list(texts_of([])) == []


def test_a_walk_over_more_texts_than_are_kept_reads_them_all(tmp_path):
    texts = [f"Extract number {number} — “quoted”." for number in range(TEXTS_KEPT + 500)]
    _, stored = _stored(tmp_path, texts)
    assert list(texts_of(stored)) == texts
    assert [passage.text for passage in stored] == texts
    assert stored[3].text == texts[3]  # long since pushed out of those kept: read again


def test_a_stored_passage_keeps_no_text_when_pickled_and_is_equal_by_everything_else(tmp_path):
    plain, stored = _stored(tmp_path)
    pickled = pickle.dumps(stored[2])
    assert TEXTS[2].encode("utf-8") not in pickled
    again = pickle.loads(pickled)
    again.read_with(stored[2]._texts)
    assert again == stored[2] and hash(again) == hash(stored[2]) and again.text == TEXTS[2]
    assert again != stored[3]
    assert (again.label, again.respondent, again.is_attributed) == (plain[2].label, plain[2].respondent,
                                                                    plain[2].is_attributed)


def test_a_loaded_library_reads_each_passage_text_from_its_snapshot_verbatim(assistant):
    passages = assistant.retriever.passages
    assert passages and all(isinstance(passage, StoredPassage) for passage in passages)
    in_index = {passage.passage_id: passage.text for passage in assistant.index.all_passages()}
    assert {passage.passage_id: passage.text for passage in passages} == in_index
    assert list(texts_of(passages)) == [in_index[passage.passage_id] for passage in passages]
