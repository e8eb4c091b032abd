"""Placement of døgnskemaer once per distinct content (SPEC §3.1–3.3), for ``compute()``.

Municipalities reuse døgnskema templates, so many citizens share the same entries. The cache key
holds exactly what validation and placement read from an entry — weekdays, times, staff,
participants and form — so equal content gives the same placement whatever the notes or themes.
Only valid døgnskemaer are cached; an invalid one is validated again for each citizen so the
Danish error names that citizen.
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter

from .model import Assessment, ScheduleEntry, SupportForm
from .money import round_2
from .results import Placement
from .schedule import MINUTES_PER_DAY, validate_entries
from .tariffs import Pricer

EntryKey = tuple[frozenset[int], int, int, int, int, int]
ScheduleKey = tuple[EntryKey, ...]
# What two periods must share to be merged: level, service tariff, hours per døgn as shown.
ShownKey = tuple[str, Decimal, Decimal | None]

_INDIVIDUAL = SupportForm.INDIVIDUAL
_DOUBLE = SupportForm.DOUBLE
_GROUP_CODE = 2
_by_start = itemgetter(0)


def schedule_key(entries: tuple[ScheduleEntry, ...]) -> ScheduleKey:
    """(days, start, end, staff, participants, form code 0/1/2) per entry, hashable."""
    return tuple(
        [
            (
                e.days,
                e.start,
                e.end,
                e.staff,
                e.participants,
                0 if e.form is _INDIVIDUAL else 1 if e.form is _DOUBLE else 2,
            )
            for e in entries
        ]
    )


def _entries_ok(key: ScheduleKey) -> list[tuple[int, int, frozenset[int]]] | None:
    """The exclusive entries as (start, end past start, days), or None if any entry is suspect."""
    excl: list[tuple[int, int, frozenset[int]]] = []
    total = 0
    for days, s, t, staff, participants, form in key:
        if (
            not days
            or s == t
            or not (0 <= s < MINUTES_PER_DAY and 0 <= t < MINUTES_PER_DAY)
            or staff < 1
            or participants < 1
            or (form == 0 and (staff != 1 or participants != 1))
            or (form == 1 and (staff != 2 or participants != 1))
        ):
            return None
        if form != _GROUP_CODE:
            d = t - s if t > s else MINUTES_PER_DAY - s + t
            excl.append((s, s + d, days))
            total += d
    if total > MINUTES_PER_DAY:  # a weekday might hold more than 24 h: let the full check decide
        return None
    return excl


def surely_valid(key: ScheduleKey) -> bool:
    """True only if ``validate_entries`` accepts the døgnskema; False means "ask it".

    Same rules on the week's clock, found faster: exclusive entries sorted by start meet on a
    weekday only while the next start is before this end; an entry past midnight meets the next
    weekday's entries that start before it ends."""
    excl = _entries_ok(key)
    if excl is None:
        return False
    n = len(excl)
    if n < 2:
        return True
    excl.sort(key=_by_start)
    for i in range(n):
        _s1, t1, d1 = excl[i]
        for j in range(i + 1, n):
            s2, _t2, d2 = excl[j]
            if s2 >= t1:
                break
            if not d1.isdisjoint(d2):
                return False
        if t1 > MINUTES_PER_DAY:
            spill = t1 - MINUTES_PER_DAY
            next_days = frozenset((d + 1) % 7 for d in d1)
            for s2, _t2, d2 in excl:
                if s2 < spill and not next_days.isdisjoint(d2):
                    return False
    return True


def shown_key(p: Placement) -> ShownKey:
    h = p.hours_per_day
    return (p.level, p.service_tariff, None if h is None else round_2(h))


class PlacementCache:
    """Placements of one tariff year by døgnskema content, with their merge keys."""

    __slots__ = ("_cache", "pricer")

    def __init__(self, pricer: Pricer) -> None:
        self.pricer = pricer
        self._cache: dict[ScheduleKey, tuple[Placement, ShownKey]] = {}

    def place(self, a: Assessment, citizen_label: str) -> tuple[Placement, ShownKey]:
        """As ``Pricer.place``, with the same Danish errors, plus the merge key."""
        if a.level is not None:
            p = self.pricer.place(a, citizen_label=citizen_label)
            return p, shown_key(p)
        key = schedule_key(a.entries)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        if not surely_valid(key):
            validate_entries(a.entries, citizen=citizen_label)
        p = self.pricer.place_valid(a.entries)
        hit = self._cache[key] = (p, shown_key(p))
        return hit
