"""Every form of the finance year refuses wrong shapes and out-of-range values: a 4xx page or a
redirect with a Danish message, never a 500, and nothing is saved (no row, no audit row)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
ALLOWED_THERE = {"-1", "", " "}
JUNK: list[Any] = ["", " ", "x" * 5000, "-1", "1e999", "NaN", "٣", "1,2,3", "0x10", "<b>", "\x00"]


def _state() -> tuple[int, ...]:
    return (
        AuditLog.objects.count(), m.Facility.objects.count(), m.FacilityYear.objects.count(),
        m.Citizen.objects.count(), m.Stay.objects.count(), m.TariffYear.objects.count(),
        m.RegulationDecision.objects.count(), m.StayProposal.objects.count(),
        get_user_model().objects.count(), m.PendingImport.objects.count(),
    )  # fmt: skip


def _ok(r: Any, where: str) -> None:
    assert r.status_code in (302, 400, 403, 404), (where, r.status_code)
    if r.status_code == 400:
        assert "Intet er gemt" in r.content.decode() or "fejl" in r.content.decode(), where


def test_every_new_form_with_junk(client_as: Any) -> None:
    fin, cw, leader, admin = (client_as(u) for u in ("okonomi", "myndighed", "leder", "admin"))
    f = m.Facility.objects.filter(area__name="Område Grenaa").order_by("code").first()
    stay = m.Stay.objects.filter(facility=f, move_out__isnull=True).first()
    assert f is not None
    assert stay is not None
    c = stay.citizen_id
    before = _state()
    for v in JUNK:
        facility = {"kode": v, "navn": v, "omraade": v, "pladser": v, "nattevagt": v,
                    "fast_nattevagt": v, "version": v}  # fmt: skip
        _ok(fin.post("/tilbud/ny/", facility), f"facility_new {v!r}")
        _ok(fin.post(f"/tilbud/{f.code}/rediger/?aar=2026", facility), f"facility_edit {v!r}")
        _ok(fin.post(f"/tilbud/{f.code}/forbrug/?aar=2026", {"version": v, "maaned_1": v}), "act")
        citizen = {"navn": v, "cpr": v, "betalingskommune": v, "tilbud": v, "indflytning": v,
                   "niveau": v}  # fmt: skip
        _ok(cw.post("/borgere/ny/", citizen), f"citizen_new {v!r}")
        _ok(cw.post(f"/borgere/{c}/ophold/ny/", {"tilbud": v, "indflytning": v}), "stay_new")
        _ok(cw.post(f"/borgere/{c}/ophold/{stay.pk}/afslut/", {"fraflytning": v, "aarsag": v}),
            "stay_end")  # fmt: skip
        _ok(leader.post(f"/borgere/{c}/ophold/foreslaa/", {"tilbud": v, "indflytning": v}), "p")
        _ok(leader.post(f"/borgere/{c}/ophold/{stay.pk}/foreslaa-afslut/",
                        {"fraflytning": v, "aarsag": v}), "propose_end")  # fmt: skip
        if v not in ALLOWED_THERE:  # -1 % is a valid index; an empty old budget removes it
            _ok(fin.post("/takstaar/fremskriv/?aar=2026", {"loen": v, "pris": v}), "roll")
            _ok(fin.post("/indfasning/?aar=2026", {f"gammelt_{f.code}": v}), "phase_in")
        _ok(fin.post("/takstaar/offentliggoer/?aar=2026", {"version": v}), "publish")
        regulation = {"beslutning": v, "aar_henlagt": v, "begrundelse": v}
        _ok(fin.post(f"/efterregulering/{f.code}/?aar=2026", regulation), "regulation")
        plan = fin.get(f"/indfasning/?aar=2026&model=loft&loft={v}")  # a read: shown or refused
        assert plan.status_code in (200, 400), v
        _ok(admin.post("/brugere/", {"brugernavn": v, "rolle": v, "kommune": v}), "users")
        _ok(admin.post(f"/brugere/{c}/", {"rolle": v, "omraader": [v]}), "user_edit")
        upload = SimpleUploadedFile("x.xlsx", str(v).encode())
        _ok(fin.post("/indlaes/", {"regneark": upload}), "import")
    assert _state() == before, list(AuditLog.objects.values_list("action", "after")[:5])
