"""The web layer's result cache recomputes incrementally after a change, and what it gives is
exactly the full calculation of the year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.web.calculation import results
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.facilities.services import facility_actuals
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _full() -> Any:
    return compute(scenario_for_year(2026), today=timezone.localdate())


def test_incremental_results_equal_the_full_calculation(client_as: Any, monkeypatch: Any) -> None:
    assert computed(2026).result == _full()
    calls: list[str] = []
    real_update = results.update
    monkeypatch.setattr(
        results, "update", lambda *a, **k: calls.append("update") or real_update(*a, **k)
    )
    stay = m.Stay.objects.filter(move_out__isnull=True).order_by("pk").first()
    assert stay is not None
    client = client_as("myndighed")
    client.post(
        f"/borgere/{stay.citizen_id}/ophold/{stay.pk}/afslut/",
        {"fraflytning": "2026-08-20", "aarsag": "fraflytning"},
    )
    assert computed(2026).result == _full()
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    fy = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    facility_actuals(user=None, row=f, year=2026, version=fy.version, actuals={1: Decimal(5)})
    assert computed(2026).result == _full()
    assert calls == ["update", "update"]
    assert computed(2026, today=date(2026, 6, 1)).result == compute(
        scenario_for_year(2026), today=date(2026, 6, 1)
    )
