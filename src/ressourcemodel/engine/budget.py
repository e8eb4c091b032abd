"""Facility budget month by month (SPEC §3.5) and sales to other municipalities (SPEC §3.6).

A ``FacilityLedger`` collects, for one facility and year, the exact sums the engine needs: per
month the activity budget, sales income, occupied and budget-active days. Money is added as
``tariff × days`` — exact Decimal products of whole kroner — and rounded nowhere here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .model import Facility
from .money import round_2, round_kr, to_fraction
from .parameters import Parameters
from .periods import split_days_by_month
from .results import Forecast, MonthResult


def monthly_fixed(annual: Decimal) -> tuple[Decimal, ...]:
    """Fixed budget phasing (SPEC §3.5): round_kr(annual ÷ 12) a month; December takes the
    remainder so the twelve months sum exactly to ``annual``."""
    month = round_kr(to_fraction(annual) / 12)
    return (month,) * 11 + (annual - 11 * month,)


def funded_fte(activity: Decimal, hourly_cost: Decimal, productive_hours: Decimal) -> Decimal:
    """FTE funded = activity ÷ hourly_cost ÷ productive hours, two decimals (SPEC §3.5).

    For a month pass ``productive_hours ÷ 12`` as ``productive_hours``."""
    if hourly_cost == 0 or productive_hours == 0:
        return Decimal("0.00")
    return round_2(to_fraction(activity) / to_fraction(hourly_cost) / to_fraction(productive_hours))


def billing_rate(base: Decimal, service: Decimal, overhead_rate: Decimal) -> Decimal:
    """kr per billed day = round_kr((base + service) × (1 + overhead_rate)) (SPEC §3.6)."""
    return round_kr(to_fraction(base + service) * (1 + to_fraction(overhead_rate)))


@dataclass(slots=True)
class FacilityLedger:
    facility: Facility
    base_tariff: Decimal
    activity: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * 12)
    sales: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * 12)
    occupied: list[int] = field(default_factory=lambda: [0] * 12)
    active: list[int] = field(default_factory=lambda: [0] * 12)
    sold_days: int = 0
    level_days: dict[str, int] = field(default_factory=dict)
    hours_days: Fraction = Fraction(0)  # Σ hours per døgn × days, for the average
    days_with_hours: int = 0
    occupied_ranges: list[tuple[int, int]] = field(default_factory=list)
    _rates: dict[Decimal, Decimal] = field(default_factory=dict)

    def add_active(self, first: int, last: int, tariff: Decimal, starts: list[int]) -> None:
        """Budget-active days (occupied or tail) priced at the service tariff."""
        for m, days in split_days_by_month(first, last, starts):
            self.activity[m] += tariff * days
            self.active[m] += days

    def add_occupied(
        self, first: int, last: int, level: str, hours: Fraction | None, starts: list[int]
    ) -> None:
        n = last - first + 1
        for m, days in split_days_by_month(first, last, starts):
            self.occupied[m] += days
        self.level_days[level] = self.level_days.get(level, 0) + n
        if hours is not None:
            self.hours_days += hours * n
            self.days_with_hours += n

    def add_billed(
        self, first: int, last: int, tariff: Decimal, overhead: Decimal, starts: list[int]
    ) -> None:
        rate = self._rates.get(tariff)
        if rate is None:
            rate = self._rates[tariff] = billing_rate(self.base_tariff, tariff, overhead)
        for m, days in split_days_by_month(first, last, starts):
            self.sales[m] += rate * days
            self.sold_days += days

    def months(
        self, params: Parameters, hourly_cost: Decimal, fixed: tuple[Decimal, ...]
    ) -> tuple[MonthResult, ...]:
        actuals = dict(self.facility.actuals)
        monthly_hours = params.productive_hours_per_fte / 12
        return tuple(
            MonthResult(
                month=m + 1,
                fixed=fixed[m],
                activity=self.activity[m],
                sales_income=self.sales[m],
                occupied_days=self.occupied[m],
                budget_active_days=self.active[m],
                funded_fte=funded_fte(self.activity[m], hourly_cost, monthly_hours),
                actual=actuals.get(m + 1),
            )
            for m in range(12)
        )


def forecast(months: tuple[MonthResult, ...]) -> Forecast | None:
    """Budget vs actual and year-end forecast (SPEC §3.5) over the months with actuals so far.

    Actuals are taken as a run of months from January; a gap ends the run."""
    done = 0
    for mr in months:
        if mr.actual is None:
            break
        done += 1
    if done == 0:
        return None
    actual = sum((mr.actual or Decimal(0) for mr in months[:done]), start=Decimal(0))
    budget = sum((mr.total for mr in months[:done]), start=Decimal(0))
    rest = sum((mr.total for mr in months[done:]), start=Decimal(0))
    return Forecast(
        months_with_actuals=done,
        actual_to_date=actual,
        budget_to_date=budget,
        deviation_to_date=actual - budget,
        forecast_budget_rest=actual + rest,
        forecast_run_rate=round_kr(to_fraction(actual) / done * 12),
    )


def over_capacity(ranges: list[tuple[int, int]], places: int) -> list[tuple[int, int, int]]:
    """Inclusive ordinal ranges where more residents are present than places, with the peak
    count: ``(first, last, residents)``. A sweep over move-in/out events."""
    events: dict[int, int] = {}
    for a, b in ranges:
        events[a] = events.get(a, 0) + 1
        events[b + 1] = events.get(b + 1, 0) - 1
    out: list[tuple[int, int, int]] = []
    count = 0
    open_at: int | None = None
    peak = 0
    for day in sorted(events):
        count += events[day]
        if count > places:
            if open_at is None:
                open_at, peak = day, count
            peak = max(peak, count)
        elif open_at is not None:
            out.append((open_at, day - 1, peak))
            open_at = None
    return out
