"""Time left, from the rate so far."""

from assistant.presentation.progress import eta_text, seconds_left


def test_time_left_at_the_rate_so_far():
    assert seconds_left(began=0, done=25, total=100, now=10) == 30
    assert eta_text(0, 25, 100, now=10) == " — about 30 s left"
    assert eta_text(0, 10, 100, now=60) == " — about 9 min left"
    assert eta_text(0, 1, 1000, now=60) == " — about 16.6 h left"


def test_no_estimate_before_a_rate_or_after_the_end():
    assert eta_text(0, 0, 100, now=5) == "" and eta_text(0, 100, 100, now=5) == ""
