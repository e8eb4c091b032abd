"""The fast path for plain døgnskema entries agrees with the full reader on every entry it
accepts, and leaves every other entry (wrong types, other spellings, bad values) to the full
reader and its Danish messages."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.scenario.people import entry_from_dict
from ressourcemodel.scenario.quick_entries import quick_entry
from ressourcemodel.scenario.readers import ScenarioError

ODD: list[Any] = [None, True, False, 0, 1, 2, 3, 101, -1, "1", "2", "02", " 2", "²", "-1", "", " ",
                  1.5, [], {}, "x" * 90]  # fmt: skip
values = {
    "days": st.one_of(
        st.lists(
            st.sampled_from(
                ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "Mon", " tue", "man", 1, None]
            ),
            max_size=8,
        ),
        st.sampled_from(ODD),
    ),
    "start": st.one_of(
        st.sampled_from(
            ["08:00", "8:00", "00:00", "23:59", "24:00", "22:30", "7:5", "25:00", " 08:00", "08:60"]
        ),
        st.sampled_from(ODD),
    ),
    "end": st.sampled_from(["06:00", "6:00", "00:00", "24:00", "08:00", "12:15", "1200", *ODD]),
    "form": st.sampled_from(["individual", "group", "double", "Group", "pair", *ODD]),
    "staff": st.sampled_from([1, 2, 3, *ODD]),
    "participants": st.sampled_from([1, 2, 3, 100, *ODD]),
    "theme": st.sampled_from(
        ["Egenomsorg", "Samfundsliv", "Mentale funktioner", "egenomsorg", *ODD]
    ),
    "legal_basis": st.sampled_from(["SEL85", "SEL83", "SUL138", "sel85", "X", *ODD]),
    "sub_theme": st.sampled_from(["", "Personlig hygiejne", "x" * 81, *ODD]),
    "staff_category": st.sampled_from(["", "pædagog", "x" * 41, *ODD]),
    "note": st.sampled_from(["", "Mål: selv at handle ind", *ODD]),
    "unknown": st.sampled_from(["x"]),
}


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.sets(st.sampled_from(sorted(values))))
    return {k: draw(values[k]) for k in sorted(keys | {"days", "start", "end"})}


@settings(max_examples=3000, deadline=None)
@given(entries())
def test_the_fast_path_agrees_with_the_full_reader(d: dict[str, Any]) -> None:
    quick = quick_entry(d)
    try:
        full = entry_from_dict(d, "e")
    except ScenarioError:
        assert quick is None, d  # what the full reader refuses, the fast path never accepts
        return
    if quick is not None:
        assert quick == full, d


@pytest.mark.parametrize(
    "d",
    [
        {"days": ["mon", "tue"], "start": "22:00", "end": "06:00"},
        {
            "days": ["sun"],
            "start": "8:00",
            "end": "24:00",
            "form": "group",
            "staff": 1,
            "participants": 3,
            "theme": "Samfundsliv",
            "legal_basis": "SEL83",
        },
        {
            "days": ["sat"],
            "start": "10:00",
            "end": "11:00",
            "form": "double",
            "staff": 2,
            "sub_theme": "Bad",
            "staff_category": "sosu",
            "note": "n",
        },
    ],
)
def test_plain_entries_take_the_fast_path(d: dict[str, Any]) -> None:
    assert quick_entry(d) == entry_from_dict(d, "e")
