"""The pot calculator's models as a workbook ("Hent som Excel"): every model's elements and
total, as the engine compared them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table


def pot_tables(pot: Decimal, results: Sequence[Any]) -> list[Table]:
    table = Table(
        _("Modeller"),
        [Column(_("Model")), Column(_("Element")), Column(_("Beløb"), "kr")],
        caption=_("Pulje: %(pot)s kr.") % {"pot": pot},
    )
    for r in results:
        for e in r.elements:
            table.rows.append([_(r.model.name), _(e.element.name), e.element.amount])
        table.rows.append([_(r.model.name), _("I alt"), r.total])
    return [table]
