"""Runs every golden scenario case in tests/engine/cases/ (see golden.py for the format)."""

from __future__ import annotations

from typing import Any

import pytest

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict

from .golden import load_cases, mismatches

CASES = load_cases()


def test_there_are_golden_cases_for_every_rule() -> None:
    rules = {str(c.get("rule", "")).split()[1] for _, c in CASES if c.get("rule")}
    assert {"§3.1", "§3.2", "§3.3", "§3.4", "§3.5", "§3.6", "§3.7"} <= rules


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_golden_case(name: str, case: dict[str, Any]) -> None:
    if "expect_error" in case:
        with pytest.raises((EngineError, ScenarioError)) as info:
            compute(scenario_from_dict(case["scenario"]))
        for text in case["expect_error"]["contains"]:
            assert text in str(info.value), f"{text!r} ikke i {str(info.value)!r}"
        return
    actual = result_to_dict(compute(scenario_from_dict(case["scenario"])))
    errs = mismatches(case["expect"], actual)
    assert not errs, "\n".join(errs)
