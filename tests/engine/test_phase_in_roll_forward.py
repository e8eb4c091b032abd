"""Phase-in (SPEC §3.8) and PL roll-forward (SPEC §3.9)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.engine.model import Facility
from ressourcemodel.engine.parameters import Parameters
from ressourcemodel.engine.phase_in import PhaseInStep, phase_in, phase_in_totals
from ressourcemodel.engine.roll_forward import roll_facility, roll_parameters
from ressourcemodel.engine.tariffs import hourly_cost


def test_default_phase_in_moves_half_then_all() -> None:
    rows = phase_in((("F1", Decimal(1_000_000), Decimal(1_200_001)),))
    assert rows[0].by_year == ((2026, Decimal(1_100_001)), (2027, Decimal(1_200_001)))


def test_cap_limits_the_yearly_change() -> None:
    rows = phase_in(
        (("F1", Decimal(1_000_000), Decimal(1_300_000)),),
        steps=(
            PhaseInStep(2026, Decimal(1)),
            PhaseInStep(2027, Decimal(1)),
            PhaseInStep(2028, Decimal(1)),
        ),
        cap_rate=Decimal("0.10"),
    )
    # +100.000 (10 % of 1.000.000), +110.000 (10 % of 1.100.000), then the last 90.000
    assert [b for _, b in rows[0].by_year] == [1_100_000, 1_210_000, 1_300_000]


amounts = st.integers(min_value=0, max_value=50_000_000)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=15))
def test_phase_in_is_neutral_when_old_and_new_totals_are_equal(
    pairs: list[tuple[int, int]],
) -> None:
    olds = [Decimal(o) for o, _ in pairs]
    news = [Decimal(n) for _, n in pairs]
    # Make the new total equal to the old total by adjusting the first facility.
    news[0] += sum(olds) - sum(news)
    rows = phase_in(tuple((f"F{i}", o, n) for i, (o, n) in enumerate(zip(olds, news, strict=True))))
    for k in range(2):
        assert sum(r.by_year[k][1] for r in rows) == sum(olds)
    assert [r.by_year[-1][1] for r in rows] == news
    totals = phase_in_totals(rows, [2026, 2027])
    assert totals.neutral
    assert totals.by_year == ((2026, sum(olds)), (2027, sum(olds)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(amounts, amounts), min_size=0, max_size=15))
def test_phase_in_totals_are_the_sums_of_the_rows(pairs: list[tuple[int, int]]) -> None:
    rows = phase_in(tuple((f"F{i}", Decimal(o), Decimal(n)) for i, (o, n) in enumerate(pairs)))
    totals = phase_in_totals(rows, [2026, 2027])
    assert totals.old_budget == sum(Decimal(o) for o, _ in pairs)
    assert totals.new_budget == sum(Decimal(n) for _, n in pairs)
    assert totals.neutral == (totals.old_budget == totals.new_budget)
    for k, year in enumerate((2026, 2027)):
        assert totals.by_year[k] == (year, sum((r.by_year[k][1] for r in rows), Decimal(0)))


def test_roll_forward_applies_wage_and_price_index() -> None:
    p = roll_parameters(Parameters(2026), wage_rate=Decimal("0.032"))
    assert p.year == 2027
    assert p.staff_mix[0].annual_cost == Decimal(562_440)  # 545.000 × 1,032
    assert hourly_cost(p) > hourly_cost(Parameters(2026))
    f = Facility(
        "F1",
        "F1",
        "A",
        10,
        (("nattevagt", Decimal(1_000_000)), ("bygningsdrift_og_vedligehold", Decimal(200_000))),
        regulation=Decimal(50_000),
    )
    rolled = roll_facility(f, wage_rate=Decimal("0.032"), price_rate=Decimal("0.021"))
    assert rolled.fixed_costs == (
        ("nattevagt", Decimal(1_032_000)),
        ("bygningsdrift_og_vedligehold", Decimal(204_200)),
    )
    assert rolled.regulation == 0
