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
"""

from __future__ import annotations

from typing import Any

from .fastplace import FORM_CODES
from .model import ScheduleEntry, SupportForm

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
