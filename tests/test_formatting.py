"""Danish number formats in and out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ressourcemodel.formatting import format_kr, format_number, parse_user_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("750.000", "750000"),
        ("1.065.966,72", "1065966.72"),
        ("244,04", "244.04"),
        ("244.04", "244.04"),
        ("0.975", "0.975"),
        ("1.500", "1500"),
        ("12", "12"),
        ("-1.250,5", "-1250.5"),
        ("2.000.000 kr.", "2000000"),
    ],
)
def test_parse_user_number(text: str, value: str) -> None:
    assert parse_user_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["mange", "1,2,3", "1.2,3.4", "", "nan"])
def test_parse_user_number_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="ikke et tal"):
        parse_user_number(text)


def test_format() -> None:
    assert format_kr(Decimal("1065966.72")) == "1.065.966,72 kr."
    assert format_kr(Decimal("-1678988"), 0) == "-1.678.988 kr."
    assert format_number(Decimal("2.645"), 2) == "2,65"
