"""Writes about documents: marking a month's statement as invoiced."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m


def statement_mark_invoiced(*, user: Any, municipality: str, year: int, month: int) -> None:
    if not (len(municipality) == 3 and municipality.isdigit() and 1 <= month <= 12):
        raise ServiceError("Kommunekode (3 cifre) og måned (1–12) skal angives.")
    with transaction.atomic():
        mark, created = m.InvoiceMark.objects.get_or_create(
            municipality=municipality, year=year, month=month, defaults={"marked_by": user}
        )
        if not created:
            raise ServiceError(f"Afregningen for {municipality} {month}/{year} er allerede "
                               "markeret som faktureret.")  # fmt: skip
        after = {"municipality": municipality, "year": year, "month": month}
        audit_record(user=user, action="billing.mark_invoiced", obj=mark, before=None, after=after)
