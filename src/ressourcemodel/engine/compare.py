"""Two results of the same year compared, the difference split into causes (SPEC §3.12).

Sequential substitution in a fixed order: starting from BEFORE, switch (1) ``parameters`` (the
tariff parameters and levels), (2) ``facilities`` (fixed costs, places, regulation, occupancy),
(3) ``stays`` (moves in and out, the paying municipality; a citizen only in AFTER comes with
their assessments, one only in BEFORE goes), (4) ``assessments`` (døgnskemaer and hand-set
levels) to AFTER's. Each cause's amount is the change of the total budget (fixed + activity)
when its group is switched, so the causes sum exactly to the difference — for the total and for
each facility. Within ``stays`` and ``assessments`` the effect is also given per citizen, by
switching the changed citizens one at a time in the order of their ids.

When a step cannot be computed on its own (e.g. new stays before the assessments that cover
them), it is joined with the next step: its amount is 0 and a note says where its effect went.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from .compute import compute
from .errors import EngineError, ValidationError
from .model import Citizen, Scenario
from .results import Result

CAUSES = ("parameters", "facilities", "stays", "assessments")
CAUSE_LABELS_DA = {
    "parameters": "Takstparametre og niveauer",
    "facilities": "Tilbuddenes faste udgifter, pladser og efterregulering",
    "stays": "Ophold (ind- og udflytninger)",
    "assessments": "Vurderinger (døgnskemaer og manuelle niveauer)",
}


@dataclass(frozen=True, slots=True)
class Totals:
    total: Decimal
    facilities: dict[str, Decimal]  # total budget (fixed + activity) per facility


@dataclass(frozen=True, slots=True)
class Cause:
    cause: str
    amount: Decimal
    facilities: dict[str, Decimal]
    citizens: tuple[tuple[str, Decimal], ...] = ()  # per changed citizen (stays, assessments)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    year: int
    before: Totals
    after: Totals
    causes: tuple[Cause, ...]

    @property
    def difference(self) -> Decimal:
        return self.after.total - self.before.total

    def facility_ids(self) -> list[str]:
        return sorted(set(self.before.facilities) | set(self.after.facilities))


def totals(scenario: Scenario) -> Totals:
    r = compute(scenario)
    return Totals(r.overview.total.total_budget, {f.id: f.total_budget for f in r.facilities})


def _with_stays(before: Scenario, after: Scenario) -> Scenario:
    old = {c.id: c for c in before.citizens}
    citizens = tuple(
        replace(old[c.id], stays=c.stays, paying_municipality=c.paying_municipality)
        if c.id in old
        else c
        for c in after.citizens
    )
    return replace(before, citizens=citizens)


def _steps(before: Scenario, after: Scenario) -> list[Scenario]:
    s1 = replace(before, parameters=after.parameters)
    s2 = replace(s1, facilities=after.facilities)
    s3 = _with_stays(s2, after)
    return [before, s1, s2, s3, after]


def compare(before: Scenario, after: Scenario) -> Comparison:
    if before.parameters.year != after.parameters.year:
        raise ValidationError(
            f"Scenarierne er for forskellige år ({before.parameters.year} og "
            f"{after.parameters.year}); kun samme år kan sammenlignes."
        )
    first, last = totals(before), totals(after)
    steps = _steps(before, after)
    computed: list[Totals | None] = [first, None, None, None, last]
    notes = [""] * 4
    for k in (1, 2, 3):
        try:
            computed[k] = totals(steps[k])
        except EngineError as e:
            notes[k - 1] = (
                f"Trinnet kan ikke beregnes alene ({e}); virkningen står under "
                f"'{CAUSE_LABELS_DA[CAUSES[k]]}'."
            )
    causes = []
    prev = first
    for k, name in enumerate(CAUSES, start=1):
        now = computed[k]
        if now is None:
            causes.append(Cause(name, Decimal(0), {}, note=notes[k - 1]))
            continue
        ids = set(prev.facilities) | set(now.facilities)
        per_facility = {
            fid: now.facilities.get(fid, Decimal(0)) - prev.facilities.get(fid, Decimal(0))
            for fid in sorted(ids)
        }
        detail: tuple[tuple[str, Decimal], ...] = ()
        if name in ("stays", "assessments") and computed[k - 1] is not None:
            detail = _per_citizen(steps[k - 1], steps[k], prev.total)
        causes.append(Cause(name, now.total - prev.total, per_facility, detail, notes[k - 1]))
        prev = now
    return Comparison(before.parameters.year, first, last, tuple(causes))


def _per_citizen(
    start: Scenario, end: Scenario, start_total: Decimal
) -> tuple[tuple[str, Decimal], ...]:
    """Switch the citizens that differ from ``start`` to ``end`` one at a time (by id); each
    citizen's effect is the change of the total. Falls back to one joint line when an
    intermediate step cannot be computed."""
    a = {c.id: c for c in start.citizens}
    b = {c.id: c for c in end.citizens}
    changed = sorted(cid for cid in set(a) | set(b) if a.get(cid) != b.get(cid))
    out = []
    current: dict[str, Citizen] = dict(a)
    prev = start_total
    try:
        for cid in changed:
            if cid in b:
                current[cid] = b[cid]
            else:
                current.pop(cid, None)
            order: Callable[[Citizen], int] = _order(start, end)
            scenario = replace(end, citizens=tuple(sorted(current.values(), key=order)))
            now = totals(scenario).total
            out.append((cid, now - prev))
            prev = now
    except EngineError:
        return ()
    return tuple(out)


def _order(start: Scenario, end: Scenario) -> Callable[[Citizen], int]:
    index = {c.id: i for i, c in enumerate(end.citizens)}
    base = len(index)
    extra = {c.id: base + i for i, c in enumerate(start.citizens)}
    return lambda c: index.get(c.id, extra.get(c.id, 0))


@dataclass(frozen=True, slots=True)
class BudgetChange:
    """One facility's (or the total's: ``facility`` empty) total budget before and after."""

    facility: str
    name: str
    before: Decimal
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


def budget_changes(before: Result, after: Result) -> tuple[BudgetChange, ...]:
    """Each facility of ``after`` with its total budget in ``before`` and ``after`` (0 before for a
    facility ``before`` lacks), in ``after``'s order, then the total ("I alt") — e.g. the effect
    of a parameter change shown before it is saved."""
    was = {f.id: f.total_budget for f in before.facilities}
    rows = [
        BudgetChange(f.id, f.name, was.get(f.id, Decimal(0)), f.total_budget)
        for f in after.facilities
    ]
    total = BudgetChange(
        "", "I alt", before.overview.total.total_budget, after.overview.total.total_budget
    )
    return (*rows, total)
