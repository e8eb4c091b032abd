"""The overview's facilities by area and a page at a time, in a real Chromium: choosing an area
shows its facilities and its totals beside the municipality's; the pages link on."""

from __future__ import annotations

from ressourcemodel.engine.compute import compute
from ressourcemodel.formatting import format_kr
from ressourcemodel.web.budgets import selectors as budget_selectors
from ressourcemodel.web.calculation.mappers import scenario_for_year

from .conftest import login


def test_overview_filters_by_area_and_pages(page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(budget_selectors, "FACILITY_PAGE_SIZE", 5)  # the live server's thread
    result = compute(scenario_for_year(2026))
    login(page, "okonomi")
    page.goto(page.base + "/oversigt/")
    pages = -(-len(result.facilities) // 5)
    assert page.inner_text("#page-of") == f"Side 1 af {pages}"
    page.click("#pages a[rel=next]")
    assert page.inner_text("#page-of") == f"Side 2 af {pages}"
    area = result.overview.areas[0]
    page.select_option("#area-filter", area.name)
    page.click("#facility-filters button[type=submit]")
    page.wait_for_url("**omraade=**")
    own = sorted(f.name for f in result.facilities if f.area == area.name)
    shown = page.locator("#facilities tbody td:first-child a").all_inner_texts()
    assert sorted(shown) == own[:5]
    assert page.inner_text("#total-budget") == format_kr(result.overview.total.total_budget, 0)
    assert format_kr(area.total_budget, 0) in page.inner_text("table.figures")
    assert page.console_errors == []
