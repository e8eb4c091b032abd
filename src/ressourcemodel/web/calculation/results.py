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
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

from django.utils import timezone
from django.utils.html import format_html

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.incremental import State, prepare, update
from ressourcemodel.engine.model import Citizen, Facility, Scenario
from ressourcemodel.engine.overview import reference_day
from ressourcemodel.engine.results import CitizenPeriod, CitizenResult, FacilityResult, Result
from ressourcemodel.web.records import models as m

from .changes import bump_data_version, changed_since, data_version, remapped
from .mappers import scenario_for_year

__all__ = ["bump_data_version", "data_version"]  # the writers' door stays here

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
# the last calculation per (year, reference day), with the data version it was mapped at
_states: dict[tuple[int, date], tuple[int, State]] = {}


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
    scenario, result, rolled = _incremental(year, key[1], key[2], today)
    value = Computed.of(scenario, result)
    if rolled is not None:
        _carry_residents(value, (year, rolled[0], key[2]), rolled[1], key[1] - rolled[0])
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _carry_residents(
    value: Computed, old_key: tuple[int, int, date], state: State, versions: int
) -> None:
    """When ``value`` was rolled forward from ``state``, only citizens changed since, and the
    cached result of ``state`` (at ``old_key``) has its facility index built, the new index is
    the old one with the changed citizens' facilities made again (equal to building it afresh:
    rows in name, then id order, as the register is mapped)."""
    with _lock:
        old = _cache.get(old_key)
    if old is None or old.result is not state.result or "residents" not in old.__dict__:
        return
    if versions <= 0:
        return
    changed = changed_since(old_key[1], old_key[1] + versions)
    if changed is None or changed.frame or old.scenario.parameters != value.scenario.parameters:
        return
    ids = changed.ids
    touched: set[str] = set()
    for c in (old, value):
        for cid in ids & c.citizens.keys():
            touched |= {p.facility for p in c.citizens[cid].periods}
    residents = dict(old.residents)
    for code in touched:
        rows = [r for r in residents.pop(code, ()) if r.result.id not in ids]
        for cid in ids & value.citizens.keys():
            cr = value.citizens[cid]
            periods = tuple(p for p in cr.periods if p.facility == code)
            if periods:
                rows.append(Residence(value.citizen_inputs[cid].name, cr, periods))
        if rows:
            residents[code] = tuple(sorted(rows, key=lambda r: (r.name, int(r.result.id))))
    value.__dict__["residents"] = residents  # what the cached_property would have built


def _incremental(
    year: int, version: int, ref: date, today: date
) -> tuple[Scenario, Result, tuple[int, State] | None]:
    """After a change, only what it touched is read and recomputed: from the last calculation
    of the same year and reference day kept in this process, the citizens that the data
    versions since then changed are mapped again with the frame (ADR 0015), and the engine
    recomputes those citizens, their facilities and the totals (everything when parameters
    change). Without a kept calculation, or when the log cannot say what changed, the whole
    year is mapped. The result is equal to ``compute(scenario_for_year(year))``
    (tests/web/test_change_log.py, tests/engine/test_incremental.py)."""
    with _lock:
        previous = _states.get((year, ref))
    state = rolled = None
    if previous is not None:
        state = _rolled_forward(year, *previous, version)
        rolled = None if state is None else previous
    if state is None:
        scenario = scenario_for_year(year)
        state = (
            prepare(scenario, today=today) if previous is None else update(previous[1], scenario)
        )
    with _lock:
        _states[(year, ref)] = (version, state)
        while len(_states) > _CACHE_SIZE:
            _states.pop(next(iter(_states)))
    return state.scenario, state.result, rolled


def _rolled_forward(year: int, old: int, state: State, new: int) -> State | None:
    """``state`` (mapped at version ``old``) brought to the live data of version ``new`` by
    mapping only what changed in between; None when the log cannot tell."""
    if old == new:
        return state
    changed = changed_since(old, new)
    if changed is None:
        return None
    scenario = remapped(year, state.scenario, changed)
    return update(state, scenario, changed_citizens=changed.ids)


def live_scenario(year: int, *, today: date | None = None) -> tuple[State, Scenario] | None:
    """This process's last calculation of ``year`` and the live data as this connection sees
    them (a write's check sees its own rows), read from it as :func:`computed` does: the frame
    and the citizens changed since; never cached. None when the process keeps no calculation
    of the year or the log cannot tell what changed since."""
    ref = reference_day(year, today or timezone.localdate())
    with _lock:
        previous = _states.get((year, ref))
    if previous is None:
        return None
    old, state = previous
    changed = changed_since(old, data_version())
    if changed is None:
        return None
    return state, remapped(year, state.scenario, replace(changed, frame=True))


def kept_state(year: int, *, today: date | None = None) -> State | None:
    """This process's calculation of ``year`` on the data version now, kept in parts for the
    incremental engine; None when the process has none (a write's engine check starts from it)."""
    ref = reference_day(year, today or timezone.localdate())
    key = (year, data_version(), ref)
    with _lock:
        hit = _cache.get(key)
        kept = _states.get((year, ref))
    if hit is None or kept is None or kept[1].result is not hit.result:
        return None
    return kept[1]


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
