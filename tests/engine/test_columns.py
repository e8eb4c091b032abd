"""The fast paths of a calculation equal the general ones, exactly (ADR 0013).

* ``columns.accumulate`` (all parts at once, in int64 columns) gives the same facility sums as
  ``accumulate.apply_part`` one part at a time;
* ``citizen.simple_part`` (one assessment, one open stay) and ``citizen.one_stay_part`` (one
  open stay, any assessments) give the same part as ``citizen.general_part``;
* after a parameter change, ``incremental.update`` (which keeps the døgnskemaer's minutes per
  week) equals ``compute`` of the new scenario, field by field and in its printed form.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.accumulate import Calendar, FacilityAcc, apply_part
from ressourcemodel.engine.citizen import (
    CitizenPart,
    YearContext,
    general_part,
    one_stay_part,
    simple_part,
)
from ressourcemodel.engine.columns import _distinct, accumulate
from ressourcemodel.engine.compute import bases_of, compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.fastplace import PlacementCache
from ressourcemodel.engine.incremental import prepare, update
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.overview import reference_day
from ressourcemodel.engine.periods import month_starts
from ressourcemodel.engine.tariffs import Pricer
from ressourcemodel.scenario.output import result_to_json

from .strategies import YEARS, parameters, scenario_or_none, scenarios

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

SLOW = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _context(sc: Scenario) -> tuple[YearContext, Calendar]:
    params = sc.parameters
    bases = bases_of(sc)
    ref = reference_day(params.year, None).toordinal()
    ctx = YearContext.of(params, PlacementCache(Pricer(params)), dict(bases), ref)
    return ctx, Calendar.of(month_starts(params.year))


def _parts(sc: Scenario, ctx: YearContext) -> list[CitizenPart] | None:
    try:
        return [general_part(c, ctx) for c in sc.citizens]
    except EngineError:
        return None


def check_sums(sc: Scenario) -> None:
    ctx, cal = _context(sc)
    parts = _parts(sc, ctx)
    if parts is None:
        return
    one_by_one = {f.id: FacilityAcc() for f in sc.facilities}
    for part in parts:
        apply_part(one_by_one, cal, part, 1, ctx.ref)
    at_once = {f.id: FacilityAcc() for f in sc.facilities}
    accumulate(at_once, cal, parts, ctx.ref)
    assert at_once == one_by_one


def check_simple(sc: Scenario) -> int:
    ctx, _ = _context(sc)
    n = 0
    for c in sc.citizens:
        if len(c.assessments) != 1 or len(c.stays) != 1:
            continue
        try:
            general = general_part(c, ctx)
        except EngineError as e:
            with pytest.raises(EngineError) as raised:
                simple_part(c, ctx)
            assert str(raised.value) == str(e)
            continue
        simple = simple_part(c, ctx)
        if simple is not None:
            n += 1
            assert simple == general
    return n


@SLOW
@given(scenarios())
def test_sums_at_once_equal_one_by_one(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is not None:
        check_sums(sc)


def check_one_stay(sc: Scenario) -> int:
    ctx, _ = _context(sc)
    n = 0
    for c in sc.citizens:
        if len(c.stays) != 1:
            continue
        try:
            general = general_part(c, ctx)
        except EngineError as e:
            try:
                refused = one_stay_part(c, ctx)
            except EngineError as same:
                assert str(same) == str(e)
                continue
            assert refused is None  # left to ``general_part``, which gives the error
            continue
        one = one_stay_part(c, ctx)
        if one is not None:
            n += 1
            assert one == general
    return n


@SLOW
@given(scenarios())
def test_one_stay_part_equals_general_part(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is not None:
        check_one_stay(sc)


def test_one_stay_part_on_the_benchmark_municipality() -> None:
    assert check_one_stay(generate(400, seed=5)) > 100


@SLOW
@given(scenarios())
def test_simple_part_equals_general_part(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is not None:
        check_simple(sc)


@pytest.mark.parametrize("templates", [False, True])
def test_benchmark_municipality_fast_paths(templates: bool) -> None:
    sc = generate(600, seed=5, templates=templates)
    check_sums(sc)
    assert check_simple(sc) > 100  # the short path is really taken


def assert_parameter_change(sc: Scenario, new_sc: Scenario) -> None:
    state = prepare(sc)
    try:
        expected = compute(new_sc)
    except EngineError as e:
        with pytest.raises(EngineError) as raised:
            update(state, new_sc)
        assert str(raised.value) == str(e)
        return
    new = update(state, new_sc)
    assert new.result == expected
    assert result_to_json(new.result) == result_to_json(expected)
    back = update(new, sc)  # and back again, reusing what the new state kept
    assert back.result == state.result
    assert result_to_json(back.result) == result_to_json(state.result)


@SLOW
@given(scenarios(), parameters(), st.sampled_from(YEARS), st.booleans())
def test_parameter_change_equals_full_recomputation(
    d: dict[str, Any], params: dict[str, Any], year: int, new_year: bool
) -> None:
    sc = scenario_or_none(d)
    other = scenario_or_none({**d, "parameters": params, "year": year if new_year else d["year"]})
    if sc is None or other is None:
        return
    try:
        compute(sc)
    except EngineError:
        return
    assert_parameter_change(sc, replace(sc, parameters=other.parameters))


@pytest.mark.parametrize("templates", [False, True])
def test_benchmark_municipality_parameter_changes(templates: bool) -> None:
    sc = generate(400, seed=9, templates=templates)
    rnd = random.Random(13)
    p = sc.parameters
    for new in (
        replace(p, indirect_share=p.indirect_share + Decimal(rnd.choice([1, 2, 3])) / 100),
        replace(p, hourly_cost=None),
        replace(p, overhead_rate=p.overhead_rate * 2),
    ):
        assert_parameter_change(sc, replace(sc, parameters=new))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 40),  # small codes: counted in a table
            st.integers(-5, 5),  # one below zero: sorted
            st.integers(0, 1 << 45),  # beyond the table: sorted
        ),
        max_size=60,
    )
)
def test_distinct_codes_as_numpy_unique(values: list[int]) -> None:
    """The codes counted in a table come out as ``np.unique`` sorts them: the same distinct
    codes in order, and each code's place among them."""
    code = np.array(values, dtype=np.int64)
    groups, inverse = _distinct(code)
    want_groups, want_inverse = np.unique(code, return_inverse=True)
    assert groups.tolist() == want_groups.tolist()
    assert inverse.tolist() == want_inverse.reshape(-1).tolist()
    assert inverse.dtype == np.int64
