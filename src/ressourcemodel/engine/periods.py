"""Dates, months and ranges.

Convention (ADR 0002): a ``DateRange`` is *inclusive at both ends*, as Danish budgets speak of
"fra og med … til og med". A day counted in a budget is one whole døgn. Internally the engine works
on ``date.toordinal()`` integers for speed; ``first``/``last`` are those ordinals.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month; use instead of ``(year, month)`` pairs."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"ugyldig måned {self.month}")

    @classmethod
    def of(cls, d: date) -> Month:
        return cls(d.year, d.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive range of days ``start``..``end``; empty ranges are never constructed."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("slutdato før startdato")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def intersect(self, other: DateRange) -> DateRange | None:
        s = max(self.start, other.start)
        e = min(self.end, other.end)
        return DateRange(s, e) if s <= e else None

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def iter_days(self) -> Iterator[date]:
        d = self.start
        while d <= self.end:
            yield d
            d += timedelta(days=1)


def year_range(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31))


def days_in_year(year: int) -> int:
    """365 or 366 (SPEC §3.4)."""
    return 366 if calendar.isleap(year) else 365


def tail_end(move_out: date) -> date:
    """Last budget-active day after a move-out: the end of the month after the move-out month.

    SPEC §3.5 *løbende måned plus en måned*: move-out 10 March → 30 April; 15 December → 31 January.
    """
    return Month.of(move_out).next().last_day


def month_starts(year: int) -> list[int]:
    """Ordinals of the 1st of each month of ``year`` plus 1 January of the next year (13 items)."""
    return [date(year, m, 1).toordinal() for m in range(1, 13)] + [date(year + 1, 1, 1).toordinal()]


def split_days_by_month(first: int, last: int, starts: list[int]) -> Iterator[tuple[int, int]]:
    """Yield ``(month_index 0..11, days)`` for the inclusive ordinal range inside the year.

    ``starts`` comes from :func:`month_starts`; the range must already be clipped to the year.
    """
    m = 0
    while starts[m + 1] <= first:
        m += 1
    while first <= last:
        month_last = starts[m + 1] - 1
        e = min(last, month_last)
        yield m, e - first + 1
        first = e + 1
        m += 1


def format_ranges(days: list[date]) -> str:
    """Danish text for a sorted list of days, collapsed to ranges: "01-03-2026–05-03-2026"."""
    parts: list[str] = []
    i = 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and days[j + 1] == days[j] + timedelta(days=1):
            j += 1
        a, b = days[i], days[j]
        parts.append(fmt_date(a) if a == b else f"{fmt_date(a)}–{fmt_date(b)}")
        i = j + 1
    return ", ".join(parts)


def fmt_date(d: date) -> str:
    """Danish date format DD-MM-ÅÅÅÅ."""
    return d.strftime("%d-%m-%Y")
