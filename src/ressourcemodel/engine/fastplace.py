"""Placement of døgnskemaer once per distinct content (SPEC §3.1–3.3), for ``compute()``.

Municipalities reuse døgnskema templates, so many citizens share the same entries. The cache key
holds exactly what validation and placement read from an entry — weekdays, times, staff,
participants and form — so equal content gives the same placement whatever the notes or themes.
Only valid døgnskemaer are cached; an invalid one is validated again for each citizen so the
Danish error names that citizen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from math import lcm
from operator import itemgetter
from typing import TYPE_CHECKING, cast

from .model import Assessment, Citizen, ScheduleEntry, SupportForm
from .money import round_ratio
from .results import Placement
from .schedule import MINUTES_PER_DAY
from .tariffs import Pricer

if TYPE_CHECKING:
    from .batchplace import Ahead
    from .packed import Rows

# Six integers per entry: weekday mask (bit 0 = Monday), start, end, staff, participants, form
# (0 individual, 1 double, 2 group). Integers only, so a cached key costs the collector nothing.
ScheduleKey = tuple[int, ...]
# What two periods must share to be merged: level, service tariff, hours per døgn as shown.
ShownKey = tuple[str, Decimal, Decimal | None]
# Exact minutes per week of each døgnskema by ``id`` of its entries tuple, with the tuple itself
# (held, so the id is not reused while the map lives; compared with ``is`` before use).
Weekly = dict[int, tuple[tuple[ScheduleEntry, ...], Fraction | None]]

_INDIVIDUAL = SupportForm.INDIVIDUAL
_DOUBLE = SupportForm.DOUBLE
_GROUP_CODE = 2
# The form's number in a døgnskema's key and in the array pass (``batchplace``, ``packed``).
FORM_CODES: dict[SupportForm, int] = {_INDIVIDUAL: 0, _DOUBLE: 1, SupportForm.GROUP: _GROUP_CODE}
_ALL_DAYS = 127
# The weekday mask of each of the 128 sets of weekdays (``day_mask``), so that the masks of a
# calculation's entries are found in one pass (``batchplace.analyse_schedules``).
WEEKDAY_MASKS: dict[frozenset[int], int] = {
    frozenset(d for d in range(7) if m >> d & 1): m for m in range(_ALL_DAYS + 1)
}
_placed_at_all = itemgetter(1)  # (id, placement or None) → true where placed


def day_mask(days: frozenset[int]) -> int:
    mask = 0
    for d in days:
        if not 0 <= d <= 6:
            return -1  # not a weekday: the full validation decides
        mask |= 1 << d
    return mask


def schedule_key(
    entries: tuple[ScheduleEntry, ...], masks: dict[frozenset[int], int]
) -> ScheduleKey:
    """The key of a døgnskema; ``masks`` caches the weekday mask of each set of weekdays."""
    key: list[int] = []
    extend = key.extend
    for e in entries:
        mask = masks.get(e.days)
        if mask is None:
            mask = masks[e.days] = day_mask(e.days)
        f = e.form
        extend(
            (
                mask,
                e.start,
                e.end,
                e.staff,
                e.participants,
                0 if f is _INDIVIDUAL else 1 if f is _DOUBLE else 2,  # FORM_CODES, inline
            )
        )
    return tuple(key)


def _analyse(key: ScheduleKey) -> tuple[list[tuple[int, int, int]], Fraction] | None:
    """The exclusive entries as (start, end past start, mask) and the exact attributed minutes
    per week (``schedule.weekly_minutes``), or None if an entry might break a rule."""
    excl: list[tuple[int, int, int]] = []
    total = whole = 0
    shared: dict[int, int] = {}  # participants → Σ duration × staff × weekdays
    it = iter(key)
    for mask, s, t, staff, participants, form in zip(it, it, it, it, it, it, strict=True):
        if mask <= 0 or s == t or not (0 <= s < MINUTES_PER_DAY and 0 <= t < MINUTES_PER_DAY):
            return None
        d = t - s if t > s else MINUTES_PER_DAY - s + t
        if form == _GROUP_CODE:
            if staff < 1 or participants < 1:
                return None
            n = d * staff * mask.bit_count()
            if participants == 1:
                whole += n
            else:
                shared[participants] = shared.get(participants, 0) + n
            continue
        if participants != 1 or staff != (1 if form == 0 else 2):  # individual 1:1, double 2:1
            return None
        excl.append((s, s + d, mask))
        total += d
        whole += d * staff * mask.bit_count()
    if total > MINUTES_PER_DAY:  # a weekday might hold more than 24 h: let the full check decide
        return None
    if not shared:
        return excl, Fraction(whole)
    den = lcm(*shared)
    return excl, Fraction(whole * den + sum(n * (den // p) for p, n in shared.items()), den)


def surely_valid(excl: list[tuple[int, int, int]]) -> bool:
    """True only if ``validate_entries`` accepts the døgnskema whose exclusive entries (from
    ``_analyse``) are given; False means "ask it".

    Same rules on the week's clock, found faster: exclusive entries sorted by start meet on a
    weekday only while the next start is before this end; an entry past midnight meets the next
    weekday's entries that start before it ends."""
    n = len(excl)
    if n < 2:
        return True
    excl.sort()
    for i in range(n):
        _s1, t1, m1 = excl[i]
        for j in range(i + 1, n):
            s2, _t2, m2 = excl[j]
            if s2 >= t1:
                break
            if m1 & m2:
                return False
        if t1 > MINUTES_PER_DAY:
            spill = t1 - MINUTES_PER_DAY
            next_days = ((m1 << 1) | (m1 >> 6)) & _ALL_DAYS
            for s2, _t2, m2 in excl:
                if s2 < spill and next_days & m2:
                    return False
    return True


def shown_key(p: Placement) -> ShownKey:
    """Level, tariff and hours per døgn to two decimals (``round_2`` of minutes ÷ 420)."""
    m = p.minutes_per_week
    hours = None if m is None else round_ratio(m.numerator, m.denominator * 420, 2)
    return (p.level, p.service_tariff, hours)


class PlacementCache:
    """Placements of one tariff year by døgnskema content, with their merge keys."""

    __slots__ = ("_by_minutes", "_cache", "_masks", "ahead", "known", "pricer")

    def __init__(self, pricer: Pricer) -> None:
        self.pricer = pricer
        self._cache: dict[ScheduleKey, tuple[Placement, ShownKey]] = {}
        self._masks: dict[frozenset[int], int] = dict(WEEKDAY_MASKS)
        # Equal minutes per week give an equal placement: placed and rounded once.
        self._by_minutes: dict[Fraction, tuple[Placement, ShownKey]] = {}
        # From ``prepare`` until ``forget``: id of an entries tuple of the scenario → its
        # placement (read by ``citizen._placed`` too, which spares the call of ``place``).
        self.known: dict[int, tuple[Placement, ShownKey]] = {}
        # From ``prepare`` of the file loader's rows (not kept) until ``forget``: the
        # placements met, and each of those døgnskemaer's number among them in the rows' order
        # (``batchread`` takes them by position instead of looking each one up in ``known``).
        self.ahead: Ahead | None = None

    def place(self, a: Assessment, citizen_label: str) -> tuple[Placement, ShownKey]:
        """As ``Pricer.place``, with the same Danish errors, plus the merge key."""
        if a.level is not None:
            p = self.pricer.place(a, citizen_label=citizen_label)
            return p, shown_key(p)
        if self.known:
            hit = self.known.get(id(a.entries))
            if hit is not None:
                return hit
        key = schedule_key(a.entries, self._masks)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        analysed = _analyse(key)
        if analysed is not None and surely_valid(analysed[0]):
            hit = self.by_minutes(analysed[1])
        else:
            p = self.pricer.place_entries(a.entries, citizen_label=citizen_label)
            hit = (p, shown_key(p))
        self._cache[key] = hit
        return hit

    def by_minutes(self, minutes: Fraction) -> tuple[Placement, ShownKey]:
        """The placement of a valid døgnskema's exact minutes per week, and its merge key."""
        hit = self._by_minutes.get(minutes)
        if hit is None:
            p = self.pricer.place_minutes(minutes)
            hit = self._by_minutes[minutes] = (p, shown_key(p))
        return hit

    def placed(self, minutes: Fraction) -> tuple[Placement, ShownKey]:
        """``by_minutes`` without the cache by value (hashing a Fraction is slow), for
        ``prepare``, which places each distinct minutes once itself."""
        p = self.pricer.place_fraction(minutes)
        hours = round_ratio(minutes.numerator, minutes.denominator * 420, 2)
        return p, (p.level, p.service_tariff, hours)

    def prepare(
        self,
        assessments: Iterable[Assessment],
        weekly: Weekly | None = None,
        *,
        keep: bool = True,
        rows: Rows | None = None,
    ) -> Weekly:
        """Place the døgnskemaer of many assessments at once (``batchplace``), ahead of the
        ``place`` calls for them. Those alive until ``forget`` is called are found by identity;
        the rest by content, as always. Nothing is refused here: a døgnskema that is not surely
        valid is left for ``place``, which gives the error naming the citizen.

        Returns the exact minutes per week of each døgnskema (None: not surely valid), by
        identity of its entries. The minutes depend on the entries only — not on the
        parameters, which only price them — so ``weekly`` from an earlier calculation (other
        parameters, same or other year) is reused for every entries tuple found in it, and
        only the rest is analysed. ``keep=False``: the minutes of the døgnskemaer analysed here
        are not returned (a calculation that is not kept has no use for them). ``rows``: the
        file loader's døgnskemaer of ``assessments`` to place (``packed.CitizenColumns``),
        taken as they are when there is no ``weekly`` instead of read from the assessments."""
        if rows is not None and not weekly:
            return self._placed_ahead(rows.schedules, keep=keep, rows=rows)
        schedules = [e for a in assessments if a.level is None and (e := a.entries)]
        known = self.known
        out: Weekly = {}
        if weekly:  # the tuples met before keep their minutes; each other tuple once
            todo: dict[int, tuple[ScheduleEntry, ...]] = {}
            placed: dict[int, tuple[Placement, ShownKey]] = {}  # by id of minutes in ``out``
            for entries in schedules:
                ident = id(entries)
                old = weekly.get(ident)
                if old is None or old[0] is not entries:
                    todo[ident] = entries
                elif ident not in out:
                    out[ident] = old
                    m = old[1]
                    if m is not None:
                        hit = placed.get(id(m))
                        if hit is None:
                            hit = placed[id(m)] = self.placed(m)
                        known[ident] = hit
            schedules = list(todo.values())
        else:
            schedules = list(dict(zip(map(id, schedules), schedules, strict=True)).values())
        out.update(self._placed_ahead(schedules, keep=keep))
        return out

    def _placed_ahead(
        self, schedules: list[tuple[ScheduleEntry, ...]], *, keep: bool, rows: Rows | None = None
    ) -> Weekly:
        """``prepare`` of ``schedules`` (none empty; ``rows``: theirs in the loader's columns),
        the minutes of each by identity when ``keep``."""
        from .batchplace import Ahead, analyse_schedules, place_distinct  # numpy: many placed

        if rows is not None and not keep:  # the batch takes them by row, ``know`` the rest's
            self.ahead = Ahead.placed(self, rows)
            return {}
        known = self.known
        out: Weekly = {}
        nums, common = analyse_schedules(schedules, self._masks, rows)
        # Each distinct minutes placed once, in the order first met; then the two maps filled
        # by C-level passes over the døgnskemaer (a Python loop over 50.000 of them cost
        # ~40 ms). ``None`` (not surely valid) maps to None, and is kept out of ``known``.
        minutes: dict[int | None, Fraction | None] = {None: None}
        hits: dict[int | None, tuple[Placement, ShownKey] | None] = {None: None}
        met = dict.fromkeys(nums)  # each distinct minutes (or None), in the order first met
        distinct = [num for num in met if num is not None]
        for num, (m, hit) in zip(distinct, place_distinct(self, distinct, common), strict=True):
            minutes[num], hits[num] = m, hit
        ids = list(map(id, schedules))
        if keep:
            weeks = zip(schedules, map(minutes.__getitem__, nums), strict=True)
            out.update(zip(ids, weeks, strict=True))
        placed_ids = filter(_placed_at_all, zip(ids, map(hits.__getitem__, nums), strict=True))
        known.update(cast(Iterator[tuple[int, tuple[Placement, ShownKey]]], placed_ids))
        return out

    def know(self, citizens: Iterable[Citizen]) -> None:
        """After ``prepare`` of the loader's rows for a calculation that is not kept, which
        leaves ``known`` empty (the batch takes its døgnskemaer by row): the placements of
        ``citizens``' døgnskemaer placed there, put into ``known`` for ``place``."""
        if self.ahead is not None:
            entries = [a.entries for c in citizens for a in c.assessments if a.level is None]
            self.known.update(self.ahead.found(entries))

    def forget(self) -> None:
        """End of ``prepare``'s identity lookups (ids may be reused once objects are freed)."""
        self.known = {}
        self.ahead = None
