"""Documents in the web app: the buying municipality gets only its own citizens' takstgrundlag
and statements (404 otherwise); the PDFs hold the engine's figures; marking a month invoiced
is audited."""

from __future__ import annotations

import subprocess

import pytest

from ressourcemodel.engine.billing import billing_lines, total
from ressourcemodel.formatting import format_kr, format_number
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_takstblad_from_the_facility_page(client_as) -> None:  # type: ignore[no-untyped-def]
    c = computed(2026)
    f = c.result.facilities[0]
    page = client_as("okonomi").get(f"/tilbud/{f.id}/").content.decode()
    assert f"/tilbud/{f.id}/takstblad.pdf?aar=2026" in page
    r = client_as("okonomi").get(f"/tilbud/{f.id}/takstblad.pdf?aar=2026")
    assert r["Content-Type"] == "application/pdf"
    text = _text(r.content)
    for lv in c.result.levels:
        assert format_kr(lv.service_tariff, 0) in text
        assert format_kr(f.base_tariff + lv.service_tariff, 0) in text
    assert "KB 24-06-2025, sag 24/302" in text  # the decision behind the indirect share
    assert "version 1" in text


def test_buying_municipality_gets_only_its_own_takstgrundlag(client_as) -> None:  # type: ignore[no-untyped-def]
    aarhus = client_as("aarhus")
    own = m.Citizen.objects.filter(paying_municipality="751", stays__isnull=False).first()
    other = m.Citizen.objects.exclude(paying_municipality="751").filter(stays__isnull=False).first()
    assert own is not None
    assert other is not None
    r = aarhus.get(f"/borgere/{own.pk}/takstgrundlag.pdf?aar=2026")
    assert r.status_code == 200
    text = _text(r.content)
    cr = computed(2026).citizens[str(own.pk)]
    for p in cr.periods:
        assert p.placement.level in text
        assert format_kr(p.placement.service_tariff, 0) in text
        if p.placement.hours_per_day is not None:
            assert format_number(round(p.placement.hours_per_day, 2), 2) in text  # type: ignore[arg-type]
    assert aarhus.get(f"/borgere/{other.pk}/takstgrundlag.pdf?aar=2026").status_code == 404


def test_statements_for_own_municipality_only_and_totals(client_as) -> None:  # type: ignore[no-untyped-def]
    lines = [ln for ln in billing_lines(computed(2026).scenario) if ln.municipality == "751"]
    march = [ln for ln in lines if ln.month == 3]
    aarhus = client_as("aarhus")
    listing = aarhus.get("/afregning/?aar=2026").content.decode()
    assert "730" not in listing.split('id="statements"')[1]
    r = aarhus.get("/afregning/751/3/afregning.pdf?aar=2026")
    assert r.status_code == 200
    assert format_kr(total(march), 0) in _text(r.content)
    assert aarhus.get("/afregning/730/3/afregning.pdf?aar=2026").status_code == 404
    assert client_as("okonomi").get("/afregning/730/3/afregning.pdf?aar=2026").status_code == 200


def test_marking_a_month_invoiced_is_audited_once(client_as) -> None:  # type: ignore[no-untyped-def]
    fin = client_as("okonomi")
    n = AuditLog.objects.count()
    fin.post("/afregning/751/3/faktureret/?aar=2026")
    assert m.InvoiceMark.objects.filter(municipality="751", year=2026, month=3).exists()
    assert AuditLog.objects.count() == n + 1
    assert AuditLog.objects.latest("at").action == "billing.mark_invoiced"
    r = fin.post("/afregning/751/3/faktureret/?aar=2026", follow=True)
    assert "allerede markeret som faktureret" in r.content.decode()
    assert AuditLog.objects.count() == n + 1
    page = fin.get("/afregning/?aar=2026").content.decode()
    assert "Faktureret" in page


def test_tilbudsportalen_from_the_tariff_page(client_as) -> None:  # type: ignore[no-untyped-def]
    r = client_as("ledelse").get("/takstaar/tilbudsportalen.csv?aar=2026")
    assert r.status_code == 200
    c = computed(2026)
    assert r.content.decode("utf-8-sig").count("\n") == 1 + len(c.result.facilities) * len(
        c.result.levels
    )
    assert client_as("ledelse").get("/takstaar/tilbudsportalen.pdf?aar=2026").status_code == 404


def test_months_older_than_12_months_and_not_invoiced_are_flagged(client_as) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from . import factories

    factories.tariff_year(2024)
    f = factories.facility("G1", year=2024)
    factories.citizen("Gammel Salg", at=f, move_in=date(2024, 1, 1), paying="751")
    m.Citizen.objects.exclude(name="Gammel Salg").delete()  # only the test's citizen in 2024
    fin = client_as("okonomi")
    html = fin.get("/afregning/?aar=2024").content.decode()
    assert html.count('class="overdue"') == 12  # every month of 2024 is more than a year ago
    fin.post("/afregning/751/1/faktureret/?aar=2024")
    html = fin.get("/afregning/?aar=2024").content.decode()
    assert html.count('class="overdue"') == 11
