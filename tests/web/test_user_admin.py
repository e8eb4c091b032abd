"""User administration in the web app: create with role and scope, change them, deactivate;
the last administrator stays; every change has an audit row."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ressourcemodel.web.audit.models import AuditLog

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_create_scope_and_deactivate(client_as: Any) -> None:
    admin = client_as("admin")
    r = admin.post(
        "/brugere/", {"brugernavn": "Ny.Leder", "rolle": "leder", "omraader": ["Område Grenaa"]}
    )
    assert r.status_code == 200
    password = re.search(r'id="temp-password">([^<]+)<', r.content.decode())
    assert password is not None
    u = User.objects.get(username="ny.leder")
    assert list(u.areas.values_list("name", flat=True)) == ["Område Grenaa"]
    c = Client()
    assert c.login(username="ny.leder", password=password.group(1))
    assert (
        admin.post(f"/brugere/{u.pk}/", {"rolle": "kobende_kommune", "kommune": "75"}).status_code
        == 400
    )  # a buying municipality needs a three-digit code
    assert (
        admin.post(f"/brugere/{u.pk}/", {"rolle": "kobende_kommune", "kommune": "751"}).status_code
        == 302
    )
    u.refresh_from_db()
    assert (u.role, u.municipality_code, u.areas.count()) == ("kobende_kommune", "751", 0)
    assert admin.post(f"/brugere/{u.pk}/deaktiver/").status_code == 302
    u.refresh_from_db()
    assert not u.is_active
    assert not Client().login(username="ny.leder", password=password.group(1))
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"user.create", "user.update", "user.deactivate"} <= actions


def test_the_last_administrator_stays(client_as: Any) -> None:
    admin = client_as("admin")
    me = User.objects.get(username="admin")
    assert User.objects.filter(role="administrator", is_active=True).count() == 1
    r = admin.post(f"/brugere/{me.pk}/", {"rolle": "okonomi"})
    assert r.status_code == 400
    admin.post(f"/brugere/{me.pk}/deaktiver/")
    me.refresh_from_db()
    assert me.is_active
    assert me.role == "administrator"


def test_bad_input_changes_nothing(client_as: Any) -> None:
    admin = client_as("admin")
    n = User.objects.count()
    for form in (
        {"brugernavn": "", "rolle": "leder"},
        {"brugernavn": "x", "rolle": "konge"},
        {"brugernavn": "leder", "rolle": "leder"},  # exists
        {"brugernavn": "y", "rolle": "leder", "omraader": ["Område Atlantis"]},
    ):
        assert admin.post("/brugere/", form).status_code == 400
    assert User.objects.count() == n
