"""The ranges a tariff parameter may take — one table for scenario files, workbooks and the web
forms alike, so that whatever is saved can also be computed and exported."""

from __future__ import annotations

from decimal import Decimal

# name: (lowest, highest, most decimals)
PARAMETER_LIMITS: dict[str, tuple[Decimal, Decimal, int]] = {
    "hourly_cost": (Decimal("0.01"), Decimal(100000), 2),
    "annual_norm_hours": (Decimal(1), Decimal(8784), 2),
    "productive_hours_per_fte": (Decimal(1), Decimal(8784), 2),
    "indirect_share": (Decimal(0), Decimal(2), 4),
    "occupancy_rate": (Decimal("0.01"), Decimal(1), 4),
    "occupancy_min": (Decimal("0.01"), Decimal(1), 4),
    "occupancy_max": (Decimal("0.01"), Decimal(1), 4),
    "overhead_rate": (Decimal(0), Decimal(1), 4),
}


def check_parameter(name: str, value: Decimal) -> str | None:
    """A Danish reason when ``value`` is outside the parameter's range or has too many
    decimals; None when it is allowed."""
    low, high, decimals = PARAMETER_LIMITS[name]
    if not low <= value <= high:
        return f"skal være mellem {low} og {high}"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals and value != round(value, decimals):
        return f"må højst have {decimals} decimaler"
    return None
