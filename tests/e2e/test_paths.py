"""The main user paths in a real Chromium."""

from __future__ import annotations

from playwright.sync_api import expect

from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

from .conftest import login, shot


def test_main_pages_render_without_console_errors(page) -> None:  # type: ignore[no-untyped-def]
    login(page, "okonomi")
    f = m.Facility.objects.order_by("code").first()
    c = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("pk").first()
    for name, url in [
        ("forside", "/"),
        ("overblik", "/oversigt/"),
        ("tilbud", f"/tilbud/{f.code}/"),
        ("borgere", "/borgere/"),
        ("borger", f"/borgere/{c.pk}/"),
        ("doegnskema", f"/borgere/{c.pk}/doegnskema/"),
        ("takstaar", "/takstaar/"),
        ("pulje", "/pulje/"),
    ]:
        page.goto(page.base + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible(), url
        shot(page, name)
    assert page.console_errors == []


def test_draw_entry_see_live_total_submit_approve_and_budget_follows(page) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.by_cpr("1509981234").get()  # provisional level, no døgnskema
    facility = citizen.stays.get().facility
    before = compute(scenario_for_year(2026))
    login(page, "myndighed")
    page.goto(f"{page.base}/borgere/{citizen.pk}/doegnskema/")
    assert page.inner_text("#live-hours") == "–"

    # Draw Monday 08:00–10:00 by dragging (24 px per hour in the grid).
    body = page.locator('.day-body[data-day="0"]')
    box = body.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 8 * 24 + 1)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + 9 * 24, steps=5)
    page.mouse.move(box["x"] + 20, box["y"] + 10 * 24 + 1, steps=5)
    page.mouse.up()
    expect(page.locator("#live-hours")).not_to_have_text("–")
    assert page.inner_text("#live-hours") == "0,29"  # 120 min ÷ 7 døgn
    assert page.inner_text("#live-level") == "1"

    # Edit it with the keyboard-usable form: every day of the week → 2,00 h per døgn, level 2.
    for day in ["tue", "wed", "thu", "fri", "sat", "sun"]:
        page.check(f'#entry-form input[name="days"][value="{day}"]')
    expect(page.locator("#live-hours")).to_have_text("2,00")
    assert page.inner_text("#live-level") == "2"
    tariff_text = page.inner_text("#live-tariff")
    level2 = next(lv for lv in before.levels if lv.code == "2").service_tariff
    assert tariff_text == format_kr(level2, 0)  # e.g. "1.253 kr."

    page.click("#save")
    page.wait_for_url("**/vurdering/**")
    assert "Kladde" in page.inner_text("#status")
    page.click("#submit")
    page.wait_for_selector("text=indsendt til godkendelse")
    # four eyes: the one who drew it cannot approve it; a colleague does
    assert page.is_visible("#four-eyes")
    assert not page.is_visible("#approve")
    url = page.url
    page.wait_for_load_state("networkidle")  # the editor's live total must not race the logout
    page.click("text=Log ud")
    login(page, "myndighed2")
    page.goto(url)
    page.click("#approve")
    page.wait_for_selector("text=godkendt og indgår nu i budgettet")
    assert "Godkendt" in page.inner_text("#status")

    after = compute(scenario_for_year(2026))
    fb = next(f for f in before.facilities if f.id == facility.code)
    fa = next(f for f in after.facilities if f.id == facility.code)
    assert fa.activity_budget != fb.activity_budget  # the new level changed the budget
    page.goto(f"{page.base}/tilbud/{facility.code}/")
    assert page.inner_text("#activity-budget") == format_kr(fa.activity_budget, 0)
    page.goto(page.base + "/oversigt/")
    assert page.inner_text("#total-budget") == format_kr(after.overview.total.total_budget, 0)
    assert (
        after.overview.total.total_budget - before.overview.total.total_budget
        == fa.activity_budget - fb.activity_budget
    )
    assert page.console_errors == []


def test_invalid_entries_are_rejected_and_nothing_is_saved(page) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.by_cpr("1509981234").get()
    count = m.Assessment.objects.count()
    login(page, "myndighed")
    page.goto(f"{page.base}/borgere/{citizen.pk}/doegnskema/")
    # Keyboard: two entries through the "Tilføj indsats" button, both Monday 08:00–09:00.
    page.focus("#add-entry")
    page.keyboard.press("Enter")
    page.focus("#add-entry")
    page.keyboard.press("Enter")
    page.wait_for_selector("#live-error:not([hidden])")
    assert "overlapper" in page.inner_text("#live-error")
    page.click("#save")
    page.wait_for_selector("#save-msg.error")
    assert "overlapper" in page.inner_text("#save-msg")
    # Zero length
    page.click("#delete-entry")
    page.focus("#entry-list tbody tr")  # select the remaining entry with the keyboard
    page.keyboard.press("Enter")
    page.fill('#entry-form input[name="end"]', "08:00")
    page.dispatch_event("#entry-form", "change")
    expect(page.locator("#live-error")).to_contain_text("sluttid er lig starttid")
    assert m.Assessment.objects.count() == count


def test_pot_calculator_gives_the_memo_figures(page) -> None:  # type: ignore[no-untyped-def]
    login(page, "okonomi")
    page.goto(page.base + "/pulje/")
    page.fill('input[name="beloeb"]', "750.000")
    page.fill('input[name="timeloen"]', "244")
    page.fill('input[name="beboere"]', "97")
    page.click("form.filters button[type=submit]")
    assert "2,64 timer" in page.inner_text("#pot-result")
    models = page.inner_text(".models")
    assert "Model 5" in models
    assert "2,67 timer pr. gruppe pr. måned" in models
    assert page.console_errors == []


def test_login_rejects_a_wrong_password(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", "okonomi")
    page.fill("input[name=password]", "forkert-kode")
    page.click("button[type=submit]")
    assert "forkert" in page.inner_text(".error")
    page.goto(page.base + "/oversigt/")
    assert "/login/" in page.url


def test_editor_after_an_error_shows_no_old_figures_and_labels_in_danish(page) -> None:  # type: ignore[no-untyped-def]
    citizen = m.Citizen.objects.by_cpr("1509981234").get()
    count = m.Assessment.objects.count()
    login(page, "myndighed")
    page.goto(f"{page.base}/borgere/{citizen.pk}/doegnskema/")
    page.click("#add-entry")
    expect(page.locator("#live-hours")).to_have_text("0,14")  # 60 min ÷ 7
    assert page.inner_text("#entry-list tbody tr td:first-child") == "Man"
    assert page.inner_text("#entry-list tbody tr td:nth-child(3)") == "Individuel"
    # A group entry with 0 participants: refused, and the old live figures are gone.
    page.select_option('#entry-form select[name="form"]', "group")
    page.fill('#entry-form input[name="participants"]', "0")
    page.dispatch_event("#entry-form", "change")
    expect(page.locator("#live-error")).to_contain_text("participants")
    assert page.inner_text("#live-hours") == "–"
    assert page.inner_text("#live-level") == "–"
    page.click("#save")
    page.wait_for_selector("#save-msg.error")
    assert "man 08:00–09:00" in page.inner_text("#save-msg")
    assert m.Assessment.objects.count() == count
    # the browser logs the refused requests (400) as failed loads; no script error beyond that
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []


def test_buying_municipality_sees_the_tariff_statement_not_the_schedule(page) -> None:  # type: ignore[no-untyped-def]
    own = m.Assessment.objects.filter(citizen__paying_municipality="751", manual_level="").first()
    assert own is not None
    from ressourcemodel.web.demo import DEMO_PASSWORD

    page.goto(page.base + "/login/")
    page.fill("input[name=username]", "aarhus")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/borgere/")
    page.goto(f"{page.base}/borgere/{own.citizen_id}/")
    expect(page.locator("#takstgrundlag")).to_be_visible()
    assert page.locator("text=Vurderinger og døgnskemaer").count() == 0
    response = page.goto(f"{page.base}/borgere/{own.citizen_id}/vurdering/{own.pk}/")
    assert response is not None
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Ingen adgang")
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
