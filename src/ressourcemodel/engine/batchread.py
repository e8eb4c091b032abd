"""What ``batchcitizen`` reads of the citizens it may take: read from the objects, or taken from
the file loader's ``packed.CitizenColumns``, which hold the same values (ADR 0013, round 7).

The candidates are the citizens with exactly one stay, on a known facility. Of each, in
scenario order: its index, id, paying municipality, the stay's facility, move-in and move-out
ordinals (``packed.OPEN`` without a move-out) and number of assessments; of their assessments,
flat in that order: the effective-from ordinal, whether the level is set by hand, the entries;
and the assessments with a hand-set level themselves, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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

    index: list[int]
    ids: list[str]
    payings: list[str]
    facilities: list[str]
    move_in: I64
    move_out: I64
    counts: I64
    effective: I64
    hand_set: Bools
    entries: list[tuple[ScheduleEntry, ...]]
    manual: list[Assessment]
    # Each assessment's placement by row (``batchplace.Ahead``; None there: not placed ahead),
    # when ``prepare`` placed the loader's rows; else looked up by identity.
    ahead: Ahead | None = None

    @classmethod
    def read(cls, citizens: tuple[Citizen, ...], ctx: YearContext) -> Candidates:
        """From the objects."""
        all_stays = list(map(_STAYS, citizens))
        one = np.fromiter(map(len, all_stays), np.int64, count=len(citizens)) == 1
        singles = list(map(_FIRST, compress(all_stays, one.tolist())))
        here = map(ctx.facilities.__contains__, map(_FACILITY, singles))
        ok = np.fromiter(here, np.bool_, count=len(singles))
        index = np.flatnonzero(one)[ok].tolist()
        people = list(map(citizens.__getitem__, index))
        stays: list[Stay] = list(compress(singles, ok.tolist()))
        counts = np.fromiter(map(len, map(_ASSESSMENTS, people)), np.int64, count=len(people))
        flat = list(chain.from_iterable(map(_ASSESSMENTS, people)))
        n, m = len(flat), len(stays)
        hand_set = np.fromiter(map(is_not, map(_LEVEL, flat), repeat(None)), np.bool_, count=n)
        return cls(
            index,
            list(map(_ID, people)),
            list(map(_PAYING, people)),
            list(map(_FACILITY, stays)),
            np.fromiter(map(date.toordinal, map(_MOVE_IN, stays)), np.int64, count=m),
            np.fromiter(map(_ordinal, map(_MOVE_OUT, stays)), np.int64, count=m),
            counts,
            np.fromiter(map(date.toordinal, map(_EFFECTIVE, flat)), np.int64, count=n),
            hand_set,
            list(map(_ENTRIES, flat)),
            list(compress(flat, hand_set.tolist())),
        )

    @classmethod
    def of(cls, cols: CitizenColumns, ctx: YearContext) -> Candidates:
        """From the loader's columns: the same values, picked with a few array operations."""
        n = len(cols.ids)
        here = np.fromiter(map(ctx.facilities.__contains__, cols.facilities), np.bool_, count=n)
        chosen = (np.array(cols.stays, dtype=np.int64) == 1) & here
        at = np.flatnonzero(chosen)
        picked = chosen.tolist()
        per = np.array(cols.assessments, dtype=np.int64)
        on = np.repeat(chosen, per)  # the candidates' assessments
        hand_set = np.array(cols.hand_set, dtype=np.bool_)
        return cls(
            at.tolist(),
            list(compress(cols.ids, picked)),
            list(compress(cols.payings, picked)),
            list(compress(cols.facilities, picked)),
            np.array(cols.move_ins, dtype=np.int64)[at],
            np.array(cols.move_outs, dtype=np.int64)[at],
            per[at],
            np.array(cols.effective, dtype=np.int64)[on],
            hand_set[on],
            list(compress(cols.entries, on.tolist())),
            list(compress(cols.manual, on[hand_set].tolist())),
            _ahead(cols, ctx, on),
        )


def _ahead(cols: CitizenColumns, ctx: YearContext, on: Bools) -> Ahead | None:
    """What ``prepare`` placed of ``cols.to_place()`` (the døgnskemaer with rows, in order) for
    each assessment ``on``: one without rows gets the code of a None after the placements.
    None when ``prepare`` placed others."""
    ahead = ctx.places.ahead
    if ahead is None or ahead.table is not cols.table:
        return None
    placed = np.array(cols.rows, dtype=np.int64) > 0
    if len(ahead.codes) != int(placed.sum()):
        return None
    codes = np.full(len(placed), len(ahead.placements), dtype=np.int64)
    codes[placed] = ahead.codes
    return Ahead(ahead.table, codes[on], [*ahead.placements, None])


def _ordinal(d: date | None) -> int:
    return OPEN if d is None else d.toordinal()
