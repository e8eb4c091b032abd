"""Rounding points are ROUND_HALF_UP on the exact value (SPEC §3, ADR 0001)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ressourcemodel.engine.budget import monthly_fixed
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.model import Facility
from ressourcemodel.engine.money import parse_decimal, round_half_up, round_kr, round_ore
from ressourcemodel.engine.parameters import Parameters
from ressourcemodel.engine.tariffs import base_tariff


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


_AMOUNTS = st.integers(0, 3).flatmap(lambda k: st.decimals(-(10**9), 10**9, places=k))


@given(
    st.lists(_AMOUNTS, max_size=4),
    _AMOUNTS,
    st.integers(-2, 60),
    st.none() | st.decimals(Decimal("-0.5"), Decimal("1.5"), places=4),
    st.sampled_from((365, 366)),
)
@example([Decimal("182.5")], Decimal(0), 1, Decimal(1), 365)  # exactly ½ kr: up to 1
@example([Decimal("-182.5")], Decimal(0), 1, Decimal(1), 365)  # −½ kr: away from zero, −1
@example([Decimal("1000000")], Decimal("-3650"), 10, Decimal("0.85"), 365)
def test_base_tariff_is_the_exact_ratio_rounded_half_up(
    lines: list[Decimal], regulation: Decimal, places: int, rate: Decimal | None, days: int
) -> None:
    """kr per døgn = round_kr((Σ fixed lines + regulation) ÷ (places × days × occupancy)) on
    the exact ratio (SPEC §3.4), refused where the denominator is not above zero."""
    facility = Facility("F1", "F", "A", places, tuple(("Løn", a) for a in lines))
    facility = replace(facility, occupancy_rate=rate, regulation=regulation)
    params = Parameters(2026)
    occupancy = params.occupancy_rate if rate is None else rate
    denominator = places * days * Fraction(occupancy)
    if denominator <= 0:
        with pytest.raises(EngineError):
            base_tariff(facility, params, days)
        return
    exact = (Fraction(sum(lines, start=Decimal(0))) + Fraction(regulation)) / denominator
    assert base_tariff(facility, params, days) == round_kr(exact)
    assert base_tariff(facility, params, days).as_tuple().exponent == 0
