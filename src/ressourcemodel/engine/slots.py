"""Building many engine objects quickly (the loader's døgnskema entries, the engine's periods,
results and parts).

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``: at national
scale (300.000 døgnskema entries) that alone takes about a second. ``filler`` gives a
constructor that stores every field straight into its slot — the same object, made in half the
time. It takes every field positionally (no defaults) and is only for frozen slots dataclasses
without ``__post_init__`` (checked when the constructor is made; tests/scenario/test_slots.py
compares it with the class's own constructor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def filler(cls: type[T]) -> Callable[..., T]:
    """A constructor ``make(field1, field2, …)`` for ``cls`` that fills its slots directly."""
    if not is_dataclass(cls) or "__slots__" not in vars(cls) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} is not a slots dataclass without __post_init__")
    names = [f.name for f in fields(cls)]
    if tuple(names) != tuple(vars(cls)["__slots__"]):
        raise TypeError(f"{cls.__name__}: the slots are not exactly the fields")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    namespace.update({f"_set_{n}": vars(cls)[n].__set__ for n in names})
    lines = [f"def make({', '.join(names)}):", "    obj = _new(_cls)"]
    lines += [f"    _set_{n}(obj, {n})" for n in names]
    lines.append("    return obj")
    exec("\n".join(lines), namespace)  # the way dataclasses writes __init__
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = f"filler({cls.__name__})"
    return make
