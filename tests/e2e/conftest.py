"""End-to-end tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live
server with the demo municipality. Under CI=true a missing Chromium fails the run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + the ORM

CHROMIUM = Path(os.environ.get("RESSOURCEMODEL_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium mangler ({CHROMIUM}); browsertests skal køre i CI")
        pytest.skip("Chromium er ikke installeret (kør scripts/bootstrap.sh --test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db, live_server):  # type: ignore[no-untyped-def]
    # The web tests of the same session may have loaded the demo already; each browser test
    # flushes the database afterwards (transactional_db), so the next one starts afresh.
    from ressourcemodel.web.calculation.results import clear_cache
    from ressourcemodel.web.demo import create_demo
    from ressourcemodel.web.records.models import TariffYear

    clear_cache()  # the flushed database starts its data version afresh
    if not TariffYear.objects.exists():
        create_demo()
    return live_server.url


@pytest.fixture
def page(browser, demo):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1300, "height": 900}, locale="da-DK")
    pg = ctx.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.base = demo
    yield pg
    ctx.close()


def login(page, username: str) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.web.demo import DEMO_PASSWORD

    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("RESSOURCEMODEL_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
