"""Every krone explained (SPEC §3.11): a facility's activity budget as the sum of its parts, a
base tariff and a service tariff from their inputs, a citizen's level from the døgnskema entries.

The parts come from the same rules as ``compute()`` (the same timeline, the same tail rules) and
sum exactly to its figures; a property test holds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .errors import ValidationError
from .model import Assessment, Citizen, Facility, Scenario, ScheduleEntry
from .money import round_2
from .parameters import Parameters
from .periods import days_in_year, month_starts
from .results import Placement
from .schedule import attributed_minutes_per_occurrence
from .tariffs import Pricer, base_tariff, occupancy_rate, regulation
from .timeline import Timeline, build_timeline, citizen_stay_ranges


@dataclass(frozen=True, slots=True)
class Part:
    """One citizen's consecutive budget-active days at one service tariff (SPEC §3.11)."""

    citizen: str
    start: date
    end: date  # inclusive
    days: int
    level: str
    service_tariff: Decimal
    amount: Decimal  # days × service_tariff
    kind: str  # "stay" or "tail"


@dataclass(frozen=True, slots=True)
class BaseTariffWhy:
    fixed_costs: tuple[tuple[str, Decimal], ...]
    regulation_set: Decimal
    carried: tuple[tuple[int, Decimal, str], ...]  # origin year, amount in the tariff, reason
    regulation: Decimal
    places: int
    days_in_year: int
    occupancy_rate: Decimal
    occupancy_source: str  # "tilbuddets egen", "historik", "standard"
    base_tariff: Decimal


@dataclass(frozen=True, slots=True)
class FacilityExplanation:
    facility: str
    month: int | None
    activity: Decimal
    parts: tuple[Part, ...]
    base: BaseTariffWhy


def explain_facility(
    scenario: Scenario, facility_id: str, month: int | None = None
) -> FacilityExplanation:
    f = next((f for f in scenario.facilities if f.id == facility_id), None)
    if f is None:
        raise ValidationError(f"Tilbud '{facility_id}' findes ikke i scenariet.")
    if month is not None and not 1 <= month <= 12:
        raise ValidationError("Måneden skal være 1–12.")
    p = scenario.parameters
    pricer = Pricer(p)
    parts: list[Part] = []
    for c in scenario.citizens:
        parts += citizen_parts(c, p, pricer, facility_id)
    if month is not None:
        parts = _clip(parts, month, month_starts(p.year))
    parts.sort(key=lambda x: (x.citizen, x.start))
    activity = sum((x.amount for x in parts), start=Decimal(0))
    return FacilityExplanation(facility_id, month, activity, tuple(parts), base_why(f, p))


def citizen_parts(c: Citizen, p: Parameters, pricer: Pricer, facility_id: str) -> list[Part]:
    """The citizen's budget-active days at the facility, joined into runs of one tariff."""
    y0, y1 = date(p.year, 1, 1).toordinal(), date(p.year, 12, 31).toordinal()
    stays = [(s, r) for s, r in citizen_stay_ranges(c, p, y0, y1) if s.facility == facility_id]
    if not stays:
        return []
    timeline = build_timeline(c, pricer)
    runs: list[tuple[int, int, Placement, str]] = []
    for _stay, r in stays:
        if r.occupied is not None:
            runs += [(s, e, timeline.placements[i], "stay") for s, e, i in
                     timeline.segments(*r.occupied)]  # fmt: skip
        if r.tail is not None and r.move_out is not None:
            runs.append((*r.tail, _placement_on(timeline, r.move_out, c), "tail"))
    return _join(c.id, sorted(runs, key=lambda t: (t[0], t[1])))


def _placement_on(timeline: Timeline, day: int, c: Citizen) -> Placement:
    i = timeline.index_on(day)
    if i is None:
        raise ValidationError(f"Borger {c.id}: ingen vurdering på fraflytningsdagen.")
    return timeline.placements[i]


def _join(citizen: str, runs: list[tuple[int, int, Placement, str]]) -> list[Part]:
    out: list[Part] = []
    for s, e, pl, kind in runs:
        last = out[-1] if out else None
        if (last and last.kind == kind and last.service_tariff == pl.service_tariff
                and last.level == pl.level and last.end.toordinal() == s - 1):  # fmt: skip
            out[-1] = _part(citizen, last.start.toordinal(), e, pl, kind)
        else:
            out.append(_part(citizen, s, e, pl, kind))
    return out


def _part(citizen: str, s: int, e: int, pl: Placement, kind: str) -> Part:
    n = e - s + 1
    return Part(citizen, date.fromordinal(s), date.fromordinal(e), n, pl.level,
                pl.service_tariff, pl.service_tariff * n, kind)  # fmt: skip


def _clip(parts: list[Part], month: int, starts: list[int]) -> list[Part]:
    a, b = starts[month - 1], starts[month] - 1
    out = []
    for x in parts:
        s, e = max(x.start.toordinal(), a), min(x.end.toordinal(), b)
        if s <= e:
            n = e - s + 1
            out.append(Part(x.citizen, date.fromordinal(s), date.fromordinal(e), n, x.level,
                            x.service_tariff, x.service_tariff * n, x.kind))  # fmt: skip
    return out


def base_why(f: Facility, p: Parameters) -> BaseTariffWhy:
    hist = dict(f.occupancy_history)
    if f.occupancy_rate is not None:
        source = "tilbuddets egen"
    elif p.year - 1 in hist or p.year - 2 in hist:
        source = "historik (gennemsnit af de seneste år, inden for loft og gulv)"
    else:
        source = "standard"
    carried = tuple((r.year, -r.amount, r.reason) for r in f.results
                    if r.year == p.year - p.regulation_lag_years)  # fmt: skip
    ndays = days_in_year(p.year)
    return BaseTariffWhy(
        fixed_costs=f.fixed_costs,
        regulation_set=f.regulation,
        carried=carried,
        regulation=regulation(f, p),
        places=f.places,
        days_in_year=ndays,
        occupancy_rate=occupancy_rate(f, p),
        occupancy_source=source,
        base_tariff=base_tariff(f, p, ndays),
    )


# --- a citizen ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryWhy:
    entry: ScheduleEntry
    minutes_per_week: Fraction  # attributed: duration × staff ÷ participants × days


@dataclass(frozen=True, slots=True)
class AssessmentWhy:
    assessment: Assessment
    in_force_from: date
    entries: tuple[EntryWhy, ...]
    minutes_per_week: Fraction | None
    hours_per_day: Decimal | None  # two decimals; placement uses the exact value
    level: str
    service_tariff: Decimal
    priced_hours: Decimal | None  # for levels 1–8; S1 uses the exact hours, S2 the set amount


@dataclass(frozen=True, slots=True)
class CitizenExplanation:
    citizen: str
    parameters: Parameters
    hourly_cost: Decimal
    assessments: tuple[AssessmentWhy, ...]


def explain_citizen(scenario: Scenario, citizen_id: str) -> CitizenExplanation:
    c = next((c for c in scenario.citizens if c.id == citizen_id), None)
    if c is None:
        raise ValidationError(f"Borger '{citizen_id}' findes ikke i scenariet.")
    pricer = Pricer(scenario.parameters)
    timeline = build_timeline(c, pricer)
    priced = {lv.code: lv.priced_hours for lv in pricer.params.levels}
    out = []
    for start, pl, a in zip(timeline.starts, timeline.placements, timeline.assessments,
                            strict=True):  # fmt: skip
        entries = tuple(EntryWhy(e, attributed_minutes_per_occurrence(e) * len(e.days))
                        for e in a.entries)  # fmt: skip
        h = pl.hours_per_day
        out.append(AssessmentWhy(a, date.fromordinal(start), entries, pl.minutes_per_week,
                                 None if h is None else round_2(h), pl.level, pl.service_tariff,
                                 priced.get(pl.level)))  # fmt: skip
    return CitizenExplanation(c.id, scenario.parameters, pricer.hourly_cost, tuple(out))
