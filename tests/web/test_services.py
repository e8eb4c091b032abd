"""Services: every change writes an audit row; invalid input and stale versions change nothing."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from ressourcemodel.engine.compute import compute
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year, tariff_year_row
from ressourcemodel.web.citizens import services
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "start": "07:00",
        "end": "12:00",
        "form": "individual",
        "theme": "Egenomsorg",
        "legal_basis": "SEL85",
    }
]
OVERLAP = [
    *GOOD,
    {
        "days": ["mon"],
        "start": "11:00",
        "end": "13:00",
        "form": "individual",
        "theme": "Relationer",
        "legal_basis": "SEL85",
    },
]


def _citizen() -> m.Citizen:
    c = (
        m.Citizen.objects.filter(stays__move_out__isnull=True, paying_municipality="751")
        .order_by("pk")
        .first()
    )
    assert c is not None
    return c


def _save(client, citizen, entries, **extra):  # type: ignore[no-untyped-def]
    body = {"entries": entries, "effective_from": "2026-06-01", "ratings": {"Egenomsorg": [3, 2]}}
    body.update(extra)
    url = extra.pop("url", f"/borgere/{citizen.pk}/doegnskema/gem/")
    return client.post(url, json.dumps(body), content_type="application/json")


def test_invalid_dognskema_is_rejected_in_danish_and_nothing_is_saved(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("leder")
    cit = m.Citizen.objects.filter(stays__facility__area__name="Område Grenaa").first()
    before = (
        m.Assessment.objects.count(),
        m.ScheduleEntryRow.objects.count(),
        AuditLog.objects.count(),
    )
    for entries, text in [
        (OVERLAP, "overlapper"),
        ([{**GOOD[0], "end": "07:00"}], "sluttid er lig starttid"),
        (
            [
                {**GOOD[0], "start": "00:00", "end": "23:00"},
                {**GOOD[0], "start": "23:00", "end": "02:00"},
            ],
            "mere end 24 timer",
        ),
    ]:
        r = _save(c, cit, entries)
        assert r.status_code == 400
        assert text in r.json()["error"]
    assert (
        m.Assessment.objects.count(),
        m.ScheduleEntryRow.objects.count(),
        AuditLog.objects.count(),
    ) == before


def test_placement_api_uses_the_engine(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("myndighed")
    r = c.post(
        "/api/placering/",
        json.dumps({"entries": GOOD, "citizen": "X"}),
        content_type="application/json",
    )
    # 5 h a day → level 3; the demo's staff mix gives 334,04 kr/h: 5 × 1,25 × 334,04 = 2.087,75
    assert r.json() == {"ok": True, "hours_per_day": "5.00", "level": "3", "service_tariff": "2088"}
    bad = c.post(
        "/api/placering/",
        json.dumps({"entries": OVERLAP, "citizen": "X"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "overlapper" in bad.json()["error"]


def test_save_submit_approve_each_leave_an_audit_row_and_change_the_budget(client_as) -> None:  # type: ignore[no-untyped-def]
    cit = _citizen()
    before_result = compute(scenario_for_year(2026))
    worker = client_as("myndighed")
    n0 = AuditLog.objects.count()
    r = _save(worker, cit, GOOD)
    assert r.status_code == 200, r.content
    a = m.Assessment.objects.get(pk=r.json()["id"])
    assert AuditLog.objects.count() == n0 + 1
    log = AuditLog.objects.first()
    assert log is not None
    assert log.action == "assessment.save_draft"
    assert log.after["entries"][0]["start"] == "07:00"

    worker.post(f"/borgere/{cit.pk}/vurdering/{a.pk}/indsend/", {"version": a.version})
    a.refresh_from_db()
    assert a.status == "submitted"
    # four eyes: the one who drew and submitted it cannot approve it
    worker.post(f"/borgere/{cit.pk}/vurdering/{a.pk}/godkend/", {"version": a.version})
    a.refresh_from_db()
    assert a.status == "submitted"
    client_as("myndighed2").post(
        f"/borgere/{cit.pk}/vurdering/{a.pk}/godkend/", {"version": a.version}
    )
    a.refresh_from_db()
    assert a.status == "approved"
    assert [x.action for x in AuditLog.objects.all()[:3]] == [
        "assessment.approve",
        "assessment.submit",
        "assessment.save_draft",
    ]
    assert AuditLog.objects.first().before["status"] == "submitted"  # type: ignore[union-attr]

    after_result = compute(scenario_for_year(2026))
    period = next(c for c in after_result.citizens if c.id == str(cit.pk)).periods
    june = next(p for p in period if p.start <= date(2026, 6, 1) <= p.end)
    assert june.placement.level == "3"
    assert after_result.overview.total.total_budget != before_result.overview.total.total_budget


def test_leader_cannot_approve(client_as) -> None:  # type: ignore[no-untyped-def]
    a = m.Assessment.objects.filter(status="submitted").first()
    assert a is not None
    c = client_as("leder")
    r = c.post(f"/borgere/{a.citizen_id}/vurdering/{a.pk}/godkend/", {"version": a.version})
    a.refresh_from_db()
    assert a.status == "submitted"
    assert r.status_code in (403, 404)


def test_stale_version_is_refused_and_nothing_changes(client_as) -> None:  # type: ignore[no-untyped-def]
    cit = _citizen()
    worker = client_as("myndighed")
    first = _save(worker, cit, GOOD).json()
    url = f"/borgere/{cit.pk}/vurdering/{first['id']}/gem/"
    ok = worker.post(
        url,
        json.dumps({"entries": GOOD, "effective_from": "2026-06-01", "version": first["version"]}),
        content_type="application/json",
    )
    assert ok.status_code == 200
    n = AuditLog.objects.count()
    stale = worker.post(
        url,
        json.dumps(
            {
                "entries": [{**GOOD[0], "end": "13:00"}],
                "effective_from": "2026-06-01",
                "version": first["version"],
            }
        ),
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert "ændret af en anden" in stale.json()["error"]
    assert AuditLog.objects.count() == n
    a = m.Assessment.objects.get(pk=first["id"])
    assert a.entries.get().end_minute == 12 * 60


def test_tariff_year_update_is_audited_and_bad_input_changes_nothing(client_as) -> None:  # type: ignore[no-untyped-def]
    first = tariff_year_row(2026)
    fin = client_as("okonomi")
    n = AuditLog.objects.count()
    fin.post(
        "/takstaar/?aar=2026",
        {
            "hourly_cost": "340,00",
            "indirect_share": "0.25",
            "occupancy_rate": "0.97",
            "overhead_rate": "0",
        },
    )
    ty = tariff_year_row(2026)
    assert ty.hourly_cost == Decimal("340.00")
    # a change is a new version; the old one is kept, superseded (recorded_at never rewritten)
    assert ty.version == first.version + 1
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert first.hourly_cost is None
    assert first.recorded_at <= ty.recorded_at
    assert AuditLog.objects.count() == n + 1
    assert compute(scenario_for_year(2026)).hourly_cost == Decimal("340.00")
    fin.post("/takstaar/?aar=2026", {"hourly_cost": "mange", "indirect_share": "0.25"})
    assert tariff_year_row(2026).hourly_cost == Decimal("340.00")
    assert AuditLog.objects.count() == n + 1
    # a case worker may not change tariffs
    client_as("myndighed").post("/takstaar/?aar=2026", {"hourly_cost": "1"})
    assert tariff_year_row(2026).hourly_cost == Decimal("340.00")


def test_audit_log_cannot_be_changed() -> None:
    log = AuditLog.objects.create(
        action="x", object_type="y", object_id="1", before=None, after=None
    )
    log.action = "changed"
    with pytest.raises(RuntimeError):
        log.save()
    with pytest.raises(RuntimeError):
        log.delete()


def test_service_layer_rejects_approving_a_draft() -> None:
    a = m.Assessment.objects.filter(status="draft").first()
    assert a is not None
    with pytest.raises(services.ServiceError, match="indsendt"):
        services.assessment_approve(user=None, assessment=a, version=a.version)
