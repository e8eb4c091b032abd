"""Importing a workbook from the web: upload → preview → confirm.

The upload is read and checked at once (the same reader as ``ressourcemodel import-xlsx``); a
workbook with errors is never kept. A good one is kept as a :class:`PendingImport` with its
preview: what would be created, changed and left alone, and how each facility's budget would
move. The preview is exact because it *is* the import: it runs inside a transaction that is rolled
back, and the engine computes the year before and after. Confirming runs the import for real,
in one transaction with one audit row naming the file, its hash and the counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from ressourcemodel.engine.compare import totals
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.model import Scenario
from ressourcemodel.spreadsheets.read import read_workbook_checked
from ressourcemodel.web.calculation.mappers import scenario_for_year
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.common.trial import rolled_back
from ressourcemodel.web.records import models as m

from .services import ImportSummary, scenario_import

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Counts:
    created: int
    changed: int
    unchanged: int


def _classify(new: dict[str, Any], old: dict[str, Any]) -> Counts:
    created = sum(1 for k in new if k not in old)
    changed = sum(1 for k, v in new.items() if k in old and old[k] != v)
    return Counts(created, changed, len(new) - created - changed)


def _live(year: int) -> Scenario | None:
    if not m.TariffYear.objects.filter(year=year, superseded_at__isnull=True).exists():
        return None
    return scenario_for_year(year, external_ids=True)


def _trial(user: Any, scenario: Scenario, filename: str) -> Scenario:
    """The year as it would be after the import; nothing is saved."""

    def work() -> Scenario:
        scenario_import(user=user, scenario=scenario, replace=True, source=filename)
        return scenario_for_year(scenario.parameters.year, external_ids=True)

    return rolled_back(work)


def preview(user: Any, scenario: Scenario, filename: str) -> dict[str, Any]:
    """Counts and the budget movement per facility, as JSON-ready values (Decimal as text)."""
    year = scenario.parameters.year
    before = _live(year)
    old_f = {f.id: f for f in before.facilities} if before else {}
    old_c = {c.id: c for c in before.citizens} if before else {}
    facilities = _classify({f.id: f for f in scenario.facilities}, old_f)
    citizens = _classify({c.id: c for c in scenario.citizens}, old_c)
    named = {c.id for c in scenario.citizens}
    after = _trial(user, scenario, filename)
    b = totals(before) if before else None
    a = totals(after)
    names = {f.id: f.name or f.id for f in after.facilities}
    zero = Decimal(0)
    rows = [
        [code, names[code], str(was), str(amount), str(amount - was)]
        for code, amount in a.facilities.items()
        for was in [b.facilities.get(code, zero) if b else zero]
    ]
    return {
        "year": year,
        "replaces_year": before is not None,
        "parameters_changed": before is not None and before.parameters != scenario.parameters,
        "facilities": facilities.__dict__,
        "citizens": {**citizens.__dict__, "untouched": sum(1 for k in old_c if k not in named)},
        "assessments": sum(len(c.assessments) for c in scenario.citizens),
        "before": str(b.total if b else zero),
        "after": str(a.total),
        "change": str(a.total - (b.total if b else zero)),
        "rows": rows,
    }


def _scenario(data: bytes) -> Scenario:
    """The workbook's scenario, checked by the reader, the loader and the engine."""
    return read_workbook_checked(data)[1]


def workbook_stage(*, user: Any, filename: str, data: bytes) -> m.PendingImport:
    """Read and check an uploaded workbook and keep it with its preview. Raises
    :class:`WorkbookError` (row-by-row errors) or :class:`ServiceError`; nothing is kept then."""
    if not data:
        raise ServiceError("Vælg et regneark (.xlsx) at indlæse.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ServiceError("Regnearket er større end 50 MB.")
    scenario = _scenario(data)
    try:
        shown = preview(user, scenario, filename)
    except EngineError as e:
        raise ServiceError(str(e)) from e
    m.PendingImport.objects.filter(user=user).delete()  # one pending import per user
    return m.PendingImport.objects.create(
        user=user,
        filename=filename[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        year=scenario.parameters.year,
        preview=shown,
    )


def workbook_import(
    *, user: Any, filename: str, data: bytes, replace: bool = True
) -> ImportSummary:
    """Read, check and import a workbook in one transaction (``import-xlsx`` and the web's
    confirm). Raises :class:`WorkbookError` or :class:`ServiceError`; nothing is saved then."""
    scenario = _scenario(data)
    return scenario_import(
        user=user,
        scenario=scenario,
        replace=replace,
        source=filename,
        digest=hashlib.sha256(data).hexdigest(),
        checked=True,
    )


def workbook_confirm(*, user: Any, pending: m.PendingImport, sha256: str) -> dict[str, Any]:
    """Import a staged workbook for real (all or nothing) and forget it."""
    if sha256 != pending.sha256:
        raise ServiceError("Forhåndsvisningen hører til en anden fil. Indlæs filen igen.")
    with transaction.atomic():
        summary = workbook_import(user=user, filename=pending.filename, data=bytes(pending.data))
        m.PendingImport.objects.filter(pk=pending.pk).delete()
    return summary.as_dict()


def pending_for(user: Any, pk: int) -> m.PendingImport | None:
    return m.PendingImport.objects.filter(pk=pk, user=user).first()
