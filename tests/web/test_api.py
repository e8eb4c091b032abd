"""The JSON API: every operation of the OpenAPI description has a rule for every role (a new
operation without one fails), the result equals `compute` on `export-scenario`, tokens, and
problem details in Danish."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.web.accounts.models import ApiToken, User
from ressourcemodel.web.accounts.tokens import token_create, token_revoke
from ressourcemodel.web.audit.models import AccessLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.demo import DEMO_PASSWORD
from ressourcemodel.web.records import models as m
from tests.engine.strategies import scenarios

from .test_authorization import ROLES, rule

pytestmark = pytest.mark.django_db

# "METHOD path" → expected status per role. Writes get a body an allowed role cannot save
# (a zero-length entry, a stale version), so they answer 400/409 and change nothing.
API_RULES: dict[str, dict[str, int]] = {
    "GET /api/v1/years/{year}/result": rule(401, 200, aarhus=403),
    "GET /api/v1/years/{year}/facilities": rule(401, 200, aarhus=403),
    "GET /api/v1/years/{year}/facilities/{code}": rule(401, 200, aarhus=403),
    "GET /api/v1/years/{year}/facilities/{code}/explanation": rule(401, 200, aarhus=403),
    "GET /api/v1/years/{year}/citizens": rule(401, 200, ledelse=403),
    "GET /api/v1/years/{year}/citizens/{pk}": rule(401, 200, ledelse=403),
    "POST /api/v1/citizens/{pk}/assessments": rule(401, 403, myndighed=400, leder=400),
    "POST /api/v1/assessments/{assessment_id}/submit": rule(401, 403, myndighed=409, leder=409),
    "POST /api/v1/assessments/{assessment_id}/approve": rule(401, 403, myndighed=409),
    "GET /api/v1/pot": rule(401, 200, aarhus=403),
    "GET /api/v1/years/{year}/billing": rule(401, 403, okonomi=200, admin=200, aarhus=200),
}


def _operations() -> set[str]:
    client = Client()
    assert client.login(username="okonomi", password=DEMO_PASSWORD)
    spec = json.loads(client.get("/api/openapi.json").content)
    return {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}


def test_every_api_operation_has_a_rule() -> None:
    assert _operations() == set(API_RULES), "a new API operation needs a rule in API_RULES"


def _fill(template: str) -> str:
    c = m.Citizen.objects.filter(
        paying_municipality="751", stays__facility__area__name="Område Grenaa"
    ).first()
    assert c is not None
    a = m.Assessment.objects.filter(citizen=c).first()
    f = m.Facility.objects.filter(area__name="Område Grenaa").first()
    assert a is not None
    assert f is not None
    return template.replace("{year}", "2026").replace("{code}", f.code).replace(
        "{pk}", str(c.pk)
    ).replace("{assessment_id}", str(a.pk)) + (
        "?amount=750000&hourly_wage=244&residents=97" if template.endswith("/pot") else ""
    )


@pytest.mark.parametrize("role", ROLES)
def test_api_authorization_matrix(role: str) -> None:
    client = Client()
    if role != "anonymous":
        assert client.login(username=role, password=DEMO_PASSWORD)
    bodies: dict[str, Any] = {
        "assessments": {
            "effective_from": "2026-06-01",
            "entries": [{"days": ["mon"], "start": "08:00", "end": "08:00"}],
        },
        "submit": {"version": 0},
        "approve": {"version": 0},
    }
    failures = []
    n = m.Assessment.objects.count()
    for op, expected in API_RULES.items():
        method, template = op.split(" ", 1)
        url = _fill(template)
        if method == "GET":
            r = client.get(url)
        else:
            body = bodies[template.rsplit("/", 1)[-1]]
            r = client.post(url, json.dumps(body), content_type="application/json")
        if r.status_code != expected[role]:
            failures.append(f"{role} {op}: {r.status_code}, forventet {expected[role]}")
        if r.status_code >= 400:
            assert r["Content-Type"] == "application/problem+json", op
    assert not failures, "\n".join(failures)
    assert m.Assessment.objects.count() == n


def test_result_equals_compute_on_export_scenario(client_as) -> None:  # type: ignore[no-untyped-def]
    api = json.loads(client_as("okonomi").get("/api/v1/years/2026/result").content)
    exported = scenario_from_dict(scenario_to_dict(scenario_for_year(2026, external_ids=True)))
    expected = result_to_dict(compute(exported, today=timezone.localdate()))
    n = len(expected["citizens"])
    assert _without_paging(api) == json.loads(json.dumps(expected))
    assert (api["page"], api["page_size"], api["pages"], api["citizens_count"]) == (1, 1000, 1, n)


PAGING = ("page", "page_size", "pages", "citizens_count")


def _without_paging(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in PAGING}


def test_result_pages_its_citizens_and_keeps_every_other_field(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("okonomi")
    whole = json.loads(client.get("/api/v1/years/2026/result").content)
    n = whole["citizens_count"]
    assert n > 100
    pages = [
        json.loads(client.get(f"/api/v1/years/2026/result?page={p}&page_size=50").content)
        for p in range(1, -(-n // 50) + 2)  # one page past the last
    ]
    assert [p["pages"] for p in pages] == [-(-n // 50)] * len(pages)
    assert pages[-1]["citizens"] == []
    assert [c for p in pages for c in p["citizens"]] == whole["citizens"]
    for p in pages:  # everything but the citizens is the whole result
        rest = {k: v for k, v in _without_paging(p).items() if k != "citizens"}
        assert rest == {k: v for k, v in _without_paging(whole).items() if k != "citizens"}
    bad = client.get("/api/v1/years/2026/result?page=0")
    assert bad.status_code == 400
    assert "Siden" in bad.json()["detail"]
    assert client.get("/api/v1/years/2026/result?page_size=5001").status_code == 400


def test_citizens_api_is_paged_in_name_order_with_paging_headers(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("okonomi")
    first = client.get("/api/v1/years/2026/citizens?page_size=40")
    count = int(first["X-Total-Count"])
    assert count == m.Citizen.objects.count()
    assert first["X-Page"] == "1"
    assert first["X-Pages"] == str(-(-count // 40))
    assert 'page=2&page_size=40>; rel="next"' in first["Link"]
    before = AccessLog.objects.filter(what="api citizens").count()
    rows = []
    for page in range(1, int(first["X-Pages"]) + 1):
        r = client.get(f"/api/v1/years/2026/citizens?page={page}&page_size=40")
        assert len(r.json()) == min(40, count - (page - 1) * 40)
        assert ("Link" in r) == (page < int(first["X-Pages"]))
        rows += r.json()
    assert [r["id"] for r in rows] == list(
        m.Citizen.objects.order_by("name", "pk").values_list("pk", flat=True)
    )
    assert set(rows[0]) == {"id", "name", "paying_municipality", "level", "service_tariff"}
    logged = AccessLog.objects.filter(what="api citizens").order_by("pk")[before:]
    # each name sent is logged, once per page that sent it
    assert sorted(a.citizen_id for a in logged) == sorted(str(r["id"]) for r in rows)
    past = client.get(f"/api/v1/years/2026/citizens?page={int(first['X-Pages']) + 1}")
    assert past.status_code == 200
    assert past.json() == []
    assert client.get("/api/v1/years/2026/citizens?page=-1").status_code == 400


def test_openapi_describes_the_paging_parameters() -> None:
    client = Client()
    assert client.login(username="okonomi", password=DEMO_PASSWORD)
    spec = json.loads(client.get("/api/openapi.json").content)
    for path in ("/api/v1/years/{year}/citizens", "/api/v1/years/{year}/result"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"year", "page", "page_size"} <= names, path
        assert "response" not in names, path


def test_buying_municipality_sees_only_its_own_citizens(client_as) -> None:  # type: ignore[no-untyped-def]
    aarhus = client_as("aarhus")
    rows = json.loads(aarhus.get("/api/v1/years/2026/citizens").content)
    assert rows
    assert {r["paying_municipality"] for r in rows} == {"751"}
    other = m.Citizen.objects.exclude(paying_municipality="751").first()
    assert other is not None
    assert aarhus.get(f"/api/v1/years/2026/citizens/{other.pk}").status_code == 404
    lines = json.loads(aarhus.get("/api/v1/years/2026/billing?municipality=730").content)
    assert {ln["municipality"] for ln in lines["lines"]} == {"751"}


def test_tokens_are_hashed_logged_and_revocable() -> None:
    user = User.objects.get(username="okonomi")
    token = token_create(user=user, expires_days=1)
    row = ApiToken.objects.get(user=user)
    assert token not in (row.digest, row.prefix)
    client = Client()
    n = AccessLog.objects.count()
    r = client.get("/api/v1/years/2026/facilities", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200
    assert AccessLog.objects.count() == n + 1
    assert AccessLog.objects.latest("at").what.startswith("api GET /api/v1/years/2026/")
    token_revoke(user=user)
    assert (
        client.get(
            "/api/v1/years/2026/facilities", HTTP_AUTHORIZATION=f"Bearer {token}"
        ).status_code
        == 401
    )
    old = token_create(user=user, expires_days=1)
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert (
        client.get("/api/v1/years/2026/facilities", HTTP_AUTHORIZATION=f"Bearer {old}").status_code
        == 401
    )


def test_draft_submit_approve_with_optimistic_locking(client_as) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.filter(
        paying_municipality="751", stays__facility__area__name="Område Grenaa"
    ).first()
    assert citizen is not None
    leader, case_worker = client_as("leder"), client_as("myndighed")
    body = {
        "effective_from": "2026-09-01",
        "entries": [{"days": ["mon", "tue"], "start": "08:00", "end": "10:00"}],
    }
    r = leader.post(
        f"/api/v1/citizens/{citizen.pk}/assessments",
        json.dumps(body),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    draft = json.loads(r.content)
    submit = f"/api/v1/assessments/{draft['id']}/submit"
    stale = leader.post(
        submit, json.dumps({"version": draft["version"] + 5}), content_type="application/json"
    )
    assert stale.status_code == 409
    assert "ændret af en anden" in json.loads(stale.content)["detail"]
    ok = leader.post(
        submit, json.dumps({"version": draft["version"]}), content_type="application/json"
    )
    assert json.loads(ok.content)["status"] == "submitted"
    approve = case_worker.post(
        f"/api/v1/assessments/{draft['id']}/approve",
        json.dumps({"version": json.loads(ok.content)["version"]}),
        content_type="application/json",
    )
    assert json.loads(approve.content)["status"] == "approved"
    bad = leader.post(
        f"/api/v1/citizens/{citizen.pk}/assessments",
        json.dumps({"entries": "x"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "effective_from" in json.loads(bad.content)["detail"]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(scenarios())
def test_result_equals_compute_on_export_for_imported_random_scenarios(
    data: dict[str, Any],
) -> None:
    from ressourcemodel.web.calculation.results import clear_cache
    from ressourcemodel.web.imports.services import scenario_import

    from .test_import_scenario import _empty

    original = scenario_from_dict(data)
    _empty()
    clear_cache()
    scenario_import(user=None, scenario=original, source="api-test")
    year = original.parameters.year
    client = Client()
    assert client.login(username="okonomi", password=DEMO_PASSWORD)
    api = json.loads(client.get(f"/api/v1/years/{year}/result?page_size=5000").content)
    exported = scenario_from_dict(scenario_to_dict(scenario_for_year(year, external_ids=True)))
    assert _without_paging(api) == json.loads(
        json.dumps(result_to_dict(compute(exported, today=timezone.localdate())))
    )
