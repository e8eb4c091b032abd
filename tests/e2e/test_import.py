"""Importing a workbook in the browser: a file with an error gives the row-by-row table and
changes nothing; a good file gives the preview, and after confirming the facility page shows the
new figures — the engine's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ressourcemodel.formatting import format_kr
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.spreadsheets.write import scenario_workbook, workbook_bytes
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

from .conftest import SHOTS, login


def _workbooks(tmp: Path) -> tuple[Path, Path, str]:
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario_workbook(
        scenario_to_dict(scenario_for_year(2026, external_ids=True))))))  # fmt: skip
    ws = wb["Faste udgifter"]
    code = str(ws.cell(row=2, column=1).value)
    ws.cell(row=2, column=3).value = ws.cell(row=2, column=3).value + 250_000
    good = tmp / "takstaar-2026.xlsx"
    wb.save(good)
    wb["Ophold"].cell(row=3, column=2).value = "FINDES-IKKE"
    bad = tmp / "med-fejl.xlsx"
    wb.save(bad)
    return good, bad, code


def test_upload_errors_then_preview_and_confirm(page: Any, tmp_path: Path) -> None:
    good, bad, code = _workbooks(tmp_path)
    before = computed(2026).facilities[code].total_budget
    versions = m.TariffYear.objects.count()
    login(page, "okonomi")
    page.click("text=Indlæs regneark")
    page.set_input_files("#workbook", str(bad))
    page.click("#upload")
    page.wait_for_selector("#errors")
    table = page.inner_text("#errors")
    assert "Ophold" in table
    assert "3" in table
    assert "intet er gemt" in page.inner_text("#error-report h2")
    assert m.TariffYear.objects.count() == versions
    assert computed(2026).facilities[code].total_budget == before
    assert page.console_errors == [  # the refused upload answers 400, as it should
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    page.console_errors.clear()

    page.set_input_files("#workbook", str(good))
    page.click("#upload")
    page.wait_for_selector("#budget-move")
    assert format_kr(before + 250_000, 0) in page.inner_text("#budget-move")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "indlaesning.png"), full_page=True)
    assert computed(2026).facilities[code].total_budget == before  # nothing saved yet
    page.click("#confirm")
    page.wait_for_url("**/oversigt/**")
    assert "er indlæst" in page.inner_text(".messages")
    after = computed(2026).facilities[code].total_budget
    assert after == before + 250_000
    page.goto(f"{page.base}/tilbud/{code}/")
    assert format_kr(after, 0) in page.inner_text("#months")
    assert not page.console_errors
