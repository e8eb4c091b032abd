"""No log line written while the application is used contains a CPR number."""

from __future__ import annotations

import json
import logging

import pytest

from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def test_using_the_application_logs_no_cpr(client_as, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    cprs = [c.cpr for c in m.Citizen.objects.all()]
    c = m.Citizen.objects.first()
    assert c is not None
    worker = client_as("myndighed")
    worker.post("/borgere/", {"q": c.cpr})  # a CPR typed into the search
    worker.post("/borgere/", {"q": f"{c.cpr[:6]}-{c.cpr[6:]}"})
    worker.get(f"/borgere/{c.pk}/")
    worker.get("/borgere/999999/")  # 404
    worker.post(
        f"/borgere/{c.pk}/doegnskema/gem/",
        json.dumps({"entries": "x"}),
        content_type="application/json",
    )  # 400
    client_as("ledelse").get(f"/borgere/{c.pk}/")  # 403
    client_as("aarhus").get(f"/borgere/{c.pk}/")
    worker.post("/login/", {"username": c.cpr, "password": "forkert"})  # failed login
    text = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "the requests above must have written log lines"
    for cpr in cprs:
        assert cpr not in text
        assert f"{cpr[:6]}-{cpr[6:]}" not in text


def test_the_log_filter_redacts_cpr_numbers() -> None:
    from ressourcemodel.web.logfilters import RedactCprFilter

    rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "opslag på %s", ("010140-0000",), None)
    RedactCprFilter().filter(rec)
    assert rec.getMessage() == "opslag på xxxxxx-xxxx"


def test_demo_cpr_numbers_are_valid() -> None:
    from ressourcemodel.cpr import validate_cpr

    for cpr in [c.cpr for c in m.Citizen.objects.all()]:
        assert validate_cpr(cpr) == cpr


def test_the_database_alone_holds_no_cpr_in_clear() -> None:
    from django.db import connection

    cprs = [c.cpr for c in m.Citizen.objects.all()]
    assert len(cprs) > 100
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM care_citizen")
        dump = repr(cur.fetchall())
    for cpr in cprs:
        assert cpr not in dump
    c = m.Citizen.objects.by_cpr(cprs[0]).get()
    assert c.cpr == cprs[0]
    assert c.cpr_masked == f"{cprs[0][:6]}-xxxx"
