"""Explanations and comparisons (SPEC §3.11–3.12): golden cases worked by hand, and properties
on random scenarios — parts sum to the figures, causes to the difference, in the documented
order."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ressourcemodel.cli import main
from ressourcemodel.engine.compare import CAUSES, budget_changes, compare
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.explain import explain_facility
from ressourcemodel.scenario.explain_output import (
    comparison_to_dict,
    facility_explanation_to_dict,
)
from ressourcemodel.scenario.load import ScenarioError, _StringLoader, scenario_from_dict

from .golden import mismatches
from .strategies import scenarios

CASES = yaml.load(
    (Path(__file__).parent / "cases/explain/explain_and_diff.yaml").read_text("utf-8"),
    Loader=_StringLoader,
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("case", CASES["explain"], ids=[c["name"] for c in CASES["explain"]])
def test_explain_golden(case: dict[str, Any]) -> None:
    month = int(case["month"]) if "month" in case else None
    got = facility_explanation_to_dict(
        explain_facility(scenario_from_dict(case["scenario"]), case["facility"], month)
    )
    assert got["activity"] == case["activity"]
    assert not mismatches(case["parts"], got["parts"])


@pytest.mark.parametrize("case", CASES["diff"], ids=[c["name"] for c in CASES["diff"]])
def test_diff_golden(case: dict[str, Any]) -> None:
    got = comparison_to_dict(
        compare(scenario_from_dict(case["before"]), scenario_from_dict(case["after"]))
    )
    assert got["total"] == case["total"]
    assert [{"cause": c["cause"], "amount": c["amount"]} for c in got["causes"]] == case["causes"]
    for cause, per_citizen in case.get("citizens", {}).items():
        found = next(c for c in got["causes"] if c["cause"] == cause)
        assert {x["citizen"]: x["amount"] for x in found["citizens"]} == per_citizen


def _scenario(data: dict[str, Any]) -> Any:
    try:
        s = scenario_from_dict(data)
        compute(s)
    except (ScenarioError, EngineError):
        return None
    return s


@SETTINGS
@given(scenarios())
def test_parts_sum_to_every_facilitys_month_and_year(data: dict[str, Any]) -> None:
    s = _scenario(data)
    if s is None:
        return
    result = compute(s)
    for f in result.facilities:
        year = explain_facility(s, f.id)
        assert year.activity == f.activity_budget
        assert sum((p.amount for p in year.parts), start=Decimal(0)) == f.activity_budget
        for mr in f.months:
            assert explain_facility(s, f.id, mr.month).activity == mr.activity


@SETTINGS
@given(scenarios(), st.sampled_from(["0.20", "0.25", "0.31"]))
def test_budget_changes_are_each_facilitys_and_the_totals_difference(
    a: dict[str, Any], share: str
) -> None:
    before = _scenario(a)
    if before is None:
        return
    after = replace(before, parameters=replace(before.parameters, indirect_share=Decimal(share)))
    r0, r1 = compute(before), compute(after)
    rows = budget_changes(r0, r1)
    assert [c.facility for c in rows] == [f.id for f in r1.facilities] + [""]
    for c, f0, f1 in zip(rows, r0.facilities, r1.facilities, strict=False):
        assert (c.before, c.after, c.change) == (
            f0.total_budget,
            f1.total_budget,
            f1.total_budget - f0.total_budget,
        )
    total = rows[-1]
    assert total.change == r1.overview.total.total_budget - r0.overview.total.total_budget
    assert sum((c.change for c in rows[:-1]), start=Decimal(0)) == total.change


@SETTINGS
@given(scenarios(), scenarios())
def test_causes_sum_to_the_difference_and_self_diff_is_zero(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    before = _scenario(a)
    if before is None:
        return
    itself = compare(before, before)
    assert itself.difference == 0
    assert all(c.amount == 0 and not any(c.facilities.values()) for c in itself.causes)
    b = {**b, "year": a["year"]}
    after = _scenario(b)
    if after is None:
        return
    c = compare(before, after)
    assert [k.cause for k in c.causes] == list(CAUSES)
    assert sum((k.amount for k in c.causes), start=Decimal(0)) == c.difference
    for fid in c.facility_ids():
        diff = c.after.facilities.get(fid, Decimal(0)) - c.before.facilities.get(fid, Decimal(0))
        assert sum((k.facilities.get(fid, Decimal(0)) for k in c.causes), start=Decimal(0)) == diff
    for k in c.causes:
        if k.citizens:
            assert sum((x for _, x in k.citizens), start=Decimal(0)) == k.amount


@SETTINGS
@given(scenarios())
def test_a_change_lands_in_its_own_cause(data: dict[str, Any]) -> None:
    before = _scenario(data)
    if before is None:
        return
    p = before.parameters
    only_params = replace(before, parameters=replace(p, indirect_share=p.indirect_share + 1))
    c = compare(before, only_params)
    assert [k.amount == 0 for k in c.causes] == [False, True, True, True] or c.difference == 0
    f = before.facilities[0]
    more = replace(f, fixed_costs=((*f.fixed_costs, ("oevrige", Decimal(12000)))))
    only_fixed = replace(before, facilities=(more, *before.facilities[1:]))
    c = compare(before, only_fixed)
    assert [k.cause for k in c.causes if k.amount] == ["facilities"]


def test_cli_explain_and_diff_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    case = CASES["diff"][0]
    before.write_text(yaml.safe_dump(copy.deepcopy(case["before"])), "utf-8")
    after.write_text(yaml.safe_dump(copy.deepcopy(case["after"])), "utf-8")
    assert main(["explain", str(before), "--facility", "F1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"facility", "month", "activity", "parts"}
    assert doc["month"] is None
    assert set(doc["parts"][0]) >= {"citizen", "from", "to", "days", "level", "service_tariff",
                                    "amount", "kind"}  # fmt: skip
    assert main(["explain", str(before), "--facility", "F1", "--month", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["month"] == 3
    assert main(["explain", str(before), "--citizen", "B"]) == 0
    assert "niveau 3" in capsys.readouterr().out
    assert main(["diff", str(before), str(after), "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["total"] == case["total"]
    assert {c["cause"] for c in diff["causes"]} == set(CAUSES)
    assert diff["facilities"][0]["id"] == "F1"
    assert main(["diff", str(before), str(after)]) == 0
    assert "Takstparametre" in capsys.readouterr().out


def test_cli_errors_are_danish_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "s.yaml"
    good.write_text(yaml.safe_dump(copy.deepcopy(CASES["diff"][0]["before"])), "utf-8")
    assert main(["explain", str(good), "--facility", "NOPE"]) == 2
    assert "findes ikke" in capsys.readouterr().err
    assert main(["explain", str(good)]) == 2
    assert "--facility" in capsys.readouterr().err
    other = tmp_path / "o.yaml"
    data = copy.deepcopy(CASES["diff"][0]["before"])
    data["year"] = 2027
    other.write_text(yaml.safe_dump(data), "utf-8")
    assert main(["diff", str(good), str(other)]) == 2
    assert "samme år" in capsys.readouterr().err
