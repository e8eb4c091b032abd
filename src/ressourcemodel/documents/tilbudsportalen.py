"""Tilbudsportalen: one row per level per facility per year, with the occupancy rate used."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ressourcemodel.engine.results import Result
from ressourcemodel.formatting import format_number

HEADERS = ["Tilbud-id", "Tilbud", "År", "Niveau", "Timer fra", "Timer til", "Basistakst",
           "Servicetakst", "Døgntakst", "Belægning brugt"]  # fmt: skip


def rows(result: Result) -> list[list[object]]:
    """The rows as values (Decimal amounts, the daily tariff as the engine's sum)."""
    out: list[list[object]] = []
    for f in result.facilities:
        for lv in result.levels:
            out.append([f.id, f.name, result.year, lv.code, lv.lower, lv.upper, f.base_tariff,
                        lv.service_tariff, f.base_tariff + lv.service_tariff,
                        f.occupancy_rate])  # fmt: skip
    return out


def _cell(v: object) -> str:
    if isinstance(v, Decimal):
        exponent = v.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return format_number(v, min(places, 4)).replace(".", "")
    return str(v)


def to_csv(result: Result) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM: what Danish Excel opens directly."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(HEADERS)
    for r in rows(result):
        w.writerow([_cell(v) for v in r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(result: Result) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"Tilbudsportalen {result.year}"
    ws.append(HEADERS)
    formats = {4: "#,##0.00", 5: "#,##0.00", 6: "#,##0", 7: "#,##0", 8: "#,##0", 9: "0.0%"}
    for r in rows(result):
        ws.append(r)
        row = ws.max_row
        for col, fmt in formats.items():
            ws.cell(row=row, column=col + 1).number_format = fmt
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for letter, width in zip("ABCDEFGHIJ", [10, 34, 6, 7, 9, 9, 11, 12, 11, 14], strict=True):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
