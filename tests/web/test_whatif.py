"""What-if scenarios: start from live, change, compare with causes equal to the engine's,
export, delete — and live data never changes."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
import yaml

from ressourcemodel.engine.compare import compare
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.model import ScheduleEntry
from ressourcemodel.formatting import format_kr
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _cause(html: str, cause: str) -> str:
    row = re.search(rf'data-cause="{cause}"><td>[^<]*</td><td class="num">([^<]*)<', html)
    assert row, cause
    return row.group(1)


def test_a_whatif_with_two_changes_shows_two_causes_and_live_is_untouched(client_as) -> None:  # type: ignore[no-untyped-def]
    live_before = result_to_dict(compute(scenario_for_year(2026)))
    n_audit = AuditLog.objects.count()
    fin = client_as("okonomi")
    r = fin.post("/hvad-nu-hvis/", {"navn": "Højere timepris"})
    w = m.WhatIf.objects.get(name="Højere timepris")
    assert r["Location"] == f"/hvad-nu-hvis/{w.pk}/"
    change = f"/hvad-nu-hvis/{w.pk}/aendr/"
    fin.post(change + "parameter/", {"parameter": "hourly_cost", "value": "360,00"})
    cid = next(
        c["id"]
        for c in w.scenario["citizens"]
        if c["stays"] and c["assessments"] and all("entries" in a for a in c["assessments"])
    )
    entry = {"borger": cid, "fra": "2026-06-01", "days": ["mon", "wed"], "start": "13:00",
             "end": "14:00", "form": "individual", "theme": "Egenomsorg"}  # fmt: skip
    r = fin.post(change + "indsats/", entry, follow=True)
    assert "Intet er ændret" not in r.content.decode()
    w.refresh_from_db()
    assert len(w.changes) == 2
    # the engine's own comparison of live and the what-if
    live = scenario_for_year(2026)
    expected = compare(live, scenario_from_dict(w.scenario))
    amounts = {k.cause: k.amount for k in expected.causes}
    assert amounts["parameters"] > 0
    assert amounts["assessments"] > 0
    assert amounts["facilities"] == amounts["stays"] == 0
    html = fin.get(f"/hvad-nu-hvis/{w.pk}/").content.decode()
    assert _cause(html, "parameters") == format_kr(amounts["parameters"], 0)
    assert _cause(html, "assessments") == format_kr(amounts["assessments"], 0)
    assert format_kr(expected.difference, 0) in html
    # live data did not move; every change was audited
    assert result_to_dict(compute(scenario_for_year(2026))) == live_before
    assert AuditLog.objects.count() == n_audit + 3
    # export as a scenario file that loads and computes
    exported = yaml.safe_load(fin.get(f"/hvad-nu-hvis/{w.pk}/scenarie.yaml").content)
    assert compute(scenario_from_dict(exported)).overview.total.total_budget == expected.after.total
    # management sees the comparison but no per-citizen lines
    ledelse = client_as("ledelse").get(f"/hvad-nu-hvis/{w.pk}/").content.decode()
    assert _cause(ledelse, "assessments") == format_kr(amounts["assessments"], 0)
    name = next(c.get("name") for c in w.scenario["citizens"] if c["id"] == cid)
    assert name not in ledelse
    assert name in html
    fin.post(f"/hvad-nu-hvis/{w.pk}/slet/")
    assert not m.WhatIf.objects.filter(pk=w.pk).exists()


def test_a_change_the_engine_refuses_changes_nothing(client_as) -> None:  # type: ignore[no-untyped-def]
    fin = client_as("okonomi")
    fin.post("/hvad-nu-hvis/", {"navn": "Fejl"})
    w = m.WhatIf.objects.get(name="Fejl")
    before = w.scenario
    r = fin.post(f"/hvad-nu-hvis/{w.pk}/aendr/parameter/",
                 {"parameter": "indirect_share", "value": "abc"}, follow=True)  # fmt: skip
    assert "Intet er ændret" in r.content.decode()
    cid = next(c["id"] for c in w.scenario["citizens"] if c["stays"])
    bad = {"borger": cid, "fra": "2026-06-01", "days": ["mon"], "start": "08:00",
           "end": "08:00", "form": "individual", "theme": "Egenomsorg"}  # fmt: skip
    r = fin.post(f"/hvad-nu-hvis/{w.pk}/aendr/indsats/", bad, follow=True)
    assert "sluttid er lig starttid" in r.content.decode()
    w.refresh_from_db()
    assert w.scenario == before
    assert w.changes == []


def test_a_live_change_moves_the_comparison_not_the_whatif(client_as) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.web.calculation.mappers import tariff_year_row
    from ressourcemodel.web.tariffs.services import tariff_year_update

    fin = client_as("okonomi")
    fin.post("/hvad-nu-hvis/", {"navn": "Uændret kopi"})
    w = m.WhatIf.objects.get(name="Uændret kopi")
    html = fin.get(f"/hvad-nu-hvis/{w.pk}/").content.decode()
    assert re.search(r'id="whatif-difference">([^<]*)<', html).group(1) == "0 kr."  # type: ignore[union-attr]
    tariff_year_update(user=None, tariff_year=tariff_year_row(2026),
                       changes={"indirect_share": Decimal("0.30")})  # fmt: skip
    html = fin.get(f"/hvad-nu-hvis/{w.pk}/").content.decode()
    assert re.search(r'id="whatif-difference">([^<]*)<', html).group(1) != "0 kr."  # type: ignore[union-attr]
    assert dataclasses.is_dataclass(ScheduleEntry)
