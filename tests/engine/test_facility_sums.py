"""The facility figures made for all facilities at once equal those made one by one (ADR 0013).

* ``month_money.month_sums`` (activity budget, budget-active days, sales income and occupied days
  per month, in int64 øre for every facility) gives the same Decimals — value and exponent — as
  ``facility.month_figures`` on each facility's kept sums, or refuses (None) where the amounts
  need the Decimal path;
* ``columns.counters_of`` reads the same counters back from kept sums (a re-pricing's);
* ``columns.over_capacity`` finds every facility's spans over capacity at once, as
  ``budget.capacity_sweep`` finds them one facility at a time;
* a full calculation (``compute``) gives the same ``Result``, byte for byte in JSON, as the
  facility results made one by one from the kept ``FacilityAcc`` (as ``incremental`` does).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine import compute as compute_module
from ressourcemodel.engine.accumulate import Calendar, FacilityAcc, apply_part
from ressourcemodel.engine.budget import capacity_sweep
from ressourcemodel.engine.citizen import BILLED_TAIL, STAY, TAIL, CitizenPart, Op
from ressourcemodel.engine.columns import Counters, accumulate, counters_of, over_capacity
from ressourcemodel.engine.compute import assemble, build, compute, refresh_facility
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.facility import month_figures
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.money import round_half_up
from ressourcemodel.engine.month_money import MonthFte, Monthly, month_fte, month_sums
from ressourcemodel.engine.periods import month_starts
from ressourcemodel.engine.results import CitizenResult, Placement, Result
from ressourcemodel.scenario.load import load_scenario
from ressourcemodel.scenario.output import result_to_json

from .strategies import YEARS, scenario_or_none, scenarios

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

SLOW = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
FIDS = ("F1", "F2", "F3")
FTE = month_fte(Decimal("440.62"), Decimal("1580"))

# Whole kroner (as the engine's tariffs are), øre and tenths with their exponents, zero with
# decimals, a positive exponent, negative amounts; and amounts that must take the Decimal path.
TARIFFS = ("1234", "0", "0.00", "244.5", "244.50", "1E+2", "-12.25", "987654.3", "99999999")
DECIMAL_PATH = ("1.005", "12.3450", "123456789012345678901234567")


def _exact(m: Monthly) -> tuple[Any, ...]:
    activity, active, sales, occupied, ftes = m
    money = [d.as_tuple() for d in activity], [d.as_tuple() for d in sales]
    return *money, active, occupied, [d.as_tuple() for d in ftes]


Made = tuple[Calendar, list[CitizenPart], int]  # the calendar, the parts, the reference day


@st.composite
def _parts(draw: Any, tariffs: tuple[str, ...]) -> Made:
    """Random parts of one year and a reference day, drawn in the year or just outside it,
    often on a stay's first or last day or beside it."""
    year = draw(st.sampled_from(YEARS))
    cal = Calendar.of(month_starts(year))
    last_day = cal.y0 + len(cal.month) - 2
    result = CitizenResult("C", "707", False, ())
    made: list[list[Op]] = []
    for _ in range(draw(st.integers(0, 12))):
        ops: list[Op] = []
        made.append(ops)
        for _ in range(draw(st.integers(1, 4))):
            first = draw(st.integers(cal.y0, last_day))
            last = draw(st.integers(first, min(last_day, first + 399)))
            kind = draw(st.sampled_from((STAY, STAY, TAIL, BILLED_TAIL)))
            tariff = Decimal(draw(st.sampled_from(tariffs)))
            fid = draw(st.sampled_from(FIDS))
            if kind == STAY:
                minutes = draw(st.none() | st.fractions(0, 10_000, max_denominator=60))
                level = draw(st.sampled_from(("1", "2", "S1")))
                placement = Placement(minutes and Fraction(minutes), level, tariff)
                ops.append((STAY, fid, first, last, placement, draw(st.booleans())))
            else:
                ops.append((kind, fid, first, last, tariff, kind == BILLED_TAIL))
    edges = [d for ops in made for op in ops for d in (op[2] - 1, op[2], op[3], op[3] + 1)]
    ref = draw(st.integers(cal.y0 - 1, last_day + 1) | st.sampled_from(edges or [cal.y0]))
    return cal, [CitizenPart(result, ops) for ops in made], ref


def check_month_sums(
    made: Made, bases: dict[str, Decimal], overhead: Decimal, fte: MonthFte = FTE
) -> bool:
    """True where ``month_sums`` made the figures (and they equal the one-by-one ones)."""
    cal, parts, ref = made
    accs = {fid: FacilityAcc() for fid in FIDS}
    counters = accumulate(accs, cal, parts, ref)
    one_by_one = {fid: FacilityAcc() for fid in FIDS}
    for part in parts:
        apply_part(one_by_one, cal, part, 1, ref)
    assert accs == one_by_one
    if counters is None:
        return False
    # The same counters read back from sums changed one part at a time (a part taken out
    # again leaves counters of zero days behind, as a re-pricing's sums may have).
    for part in parts[:1]:
        apply_part(one_by_one, cal, part, -1, ref)
        apply_part(one_by_one, cal, part, 1, ref)
    kept = counters_of(one_by_one, cal)
    kept_sums = month_sums(kept, cal, bases, overhead, fte)
    assert (kept_sums is None) == (month_sums(counters, cal, bases, overhead, fte) is None)
    for fid in FIDS if kept_sums is not None else ():
        # as those sums' own figures, each amount with its own key's decimals
        expected = month_figures(one_by_one[fid], bases[fid], overhead, cal, fte)
        assert _exact(kept_sums[fid]) == _exact(expected)
    top = []  # the most residents present on any day, per facility
    for fid in FIDS:
        running, peak = 0, 0
        for day in sorted(accs[fid].presence):
            running += accs[fid].presence[day]
            peak = max(peak, running)
        top.append(peak)
        for places in range(peak, peak + 2):
            assert capacity_sweep(accs[fid].presence, places) == []
        if peak:
            assert capacity_sweep(accs[fid].presence, peak - 1) != []
    # All facilities' spans over capacity at once = swept one by one, at and around each peak
    for places in {max(1, n + d) for n in [*top, 1] for d in (-2, -1, 0, 1)}:
        for sums_of in (counters, kept):
            swept = [capacity_sweep(accs[fid].presence, places) for fid in FIDS]
            assert over_capacity(sums_of, [places] * len(FIDS)) == swept
    mixed = [max(1, n - i) for i, n in enumerate(top)]  # each facility its own places
    swept = [capacity_sweep(accs[fid].presence, p) for fid, p in zip(FIDS, mixed, strict=True)]
    assert over_capacity(counters, mixed) == swept
    sums = month_sums(counters, cal, bases, overhead, fte)
    if sums is None:
        return False
    for fid in FIDS:
        expected = month_figures(accs[fid], bases[fid], overhead, cal, fte)
        assert _exact(sums[fid]) == _exact(expected)
    return True


_BASES = st.sampled_from(("850", "0", "-120", "1234567"))
# Hourly cost and productive hours per FTE: ordinary ones, a zero of either (no FTE funded), and
# ratios too large for the int64 path (the funded FTE then taken on each Decimal).
_FTES = st.sampled_from(
    (
        ("440.62", "1580"),
        ("512", "1924.5"),
        ("0", "1580"),
        ("440.62", "0"),
        ("1.0000000000001", "1234.56789123456789"),
    )
).map(lambda hp: month_fte(Decimal(hp[0]), Decimal(hp[1])))
_OVERHEAD = st.sampled_from(("0", "0.05", "0.125", "0.333", "-0.5", "1"))


@SLOW
@given(
    _parts(TARIFFS),
    st.tuples(*(_BASES for _ in FIDS)),
    _OVERHEAD,
    _FTES,
)
def test_month_sums_equal_one_by_one(
    made: Made, bases: tuple[str, ...], overhead: str, fte: MonthFte
) -> None:
    base = {fid: Decimal(b) for fid, b in zip(FIDS, bases, strict=True)}
    done = check_month_sums(made, base, Decimal(overhead), fte)
    assert done or not made[1]  # amounts with at most two decimals never need the Decimal path


@SLOW
@given(_parts(TARIFFS + DECIMAL_PATH), _OVERHEAD)
def test_month_sums_refuse_what_needs_decimals(made: Made, overhead: str) -> None:
    parts = made[1]
    base = dict.fromkeys(FIDS, Decimal(700))
    done = check_month_sums(made, base, Decimal(overhead))
    met = {
        str(op[4].service_tariff if isinstance(op[4], Placement) else op[4])
        for p in parts
        for op in p.ops
    }
    if met & set(DECIMAL_PATH):
        assert not done


def one_by_one(sc: Scenario) -> Result:
    """The result with every facility made from its kept sums, as ``incremental`` does."""
    comp = build(sc, keep=True)
    comp.facilities.clear()
    comp.facility_warnings.clear()
    for f in sc.facilities:
        refresh_facility(comp, f.id)
    assemble(comp)
    assert comp.result is not None
    return comp.result


def assert_same(sc: Scenario) -> None:
    try:
        at_once = compute(sc)
    except EngineError:
        return
    expected = one_by_one(sc)
    assert at_once == expected
    assert result_to_json(at_once) == result_to_json(expected)


@SLOW
@given(scenarios())
def test_compute_equals_facilities_one_by_one(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is None:
        return
    assert_same(sc)


@pytest.mark.parametrize("n", [3000, 10000])
@pytest.mark.parametrize("templates", [False, True])
def test_generated_scenarios_byte_identical(n: int, templates: bool) -> None:
    assert_same(generate(n, templates=templates))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_byte_identical(path: Path) -> None:
    assert_same(load_scenario(path))


@pytest.mark.parametrize("fallback", ["month_sums", "over_capacity"])
@pytest.mark.parametrize("templates", [False, True])
def test_the_one_by_one_paths_give_the_same_result(
    fallback: str, templates: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where ``month_sums`` refuses (None), every facility is summed from its kept counters;
    where ``over_capacity`` leaves the spans to the sweep (None), each facility's presence
    changes are put into its sums and swept one by one: the same result, the same warnings."""
    sc = generate(600, seed=5, templates=templates)
    at_once = compute(sc)
    monkeypatch.setattr(compute_module, fallback, lambda *args: None)
    made = compute(sc)
    assert made == at_once
    assert result_to_json(made) == result_to_json(at_once)
    assert sum(w.code == "over_capacity" for w in at_once.warnings) >= 10


def _exact_fte(activity: Decimal, hourly: Decimal, productive: Decimal) -> Decimal:
    """SPEC §3.5 on exact fractions: activity ÷ hourly cost ÷ (productive hours ÷ 12)."""
    if hourly == 0 or productive == 0:
        return Decimal("0.00")
    return round_half_up(Fraction(activity) / Fraction(hourly) / (Fraction(productive) / 12), 2)


@settings(max_examples=500, deadline=None)
@given(
    st.decimals(-(10**9), 10**9, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(0, 5000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(0, 8784, places=2, allow_nan=False, allow_infinity=False),
)
def test_month_fte_is_the_exact_ratio_rounded(
    activity: Decimal, hourly: Decimal, productive: Decimal
) -> None:
    """Productive hours ÷ 12 taken exactly, not as a 28-digit Decimal; the array path (whole
    øre) and the one-value path alike."""
    fte = month_fte(hourly, productive)
    expected = _exact_fte(activity, hourly, productive)
    assert fte(activity) == expected
    ore = int(activity * 100)
    (row,) = fte.of_ore(np.array([[ore] * 12], dtype=np.int64))
    assert row == [expected] * 12


def test_month_fte_on_an_exact_half() -> None:
    """1 kr at 1.200 kr an hour with 2 productive hours a year is exactly 0,005 FTE: up to
    0,01. (2 ÷ 12 as a 28-digit Decimal is 0,1666…667, a little more, which gave 0,00.)"""
    fte = month_fte(Decimal("1200"), Decimal("2"))
    assert fte(Decimal("1")) == Decimal("0.01")
    assert fte(Decimal("-1")) == Decimal("-0.01")
    assert fte.of_ore(np.array([[100, -100] + [0] * 10], dtype=np.int64))[0][:2] == [
        Decimal("0.01"),
        Decimal("-0.01"),
    ]


def test_a_span_still_open_at_a_facility_s_last_change_is_left_to_the_sweep() -> None:
    """Never met where every stay leaves; the facility after it must not take it over."""
    empty = (np.zeros(0, dtype=np.int64), np.zeros((0, 26), dtype=np.int64))
    span, y0 = 400, 739_000

    def counters(days: list[tuple[int, int, int]]) -> Counters:
        groups = np.array([f * span + d for f, d, _ in days], dtype=np.int64)
        change = np.array([n for _, _, n in days], dtype=np.int64)
        return Counters(["F1", "F2"], [], empty, empty, empty, (groups, change), span, y0)

    open_at_end = counters([(0, 5, 3), (1, 3, 2), (1, 6, -2)])
    assert over_capacity(open_at_end, [1, 1]) is None
    closed = counters([(0, 5, 3), (0, 9, -3), (1, 3, 2), (1, 6, -2)])
    assert over_capacity(closed, [1, 1]) == [[(y0 + 5, y0 + 8, 3)], [(y0 + 3, y0 + 5, 2)]]
    assert over_capacity(closed, [3, 2]) == [[], []]
