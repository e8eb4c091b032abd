"""Phase-in (indfasning) from old to new facility budgets (SPEC §3.8)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import ValidationError
from .money import round_kr, to_fraction


@dataclass(frozen=True, slots=True)
class PhaseInStep:
    year: int
    share: Decimal  # share of the difference moved by this year, cumulative (0–1)


@dataclass(frozen=True, slots=True)
class PhaseInRow:
    facility: str
    old_budget: Decimal
    new_budget: Decimal
    by_year: tuple[tuple[int, Decimal], ...]  # (year, budget that year), whole kroner


def default_steps() -> tuple[PhaseInStep, ...]:
    """SPEC §3.8 default: 2026 half-way, 2027 fully on the new model."""
    return (PhaseInStep(2026, Decimal("0.5")), PhaseInStep(2027, Decimal(1)))


def phase_in(
    budgets: tuple[tuple[str, Decimal, Decimal], ...],
    *,
    steps: tuple[PhaseInStep, ...] | None = None,
    cap_rate: Decimal | None = None,
) -> tuple[PhaseInRow, ...]:
    """Budgets per facility and year moving from ``old`` to ``new`` (``(id, old, new)`` triples).

    With ``steps``: year budget = old + round_kr(share × (new − old)), share cumulative.
    With ``cap_rate``: each year the budget moves towards ``new`` by at most ``cap_rate`` × the
    previous year's budget (whole kroner), for the years of ``steps``.
    When Σ old = Σ new and shares are used, the rounding remainder of each year is put on the
    facility with the largest difference so the total stays exactly neutral.
    """
    steps = steps or default_steps()
    shares = [s.share for s in steps]
    if any(not Decimal(0) <= s <= 1 for s in shares) or shares != sorted(shares):
        raise ValidationError("Indfasningens andele skal være stigende mellem 0 og 1.")
    rows: list[list[Decimal]] = []
    for _, old, new in budgets:
        year_budgets: list[Decimal] = []
        prev = old
        for st in steps:
            if cap_rate is None:
                b = old + round_kr(to_fraction(st.share) * to_fraction(new - old))
            else:
                limit = round_kr(to_fraction(abs(prev)) * to_fraction(cap_rate))
                step = max(-limit, min(limit, new - prev))
                b = prev + step
            year_budgets.append(b)
            prev = b
        rows.append(year_budgets)
    old_total = sum((o for _, o, _ in budgets), start=Decimal(0))
    new_total = sum((n for _, _, n in budgets), start=Decimal(0))
    if cap_rate is None and old_total == new_total and budgets:
        biggest = max(range(len(budgets)), key=lambda i: abs(budgets[i][2] - budgets[i][1]))
        for k in range(len(steps)):
            drift = sum((r[k] for r in rows), start=Decimal(0)) - old_total
            rows[biggest][k] -= drift
    return tuple(
        PhaseInRow(fid, old, new, tuple((st.year, rows[i][k]) for k, st in enumerate(steps)))
        for i, (fid, old, new) in enumerate(budgets)
    )


@dataclass(frozen=True, slots=True)
class PhaseInTotals:
    """The sums a phase-in plan is judged by: neutral when Σ old = Σ new."""

    old_budget: Decimal
    new_budget: Decimal
    by_year: tuple[tuple[int, Decimal], ...]  # (year, Σ budgets that year)

    @property
    def neutral(self) -> bool:
        return self.old_budget == self.new_budget


def phase_in_totals(rows: tuple[PhaseInRow, ...], years: list[int]) -> PhaseInTotals:
    """Σ old, Σ new and Σ each year's budgets of ``rows`` (exact whole kroner)."""
    zero = Decimal(0)
    return PhaseInTotals(
        old_budget=sum((r.old_budget for r in rows), start=zero),
        new_budget=sum((r.new_budget for r in rows), start=zero),
        by_year=tuple((y, sum((dict(r.by_year)[y] for r in rows), start=zero)) for y in years),
    )
