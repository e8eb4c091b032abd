"""Reads for the phase-in page (SPEC §3.8): each facility's old budget beside the new model's
budget and the engine's plan by year (a share of the difference, or a cap on the yearly
change), with the totals that show whether the plan is neutral."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ressourcemodel.engine.errors import EngineError
from ressourcemodel.engine.phase_in import PhaseInRow, PhaseInStep, phase_in, phase_in_totals
from ressourcemodel.web.accounts.permissions import facility_scope
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.common.errors import ServiceError


@dataclass(frozen=True)
class Plan:
    year: int
    years: list[int]
    rows: list[tuple[str, str, PhaseInRow]]  # (code, name, row)
    missing: list[tuple[str, str, Decimal]]  # facilities without an old budget: (code, name, new)
    old_total: Decimal
    new_total: Decimal
    year_totals: list[tuple[int, Decimal]]
    whole_municipality: bool

    neutral: bool


def plan(user: Any, year: int, *, shares: list[Decimal] | None, cap_rate: Decimal | None) -> Plan:
    """``shares``: the cumulative share of the difference moved in ``year``, ``year + 1`` …;
    ``cap_rate``: the largest yearly change as a share of the previous budget."""
    result = computed(year)
    scope = facility_scope(user)
    facilities = [f for f in result.result.facilities if scope is None or f.id in scope]
    with_old = [f for f in facilities if f.old_budget is not None]
    steps_shares = shares or [Decimal("0.5"), Decimal(1)]
    steps = tuple(PhaseInStep(year + i, s) for i, s in enumerate(steps_shares))
    try:
        rows = phase_in(
            tuple((f.id, f.old_budget or Decimal(0), f.total_budget) for f in with_old),
            steps=steps,
            cap_rate=cap_rate,
        )
    except EngineError as e:
        raise ServiceError(str(e)) from e
    names = {f.id: f.name for f in facilities}
    years = [s.year for s in steps]
    totals = phase_in_totals(rows, years)  # the engine's sums: nothing is added up here
    return Plan(
        year=year,
        years=years,
        rows=[(r.facility, names[r.facility], r) for r in rows],
        missing=[(f.id, f.name, f.total_budget) for f in facilities if f.old_budget is None],
        old_total=totals.old_budget,
        new_total=totals.new_budget,
        year_totals=list(totals.by_year),
        whole_municipality=scope is None,
        neutral=totals.neutral,
    )
