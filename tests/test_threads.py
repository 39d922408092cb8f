"""One `Assistant` shared by many threads, as the Streamlit app shares it between sessions."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

QUESTIONS = [  # twenty different questions, none asked elsewhere in the suite, so none is answered from a cache
    "What did interviewees say about community safety partnerships?",
    "What did fire officers say about working with schools?",
    "What did police interviewees say about local policing plans?",
    "What did B02 say?",
    "What did A10 say?",
    "What are the barriers to sharing data between partners?",
    "How is prevention work funded?",
    "What did partner interviewees say about working with the police?",
    "What did respondents in Area C say about leadership?",
    "What did the focus group say?",
    "How did interviewees describe the relationship with community planning partnerships?",
    "What did interviewees say about reduced resources?",
    "What role do elected members play in local scrutiny?",
    "What did fire service interviewees say about local partnerships?",
    "What do respondents think about national versus local priorities?",
    "How do police and fire work together on missing persons?",
    "What did interviewees say about trust between organisations?",
    "Give me quotes about innovation in Area D",
    "What did interviewees say about the weather on Mars?",
    "How many fire stations were closed in Area B?",
]


def fingerprint(answer) -> tuple:
    """What must not depend on other threads: the text, whether it declined, and every citation."""
    return answer.answer, answer.abstained, tuple((c.passage_id, c.label, c.start, c.end) for c in answer.citations)


def test_twenty_questions_at_once_get_the_answers_they_get_alone(assistant):
    start = threading.Barrier(len(QUESTIONS))

    def ask(question: str):
        start.wait()  # all twenty threads ask at the same moment
        return assistant.ask(question)

    with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
        together = list(pool.map(ask, QUESTIONS))
    alone = [assistant.ask(question) for question in QUESTIONS]

    assert len(QUESTIONS) == len(set(QUESTIONS)) == 20
    for question, concurrent, single in zip(QUESTIONS, together, alone):
        assert fingerprint(concurrent) == fingerprint(single), question
    assert sum(not answer.abstained for answer in alone) >= 15  # most are real answers with citations, not declines of them are real answers, with citations


def test_an_assistant_holds_numpys_blas_to_the_threads_a_question_may_use(assistant):
    """numpy's BLAS split each product over every core and spun its threads between products: a count over a large
    library's extracts took twice the CPU for the same wall time, which other questions asked at once queued behind.
    Loading an assistant holds it to ``torch_threads`` (1 by default)."""
    from threadpoolctl import threadpool_info

    blas = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and set(blas) == {assistant.settings.torch_threads}, blas
