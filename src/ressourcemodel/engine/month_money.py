"""The facilities' money per month for all facilities at once (ADR 0013): from the month
counters of ``columns.accumulate`` (or ``columns.counters_of``), Σ tariff × days and Σ billing
rate × days in whole øre on ``int64`` — never a float dtype — giving exactly the Decimals that
``facility.month_figures`` makes facility by facility, or None where the amounts need the
Decimal path.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from math import gcd

import numpy as np

from .accumulate import Calendar
from .columns import I64, LIMIT, Counters
from .money import round_ratio

# A facility's figures per month for ``facility.facility_result``: activity budget, budget-active
# days, sales income, occupied days and funded FTE.
Monthly = tuple[list[Decimal], list[int], list[Decimal], list[int], list[Decimal]]


class MonthFte:
    """The funded FTE of a month's activity (SPEC §3.5): activity ÷ hourly cost ÷ (productive
    hours per FTE ÷ 12), two decimals, ROUND_HALF_UP of the exact ratio — activity × 12 × hd ×
    pd ÷ (an × hn × pn) with hourly cost hn/hd and productive hours pn/pd, the ratios taken once.
    (Productive hours ÷ 12 is not formed as a Decimal: 1526 ÷ 12 has no finite decimal form.)"""

    __slots__ = ("den", "num")

    def __init__(self, hourly_cost: Decimal, productive_hours_per_fte: Decimal) -> None:
        hn, hd = hourly_cost.as_integer_ratio()
        pn, pd = productive_hours_per_fte.as_integer_ratio()
        num, den = 12 * hd * pd, hn * pn  # den is zero when either is zero
        g = gcd(num, den)  # the same ratio in smaller integers (num > 0, so g > 0)
        self.num, self.den = num // g, den // g

    def __call__(self, activity: Decimal) -> Decimal:
        if self.den == 0:
            return Decimal("0.00")
        an, ad = activity.as_integer_ratio()
        return round_ratio(an * self.num, ad * self.den, 2)

    def of_ore(self, ore: I64) -> list[list[Decimal]]:
        """``self`` of each activity given in whole øre (rows × 12): the activity is øre ÷ 100,
        so the FTE is ``round_ratio(øre × num, 100 × den, 2)``; on int64 where that surely fits
        (in hundredths: ⌊(2·|øre·num| + den) ÷ 2·den⌋ with the sign, as ``round_ratio``
        rounds), else by ``round_ratio`` on Python integers."""
        num, den = self.num, self.den
        if den == 0:
            return [[Decimal("0.00")] * 12 for _ in range(len(ore))]
        if int(np.abs(ore).max(initial=0)) * num * 2 + den >= LIMIT:
            return [[round_ratio(v * num, 100 * den, 2) for v in row] for row in ore.tolist()]
        q = ore * num
        hundredths = np.sign(q) * ((np.abs(q) * 2 + den) // (2 * den))
        return [[Decimal(v).scaleb(-2) for v in row] for row in hundredths.tolist()]


@lru_cache(maxsize=4)
def month_fte(hourly_cost: Decimal, productive_hours_per_fte: Decimal) -> MonthFte:
    """The month's ``MonthFte``, made once per hourly cost and productive hours."""
    return MonthFte(hourly_cost, productive_hours_per_fte)


def month_sums(
    c: Counters, cal: Calendar, bases: dict[str, Decimal], overhead_rate: Decimal, fte: MonthFte
) -> dict[str, Monthly] | None:
    """Σ tariff × days and Σ billing rate × days per facility and month, for every facility at
    once, in whole øre on ``int64`` — the same Decimals as ``facility._money`` per facility —
    and the funded FTE of each month's activity.

    ``_money`` adds ``Decimal(0)`` and each ``amount × days`` with days ≠ 0, so a month's sum
    has the exponent of the smallest exponent met (at most 0). Amounts with more than two
    decimals, or sums that might not fit in int64 (largest |amount| in øre × all days ≥ 2⁶²),
    give None: the caller then sums per facility with Decimals, as before."""
    found = [_ore(t) for t in c.tariffs]
    based = [_ore(bases[fid]) for fid in c.fids]
    tariff_ore = [t[0] for t in found if t is not None]
    base_ore = [b[0] for b in based if b is not None]
    if len(tariff_ore) < len(found) or len(base_ore) < len(based):
        return None
    nf, k = len(c.fids), len(c.tariffs)
    lengths = np.array(cal.lengths, dtype=np.int64)

    groups, counters = c.active
    days = _days(counters, lengths)
    fac, code = groups // k, groups % k
    total = int(days.sum())
    if max(map(abs, tariff_ore), default=0) * max(total, 1) >= LIMIT:
        return None
    money = _by_row(nf, fac, days * np.array(tariff_ore, dtype=np.int64)[code][:, None])
    active = _by_row(nf, fac, days)
    exps = np.array([t[1] for t in found if t is not None], dtype=np.int64)[code]
    exponent = np.zeros((nf, 12), dtype=np.int64)
    for e in (-1, -2):  # -2 last: the smallest exponent met wins
        on = exps == e
        if on.any():
            met = _by_row(nf, fac[on], (days[on] != 0).astype(np.int64))
            exponent[met > 0] = e
    activity = _decimals(money, exponent)
    ftes = fte.of_ore(money)

    groups, counters = c.sold
    days = _days(counters, lengths)
    rates = _billing_rates(groups, k, base_ore, tariff_ore, overhead_rate)
    if rates is None:
        return None
    total = int(days.sum())
    if int(np.abs(rates).max(initial=0)) * max(total, 1) >= LIMIT:
        return None
    sales_kr = _by_row(nf, groups // k, days * rates[:, None])
    sales = [[Decimal(v) for v in row] for row in sales_kr.tolist()]

    groups, counters = c.occupied
    occupied = np.zeros((nf, 12), dtype=np.int64)
    occupied[groups] = _days(counters, lengths)
    rows = zip(c.fids, activity, active.tolist(), sales, occupied.tolist(), ftes, strict=True)
    return {fid: (a, n, s, o, f) for fid, a, n, s, o, f in rows}


_TWELVE = np.arange(12, dtype=np.int64)


def _by_row(rows: int, at: I64, values: I64) -> I64:
    """Σ ``values`` (n × 12) into ``rows`` × 12 by row ``at[i]``, exact in int64: one
    ``np.add.at`` on flat indexes, numpy's fast path (on rows of two indexes it is ≈ 5 × slower)."""
    out = np.zeros(rows * 12, dtype=np.int64)
    np.add.at(out, (at[:, None] * 12 + _TWELVE).ravel(), values.ravel())
    return out.reshape(rows, 12)


def _ore(amount: Decimal) -> tuple[int, int] | None:
    """``amount`` in whole øre and its exponent (at most 0), if it has at most two decimals and
    fits int64 with room to spare."""
    if not amount.is_finite():
        return None
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -2:
        return None
    n, d = amount.as_integer_ratio()
    ore, rest = divmod(n * 100, d)
    if rest or abs(ore) >= LIMIT:
        return None
    return ore, min(exponent, 0)


def _days(counters: I64, lengths: I64) -> I64:
    """``Calendar.days`` of every row: days per month (rows × 12)."""
    running = np.zeros((len(counters), 12), dtype=np.int64)
    np.cumsum(counters[:, 13:24], axis=1, out=running[:, 1:])
    return counters[:, :12] + running * lengths


def _decimals(ore: I64, exponent: I64) -> list[list[Decimal]]:
    """Each sum in øre as the Decimal with the given exponent (0, -1 or -2)."""
    if not exponent.any():
        return [[Decimal(v) for v in row] for row in (ore // 100).tolist()]
    out = []
    for row, exps in zip(ore.tolist(), exponent.tolist(), strict=True):
        out.append(
            [
                Decimal(v // 100) if e == 0 else Decimal(v // 10 ** (2 + e)).scaleb(e)
                for v, e in zip(row, exps, strict=True)
            ]
        )
    return out


def _billing_rates(
    groups: I64, k: int, base_ore: list[int], tariff_ore: list[int], overhead_rate: Decimal
) -> I64 | None:
    """``budget.billing_rate`` (whole kroner) of each billed group: round_kr((base + tariff) ×
    (1 + overhead)), from the amounts in øre: |q| × 2 + d with q = øre × (od + on), d = 100 × od,
    halved as ``money.round_ratio`` does, when it fits int64."""
    on, od = overhead_rate.as_integer_ratio()
    top = max(map(abs, base_ore), default=0) + max(map(abs, tariff_ore), default=0)
    den = 100 * od
    if top * abs(od + on) * 2 + den >= LIMIT:
        return None
    amount = (
        np.array(base_ore, dtype=np.int64)[groups // k]
        + np.array(tariff_ore, dtype=np.int64)[groups % k]
    )
    q = amount * (od + on)
    rates: I64 = np.sign(q) * ((np.abs(q) * 2 + den) // (2 * den))
    return rates
