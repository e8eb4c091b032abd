"""The slot-filling constructors make the same objects as the classes' own constructors."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

import pytest

from ressourcemodel.engine.model import (
    Assessment,
    Citizen,
    LegalBasis,
    ScheduleEntry,
    Stay,
    SupportForm,
)
from ressourcemodel.engine.results import FacilityResult, MonthResult
from ressourcemodel.engine.slots import filler


def test_filled_objects_equal_constructed_ones() -> None:
    entry = (frozenset({0, 6}), 1320, 120, SupportForm.DOUBLE, 2, 1, "Egenomsorg",
             LegalBasis.SEL83, "Bad", "sosu", "note")  # fmt: skip
    made = filler(ScheduleEntry)(*entry)
    assert made == ScheduleEntry(*entry)
    assert hash(made) == hash(ScheduleEntry(*entry))
    stay = ("F1", date(2026, 1, 1), None)
    assert filler(Stay)(*stay) == Stay(*stay)
    assessment = (date(2026, 1, 1), (made,), None, None, "", date(2026, 6, 1))
    assert filler(Assessment)(*assessment) == Assessment(*assessment)
    citizen = ("C1", "707", (Stay(*stay),), (Assessment(*assessment),), "Navn")
    assert filler(Citizen)(*citizen) == Citizen(*citizen)
    with pytest.raises(AttributeError):
        made.start = 0  # type: ignore[misc]  # still frozen


def test_month_results_filled_equal_constructed_ones() -> None:
    month = (3, Decimal("10"), Decimal("2.50"), Decimal("0"), 31, 30, Decimal("0.12"), None)
    made = filler(MonthResult)(*month)
    assert made == MonthResult(*month)
    assert hash(made) == hash(MonthResult(*month))
    assert repr(made) == repr(MonthResult(*month))
    assert made.total == Decimal("12.50")


def test_facility_results_filled_by_name_put_each_field_in_its_slot() -> None:
    names = [f.name for f in fields(FacilityResult)]
    values = {name: object() for name in names}  # a value of its own for every field
    made = filler(FacilityResult)(**values)
    assert all(getattr(made, name) is values[name] for name in names)
    assert made == FacilityResult(**values)
    with pytest.raises(AttributeError):
        made.places = 0  # type: ignore[misc]  # still frozen


def test_only_plain_slots_dataclasses() -> None:
    @dataclass(frozen=True, slots=True)
    class WithPostInit:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclass(frozen=True)
    class WithoutSlots:
        x: Decimal

    for cls in (WithPostInit, WithoutSlots):
        with pytest.raises(TypeError):
            filler(cls)
