"""Results of one calculation (SPEC §4 result shape). Frozen, exact, no floats.

Amounts are ``Decimal`` whole kroner unless the field says otherwise. Every number the web
application, the API and the exports show is read from these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class LevelTariff:
    code: str
    lower: Decimal
    upper: Decimal
    priced_hours: Decimal
    service_tariff: Decimal  # kr per døgn, whole kroner


class Placement(NamedTuple):
    """What one assessment gives: attributed time, level and service tariff per døgn.

    A NamedTuple rather than a frozen dataclass: built once per assessment on the hot path."""

    minutes_per_week: Fraction | None  # exact; None for a hand-set level without a døgnskema
    level: str  # "1".."8", "S1" or "S2"
    service_tariff: Decimal  # kr per døgn
    manual: bool = False
    reason: str = ""

    @property
    def hours_per_day(self) -> Fraction | None:
        """Exact hours per døgn = minutes per week ÷ 7 ÷ 60 (SPEC §3.1)."""
        m = self.minutes_per_week
        return None if m is None else m / 420


@dataclass(frozen=True, slots=True)
class CitizenPeriod:
    """Consecutive occupied days inside the year with one facility, level and tariff."""

    start: date
    end: date  # inclusive
    facility: str
    placement: Placement


@dataclass(frozen=True, slots=True)
class CitizenResult:
    id: str
    paying_municipality: str
    sold: bool
    periods: tuple[CitizenPeriod, ...]


@dataclass(frozen=True, slots=True)
class MonthResult:
    month: int
    fixed: Decimal
    activity: Decimal
    sales_income: Decimal
    occupied_days: int
    budget_active_days: int
    funded_fte: Decimal  # two decimals
    actual: Decimal | None  # loaded actual spending, None where not loaded

    @property
    def total(self) -> Decimal:
        return self.fixed + self.activity


@dataclass(frozen=True, slots=True)
class Forecast:
    """Budget vs actual and a year-end forecast (SPEC §3.5), from the months with actuals."""

    months_with_actuals: int
    actual_to_date: Decimal
    budget_to_date: Decimal
    deviation_to_date: Decimal  # actual − budget; + means overspent
    forecast_budget_rest: Decimal  # actuals so far + budget for the remaining months
    forecast_run_rate: Decimal  # actuals so far ÷ months × 12, whole kroner


@dataclass(frozen=True, slots=True)
class FacilityResult:
    id: str
    name: str
    area: str
    places: int
    occupancy_rate: Decimal  # the rate used in the base tariff
    fixed_costs_total: Decimal
    regulation: Decimal  # total efterregulering in the base tariff
    base_tariff: Decimal  # kr per døgn
    fixed_budget: Decimal
    activity_budget: Decimal
    sales_income: Decimal
    occupied_days: int
    sold_days: int
    funded_fte: Decimal  # annual average, two decimals
    actual_fte: Decimal | None
    months: tuple[MonthResult, ...]
    forecast: Forecast | None
    level_days: tuple[tuple[str, int], ...]  # (level code, occupied days on that level)
    old_budget: Decimal | None
    previous_budget: Decimal | None

    @property
    def total_budget(self) -> Decimal:
        return self.fixed_budget + self.activity_budget


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str
    facility: str | None = None
    citizen: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """SPEC §3.7 key figures for a group of facilities (one area, or all)."""

    name: str
    facilities: int
    fixed_budget: Decimal
    activity_budget: Decimal
    total_budget: Decimal
    sales_income: Decimal
    net_cost: Decimal  # total budget − sales income
    places: int
    occupied_days: int
    capacity_days: int  # places × days in year
    occupancy: Decimal  # occupied ÷ capacity, four decimals
    residents_per_level: tuple[tuple[str, int], ...]  # residents present on the reference day
    resident_days_per_level: tuple[tuple[str, int], ...]
    average_level: Decimal | None  # over occupied days on levels 1–8, two decimals
    average_hours_per_day: Decimal | None  # over occupied days with a døgnskema, two decimals
    sold_places: Decimal  # sold resident-days ÷ days in year, two decimals
    sold_share: Decimal  # sold_places ÷ places, four decimals
    cost_per_place_per_day: Decimal | None  # total budget ÷ capacity days, øre
    funded_fte: Decimal
    actual_fte: Decimal | None
    actual_to_date: Decimal | None
    budget_to_date: Decimal | None
    forecast: Decimal | None
    old_budget: Decimal | None
    change_vs_old: Decimal | None
    previous_budget: Decimal | None
    change_vs_previous: Decimal | None


@dataclass(frozen=True, slots=True)
class SpecialCase:
    citizen: str
    facility: str
    level: str
    service_tariff: Decimal
    reason: str
    review_date: date | None


@dataclass(frozen=True, slots=True)
class Overview:
    reference_date: date
    total: KeyFigures
    areas: tuple[KeyFigures, ...]
    special_cases: tuple[SpecialCase, ...]


@dataclass(frozen=True, slots=True)
class Result:
    year: int
    days_in_year: int
    hourly_cost: Decimal  # kr per productive hour, øre
    levels: tuple[LevelTariff, ...]
    facilities: tuple[FacilityResult, ...]
    citizens: tuple[CitizenResult, ...]
    overview: Overview
    warnings: tuple[Warning, ...]
