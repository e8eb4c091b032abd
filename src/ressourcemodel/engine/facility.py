"""A facility's result from its accumulated sums (SPEC §3.4–3.6), and its warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .accumulate import Calendar, FacilityAcc, Months
from .budget import Span, billing_rate, capacity_sweep, forecast, funded_fte, monthly_fixed
from .model import Facility
from .month_money import MonthFte, Monthly, month_fte
from .parameters import Parameters
from .results import FacilityResult, MonthResult, Warning
from .slots import filler
from .tariffs import FacilityTerms

# Twelve month results per facility (18.000 in a national calculation), and the facility's
# result of twenty fields, made through their slots as citizen.py makes periods
# (``slots.filler``; the result's fields named, as to its class).
_new_month = filler(MonthResult)
_new_result = filler(FacilityResult)


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


_MONTHS = range(1, 13)
_NO_ACTUALS: list[Decimal | None] = [None] * 12


def month_figures(
    acc: FacilityAcc, base: Decimal, overhead: Decimal, cal: Calendar, fte: MonthFte
) -> Monthly:
    """Activity budget, budget-active days, sales income, occupied days and funded FTE per
    month, from the facility's own sums (``month_money.month_sums`` gives the same for all
    facilities at once)."""
    activity, active = _money(cal, acc.activity, None)
    rates = {t: billing_rate(base, t, overhead) for t in acc.billed}
    sales, _ = _money(cal, acc.billed, rates)
    return activity, active, sales, cal.days(acc.occupied), list(map(fte, activity))


def facility_result(
    f: Facility,
    acc: FacilityAcc,
    terms: FacilityTerms,
    params: Parameters,
    hourly_cost: Decimal,
    cal: Calendar,
    monthly: Monthly | None = None,
) -> FacilityResult:
    """The facility's result; ``terms``: its base tariff and what that is made of;
    ``monthly``: its ``month_figures`` when already made."""
    fixed_total, base = terms.fixed, terms.base
    fixed = monthly_fixed(fixed_total)
    if monthly is None:
        fte = month_fte(hourly_cost, params.productive_hours_per_fte)
        monthly = month_figures(acc, base, params.overhead_rate, cal, fte)
    activity, active, sales, occupied, ftes = monthly
    actual: list[Decimal | None] = _NO_ACTUALS
    if f.actuals:
        actuals = dict(f.actuals)
        actual = [actuals.get(m) for m in _MONTHS]
    # MonthResult(month, fixed, activity, sales_income, occupied_days, budget_active_days,
    # funded_fte, actual), month by month
    months = tuple(map(_new_month, _MONTHS, fixed, activity, sales, occupied, active, ftes, actual))
    total_activity = sum(activity, start=Decimal(0))
    return _new_result(
        id=f.id,
        name=f.name,
        area=f.area,
        places=f.places,
        occupancy_rate=terms.occupancy,
        fixed_costs_total=fixed_total,
        regulation=terms.regulation,
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


def facility_warnings(
    f: Facility, acc: FacilityAcc, base: Decimal, spans: list[Span] | None = None
) -> list[Warning]:
    """``spans``: its spans over capacity, when known (``columns.over_capacity``); else they
    are swept from its presence changes."""
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
    if spans is None:
        spans = capacity_sweep(acc.presence, f.places)
    for a, b, n in spans:
        da, db = date.fromordinal(a), date.fromordinal(b)
        span = f"{da:%d-%m-%Y}" if a == b else f"{da:%d-%m-%Y}–{db:%d-%m-%Y}"
        message = f"{f.name or f.id}: {n} beboere på {f.places} pladser {span}."
        out.append(Warning("over_capacity", message, facility=f.id, start=da, end=db))
    return out
