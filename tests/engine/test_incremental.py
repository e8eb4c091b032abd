"""Incremental recomputation equals a full calculation, exactly.

Random valid scenarios (the generator of the reference tests) and the benchmark's synthetic
municipality get chains of random changes — a døgnskema entry changed, a stay moved or ended, a
citizen added, removed or moved to another place in the list, a paying municipality changed, a
facility's places or costs changed, a parameter changed — and after each, ``update(...).result``
must equal ``compute(new)`` field by field (and in its printed form), or both must refuse the
scenario with the same message.
"""

from __future__ import annotations

import copy
import random
import sys
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.compute import build, compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.incremental import State, prepare, update
from ressourcemodel.engine.model import Citizen, Scenario
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict

from .strategies import scenarios

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate


def _citizen_change(rnd: random.Random, c: Citizen) -> Citizen:
    kind = rnd.choice(["entry", "entry", "stay", "end", "payer", "drop_assessment"])
    if kind == "entry":
        with_entries = [i for i, a in enumerate(c.assessments) if a.entries]
        if with_entries:
            i = rnd.choice(with_entries)
            a = c.assessments[i]
            k = rnd.randrange(len(a.entries))
            e = a.entries[k]
            e = replace(e, end=(e.end + rnd.choice([-30, -5, 5, 15, 60, 240])) % 1440)
            if rnd.random() < 0.3:
                e = replace(e, days=frozenset(rnd.sample(range(7), rnd.randint(1, 7))))
            entries = (*a.entries[:k], e, *a.entries[k + 1 :])
            assessments = list(c.assessments)
            assessments[i] = replace(a, entries=entries)
            return replace(c, assessments=tuple(assessments))
    if kind in ("stay", "end") and c.stays:
        i = rnd.randrange(len(c.stays))
        s = c.stays[i]
        if kind == "stay":
            shift = timedelta(days=rnd.randint(-40, 40))
            s = replace(s, move_in=s.move_in + shift)
        else:
            s = replace(s, move_out=s.move_in + timedelta(days=rnd.randint(0, 500)))
        return replace(c, stays=(*c.stays[:i], s, *c.stays[i + 1 :]))
    if kind == "drop_assessment" and len(c.assessments) > 1:
        i = rnd.randrange(1, len(c.assessments))
        return replace(c, assessments=c.assessments[:i] + c.assessments[i + 1 :])
    return replace(c, paying_municipality=rnd.choice(["707", "730", "751"]))


def change(rnd: random.Random, sc: Scenario) -> tuple[Scenario, set[str], set[str]]:
    """One random change; the citizens and facilities it touches."""
    kind = rnd.choice(["citizen"] * 6 + ["add", "remove", "swap", "places", "costs", "parameter"])
    cs = list(sc.citizens)
    if kind == "swap" and len(cs) > 1:  # two citizens change places: the result's order too
        i, j = rnd.sample(range(len(cs)), 2)
        cs[i], cs[j] = cs[j], cs[i]
        return replace(sc, citizens=tuple(cs)), set(), set()
    if kind == "citizen" and cs:
        i = rnd.randrange(len(cs))
        cs[i] = _citizen_change(rnd, cs[i])
        return replace(sc, citizens=tuple(cs)), {cs[i].id}, set()
    if kind == "add" and cs:
        new = replace(rnd.choice(cs), id=f"N{rnd.randrange(10**6)}")
        if all(c.id != new.id for c in cs):
            cs.insert(rnd.randint(0, len(cs)), new)
        return replace(sc, citizens=tuple(cs)), {new.id}, set()
    if kind == "remove" and cs:
        gone = cs.pop(rnd.randrange(len(cs)))
        return replace(sc, citizens=tuple(cs)), {gone.id}, set()
    fs = list(sc.facilities)
    i = rnd.randrange(len(fs))
    if kind == "places":
        fs[i] = replace(fs[i], places=max(1, fs[i].places + rnd.choice([-3, -1, 1, 5])))
    elif kind == "costs":
        extra = Decimal(rnd.randrange(-50_000, 200_000))
        fs[i] = replace(fs[i], regulation=fs[i].regulation + extra, area=rnd.choice(["A", "B"]))
    else:
        p = sc.parameters
        return replace(sc, parameters=replace(p, overhead_rate=p.overhead_rate + 1)), set(), set()
    return replace(sc, facilities=tuple(fs)), set(), {fs[i].id}


def assert_same(
    state: State | None, sc: Scenario, hints: tuple[set[str], set[str]]
) -> State | None:
    """``update`` agrees with ``compute`` (result or error); the new state, or None if refused."""
    try:
        expected = compute(sc)
    except EngineError as err:
        if state is not None:
            with pytest.raises(EngineError) as got:
                update(state, sc, changed_citizens=hints[0], changed_facilities=hints[1])
            assert str(got.value) == str(err)
        return None
    if state is None:
        new = prepare(sc)
    else:
        new = update(state, sc, changed_citizens=hints[0], changed_facilities=hints[1])
    assert new.result == expected
    assert repr(new.result) == repr(expected)
    if new.computation.ordered:  # what a price change reads its results in order from
        assert list(new.computation.parts) == [c.id for c in sc.citizens]
    full = build(sc)  # what the next change starts from: each facility's terms, each area's sums
    assert new.computation.terms == full.terms
    assert new.computation.area_sums == full.area_sums
    return new


def run_chain(sc: Scenario, rnd: random.Random, steps: int) -> None:
    state = assert_same(None, sc, (set(), set()))
    for _ in range(steps):
        new_sc, cits, facs = change(rnd, sc)
        if rnd.random() < 0.2:  # the hints are only hints: a change left out is still found
            cits, facs = set(), set()
        result = assert_same(state, new_sc, (cits, facs))
        if result is not None:
            state, sc = result, new_sc
        elif state is None:
            sc = new_sc


def _scenario(d: dict[str, Any]) -> Scenario:
    return scenario_from_dict(copy.deepcopy(d))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios(), st.integers(0, 2**32))
def test_random_changes_equal_full_recomputation(d: dict[str, Any], seed: int) -> None:
    try:
        sc = _scenario(d)
    except ScenarioError:
        return
    run_chain(sc, random.Random(seed), steps=6)


@pytest.mark.parametrize("templates", [False, True])
def test_benchmark_municipality_changes(templates: bool) -> None:
    run_chain(generate(400, seed=7, templates=templates), random.Random(11), steps=40)


def test_unchanged_citizens_keep_their_objects() -> None:
    sc = generate(200, seed=3, templates=True)
    state = prepare(sc)
    c = sc.citizens[5]
    stay = replace(c.stays[0], move_in=c.stays[0].move_in + timedelta(days=3))
    new_sc = replace(sc, citizens=(*sc.citizens[:5], replace(c, stays=(stay,)), *sc.citizens[6:]))
    new = update(state, new_sc, changed_citizens={c.id})
    assert new.result == compute(new_sc)
    assert new.result.citizens[4] is state.result.citizens[4]
    assert state.result == compute(sc)  # the old state is left as it was
