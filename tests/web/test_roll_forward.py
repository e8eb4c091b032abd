"""Rolling a tariff year forward (SPEC §3.9): the preview and the saved draft year have the
engine's figures; nothing is saved before the user confirms; bad percentages change nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ressourcemodel.cli import main
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.roll_forward import roll_facility, roll_parameters
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _engine_roll(wage: str, price: str) -> Any:
    old = scenario_for_year(2026, external_ids=True)
    w, p = Decimal(wage) / 100, Decimal(price) / 100
    from dataclasses import replace

    return compute(
        replace(
            old,
            parameters=roll_parameters(old.parameters, wage_rate=w),
            facilities=tuple(roll_facility(f, wage_rate=w, price_rate=p) for f in old.facilities),
        )
    )


def test_preview_then_save_gives_the_engines_tariffs(client_as: Any) -> None:
    client = client_as("okonomi")
    page = client.get("/takstaar/fremskriv/?aar=2026&loen=3,2&pris=2,1")
    assert page.status_code == 200
    assert not m.TariffYear.objects.filter(year=2027).exists()  # a preview saves nothing
    expected = _engine_roll("3.2", "2.1")
    html = page.content.decode()
    from ressourcemodel.formatting import format_kr

    assert format_kr(expected.overview.total.total_budget, 0) in html
    r = client.post("/takstaar/fremskriv/?aar=2026", {"loen": "3,2", "pris": "2,1"})
    assert r.status_code == 302
    ty = m.TariffYear.objects.get(year=2027)
    assert ty.status == m.TariffYear.Status.DRAFT
    assert "løn 3,2 % og priser 2,1 %" in ty.reason
    saved = computed(2027).result
    assert [lv.service_tariff for lv in saved.levels] == [
        lv.service_tariff for lv in expected.levels
    ]
    assert {f.id: f.base_tariff for f in saved.facilities} == {
        f.id: f.base_tariff for f in expected.facilities
    }
    assert saved.overview.total.total_budget == expected.overview.total.total_budget
    log = AuditLog.objects.filter(action="tariff_year.roll_forward").get()
    assert log.after["year"] == 2027
    # the year exists now: a second roll forward is refused and changes nothing
    again = client.post("/takstaar/fremskriv/?aar=2026", {"loen": "1", "pris": "1"})
    assert again.status_code == 400
    assert m.TariffYear.objects.filter(year=2027).count() == 1


@pytest.mark.parametrize("wage", ["", "tre", "51", "NaN", "1e9"])
def test_bad_percentages_are_refused_in_danish(client_as: Any, wage: str) -> None:
    r = client_as("okonomi").post("/takstaar/fremskriv/?aar=2026", {"loen": wage, "pris": "2"})
    assert r.status_code == 400
    assert "Intet er gemt" in r.content.decode()
    assert not m.TariffYear.objects.filter(year=2027).exists()


def test_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["roll-forward", "--from", "2026", "--wage", "3,2", "--price", "2,1", "--dry-run"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Intet er gemt (--dry-run)." in out
    assert not m.TariffYear.objects.filter(year=2027).exists()
    assert main(["roll-forward", "--from", "2026", "--wage", "3,2", "--price", "2,1"]) == 0
    assert m.TariffYear.objects.filter(year=2027, status="draft").exists()
    assert main(["roll-forward", "--from", "2026", "--wage", "1", "--price", "1"]) == 2
    assert main(["roll-forward", "--from", "1999", "--wage", "1", "--price", "1"]) == 2
