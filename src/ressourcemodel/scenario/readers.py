"""Small typed readers for scenario documents: each checks one value and names its field in a
Danish error (``ScenarioError``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from ressourcemodel.engine.money import parse_decimal

T = TypeVar("T")


class ScenarioError(ValueError):
    """An invalid scenario file: ``field`` is the path of the offending value."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


def _get(d: dict[str, Any], key: str, path: str, default: Any = ...) -> Any:
    if key in d and d[key] is not None:
        return d[key]
    if default is ...:
        raise ScenarioError(f"{path}.{key}" if path else key, "mangler")
    return default


def _dict(v: Any, path: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ScenarioError(path, "skal være et objekt med felter")
    return v


def _list(v: Any, path: str) -> list[Any]:
    if not isinstance(v, list):
        raise ScenarioError(path, "skal være en liste")
    return v


def _str(v: Any, path: str) -> str:
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise ScenarioError(path, "skal være en tekst")
    return str(v)


def _dec(
    v: Any, path: str, *, min_value: Decimal | None = None, max_value: Decimal | None = None
) -> Decimal:
    if isinstance(v, float):
        raise ScenarioError(path, "beløb og satser skal skrives som tekst, ikke som decimaltal")
    try:
        d = parse_decimal(v)
    except (ValueError, InvalidOperation):
        raise ScenarioError(path, f"'{v}' er ikke et tal") from None
    if min_value is not None and d < min_value:
        raise ScenarioError(path, f"skal være mindst {min_value}")
    if max_value is not None and d > max_value:
        raise ScenarioError(path, f"må højst være {max_value}")
    return d


def _money(v: Any, path: str, *, min_value: Decimal | None = None) -> Decimal:
    """An amount in kroner with at most two decimals (øre)."""
    d = _dec(v, path, min_value=min_value)
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -2 and d != d.quantize(Decimal("0.01")):
        raise ScenarioError(path, f"'{v}': et beløb kan højst have to decimaler (øre)")
    return d


def _int(v: Any, path: str, *, min_value: int | None = None) -> int:
    if isinstance(v, bool):
        raise ScenarioError(path, "skal være et heltal")
    if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
        v = int(v.strip())
    if not isinstance(v, int):
        raise ScenarioError(path, f"'{v}' er ikke et heltal")
    if min_value is not None and v < min_value:
        raise ScenarioError(path, f"skal være mindst {min_value}")
    return v


def _date(v: Any, path: str) -> date:
    if isinstance(v, date):
        return v
    s = _str(v, path).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s) or None
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m2 = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", s)  # Danish DD-MM-ÅÅÅÅ
        if not m2:
            raise ScenarioError(path, f"'{s}' er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)")
        d, mo, y = int(m2[1]), int(m2[2]), int(m2[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise ScenarioError(path, f"'{s}' er ikke en gyldig dato") from None


def _time(v: Any, path: str) -> int:
    s = _str(v, path).strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", s)
    if not m or int(m[1]) > 24 or int(m[2]) > 59 or (int(m[1]) == 24 and int(m[2]) != 0):
        raise ScenarioError(path, f"'{s}' er ikke et klokkeslæt TT:MM")
    minutes = int(m[1]) * 60 + int(m[2])
    return 0 if minutes == 1440 else minutes  # 24:00 is midnight


def _enum(v: Any, path: str, enum: Callable[[str], T], allowed: list[str]) -> T:
    s = _str(v, path)
    try:
        return enum(s)
    except ValueError:
        raise ScenarioError(path, f"'{s}' er ikke en af: {', '.join(allowed)}") from None
