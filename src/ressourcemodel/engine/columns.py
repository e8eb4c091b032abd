"""Many citizens' parts added to the facilities at once (ADR 0013): ``accumulate.apply_part``
with sign 1 for every part of a calculation, as whole-array integer operations.

The ops of all parts are turned into columns (facility, first and last day, tariff, level, …)
and every sum of ``FacilityAcc`` is formed with ``np.add.at`` on ``int64`` arrays — never a
float dtype. The sums are exact: day counts are below 400 per op and there are fewer than 2⁴⁰
ops; the one product that can grow (minutes per week × days) is summed in numpy only when its
largest possible total is checked to fit, else with Python integers. The result is the same
``FacilityAcc`` values as adding the parts one by one; only the order of keys in its dicts may
differ, which no figure depends on (money sums are exact, levels and days are sorted). The
residents on the reference day are the stay ops that cover it, by level (as ``apply_part``
counts them). ``month_money`` turns the month counters into money.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from operator import attrgetter
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from .accumulate import Calendar, FacilityAcc, Months, _bump
from .batchcitizen import OpColumns, no_ops
from .citizen import BILLED_TAIL, STAY, TAIL, CitizenPart, Op
from .results import Placement

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
K = TypeVar("K", bound=Hashable)
LIMIT = 1 << 62  # sums and products kept well inside int64
_NO_OPS = no_ops()
_NONE: tuple[tuple[()], ...] = ((),) * 6


@dataclass(frozen=True, slots=True)
class Counters:
    """The month counters of one ``accumulate`` as arrays, for the facility results
    (``month_sums``): groups in increasing order, one row of 26 per group (``Months``)."""

    fids: list[str]
    tariffs: list[Decimal]  # tariff by code; an activity or billed group is facility × k + code
    active: tuple[I64, I64]
    sold: tuple[I64, I64]
    occupied: tuple[I64, I64]  # group = facility index
    presence: tuple[I64, I64]  # group = facility index × span + day − y0; net change that day
    span: int
    y0: int

    def fill(self, accs: dict[str, FacilityAcc]) -> None:
        """Put the month counters (activity and billed by tariff, occupied) and the presence
        changes into ``accs``."""
        fids, k, tariffs = self.fids, len(self.tariffs), self.tariffs
        for (groups, counters), billing in ((self.active, False), (self.sold, True)):
            for g, row in zip(groups.tolist(), counters.tolist(), strict=True):
                acc = accs[fids[g // k]]
                (acc.billed if billing else acc.activity)[tariffs[g % k]] = row
        groups, counters = self.occupied
        for g, row in zip(groups.tolist(), counters.tolist(), strict=True):
            accs[fids[g]].occupied = row
        self.fill_presence(accs)

    def fill_presence(self, accs: dict[str, FacilityAcc]) -> None:
        """Put the presence changes into ``accs``."""
        groups, change = self.presence
        span, y0, fids = self.span, self.y0, self.fids
        for g, n in zip(groups.tolist(), change.tolist(), strict=True):
            accs[fids[g // span]].presence[g % span + y0] = n


def accumulate(
    accs: dict[str, FacilityAcc],
    cal: Calendar,
    parts: Sequence[CitizenPart],
    ref: int,
    *,
    months: bool = True,
    batched: OpColumns | None = None,
) -> Counters | None:
    """Add every part to ``accs`` (new, empty sums for each facility the parts name), with
    ``ref`` the reference day's ordinal, and the ops ``batched`` given as columns
    (``batchcitizen``). Returns the month counters as arrays (None when there are no ops).
    ``months=False``: the month counters and presence changes are only returned, not put into
    ``accs`` (``Counters.fill`` and ``Counters.fill_presence`` do that where the figures are
    not made from the arrays)."""
    ops: list[Op] = list(chain.from_iterable(map(attrgetter("ops"), parts)))
    batched = batched or _NO_OPS
    if not ops and not len(batched.kinds):
        return None
    fids = list(accs)
    kind, fac, first, after, billed = _columns(ops, batched, fids, cal.y0)
    tariff_ix, tariff_of, code, table = _placements(ops, batched, kind == STAY)
    days = after - first
    stay = kind == STAY
    month = np.array(cal.month, dtype=np.int64)
    rest = np.array(cal.rest, dtype=np.int64)
    ma, mb, ra, rb = month[first], month[after], rest[first], rest[after]

    # Day counters: budget-active (stays and tails), billed (sold stays and billing tails),
    # occupied (stays), each a ``Months`` counter per facility (and tariff).
    active = stay | (kind == TAIL)
    sold = (stay & billed) | (kind == BILLED_TAIL)
    k = len(tariff_of)
    by_tariff = [
        _months(fac[on] * k + tariff_ix[on], ma[on], mb[on], ra[on], rb[on])
        for on in (active, sold)
    ]
    occupied = _months(fac[stay], ma[stay], mb[stay], ra[stay], rb[stay])

    span = len(cal.month) + 1
    presence = _presence(fac[stay], first[stay], after[stay], span)
    made = Counters(fids, tariff_of, by_tariff[0], by_tariff[1], occupied, presence, span, cal.y0)
    if months:
        made.fill(accs)

    groups, sums = _sums(fac[sold], days[sold])
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g]].sold_days = n

    days_in = (fac[stay], days[stay], first[stay], after[stay])
    _stays(accs, fids, code, table, *days_in, ref - cal.y0)
    return made


def _columns(
    ops: list[Op], more: OpColumns, fids: list[str], y0: int
) -> tuple[I64, I64, I64, I64, Bools]:
    """The ops and then ``more`` as columns: kind, facility index (in ``fids``), first day
    and the day after the last (days after 1 January), billed."""
    kinds_t, facs_t, firsts_t, lasts_t, _, billed_t = zip(*ops, strict=True) if ops else _NONE
    index = {fid: i for i, fid in enumerate(fids)}
    fac = np.fromiter(map(index.__getitem__, facs_t), dtype=np.int64, count=len(facs_t))
    more_fac = more.fac
    if more.fids != fids:  # (the same facilities in the same order in a calculation)
        more_fac = np.array([index[f] for f in more.fids], dtype=np.int64)[more_fac]
    kind = np.concatenate((np.array(kinds_t, dtype=np.int64), more.kinds))
    first = np.concatenate((np.array(firsts_t, dtype=np.int64), more.first)) - y0
    after = np.concatenate((np.array(lasts_t, dtype=np.int64), more.last)) + (1 - y0)
    billed = np.concatenate((np.array(billed_t, dtype=np.bool_), more.billed))
    return kind, np.concatenate((fac, more_fac)), first, after, billed


def _placements(
    ops: list[Op], more: OpColumns, stay: Bools
) -> tuple[I64, list[Decimal], I64, list[Placement]]:
    """Each row's tariff as a code into the distinct tariffs, and each stay row's placement as
    a code into a table of placements: the parts' own placements (each object once), then
    ``more.table``. Only the distinct placements are read, not one per row."""
    whats = [op[4] for op in ops]
    own = [cast(Placement, w) for w, op in zip(whats, ops, strict=True) if op[0] == STAY]
    own_code, own_table = _codes(list(map(id, own)))
    table = [*map(dict(zip(map(id, own), own, strict=True)).__getitem__, own_table), *more.table]
    code = np.concatenate((own_code, more.codes[stay[len(ops) :]] + len(own_table)))
    row_tariffs = [w.service_tariff if isinstance(w, Placement) else w for w in whats]
    part_ix, part_of = _codes(row_tariffs)
    more_ix, more_of = _codes([p.service_tariff for p in more.table])
    tariff_of = list(dict.fromkeys([*part_of, *more_of]))
    at = {t: i for i, t in enumerate(tariff_of)}
    part_to = np.array([at[t] for t in part_of], dtype=np.int64)
    more_to = np.array([at[t] for t in more_of], dtype=np.int64)
    tariff_ix = np.concatenate((part_to[part_ix], more_to[more_ix][more.codes]))
    return tariff_ix, tariff_of, code, table


def _stays(
    accs: dict[str, FacilityAcc],
    fids: list[str],
    code: I64,
    table: list[Placement],
    fac: I64,
    days: I64,
    first: I64,
    after: I64,
    ref: int,
) -> None:
    """Resident-days per level, residents per level on the reference day (``ref`` days after
    1 January) and minutes per week × days, from the stays (stay i on ``table[code[i]]``)."""
    level_ix, level_of = _codes([p.level for p in table])
    level = level_ix[code]
    _levels(accs, fids, fac, days, level, level_of, "level_days")
    here = (first <= ref) & (ref < after)  # the stays on the reference day
    one = np.ones(int(here.sum()), dtype=np.int64)
    _levels(accs, fids, fac[here], one, level[here], level_of, "on_ref")
    _minutes(accs, fids, fac, days, code, [p.minutes_per_week for p in table])


def _presence(fac: I64, first: I64, after: I64, span: int) -> tuple[I64, I64]:
    """Presence changes of the stays: +1 on the first day, −1 the day after (every day met is
    kept, also where the changes cancel, as adding one by one does)."""
    code = np.concatenate((fac * span + first, fac * span + after))
    ones = np.ones(len(fac), dtype=np.int64)
    return _sums(code, np.concatenate((ones, -ones)))


def _codes(values: list[K]) -> tuple[I64, list[K]]:
    """A small integer for each distinct value, and the values by integer."""
    distinct = list(dict.fromkeys(values))
    ix = {v: i for i, v in enumerate(distinct)}
    return np.fromiter(map(ix.__getitem__, values), dtype=np.int64, count=len(values)), distinct


def _sums(code: I64, amount: I64) -> tuple[I64, I64]:
    """Σ amount per distinct code (codes in increasing order)."""
    groups, inverse = _distinct(code)
    sums = np.zeros(len(groups), dtype=np.int64)
    np.add.at(sums, inverse, amount)
    return groups, sums


_DENSE = 4096  # codes below this + 8 × their number are counted in a table


def _distinct(code: I64) -> tuple[I64, I64]:
    """The distinct codes in increasing order, and each code's place among them: as
    ``np.unique(code, return_inverse=True)``, but where the codes are small non-negative
    integers (facility × level, × tariff, × day: a few hundred thousand at most) by marking
    them in a table of all codes and numbering those marked, instead of sorting (≈ 5 → 1 ms
    for 100.000)."""
    if not len(code) or int(code.min()) < 0 or int(code.max()) >= _DENSE + 8 * len(code):
        groups, inverse = np.unique(code, return_inverse=True)
        return groups, inverse.reshape(-1)
    top = int(code.max()) + 1
    seen = np.zeros(top, dtype=np.bool_)
    seen[code] = True
    groups = np.flatnonzero(seen)
    # Each code's place among those seen, written at the codes seen (a cumsum of the whole
    # table of booleans took ≈ 5 × longer).
    place = np.empty(top, dtype=np.int64)
    place[groups] = np.arange(len(groups), dtype=np.int64)
    return groups, place[code]


def _months(group: I64, ma: I64, mb: I64, ra: I64, rb: I64) -> tuple[I64, I64]:
    """``Calendar.add`` of each range into the ``Months`` counter of its group."""
    groups, inverse = _distinct(group)
    flat = np.zeros(len(groups) * 26, dtype=np.int64)  # one index each: numpy's fast path
    a, b = inverse * 26 + ma, inverse * 26 + mb
    np.add.at(flat, a, ra)
    np.add.at(flat, a + 13, 1)
    np.add.at(flat, b, -rb)
    np.add.at(flat, b + 13, -1)
    return groups, flat.reshape(-1, 26)


def _levels(
    accs: dict[str, FacilityAcc],
    fids: list[str],
    fac: I64,
    days: I64,
    ix: I64,
    codes: list[str],
    name: str,
) -> None:
    """Σ days per facility and level (level ``codes[ix[i]]`` for stay i) into the sums
    ``name`` of ``accs``: resident-days per level, or residents on the reference day (one
    each). No level is kept at zero: every stay has at least one day."""
    k = len(codes)
    groups, sums = _sums(fac * k + ix, days)
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        by_level: dict[str, int] = getattr(accs[fids[g // k]], name)
        by_level[codes[g % k]] = n


def _minutes(
    accs: dict[str, FacilityAcc],
    fids: list[str],
    fac: I64,
    days: I64,
    code: I64,
    minutes: list[Fraction | None],
) -> None:
    """Σ minutes per week × days by denominator, and the days with hours (placements with a
    døgnskema; stay i's minutes are ``minutes[code[i]]``). A sum that comes to zero is left
    out, as ``_bump`` does."""
    on = np.array([m is not None for m in minutes], dtype=np.bool_)[code]
    groups, sums = _sums(fac[on], days[on])
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g]].days_with_hours = n
    nums = [0 if m is None else m.numerator for m in minutes]
    dens = [1 if m is None else m.denominator for m in minutes]
    fac_on, days_on, code_on = fac[on], days[on], code[on]
    top = max(max(nums, default=0), -min(nums, default=0))  # of the table: at least the rows'
    if top * 400 * max(len(code_on), 1) >= LIMIT or max(dens, default=1) >= 1 << 40:
        for f, d, c in zip(fac_on.tolist(), days_on.tolist(), code_on.tolist(), strict=True):
            _bump(accs[fids[f]].minutes_num, dens[c], nums[c] * d)
        return
    den_ix, den_of = _codes(dens)
    k = len(den_of)
    num = np.array(nums, dtype=np.int64)[code_on]
    groups, sums = _sums(fac_on * k + den_ix[code_on], num * days_on)
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        if n:
            accs[fids[g // k]].minutes_num[den_of[g % k]] = n


def counters_of(accs: dict[str, FacilityAcc], cal: Calendar) -> Counters:
    """The month counters and presence changes kept in ``accs`` as ``Counters``, in the order of
    ``accs`` — for ``month_sums`` and ``over_capacity`` where the sums were made otherwise than
    by one ``accumulate`` (a re-pricing re-keys them). The same figures as from each facility's own
    sums: a counter's tariff is its key, and presence changes are taken day by day."""
    fids = list(accs)
    # Tariffs told apart by identity: equal amounts written with other decimals ("244.5",
    # "244.50") are other keys of other facilities' sums, and each sum keeps its own key's.
    keys = chain.from_iterable(chain(a.activity, a.billed) for a in accs.values())
    distinct = {id(t): t for t in keys}
    tariffs = list(distinct.values())
    code = {ident: i for i, ident in enumerate(distinct)}
    k = max(len(tariffs), 1)
    span = len(cal.month) + 1
    kept: list[tuple[I64, I64]] = []
    for name in ("activity", "billed"):
        groups: list[int] = []
        rows: list[Months] = []
        for i, acc in enumerate(accs.values()):
            by: dict[Decimal, Months] = getattr(acc, name)
            groups += [i * k + code[id(t)] for t in by]
            rows += by.values()
        kept.append(_rows(groups, rows))
    occupied = _rows(list(range(len(fids))), [a.occupied for a in accs.values()])
    days: list[int] = []
    change: list[int] = []
    for i, acc in enumerate(accs.values()):
        for day in sorted(acc.presence):
            days.append(i * span + day - cal.y0)
            change.append(acc.presence[day])
    presence = (np.array(days, dtype=np.int64), np.array(change, dtype=np.int64))
    return Counters(fids, tariffs, kept[0], kept[1], occupied, presence, span, cal.y0)


def _rows(groups: list[int], rows: list[Months]) -> tuple[I64, I64]:
    """Groups (in increasing order) and their counters as arrays."""
    order = sorted(range(len(groups)), key=groups.__getitem__)
    g = np.array([groups[i] for i in order], dtype=np.int64)
    counters = np.array([rows[i] for i in order], dtype=np.int64).reshape(len(order), 26)
    return g, counters


def _present(c: Counters) -> tuple[I64, I64, I64]:
    """Each presence change's facility, where each facility's changes start, and the
    residents present from each change's day on (the facility's running sum)."""
    groups, change = c.presence
    fac = groups // c.span
    starts = np.flatnonzero(np.diff(fac, prepend=-1))
    count = np.cumsum(change)
    before = np.concatenate(([0], count[starts[1:] - 1]))  # Σ of the facilities before
    count -= np.repeat(before, np.diff(np.append(starts, len(count))))
    return fac, starts, count


def over_capacity(c: Counters, places: list[int]) -> list[list[tuple[int, int, int]]] | None:
    """``budget.capacity_sweep`` of every facility's presence changes (in ``c.fids`` order,
    with ``places[i]`` places), for all at once: a span opens at a change that brings more
    residents than places where the change before (of the same facility) did not, and ends
    the day before the next change that brings them within the places; its residents are the
    most present in between. None where a span is still open at a facility's last change
    (never where every stay leaves, as here): the caller sweeps one by one."""
    out: list[list[tuple[int, int, int]]] = [[] for _ in c.fids]
    groups, _ = c.presence
    if len(groups) == 0:
        return out
    fac, starts, count = _present(c)
    over = count > np.array(places, dtype=np.int64)[fac]
    before = np.concatenate(([False], over[:-1]))
    before[starts] = False  # a facility's first change has none before it
    opens, ends = np.flatnonzero(over & ~before), np.flatnonzero(~over & before)
    if len(opens) != len(ends) or (fac[opens] != fac[ends]).any():
        return None
    if len(opens) == 0:
        return out
    most = np.maximum.reduceat(count, np.column_stack((opens, ends)).ravel())[::2]
    day = groups % c.span + c.y0
    firsts, lasts = day[opens].tolist(), (day[ends] - 1).tolist()
    for f, first, last, n in zip(fac[opens].tolist(), firsts, lasts, most.tolist(), strict=True):
        out[f].append((first, last, n))
    return out
