"""Every krone explained and a what-if, as a finance consultant does it in the browser."""

from __future__ import annotations

from playwright.sync_api import expect

from ressourcemodel.engine.compare import compare
from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

from .conftest import login, shot


def test_click_a_figure_then_a_whatif_with_two_causes(page) -> None:  # type: ignore[no-untyped-def]
    live = compute(scenario_for_year(2026))
    f = live.facilities[0]
    login(page, "okonomi")
    page.goto(f"{page.base}/tilbud/{f.id}/")
    page.click("#activity-budget a")
    expect(page.locator("#explained-activity")).to_have_text(format_kr(f.activity_budget, 0))
    assert page.locator("#parts tbody tr").count() > 1
    shot(page, "forklaring")

    page.goto(f"{page.base}/hvad-nu-hvis/")
    page.fill("#whatif-name", "Timepris 360 og mere støtte")
    page.click("#whatif-start")
    page.wait_for_selector("#causes")
    page.select_option('#form-parameter select[name="parameter"]', "hourly_cost")
    page.fill('#form-parameter input[name="value"]', "360,00")
    page.click("#form-parameter button")
    page.wait_for_selector(".messages .success")
    w = m.WhatIf.objects.get(name="Timepris 360 og mere støtte")
    cid = next(
        c["id"]
        for c in w.scenario["citizens"]
        if c["stays"] and c["assessments"] and all("entries" in a for a in c["assessments"])
    )
    page.select_option('#form-entry select[name="borger"]', cid)
    page.fill('#form-entry input[name="fra"]', "2026-06-01")
    page.fill('#form-entry input[name="start"]', "13:00")
    page.fill('#form-entry input[name="end"]', "14:00")
    page.click("#form-entry button")
    page.wait_for_selector(".messages .success")
    w.refresh_from_db()
    expected = {
        k.cause: k.amount
        for k in compare(scenario_for_year(2026), scenario_from_dict(w.scenario)).causes
    }
    expect(page.locator('tr[data-cause="parameters"] td.num')).to_have_text(
        format_kr(expected["parameters"], 0)
    )
    expect(page.locator('tr[data-cause="assessments"] td.num')).to_have_text(
        format_kr(expected["assessments"], 0)
    )
    assert expected["parameters"] > 0
    assert expected["assessments"] > 0
    shot(page, "hvad-nu-hvis")
    # live pages unchanged
    page.goto(f"{page.base}/oversigt/")
    expect(page.locator("#total-budget")).to_have_text(
        format_kr(live.overview.total.total_budget, 0)
    )
    assert page.console_errors == []
