"""Danish display formats: 1.065.966,72 kr., 24-06-2025, Danish month names.

Formatting only — values come rounded from the engine where a rounding point exists; the
``decimals`` given here only pads or rounds for display (ROUND_HALF_UP).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_DA_SHORT = (
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)


def format_number(value: Decimal | int | Fraction | str | None, decimals: int = 0) -> str:
    """1065966.72 → "1.065.966,72" (thousands '.', decimal ','); None → ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, Fraction):
        d = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        d = Decimal(value)
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    text = f"{abs(q):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if decimals else f"{sign}{out}"


def format_kr(value: Decimal | int | str | None, decimals: int = 2) -> str:
    """1065966.72 → "1.065.966,72 kr."."""
    if value is None or value == "":
        return ""
    return f"{format_number(value, decimals)} kr."


def format_date(d: date | None) -> str:
    """24-06-2025."""
    return "" if d is None else d.strftime("%d-%m-%Y")


def month_name(month: int) -> str:
    return MONTHS_DA[month - 1]


def format_percent(value: Decimal | str | None, decimals: int = 1) -> str:
    """0.9712 → "97,1 %"."""
    if value is None or value == "":
        return ""
    return f"{format_number(Decimal(value) * 100, decimals)} %"


_GROUPED = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")


def parse_user_number(text: str) -> Decimal:
    """A number as a Danish user types it: "1.065.966,72", "750.000", "244,04" — and also
    "244.04". A dot is a thousands separator only when it forms groups of three after a non-zero
    lead ("750.000", "1.500"); otherwise it is a decimal point ("244.04", "0.975").
    Raises ``ValueError`` with a Danish message."""
    s = text.strip().replace(" ", "").replace("\u00a0", "").removesuffix("kr.").strip()
    if not s.isascii():  # digits are 0–9; other scripts' digits are not a Danish number
        raise ValueError(f"'{text}' er ikke et tal")
    if _GROUPED.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        if "." in s:
            raise ValueError(f"'{text}' er ikke et tal")
        s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{text}' er ikke et tal") from None
    if not d.is_finite():
        raise ValueError(f"'{text}' er ikke et tal")
    return d
