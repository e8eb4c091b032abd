"""Parameters of a tariff year (SPEC §3) with their defaults.

A ``Parameters`` value is a plain immutable snapshot handed to the engine — never a queryset. Every
rule of SPEC §3 that a municipality may change is a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class TailRule(StrEnum):
    """How long a stay stays budget-active after move-out (SPEC §3.5)."""

    MONTH_PLUS_ONE = "month_plus_one"  # løbende måned plus en måned
    NONE = "none"


class LevelChangeRule(StrEnum):
    """When an approved assessment's level takes effect (SPEC §3.5)."""

    EFFECTIVE_DATE = "effective_date"
    NEXT_MONTH = "next_month"  # from the 1st of the month after the effective date


class LevelUnit(StrEnum):
    """Unit of level bounds and priced hours (SPEC §3.2)."""

    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class LevelDef:
    """One tariff level: ``lower`` ≤ hours < ``upper``, priced at ``priced_hours`` (in ``unit``)."""

    code: str
    lower: Decimal
    upper: Decimal
    priced_hours: Decimal


@dataclass(frozen=True, slots=True)
class StaffShare:
    """One staff category of the staff mix: its share of hours and annual cost per FTE (kr)."""

    category: str
    share: Decimal
    annual_cost: Decimal


def default_levels() -> tuple[LevelDef, ...]:
    """Level k spans [2(k−1), 2k) hours per døgn and is priced at the midpoint (SPEC §3.2)."""
    return tuple(
        LevelDef(str(k), Decimal(2 * (k - 1)), Decimal(2 * k), Decimal(2 * k - 1))
        for k in range(1, 9)
    )


def default_staff_mix() -> tuple[StaffShare, ...]:
    """Seed staff mix (SPEC §3.3): gives 509,750 kr ÷ 1,526 h ≈ 334.04 kr/h."""
    return (
        StaffShare("socialpædagog", Decimal("0.60"), Decimal("545000")),
        StaffShare("pædagogmedhjælper", Decimal("0.25"), Decimal("440000")),
        StaffShare("SOSU-assistent", Decimal("0.10"), Decimal("500000")),
        StaffShare("SOSU-hjælper", Decimal("0.05"), Decimal("455000")),
    )


@dataclass(frozen=True, slots=True)
class Parameters:
    """Everything SPEC §3 leaves to the municipality, for one tariff year."""

    year: int
    municipality_code: str = "707"
    municipality_name: str = ""
    levels: tuple[LevelDef, ...] = field(default_factory=default_levels)
    level_unit: LevelUnit = LevelUnit.DAY
    hourly_cost: Decimal | None = None  # None: derived from staff_mix (SPEC §3.3)
    staff_mix: tuple[StaffShare, ...] = field(default_factory=default_staff_mix)
    annual_norm_hours: Decimal = Decimal("1924")
    productive_hours_per_fte: Decimal = Decimal("1526")
    indirect_share: Decimal = Decimal("0.25")
    occupancy_rate: Decimal = Decimal("0.97")  # for facilities with neither a rate nor history
    occupancy_min: Decimal = Decimal("0.95")
    occupancy_max: Decimal = Decimal("0.98")
    overhead_rate: Decimal = Decimal("0")
    tail_rule: TailRule = TailRule.MONTH_PLUS_ONE
    billing_tail_rule: TailRule = TailRule.NONE
    level_change_rule: LevelChangeRule = LevelChangeRule.EFFECTIVE_DATE
    regulation_lag_years: int = 2  # result of year t is carried into year t+lag (SPEC §3.4)
