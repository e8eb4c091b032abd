"""Level placement, hourly cost, service tariff and base tariff (SPEC §3.2–3.4)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from .errors import EngineError, ValidationError
from .model import Assessment, Facility, ScheduleEntry
from .money import round_kr, round_ore, round_ratio, to_fraction
from .parameters import LevelDef, LevelUnit, Parameters
from .results import LevelTariff, Placement
from .schedule import validate_entries, weekly_minutes

S1 = "S1"
S2 = "S2"


def hourly_cost(params: Parameters) -> Decimal:
    """kr per productive staff hour, øre (SPEC §3.3): given, or
    round_ore(Σ share_i × annual_cost_i ÷ productive_hours_per_fte)."""
    if params.hourly_cost is not None:
        return params.hourly_cost
    annual = sum((s.share * s.annual_cost for s in params.staff_mix), start=Decimal(0))
    return round_ore(to_fraction(annual) / to_fraction(params.productive_hours_per_fte))


def _per_day(value: Decimal, params: Parameters) -> Fraction:
    """Level hours in hours per døgn (a per-week level table is divided by 7)."""
    f = to_fraction(value)
    return f / 7 if params.level_unit is LevelUnit.WEEK else f


def price_hours(hours: Fraction, params: Parameters, cost: Decimal) -> Decimal:
    """Service tariff per døgn = round_kr(hours × (1 + indirect_share) × hourly_cost) (§3.3).

    ``hours`` are hours per døgn, exact. Indirect time is added when pricing, not when placing.
    """
    return round_kr(hours * (1 + to_fraction(params.indirect_share)) * to_fraction(cost))


def level_tariffs(params: Parameters, cost: Decimal) -> tuple[LevelTariff, ...]:
    """Service tariff per døgn of each ordinary level (whole kroner)."""
    return tuple(
        LevelTariff(
            lv.code,
            lv.lower,
            lv.upper,
            lv.priced_hours,
            price_hours(_per_day(lv.priced_hours, params), params, cost),
        )
        for lv in params.levels
    )


def place_hours(hours: Fraction, levels: tuple[LevelDef, ...], params: Parameters) -> str:
    """Level code for exact hours per døgn (SPEC §3.2): lower ≤ h < upper; at or above the top
    bound → S1; below the lowest bound → the lowest level. Monotone in hours."""
    h = hours * 7 if params.level_unit is LevelUnit.WEEK else hours
    if h >= to_fraction(levels[-1].upper):
        return S1
    for lv in levels:
        if h < to_fraction(lv.upper):
            return lv.code
    return S1  # unreachable: the top bound was checked above


class Pricer:
    """Prices assessments for one tariff year; caches the level table."""

    def __init__(self, params: Parameters) -> None:
        self.params = params
        self.hourly_cost = hourly_cost(params)
        self.levels = level_tariffs(params, self.hourly_cost)
        self._by_code = {lt.code: lt for lt in self.levels}
        # Upper bounds in attributed minutes per week, so placement compares without dividing.
        per_week = 60 if params.level_unit is LevelUnit.WEEK else 7 * 60
        self._uppers = [to_fraction(lv.upper) * per_week for lv in params.levels]
        self._uppers_int = [int(u) if u.denominator == 1 else u for u in self._uppers]
        self._codes = [lv.code for lv in params.levels]
        self._uppers_ratio = [u.as_integer_ratio() for u in self._uppers]

    def level_tariff(self, code: str) -> Decimal:
        try:
            return self._by_code[code].service_tariff
        except KeyError:
            raise EngineError(f"Ukendt takstniveau '{code}'.") from None

    def place_entries(self, entries: tuple[ScheduleEntry, ...], *, citizen_label: str) -> Placement:
        validate_entries(entries, citizen=citizen_label)
        return self.place_valid(entries)

    def place_valid(self, entries: tuple[ScheduleEntry, ...]) -> Placement:
        """Placement of a døgnskema already known to be valid (see ``place_entries``)."""
        return self.place_minutes(weekly_minutes(entries))

    def place_minutes(self, minutes: Fraction) -> Placement:
        """Level and service tariff of a valid døgnskema's exact attributed minutes per week."""
        m: int | Fraction = minutes.numerator if minutes.denominator == 1 else minutes
        code = S1
        for upper, c in zip(self._uppers_int, self._codes, strict=True):
            if m < upper:
                code = c
                break
        if code == S1:
            tariff = price_hours(minutes / 420, self.params, self.hourly_cost)
        else:
            tariff = self._by_code[code].service_tariff
        return Placement(minutes, code, tariff)

    def place_fraction(self, minutes: Fraction) -> Placement:
        """``place_minutes``, the level found by comparing integers: minutes n/d is below an
        upper bound u/v exactly when n × v < u × d (d, v > 0)."""
        n, d = minutes.numerator, minutes.denominator
        for (u, v), code in zip(self._uppers_ratio, self._codes, strict=True):
            if n * v < u * d:
                return Placement(minutes, code, self._by_code[code].service_tariff)
        return self.place_minutes(minutes)  # S1: priced by its hours

    def bounds(self) -> list[tuple[int, int, str, Decimal]]:
        """Each level's upper bound in minutes per week as the ratio u/v, its code and its
        service tariff, in the order ``place_fraction`` tries them."""
        tariffs = [self._by_code[c].service_tariff for c in self._codes]
        rows = zip(self._uppers_ratio, self._codes, tariffs, strict=True)
        return [(u, v, code, tariff) for (u, v), code, tariff in rows]

    def place(self, a: Assessment, *, citizen_label: str) -> Placement:
        """Placement of one assessment: døgnskema entries, or a hand-set level with a reason."""
        if a.level is None:
            return self.place_entries(a.entries, citizen_label=citizen_label)
        if a.level == S2:
            if a.daily_amount is None:
                raise ValidationError(
                    f"Borger {citizen_label}: særtakst S2 fra {a.effective_from:%d-%m-%Y} "
                    f"mangler beløb pr. døgn (daily_amount)."
                )
            return Placement(None, S2, a.daily_amount, manual=True, reason=a.reason)
        if a.level == S1:
            raise ValidationError(
                f"Borger {citizen_label}: S1 kan ikke sættes manuelt; den følger af døgnskemaets "
                f"timer."
            )
        minutes = None
        if a.entries:  # shown beside the level: entries that break a rule get its error
            validate_entries(a.entries, citizen=citizen_label)
            minutes = weekly_minutes(a.entries)
        return Placement(minutes, a.level, self.level_tariff(a.level), manual=True, reason=a.reason)


def place_entries(
    entries: tuple[ScheduleEntry, ...], params: Parameters, *, citizen_label: str
) -> Placement:
    """Validate a døgnskema and place it: exact hours per døgn, level and service tariff."""
    return Pricer(params).place_entries(entries, citizen_label=citizen_label)


def occupancy_rate(facility: Facility, params: Parameters) -> Decimal:
    """Rate used in the base tariff (SPEC §3.4): the facility's own; else the average of the last
    two years' actual occupancy clamped to [occupancy_min, occupancy_max]; else the default."""
    if facility.occupancy_rate is not None:
        return facility.occupancy_rate
    hist = dict(facility.occupancy_history)
    last_two = [hist[y] for y in (params.year - 1, params.year - 2) if y in hist]
    if not last_two:
        return params.occupancy_rate
    avg = sum(last_two, start=Decimal(0)) / len(last_two)
    return min(max(avg, params.occupancy_min), params.occupancy_max)


def regulation(facility: Facility, params: Parameters) -> Decimal:
    """Efterregulering in this year's base tariff: the facility's explicit amount plus results
    carried from year − lag (a surplus is returned, a deficit recovered: amount × −1)."""
    carried = sum(
        (
            -r.amount
            for r in facility.results
            if r.year == params.year - params.regulation_lag_years
        ),
        start=Decimal(0),
    )
    return facility.regulation + carried


class FacilityTerms(NamedTuple):
    """What a facility's base tariff is made of (SPEC §3.4), worked out once a calculation."""

    fixed: Decimal  # Σ fixed cost lines
    regulation: Decimal  # efterregulering, ``regulation``
    occupancy: Decimal  # the rate used, ``occupancy_rate``
    base: Decimal  # kr per døgn


def facility_terms(facility: Facility, params: Parameters, days_in_year: int) -> FacilityTerms:
    """kr per døgn = round_kr((Σ fixed lines + regulation) ÷ (places × days × occupancy)) (§3.4),
    with the figures it is made of."""
    fixed = sum((amount for _, amount in facility.fixed_costs), start=Decimal(0))
    reg = regulation(facility, params)
    occupancy = occupancy_rate(facility, params)
    n, d = (fixed + reg).as_integer_ratio()
    on, od = occupancy.as_integer_ratio()  # od > 0
    den = facility.places * days_in_year * on
    if den <= 0:
        raise EngineError(f"Tilbud {facility.id}: pladser og belægning skal være større end 0.")
    base = round_ratio(n * od, d * den, 0)  # = round_kr of the exact ratio, in integers
    return FacilityTerms(fixed, reg, occupancy, base)


def base_tariff(facility: Facility, params: Parameters, days_in_year: int) -> Decimal:
    """kr per døgn = round_kr((Σ fixed lines + regulation) ÷ (places × days × occupancy)) (§3.4)."""
    return facility_terms(facility, params, days_in_year).base
