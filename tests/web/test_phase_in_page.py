"""The phase-in page (SPEC §3.8): the plan by year is the engine's, neutrality is shown, the
cap model works, and finance types old budgets (kept as new facility-year versions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ressourcemodel.engine.phase_in import PhaseInStep, phase_in
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _engine_plan(shares: list[str], cap: Decimal | None = None) -> Any:
    fs = [f for f in computed(2026).result.facilities if f.old_budget is not None]
    return phase_in(
        tuple((f.id, f.old_budget, f.total_budget) for f in fs),  # type: ignore[misc]
        steps=tuple(PhaseInStep(2026 + i, Decimal(s)) for i, s in enumerate(shares)),
        cap_rate=cap,
    )


def test_the_plan_is_the_engines(client_as: Any) -> None:
    html = client_as("ledelse").get("/indfasning/?aar=2026&andel1=25&andel2=75&andel3=100")
    assert html.status_code == 200
    page = html.content.decode()
    rows = _engine_plan(["0.25", "0.75", "1"])
    assert rows
    for r in rows:
        for _year, budget in r.by_year:
            assert format_kr(budget, 0) in page
    assert 'id="neutrality"' in page


def test_the_cap_model(client_as: Any) -> None:
    page = client_as("okonomi").get("/indfasning/?aar=2026&model=loft&loft=2").content.decode()
    for r in _engine_plan(["1", "1", "1"], cap=Decimal("0.02")):
        assert format_kr(r.by_year[0][1], 0) in page
    bad = client_as("okonomi").get("/indfasning/?aar=2026&model=loft&loft=abc")
    assert bad.status_code == 400


def test_finance_types_old_budgets(client_as: Any) -> None:
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    client = client_as("okonomi")
    r = client.post("/indfasning/?aar=2026", {f"gammelt_{f.code}": "12.345.678"})
    assert r.status_code == 302
    assert computed(2026).facilities[f.code].old_budget == Decimal(12345678)
    assert m.FacilityYear.objects.filter(facility=f, year=2026).count() == 2
    assert AuditLog.objects.filter(action="facility.old_budgets").exists()
    n = m.FacilityYear.objects.count()
    client.post("/indfasning/?aar=2026", {f"gammelt_{f.code}": "mange penge"})
    assert m.FacilityYear.objects.count() == n
    assert client_as("leder").post("/indfasning/?aar=2026", {}).status_code == 403
