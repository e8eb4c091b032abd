"""Døgnskema → attributed minutes → hours per døgn (SPEC §3.1).

A døgnskema is a typical week. Minutes attributed to the citizen for one entry on one weekday are
``duration × staff ÷ participants``; hours per døgn = Σ attributed minutes over the week ÷ 7 ÷ 60,
kept as an exact ``Fraction`` (placement compares exact values; display rounds to two decimals).
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

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
    """Σ attributed minutes over the week, exact. Integer arithmetic except for shared entries."""
    whole = 0
    shared: dict[int, int] = {}  # participants → Σ duration × staff × days
    for e in entries:
        d = e.end - e.start
        if d <= 0:
            d += MINUTES_PER_DAY
        n = d * e.staff * len(e.days)
        p = e.participants
        if p == 1:
            whole += n
        else:
            shared[p] = shared.get(p, 0) + n
    if not shared:
        return Fraction(whole)
    den = lcm(*shared)
    return Fraction(whole * den + sum(n * (den // p) for p, n in shared.items()), den)


def hours_per_day(entries: tuple[ScheduleEntry, ...]) -> Fraction:
    """Exact hours per døgn = weekly minutes ÷ 7 ÷ 60 (SPEC §3.1)."""
    return weekly_minutes(entries) / (7 * 60)


def _entry_label(citizen: str, day: int, entry: ScheduleEntry) -> str:
    return (
        f"Borger {citizen}, {WEEKDAY_NAMES_DA[day]} {fmt_time(entry.start)}–{fmt_time(entry.end)}"
    )


def _entry_error(e: ScheduleEntry, citizen: str) -> ValidationError | None:
    """The Danish error for one entry that breaks a rule on its own, or None."""
    day = min(e.days) if e.days else 0
    label = _entry_label(citizen, day, e)
    if not e.days:
        return ValidationError(f"{label}: indsatsen skal gælde mindst én ugedag.")
    if not (0 <= e.start < MINUTES_PER_DAY and 0 <= e.end < MINUTES_PER_DAY):
        return ValidationError(f"{label}: tidspunkter skal ligge mellem 00:00 og 23:59.")
    if e.end == e.start:
        return ValidationError(f"{label}: sluttid er lig starttid (indsatsen har ingen længde).")
    if e.staff < 1:
        return ValidationError(f"{label}: antal medarbejdere skal være mindst 1.")
    if e.participants < 1:
        return ValidationError(f"{label}: antal deltagende borgere skal være mindst 1.")
    if e.form is SupportForm.INDIVIDUAL and (e.staff != 1 or e.participants != 1):
        return ValidationError(
            f"{label}: individuel støtte er 1 medarbejder med 1 borger "
            f"(brug 'group' eller 'double')."
        )
    if e.form is SupportForm.DOUBLE and (e.staff != 2 or e.participants != 1):
        return ValidationError(f"{label}: dobbeltbemanding er 2 medarbejdere med 1 borger.")
    return None


def _next_days(days: frozenset[int]) -> frozenset[int]:
    return frozenset((d + 1) % 7 for d in days)


def validate_entries(entries: tuple[ScheduleEntry, ...], *, citizen: str) -> None:
    """Raise ``ValidationError`` (Danish, naming citizen, weekday and times) for the errors of
    SPEC §3.1: end = start, participants < 1, staff < 1, more than 24 h of exclusive time on one
    weekday, and overlapping exclusive entries — exclusive time is the citizen's own clock time
    with staff: ``individual`` and ``double`` entries (a double entry of 60 min is 60 min of the
    citizen's clock though 120 attributed minutes); group entries may overlap anything. On the
    week's timeline, so an entry that crosses
    midnight also meets the next morning (and Sunday night meets Monday morning).

    Hot path of the engine: integer comparisons and frozenset intersections over pairs of entries
    (a døgnskema has few entries); messages are built only on error.
    """
    individual = SupportForm.INDIVIDUAL
    ind: list[tuple[int, int, frozenset[int], ScheduleEntry]] = []  # start, end (may pass 1440)
    total = 0
    for e in entries:
        s, t = e.start, e.end
        if (
            not e.days
            or s == t
            or not (0 <= s < MINUTES_PER_DAY and 0 <= t < MINUTES_PER_DAY)
            or e.staff < 1
            or e.participants < 1
            or (e.form is individual and (e.staff != 1 or e.participants != 1))
            or (e.form is SupportForm.DOUBLE and (e.staff != 2 or e.participants != 1))
        ):
            err = _entry_error(e, citizen)
            if err is not None:
                raise err
        if e.form is not SupportForm.GROUP:  # exclusive: individual and double
            d = t - s if t > s else MINUTES_PER_DAY - s + t
            ind.append((s, s + d, e.days, e))
            total += d
    if total > MINUTES_PER_DAY:  # only then can one weekday hold more than 24 h
        _check_24_hours(ind, citizen)
    n = len(ind)
    for i in range(n):
        s1, t1, days1, e1 = ind[i]
        for j in range(i + 1, n):
            s2, t2, days2, e2 = ind[j]
            if s1 < t2 and s2 < t1 and not days1.isdisjoint(days2):  # same weekday
                day = min(days1 & days2)
                raise _overlap_error(citizen, day, e1, day, e2)
            if t1 > MINUTES_PER_DAY and s2 < t1 - MINUTES_PER_DAY:  # e1 runs into e2's morning
                common = _next_days(days1) & days2
                if common:
                    day = min(common)
                    raise _overlap_error(citizen, (day - 1) % 7, e1, day, e2)
            if t2 > MINUTES_PER_DAY and s1 < t2 - MINUTES_PER_DAY:  # e2 runs into e1's morning
                common = _next_days(days2) & days1
                if common:
                    day = min(common)
                    raise _overlap_error(citizen, (day - 1) % 7, e2, day, e1)


def _check_24_hours(
    ind: list[tuple[int, int, frozenset[int], ScheduleEntry]], citizen: str
) -> None:
    per_day = [0] * 7
    for s, t, days, _ in ind:
        for day in days:
            per_day[day] += t - s
    for day, minutes in enumerate(per_day):
        if minutes > MINUTES_PER_DAY:
            h, m = divmod(minutes, 60)
            raise ValidationError(
                f"Borger {citizen}, {WEEKDAY_NAMES_DA[day]}: {h} t {m:02d} min individuel "
                f"støtte (også dobbeltbemanding) på én dag er mere end 24 timer."
            )


def _overlap_error(
    citizen: str, d1: int, e1: ScheduleEntry, d2: int, e2: ScheduleEntry
) -> ValidationError:
    return ValidationError(
        f"{_entry_label(citizen, d1, e1)} overlapper med "
        f"{WEEKDAY_NAMES_DA[d2]} {fmt_time(e2.start)}–{fmt_time(e2.end)} "
        f"(individuelle indsatser og dobbeltbemanding må ikke overlappe)."
    )
