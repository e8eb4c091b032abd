"""/api/v1/years/{y}/result is served from the cached result, with citizens named by the id
they were imported with: the same JSON as computing the year mapped with import ids, also for
warnings and special cases that name a citizen, and after a change (ADR 0015)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.web.calculation import results
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _expected() -> Any:
    full = compute(scenario_for_year(2026, external_ids=True), today=timezone.localdate())
    return json.loads(json.dumps(result_to_dict(full)))


def _api(client: Any, **params: int) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    r = client.get(f"/api/v1/years/2026/result?{query}")
    assert r.status_code == 200, r.content
    return json.loads(r.content)


def test_result_names_citizens_by_import_id_from_the_cache(
    client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = m.Citizen.objects.filter(stays__move_out__isnull=True).order_by("pk").first()
    assert c is not None
    c.code = "IMP-77"
    c.save()
    stay = c.stays.get(move_out__isnull=True)
    # an overlapping stay: the engine warns naming the citizen ("Borger … har overlappende …")
    m.Stay.objects.create(citizen=c, facility=stay.facility, move_in=date(2026, 3, 1))
    results.bump_data_version(citizens=[c.pk])
    client = client_as("okonomi")
    expected = _expected()
    assert any(w.get("citizen") == "IMP-77" for w in expected["warnings"])
    assert any("IMP-77" in w["message"] for w in expected["warnings"])
    whole = _api(client, page_size=5000)
    assert {k: v for k, v in whole.items() if k not in {"page", "page_size", "pages",
            "citizens_count"}} == expected  # fmt: skip
    calls: list[int] = []
    real = results.scenario_for_year
    monkeypatch.setattr(
        results, "scenario_for_year", lambda y, **k: calls.append(y) or real(y, **k)
    )
    page = _api(client, page=2, page_size=3)
    assert page["citizens"] == expected["citizens"][3:6]
    assert page["warnings"] == expected["warnings"]
    assert page["overview"] == expected["overview"]
    c.code = "IMP-78"  # a code is not an engine input: read afresh on every call
    c.save()
    assert any(w.get("citizen") == "IMP-78" for w in _api(client, page_size=5000)["warnings"])
    assert calls == []  # no mapping of the year per call
