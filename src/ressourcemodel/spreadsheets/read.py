"""The product's Excel workbook → a scenario document, checked by the scenario loader. Every
cell error is collected with sheet, row and column; the loader's field paths are mapped back to
the row they came from."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ressourcemodel.engine.model import Scenario

from .errors import CellError, WorkbookError
from .layout import COLUMN_OF_KEY, SHEETS

# --- reading -----------------------------------------------------------------------------------


def _records(wb: Any, title: str, errors: list[CellError]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {column: value}) of a sheet's non-empty rows; missing sheets or columns
    and formulas are errors."""
    if title not in wb.sheetnames:
        errors.append(CellError(title, 0, "", "arket mangler"))
        return
    ws = wb[title]
    rows = ws.iter_rows(values_only=False)
    header = [str(c.value).strip() if c.value is not None else "" for c in next(rows, [])]
    wanted = [c for c, _ in SHEETS[title]]
    missing = [c for c in wanted if c not in header]
    if missing:
        errors.append(CellError(title, 1, ", ".join(missing), "kolonnen mangler"))
        return
    for number, cells in enumerate(rows, start=2):
        values = {}
        for name, cell in zip(header, cells, strict=False):
            if name in wanted:
                if getattr(cell, "data_type", None) == "f":
                    errors.append(
                        CellError(title, number, name, "formler kan ikke indlæses; skriv værdien")
                    )
                values[name] = cell.value
        if any(v not in (None, "") for v in values.values()):
            yield number, values


def _text(v: Any) -> Any:
    """Cell values as the scenario loader expects them: numbers and dates as text."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return "ugyldigt tal"
        return repr(v).removesuffix(".0") if v == int(v) and abs(v) < 1e15 else repr(v)
    if isinstance(v, int):
        return str(v)
    return str(v).strip()


@dataclass
class _Reader:
    errors: list[CellError]
    origin: dict[str, tuple[str, int]]

    def read(self, wb: Any) -> dict[str, Any]:
        params: dict[str, Any] = {}
        doc: dict[str, Any] = {"parameters": params}
        if "Parametre" not in wb.sheetnames:
            self.errors.append(CellError("Parametre", 0, "", "arket mangler"))
        else:
            for n, row in enumerate(wb["Parametre"].iter_rows(min_row=2, values_only=True), 2):
                key, value = ((*row, None, None))[:2]
                self.origin[f"param:{key}"] = ("Parametre", n)
                if key in ("year", "municipality_code", "municipality_name"):
                    doc[str(key)] = _text(value)
                elif key and _text(value) is not None:
                    params[str(key)] = _text(value)
        doc["municipality"] = {
            "code": doc.pop("municipality_code", None) or "707",
            "name": doc.pop("municipality_name", None) or "",
        }
        levels: list[dict[str, Any]] = []
        for row, r in _records(wb, "Niveauer", self.errors):
            self.origin[f"levels[{len(levels)}]"] = ("Niveauer", row)
            levels.append(
                {
                    "code": _text(r["Kode"]),
                    "lower": _text(r["Fra timer"]),
                    "upper": _text(r["Til timer"]),
                    "priced_hours": _text(r["Prissat timer"]),
                }
            )
        if levels:
            params["levels"] = levels
        mix: list[dict[str, Any]] = []
        for row, r in _records(wb, "Personale", self.errors):
            self.origin[f"staff_mix[{len(mix)}]"] = ("Personale", row)
            mix.append(
                {
                    "category": _text(r["Kategori"]),
                    "share": _text(r["Andel"]),
                    "annual_cost": _text(r["Årsløn"]),
                }
            )
        if mix:
            params["staff_mix"] = mix
        doc["facilities"] = self._facilities(wb)
        doc["citizens"] = self._citizens(wb, {f["id"] for f in doc["facilities"]})
        return doc

    def _facilities(self, wb: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        index: dict[str, dict[str, Any]] = {}
        for row, r in _records(wb, "Tilbud", self.errors):
            fid = _text(r["Id"])
            if fid in index:
                self.errors.append(CellError("Tilbud", row, "Id", f"tilbud '{fid}' står to gange"))
                continue
            f = {
                "id": fid,
                "name": _text(r["Navn"]) or "",
                "area": _text(r["Område"]) or "",
                "places": _text(r["Pladser"]),
                "fixed_costs": {},
            }
            for col, key in (
                ("Belægning", "occupancy_rate"),
                ("Efterregulering", "regulation"),
                ("Faktiske årsværk", "actual_fte"),
                ("Gammelt budget", "old_budget"),
                ("Sidste års budget", "previous_budget"),
            ):
                if _text(r[col]) is not None:
                    f[key] = _text(r[col])
            self.origin[f"facilities[{len(out)}]"] = ("Tilbud", row)
            index[str(fid)] = f
            out.append(f)
        for sheet, cols in (
            ("Faste udgifter", ("Kategori", "Beløb")),
            ("Belægningshistorik", ("År", "Belægning")),
            ("Forbrug", ("Måned", "Beløb")),
        ):
            key = {
                "Faste udgifter": "fixed_costs",
                "Belægningshistorik": "occupancy_history",
                "Forbrug": "actuals",
            }[sheet]
            for row, r in _records(wb, sheet, self.errors):
                f = self._owner(index, r["Tilbud"], sheet, row, "Tilbud")
                if f is not None:
                    f.setdefault(key, {})[_text(r[cols[0]])] = _text(r[cols[1]])
        for row, r in _records(wb, "Resultater", self.errors):
            f = self._owner(index, r["Tilbud"], "Resultater", row, "Tilbud")
            if f is not None:
                f.setdefault("results", []).append(
                    {
                        "year": _text(r["År"]),
                        "amount": _text(r["Beløb"]),
                        "reason": _text(r["Begrundelse"]) or "",
                    }
                )
        return out

    def _owner(self, index: dict[str, Any], key: Any, sheet: str, row: int, col: str) -> Any:
        found = index.get(str(_text(key)))
        if found is None:
            what = "tilbud" if col == "Tilbud" else "borger"
            self.errors.append(CellError(sheet, row, col, f"{what} '{_text(key)}' findes ikke"))
        return found

    def _citizens(self, wb: Any, facility_ids: set[Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        index: dict[str, dict[str, Any]] = {}
        for row, r in _records(wb, "Borgere", self.errors):
            cid = _text(r["Id"])
            if cid in index:
                self.errors.append(CellError("Borgere", row, "Id", f"borger '{cid}' står to gange"))
                continue
            c = {
                "id": cid,
                "name": _text(r["Navn"]) or "",
                "paying_municipality": _text(r["Betalingskommune"]),
                "stays": [],
                "assessments": [],
            }
            self.origin[f"citizens[{len(out)}]"] = ("Borgere", row)
            index[str(cid)] = c
            out.append(c)
        positions = {str(c["id"]): i for i, c in enumerate(out)}
        self._stays(wb, index, positions)
        numbers = self._assessments(wb, index, positions)
        self._entries(wb, numbers)
        return out

    def _stays(self, wb: Any, index: dict[str, Any], positions: dict[str, int]) -> None:
        for row, r in _records(wb, "Ophold", self.errors):
            c = self._owner(index, r["Borger"], "Ophold", row, "Borger")
            if c is not None:
                self.origin[f"citizens[{positions[str(c['id'])]}].stays[{len(c['stays'])}]"] = (
                    "Ophold",
                    row,
                )
                c["stays"].append(
                    {
                        "facility": _text(r["Tilbud"]),
                        "move_in": _text(r["Indflytning"]),
                        "move_out": _text(r["Fraflytning"]),
                    }
                )

    def _assessments(
        self, wb: Any, index: dict[str, Any], positions: dict[str, int]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        numbers: dict[tuple[str, str], dict[str, Any]] = {}
        for row, r in _records(wb, "Vurderinger", self.errors):
            c = self._owner(index, r["Borger"], "Vurderinger", row, "Borger")
            if c is None:
                continue
            a: dict[str, Any] = {"effective_from": _text(r["Gælder fra"])}
            for col, key in (
                ("Niveau", "level"),
                ("S2-beløb", "daily_amount"),
                ("Begrundelse", "reason"),
                ("Revurdering", "review_date"),
            ):
                if _text(r[col]) is not None:
                    a[key] = _text(r[col])
            if "level" not in a:
                a["entries"] = []
            self.origin[
                f"citizens[{positions[str(c['id'])]}].assessments[{len(c['assessments'])}]"
            ] = ("Vurderinger", row)
            numbers[(str(c["id"]), str(_text(r["Nr."])))] = a
            c["assessments"].append(a)
        return numbers

    def _entries(self, wb: Any, numbers: dict[tuple[str, str], dict[str, Any]]) -> None:
        for row, r in _records(wb, "Døgnskema", self.errors):
            a = numbers.get((str(_text(r["Borger"])), str(_text(r["Vurdering nr."]))))
            if a is None or "entries" not in a:
                self.errors.append(
                    CellError(
                        "Døgnskema",
                        row,
                        "Vurdering nr.",
                        "ingen vurdering med døgnskema har det nummer",
                    )
                )
                continue
            e = {
                "days": str(_text(r["Dage"]) or "").split(),
                "start": _text(r["Start"]),
                "end": _text(r["Slut"]),
                "form": _text(r["Form"]) or "individual",
                "staff": _text(r["Personale"]),
                "participants": _text(r["Deltagere"]),
                "theme": _text(r["Tema"]),
                "legal_basis": _text(r["Lovgrundlag"]),
            }
            for col, key in (
                ("Undertema", "sub_theme"),
                ("Personalekategori", "staff_category"),
                ("Note", "note"),
            ):
                if _text(r[col]) is not None:
                    e[key] = _text(r[col])
            e = {k: v for k, v in e.items() if v is not None}
            self.origin[f"entry:{id(e)}"] = ("Døgnskema", row)
            a["entries"].append(e)

    def locate(self, field: str, doc: dict[str, Any]) -> tuple[str, int]:
        """The sheet and row a loader field path (``citizens[3] (borger C4).stays[0]…``) came
        from: the longest known prefix."""
        path = re.sub(r" \([^)]*\)", "", field)
        m = re.match(r"citizens\[(\d+)\]\.assessments\[(\d+)\]\.entries\[(\d+)\]", path)
        if m:
            try:
                e = doc["citizens"][int(m[1])]["assessments"][int(m[2])]["entries"][int(m[3])]
                return self.origin[f"entry:{id(e)}"]
            except (KeyError, IndexError, TypeError):
                pass
        parts = re.findall(r"[a-z_]+\[\d+\]", path)
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in self.origin:
                return self.origin[key]
        whole = {"parameters.levels": "Niveauer", "parameters.staff_mix": "Personale"}
        if path in whole:  # a rule over all the sheet's rows, e.g. shares that sum to 1
            return (whole[path], 0)
        top = re.match(r"(?:parameters\.)?([a-z_]+)", path)
        if top and f"param:{top[1]}" in self.origin:
            return self.origin[f"param:{top[1]}"]
        return ("Parametre", 0)


def read_workbook(source: str | Path | bytes) -> dict[str, Any]:
    """The scenario document of a workbook, checked by the scenario loader. Raises
    ``WorkbookError`` with every error found."""
    return read_workbook_checked(source)[0]


def read_workbook_checked(source: str | Path | bytes) -> tuple[dict[str, Any], Scenario]:
    """The scenario document of a workbook and the scenario the loader and the engine accepted
    (read once). Raises ``WorkbookError`` with every error found."""
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.engine.errors import EngineError
    from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict

    try:
        wb = load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source,
            data_only=False,
            read_only=True,  # streamed: a tenth of the time and memory of the full model
        )
    except Exception:
        raise WorkbookError(
            [CellError("(filen)", 0, "", "filen kan ikke læses som et Excel-regneark (.xlsx)")]
        ) from None
    reader = _Reader([], {})
    doc = reader.read(wb)
    if reader.errors:
        raise WorkbookError(reader.errors)
    try:
        scenario = scenario_from_dict(doc)
        compute(scenario)
    except ScenarioError as e:
        sheet, row = reader.locate(e.field, doc)
        key = re.sub(r"\[\d+\]$", "", e.field.rsplit(".", 1)[-1])
        column = COLUMN_OF_KEY.get((sheet, key), key)
        raise WorkbookError([CellError(sheet, row, column, str(e))]) from None
    except EngineError as e:
        raise WorkbookError([CellError("(beregningen)", 0, "", str(e))]) from None
    return doc, scenario
