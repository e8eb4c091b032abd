"""A parameter change that only changes prices, recomputed from the parts of the calculation
before it (ADR 0016).

Which fields of ``Parameters`` change what:

- ``year``: the calendar, every date range, the regulation carried in — everything.
- ``municipality_code``: which citizens are sold (ops billed or not, billing tails).
- ``level_unit`` and the levels' codes and upper bounds: which level a døgnskema's minutes are
  placed on (``Pricer.place_minutes``; the lower bounds are only shown).
- ``tail_rule``, ``billing_tail_rule``, ``level_change_rule``: the citizens' ops and periods.
- the levels' priced hours, ``hourly_cost``, ``staff_mix``, ``productive_hours_per_fte`` and
  ``indirect_share``: the service tariffs (and the funded FTE).
- ``occupancy_rate``, ``occupancy_min``, ``occupancy_max``, ``regulation_lag_years``: the
  base tariffs; ``overhead_rate``: the billing rates.
- ``municipality_name``, ``annual_norm_hours``: no figure of the calculation.

``prices_only`` is true when only fields of the last three kinds differ (a field it does not
know counts as structural). Then every citizen keeps its level on every day, its periods and
its ops' days; only the service tariff of each placement can change, and it is a function of
the level for the ordinary levels (the level table's tariff, placed by døgnskema or set by
hand alike). ``reprice`` therefore maps each distinct old placement of an ordinary level to
the same placement with the new table's tariff, and rebuilds each citizen's ops and periods
with it: periods merge on (facility, level, tariff, hours as shown), and for two placements of
ordinary levels the tariffs are equal exactly when the levels are, before and after, so the
same periods merge. A tail's tariff is that of the placement in force on the move-out day,
which is the placement of the citizen's stay op covering that day.

Citizens whose part has S1 or S2 (S1 is priced on its own hours, so its merges and tails cannot
be told from the level), or a tail from a move-out before 1 January (no stay op in the year
names its placement), are computed again by ``citizen_part``. The facility sums are re-keyed:
those citizens' old parts are taken out, every day counter keyed by an old level tariff is put
under the new tariff of that level (added together where two old tariffs meet in one), and the
recomputed parts are put in. That holds only when the old→new tariff map of the levels is a
function; if two levels shared an old tariff and part ways, the sums are made again from all
new parts (``columns.accumulate``).

When no tariff changes at all (only base tariffs, billing rates or funded FTE), the parts and
sums are kept as they are and only the facilities, areas and totals are made again.

Shared with the calculation it came from: unchanged parts, the lists inside new parts, the
day counters of facilities no recomputed citizen touches. Nothing here alters them, and
``incremental`` copies a facility's sums before it changes them.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from itertools import chain
from operator import attrgetter

from .accumulate import FacilityAcc, Months, apply_part, facilities_of
from .citizen import STAY, CitizenPart, Op, citizen_part, new_period, new_result
from .columns import accumulate, counters_of
from .compute import (
    Computation,
    Gathered,
    assemble,
    bases_in,
    refresh_areas,
    refresh_facilities,
    terms_of,
)
from .fastplace import PlacementCache
from .parameters import LevelDef, Parameters
from .results import Placement
from .slots import filler
from .tariffs import S1, S2, Pricer

# Fields that change tariffs, base tariffs, billing rates or nothing: never a level, a day or a
# sold flag. ``levels`` is decided on its own (codes and upper bounds place, the rest prices).
PRICE_FIELDS = frozenset(
    {
        "municipality_name",
        "hourly_cost",
        "staff_mix",
        "annual_norm_hours",
        "productive_hours_per_fte",
        "indirect_share",
        "occupancy_rate",
        "occupancy_min",
        "occupancy_max",
        "overhead_rate",
        "regulation_lag_years",
    }
)
# Fields that change levels, days, ops or sold flags: a full calculation.
STRUCTURE_FIELDS = frozenset(
    {
        "year",
        "municipality_code",
        "level_unit",
        "tail_rule",
        "billing_tail_rule",
        "level_change_rule",
    }
)
_NAMES = tuple(f.name for f in fields(Parameters))


def _placing(levels: tuple[LevelDef, ...]) -> list[tuple[str, Decimal]]:
    """What of a level table places: codes and upper bounds, in order."""
    return [(lv.code, lv.upper) for lv in levels]


def prices_only(old: Parameters, new: Parameters) -> bool:
    """True when ``new`` differs from ``old`` in prices only (see the module's text)."""
    for name in _NAMES:
        a, b = getattr(old, name), getattr(new, name)
        if a is b or a == b or name in PRICE_FIELDS:
            continue
        if name == "levels" and _placing(a) == _placing(b):
            continue
        return False
    return True


def reprice(comp: Computation, params: Parameters) -> Computation:
    """The calculation of ``comp.scenario`` with ``params`` instead of its parameters, which
    must differ in prices only (``prices_only``). Raises what ``compute`` raises first for
    that scenario where the new parameters break a rule (a base tariff's zero denominator, a
    zero productive hours per FTE, …); ``comp`` is not altered."""
    sc = replace(comp.scenario, parameters=params)
    terms = terms_of(sc)
    bases = bases_in(terms)
    pricer = Pricer(params)
    old_pricer = comp.ctx.places.pricer
    ctx = replace(comp.ctx, params=params, places=PlacementCache(pricer), facilities=dict(bases))
    new = replace(
        comp,
        scenario=sc,
        ctx=ctx,
        bases=bases,
        terms=terms,
        parts=dict(comp.parts),
        accs=dict(comp.accs),
        facilities={},
        facility_warnings={},
        hours={},
        areas={},
        area_sums={},
        result=None,
    )
    old_tab = {lt.code: lt.service_tariff for lt in old_pricer.levels}
    tab = {lt.code: lt.service_tariff for lt in pricer.levels}
    same = (
        old_tab == tab
        and old_pricer.hourly_cost == pricer.hourly_cost
        and old_pricer.params.indirect_share == params.indirect_share
    )
    gathered = comp.gathered  # the same results, warnings and special cases when ``same``
    if not same:  # every placement equal otherwise: parts and sums are kept
        for special in (S1, S2):
            tab.pop(special, None)  # never an ordinary level
        remap = _Remap(tab, comp.ctx.y0)
        parts, redo = remap.parts(comp.parts)
        kept = remap.kept
        redone = _redo(new, redo)
        parts.update(redone)
        new.parts = parts
        gathered = _gathered(comp, parts, redone)
        to = {t: t for t in kept}  # old tariff → new, where a function
        for code, t in tab.items():
            if to.setdefault(old_tab[code], t) != t:
                new.accs = _summed(comp, parts)
                break
        else:
            accs = _sums(comp, redone, to)
            new.accs = _summed(comp, parts) if accs is None else accs
    # The facilities' month figures for all at once, as a full calculation makes them.
    refresh_facilities(new, counters_of(new.accs, new.cal), keep=True)
    refresh_areas(new, {f.area for f in sc.facilities})
    assemble(new, gathered)
    return new


def _gathered(
    comp: Computation, parts: dict[str, CitizenPart], redone: dict[str, CitizenPart]
) -> Gathered | None:
    """The citizens' results, warnings and special cases of the new ``parts`` in scenario
    order, without looking each part up by id: ``parts`` keep the order of ``comp.parts``,
    which is the scenario's where ``comp.ordered`` says so. The warnings and special cases are
    ``comp``'s where no citizen computed again (``redone``) has or had any (every other part
    keeps its lists). None where the order is not known: ``assemble`` looks the parts up."""
    old = comp.gathered
    if old is None or not comp.ordered:
        return None
    made = list(parts.values())
    results = list(map(_RESULT, made))
    around = [*map(comp.parts.__getitem__, redone), *redone.values()]
    warnings, specials = old.warnings, old.specials
    if any(p.warnings for p in around):
        warnings = list(chain.from_iterable(map(_WARNINGS, made)))
    if any(p.specials for p in around):
        specials = list(chain.from_iterable(map(_SPECIALS, made)))
    return Gathered(results, warnings, specials)


_RESULT = attrgetter("result")
_WARNINGS, _SPECIALS = attrgetter("warnings"), attrgetter("specials")


# Parts made through their slots, as citizen.py makes periods and results (``slots.filler``).
_new_part = filler(CitizenPart)  # (result, ops, specials, warnings)


class _Remap:
    """The new placement of each old placement met (by identity: the old ones are alive in the
    old calculation while this lives) and the parts made with them."""

    __slots__ = ("kept", "moved", "tab", "y0")

    def __init__(self, tab: dict[str, Decimal], y0: int) -> None:
        self.tab = tab
        self.y0 = y0
        self.moved: dict[int, Placement] = {}
        self.kept: set[Decimal] = set()  # S2 amounts met: tariffs that stay as they are

    def placed(self, p: Placement) -> Placement | None:
        """The new placement of ``p``; None for S1 (priced on its own hours)."""
        q = self.moved.get(id(p))
        if q is None:
            level = p.level
            t = self.tab.get(level)
            if t is not None:  # as ``p._replace(service_tariff=t)``, in a third of the time
                q = Placement(p.minutes_per_week, level, t, p.manual, p.reason)
            elif level == S2:  # the amount set on the assessment: no parameter prices it
                q = p
                self.kept.add(p.service_tariff)
            else:
                return None
            self.moved[id(p)] = q
        return q

    def parts(self, old: dict[str, CitizenPart]) -> tuple[dict[str, CitizenPart], list[str]]:
        """Each citizen's part with the new placements, in the order of ``old``; the citizens
        left to compute again, whose old parts hold their places until they are replaced."""
        get, placed, tail = self.moved.get, self.placed, self._tail
        out: dict[str, CitizenPart] = {}
        redo: list[str] = []
        for cid, part in old.items():
            if part.specials and any(sc.level != S2 for sc in part.specials):
                redo.append(cid)  # S1: its tariff, merges and tails follow its own hours
                out[cid] = part  # its place held for its new part (``_redo``)
                continue
            ops: list[Op]
            ops = []
            for op in part.ops:
                kind, f, a, b, what, billed = op
                if kind == STAY:
                    q = get(id(what)) or placed(what)  # type: ignore[arg-type]
                    if q is None:
                        break
                    ops.append((kind, f, a, b, q, billed))
                else:
                    got = tail(op, part.ops)
                    if got is None:
                        break
                    ops.append(got)
            else:
                result = part.result
                if result.periods:
                    periods = []
                    for x in result.periods:
                        q = get(id(x.placement))  # the placement of one of the stay ops
                        if q is None:
                            break
                        periods.append(new_period(x.start, x.end, x.facility, q))
                    else:
                        result = new_result(
                            result.id, result.paying_municipality, result.sold, tuple(periods)
                        )
                    if len(periods) != len(result.periods):
                        redo.append(cid)
                        out[cid] = part
                        continue
                # the lists of the old part are shared: never altered
                out[cid] = _new_part(result, ops, part.specials, part.warnings)
                continue
            redo.append(cid)
            out[cid] = part
        return out, redo

    def _tail(self, op: Op, ops: list[Op]) -> Op | None:
        """A tail op with the new tariff of the placement in force on the move-out day; None
        where no stay op in the year covers that day (a move-out before 1 January)."""
        kind, f, a, b, what, billed = op
        if a == self.y0:
            return None
        mo = a - 1  # the move-out day, inside the year: the stay op ending there covers it
        for o in ops:
            if o[0] == STAY and o[2] <= mo <= o[3]:
                p = o[4]
                assert isinstance(p, tuple)
                if p.service_tariff != what:
                    return None
                q = self.placed(p)
                return None if q is None else (kind, f, a, b, q.service_tariff, billed)
        return None


def _redo(new: Computation, redo: list[str]) -> dict[str, CitizenPart]:
    """The parts of ``redo``'s citizens computed again with ``new``'s parameters, their
    døgnskemaer placed by the minutes kept in ``new.weekly``."""
    citizens = [new.citizens[cid] for cid in redo]
    places = new.ctx.places
    places.prepare((a for c in citizens for a in c.assessments), new.weekly)
    try:
        return {c.id: citizen_part(c, new.ctx) for c in citizens}
    finally:
        places.forget()


def _sums(
    comp: Computation, redone: dict[str, CitizenPart], to: dict[Decimal, Decimal]
) -> dict[str, FacilityAcc] | None:
    """The facility sums of the new parts: the old sums with ``redone``'s citizens taken out,
    re-keyed by ``to`` and those citizens put in again; None if a counter with days has a
    tariff ``to`` does not know."""
    accs = dict(comp.accs)
    touched: set[str] = set()
    for cid in redone:
        touched |= facilities_of(comp.parts[cid])
    for fid in touched:
        accs[fid] = accs[fid].copy()
    for cid in redone:
        apply_part(accs, comp.cal, comp.parts[cid], -1, comp.ctx.ref)
    for fid, acc in accs.items():
        activity, billed = _rekeyed(acc.activity, to), _rekeyed(acc.billed, to)
        if activity is None or billed is None:
            return None
        if fid in touched:
            acc.activity, acc.billed = activity, billed
        else:  # the other sums shared: ``incremental`` copies a facility's sums before changing
            accs[fid] = FacilityAcc(
                activity,
                billed,
                acc.occupied,
                acc.presence,
                acc.sold_days,
                acc.level_days,
                acc.minutes_num,
                acc.days_with_hours,
                acc.on_ref,
            )
    for part in redone.values():
        apply_part(accs, comp.cal, part, 1, comp.ctx.ref)
    return accs


def _rekeyed(by: dict[Decimal, Months], to: dict[Decimal, Decimal]) -> dict[Decimal, Months] | None:
    """Day counters by new tariff; None if a counter with days has a tariff not in ``to``."""
    out: dict[Decimal, Months] = {}
    for t, counter in by.items():
        nt = to.get(t)
        if nt is None:
            if any(counter):
                return None
            continue  # emptied by a citizen taken out
        have = out.get(nt)
        out[nt] = counter if have is None else [x + y for x, y in zip(have, counter, strict=True)]
    return out


def _summed(comp: Computation, parts: dict[str, CitizenPart]) -> dict[str, FacilityAcc]:
    accs = {fid: FacilityAcc() for fid in comp.accs}
    accumulate(accs, comp.cal, list(parts.values()), comp.ctx.ref)
    return accs
