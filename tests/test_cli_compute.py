"""`ressourcemodel compute` as a user runs it: JSON out, or a Danish error and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ressourcemodel.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "norddjurs-eksempel.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ressourcemodel.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_compute_prints_the_spec_json_shape() -> None:
    proc = run("compute", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["year"] == 2026
    assert {"hourly_cost", "levels", "facilities", "citizens", "totals", "warnings"} <= out.keys()
    f = out["facilities"][0]
    assert {
        "id",
        "base_tariff",
        "fixed_budget",
        "activity_budget",
        "sales_income",
        "occupied_days",
        "months",
    } <= f.keys()
    assert len(f["months"]) == 12
    assert {"month", "fixed", "activity", "sales_income", "occupied_days", "funded_fte"} <= f[
        "months"
    ][0].keys()
    assert isinstance(f["base_tariff"], str)
    assert isinstance(f["occupied_days"], int)


def test_compute_table_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", str(EXAMPLE), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Servicetakster pr. døgn" in out
    assert " kr." in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("year: 2026\nfacilities: [{id: F1, places: 0}]\n", "facilities[0] (tilbud F1).places"),
        ("year: 2026\nparameters: {hourly_cost: abc}\n", "parameters.hourly_cost"),
        (
            (
                "year: 2026\nfacilities: [{id: F1, places: 2}]\ncitizens: [{id: C9, "
                "paying_municipality: '707', stays: [{facility: F7, move_in: 2026-01-01}]}]\n"
            ),
            "tilbud 'F7' findes ikke",
        ),
        (
            (
                "year: 2026\nfacilities: [{id: F1, places: 2}]\ncitizens: [{id: C9, "
                "paying_municipality: '707', stays: [{facility: F1, move_in: 2026-13-01}]}]\n"
            ),
            "citizens[0] (borger C9).stays[0].move_in",
        ),
        ("year: [\n", "YAML"),
    ],
)
def test_invalid_scenario_exits_2_with_nothing_on_stdout(
    tmp_path: Path, content: str, needle: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(content, encoding="utf-8")
    proc = run("compute", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert needle in proc.stderr


def test_json_float_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"year": 2026, "parameters": {"hourly_cost": 334.5}}', encoding="utf-8")
    proc = run("compute", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "tekst" in proc.stderr


def test_engine_rule_violation_also_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "year: 2026\nfacilities: [{id: F1, places: 2}]\ncitizens: [{id: C1, "
        "paying_municipality: '707', stays: [{facility: F1, move_in: 2026-01-01}], "
        "assessments: [{effective_from: 2026-02-01, level: '1', reason: x}]}]\n",
        encoding="utf-8",
    )
    proc = run("compute", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Borger C1" in proc.stderr
    assert "01-01-2026–31-01-2026" in proc.stderr


def test_the_program_leaves_at_once_with_all_its_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run as a program, ``compute`` ends the process as soon as its output is written (not
    freeing the result object by object): every byte must be out first, in both formats
    (standard output buffered, as it is unless PYTHONUNBUFFERED is set)."""
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.scenario.load import load_scenario
    from ressourcemodel.scenario.output import result_to_json

    def program(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "ressourcemodel.cli", "compute", str(EXAMPLE), *args],
            capture_output=True,
            check=False,
            timeout=60,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )

    out = program()
    assert out.returncode == 0, out.stderr
    assert out.stdout == result_to_json(compute(load_scenario(EXAMPLE))) + b"\n"
    table = program("--format", "table")
    assert table.returncode == 0, table.stderr
    assert main(["compute", str(EXAMPLE), "--format", "table"]) == 0  # in process: returns
    assert table.stdout.decode("utf-8") == capsys.readouterr().out
