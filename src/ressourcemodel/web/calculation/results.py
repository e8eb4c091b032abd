"""The web layer's one door to ``compute()``, with a result cache (ADR 0006).

A result is cached per process under (year, data version, reference day). Every service that
changes an engine input calls :func:`bump_data_version` inside its own transaction, so a page can
never show a result of data that has since changed, and a page that shows one facility or one
citizen pays for mapping and computing the municipality at most once per data version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.incremental import State, prepare, update
from ressourcemodel.engine.model import Citizen, Facility, Scenario
from ressourcemodel.engine.overview import reference_day
from ressourcemodel.engine.results import CitizenPeriod, CitizenResult, FacilityResult, Result
from ressourcemodel.web.records import models as m

from .mappers import scenario_for_year

_CACHE_SIZE = 8
_FRAGMENTS = 256  # rendered pieces kept per result


class NoDataForYear(LookupError):
    """The year has no tariff year in the database."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class Residence:
    """A citizen's periods at one facility in the year."""

    name: str
    result: CitizenResult
    periods: tuple[CitizenPeriod, ...]


@dataclass(frozen=True)
class Computed:
    """A scenario and its result, with look-ups by id (built once per cached result)."""

    scenario: Scenario
    result: Result
    facilities: dict[str, FacilityResult] = field(default_factory=dict)
    citizens: dict[str, CitizenResult] = field(default_factory=dict)
    citizen_inputs: dict[str, Citizen] = field(default_factory=dict)
    facility_inputs: dict[str, Facility] = field(default_factory=dict)
    fragments: dict[tuple[object, ...], str] = field(default_factory=dict)

    def scenario_facility(self, code: str) -> Facility:
        return self.facility_inputs[code]

    def fragment(self, key: tuple[object, ...], render: Callable[[], str]) -> str:
        """A piece of a page made from this result alone, rendered once per ``key`` (which must
        name everything else it shows: scope, language, filters) and kept with the result."""
        hit = self.fragments.get(key)
        if hit is None:
            hit = render()
            if len(self.fragments) < _FRAGMENTS:
                self.fragments[key] = hit
        return hit

    @cached_property
    def facility_options(self) -> tuple[tuple[str, str, str], ...]:
        """Each facility as (code, escaped ``<option value="…"``, escaped ``>name</option>``),
        by area and name: the citizen list's facility filter, escaped once per result."""
        return tuple(
            (f.id, format_html('<option value="{}"', f.id), format_html(">{}</option>", f.name))
            for f in sorted(self.scenario.facilities, key=lambda f: (f.area, f.name))
        )

    @cached_property
    def residents(self) -> dict[str, tuple[Residence, ...]]:
        """Each facility's citizens in the year with their periods there, in name order: built
        once per cached result (on first use), so a facility page does not walk the register."""
        found: dict[str, list[Residence]] = {}
        for cr in self.result.citizens:
            by_facility: dict[str, list[CitizenPeriod]] = {}
            for p in cr.periods:
                by_facility.setdefault(p.facility, []).append(p)
            name = self.citizen_inputs[cr.id].name
            for code, periods in by_facility.items():
                found.setdefault(code, []).append(Residence(name, cr, tuple(periods)))
        return {code: tuple(sorted(rows, key=lambda r: r.name)) for code, rows in found.items()}

    @classmethod
    def of(cls, scenario: Scenario, result: Result) -> Computed:
        return cls(
            scenario,
            result,
            {f.id: f for f in result.facilities},
            {c.id: c for c in result.citizens},
            {c.id: c for c in scenario.citizens},
            {f.id: f for f in scenario.facilities},
        )


_lock = threading.Lock()
_cache: OrderedDict[tuple[int, int, date], Computed] = OrderedDict()
_states: dict[tuple[int, date], State] = {}  # the last calculation per (year, reference day)


def data_version() -> int:
    row = m.DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return row or 0


def bump_data_version() -> None:
    """Call inside the transaction of every write that changes an engine input."""
    if not m.DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        m.DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def years_with_data() -> list[int]:
    return sorted(
        set(m.TariffYear.objects.filter(superseded_at__isnull=True).values_list("year", flat=True)),
        reverse=True,
    )


def current_year() -> int:
    """This calendar year when it has data (a year rolled forward is a draft beside it), else
    the newest year with data."""
    years = years_with_data()
    today = timezone.localdate().year
    if today in years or not years:
        return today
    return years[0]


def computed(year: int, *, today: date | None = None) -> Computed:
    """The engine's result for ``year`` on the live data (cached; see the module doc)."""
    today = today or timezone.localdate()
    key = (year, data_version(), reference_day(year, today))
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    if not m.TariffYear.objects.filter(year=year).exists():
        raise NoDataForYear(year)
    scenario = scenario_for_year(year)
    value = Computed.of(scenario, _incremental(key[0], key[2], scenario, today))
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _incremental(year: int, ref: date, scenario: Scenario, today: date) -> Result:
    """After a change, the engine recomputes only what the change touches (the changed
    citizens, their facilities and the totals; everything when parameters change), from the
    last calculation of the same year and reference day kept in this process. The result is
    equal to ``compute(scenario)`` (tests/engine/test_incremental.py)."""
    with _lock:
        previous = _states.get((year, ref))
    state = prepare(scenario, today=today) if previous is None else update(previous, scenario)
    with _lock:
        _states[(year, ref)] = state
        while len(_states) > _CACHE_SIZE:
            _states.pop(next(iter(_states)))
    return state.result


def kept_state(year: int, *, today: date | None = None) -> State | None:
    """This process's calculation of ``year`` on the data version now, kept in parts for the
    incremental engine; None when the process has none (a write's engine check starts from it)."""
    ref = reference_day(year, today or timezone.localdate())
    key = (year, data_version(), ref)
    with _lock:
        hit = _cache.get(key)
        state = _states.get((year, ref))
    if hit is None or state is None or state.result is not hit.result:
        return None
    return state


def warm_up(*, today: date | None = None) -> list[int]:
    """Compute the current year into the cache now (the server does this once at start, in the
    master process before its workers fork, so they all start warm — ADR 0012). The years it
    computed: none when the database has no data yet."""
    if not years_with_data():
        return []
    year = current_year()
    computed(year, today=today)
    return [year]


def result_for_year(year: int, *, today: date | None = None) -> Result:
    return computed(year, today=today).result


def result_as_known_on(year: int, when: datetime, *, today: date | None = None) -> Result:
    """Recompute ``year`` as the system knew it at ``when`` (never cached)."""
    if not m.TariffYear.objects.filter(year=year, recorded_at__lte=when).exists():
        raise NoDataForYear(year)
    return compute(scenario_for_year(year, as_of=when), today=today or timezone.localdate())


def clear_cache() -> None:
    with _lock:
        _cache.clear()
        _states.clear()
