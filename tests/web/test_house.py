"""The web layer's house: one door to the engine with a result cache, versions that keep when a
fact was recorded, pages that show exactly the engine's figures, and the defects found when the
product was tried as a new user would."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr, format_number
from ressourcemodel.scenario.dump import entry_to_dict
from ressourcemodel.scenario.load import load_scenario
from ressourcemodel.web.calculation import results as door
from ressourcemodel.web.calculation.mappers import entries_of, scenario_for_year, tariff_year_row
from ressourcemodel.web.demo import DEMO_PASSWORD
from ressourcemodel.web.maintenance import citizen_export
from ressourcemodel.web.records import models as m
from ressourcemodel.web.tariffs.services import tariff_year_update

from . import factories

pytestmark = pytest.mark.django_db


def _text(html: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (a link inside it included)."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(td|strong)>', html, re.S)
    assert match, element_id
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_export_scenario_computes_to_the_figures_the_pages_render(client_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.web_cli import _cmd_export

    class Args:
        year = 2026
        output = str(tmp_path / "live.yaml")

    assert _cmd_export(Args()) == 0  # type: ignore[arg-type]
    from_file = compute(load_scenario(tmp_path / "live.yaml"))
    c = client_as("okonomi")
    overview = c.get("/oversigt/").content.decode()
    assert _text(overview, "total-budget") == format_kr(from_file.overview.total.total_budget, 0)
    for fr in from_file.facilities:
        page = c.get(f"/tilbud/{fr.id}/").content.decode()
        assert _text(page, "activity-budget") == format_kr(fr.activity_budget, 0), fr.id
        assert _text(page, "base-tariff") == format_kr(fr.base_tariff, 0), fr.id
        months = re.sub(r"</?a[^>]*>", "", page.split('id="months"')[1])  # drop the links
        rendered = re.findall(r'<td class="num">([^<]*)</td>', months)
        for mr in fr.months:
            assert format_kr(mr.activity, 0) in rendered, (fr.id, mr.month)


def test_indirect_share_on_the_tariff_page_moves_the_budget_by_the_engines_amount(
    client_as,  # type: ignore[no-untyped-def]
) -> None:
    before = scenario_for_year(2026)
    params = dataclasses.replace(before.parameters, indirect_share=Decimal("0.30"))
    expected = compute(dataclasses.replace(before, parameters=params))
    fin = client_as("okonomi")
    code = expected.facilities[0].id
    page_before = fin.get(f"/tilbud/{code}/").content.decode()
    r = fin.post("/takstaar/?aar=2026", {"indirect_share": "0,30", "occupancy_rate": "0,97",
                                         "overhead_rate": "0"})  # fmt: skip
    assert r.status_code == 302
    page_after = fin.get(f"/tilbud/{code}/").content.decode()
    assert _text(page_after, "activity-budget") == format_kr(
        expected.facilities[0].activity_budget, 0
    )
    assert _text(page_after, "activity-budget") != _text(page_before, "activity-budget")
    overview = fin.get("/oversigt/").content.decode()
    assert _text(overview, "total-budget") == format_kr(expected.overview.total.total_budget, 0)


def test_one_computation_per_data_version(client_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def counting(real):  # type: ignore[no-untyped-def]
        def count(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            return real(*args, **kwargs)

        return count

    # the door calculates with the engine in full (prepare) or after a change (update)
    monkeypatch.setattr(door, "prepare", counting(door.prepare))
    monkeypatch.setattr(door, "update", counting(door.update))
    c = client_as("myndighed")
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    code = m.Facility.objects.first().code  # type: ignore[union-attr]
    for url in ("/oversigt/", f"/tilbud/{code}/", f"/borgere/{citizen.pk}/", "/borgere/", "/"):
        assert c.get(url).status_code == 200
    assert len(calls) == 1
    tariff_year_update(user=None, tariff_year=tariff_year_row(2026),
                       changes={"indirect_share": Decimal("0.26")})  # fmt: skip
    assert len(calls) == 1  # the service checks through the engine, not through the cache
    c.get(f"/tilbud/{code}/")
    c.get("/oversigt/")
    assert len(calls) == 2  # one recomputation for the new data version


@pytest.fixture
def own_data():  # type: ignore[no-untyped-def]
    """An empty municipality for a test that builds its own data (rolled back afterwards)."""
    m.Citizen.objects.all().delete()
    m.Stay.objects.all().delete()
    m.Facility.objects.all().delete()


def test_a_result_can_be_recomputed_as_the_system_knew_it(own_data) -> None:  # type: ignore[no-untyped-def]
    factories.tariff_year(2031, decisions={"indirect_share": "KB 01-02-2031, sag 31/1"})
    f = factories.facility("H1", year=2031)
    factories.citizen("Anna", at=f, move_in=date(2030, 6, 1))
    before = door.result_for_year(2031)
    moment = timezone.now()
    new = tariff_year_update(
        user=None,
        tariff_year=tariff_year_row(2031),
        changes={"hourly_cost": Decimal("400.00")},
        decisions={"hourly_cost": "KB 02-03-2031"},
        reason="ny løn",
    )
    assert new.version == 2
    assert new.decisions == {"indirect_share": "KB 01-02-2031, sag 31/1",
                             "hourly_cost": "KB 02-03-2031"}  # fmt: skip
    now = door.result_for_year(2031)
    assert now.facilities[0].activity_budget != before.facilities[0].activity_budget
    then = door.result_as_known_on(2031, moment)
    assert then.facilities[0].activity_budget == before.facilities[0].activity_budget
    old = m.TariffYear.objects.get(year=2031, version=1)
    assert old.recorded_at <= moment < old.superseded_at  # type: ignore[operator]


def test_one_entry_representation_keeps_everything(own_data) -> None:  # type: ignore[no-untyped-def]
    factories.tariff_year(2032)
    f = factories.facility("H2", year=2032)
    c = factories.citizen("Bent", at=f, move_in=date(2032, 1, 1))
    a = c.assessments.get()
    (entry,) = entries_of(a)
    as_dict = entry_to_dict(entry)
    assert as_dict["sub_theme"] == "Personlig hygiejne"
    assert as_dict["staff_category"] == "socialpædagog"
    assert as_dict["note"] == "Mål: selvstændig morgenrutine"
    assert citizen_export(c.pk)["assessments"][0]["entries"] == [as_dict]
    scenario_entry = scenario_for_year(2032).citizens[0].assessments[0].entries[0]
    assert scenario_entry == entry


def test_tariff_page_shows_the_decision_behind_each_parameter(client_as) -> None:  # type: ignore[no-untyped-def]
    html = client_as("ledelse").get("/takstaar/").content.decode()
    assert "KB 24-06-2025, sag 24/302" in html


# --- defects found when the product was tried as a new user would ------------------------------


def test_leader_start_page_shows_only_own_areas(client_as) -> None:  # type: ignore[no-untyped-def]
    result = compute(scenario_for_year(2026))
    html = client_as("leder").get("/").content.decode()
    assert format_kr(result.overview.total.total_budget, 0) not in html
    grenaa = next(a for a in result.overview.areas if a.name == "Område Grenaa")
    assert format_kr(grenaa.total_budget, 0) in html
    own = {f.id for f in result.facilities if f.area == "Område Grenaa"}
    others = [s for s in result.overview.special_cases if s.facility not in own]
    assert others, "the demo has special-tariff cases outside Grenaa"
    for s in others:
        assert f"<td>{s.facility}</td>" not in html


@pytest.mark.parametrize("url", ["/oversigt/?aar=2025", "/takstaar/?aar=2025",
                                 "/tilbud/T01/?aar=2025"])  # fmt: skip
def test_a_year_without_data_gets_a_friendly_danish_page(client_as, url) -> None:  # type: ignore[no-untyped-def]
    r = client_as("okonomi").get(url)
    assert r.status_code == 404
    html = r.content.decode()
    assert "Der er ingen takstår 2025" in html
    assert "Traceback" not in html
    assert 'href="/oversigt/"' in html  # the navigation is there
    assert "?aar=2026" in html  # and the years that have data


@pytest.mark.parametrize("year", ["abc", "2019x", "9" * 20])
def test_an_unreadable_year_is_a_danish_400(client_as, year) -> None:  # type: ignore[no-untyped-def]
    r = client_as("okonomi").get(f"/oversigt/?aar={year}")
    assert r.status_code == 400
    assert "er ikke et gyldigt takstår" in r.content.decode()


def _save(client: Client, citizen: m.Citizen, entry: dict[str, object]) -> tuple[int, str]:
    r = client.post(
        f"/borgere/{citizen.pk}/doegnskema/gem/",
        json.dumps({"entries": [entry], "effective_from": "2026-06-01"}),
        content_type="application/json",
    )
    return r.status_code, r.json()["error"] if r.status_code != 200 else ""


@pytest.mark.parametrize(("field", "value"), [("participants", 0), ("staff", 0),
                                              ("participants", None), ("staff", -1)])  # fmt: skip
def test_editor_refuses_zero_participants_or_staff(client_as, field, value) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    n = m.Assessment.objects.count()
    entry = {"days": ["mon"], "start": "08:00", "end": "09:00", "form": "group",
             "staff": 1, "participants": 3, field: value}  # fmt: skip
    status, error = _save(client_as("myndighed"), citizen, entry)
    assert status == 400
    assert field in error
    assert m.Assessment.objects.count() == n


def test_zero_length_message_names_weekday_and_time(client_as) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    entry = {"days": ["tue", "wed"], "start": "08:00", "end": "08:00", "form": "individual"}
    status, error = _save(client_as("myndighed"), citizen, entry)
    assert status == 400
    assert "tir, ons 08:00–08:00" in error
    assert "sluttid er lig starttid" in error


def test_pot_calculator_says_in_danish_what_is_wrong(client_as) -> None:  # type: ignore[no-untyped-def]
    html = client_as("okonomi").get("/pulje/?beloeb=abc").content.decode()
    assert "Beløb: &#x27;abc&#x27; er ikke et tal." in html
    assert "invalid literal" not in html
    huge = client_as("okonomi").get("/pulje/?beloeb=1e999999").content.decode()
    assert "Beløb" in huge


def test_403_and_404_pages_are_danish_with_navigation(client_as) -> None:  # type: ignore[no-untyped-def]
    r = client_as("ledelse").get("/borgere/")
    assert r.status_code == 403
    assert "Ingen adgang" in r.content.decode()
    assert 'href="/oversigt/"' in r.content.decode()
    r = client_as("ledelse").get("/findes-ikke/")
    assert r.status_code == 404
    assert "Siden findes ikke" in r.content.decode()
    assert 'href="/oversigt/"' in r.content.decode()


def test_citizen_list_keeps_its_filters_and_counts_in_danish(client_as) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("pk").first()
    assert citizen is not None
    stay = citizen.stays.select_related("facility").first()
    assert stay is not None
    html = (
        client_as("okonomi")
        .post("/borgere/", {"q": citizen.name, "tilbud": stay.facility.code, "solgt": ""})
        .content.decode()
    )
    assert f'value="{citizen.name}"' in html
    assert f'value="{stay.facility.code}" selected' in html
    count = len(re.findall(r'href="/borgere/\d+/"', html))
    assert ("1 borger<" in html) == (count == 1)
    assert "1 borgere" not in html


def test_english_mode_has_no_danish_months_and_numbers_have_separators(client_as) -> None:  # type: ignore[no-untyped-def]
    c = client_as("okonomi")
    code = m.Facility.objects.first().code  # type: ignore[union-attr]
    danish = c.get(f"/tilbud/{code}/").content.decode()
    assert "Januar" in danish
    occupied = compute(scenario_for_year(2026)).overview.total.occupied_days
    assert format_number(occupied) in c.get("/oversigt/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = c.get(f"/tilbud/{code}/").content.decode()
    assert "January" in english
    assert "Januar<" not in english


def test_audit_log_shows_readable_actions(client_as) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.filter(stays__isnull=False).first()
    assert citizen is not None
    c = client_as("myndighed")
    c.get(f"/borgere/{citizen.pk}/doegnskema/")
    html = client_as("admin").get("/revision/").content.decode()
    assert "Nyt døgnskema" in html
    assert ">schedule_new<" not in html


def test_demo_password_is_the_documented_one() -> None:
    assert Client().login(username="okonomi", password=DEMO_PASSWORD)
