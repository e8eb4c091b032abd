"""What ``batchcitizen`` reads of the citizens it may take: read from the objects, or taken from
the file loader's ``packed.CitizenColumns``, which hold the same values (ADR 0013, round 7).

The candidates are the citizens with exactly one stay, on a known facility, and those who
moved once (``_moved_once``): two stays on two known facilities, the second moved into after
the first was moved out of. A citizen who moved is read as two candidates, one per stay, each
with all the citizen's assessments (``second`` marks the later; the two come together), which
is what ``citizen.general_part`` does with two such stays: their days cannot meet, no tail is
cut by a later stay on its facility, and no period of one joins one of the other.

Of each candidate, in scenario order: its citizen's index, the stay's facility, move-in and
move-out ordinals (``packed.OPEN`` without a move-out) and number of assessments; of their
assessments, flat in that order: the effective-from ordinal, whether the level is set by hand,
the entries (not read where their placements were found by row); and the assessments with a
hand-set level themselves, in that order. Of every citizen: the id and paying municipality.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import chain, compress, repeat
from operator import attrgetter, is_not, itemgetter

import numpy as np
import numpy.typing as npt

from .batchplace import Ahead
from .citizen import YearContext
from .model import Assessment, Citizen, ScheduleEntry, Stay
from .packed import OPEN, CitizenColumns

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
_STAYS, _ASSESSMENTS = attrgetter("stays"), attrgetter("assessments")
_ID, _PAYING = attrgetter("id"), attrgetter("paying_municipality")
_FACILITY = attrgetter("facility")
_MOVE_IN, _MOVE_OUT = attrgetter("move_in"), attrgetter("move_out")
_EFFECTIVE, _ENTRIES, _LEVEL = (
    attrgetter("effective_from"),
    attrgetter("entries"),
    attrgetter("level"),
)
_FIRST = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidates and their assessments (see the module)."""

    index: list[int]  # each candidate's citizen, also as ``rows``
    rows: I64
    ids: list[str]  # of every citizen, not only the candidates'
    payings: list[str]  # of every citizen
    facilities: list[str]
    move_in: I64
    move_out: I64
    counts: I64
    effective: I64
    hand_set: Bools
    entries: list[tuple[ScheduleEntry, ...]]  # empty where ``ahead`` places them by row
    manual: list[Assessment]
    second: Bools  # the candidate is the later stay of the citizen of the one before it
    # Each assessment's placement by row (``batchplace.Ahead``; None there: not placed ahead),
    # when ``prepare`` placed the loader's rows; else looked up by identity.
    ahead: Ahead | None = None

    @classmethod
    def read(cls, citizens: tuple[Citizen, ...], ctx: YearContext) -> Candidates:
        """From the objects."""
        all_stays = list(map(_STAYS, citizens))
        number = np.fromiter(map(len, all_stays), np.int64, count=len(citizens))
        ones = np.flatnonzero(number == 1)
        first = map(_FACILITY, map(_FIRST, map(all_stays.__getitem__, ones.tolist())))
        here = np.fromiter(map(ctx.facilities.__contains__, first), np.bool_, count=len(ones))
        one = np.zeros(len(citizens), dtype=np.bool_)
        one[ones[here]] = True
        chosen = _chosen(one, number, all_stays.__getitem__, ctx)
        index = chosen.index
        people = list(map(citizens.__getitem__, index))
        stays: list[Stay] = list(chain.from_iterable(map(all_stays.__getitem__, _once(index))))
        counts = np.fromiter(map(len, map(_ASSESSMENTS, people)), np.int64, count=len(people))
        flat = list(chain.from_iterable(map(_ASSESSMENTS, people)))
        n, m = len(flat), len(stays)
        hand_set = np.fromiter(map(is_not, map(_LEVEL, flat), repeat(None)), np.bool_, count=n)
        return cls(
            index,
            chosen.rows,
            list(map(_ID, citizens)),
            list(map(_PAYING, citizens)),
            list(map(_FACILITY, stays)),
            np.fromiter(map(date.toordinal, map(_MOVE_IN, stays)), np.int64, count=m),
            np.fromiter(map(_ordinal, map(_MOVE_OUT, stays)), np.int64, count=m),
            counts,
            np.fromiter(map(date.toordinal, map(_EFFECTIVE, flat)), np.int64, count=n),
            hand_set,
            list(map(_ENTRIES, flat)),
            list(compress(flat, hand_set.tolist())),
            chosen.second,
        )

    @classmethod
    def of(cls, cols: CitizenColumns, ctx: YearContext) -> Candidates:
        """From the loader's columns: the same values, picked with a few array operations (the
        second stays of those who moved, which the columns do not hold, from the objects)."""
        arrays = cols.numbers()
        number = arrays.stays
        n = len(number)
        here = np.fromiter(map(ctx.facilities.__contains__, cols.facilities), np.bool_, count=n)
        chosen = _chosen((number == 1) & here, number, partial(_stays, cols), ctx)
        at, rows, second = chosen.index, chosen.rows, chosen.second
        per = arrays.assessments
        counts = per[rows]
        take = _blocks(per, rows, counts)  # each candidate's assessments, in order
        hand_all = arrays.hand_set
        hand_set = hand_all[take]
        nth = np.cumsum(hand_all) - 1  # each hand-set assessment's place in ``cols.manual``
        facilities = list(map(cols.facilities.__getitem__, at))
        move_in = arrays.move_ins[rows]
        move_out = arrays.move_outs[rows]
        if chosen.later:  # the later stays, which the columns do not hold, from the objects
            later, k = chosen.later, np.flatnonzero(second)
            move_in[k] = np.fromiter(map(date.toordinal, map(_MOVE_IN, later)), np.int64)
            move_out[k] = np.fromiter(map(_ordinal, map(_MOVE_OUT, later)), np.int64)
            for i, stay in zip(k.tolist(), later, strict=True):
                facilities[i] = stay.facility
        ahead = _ahead(cols, ctx, take)
        # With ``ahead`` the batch takes the placements by row and never looks at the entries.
        entries = [] if ahead is not None else list(map(cols.entries.__getitem__, take.tolist()))
        return cls(
            at,
            rows,
            cols.ids,
            cols.payings,
            facilities,
            move_in,
            move_out,
            counts,
            arrays.effective[take],
            hand_set,
            entries,
            list(map(cols.manual.__getitem__, nth[take[hand_set]].tolist())),
            second,
            ahead,
        )


@dataclass(frozen=True, slots=True)
class _Chosen:
    """Each candidate's citizen ``index`` (also as ``rows``), whether it is the later stay of
    the citizen of the one before (``second``), and those later stays, in order."""

    index: list[int]
    rows: I64
    second: Bools
    later: list[Stay]


def _chosen(
    one: Bools, number: I64, stays: Callable[[int], tuple[Stay, ...]], ctx: YearContext
) -> _Chosen:
    """The candidates: a citizen with one stay on a known facility (``one``) once, one who
    moved once (``_moved_once``) twice, in order. ``number``: each citizen's number of stays;
    ``stays``: a citizen's stays."""
    times = one.astype(np.int64)
    twos = np.flatnonzero(number == 2).tolist()
    moved = [(i, pair) for i in twos if _moved_once(pair := stays(i), ctx)]
    times[[i for i, _ in moved]] = 2
    rows = np.repeat(np.arange(len(number), dtype=np.int64), times)
    second = np.zeros(len(rows), dtype=np.bool_)
    second[1:] = rows[1:] == rows[:-1]
    return _Chosen(rows.tolist(), rows, second, [pair[1] for _, pair in moved])


def _moved_once(stays: tuple[Stay, ...], ctx: YearContext) -> bool:
    """Two stays on two known facilities, the second moved into after the first was left."""
    a, b = stays
    return (
        a.move_out is not None
        and b.move_in > a.move_out
        and a.facility != b.facility
        and a.facility in ctx.facilities
        and b.facility in ctx.facilities
    )


def _stays(cols: CitizenColumns, i: int) -> tuple[Stay, ...]:
    assert cols.citizens is not None  # columns of citizens the loader finished
    return cols.citizens[i].stays


def _once(index: list[int]) -> list[int]:
    """``index`` with each citizen once."""
    return list(dict.fromkeys(index))


def _blocks(per: I64, rows: I64, counts: I64) -> I64:
    """The flat positions of the assessments of the citizens ``rows`` (``per``: each citizen's
    number of assessments; ``counts``: ``per[rows]``), block after block."""
    offsets = np.zeros(len(per), dtype=np.int64)
    np.cumsum(per[:-1], out=offsets[1:])
    starts = np.zeros(len(rows), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    total = int(counts.sum())
    return np.repeat(offsets[rows] - starts, counts) + np.arange(total, dtype=np.int64)


def _ahead(cols: CitizenColumns, ctx: YearContext, take: I64) -> Ahead | None:
    """What ``prepare`` placed of ``cols.to_place()`` (the døgnskemaer with rows, in order) for
    the assessments at ``take``: one without rows gets the code of a None after the placements.
    None when ``prepare`` placed others."""
    ahead = ctx.places.ahead
    if ahead is None or ahead.table is not cols.table:
        return None
    placed = cols.numbers().placed
    if len(ahead.codes) != int(placed.sum()):
        return None
    codes = np.full(len(placed), len(ahead.placements), dtype=np.int64)
    codes[placed] = ahead.codes
    return Ahead(ahead.table, codes[take], [*ahead.placements, None])


def _ordinal(d: date | None) -> int:
    return OPEN if d is None else d.toordinal()
