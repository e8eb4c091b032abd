"""Records in the product: facilities (create, edit, actuals), citizens with a move-in and a
provisional level, moves in and out (a death too), a new døgnskema from a copy. Every write is
one transaction with one audit row, bad input changes nothing, and the figures are the engine's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
NEW = {
    "kode": "T99",
    "navn": "Bofællesskabet Prøven",
    "omraade": "Område Grenaa",
    "pladser": "6",
    "lovgrundlag": "SEL §108",
    "nattevagt": "vaagen",
    "fast_nattevagt": "1.200.000",
    "fast_ledelse_og_administration": "450.000,50",
}


def test_create_a_facility_and_its_year(client_as: Any) -> None:
    client = client_as("okonomi")
    total = computed(2026).result.overview.total.total_budget
    r = client.post("/tilbud/ny/", NEW)
    assert r.status_code == 302, r.content.decode()[-800:]
    f = computed(2026).facilities["T99"]
    assert f.fixed_costs_total == Decimal("1650000.50")
    assert f.places == 6
    assert computed(2026).result.overview.total.total_budget == total + f.total_budget
    assert AuditLog.objects.filter(action="facility.create", object_id=str(
        m.Facility.objects.get(code="T99").pk)).exists()  # fmt: skip
    again = client.post("/tilbud/ny/", NEW)
    assert again.status_code == 400
    assert "findes allerede" in again.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("pladser", "x"), ("pladser", "0"), ("navn", ""), ("fast_nattevagt", "1,234"),
     ("fast_nattevagt", "tusind"), ("nattevagt", "hmm"), ("kode", "T 99!")],
)  # fmt: skip
def test_bad_facility_input_changes_nothing(client_as: Any, field: str, value: str) -> None:
    n, logs = m.Facility.objects.count(), AuditLog.objects.count()
    r = client_as("okonomi").post("/tilbud/ny/", {**NEW, field: value})
    assert r.status_code == 400
    assert "Intet er gemt" in r.content.decode()
    assert (m.Facility.objects.count(), AuditLog.objects.count()) == (n, logs)


def test_edit_keeps_the_old_year_as_a_version(client_as: Any) -> None:
    client = client_as("okonomi")
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    fy = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    form = {**NEW, "navn": f.name, "omraade": f.area.name, "pladser": str(f.places + 1),
            "version": str(fy.version)}  # fmt: skip
    stale = client.post(f"/tilbud/{f.code}/rediger/?aar=2026", {**form, "version": "999"})
    assert stale.status_code == 400
    assert m.Facility.objects.get(pk=f.pk).places == f.places
    assert client.post(f"/tilbud/{f.code}/rediger/?aar=2026", form).status_code == 302
    assert m.FacilityYear.objects.filter(facility=f, year=2026).count() == 2
    new = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    assert new.version == fy.version + 1
    assert computed(2026).facilities[f.code].fixed_costs_total == Decimal("1650000.50")
    assert computed(2026).facilities[f.code].places == f.places + 1


def test_actuals_give_the_forecast(client_as: Any) -> None:
    client = client_as("okonomi")
    f = m.Facility.objects.order_by("code").first()
    assert f is not None
    fy = m.FacilityYear.objects.get(facility=f, year=2026, superseded_at__isnull=True)
    form = {"version": str(fy.version), "maaned_1": "1.000.000", "maaned_2": "900.000,25"}
    assert client.post(f"/tilbud/{f.code}/forbrug/?aar=2026", form).status_code == 302
    fr = computed(2026).facilities[f.code]
    assert fr.forecast is not None
    assert fr.forecast.actual_to_date == Decimal("1900000.25")
    assert fr.forecast.months_with_actuals == 2
    bad = client.post(
        f"/tilbud/{f.code}/forbrug/?aar=2026",
        {"version": str(fy.version + 1), "maaned_3": "tre"},
    )
    assert bad.status_code == 400
    assert computed(2026).facilities[f.code].forecast.actual_to_date == Decimal("1900000.25")  # type: ignore[union-attr]


def test_a_new_citizen_moves_in_with_a_provisional_level(client_as: Any) -> None:
    client = client_as("myndighed")
    form = {"navn": "Ny Prøvesen", "cpr": "", "betalingskommune": "751", "tilbud": "T01",
            "indflytning": "2026-06-01", "niveau": "4", "begrundelse": "Foreløbigt"}  # fmt: skip
    r = client.post("/borgere/ny/", form)
    assert r.status_code == 302, r.content.decode()[-800:]
    c = m.Citizen.objects.get(name="Ny Prøvesen")
    cr = computed(2026).citizens[str(c.pk)]
    assert cr.periods[0].start == date(2026, 6, 1)
    assert cr.periods[0].placement.level == "4"
    assert cr.sold
    assert "CPR mangler" in client.get(f"/borgere/{c.pk}/").content.decode()
    assert client.post("/borgere/ny/", {**form, "cpr": "3113991234"}).status_code == 400
    assert client_as("leder").post("/borgere/ny/", form).status_code == 403


def test_move_out_death_and_move_in(client_as: Any) -> None:
    client = client_as("myndighed")
    stay = m.Stay.objects.filter(move_out__isnull=True, facility__code="T01").first()
    assert stay is not None
    c = stay.citizen
    before = computed(2026).facilities["T01"].activity_budget
    r = client.post(
        f"/borgere/{c.pk}/ophold/{stay.pk}/afslut/",
        {"fraflytning": "2026-05-14", "aarsag": "doed"},
    )
    assert r.status_code == 302
    stay.refresh_from_db()
    assert (stay.move_out, stay.end_reason) == (date(2026, 5, 14), "doed")
    cr = computed(2026).citizens[str(c.pk)]
    assert max(p.end for p in cr.periods) == date(2026, 5, 14)
    assert computed(2026).facilities["T01"].activity_budget < before
    assert AuditLog.objects.filter(action="stay.end").exists()
    bad = client.post(
        f"/borgere/{c.pk}/ophold/{stay.pk}/afslut/", {"fraflytning": "2001-01-01", "aarsag": "x"}
    )
    assert bad.status_code == 302
    stay.refresh_from_db()
    assert stay.move_out == date(2026, 5, 14)


def test_copy_an_approved_schedule_into_a_new_draft(client_as: Any) -> None:
    a = (
        m.Assessment.objects.filter(status="approved", manual_level="")
        .exclude(citizen__assessments__status__in=["draft", "submitted"])
        .first()
    )
    assert a is not None
    r = client_as("myndighed").post(f"/borgere/{a.citizen_id}/vurdering/{a.pk}/kopier/")
    assert r.status_code == 302
    new = m.Assessment.objects.filter(citizen=a.citizen, status="draft").get()
    assert new.entries.count() == a.entries.count()
    assert r["Location"].endswith(f"/vurdering/{new.pk}/")
