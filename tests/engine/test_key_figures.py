"""Key figures by area and in total (SPEC §3.7) against the facility results they come from.

The engine reads each facility once, into its area's exact sums, and adds the areas' sums for
the total. Here every figure is worked out again from the facility results of the same
calculation, group by group, in Fractions, as the formulas of SPEC §3.7 read: the grouping must
not change a single øre or day."""

from __future__ import annotations

import copy
import random
import sys
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.compute import Computation, build
from ressourcemodel.engine.model import Scenario
from ressourcemodel.engine.money import round_half_up
from ressourcemodel.engine.results import FacilityResult, KeyFigures

from .strategies import scenario_or_none, scenarios

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from generate import generate

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _opt(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, start=Decimal(0)) if present else None


def _by_level(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    def key(kv: tuple[str, int]) -> tuple[int, int, str]:
        return (0, int(kv[0]), "") if kv[0].isdigit() else (1, 0, kv[0])

    return tuple(sorted(counts.items(), key=key))


def expected(
    name: str,
    group: list[FacilityResult],
    ndays: int,
    on_ref: dict[str, dict[str, int]],
    hours: dict[str, tuple[Fraction, int]],
) -> KeyFigures:
    """SPEC §3.7 for one group, facility by facility, ratios in Fractions."""
    fixed = sum((f.fixed_budget for f in group), start=Decimal(0))
    activity = sum((f.activity_budget for f in group), start=Decimal(0))
    sales = sum((f.sales_income for f in group), start=Decimal(0))
    places = sum(f.places for f in group)
    occupied = sum(f.occupied_days for f in group)
    sold = Fraction(sum(f.sold_days for f in group), ndays)
    total, capacity = fixed + activity, places * ndays
    level_days: dict[str, int] = {}
    residents: dict[str, int] = {}
    for f in group:
        for code, n in f.level_days:
            level_days[code] = level_days.get(code, 0) + n
        for code, n in on_ref[f.id].items():
            residents[code] = residents.get(code, 0) + n
    numeric = [(int(c), n) for c, n in level_days.items() if c.isdigit()]
    level_n = sum(n for _, n in numeric)
    hsum = sum((hours[f.id][0] for f in group if f.id in hours), start=Fraction(0))
    hdays = sum(hours[f.id][1] for f in group if f.id in hours)
    with_fc = [f.forecast for f in group if f.forecast is not None]
    forecast = sum(
        (f.forecast.forecast_budget_rest if f.forecast else f.total_budget for f in group),
        start=Decimal(0),
    )
    old, prev = _opt([f.old_budget for f in group]), _opt([f.previous_budget for f in group])
    return KeyFigures(
        name=name,
        facilities=len(group),
        fixed_budget=fixed,
        activity_budget=activity,
        total_budget=total,
        sales_income=sales,
        net_cost=total - sales,
        places=places,
        occupied_days=occupied,
        capacity_days=capacity,
        occupancy=round_half_up(Fraction(occupied, capacity), 4) if capacity else Decimal(0),
        residents_per_level=_by_level(residents),
        resident_days_per_level=_by_level(level_days),
        average_level=(
            round_half_up(Fraction(sum(c * n for c, n in numeric), level_n), 2) if level_n else None
        ),
        average_hours_per_day=round_half_up(hsum / hdays, 2) if hdays else None,
        sold_places=round_half_up(sold, 2),
        sold_share=round_half_up(sold / places, 4) if places else Decimal(0),
        cost_per_place_per_day=(round_half_up(Fraction(total) / capacity, 2) if capacity else None),
        funded_fte=sum((f.funded_fte for f in group), start=Decimal(0)),
        actual_fte=_opt([f.actual_fte for f in group]),
        actual_to_date=_opt([fc.actual_to_date for fc in with_fc]) if with_fc else None,
        budget_to_date=_opt([fc.budget_to_date for fc in with_fc]) if with_fc else None,
        forecast=forecast if with_fc else None,
        old_budget=old,
        change_vs_old=(total - old) if old is not None else None,
        previous_budget=prev,
        change_vs_previous=(total - prev) if prev is not None else None,
    )


@st.composite
def with_follow_up(draw: Any) -> dict[str, Any]:
    """A drawn scenario whose facilities may have actuals (a run from January, or with a gap),
    an actual FTE, an old and a previous budget, and lie in one or two areas."""
    d = copy.deepcopy(draw(scenarios()))
    for f in d["facilities"]:
        f["area"] = draw(st.sampled_from(["Område Nord", "Område Syd"]))
        if draw(st.booleans()):
            months = draw(st.sets(st.integers(1, 12), max_size=12))
            f["actuals"] = {m: str(draw(st.integers(0, 900_000))) for m in sorted(months)}
        for key in ("actual_fte", "old_budget", "previous_budget"):
            if draw(st.booleans()):
                f[key] = f"{draw(st.integers(0, 5_000_000))}.{draw(st.integers(0, 99)):02d}"
    return d


def assert_key_figures(comp: Computation) -> None:
    result = comp.result
    assert result is not None
    ndays = result.days_in_year
    on_ref = {fid: acc.on_ref for fid, acc in comp.accs.items()}
    areas = sorted({f.area for f in result.facilities})
    assert [k.name for k in result.overview.areas] == areas
    for k in result.overview.areas:
        group = [f for f in result.facilities if f.area == k.name]
        assert repr(k) == repr(expected(k.name, group, ndays, on_ref, comp.hours))
    total = expected("I alt", list(result.facilities), ndays, on_ref, comp.hours)
    assert repr(result.overview.total) == repr(total)


@SETTINGS
@given(with_follow_up())
def test_area_and_total_key_figures_are_the_sums_of_their_facilities(d: dict[str, Any]) -> None:
    sc = scenario_or_none(d)
    if sc is not None:
        assert_key_figures(build(sc))


def followed_up(sc: Scenario, seed: int) -> Scenario:
    """The benchmark municipality with actuals, actual FTE, old and previous budgets on some
    facilities, so that several facilities of an area have each figure."""
    rnd = random.Random(seed)
    facilities = []
    for f in sc.facilities:
        months = sorted(rnd.sample(range(1, 13), rnd.randint(0, 6)))
        facilities.append(
            replace(
                f,
                actuals=tuple((m, Decimal(rnd.randrange(0, 900_000))) for m in months),
                actual_fte=rnd.choice([None, Decimal(rnd.randrange(0, 2000)) / 100]),
                old_budget=rnd.choice([None, Decimal(rnd.randrange(0, 10**9)) / 100]),
                previous_budget=rnd.choice([None, Decimal(rnd.randrange(0, 10**9))]),
            )
        )
    return replace(sc, facilities=tuple(facilities))


def test_the_benchmark_municipality_s_key_figures_are_the_sums_of_its_facilities() -> None:
    # 4.000 residents: 200 facilities in 100 areas, two in each
    assert_key_figures(build(followed_up(generate(4000, seed=11), seed=11), keep=False))
