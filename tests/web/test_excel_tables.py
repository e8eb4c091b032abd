""" "Hent som Excel" on every table: the workbook holds the page's figures (the engine's values,
exact), under the page's permissions and scope."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from ressourcemodel.engine.pot import compare_models
from ressourcemodel.scenario.pot_file import load_pot_file
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
YEAR = 2026


def _book(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def _rows(ws: Any, header_row: int = 2) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    header = rows[header_row - 1]
    return [dict(zip(header, r, strict=True)) for r in rows[header_row:]]


def _eq(cell: Any, value: Decimal | None) -> bool:
    return (cell is None and value is None) or Decimal(str(cell)) == value


def test_overview_workbook_has_the_engines_figures(client_as: Any) -> None:
    wb = _book(client_as("okonomi").get(f"/oversigt/?aar={YEAR}&format=xlsx"))
    total = computed(YEAR).result.overview.total
    figures = {r["Nøgletal"]: r for r in _rows(wb["Nøgletal"])}
    assert _eq(figures["Budget i alt"]["I alt"], total.total_budget)
    assert _eq(figures["Salgsindtægt"]["I alt"], total.sales_income)
    assert wb["Nøgletal"]["B3"].number_format  # a real number with a format, not text
    facilities = _rows(wb["Tilbud"], 1)
    assert len(facilities) == len(computed(YEAR).result.facilities)
    f = computed(YEAR).facilities[facilities[0]["Kode"]]
    assert _eq(facilities[0]["Basistakst"], f.base_tariff)
    assert _eq(facilities[0]["Aktivitet"], f.activity_budget)


def test_a_leader_gets_only_their_own_facilities(client_as: Any) -> None:
    wb = _book(client_as("leder").get(f"/oversigt/?aar={YEAR}&format=xlsx"))
    codes = {r["Kode"] for r in _rows(wb["Tilbud"], 1)}
    own = set(m.Facility.objects.filter(area__name="Område Grenaa").values_list("code", flat=True))
    assert codes
    assert codes <= own
    assert "I alt" not in [c.value for c in wb["Nøgletal"][2]]  # no municipal total
    assert client_as("aarhus").get("/oversigt/?format=xlsx").status_code == 403


def test_facility_months_and_residents(client_as: Any) -> None:
    code = m.Facility.objects.order_by("code").first().code  # type: ignore[union-attr]
    wb = _book(client_as("okonomi").get(f"/tilbud/{code}/?aar={YEAR}&format=xlsx"))
    f = computed(YEAR).facilities[code]
    months = _rows(wb["Måneder"])
    assert [_eq(r["I alt"], mr.total) for r, mr in zip(months, f.months, strict=False)] == [
        True
    ] * 12
    assert _eq(months[12]["I alt"], f.total_budget)
    assert "Beboere" in wb.sheetnames
    # management sees no personal data on the page, and none in the workbook
    assert (
        "Beboere"
        not in _book(client_as("ledelse").get(f"/tilbud/{code}/?aar={YEAR}&format=xlsx")).sheetnames
    )


def test_citizen_list_with_the_pages_filters(client_as: Any) -> None:
    client = client_as("myndighed")
    wb = _book(client.post("/borgere/", {"solgt": "1", "format": "xlsx"}))
    rows = _rows(wb["Borgere"])
    sold = computed(YEAR).result.citizens
    assert rows
    assert all(r["Betalingskommune"] != "707" for r in rows)
    assert len(rows) <= len(sold)
    assert all(r["CPR"] == "CPR mangler" or "X" in r["CPR"] or "x" in r["CPR"] for r in rows)


def test_tariff_levels_pot_models_and_audit(client_as: Any) -> None:
    wb = _book(client_as("okonomi").get(f"/takstaar/?aar={YEAR}&format=xlsx"))
    levels = _rows(wb["Niveauer"])
    engine = computed(YEAR).result.levels
    assert [(r["Niveau"], Decimal(str(r["Servicetakst pr. døgn"]))) for r in levels] == [
        (lv.code, lv.service_tariff) for lv in engine
    ]
    wb = _book(client_as("okonomi").get("/pulje/?format=xlsx"))
    totals = [r["Beløb"] for r in _rows(wb["Modeller"]) if r["Element"] == "I alt"]
    pot, models = load_pot_file(None)
    assert [Decimal(str(t)) for t in totals] == [r.total for r in compare_models(pot, models)]
    wb = _book(client_as("admin").get("/revision/?format=xlsx"))
    assert wb.sheetnames == ["Ændringer", "Opslag i persondata"]
    assert client_as("okonomi").get("/revision/?format=xlsx").status_code == 403
