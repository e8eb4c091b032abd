"""Each data version records what it changed; a process holding the year mapped at an earlier
version maps only the changed citizens and the frame, and what it gets is exactly the full
mapping of the year and its full calculation (ADR 0015)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.web.calculation import changes, results
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.citizens import records, services
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.facilities.services import facility_actuals
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db

ENTRIES = [
    {
        "days": ["mon", "tue", "wed", "thu", "fri"],
        "start": "08:00",
        "end": "11:30",
        "form": "individual",
        "theme": "Egenomsorg",
        "legal_basis": "SEL85",
    }
]


def _user() -> Any:
    return get_user_model().objects.get(username="myndighed")


def _full_mappings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = results.scenario_for_year
    monkeypatch.setattr(
        results, "scenario_for_year", lambda year, **k: calls.append(year) or real(year, **k)
    )
    return calls


def _same_as_full() -> None:
    got = results.computed(2026)
    full = scenario_for_year(2026)
    assert got.scenario == full
    assert [c.id for c in got.scenario.citizens] == [c.id for c in full.citizens]
    assert got.result == compute(full, today=timezone.localdate())
    assert got.residents == results.Computed.of(got.scenario, got.result).residents


def _approve(rng: random.Random) -> None:
    c = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("pk")
    c = c.exclude(assessments__status__in=["draft", "submitted"])[rng.randrange(5)]
    day = date(2026, rng.randrange(2, 12), rng.randrange(1, 28))
    if m.Assessment.objects.filter(citizen=c, effective_from=day).exists():
        return
    data = services.AssessmentInput(effective_from=day, entries=ENTRIES, ratings={})
    a = services.assessment_save_draft(
        user=None, citizen=c, assessment=None, data=data, version=None, year=2026
    )
    a = services.assessment_submit(user=None, assessment=a, version=a.version)
    services.assessment_approve(user=_user(), assessment=a, version=a.version)


def _move(rng: random.Random) -> None:
    c = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("pk")[rng.randrange(8)]
    last = c.stays.order_by("-move_in").first()
    assert last is not None
    day = max(last.move_in + timedelta(days=2), date(2026, rng.randrange(1, 12), 1))
    code = m.Facility.objects.order_by("code").values_list("code", flat=True)[rng.randrange(3)]
    records.stay_move_in(user=_user(), citizen=c, facility=code, move_in=day)


def _end(rng: random.Random) -> None:
    s = m.Stay.objects.filter(move_out__isnull=True).order_by("pk")[rng.randrange(8)]
    day = max(s.move_in, date(2026, rng.randrange(1, 13), 15))
    records.stay_end(user=_user(), stay=s, move_out=day, reason="fraflytning")


def _create(rng: random.Random) -> None:
    records.citizen_create(
        user=_user(),
        data=records.NewCitizen(
            name=f"Ny Borger {rng.randrange(1000)}", cpr="", paying_municipality="707",
            facility="T01", move_in=date(2026, rng.randrange(1, 13), 1), level="3",
            reason="Foreløbigt",
        ),
    )  # fmt: skip


def _actuals(rng: random.Random) -> None:
    f = m.Facility.objects.order_by("code")[rng.randrange(3)]
    fy = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    amount = {rng.randrange(1, 13): Decimal(rng.randrange(1, 10**6))}
    facility_actuals(user=None, row=f, year=2026, version=fy.version, actuals=amount)


WRITES = [_approve, _move, _end, _create, _actuals]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_partly_remapped_scenario_equals_the_full_mapping(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    _same_as_full()
    calls = _full_mappings(monkeypatch)
    done = 0
    for _ in range(12):
        for _ in range(rng.randrange(1, 3)):  # one or two versions between two pages
            try:
                rng.choice(WRITES)(rng)
                done += 1
            except ServiceError:
                pass  # a write the engine or the rules refuse keeps nothing
        monkeypatch.undo()
        _same_as_full()
        calls = _full_mappings(monkeypatch)
    assert done >= 6
    assert calls == []  # every version was read from the log, never the whole register


def test_each_write_logs_what_it_changed() -> None:
    before = changes.data_version()
    s = m.Stay.objects.filter(move_out__isnull=True).order_by("pk").first()
    assert s is not None
    records.stay_end(user=_user(), stay=s, move_out=date(2026, 9, 30), reason="fraflytning")
    _actuals(random.Random(0))
    changes.bump_data_version()
    logged = list(
        m.DataChange.objects.filter(version__gt=before)
        .order_by("version")
        .values_list("scope", "citizens")
    )
    assert logged == [("citizens", [s.citizen_id]), ("frame", []), ("everything", [])]
    assert changes.changed_since(before, before + 1) == changes.Changed(
        frozenset({s.citizen_id}), frame=False
    )
    assert changes.changed_since(before, before + 2) == changes.Changed(
        frozenset({s.citizen_id}), frame=True
    )
    assert changes.changed_since(before, before + 3) is None  # everything
    m.DataChange.objects.filter(version=before + 1).delete()
    assert changes.changed_since(before, before + 2) is None  # a gap


def test_an_unknown_change_or_a_gap_maps_the_whole_year(monkeypatch: pytest.MonkeyPatch) -> None:
    results.computed(2026)
    calls = _full_mappings(monkeypatch)
    changes.bump_data_version()  # a change that does not say what it changed
    _same_as_full()
    assert calls == [2026]
    _end(random.Random(5))
    m.DataChange.objects.all().delete()  # the log pruned past this process
    _same_as_full()
    assert calls == [2026, 2026]


def test_the_log_is_kept_bounded() -> None:
    for _ in range(changes.KEEP + 150):
        changes.bump_data_version(frame=True)
    assert m.DataChange.objects.count() <= changes.KEEP + 100
    newest = changes.data_version()
    assert changes.changed_since(newest - 50, newest) == changes.Changed(frozenset(), True)


def test_the_frame_read_as_rows_equals_the_full_mapping() -> None:
    from ressourcemodel.web.calculation.frame import frame_for_year

    _actuals(random.Random(7))  # a facility year with a newer version and monthly actuals
    full = scenario_for_year(2026)
    frame = frame_for_year(2026)
    assert frame.parameters == full.parameters
    assert frame.facilities == full.facilities
    assert any(f.actuals for f in frame.facilities)
    assert any(f.fixed_costs for f in frame.facilities)
