"""import-scenario → export-scenario → compute gives the original's figures, for the golden
cases, for random valid scenarios, and into a database that has only been migrated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.imports.services import scenario_import
from ressourcemodel.web.records import models as m
from tests.engine.golden import load_cases
from tests.engine.strategies import scenarios

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _empty() -> None:
    m.Citizen.objects.all().delete()
    m.Facility.objects.all().delete()
    m.Area.objects.all().delete()
    m.TariffYear.objects.all().delete()


def _numbers(value: Any) -> Any:
    """The result with every number as its value ("0.90" and "0.9" are the same rate; the
    database keeps values, not how a file happened to write them)."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return Decimal(value).normalize()
    return value


def _round_trip(data: dict[str, Any]) -> tuple[Any, Any]:
    original = scenario_from_dict(data)
    _empty()
    scenario_import(user=None, scenario=original, source="test")
    exported = scenario_from_dict(
        scenario_to_dict(scenario_for_year(original.parameters.year, external_ids=True))
    )
    before = _numbers(result_to_dict(compute(original)))
    return before, _numbers(result_to_dict(compute(exported)))


VALID = [(name, case) for name, case in load_cases() if "expect" in case]


@pytest.mark.parametrize(("name", "case"), VALID, ids=[n for n, _ in VALID])
def test_golden_cases_survive_import_and_export(name: str, case: dict[str, Any]) -> None:
    before, after = _round_trip(case["scenario"])
    assert after == before, name


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenarios())
def test_random_scenarios_survive_import_and_export(data: dict[str, Any]) -> None:
    before, after = _round_trip(data)
    assert after == before


def test_import_without_replace_refuses_an_existing_year_and_changes_nothing() -> None:
    data = yaml.safe_load((ROOT / "examples" / "norddjurs-eksempel.yaml").read_text("utf-8"))
    scenario = scenario_from_dict(data)
    _empty()
    scenario_import(user=None, scenario=scenario, source="a")
    counts = (m.Citizen.objects.count(), m.TariffYear.objects.count(), m.Stay.objects.count())
    with pytest.raises(ServiceError, match="brug --replace"):
        scenario_import(user=None, scenario=scenario, source="b")
    assert (m.Citizen.objects.count(), m.TariffYear.objects.count(),
            m.Stay.objects.count()) == counts  # fmt: skip
    summary = scenario_import(user=None, scenario=scenario, replace=True, source="c")
    assert summary.updated["borgere"] == len(scenario.citizens)
    assert m.TariffYear.objects.filter(year=scenario.parameters.year).count() == 2  # versions


def test_a_scenario_the_database_cannot_hold_changes_nothing() -> None:
    data = yaml.safe_load((ROOT / "examples" / "norddjurs-eksempel.yaml").read_text("utf-8"))
    data["facilities"][0]["area"] = "Område " + "X" * 150  # the file allows it, the table not
    _empty()
    with pytest.raises(ServiceError, match="højst være 100 tegn"):
        scenario_import(user=None, scenario=scenario_from_dict(data), source="x")
    assert not m.TariffYear.objects.exists()
    assert not m.Citizen.objects.exists()


def test_cli_round_trip_into_a_database_that_has_only_been_migrated(tmp_path: Path) -> None:
    if os.environ.get("RESSOURCEMODEL_DB") == "postgres":
        pytest.skip("the command line round trip uses a fresh SQLite file")
    env = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(tmp_path / "fresh.sqlite3")}
    cli = [sys.executable, "-m", "ressourcemodel.cli"]
    example = ROOT / "examples" / "norddjurs-eksempel.yaml"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, check=False)

    assert run("manage", "migrate", "-v0").returncode == 0
    done = run("import-scenario", str(example))
    assert done.returncode == 0, done.stderr
    assert "importeret" in done.stdout
    assert (
        run("export-scenario", "--year", "2026", "-o", str(tmp_path / "out.yaml")).returncode == 0
    )
    a = run("compute", str(example))
    b = run("compute", str(tmp_path / "out.yaml"))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout
    again = run("import-scenario", str(example))
    assert again.returncode == 2
    assert "brug --replace" in again.stderr
    assert again.stdout == ""
