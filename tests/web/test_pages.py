"""Every page: login required, Danish formats, and figures equal to the engine's."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _urls() -> list[str]:
    c = m.Citizen.objects.filter(stays__move_out__isnull=True).first()
    a = m.Assessment.objects.filter(citizen=c, manual_level="").first()
    f = m.Facility.objects.first()
    assert c is not None
    assert a is not None
    assert f is not None
    return [
        "/",
        "/oversigt/",
        f"/tilbud/{f.code}/",
        "/borgere/",
        f"/borgere/{c.pk}/",
        f"/borgere/{c.pk}/doegnskema/",
        f"/borgere/{c.pk}/vurdering/{a.pk}/",
        "/takstaar/",
        "/pulje/",
    ]


def test_every_route_is_listed_here() -> None:
    """A new page without a test here fails this test (the matrix of issue 4 builds on it)."""

    def walk(patterns):  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLPattern):
                yield p.name
            else:
                yield from walk(p.url_patterns)

    names = set(walk(get_resolver().url_patterns))
    assert names == {
        "login",
        "logout",
        "home",
        "overview",
        "facility",
        "citizens",
        "citizen",
        "schedule_new",
        "schedule_save_new",
        "assessment",
        "schedule_save",
        "assessment_transition",
        "placement_api",
        "tariff_year",
        "pot",
        "set_language",
        "audit",
    }


def test_anonymous_is_sent_to_login() -> None:
    anon = Client()
    for url in _urls():
        r = anon.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith("/login/")
    assert anon.post("/api/placering/", "{}", content_type="application/json").status_code == 401
    assert anon.get("/revision/").status_code == 302


def test_pages_render_in_danish_for_case_worker(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("myndighed")
    for url in _urls():
        r = c.get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        assert 'lang="da"' in html
    overview = c.get("/oversigt/").content.decode()
    assert re.search(r"\d{1,3}(\.\d{3})+ kr\.", overview), "beløb med punktum som tusindtalsskille"
    assert re.search(r"\d{2}-\d{2}-\d{4}", overview), "dato som DD-MM-ÅÅÅÅ"


def test_overview_and_facility_show_the_engines_figures(client_as) -> None:  # type: ignore[no-untyped-def]
    result = compute(scenario_for_year(2026))
    c = client_as("okonomi")
    overview = c.get("/oversigt/").content.decode()
    assert format_kr(result.overview.total.total_budget, 0) in overview
    assert format_kr(result.overview.total.net_cost, 0) in overview
    for fr in result.facilities[:3]:
        page = c.get(f"/tilbud/{fr.id}/").content.decode()
        assert format_kr(fr.activity_budget, 0) in page
        assert format_kr(fr.base_tariff, 0) in page
        for mr in fr.months:
            assert format_kr(mr.total, 0) in page


def test_export_scenario_computes_to_the_same_figures_as_the_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.scenario.load import load_scenario
    from ressourcemodel.scenario.output import result_to_dict
    from ressourcemodel.web_cli import _cmd_export

    class Args:
        year = 2026
        output = str(tmp_path / "live.yaml")

    assert _cmd_export(Args()) == 0  # type: ignore[arg-type]
    from_file = result_to_dict(compute(load_scenario(tmp_path / "live.yaml")))
    live = result_to_dict(compute(scenario_for_year(2026)))
    assert from_file == live


def test_management_sees_no_personal_data(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("ledelse")
    assert c.get("/borgere/").status_code == 403
    cit = m.Citizen.objects.first()
    assert cit is not None
    assert c.get(f"/borgere/{cit.pk}/").status_code == 403
    overview = c.get("/oversigt/").content.decode()
    assert cit.name not in overview
    assert cit.cpr[:6] not in overview


def test_buying_municipality_sees_only_its_own_citizens(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("aarhus")
    own = m.Citizen.objects.filter(paying_municipality="751")
    other = m.Citizen.objects.exclude(paying_municipality="751")
    listing = c.get("/borgere/").content.decode()
    for cit in own:
        assert cit.name in listing
    for cit in other[:20]:
        assert c.get(f"/borgere/{cit.pk}/").status_code == 404
        assert c.get(f"/borgere/{cit.pk}/doegnskema/").status_code == 404


def test_cpr_is_masked_on_pages(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("myndighed")
    cit = m.Citizen.objects.first()
    assert cit is not None
    html = c.get(f"/borgere/{cit.pk}/").content.decode() + c.get("/borgere/").content.decode()
    assert f"{cit.cpr[:6]}-xxxx" in html
    assert cit.cpr not in html


def test_english_is_the_second_language(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("okonomi")
    assert "Central budgetmodel" in c.get("/oversigt/").content.decode()
    assert "Central budget model" not in c.get("/oversigt/").content.decode()
    assert "Netto kommunal udgift" in c.get("/oversigt/").content.decode()
    r = c.post("/i18n/setlang/", {"language": "en", "next": "/oversigt/"})
    assert r.status_code == 302
    html = c.get("/oversigt/").content.decode()
    assert 'lang="en"' in html
    assert "Net municipal cost" in html
    assert "Budget and sales by area" in html
    assert "Central budget model" in html
    c.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert "Netto kommunal udgift" in c.get("/oversigt/").content.decode()
