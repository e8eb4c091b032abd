"""Døgnskema rules (SPEC §3.1) against brute-force models minute by minute."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.errors import ValidationError
from ressourcemodel.engine.model import ScheduleEntry, SupportForm
from ressourcemodel.engine.schedule import duration, hours_per_day, validate_entries

WEEK = 7 * 1440


def brute_force_problem(entries: list[ScheduleEntry]) -> bool:
    """True when exclusive (individual or double) entries overlap on the week's minute timeline
    (wrapping), or one weekday carries more than 24 h of exclusive time counted by start day."""
    used = [False] * WEEK
    per_day = [0] * 7
    for e in entries:
        if e.form is SupportForm.GROUP:  # individual and double are exclusive time
            continue
        for d in e.days:
            per_day[d] += duration(e)
            for m in range(d * 1440 + e.start, d * 1440 + e.start + duration(e)):
                if used[m % WEEK]:
                    return True
                used[m % WEEK] = True
    return any(x > 1440 for x in per_day)


def entry(form: SupportForm = SupportForm.INDIVIDUAL) -> st.SearchStrategy[ScheduleEntry]:
    def build(days: set[int], start: int, length: int, participants: int) -> ScheduleEntry:
        staff = 2 if form is SupportForm.DOUBLE else 1
        parts = participants if form is SupportForm.GROUP else 1
        return ScheduleEntry(frozenset(days), start, (start + length) % 1440, form, staff, parts)

    return st.builds(
        build,
        st.sets(st.integers(0, 6), min_size=1, max_size=7),
        st.integers(0, 1439),
        st.integers(1, 1439),
        st.integers(2, 6),
    )


entries_strategy = st.lists(
    st.one_of(entry(), entry(), entry(SupportForm.GROUP), entry(SupportForm.DOUBLE)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(entries_strategy)
def test_validator_agrees_with_minute_by_minute_model(entries: list[ScheduleEntry]) -> None:
    expected_error = brute_force_problem(entries)
    try:
        validate_entries(tuple(entries), citizen="C1")
    except ValidationError as e:
        assert expected_error, f"uventet fejl: {e}"
        assert "Borger C1" in str(e)
    else:
        assert not expected_error


@settings(max_examples=200, deadline=None)
@given(entries_strategy)
def test_hours_per_day_is_attributed_minutes_over_the_week(entries: list[ScheduleEntry]) -> None:
    minutes = sum(
        (Fraction(duration(e) * e.staff, e.participants) * len(e.days) for e in entries),
        start=Fraction(0),
    )
    assert hours_per_day(tuple(entries)) == minutes / 7 / 60


@pytest.mark.parametrize(
    ("entry", "minutes"),
    [
        (ScheduleEntry(frozenset({0}), 60, 120, SupportForm.GROUP, 1, 3), Fraction(20)),
        (ScheduleEntry(frozenset({0}), 60, 120, SupportForm.DOUBLE, 2, 1), Fraction(120)),
        (ScheduleEntry(frozenset({0}), 22 * 60, 7 * 60), Fraction(540)),
        (ScheduleEntry(frozenset({0}), 60, 120, SupportForm.GROUP, 2, 3), Fraction(40)),
    ],
)
def test_attributed_minutes(entry: ScheduleEntry, minutes: Fraction) -> None:
    assert hours_per_day((entry,)) * 7 * 60 == minutes
