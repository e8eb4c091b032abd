"""Backup → restore gives identical budgets; anonymisation; indsigt export."""

from __future__ import annotations

from datetime import date

import pytest

from ressourcemodel.engine.compute import compute
from ressourcemodel.scenario.output import result_to_dict
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.maintenance import anonymise, backup, citizen_export, restore
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_backup_then_restore_gives_identical_budgets(tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    before = result_to_dict(compute(scenario_for_year(2026)))
    users = m.Citizen.objects.count()
    path = tmp_path / name
    assert backup(path) > 1000
    # damage the live data: a deleted facility year and a changed tariff year
    m.FixedCost.objects.filter(facility_year__facility__code="T01").delete()
    m.TariffYear.objects.update(indirect_share="0.40")
    assert result_to_dict(compute(scenario_for_year(2026))) != before
    restore(path)
    assert result_to_dict(compute(scenario_for_year(2026))) == before
    assert m.Citizen.objects.count() == users


def test_a_broken_backup_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = result_to_dict(compute(scenario_for_year(2026)))
    bad = tmp_path / "bad.json"
    bad.write_text('[{"model": "care.citizen", "pk": 1, "fields": {"nope": 1}}]', "utf-8")
    with pytest.raises(Exception):  # noqa: B017,PT011 - any parse error will do
        restore(bad)
    assert result_to_dict(compute(scenario_for_year(2026))) == before


def test_anonymise_after_years_keeps_the_budget() -> None:
    before = result_to_dict(compute(scenario_for_year(2026)))
    dead = m.Citizen.objects.by_cpr("0101400000").get()  # last stay ended 12-12-2025
    assert anonymise(years=5, today=date(2026, 11, 23)) == []
    done = anonymise(years=5, today=date(2031, 1, 1))
    assert dead.pk in done
    dead.refresh_from_db()
    assert dead.cpr == ""
    assert dead.name.startswith("Anonymiseret")
    assert AuditLog.objects.filter(action="citizen.anonymise", object_id=str(dead.pk)).exists()
    # people still living there are untouched
    assert not m.Citizen.objects.filter(stays__move_out__isnull=True, cpr_encrypted="").exists()
    assert result_to_dict(compute(scenario_for_year(2026))) == before


def test_indsigt_contains_everything_about_one_citizen(client_as) -> None:  # type: ignore[no-untyped-def]
    c = m.Citizen.objects.filter(assessments__entries__isnull=False).first()
    assert c is not None
    client_as("myndighed").get(f"/borgere/{c.pk}/")
    data = citizen_export(c.pk)
    assert data["citizen"]["cpr"] == c.cpr
    assert data["stays"]
    assert data["assessments"][0]["entries"]
    assert data["assessments"][0]["vum"]
    assert any(v["user"] == "myndighed" for v in data["views"])


def test_a_restore_never_takes_the_data_version_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ressourcemodel.web.calculation import changes

    path = tmp_path / "b.json"
    backup(path)
    for _ in range(5):
        changes.bump_data_version(citizens=[1])
    before = changes.data_version()
    restore(path)
    after = changes.data_version()
    assert after == before + 1
    # a process that mapped the year before the restore maps it again in full
    assert changes.changed_since(before, after) is None
    assert changes.changed_since(before - 3, after + 0) is None
