"""Authorization matrix: every route × every role (and anonymous), generated from the URL
configuration. A route without a rule here fails the test."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from ressourcemodel.web.demo import DEMO_PASSWORD
from ressourcemodel.web.records import models as m

from .routes import example_urls, route_names

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "myndighed", "leder", "okonomi", "ledelse", "aarhus", "admin"]
ALL = dict.fromkeys(ROLES[1:], 200)


def rule(anonymous: int, default: int, **overrides: int) -> dict[str, int]:
    out = {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], default)}
    out.update(overrides)
    return out


# name → (method, expected status per role)
RULES: dict[str, tuple[str, dict[str, int]]] = {
    "login": ("GET", rule(200, 200)),
    "logout": ("POST", rule(302, 302)),
    "password_change": ("GET", rule(302, 200)),
    "password_reset": ("GET", rule(302, 403, admin=200)),
    "users": ("GET", rule(302, 403, admin=200)),
    "user_edit": ("GET", rule(302, 403, admin=200)),
    # deactivating: the matrix deactivates "ledelse" as admin (each role's run is rolled back)
    "user_deactivate": ("POST", rule(302, 403, admin=302)),
    "set_language": ("POST", rule(302, 302)),
    "home": ("GET", rule(302, 200, aarhus=302)),
    "overview": ("GET", rule(302, 200, aarhus=403)),
    "phase_in": ("GET", rule(302, 200, aarhus=403)),
    "regulation": ("GET", rule(302, 200, aarhus=403)),
    # a decision without a choice or reason: refused with a message, nothing saved
    "regulation_decide": ("POST", rule(302, 403, okonomi=302, admin=302)),
    "facility": ("GET", rule(302, 200, aarhus=403)),
    "tariff_year": ("GET", rule(302, 200, aarhus=403)),
    "pot": ("GET", rule(302, 200, aarhus=403)),
    # rolling a year forward: finance; a form without percentages is refused (400)
    "tariff_roll_forward": ("POST", rule(302, 403, okonomi=400)),
    # publishing: finance; the matrix posts a stale version, so nothing is published (400)
    "tariff_publish": ("POST", rule(302, 403, okonomi=400)),
    "audit": ("GET", rule(302, 403, admin=200, myndighed=200)),
    "citizens": ("GET", rule(302, 200, ledelse=403)),
    "citizen": ("GET", rule(302, 200, ledelse=403)),
    # a buying municipality sees the tariff statement, not the døgnskema (SPEC §1)
    "schedule_new": ("GET", rule(302, 200, ledelse=403, aarhus=403)),
    "assessment": ("GET", rule(302, 200, ledelse=403, aarhus=403)),
    # writes: a deliberately invalid body, so an allowed role gets the validation error (400)
    "schedule_save_new": ("POST", rule(302, 403, myndighed=400, leder=400)),
    "schedule_save": ("POST", rule(302, 403, myndighed=400, leder=400)),
    "assessment_transition": ("POST", rule(302, 403, myndighed=302, leder=302)),
    "placement_api": ("POST", rule(401, 200, aarhus=403)),
    # documents: a buying municipality only its own citizens' takstgrundlag and statements
    "takstblad": ("GET", rule(302, 200, aarhus=403)),
    "takstgrundlag": ("GET", rule(302, 200, ledelse=403)),
    "tilbudsportalen": ("GET", rule(302, 200, aarhus=403)),
    "billing": ("GET", rule(302, 403, okonomi=200, admin=200, aarhus=200)),
    "statement_pdf": ("GET", rule(302, 403, okonomi=200, admin=200, aarhus=200)),
    "mark_invoiced": ("POST", rule(302, 403, okonomi=302, admin=302)),
    # records: facilities by finance; citizens and stays decided by Myndighed; a copy of a
    # døgnskema by whoever may edit døgnskemaer (the posted forms are invalid: nothing changes)
    "facility_new": ("GET", rule(302, 403, okonomi=200, admin=200)),
    "facility_edit": ("GET", rule(302, 403, okonomi=200, admin=200)),
    "facility_actuals": ("GET", rule(302, 403, okonomi=200, admin=200)),
    "citizen_new": ("GET", rule(302, 403, myndighed=200)),
    "stay_new": ("POST", rule(302, 403, myndighed=302)),
    "stay_end": ("POST", rule(302, 403, myndighed=302)),
    "assessment_copy": ("POST", rule(302, 403, myndighed=302, leder=302)),
    # a leader proposes stays at own facilities; Myndighed decides (the matrix rejects one)
    "stay_propose_new": ("POST", rule(302, 403, leder=302)),
    "stay_propose_end": ("POST", rule(302, 403, leder=302)),
    "proposal_decide": ("POST", rule(302, 403, myndighed=302)),
    # importing a workbook: Økonomi and Administrator; a pending import is its uploader's own
    "import_upload": ("GET", rule(302, 403, okonomi=200, admin=200)),
    "import_template": ("GET", rule(302, 403, okonomi=200, admin=200)),
    "import_preview": ("GET", rule(302, 403, okonomi=200, admin=404)),
    "import_confirm": ("POST", rule(302, 403, okonomi=400, admin=404)),
    # explanations: the same scope as the figures they explain
    "explain_facility": ("GET", rule(302, 200, aarhus=403)),
    "explain_citizen": ("GET", rule(302, 200, ledelse=403, aarhus=403)),
    "explain_area": ("GET", rule(302, 200, aarhus=403)),
    # what-if: finance works with them, management reads them (without personal data)
    "whatif_list": ("GET", rule(302, 403, okonomi=200, ledelse=200, admin=200)),
    "whatif": ("GET", rule(302, 403, okonomi=200, ledelse=200, admin=200)),
    "whatif_change": ("POST", rule(302, 403, okonomi=400)),  # an empty form: 400, nothing saved
    "whatif_export": ("GET", rule(302, 403, okonomi=200)),
    "whatif_delete": ("POST", rule(302, 403, okonomi=302)),
}


def test_every_route_has_a_rule() -> None:
    assert route_names() == set(RULES), "en ny side skal have en regel i RULES"


def _client(role: str) -> Client:
    c = Client()
    if role != "anonymous":
        assert c.login(username=role, password=DEMO_PASSWORD)
    return c


@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(role: str) -> None:
    urls = example_urls()
    client = _client(role)
    failures: list[str] = []
    for name, (method, expected) in RULES.items():
        url = urls[name]
        body: dict[str, Any] = {
            "entries": [{"days": ["mon"], "start": "08:00", "end": "08:00"}],
            "effective_from": "2026-06-01",
        }
        if method == "GET":
            r = client.get(url)
        elif name in ("placement_api", "schedule_save_new", "schedule_save"):
            if name == "placement_api":
                body = {"entries": []}
            r = client.post(url, json.dumps(body), content_type="application/json")
        else:
            r = client.post(url, {"version": "0", "language": "da", "next": "/"})
        if r.status_code != expected[role]:
            failures.append(f"{role} {method} {url}: {r.status_code}, forventet {expected[role]}")
        if name == "logout" and role != "anonymous":
            client = _client(role)
    assert not failures, "\n".join(failures)


def test_buying_municipality_cannot_guess_other_citizens() -> None:
    client = _client("aarhus")
    own = set(m.Citizen.objects.filter(paying_municipality="751").values_list("pk", flat=True))
    top = m.Citizen.objects.order_by("-pk").first()
    assert top is not None
    for pk in range(1, top.pk + 3):
        status = client.get(f"/borgere/{pk}/").status_code
        assert status == (200 if pk in own else 404), pk
        schedule = client.get(f"/borgere/{pk}/doegnskema/").status_code
        assert schedule == 403, pk  # never the døgnskema, own citizens included
    for a in m.Assessment.objects.exclude(citizen__paying_municipality="751")[:30]:
        # never a døgnskema: 403 before any look-up, so nothing can be guessed
        assert client.get(f"/borgere/{a.citizen_id}/vurdering/{a.pk}/").status_code == 403
        assert client.get(f"/borgere/{own and min(own)}/vurdering/{a.pk}/").status_code == 403
    listing = client.post("/borgere/", {"q": ""}).content.decode()
    for c in m.Citizen.objects.exclude(paying_municipality="751"):
        assert f'/borgere/{c.pk}/"' not in listing


def test_viewing_personal_data_is_logged() -> None:
    from ressourcemodel.web.audit.models import AccessLog

    c = m.Citizen.objects.first()
    assert c is not None
    n = AccessLog.objects.filter(citizen_id=str(c.pk)).count()
    _client("myndighed").get(f"/borgere/{c.pk}/")
    log = AccessLog.objects.filter(citizen_id=str(c.pk))
    assert log.count() == n + 1
    assert log.first().user.username == "myndighed"  # type: ignore[union-attr]
    assert log.first().what == "citizen"  # type: ignore[union-attr]


def test_leader_overview_is_scoped_to_own_area() -> None:
    from ressourcemodel.engine.compute import compute
    from ressourcemodel.formatting import format_kr
    from ressourcemodel.web.calculation.mappers import scenario_for_year

    result = compute(scenario_for_year(2026))
    html = _client("leder").get("/oversigt/").content.decode()
    grenaa = next(a for a in result.overview.areas if a.name == "Område Grenaa")
    assert format_kr(grenaa.total_budget, 0) in html
    assert format_kr(result.overview.total.total_budget, 0) not in html
    for f in result.facilities:
        assert (f.name in html) == (f.area == "Område Grenaa"), f.name
    other = m.Facility.objects.exclude(area__name="Område Grenaa").first()
    assert other is not None
    assert _client("leder").get(f"/tilbud/{other.code}/").status_code == 403


# Each action on a døgnskema × each role (the route's matrix entry above uses "indsend"). An
# allowed role gets the redirect back (the stale version is refused with a message), the others
# 403 before anything is looked up; the buying municipality and management never reach it.
ACTIONS = {
    "godkend": rule(302, 403, myndighed=302),
    "send-tilbage": rule(302, 403, myndighed=302),
    "traek-tilbage": rule(302, 403, myndighed=302, leder=302),
    "slet": rule(302, 403, myndighed=302, leder=302),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_assessment_action_for_every_role(role: str) -> None:
    url = example_urls()["assessment_transition"].removesuffix("indsend/")
    client = _client(role)
    failures = [
        f"{role} {action}: {status}, forventet {expected[role]}"
        for action, expected in ACTIONS.items()
        if (status := client.post(f"{url}{action}/", {"version": "0"}).status_code)
        != expected[role]
    ]
    assert not failures, "\n".join(failures)
