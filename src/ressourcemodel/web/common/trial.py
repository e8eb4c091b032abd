"""Trial writes: do a change for real inside a transaction, read the outcome, undo the change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def rolled_back(work: Callable[[], T]) -> T:
    """Run ``work`` in a transaction that is always rolled back and return what it returned.

    Previews use it to show the year as it would be after an import or a new tariff version
    without saving anything; an error inside ``work`` propagates after the rollback.
    """
    with transaction.atomic():
        outcome = work()
        transaction.set_rollback(True)
    return outcome
