"""Rounding points are ROUND_HALF_UP on the exact value (SPEC §3, ADR 0001)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ressourcemodel.engine.budget import monthly_fixed
from ressourcemodel.engine.money import parse_decimal, round_half_up, round_kr, round_ore


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("417.5", "418"),
        ("1252.5", "1253"),
        ("2.5", "3"),
        ("-2.5", "-3"),
        ("0.49", "0"),
        ("2087.4999", "2087"),
    ],
)
def test_round_kr_is_half_up(value: str, expected: str) -> None:
    assert round_kr(Decimal(value)) == Decimal(expected)


def test_exact_fraction_half_is_rounded_up() -> None:
    # 1/3 + 1/6 = 0.5 exactly; a 28-digit Decimal division would give 0.4999… and round down
    assert round_kr(Fraction(1, 3) + Fraction(1, 6)) == Decimal(1)
    assert round_ore(Fraction(2, 3)) == Decimal("0.67")


@given(
    st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=1, max_value=10**6)
)
def test_round_half_up_within_half_unit(n: int, d: int) -> None:
    q = Fraction(n, d)
    r = round_half_up(q, 2)
    assert abs(Fraction(r) - q) <= Fraction(1, 200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("244,04", "244.04"), ("1.065.966,72", "1065966.72"), ("750000", "750000"), (12, "12")],
)
def test_parse_decimal_accepts_danish_format(text: str | int, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


def test_parse_decimal_refuses_float() -> None:
    with pytest.raises(ValueError, match="tal"):
        parse_decimal(1.5)  # type: ignore[arg-type]


@given(st.integers(0, 4).flatmap(lambda k: st.decimals(-(10**12), 10**12, places=k)))
def test_monthly_fixed_is_annual_by_twelve_rounded_half_up(annual: Decimal) -> None:
    """The monthly fixed budget is round_kr(annual ÷ 12) on the exact ratio, December the rest
    (SPEC §3.5), however many decimals the annual amount has."""
    months = monthly_fixed(annual)
    assert months[:11] == (round_kr(Fraction(annual) / 12),) * 11
    assert all(m.as_tuple().exponent == 0 for m in months[:11])
    assert sum(months, start=Decimal(0)) == annual
