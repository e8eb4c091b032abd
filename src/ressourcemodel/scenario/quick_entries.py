"""A fast path for reading døgnskema entries written in their plain form.

A national file holds hundreds of thousands of entries, nearly all written the same way: days
as lower-case weekday codes, times as "TT:MM", whole numbers as numbers, known themes and legal
bases. ``quick_entry`` reads such an entry with dictionary look-ups only. Anything else — another
spelling, a wrong type, a value out of range, an unknown key — gives None, and the full reader
(``people.entry_from_dict``) reads and checks the entry with its Danish messages. The two agree
on every entry the fast path accepts (tests/scenario/test_quick_entries.py).
"""

from __future__ import annotations

from typing import Any

from msgspec import UNSET

from ressourcemodel.engine.model import THEMES, WEEKDAYS, LegalBasis, ScheduleEntry, SupportForm
from ressourcemodel.engine.slots import filler

from .readers import MAX_TEXT

_DAY = {d: i for i, d in enumerate(WEEKDAYS)}
CLOCK = {f"{h:02d}:{m:02d}": h * 60 + m for h in range(24) for m in range(60)}
CLOCK.update({f"{h}:{m:02d}": h * 60 + m for h in range(10) for m in range(60)})
CLOCK["24:00"] = 0  # midnight at the end of the day
_THEMES = frozenset(THEMES)
_LEGAL = {b.value: b for b in LegalBasis}
_SEL85 = LegalBasis.SEL85
new_entry = filler(ScheduleEntry)
_KEYS = frozenset(
    ("days", "start", "end", "form", "staff", "participants", "theme", "legal_basis",
     "sub_theme", "staff_category", "note")
)  # fmt: skip


def _count(v: Any) -> int | None:
    """A whole number 1–100 as a number or as plain digits ("2", as a workbook gives it)."""
    if type(v) is str and 0 < len(v) <= 3 and v.isascii() and v.isdigit():
        v = int(v)
    return v if type(v) is int and 1 <= v <= 100 else None


def _staffing(form: Any, staff: Any, participants: Any) -> tuple[SupportForm, int, int] | None:
    if form == "group":
        staff = _count(1 if staff is UNSET else staff)
        participants = _count(participants)
        if staff is None or participants is None:
            return None
        return SupportForm.GROUP, staff, participants
    if form == "individual" or form == "double":
        want = 2 if form == "double" else 1
        if _count(want if staff is UNSET else staff) != want:
            return None
        if _count(1 if participants is UNSET else participants) != 1:
            return None
        return SupportForm(form), want, 1
    return None


def quick_entry(d: dict[str, Any]) -> ScheduleEntry | None:
    """The entry, or None when it is not in its plain form (the full reader decides then)."""
    if not d.keys() <= _KEYS:
        return None
    days = d.get("days")
    if type(days) is not list or not days:
        return None
    try:
        weekdays = frozenset(_DAY[x] for x in days)
    except (KeyError, TypeError):
        return None
    times = plain_times(d.get("start"), d.get("end"))
    g = d.get
    rest = plain_rest(g("form", UNSET), g("staff", UNSET), g("participants", UNSET),
                      g("theme", UNSET), g("legal_basis", UNSET), g("sub_theme", UNSET),
                      g("staff_category", UNSET), g("note", UNSET))  # fmt: skip
    if times is None or rest is None:
        return None
    return new_entry(weekdays, *times, *rest)


def weekdays(days: tuple[str, ...]) -> frozenset[int] | None:
    """The weekday numbers of plain weekday codes; None for anything else or no days."""
    try:
        return frozenset(_DAY[x] for x in days) if days else None
    except (KeyError, TypeError):
        return None


def plain_times(start: Any, end: Any) -> tuple[int, int] | None:
    """Start and end in minutes from "TT:MM"; None for anything else or no length."""
    if type(start) is not str or type(end) is not str:
        return None
    s, e = CLOCK.get(start), CLOCK.get(end)
    return None if s is None or e is None or s == e else (s, e)


Rest = tuple[SupportForm, int, int, str, LegalBasis, str, str, str]


def plain_rest(
    form: Any,
    staff: Any,
    participants: Any,
    theme: Any,
    legal: Any,
    sub: Any,
    category: Any,
    note: Any,
) -> Rest | None:
    """The entry's fields after days and times, as written (``UNSET``: the field is absent), in
    the order of ``ScheduleEntry``; None when they are not in their plain form."""
    staffing = _staffing("individual" if form is UNSET else form, staff, participants)
    theme = "Egenomsorg" if theme is UNSET else theme
    if staffing is None or type(theme) is not str or theme not in _THEMES:
        return None
    basis = _LEGAL.get(legal) if type(legal) is str else _SEL85 if legal is UNSET else None
    sub = "" if sub is UNSET else sub
    category = "" if category is UNSET else category
    note = "" if note is UNSET else note
    if type(sub) is not str or type(category) is not str or type(note) is not str:
        return None
    if len(sub) > 80 or len(category) > 40 or len(note) > MAX_TEXT or basis is None:
        return None
    return (*staffing, theme, basis, sub, category, note)
