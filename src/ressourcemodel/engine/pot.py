"""Pot calculator: spending a pot of money on extra staff time (SPEC §3.10, the 2020 memo).

All amounts are Decimal kroner; hours are exact until the named display rounding (two decimals,
ROUND_HALF_UP). The memo's figures come out of these functions (tests/engine/cases/pot/).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .errors import ValidationError
from .money import round_2, round_kr, round_ore, to_fraction


def _positive(value: Decimal | int, what: str) -> None:
    if value <= 0:
        raise ValidationError(f"{what} skal være større end 0.")


def hours_per_resident_per_month(
    *, amount: Decimal, hourly_wage: Decimal, residents: int, months: int = 12
) -> Fraction:
    """Hours per resident per month = pot ÷ months ÷ hourly wage ÷ residents, exact.

    Memo: 750.000 kr ÷ 12 ÷ 244 kr ÷ 97 = 2,64 h; 1.000.000 ÷ 12 ÷ 244 ÷ 97 = 3,52 h."""
    _positive(amount, "Beløbet")
    _positive(hourly_wage, "Timelønnen")
    _positive(residents, "Antal beboere")
    _positive(months, "Antal måneder")
    return to_fraction(amount) / months / to_fraction(hourly_wage) / residents


def cost_of_hours(
    *, hours: Decimal, hourly_wage: Decimal, residents: int, months: int = 12
) -> Decimal:
    """Cost of h hours per resident per month = h × wage × residents × months, kr with øre.

    Memo: 2 h × 244,04 kr × 182 beboere × 12 måneder = 1.065.966,72 kr."""
    _positive(hours, "Timetallet")
    _positive(hourly_wage, "Timelønnen")
    _positive(residents, "Antal beboere")
    _positive(months, "Antal måneder")
    return round_ore(to_fraction(hours) * to_fraction(hourly_wage) * residents * months)


def whole_groups(*, residents: int, group_size: int) -> int:
    """Number of whole groups = residents ÷ group size, rounded down (memo: 97 ÷ 3 → 32)."""
    _positive(residents, "Antal beboere")
    _positive(group_size, "Gruppestørrelsen")
    return residents // group_size


def hours_per_group_per_month(
    *, amount: Decimal, hourly_wage: Decimal, residents: int, group_size: int, months: int = 12
) -> Fraction:
    """Hours per group per month = pot ÷ months ÷ wage ÷ whole groups, exact.

    Memo: 250.000 ÷ 12 ÷ 244 ÷ 32 = 2,668… h (the memo prints 2,66 by truncation; the product
    rounds half up and shows 2,67)."""
    groups = whole_groups(residents=residents, group_size=group_size)
    _positive(groups, "Antal hele grupper")
    return hours_per_resident_per_month(
        amount=amount, hourly_wage=hourly_wage, residents=groups, months=months
    )


def fte_from_amount(*, amount: Decimal, annual_cost_per_fte: Decimal) -> Decimal:
    """FTE = amount ÷ annual cost per FTE, two decimals (memo: 0,5 mio. kr ≈ 1 fuldtidsansat)."""
    _positive(annual_cost_per_fte, "Årsværksprisen")
    if amount < 0:
        raise ValidationError("Beløbet må ikke være negativt.")
    return round_2(to_fraction(amount) / to_fraction(annual_cost_per_fte))


class Key(StrEnum):
    """Resource key for distributing an amount to facilities."""

    ACTIVITY = "activity"  # proportional to each facility's activity budget
    RESIDENTS = "residents"  # proportional to residents
    EQUAL = "equal"


def distribute(
    *, amount: Decimal, weights: tuple[tuple[str, Decimal], ...], key: Key = Key.ACTIVITY
) -> tuple[tuple[str, Decimal], ...]:
    """Split ``amount`` over facilities in whole kroner by the resource key (SPEC §3.10).

    Largest-remainder rounding of round_kr(amount) × weight ÷ Σ weights: whole kroner, never
    negative, summing exactly to ``round_kr(amount)``. With ``Key.EQUAL`` the weights are
    ignored."""
    if not weights:
        raise ValidationError("Der skal være mindst ét tilbud at fordele til.")
    if amount < 0:
        raise ValidationError("Beløbet må ikke være negativt.")
    w = [Decimal(1) if key is Key.EQUAL else wt for _, wt in weights]
    if any(x < 0 for x in w):
        raise ValidationError("Fordelingsnøglen må ikke have negative vægte.")
    total_w = sum(w, start=Decimal(0))
    if total_w == 0:
        raise ValidationError("Fordelingsnøglen summerer til 0; der er intet at fordele efter.")
    # Largest remainder: every share rounded down, then the kroner left over go one at a time to
    # the shares with the largest fractional part (ties: first facility). Never negative, and the
    # parts sum exactly to the rounded amount.
    target = int(round_kr(amount))
    exact = [Fraction(target) * to_fraction(x) / to_fraction(total_w) for x in w]
    floors = [int(e) for e in exact]  # exact shares are ≥ 0, so int() rounds down
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: target - sum(floors)]:
        floors[i] += 1
    return tuple((fid, Decimal(p)) for (fid, _), p in zip(weights, floors, strict=True))


class ElementKind(StrEnum):
    HOURS = "hours"  # individual hours per resident per month
    GROUP = "group"  # hours per group per month
    FTE = "fte"  # full-time equivalents
    DISTRIBUTION = "distribution"  # parts to facilities by a resource key
    PLAIN = "plain"  # an amount with no further calculation


@dataclass(frozen=True, slots=True)
class Element:
    name: str
    amount: Decimal
    kind: ElementKind = ElementKind.PLAIN
    residents: int | None = None
    hourly_wage: Decimal | None = None
    group_size: int | None = None
    months: int = 12
    annual_cost_per_fte: Decimal | None = None
    key: Key = Key.ACTIVITY
    weights: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class ElementResult:
    element: Element
    figure: Decimal | None  # hours (2 decimals) or FTE; None for plain and distribution
    unit: str  # Danish unit text for the figure
    groups: int | None = None
    parts: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    elements: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class ModelResult:
    model: Model
    total: Decimal
    elements: tuple[ElementResult, ...]


def _need(value: object, element: Element, what: str) -> None:
    if value is None:
        raise ValidationError(f"Elementet '{element.name}' mangler {what}.")


def compute_element(e: Element) -> ElementResult:
    if e.kind is ElementKind.HOURS:
        _need(e.residents, e, "antal beboere")
        _need(e.hourly_wage, e, "timeløn")
        assert e.residents is not None
        assert e.hourly_wage is not None
        h = hours_per_resident_per_month(
            amount=e.amount, hourly_wage=e.hourly_wage, residents=e.residents, months=e.months
        )
        return ElementResult(e, round_2(h), "timer pr. beboer pr. måned")
    if e.kind is ElementKind.GROUP:
        _need(e.residents, e, "antal beboere")
        _need(e.hourly_wage, e, "timeløn")
        _need(e.group_size, e, "gruppestørrelse")
        assert e.residents is not None
        assert e.hourly_wage is not None
        assert e.group_size is not None
        h = hours_per_group_per_month(
            amount=e.amount,
            hourly_wage=e.hourly_wage,
            residents=e.residents,
            group_size=e.group_size,
            months=e.months,
        )
        groups = whole_groups(residents=e.residents, group_size=e.group_size)
        return ElementResult(e, round_2(h), "timer pr. gruppe pr. måned", groups=groups)
    if e.kind is ElementKind.FTE:
        _need(e.annual_cost_per_fte, e, "årsværkspris")
        assert e.annual_cost_per_fte is not None
        fte = fte_from_amount(amount=e.amount, annual_cost_per_fte=e.annual_cost_per_fte)
        return ElementResult(e, fte, "årsværk")
    if e.kind is ElementKind.DISTRIBUTION:
        parts = distribute(amount=e.amount, weights=e.weights, key=e.key) if e.weights else ()
        return ElementResult(e, None, "fordelt efter ressourcenøglen", parts=parts)
    return ElementResult(e, None, "")


def compute_model(pot: Decimal, model: Model) -> ModelResult:
    """A model's elements must sum to the pot (SPEC §3.10)."""
    total = sum((e.amount for e in model.elements), start=Decimal(0))
    if total != pot:
        raise ValidationError(
            f"Modellen '{model.name}': elementerne summerer til {total} kr., men puljen er "
            f"{pot} kr."
        )
    return ModelResult(model, total, tuple(compute_element(e) for e in model.elements))


def compare_models(pot: Decimal, models: tuple[Model, ...]) -> tuple[ModelResult, ...]:
    """Every model computed, side by side (the memo's five models)."""
    return tuple(compute_model(pot, m) for m in models)
