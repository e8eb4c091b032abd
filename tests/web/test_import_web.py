"""Importing a workbook from the web: upload → preview → confirm; errors as a row-by-row table
with nothing saved; only Økonomi and Administrator; one audit row with file name, hash and
counts. (A thousand corrupted workbooks through the same import: tests/spreadsheets.)"""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ressourcemodel.engine.compare import totals
from ressourcemodel.formatting import format_kr
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.spreadsheets.write import scenario_workbook, workbook_bytes
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db
YEAR = 2026


def _export() -> dict[str, Any]:
    return scenario_to_dict(scenario_for_year(YEAR, external_ids=True))


def _changed_workbook() -> tuple[bytes, str]:
    """The live year as a workbook with one facility's first fixed cost line 100.000 kr. higher."""
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario_workbook(_export()))))
    ws = wb["Faste udgifter"]
    code = str(ws.cell(row=2, column=1).value)
    ws.cell(row=2, column=3).value = ws.cell(row=2, column=3).value + 100_000
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), code


def _upload(client: Any, data: bytes, name: str = "aar.xlsx") -> Any:
    return client.post("/indlaes/", {"regneark": SimpleUploadedFile(name, data)})


def test_a_bad_workbook_gives_the_error_table_and_changes_nothing(client_as: Any) -> None:
    before, audits = _export(), AuditLog.objects.count()
    wb = load_workbook(io.BytesIO(workbook_bytes(scenario_workbook(before))))
    wb["Borgere"].cell(row=3, column=3).value = "=1+1"
    buf = io.BytesIO()
    wb.save(buf)
    r = _upload(client_as("okonomi"), buf.getvalue())
    assert r.status_code == 400
    page = r.content.decode()
    assert 'id="errors"' in page
    assert "Borgere" in page
    assert "formler kan ikke indlæses" in page
    assert '<td class="num">3</td>' in page  # the row is named
    assert _export() == before
    assert AuditLog.objects.count() == audits
    assert not m.PendingImport.objects.exists()


def test_upload_preview_confirm_moves_the_budget_as_previewed(client_as: Any) -> None:
    client = client_as("okonomi")
    data, code = _changed_workbook()
    live_before = computed(YEAR).facilities[code].total_budget
    r = _upload(client, data)
    assert r.status_code == 302, r.content.decode()[-3000:]
    pending = m.PendingImport.objects.get()
    page = client.get(r["Location"]).content.decode()
    assert pending.preview["facilities"] == {"created": 0, "changed": 1, "unchanged": 14}
    assert pending.preview["citizens"]["created"] == 0
    # nothing is saved by the preview
    assert computed(YEAR).facilities[code].total_budget == live_before
    row = next(r for r in pending.preview["rows"] if r[0] == code)
    assert Decimal(row[2]) == live_before
    assert Decimal(row[3]) == live_before + 100_000
    assert 'id="budget-move"' in page
    # a confirm of another file's preview is refused
    assert client.post(f"/indlaes/{pending.pk}/bekraeft/", {"sha256": "0" * 64}).status_code == 400
    r = client.post(f"/indlaes/{pending.pk}/bekraeft/", {"sha256": pending.sha256})
    assert r.status_code == 302
    after = computed(YEAR)
    assert after.facilities[code].total_budget == Decimal(row[3])
    assert after.result.overview.total.total_budget == Decimal(pending.preview["after"])
    assert totals(after.scenario).total == Decimal(pending.preview["after"])
    log = AuditLog.objects.filter(action="scenario.import").first()
    assert log is not None
    assert log.user.username == "okonomi"
    assert log.after["file"] == "aar.xlsx"
    assert log.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert log.after["updated"]["tilbud"] == 15
    assert not m.PendingImport.objects.exists()
    page = client.get(f"/tilbud/{code}/").content.decode()
    assert format_kr(after.facilities[code].total_budget, 0) in page


def test_only_finance_and_administrator_may_import(client_as: Any) -> None:
    data, _code = _changed_workbook()
    for role in ("myndighed", "leder", "ledelse", "aarhus"):
        assert _upload(client_as(role), data).status_code == 403
    assert not m.PendingImport.objects.exists()
    r = client_as("okonomi").get("/indlaes/skabelon.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert "Hjælp" in wb.sheetnames
    assert wb["Borgere"].max_row == 1
