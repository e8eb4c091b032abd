"""Next year's tariff parameters by KL's price and wage index (PL-fremskrivning, SPEC §3.9)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .model import Facility
from .money import round_kr, round_ore, to_fraction
from .parameters import Parameters, StaffShare

# Fixed cost lines that are mainly wages: rolled forward with the wage index (SPEC §3.9).
WAGE_LINES: frozenset[str] = frozenset(
    {
        "ledelse_og_administration",
        "servicepersonale",
        "nattevagt",
        "administrative_sundhedsfaglige_opgaver",
        "tvaergaaende_sundhedsindsatser",
        "amr_tr_og_trio",
    }
)


def roll_parameters(params: Parameters, *, wage_rate: Decimal) -> Parameters:
    """Copy to ``year + 1`` with staff costs × (1 + wage_rate): the given hourly cost rounded to
    øre, or each staff category's annual cost rounded to whole kroner."""
    factor = 1 + to_fraction(wage_rate)
    hourly = (
        None if params.hourly_cost is None else round_ore(to_fraction(params.hourly_cost) * factor)
    )
    mix = tuple(
        StaffShare(s.category, s.share, round_kr(to_fraction(s.annual_cost) * factor))
        for s in params.staff_mix
    )
    return replace(params, year=params.year + 1, hourly_cost=hourly, staff_mix=mix)


def roll_facility(
    facility: Facility,
    *,
    wage_rate: Decimal,
    price_rate: Decimal,
    wage_lines: frozenset[str] = WAGE_LINES,
) -> Facility:
    """Fixed cost lines × (1 + wage or price rate), whole kroner. Regulation, actuals and history
    belong to a year and are not carried."""
    lines = tuple(
        (
            cat,
            round_kr(
                to_fraction(amount)
                * (1 + to_fraction(wage_rate if cat in wage_lines else price_rate))
            ),
        )
        for cat, amount in facility.fixed_costs
    )
    return replace(facility, fixed_costs=lines, regulation=Decimal(0), actuals=(), results=())
