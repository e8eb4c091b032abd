"""One calculation: a scenario in, every figure of SPEC §3.1–3.7 out.

``compute`` is the single entry point used by the CLI, the web application and the exports.
Each citizen's part (``citizen.citizen_part``) is added into exact integer sums per facility
(``accumulate``); facility results and key figures are made from those sums at the end. The
``Computation`` keeps the parts, so ``incremental`` can recompute one citizen or facility.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from operator import attrgetter

from .accumulate import Calendar, FacilityAcc
from .batchcitizen import Batch, batch_parts
from .budget import Span
from .citizen import CitizenPart, YearContext, citizen_part
from .collector import collector_paused
from .columns import Counters, accumulate, over_capacity
from .errors import ValidationError
from .facility import facility_result, facility_warnings
from .fastplace import PlacementCache, Weekly
from .model import Citizen, Facility, Scenario
from .month_money import Monthly, month_fte, month_sums
from .overview import FigureSums, added, group_sums, key_figures, reference_day
from .packed import CitizenColumns
from .periods import days_in_year, month_starts
from .results import (
    CitizenResult,
    FacilityResult,
    KeyFigures,
    Overview,
    Result,
    SpecialCase,
    Warning,
)
from .tariffs import FacilityTerms, Pricer, facility_terms


@dataclass(slots=True)
class Computation:
    """A calculation with its parts: per citizen, per facility and per area."""

    scenario: Scenario
    today: date | None
    ctx: YearContext
    cal: Calendar
    bases: dict[str, Decimal]
    accs: dict[str, FacilityAcc]
    parts: dict[str, CitizenPart]
    citizens: dict[str, Citizen]
    by_id: dict[str, Facility]
    facilities: dict[str, FacilityResult]
    facility_warnings: dict[str, list[Warning]]
    hours: dict[str, tuple[Fraction, int]]  # Σ hours per døgn × days, days with hours
    areas: dict[str, KeyFigures]
    result: Result | None = None
    weekly: Weekly = field(default_factory=dict)  # minutes per week by døgnskema, for reuse
    gathered: Gathered | None = None  # the citizens' results, warnings and special cases
    ordered: bool = False  # ``parts`` (and ``citizens``) known to be in scenario order
    area_sums: dict[str, FigureSums] = field(default_factory=dict)  # behind ``areas``
    terms: dict[str, FacilityTerms] = field(default_factory=dict)  # ``bases`` and their parts


def compute(scenario: Scenario, *, today: date | None = None) -> Result:
    """Compute tariffs, budgets, sales and key figures for ``scenario.parameters.year``.

    ``today`` only chooses the reference day for "residents per level" (default 31 December).
    Raises ``ValidationError`` (Danish) for input that breaks a rule, e.g. an uncovered stay day.
    """
    with collector_paused():
        result = build(scenario, today=today, keep=False).result
    assert result is not None
    return result


def terms_of(scenario: Scenario) -> dict[str, FacilityTerms]:
    """Base tariff and what it is made of per facility id, in scenario order; refuses a
    facility id given twice."""
    params = scenario.parameters
    ndays = days_in_year(params.year)
    terms: dict[str, FacilityTerms] = {}
    for f in scenario.facilities:
        if f.id in terms:
            raise ValidationError(f"Tilbud {f.id} findes to gange.")
        terms[f.id] = facility_terms(f, params, ndays)
    return terms


def bases_of(scenario: Scenario) -> dict[str, Decimal]:
    """Base tariff per facility id, in scenario order; refuses a facility id given twice."""
    return bases_in(terms_of(scenario))


def bases_in(terms: dict[str, FacilityTerms]) -> dict[str, Decimal]:
    """The base tariff of each facility's terms."""
    return {fid: t.base for fid, t in terms.items()}


def build(
    scenario: Scenario,
    *,
    today: date | None = None,
    keep: bool = True,
    weekly: Weekly | None = None,
) -> Computation:
    """The whole calculation, kept in parts (``keep=False``: without what each citizen added to
    the facilities, which only ``incremental`` needs, and with the month counters and presence
    changes in ``accs`` only of the facilities whose results needed them). ``weekly``: the
    døgnskemaer's minutes per week from an earlier calculation, reused where the same entries
    are met again."""
    params = scenario.parameters
    terms = terms_of(scenario)
    bases = bases_in(terms)
    ref = reference_day(params.year, today).toordinal()
    ctx = YearContext.of(params, PlacementCache(Pricer(params)), dict(bases), ref)
    cal = Calendar.of(month_starts(params.year))
    accs = {fid: FacilityAcc() for fid in bases}
    places = ctx.places
    people = scenario.citizens
    columns = CitizenColumns.of(scenario)  # what the file loader read of the citizens
    rows = None if columns is None else columns.to_place()
    weekly = places.prepare(
        (a for c in people for a in c.assessments), weekly, keep=keep, rows=rows
    )
    batch: Batch | None = None
    try:
        if len(set(map(_ID, people))) == len(people):  # no id twice: nothing to check each
            if not keep:  # the common citizens as columns, the rest one by one
                batch = batch_parts(people, ctx, columns)
                people = tuple(batch.rest)
            places.know(people)
            made = [citizen_part(c, ctx) for c in people]
        else:
            places.know(people)
            made = _parts_until_twice(people, ctx)
    finally:
        places.forget()
    parts = dict(zip(map(_ID, people), made, strict=True)) if keep else {}
    gathered = Gathered.of(made, batch)
    # As ``apply_part`` for each part, all at once; the month counters and presence changes
    # go into ``accs`` below only where they are needed when not kept.
    batched = None if batch is None else batch.ops
    counters = accumulate(accs, cal, made, ref, months=keep, batched=batched)
    del made, batch
    by_id = {f.id: f for f in scenario.facilities}
    citizens = {c.id: c for c in scenario.citizens} if keep else {}
    comp = Computation(
        scenario, today, ctx, cal, bases, accs, parts, citizens, by_id, {}, {}, {}, {}
    )
    comp.terms = terms
    if keep:
        comp.weekly, comp.ordered = weekly, True
    refresh_facilities(comp, counters, keep=keep)
    refresh_areas(comp, {f.area for f in scenario.facilities})
    assemble(comp, gathered)
    return comp


_ID = attrgetter("id")


def _parts_until_twice(citizens: tuple[Citizen, ...], ctx: YearContext) -> list[CitizenPart]:
    """The citizens' parts in order, refusing the second of two citizens with one id where it
    is met (an error of a citizen before it comes first)."""
    seen: set[str] = set()
    made: list[CitizenPart] = []
    for c in citizens:
        if c.id in seen:
            raise ValidationError(f"Borger {c.id} findes to gange.")
        seen.add(c.id)
        made.append(citizen_part(c, ctx))
    return made


def refresh_facilities(comp: Computation, counters: Counters | None, *, keep: bool) -> None:
    """Every facility's result and warnings, the month money and the spans over capacity for
    all facilities at once from ``counters`` (None from ``month_sums``: amounts that need the
    Decimal path, facility by facility; None from ``over_capacity``: swept facility by
    facility). Not ``keep``: the month counters and presence changes are put into
    ``comp.accs`` only where the results read them."""
    sums: dict[str, Monthly] | None = None
    spans: dict[str, list[Span]] | None = None
    accs, by_id = comp.accs, comp.by_id
    if counters is not None:
        params = comp.ctx.params
        fte = month_fte(comp.ctx.places.pricer.hourly_cost, params.productive_hours_per_fte)
        sums = month_sums(counters, comp.cal, comp.bases, params.overhead_rate, fte)
        over = over_capacity(counters, [by_id[fid].places for fid in counters.fids])
        if over is not None:
            spans = dict(zip(counters.fids, over, strict=True))
        if not keep and sums is None:
            counters.fill(accs)
        elif not keep and spans is None:  # the capacity sweep reads the presence changes
            counters.fill_presence(accs)
    for f in comp.scenario.facilities:
        monthly = None if sums is None else sums[f.id]
        refresh_facility(comp, f.id, monthly, None if spans is None else spans[f.id])


def refresh_facility(
    comp: Computation,
    fid: str,
    monthly: Monthly | None = None,
    spans: list[Span] | None = None,
) -> None:
    """The result and warnings of one facility from its sums (``monthly`` and ``spans``: its
    month figures and spans over capacity, when made for all facilities at once)."""
    f, acc, terms = comp.by_id[fid], comp.accs[fid], comp.terms[fid]
    hourly = comp.ctx.places.pricer.hourly_cost
    params = comp.ctx.params
    comp.facilities[fid] = facility_result(f, acc, terms, params, hourly, comp.cal, monthly)
    comp.facility_warnings[fid] = facility_warnings(f, acc, terms.base, spans)
    comp.hours[fid] = (acc.hours_days, acc.days_with_hours)


def refresh_areas(comp: Computation, areas: Iterable[str]) -> None:
    """The sums and key figures of each of ``areas`` from its facilities' results (an area
    left without facilities is dropped); the facilities are grouped by area in one pass."""
    groups: dict[str, list[FacilityResult]] = {area: [] for area in areas}
    for f in comp.scenario.facilities:
        group = groups.get(f.area)
        if group is not None:
            group.append(comp.facilities[f.id])
    accs, ndays = comp.accs, days_in_year(comp.ctx.params.year)
    for area, group in groups.items():
        if group:
            on_ref = {fr.id: accs[fr.id].on_ref for fr in group}
            sums = group_sums(group, on_ref, comp.hours)
            comp.area_sums[area] = sums
            comp.areas[area] = key_figures(area, sums, days_in_year=ndays)
        else:
            comp.areas.pop(area, None)
            comp.area_sums.pop(area, None)


@dataclass(slots=True)
class Gathered:
    """The citizens' results, warnings and special cases, in scenario order."""

    results: list[CitizenResult]
    warnings: list[Warning]
    specials: list[SpecialCase]

    @classmethod
    def of(cls, parts: list[CitizenPart], batch: Batch | None = None) -> Gathered:
        """From the parts in scenario order (passes in C: most parts have no warnings and
        no special cases, and their shared empty lists add nothing), with the results of the
        citizens ``batch`` took put in their places (it adds no warnings or special cases)."""
        results = list(map(_RESULT, parts))
        if batch is not None:
            taken, others = iter(batch.results), iter(results)
            results = [next(taken) if t else next(others) for t in batch.taken]
        return cls(
            results,
            list(chain.from_iterable(map(_WARNINGS, parts))),
            list(chain.from_iterable(map(_SPECIALS, parts))),
        )


_RESULT, _WARNINGS, _SPECIALS = attrgetter("result"), attrgetter("warnings"), attrgetter("specials")


def assemble(comp: Computation, gathered: Gathered | None = None) -> None:
    """The ``Result``: citizens and their warnings in scenario order, then the facilities'."""
    sc, pricer = comp.scenario, comp.ctx.places.pricer
    if gathered is None:
        gathered = Gathered.of(list(map(comp.parts.__getitem__, map(_ID, sc.citizens))))
    comp.gathered = gathered  # kept as made: ``incremental`` starts the next from it
    facilities = [comp.facilities[f.id] for f in sc.facilities]
    warnings, specials = list(gathered.warnings), gathered.specials
    for f in sc.facilities:
        warnings += comp.facility_warnings[f.id]
    overview = Overview(
        reference_date=date.fromordinal(comp.ctx.ref),
        total=key_figures(
            "I alt", added(comp.area_sums.values()), days_in_year=days_in_year(sc.parameters.year)
        ),
        areas=tuple(comp.areas[a] for a in sorted(comp.areas)),
        special_cases=tuple(specials),
    )
    comp.result = Result(
        year=sc.parameters.year,
        days_in_year=days_in_year(sc.parameters.year),
        hourly_cost=pricer.hourly_cost,
        levels=pricer.levels,
        facilities=tuple(facilities),
        citizens=tuple(gathered.results),
        overview=overview,
        warnings=tuple(warnings),
    )
