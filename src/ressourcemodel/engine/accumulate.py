"""What the citizens add up to at each facility (SPEC §3.5–3.7), kept so that one citizen's part
can be taken out again and another put in.

Days are counted per month in a ``Months`` counter: for a range a..b, the days from a to the end
of a's month, plus one resident from the next month on, and the same taken off from b + 1. Adding
and removing are exact integer operations; money is tariff × days, multiplied out at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import lcm

from .citizen import STAY, TAIL, CitizenPart
from .results import Placement

# A month counter: [0:12] days in the first month of each range, [13:25] ranges going on into
# the following months (index 12 and 25 collect ends on 1 January of the next year).
Months = list[int]


@dataclass(frozen=True, slots=True)
class Calendar:
    """Month lookups for the days of one year, plus 1 January of the next."""

    y0: int
    month: tuple[int, ...]  # month index 0..11 (12 for the next 1 January) by ordinal − y0
    rest: tuple[int, ...]  # days from the ordinal to the end of its month
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, starts: list[int]) -> Calendar:
        month: list[int] = []
        rest: list[int] = []
        for m in range(12):
            for o in range(starts[m], starts[m + 1]):
                month.append(m)
                rest.append(starts[m + 1] - o)
        month.append(12)
        rest.append(0)
        lengths = tuple(starts[m + 1] - starts[m] for m in range(12))
        return cls(starts[0], tuple(month), tuple(rest), lengths)

    def add(self, counter: Months, first: int, last: int, sign: int) -> None:
        i = first - self.y0
        m = self.month[i]
        counter[m] += sign * self.rest[i]
        counter[13 + m] += sign
        i = last + 1 - self.y0
        m = self.month[i]
        counter[m] -= sign * self.rest[i]
        counter[13 + m] -= sign

    def days(self, counter: Months) -> list[int]:
        out = [0] * 12
        running = 0
        for m, n in enumerate(self.lengths):
            out[m] = counter[m] + running * n
            running += counter[13 + m]
        return out


def _counter(by: dict[Decimal, Months], key: Decimal) -> Months:
    c = by.get(key)
    if c is None:
        c = by[key] = [0] * 26
    return c


def _bump(d: dict[str, int] | dict[int, int], key: object, n: int) -> None:
    v = d.get(key, 0) + n  # type: ignore[call-overload]
    if v:
        d[key] = v  # type: ignore[index]
    else:
        d.pop(key, None)  # type: ignore[call-overload]


@dataclass(slots=True)
class FacilityAcc:
    """Exact integer sums for one facility: day counters by service tariff, and counts."""

    activity: dict[Decimal, Months] = field(default_factory=dict)  # budget-active by tariff
    billed: dict[Decimal, Months] = field(default_factory=dict)  # billed days by tariff
    occupied: Months = field(default_factory=lambda: [0] * 26)
    presence: dict[int, int] = field(default_factory=dict)  # +1 move-in, −1 day after move-out
    sold_days: int = 0
    level_days: dict[str, int] = field(default_factory=dict)
    minutes_num: dict[int, int] = field(default_factory=dict)  # Σ minutes/week × days by den.
    days_with_hours: int = 0
    on_ref: dict[str, int] = field(default_factory=dict)  # residents by level on reference day

    def stay(
        self, cal: Calendar, first: int, last: int, p: Placement, billed: bool, sign: int
    ) -> None:
        """Occupied days ``first``..``last`` on a placement (``Calendar.add``, unrolled: the
        same month positions go to the activity, occupied and billed counters)."""
        i, j = first - cal.y0, last + 1 - cal.y0
        ma, mb = cal.month[i], cal.month[j]
        ra, rb = sign * cal.rest[i], sign * cal.rest[j]
        ca, cb = 13 + ma, 13 + mb
        tariff = p.service_tariff
        counter = self.activity.get(tariff)
        if counter is None:
            counter = self.activity[tariff] = [0] * 26
        counter[ma] += ra
        counter[ca] += sign
        counter[mb] -= rb
        counter[cb] -= sign
        counter = self.occupied
        counter[ma] += ra
        counter[ca] += sign
        counter[mb] -= rb
        counter[cb] -= sign
        if billed:
            counter = _counter(self.billed, tariff)
            counter[ma] += ra
            counter[ca] += sign
            counter[mb] -= rb
            counter[cb] -= sign
        presence = self.presence
        presence[first] = presence.get(first, 0) + sign
        presence[last + 1] = presence.get(last + 1, 0) - sign
        n = (last - first + 1) * sign
        if billed:
            self.sold_days += n
        level_days = self.level_days
        v = level_days.get(p.level, 0) + n
        if v:
            level_days[p.level] = v
        else:
            del level_days[p.level]
        minutes = p.minutes_per_week
        if minutes is not None:
            _bump(self.minutes_num, minutes.denominator, minutes.numerator * n)
            self.days_with_hours += n

    def copy(self) -> FacilityAcc:
        return FacilityAcc(
            {t: c[:] for t, c in self.activity.items()},
            {t: c[:] for t, c in self.billed.items()},
            self.occupied[:],
            dict(self.presence),
            self.sold_days,
            dict(self.level_days),
            dict(self.minutes_num),
            self.days_with_hours,
            dict(self.on_ref),
        )

    @property
    def hours_days(self) -> Fraction:
        """Σ hours per døgn × days, exact (for the average hours per døgn): the numerators
        brought to one common denominator and added as integers, one ``Fraction`` at the end."""
        common = lcm(*self.minutes_num)
        return Fraction(sum(n * (common // d) for d, n in self.minutes_num.items()), common * 420)


def facilities_of(part: CitizenPart) -> set[str]:
    """The facilities a citizen's part adds to."""
    return {op[1] for op in part.ops}


def apply_part(
    accs: dict[str, FacilityAcc], cal: Calendar, part: CitizenPart, sign: int, ref: int
) -> None:
    """Add (sign 1) or take out (sign −1) one citizen's part; ``ref``: the reference day's
    ordinal (a stay on that day is a resident on it, by the stay's level)."""
    for kind, facility, first, last, what, billed in part.ops:
        acc = accs[facility]
        if kind == STAY:
            assert isinstance(what, tuple)
            acc.stay(cal, first, last, what, billed, sign)
            if first <= ref <= last:
                _bump(acc.on_ref, what.level, sign)
        elif kind == TAIL:
            assert isinstance(what, Decimal)
            cal.add(_counter(acc.activity, what), first, last, sign)
        else:
            assert isinstance(what, Decimal)
            cal.add(_counter(acc.billed, what), first, last, sign)
            acc.sold_days += (last - first + 1) * sign
