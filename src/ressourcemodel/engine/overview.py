"""Central budget model and key figures (SPEC §3.7), by area and in total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .money import round_2, round_half_up, round_ore, to_fraction
from .results import FacilityResult, KeyFigures


def _sum_opt(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, start=Decimal(0)) if present else None


def key_figures(
    name: str,
    facilities: Sequence[FacilityResult],
    *,
    days_in_year: int,
    residents_on_reference: dict[str, dict[str, int]],
    hours_days: dict[str, tuple[Fraction, int]],
) -> KeyFigures:
    """Aggregate facility results (SPEC §3.7); every ratio from exact sums. Per facility id:
    ``residents_on_reference`` by level on the reference day; ``hours_days`` (Σ hours per døgn ×
    days, days with a døgnskema)."""
    fixed = sum((f.fixed_budget for f in facilities), start=Decimal(0))
    activity = sum((f.activity_budget for f in facilities), start=Decimal(0))
    sales = sum((f.sales_income for f in facilities), start=Decimal(0))
    places = sum(f.places for f in facilities)
    occupied = sum(f.occupied_days for f in facilities)
    sold_days = sum(f.sold_days for f in facilities)
    capacity = places * days_in_year
    total = fixed + activity

    level_days, on_ref = _level_counts(facilities, residents_on_reference)
    average_level = _average_level(level_days)
    hsum, hdays = _hours(facilities, hours_days)
    sold = Fraction(sold_days, days_in_year)

    actual_to_date, budget_to_date, forecast = _follow_up(facilities)
    old, prev = (
        _sum_opt([f.old_budget for f in facilities]),
        _sum_opt([f.previous_budget for f in facilities]),
    )
    return KeyFigures(
        name=name,
        facilities=len(facilities),
        fixed_budget=fixed,
        activity_budget=activity,
        total_budget=total,
        sales_income=sales,
        net_cost=total - sales,
        places=places,
        occupied_days=occupied,
        capacity_days=capacity,
        occupancy=round_half_up(Fraction(occupied, capacity), 4) if capacity else Decimal(0),
        residents_per_level=tuple(sorted(on_ref.items(), key=lambda kv: _level_key(kv[0]))),
        resident_days_per_level=tuple(sorted(level_days.items(), key=lambda kv: _level_key(kv[0]))),
        average_level=average_level,
        average_hours_per_day=round_2(hsum / hdays) if hdays else None,
        sold_places=round_2(sold),
        sold_share=round_half_up(sold / places, 4) if places else Decimal(0),
        cost_per_place_per_day=round_ore(to_fraction(total) / capacity) if capacity else None,
        funded_fte=sum((f.funded_fte for f in facilities), start=Decimal(0)),
        actual_fte=_sum_opt([f.actual_fte for f in facilities]),
        actual_to_date=actual_to_date,
        budget_to_date=budget_to_date,
        forecast=forecast,
        old_budget=old,
        change_vs_old=(total - old) if old is not None else None,
        previous_budget=prev,
        change_vs_previous=(total - prev) if prev is not None else None,
    )


def _hours(
    facilities: Sequence[FacilityResult], hours_days: dict[str, tuple[Fraction, int]]
) -> tuple[Fraction, int]:
    """Σ hours per døgn × days and Σ days with a døgnskema; exact, numerators summed by
    denominator so that only a few fractions are added."""
    by_den: dict[int, int] = {}
    days = 0
    for f in facilities:
        hd = hours_days.get(f.id)
        if hd is not None:
            h, n = hd
            by_den[h.denominator] = by_den.get(h.denominator, 0) + h.numerator
            days += n
    return sum((Fraction(n, d) for d, n in by_den.items()), start=Fraction(0)), days


def _average_level(level_days: dict[str, int]) -> Decimal | None:
    """Average over occupied days on levels 1–8 (special tariffs left out), two decimals."""
    numeric = [(int(c), n) for c, n in level_days.items() if c.isdigit()]
    days = sum(n for _, n in numeric)
    return round_2(Fraction(sum(c * n for c, n in numeric), days)) if days else None


def _level_counts(
    facilities: Sequence[FacilityResult], residents_on_reference: dict[str, dict[str, int]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Resident-days per level over the year, and residents per level on the reference day."""
    level_days: dict[str, int] = {}
    on_ref: dict[str, int] = {}
    for f in facilities:
        for code, n in f.level_days:
            level_days[code] = level_days.get(code, 0) + n
        for code, n in residents_on_reference.get(f.id, {}).items():
            on_ref[code] = on_ref.get(code, 0) + n
    return level_days, on_ref


def _follow_up(
    facilities: Sequence[FacilityResult],
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Actuals and budget to date, and the year-end forecast: facilities with actuals count
    actuals + remaining budget, the others their budget (SPEC §3.5)."""
    with_fc = [f.forecast for f in facilities if f.forecast is not None]
    if not with_fc:
        return None, None, None
    forecast = sum(
        (f.forecast.forecast_budget_rest if f.forecast else f.total_budget for f in facilities),
        start=Decimal(0),
    )
    return (
        _sum_opt([fc.actual_to_date for fc in with_fc]),
        _sum_opt([fc.budget_to_date for fc in with_fc]),
        forecast,
    )


def _level_key(code: str) -> tuple[int, int, str]:
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def reference_day(year: int, today: date | None) -> date:
    """The day residents are counted on: ``today`` when it falls in the year, else 31 December."""
    if today is not None and today.year == year:
        return today
    return date(year, 12, 31)
