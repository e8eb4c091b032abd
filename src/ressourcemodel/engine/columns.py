"""Many citizens' parts added to the facilities at once (ADR 0013): ``accumulate.apply_part``
with sign 1 for every part of a calculation, as whole-array integer operations.

The ops of all parts are turned into columns (facility, first and last day, tariff, level, …)
and every sum of ``FacilityAcc`` is formed with ``np.add.at`` on ``int64`` arrays — never a
float dtype. The sums are exact: day counts are below 400 per op and there are fewer than 2⁴⁰
ops; the one product that can grow (minutes per week × days) is summed in numpy only when its
largest possible total is checked to fit, else with Python integers. The result is the same
``FacilityAcc`` values as adding the parts one by one; only the order of keys in its dicts may
differ, which no figure depends on (money sums are exact, levels and days are sorted).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from itertools import chain
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from .accumulate import Calendar, FacilityAcc, _bump
from .citizen import BILLED_TAIL, STAY, TAIL, CitizenPart, Op
from .results import Placement

I64 = npt.NDArray[np.int64]
K = TypeVar("K", bound=Hashable)
_LIMIT = 1 << 62


def accumulate(accs: dict[str, FacilityAcc], cal: Calendar, parts: Sequence[CitizenPart]) -> None:
    """Add every part to ``accs`` (new, empty sums for each facility the parts name)."""
    ops: list[Op] = list(chain.from_iterable(p.ops for p in parts))
    for p in parts:
        for facility, level in p.on_ref:
            _bump(accs[facility].on_ref, level, 1)
    if not ops:
        return
    kinds_t, facs_t, firsts_t, lasts_t, whats, billed_t = zip(*ops, strict=True)
    fids = list(accs)
    index = {fid: i for i, fid in enumerate(fids)}
    fac = np.fromiter(map(index.__getitem__, facs_t), dtype=np.int64, count=len(facs_t))
    kind = np.array(kinds_t, dtype=np.int64)
    first = np.array(firsts_t, dtype=np.int64) - cal.y0
    after = np.array(lasts_t, dtype=np.int64) + (1 - cal.y0)
    billed = np.array(billed_t, dtype=np.bool_)
    days = after - first
    stay = kind == STAY
    tariffs = [w.service_tariff if isinstance(w, Placement) else w for w in whats]
    month = np.array(cal.month, dtype=np.int64)
    rest = np.array(cal.rest, dtype=np.int64)
    ma, mb, ra, rb = month[first], month[after], rest[first], rest[after]

    # Day counters: budget-active (stays and tails), billed (sold stays and billing tails),
    # occupied (stays), each a ``Months`` counter per facility (and tariff).
    active = stay | (kind == TAIL)
    tariff_ix, tariff_of = _codes(tariffs)
    sold = (stay & billed) | (kind == BILLED_TAIL)
    k = len(tariff_of)
    for on, billing in ((active, False), (sold, True)):
        groups, rows = _months(fac[on] * k + tariff_ix[on], ma[on], mb[on], ra[on], rb[on])
        for g, row in zip(groups.tolist(), rows, strict=True):
            acc = accs[fids[g // k]]
            (acc.billed if billing else acc.activity)[tariff_of[g % k]] = row
    groups, rows = _months(fac[stay], ma[stay], mb[stay], ra[stay], rb[stay])
    for g, row in zip(groups.tolist(), rows, strict=True):
        accs[fids[g]].occupied = row

    # Presence: +1 on the first day of each stay, −1 the day after it (every day met is kept,
    # also where the changes cancel, as adding one by one does).
    span = len(cal.month) + 1
    code = np.concatenate((fac[stay] * span + first[stay], fac[stay] * span + after[stay]))
    ones = np.ones(int(stay.sum()), dtype=np.int64)
    change = np.concatenate((ones, -ones))
    groups, sums = _sums(code, change)
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g // span]].presence[g % span + cal.y0] = n

    groups, sums = _sums(fac[sold], days[sold])
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g]].sold_days = n

    placements: list[Placement] = [w for w, s in zip(whats, stay.tolist(), strict=True) if s]
    _levels(accs, fids, fac[stay], days[stay], [p.level for p in placements])
    _minutes(accs, fids, fac[stay], days[stay], [p.minutes_per_week for p in placements])


def _codes(values: list[K]) -> tuple[I64, list[K]]:
    """A small integer for each distinct value, and the values by integer."""
    distinct = list(dict.fromkeys(values))
    ix = {v: i for i, v in enumerate(distinct)}
    return np.fromiter(map(ix.__getitem__, values), dtype=np.int64, count=len(values)), distinct


def _sums(code: I64, amount: I64) -> tuple[I64, I64]:
    """Σ amount per distinct code (codes in increasing order)."""
    groups, inverse = np.unique(code, return_inverse=True)
    sums = np.zeros(len(groups), dtype=np.int64)
    np.add.at(sums, inverse, amount)
    return groups, sums


def _months(group: I64, ma: I64, mb: I64, ra: I64, rb: I64) -> tuple[I64, list[list[int]]]:
    """``Calendar.add`` of each range into the ``Months`` counter of its group."""
    groups, inverse = np.unique(group, return_inverse=True)
    counters = np.zeros((len(groups), 26), dtype=np.int64)
    one = np.ones(len(inverse), dtype=np.int64)
    np.add.at(counters, (inverse, ma), ra)
    np.add.at(counters, (inverse, ma + 13), one)
    np.add.at(counters, (inverse, mb), -rb)
    np.add.at(counters, (inverse, mb + 13), -one)
    return groups, counters.tolist()


def _levels(
    accs: dict[str, FacilityAcc], fids: list[str], fac: I64, days: I64, levels: list[str]
) -> None:
    """Resident-days per level (no level is kept at zero: every stay has at least one day)."""
    ix, codes = _codes(levels)
    k = len(codes)
    groups, sums = _sums(fac * k + ix, days)
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g // k]].level_days[codes[g % k]] = n


def _minutes(
    accs: dict[str, FacilityAcc],
    fids: list[str],
    fac: I64,
    days: I64,
    minutes: list[Fraction | None],
) -> None:
    """Σ minutes per week × days by denominator, and the days with hours (placements with a
    døgnskema). A sum that comes to zero is left out, as ``_bump`` does."""
    has = [m is not None for m in minutes]
    on = np.array(has, dtype=np.bool_)
    groups, sums = _sums(fac[on], days[on])
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        accs[fids[g]].days_with_hours = n
    fracs = [m for m in minutes if m is not None]
    nums = [m.numerator for m in fracs]
    dens = [m.denominator for m in fracs]
    fac_on, days_on = fac[on], days[on]
    top = max(max(nums, default=0), -min(nums, default=0))
    if top * 400 * max(len(nums), 1) >= _LIMIT or max(dens, default=1) >= 1 << 40:
        for f, d, n, m in zip(fac_on.tolist(), days_on.tolist(), nums, dens, strict=True):
            _bump(accs[fids[f]].minutes_num, m, n * d)
        return
    den_ix, den_of = _codes(dens)
    k = len(den_of)
    groups, sums = _sums(fac_on * k + den_ix, np.array(nums, dtype=np.int64) * days_on)
    for g, n in zip(groups.tolist(), sums.tolist(), strict=True):
        if n:
            accs[fids[g // k]].minutes_num[den_of[g % k]] = n
