"""Money and the named rounding points of SPEC §3.

All money is ``Decimal`` built from ``str`` or ``int``; intermediate results that must stay exact
(hours from a døgnskema, divisions in the base tariff) are ``fractions.Fraction``. Rounding happens
only in the functions below, always ROUND_HALF_UP (half away from zero), never Python's default
half-even.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = Decimal | Fraction | int

ZERO = Decimal(0)
ONE = Decimal(1)


def to_fraction(value: Number) -> Fraction:
    """Exact conversion; every finite Decimal is a ratio of integers."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    n, d = value.as_integer_ratio()
    return Fraction(n, d)


def round_ratio(numerator: int, denominator: int, places: int = 0) -> Decimal:
    """ROUND_HALF_UP of the exact ratio ``numerator / denominator`` to ``places`` decimals."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q = numerator * 10**places
    sign = -1 if q < 0 else 1
    n = (abs(q) * 2 + denominator) // (denominator * 2)  # floor(|q| + 1/2)
    return Decimal(sign * n).scaleb(-places)


def round_half_up(value: Number, places: int = 0) -> Decimal:
    """Round an exact value to ``places`` decimals, halves away from zero (ROUND_HALF_UP).

    Works on the exact rational value, so 2.5 → 3 and −2.5 → −3 even when the value came from a
    division that a 28-digit Decimal context could not hold exactly.
    """
    n, d = value.as_integer_ratio()
    return round_ratio(n, d, places)


def round_kr(value: Number) -> Decimal:
    """Rounding point: whole kroner, ROUND_HALF_UP (tariffs, monthly fixed budget, billing rate)."""
    return round_half_up(value, 0)


def round_ore(value: Number) -> Decimal:
    """Rounding point: kroner with øre (two decimals), ROUND_HALF_UP (hourly cost, pot amounts)."""
    return round_half_up(value, 2)


def round_2(value: Number) -> Decimal:
    """Rounding point for display figures with two decimals (hours per døgn, FTE), ROUND_HALF_UP."""
    return round_half_up(value, 2)


def parse_decimal(text: str | int) -> Decimal:
    """Exact Decimal from a string or int; accepts a Danish decimal comma ("244,04").

    Raises ``ValueError`` for anything else (a float is refused on purpose).
    """
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError("skal være et tal skrevet som tekst eller heltal")
    if isinstance(text, int):
        return Decimal(text)
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in s:
        if "." in s:  # Danish thousands separators: 1.065.966,72
            s = s.replace(".", "")
        s = s.replace(",", ".")
    d = Decimal(s)
    if not d.is_finite():
        raise ValueError("skal være et endeligt tal")
    return d
