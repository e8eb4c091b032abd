"""A leader proposes moves at their own facilities; Myndighed approves (then the stay is
registered, with the engine's check) or rejects. Outside the leader's facilities: refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _stay(area: str) -> m.Stay:
    s = m.Stay.objects.filter(move_out__isnull=True, facility__area__name=area).first()
    assert s is not None
    return s


def test_a_leader_proposes_a_death_and_myndighed_approves(client_as: Any) -> None:
    stay = _stay("Område Grenaa")
    leader = client_as("leder")
    r = leader.post(
        f"/borgere/{stay.citizen_id}/ophold/{stay.pk}/foreslaa-afslut/",
        {"fraflytning": "2026-09-09", "aarsag": "doed"},
    )
    assert r.status_code == 302
    stay.refresh_from_db()
    assert stay.move_out is None  # only proposed
    p = m.StayProposal.objects.get()
    home = client_as("myndighed").get("/").content.decode()
    assert f"approve-proposal-{p.pk}" in home
    client_as("myndighed").post(f"/forslag/{p.pk}/godkend/")
    stay.refresh_from_db()
    assert (stay.move_out, stay.end_reason) == (date(2026, 9, 9), "doed")
    cr = computed(2026).citizens[str(stay.citizen_id)]
    assert max(x.end for x in cr.periods) == date(2026, 9, 9)
    p.refresh_from_db()
    assert p.status == "approved"
    assert p.decided_by.username == "myndighed"  # type: ignore[union-attr]
    again = client_as("myndighed").post(f"/forslag/{p.pk}/afvis/")
    assert again.status_code == 302
    p.refresh_from_db()
    assert p.status == "approved"
    assert {"stay.propose", "stay.decide", "stay.end"} <= set(
        AuditLog.objects.values_list("action", flat=True)
    )


def test_a_rejected_proposal_changes_no_stay(client_as: Any) -> None:
    stay = _stay("Område Grenaa")
    client_as("leder").post(
        f"/borgere/{stay.citizen_id}/ophold/{stay.pk}/foreslaa-afslut/",
        {"fraflytning": "2026-10-01", "aarsag": "fraflytning"},
    )
    p = m.StayProposal.objects.get()
    client_as("myndighed").post(f"/forslag/{p.pk}/afvis/")
    stay.refresh_from_db()
    assert stay.move_out is None
    p.refresh_from_db()
    assert p.status == "rejected"


def test_only_own_facilities(client_as: Any) -> None:
    own = _stay("Område Grenaa")
    other = m.Facility.objects.exclude(area__name="Område Grenaa").first()
    assert other is not None
    client_as("leder").post(
        f"/borgere/{own.citizen_id}/ophold/foreslaa/",
        {"tilbud": other.code, "indflytning": "2026-10-01"},
    )
    assert not m.StayProposal.objects.exists()
    foreign = _stay("Område Ørum")  # outside the leader's scope: the citizen is not found
    r = client_as("leder").post(
        f"/borgere/{foreign.citizen_id}/ophold/{foreign.pk}/foreslaa-afslut/",
        {"fraflytning": "2026-10-01", "aarsag": "fraflytning"},
    )
    assert r.status_code == 404
    assert not m.StayProposal.objects.exists()
    assert (
        client_as("myndighed")
        .post(f"/borgere/{own.citizen_id}/ophold/foreslaa/", {"tilbud": own.facility.code})
        .status_code
        == 403
    )


def test_a_stay_ended_meanwhile_is_not_overwritten(client_as: Any) -> None:
    """Two people end the same stay from pages shown before either saved (or a proposal is
    approved after the stay was ended): the second is refused in Danish and changes nothing."""
    stay = _stay("Område Grenaa")
    url = f"/borgere/{stay.citizen_id}/ophold/{stay.pk}/afslut/"
    client_as("leder").post(
        f"/borgere/{stay.citizen_id}/ophold/{stay.pk}/foreslaa-afslut/",
        {"fraflytning": "2026-10-01", "aarsag": "doed"},
    )
    p = m.StayProposal.objects.get()
    myndighed = client_as("myndighed")
    first = myndighed.post(url, {"fraflytning": "2026-08-31", "aarsag": "fraflytning"})
    assert first.status_code == 302
    audits = AuditLog.objects.count()
    later = {"fraflytning": "2026-12-15", "aarsag": "fraflytning"}
    second = myndighed.post(url, later, follow=True)
    assert "Opholdet er allerede afsluttet med fraflytning 31-08-2026" in second.content.decode()
    approve = myndighed.post(f"/forslag/{p.pk}/godkend/", follow=True)
    assert "Opholdet er allerede afsluttet" in approve.content.decode()
    stay.refresh_from_db()
    assert (stay.move_out, stay.end_reason) == (date(2026, 8, 31), "fraflytning")
    p.refresh_from_db()
    assert p.status == "pending"  # still to be rejected by a person
    assert AuditLog.objects.count() == audits
