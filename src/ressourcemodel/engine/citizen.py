"""One citizen's part of a calculation (SPEC §3.2, §3.5, §3.6): periods, and what the citizen adds
to each facility, kept apart so a change to one citizen is recomputed on its own.

Ranges are inclusive day ordinals clipped to the year, as in ``timeline``; the rules are those of
``timeline.build_timeline`` and ``timeline.citizen_stay_ranges`` on plain integers.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from .errors import ValidationError
from .fastplace import PlacementCache, ShownKey
from .model import Assessment, Citizen, Stay
from .parameters import LevelChangeRule, Parameters, TailRule
from .results import CitizenPeriod, CitizenResult, Placement, SpecialCase, Warning
from .slots import filler
from .tariffs import S1, S2
from .timeline import overlap_warnings, uncovered_error

# What a citizen adds to a facility, in order: (kind, facility, first, last, placement or tariff,
# billed). STAY: occupied days on a placement; TAIL: budget-active days after a move-out at a
# tariff; BILLED_TAIL: billed days after a move-out at a tariff.
STAY, TAIL, BILLED_TAIL = 0, 1, 2
_SPECIAL = (S1, S2)
_NONE: list[Any] = []  # shared empty list: nothing to add (never appended to)
_NO_RESULT = CitizenResult("", "", False, ())  # until the periods are known
Op = tuple[int, str, int, int, Placement | Decimal, bool]
_EFFECTIVE = attrgetter("effective_from")


# Periods and results are made through their slots (``slots.filler``): a frozen dataclass's
# ``__init__`` costs ~1,4 µs per object and a national calculation makes ~80.000 of them; the
# same object (same class and values, so equal and printed alike) in about a third of that.
new_period = filler(CitizenPeriod)  # (start, end, facility, placement)
new_result = filler(CitizenResult)  # (id, paying_municipality, sold, periods)


@dataclass(slots=True)
class YearContext:
    """What every citizen of one calculation shares."""

    params: Parameters
    places: PlacementCache
    facilities: dict[str, object]
    y0: int
    y1: int
    ref: int
    dates: list[date]  # dates[o - y0] for each ordinal o of the year

    @classmethod
    def of(
        cls, params: Parameters, places: PlacementCache, facilities: dict[str, object], ref: int
    ) -> YearContext:
        y0 = date(params.year, 1, 1).toordinal()
        y1 = date(params.year, 12, 31).toordinal()
        dates = [date.fromordinal(o) for o in range(y0, y1 + 1)]
        return cls(params, places, facilities, y0, y1, ref, dates)


@dataclass(slots=True)
class CitizenPart:
    result: CitizenResult
    ops: list[Op] = field(default_factory=list)
    specials: list[SpecialCase] = field(default_factory=lambda: _NONE)
    warnings: list[Warning] = field(default_factory=lambda: _NONE)


@dataclass(slots=True)
class _Timeline:
    starts: list[int]
    placements: list[Placement]
    shown: list[ShownKey]
    assessments: list[Assessment]


def _first_of_next_month(d: date) -> int:
    return (date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)).toordinal()


def _placed(a: Assessment, cid: str, places: PlacementCache) -> tuple[Placement, ShownKey]:
    """``places.place(a, cid)``; a døgnskema ``prepare`` placed is found by identity here, as
    ``place`` would find it, without the call (~50.000 per national calculation)."""
    if a.level is None:
        hit = places.known.get(id(a.entries))
        if hit is not None:
            return hit
    return places.place(a, cid)


def _timeline(c: Citizen, ctx: YearContext) -> _Timeline:
    """As ``timeline.build_timeline``: placements in force from each start ordinal."""
    places = ctx.places
    if len(c.assessments) == 1:  # the common case: one assessment, in force from its date
        a = c.assessments[0]
        p, shown = _placed(a, c.id, places)
        return _Timeline([a.effective_from.toordinal()], [p], [shown], [a])
    next_month = ctx.params.level_change_rule is LevelChangeRule.NEXT_MONTH
    starts: list[int] = []
    placements: list[Placement] = []
    shown_keys: list[ShownKey] = []
    kept: list[Assessment] = []
    prev: date | None = None
    for k, a in enumerate(sorted(c.assessments, key=_EFFECTIVE)):
        d = a.effective_from
        s = _first_of_next_month(d) if k and next_month and d.day != 1 else d.toordinal()
        if d == prev:
            raise ValidationError(
                f"Borger {c.id}: to vurderinger gælder fra samme dato {d:%d-%m-%Y}."
            )
        prev = d
        p, shown = _placed(a, c.id, places)
        if starts and s == starts[-1]:  # next_month rule folded two changes into one month
            placements[-1], shown_keys[-1], kept[-1] = p, shown, a
            continue
        starts.append(s)
        placements.append(p)
        shown_keys.append(shown)
        kept.append(a)
    return _Timeline(starts, placements, shown_keys, kept)


def _check_stay(c: Citizen, stay: Stay, ctx: YearContext) -> None:
    if stay.facility not in ctx.facilities:
        raise ValidationError(f"Borger {c.id}: ophold på ukendt tilbud '{stay.facility}'.")
    if stay.move_out is not None and stay.move_out < stay.move_in:
        raise ValidationError(
            f"Borger {c.id}: fraflytning {stay.move_out:%d-%m-%Y} er før indflytning "
            f"{stay.move_in:%d-%m-%Y}."
        )


def _clip(a: int, b: int, y0: int, y1: int) -> tuple[int, int] | None:
    a, b = max(a, y0), min(b, y1)
    return (a, b) if a <= b else None


def _tail_last(move_out: date) -> int:
    """Last day of the month after the move-out month (SPEC §3.5)."""
    y, m = move_out.year, move_out.month + 2
    if m > 12:
        y, m = y + 1, m - 12
    return date(y, m, 1).toordinal() - 1


Ranges = tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None, int | None]


def _stay_ranges(c: Citizen, stay: Stay, ctx: YearContext) -> Ranges:
    """(occupied, tail, billing tail, move-out) as ``timeline.citizen_stay_ranges``."""
    y0, y1, params = ctx.y0, ctx.y1, ctx.params
    mi = stay.move_in.toordinal()
    if stay.move_out is None:
        return _clip(mi, y1, y0, y1), None, None, None
    mo = stay.move_out.toordinal()
    occupied = _clip(mi, mo, y0, y1)
    tail_rule, billing_rule = params.tail_rule, params.billing_tail_rule
    if tail_rule is TailRule.NONE and billing_rule is TailRule.NONE:
        return occupied, None, None, mo
    last = _tail_last(stay.move_out)
    # A stay's own move-in is not after its move-out (``general_part`` checked): one stay
    # alone has no later stay to cut its tail.
    again = len(c.stays) > 1 and [
        s.move_in.toordinal()
        for s in c.stays
        if s.facility == stay.facility and s.move_in.toordinal() > mo
    ]
    if again:
        last = min(last, min(again) - 1)
    tail = None if tail_rule is TailRule.NONE else _clip(mo + 1, last, y0, y1)
    billing = None if billing_rule is TailRule.NONE else _clip(mo + 1, last, y0, y1)
    return occupied, tail, billing, mo


def citizen_part(c: Citizen, ctx: YearContext) -> CitizenPart:
    """Everything one citizen contributes; raises ``ValidationError`` as ``compute()`` does."""
    if len(c.stays) == 1:
        part = simple_part(c, ctx) if len(c.assessments) == 1 else one_stay_part(c, ctx)
        if part is not None:
            return part
    return general_part(c, ctx)


def simple_part(c: Citizen, ctx: YearContext) -> CitizenPart | None:
    """``general_part`` of the common citizen — one assessment, one stay on a known facility
    with no move-out, the assessment in force from the first day of the stay in the year —
    with the rules that apply to it only: one period from the move-in (or 1 January) to 31
    December, no tail, no overlap. None for any other citizen (``general_part`` decides)."""
    a = c.assessments[0]
    stay = c.stays[0]
    f = stay.facility
    if stay.move_out is not None or f not in ctx.facilities:
        return None
    y0 = ctx.y0
    first = max(stay.move_in.toordinal(), y0)
    last = ctx.y1
    if first > last or a.effective_from.toordinal() > first:
        return None
    p = _placed(a, c.id, ctx.places)[0]  # the first error ``general_part`` would give
    paying = c.paying_municipality
    sold = paying != ctx.params.municipality_code
    dates = ctx.dates
    period = new_period(dates[first - y0], dates[last - y0], f, p)
    part = CitizenPart(
        new_result(c.id, paying, sold, (period,)),
        [(STAY, f, first, last, p, sold)],
        _NONE,
        _NONE,
    )
    if p.level in _SPECIAL:
        part.specials = [SpecialCase(c.id, f, p.level, p.service_tariff, a.reason, a.review_date)]
    return part


def one_stay_part(c: Citizen, ctx: YearContext) -> CitizenPart | None:
    """``general_part`` of a citizen with one stay on a known facility and no move-out, any
    assessments: the stay's days in the year cut where the placement changes — the cuts come
    in day order and touch, so ``_merge`` needs no sort: a period is made when the hours as
    shown change, and at the end. None (``general_part`` decides) where a day is uncovered or
    a placement is S1/S2."""
    stay = c.stays[0]
    f = stay.facility
    if stay.move_out is not None or f not in ctx.facilities:
        return None
    y0 = ctx.y0
    first, last = max(stay.move_in.toordinal(), y0), ctx.y1
    if first > last:
        return None
    tl = _timeline(c, ctx)  # the first error ``general_part`` would give
    starts, placements, shown = tl.starts, tl.placements, tl.shown
    if not starts or starts[0] > first:
        return None
    for p in placements:
        if p.level in _SPECIAL:
            return None
    paying = c.paying_municipality
    sold = paying != ctx.params.municipality_code
    dates = ctx.dates
    ops: list[Op] = []
    periods: list[CitizenPeriod] = []
    n = len(starts)
    i = bisect_right(starts, first) - 1
    run, run_first = i, first  # the period being made: its timeline index and first day
    while first <= last and i < n:
        e = min(last, starts[i + 1] - 1) if i + 1 < n else last
        p = placements[i]
        ops.append((STAY, f, first, e, p, sold))
        if i != run and shown[i] != shown[run]:
            periods.append(
                new_period(dates[run_first - y0], dates[first - 1 - y0], f, placements[run])
            )
            run, run_first = i, first
        first = e + 1
        i += 1
    periods.append(new_period(dates[run_first - y0], dates[first - 1 - y0], f, placements[run]))
    return CitizenPart(new_result(c.id, paying, sold, tuple(periods)), ops, _NONE, _NONE)


def general_part(c: Citizen, ctx: YearContext) -> CitizenPart:
    """``citizen_part`` of any citizen."""
    tl = _timeline(c, ctx)
    sold = c.paying_municipality != ctx.params.municipality_code
    part = CitizenPart(_NO_RESULT, [])
    periods: list[tuple[int, int, str, int]] = []  # first, last, facility, timeline index
    uncovered: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    known = ctx.facilities
    for stay in c.stays:  # a refused stay raises before the end, as the first check would
        if stay.facility not in known or (
            stay.move_out is not None and stay.move_out < stay.move_in
        ):
            _check_stay(c, stay, ctx)
        occupied, tail, billing, mo = _stay_ranges(c, stay, ctx)
        if occupied is not None:
            spans.append(occupied)
            _occupied(part, occupied, stay.facility, tl, sold, periods, uncovered)
        if tail is not None or (sold and billing is not None):
            assert mo is not None
            i = bisect_right(tl.starts, mo) - 1
            if i < 0:
                uncovered.append((mo, mo))
                continue
            tariff = tl.placements[i].service_tariff
            if tail is not None:
                part.ops.append((TAIL, stay.facility, tail[0], tail[1], tariff, False))
            if sold and billing is not None:
                part.ops.append((BILLED_TAIL, stay.facility, billing[0], billing[1], tariff, True))
    if uncovered:
        raise uncovered_error(c, uncovered)
    if len(spans) > 1:
        part.warnings = overlap_warnings(c, spans)
    for p in tl.placements:
        if p.level in _SPECIAL:
            part.specials = _specials(c, tl, periods)
            break
    part.result = new_result(c.id, c.paying_municipality, sold, _merge(periods, tl, ctx))
    return part


def _occupied(
    part: CitizenPart,
    occupied: tuple[int, int],
    facility: str,
    tl: _Timeline,
    sold: bool,
    periods: list[tuple[int, int, str, int]],
    uncovered: list[tuple[int, int]],
) -> None:
    """The occupied days a..b of one stay, cut where the placement changes."""
    first, last = occupied
    starts = tl.starts
    n = len(starts)
    i = bisect_right(starts, first) - 1
    if i < 0:
        i = 0
        covered = max(first, starts[0]) if starts else last + 1
        if covered > first:
            uncovered.append((first, min(covered, last + 1) - 1))
        first = covered
    ops = part.ops
    while first <= last and i < n:
        e = min(last, starts[i + 1] - 1) if i + 1 < n else last
        p = tl.placements[i]
        ops.append((STAY, facility, first, e, p, sold))
        periods.append((first, e, facility, i))
        first = e + 1
        i += 1


def _specials(
    c: Citizen, tl: _Timeline, periods: list[tuple[int, int, str, int]]
) -> list[SpecialCase]:
    out = []
    for i in sorted({i for _, _, _, i in periods}):
        p = tl.placements[i]
        if p.level in _SPECIAL:
            asm = tl.assessments[i]
            fac = next(f for _, _, f, j in periods if j == i)
            out.append(
                SpecialCase(c.id, fac, p.level, p.service_tariff, asm.reason, asm.review_date)
            )
    return out


def _merge(
    periods: list[tuple[int, int, str, int]], tl: _Timeline, ctx: YearContext
) -> tuple[CitizenPeriod, ...]:
    """Join consecutive days into one period while the facility, the level, the tariff and the
    hours as shown (two decimals) stay the same (SPEC §4: one level and tariff per period)."""
    if len(periods) == 1:
        s, e, f, i = periods[0]
        return (_period(ctx, s, e, f, tl.placements[i]),)
    periods = sorted(periods, key=lambda t: (t[0], t[1]))
    out: list[tuple[int, int, str, int]] = []
    keys: list[tuple[str, ShownKey]] = []
    for s, e, f, i in periods:
        key = (f, tl.shown[i])
        if out and keys[-1] == key and out[-1][1] == s - 1:
            out[-1] = (out[-1][0], e, f, out[-1][3])
        else:
            out.append((s, e, f, i))
            keys.append(key)
    return tuple([_period(ctx, s, e, f, tl.placements[i]) for s, e, f, i in out])


def _period(ctx: YearContext, s: int, e: int, f: str, p: Placement) -> CitizenPeriod:
    """A new period each time: equal periods of two citizens are rare (same days, facility and
    placement), so looking them up to share them cost more than it saved."""
    y0 = ctx.y0
    return new_period(ctx.dates[s - y0], ctx.dates[e - y0], f, p)
