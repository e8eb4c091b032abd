"""Billing statements (SPEC §3.6): the lines of a year equal the sales income exactly."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.billing import billing_lines, overdue, total
from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict

from .golden import load_cases
from .strategies import scenarios

CASES = [(n, c) for n, c in load_cases() if "expect" in c]


def _check(data: dict[str, Any]) -> None:
    scenario = scenario_from_dict(data)
    result = compute(scenario)
    lines = billing_lines(scenario)
    by_facility: dict[str, Decimal] = defaultdict(Decimal)
    by_month: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for ln in lines:
        assert ln.amount == ln.rate * ln.days
        assert ln.days == (ln.end - ln.start).days + 1
        assert ln.start.month == ln.end.month == ln.month
        assert ln.municipality != scenario.parameters.municipality_code
        by_facility[ln.facility] += ln.amount
        by_month[(ln.facility, ln.month)] += ln.amount
    for f in result.facilities:
        assert by_facility[f.id] == f.sales_income, f.id
        for mr in f.months:
            assert by_month[(f.id, mr.month)] == mr.sales_income, (f.id, mr.month)
    assert total(lines) == result.overview.total.sales_income


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_lines_equal_sales_income_on_the_golden_cases(name: str, case: dict[str, Any]) -> None:
    _check(case["scenario"])


RULES = st.sampled_from(["none", "month_plus_one"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenarios(), RULES, RULES)
def test_lines_equal_sales_income_on_random_scenarios(
    data: dict[str, Any], billing_tail: str, tail: str
) -> None:
    data["parameters"] = {
        **data["parameters"],
        "billing_tail_rule": billing_tail,
        "tail_rule": tail,
    }
    try:
        _check(data)
    except ScenarioError:
        pytest.skip("the strategy made an invalid combination")


def test_a_sold_place_billed_from_move_in_to_move_out_split_by_month() -> None:
    data = {
        "year": 2026,
        "municipality": {"code": "707"},
        "parameters": {"hourly_cost": "334.00"},
        "facilities": [
            {
                "id": "F1",
                "name": "Et tilbud",
                "area": "A",
                "places": 2,
                "occupancy_rate": "1",
                "fixed_costs": {"nattevagt": "730000"},
            }
        ],
        "citizens": [
            {
                "id": "C1",
                "paying_municipality": "751",
                "stays": [{"facility": "F1", "move_in": "2026-01-20", "move_out": "2026-02-10"}],
                "assessments": [{"effective_from": "2026-01-01", "level": "2", "reason": "test"}],
            },
        ],
    }
    lines = billing_lines(scenario_from_dict(data))
    # base 730.000 ÷ (2 × 365 × 1) = 1.000; service level 2 = 3 h × 1,25 × 334 = 1.252,50 → 1.253
    assert [(ln.month, ln.start, ln.end, ln.days, ln.rate, ln.amount) for ln in lines] == [
        (1, date(2026, 1, 20), date(2026, 1, 31), 12, Decimal(2253), Decimal(27036)),
        (2, date(2026, 2, 1), date(2026, 2, 10), 10, Decimal(2253), Decimal(22530)),
    ]
    late = overdue(lines, year=2026, invoiced=set(), today=date(2027, 2, 1))
    assert late == [("751", 1, Decimal(27036))]
    assert overdue(lines, year=2026, invoiced={("751", 1)}, today=date(2027, 2, 1)) == []
