"""Facility forms: Danish number input, Danish messages, nothing else."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ressourcemodel.engine.model import FIXED_COST_CATEGORIES
from ressourcemodel.formatting import parse_user_number
from ressourcemodel.web.common.errors import ServiceError

from .services import FacilityInput


def _amount(raw: Any, label: str) -> Decimal | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if len(text) > 30:
        raise ServiceError(f"{label}: '{text[:30]}…' er ikke et beløb.")
    try:
        value = parse_user_number(text)
    except ValueError as e:
        raise ServiceError(f"{label}: {e}.") from None
    if value != value.quantize(Decimal("0.01")):
        raise ServiceError(f"{label}: højst to decimaler (øre).")
    return value


def facility_input(post: Any) -> FacilityInput:
    raw_places = str(post.get("pladser", "")).strip()
    if not raw_places.isdigit() or len(raw_places) > 5:
        raise ServiceError("Pladser skal være et helt tal.")
    fixed = {}
    for k in FIXED_COST_CATEGORIES:
        v = _amount(post.get(f"fast_{k}"), f"Fast udgift ({k})")
        if v is not None:
            fixed[k] = v
    return FacilityInput(
        name=str(post.get("navn", "")).strip()[:200],
        area=str(post.get("omraade", "")).strip()[:200],
        places=int(raw_places),
        legal_basis=str(post.get("lovgrundlag", "")).strip()[:100],
        night_cover=str(post.get("nattevagt", "")),
        fixed_costs=fixed,
    )


def actuals_input(post: Any) -> dict[int, Decimal]:
    out = {}
    for month in range(1, 13):
        v = _amount(post.get(f"maaned_{month}"), f"Forbrug, måned {month}")
        if v is not None:
            out[month] = v
    return out


def version_input(post: Any) -> int:
    raw = str(post.get("version", ""))
    if not raw.isdigit() or len(raw) > 9:
        raise ServiceError("Versionen er ugyldig; genindlæs siden.")
    return int(raw)
