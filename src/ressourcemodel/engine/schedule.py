"""Døgnskema → attributed minutes → hours per døgn (SPEC §3.1).

A døgnskema is a typical week. Minutes attributed to the citizen for one entry on one weekday are
``duration × staff ÷ participants``; hours per døgn = Σ attributed minutes over the week ÷ 7 ÷ 60,
kept as an exact ``Fraction`` (placement compares exact values; display rounds to two decimals).
"""

from __future__ import annotations

from fractions import Fraction

from .errors import ValidationError
from .model import WEEKDAY_NAMES_DA, ScheduleEntry, SupportForm

MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def duration(entry: ScheduleEntry) -> int:
    """Minutes from start to end; an end before the start crosses midnight (22:00–07:00 = 540)."""
    if entry.end > entry.start:
        return entry.end - entry.start
    return MINUTES_PER_DAY - entry.start + entry.end


def attributed_minutes_per_occurrence(entry: ScheduleEntry) -> Fraction:
    """duration × staff ÷ participants, exact (group 1:3 for 60 min = 20; double 60 min = 120)."""
    return Fraction(duration(entry) * entry.staff, entry.participants)


def weekly_minutes(entries: tuple[ScheduleEntry, ...]) -> Fraction:
    """Σ attributed minutes over the week."""
    return sum(
        (attributed_minutes_per_occurrence(e) * len(e.days) for e in entries), start=Fraction(0)
    )


def hours_per_day(entries: tuple[ScheduleEntry, ...]) -> Fraction:
    """Exact hours per døgn = weekly minutes ÷ 7 ÷ 60 (SPEC §3.1)."""
    return weekly_minutes(entries) / (7 * 60)


def _entry_label(citizen: str, day: int, entry: ScheduleEntry) -> str:
    return (
        f"Borger {citizen}, {WEEKDAY_NAMES_DA[day]} {fmt_time(entry.start)}–{fmt_time(entry.end)}"
    )


def validate_entries(entries: tuple[ScheduleEntry, ...], *, citizen: str) -> None:
    """Raise ``ValidationError`` (Danish, naming citizen, weekday and times) for the errors of
    SPEC §3.1: end = start, participants < 1, staff < 1, more than 24 h of individual time on one
    weekday, and overlapping individual entries (on the week's timeline, so an entry that crosses
    midnight also meets the next morning)."""
    for e in entries:
        day = min(e.days) if e.days else 0
        label = _entry_label(citizen, day, e)
        if not e.days:
            raise ValidationError(f"{label}: indsatsen skal gælde mindst én ugedag.")
        if not (0 <= e.start < MINUTES_PER_DAY and 0 <= e.end < MINUTES_PER_DAY):
            raise ValidationError(f"{label}: tidspunkter skal ligge mellem 00:00 og 23:59.")
        if e.end == e.start:
            raise ValidationError(f"{label}: sluttid er lig starttid (indsatsen har ingen længde).")
        if e.staff < 1:
            raise ValidationError(f"{label}: antal medarbejdere skal være mindst 1.")
        if e.participants < 1:
            raise ValidationError(f"{label}: antal deltagende borgere skal være mindst 1.")
        if e.form is SupportForm.INDIVIDUAL and (e.staff != 1 or e.participants != 1):
            raise ValidationError(
                f"{label}: individuel støtte er 1 medarbejder med 1 borger "
                f"(brug 'group' eller 'double')."
            )
        if e.form is SupportForm.DOUBLE and (e.staff != 2 or e.participants != 1):
            raise ValidationError(f"{label}: dobbeltbemanding er 2 medarbejdere med 1 borger.")

    individual = [e for e in entries if e.form is SupportForm.INDIVIDUAL]
    per_day = [0] * 7
    for e in individual:
        for d in e.days:
            per_day[d] += duration(e)
    for d, total in enumerate(per_day):
        if total > MINUTES_PER_DAY:
            h, m = divmod(total, 60)
            raise ValidationError(
                f"Borger {citizen}, {WEEKDAY_NAMES_DA[d]}: {h} t {m:02d} min individuel støtte "
                f"på én dag er mere end 24 timer."
            )

    # Overlap of individual entries on the week timeline. The timeline is unrolled once so a
    # Sunday-night entry that crosses midnight meets Monday morning; an occurrence never meets its
    # own copy because one entry lasts less than a week.
    spans = [
        (d * MINUTES_PER_DAY + e.start + shift, d, e)
        for e in individual
        for d in e.days
        for shift in (0, MINUTES_PER_WEEK)
    ]
    spans.sort(key=lambda t: t[0])
    held: tuple[int, int, ScheduleEntry] | None = None  # (end, day, entry) reaching furthest
    for s, d, e in spans:
        if held is not None and s < held[0]:
            _, d1, e1 = held
            raise ValidationError(
                f"{_entry_label(citizen, d1, e1)} overlapper med "
                f"{WEEKDAY_NAMES_DA[d]} {fmt_time(e.start)}–{fmt_time(e.end)} "
                f"(individuelle indsatser må ikke overlappe)."
            )
        end = s + duration(e)
        if held is None or end > held[0]:
            held = (end, d, e)
