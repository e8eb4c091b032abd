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

from ressourcemodel.engine.model import THEMES, WEEKDAYS, LegalBasis, ScheduleEntry, SupportForm

from .readers import MAX_TEXT

_DAY = {d: i for i, d in enumerate(WEEKDAYS)}
_CLOCK = {f"{h:02d}:{m:02d}": h * 60 + m for h in range(24) for m in range(60)}
_CLOCK.update({f"{h}:{m:02d}": h * 60 + m for h in range(10) for m in range(60)})
_CLOCK["24:00"] = 0  # midnight at the end of the day
_THEMES = frozenset(THEMES)
_LEGAL = {b.value: b for b in LegalBasis}
_KEYS = frozenset(
    ("days", "start", "end", "form", "staff", "participants", "theme", "legal_basis",
     "sub_theme", "staff_category", "note")
)  # fmt: skip


def _count(v: Any) -> int | None:
    """A whole number 1–100 as a number or as plain digits ("2", as a workbook gives it)."""
    if type(v) is str and 0 < len(v) <= 3 and v.isascii() and v.isdigit():
        v = int(v)
    return v if type(v) is int and 1 <= v <= 100 else None


def _staffing(d: dict[str, Any]) -> tuple[SupportForm, int, int] | None:
    form = d.get("form", "individual")
    if form == "group":
        staff, participants = _count(d.get("staff", 1)), _count(d.get("participants"))
        if staff is None or participants is None:
            return None
        return SupportForm.GROUP, staff, participants
    if form == "individual" or form == "double":
        want = 2 if form == "double" else 1
        if _count(d.get("staff", want)) != want or _count(d.get("participants", 1)) != 1:
            return None
        return SupportForm(form), want, 1
    return None


def quick_entry(d: dict[str, Any]) -> ScheduleEntry | None:
    """The entry, or None when it is not in its plain form (the full reader decides then)."""
    if not d.keys() <= _KEYS:
        return None
    days, start, end = d.get("days"), d.get("start"), d.get("end")
    if type(days) is not list or not days or type(start) is not str or type(end) is not str:
        return None
    try:
        weekdays = frozenset(_DAY[x] for x in days)
    except (KeyError, TypeError):
        return None
    s, e = _CLOCK.get(start), _CLOCK.get(end)
    staffing = _staffing(d)
    theme, legal = d.get("theme", "Egenomsorg"), d.get("legal_basis", "SEL85")
    if s is None or e is None or s == e or staffing is None:
        return None
    if type(theme) is not str or theme not in _THEMES or type(legal) is not str:
        return None
    sub, category, note = d.get("sub_theme", ""), d.get("staff_category", ""), d.get("note", "")
    if type(sub) is not str or type(category) is not str or type(note) is not str:
        return None
    if len(sub) > 80 or len(category) > 40 or len(note) > MAX_TEXT:
        return None
    basis = _LEGAL.get(legal)
    if basis is None:
        return None
    form, staff, participants = staffing
    return ScheduleEntry(
        days=weekdays, start=s, end=e, form=form, staff=staff, participants=participants,
        theme=theme, legal_basis=basis, sub_theme=sub, staff_category=category, note=note,
    )  # fmt: skip
