"""Every budget figure links to its explanation, and the explanation sums to the figure."""

from __future__ import annotations

import re

import pytest

from ressourcemodel.formatting import format_kr
from ressourcemodel.web.calculation.results import computed

pytestmark = pytest.mark.django_db


def test_facility_activity_links_to_parts_that_sum_to_it(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("okonomi")
    f = computed(2026).result.facilities[0]
    page = c.get(f"/tilbud/{f.id}/").content.decode()
    assert f'href="/tilbud/{f.id}/forklaring/?aar=2026"' in page
    assert f"/tilbud/{f.id}/forklaring/?aar=2026&amp;maaned=3" in page
    html = c.get(f"/tilbud/{f.id}/forklaring/?aar=2026").content.decode()
    assert re.search(r'id="explained-activity">([^<]*)<', html).group(1) == format_kr(  # type: ignore[union-attr]
        f.activity_budget, 0
    )
    march = c.get(f"/tilbud/{f.id}/forklaring/?aar=2026&maaned=3").content.decode()
    assert format_kr(f.months[2].activity, 0) in march
    assert c.get(f"/tilbud/{f.id}/forklaring/?aar=2026&maaned=13").status_code == 400


def test_citizen_level_shows_the_entries_behind_it(client_as) -> None:  # type: ignore[no-untyped-def]
    c = computed(2026)
    cid = next(x.id for x in c.scenario.citizens if x.assessments and x.assessments[0].entries)
    page = client_as("myndighed").get(f"/borgere/{cid}/").content.decode()
    assert f"/borgere/{cid}/forklaring/?aar=2026" in page
    html = client_as("myndighed").get(f"/borgere/{cid}/forklaring/").content.decode()
    assert "Minutter pr. uge" in html
    assert c.citizen_inputs[cid].assessments[0].entries[0].theme in html


def test_area_explanation_lists_the_facilities_behind_the_total(client_as) -> None:  # type: ignore[no-untyped-def]
    o = computed(2026).result.overview
    html = client_as("okonomi").get("/oversigt/forklaring/?omraade=Område Grenaa").content.decode()
    grenaa = next(a for a in o.areas if a.name == "Område Grenaa")
    assert re.search(r'id="area-total">([^<]*)<', html).group(1) == format_kr(  # type: ignore[union-attr]
        grenaa.total_budget, 0
    )
    leader = client_as("leder").get("/oversigt/forklaring/").content.decode()
    assert 'id="area-total"' not in leader  # a leader never sees the municipal total
