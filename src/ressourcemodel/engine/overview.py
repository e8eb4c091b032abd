"""Central budget model and key figures (SPEC §3.7), by area and in total."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import TypeVar

from .money import round_ratio
from .results import FacilityResult, KeyFigures

_ZERO = Decimal(0)
_K = TypeVar("_K", str, int)


@dataclass(slots=True)
class FigureSums:
    """The exact sums behind a group's key figures. Each facility is read once, into its
    area's sums; the total adds the areas' sums (every sum is exact, so the grouping does not
    change it). None: no facility of the group has the figure."""

    facilities: int = 0
    fixed: Decimal = _ZERO
    activity: Decimal = _ZERO
    sales: Decimal = _ZERO
    funded_fte: Decimal = _ZERO
    places: int = 0
    occupied: int = 0
    sold_days: int = 0
    level_days: dict[str, int] = field(default_factory=dict)  # resident-days per level
    on_ref: dict[str, int] = field(default_factory=dict)  # residents on the reference day
    hours: dict[int, int] = field(default_factory=dict)  # Σ hours × days: numerators by den.
    hours_days: int = 0  # days with a døgnskema
    actual_fte: Decimal | None = None
    old: Decimal | None = None
    previous: Decimal | None = None
    # SPEC §3.5 follow-up, where a facility has actuals: their sums, and the forecast (actuals
    # + remaining budget, the facilities without actuals their budget)
    actual_to_date: Decimal | None = None
    budget_to_date: Decimal | None = None
    forecast: Decimal = _ZERO

    def add(self, o: FigureSums) -> None:
        self.facilities += o.facilities
        self.fixed += o.fixed
        self.activity += o.activity
        self.sales += o.sales
        self.funded_fte += o.funded_fte
        self.places += o.places
        self.occupied += o.occupied
        self.sold_days += o.sold_days
        _add_counts(self.level_days, o.level_days)
        _add_counts(self.on_ref, o.on_ref)
        _add_counts(self.hours, o.hours)
        self.hours_days += o.hours_days
        self.actual_fte = _add_opt(self.actual_fte, o.actual_fte)
        self.old = _add_opt(self.old, o.old)
        self.previous = _add_opt(self.previous, o.previous)
        self.actual_to_date = _add_opt(self.actual_to_date, o.actual_to_date)
        self.budget_to_date = _add_opt(self.budget_to_date, o.budget_to_date)
        self.forecast += o.forecast


def _add_counts(into: dict[_K, int], counts: Mapping[_K, int]) -> None:
    for k, n in counts.items():
        into[k] = into.get(k, 0) + n


def _add_opt(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else a + b


def group_sums(
    facilities: Iterable[FacilityResult],
    residents_on_reference: Mapping[str, Mapping[str, int]],
    hours_days: Mapping[str, tuple[Fraction, int]],
) -> FigureSums:
    """The sums of a group of facility results, each read once. Per facility id:
    ``residents_on_reference`` by level on the reference day; ``hours_days`` (Σ hours per døgn
    × days, days with a døgnskema)."""
    s = FigureSums()
    level_days, on_ref, hours = s.level_days, s.on_ref, s.hours
    fixed = activity = sales = funded = forecast = _ZERO
    places = occupied = sold = n = hdays = 0
    actual_fte: list[Decimal] = []
    old: list[Decimal] = []
    prev: list[Decimal] = []
    to_date: list[Decimal] = []
    budget_to_date: list[Decimal] = []
    for f in facilities:
        n += 1
        fixed += f.fixed_budget
        activity += f.activity_budget
        sales += f.sales_income
        funded += f.funded_fte
        places += f.places
        occupied += f.occupied_days
        sold += f.sold_days
        for code, days in f.level_days:
            level_days[code] = level_days.get(code, 0) + days
        for code, k in residents_on_reference[f.id].items():
            on_ref[code] = on_ref.get(code, 0) + k
        hd = hours_days.get(f.id)
        if hd is not None:
            h, days = hd
            den = h.denominator
            hours[den] = hours.get(den, 0) + h.numerator
            hdays += days
        if f.actual_fte is not None:
            actual_fte.append(f.actual_fte)
        if f.old_budget is not None:
            old.append(f.old_budget)
        if f.previous_budget is not None:
            prev.append(f.previous_budget)
        fc = f.forecast
        if fc is None:
            forecast += f.fixed_budget + f.activity_budget
        else:
            forecast += fc.forecast_budget_rest
            to_date.append(fc.actual_to_date)
            budget_to_date.append(fc.budget_to_date)
    s.facilities, s.places, s.occupied, s.sold_days, s.hours_days = n, places, occupied, sold, hdays
    s.fixed, s.activity, s.sales, s.funded_fte = fixed, activity, sales, funded
    s.forecast = forecast
    s.actual_fte, s.old, s.previous = _sum_opt(actual_fte), _sum_opt(old), _sum_opt(prev)
    s.actual_to_date, s.budget_to_date = _sum_opt(to_date), _sum_opt(budget_to_date)
    return s


def added(groups: Iterable[FigureSums]) -> FigureSums:
    """The sums of several groups (the areas' sums → the total's)."""
    out = FigureSums()
    for g in groups:
        out.add(g)
    return out


def _sum_opt(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, start=_ZERO) if values else None


def key_figures(name: str, s: FigureSums, *, days_in_year: int) -> KeyFigures:
    """A group's key figures from its exact sums (SPEC §3.7): every ratio is rounded once,
    ROUND_HALF_UP, from the integers it is made of."""
    total = s.fixed + s.activity
    capacity = s.places * days_in_year
    tn, td = total.as_integer_ratio()
    common = lcm(*s.hours)  # Σ hours × days = Σ numerators over their denominators
    hours = sum(n * (common // d) for d, n in s.hours.items())
    return KeyFigures(
        name=name,
        facilities=s.facilities,
        fixed_budget=s.fixed,
        activity_budget=s.activity,
        total_budget=total,
        sales_income=s.sales,
        net_cost=total - s.sales,
        places=s.places,
        occupied_days=s.occupied,
        capacity_days=capacity,
        occupancy=round_ratio(s.occupied, capacity, 4) if capacity else _ZERO,
        residents_per_level=tuple(sorted(s.on_ref.items(), key=_by_level)),
        resident_days_per_level=tuple(sorted(s.level_days.items(), key=_by_level)),
        average_level=_average_level(s.level_days),
        average_hours_per_day=(
            round_ratio(hours, common * s.hours_days, 2) if s.hours_days else None
        ),
        sold_places=round_ratio(s.sold_days, days_in_year, 2),
        sold_share=round_ratio(s.sold_days, days_in_year * s.places, 4) if s.places else _ZERO,
        cost_per_place_per_day=round_ratio(tn, td * capacity, 2) if capacity else None,
        funded_fte=s.funded_fte,
        actual_fte=s.actual_fte,
        actual_to_date=s.actual_to_date,
        budget_to_date=s.budget_to_date,
        forecast=s.forecast if s.actual_to_date is not None else None,
        old_budget=s.old,
        change_vs_old=(total - s.old) if s.old is not None else None,
        previous_budget=s.previous,
        change_vs_previous=(total - s.previous) if s.previous is not None else None,
    )


def _average_level(level_days: dict[str, int]) -> Decimal | None:
    """Average over occupied days on levels 1–8 (special tariffs left out), two decimals."""
    numeric = [(int(c), n) for c, n in level_days.items() if c.isdigit()]
    days = sum(n for _, n in numeric)
    return round_ratio(sum(c * n for c, n in numeric), days, 2) if days else None


def _by_level(item: tuple[str, int]) -> tuple[int, int, str]:
    code = item[0]
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def reference_day(year: int, today: date | None) -> date:
    """The day residents are counted on: ``today`` when it falls in the year, else 31 December."""
    if today is not None and today.year == year:
        return today
    return date(year, 12, 31)
