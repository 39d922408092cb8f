"""Answers asked at once take turns, first come first served: as many at a time as the machine has cores."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from assistant.answers.turns import Turns


def test_no_more_answers_are_worked_on_at_once_than_there_are_turns():
    turns, lock = Turns(2), threading.Lock()
    working, most = 0, 0

    def answer(_):
        nonlocal working, most
        with turns.turn():
            with lock:
                working += 1
                most = max(most, working)
            time.sleep(0.01)
            with lock:
                working -= 1

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(answer, range(24)))
    assert most == 2


def test_a_turn_given_up_goes_to_the_longest_waiting_not_back_to_its_holder():
    # The holder asks again at once: with a semaphore it would take the turn straight back, ahead of the waiter.
    turns, order = Turns(1), []
    holding, waiting = threading.Event(), threading.Event()

    def holder():
        with turns.turn():
            holding.set()
            waiting.wait(timeout=5)
            time.sleep(0.05)  # the waiter is asleep on its turn by now
        with turns.turn():
            order.append("holder again")

    def waiter():
        holding.wait(timeout=5)
        waiting.set()
        with turns.turn():
            order.append("waiter")

    threads = [threading.Thread(target=holder), threading.Thread(target=waiter)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert order == ["waiter", "holder again"]


def test_an_answer_that_asks_a_question_of_its_own_keeps_its_turn():
    turns, asked = Turns(1), []

    def answer():
        with turns.turn():
            with turns.turn():  # waiting for the only turn, which it holds, it would wait for ever
                asked.append("its own question")

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    thread.join(timeout=2)
    assert asked == ["its own question"]


def test_answers_asked_from_several_threads_are_those_asked_one_by_one(assistant):
    questions = ["What did fire service respondents say about youth engagement?",
                 "How many interviewees mentioned data sharing?",
                 "Do police and fire see prevention differently?",
                 "What are the main barriers to partnership working?"] * 2
    alone = [assistant.ask(question).answer for question in questions]
    with ThreadPoolExecutor(max_workers=len(questions)) as pool:
        together = list(pool.map(lambda question: assistant.ask(question).answer, questions))
    assert together == alone


def test_an_answer_stopped_while_waiting_leaves_no_turn_behind(monkeypatch):
    # Handed to a waiter that has gone, the turn would be lost: the next answer would wait for ever.
    import assistant.answers.turns as turns_module

    class Stopped(Exception):
        pass

    class StoppedWhileWaiting(threading.Event):
        def wait(self, timeout=None):
            raise Stopped

    def answer(taken: threading.Event | None = None):
        with turns.turn():
            if taken is not None:
                taken.set()

    turns = Turns(1)
    with turns.turn():
        monkeypatch.setattr(turns_module, "Event", StoppedWhileWaiting)
        stopped = ThreadPoolExecutor(max_workers=1).submit(answer)
        assert isinstance(stopped.exception(timeout=5), Stopped)
        monkeypatch.undo()
    taken = threading.Event()
    threading.Thread(target=answer, args=(taken,), daemon=True).start()
    assert taken.wait(timeout=2), "the turn went to the answer that had stopped waiting"
