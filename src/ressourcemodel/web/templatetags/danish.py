"""Danish display filters: formatting only, the figures come from the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template

from ressourcemodel import formatting
from ressourcemodel.engine.money import round_2
from ressourcemodel.web.audit import labels
from ressourcemodel.web.common.dates import month_name

register = template.Library()


@register.filter
def kr(value: Any, decimals: int = 0) -> str:
    """1065966.72 → "1.065.966,72 kr." (whole kroner unless decimals are asked for)."""
    return formatting.format_kr(value, int(decimals))


@register.filter
def num(value: Any, decimals: int = 0) -> str:
    return formatting.format_number(value, int(decimals))


@register.filter
def hours(value: Any) -> str:
    """Exact hours per døgn shown with two decimals."""
    if value is None:
        return "–"
    return formatting.format_number(round_2(value), 2)


@register.filter
def pct(value: Any, decimals: int = 1) -> str:
    return formatting.format_percent(value, int(decimals))


@register.filter
def dkdate(value: date | None) -> str:
    return formatting.format_date(value)


@register.filter
def monthname(value: int) -> str:
    """The month's name in the page's language (Danish: "januar")."""
    return month_name(int(value))


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def neg(value: Decimal | None) -> bool:
    return value is not None and value < 0


@register.filter
def action_label(code: str) -> str:
    return labels.action_label(code)


@register.filter
def page_label(code: str) -> str:
    return labels.page_label(code)


@register.filter
def plain(value: Decimal | str | None) -> str:
    """A form value in Danish without trailing zeros: 0.2500 → "0,25", 334.00 → "334"."""
    if value is None:
        return ""
    if isinstance(value, str):  # what the user typed, shown back as typed
        return value
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


@register.filter
def hhmm(minutes: int) -> str:
    """Minutes after midnight as 08:30."""
    return f"{int(minutes) // 60:02d}:{int(minutes) % 60:02d}"


@register.filter
def cause_label(cause: str) -> str:
    """The Danish label of a cause of a comparison (SPEC §3.12)."""
    from ressourcemodel.engine.compare import CAUSE_LABELS_DA

    return CAUSE_LABELS_DA.get(cause, cause)
