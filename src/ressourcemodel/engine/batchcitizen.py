"""The common citizens' parts all at once, as columns (ADR 0013): ``citizen.citizen_part`` for
every citizen with one stay on a known facility, or two on two known facilities one after the
other (``batchread.Candidates``: each stay read as a candidate of its own), and døgnskemaer
that ``fastplace.PlacementCache.prepare`` placed or ordinary levels set by hand.

The rules are those of ``general_part`` on whole arrays of integer day ordinals: the
assessments of each citizen sorted by their date, moved to the first of the next month where
``LevelChangeRule.NEXT_MONTH`` says so (two falling on one day: the later wins), the stay's days
in the year cut where the placement changes, one period per run of equal hours as shown, the
tail and billing tail after a move-out at the placement in force that day; a citizen who moved
has the periods of both stays, the earlier's first, and is taken or left as a whole. A
hand-set ordinary level with no døgnskema beside it is placed as ``Pricer.place`` places it
(nothing there can refuse it). A citizen whose part might differ from that — a døgnskema not
placed ahead, any other hand-set level (S1, S2, an unknown code, a døgnskema beside it), two
assessments on one date, a day before the first assessment, a move-in after the year, an S1/S2
placement — is left to ``citizen.citizen_part``, which gives its part or its error as before.
No citizen taken here can be refused, so the first error of a calculation is still that of the
first refused citizen in scenario order.

What is taken here adds no warnings and no special cases; its stays go to the facilities as
``StayOps`` columns (``columns.accumulate``) instead of op tuples per citizen. Only a
calculation that is not kept uses it (``compute.build(keep=False)``): ``incremental`` keeps each
citizen's ops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import compress, islice, repeat
from operator import not_

import numpy as np
import numpy.typing as npt

from .batchread import Candidates
from .citizen import BILLED_TAIL, STAY, TAIL, YearContext, new_period, new_result
from .fastplace import ShownKey
from .model import Assessment, Citizen, ScheduleEntry
from .packed import OPEN, CitizenColumns
from .parameters import LevelChangeRule, TailRule
from .results import CitizenPeriod, CitizenResult, Placement
from .tariffs import S1, S2

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
_EPOCH = date(1970, 1, 1).toordinal()
_LAST_SAFE = date(9999, 12, 1).toordinal()  # a later date has no next month to move to
_SPAN = 1 << 22  # more than any day ordinal: citizen × _SPAN + day orders by citizen, then day
_LAST_TAIL = date(9999, 11, 1).toordinal()  # from here the month after next has no last day


@dataclass(frozen=True, slots=True)
class OpColumns:
    """Ops as columns: what the tuples ``(kind, facility, first, last, placement or tariff,
    billed)`` of the citizens' parts would say, one row each. ``fac``: the facility's index in
    ``fids``; ``codes``: the row's placement in ``table`` (a STAY row's placement; a tail row
    bills that placement's service tariff)."""

    kinds: I64
    fac: I64
    fids: list[str]
    first: I64
    last: I64
    codes: I64
    table: list[Placement]
    billed: Bools


@dataclass(frozen=True, slots=True)
class Batch:
    """The citizens taken (``taken[i]`` for ``citizens[i]``), their results in scenario order,
    the citizens left to ``citizen_part`` in scenario order, and the ops of those taken."""

    taken: list[bool]
    results: list[CitizenResult]
    rest: list[Citizen]
    ops: OpColumns


def batch_parts(
    citizens: tuple[Citizen, ...], ctx: YearContext, columns: CitizenColumns | None = None
) -> Batch:
    """The parts of the common citizens among ``citizens`` (see the module); ``columns``: what
    the file loader read of exactly these citizens (``packed.CitizenColumns``), if it did."""
    read = Candidates.read(citizens, ctx) if columns is None else Candidates.of(columns, ctx)
    counts = read.counts
    asm = _Assessments.of(read, ctx)
    if not len(asm.owner):  # no candidate with an assessment: every citizen one by one
        return Batch([False] * len(citizens), [], list(citizens), no_ops())
    days = _Days.of(read.move_in, read.move_out, ctx)
    start, keep, twice = _starts(asm, ctx.params.level_change_rule is LevelChangeRule.NEXT_MONTH)
    bad = days.bad | (counts == 0)
    bad[asm.owner[asm.bad | twice]] = True
    owner, start, code = asm.owner[keep], start[keep], asm.code[keep]
    firsts = np.flatnonzero(np.diff(owner, prepend=-1))
    uncovered = start[firsts] > days.first[owner[firsts]]
    bad[owner[firsts[uncovered & days.occupies[owner[firsts]]]]] = True
    same_next = np.append(owner[1:] == owner[:-1], False)
    nxt = np.where(same_next, np.append(start[1:], 0), ctx.y1 + 1)
    seg_first = np.maximum(days.first[owner], start)
    seg_last = np.minimum(nxt - 1, days.last[owner])
    sold_by_citizen = np.fromiter(
        map(ctx.params.municipality_code.__ne__, read.payings), np.bool_, len(read.payings)
    )
    sold = sold_by_citizen[read.rows]
    tails = _tails(owner, start, code, days, sold, bad, ctx)
    later = np.flatnonzero(read.second)  # one who moved: taken with both stays, or left
    bad[later] = bad[later - 1] = bad[later] | bad[later - 1]
    on = (seg_first <= seg_last) & ~bad[owner]
    owner, code, seg_first, seg_last = owner[on], code[on], seg_first[on], seg_last[on]

    good = np.flatnonzero(~bad).tolist()
    taken = [False] * len(citizens)
    for i in good:
        taken[read.index[i]] = True
    facility_of = read.facilities
    periods, run_owner = _periods(
        owner, asm.shown[code], seg_first, seg_last, code, asm, facility_of, ctx
    )
    results = _results(read, ~bad, sold, periods, np.bincount(run_owner, minlength=len(bad)))
    where = {fid: i for i, fid in enumerate(ctx.facilities)}
    fac = np.fromiter(map(where.__getitem__, facility_of), np.int64, count=len(facility_of))
    ops = _ops((owner, seg_first, seg_last, code, sold[owner]), tails.pick(~bad), asm, fac, ctx)
    rest = list(compress(citizens, map(not_, taken)))
    return Batch(taken, results, rest, ops)


def _results(
    read: Candidates, good: Bools, sold: Bools, periods: list[CitizenPeriod], per: I64
) -> list[CitizenResult]:
    """The results of the ``good`` candidates' citizens, in order, from their periods (by
    candidate, ``per[i]`` of candidate i): one who moved has those of both stays, the earlier
    stay's first."""
    later = np.flatnonzero(read.second)
    per[later - 1] += per[later]
    rows = np.flatnonzero(good & ~read.second)
    at = read.rows[rows].tolist()  # their citizens
    grouped = iter(periods)
    return list(
        map(
            new_result,
            map(read.ids.__getitem__, at),
            map(read.payings.__getitem__, at),
            sold[rows].tolist(),
            map(tuple, map(islice, repeat(grouped), per[rows].tolist())),
        )
    )


@dataclass(frozen=True, slots=True)
class _Days:
    """Each candidate's stay in the year: occupied from ``first`` to ``last`` where
    ``occupies``; its move-out (``OPEN`` without), and those ``citizen_part`` must decide
    (a move-out before the move-in, a move-in after the year)."""

    first: I64
    last: I64
    occupies: Bools
    move_out: I64
    bad: Bools

    @classmethod
    def of(cls, move_in: I64, move_out: I64, ctx: YearContext) -> _Days:
        first, last = np.maximum(move_in, ctx.y0), np.minimum(move_out, ctx.y1)
        bad = (
            (move_out < move_in)
            | (move_in > ctx.y1)
            | ((move_out >= _LAST_TAIL) & (move_out < OPEN))
        )
        return cls(first, last, first <= last, move_out, bad)


def no_ops() -> OpColumns:
    """No ops."""
    empty = np.zeros(0, dtype=np.int64)
    return OpColumns(empty, empty, [], empty, empty, empty, [], np.zeros(0, dtype=np.bool_))


@dataclass(frozen=True, slots=True)
class _Tails:
    """Tail and billing-tail rows: citizen, kind, first and last day, placement code."""

    owner: I64
    kind: I64
    first: I64
    last: I64
    code: I64

    def pick(self, good: Bools) -> _Tails:
        """The rows of the citizens with ``good[citizen]``."""
        on = good[self.owner]
        return _Tails(self.owner[on], self.kind[on], self.first[on], self.last[on], self.code[on])


def _tails(
    owner: I64, start: I64, code: I64, days: _Days, sold: Bools, bad: Bools, ctx: YearContext
) -> _Tails:
    """The tail and billing-tail days in the year after each move-out (``citizen._stay_ranges``:
    to the end of the month after the move-out month, no later stay to cut them), at the
    placement in force on the move-out day (the last start on or before it, of the kept
    ``owner``/``start``/``code``). A citizen with such days and nothing in force that day is
    marked in ``bad``: ``general_part`` refuses it."""
    params = ctx.params
    tail_on = params.tail_rule is not TailRule.NONE
    billing_on = params.billing_tail_rule is not TailRule.NONE
    moved = np.flatnonzero(days.move_out < OPEN)
    if not (tail_on or billing_on) or not len(moved):
        empty = np.zeros(0, dtype=np.int64)
        return _Tails(empty, empty, empty, empty, empty)
    out = days.move_out[moved]
    month = (out - _EPOCH).astype("datetime64[D]").astype("datetime64[M]")
    end = (month + 2).astype("datetime64[D]").astype(np.int64) + (_EPOCH - 1)
    first, last = np.maximum(out + 1, ctx.y0), np.minimum(end, ctx.y1)
    has = first <= last
    tail, billing = has & tail_on, has & billing_on & sold[moved]
    at = np.searchsorted(owner * _SPAN + start, moved * _SPAN + out, side="right") - 1
    found = (at >= 0) & (owner[np.maximum(at, 0)] == moved)
    bad[moved[(tail | billing) & ~found]] = True
    rows = np.concatenate((np.flatnonzero(tail), np.flatnonzero(billing)))
    kind = np.concatenate(
        (np.full(int(tail.sum()), TAIL), np.full(int(billing.sum()), BILLED_TAIL))
    )
    order = np.argsort(moved[rows], kind="stable")  # by citizen: its tail, then its billing
    rows, kind = rows[order], kind[order].astype(np.int64)
    return _Tails(moved[rows], kind, first[rows], last[rows], code[np.maximum(at[rows], 0)])


def _ops(
    stays: tuple[I64, I64, I64, I64, Bools],
    tails: _Tails,
    asm: _Assessments,
    fac: I64,
    ctx: YearContext,
) -> OpColumns:
    """The stay rows (citizen, first, last, placement code, billed), then the tail rows;
    ``fac``: each citizen's facility as its index in ``ctx.facilities``."""
    owner, first, last, code, billed = stays
    return OpColumns(
        np.concatenate((np.full(len(owner), STAY, dtype=np.int64), tails.kind)),
        fac[np.concatenate((owner, tails.owner))],
        list(ctx.facilities),
        np.concatenate((first, tails.first)),
        np.concatenate((last, tails.last)),
        np.concatenate((code, tails.code)),
        asm.placements,
        np.concatenate((billed, tails.kind == BILLED_TAIL)),
    )


@dataclass(frozen=True, slots=True)
class _Assessments:
    """The assessments of the candidates, flat in citizen order: owner (index of the citizen),
    effective date (ordinal), placement code (``placements[code]``, ``shown[code]``: the
    code of its hours as shown), and those that leave their citizen to ``citizen_part``."""

    owner: I64
    effective: I64
    code: I64
    bad: Bools
    placements: list[Placement]
    shown: I64

    @classmethod
    def of(cls, read: Candidates, ctx: YearContext) -> _Assessments:
        """Sorted by citizen, then date (stable, as ``sorted`` in ``citizen._timeline``)."""
        effective, hand_set = read.effective, read.hand_set
        owner = np.repeat(np.arange(len(read.index), dtype=np.int64), read.counts)
        if read.ahead is not None:  # placed ahead: by row
            code, table = read.ahead.codes.copy(), read.ahead.placements
        else:
            code, table = _by_identity(read.entries, ctx)
        refused = np.array([h is None or h[0].level in (S1, S2) for h in table], dtype=np.bool_)
        shown_of: dict[ShownKey, int] = {}
        shown = [shown_of.setdefault(h[1], len(shown_of)) if h else -1 for h in table]
        bad = refused[code]
        placements = [h[0] if h else _NO_PLACEMENT for h in table]
        if read.manual:  # the hand-set levels after the døgnskemaer in the table
            extra, extra_shown, picked = _manual(read.manual, ctx, shown_of)
            at = np.flatnonzero(hand_set)
            code[at] = np.where(picked < 0, 0, picked + len(placements))
            bad[at] = picked < 0
            placements += extra
            shown += extra_shown
        bad |= effective > _LAST_SAFE
        # One stable sort of one code (citizen, then date): the assessments come nearly in
        # that order, which the stable sort runs through in one pass (a lexsort sorted fully).
        order = np.argsort(owner * _SPAN + effective, kind="stable")
        shown_codes = np.array(shown, dtype=np.int64)
        return cls(owner[order], effective[order], code[order], bad[order], placements, shown_codes)


_NO_PLACEMENT = Placement(None, "", Decimal(0))  # never read: its citizens are left out


def _by_identity(
    entries: list[tuple[ScheduleEntry, ...]], ctx: YearContext
) -> tuple[I64, list[tuple[Placement, ShownKey] | None]]:
    """Each døgnskema's placement found by identity among those ``prepare`` placed, as a code
    into the distinct placements met (None: not placed ahead)."""
    known = ctx.places.known
    ids = np.fromiter(map(id, map(known.get, map(id, entries))), np.int64, count=len(entries))
    _, where, inverse = np.unique(ids, return_index=True, return_inverse=True)
    table = [known.get(id(entries[j])) for j in where.tolist()]
    return inverse.reshape(-1).astype(np.int64), table


def _manual(
    manual: list[Assessment], ctx: YearContext, shown_of: dict[ShownKey, int]
) -> tuple[list[Placement], list[int], I64]:
    """The hand-set levels as ``Pricer.place`` places them where it can refuse nothing — an
    ordinary level with no døgnskema beside it: one placement per level and reason, with the
    code of its hours as shown (none: ``shown_key``); and each assessment's number among them,
    -1 for every other (S1, S2, an unknown level, a døgnskema beside it), whose citizen is
    left to ``citizen_part``."""
    tariffs = {lt.code: lt.service_tariff for lt in ctx.places.pricer.levels}
    tariffs.pop(S1, None)
    tariffs.pop(S2, None)
    made: dict[tuple[str, str], int] = {}
    picked = [
        made.setdefault((a.level, a.reason), len(made))
        if a.level in tariffs and not a.entries
        else -1
        for a in manual
    ]
    placements = [Placement(None, lv, tariffs[lv], manual=True, reason=why) for lv, why in made]
    shown = [shown_of.setdefault((lv, tariffs[lv], None), len(shown_of)) for lv, _ in made]
    return placements, shown, np.array(picked, dtype=np.int64)


def _starts(asm: _Assessments, next_month: bool) -> tuple[I64, Bools, Bools]:
    """The ordinal each assessment is in force from, which are kept (``citizen._timeline``: of
    two in force from one day, the later), and those on the date of the one before."""
    owner, eff = asm.owner, asm.effective
    same_prev = np.concatenate(([False], owner[1:] == owner[:-1]))
    twice = same_prev & np.concatenate(([False], eff[1:] == eff[:-1]))
    start = eff
    if next_month:
        days = (eff - _EPOCH).astype("datetime64[D]")
        month = days.astype("datetime64[M]")
        day1 = days == month.astype("datetime64[D]")
        after = (month + 1).astype("datetime64[D]").astype(np.int64) + _EPOCH
        start = np.where(same_prev & ~day1, after, eff)
    keep = ~(np.append(same_prev[1:], False) & np.append(start[1:] == start[:-1], False))
    return start, keep, twice


def _periods(
    owner: I64,
    shown: I64,
    seg_first: I64,
    seg_last: I64,
    code: I64,
    asm: _Assessments,
    facility_of: list[str],
    ctx: YearContext,
) -> tuple[list[CitizenPeriod], I64]:
    """One period per run of a citizen's consecutive segments with equal hours as shown: from
    the run's first day to its last, on the placement of its first segment; and the citizen of
    each period."""
    if len(owner) == 0:
        return [], owner
    new = np.ones(len(owner), dtype=np.bool_)
    new[1:] = (owner[1:] != owner[:-1]) | (shown[1:] != shown[:-1])
    begin = np.flatnonzero(new)
    end = np.append(begin[1:], len(owner)) - 1
    dates, y0 = ctx.dates, ctx.y0
    made = list(
        map(
            new_period,
            map(dates.__getitem__, (seg_first[begin] - y0).tolist()),
            map(dates.__getitem__, (seg_last[end] - y0).tolist()),
            map(facility_of.__getitem__, owner[begin].tolist()),
            map(asm.placements.__getitem__, code[begin].tolist()),
        )
    )
    return made, owner[begin]
