"""Reading the what-if forms: Danish numbers and dates, bounded, with Danish messages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES, WEEKDAYS
from ressourcemodel.formatting import parse_user_number
from ressourcemodel.web.common.errors import ServiceError

LIMITS = {  # name: (label, lowest, highest)
    "hourly_cost": ("Timepris", Decimal("0.01"), Decimal(100000)),
    "indirect_share": ("Indirekte tid", Decimal(0), Decimal(2)),
    "occupancy_rate": ("Standardbelægning", Decimal("0.01"), Decimal(1)),
    "overhead_rate": ("Overhead ved salg", Decimal(0), Decimal(1)),
    "amount": ("Beløb", Decimal(0), Decimal(10) ** 10),
}


def number(post: Any, name: str, limit: str | None = None) -> Decimal:
    label, low, high = LIMITS[limit or name]
    raw = str(post.get(name, "")).strip()
    try:
        if not raw or len(raw) > 20:
            raise ValueError
        value = parse_user_number(raw)
    except ValueError:
        raise ServiceError(f"{label}: '{raw[:20]}' er ikke et tal.") from None
    if not low <= value <= high:
        raise ServiceError(f"{label} skal være mellem {low} og {high}.")
    return value


def day(post: Any, name: str, label: str) -> date:
    try:
        return date.fromisoformat(str(post.get(name, "")).strip())
    except ValueError:
        raise ServiceError(f"{label}: angiv en dato.") from None


def category(post: Any) -> str:
    value = str(post.get("kategori", ""))
    if value not in FIXED_COST_CATEGORIES:
        raise ServiceError("Vælg en udgiftskategori.")
    return value


def entry(post: Any) -> dict[str, Any]:
    days = [d for d in post.getlist("days") if d in WEEKDAYS]
    if not days:
        raise ServiceError("Vælg mindst én ugedag.")
    form = str(post.get("form", "individual"))
    if form not in ("individual", "double"):
        raise ServiceError("Støtteformen skal være individuel eller dobbeltbemanding.")
    return {
        "days": days,
        "start": str(post.get("start", ""))[:5],
        "end": str(post.get("end", ""))[:5],
        "form": form,
        "theme": str(post.get("theme", "Egenomsorg"))[:40],
        "legal_basis": "SEL85",
    }
