"""A citizen or stay write is checked by the engine for the years it touches only, reading only
the changed citizen: from the process's kept calculation with the incremental engine, or without
one on the year's parameters and facilities with that citizen alone. A refused write gives the
same Danish message as a full calculation and keeps nothing (no row, no audit, no new version)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from ressourcemodel.web.audit.models import AuditLog
from ressourcemodel.web.calculation import results
from ressourcemodel.web.citizens import records
from ressourcemodel.web.common import checks
from ressourcemodel.web.common.errors import ServiceError
from ressourcemodel.web.records import models as m

pytestmark = pytest.mark.django_db


def _user() -> Any:
    return get_user_model().objects.get(username="myndighed")


def _moved_out() -> m.Citizen:
    """A new citizen with a level from 1 June 2026 who moved out on 1 July 2026."""
    c = records.citizen_create(
        user=_user(),
        data=records.NewCitizen(
            name="Prøve Udflyttet", cpr="", paying_municipality="707", facility="T01",
            move_in=date(2026, 6, 1), level="4", reason="Foreløbigt",
        ),
    )  # fmt: skip
    stay = c.stays.get()
    records.stay_end(user=_user(), stay=stay, move_out=date(2026, 7, 1), reason="fraflytning")
    return c


def _full_check_message(c: m.Citizen, move_in: date) -> str:
    """What the full calculation of every year says about the same change (then rolled back)."""
    sid = transaction.savepoint()
    m.Stay.objects.create(citizen=c, facility=m.Facility.objects.get(code="T02"), move_in=move_in)
    with pytest.raises(ServiceError) as e:
        checks.engine_accepts(results.years_with_data())
    transaction.savepoint_rollback(sid)
    return str(e.value)


def _refused(c: m.Citizen, move_in: date) -> str:
    with pytest.raises(ServiceError) as e:
        records.stay_move_in(user=_user(), citizen=c, facility="T02", move_in=move_in)
    return str(e.value)


def _no_whole_register(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the write check read the whole register")

    monkeypatch.setattr(checks, "scenario_for_year", refuse)


@pytest.mark.parametrize("warm", [True, False], ids=["kept calculation", "no calculation"])
def test_a_refused_move_in_keeps_nothing_and_says_what_the_full_check_says(
    warm: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = _moved_out()
    expected = _full_check_message(c, date(2026, 3, 1))  # before the level: not covered
    assert "ingen godkendt vurdering" in expected
    results.clear_cache()
    if warm:
        before = results.computed(2026)
        assert results.kept_state(2026) is not None
    else:
        assert results.kept_state(2026) is None
    _no_whole_register(monkeypatch)
    stays, audits, version = c.stays.count(), AuditLog.objects.count(), results.data_version()
    assert _refused(c, date(2026, 3, 1)) == expected
    assert (c.stays.count(), AuditLog.objects.count(), results.data_version()) == (
        stays, audits, version
    )  # fmt: skip
    if warm:  # the kept calculation is untouched: the page shows the data as it was
        assert results.computed(2026) is before
        assert str(c.pk) in before.citizens


def test_with_a_kept_calculation_the_check_is_incremental(monkeypatch: pytest.MonkeyPatch) -> None:
    c = _moved_out()
    results.computed(2026)
    _no_whole_register(monkeypatch)
    seen: list[set[str]] = []
    real_update = checks.update

    def spy(state: Any, scenario: Any, **kwargs: Any) -> Any:
        seen.append(set(kwargs["changed_citizens"]))
        return real_update(state, scenario, **kwargs)

    def no_compute(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a full calculation")

    monkeypatch.setattr(checks, "update", spy)
    monkeypatch.setattr(checks, "compute", no_compute)
    stay = records.stay_move_in(user=_user(), citizen=c, facility="T02", move_in=date(2026, 9, 1))
    assert seen == [{str(c.pk)}] * len(checks.citizen_years(date(2026, 9, 1)))
    assert stay.move_in == date(2026, 9, 1)
    # the page afterwards shows the change, computed as the whole municipality
    periods = results.computed(2026).citizens[str(c.pk)].periods
    assert periods[-1].facility == "T02"


def test_without_a_kept_calculation_only_the_changed_citizen_is_computed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = _moved_out()
    results.clear_cache()
    _no_whole_register(monkeypatch)
    computed_citizens: list[list[str]] = []
    real_compute = checks.compute

    def spy(scenario: Any, **kwargs: Any) -> Any:
        computed_citizens.append([x.id for x in scenario.citizens])
        return real_compute(scenario, **kwargs)

    monkeypatch.setattr(checks, "compute", spy)
    records.stay_move_in(user=_user(), citizen=c, facility="T02", move_in=date(2026, 9, 1))
    assert computed_citizens
    assert all(ids == [str(c.pk)] for ids in computed_citizens)


def test_the_years_a_change_touches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "years_with_data", lambda: [2027, 2026, 2025])
    assert checks.citizen_years(date(2026, 12, 31)) == [2027, 2026]
    assert checks.citizen_years(date(2027, 1, 1)) == [2027]
    assert checks.citizen_years(date(2028, 1, 1)) == []
    assert checks.citizen_years(None) == [2027, 2026, 2025]


@pytest.mark.parametrize(
    ("write", "since"),
    [
        (lambda c, s: records.stay_move_in(user=_user(), citizen=c, facility="T02",
                                           move_in=date(2027, 1, 1)), date(2026, 12, 31)),
        (lambda c, s: records.stay_end(user=_user(), stay=s, move_out=date(2027, 3, 1),
                                       reason="doed"), date(2027, 3, 1)),
    ],
    ids=["move-in closes the stay the day before", "move-out"],
)  # fmt: skip
def test_each_write_checks_from_the_first_day_it_changes(
    write: Callable[[m.Citizen, m.Stay], Any], since: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    stay = m.Stay.objects.filter(move_out__isnull=True, move_in__lt=date(2026, 1, 1)).first()
    assert stay is not None
    asked: list[date | None] = []
    real = checks.engine_accepts_citizens

    def spy(pks: Any, *, since: date | None) -> None:
        asked.append(since)
        real(pks, since=since)

    monkeypatch.setattr(records, "engine_accepts_citizens", spy)
    write(stay.citizen, stay)
    assert asked == [since]
