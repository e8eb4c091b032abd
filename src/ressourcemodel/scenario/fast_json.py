"""The fast path for JSON scenario files: decoding at C speed (msgspec), then building the
engine objects with look-ups and a few checks per value.

``fast_scenario`` either returns exactly the ``Scenario`` that the full reader
(``read_document`` and ``scenario_from_dict``) gives for the same file, or declines (None): the
full reader then reads the file and reports its first error with the Danish message. The fast
path reports no error of its own, so the messages are the full reader's by construction.

The citizens — nearly all of a national file — are decoded against a typed schema: msgspec
refuses floats, unknown keys and wrong types while it decodes. The year, municipality,
parameters and facilities are small; they are kept as raw JSON and read by the full reader's
own JSON parser and functions. Citizens are built by the full reader's rules
(``people.citizen_from_dict``) with the same readers; døgnskema entries in their plain form go
through ``quick_entries.plain_entry``, and a hand-set level through ``people._assessment``
itself. Anything else — an entry in another spelling, a duplicate id, a bad value — declines.
While it builds them it appends what the engine reads of them to columns (``engine.packed``):
each entry's numbers, and each citizen's stay, dates and assessments; the ``Scenario`` carries
the citizens' columns, which the engine uses only for that very tuple of citizens.

The full reader also checks the whole text before it reads it; here the same checks are done
from counts, at C speed:

* duplicate keys (msgspec keeps the last one silently): every colon outside a JSON string
  separates a key from its value, so a file's colons are its keys plus the colons inside its
  strings. Encoding the decoded document again writes every key that survived once, and the
  same strings. Equal colon counts mean no key was dropped. An escaped colon (``\\u003a``)
  would upset the count: such a file declines.
* nesting (``MAX_DEPTH`` counts every ``[`` and ``{``, inside strings too): the schema nests
  the citizens 8 deep; the brackets inside strings are all brackets less the containers.
* size (``MAX_NODES``): a document has at most 1 + commas + opening brackets values.

These checks need only the bytes and the decoded document. With ``checks_beside`` (the
``compute`` command on a machine with two cores or more) they run in a forked child process on
the other core while this one builds the citizens; the scenario is returned only when the
child reports that the checks passed, else the fast path declines as it would have.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from datetime import date
from typing import Any, NoReturn

import msgspec
from msgspec import UNSET, Raw, Struct, UnsetType

from ressourcemodel.engine.fastplace import day_mask
from ressourcemodel.engine.model import (
    Assessment,
    Citizen,
    Facility,
    Scenario,
    Stay,
)
from ressourcemodel.engine.packed import CitizenColumns, Entries, EntryColumns, in_columns
from ressourcemodel.engine.parameters import Parameters
from ressourcemodel.engine.slots import filler

from .document import MAX_DEPTH, MAX_NODES, _refuse_float, _unique_pairs
from .people import _assessment
from .quick_entries import CLOCK, Rest, new_entry, plain_rest, weekdays
from .readers import MAX_TEXT, _date, _str

CITIZEN_DEPTH = 8  # document { citizens [ citizen { assessments [ { entries [ entry { days [


class _Entry(Struct, forbid_unknown_fields=True, gc=False):
    days: tuple[str, ...]
    start: str
    end: str
    form: str | UnsetType = UNSET
    staff: int | str | UnsetType = UNSET
    participants: int | str | UnsetType = UNSET
    theme: str | UnsetType = UNSET
    legal_basis: str | UnsetType = UNSET
    sub_theme: str | UnsetType = UNSET
    staff_category: str | UnsetType = UNSET
    note: str | UnsetType = UNSET


class _Assessment(Struct, forbid_unknown_fields=True, gc=False):
    effective_from: str
    entries: list[_Entry] | UnsetType | None = UNSET
    level: str | int | UnsetType | None = UNSET
    daily_amount: str | int | UnsetType | None = UNSET
    reason: str | int | UnsetType = UNSET
    review_date: str | UnsetType | None = UNSET


class _Stay(Struct, forbid_unknown_fields=True, gc=False):
    facility: str | int
    move_in: str
    move_out: str | UnsetType | None = UNSET


class _Citizen(Struct, forbid_unknown_fields=True, gc=False):
    id: str | int
    paying_municipality: str | int
    stays: list[_Stay]
    assessments: list[_Assessment] | UnsetType | None = UNSET
    name: str | int | UnsetType = UNSET


class _Document(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    year: Raw = Raw()
    municipality: Raw = Raw()
    parameters: Raw = Raw()
    facilities: Raw = Raw()
    citizens: list[_Citizen] | UnsetType | None = UNSET


_DECODER = msgspec.json.Decoder(_Document)
_NOT_COUNTED = bytes(b for b in range(256) if b not in b":,[{\\")
_HEADER = ("year", "municipality", "parameters", "facilities")
_new_stay = filler(Stay)
_new_assessment = filler(Assessment)
_new_citizen = filler(Citizen)


class _Declined(Exception):
    """The full reader decides about this file."""


def fast_scenario(raw: bytes, *, checks_beside: bool = False) -> Scenario | None:
    """The scenario of a JSON file's bytes, or None when the full reader must read it.
    ``checks_beside``: the text checks run in a child process meanwhile (module description);
    only for a single-threaded program such as the ``compute`` command."""
    beside = _Beside.start(raw) if checks_beside else None
    try:
        doc = _DECODER.decode(raw)
        header = _header(doc)
        if beside is None:
            _check_text(raw, doc, header)
        parameters, facilities = _scenario_header(header)
        builder = _CitizenBuilder({f.id: f.id for f in facilities})
        citizens = builder.all(doc.citizens or [])
        if beside is not None and not beside.passed():
            raise _Declined
    except (_Declined, msgspec.MsgspecError, ValueError, RecursionError):
        return None  # ScenarioError and the JSON parser's errors are ValueErrors
    finally:
        if beside is not None:
            beside.stop()  # never leave the child behind
    builder.people.finish(citizens)
    return Scenario(parameters, facilities, citizens, builder.people)


class _Beside:
    """``_check_text`` in a forked child; its exit code says whether the checks passed. The
    child is forked before the document is decoded and decodes it itself: forked after, this
    process would copy every page of the decoded document it touches while it builds (reference
    counts are writes), which costs what the check saves."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.result: bool | None = None

    @classmethod
    def start(cls, raw: bytes) -> _Beside | None:
        """The running check, or None where a fork is not safe or would not pay."""
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return None
        if threading.active_count() > 1:
            return None  # forking a threaded program is not safe
        pid = os.fork()
        if pid == 0:  # the child: check, report, and leave without running anything else
            code = 1
            try:
                doc = _DECODER.decode(raw)
                _check_text(raw, doc, _header(doc))
                code = 0
            finally:
                os._exit(code)
        return cls(pid)

    def passed(self) -> bool:
        if self.result is None:
            _, status = os.waitpid(self.pid, 0)
            self.result = os.waitstatus_to_exitcode(status) == 0
        return self.result

    def stop(self) -> None:
        """End the child when its answer is no longer wanted (the fast path declined)."""
        if self.result is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.result = False


def _header(doc: _Document) -> dict[str, Any]:
    """Everything but the citizens, read by the full reader's JSON parser (floats refused,
    duplicate keys refused, big integers refused)."""
    out: dict[str, Any] = {}
    for key in _HEADER:
        part = bytes(getattr(doc, key))
        if part:
            out[key] = json.loads(
                part.decode("utf-8"),
                parse_float=_refuse_float,
                parse_constant=_refuse_float,
                object_pairs_hook=_unique_pairs,
            )
    return out


def _scenario_header(header: dict[str, Any]) -> tuple[Parameters, tuple[Facility, ...]]:
    from .load import scenario_header  # load imports this module

    return scenario_header(header)


def _check_text(raw: bytes, doc: _Document, header: dict[str, Any]) -> None:
    """The full reader's checks of the whole text (duplicate keys, nesting, size), from counts;
    see the module's description."""
    marks = raw.translate(None, _NOT_COUNTED)  # one pass; what is left is short
    if b"\\" in marks and b"\\u003" in raw:
        raise _Declined  # perhaps an escaped colon
    if marks.count(b":") != msgspec.json.encode(doc).count(b":"):
        raise _Declined  # a key was written twice in one object
    opening = marks.count(b"[") + marks.count(b"{")
    depth, containers = 1, 1  # the document itself
    for value in header.values():
        d, n = _shape(value)
        depth, containers = max(depth, 1 + d), containers + n
    containers += _citizen_containers(doc.citizens)
    if max(depth, CITIZEN_DEPTH) + opening - containers > MAX_DEPTH:
        raise _Declined
    if 1 + marks.count(b",") + opening > MAX_NODES:
        raise _Declined


def _shape(value: Any) -> tuple[int, int]:
    """(nesting depth, number of lists and objects) of a decoded JSON value."""
    if isinstance(value, dict):
        children = [_shape(v) for v in value.values()]
    elif isinstance(value, list):
        children = [_shape(v) for v in value]
    else:
        return 0, 0
    return 1 + max((d for d, _ in children), default=0), 1 + sum(n for _, n in children)


def _citizen_containers(citizens: list[_Citizen] | UnsetType | None) -> int:
    if not isinstance(citizens, list):
        return 0
    n = 1
    for c in citizens:
        n += 2 + len(c.stays)  # the citizen, its stays list, each stay
        if isinstance(c.assessments, list):
            n += 1 + len(c.assessments)
            for a in c.assessments:
                if isinstance(a.entries, list):
                    n += 1 + 2 * len(a.entries)  # the list, each entry and its days
    return n


def _given(v: Any, default: Any) -> Any:
    return default if v is UNSET else v


def _text(v: Any, max_length: int = MAX_TEXT) -> str:
    """``readers._str``, with its most common case first."""
    return v if type(v) is str and len(v) <= max_length else _str(v, "", max_length=max_length)


class _CitizenBuilder:
    """Citizens by the rules of ``people.citizen_from_dict``; raises where it would raise."""

    def __init__(self, facility_ids: dict[str, str]) -> None:
        # Each facility id and paying municipality held once: the stays and citizens share the
        # facility's own id string (the engine's look-ups by facility then meet the very key).
        self.facility_ids = facility_ids
        self.dates: dict[str, date] = {}
        # Each weekday set and each rest of an entry read once, with its weekday mask and the
        # number of its kind (form, staff, participants) in the engine's columns.
        self.days: dict[tuple[str, ...], tuple[frozenset[int], int]] = {}
        self.rests: dict[tuple[Any, ...], tuple[Rest, int]] = {}
        self.columns = EntryColumns()  # the entries' numbers, for the engine
        self.people = CitizenColumns(self.columns)  # what the engine reads of each citizen
        self.municipalities: dict[str, str] = {}

    def all(self, raw: list[_Citizen]) -> tuple[Citizen, ...]:
        out = [self.citizen(c) for c in raw]
        if len({c.id for c in out}) != len(out):
            raise _Declined  # a citizen id twice
        return tuple(out)

    def day(self, text: str) -> date:
        return self.dates.get(text) or self.new_day(text)

    def new_day(self, text: str) -> date:
        self.dates[text] = _date(text, "")
        return self.dates[text]

    def citizen(self, c: _Citizen) -> Citizen:
        cid = _text(c.id, 40)
        pm = _text(c.paying_municipality)
        if pm in self.municipalities:
            pm = self.municipalities[pm]
        else:
            if not (len(pm) == 3 and pm.isascii() and pm.isdigit()):
                raise _Declined  # the full reader decides (also about other digits than 0–9)
            self.municipalities[pm] = pm
        stays = tuple([self.stay(s) for s in c.stays])
        assessments = tuple([self.assessment(a) for a in c.assessments or ()])
        if len({a.effective_from for a in assessments}) != len(assessments):
            raise _Declined  # two assessments from the same day
        name = _text(_given(c.name, ""), 120)
        made = _new_citizen(cid, pm, stays, assessments, name)
        self.people.add(made)
        return made

    def stay(self, s: _Stay) -> Stay:
        facility = self.facility_ids.get(_text(s.facility))
        if facility is None:
            raise _Declined
        move_in = self.day(s.move_in)
        move_out = None if s.move_out is None or s.move_out is UNSET else self.day(s.move_out)
        if move_out is not None and move_out < move_in:
            raise _Declined
        return _new_stay(facility, move_in, move_out)

    def assessment(self, a: _Assessment) -> Assessment:
        if a.level is not None and a.level is not UNSET:  # hand-set: rare, the full reader's way
            fields = {k: getattr(a, k) for k in a.__struct_fields__}
            return _assessment({k: v for k, v in fields.items() if v is not UNSET}, "")
        if a.entries is None or a.entries is UNSET:
            raise _Declined  # the full reader says the entries are missing
        review = self.day(a.review_date) if a.review_date else None
        reason = _text(_given(a.reason, ""))
        entries = self.entries(a.entries)
        return _new_assessment(self.day(a.effective_from), entries, None, None, reason, review)

    def entries(self, raw: list[_Entry]) -> Entries:
        """The hot loop of a national file: look-ups in small tables, one object per entry, and
        its numbers appended to the file's columns for the engine (``engine.packed``)."""
        days_of, rest_of, clock, out = self.days, self.rests, CLOCK, []
        cols = self.columns
        first = len(cols.masks)
        masks, starts, ends, kinds = (
            cols.masks.append,
            cols.starts.append,
            cols.ends.append,
            cols.kinds.append,
        )
        for e in raw:
            days, mask = days_of.get(e.days) or self.new_days(e.days)
            key = (e.form, e.staff, e.participants, e.theme, e.legal_basis, e.sub_theme,
                   e.staff_category, e.note)  # fmt: skip
            rest, kind = rest_of.get(key) or self.new_rest(key)
            start, end = clock.get(e.start), clock.get(e.end)
            if start is None or end is None or start == end:
                raise _Declined
            out.append(new_entry(days, start, end, *rest))
            masks(mask)
            starts(start)
            ends(end)
            kinds(kind)
        return in_columns(out, cols, first)

    def new_days(self, days: tuple[str, ...]) -> tuple[frozenset[int], int]:
        found = weekdays(days) or _declined()
        self.days[days] = found, day_mask(found)
        return self.days[days]

    def new_rest(self, key: tuple[Any, ...]) -> tuple[Rest, int]:
        rest = plain_rest(*key) or _declined()
        self.rests[key] = rest, self.columns.kind(rest[0], rest[1], rest[2])
        return self.rests[key]


def _declined() -> NoReturn:
    raise _Declined
