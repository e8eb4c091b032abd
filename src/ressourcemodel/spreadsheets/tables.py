"""A page's tables as an Excel workbook ("Hent som Excel"): one sheet per table, real numbers and
dates in cells with Danish-style formats, a frozen header row and filters. Values are written as
the engine gave them (exact); the page shows the same values rounded for reading."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ressourcemodel.engine.money import round_2

FORMATS = {
    "text": "@",
    "int": "#,##0",
    "kr": '#,##0.00 "kr."',
    "dec": "#,##0.00",
    "hours": "#,##0.00",
    "pct": "0.0%",
    "date": "DD-MM-YYYY",
    "datetime": "DD-MM-YYYY HH:MM",
}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # a key of FORMATS


@dataclass
class Table:
    title: str  # the sheet's name (Excel allows 31 characters)
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    caption: str = ""  # one line above the header, e.g. the year and the reference day


def _cell(value: Any) -> Any:
    if isinstance(value, Fraction):  # exact hours: two decimals, as the page shows them
        return round_2(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, (int, Decimal, date, str)):
        return value
    return str(value)


def _sheet(wb: Workbook, table: Table) -> None:
    ws = wb.create_sheet(table.title[:31])
    top = 1
    if table.caption:
        ws.append([table.caption])
        ws["A1"].font = Font(italic=True)
        top = 2
    ws.append([c.header for c in table.columns])
    for cell in ws[top]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([_cell(v) for v in row])
    last = get_column_letter(len(table.columns))
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{last}{top + max(1, len(table.rows))}"
    for i, col in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, min(50, len(col.header) + 4))
        if col.kind == "text":
            continue
        for (cell,) in ws.iter_rows(min_row=top + 1, min_col=i, max_col=i):
            cell.number_format = FORMATS[col.kind]


def tables_bytes(tables: list[Table]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        _sheet(wb, t)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
