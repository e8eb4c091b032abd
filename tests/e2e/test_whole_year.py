"""A whole year as a finance consultant and two case workers run it, in a real Chromium: create a
facility and two citizens with stays and døgnskemaer, publish the year, register a move-out and
see the tail in the facility budget, load actuals and see the forecast, roll forward with given
percentages and see the new tariffs, set a phase-in and see the plan — every figure the
engine's."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from playwright.sync_api import expect

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.phase_in import PhaseInStep, phase_in
from ressourcemodel.engine.roll_forward import roll_facility, roll_parameters
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

from .conftest import login, shot

CODE = "T50"


def _logout(page: Any) -> None:
    page.wait_for_load_state("networkidle")  # the editor's live total must not race the logout
    page.click("text=Log ud")
    page.wait_for_url("**/login/**")


def _engine(year: int = 2026) -> Any:
    return compute(scenario_for_year(year))


def _create_facility(page: Any) -> None:
    page.goto(page.base + "/oversigt/")
    page.click("#new-facility")
    page.fill("#f-code", CODE)
    page.fill("#f-name", "Bofællesskabet Helårsvej")
    page.fill("#f-area", "Område Grenaa")
    page.fill("#f-places", "4")
    page.fill("#fast-nattevagt", "800.000")
    page.fill("#fast-ledelse_og_administration", "350.000")
    page.click("#f-save")
    page.wait_for_url(f"**/tilbud/{CODE}/**")
    f = _engine().facilities
    fr = next(x for x in f if x.id == CODE)
    assert fr.fixed_costs_total == Decimal(1150000)
    assert page.inner_text("#base-tariff") == format_kr(fr.base_tariff, 0)


def _create_citizen(page: Any, name: str, move_in: str) -> m.Citizen:
    page.goto(page.base + "/borgere/")
    page.click("#new-citizen")
    page.fill("#c-name", name)
    page.select_option("#c-facility", CODE)
    page.fill("#c-move-in", move_in)
    page.select_option("#c-level", "3")
    page.click("#c-save")
    page.wait_for_selector("text=oprettet med indflytning")
    return m.Citizen.objects.get(name=name)


def _draw_and_submit(page: Any, c: m.Citizen, effective_from: str) -> None:
    """Monday 08:00–10:00 drawn with the mouse, then every day with the keyboard form."""
    page.goto(f"{page.base}/borgere/{c.pk}/doegnskema/")
    body = page.locator('.day-body[data-day="0"]')
    box = body.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 8 * 24 + 1)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + 9 * 24, steps=5)
    page.mouse.move(box["x"] + 20, box["y"] + 10 * 24 + 1, steps=5)
    page.mouse.up()
    for day in ["tue", "wed", "thu", "fri", "sat", "sun"]:
        page.check(f'#entry-form input[name="days"][value="{day}"]')
    expect(page.locator("#live-hours")).to_have_text("2,00")
    page.fill("#effective-from", effective_from)
    page.click("#save")
    page.wait_for_url("**/vurdering/**")
    page.click("#submit")
    page.wait_for_selector("text=indsendt til godkendelse")


def _approve_all(page: Any, citizens: list[m.Citizen]) -> None:
    for c in citizens:
        a = m.Assessment.objects.get(citizen=c, status="submitted")
        page.goto(f"{page.base}/borgere/{c.pk}/vurdering/{a.pk}/")
        page.click("#approve")
        page.wait_for_selector("text=godkendt og indgår nu i budgettet")


def _facility_page_equals_engine(page: Any, year: int = 2026) -> Any:
    fr = next(x for x in _engine(year).facilities if x.id == CODE)
    page.goto(f"{page.base}/tilbud/{CODE}/?aar={year}")
    assert page.inner_text("#activity-budget") == format_kr(fr.activity_budget, 0)
    cells = page.locator("#months tbody tr").all_inner_texts()
    for mr, row in zip(fr.months, cells, strict=False):
        assert format_kr(mr.activity, 0) in row, (mr.month, row)
    return fr


def test_a_whole_year(page: Any) -> None:
    bad: list[str] = []
    page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    login(page, "okonomi")
    _create_facility(page)
    _logout(page)

    login(page, "myndighed")
    anna = _create_citizen(page, "Anna Helårsen", "2026-02-01")
    bo = _create_citizen(page, "Bo Helårsen", "2026-03-01")
    _draw_and_submit(page, anna, "2026-03-01")
    _draw_and_submit(page, bo, "2026-04-01")
    _logout(page)
    login(page, "myndighed2")  # four eyes
    _approve_all(page, [anna, bo])
    _logout(page)

    login(page, "okonomi")
    page.goto(page.base + "/takstaar/?aar=2026")
    page.click("#publish")
    page.wait_for_selector("text=offentliggjort og låst")
    assert m.TariffYear.objects.get(year=2026, superseded_at__isnull=True).status == "published"
    _logout(page)

    login(page, "myndighed")  # Bo moves out mid-June: the budget runs to the end of July
    page.goto(f"{page.base}/borgere/{bo.pk}/")
    stay = bo.stays.get()
    form = page.locator(f"#end-stay-{stay.pk}")
    form.locator('input[name="fraflytning"]').fill("2026-06-15")
    form.locator("button").click()
    page.wait_for_selector("text=Fraflytningen er registreret")
    _logout(page)

    login(page, "okonomi")
    fr = _facility_page_equals_engine(page)
    july, august = fr.months[6].activity, fr.months[7].activity
    assert july > august  # Bo's tail: budget-active through July, not August
    page.click("#edit-actuals")
    for month, amount in ((1, "60.000"), (2, "95.000,50"), (3, "110.000")):
        page.fill(f"#m-{month}", amount)
    page.click("#actuals-save")
    page.wait_for_selector("#forecast")
    fr = _facility_page_equals_engine(page)
    assert fr.forecast is not None
    forecast = page.inner_text("#forecast")
    assert format_kr(fr.forecast.actual_to_date, 0) in forecast
    assert format_kr(fr.forecast.forecast_budget_rest, 0) in forecast
    shot(page, "helaar-tilbud")

    page.goto(page.base + "/takstaar/?aar=2026")
    page.click("#roll-link")
    page.fill("#wage", "3,2")
    page.fill("#price", "2,1")
    page.click("#roll-preview")
    page.wait_for_selector("#roll-levels")
    old = scenario_for_year(2026, external_ids=True)
    rolled = compute(
        replace(
            old,
            parameters=roll_parameters(old.parameters, wage_rate=Decimal("0.032")),
            facilities=tuple(
                roll_facility(f, wage_rate=Decimal("0.032"), price_rate=Decimal("0.021"))
                for f in old.facilities
            ),
        )
    )
    levels = page.inner_text("#roll-levels")
    for lv in rolled.levels:
        assert format_kr(lv.service_tariff, 0) in levels
    page.click("#roll-save")
    page.wait_for_url("**/takstaar/?aar=2027")
    new = next(x for x in _engine(2027).facilities if x.id == CODE)
    assert new.base_tariff == next(x for x in rolled.facilities if x.id == CODE).base_tariff
    shot(page, "helaar-fremskrivning")

    page.goto(page.base + "/indfasning/?aar=2026&andel1=50&andel2=100")
    page.fill(f'input[name="gammelt_{CODE}"]', "1.000.000")
    page.click("#old-save")
    page.wait_for_selector("text=gamle budgetter er gemt")
    page.goto(page.base + "/indfasning/?aar=2026&andel1=50&andel2=100")
    fr = next(x for x in _engine().facilities if x.id == CODE)
    (row,) = phase_in(
        ((CODE, Decimal(1000000), fr.total_budget),),
        steps=(PhaseInStep(2026, Decimal("0.5")), PhaseInStep(2027, Decimal(1))),
    )
    plan = page.locator("#phase-plan tr", has_text="Helårsvej").inner_text()
    for _year, budget in row.by_year:
        assert format_kr(budget, 0) in plan
    shot(page, "helaar-indfasning")
    assert page.console_errors == [], bad
