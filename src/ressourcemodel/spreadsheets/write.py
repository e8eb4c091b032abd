"""A scenario document (SPEC §4) → the product's Excel workbook: real numbers and dates in
cells, Danish-style number formats, frozen header, filters and a help sheet."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .layout import PARAMETERS, SHEETS

MONEY_FORMAT, RATE_FORMAT, DATE_FORMAT = "#,##0.00", "0.00##", "DD-MM-YYYY"


# --- writing -----------------------------------------------------------------------------------


def _num(text: Any) -> Any:
    """Scenario strings of numbers as numbers in cells (Decimal keeps them exact)."""
    if isinstance(text, str) and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return Decimal(text)
    return text


def _day(text: Any) -> Any:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def _sheet(wb: Workbook, title: str, rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    columns = SHEETS[title]
    ws.append([c for c, _ in columns])
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    for i, (name, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 4)
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT if abs(cell.value) >= 2 else RATE_FORMAT


def _help(wb: Workbook) -> None:
    ws = wb.create_sheet("Hjælp")
    ws.append(["Ark", "Kolonne", "Forklaring"])
    ws.append(["Parametre", "Felt / Værdi", "Takstårets parametre; år og kommune øverst."])
    for _key, label, text in PARAMETERS:
        ws.append(["Parametre", label, text])
    for sheet, columns in SHEETS.items():
        for name, text in columns:
            ws.append([sheet, name, text])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 20, 28
    ws.column_dimensions["C"].width = 80
    ws.freeze_panes = "A2"


def template_workbook() -> Workbook:
    return scenario_workbook(None)


def scenario_workbook(doc: dict[str, Any] | None) -> Workbook:
    """The workbook of a scenario document (``scenario_to_dict``), or the empty template."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Parametre"
    ws.append(["Felt", "Værdi"])
    d = doc or {}
    muni, params = d.get("municipality", {}), d.get("parameters", {})
    ws.append(["year", d.get("year")])
    ws.append(["municipality_code", muni.get("code")])
    ws.append(["municipality_name", muni.get("name")])
    for key, _label, _help_text in PARAMETERS:
        ws.append([key, _num(params.get(key))])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 28, 18
    ws.freeze_panes = "A2"
    for title, rows in _rows(d).items():
        _sheet(wb, title, rows)
    _help(wb)
    return wb


def _rows(d: dict[str, Any]) -> dict[str, list[list[Any]]]:
    p = d.get("parameters", {})
    out: dict[str, list[list[Any]]] = {t: [] for t in SHEETS}
    for lv in p.get("levels", []):
        out["Niveauer"].append(
            [lv["code"], _num(lv["lower"]), _num(lv["upper"]), _num(lv["priced_hours"])]
        )
    for s in p.get("staff_mix", []):
        out["Personale"].append([s["category"], _num(s["share"]), _num(s["annual_cost"])])
    _facility_rows(d, out)
    _citizen_rows(d, out)
    return out


def _facility_rows(d: dict[str, Any], out: dict[str, list[list[Any]]]) -> None:
    for f in d.get("facilities", []):
        out["Tilbud"].append(
            [
                f["id"],
                f.get("name"),
                f.get("area"),
                f.get("places"),
                _num(f.get("occupancy_rate")),
                _num(f.get("regulation")),
                _num(f.get("actual_fte")),
                _num(f.get("old_budget")),
                _num(f.get("previous_budget")),
            ]
        )
        for k, v in f.get("fixed_costs", {}).items():
            out["Faste udgifter"].append([f["id"], k, _num(v)])
        for y, v in f.get("occupancy_history", {}).items():
            out["Belægningshistorik"].append([f["id"], int(y), _num(v)])
        for r in f.get("results", []):
            out["Resultater"].append([f["id"], r["year"], _num(r["amount"]), r.get("reason")])
        for month, v in f.get("actuals", {}).items():
            out["Forbrug"].append([f["id"], int(month), _num(v)])


def _citizen_rows(d: dict[str, Any], out: dict[str, list[list[Any]]]) -> None:
    for c in d.get("citizens", []):
        out["Borgere"].append([c["id"], c.get("name"), c["paying_municipality"]])
        for s in c["stays"]:
            out["Ophold"].append(
                [c["id"], s["facility"], _day(s["move_in"]), _day(s.get("move_out"))]
            )
        for n, a in enumerate(c["assessments"], start=1):
            out["Vurderinger"].append(
                [
                    c["id"],
                    n,
                    _day(a["effective_from"]),
                    a.get("level"),
                    _num(a.get("daily_amount")),
                    a.get("reason"),
                    _day(a.get("review_date")),
                ]
            )
            for e in a.get("entries", []):
                out["Døgnskema"].append(
                    [
                        c["id"],
                        n,
                        " ".join(e["days"]),
                        e["start"],
                        e["end"],
                        e["form"],
                        e["staff"],
                        e["participants"],
                        e["theme"],
                        e.get("sub_theme"),
                        e["legal_basis"],
                        e.get("staff_category"),
                        e.get("note"),
                    ]
                )


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
