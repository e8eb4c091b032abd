"""The cached result with citizens named by the id they were imported with (exports and the API
show those ids; the engine's cache names citizens by database id). Equal to computing the year
mapped with ``external_ids=True`` (ADR 0015)."""

from __future__ import annotations

from dataclasses import replace

from ressourcemodel.engine.results import Result, Warning
from ressourcemodel.web.records import models as m


def with_import_ids(result: Result, start: int, stop: int) -> Result:
    """``result`` with only its citizens ``start:stop`` and every citizen id (citizens,
    warnings, special cases) translated; reads the import ids of those citizens only."""
    citizens = result.citizens[start:stop]
    specials = result.overview.special_cases
    needed = {c.id for c in citizens} | {s.citizen for s in specials}
    needed |= {w.citizen for w in result.warnings if w.citizen is not None}
    codes = {
        str(pk): code
        for pk, code in m.Citizen.objects.filter(pk__in=[int(i) for i in needed])
        .exclude(code="")
        .values_list("pk", "code")
    }
    if not codes:
        return replace(result, citizens=citizens)
    return replace(
        result,
        citizens=tuple(replace(c, id=codes.get(c.id, c.id)) for c in citizens),
        overview=replace(
            result.overview,
            special_cases=tuple(
                replace(s, citizen=codes.get(s.citizen, s.citizen)) for s in specials
            ),
        ),
        warnings=tuple(_warning(w, codes) for w in result.warnings),
    )


def _warning(w: Warning, codes: dict[str, str]) -> Warning:
    if w.citizen is None or w.citizen not in codes:
        return w
    new = codes[w.citizen]
    message = w.message
    prefix = f"Borger {w.citizen} "
    if message.startswith(prefix):  # the engine names the citizen first ("Borger 12 har …")
        message = f"Borger {new} " + message[len(prefix) :]
    return replace(w, citizen=new, message=message)
