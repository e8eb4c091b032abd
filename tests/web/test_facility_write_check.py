"""A facility or tariff-year write is checked by the engine from the process's kept calculation:
only the year's parameters, facilities and the citizens changed since are read, and the incremental
engine gives the same result and the same Danish error as a full calculation. A refused write
keeps nothing (ADR 0015)."""

from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation import mappers, results
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.common import checks
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.facilities import services
from ressourcemodel.web.records import models as m
from ressourcemodel.web.tariffs import services as tariff_services

pytestmark = pytest.mark.django_db


def _no_whole_year(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every call that maps the whole year, in whichever module holds the function."""
    calls: list[int] = []
    real = mappers.scenario_for_year
    for module in list(sys.modules.values()):
        if module is not None and getattr(module, "scenario_for_year", None) is real:
            monkeypatch.setattr(
                module, "scenario_for_year", lambda y, _r=real, **k: calls.append(y) or _r(y, **k)
            )
    return calls


def _year_row(code: str) -> m.FacilityYear:
    return m.FacilityYear.objects.get(facility__code=code, year=2026, superseded_at__isnull=True)


def _input(f: m.Facility, **changes: Any) -> services.FacilityInput:
    fy = _year_row(f.code)
    values: dict[str, Any] = {
        "name": f.name, "area": f.area.name, "places": f.places, "legal_basis": f.legal_basis,
        "night_cover": f.night_cover,
        "fixed_costs": {c.category: c.amount for c in fy.fixed_costs.all()},
    }  # fmt: skip
    return services.FacilityInput(**(values | changes))


def test_facility_writes_are_checked_without_mapping_the_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results.computed(2026)
    calls = _no_whole_year(monkeypatch)
    f = m.Facility.objects.select_related("area").order_by("code").first()
    assert f is not None
    fy = _year_row(f.code)
    services.facility_actuals(
        user=None, row=f, year=2026, version=fy.version, actuals={3: Decimal(123)}
    )
    fy = _year_row(f.code)
    services.facility_update(
        user=None, row=f, data=_input(f, places=f.places + 2), year=2026, version=fy.version
    )
    assert calls == []
    monkeypatch.undo()
    got = results.computed(2026)
    assert got.scenario == scenario_for_year(2026)
    assert got.result == compute(scenario_for_year(2026), today=timezone.localdate())
    assert got.facilities[f.code].places == f.places + 2


def test_a_refused_facility_write_gives_the_full_calculations_message_and_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results.computed(2026)
    f = m.Facility.objects.select_related("area").order_by("code").first()
    assert f is not None
    # the facility year's occupancy is 0: any write of the facility now fails the engine
    m.FacilityYear.objects.filter(pk=_year_row(f.code).pk).update(occupancy_rate=Decimal(0))
    sid = transaction.savepoint()
    with pytest.raises(ServiceError) as full:
        checks.engine_accepts([2026])
    transaction.savepoint_rollback(sid)
    assert "belægning" in str(full.value)
    calls = _no_whole_year(monkeypatch)
    version, audits, rows = (
        results.data_version(),
        AuditLog.objects.count(),
        m.FacilityYear.objects.count(),
    )
    fy = _year_row(f.code)
    with pytest.raises(ServiceError) as refused:
        services.facility_actuals(
            user=None, row=f, year=2026, version=fy.version, actuals={3: Decimal(5)}
        )
    assert str(refused.value) == str(full.value)
    assert calls == []
    assert results.data_version() == version
    assert AuditLog.objects.count() == audits
    assert m.FacilityYear.objects.count() == rows
    assert _year_row(f.code).version == fy.version


def test_without_a_kept_calculation_the_year_is_computed_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _no_whole_year(monkeypatch)
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    fy = _year_row(f.code)
    services.facility_actuals(
        user=None, row=f, year=2026, version=fy.version, actuals={4: Decimal(9)}
    )
    assert calls == [2026]


def test_tariff_year_changes_and_previews_are_checked_without_mapping_the_year(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new tariff version is checked, and previewed, from the kept calculation: the frame is
    read again, the register is not mapped; the figures are a full calculation's."""
    results.computed(2026)
    calls = _no_whole_year(monkeypatch)
    ty = mappers.tariff_year_row(2026)
    rows = tariff_services.tariff_year_preview(
        tariff_year=ty, changes={"hourly_cost": Decimal("351.25")}
    )
    tariff_services.tariff_year_update(
        user=None, tariff_year=ty, changes={"hourly_cost": Decimal("351.25")}
    )
    assert calls == []
    monkeypatch.undo()
    full = compute(scenario_for_year(2026), today=timezone.localdate())
    assert results.computed(2026).result == full
    assert full.hourly_cost == Decimal("351.25")
    after = {f.id: f.total_budget for f in full.facilities}
    assert [(code, new) for code, _, _, new, _ in rows[:-1]] == list(after.items())
    assert rows[-1][3] == full.overview.total.total_budget


def test_a_refused_tariff_change_gives_the_full_calculations_message_and_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    # a facility with neither its own occupancy nor history uses the tariff year's
    m.FacilityYear.objects.filter(pk=_year_row(f.code).pk).update(occupancy_rate=None)
    m.OccupancyHistory.objects.filter(facility=f).delete()
    results.bump_data_version(frame=True)
    results.computed(2026)
    ty = mappers.tariff_year_row(2026)
    scenario = scenario_for_year(2026)
    zero = replace(scenario, parameters=replace(scenario.parameters, occupancy_rate=Decimal(0)))
    with pytest.raises(EngineError) as full:
        compute(zero)
    calls = _no_whole_year(monkeypatch)
    version, audits, rows = results.data_version(), AuditLog.objects.count(), ty.version
    with pytest.raises(ServiceError) as refused:
        tariff_services.tariff_year_update(
            user=None, tariff_year=ty, changes={"occupancy_rate": Decimal(0)}
        )
    assert str(refused.value) == str(full.value)
    assert "belægning" in str(refused.value)
    assert calls == []
    assert results.data_version() == version
    assert AuditLog.objects.count() == audits
    assert mappers.tariff_year_row(2026).version == rows
