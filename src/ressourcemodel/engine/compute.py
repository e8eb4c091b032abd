"""One calculation: a scenario in, every figure of SPEC §3.1–3.7 out.

``compute`` is the single entry point used by the CLI, the web application and the exports.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .budget import FacilityLedger, forecast, funded_fte, monthly_fixed, over_capacity
from .errors import ValidationError
from .model import Citizen, Facility, Scenario, Stay
from .money import round_2
from .overview import key_figures, reference_day
from .parameters import Parameters
from .periods import days_in_year, month_starts
from .results import (
    CitizenPeriod,
    CitizenResult,
    FacilityResult,
    KeyFigures,
    Overview,
    Placement,
    Result,
    SpecialCase,
    Warning,
)
from .tariffs import S1, S2, Pricer, base_tariff, occupancy_rate, regulation
from .timeline import StayRanges, Timeline, build_timeline, citizen_stay_ranges, uncovered_error


@dataclass
class _Run:
    """What one calculation shares while it walks the citizens and facilities."""

    params: Parameters
    pricer: Pricer
    ledgers: dict[str, FacilityLedger]
    starts: list[int]
    y0: int
    y1: int
    ref: int
    on_ref: dict[str, dict[str, int]] = field(default_factory=dict)
    specials: list[SpecialCase] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def compute(scenario: Scenario, *, today: date | None = None) -> Result:
    """Compute tariffs, budgets, sales and key figures for ``scenario.parameters.year``.

    ``today`` only chooses the reference day for "residents per level" (default 31 December).
    Raises ``ValidationError`` (Danish) for input that breaks a rule, e.g. an uncovered stay day.
    """
    params = scenario.parameters
    year = params.year
    ndays = days_in_year(year)
    ledgers: dict[str, FacilityLedger] = {}
    for f in scenario.facilities:
        if f.id in ledgers:
            raise ValidationError(f"Tilbud {f.id} findes to gange.")
        ledgers[f.id] = FacilityLedger(f, base_tariff(f, params, ndays))
    run = _Run(
        params=params,
        pricer=Pricer(params),
        ledgers=ledgers,
        starts=month_starts(year),
        y0=date(year, 1, 1).toordinal(),
        y1=date(year, 12, 31).toordinal(),
        ref=reference_day(year, today).toordinal(),
        on_ref={fid: {} for fid in ledgers},
    )
    citizens: list[CitizenResult] = []
    seen: set[str] = set()
    for c in scenario.citizens:
        if c.id in seen:
            raise ValidationError(f"Borger {c.id} findes to gange.")
        seen.add(c.id)
        citizens.append(_citizen(c, run))
    facilities = [_facility(f, run) for f in scenario.facilities]
    return Result(
        year=year,
        days_in_year=ndays,
        hourly_cost=run.pricer.hourly_cost,
        levels=run.pricer.levels,
        facilities=tuple(facilities),
        citizens=tuple(citizens),
        overview=_overview(facilities, run, ndays),
        warnings=tuple(run.warnings),
    )


def _facility(f: Facility, run: _Run) -> FacilityResult:
    params, led = run.params, run.ledgers[f.id]
    fixed_total = sum((a for _, a in f.fixed_costs), start=Decimal(0))
    months = led.months(params, run.pricer.hourly_cost, monthly_fixed(fixed_total))
    activity = sum(led.activity, start=Decimal(0))
    if led.base_tariff < 0:
        run.warnings.append(
            Warning(
                "negative_base_tariff",
                f"{f.name or f.id}: basistaksten er negativ ({led.base_tariff} kr. pr. døgn), "
                "fordi efterreguleringen af et overskud er større end omkostningsgrundlaget. "
                "Overvej at fordele overskuddet over flere år.",
                facility=f.id,
            )
        )
    for a, b, n in over_capacity(led.occupied_ranges, f.places):
        da, db = date.fromordinal(a), date.fromordinal(b)
        span = f"{da:%d-%m-%Y}" if a == b else f"{da:%d-%m-%Y}–{db:%d-%m-%Y}"
        message = f"{f.name or f.id}: {n} beboere på {f.places} pladser {span}."
        run.warnings.append(Warning("over_capacity", message, facility=f.id, start=da, end=db))
    return FacilityResult(
        id=f.id,
        name=f.name,
        area=f.area,
        places=f.places,
        occupancy_rate=occupancy_rate(f, params),
        fixed_costs_total=fixed_total,
        regulation=regulation(f, params),
        base_tariff=led.base_tariff,
        fixed_budget=fixed_total,
        activity_budget=activity,
        sales_income=sum(led.sales, start=Decimal(0)),
        occupied_days=sum(led.occupied),
        sold_days=led.sold_days,
        funded_fte=funded_fte(activity, run.pricer.hourly_cost, params.productive_hours_per_fte),
        actual_fte=f.actual_fte,
        months=months,
        forecast=forecast(months),
        level_days=tuple(sorted(led.level_days.items())),
        old_budget=f.old_budget,
        previous_budget=f.previous_budget,
    )


def _overview(facilities: list[FacilityResult], run: _Run, ndays: int) -> Overview:
    hours_days = {fid: (led.hours_days, led.days_with_hours) for fid, led in run.ledgers.items()}
    areas: dict[str, list[FacilityResult]] = {}
    for fr in facilities:
        areas.setdefault(fr.area, []).append(fr)

    def figures(name: str, group: list[FacilityResult]) -> KeyFigures:
        return key_figures(
            name, group, days_in_year=ndays, residents_on_reference=run.on_ref,
            hours_days=hours_days,
        )  # fmt: skip

    return Overview(
        reference_date=date.fromordinal(run.ref),
        total=figures("I alt", facilities),
        areas=tuple(figures(name, frs) for name, frs in sorted(areas.items())),
        special_cases=tuple(run.specials),
    )


def _citizen(c: Citizen, run: _Run) -> CitizenResult:
    sold = c.paying_municipality != run.params.municipality_code
    timeline = build_timeline(c, run.pricer)
    periods: list[tuple[int, int, str, Placement]] = []
    uncovered: list[tuple[int, int]] = []
    used: set[int] = set()
    occupied_spans: list[tuple[int, int]] = []
    for stay in c.stays:
        _checked_ledger(c, stay, run)
    for stay, r in citizen_stay_ranges(c, run.params, run.y0, run.y1):
        led = run.ledgers[stay.facility]
        if r.occupied is not None:
            occupied_spans.append(r.occupied)
            _stay_days(
                r.occupied, stay.facility, led, timeline, sold, run, periods, used, uncovered
            )
        if r.tail is not None or (sold and r.billing_tail is not None):
            _tail_days(r, led, timeline, sold, run, uncovered)
    if uncovered:
        raise uncovered_error(c, uncovered)
    run.warnings += _overlap_warnings(c, occupied_spans)
    for i in sorted(used):
        p = timeline.placements[i]
        if p.level in (S1, S2):
            asm = timeline.assessments[i]
            fac = next((f for s, e, f, q in periods if q is p), "")
            run.specials.append(
                SpecialCase(c.id, fac, p.level, p.service_tariff, asm.reason, asm.review_date)
            )
    return CitizenResult(c.id, c.paying_municipality, sold, _merge(periods))


def _checked_ledger(c: Citizen, stay: Stay, run: _Run) -> FacilityLedger:
    led = run.ledgers.get(stay.facility)
    if led is None:
        raise ValidationError(f"Borger {c.id}: ophold på ukendt tilbud '{stay.facility}'.")
    if stay.move_out is not None and stay.move_out < stay.move_in:
        raise ValidationError(
            f"Borger {c.id}: fraflytning {stay.move_out:%d-%m-%Y} er før indflytning "
            f"{stay.move_in:%d-%m-%Y}."
        )
    return led


def _stay_days(
    occupied: tuple[int, int],
    facility: str,
    led: FacilityLedger,
    timeline: Timeline,
    sold: bool,
    run: _Run,
    periods: list[tuple[int, int, str, Placement]],
    used: set[int],
    uncovered: list[tuple[int, int]],
) -> None:
    """The occupied days of one stay (day ordinals a..b): activity, sales, periods."""
    a, b = occupied
    led.occupied_ranges.append((a, b))
    segs = timeline.segments(a, b)
    covered_from = segs[0][0] if segs else b + 1
    if covered_from > a:
        uncovered.append((a, covered_from - 1))
    for s, e, i in segs:
        p = timeline.placements[i]
        used.add(i)
        led.add_stay(s, e, p, sold, run.params.overhead_rate, run.starts)
        periods.append((s, e, facility, p))
        if s <= run.ref <= e:
            lv = run.on_ref[facility]
            lv[p.level] = lv.get(p.level, 0) + 1


def _tail_days(
    r: StayRanges,
    led: FacilityLedger,
    timeline: Timeline,
    sold: bool,
    run: _Run,
    uncovered: list[tuple[int, int]],
) -> None:
    """The budget tail (and billed tail) after a move-out, at the move-out day's tariff."""
    assert r.move_out is not None
    i_out = timeline.index_on(r.move_out)
    if i_out is None:
        uncovered.append((r.move_out, r.move_out))
        return
    tariff = timeline.placements[i_out].service_tariff
    if r.tail is not None:
        led.add_active(r.tail[0], r.tail[1], tariff, run.starts)
    if sold and r.billing_tail is not None:
        led.add_billed(
            r.billing_tail[0], r.billing_tail[1], tariff, run.params.overhead_rate, run.starts
        )


def _overlap_warnings(c: Citizen, spans: list[tuple[int, int]]) -> list[Warning]:
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


def _merge(periods: list[tuple[int, int, str, Placement]]) -> tuple[CitizenPeriod, ...]:
    """Join consecutive days into one period while the facility, the level, the tariff and the
    hours as shown (two decimals) stay the same (SPEC §4: one level and tariff per period)."""
    periods.sort(key=lambda t: (t[0], t[1]))
    out: list[tuple[int, int, str, Placement]] = []
    keys: list[tuple[str, str, Decimal, Decimal | None]] = []
    for s, e, f, p in periods:
        h = p.hours_per_day
        key = (f, p.level, p.service_tariff, None if h is None else round_2(h))
        if out and keys[-1] == key and out[-1][1] == s - 1:
            out[-1] = (out[-1][0], e, f, out[-1][3])
        else:
            out.append((s, e, f, p))
            keys.append(key)
    return tuple(
        CitizenPeriod(date.fromordinal(s), date.fromordinal(e), f, p) for s, e, f, p in out
    )
