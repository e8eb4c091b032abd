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


MAX_TEXT = 2000  # characters in any one text field
MAX_MONEY = Decimal(10) ** 12  # kroner: a municipality's budget is far below a thousand billion


def _str(v: Any, path: str, *, max_length: int = MAX_TEXT) -> str:
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise ScenarioError(path, "skal være en tekst")
    if isinstance(v, int) and abs(v) >= 10**18:
        raise ScenarioError(path, "tallet er for stort til en tekst her")
    text = str(v)
    if len(text) > max_length:
        raise ScenarioError(path, f"må højst være {max_length} tegn (er {len(text)})")
    return text


def _dec(
    v: Any, path: str, *, min_value: Decimal | None = None, max_value: Decimal | None = None
) -> Decimal:
    if isinstance(v, float):
        raise ScenarioError(path, "beløb og satser skal skrives som tekst, ikke som decimaltal")
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise ScenarioError(path, 'skal være et tal skrevet som tekst, fx "1250.50"')
    text = str(v).strip() if isinstance(v, str) else None
    if text is not None and (len(text) > 24 or not re.fullmatch(r"-?\d+(\.\d+)?", text)):
        shown = text[:24] + ("…" if len(text) > 24 else "")
        raise ScenarioError(path, f"'{shown}' er ikke et tal (højst 24 tegn, fx 1250.50)")
    if isinstance(v, int) and abs(v) >= 10**15:
        raise ScenarioError(path, "tallet er for stort")
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
    if abs(d) >= MAX_MONEY:
        raise ScenarioError(path, "beløbet er for stort (højst 12 cifre før kommaet)")
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -2 and d != d.quantize(Decimal("0.01")):
        raise ScenarioError(path, f"'{v}': et beløb kan højst have to decimaler (øre)")
    return d


def _int(v: Any, path: str, *, min_value: int | None = None, max_value: int = 10**9) -> int:
    if isinstance(v, bool):
        raise ScenarioError(path, "skal være et heltal")
    if isinstance(v, str) and re.fullmatch(r"-?\d{1,18}", v.strip()):
        v = int(v.strip())
    if not isinstance(v, int):
        shown = str(v)[:24]
        raise ScenarioError(path, f"'{shown}' er ikke et heltal")
    if min_value is not None and v < min_value:
        raise ScenarioError(path, f"skal være mindst {min_value}")
    if v > max_value:
        raise ScenarioError(path, f"må højst være {max_value}")
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
