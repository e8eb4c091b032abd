"""The tariff-year parameter form: Danish number input, the loader's ranges, Danish messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ressourcemodel.formatting import parse_user_number
from ressourcemodel.scenario.limits import PARAMETER_LIMITS
from ressourcemodel.web.common.errors import ServiceError

# The labels of the editable parameters; their ranges are the scenario loader's
# (ressourcemodel.scenario.limits), so what is saved here can always be computed and exported.
PARAMETERS: dict[str, tuple[Any, Decimal, Decimal, int]] = {
    name: (label, *PARAMETER_LIMITS[name])
    for name, label in (
        ("hourly_cost", _("Timepris")),
        ("indirect_share", _("Indirekte tid")),
        ("occupancy_rate", _("Standardbelægning")),
        ("overhead_rate", _("Overhead ved salg")),
    )
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
