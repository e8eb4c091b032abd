"""Hardening: login, scopes, bounded input and clean errors, restore, concurrency, audit."""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from ressourcemodel.web.accounts.models import User
from ressourcemodel.web.audit.models import AccessLog, AuditLog
from ressourcemodel.web.calculation.results import clear_cache
from ressourcemodel.web.citizens.selectors import PAGE_SIZE
from ressourcemodel.web.demo import DEMO_PASSWORD
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
ON_POSTGRES = os.environ.get("RESSOURCEMODEL_DB") == "postgres"


def _login(username: str, password: str = DEMO_PASSWORD, ip: str = "10.0.0.1") -> Any:
    return Client(REMOTE_ADDR=ip).post("/login/", {"username": username, "password": password})


@pytest.mark.parametrize("spelling", ["leder ", " leder", "\tleder", "ｌｅｄｅｒ", "LEDER"])
def test_one_user_one_spelling(spelling: str) -> None:
    assert _login(spelling).status_code == 302


def test_variants_count_as_the_same_user_and_lock_it() -> None:
    for spelling in ["leder ", " leder", "\tleder", "ｌｅｄｅｒ"]:
        assert _login(spelling, "forkert").status_code == 200
    assert _login("LEDER", "forkert").status_code == 429  # the fifth failure locks
    r = _login("leder")  # the right password too, while locked
    assert r.status_code == 429
    assert "For mange mislykkede forsøg" in r.content.decode()


def test_failures_from_one_address_never_lock_everyone() -> None:
    for i in range(20):
        _login(f"gaet{i}", "forkert", ip="10.9.9.9")
    assert _login("okonomi", ip="10.9.9.9").status_code == 302


def test_password_change_and_administrators_reset(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("ledelse")
    r = c.post(
        "/konto/adgangskode/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Ny-sikker-kode-2026!",
            "new_password2": "Ny-sikker-kode-2026!",
        },
    )
    assert r.status_code == 302
    assert Client().login(username="ledelse", password="Ny-sikker-kode-2026!")
    html = client_as("admin").post("/konto/nulstil/", {"username": "ledelse"}).content.decode()
    temporary = html.split('id="new-password">')[1].split("<")[0]
    assert Client().login(username="ledelse", password=temporary)
    assert AuditLog.objects.filter(action="user.reset_password").exists()
    assert client_as("okonomi").get("/konto/nulstil/").status_code == 403


def test_sessions_end_after_a_working_day(client_as) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    c = client_as("okonomi")
    assert c.get("/oversigt/").status_code == 200
    session = c.session
    session["_rm_login_at"] = int(session["_rm_login_at"]) - 9 * 3600
    session.save()
    assert c.get("/oversigt/").status_code == 302


def test_a_citizen_who_moved_leaves_the_old_leaders_scope(client_as) -> None:  # type: ignore[no-untyped-def]
    stay = (
        m.Stay.objects.filter(facility__area__name="Område Grenaa", move_out__isnull=True)
        .select_related("citizen")
        .first()
    )
    assert stay is not None
    c = stay.citizen
    assert client_as("leder").get(f"/borgere/{c.pk}/").status_code == 200
    yesterday = date.today() - timedelta(days=1)  # noqa: DTZ011
    stay.move_out = yesterday
    stay.save()
    orum = m.Facility.objects.filter(area__name="Område Ørum").first()
    m.Stay.objects.create(citizen=c, facility=orum, move_in=date.today())  # noqa: DTZ011
    assert client_as("leder").get(f"/borgere/{c.pk}/").status_code == 404


def test_a_leader_without_scope_sees_nothing() -> None:
    User.objects.create_user(username="tomleder", password=DEMO_PASSWORD, role="leder")
    c = Client()
    assert c.login(username="tomleder", password=DEMO_PASSWORD)
    assert not re.search(r'href="/borgere/\d', c.get("/borgere/").content.decode())
    f = m.Facility.objects.first()
    assert f is not None
    assert c.get(f"/tilbud/{f.code}/").status_code == 403


def test_buying_municipality_sees_no_schedule_ratings_or_notes(client_as) -> None:  # type: ignore[no-untyped-def]
    own = m.Citizen.objects.filter(
        paying_municipality="751", assessments__entries__isnull=False
    ).first()
    assert own is not None
    html = client_as("aarhus").get(f"/borgere/{own.pk}/").content.decode()
    assert "Vurderinger og døgnskemaer" not in html
    assert "takstgrundlag.pdf" in html
    assert client_as("aarhus").get(f"/borgere/{own.pk}/doegnskema/").status_code == 403


def test_list_and_facility_pages_log_the_names_they_show(client_as) -> None:  # type: ignore[no-untyped-def]
    n = AccessLog.objects.count()
    client_as("okonomi").post("/borgere/", {"q": ""})  # the list shows (and logs) one page
    shown = min(m.Citizen.objects.count(), PAGE_SIZE)
    assert AccessLog.objects.filter(what="citizens").count() == shown
    f = m.Facility.objects.first()
    assert f is not None
    client_as("okonomi").get(f"/tilbud/{f.code}/")
    assert AccessLog.objects.filter(what="facility").exists()
    assert AccessLog.objects.count() > n


def test_cpr_search_only_by_post(client_as) -> None:  # type: ignore[no-untyped-def]
    c = m.Citizen.objects.exclude(cpr_birth="").first()
    assert c is not None
    by_get = client_as("okonomi").get(f"/borgere/?q={c.cpr_birth}").content.decode()
    by_post = client_as("okonomi").post("/borgere/", {"q": c.cpr_birth}).content.decode()
    assert len(re.findall(r'href="/borgere/\d', by_get)) > len(
        re.findall(r'href="/borgere/\d', by_post)
    )


BAD_TARIFF = [
    {"occupancy_rate": "5"},
    {"overhead_rate": "99"},
    {"hourly_cost": "0"},
    {"hourly_cost": "334,125"},
    {"indirect_share": "abc"},
    {"hourly_cost": "1e999999"},
    {"indirect_share": "9" * 40},
]
BAD_ENTRY_FIELDS = [
    {"staff": 10**30, "form": "group", "participants": 2},
    {"participants": 10**30, "form": "group"},
    {"participants": 40000, "form": "group"},
    {"sub_theme": "x" * 100},
    {"staff_category": "y" * 60},
    {"days": "mon"},
    {"start": "25:00"},
    {"theme": "Kaffe"},
]


def test_every_form_and_json_write_refuses_bad_values_with_4xx(client_as) -> None:  # type: ignore[no-untyped-def]
    fin, cw = client_as("okonomi"), client_as("myndighed")
    before = (m.TariffYear.objects.count(), m.Assessment.objects.count(), AuditLog.objects.count())
    for bad in BAD_TARIFF:
        r = fin.post("/takstaar/?aar=2026", bad)
        assert r.status_code == 400, bad
        assert "Intet er gemt" in r.content.decode()
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    a = citizen.assessments.filter(status="draft").first() or citizen.assessments.first()
    assert a is not None
    save = f"/borgere/{citizen.pk}/doegnskema/gem/"
    base = {"days": ["mon"], "start": "08:00", "end": "09:00", "form": "individual"}
    bodies: list[Any] = [
        {"entries": [{**base, **f}], "effective_from": "2026-06-01"} for f in BAD_ENTRY_FIELDS
    ]
    bodies += [
        {"entries": [base], "effective_from": "2026-06-01", "ratings": {"Egenomsorg": [1]}},
        {"entries": [base], "effective_from": "2026-06-01", "ratings": "x"},
        {"entries": [base], "effective_from": "2026-06-01", "ratings": {"Egenomsorg": [1, 1e309]}},
        {
            "entries": [base],
            "effective_from": "2026-06-01",
            "goal_type": "z" * 500,
            "ratings": {"Egenomsorg": [9, 9]},
        },
        {"entries": "x", "effective_from": "2026-06-01"},
        {"entries": [base], "effective_from": "år 2026"},
        [1, 2, 3],
    ]
    for body in bodies:
        r = cw.post(save, json.dumps(body), content_type="application/json")
        assert 400 <= r.status_code < 500, body
        assert "error" in r.json()
        assert not any(t in r.json()["error"] for t in ("Traceback", "invalid literal", "NoneType"))
    edit = f"/borgere/{citizen.pk}/vurdering/{a.pk}/gem/"
    for version in ["abc", None, -1, 10**30, True]:
        body = {"entries": [base], "effective_from": "2026-06-01", "version": version}
        r = cw.post(edit, json.dumps(body), content_type="application/json")
        assert 400 <= r.status_code < 500, version
    r = cw.post(f"/borgere/{citizen.pk}/vurdering/{a.pk}/indsend/", {"version": "abc"})
    assert r.status_code == 302  # a form post: back to the page with a Danish message
    assert fin.get("/pulje/?beloeb=1e999999").status_code == 200
    assert "Beløb" in fin.get("/pulje/?beloeb=1e999999").content.decode()
    assert fin.post("/afregning/1/1/faktureret/?aar=2026").status_code == 400
    from ressourcemodel.web.whatif.services import whatif_create

    w = whatif_create(user=None, year=2026, name="x")
    before = (*before[:2], before[2] + 1)  # creating the what-if is itself audited
    r = fin.post(
        f"/hvad-nu-hvis/{w.pk}/aendr/parameter/", {"parameter": "hourly_cost", "value": "-1"}
    )
    assert r.status_code == 400
    for year in ["abc", "2019x", "9" * 20]:
        for page in ("/oversigt/", "/takstaar/", f"/tilbud/{m.Facility.objects.first().code}/"):  # type: ignore[union-attr]
            assert client_as("okonomi").get(f"{page}?aar={year}").status_code == 400
    assert (
        m.TariffYear.objects.count(),
        m.Assessment.objects.count(),
        AuditLog.objects.count(),
    ) == before


def test_backup_files_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    from ressourcemodel.web.maintenance import backup

    for name in ("b.json", "b.json.gz"):
        backup(tmp_path / name)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_restore_keeps_the_trail_writes_its_own_row_and_the_app_works(client_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.web.maintenance import backup, restore

    backup(tmp_path / "b.json")
    AuditLog.objects.create(
        action="after.backup", object_type="X", object_id="1", before=None, after=None
    )
    restore(tmp_path / "b.json")
    clear_cache()
    assert AuditLog.objects.filter(action="after.backup").exists()  # the trail is not replaced
    assert AuditLog.objects.filter(action="backup.restore").exists()
    c = client_as("myndighed")
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    assert c.get(f"/borgere/{citizen.pk}/").status_code == 200  # a new access-log row
    body = {
        "entries": [{"days": ["sat"], "start": "13:00", "end": "13:30"}],
        "effective_from": "2026-11-01",
    }
    r = c.post(
        f"/borgere/{citizen.pk}/doegnskema/gem/", json.dumps(body), content_type="application/json"
    )
    assert r.status_code == 200, r.content  # a new row: the id sequences were reset


@pytest.mark.skipif(not ON_POSTGRES, reason="the database trigger exists on PostgreSQL only")
def test_the_audit_trail_is_append_only_in_the_database() -> None:
    row = AuditLog.objects.create(
        action="x", object_type="y", object_id="1", before=None, after=None
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).update(action="changed")
    AccessLog.objects.create(user=None, citizen_id="1", what="test")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_lose_only_with_409() -> None:
    from ressourcemodel.web.demo import create_demo

    if not m.TariffYear.objects.exists():
        create_demo()
    citizen = m.Citizen.objects.filter(
        stays__isnull=False, assessments__entries__isnull=False
    ).first()
    assert citizen is not None
    cw = Client()
    assert cw.login(username="myndighed", password=DEMO_PASSWORD)
    body = {
        "entries": [{"days": ["sun"], "start": "20:00", "end": "20:30"}],
        "effective_from": "2026-12-01",
    }
    first = cw.post(
        f"/borgere/{citizen.pk}/doegnskema/gem/", json.dumps(body), content_type="application/json"
    ).json()
    url = f"/borgere/{citizen.pk}/vurdering/{first['id']}/gem/"
    statuses: list[int] = []

    def save(i: int) -> None:
        c = Client()
        c.force_login(User.objects.get(username="myndighed"))
        entry = {"days": ["sun"], "start": "20:00", "end": f"{20 + i % 3}:45"}
        r = c.post(
            url,
            json.dumps(
                {"entries": [entry], "effective_from": "2026-12-01", "version": first["version"]}
            ),
            content_type="application/json",
        )
        statuses.append(r.status_code)
        connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(statuses)) == [200, 409], statuses
    assert statuses.count(200) == 1
    assert m.Assessment.objects.get(pk=first["id"]).version == first["version"] + 1
