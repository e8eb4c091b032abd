"""Every page: login required, Danish formats, and figures equal to the engine's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

from .routes import example_urls, page_urls, route_names

pytestmark = pytest.mark.django_db


def test_every_page_is_walked_here() -> None:
    """Every route has an example URL (routes.py); a new page without one fails here."""
    assert route_names() == set(example_urls())


def test_anonymous_is_sent_to_login() -> None:
    anon = Client()
    for url in page_urls():
        r = anon.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith("/login/")
    assert anon.post("/api/placering/", "{}", content_type="application/json").status_code == 401
    assert anon.get("/revision/").status_code == 302


def test_pages_render_in_danish_for_case_worker(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("myndighed")
    for url in page_urls():
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
        assert c.get(f"/borgere/{cit.pk}/doegnskema/").status_code == 403  # no schedules at all


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
