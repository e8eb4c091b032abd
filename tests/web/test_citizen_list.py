"""The citizen list is paged (50 a page, "Side 2 af 4"), on the server: the number of queries,
the access log and the page do not grow with the number of citizens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ressourcemodel.web.audit.models import AccessLog
from ressourcemodel.web.calculation import results
from ressourcemodel.web.citizens.selectors import PAGE_SIZE
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr><td><a href="/borgere/(\d+)/">')


def _ids(html: str) -> list[str]:
    return ROW.findall(html)


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def test_the_list_shows_one_page_of_50_in_name_order(client_as: Any) -> None:
    c = client_as("okonomi")
    total = m.Citizen.objects.count()
    assert total > PAGE_SIZE  # the demo has more than one page
    first = c.get("/borgere/").content.decode()
    assert len(_ids(first)) == PAGE_SIZE
    assert f"Side 1 af {_pages(total)}" in first
    assert f"{total} borgere" in first  # the count is of all matches, not of the page
    second = c.get("/borgere/?side=2").content.decode()
    assert "Side 2 af" in second
    assert not set(_ids(first)) & set(_ids(second))
    names = list(m.Citizen.objects.order_by("name", "pk").values_list("pk", flat=True))
    assert _ids(first) + _ids(second) == [str(pk) for pk in names[: 2 * PAGE_SIZE]]
    assert 'rel="next"' in first
    assert 'rel="prev"' not in first
    assert 'rel="prev"' in second


@pytest.mark.parametrize("side", ["999", "0", "abc", "-1", "1e9"])
def test_a_page_out_of_range_or_not_a_number_gives_a_page(client_as: Any, side: str) -> None:
    r = client_as("okonomi").get(f"/borgere/?side={side}")
    assert r.status_code == 200
    assert len(_ids(r.content.decode())) > 0


def test_filters_stay_on_the_page_links(client_as: Any) -> None:
    c = client_as("okonomi")
    html = c.get("/borgere/?solgt=0").content.decode()
    own = m.Citizen.objects.filter(paying_municipality="707").count()
    assert f"{own} borgere" in html
    if own > PAGE_SIZE:
        assert "solgt=0" in html.split('id="pages"')[1]


def test_a_posted_search_pages_by_post_and_keeps_the_search(client_as: Any) -> None:
    """A name or CPR search is never put in a URL, so its pages are the search form's buttons."""
    c = client_as("okonomi")
    first = m.Citizen.objects.order_by("name").values_list("name", flat=True).first()
    assert first is not None
    word = first.split()[-1]  # a surname shared by several citizens
    matches = m.Citizen.objects.filter(name__icontains=word).count()
    html = c.post("/borgere/", {"q": word}).content.decode()
    assert f"{matches} borger" in html
    assert "?side=" not in html
    assert "q=" not in html.split("</form>")[1]
    r = c.post("/borgere/", {"q": word, "side": "2"})
    assert r.status_code == 200


def test_only_the_page_is_in_the_access_log(client_as: Any) -> None:
    c = client_as("okonomi")
    before = AccessLog.objects.filter(what="citizens").count()
    c.get("/borgere/")
    assert AccessLog.objects.filter(what="citizens").count() - before == PAGE_SIZE


def _more_citizens(n: int) -> None:
    facility = m.Facility.objects.order_by("pk").first()
    assert facility is not None
    new = m.Citizen.objects.bulk_create(
        m.Citizen(name=f"Ekstra Demosen {i:03d}", paying_municipality="707") for i in range(n)
    )
    m.Stay.objects.bulk_create(
        m.Stay(citizen=cit, facility=facility, move_in="2025-01-01") for cit in new
    )
    m.Assessment.objects.bulk_create(
        m.Assessment(
            citizen=cit,
            effective_from="2025-01-01",
            status=m.Assessment.Status.APPROVED,
            manual_level="3",
            approved_at=timezone.now(),
        )
        for cit in new
    )
    results.bump_data_version()


def _queries(client: Any, url: str) -> int:
    client.get(url)  # the result cache warm: only the page's own queries are counted
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/borgere/", "/borgere/?side=2", "/borgere/?tilbud=T01"])
def test_the_queries_do_not_grow_with_the_citizens(client_as: Any, url: str) -> None:
    c = client_as("okonomi")
    before = _queries(c, url)
    _more_citizens(3 * PAGE_SIZE)
    assert _queries(c, url) == before


def test_the_leaders_scoped_list_is_paged_too(client_as: Any) -> None:
    c = client_as("leder")
    before = _queries(c, "/borgere/")
    _more_citizens(2 * PAGE_SIZE)  # at a facility of the leader's area or not: the same queries
    assert _queries(c, "/borgere/") == before


def test_the_excel_file_has_every_match_not_one_page(client_as: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    r = client_as("okonomi").post("/borgere/", {"format": "xlsx"})
    wb = load_workbook(BytesIO(r.content))
    rows = sum(ws.max_row for ws in wb.worksheets)
    assert rows > m.Citizen.objects.count()


def test_a_warm_server_maps_the_year_once(monkeypatch: Any) -> None:
    """``warm_up`` (run by ``serve`` before its workers fork) computes the current year; a page
    after it maps and computes nothing."""
    from ressourcemodel.web.calculation import mappers

    calls: list[int] = []
    real = results.scenario_for_year
    monkeypatch.setattr(results, "scenario_for_year", lambda y, **k: calls.append(y) or real(y))
    assert results.warm_up() == [results.current_year()]
    assert calls == [results.current_year()]
    results.computed(results.current_year())
    assert calls == [results.current_year()]
    assert mappers.scenario_for_year is not None


def test_the_warm_server_hides_its_objects_from_the_cycle_collector(monkeypatch: Any) -> None:
    """``serve`` freezes what the master made before the workers fork, so a worker's full
    collection does not walk the year's result (half a second at national scale)."""
    import gc

    from django.db import connections

    from ressourcemodel import web_cli

    monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's own transaction
    calls: list[int] = []
    monkeypatch.setattr(results, "warm_up", lambda: calls.append(1) or [2026])
    try:
        web_cli._warm_up()
        assert calls == [1]
        assert gc.get_freeze_count() > 1000  # the test process's own objects, at least
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
