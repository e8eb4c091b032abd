"""Døgnskema entries with their numbers in columns (ADR 0011 addendum), for the many
døgnskemaer of a file read at once.

At national scale the engine's pass over the døgnskemaer spent most of its time reading six
integers from each of 300.000 entry objects. The file loader has those integers in hand when it
makes the entries, so it also appends them to the columns of one ``EntryColumns`` for the whole
file, and hands each døgnskema over as ``Entries`` — a tuple of the same ``ScheduleEntry``
objects, equal to the plain tuple, that knows where its rows are in the columns.
``batchplace`` then takes the rows of many døgnskemaer with a few array operations. A plain
tuple (the web application's mappers, ``dataclasses.replace``, tests) is read entry by entry as
before; both ways give the same columns (tests/engine/test_packed.py).

Per entry the loader appends only objects it already holds (the weekday mask, start and end
from its tables, and the number of the entry's kind: form, staff and participants), so the
columns cost it a few list appends, not arithmetic.

The loader does the same for the citizens (``CitizenColumns``, ADR 0013 round 7): their one
stay's facility and dates, their assessments' dates and døgnskemaer, for ``batchcitizen`` and
``prepare``, which would otherwise read them from 100.000 objects scattered over memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .fastplace import FORM_CODES
from .model import Assessment, Citizen, Scenario, ScheduleEntry, SupportForm

_Plain = tuple[ScheduleEntry, ...]


class EntryColumns:
    """The numbers of many døgnskemaer's entries: row i is the i-th entry appended.

    ``masks``, ``starts``, ``ends``: weekday mask (Monday = bit 0) and minutes; ``kinds``: the
    number of the entry's (staff, participants, form code) in ``kind_rows``. ``arrays`` is the
    engine's own copy as arrays, made once when all rows are in (``batchplace``)."""

    __slots__ = ("arrays", "ends", "kind_numbers", "kind_rows", "kinds", "masks", "starts")

    def __init__(self) -> None:
        self.masks: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kinds: list[int] = []
        self.kind_rows: list[tuple[int, int, int]] = []
        self.kind_numbers: dict[tuple[int, int, int], int] = {}
        self.arrays: tuple[int, Any] | None = None  # (rows when made, the arrays)

    def kind(self, form: SupportForm, staff: int, participants: int) -> int:
        """The number of a kind of entry, given one the first time it is met."""
        row = (staff, participants, FORM_CODES[form])
        number = self.kind_numbers.get(row)
        if number is None:
            number = self.kind_numbers[row] = len(self.kind_rows)
            self.kind_rows.append(row)
        return number


class Rows(NamedTuple):
    """Døgnskemaer whose numbers are rows ``first[i]``… (``lens[i]`` of them) of ``table``."""

    schedules: list[tuple[ScheduleEntry, ...]]
    lens: list[int]
    firsts: list[int]
    table: EntryColumns


class Entries(tuple[ScheduleEntry, ...]):
    """A døgnskema's entries; their numbers are rows ``first``… of ``columns``."""

    columns: EntryColumns
    first: int

    def __reduce__(self) -> tuple[type[_Plain], tuple[_Plain]]:
        return tuple, (tuple(self),)  # copied or pickled, a plain tuple: read as one


def in_columns(entries: list[ScheduleEntry], columns: EntryColumns, first: int) -> Entries:
    """``Entries`` of ``entries``, whose numbers the caller appended to ``columns`` from row
    ``first`` on, one row per entry in order."""
    out = Entries(entries)
    out.columns = columns
    out.first = first
    return out


I64 = npt.NDArray[np.int64]
OPEN = 1 << 40  # the move-out ordinal of an open stay: after every date


class CitizenColumns:
    """What ``batchcitizen`` reads of each citizen of a file, appended by the loader as it makes
    them, in order (``add``), while their fields are still at hand: read later from 30.000
    citizen, stay and assessment objects spread over memory, they cost the engine more than the
    arithmetic it does with them.

    They describe ``citizens`` only, the very tuple the loader put in its ``Scenario``
    (``of``): the tuple and the objects in it are immutable, so a scenario that still holds it
    (``dataclasses.replace`` of the parameters, a what-if) still matches, and one with other
    citizens is read object by object as before. Per citizen: id, paying municipality, number
    of stays, the first stay's facility, move-in and move-out ordinals ("", 0 and ``OPEN``
    without a stay; ``OPEN`` without a move-out), number of assessments; per assessment, flat
    in citizen order: effective-from ordinal, whether its level is set by hand, its entries;
    and the assessments with a hand-set level themselves, in that order."""

    __slots__ = (
        "arrays",
        "assessments",
        "citizens",
        "effective",
        "entries",
        "facilities",
        "hand_set",
        "ids",
        "manual",
        "move_ins",
        "move_outs",
        "payings",
        "rows",
        "starts",
        "stays",
        "table",
    )

    def __init__(self, table: EntryColumns) -> None:
        self.citizens: tuple[Citizen, ...] | None = None  # set by ``finish`` when all are in
        self.arrays: CitizenArrays | None = None  # made by ``finish``
        self.table = table  # the entries' numbers
        self.ids: list[str] = []
        self.payings: list[str] = []
        self.stays: list[int] = []
        self.facilities: list[str] = []
        self.move_ins: list[int] = []
        self.move_outs: list[int] = []
        self.assessments: list[int] = []
        self.effective: list[int] = []
        self.hand_set: list[bool] = []
        self.manual: list[Assessment] = []  # the assessments with a hand-set level, in order
        self.entries: list[tuple[ScheduleEntry, ...]] = []
        self.rows: list[int] = []  # entries in ``table`` of a døgnskema to place, else 0
        self.starts: list[int] = []  # their first row there (0 where ``rows`` is 0)

    def add(self, c: Citizen) -> None:
        """Append ``c``, the next citizen made."""
        stays = c.stays
        self.ids.append(c.id)
        self.payings.append(c.paying_municipality)
        self.stays.append(len(stays))
        if stays:
            s = stays[0]
            self.facilities.append(s.facility)
            self.move_ins.append(s.move_in.toordinal())
            self.move_outs.append(OPEN if s.move_out is None else s.move_out.toordinal())
        else:
            self.facilities.append("")
            self.move_ins.append(0)
            self.move_outs.append(OPEN)
        self.assessments.append(len(c.assessments))
        table, effective, hand_set = self.table, self.effective.append, self.hand_set.append
        entries, rows, starts = self.entries.append, self.rows.append, self.starts.append
        for a in c.assessments:
            e = a.entries
            effective(a.effective_from.toordinal())
            entries(e)
            if a.level is None and type(e) is Entries and e and e.columns is table:
                hand_set(False)
                rows(len(e))
                starts(e.first)
            else:  # not placed ahead from the columns: placed by content when met
                if a.level is None:
                    hand_set(False)
                else:
                    hand_set(True)
                    self.manual.append(a)
                rows(0)
                starts(0)

    def finish(self, citizens: tuple[Citizen, ...]) -> None:
        """All citizens are in, and ``citizens`` is the loader's tuple of them: what every
        calculation of the file reads is made once, here — the numbers as read-only arrays
        and the døgnskemaer to place — instead of in each calculation."""
        self.citizens = citizens
        self.arrays = CitizenArrays.of(self)

    def to_place(self) -> Rows:
        """The døgnskemaer to place ahead (``fastplace.PlacementCache.prepare``) — those of
        the assessments without a hand-set level, each a distinct ``Entries`` object — with
        their number of rows and first row in ``table``."""
        if self.arrays is not None:
            return self.arrays.to_place
        return self.listed()

    def listed(self) -> Rows:
        """``to_place`` listed from the columns now."""
        rows = self.rows
        return Rows(
            list(compress(self.entries, rows)),
            list(compress(rows, rows)),
            list(compress(self.starts, rows)),
            self.table,
        )

    def numbers(self) -> CitizenArrays:
        """The numbers as arrays: those ``finish`` made, else made now."""
        return self.arrays if self.arrays is not None else CitizenArrays.of(self)

    @staticmethod
    def of(scenario: Scenario) -> CitizenColumns | None:
        """The columns of ``scenario``'s citizens, if it has them."""
        cols = scenario.columns
        if cols is None or cols.citizens is not scenario.citizens:
            return None
        return cols


@dataclass(frozen=True, slots=True)
class CitizenArrays:
    """The numbers of ``CitizenColumns`` as read-only arrays (per citizen: stays, move-in and
    move-out of the first, assessments; per assessment: effective-from, hand-set, whether its
    døgnskema has rows to place), and the døgnskemaer to place (``CitizenColumns.to_place``)."""

    stays: I64
    move_ins: I64
    move_outs: I64
    assessments: I64
    effective: I64
    hand_set: npt.NDArray[np.bool_]
    placed: npt.NDArray[np.bool_]
    to_place: Rows

    @classmethod
    def of(cls, cols: CitizenColumns) -> CitizenArrays:
        ints = [
            np.array(column, dtype=np.int64)
            for column in (cols.stays, cols.move_ins, cols.move_outs, cols.assessments)
        ]
        effective = np.array(cols.effective, dtype=np.int64)
        hand_set = np.array(cols.hand_set, dtype=np.bool_)
        placed = np.array(cols.rows, dtype=np.int64) > 0
        for a in (*ints, effective, hand_set, placed):  # shared by the file's calculations
            a.flags.writeable = False
        stays, move_ins, move_outs, assessments = ints
        return cls(
            stays, move_ins, move_outs, assessments, effective, hand_set, placed, cols.listed()
        )
