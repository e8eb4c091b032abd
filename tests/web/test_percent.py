"""Percentages typed in forms (roll forward, phase-in): one parser, Danish messages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.http import parse_percent

LOW, HIGH = Decimal(-50), Decimal(50)


@pytest.mark.parametrize(
    ("raw", "rate"),
    [("3,2", "0.032"), ("3.2", "0.032"), (" 12,5 % ", "0.125"), ("-1", "-0.01"), ("50", "0.5")],
)
def test_a_percentage_becomes_a_rate(raw: str, rate: str) -> None:
    assert parse_percent(raw, "Løn", low=LOW, high=HIGH) == Decimal(rate)


def test_empty_is_none() -> None:
    assert parse_percent("  ", "Løn", low=LOW, high=HIGH) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("tre", "Løn: 'tre' er ikke et tal."),
        ("NaN", "Løn: 'NaN' er ikke et tal."),
        ("51", "Løn skal være mellem -50 og 50 procent."),
        ("1e9", "Løn skal være mellem -50 og 50 procent."),
    ],
)
def test_bad_input_gets_a_danish_message(raw: str, message: str) -> None:
    with pytest.raises(ServiceError) as e:
        parse_percent(raw, "Løn", low=LOW, high=HIGH)
    assert str(e.value) == message
