"""The tariff year's life (SPEC §3.9): a parameter change is shown with its effect on every
facility and the total before it is saved; publishing locks the year; a change to a published
year is a new version with a reason; the page says which version the figures use."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ressourcemodel.formatting import format_kr
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
FORM = {"indirect_share": "0,30", "occupancy_rate": "0,97", "overhead_rate": "0"}


def _current() -> m.TariffYear:
    return m.TariffYear.objects.get(year=2026, superseded_at__isnull=True)


def test_preview_shows_each_facility_and_saves_nothing(client_as: Any) -> None:
    client = client_as("okonomi")
    before = computed(2026).result
    versions = m.TariffYear.objects.count()
    r = client.post("/takstaar/?aar=2026", {**FORM, "handling": "vis"})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="change-preview"' in html
    assert 'id="save-change"' in html
    assert m.TariffYear.objects.count() == versions
    assert computed(2026).result.overview.total == before.overview.total
    r = client.post("/takstaar/?aar=2026", {**FORM, "handling": "gem"})
    assert r.status_code == 302
    after = computed(2026).result
    # the preview's figures are the saved year's figures
    for f in after.facilities:
        assert format_kr(f.total_budget, 0) in html
    assert format_kr(after.overview.total.total_budget, 0) in html
    assert after.overview.total.total_budget > before.overview.total.total_budget


def test_publish_locks_and_a_change_needs_a_reason(client_as: Any) -> None:
    client = client_as("okonomi")
    ty = _current()
    assert ty.status == "draft"
    assert (
        client.post("/takstaar/offentliggoer/?aar=2026", {"version": ty.version}).status_code == 302
    )
    ty = _current()
    assert ty.status == "published"
    assert ty.published_by.username == "okonomi"  # type: ignore[union-attr]
    assert ty.published_at is not None
    assert AuditLog.objects.filter(action="tariff_year.publish").exists()
    assert (
        client.post("/takstaar/offentliggoer/?aar=2026", {"version": ty.version}).status_code == 400
    )
    total = computed(2026).result.overview.total.total_budget
    r = client.post("/takstaar/?aar=2026", {**FORM, "handling": "gem"})
    assert r.status_code == 400
    assert "begrundelse" in r.content.decode()
    assert _current().pk == ty.pk
    r = client.post(
        "/takstaar/?aar=2026", {**FORM, "handling": "gem", "begrundelse": "KB 12-12-2026, sag 7"}
    )
    assert r.status_code == 302
    new = _current()
    assert (new.version, new.status, new.reason) == (
        ty.version + 1,
        "published",
        "KB 12-12-2026, sag 7",
    )
    assert new.indirect_share == Decimal("0.30")
    assert computed(2026).result.overview.total.total_budget != total
    page = client.get("/takstaar/?aar=2026").content.decode()
    assert f"Version {new.version}" in page
    assert "offentliggjort" in page


def test_others_cannot_publish(client_as: Any) -> None:
    ty = _current()
    for role in ("myndighed", "leder", "ledelse"):
        r = client_as(role).post("/takstaar/offentliggoer/?aar=2026", {"version": ty.version})
        assert r.status_code == 403
    assert _current().status == "draft"
