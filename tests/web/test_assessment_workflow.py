"""The døgnskema workflow: send back with a reason, withdraw, delete a draft, four eyes, and no
second draft beside one under way. Each step is one transaction with one audit row."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
ENTRIES = [{"days": ["mon", "tue", "wed"], "start": "07:00", "end": "09:00"}]


def _citizen() -> m.Citizen:
    c = (
        m.Citizen.objects.filter(stays__facility__area__name="Område Grenaa")
        .exclude(assessments__status__in=["draft", "submitted"])
        .first()
    )
    assert c is not None
    return c


def _draft(client: Any, c: m.Citizen) -> m.Assessment:
    r = client.post(
        f"/borgere/{c.pk}/doegnskema/gem/",
        json.dumps({"effective_from": "2026-10-01", "entries": ENTRIES}),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return m.Assessment.objects.get(pk=r.json()["id"])


def _step(client: Any, a: m.Assessment, action: str, **extra: str) -> Any:
    a.refresh_from_db()
    return client.post(
        f"/borgere/{a.citizen_id}/vurdering/{a.pk}/{action}/", {"version": a.version, **extra}
    )


def test_send_back_with_reason_then_fix_and_approve(client_as: Any) -> None:
    leader, case_worker = client_as("leder"), client_as("myndighed")
    c = _citizen()
    a = _draft(leader, c)
    _step(leader, a, "indsend")
    _step(case_worker, a, "send-tilbage", begrundelse="")  # a reason is required
    a.refresh_from_db()
    assert a.status == "submitted"
    _step(case_worker, a, "send-tilbage", begrundelse="Natten mangler")
    a.refresh_from_db()
    assert (a.status, a.returned_reason) == ("draft", "Natten mangler")
    page = leader.get(f"/borgere/{c.pk}/vurdering/{a.pk}/").content.decode()
    assert "Natten mangler" in page
    _step(leader, a, "indsend")
    _step(case_worker, a, "godkend")
    a.refresh_from_db()
    assert a.status == "approved"
    assert a.returned_reason == ""
    actions = list(AuditLog.objects.filter(object_id=str(a.pk)).values_list("action", flat=True))
    assert actions[:4] == [
        "assessment.approve",
        "assessment.submit",
        "assessment.return",
        "assessment.submit",
    ]


def test_four_eyes(client_as: Any) -> None:
    case_worker = client_as("myndighed")
    a = _draft(case_worker, _citizen())
    _step(case_worker, a, "indsend")
    page = case_worker.get(f"/borgere/{a.citizen_id}/vurdering/{a.pk}/").content.decode()
    assert 'id="four-eyes"' in page
    assert 'id="approve"' not in page
    _step(case_worker, a, "godkend")
    a.refresh_from_db()
    assert a.status == "submitted"
    _step(client_as("myndighed2"), a, "godkend")
    a.refresh_from_db()
    assert a.status == "approved"


def test_withdraw_delete_and_no_second_draft(client_as: Any) -> None:
    leader = client_as("leder")
    c = _citizen()
    a = _draft(leader, c)
    second = leader.post(
        f"/borgere/{c.pk}/doegnskema/gem/",
        json.dumps({"effective_from": "2026-11-01", "entries": ENTRIES}),
        content_type="application/json",
    )
    assert second.status_code == 400
    assert "under arbejde" in second.json()["error"]
    _step(leader, a, "indsend")
    assert _step(leader, a, "slet").status_code == 302  # a submitted one is not deleted
    assert m.Assessment.objects.filter(pk=a.pk).exists()
    _step(leader, a, "traek-tilbage")
    a.refresh_from_db()
    assert a.status == "draft"
    _step(leader, a, "slet")
    assert not m.Assessment.objects.filter(pk=a.pk).exists()
    log = AuditLog.objects.filter(action="assessment.delete").first()
    assert log is not None
    assert log.before["entries"][0]["start"] == "07:00"
    assert _draft(leader, c).status == "draft"  # a new one may start now


def test_roles(client_as: Any) -> None:
    leader = client_as("leder")
    a = _draft(leader, _citizen())
    _step(leader, a, "indsend")
    _step(leader, a, "send-tilbage", begrundelse="x")  # a leader cannot send back
    a.refresh_from_db()
    assert a.status == "submitted"
    assert _step(client_as("okonomi"), a, "traek-tilbage").status_code == 403
