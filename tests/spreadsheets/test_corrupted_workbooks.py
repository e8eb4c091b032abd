"""A thousand corrupted workbooks (wrong types, impossible dates, unknown ids, missing sheets or
columns, duplicated ids, formulas, huge values) through the import that ``import-xlsx`` and the
web's confirm use: each is refused with a Danish report naming the sheet (and the row, where the
error is in a row), and the database is exactly as it was — an export compared before and
after, and no new version or audit row."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.spreadsheets.errors import WorkbookError
from ressourcemodel.spreadsheets.write import scenario_workbook, workbook_bytes
from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.imports import workbooks
from ressourcemodel.web.records import models as m

from .test_workbook import EXAMPLE, _mutations

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    """A mutation that still gives a valid workbook is imported, then undone."""


def _state(year: int) -> tuple[object, ...]:
    export = scenario_to_dict(scenario_for_year(year, external_ids=True))
    return (export, m.TariffYear.objects.count(), AuditLog.objects.count())


def test_a_thousand_corrupted_workbooks_change_nothing() -> None:
    year = int(EXAMPLE["year"])
    workbooks.workbook_import(
        user=None, filename="eksempel.xlsx", data=workbook_bytes(scenario_workbook(EXAMPLE))
    )
    before = _state(year)
    refused = valid = 0
    for name, content in _mutations(2500, seed=4):
        if refused == 1000:
            break
        try:
            with transaction.atomic():
                workbooks.workbook_import(user=None, filename=name, data=content)
                raise _Undo
        except _Undo:
            valid += 1  # e.g. an empty row, or a value that is still allowed
            continue
        except (WorkbookError, ServiceError) as e:
            refused += 1
            if isinstance(e, WorkbookError):
                report = e.report()
                assert re.search(r"fejl i regnearket:\n\S", report), name
                assert e.errors, name
                assert all(x.sheet for x in e.errors), name
                assert not any("Traceback" in x.reason or "NoneType" in x.reason for x in e.errors)
                # a changed cell: the report names its sheet, or a row the change broke
                sheet = name.split(":", 1)[1]
                named = any(x.sheet == sheet or x.row >= 2 for x in e.errors)
                assert named or not name.startswith("cell"), (name, report)
        assert _state(year) == before, name
    assert refused == 1000, (refused, valid)
