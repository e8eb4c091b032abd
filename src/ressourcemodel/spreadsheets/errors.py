"""Workbook errors: sheet, row, column and a Danish reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.sheet}, række {self.row}" if self.row else self.sheet
        return f"{where}{', kolonne ' + self.column if self.column else ''}: {self.reason}"


class WorkbookError(ValueError):
    """Every error of a workbook; ``report()`` is the Danish row-by-row text."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(e) for e in errors[:200]))
        self.errors = errors

    def report(self) -> str:
        extra = len(self.errors) - 200
        more = f"\n… og {extra} fejl mere" if extra > 0 else ""
        return f"{len(self.errors)} fejl i regnearket:\n" + str(self) + more
