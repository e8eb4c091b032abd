"""A facility's result from its accumulated sums (SPEC §3.4–3.6), and its warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .accumulate import Calendar, FacilityAcc, Months
from .budget import billing_rate, capacity_sweep, forecast, funded_fte, monthly_fixed
from .model import Facility
from .money import round_ratio
from .parameters import Parameters
from .results import FacilityResult, MonthResult, Warning
from .tariffs import occupancy_rate, regulation


def _money(
    cal: Calendar, by: dict[Decimal, Months], price: dict[Decimal, Decimal] | None
) -> tuple[list[Decimal], list[int]]:
    """Σ price × days per month (price = the key itself, or ``price[key]``), and Σ days."""
    money = [Decimal(0)] * 12
    total = [0] * 12
    lengths = cal.lengths
    for key, counter in by.items():
        amount = key if price is None else price[key]
        running = 0
        for m in range(12):  # Calendar.days, inline
            n = counter[m] + running * lengths[m]
            running += counter[13 + m]
            if n:
                money[m] += amount * n
                total[m] += n
    return money, total


class _Fte:
    """``budget.funded_fte`` for one hourly cost and productive hours, the ratios taken once."""

    __slots__ = ("den", "num")

    def __init__(self, hourly_cost: Decimal, productive_hours: Decimal) -> None:
        hn, hd = hourly_cost.as_integer_ratio()
        pn, pd = productive_hours.as_integer_ratio()
        self.num, self.den = hd * pd, hn * pn  # zero when either is zero

    def __call__(self, activity: Decimal) -> Decimal:
        if self.den == 0:
            return Decimal("0.00")
        an, ad = activity.as_integer_ratio()
        return round_ratio(an * self.num, ad * self.den, 2)


def facility_result(
    f: Facility,
    acc: FacilityAcc,
    base: Decimal,
    params: Parameters,
    hourly_cost: Decimal,
    cal: Calendar,
) -> FacilityResult:
    fixed_total = sum((a for _, a in f.fixed_costs), start=Decimal(0))
    fixed = monthly_fixed(fixed_total)
    activity, active = _money(cal, acc.activity, None)
    overhead = params.overhead_rate
    rates = {t: billing_rate(base, t, overhead) for t in acc.billed}
    sales, _ = _money(cal, acc.billed, rates)
    occupied = cal.days(acc.occupied)
    actuals = dict(f.actuals)
    fte = _Fte(hourly_cost, params.productive_hours_per_fte / 12)
    months = tuple(
        MonthResult(
            month=m + 1,
            fixed=fixed[m],
            activity=activity[m],
            sales_income=sales[m],
            occupied_days=occupied[m],
            budget_active_days=active[m],
            funded_fte=fte(activity[m]),
            actual=actuals.get(m + 1),
        )
        for m in range(12)
    )
    total_activity = sum(activity, start=Decimal(0))
    return FacilityResult(
        id=f.id,
        name=f.name,
        area=f.area,
        places=f.places,
        occupancy_rate=occupancy_rate(f, params),
        fixed_costs_total=fixed_total,
        regulation=regulation(f, params),
        base_tariff=base,
        fixed_budget=fixed_total,
        activity_budget=total_activity,
        sales_income=sum(sales, start=Decimal(0)),
        occupied_days=sum(occupied),
        sold_days=acc.sold_days,
        funded_fte=funded_fte(total_activity, hourly_cost, params.productive_hours_per_fte),
        actual_fte=f.actual_fte,
        months=months,
        forecast=forecast(months),
        level_days=tuple(sorted(acc.level_days.items())),
        old_budget=f.old_budget,
        previous_budget=f.previous_budget,
    )


def facility_warnings(f: Facility, acc: FacilityAcc, base: Decimal) -> list[Warning]:
    out = []
    if base < 0:
        out.append(
            Warning(
                "negative_base_tariff",
                f"{f.name or f.id}: basistaksten er negativ ({base} kr. pr. døgn), "
                "fordi efterreguleringen af et overskud er større end omkostningsgrundlaget. "
                "Overvej at fordele overskuddet over flere år.",
                facility=f.id,
            )
        )
    for a, b, n in capacity_sweep(acc.presence, f.places):
        da, db = date.fromordinal(a), date.fromordinal(b)
        span = f"{da:%d-%m-%Y}" if a == b else f"{da:%d-%m-%Y}–{db:%d-%m-%Y}"
        message = f"{f.name or f.id}: {n} beboere på {f.places} pladser {span}."
        out.append(Warning("over_capacity", message, facility=f.id, start=da, end=db))
    return out
