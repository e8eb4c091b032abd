"""A citizen's placements over time, and the budget ranges of a stay (SPEC §3.2, §3.5, §3.6).

Ranges here are inclusive ordinals (``date.toordinal()``), clipped to the calculation year.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from .errors import ValidationError
from .model import Assessment, Citizen, Stay
from .parameters import LevelChangeRule, Parameters, TailRule
from .periods import Month, tail_end
from .results import Placement, Warning
from .tariffs import Pricer


@dataclass(frozen=True, slots=True)
class Timeline:
    """Placements in force from each start ordinal (sorted); before the first: uncovered."""

    starts: tuple[int, ...]
    placements: tuple[Placement, ...]
    assessments: tuple[Assessment, ...]

    def segments(self, first: int, last: int) -> list[tuple[int, int, int]]:
        """Covered pieces ``(first, last, index)`` of the inclusive range; gaps are uncovered."""
        out: list[tuple[int, int, int]] = []
        i = bisect_right(self.starts, first) - 1
        if i < 0:
            i = 0
            first = max(first, self.starts[0]) if self.starts else last + 1
        n = len(self.starts)
        while first <= last and i < n:
            nxt = self.starts[i + 1] - 1 if i + 1 < n else last
            e = min(last, nxt)
            out.append((first, e, i))
            first = e + 1
            i += 1
        return out

    def index_on(self, day: int) -> int | None:
        i = bisect_right(self.starts, day) - 1
        return i if i >= 0 else None


def effective_start(a: Assessment, params: Parameters, *, first: bool) -> date:
    """When an assessment's level takes effect. With ``next_month`` a change takes effect on the
    1st of the following month (unless it is already a 1st); a citizen's first assessment always
    takes effect on its own date, so a new resident is covered from move-in."""
    d = a.effective_from
    if first or params.level_change_rule is LevelChangeRule.EFFECTIVE_DATE or d.day == 1:
        return d
    return Month.of(d).next().first_day


def build_timeline(citizen: Citizen, pricer: Pricer) -> Timeline:
    ordered = sorted(citizen.assessments, key=lambda a: a.effective_from)
    starts: list[int] = []
    placements: list[Placement] = []
    kept: list[Assessment] = []
    for k, a in enumerate(ordered):
        s = effective_start(a, pricer.params, first=k == 0).toordinal()
        if k and a.effective_from == ordered[k - 1].effective_from:
            raise ValidationError(
                f"Borger {citizen.id}: to vurderinger gælder fra samme dato "
                f"{a.effective_from:%d-%m-%Y}."
            )
        p = pricer.place(a, citizen_label=citizen.id)
        if starts and s == starts[-1]:  # next_month rule folded two changes into one month
            placements[-1], kept[-1] = p, a
            continue
        starts.append(s)
        placements.append(p)
        kept.append(a)
    return Timeline(tuple(starts), tuple(placements), tuple(kept))


@dataclass(frozen=True, slots=True)
class StayRanges:
    """The parts of one stay inside the year, inclusive ordinals (None when empty)."""

    occupied: tuple[int, int] | None  # move-in … move-out
    tail: tuple[int, int] | None  # budget-active after move-out (§3.5)
    billing_tail: tuple[int, int] | None  # billed after move-out (§3.6 option)
    move_out: int | None


def _clip(a: int, b: int, y0: int, y1: int) -> tuple[int, int] | None:
    a, b = max(a, y0), min(b, y1)
    return (a, b) if a <= b else None


def _tail(stay: Stay, rule: TailRule, y0: int, y1: int) -> tuple[int, int] | None:
    if stay.move_out is None or rule is TailRule.NONE:
        return None
    mo = stay.move_out.toordinal()
    return _clip(mo + 1, tail_end(stay.move_out).toordinal(), y0, y1)


def stay_ranges(stay: Stay, params: Parameters, y0: int, y1: int) -> StayRanges:
    mi = stay.move_in.toordinal()
    mo = stay.move_out.toordinal() if stay.move_out else None
    occupied = _clip(mi, y1 if mo is None else mo, y0, y1)
    return StayRanges(
        occupied,
        _tail(stay, params.tail_rule, y0, y1),
        _tail(stay, params.billing_tail_rule, y0, y1),
        mo,
    )


def citizen_stay_ranges(
    citizen: Citizen, params: Parameters, y0: int, y1: int
) -> list[tuple[Stay, StayRanges]]:
    """Each stay with its ranges. A citizen's own day at a facility counts once (SPEC §3.5): when
    the citizen moves in again at the same facility inside the tail of an earlier stay, that tail
    (budget and billing) ends the day before the new move-in. Another facility's stay does not
    shorten a tail."""
    out = []
    for stay in citizen.stays:
        r = stay_ranges(stay, params, y0, y1)
        if r.move_out is not None and (r.tail is not None or r.billing_tail is not None):
            again = [
                s.move_in.toordinal()
                for s in citizen.stays
                if s.facility == stay.facility and s.move_in.toordinal() > r.move_out
            ]
            if again:
                cut = min(again) - 1
                r = StayRanges(r.occupied, _cut(r.tail, cut), _cut(r.billing_tail, cut), r.move_out)
        out.append((stay, r))
    return out


def _cut(span: tuple[int, int] | None, last: int) -> tuple[int, int] | None:
    if span is None or last < span[0]:
        return None
    return (span[0], min(span[1], last))


def uncovered_error(citizen: Citizen, ranges: list[tuple[int, int]]) -> ValidationError:
    """Danish error naming the citizen and the uncovered dates (SPEC §3.2)."""
    parts = []
    for a, b in sorted(set(ranges)):
        da, db = date.fromordinal(a), date.fromordinal(b)
        parts.append(f"{da:%d-%m-%Y}" if a == b else f"{da:%d-%m-%Y}–{db:%d-%m-%Y}")
    return ValidationError(
        f"Borger {citizen.id}: ingen godkendt vurdering (døgnskema eller niveau) dækker "
        f"{', '.join(parts)}."
    )


def overlap_warnings(c: Citizen, spans: list[tuple[int, int]]) -> list[Warning]:
    out = []
    for (_a1, b1), (a2, b2) in itertools.pairwise(sorted(spans)):
        if a2 <= b1:
            da, db = date.fromordinal(a2), date.fromordinal(min(b1, b2))
            out.append(
                Warning(
                    "overlapping_stays",
                    f"Borger {c.id} har overlappende ophold {da:%d-%m-%Y}–{db:%d-%m-%Y}.",
                    citizen=c.id,
                    start=da,
                    end=db,
                )
            )
    return out
