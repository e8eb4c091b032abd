"""CPR numbers: validation (format and date part), masking and redaction.

The modulus-11 check is not required: CPR numbers issued since 2007 need not satisfy it.
The century follows the 7th digit (CPR-kontoret's table)."""

from __future__ import annotations

import re
from datetime import date

_CPR = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")
# Ten digits, optionally with a dash after six, not inside a longer number.
CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def _century(yy: int, digit7: int) -> int:
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # 5–8


def validate_cpr(text: str) -> str:
    """The CPR number as ten digits, or ``ValueError`` with a Danish message."""
    m = _CPR.match(text.strip())
    if not m:
        raise ValueError("CPR-nummeret skal have formen DDMMÅÅ-XXXX (10 cifre).")
    dd, mm, yy, seq = int(m[1]), int(m[2]), int(m[3]), m[4]
    year = _century(yy, int(seq[0])) + yy
    try:
        date(year, mm, dd)
    except ValueError:
        raise ValueError("CPR-nummerets første seks cifre er ikke en gyldig dato.") from None
    return f"{m[1]}{m[2]}{m[3]}{seq}"


def mask_cpr(cpr: str) -> str:
    """DDMMÅÅ-xxxx: the birth date only."""
    digits = cpr.replace("-", "")
    return f"{digits[:6]}-xxxx" if len(digits) == 10 else "xxxxxx-xxxx"


def redact(text: str) -> str:
    """Replace anything shaped like a CPR number by xxxxxx-xxxx."""
    return CPR_PATTERN.sub("xxxxxx-xxxx", text)
