"""Pot model files (YAML/JSON): a pot and named models of elements (SPEC §3.10)."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from ressourcemodel.engine.pot import Element, ElementKind, Key, Model

from .load import read_document
from .readers import ScenarioError, _dec, _dict, _get, _int, _list, _str


def memo_models_text() -> str:
    """The 2020 memo's five models, shipped with the product."""
    return resources.files("ressourcemodel.data").joinpath("pot_memo_2020.yaml").read_text("utf-8")


def load_pot_file(path: str | Path | None) -> tuple[Decimal, tuple[Model, ...]]:
    if path is None:
        return parse_pot_models(memo_models_text())
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ScenarioError("", f"kan ikke læse filen {p}: {e.strerror}") from e
    return parse_pot_models(text, json_format=p.suffix.lower() == ".json")


def parse_pot_models(text: str, *, json_format: bool = False) -> tuple[Decimal, tuple[Model, ...]]:
    doc = _dict(read_document(text, json_format=json_format), "(dokument)")
    pot = _dec(_get(doc, "pot", ""), "pot", min_value=Decimal(0))
    models = []
    for i, m in enumerate(_list(_get(doc, "models", ""), "models")):
        path = f"models[{i}]"
        md = _dict(m, path)
        name = _str(_get(md, "name", path), f"{path}.name")
        elements = tuple(
            _element(_dict(e, f"{path}.elements[{j}]"), f"{path}.elements[{j}]")
            for j, e in enumerate(_list(_get(md, "elements", path), f"{path}.elements"))
        )
        models.append(Model(name, elements))
    return pot, tuple(models)


def _element(d: dict[str, Any], path: str) -> Element:
    kinds = [k.value for k in ElementKind]
    kind_s = _str(d.get("kind", "plain"), f"{path}.kind")
    if kind_s not in kinds:
        raise ScenarioError(f"{path}.kind", f"'{kind_s}' er ikke en af: {', '.join(kinds)}")
    kind = ElementKind(kind_s)

    def opt_int(key: str) -> int | None:
        return _int(d[key], f"{path}.{key}", min_value=1) if d.get(key) is not None else None

    def opt_dec(key: str) -> Decimal | None:
        if d.get(key) is None:
            return None
        return _dec(d[key], f"{path}.{key}", min_value=Decimal(0))

    weights = tuple(
        (_str(k, f"{path}.weights"), _dec(v, f"{path}.weights.{k}", min_value=Decimal(0)))
        for k, v in _dict(d.get("weights") or {}, f"{path}.weights").items()
    )
    key_s = _str(d.get("key", "activity"), f"{path}.key")
    if key_s not in [k.value for k in Key]:
        raise ScenarioError(f"{path}.key", "skal være activity, residents eller equal")
    return Element(
        name=_str(_get(d, "name", path), f"{path}.name"),
        amount=_dec(_get(d, "amount", path), f"{path}.amount", min_value=Decimal(0)),
        kind=kind,
        residents=opt_int("residents"),
        hourly_wage=opt_dec("rate"),
        group_size=opt_int("group_size"),
        months=opt_int("months") or 12,
        annual_cost_per_fte=opt_dec("fte_cost"),
        key=Key(key_s),
        weights=weights,
    )
