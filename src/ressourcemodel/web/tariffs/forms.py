"""The tariff-year parameter form: Danish number input, the loader's ranges, Danish messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ressourcemodel.formatting import parse_user_number
from ressourcemodel.web.common.errors import ServiceError

# (label, lowest, highest, decimals): the same ranges the scenario loader accepts.
PARAMETERS: dict[str, tuple[Any, Decimal, Decimal, int]] = {  # label (lazy), range, decimals
    "hourly_cost": (_("Timepris"), Decimal("0.01"), Decimal(100000), 2),
    "indirect_share": (_("Indirekte tid"), Decimal(0), Decimal(2), 4),
    "occupancy_rate": (_("Standardbelægning"), Decimal("0.01"), Decimal(1), 4),
    "overhead_rate": (_("Overhead ved salg"), Decimal(0), Decimal(1), 4),
}


def parse_parameter(name: str, raw: str) -> Decimal:
    label, low, high, decimals = PARAMETERS[name]
    if len(raw) > 30:
        raise ServiceError(f"{label}: '{raw[:30]}…' er ikke et tal.")
    try:
        value = parse_user_number(raw)
    except ValueError as e:
        raise ServiceError(f"{label}: {e}.") from None
    if not low <= value <= high:
        raise ServiceError(f"{label} skal være mellem {low} og {high}; '{raw}' er uden for.")
    if -value.as_tuple().exponent > decimals:  # type: ignore[operator]
        raise ServiceError(f"{label} må højst have {decimals} decimaler.")
    return value


def parameter_changes(post: Any) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """The changed values and the decision each comes from (``beslutning_<field>``)."""
    changes: dict[str, Decimal | None] = {}
    decisions: dict[str, str] = {}
    for name in PARAMETERS:
        raw = str(post.get(name, "")).strip()
        if name == "hourly_cost" and raw == "":
            changes[name] = None  # derived from the staff mix
        elif raw:
            changes[name] = parse_parameter(name, raw)
        decision = str(post.get(f"beslutning_{name}", "")).strip()[:200]
        if decision:
            decisions[name] = decision
    return changes, decisions
