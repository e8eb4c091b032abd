"""The document commands on scenario files: PDFs read back with pdftotext show the engine's
figures in Danish format; billing lines sum to the sales income; Tilbudsportalen rows."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ressourcemodel.cli import main
from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr, format_number
from ressourcemodel.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "norddjurs-eksempel.yaml"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) is installed by scripts/bootstrap.sh --test",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_pdftotext
def test_takstblad_shows_every_levels_service_and_daily_tariff(tmp_path: Path) -> None:
    out = tmp_path / "takstblad.pdf"
    assert main(["takstblad", "--scenario", str(EXAMPLE), "--facility", "F1", "-o", str(out)]) == 0
    text = pdf_text(out)
    result = compute(load_scenario(EXAMPLE))
    f = next(f for f in result.facilities if f.id == "F1")
    assert "Takstblad 2026: Bofællesskabet Eksempel" in text
    assert format_kr(f.base_tariff, 0) in text
    for lv in result.levels:
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(f"{lv.code} "))
        assert format_kr(lv.service_tariff, 0) in line
        assert format_kr(f.base_tariff + lv.service_tariff, 0) in line
    assert "Efterregulering" in text
    assert format_kr(result.hourly_cost, 2) in text


@needs_pdftotext
def test_takstgrundlag_shows_level_hours_and_tariff(tmp_path: Path) -> None:
    out = tmp_path / "takstgrundlag.pdf"
    assert (
        main(["takstgrundlag", "--scenario", str(EXAMPLE), "--citizen", "C2", "-o", str(out)]) == 0
    )
    text = pdf_text(out)
    result = compute(load_scenario(EXAMPLE))
    c2 = next(c for c in result.citizens if c.id == "C2")
    for p in c2.periods:
        assert p.placement.level in text
        assert format_number(round(p.placement.hours_per_day or 0, 2), 2) in text  # type: ignore[arg-type]
        assert format_kr(p.placement.service_tariff, 0) in text
    assert "SEL §85" in text
    assert "VUM-tema" in text


def test_billing_json_lines_sum_to_the_sales_income(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["billing", "--scenario", str(EXAMPLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    result = compute(load_scenario(EXAMPLE))
    assert {"citizen", "facility", "month", "days", "rate", "amount"} <= set(doc["lines"][0])
    assert sum(int(ln["amount"]) for ln in doc["lines"]) == int(doc["total"])
    assert doc["total"] == str(result.overview.total.sales_income)
    assert main(["billing", "--scenario", str(EXAMPLE), "--json", "--month", "3",
                 "--municipality", "751"]) == 0  # fmt: skip
    march = json.loads(capsys.readouterr().out)
    assert {ln["month"] for ln in march["lines"]} == {3}
    assert int(march["total"]) == sum(f.months[2].sales_income for f in result.facilities)


def test_tilbudsportalen_csv_and_xlsx_have_one_row_per_level(tmp_path: Path) -> None:
    result = compute(load_scenario(EXAMPLE))
    csv_path, xlsx_path = tmp_path / "tp.csv", tmp_path / "tp.xlsx"
    assert main(["tilbudsportalen", "--scenario", str(EXAMPLE), "-o", str(csv_path)]) == 0
    assert main(["tilbudsportalen", "--scenario", str(EXAMPLE), "-o", str(xlsx_path)]) == 0
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + len(result.facilities) * len(result.levels)
    f = result.facilities[0]
    assert rows[1][6] == str(f.base_tariff)
    assert rows[1][7] == str(result.levels[0].service_tariff)
    ws = load_workbook(xlsx_path).active
    assert ws is not None
    assert ws.max_row == len(rows)
    assert ws.cell(row=2, column=9).value == f.base_tariff + result.levels[0].service_tariff


def test_unknown_ids_and_bad_files_exit_2_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert (
        main(["takstblad", "--scenario", str(EXAMPLE), "--facility", "NOPE", "-o", str(out)]) == 2
    )
    assert "Tilbud 'NOPE' findes ikke" in capsys.readouterr().err
    assert (
        main(["takstgrundlag", "--scenario", str(EXAMPLE), "--citizen", "X", "-o", str(out)]) == 2
    )
    assert "Borger 'X' findes ikke" in capsys.readouterr().err
    assert main(["tilbudsportalen", "--scenario", str(EXAMPLE), "-o", str(tmp_path / "a.txt")]) == 2
    assert ".csv eller .xlsx" in capsys.readouterr().err
    assert not out.exists()


def test_document_commands_on_a_freshly_imported_database(tmp_path: Path) -> None:
    if os.environ.get("RESSOURCEMODEL_DB") == "postgres":
        pytest.skip("uses a fresh SQLite file")
    env = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(tmp_path / "db.sqlite3")}
    cli = [sys.executable, "-m", "ressourcemodel.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, check=False)

    assert run("import-scenario", str(EXAMPLE)).returncode == 0
    done = run("takstblad", "--year", "2026", "--facility", "F1", "-o", str(tmp_path / "t.pdf"))
    assert done.returncode == 0, done.stderr
    live = json.loads(run("billing", "--year", "2026", "--json").stdout)
    from_file = json.loads(run("billing", "--scenario", str(EXAMPLE), "--json").stdout)
    assert live["lines"] == from_file["lines"]
    missing = run("takstblad", "--year", "2031", "--facility", "F1", "-o", str(tmp_path / "u.pdf"))
    assert missing.returncode == 2
    assert "Takståret 2031 findes ikke" in missing.stderr
