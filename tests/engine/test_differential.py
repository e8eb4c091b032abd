"""Differential test: the engine against the naive reference of tests/engine/reference.py.

Random valid scenarios (tests/engine/strategies.py) go through both
``result_to_dict(compute(scenario_from_dict(d)))`` and ``reference(d)``; every field the reference
computes must agree to the krone (amounts are compared as Decimal values, day counts as ints,
dates and codes as strings). Below the property: hand-built corner cases.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict

from .reference import reference
from .strategies import scenarios

FAC_AMOUNTS = (
    "base_tariff",
    "fixed_budget",
    "activity_budget",
    "sales_income",
    "occupancy_rate",
    "regulation",
)
MONTH_AMOUNTS = ("fixed", "activity", "sales_income", "funded_fte")
MONTH_COUNTS = ("occupied_days", "budget_active_days")


def engine(d: dict[str, Any]) -> dict[str, Any]:
    return result_to_dict(compute(scenario_from_dict(copy.deepcopy(d))))


def _num(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def diff(ref: dict[str, Any], eng: dict[str, Any]) -> list[str]:
    """Every difference between the reference and the engine result, as readable lines."""
    out: list[str] = []

    def amount(path: str, r: Any, e: Any) -> None:
        if _num(r) != _num(e):
            out.append(f"{path}: reference {r!r} ≠ engine {e!r}")

    def same(path: str, r: Any, e: Any) -> None:
        if r != e:
            out.append(f"{path}: reference {r!r} ≠ engine {e!r}")

    same("year", ref["year"], eng["year"])
    amount("hourly_cost", ref["hourly_cost"], eng["hourly_cost"])
    eng_levels = {lv["code"]: lv for lv in eng["levels"]}
    for lv in ref["levels"]:
        e = eng_levels.get(lv["code"])
        if e is None:
            out.append(f"levels[{lv['code']}]: missing in engine")
        else:
            amount(
                f"levels[{lv['code']}].service_tariff", lv["service_tariff"], e["service_tariff"]
            )

    eng_fac = {f["id"]: f for f in eng["facilities"]}
    for f in ref["facilities"]:
        e = eng_fac.get(f["id"])
        p = f"facilities[{f['id']}]"
        if e is None:
            out.append(f"{p}: missing in engine")
            continue
        for k in FAC_AMOUNTS:
            amount(f"{p}.{k}", f[k], e[k])
        same(f"{p}.occupied_days", f["occupied_days"], e["occupied_days"])
        eng_months = {m["month"]: m for m in e["months"]}
        for m in f["months"]:
            em = eng_months.get(m["month"])
            mp = f"{p}.months[{m['month']}]"
            if em is None:
                out.append(f"{mp}: missing in engine")
                continue
            for k in MONTH_AMOUNTS:
                amount(f"{mp}.{k}", m[k], em[k])
            for k in MONTH_COUNTS:
                same(f"{mp}.{k}", m[k], em[k])

    eng_cit = {c["id"]: c for c in eng["citizens"]}
    for c in ref["citizens"]:
        e = eng_cit.get(c["id"])
        p = f"citizens[{c['id']}]"
        if e is None:
            if c["periods"]:
                out.append(f"{p}: missing in engine")
            continue
        same(f"{p}.sold", c["sold"], e["sold"])
        rp, ep = c["periods"], e["periods"]
        for i in range(max(len(rp), len(ep))):
            r1 = rp[i] if i < len(rp) else None
            e1 = ep[i] if i < len(ep) else None
            if r1 is None or e1 is None:
                out.append(f"{p}.periods[{i}]: reference {r1!r} ≠ engine {e1!r}")
                continue
            for k in ("from", "to", "facility", "level"):
                same(f"{p}.periods[{i}].{k}", r1[k], e1[k])
            amount(f"{p}.periods[{i}].service_tariff", r1["service_tariff"], e1["service_tariff"])
            amount(f"{p}.periods[{i}].hours_per_day", r1["hours_per_day"], e1["hours_per_day"])

    for k, v in ref["totals"].items():
        amount(f"totals.{k}", v, eng["totals"][k])
    return out


def assert_agrees(d: dict[str, Any]) -> None:
    ref = reference(d)
    eng = engine(d)
    problems = diff(ref, eng)
    if problems:
        shown = "\n  ".join(problems[:40])
        more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
        pytest.fail(
            f"engine ≠ reference ({len(problems)} differences):\n  {shown}{more}\n"
            f"scenario:\n{json.dumps(d, ensure_ascii=False, indent=1)}",
            pytrace=False,
        )


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios())
def test_engine_matches_reference(d: dict[str, Any]) -> None:
    assert_agrees(d)


# --- hand-built corner cases ---------------------------------------------------------------


def _scenario(year: int, citizens: list[dict[str, Any]], **params: Any) -> dict[str, Any]:
    return {
        "year": year,
        "municipality": {"code": "707", "name": "Norddjurs"},
        "parameters": {"hourly_cost": "334.00", **params},
        "facilities": [
            {
                "id": "F1",
                "name": "Bofællesskabet Eksempel",
                "area": "Område Grenaa",
                "places": 12,
                "regulation": "-150000",
                "fixed_costs": {"ledelse_og_administration": "900000", "nattevagt": "1100000"},
            }
        ],
        "citizens": citizens,
    }


def _daily(start: str, end: str, form: str = "individual", **kw: Any) -> dict[str, Any]:
    return {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "start": start,
        "end": end,
        "form": form,
        "theme": "Egenomsorg",
        "legal_basis": "SEL85",
        **kw,
    }


def _citizen(
    cid: str, move_in: str, move_out: str | None, entries: list[dict[str, Any]], pm: str = "707"
) -> dict[str, Any]:
    return {
        "id": cid,
        "paying_municipality": pm,
        "stays": [{"facility": "F1", "move_in": move_in, "move_out": move_out}],
        "assessments": [{"effective_from": move_in, "entries": entries}],
    }


def _period(result: dict[str, Any], cid: str) -> list[dict[str, Any]]:
    return next(c for c in result["citizens"] if c["id"] == cid)["periods"]


def test_leap_day_is_a_budget_day() -> None:
    d = _scenario(
        2028,
        [_citizen("C1", "2028-02-29", "2028-02-29", [_daily("07:00", "10:00")], pm="751")],
        tail_rule="none",
    )
    assert_agrees(d)
    eng = engine(d)
    f = eng["facilities"][0]
    assert f["occupied_days"] == 1
    assert f["months"][1]["occupied_days"] == 1
    # 3 h/døgn → level 2 priced at 3 h: 3 × 1.25 × 334 = 1252.5 → 1253
    assert Decimal(f["activity_budget"]) == 1253
    assert _period(eng, "C1") == [
        {**_period(eng, "C1")[0], "from": "2028-02-29", "to": "2028-02-29", "level": "2"}
    ]


def test_december_move_out_tail_spills_into_january() -> None:
    # moved out 15 Dec 2025: budget-active until 31 Jan 2026 on the move-out day's level
    d = _scenario(2026, [_citizen("C1", "2024-03-01", "2025-12-15", [_daily("07:00", "09:00")])])
    assert_agrees(d)
    eng = engine(d)
    f = eng["facilities"][0]
    assert f["occupied_days"] == 0
    assert f["months"][0]["budget_active_days"] == 31
    # 2 h/døgn → level 2 (lower bound inclusive) priced at 3 h → 1253 kr × 31 days
    assert Decimal(f["months"][0]["activity"]) == 31 * 1253
    assert Decimal(f["months"][1]["activity"]) == 0
    assert _period(eng, "C1") == []


def test_december_move_out_in_the_year_tail_leaves_the_year() -> None:
    d = _scenario(
        2026,
        [_citizen("C1", "2026-12-01", "2026-12-10", [_daily("07:00", "08:00")], pm="751")],
        billing_tail_rule="month_plus_one",
    )
    assert_agrees(d)
    f = engine(d)["facilities"][0]
    assert f["months"][11]["budget_active_days"] == 31
    assert f["months"][11]["occupied_days"] == 10


def test_stay_beginning_before_the_year() -> None:
    d = _scenario(2026, [_citizen("C1", "2019-06-17", None, [_daily("08:00", "12:30")])])
    assert_agrees(d)
    eng = engine(d)
    assert eng["facilities"][0]["occupied_days"] == 365
    assert [(p["from"], p["to"]) for p in _period(eng, "C1")] == [("2026-01-01", "2026-12-31")]


def test_group_one_to_three_sixty_minutes_is_twenty_minutes() -> None:
    entries = [_daily("10:00", "11:00", "group", participants=3, staff=1)]
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, entries)])
    assert_agrees(d)
    assert _period(engine(d), "C1")[0]["hours_per_day"] == "0.33"


def test_double_sixty_minutes_is_a_hundred_and_twenty_minutes() -> None:
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, [_daily("10:00", "11:00", "double")])])
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["hours_per_day"], p["level"]) == ("2.00", "2")


def test_night_entry_crossing_midnight() -> None:
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, [_daily("22:00", "07:00")])])
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["hours_per_day"], p["level"]) == ("9.00", "5")


def test_s1_priced_on_exact_hours() -> None:
    # 17.5 h/døgn ≥ 16 → S1: 17.5 × 1.25 × 334 = 7306.25 → 7306
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, [_daily("06:00", "23:30")])])
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["level"], p["service_tariff"]) == ("S1", "7306")


def test_next_month_rule_moves_a_level_change_to_the_first() -> None:
    c = _citizen("C1", "2026-01-10", None, [_daily("07:00", "08:00")])
    c["assessments"].append({"effective_from": "2026-03-15", "entries": [_daily("07:00", "12:00")]})
    d = _scenario(2026, [c], level_change_rule="next_month")
    assert_agrees(d)
    assert [(p["from"], p["level"]) for p in _period(engine(d), "C1")] == [
        ("2026-01-10", "1"),
        ("2026-04-01", "3"),
    ]


def test_next_month_rule_two_changes_landing_on_the_same_first() -> None:
    # 5 Mar and 20 Mar both move to 1 Apr: the later assessment (20 Mar) wins; an assessment
    # dated 1 Jun itself beats one of 20 May that is moved to 1 Jun.
    c = _citizen("C1", "2026-01-10", None, [_daily("07:00", "08:00")])
    c["assessments"] += [
        {"effective_from": "2026-03-05", "entries": [_daily("07:00", "12:00")]},
        {"effective_from": "2026-03-20", "entries": [_daily("07:00", "16:00")]},
        {"effective_from": "2026-05-20", "entries": [_daily("07:00", "19:00")]},
        {"effective_from": "2026-06-01", "entries": [_daily("07:00", "10:00")]},
    ]
    d = _scenario(2026, [c], level_change_rule="next_month")
    assert_agrees(d)
    assert [(p["from"], p["level"]) for p in _period(engine(d), "C1")] == [
        ("2026-01-10", "1"),
        ("2026-04-01", "5"),
        ("2026-06-01", "2"),
    ]


def test_overlapping_stays_of_one_citizen_are_a_warning_and_both_count() -> None:
    c = _citizen("C1", "2026-01-01", "2026-01-31", [_daily("07:00", "08:00")])
    c["stays"].append({"facility": "F1", "move_in": "2026-01-20", "move_out": "2026-02-10"})
    d = _scenario(2026, [c], tail_rule="none")
    assert_agrees(d)
    eng = engine(d)
    assert eng["facilities"][0]["occupied_days"] == 31 + 22
    assert eng["warnings"], "overlapping stays should give a warning"


def test_uncovered_day_is_an_error_naming_citizen_and_dates() -> None:
    c = _citizen("C7", "2026-01-01", None, [_daily("07:00", "08:00")])
    c["assessments"][0]["effective_from"] = "2026-02-01"
    with pytest.raises(EngineError) as exc:
        engine(_scenario(2026, [c]))
    assert "C7" in str(exc.value)
    assert "01-01-2026" in str(exc.value) or "2026-01-01" in str(exc.value)


def test_uncovered_move_out_day_of_a_tail_reaching_the_year_is_an_error() -> None:
    c = _citizen("C7", "2025-11-01", "2025-12-20", [_daily("07:00", "08:00")])
    c["assessments"][0]["effective_from"] = "2025-12-21"
    with pytest.raises(EngineError, match="C7"):
        engine(_scenario(2026, [c]))
    # without a tail the year has nothing to price: no error
    engine(_scenario(2026, [c], tail_rule="none"))


@pytest.mark.parametrize(
    "entries",
    [
        [_daily("07:00", "09:00"), _daily("08:30", "10:00")],  # overlapping individual entries
        [
            _daily("00:00", "12:00"),
            _daily("12:00", "23:00"),
            _daily("23:00", "23:59"),
            {**_daily("23:59", "00:30"), "days": ["mon"]},
        ],  # more than 24 h on Monday
    ],
    ids=["overlap", "over-24h"],
)
def test_invalid_individual_entries_are_refused(entries: list[dict[str, Any]]) -> None:
    with pytest.raises((EngineError, ScenarioError)):
        engine(_scenario(2026, [_citizen("C1", "2026-01-01", None, entries)]))


def test_overlapping_group_entries_are_allowed() -> None:
    entries = [
        _daily("07:00", "09:00", "group", participants=2),
        _daily("08:00", "10:00", "group", participants=4, staff=2),
    ]
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, entries)])
    assert_agrees(d)


def test_periods_do_not_split_on_invisible_hour_changes() -> None:
    c = _citizen(
        "C1",
        "2026-01-01",
        "2026-01-02",
        [
            {**_daily("07:00", "07:01"), "days": ["mon"]},  # 1 min a week = 0.0024 h → "0.00"
        ],
    )
    c["assessments"].append(
        {
            "effective_from": "2026-01-02",
            "entries": [
                {**_daily("07:00", "07:01"), "days": ["mon", "tue"]},  # 2 min a week → "0.00"
            ],
        }
    )
    d = _scenario(2026, [c], tail_rule="none")
    periods = _period(engine(d), "C1")
    assert [(p["from"], p["to"], p["hours_per_day"], p["level"]) for p in periods] == [
        ("2026-01-01", "2026-01-02", "0.00", "1")
    ]


def test_hours_shown_round_half_up() -> None:
    # group 1:2 for 105 min on Mondays = 52.5 min a week = 0.125 h/døgn → "0.13"
    entries = [{**_daily("10:00", "11:45", "group", participants=2), "days": ["mon"]}]
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, entries)])
    assert_agrees(d)
    assert _period(engine(d), "C1")[0]["hours_per_day"] == "0.13"


@pytest.mark.parametrize(
    ("entries", "level", "tariff"),
    [
        (
            [_daily("06:00", "22:00")],
            "S1",
            "6680",
        ),  # exactly the top bound 16 h: S1, 16 × 1.25 × 334
        ([_daily("06:00", "21:59")], "8", "6263"),  # just below: level 8 priced 15 h (6262.5)
        ([_daily("00:00", "12:00"), _daily("12:00", "24:00")], "S1", "10020"),  # 24 h is allowed
        ([_daily("07:00", "09:00"), _daily("09:00", "10:00")], "2", "1253"),  # touching: allowed
    ],
    ids=["top-bound", "below-top", "exactly-24h", "touching"],
)
def test_level_boundaries(entries: list[dict[str, Any]], level: str, tariff: str) -> None:
    d = _scenario(2026, [_citizen("C1", "2026-01-01", None, entries)])
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["level"], p["service_tariff"]) == (level, tariff)


def test_hours_below_the_lowest_bound_take_the_lowest_level() -> None:
    levels = [
        {"code": str(k), "lower": str(k), "upper": str(k + 1), "priced_hours": str(k)}
        for k in range(1, 5)
    ]
    d = _scenario(
        2026, [_citizen("C1", "2026-01-01", None, [_daily("07:00", "07:30")])], levels=levels
    )
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["level"], p["service_tariff"]) == ("1", "418")


def test_levels_per_week() -> None:
    levels = [
        {
            "code": str(k),
            "lower": str(14 * (k - 1)),
            "upper": str(14 * k),
            "priced_hours": str(7 * (2 * k - 1)),
        }
        for k in range(1, 9)
    ]
    d = _scenario(
        2026,
        [_citizen("C1", "2026-01-01", None, [_daily("07:00", "09:00")])],
        levels=levels,
        level_unit="week",
    )
    assert_agrees(d)
    p = _period(engine(d), "C1")[0]
    assert (p["level"], p["service_tariff"], p["hours_per_day"]) == ("2", "1253", "2.00")


def test_billing_with_tail_and_overhead() -> None:
    # base (2.000.000 − 150.000) ÷ (12 × 365 × 0,97) = 435,43 → 435; level 1 → 418;
    # rate round((435 + 418) × 1,05 = 895,65) = 896; billed 1 Jan–30 Apr = 120 days
    c = _citizen("C1", "2025-06-01", "2026-03-10", [_daily("07:00", "08:00")], pm="751")
    d = _scenario(2026, [c], billing_tail_rule="month_plus_one", overhead_rate="0.05")
    assert_agrees(d)
    f = engine(d)["facilities"][0]
    assert (f["base_tariff"], f["sales_income"]) == ("435", str(120 * 896))
    assert f["months"][3]["sales_income"] == str(30 * 896)
    assert f["months"][4]["sales_income"] == "0"
