"""When a personal support plan is due: the first plan six months after the term starts,
then once in each annual window (1 May to 31 July by default)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from councillor_hub.supportplans.due import (
    Kind,
    State,
    check_window,
    first_plan_due,
    latest_window,
    plan_due,
    reminder_due_on,
    window_for_year,
)

WINDOW = ((5, 1), (7, 31))
D = dt.date


def due(term_start, completions, today, window=WINDOW):
    return plan_due(
        term_start=term_start,
        completions=completions,
        today=today,
        first_due_months=6,
        window=window,
    )


# --- Examples ----------------------------------------------------------------------------


def test_first_plan_due_six_months_after_term_start():
    assert first_plan_due(D(2026, 5, 7), 6) == D(2026, 11, 7)
    # No 31 February: the last day of the month.
    assert first_plan_due(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert first_plan_due(D(2027, 8, 31), 6) == D(2028, 2, 29)


def test_new_member_is_due_then_overdue():
    start = D(2026, 5, 7)
    assert due(start, [], D(2026, 6, 1)) == due(start, [], D(2026, 11, 7))
    on_time = due(start, [], D(2026, 11, 7))
    assert (on_time.state, on_time.kind, on_time.due_on) == (State.DUE, Kind.FIRST, D(2026, 11, 7))
    late = due(start, [], D(2026, 11, 8))
    assert late.state == State.OVERDUE


def test_plan_from_an_earlier_term_does_not_count_as_the_first():
    start = D(2026, 5, 7)
    assert due(start, [D(2025, 6, 1)], D(2026, 8, 1)).state == State.DUE


def test_member_elected_in_may_refreshes_in_the_next_years_window_not_this_one():
    start = D(2026, 5, 7)
    result = due(start, [D(2026, 9, 1)], D(2026, 12, 1))
    assert result.state == State.COMPLETE
    assert result.window == window_for_year(2027, WINDOW)
    assert result.due_on == D(2027, 7, 31)
    # The 2027 window opens: due until its last day, then overdue.
    assert due(start, [D(2026, 9, 1)], D(2027, 5, 1)).state == State.DUE
    assert due(start, [D(2026, 9, 1)], D(2027, 7, 31)).due_on == D(2027, 7, 31)
    assert due(start, [D(2026, 9, 1)], D(2027, 8, 1)).state == State.OVERDUE
    # Completed in the window: up to date until the 2028 window.
    done = due(start, [D(2026, 9, 1), D(2027, 6, 15)], D(2027, 8, 1))
    assert (done.state, done.due_on) == (State.COMPLETE, D(2028, 7, 31))


def test_by_election_member_whose_first_plan_is_due_inside_a_window_is_covered_by_it():
    # Elected 15 January 2026: first plan due 15 July 2026, inside the 2026 window.
    start = D(2026, 1, 15)
    result = due(start, [D(2026, 3, 1)], D(2026, 6, 1))
    assert result.state == State.COMPLETE
    assert result.due_on == D(2027, 7, 31)


def test_late_first_plan_still_needs_the_next_window():
    # Elected May 2025, first plan due November 2025, done late in January 2026: the 2026
    # window (after the first due date) still needs a review.
    start = D(2025, 5, 8)
    assert due(start, [D(2026, 1, 20)], D(2026, 3, 1)).state == State.COMPLETE
    assert due(start, [D(2026, 1, 20)], D(2026, 5, 1)).state == State.DUE


def test_missing_a_window_and_completing_the_next_one_is_up_to_date():
    start = D(2022, 5, 5)
    history = [D(2022, 10, 1), D(2023, 6, 1)]  # nothing in 2024
    assert due(start, history, D(2024, 9, 1)).state == State.OVERDUE
    assert due(start, history, D(2025, 4, 30)).state == State.OVERDUE
    assert due(start, [*history, D(2025, 5, 2)], D(2025, 9, 1)).state == State.COMPLETE


def test_member_without_a_term_start_needs_every_window():
    assert due(None, [], D(2026, 4, 1)).state == State.OVERDUE  # the 2025 window was missed
    assert due(None, [D(2025, 6, 1)], D(2026, 4, 1)).state == State.COMPLETE
    assert due(None, [D(2025, 6, 1)], D(2026, 5, 1)).state == State.DUE


def test_completions_after_today_are_ignored():
    assert due(D(2026, 5, 7), [D(2026, 12, 1)], D(2026, 10, 1)).state == State.DUE


def test_window_setting_must_start_before_it_ends():
    check_window(WINDOW)
    with pytest.raises(ValueError):
        check_window(((7, 31), (5, 1)))


def test_custom_window():
    window = ((9, 1), (10, 31))
    result = due(None, [], D(2026, 9, 15), window=window)
    assert (result.state, result.due_on) == (State.DUE, D(2026, 10, 31))


def test_reminders_open_before_a_first_plan_and_when_a_window_opens():
    first = due(D(2026, 5, 7), [], D(2026, 10, 1))
    assert reminder_due_on(first, today=D(2026, 10, 9), days_before=28) is None
    assert reminder_due_on(first, today=D(2026, 10, 10), days_before=28) == D(2026, 11, 7)
    refresh = due(D(2026, 5, 7), [D(2026, 9, 1)], D(2027, 5, 1))
    assert reminder_due_on(refresh, today=D(2027, 5, 1), days_before=28) == D(2027, 7, 31)
    done = due(D(2026, 5, 7), [D(2026, 9, 1)], D(2026, 12, 1))
    assert reminder_due_on(done, today=D(2026, 12, 1), days_before=28) is None


# --- Properties ----------------------------------------------------------------------------

days = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))


@st.composite
def windows(draw):
    """A window from one (month, day) to a later one in the same year."""
    start = draw(st.tuples(st.integers(1, 11), st.integers(1, 28)))
    end_month = draw(st.integers(start[0] + 1, 12))
    return (start, (end_month, draw(st.integers(1, 28))))


# Pure arithmetic, but the test machine may be busy: no deadline, no slowness check.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(term_start=days, today=days, window=windows(), completions=st.lists(days, max_size=5))
def test_overdue_exactly_when_the_due_date_has_passed(term_start, today, window, completions):
    result = due(term_start, completions, today, window)
    if result.state == State.OVERDUE:
        assert today > result.due_on
    elif result.state == State.DUE:
        assert today <= result.due_on
    else:
        assert result.due_on > today  # the next one is still to come


@relaxed
@given(term_start=days, today=days, window=windows(), completions=st.lists(days, max_size=5))
def test_completing_today_always_brings_a_member_up_to_date(term_start, today, window, completions):
    assume(today >= term_start)
    result = due(term_start, [*completions, today], today, window)
    assert result.state == State.COMPLETE


@relaxed
@given(term_start=days, today=days, window=windows(), completions=st.lists(days, max_size=5))
def test_window_due_dates_are_a_windows_last_day(term_start, today, window, completions):
    result = due(term_start, completions, today, window)
    if result.kind == Kind.WINDOW:
        assert result.window is not None
        assert result.due_on == result.window.end
        assert result.window == window_for_year(result.due_on.year, window)
        assert result.window.start > first_plan_due(term_start, 6)
    else:
        assert result.due_on == first_plan_due(term_start, 6)


@relaxed
@given(term_start=days, today=days, window=windows(), completions=st.lists(days, max_size=5))
def test_first_plan_is_asked_for_until_one_is_completed_in_the_term(
    term_start, today, window, completions
):
    result = due(term_start, completions, today, window)
    in_term = [day for day in completions if term_start <= day <= today]
    assert (result.kind == Kind.FIRST) == (not in_term)


@relaxed
@given(today=days, window=windows())
def test_latest_window_has_opened_and_is_the_latest(today, window):
    opened = latest_window(today, window)
    assert opened.start <= today
    assert window_for_year(opened.start.year + 1, window).start > today


@relaxed
@given(
    term_start=days,
    today=days,
    window=windows(),
    completions=st.lists(days, max_size=5),
    extra=days,
)
def test_an_extra_completion_never_makes_things_worse(
    term_start, today, window, completions, extra
):
    rank = {State.COMPLETE: 0, State.DUE: 1, State.OVERDUE: 2}
    before = due(term_start, completions, today, window)
    after = due(term_start, [*completions, extra], today, window)
    assert rank[after.state] <= rank[before.state]
