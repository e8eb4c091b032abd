"""A formula workbook of a simplified resource model, for comparing a spreadsheet with the engine.

``write_workbook(scenario, path)`` writes three sheets, every result a formula (openpyxl writes no
cached values, so a spreadsheet program has to calculate them):

* ``Niveauer`` — the level table in hours per week (lower bound, upper bound, level, priced
  hours per døgn) with the daily tariff ``ROUND(priced hours × (1 + indirect share) × hourly
  cost; 0)``, and the parameters: hourly cost, indirect share, 1 January, 31 December, the S1 bound.
* ``Beboere`` — one row per stay: citizen, facility, move-in, move-out (empty: ongoing), weekly
  hours of the døgnskema; level by ``VLOOKUP`` with approximate match on the lower bound (S1 at or
  above the top bound, priced on its own hours); days in the year ``MAX(0; MIN(move-out;
  31 Dec) − MAX(move-in; 1 Jan) + 1)``; year amount = days × daily tariff.
* ``Tilbud`` — per facility ``COUNTIFS``/``SUMIFS`` over the stays (stays, days, amount) and a
  total row.

``python_totals(scenario)`` computes the same simplified model in Python, to check that a
spreadsheet program really recalculated the workbook.

Simplified relative to the engine (``ressourcemodel.engine.compute``):

* one assessment per citizen: the first døgnskema holds for the whole year; later assessments
  (level changes, hand-set levels, S2 special tariffs) are ignored;
* the døgnskema arrives as weekly hours already summed (the spreadsheet does not add up entries,
  group shares or double staffing, and validates nothing: no overlap, 24-hour or coverage checks);
* no tail days after a December move-out (tail rule), no month split, no billing or sales to other
  paying municipalities, no occupancy, no base tariff from fixed costs, no regulation, overhead
  or carried results — the amount is the service tariff × days only;
* floating-point hours instead of exact fractions (bounds compare on hours, rounded the same way
  in Python and in the sheet).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ressourcemodel.engine.model import Assessment, Citizen, Scenario
from ressourcemodel.engine.parameters import LevelUnit, Parameters
from ressourcemodel.engine.schedule import weekly_minutes
from ressourcemodel.engine.tariffs import hourly_cost

LEVELS = "Niveauer"
STAYS = "Beboere"
FACILITIES = "Tilbud"
S1 = "S1"


@dataclass(frozen=True, slots=True)
class LevelRow:
    lower: float  # hours per week
    upper: float
    code: str
    priced_hours: Decimal  # hours per døgn


@dataclass(frozen=True, slots=True)
class StayRow:
    citizen: str
    facility: str
    move_in: date
    move_out: date | None
    weekly_hours: float


def level_rows(params: Parameters) -> list[LevelRow]:
    """The level table in hours per week, priced hours per døgn."""
    per_week = 1 if params.level_unit is LevelUnit.WEEK else 7
    per_day = Decimal(7) if params.level_unit is LevelUnit.WEEK else Decimal(1)
    return [
        LevelRow(
            float(lv.lower * per_week),
            float(lv.upper * per_week),
            lv.code,
            lv.priced_hours / per_day,
        )
        for lv in params.levels
    ]


def _first_schedule(c: Citizen) -> Assessment:
    return next(a for a in c.assessments if a.level is None)


def stay_rows(scenario: Scenario) -> list[StayRow]:
    rows: list[StayRow] = []
    for c in scenario.citizens:
        hours = round(float(weekly_minutes(_first_schedule(c).entries) / 60), 6)
        rows.extend(StayRow(c.id, s.facility, s.move_in, s.move_out, hours) for s in c.stays)
    return rows


# --- the model in Python -----------------------------------------------------------------------


def _round_kr(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _tariff(hours: float, levels: list[LevelRow], cost: Decimal, indirect: Decimal) -> int:
    if hours >= levels[-1].upper:
        return _round_kr(Decimal(hours) / 7 * (1 + indirect) * cost)
    i = bisect.bisect_right([lv.lower for lv in levels], hours) - 1
    return _round_kr(levels[max(i, 0)].priced_hours * (1 + indirect) * cost)


def _days(row: StayRow, year: int) -> int:
    first, last = date(year, 1, 1), date(year, 12, 31)
    end = min(row.move_out or last, last)
    return max(0, (end - max(row.move_in, first)).days + 1)


def python_totals(scenario: Scenario) -> dict[str, int]:
    """Year amount per facility id under the simplified model (what the Tilbud sheet shows)."""
    params = scenario.parameters
    levels, cost = level_rows(params), hourly_cost(params)
    totals = {f.id: 0 for f in scenario.facilities}
    for row in stay_rows(scenario):
        tariff = _tariff(row.weekly_hours, levels, cost, params.indirect_share)
        totals[row.facility] += _days(row, params.year) * tariff
    return totals


# --- the workbook ------------------------------------------------------------------------------


def _levels_sheet(ws: Worksheet, params: Parameters) -> int:
    """Write the level table and parameters; return the last row of the table."""
    ws.append(["Fra t/uge", "Til t/uge", "Niveau", "Prissatte t/døgn", "Takst kr/døgn"])
    rows = level_rows(params)
    for r, lv in enumerate(rows, start=2):
        ws.append([lv.lower, lv.upper, lv.code, float(lv.priced_hours)])
        ws.cell(r, 5, f"=ROUND(D{r}*(1+$H$3)*$H$2,0)")
    year = params.year
    params_cells = [
        ("Timepris", float(hourly_cost(params))),
        ("Indirekte andel", float(params.indirect_share)),
        ("Årets start", date(year, 1, 1)),
        ("Årets slut", date(year, 12, 31)),
        ("S1 fra t/uge", rows[-1].upper),
    ]
    ws["G1"], ws["H1"] = "Parameter", "Værdi"
    for r, (name, value) in enumerate(params_cells, start=2):
        ws.cell(r, 7, name)
        ws.cell(r, 8, value)
    ws["H4"].number_format = ws["H5"].number_format = "DD-MM-YYYY"
    return len(rows) + 1


def _stay_formulas(r: int, table: str) -> list[str]:
    p = f"{LEVELS}!"
    return [
        f'=IF(E{r}>={p}$H$6,"{S1}",VLOOKUP(E{r},{table},3,1))',
        f'=IF(F{r}="{S1}",ROUND(E{r}/7*(1+{p}$H$3)*{p}$H$2,0),VLOOKUP(E{r},{table},5,1))',
        f'=MAX(0,MIN(IF(D{r}="",{p}$H$5,D{r}),{p}$H$5)-MAX(C{r},{p}$H$4)+1)',
        f"=H{r}*G{r}",
    ]


def _stays_sheet(ws: Worksheet, rows: list[StayRow], table: str) -> int:
    """Write one row per stay; return the last row."""
    ws.append(
        [
            "Borger",
            "Tilbud",
            "Indflytning",
            "Fraflytning",
            "Timer pr. uge",
            "Niveau",
            "Takst kr/døgn",
            "Dage i året",
            "Årsbeløb",
        ]
    )
    for r, s in enumerate(rows, start=2):
        ws.append(
            [
                s.citizen,
                s.facility,
                s.move_in,
                s.move_out,
                s.weekly_hours,
                *_stay_formulas(r, table),
            ]
        )
        ws.cell(r, 3).number_format = ws.cell(r, 4).number_format = "DD-MM-YYYY"
    return len(rows) + 1


def _facilities_sheet(ws: Worksheet, scenario: Scenario, last_stay: int) -> None:
    ws.append(["Tilbud", "Navn", "Ophold", "Dage", "Årsbeløb"])
    rng = f"{STAYS}!$B$2:$B${last_stay}"
    for r, f in enumerate(scenario.facilities, start=2):
        ws.append(
            [
                f.id,
                f.name,
                f"=COUNTIFS({rng},A{r})",
                f"=SUMIFS({STAYS}!$H$2:$H${last_stay},{rng},A{r})",
                f"=SUMIFS({STAYS}!$I$2:$I${last_stay},{rng},A{r})",
            ]
        )
    last = len(scenario.facilities) + 1
    ws.append(["I alt", "", f"=SUM(C2:C{last})", f"=SUM(D2:D{last})", f"=SUM(E2:E{last})"])


def write_workbook(scenario: Scenario, path: Path) -> int:
    """Write the formula workbook; return the number of stay rows."""
    wb = Workbook()
    levels = wb.active
    assert levels is not None
    levels.title = LEVELS
    last_level = _levels_sheet(levels, scenario.parameters)
    table = f"{LEVELS}!$A$2:$E${last_level}"
    rows = stay_rows(scenario)
    last_stay = _stays_sheet(wb.create_sheet(STAYS), rows, table)
    _facilities_sheet(wb.create_sheet(FACILITIES), scenario, last_stay)
    wb.save(path)
    return len(rows)
