"""A citizen's part made on the short paths equals the plain rules, exactly.

* ``citizen.new_period`` and ``citizen.new_result`` (objects made through their slots) equal
  ``CitizenPeriod(...)`` and ``CitizenResult(...)``: equal, same hash, same text;
* ``citizen_part`` with the placements of ``PlacementCache.prepare`` (found by identity)
  equals ``general_part`` with a fresh cache that places each døgnskema by content — the same
  part to the øre, or the same Danish error;
* ``prepare`` gives the minutes per week of ``_analyse`` + ``surely_valid`` for every
  døgnskema, and finds by identity exactly those that are surely valid.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.citizen import (
    CitizenPart,
    YearContext,
    citizen_part,
    general_part,
    new_period,
    new_result,
)
from ressourcemodel.engine.compute import bases_of
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.fastplace import (
    PlacementCache,
    _analyse,
    schedule_key,
    surely_valid,
)
from ressourcemodel.engine.model import Assessment, Citizen, Facility, Scenario, Stay
from ressourcemodel.engine.overview import reference_day
from ressourcemodel.engine.parameters import LevelChangeRule, Parameters
from ressourcemodel.engine.results import CitizenPeriod, CitizenResult, Placement
from ressourcemodel.engine.tariffs import Pricer

from .strategies import scenario_or_none, scenarios
from .test_columns import generate
from .test_fastplace import schedule

SLOW = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

placements = st.builds(
    Placement,
    st.one_of(st.none(), st.fractions(min_value=0, max_value=20_000)),
    st.sampled_from(["1", "2", "8", "S1", "S2"]),
    st.decimals(0, 100_000, places=2),
    st.booleans(),
    st.text(max_size=5),
)
days = st.dates(date(2020, 1, 1), date(2030, 12, 31))


@given(days, days, st.text(max_size=6), placements, st.text(max_size=6), st.booleans())
def test_objects_made_through_slots_equal_the_plain_ones(
    a: date, b: date, fid: str, p: Placement, cid: str, sold: bool
) -> None:
    fast, plain = new_period(a, b, fid, p), CitizenPeriod(a, b, fid, p)
    assert type(fast) is CitizenPeriod
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    periods = (fast, new_period(b, a, fid, p))
    fast_r, plain_r = new_result(cid, fid, sold, periods), CitizenResult(cid, fid, sold, periods)
    assert type(fast_r) is CitizenResult
    assert fast_r == plain_r
    assert hash(fast_r) == hash(plain_r)
    assert repr(fast_r) == repr(plain_r)


def _context(sc: Scenario) -> YearContext:
    params = sc.parameters
    ref = reference_day(params.year, None).toordinal()
    return YearContext.of(params, PlacementCache(Pricer(params)), dict(bases_of(sc)), ref)


def _outcome(make: Any, c: Any, ctx: YearContext) -> CitizenPart | str:
    try:
        part: CitizenPart = make(c, ctx)
    except EngineError as e:
        return str(e)
    return part


def check_prepared_parts(sc: Scenario) -> int:
    """Each citizen's part from prepared placements equals ``general_part`` placed by content;
    returns how many citizens were compared without an error."""
    plain = _context(sc)
    fast = _context(sc)
    fast.places.prepare(a for c in sc.citizens for a in c.assessments)
    n = 0
    try:
        for c in sc.citizens:
            expected = _outcome(general_part, c, plain)
            assert _outcome(citizen_part, c, fast) == expected
            n += not isinstance(expected, str)
    finally:
        fast.places.forget()
    return n


@SLOW
@given(scenarios())
def test_prepared_parts_equal_the_general_part(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is None:
        return
    check_prepared_parts(sc)


def test_prepared_parts_on_the_benchmark_municipality() -> None:
    assert check_prepared_parts(generate(600, seed=11)) == 600
    assert check_prepared_parts(generate(600, seed=12, templates=True)) == 600


@SLOW
@given(
    st.lists(st.tuples(st.integers(-40, 364), schedule), min_size=1, max_size=6),
    st.integers(-60, 364),
    st.sampled_from(list(LevelChangeRule)),
)
def test_prepared_citizen_with_many_assessments(
    assessed: list[tuple[int, Any]], move_in: int, rule: LevelChangeRule
) -> None:
    """Random døgnskemaer — valid and broken — in force from random days (two on one day now
    and then) over one open stay: the short paths with the prepared placements give
    ``general_part``'s part, or its first error."""
    y0 = date(2026, 1, 1)
    assessments = tuple(Assessment(y0 + timedelta(days=k), e) for k, e in assessed)
    stay = Stay("F1", y0 + timedelta(days=move_in))
    citizen = Citizen("C1", "707", (stay,), assessments)
    facility = Facility("F1", "F", "A", 10, ())
    params = Parameters(2026, level_change_rule=rule)
    check_prepared_parts(Scenario(params, (facility,), (citizen,)))


@settings(max_examples=300, deadline=None)
@given(st.lists(schedule, min_size=1, max_size=10))
def test_prepare_gives_the_minutes_of_the_rules(schedules: list[Any]) -> None:
    """``prepare``'s minutes per week and identity lookups are those of the one-by-one rules."""
    assessments = [Assessment(date(2026, 1, 1), entries) for entries in schedules]
    cache = PlacementCache(Pricer(Parameters(2026)))
    weekly = cache.prepare(assessments)
    try:
        masks: dict[frozenset[int], int] = {}
        for entries in schedules:
            if not entries:
                assert id(entries) not in weekly
                continue
            analysed = _analyse(schedule_key(entries, masks))
            ok = analysed is not None and surely_valid(analysed[0])
            expected: Fraction | None = analysed[1] if analysed is not None and ok else None
            assert weekly[id(entries)] == (entries, expected)
            assert (id(entries) in cache.known) == ok
            if ok:
                assert expected is not None
                assert cache.known[id(entries)] == cache.by_minutes(expected)
        assert set(cache.known) <= set(weekly)
    finally:
        cache.forget()
