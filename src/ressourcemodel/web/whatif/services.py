"""What-if scenarios (SPEC §3.12, §5): a copy of a live year that the user changes. Every
service here writes only the what-if row (never live data), validates the changed scenario
through the loader and the engine first, and leaves an audit row."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.errors import EngineError
from ressourcemodel.scenario.dump import scenario_to_dict
from ressourcemodel.scenario.load import ScenarioError, scenario_from_dict
from ressourcemodel.web.audit.services import audit_record
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

Doc = dict[str, Any]
PARAMETER_LABELS = {
    "hourly_cost": "Timepris",
    "indirect_share": "Indirekte tid",
    "occupancy_rate": "Standardbelægning",
    "overhead_rate": "Overhead ved salg",
}


def whatif_create(*, user: Any, year: int, name: str) -> m.WhatIf:
    name = name.strip()[:120]
    if not name:
        raise ServiceError("Giv scenariet et navn.")
    doc = scenario_to_dict(computed(year).scenario)
    with transaction.atomic():
        w = m.WhatIf.objects.create(name=name, year=year, scenario=doc, created_by=user)
        audit_record(
            user=user,
            action="whatif.create",
            obj=w,
            before=None,
            after={"name": name, "year": year},
        )
    return w


def _change(user: Any, w: m.WhatIf, what: str, edit: Callable[[Doc], None]) -> m.WhatIf:
    doc = copy.deepcopy(w.scenario)
    edit(doc)
    try:
        compute(scenario_from_dict(doc))
    except (ScenarioError, EngineError) as e:
        raise ServiceError(f"Ændringen giver ikke et gyldigt scenarie: {e}") from e
    with transaction.atomic():
        row = m.WhatIf.objects.select_for_update().get(pk=w.pk)
        row.scenario = doc
        row.changes = [*row.changes, what]
        row.save()
        audit_record(
            user=user, action="whatif.change", obj=row, before=None, after={"change": what}
        )
    return row


def whatif_set_parameter(*, user: Any, whatif: m.WhatIf, name: str, value: Decimal) -> m.WhatIf:
    if name not in PARAMETER_LABELS:
        raise ServiceError(f"Parameteren '{name[:30]}' kan ikke ændres her.")

    def edit(doc: Doc) -> None:
        doc["parameters"][name] = str(value)

    return _change(user, whatif, f"{PARAMETER_LABELS[name]} sat til {value}", edit)


def _facility(doc: Doc, code: str) -> Doc:
    for f in doc["facilities"]:
        if f["id"] == code:
            return f  # type: ignore[no-any-return]
    raise ServiceError(f"Tilbud '{code[:20]}' findes ikke i scenariet.")


def _citizen(doc: Doc, cid: str) -> Doc:
    for c in doc["citizens"]:
        if c["id"] == cid:
            return c  # type: ignore[no-any-return]
    raise ServiceError("Borgeren findes ikke i scenariet.")


def whatif_set_fixed_cost(
    *, user: Any, whatif: m.WhatIf, facility: str, category: str, amount: Decimal
) -> m.WhatIf:
    def edit(doc: Doc) -> None:
        _facility(doc, facility)["fixed_costs"][category] = str(amount)

    return _change(user, whatif, f"Tilbud {facility}: {category} sat til {amount} kr.", edit)


def whatif_add_entry(
    *, user: Any, whatif: m.WhatIf, citizen: str, effective_from: date, entry: Doc
) -> m.WhatIf:
    """A new døgnskema from ``effective_from``: the citizen's latest one plus ``entry``."""

    def edit(doc: Doc) -> None:
        c = _citizen(doc, citizen)
        latest: Doc = max(
            (a for a in c["assessments"] if "entries" in a),
            key=lambda a: a["effective_from"],
            default={"entries": []},
        )
        c["assessments"] = [
            a for a in c["assessments"] if a["effective_from"] != effective_from.isoformat()
        ]
        c["assessments"].append(
            {"effective_from": effective_from.isoformat(), "entries": [*latest["entries"], entry]}
        )

    what = f"Borger {citizen}: ny indsats fra {effective_from:%d-%m-%Y}"
    return _change(user, whatif, what, edit)


def whatif_move_out(*, user: Any, whatif: m.WhatIf, citizen: str, move_out: date) -> m.WhatIf:
    def edit(doc: Doc) -> None:
        stays = [s for s in _citizen(doc, citizen)["stays"] if s.get("move_out") is None]
        if not stays:
            raise ServiceError("Borgeren har intet igangværende ophold.")
        stays[-1]["move_out"] = move_out.isoformat()

    return _change(user, whatif, f"Borger {citizen} flytter ud {move_out:%d-%m-%Y}", edit)


def whatif_move_in(
    *, user: Any, whatif: m.WhatIf, facility: str, move_in: date, level: str, paying: str
) -> m.WhatIf:
    """A new resident on a hand-set level (a provisional level for a new resident)."""

    def edit(doc: Doc) -> None:
        _facility(doc, facility)
        n = sum(1 for c in doc["citizens"] if str(c["id"]).startswith("ny-")) + 1
        doc["citizens"].append(
            {
                "id": f"ny-{n}",
                "paying_municipality": paying,
                "stays": [{"facility": facility, "move_in": move_in.isoformat(), "move_out": None}],
                "assessments": [
                    {
                        "effective_from": move_in.isoformat(),
                        "level": level,
                        "reason": "Ny beboer i scenariet",
                    }
                ],
            }
        )

    return _change(user, whatif, f"Ny beboer på {facility} fra {move_in:%d-%m-%Y}", edit)


def whatif_delete(*, user: Any, whatif: m.WhatIf) -> None:
    with transaction.atomic():
        audit_record(
            user=user,
            action="whatif.delete",
            obj=whatif,
            before={"name": whatif.name, "year": whatif.year},
            after=None,
        )
        whatif.delete()
