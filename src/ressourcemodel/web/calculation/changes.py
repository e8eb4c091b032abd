"""What each data version changed, so a change costs what it touches (ADR 0015).

:func:`bump_data_version` writes, in the write's own transaction, one ``DataChange`` row with the
new version: the citizens it touched, "frame" (parameters or facilities), or "everything" (what
a caller does not say). A process that holds the year mapped at an earlier version re-reads only
the citizens changed since then and the frame (:func:`remapped`), and gets the scenario that
``scenario_for_year`` would give. A gap in the log or "everything" returns ``None``: map the
whole year.

Reads and versions belong together because the version row is locked by each bump until its
transaction commits: versions commit in order, each with its log row, and a version seen means
every row of it and before is committed. The rows read afterwards may be newer than the version
read; a citizen newer than its version is re-read at the version that changed it, so the mapped
scenario of a version is never older than that version and equals the full mapping of the data
read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import F

from ressourcemodel.engine.model import Scenario
from ressourcemodel.web.records import models as m

from .frame import frame_for_year
from .mappers import citizens_by_pk

KEEP = 1000  # log rows kept: a process further behind than this maps the whole year
CITIZENS = m.DataChange.Scope.CITIZENS
FRAME = m.DataChange.Scope.FRAME
EVERYTHING = m.DataChange.Scope.EVERYTHING


def data_version() -> int:
    row = m.DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return row or 0


def bump_data_version(*, citizens: Iterable[int] | None = None, frame: bool = False) -> None:
    """Call inside the transaction of every write that changes an engine input, naming what it
    changed: ``citizens`` (their pks) and/or ``frame`` (parameters, facilities). Naming nothing
    means everything."""
    if not m.DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        m.DataVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    number = m.DataVersion.objects.filter(pk=1).values_list("number", flat=True).get()
    pks = sorted(set(citizens or ()))
    if citizens is None and not frame:
        scope = EVERYTHING
    elif frame:
        scope = FRAME
    else:
        scope = CITIZENS
    m.DataChange.objects.update_or_create(
        version=number, defaults={"scope": scope, "citizens": pks}
    )
    if number % 100 == 0:  # keep the log bounded
        m.DataChange.objects.filter(version__lte=number - KEEP).delete()


@dataclass(frozen=True)
class Changed:
    """What the versions between two versions changed: citizen pks, and whether the frame."""

    citizens: frozenset[int]
    frame: bool

    @property
    def ids(self) -> set[str]:
        """The changed citizens as the scenario names them."""
        return {str(pk) for pk in self.citizens}


def changed_since(old: int, new: int) -> Changed | None:
    """What the versions after ``old`` up to ``new`` changed; ``None`` when the log has a gap
    there or one of them changed everything."""
    if new < old:
        return None
    rows = list(
        m.DataChange.objects.filter(version__gt=old, version__lte=new).values_list(
            "scope", "citizens"
        )
    )
    if len(rows) != new - old:
        return None
    pks: set[int] = set()
    frame = False
    for scope, citizens in rows:
        if scope == EVERYTHING:
            return None
        frame = frame or scope == FRAME
        pks.update(int(pk) for pk in citizens)
    return Changed(frozenset(pks), frame)


def remapped(year: int, scenario: Scenario, changed: Changed) -> Scenario:
    """``scenario`` (the year mapped earlier) with the changed citizens mapped again (gone ones
    left out, new ones in id order) and, when it changed, the frame read again: as
    ``scenario_for_year`` maps the live data. Parameters and facilities are changed only by
    writes that log "frame" or "everything", so otherwise the frame is kept as it is."""
    frame = frame_for_year(year) if changed.frame else scenario
    new = {c.id: c for c in citizens_by_pk(changed.citizens)} if changed.citizens else {}
    gone = changed.ids
    citizens = [new.pop(c.id, c) for c in scenario.citizens if c.id not in gone or c.id in new]
    if new:  # new citizens: the register is mapped in id order
        citizens = sorted([*citizens, *new.values()], key=lambda c: int(c.id))
    return replace(frame, citizens=tuple(citizens))
