"""A scenario written by ``scenario_to_dict`` loads back to an equal scenario (export-scenario)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import load_scenario, parse_scenario
from ressourcemodel.scenario.output import result_to_dict

from .golden import load_cases

EXAMPLE = Path(__file__).parents[2] / "examples" / "norddjurs-eksempel.yaml"


def _roundtrip(sc):  # type: ignore[no-untyped-def]
    text = yaml.safe_dump(scenario_to_dict(sc), allow_unicode=True, sort_keys=False)
    return parse_scenario(text)


def test_example_roundtrips_exactly() -> None:
    sc = load_scenario(EXAMPLE)
    assert _roundtrip(sc) == sc


def test_every_golden_scenario_roundtrips_to_the_same_result() -> None:
    from ressourcemodel.scenario.load import scenario_from_dict

    n = 0
    for _, case in load_cases():
        if "expect" not in case:
            continue
        sc = scenario_from_dict(case["scenario"])
        back = _roundtrip(sc)
        assert back == sc
        assert result_to_dict(compute(back)) == result_to_dict(compute(sc))
        n += 1
    assert n >= 10
