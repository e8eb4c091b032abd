"""Pot calculator (SPEC §3.10): the memo's figures, properties, models and the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ressourcemodel.cli import main
from ressourcemodel.engine.errors import ValidationError
from ressourcemodel.engine.money import parse_decimal, round_2
from ressourcemodel.engine.pot import (
    Element,
    ElementKind,
    Key,
    Model,
    compare_models,
    cost_of_hours,
    distribute,
    fte_from_amount,
    hours_per_group_per_month,
    hours_per_resident_per_month,
    whole_groups,
)
from ressourcemodel.scenario.load import _StringLoader
from ressourcemodel.scenario.pot_file import load_pot_file

MEMO = yaml.load(
    (Path(__file__).parent / "cases" / "pot" / "memo_2020.yaml").read_text("utf-8"),
    Loader=_StringLoader,
)["cases"]


def _run(call: str, i: dict[str, Any]) -> Decimal:
    d = {
        k: parse_decimal(v) if k in ("hours", "rate", "amount", "fte_cost") else int(v)
        for k, v in i.items()
    }
    if call == "cost":
        return cost_of_hours(
            hours=d["hours"], hourly_wage=d["rate"], residents=d["residents"], months=d["months"]
        )
    if call == "hours":
        return round_2(
            hours_per_resident_per_month(
                amount=d["amount"],
                hourly_wage=d["rate"],
                residents=d["residents"],
                months=d["months"],
            )
        )
    if call == "group_hours":
        return round_2(
            hours_per_group_per_month(
                amount=d["amount"],
                hourly_wage=d["rate"],
                residents=d["residents"],
                group_size=d["group_size"],
                months=d["months"],
            )
        )
    return fte_from_amount(amount=d["amount"], annual_cost_per_fte=d["fte_cost"])


@pytest.mark.parametrize("case", MEMO, ids=[c["name"] for c in MEMO])
def test_memo_figures(case: dict[str, Any]) -> None:
    assert _run(case["call"], case["input"]) == Decimal(case["expect"])


def test_memo_groups_are_whole_groups() -> None:
    assert whole_groups(residents=97, group_size=3) == 32


money = st.integers(min_value=1, max_value=10**8).map(Decimal)
wages = st.integers(min_value=10000, max_value=100000).map(lambda c: Decimal(c) / 100)


@settings(max_examples=200, deadline=None)
@given(money, wages, st.integers(1, 500), st.integers(1, 12))
def test_hours_then_cost_gives_back_the_amount(
    amount: Decimal, wage: Decimal, residents: int, months: int
) -> None:
    h = hours_per_resident_per_month(
        amount=amount, hourly_wage=wage, residents=residents, months=months
    )
    back = h * residents * months * wage.as_integer_ratio()[0] / wage.as_integer_ratio()[1]
    assert back == amount


@settings(max_examples=200, deadline=None)
@given(money, wages, st.integers(1, 499), st.integers(1, 12))
def test_more_residents_never_give_more_hours(
    amount: Decimal, wage: Decimal, residents: int, months: int
) -> None:
    a = hours_per_resident_per_month(
        amount=amount, hourly_wage=wage, residents=residents, months=months
    )
    b = hours_per_resident_per_month(
        amount=amount, hourly_wage=wage, residents=residents + 1, months=months
    )
    assert b < a


@settings(max_examples=300, deadline=None)
@given(
    money,
    st.lists(st.integers(0, 10**7).map(Decimal), min_size=1, max_size=20).filter(any),
    st.sampled_from(list(Key)),
)
def test_distribution_sums_exactly_and_is_non_negative(
    amount: Decimal, weights: list[Decimal], key: Key
) -> None:
    parts = distribute(
        amount=amount, weights=tuple((f"F{i}", w) for i, w in enumerate(weights)), key=key
    )
    assert sum(p for _, p in parts) == amount
    assert all(p >= 0 for _, p in parts)


def test_model_must_sum_to_the_pot() -> None:
    m = Model("Skæv", (Element("a", Decimal(1_000_000)), Element("b", Decimal(900_000))))
    with pytest.raises(ValidationError, match="summerer til 1900000"):
        compare_models(Decimal(2_000_000), (m,))


def test_memo_five_models_side_by_side() -> None:
    pot, models = load_pot_file(None)
    results = compare_models(pot, models)
    assert pot == Decimal(2_000_000)
    assert [r.model.name for r in results] == [f"Model {i}" for i in range(1, 6)]
    model3 = {e.element.name: e for e in results[2].elements}
    assert model3["Ledsagelse, individuel (funktionsniveau 4–5)"].figure == Decimal("2.64")
    assert model3["Ledsagelse i grupper af 3"].figure == Decimal("2.67")
    assert model3["Ledsagelse i grupper af 3"].groups == 32
    assert results[4].elements[1].figure == Decimal("2.00")  # 1 mio. kr. bostøtte = 2 årsværk


def test_distribution_element_by_residents() -> None:
    e = Element(
        "Fordeling",
        Decimal(1000),
        ElementKind.DISTRIBUTION,
        key=Key.RESIDENTS,
        weights=(("F1", Decimal(1)), ("F2", Decimal(2))),
    )
    r = compare_models(Decimal(1000), (Model("M", (e,)),))[0]
    assert r.elements[0].parts == (("F1", Decimal(333)), ("F2", Decimal(667)))


@pytest.mark.parametrize(
    ("argv", "result"),
    [
        (
            ["pot", "cost", "--hours", "2", "--rate", "244,04", "--residents", "182", "--json"],
            "1065966.72",
        ),
        (
            ["pot", "hours", "--amount", "750000", "--rate", "244", "--residents", "97", "--json"],
            "2.64",
        ),
        (
            [
                "pot",
                "hours",
                "--amount",
                "250000",
                "--rate",
                "244",
                "--residents",
                "97",
                "--group-size",
                "3",
                "--json",
            ],
            "2.67",
        ),
        (["pot", "fte", "--amount", "500000", "--fte-cost", "500000", "--json"], "1.00"),
        (["pot", "models", "--json"], "2000000"),
    ],
)
def test_cli_json_result(argv: list[str], result: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["result"] == result


def test_cli_danish_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pot", "cost", "--hours", "2", "--rate", "244,04", "--residents", "182"]) == 0
    assert "1.065.966,72 kr." in capsys.readouterr().out


def test_cli_bad_input_exits_2_with_nothing_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pot", "hours", "--amount", "100", "--rate", "244", "--residents", "0"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "Antal beboere" in out.err


def test_cli_non_number_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["pot", "fte", "--amount", "mange", "--fte-cost", "500000"])
    assert info.value.code == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("amount", "n", "expected"),
    [(3, 6, [1, 1, 1, 0, 0, 0]), (1_000_000, 3, [333_334, 333_333, 333_333]), (0, 4, [0] * 4)],
)
def test_equal_distribution_is_largest_remainder(amount: int, n: int, expected: list[int]) -> None:
    # 3 kr. over 6 facilities once gave one facility -2 kr.
    parts = distribute(
        amount=Decimal(amount),
        weights=tuple((f"F{i}", Decimal(1)) for i in range(n)),
        key=Key.EQUAL,
    )
    assert [int(p) for _, p in parts] == expected
