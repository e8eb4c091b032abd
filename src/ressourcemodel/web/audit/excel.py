"""The audit search as a workbook ("Hent som Excel"): the same rows as the page."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from ressourcemodel.spreadsheets.tables import Column, Table

from . import labels


def _json(value: Any) -> str:
    return "–" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def audit_tables(changes: list[Any], views: list[Any]) -> list[Table]:
    return [
        Table(
            _("Ændringer"),
            [
                Column(_("Tidspunkt"), "datetime"),
                Column(_("Bruger")),
                Column(_("Handling")),
                Column(_("Objekt")),
                Column(_("Før")),
                Column(_("Efter")),
            ],
            [
                [
                    a.at,
                    a.user.username if a.user else "system",
                    labels.action_label(a.action),
                    f"{a.object_type} {a.object_id}",
                    _json(a.before),
                    _json(a.after),
                ]
                for a in changes
            ],
        ),
        Table(
            _("Opslag i persondata"),
            [
                Column(_("Tidspunkt"), "datetime"),
                Column(_("Bruger")),
                Column(_("Borger-id")),
                Column(_("Side")),
            ],
            [
                [v.at, v.user.username if v.user else "–", v.citizen_id, labels.page_label(v.what)]
                for v in views
            ],
        ),
    ]
