"""CPR validation, masking and redaction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ressourcemodel.cpr import mask_cpr, redact, validate_cpr


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("010140-0000", "0101400000"),
        ("1509981234", "1509981234"),
        ("290200-4123", "2902004123"),
        ("290296-1234", "2902961234"),
    ],
)
def test_valid(text: str, digits: str) -> None:
    assert validate_cpr(text) == digits


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("320140-0000", "gyldig dato"),
        ("290201-1234", "gyldig dato"),
        ("0101400", "formen"),
        ("01014O0000", "formen"),
        ("010140 0000", "formen"),
    ],
)
def test_invalid(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        validate_cpr(text)


def test_mask_and_redact() -> None:
    assert mask_cpr("0101400000") == "010140-xxxx"
    assert redact("borger 010140-0000 og 0101400000, konto 12345678901") == (
        "borger xxxxxx-xxxx og xxxxxx-xxxx, konto 12345678901"
    )


@given(st.from_regex(r"\A\d{6}-?\d{4}\Z"))
def test_redact_removes_every_cpr_shaped_number(cpr: str) -> None:
    assert cpr not in redact(f"x {cpr} y")
