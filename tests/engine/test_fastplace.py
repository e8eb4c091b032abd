"""The døgnskema placement cache of ``compute()`` agrees with the plain rules.

Random døgnskemaer — valid and invalid alike: overlapping and midnight-crossing exclusive
entries, zero length, wrong staff or participants for the form, more than 24 h on a weekday —
are placed by ``PlacementCache`` and by ``Pricer``: the same Danish error, or the same
placement (level, tariff, exact minutes) and hours shown to two decimals.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.batchplace import (
    _first_met,
    analyse_many,
    analyse_schedules,
    place_distinct,
)
from ressourcemodel.engine.errors import ValidationError
from ressourcemodel.engine.fastplace import (
    PlacementCache,
    _analyse,
    schedule_key,
    surely_valid,
)
from ressourcemodel.engine.model import Assessment, ScheduleEntry, SupportForm
from ressourcemodel.engine.money import round_2
from ressourcemodel.engine.parameters import Parameters
from ressourcemodel.engine.tariffs import Pricer
from ressourcemodel.scenario.load import ScenarioError, scenario_header

from .strategies import parameters

PARAMS = Parameters(2026)

minutes = st.one_of(st.integers(0, 1439), st.sampled_from([0, 360, 420, 1320, 1380, 1439]))


@st.composite
def entry(draw: st.DrawFn) -> ScheduleEntry:
    """Mostly a well-formed entry (so that overlaps decide), sometimes a broken one."""
    form = draw(
        st.sampled_from([SupportForm.INDIVIDUAL] * 3 + [SupportForm.DOUBLE, SupportForm.GROUP])
    )
    staff, participants = {
        SupportForm.INDIVIDUAL: (1, 1),
        SupportForm.DOUBLE: (2, 1),
        SupportForm.GROUP: (draw(st.integers(1, 2)), draw(st.integers(1, 5))),
    }[form]
    if draw(st.integers(0, 9)) == 0:
        staff, participants = draw(st.integers(0, 3)), draw(st.integers(0, 5))
    start = draw(minutes)
    length = draw(st.one_of(st.integers(1, 240), st.integers(0, 1439)))
    return ScheduleEntry(
        days=draw(st.frozensets(st.integers(0, 6), min_size=draw(st.sampled_from([0, 1, 1, 1])))),
        start=start,
        end=(start + length) % 1440,
        form=form,
        staff=staff,
        participants=participants,
    )


schedule = st.lists(entry(), max_size=8).map(tuple)


def _place(places: PlacementCache | Pricer, a: Assessment) -> object:
    try:
        if isinstance(places, PlacementCache):
            return places.place(a, "C1")
        p = places.place(a, citizen_label="C1")
        h = p.hours_per_day
        return p, (p.level, p.service_tariff, None if h is None else round_2(h))
    except ValidationError as err:
        return str(err)


@settings(max_examples=3000, deadline=None)
@given(schedule)
def test_cache_agrees_with_the_rules(entries: tuple[ScheduleEntry, ...]) -> None:
    a = Assessment(date(2026, 1, 1), entries)
    cache = PlacementCache(Pricer(PARAMS))
    expected = _place(Pricer(PARAMS), a)
    assert _place(cache, a) == expected
    assert _place(cache, a) == expected  # and again from the cache


@settings(max_examples=500, deadline=None)
@given(st.lists(schedule, min_size=2, max_size=6))
def test_shared_cache_over_many_schedules(schedules: list[tuple[ScheduleEntry, ...]]) -> None:
    cache = PlacementCache(Pricer(PARAMS))
    for entries in schedules + schedules[::-1]:
        a = Assessment(date(2026, 1, 1), entries)
        assert _place(cache, a) == _place(Pricer(PARAMS), a)


@settings(max_examples=1500, deadline=None)
@given(st.lists(schedule.filter(bool), min_size=1, max_size=10))
def test_batch_analysis_equals_one_by_one(schedules: list[tuple[ScheduleEntry, ...]]) -> None:
    """The array analysis (``batchplace``) says "surely valid, these minutes" exactly when the
    one-by-one analysis does, with the same exact minutes; otherwise it leaves the døgnskema."""
    masks: dict[frozenset[int], int] = {}
    keys = [schedule_key(e, masks) for e in schedules]
    nums, common = analyse_many(keys)
    assert analyse_schedules(schedules, {}) == (nums, common)  # read from the entries themselves
    for key, num in zip(keys, nums, strict=True):
        analysed = _analyse(key)
        expected = analysed[1] if analysed is not None and surely_valid(analysed[0]) else None
        assert (None if num is None else Fraction(num, common)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(schedule, min_size=1, max_size=10))
def test_prepared_cache_equals_the_plain_rules(schedules: list[tuple[ScheduleEntry, ...]]) -> None:
    """Placements prepared in a batch equal those of ``Pricer``, errors included."""
    assessments = [Assessment(date(2026, 1, 1), entries) for entries in schedules]
    cache = PlacementCache(Pricer(PARAMS))
    cache.prepare(assessments)
    try:
        for a in assessments:
            assert _place(cache, a) == _place(Pricer(PARAMS), a)
    finally:
        cache.forget()
    for a in assessments:  # and by content, once the identities are forgotten
        assert _place(cache, a) == _place(Pricer(PARAMS), a)


@settings(max_examples=300, deadline=None)
@given(
    parameters(),
    st.lists(st.tuples(st.integers(0, 20_000), st.integers(1, 60)), min_size=1, max_size=20),
)
def test_placing_by_integers_equals_by_fractions(
    p: dict[str, Any], ratios: list[tuple[int, int]]
) -> None:
    """``prepare`` places minutes per week by comparing integers: the same placement and merge
    key as ``Pricer.place_minutes`` and ``by_minutes`` (Fraction comparisons), any level table."""
    try:
        params, _ = scenario_header({"year": 2026, "parameters": p})
    except ScenarioError:
        return
    cache = PlacementCache(Pricer(params))
    for n, d in ratios:
        m = Fraction(n, d)
        assert cache.pricer.place_fraction(m) == cache.pricer.place_minutes(m)
        assert cache.placed(m) == PlacementCache(Pricer(params)).by_minutes(m)


@settings(max_examples=300, deadline=None)
@given(
    parameters(),
    st.lists(
        st.one_of(st.integers(0, 20_000), st.integers(0, 1 << 62), st.integers(-1, 0)),
        max_size=20,
        unique=True,
    ),
    st.one_of(st.integers(1, 60), st.integers(1, 1 << 60)),
)
def test_placing_many_at_once_equals_one_by_one(
    p: dict[str, Any], nums: list[int], common: int
) -> None:
    """``place_distinct`` (levels and hours as shown on int64 arrays, or one by one where the
    products might not fit) gives ``placed``'s placement and merge key for every minutes (also
    on and beside each bound), the Decimals written alike (``repr``), any level table."""
    try:
        params, _ = scenario_header({"year": 2026, "parameters": p})
    except ScenarioError:
        return
    cache = PlacementCache(Pricer(params))
    on_bounds = [u * common // v for u, v, _, _ in cache.pricer.bounds() if u * common % v == 0]
    nums = list(dict.fromkeys(nums + [b + d for b in on_bounds for d in (-1, 0, 1) if b + d >= 0]))
    got = place_distinct(cache, nums, common)
    expected = [(Fraction(n, common), cache.placed(Fraction(n, common))) for n in nums]
    assert repr(got) == repr(expected)


odd_days = st.frozensets(st.integers(-2, 9), max_size=4)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.tuples(entry(), odd_days), min_size=1, max_size=6), min_size=1))
def test_batch_analysis_of_days_that_are_not_weekdays(
    drawn: list[list[tuple[ScheduleEntry, frozenset[int]]]],
) -> None:
    """Days outside 0–6 (or none) are read by ``day_mask`` after the one-pass lookup of the
    weekday sets: the array analysis still equals the one-by-one analysis."""
    schedules = [tuple(replace(e, days=d) for e, d in row) for row in drawn]
    masks: dict[frozenset[int], int] = {}
    keys = [schedule_key(e, masks) for e in schedules]
    nums, common = analyse_many(keys)
    assert analyse_schedules(schedules, {}) == (nums, common)
    for key, num in zip(keys, nums, strict=True):
        analysed = _analyse(key)
        expected = analysed[1] if analysed is not None and surely_valid(analysed[0]) else None
        assert (None if num is None else Fraction(num, common)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-1, 12) | st.integers(-1, 1 << 50), max_size=40))
def test_first_met_numbers_keys_as_a_dict_does(keys: list[int]) -> None:
    """The distinct minutes of the loader's døgnskemaer are numbered in the order first met,
    as ``dict.fromkeys`` numbers them, and the place of each one's first is found."""
    codes, firsts = _first_met(np.array(keys, dtype=np.int64))
    met = list(dict.fromkeys(keys))
    assert codes.tolist() == [met.index(k) for k in keys]
    assert firsts.tolist() == [keys.index(k) for k in met]
