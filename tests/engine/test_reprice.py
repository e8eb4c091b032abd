"""A parameter change that changes prices only is re-priced from the kept parts (ADR 0016), and
gives exactly what a full calculation gives.

Random valid scenarios (the reference tests' generator) and the benchmark's synthetic
municipality get random parameter changes of each kind — prices only (hourly cost, staff mix,
productive hours, indirect share, priced hours and lower bounds of the levels, occupancy,
overhead, regulation lag, name, annual norm) and changes that move levels, days or sold flags
(upper bounds, level unit, rules, municipality, year). After each, ``update`` must equal
``compute`` of the new scenario field by field and byte for byte in JSON (or both refuse it with
the same message), the way taken must be the re-pricing exactly for the price-only changes, and
the parts and facility sums kept must be those a full calculation keeps, so that later changes
stay exact.
"""

from __future__ import annotations

import random
import sys
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine import reprice as reprice_module
from ressourcemodel.engine.accumulate import FacilityAcc
from ressourcemodel.engine.citizen import CitizenPart
from ressourcemodel.engine.compute import Computation, build, compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.incremental import State, prepare, update
from ressourcemodel.engine.model import Assessment, Scenario
from ressourcemodel.engine.parameters import (
    LevelChangeRule,
    LevelUnit,
    Parameters,
    StaffShare,
    TailRule,
)
from ressourcemodel.engine.reprice import PRICE_FIELDS, STRUCTURE_FIELDS, prices_only
from ressourcemodel.engine.results import CitizenPeriod, CitizenResult, Placement
from ressourcemodel.scenario.output import result_to_json

from .strategies import scenario_or_none, scenarios
from .test_incremental import change

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

SLOW = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _computable(d: dict[str, Any]) -> Scenario | None:
    """The scenario of ``d`` when it reads and computes (else None: nothing to compare)."""
    sc = scenario_or_none(d)
    if sc is None:
        return None
    try:
        compute(sc)
    except EngineError:
        return None
    return sc


# --- parameter changes ----------------------------------------------------------------------


def _quarters(rnd: random.Random, top: int) -> Decimal:
    return Decimal(rnd.randint(0, top * 4)) / 4


def price_change(rnd: random.Random, p: Parameters) -> Parameters:
    """New parameters differing from ``p`` in prices only (one to three fields)."""
    for _ in range(rnd.randint(1, 3)):
        kind = rnd.choice(
            [
                "hourly",
                "mix",
                "productive",
                "indirect",
                "priced",
                "priced_equal",
                "lower",
                "occupancy",
                "overhead",
                "lag",
                "name",
                "norm",
            ]
        )
        if kind == "hourly":
            cost = rnd.choice([None, Decimal(rnd.randint(25_000, 45_000)) / 100, Decimal(0)])
            p = replace(p, hourly_cost=cost)
        elif kind == "mix":
            mix = tuple(
                StaffShare(f"k{i}", Decimal(1) / 2, Decimal(rnd.randint(380, 620) * 1000))
                for i in range(2)
            )
            p = replace(p, staff_mix=mix, hourly_cost=None)
        elif kind == "productive":
            p = replace(p, productive_hours_per_fte=Decimal(rnd.randint(1400, 1700)))
        elif kind == "indirect":
            p = replace(p, indirect_share=Decimal(rnd.choice([0, 5, 20, 25, 30, 125])) / 100)
        elif kind == "priced":
            levels = tuple(
                replace(lv, priced_hours=_quarters(rnd, 20)) if rnd.random() < 0.5 else lv
                for lv in p.levels
            )
            p = replace(p, levels=levels)
        elif kind == "priced_equal":  # levels sharing a tariff, then parting (or not)
            same = _quarters(rnd, 10)
            p = replace(p, levels=tuple(replace(lv, priced_hours=same) for lv in p.levels))
        elif kind == "lower":
            levels = tuple(replace(lv, lower=lv.lower - _quarters(rnd, 1)) for lv in p.levels)
            p = replace(p, levels=levels)
        elif kind == "occupancy":
            p = replace(
                p,
                occupancy_rate=Decimal(rnd.randint(85, 100)) / 100,
                occupancy_min=Decimal(rnd.randint(90, 95)) / 100,
                occupancy_max=Decimal(rnd.randint(96, 99)) / 100,
            )
        elif kind == "overhead":
            p = replace(p, overhead_rate=Decimal(rnd.choice([0, 35, 50, 100, 125])) / 1000)
        elif kind == "lag":
            p = replace(p, regulation_lag_years=rnd.randint(1, 3))
        elif kind == "name":
            p = replace(p, municipality_name=p.municipality_name + "x")
        else:
            p = replace(p, annual_norm_hours=p.annual_norm_hours + 1)
    return p


def structure_change(rnd: random.Random, p: Parameters) -> Parameters:
    """New parameters that may move a citizen's level, days or sold flag."""
    kind = rnd.choice(["upper", "unit", "tail", "billing", "rule", "code", "year"])
    if kind == "upper":
        k = rnd.randrange(len(p.levels))
        lv = p.levels[k]
        shifted = replace(lv, upper=lv.upper + Decimal(rnd.choice([-1, 1])) / 4)
        return replace(p, levels=(*p.levels[:k], shifted, *p.levels[k + 1 :]))
    if kind == "unit":
        unit = LevelUnit.WEEK if p.level_unit is LevelUnit.DAY else LevelUnit.DAY
        return replace(p, level_unit=unit)
    if kind == "tail":
        rule = TailRule.NONE if p.tail_rule is TailRule.MONTH_PLUS_ONE else TailRule.MONTH_PLUS_ONE
        return replace(p, tail_rule=rule)
    if kind == "billing":
        billing = (
            TailRule.NONE
            if p.billing_tail_rule is TailRule.MONTH_PLUS_ONE
            else TailRule.MONTH_PLUS_ONE
        )
        return replace(p, billing_tail_rule=billing)
    if kind == "rule":
        rule2 = (
            LevelChangeRule.NEXT_MONTH
            if p.level_change_rule is LevelChangeRule.EFFECTIVE_DATE
            else LevelChangeRule.EFFECTIVE_DATE
        )
        return replace(p, level_change_rule=rule2)
    if kind == "code":
        return replace(p, municipality_code="730" if p.municipality_code != "730" else "707")
    return replace(p, year=p.year + rnd.choice([-1, 1]))


# --- what a calculation keeps ---------------------------------------------------------------


def _acc(acc: FacilityAcc) -> tuple[Any, ...]:
    """The sums of a facility without the entries that hold nothing (empty counters, days
    whose presence changes cancel): those two calculations may differ in, and no figure
    reads."""
    return (
        {t: c for t, c in acc.activity.items() if any(c)},
        {t: c for t, c in acc.billed.items() if any(c)},
        acc.occupied,
        {d: n for d, n in acc.presence.items() if n},
        acc.sold_days,
        acc.level_days,
        acc.minutes_num,
        acc.days_with_hours,
        {lv: n for lv, n in acc.on_ref.items() if n},
    )


def assert_kept_as_built(comp: Computation) -> None:
    """The parts and sums of ``comp`` are those a full calculation of its scenario keeps."""
    full = build(comp.scenario, today=comp.today)
    if comp.ordered:  # in scenario order, as built
        assert list(comp.parts) == list(full.parts)
    assert comp.gathered == full.gathered  # what the next ``incremental`` starts from
    for cid, part in full.parts.items():
        assert comp.parts[cid] == part, cid
    assert comp.accs.keys() == full.accs.keys()
    for fid, acc in full.accs.items():
        assert _acc(comp.accs[fid]) == _acc(acc), fid
    assert comp.bases == full.bases
    assert comp.terms == full.terms
    assert comp.area_sums == full.area_sums
    assert comp.ctx.params == full.ctx.params


def assert_update(state: State, new_sc: Scenario, *, fast: bool) -> State | None:
    """``update`` = ``compute`` (or the same refusal); the re-pricing taken when ``fast``."""
    try:
        expected = compute(new_sc)
    except EngineError as err:
        with pytest.raises(EngineError) as got:
            update(state, new_sc)
        assert str(got.value) == str(err)
        return None
    before = result_to_json(state.result)
    new = update(state, new_sc)
    assert new.result == expected
    assert result_to_json(new.result) == result_to_json(expected)
    assert result_to_json(state.result) == before  # the state given is left as it was
    if new_sc.parameters == state.scenario.parameters:
        assert new.path == "changes"
    elif fast:
        assert new.path == "repriced"
    else:
        assert new.path == "full"
    return new


# --- tests ----------------------------------------------------------------------------------


def test_every_parameter_is_classified() -> None:
    names = {f.name for f in fields(Parameters)}
    assert names == PRICE_FIELDS | STRUCTURE_FIELDS | {"levels"}
    assert not PRICE_FIELDS & STRUCTURE_FIELDS


def test_made_parts_equal_constructed() -> None:
    """Parts made through their slots (periods and results: tests/engine/test_citizen_paths.py)
    equal those of the class's own constructor."""
    placement = Placement(Fraction(1200), "2", Decimal(1250))
    period = CitizenPeriod(date(2026, 1, 1), date(2026, 2, 1), "F1", placement)
    result = CitizenResult("C1", "707", True, (period,))
    ops: list[Any] = [(0, "F1", 1, 2, placement, True)]
    made = reprice_module._new_part(result, ops, [], [])
    assert made == CitizenPart(result, ops, [], [])
    assert made.ops is ops


@SLOW
@given(scenarios(), st.integers(0, 2**32))
def test_price_change_is_repriced_and_equals_full(d: dict[str, Any], seed: int) -> None:
    sc = _computable(d)
    if sc is None:
        return
    rnd = random.Random(seed)
    state = prepare(sc)
    for _ in range(3):
        params = price_change(rnd, state.scenario.parameters)
        assert prices_only(state.scenario.parameters, params)
        new_sc = replace(state.scenario, parameters=params)
        new = assert_update(state, new_sc, fast=True)
        if new is None:
            continue
        assert_kept_as_built(new.computation)
        state = new
    # later changes to citizens and facilities stay exact on the re-priced parts and sums
    sc = state.scenario
    for _ in range(3):
        new_sc, cits, facs = change(rnd, sc)
        try:
            expected = compute(new_sc)
        except EngineError:
            continue
        state = update(state, new_sc, changed_citizens=cits, changed_facilities=facs)
        assert state.result == expected
        sc = new_sc


@SLOW
@given(scenarios(), st.integers(0, 2**32))
def test_structure_change_is_computed_in_full(d: dict[str, Any], seed: int) -> None:
    sc = _computable(d)
    if sc is None:
        return
    rnd = random.Random(seed)
    params = structure_change(rnd, sc.parameters)
    if rnd.random() < 0.5:
        params = price_change(rnd, params)
    assert not prices_only(sc.parameters, params)
    assert_update(prepare(sc), replace(sc, parameters=params), fast=False)


@SLOW
@given(scenarios(), st.integers(0, 2**32))
def test_price_change_with_other_changes(d: dict[str, Any], seed: int) -> None:
    """New prices and a changed citizen or facility in one update."""
    sc = _computable(d)
    if sc is None:
        return
    rnd = random.Random(seed)
    state = prepare(sc)
    new_sc, cits, facs = change(rnd, sc)
    new_sc = replace(new_sc, parameters=price_change(rnd, sc.parameters))
    try:
        expected = compute(new_sc)
    except EngineError as err:
        with pytest.raises(EngineError) as got:
            update(state, new_sc, changed_citizens=cits, changed_facilities=facs)
        assert str(got.value) == str(err)
        return
    new = update(state, new_sc, changed_citizens=cits, changed_facilities=facs)
    assert new.result == expected
    assert result_to_json(new.result) == result_to_json(expected)
    if new_sc.parameters == sc.parameters:
        assert new.path == "changes"
    elif [f.id for f in new_sc.facilities] == [f.id for f in sc.facilities]:
        assert new.path == "repriced"


@pytest.mark.parametrize("templates", [False, True])
def test_benchmark_municipality_price_changes(templates: bool) -> None:
    sc = generate(600, seed=21, templates=templates)
    rnd = random.Random(5)
    state = prepare(sc)
    p = sc.parameters
    for params in (
        replace(p, productive_hours_per_fte=Decimal("1500")),
        replace(p, indirect_share=Decimal("0.27")),
        replace(p, overhead_rate=Decimal("0.05")),  # no service tariff changes: parts kept
        replace(p, hourly_cost=Decimal("350.00")),
        *(price_change(rnd, p) for _ in range(4)),
    ):
        new = assert_update(state, replace(sc, parameters=params), fast=True)
        assert new is not None
        assert_kept_as_built(new.computation)
        state = new
    assert_update(state, sc, fast=True)  # and back


def test_tariffs_parting_rebuild_the_sums() -> None:
    """Two levels with one tariff that part: the sums are made again, still exact."""
    sc = generate(300, seed=8)
    p = sc.parameters
    equal = replace(p, levels=tuple(replace(lv, priced_hours=Decimal(5)) for lv in p.levels))
    state = assert_update(prepare(sc), replace(sc, parameters=equal), fast=True)
    assert state is not None
    new = assert_update(state, replace(sc, parameters=p), fast=True)
    assert new is not None
    assert_kept_as_built(new.computation)


def test_s2_amount_equal_to_a_level_tariff() -> None:
    """An S2 amount that is also a level's tariff keeps its amount when the level's moves."""
    sc = generate(300, seed=8)
    level3 = compute(sc).levels[2].service_tariff
    cs = list(sc.citizens)
    c = cs[0]
    s2 = Assessment(c.assessments[0].effective_from, (), "S2", level3, "2:1")
    cs[0] = replace(c, assessments=(s2,))
    sc = replace(sc, citizens=tuple(cs))
    new = assert_update(
        prepare(sc),
        replace(sc, parameters=replace(sc.parameters, productive_hours_per_fte=Decimal(1400))),
        fast=True,
    )
    assert new is not None
    assert_kept_as_built(new.computation)


def test_price_change_that_breaks_a_rule() -> None:
    """A zero denominator in a base tariff: the same error as ``compute``."""
    sc = generate(100, seed=2)
    fs = list(sc.facilities)
    fs[0] = replace(fs[0], occupancy_history=())
    sc = replace(sc, facilities=tuple(fs))
    bad = replace(sc, parameters=replace(sc.parameters, occupancy_rate=Decimal(0)))
    with pytest.raises(EngineError) as expected:
        compute(bad)
    with pytest.raises(EngineError) as got:
        update(prepare(sc), bad)
    assert str(got.value) == str(expected.value)
