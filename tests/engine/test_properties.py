"""Invariants of the engine (SPEC §3, §4), checked on random valid scenarios.

Every test here runs with ``decimal.FloatOperation`` trapped, so any mixing of float and Decimal in
the engine (or the loader and output) fails the test.
"""

from __future__ import annotations

import copy
import decimal
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.parameters import LevelDef, LevelUnit, Parameters
from ressourcemodel.engine.schedule import hours_per_day
from ressourcemodel.engine.tariffs import place_hours
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict

from .strategies import entries, level_table, scenarios

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True)
def _trap_float_operations() -> Iterator[None]:
    ctx = decimal.getcontext()
    old = ctx.traps[decimal.FloatOperation]
    ctx.traps[decimal.FloatOperation] = True
    try:
        yield
    finally:
        ctx.traps[decimal.FloatOperation] = old


def run(d: dict[str, Any]) -> dict[str, Any]:
    return result_to_dict(compute(scenario_from_dict(copy.deepcopy(d))))


def D(v: str) -> Decimal:
    return Decimal(v)


# --- the year and its months ---------------------------------------------------------------


def check_months_sum_to_year(r: dict[str, Any]) -> None:
    for f in r["facilities"]:
        ms = f["months"]
        assert [m["month"] for m in ms] == list(range(1, 13))
        assert sum(D(m["fixed"]) for m in ms) == D(f["fixed_budget"]), f["id"]
        assert sum(D(m["activity"]) for m in ms) == D(f["activity_budget"]), f["id"]
        assert sum(D(m["sales_income"]) for m in ms) == D(f["sales_income"]), f["id"]
        assert sum(m["occupied_days"] for m in ms) == f["occupied_days"], f["id"]
    for key in ("fixed_budget", "activity_budget", "sales_income"):
        assert sum(D(f[key]) for f in r["facilities"]) == D(r["totals"][key]), key


def check_active_days_cover_occupied_days(r: dict[str, Any]) -> None:
    for f in r["facilities"]:
        for m in f["months"]:
            assert m["budget_active_days"] >= m["occupied_days"], (f["id"], m["month"])
            assert m["occupied_days"] >= 0


def check_fixed_phasing(r: dict[str, Any]) -> None:
    """Jan–Nov are equal whole kroner; December differs from them only by the remainder."""
    for f in r["facilities"]:
        fixed = [D(m["fixed"]) for m in f["months"]]
        assert len(set(fixed[:11])) == 1, f["id"]
        assert fixed[0] == fixed[0].to_integral_value(), f["id"]
        assert abs(fixed[11] - fixed[0]) <= 6, f["id"]  # |annual − 12·round(annual/12)| ≤ 6


def check_tariffs_increase_with_level(r: dict[str, Any]) -> None:
    tariffs = [D(lv["service_tariff"]) for lv in r["levels"]]
    priced = [D(lv["priced_hours"]) for lv in r["levels"]]
    for i in range(1, len(tariffs)):
        if priced[i] > priced[i - 1]:
            assert tariffs[i] >= tariffs[i - 1], r["levels"]
    top = tariffs[-1]
    for c in r["citizens"]:
        for p in c["periods"]:
            if p["level"] == "S1":  # priced on hours at or above the top bound
                assert D(p["service_tariff"]) >= top, p


def check_only_other_municipalities_billed(r: dict[str, Any], d: dict[str, Any]) -> None:
    code = d["municipality"]["code"]
    sold = {c["id"]: c["paying_municipality"] != code for c in d["citizens"]}
    for c in r["citizens"]:
        assert c["sold"] == sold[c["id"]], c["id"]
    if not any(sold.values()):
        assert all(D(f["sales_income"]) == 0 for f in r["facilities"])


def check_funded_fte(r: dict[str, Any]) -> None:
    for f in r["facilities"]:
        for m in f["months"]:
            fte = D(m["funded_fte"])
            assert fte == fte.quantize(Decimal("0.01")), m
            assert fte >= 0, m
            if D(m["activity"]) == 0:
                assert fte == 0, m


def check_over_capacity_warning(r: dict[str, Any], d: dict[str, Any]) -> None:
    """SPEC §3.5: a warning (not an error) when more residents are present than places."""
    year = d["year"]
    first, last = date(year, 1, 1), date(year, 12, 31)
    places = {f["id"]: int(f["places"]) for f in d["facilities"]}
    over: set[str] = set()
    for fid in places:
        count: dict[date, int] = {}
        for c in d["citizens"]:
            for s in c["stays"]:
                if s["facility"] != fid:
                    continue
                a = max(date.fromisoformat(s["move_in"]), first)
                b = min(date.fromisoformat(s["move_out"]) if s["move_out"] else last, last)
                while a <= b:
                    count[a] = count.get(a, 0) + 1
                    a += timedelta(days=1)
        if any(n > places[fid] for n in count.values()):
            over.add(fid)
    warned = {w["facility"] for w in r["warnings"] if w["code"] == "over_capacity"}
    assert warned == over


@SETTINGS
@given(scenarios())
def test_result_invariants(d: dict[str, Any]) -> None:
    r = run(d)
    check_months_sum_to_year(r)
    check_active_days_cover_occupied_days(r)
    check_fixed_phasing(r)
    check_tariffs_increase_with_level(r)
    check_only_other_municipalities_billed(r, d)
    check_funded_fte(r)
    check_over_capacity_warning(r, d)


@SETTINGS
@given(scenarios(payers=("707",)))
def test_no_sales_when_every_citizen_pays_707(d: dict[str, Any]) -> None:
    d["municipality"]["code"] = "707"
    d["parameters"]["billing_tail_rule"] = "month_plus_one"  # even with the longest billing
    r = run(d)
    assert D(r["totals"]["sales_income"]) == 0
    for f in r["facilities"]:
        assert D(f["sales_income"]) == 0
        assert all(D(m["sales_income"]) == 0 for m in f["months"])
    assert not any(c["sold"] for c in r["citizens"])


# --- amounts are strings of whole kroner or kroner with two decimals (SPEC §4) -------------

AMOUNT = re.compile(r"-?\d+(\.\d\d)?")


def amount_strings(r: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "hourly_cost", r["hourly_cost"]
    for lv in r["levels"]:
        yield f"levels[{lv['code']}].service_tariff", lv["service_tariff"]
    for f in r["facilities"]:
        for k in ("base_tariff", "fixed_budget", "activity_budget", "sales_income"):
            yield f"facilities[{f['id']}].{k}", f[k]
        for m in f["months"]:
            for k in ("fixed", "activity", "sales_income", "funded_fte"):
                yield f"facilities[{f['id']}].months[{m['month']}].{k}", m[k]
    for c in r["citizens"]:
        for i, p in enumerate(c["periods"]):
            yield f"citizens[{c['id']}].periods[{i}].service_tariff", p["service_tariff"]
    for k in ("fixed_budget", "activity_budget", "sales_income"):
        yield f"totals.{k}", r["totals"][k]


@SETTINGS
@given(scenarios())
def test_amounts_are_whole_kroner_or_two_decimals(d: dict[str, Any]) -> None:
    # Inputs of whole kroner and øre-exact hourly costs; other inputs: the test below.
    d["parameters"].pop("hourly_cost", None)
    for c in d["citizens"]:
        for a in c["assessments"]:
            if a.get("daily_amount"):
                a["daily_amount"] = str(Decimal(a["daily_amount"]).to_integral_value())
    for f in d["facilities"]:
        f["fixed_costs"] = {k: str(D(v).to_integral_value()) for k, v in f["fixed_costs"].items()}
    bad = [(k, v) for k, v in amount_strings(run(d)) if not AMOUNT.fullmatch(str(v))]
    assert not bad


def test_amounts_from_inputs_with_one_decimal_are_shown_with_two() -> None:
    d = {
        "year": 2026,
        "parameters": {"hourly_cost": "334.5"},
        "facilities": [{"id": "F1", "places": 2, "fixed_costs": {"oevrige": "100000.5"}}],
        "citizens": [
            {
                "id": "C1",
                "paying_municipality": "751",
                "stays": [{"facility": "F1", "move_in": "2026-01-01", "move_out": "2026-01-02"}],
                "assessments": [
                    {
                        "effective_from": "2026-01-01",
                        "level": "S2",
                        "daily_amount": "9000.5",
                        "reason": "2:1",
                    }
                ],
            }
        ],
    }
    bad = [(k, v) for k, v in amount_strings(run(d)) if not AMOUNT.fullmatch(str(v))]
    assert not bad, bad


# --- placement and hours -------------------------------------------------------------------

hours_st = st.fractions(min_value=0, max_value=30, max_denominator=2520)


@SETTINGS
@given(level_table(), hours_st, hours_st, st.booleans())
def test_placement_is_monotone_in_hours(
    table: list[dict[str, str]], h1: Fraction, h2: Fraction, weekly: bool
) -> None:
    per = 7 if weekly else 1
    levels = tuple(
        LevelDef(lv["code"], D(lv["lower"]) * per, D(lv["upper"]) * per, D(lv["priced_hours"]))
        for lv in table
    )
    params = Parameters(
        year=2026, levels=levels, level_unit=LevelUnit.WEEK if weekly else LevelUnit.DAY
    )
    order = [lv.code for lv in levels] + ["S1"]
    lo, hi = sorted((h1, h2))
    assert order.index(place_hours(lo, levels, params)) <= order.index(
        place_hours(hi, levels, params)
    )
    # and the placement is the documented one
    for h in (lo, hi):
        code = place_hours(h, levels, params)
        top = Fraction(table[-1]["upper"])
        if h >= top:
            assert code == "S1"
        elif h < Fraction(table[0]["lower"]):
            assert code == table[0]["code"]
        else:
            lv = next(lv for lv in table if Fraction(lv["lower"]) <= h < Fraction(lv["upper"]))
            assert code == lv["code"]


def _entries_of(raw: list[dict[str, Any]]) -> Any:
    d = {
        "year": 2026,
        "facilities": [{"id": "F1", "places": 1}],
        "citizens": [
            {
                "id": "C1",
                "paying_municipality": "707",
                "stays": [{"facility": "F1", "move_in": "2026-01-01"}],
                "assessments": [{"effective_from": "2026-01-01", "entries": raw}],
            }
        ],
    }
    return scenario_from_dict(d).citizens[0].assessments[0].entries


@SETTINGS
@given(entries(), st.integers(1, 7))
def test_hours_scale_linearly_with_the_number_of_days(raw: list[dict[str, Any]], k: int) -> None:
    parsed = _entries_of(raw)
    one_day = tuple(replace(e, days=frozenset({0})) for e in parsed)
    k_days = tuple(replace(e, days=frozenset(range(k))) for e in parsed)
    assert hours_per_day(k_days) == k * hours_per_day(one_day)
    # and the døgnskema as given: each entry counts once per weekday it lists
    assert hours_per_day(parsed) == sum(
        (len(e.days) * hours_per_day((replace(e, days=frozenset({0})),)) for e in parsed),
        start=Fraction(0),
    )


@SETTINGS
@given(entries(), st.integers(2, 7))
def test_hours_scale_linearly_end_to_end(raw: list[dict[str, Any]], k: int) -> None:
    """Through the loader, compute and output: the same entries as group entries (which may
    overlap) on one day and on k days give k times the hours (to display precision)."""

    def scenario(days: list[str]) -> dict[str, Any]:
        es = []
        for e in raw:
            staff = 2 if e["form"] == "double" else int(e.get("staff", 1))
            parts = int(e.get("participants", 1))
            es.append(
                {
                    "days": days,
                    "start": e["start"],
                    "end": e["end"],
                    "form": "group",
                    "participants": parts,
                    "staff": staff,
                }
            )
        return {
            "year": 2026,
            "parameters": {"hourly_cost": "300.00"},
            "facilities": [{"id": "F1", "places": 1}],
            "citizens": [
                {
                    "id": "C1",
                    "paying_municipality": "707",
                    "stays": [{"facility": "F1", "move_in": "2026-01-01"}],
                    "assessments": [{"effective_from": "2026-01-01", "entries": es}],
                }
            ],
        }

    weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    h1 = D(run(scenario(["mon"]))["citizens"][0]["periods"][0]["hours_per_day"])
    hk = D(run(scenario(weekdays[:k]))["citizens"][0]["periods"][0]["hours_per_day"])
    assert abs(hk - k * h1) <= Decimal("0.005") * k + Decimal("0.005")
