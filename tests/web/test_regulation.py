"""Efterregulering (SPEC §3.4): the result of year t (budget − actuals, all twelve months) is
carried into year t+2's base tariff with its origin year and reason, and the takstblad shows it;
a small surplus may be set aside instead; one decision per facility and year."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from typing import Any

import pytest

from ressourcemodel.engine.money import round_kr
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.facilities.services import facility_actuals
from ressourcemodel.web.records import models as m
from ressourcemodel.web.tariffs.roll_forward import roll_forward

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _twelve_months(code: str, spend_share: Decimal) -> Decimal:
    """Actuals for all twelve months: the month's budget × ``spend_share``; the result."""
    f = m.Facility.objects.get(code=code)
    fy = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    months = computed(2026).facilities[code].months
    actuals = {mr.month: round_kr(mr.total * spend_share) for mr in months}
    facility_actuals(user=None, row=f, year=2026, version=fy.version, actuals=actuals)
    fr = computed(2026).facilities[code]
    assert fr.forecast is not None
    assert fr.forecast.months_with_actuals == 12
    return fr.forecast.budget_to_date - fr.forecast.actual_to_date


def test_a_result_is_carried_into_year_t_plus_2(client_as: Any) -> None:
    result = _twelve_months("T01", Decimal("0.9"))  # a surplus of about 10 %
    assert result > 0
    for y in (2026, 2027):
        roll_forward(user=None, from_year=y, wage=Decimal("0.03"), price=Decimal("0.02"))
    before = computed(2028).facilities["T01"]
    client = client_as("okonomi")
    page = client.get("/efterregulering/?aar=2026").content.decode()
    assert 'id="decide-T01"' in page
    r = client.post(
        "/efterregulering/T01/?aar=2026",
        {"beslutning": "carry", "begrundelse": "Overskud 2026 tilbageføres"},
    )
    assert r.status_code == 302
    after = computed(2028).facilities["T01"]
    assert after.regulation == before.regulation - result  # a surplus is given back
    assert after.base_tariff < before.base_tariff
    fy = m.FacilityYear.objects.get(facility__code="T01", year=2028, superseded_at__isnull=True)
    carried = fy.carried.get()
    assert (carried.origin_year, carried.amount, carried.reason) == (
        2026,
        result,
        "Overskud 2026 tilbageføres",
    )
    d = m.RegulationDecision.objects.get()
    assert (d.kind, d.target_year, d.result) == ("carry", 2028, result)
    assert AuditLog.objects.filter(action="regulation.decide").count() == 1
    pdf = client.get("/tilbud/T01/takstblad.pdf?aar=2028")
    assert pdf.status_code == 200
    text = " ".join(_text(pdf.content).split())
    assert "Resultat 2026 ført ind i taksten: Overskud 2026 tilbageføres" in text
    again = client.post(
        "/efterregulering/T01/?aar=2026", {"beslutning": "carry", "begrundelse": "igen"}
    )
    assert again.status_code == 302
    assert m.RegulationDecision.objects.count() == 1


def test_a_small_surplus_may_be_set_aside(client_as: Any) -> None:
    result = _twelve_months("T02", Decimal("0.98"))
    client = client_as("okonomi")
    client.post(
        "/efterregulering/T02/?aar=2026",
        {"beslutning": "set_aside", "aar_henlagt": "9", "begrundelse": "Buffer"},
    )
    assert not m.RegulationDecision.objects.exists()  # at most five years
    client.post(
        "/efterregulering/T02/?aar=2026",
        {"beslutning": "set_aside", "aar_henlagt": "3", "begrundelse": "Buffer"},
    )
    d = m.RegulationDecision.objects.get()
    assert (d.kind, d.years, d.result, d.target_year) == ("set_aside", 3, result, None)


def test_a_large_surplus_cannot_be_set_aside_and_nothing_before_december(client_as: Any) -> None:
    _twelve_months("T03", Decimal("0.5"))
    client = client_as("okonomi")
    client.post(
        "/efterregulering/T03/?aar=2026",
        {"beslutning": "set_aside", "aar_henlagt": "2", "begrundelse": "x"},
    )
    client.post("/efterregulering/T04/?aar=2026", {"beslutning": "carry", "begrundelse": "x"})
    assert not m.RegulationDecision.objects.exists()
    assert (
        client_as("leder")
        .post("/efterregulering/T03/?aar=2026", {"beslutning": "carry", "begrundelse": "x"})
        .status_code
        == 403
    )
