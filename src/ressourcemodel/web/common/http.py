"""Reading requests: the year of a page, JSON bodies. Parsing only — no rules, no figures."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest

from ressourcemodel.formatting import format_number, parse_user_number
from ressourcemodel.web.calculation.results import current_year

from .errors import BadParameter, ServiceError

MIN_YEAR, MAX_YEAR = 2000, 2100


def year_param(request: HttpRequest) -> int:
    """The page's year from ``?aar=``, or the newest year with data."""
    raw = request.GET.get("aar", "").strip()
    if not raw:
        return current_year()
    if not raw.isdigit() or len(raw) > 4 or not MIN_YEAR <= int(raw) <= MAX_YEAR:
        raise BadParameter(f"Året '{raw[:20]}' er ikke et gyldigt takstår ({MIN_YEAR}–{MAX_YEAR}).")
    return int(raw)


def json_body(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise ServiceError("Forespørgslen kunne ikke læses.") from None
    if not isinstance(body, dict):
        raise ServiceError("Forespørgslen kunne ikke læses.")
    return body


def parse_percent(raw: object, label: str, *, low: Decimal, high: Decimal) -> Decimal | None:
    """A percentage typed the Danish way ("3,2", "12,5 %", or "3.2") as a rate (0.032), or
    ``None`` when the field is empty. Raises ``ServiceError`` with a Danish message when the text
    is not a number or lies outside ``low``–``high`` percent."""
    text = str(raw).strip().removesuffix("%").strip()
    if not text:
        return None
    try:
        value = parse_user_number(text[:20])
    except ValueError as e:
        raise ServiceError(f"{label}: {e}.") from None
    if not low <= value <= high:
        raise ServiceError(
            f"{label} skal være mellem {format_number(low)} og {format_number(high)} procent."
        )
    return value / 100
