"""The figures of the documents a municipality sends (SPEC §5): the takstblad of a facility and
the takstgrundlag of a citizen. Documents only lay these out; every sum is made here, exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .budget import billing_rate
from .errors import ValidationError
from .model import Assessment, Citizen, Scenario, ScheduleEntry
from .money import round_2
from .parameters import Parameters
from .results import FacilityResult, Placement, Result
from .schedule import attributed_minutes_per_occurrence
from .tariffs import Pricer
from .timeline import build_timeline, citizen_stay_ranges


@dataclass(frozen=True, slots=True)
class LevelLine:
    code: str
    lower: Decimal
    upper: Decimal
    priced_hours: Decimal
    service_tariff: Decimal
    daily_tariff: Decimal  # base + service, kr per døgn


@dataclass(frozen=True, slots=True)
class Takstblad:
    facility: FacilityResult
    fixed_costs: tuple[tuple[str, Decimal], ...]
    regulation_set: Decimal  # efterregulering set for the year
    carried: tuple[tuple[int, Decimal, str], ...]  # (origin year, amount in the tariff, reason)
    levels: tuple[LevelLine, ...]
    parameters: Parameters
    hourly_cost: Decimal


def takstblad(scenario: Scenario, result: Result, facility_id: str) -> Takstblad:
    fr = next((f for f in result.facilities if f.id == facility_id), None)
    f = next((f for f in scenario.facilities if f.id == facility_id), None)
    if fr is None or f is None:
        raise ValidationError(f"Tilbud '{facility_id}' findes ikke i takståret {result.year}.")
    levels = tuple(
        LevelLine(lv.code, lv.lower, lv.upper, lv.priced_hours, lv.service_tariff,
                  fr.base_tariff + lv.service_tariff)
        for lv in result.levels
    )  # fmt: skip
    p = scenario.parameters
    carried = tuple(
        (r.year, -r.amount, r.reason)  # a surplus is returned, a deficit recovered (SPEC §3.4)
        for r in f.results
        if r.year == p.year - p.regulation_lag_years
    )
    return Takstblad(fr, f.fixed_costs, f.regulation, carried, levels, p, result.hourly_cost)


@dataclass(frozen=True, slots=True)
class AssessmentPart:
    """One assessment in force during the year, and what it gives."""

    assessment: Assessment
    start: date  # in force from (inside the year)
    end: date
    placement: Placement
    hours_per_day: Decimal | None  # two decimals
    by_theme: tuple[tuple[str, Decimal], ...]  # hours per døgn, two decimals
    by_legal_basis: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True, slots=True)
class TariffPart:
    facility: str
    start: date
    end: date
    base_tariff: Decimal
    service_tariff: Decimal
    overhead_rate: Decimal
    daily_rate: Decimal  # round_kr((base + service) × (1 + overhead)), SPEC §3.6


@dataclass(frozen=True, slots=True)
class Takstgrundlag:
    citizen: Citizen
    parameters: Parameters
    assessments: tuple[AssessmentPart, ...]
    tariffs: tuple[TariffPart, ...]


def hours_by(entries: tuple[ScheduleEntry, ...], key: str) -> tuple[tuple[str, Decimal], ...]:
    """Hours per døgn of a døgnskema by ``theme`` or ``legal_basis``, two decimals each."""
    sums: dict[str, Fraction] = {}
    for e in entries:
        k = str(getattr(e, key))
        sums[k] = sums.get(k, Fraction(0)) + attributed_minutes_per_occurrence(e) * len(e.days)
    return tuple((k, round_2(v / 420)) for k, v in sorted(sums.items()))


def takstgrundlag(scenario: Scenario, result: Result, citizen_id: str) -> Takstgrundlag:
    c = next((c for c in scenario.citizens if c.id == citizen_id), None)
    if c is None:
        raise ValidationError(f"Borger '{citizen_id}' findes ikke i takståret {result.year}.")
    p = scenario.parameters
    y0, y1 = date(p.year, 1, 1).toordinal(), date(p.year, 12, 31).toordinal()
    timeline = build_timeline(c, Pricer(p))
    bases = {f.id: f.base_tariff for f in result.facilities}
    parts: dict[int, tuple[int, int]] = {}
    tariffs: list[TariffPart] = []
    for stay, r in citizen_stay_ranges(c, p, y0, y1):
        if r.occupied is None:
            continue
        for s, e, i in timeline.segments(*r.occupied):
            a, b = parts.get(i, (s, e))
            parts[i] = (min(a, s), max(b, e))
            service = timeline.placements[i].service_tariff
            base = bases[stay.facility]
            tariffs.append(TariffPart(stay.facility, date.fromordinal(s), date.fromordinal(e),
                                      base, service, p.overhead_rate,
                                      billing_rate(base, service, p.overhead_rate)))  # fmt: skip
    assessments = tuple(
        _part(timeline.assessments[i], timeline.placements[i], a, b)
        for i, (a, b) in sorted(parts.items())
    )
    return Takstgrundlag(c, p, assessments, tuple(tariffs))


def _part(a: Assessment, placement: Placement, first: int, last: int) -> AssessmentPart:
    h = placement.hours_per_day
    return AssessmentPart(
        assessment=a,
        start=date.fromordinal(first),
        end=date.fromordinal(last),
        placement=placement,
        hours_per_day=None if h is None else round_2(h),
        by_theme=hours_by(a.entries, "theme"),
        by_legal_basis=hours_by(a.entries, "legal_basis"),
    )
