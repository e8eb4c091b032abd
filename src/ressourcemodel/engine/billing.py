"""Billing statements for places sold to other municipalities (SPEC §3.6).

One line per paying municipality, month, citizen, facility and run of days with one daily rate.
The lines of a year sum exactly to the sales income of ``compute()`` — per facility and month —
because they are priced by the same rule (``budget.billing_rate``) over the same billed days
(occupied days, and with ``billing_tail_rule: month_plus_one`` the tail after a move-out at the
move-out day's tariff). Invoices must be raised within 12 months of the service (SEL §174 stk. 2):
``overdue`` lists the months that are older and not marked invoiced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .budget import billing_rate
from .model import Citizen, Scenario
from .parameters import Parameters
from .periods import Month, days_in_year, month_starts, split_days_by_month
from .tariffs import Pricer, base_tariff
from .timeline import Timeline, build_timeline, citizen_stay_ranges


@dataclass(frozen=True, slots=True)
class BillingLine:
    municipality: str  # the paying municipality's code
    month: int  # 1–12
    citizen: str
    facility: str
    start: date
    end: date  # inclusive
    days: int
    rate: Decimal  # whole kroner per day
    amount: Decimal  # days × rate
    kind: str  # "stay" or "tail"


def billing_lines(scenario: Scenario) -> tuple[BillingLine, ...]:
    """Every billing line of the year, ordered by municipality, month, citizen and date.
    Assumes a scenario that ``compute()`` accepts (call it first for its Danish errors)."""
    p = scenario.parameters
    pricer = Pricer(p)
    ndays = days_in_year(p.year)
    bases = {f.id: base_tariff(f, p, ndays) for f in scenario.facilities}
    out: list[BillingLine] = []
    for c in scenario.citizens:
        if c.paying_municipality != p.municipality_code:
            out += _citizen_lines(c, p, pricer, bases)
    out.sort(key=lambda ln: (ln.municipality, ln.month, ln.citizen, ln.start, ln.facility))
    return tuple(out)


def _citizen_lines(
    c: Citizen, p: Parameters, pricer: Pricer, bases: dict[str, Decimal]
) -> list[BillingLine]:
    y0, y1 = date(p.year, 1, 1).toordinal(), date(p.year, 12, 31).toordinal()
    timeline = build_timeline(c, pricer)
    runs: list[tuple[int, int, str, Decimal, str]] = []  # first, last, facility, rate, kind
    for stay, r in citizen_stay_ranges(c, p, y0, y1):
        base = bases[stay.facility]
        if r.occupied is not None:
            for s, e, i in timeline.segments(*r.occupied):
                rate = billing_rate(base, timeline.placements[i].service_tariff, p.overhead_rate)
                runs.append((s, e, stay.facility, rate, "stay"))
        if r.billing_tail is not None and r.move_out is not None:
            tariff = _tariff_on(timeline, r.move_out)
            rate = billing_rate(base, tariff, p.overhead_rate)
            runs.append((*r.billing_tail, stay.facility, rate, "tail"))
    return _lines(c, runs, month_starts(p.year))


def _tariff_on(timeline: Timeline, day: int) -> Decimal:
    i = timeline.index_on(day)
    assert i is not None, "compute() refuses a move-out day without an assessment"
    return timeline.placements[i].service_tariff


def _lines(
    c: Citizen, runs: list[tuple[int, int, str, Decimal, str]], starts: list[int]
) -> list[BillingLine]:
    """Split runs by month and join neighbours with the same facility, rate and kind."""
    pieces: list[tuple[int, int, int, str, Decimal, str]] = []
    for first, last, facility, rate, kind in sorted(runs):
        for m, _days in split_days_by_month(first, last, starts):
            a = max(first, starts[m])
            b = min(last, starts[m + 1] - 1)
            prev = pieces[-1] if pieces else None
            if prev and prev[0] == m and prev[2] == a - 1 and prev[3:] == (facility, rate, kind):
                pieces[-1] = (m, prev[1], b, facility, rate, kind)
            else:
                pieces.append((m, a, b, facility, rate, kind))
    return [
        BillingLine(
            municipality=c.paying_municipality,
            month=m + 1,
            citizen=c.id,
            facility=facility,
            start=date.fromordinal(a),
            end=date.fromordinal(b),
            days=b - a + 1,
            rate=rate,
            amount=rate * (b - a + 1),
            kind=kind,
        )
        for m, a, b, facility, rate, kind in pieces
    ]


def total(lines: Iterable[BillingLine]) -> Decimal:
    return sum((ln.amount for ln in lines), start=Decimal(0))


def overdue(
    lines: Iterable[BillingLine], *, year: int, invoiced: set[tuple[str, int]], today: date
) -> list[tuple[str, int, Decimal]]:
    """(municipality, month, amount) of months billed but not marked invoiced whose last day is
    more than 12 months before ``today`` (SEL §174 stk. 2)."""
    sums: dict[tuple[str, int], Decimal] = {}
    for ln in lines:
        key = (ln.municipality, ln.month)
        sums[key] = sums.get(key, Decimal(0)) + ln.amount
    limit = date(today.year - 1, today.month, today.day) if (today.month, today.day) != (2, 29) \
        else date(today.year - 1, 2, 28)  # fmt: skip
    return [
        (muni, month, amount)
        for (muni, month), amount in sorted(sums.items())
        if (muni, month) not in invoiced and Month(year, month).last_day < limit
    ]
