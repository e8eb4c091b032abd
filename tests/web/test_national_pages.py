"""Pages that must not grow with the register (ADR 0014): the overview pages its facilities by
area ("Side N af M") with the engine's totals still shown, the start page pages its special
cases and reads only their citizens, a facility's residents come from an index built once per
result, and the citizen list's ordering has its index."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ressourcemodel.formatting import format_kr
from ressourcemodel.web.audit.models import AccessLog
from ressourcemodel.web.budgets import selectors as budget_selectors
from ressourcemodel.web.calculation.results import bump_data_version, computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db

FACILITY_LINK = re.compile(r'href="/tilbud/([^/"]+)/"')


def _facilities_on(html: str) -> list[str]:
    table = html[html.index('id="facilities"') :]
    return FACILITY_LINK.findall(table)


def test_overview_pages_the_facilities_and_keeps_the_totals(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget_selectors, "FACILITY_PAGE_SIZE", 4)
    client = client_as("okonomi")
    result = computed(2026).result
    ordered = [f.id for f in sorted(result.facilities, key=lambda f: (f.area, f.name))]
    pages = -(-len(ordered) // 4)
    seen: list[str] = []
    for n in range(1, pages + 1):
        html = client.get(f"/oversigt/?side={n}").content.decode()
        assert f"Side {n} af {pages}" in html
        assert format_kr(result.overview.total.total_budget, 0) in html  # the municipality's
        for a in result.overview.areas:  # and every area's totals, on every page
            assert format_kr(a.total_budget, 0) in html
        seen += _facilities_on(html)
    assert seen == ordered
    # out of range or not a number: the nearest page
    assert f"Side {pages} af {pages}" in client.get("/oversigt/?side=999").content.decode()
    assert "Side 1 af" in client.get("/oversigt/?side=x").content.decode()


def test_overview_filters_the_facilities_by_area(client_as: Any) -> None:
    client = client_as("okonomi")
    result = computed(2026).result
    area = result.overview.areas[1]
    html = client.get("/oversigt/", {"omraade": area.name}).content.decode()
    own = sorted((f for f in result.facilities if f.area == area.name), key=lambda f: f.name)
    assert _facilities_on(html) == [f.id for f in own]
    assert f'<option value="{area.name}" selected>' in html
    assert format_kr(area.total_budget, 0) in html
    assert format_kr(result.overview.total.total_budget, 0) in html  # the total stays
    other = next(a for a in result.overview.areas if a.name != area.name)
    assert format_kr(other.total_budget, 0) not in html.split('id="facilities"')[0]
    assert _facilities_on(client.get("/oversigt/?omraade=Ukendt").content.decode()) == []


def test_many_areas_fold_to_the_total_until_one_is_chosen(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register with more areas than fit side by side shows the total alone and says how to
    see an area; choosing one shows it beside the total. A leader's own areas always show."""
    monkeypatch.setattr(budget_selectors, "MAX_AREA_COLUMNS", 1)
    result = computed(2026).result
    areas = result.overview.areas
    assert len(areas) > 1
    html = client_as("okonomi").get("/oversigt/").content.decode()
    start = html.index('class="figures"')
    figures = html[start : html.index("</table>", start)]
    assert f'id="areas-folded">{len(areas)} områder' in html
    assert format_kr(result.overview.total.total_budget, 0) in figures
    assert all(f">{a.name}</th>" not in figures for a in areas)
    chosen = client_as("okonomi").get("/oversigt/", {"omraade": areas[0].name}).content.decode()
    assert 'id="areas-folded"' not in chosen
    assert f">{areas[0].name}</th>" in chosen
    leader = client_as("leder").get("/oversigt/").content.decode()
    assert 'id="areas-folded"' not in leader


def test_a_leader_pages_only_own_facilities(client_as: Any) -> None:
    html = client_as("leder").get("/oversigt/?omraade=Område Ørum").content.decode()
    assert _facilities_on(html) == []  # another area's name gives nothing
    assert "Område Ørum</option>" not in html


def _linked_citizens(html: str, table_id: str) -> list[str]:
    start = html.index(f'id="{table_id}"')
    return re.findall(r'href="/borgere/(\d+)/', html[start : html.index("</table>", start)])


def test_start_page_pages_the_special_cases_and_logs_only_those_shown(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget_selectors, "HOME_PAGE_SIZE", 2)
    m.Assessment.objects.filter(status="submitted").delete()  # only the special cases listed
    m.StayProposal.objects.all().delete()
    specials = computed(2026).result.overview.special_cases
    assert len(specials) > 2
    client = client_as("myndighed")
    before = AccessLog.objects.filter(what="home").count()
    html = client.get("/").content.decode()
    pages = -(-len(specials) // 2)  # myndighed sees every citizen
    assert f"Side 1 af {pages}" in html
    shown = _linked_citizens(html, "reviews")
    assert len(shown) == 2
    logged = AccessLog.objects.filter(what="home").order_by("pk")[before:]
    assert sorted(a.citizen_id for a in logged) == sorted(shown)
    last = client.get(f"/?side={pages}").content.decode()
    assert f"Side {pages} af {pages}" in last


def test_start_page_pages_waiting_approvals_and_proposals(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lists of døgnskemaer waiting for approval and of leaders' proposals each page on
    their own parameter; every citizen whose name is shown is in the access log."""
    monkeypatch.setattr(budget_selectors, "HOME_PAGE_SIZE", 2)
    for a in m.Assessment.objects.filter(status="approved").order_by("pk")[:5]:
        a.pk, a.status = None, "submitted"  # a new døgnskema handed in for approval
        a.effective_from += timedelta(days=400)
        a.save()
    waiting = m.Assessment.objects.filter(status="submitted").count()
    citizens = list(m.Citizen.objects.filter(stays__isnull=False).distinct().order_by("pk")[:3])
    for c in citizens:
        stay = c.stays.first()
        assert stay is not None
        m.StayProposal.objects.create(
            citizen=c, kind="move_out", stay=stay, day=stay.move_in, end_reason="fraflytning"
        )
    proposals = m.StayProposal.objects.filter(status="pending").count()
    client = client_as("myndighed")
    before = AccessLog.objects.filter(what="home").count()
    html = client.get("/").content.decode()
    pending_pages, proposal_pages = -(-waiting // 2), -(-proposals // 2)
    assert waiting >= 5
    assert proposals >= 3
    start = html.index('id="pending"')
    assert html[start : html.index("</table>", start)].count("Åbn døgnskema") == 2
    assert f'<span id="pending-page-of">Side 1 af {pending_pages}</span>' in html
    assert f'<span id="proposal-page-of">Side 1 af {proposal_pages}</span>' in html
    assert len(_linked_citizens(html, "proposals")) == 2
    logged = {a.citizen_id for a in AccessLog.objects.filter(what="home").order_by("pk")[before:]}
    assert set(_linked_citizens(html, "proposals")) <= logged
    last = client.get(f"/?godkendelser={pending_pages}&forslag={proposal_pages}").content.decode()
    assert f'<span id="pending-page-of">Side {pending_pages} af {pending_pages}</span>' in last
    assert f'<span id="proposal-page-of">Side {proposal_pages} af {proposal_pages}</span>' in last
    leader = client_as("leder").get("/").content.decode()
    assert 'id="pending"' not in leader
    assert 'id="proposals"' not in leader


def test_start_page_reads_only_the_special_cases_citizens(client_as: Any) -> None:
    manual = m.Assessment.objects.filter(status="approved").exclude(manual_level="").first()
    assert manual is not None
    m.Assessment.objects.filter(pk=manual.pk).update(
        review_date=timezone.localdate() - timedelta(days=1)
    )
    bump_data_version()
    client = client_as("myndighed")
    client.get("/")  # the result is computed (it reads the register) before we look
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    citizen_reads = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().startswith("SELECT") and 'FROM "care_citizen"' in q["sql"]
    ]
    assert citizen_reads, "the names are read"
    assert all(" IN (" in sql for sql in citizen_reads), citizen_reads
    assert f"/borgere/{manual.citizen_id}/" in html


def test_facility_residents_come_from_the_index_and_equal_a_walk(client_as: Any) -> None:
    c = computed(2026)
    for code in c.facilities:
        walked = sorted(
            (
                (c.citizen_inputs[cr.id].name, cr.id, [p for p in cr.periods if p.facility == code])
                for cr in c.result.citizens
                if any(p.facility == code for p in cr.periods)
            ),
            key=lambda t: t[0],
        )
        indexed = [(r.name, r.result.id, list(r.periods)) for r in c.residents.get(code, ())]
        assert indexed == walked, code
    assert c.residents is c.residents  # built once per cached result
    html = client_as("okonomi").get("/tilbud/T01/").content.decode()
    for r in c.residents["T01"]:
        assert f"/borgere/{r.result.id}/" in html


def test_the_citizen_list_order_has_an_index() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "care_citizen")
    assert any(c["index"] and c["columns"] == ["name", "id"] for c in constraints.values()), (
        constraints
    )


def test_citizen_list_facility_options_are_every_facility_and_follow_a_rename(
    client_as: Any,
) -> None:
    client = client_as("myndighed")
    html = client.get("/borgere/?tilbud=T02").content.decode()
    options = re.findall(r'<option value="(T\d+)"( selected)?>([^<]*)</option>', html)
    expected = list(m.Facility.objects.order_by("area__name", "name").values_list("code", "name"))
    assert [(code, name) for code, _, name in options] == expected
    assert [code for code, sel, _ in options if sel] == ["T02"]
    m.Facility.objects.filter(code="T03").update(name="Bo & <Co>")
    bump_data_version()
    html = client.get("/borgere/").content.decode()
    assert '<option value="T03">Bo &amp; &lt;Co&gt;</option>' in html
    assert " selected>" not in html.split('name="tilbud"')[1].split("</select>")[0]


def test_the_kept_key_figures_follow_scope_language_and_data(client_as: Any) -> None:
    total = format_kr(computed(2026).result.overview.total.total_budget, 0)
    finance = client_as("okonomi")
    assert total in finance.get("/oversigt/").content.decode()
    leader = client_as("leder").get("/oversigt/").content.decode()  # after finance's
    assert total not in leader
    finance.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Net municipal cost" in finance.get("/oversigt/").content.decode()
    finance.post("/i18n/setlang/", {"language": "da", "next": "/"})
    stay = m.Stay.objects.filter(move_out__isnull=True, facility__code="T01").first()
    assert stay is not None
    stay.move_out = stay.move_in
    stay.save()
    bump_data_version()
    new_total = format_kr(computed(2026).result.overview.total.total_budget, 0)
    assert new_total != total
    assert new_total in finance.get("/oversigt/").content.decode()
