"""Facility budget month by month (SPEC §3.5) and sales to other municipalities (SPEC §3.6).

The rules a facility's result is made with (``facility.facility_result``): the monthly fixed
budget, the funded FTE, the billing rate, the year-end forecast and the spans over capacity.
"""

from __future__ import annotations

from decimal import Decimal

from .money import round_kr, round_ratio, to_fraction
from .results import Forecast, MonthResult


def monthly_fixed(annual: Decimal) -> tuple[Decimal, ...]:
    """Fixed budget phasing (SPEC §3.5): round_kr(annual ÷ 12) a month; December takes the
    remainder so the twelve months sum exactly to ``annual``."""
    n, d = annual.as_integer_ratio()
    month = round_ratio(n, d * 12, 0)  # = round_kr(annual ÷ 12), in integers (1.500 calls)
    return (month,) * 11 + (annual - 11 * month,)


def funded_fte(activity: Decimal, hourly_cost: Decimal, productive_hours: Decimal) -> Decimal:
    """FTE funded = activity ÷ hourly_cost ÷ productive hours, two decimals (SPEC §3.5).

    Integer arithmetic on the exact ratios; a month's FTE is ``month_money.MonthFte``."""
    if hourly_cost == 0 or productive_hours == 0:
        return Decimal("0.00")
    an, ad = activity.as_integer_ratio()
    hn, hd = hourly_cost.as_integer_ratio()
    pn, pd = productive_hours.as_integer_ratio()
    return round_ratio(an * hd * pd, ad * hn * pn, 2)


def billing_rate(base: Decimal, service: Decimal, overhead_rate: Decimal) -> Decimal:
    """kr per billed day = round_kr((base + service) × (1 + overhead_rate)) (SPEC §3.6)."""
    on, od = overhead_rate.as_integer_ratio()
    vn, vd = (base + service).as_integer_ratio()
    return round_ratio(vn * (od + on), vd * od, 0)


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


Span = tuple[int, int, int]  # days over capacity: first and last (ordinals), most residents


def capacity_sweep(events: dict[int, int], places: int) -> list[Span]:
    """Inclusive ordinal ranges where more residents are present than places, with the peak
    count — ``(first, last, residents)`` — from the net change of residents on each day (+ on
    the move-in, − the day after the last day)."""
    out: list[Span] = []
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
