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
from .money import round_kr, round_ratio, to_fraction
from .parameters import Parameters
from .periods import split_days_by_month
from .results import Forecast, MonthResult, Placement


def monthly_fixed(annual: Decimal) -> tuple[Decimal, ...]:
    """Fixed budget phasing (SPEC §3.5): round_kr(annual ÷ 12) a month; December takes the
    remainder so the twelve months sum exactly to ``annual``."""
    n, d = annual.as_integer_ratio()
    month = round_ratio(n, d * 12, 0)  # = round_kr(annual ÷ 12), in integers (1.500 calls)
    return (month,) * 11 + (annual - 11 * month,)


def funded_fte(activity: Decimal, hourly_cost: Decimal, productive_hours: Decimal) -> Decimal:
    """FTE funded = activity ÷ hourly_cost ÷ productive hours, two decimals (SPEC §3.5).

    For a month pass ``productive_hours ÷ 12`` as ``productive_hours``. Integer arithmetic on
    the exact ratios (hot path: 13 calls per facility)."""
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


@dataclass(slots=True)
class FacilityLedger:
    """Exact sums for one facility and year. Money is kept as *day counts per tariff and month*
    (integers) and multiplied out once in :meth:`money_by_month` — exact, and fast."""

    facility: Facility
    base_tariff: Decimal
    activity_days: dict[Decimal, list[int]] = field(default_factory=dict)  # tariff → days/month
    billed_days: dict[Decimal, list[int]] = field(default_factory=dict)  # billing rate → days
    occupied: list[int] = field(default_factory=lambda: [0] * 12)
    active: list[int] = field(default_factory=lambda: [0] * 12)
    sold_days: int = 0
    level_days: dict[str, int] = field(default_factory=dict)
    minutes_num: dict[int, int] = field(
        default_factory=dict
    )  # Σ minutes/week × days by denominator
    days_with_hours: int = 0
    occupied_ranges: list[tuple[int, int]] = field(default_factory=list)
    _rates: dict[Decimal, Decimal] = field(default_factory=dict)

    def add_stay(
        self,
        first: int,
        last: int,
        placement: Placement,
        billed: bool,
        overhead: Decimal,
        starts: list[int],
    ) -> None:
        """Occupied days ``first``..``last`` on one placement: budget-active, occupied, and billed
        when the citizen's municipality buys the place. One month split for all three."""
        tariff = placement.service_tariff
        act = self.activity_days.get(tariff)
        if act is None:
            act = self.activity_days[tariff] = [0] * 12
        bill = None
        if billed:
            rate = self._rate(tariff, overhead)
            bill = self.billed_days.get(rate)
            if bill is None:
                bill = self.billed_days[rate] = [0] * 12
        occupied, active = self.occupied, self.active
        for m, days in split_days_by_month(first, last, starts):
            act[m] += days
            active[m] += days
            occupied[m] += days
            if bill is not None:
                bill[m] += days
        n = last - first + 1
        if billed:
            self.sold_days += n
        level = placement.level
        self.level_days[level] = self.level_days.get(level, 0) + n
        minutes = placement.minutes_per_week
        if minutes is not None:
            den = minutes.denominator
            self.minutes_num[den] = self.minutes_num.get(den, 0) + minutes.numerator * n
            self.days_with_hours += n

    def add_active(self, first: int, last: int, tariff: Decimal, starts: list[int]) -> None:
        """Budget-active days after a move-out (the tail), priced at the service tariff."""
        act = self.activity_days.setdefault(tariff, [0] * 12)
        for m, days in split_days_by_month(first, last, starts):
            act[m] += days
            self.active[m] += days

    def add_billed(
        self, first: int, last: int, tariff: Decimal, overhead: Decimal, starts: list[int]
    ) -> None:
        """Billed days after a move-out (the billing tail option of SPEC §3.6)."""
        bill = self.billed_days.setdefault(self._rate(tariff, overhead), [0] * 12)
        for m, days in split_days_by_month(first, last, starts):
            bill[m] += days
            self.sold_days += days

    def _rate(self, tariff: Decimal, overhead: Decimal) -> Decimal:
        rate = self._rates.get(tariff)
        if rate is None:
            rate = self._rates[tariff] = billing_rate(self.base_tariff, tariff, overhead)
        return rate

    @property
    def activity(self) -> list[Decimal]:
        """Activity budget per month: Σ over tariffs of tariff × budget-active days."""
        return _money_by_month(self.activity_days)

    @property
    def sales(self) -> list[Decimal]:
        """Sales income per month: Σ over billing rates of rate × billed days."""
        return _money_by_month(self.billed_days)

    @property
    def hours_days(self) -> Fraction:
        """Σ hours per døgn × days, exact (for the average hours per døgn)."""
        total = sum((Fraction(n, d) for d, n in self.minutes_num.items()), start=Fraction(0))
        return total / 420

    def months(
        self, params: Parameters, hourly_cost: Decimal, fixed: tuple[Decimal, ...]
    ) -> tuple[MonthResult, ...]:
        actuals = dict(self.facility.actuals)
        activity, sales = self.activity, self.sales
        monthly_hours = params.productive_hours_per_fte / 12
        return tuple(
            MonthResult(
                month=m + 1,
                fixed=fixed[m],
                activity=activity[m],
                sales_income=sales[m],
                occupied_days=self.occupied[m],
                budget_active_days=self.active[m],
                funded_fte=funded_fte(activity[m], hourly_cost, monthly_hours),
                actual=actuals.get(m + 1),
            )
            for m in range(12)
        )


def _money_by_month(days_by_amount: dict[Decimal, list[int]]) -> list[Decimal]:
    out = [Decimal(0)] * 12
    for amount, days in days_by_amount.items():
        for m in range(12):
            if days[m]:
                out[m] += amount * days[m]
    return out


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
    return capacity_sweep(events, places)


def capacity_sweep(events: dict[int, int], places: int) -> list[tuple[int, int, int]]:
    """``over_capacity`` from the net change of residents on each day (+ in, − the day after)."""
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
