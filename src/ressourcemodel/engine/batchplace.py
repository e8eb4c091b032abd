"""Many døgnskemaer analysed at once (ADR 0011): the rules of ``fastplace._analyse`` and
``fastplace.surely_valid`` as whole-array integer operations over every entry of a calculation.

Only numpy ``int64`` and ``bool`` arrays are used — never a float dtype. Every value is a
whole number of minutes (or minutes × staff × weekdays × a common participant denominator), and
the sizes are checked against the int64 range before any product is formed; when a check fails
the batch gives up and each døgnskema is placed one by one, as before. A døgnskema that is not
surely valid is left out: ``PlacementCache.place`` validates it and gives the Danish error.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import chain, repeat
from math import lcm
from operator import attrgetter
from typing import cast

import numpy as np
import numpy.typing as npt

from .fastplace import FORM_CODES, WEEKDAY_MASKS, PlacementCache, ScheduleKey, ShownKey, day_mask
from .model import ScheduleEntry
from .packed import Entries, EntryColumns, Rows
from .results import Placement
from .schedule import MINUTES_PER_DAY

_WEEK = 7 * MINUTES_PER_DAY
_LIMIT = 1 << 62  # products and sums stay well inside int64
_POPCOUNT = np.array([bin(m).count("1") for m in range(128)], dtype=np.int64)
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
_DAYS = attrgetter("days")
_FIRST = attrgetter("first")
_COLUMNS = attrgetter("columns")


def analyse_many(keys: list[ScheduleKey]) -> tuple[list[int | None], int]:
    """For each key (none empty): the exact attributed minutes per week, as a numerator over
    the common denominator returned with them, when the døgnskema is surely valid (as
    ``_analyse`` + ``surely_valid``), else None (place it one by one)."""
    out: list[int | None] = [None] * len(keys)
    if not keys:
        return out, 1
    lens = [len(k) // 6 for k in keys]
    try:
        flat = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=6 * sum(lens))
    except OverflowError:  # a number beyond int64 is surely broken: the rules decide
        return out, 1
    rows = flat.reshape(-1, 6)
    return _analyse_columns(lens, *(rows[:, i] for i in range(6)))


def analyse_schedules(
    schedules: Sequence[tuple[ScheduleEntry, ...]],
    masks: dict[frozenset[int], int],
    rows: Rows | None = None,
) -> tuple[list[int | None], int]:
    """``analyse_many`` of the døgnskemaer themselves (none empty), read column by column
    without forming their keys: the same six integers per entry as ``schedule_key``.
    ``rows``: where they are in the file loader's columns, known without reading them."""
    if not schedules:
        return [], 1
    if rows is not None:
        return _analyse_columns(rows.lens, *_rows(rows.table, rows.lens, rows.firsts))
    lens = list(map(len, schedules))
    if set(map(type, schedules)) == {Entries}:  # as the file loader gives them
        cols = _from_columns(cast(Sequence[Entries], schedules), lens)
        if cols is not None:
            return _analyse_columns(lens, *cols)
    entries = list(chain.from_iterable(schedules))
    n = len(entries)
    masks.update(WEEKDAY_MASKS)
    forms = {id(form): code for form, code in FORM_CODES.items()}
    try:
        # One pass for the weekday masks: every set of weekdays 0–6 is in ``masks``, so only a
        # set holding something else (-2 here) is looked at again, by ``day_mask``.
        mask = np.fromiter(map(masks.get, map(_DAYS, entries), repeat(-2)), dtype=np.int64, count=n)
        for i in np.flatnonzero(mask == -2).tolist():
            days = entries[i].days
            m = masks.get(days)
            if m is None:
                m = masks[days] = day_mask(days)
            mask[i] = m
        cols = [
            mask,
            *(
                np.fromiter(map(attrgetter(name), entries), dtype=np.int64, count=n)
                for name in ("start", "end", "staff", "participants")
            ),
            np.fromiter(
                map(forms.get, map(id, map(attrgetter("form"), entries)), repeat(2)),
                dtype=np.int64,
                count=n,
            ),
        ]
    except OverflowError:  # a number beyond int64 is surely broken: the rules decide
        return [None] * len(schedules), 1
    return _analyse_columns(lens, *cols)


def _from_columns(schedules: Sequence[Entries], lens: list[int]) -> list[I64] | None:
    """The six columns of ``analyse_schedules`` taken from the loader's ``EntryColumns``
    (``packed``), when every døgnskema's rows are in the same one; else None."""
    columns = schedules[0].columns
    if len(set(map(id, map(_COLUMNS, schedules)))) != 1:
        return None
    firsts = np.fromiter(map(_FIRST, schedules), dtype=np.int64, count=len(schedules))
    return _rows(columns, lens, firsts)


def _rows(columns: EntryColumns, lens: list[int], firsts: Sequence[int] | I64) -> list[I64]:
    """The six columns of the døgnskemaer at rows ``firsts[i]``… (``lens[i]`` each)."""
    rows = len(columns.masks)
    if columns.arrays is None or columns.arrays[0] != rows:
        kinds = np.array(columns.kind_rows, dtype=np.int64).reshape(-1, 3)
        kind = np.array(columns.kinds, dtype=np.int64)
        made = [
            np.array(columns.masks, dtype=np.int64),
            np.array(columns.starts, dtype=np.int64),
            np.array(columns.ends, dtype=np.int64),
            *(kinds[:, i][kind] for i in range(3)),  # staff, participants, form
        ]
        for col in made:  # kept for the file's next calculations: never written to
            col.flags.writeable = False
        columns.arrays = (rows, made)
    counts = np.array(lens, dtype=np.int64)
    firsts = np.asarray(firsts, dtype=np.int64)
    seg_start = np.zeros(len(lens), dtype=np.int64)
    np.cumsum(counts[:-1], out=seg_start[1:])
    full: list[I64] = columns.arrays[1]
    shift = firsts - seg_start
    if int(counts.sum()) == rows and not shift.any():  # every row once, in order: as they are
        return list(full)
    take = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(shift, counts)
    return [col[take] for col in full]


def _analyse_columns(
    lens: list[int], mask: I64, s: I64, t: I64, staff: I64, part: I64, form: I64
) -> tuple[list[int | None], int]:
    """``analyse_many`` of the entries as columns, ``lens[i]`` entries for døgnskema i."""
    num, bad, common = _analysed(lens, mask, s, t, staff, part, form)
    nums: list[int | None] = num.tolist()
    for i in np.flatnonzero(bad).tolist():  # the few not surely valid
        nums[i] = None
    return nums, common


def _analysed(
    lens: list[int], mask: I64, s: I64, t: I64, staff: I64, part: I64, form: I64
) -> tuple[I64, Bools, int]:
    """``_analyse_columns`` as arrays: each døgnskema's minutes per week over the common
    denominator (at least 1 where surely valid: every entry lasts a minute or more, on a
    weekday or more, with one staff or more) and whether it is not surely valid."""
    counts = np.array(lens, dtype=np.int64)  # converted once, used twice
    seg = np.repeat(np.arange(len(lens), dtype=np.int64), counts)
    first = np.zeros(len(lens), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])

    group = form == 2
    excl = ~group
    bad = (mask <= 0) | (mask > 127) | (s == t)
    bad |= (s < 0) | (s >= MINUTES_PER_DAY) | (t < 0) | (t >= MINUTES_PER_DAY)
    bad |= group & ((staff < 1) | (part < 1))
    bad |= excl & ((part != 1) | (staff != np.where(form == 0, 1, 2)) | (form < 0) | (form > 2))
    ok = ~bad
    good_parts = np.unique(part[ok & group])
    common = lcm(*(int(p) for p in good_parts)) if good_parts.size else 1
    top_staff = int(np.abs(staff[ok]).max()) if ok.any() else 0
    if top_staff * 7 * MINUTES_PER_DAY * common * max(lens) >= _LIMIT or len(lens) >= _LIMIT >> (
        _START_BITS + _LENGTH_BITS
    ):  # too large to be sure of int64: one by one
        return np.zeros(len(lens), dtype=np.int64), np.ones(len(lens), dtype=np.bool_), 1
    d = np.where(t > s, t - s, MINUTES_PER_DAY - s + t)
    d = np.where(ok, d, 0)
    pop = _POPCOUNT[np.clip(mask, 0, 127)]
    safe_part = np.where(ok & (part >= 1), part, 1)
    num = np.add.reduceat(d * np.where(ok, staff, 0) * pop * (common // safe_part), first)
    seg_bad = np.add.reduceat(bad.astype(np.int64), first) > 0
    seg_bad |= np.add.reduceat(np.where(excl, d, 0), first) > MINUTES_PER_DAY
    seg_bad[_overlapping(seg, mask, s, d, excl & ok)] = True
    return num, seg_bad, common


def _overlapping(seg: I64, mask: I64, s: I64, d: I64, excl: npt.NDArray[np.bool_]) -> I64:
    """Segments where two exclusive entries meet on the week's clock (Sunday runs into
    Monday). Two entries that meet on some weekday also meet on the day's clock (minutes
    modulo 1.440, whatever the weekdays), so the week is only looked at for the few segments
    whose exclusive entries meet on the day's clock."""
    seg, mask, s, d = seg[excl], mask[excl], s[excl], d[excl]
    maybe = _meets(seg, s, d, MINUTES_PER_DAY)
    if maybe.size == 0:
        return maybe
    on = np.isin(seg, maybe)
    return _week_meets(seg[on], mask[on], s[on], d[on])


def _meets(seg: I64, start: I64, d: I64, period: int) -> I64:
    """Segments where two of the intervals ``start`` .. ``start + d`` meet on a clock of
    ``period`` minutes (an interval past the end goes on from 0). Sorted by start, intervals
    that do not meet have each start at or after the previous end, so comparing neighbours
    finds every meeting. One sort of one int64 code: segment, start (< 2¹⁵, a week's minutes)
    and length (< 2¹¹: at most a day's) in bits of their own, taken apart again by shifts and
    masks; stable (timsort): the codes come in runs already in order — by segment, and mostly
    by start within one — which it runs through in near one pass (a quicksort sorts them all
    again: ≈ 12 → 1 ms for 280.000 entries)."""
    end = start + d
    spill = end > period
    code = (seg << _SEGMENT_SHIFT) | (start << _LENGTH_BITS) | (np.minimum(end, period) - start)
    if spill.any():
        code = np.concatenate((code, (seg[spill] << _SEGMENT_SHIFT) | (end[spill] - period)))
    code = np.sort(code, kind="stable")
    reach = ((code >> _LENGTH_BITS) & _START_MASK) + (code & _LENGTH_MASK)  # start + length
    sg = code >> _SEGMENT_SHIFT
    meet = (sg[1:] == sg[:-1]) & (((code[1:] >> _LENGTH_BITS) & _START_MASK) < reach[:-1])
    return np.unique(sg[1:][meet])


# The bits of ``_meets``'s code: a start on the week's clock (< 7 × 1.440 < 2¹⁴, one bit to
# spare) and an entry's length (≤ 1.440 < 2¹¹); the segment above them.
_START_BITS, _LENGTH_BITS = 15, 11
_SEGMENT_SHIFT = _START_BITS + _LENGTH_BITS
_START_MASK, _LENGTH_MASK = (1 << _START_BITS) - 1, (1 << _LENGTH_BITS) - 1


def _week_meets(seg: I64, mask: I64, s: I64, d: I64) -> I64:
    """``_meets`` on the week's clock: each entry once per weekday of its mask."""
    on = [((mask >> day) & 1) == 1 for day in range(7)]
    week_seg = np.concatenate([seg[o] for o in on])
    week_start = np.concatenate([day * MINUTES_PER_DAY + s[o] for day, o in enumerate(on)])
    week_d = np.concatenate([d[o] for o in on])
    return _meets(week_seg, week_start, week_d, _WEEK)


def place_distinct(
    cache: PlacementCache, nums: list[int], common: int
) -> list[tuple[Fraction, tuple[Placement, ShownKey]]]:
    """``PlacementCache.placed`` of each minutes per week ``nums[i] / common`` (common > 0): the
    exact minutes, the placement and its merge key. The level is the first whose bound u/v
    is above the minutes (n × v < u × common) and the hours as shown are ROUND_HALF_UP to
    hundredths of n ÷ (common × 420), both on int64 where every product surely fits, else one
    by one (``cache.placed``); minutes above every bound (S1, priced by their hours) too."""
    bounds = cache.pricer.bounds()
    top = max([abs(u) for u, _, _, _ in bounds] + [1]) * common
    wide = max([v for _, v, _, _ in bounds] + [1])
    largest = max(map(abs, nums), default=0)
    if largest * max(wide, 200) >= _LIMIT or top >= _LIMIT or common * 840 >= _LIMIT:
        return [_one(cache, Fraction(n, common)) for n in nums]
    n = np.array(nums, dtype=np.int64)
    level = np.full(len(n), -1, dtype=np.int64)
    for k, (u, v, _, _) in enumerate(bounds):
        level[(level < 0) & (n * v < u * common)] = k
    q = n * 100  # ROUND_HALF_UP of q / (common × 420), halves away from zero, as round_ratio
    hundredths = np.sign(q) * ((np.abs(q) * 2 + common * 420) // (common * 840))
    out = []
    for num, k, h in zip(nums, level.tolist(), hundredths.tolist(), strict=True):
        minutes = Fraction(num, common)
        if k < 0:
            out.append(_one(cache, minutes))
            continue
        _, _, code, tariff = bounds[k]
        p = Placement(minutes, code, tariff)
        out.append((minutes, (p, (code, tariff, Decimal(h).scaleb(-2)))))
    return out


def _first_met(key: I64) -> tuple[I64, I64]:
    """Each key's number among the distinct keys in the order first met, and the place of the
    first of each (as ``dict.fromkeys`` numbers them, by one sort instead of a hash each)."""
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    number = np.empty(len(order), dtype=np.int64)
    number[order] = np.arange(len(order), dtype=np.int64)
    return number[inverse.reshape(-1)], first[order]


def _one(cache: PlacementCache, minutes: Fraction) -> tuple[Fraction, tuple[Placement, ShownKey]]:
    return minutes, cache.placed(minutes)


@dataclass(frozen=True, slots=True)
class Ahead:
    """The placements of the døgnskemaer ``prepare`` placed from the loader's rows in
    ``table``: ``placements[codes[i]]`` is that of the i-th (None: not surely valid, left to
    ``place``); ``rows``: those døgnskemaer, when these are the codes of all of them in order
    (``found`` looks them up)."""

    table: EntryColumns
    codes: I64
    placements: list[tuple[Placement, ShownKey] | None]
    rows: Rows | None = None

    @staticmethod
    def placed(cache: PlacementCache, rows: Rows) -> Ahead:
        """The døgnskemaer of the loader's ``rows`` analysed at once and each distinct minutes
        per week placed once (``place_distinct``), numbered in the order first met; all those
        not surely valid share one number, whose placement is None."""
        if not rows.lens:
            return Ahead(rows.table, np.zeros(0, dtype=np.int64), [], rows)
        num, bad, common = _analysed(rows.lens, *_rows(rows.table, rows.lens, rows.firsts))
        codes, firsts = _first_met(np.where(bad, -1, num))  # -1: below every valid minutes
        valid = ~bad[firsts]
        placed = iter(place_distinct(cache, num[firsts[valid]].tolist(), common))
        placements = [next(placed)[1] if v else None for v in valid.tolist()]
        return Ahead(rows.table, codes, placements, rows)

    def found(
        self, schedules: list[tuple[ScheduleEntry, ...]]
    ) -> dict[int, tuple[Placement, ShownKey]]:
        """By identity, the placement of each of ``schedules`` placed here (the loader's
        ``Entries`` of ``table`` among ``rows``, found by their first row, which grows from
        døgnskema to døgnskema), leaving out those not surely valid and all others."""
        rows, out = self.rows, dict[int, tuple[Placement, ShownKey]]()
        if rows is None:
            return out
        firsts, mine, n = rows.firsts, rows.schedules, len(rows.firsts)
        for e in schedules:
            if type(e) is Entries and e.columns is self.table:
                i = bisect_left(firsts, e.first)
                hit = self.placements[self.codes[i]] if i < n and mine[i] is e else None
                if hit is not None:
                    out[id(e)] = hit
        return out
